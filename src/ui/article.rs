//! The article pane: the pre-rendered lines of the open article, from its scroll offset.

use crate::app::{App, Focus, OpenArticle};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

pub fn draw(app: &App, open: &OpenArticle, area: Rect, buf: &mut Buffer) {
    let Some(rendered) = &open.rendered else {
        let text = match &open.error {
            Some(e) => format!(" {e}"),
            None => format!(" {}", t!("article-loading")),
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
    draw_protocol_pictures(open, text_area, buf);
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

/// Pictures the terminal draws itself (kitty, sixel, iTerm2), over their half blocks, when
/// the whole picture is on screen: those protocols cannot draw part of one, and a picture
/// partly scrolled off keeps its half blocks.
fn draw_protocol_pictures(open: &OpenArticle, area: Rect, buf: &mut Buffer) {
    let bottom = open.scroll + usize::from(area.height);
    for block in &open.blocks {
        let Some(protocol) = block.shown.as_ref().and_then(|s| s.protocol.as_ref()) else {
            continue;
        };
        if block.start < open.scroll || block.start + block.rows > bottom {
            continue;
        }
        let size = protocol.size();
        let at = Rect {
            x: area.x,
            y: area.y + (block.start - open.scroll) as u16,
            width: size.width.min(area.width),
            height: size.height.min(block.rows as u16),
        };
        ratatui::widgets::Widget::render(ratatui_image::Image::new(protocol), at, buf);
    }
}
