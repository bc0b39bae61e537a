//! The help overlay, built from the keymap so it always tells the truth.

use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

pub fn draw(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let bindings = app.keymap.bindings();
    let key_w = bindings
        .iter()
        .map(|b| {
            b.keys
                .iter()
                .map(|k| k.label().chars().count() + 1)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(8)
        .min(24);
    let mut lines: Vec<Line<'_>> = bindings
        .iter()
        .map(|b| {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ");
            Line::from(vec![
                Span::styled(
                    format!(" {:<key_w$} ", super::text::fit(&keys, key_w)),
                    Style::new().fg(Color::Yellow),
                ),
                Span::raw(b.description),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        " Keys can be changed in config.toml, section [keys].",
        Style::new().fg(Color::Gray),
    ));
    let w = (area.width.saturating_sub(4)).min(72);
    let h = (area.height.saturating_sub(2)).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let max_scroll = lines.len().saturating_sub(usize::from(h.saturating_sub(2)));
    let scroll = scroll.min(max_scroll);
    Clear.render(rect, buf);
    let title = format!(
        " Keys · {} close ",
        app.keymap.hint(crate::app::action::Action::Back)
    );
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(Span::styled(
                    title,
                    Style::new().add_modifier(Modifier::BOLD),
                ))
                .border_style(Style::new().fg(Color::Cyan)),
        )
        .render(rect, buf);
}
