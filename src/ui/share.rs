//! The share menu and the QR code overlay.

use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap::KeyMode;
use crate::share::{self, QrError};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn block(title: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ))
}

pub fn menu(app: &App, area: Rect, buf: &mut Buffer) {
    let entries = &app.sharing().entries;
    let key = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    // Each column as wide as its longest label (labels differ in length between languages),
    // two columns when both fit, so the whole menu fits 80×24.
    let label_w = |es: &[share::MenuEntry]| es.iter().map(|e| e.label.width()).max().unwrap_or(0);
    let half = entries.len().div_ceil(2);
    let (first, second) = entries.split_at(half.min(entries.len()));
    // At least the 24 cells English labels have always had.
    let (w1, w2) = (label_w(first).max(23), label_w(second).max(23));
    // Frame (2) + " k " (3) + label + a gap (1), per column.
    let two = area.width as usize >= 2 + (4 + w1) + (4 + w2);
    let cell = |e: &share::MenuEntry, width: usize| -> Vec<Span<'static>> {
        vec![
            Span::styled(format!(" {} ", e.key), key),
            Span::raw(format!("{} ", super::text::fit(&e.label, width))),
        ]
    };
    let rows = if two { half } else { entries.len() };
    let col1 = if two { w1 } else { label_w(entries).max(23) };
    let mut lines: Vec<Line<'static>> = (0..rows)
        .map(|r| {
            let mut spans = entries.get(r).map(|e| cell(e, col1)).unwrap_or_default();
            if two && let Some(e) = entries.get(r + rows) {
                spans.extend(cell(e, w2));
            }
            Line::from(spans)
        })
        .collect();
    let links = app
        .article()
        .and_then(|a| a.rendered.as_ref())
        .map(|r| r.links.len())
        .unwrap_or(0);
    if links > 0 && app.article().map(|a| a.id) == app.selected_article() {
        lines.push(Line::from(vec![
            Span::styled(format!(" 1–{} ", links.min(9)), key),
            Span::raw(t!("share-open-link-n")),
        ]));
    }
    if app.sharing().ctx.remote {
        lines.push(Line::styled(
            format!(" {}", t!("share-remote-note")),
            Style::new().fg(Color::Gray),
        ));
    }
    let title = app
        .selected_article()
        .and_then(|id| app.store().headline(id))
        .map(|h| h.title().to_string())
        .unwrap_or_default();
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let w = (widest + 2).max(if two { 64 } else { 34 }) as u16;
    let rect = centered(area, w, lines.len() as u16 + 2);
    Clear.render(rect, buf);
    let close = app.keymap().hint_in(KeyMode::Share, Action::Close);
    // The article's title gets what the frame's words and the corner leave.
    let frame = format!(
        " {} ",
        t!("share-menu-title", title = "", key = close.as_str())
    );
    let room = usize::from(w).saturating_sub(frame.width() + 1);
    let title = format!(
        " {} ",
        t!(
            "share-menu-title",
            title = super::text::fit(&title, room).trim_end().to_string(),
            key = close.as_str()
        )
    );
    Paragraph::new(lines).block(block(title)).render(rect, buf);
}

/// A QR code of `url`; the copy key named in it copies the link (see `App::qr_key`).
pub fn qr(app: &App, url: &str, caption: &str, area: Rect, buf: &mut Buffer) {
    let copy_key = app.keymap().hint_in(KeyMode::Qr, Action::CopyLink);
    // Room for the border, the caption and the URL under the code.
    let max_w = area.width.saturating_sub(2);
    let max_h = area.height.saturating_sub(2 + 2);
    let (body, width): (Vec<Line<'static>>, u16) = match share::qr_lines(url, max_w, max_h) {
        Ok(rows) => {
            let w = rows.first().map(|r| r.chars().count() as u16).unwrap_or(0);
            let style = Style::new().fg(Color::White).bg(Color::Black);
            (
                rows.into_iter().map(|r| Line::styled(r, style)).collect(),
                w,
            )
        }
        Err(QrError::TooLong { needed_w, needed_h }) => (
            vec![Line::styled(
                t!(
                    "share-qr-too-long",
                    width = area.width.to_string(),
                    height = area.height.to_string(),
                    needed_width = needed_w.to_string(),
                    needed_height = needed_h.to_string(),
                    key = copy_key.as_str()
                ),
                Style::new().fg(Color::LightRed),
            )],
            max_w.min(60),
        ),
        Err(e) => (
            vec![Line::styled(
                t!("share-no-qr", error = e.to_string()),
                Style::new().fg(Color::LightRed),
            )],
            max_w.min(60),
        ),
    };
    let w = width.max(60).min(max_w) + 2;
    // Centre the code in the box; the quiet zone around it is part of the drawing.
    let pad = usize::from((w - 2).saturating_sub(width) / 2);
    let mut lines: Vec<Line<'static>> = body
        .into_iter()
        .map(|mut l| {
            if pad > 0 && width > 0 {
                l.spans.insert(0, Span::raw(" ".repeat(pad)));
            }
            l
        })
        .collect();
    lines.push(Line::styled(
        super::text::fit(url, usize::from(w - 2)),
        crate::render::style::link(),
    ));
    lines.push(Line::styled(
        super::text::fit(caption, usize::from(w - 2)),
        Style::new().fg(Color::Gray),
    ));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(format!(" {} ", t!("share-qr-title"))))
        .render(rect, buf);
}
