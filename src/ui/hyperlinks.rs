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
    let areas = crate::layout::areas(screen, app.layout_input());
    let (Some(area), Some(open)) = (areas.article, app.article()) else {
        return Vec::new();
    };
    if app.mode().help_scroll().is_some() || app.mode().is_overlay() {
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
    write_styled(out, regions, true)
}

/// Like [`write`]; without `colour` (NO_COLOR) the links are only underlined.
pub fn write_styled(out: &mut impl Write, regions: &[Region], colour: bool) -> std::io::Result<()> {
    for r in regions {
        queue!(out, MoveTo(r.x, r.y))?;
        if colour {
            queue!(out, SetForegroundColor(Color::Blue))?;
        }
        queue!(out, SetAttribute(Attribute::Underlined))?;
        write!(out, "{}{}{}", osc8_open(&r.url), r.text, OSC8_CLOSE)?;
        queue!(out, SetAttribute(Attribute::Reset), ResetColor)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_links_are_underlined_only() {
        let r = Region {
            x: 1,
            y: 2,
            text: "the live page".into(),
            url: "https://news.example/live".into(),
        };
        let mut plain = Vec::new();
        write_styled(&mut plain, std::slice::from_ref(&r), false).expect("write");
        let plain = String::from_utf8_lossy(&plain);
        assert!(
            plain.contains("the live page") && plain.contains("\x1b[4m"),
            "{plain:?}"
        );
        assert!(!plain.contains("\x1b[38"), "{plain:?}");
        let mut coloured = Vec::new();
        write_styled(&mut coloured, &[r], true).expect("write");
        // crossterm itself drops colours when the test runs under NO_COLOR.
        if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            assert!(String::from_utf8_lossy(&coloured).contains("\x1b[38;5;12m"));
        }
    }
}
