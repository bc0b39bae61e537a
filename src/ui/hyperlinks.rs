//! Clickable links (OSC 8). ratatui measures a cell's symbol by its printable characters, so
//! an escape sequence inside a cell throws its diff off; instead, after each draw, the visible
//! link text is printed once more on top of itself, wrapped in OSC 8. Terminals without OSC 8
//! ignore the wrapper and show the same text they already had.

use crate::app::App;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Attribute, Color, ResetColor, SetAttribute, SetForegroundColor};
use ratatui::layout::Rect;
use std::io::Write;
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
}

/// The links visible in the article pane of a frame of size `screen`.
pub fn regions(app: &App, screen: Rect) -> Vec<Region> {
    let areas = super::layout::areas(screen, app);
    let (Some(area), Some(open)) = (areas.article, app.article.as_ref()) else {
        return Vec::new();
    };
    if app.help.is_some() || app.overlay.is_some() {
        return Vec::new();
    }
    let Some(rendered) = &open.rendered else {
        return Vec::new();
    };
    let text_x = area.x + 1;
    let right = area.x + area.width.saturating_sub(1);
    let visible = open.scroll..open.scroll + usize::from(area.height);
    let mut out = Vec::new();
    for span in rendered
        .link_spans
        .iter()
        .filter(|s| visible.contains(&s.line))
    {
        let x = text_x.saturating_add(span.col);
        if x >= right {
            continue;
        }
        let mut room = usize::from(right - x);
        let mut text = String::new();
        for c in span.text.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                break;
            }
            room -= w;
            text.push(c);
        }
        if !text.is_empty() {
            let y = area.y + (span.line - open.scroll) as u16;
            out.push(Region {
                x,
                y,
                // The same cells the frame shows (a flag there is its two letters).
                text: super::text::settle(&text).into_owned(),
                url: span.url.clone(),
            });
        }
    }
    out
}

pub fn osc8_open(url: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\")
}

pub const OSC8_CLOSE: &str = "\x1b]8;;\x1b\\";

/// Prints the regions as hyperlinks in the link style the pane uses.
pub fn write(out: &mut impl Write, regions: &[Region]) -> std::io::Result<()> {
    for r in regions {
        queue!(
            out,
            MoveTo(r.x, r.y),
            SetForegroundColor(Color::Blue),
            SetAttribute(Attribute::Underlined)
        )?;
        write!(out, "{}{}{}", osc8_open(&r.url), r.text, OSC8_CLOSE)?;
        queue!(out, SetAttribute(Attribute::Reset), ResetColor)?;
    }
    out.flush()
}
