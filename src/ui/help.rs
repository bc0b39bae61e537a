//! The help overlay: the text `app::help` builds from the keymap (every mode's keys, what
//! they do, their names in config.toml), styled and drawn in a box centred on the screen,
//! scrolled when taller than the screen.

use crate::app::action::Action;
use crate::app::help::{self, HelpLine, Part};
use crate::app::keymap::{KeyMode, Keymap};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

fn style(part: Part) -> Style {
    match part {
        Part::Heading => Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
        Part::Section => Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
        Part::Key => Style::new().fg(Color::Yellow),
        Part::NoKey | Part::Warning => Style::new().fg(Color::LightRed),
        Part::Text => Style::new(),
        Part::Name => Style::new().fg(Color::Cyan),
        Part::Note => Style::new().fg(Color::Gray),
    }
}

fn line(parts: HelpLine) -> Line<'static> {
    Line::from(
        parts
            .into_iter()
            .map(|(text, part)| Span::styled(text, style(part)))
            .collect::<Vec<_>>(),
    )
}

pub fn draw(keymap: &Keymap, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let b = help::layout(keymap, area.width, area.height);
    let rect = Rect {
        x: area.x + (area.width - b.width) / 2,
        y: area.y + (area.height - b.height) / 2,
        width: b.width,
        height: b.height,
    };
    let total = b.lines.len();
    let max_scroll = total.saturating_sub(b.visible);
    let scroll = scroll.min(max_scroll);
    Clear.render(rect, buf);
    let title = format!(
        " {} ",
        t!(
            "help-title",
            key = keymap.hint_in(KeyMode::Help, Action::Close)
        )
    );
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .border_style(Style::new().fg(Color::Cyan));
    if max_scroll > 0 {
        // Where the view is, and that there is more: help does not fit at 80×24.
        let more = format!(
            " {} ",
            t!(
                "help-scroll",
                shown = (scroll + b.visible).to_string(),
                total = total.to_string(),
                down = keymap.hint_in(KeyMode::Help, Action::Down),
                up = keymap.hint_in(KeyMode::Help, Action::Up)
            )
        );
        block = block.title_bottom(Line::from(more).right_aligned());
    }
    let lines: Vec<Line<'static>> = b.lines.into_iter().map(line).collect();
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .block(block)
        .render(rect, buf);
}
