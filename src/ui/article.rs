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
    let terms = app.highlight_terms();
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
        let y = text_area.y + row as u16;
        buf.set_line(text_area.x, y, line, text_area.width);
        if !terms.is_empty() {
            highlight(app, buf, line, &terms, text_area, y);
        }
    }
    let total = rendered.lines.len();
    if total > usize::from(area.height) {
        let mut state = ScrollbarState::new(total.saturating_sub(usize::from(area.height)))
            .position(open.scroll)
            .viewport_content_length(usize::from(area.height));
        let style = if app.focus() == Focus::Article {
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

/// Marks search matches in a drawn line (matches inside one line; a match broken across
/// the wrap is not marked).
fn highlight(
    app: &App,
    buf: &mut Buffer,
    line: &ratatui::text::Line<'_>,
    terms: &[String],
    area: Rect,
    y: u16,
) {
    use unicode_width::UnicodeWidthStr;
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    for t in terms {
        for r in crate::filter::find_all(&text, t) {
            let (Some(before), Some(matched)) = (text.get(..r.start), text.get(r.clone())) else {
                continue;
            };
            let x0 = area.x + before.width() as u16;
            for x in x0..(x0 + matched.width() as u16).min(area.right()) {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_style(super::marked(app));
                }
            }
        }
    }
}
