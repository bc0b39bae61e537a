//! The article pane: the pre-rendered lines of the open article, from its scroll offset.

use crate::app::{App, Focus, OpenArticle};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

pub fn draw(app: &App, open: &OpenArticle, area: Rect, buf: &mut Buffer) {
    let Some(rendered) = &open.rendered else {
        let text = match &open.error {
            Some(e) => format!(" {e}"),
            None => " Loading…".to_string(),
        };
        buf.set_string(area.x, area.y, text, Style::new().fg(Color::Gray));
        return;
    };
    let text_area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    for (row, line) in rendered
        .lines
        .iter()
        .skip(open.scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        buf.set_line(text_area.x, text_area.y + row as u16, line, text_area.width);
    }
    let total = rendered.lines.len();
    if total > usize::from(area.height) {
        let mut state = ScrollbarState::new(total.saturating_sub(usize::from(area.height)))
            .position(open.scroll)
            .viewport_content_length(usize::from(area.height));
        let style = if app.focus == Focus::Article {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new().fg(Color::DarkGray)
        };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(style)
            .track_style(Style::new().fg(Color::Black))
            .render(area, buf, &mut state);
    }
}
