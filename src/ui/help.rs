//! The help overlay, built from the keymap so it always tells the truth: keys, what they
//! do, and the action's name for `[keys]` in config.toml. As wide as the terminal allows
//! (descriptions wrap rather than being cut), scrolled when taller than the screen.

use super::text::fit;
use crate::app::action::Action;
use crate::app::keymap::{Binding, Keymap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// Below this the description column is too narrow to read; the name column goes first.
const MIN_DESC_W: usize = 16;
const KEY_W_MAX: usize = 24;

struct Columns {
    key: usize,
    desc: usize,
    /// 0 when the names do not fit beside the descriptions.
    name: usize,
}

fn keys_label(b: &Binding) -> String {
    if b.keys.is_empty() {
        return "(no key)".into();
    }
    b.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns for a box of at most `max_inner` cells inside its border.
fn columns(bindings: &[Binding], max_inner: usize) -> Columns {
    let key = bindings
        .iter()
        .map(|b| keys_label(b).width())
        .max()
        .unwrap_or(8)
        .min(KEY_W_MAX);
    let name = bindings
        .iter()
        .map(|b| b.action.name().len())
        .max()
        .unwrap_or(0);
    let desc_natural = bindings
        .iter()
        .map(|b| b.description.width())
        .max()
        .unwrap_or(0);
    // " keys  description  name "
    let fixed = 1 + key + 2 + 2 + name + 1;
    if max_inner >= fixed + MIN_DESC_W {
        Columns {
            key,
            desc: desc_natural.min(max_inner - fixed),
            name,
        }
    } else {
        let fixed = 1 + key + 2 + 1;
        Columns {
            key,
            desc: max_inner.saturating_sub(fixed).max(1),
            name: 0,
        }
    }
}

fn help_lines(keymap: &Keymap, cols: &Columns) -> Vec<Line<'static>> {
    let key_st = Style::new().fg(Color::Yellow);
    let name_st = Style::new().fg(Color::Cyan);
    let bad = Style::new().fg(Color::LightRed);
    let gray = Style::new().fg(Color::Gray);
    let mut lines = Vec::new();
    let mut head = vec![
        Span::styled(
            format!(" {}  ", fit("Keys", cols.key)),
            gray.add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            fit("What it does", cols.desc),
            gray.add_modifier(Modifier::BOLD),
        ),
    ];
    if cols.name > 0 {
        head.push(Span::styled(
            format!("  {} ", fit("[keys] name", cols.name)),
            gray.add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::from(head));
    let indent = " ".repeat(1 + cols.key + 2);
    for b in keymap.bindings() {
        let label = keys_label(b);
        let first_st = if b.keys.is_empty() { bad } else { key_st };
        let desc = crate::render::wrap(b.description, cols.desc);
        for (i, part) in desc.iter().enumerate() {
            let mut spans = if i == 0 {
                vec![Span::styled(
                    format!(" {}  ", fit(&label, cols.key)),
                    first_st,
                )]
            } else {
                vec![Span::raw(indent.clone())]
            };
            spans.push(Span::raw(fit(part, cols.desc)));
            if i == 0 && cols.name > 0 {
                spans.push(Span::styled(
                    format!("  {} ", fit(&b.action.name(), cols.name)),
                    name_st,
                ));
            }
            lines.push(Line::from(spans));
        }
        if cols.name == 0 {
            lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(fit(&b.action.name(), cols.desc), name_st),
            ]));
        }
        // The conflict, named where the user looks for the missing key.
        for (key, to) in &b.lost {
            let note = format!("⚠ {} was given to {} in [keys]", key.label(), to.name());
            for part in crate::render::wrap(&note, cols.desc + 2 + cols.name) {
                lines.push(Line::from(vec![
                    Span::raw(indent.clone()),
                    Span::styled(part, bad),
                ]));
            }
        }
    }
    lines.push(Line::default());
    let tail = "Keys can be changed in config.toml, section [keys], by the names in this list.";
    for part in crate::render::wrap(tail, 1 + cols.key + 2 + cols.desc + 2 + cols.name - 1) {
        lines.push(Line::styled(format!(" {part}"), gray));
    }
    lines
}

/// The help box in `area`, its lines, and how many of them show at once.
fn layout(keymap: &Keymap, area: Rect) -> (Rect, Vec<Line<'static>>, usize) {
    let max_inner = usize::from(area.width.saturating_sub(4));
    let cols = columns(keymap.bindings(), max_inner);
    let lines = help_lines(keymap, &cols);
    let inner_w = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .min(max_inner);
    let w = (inner_w as u16 + 2).min(area.width);
    let h = (area.height.saturating_sub(2)).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let visible = usize::from(h.saturating_sub(2));
    (rect, lines, visible)
}

/// The farthest help scrolls on a screen of `size`, so the app can keep its offset in range.
/// Takes the keymap, not the app, so the app can ask without this module importing it.
pub fn max_scroll(keymap: &Keymap, size: (u16, u16)) -> usize {
    let (_, lines, visible) = layout(keymap, Rect::new(0, 0, size.0, size.1));
    lines.len().saturating_sub(visible.max(1))
}

pub fn draw(keymap: &Keymap, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let (rect, lines, visible) = layout(keymap, area);
    let max_scroll = lines.len().saturating_sub(visible);
    let scroll = scroll.min(max_scroll);
    Clear.render(rect, buf);
    let title = format!(" Keys · {} close ", keymap.hint(Action::Back));
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .border_style(Style::new().fg(Color::Cyan));
    if max_scroll > 0 {
        // Where the view is, and that there is more: help no longer fits at 80×24.
        let more = format!(
            " {}/{} {}/{} scroll ",
            scroll + visible,
            lines.len(),
            keymap.hint(Action::Down),
            keymap.hint(Action::Up),
        );
        block = block.title_bottom(Line::from(more).right_aligned());
    }
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .block(block)
        .render(rect, buf);
}
