//! The headline list: flags, date, feed (in views that span feeds) and title.

use super::text::fit;
use crate::app::View;
use crate::app::{App, Focus, action::Action};
use crate::model::FeedStatus;
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

const DATE_W: usize = 12;
/// Below this a list shows compact dates (`00:38`, `29 Jan`), leaving the title room.
const COMPACT_BELOW: usize = 72;
const DATE_W_COMPACT: usize = 6;
const FEED_W: usize = 16;
/// A narrow list keeps a shorter feed column rather than none.
const FEED_W_MIN: usize = 8;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    if app.list().is_empty() {
        let failed = match app.view() {
            View::Feed(id) => app.store().feed(*id).and_then(|f| match &f.status {
                FeedStatus::Error { at, message } => Some(format!(
                    " {}",
                    t!(
                        "headlines-refresh-failed",
                        date = app.zone().full(*at),
                        message = message.as_str()
                    )
                )),
                _ => None,
            }),
            _ => None,
        };
        let (text, st) = match (failed, app.view()) {
            (Some(t), _) => (t, Style::new().fg(Color::LightRed)),
            (None, View::Unread) => (
                format!(" {}", t!("headlines-no-unread")),
                Style::new().fg(Color::Gray),
            ),
            (None, View::Bookmarks) => (
                format!(
                    " {}",
                    t!(
                        "headlines-no-bookmarks",
                        key = app.keymap().hint(Action::ToggleBookmark)
                    )
                ),
                Style::new().fg(Color::Gray),
            ),
            (None, _) if app.refresh().active() => (
                format!(" {}", t!("headlines-fetching")),
                Style::new().fg(Color::Gray),
            ),
            (None, _) => (
                format!(" {}", t!("headlines-no-articles")),
                Style::new().fg(Color::Gray),
            ),
        };
        for (i, line) in crate::render::wrap(&text, w.saturating_sub(2))
            .iter()
            .take(usize::from(area.height))
            .enumerate()
        {
            buf.set_string(area.x, area.y + i as u16, fit(&format!(" {line}"), w), st);
        }
        return;
    }
    // About a fifth of the row, so the title keeps the most of it.
    let feed_w = (w / 5).clamp(FEED_W_MIN, FEED_W);
    let show_feed = !matches!(app.view(), View::Feed(_)) && w >= 48;
    let date_w = if w < COMPACT_BELOW {
        DATE_W_COMPACT
    } else {
        DATE_W
    };
    let terms = app.highlight_terms();
    let cur = app.list_cursor();
    for (row, &id) in app
        .list()
        .iter()
        .skip(cur.offset)
        .take(usize::from(area.height))
        .enumerate()
    {
        let Some(h) = app.store().headline(id) else {
            continue;
        };
        let y = area.y + row as u16;
        let selected = cur.offset + row == cur.sel;
        let mut st = if h.flags().read() {
            Style::new().fg(Color::Gray)
        } else {
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD)
        };
        if selected {
            st = super::selected(
                app,
                if app.focus() == Focus::List || app.article().is_none() {
                    st.bg(Color::Blue).fg(Color::White)
                } else {
                    st.bg(Color::DarkGray)
                },
            );
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                st,
            );
        }
        // An episode heard to the end is ✓, one begun ◐ with the time left at the end.
        let mark = app.play_mark(id);
        let flags = format!(
            " {}{}{} ",
            if h.flags().read() { ' ' } else { '•' },
            if h.flags().bookmarked() { '★' } else { ' ' },
            match mark {
                Some(crate::app::player::Mark::Played) => '✓',
                Some(crate::app::player::Mark::InProgress { .. }) => '◐',
                None if h.flags().enclosure() => '♪',
                None => ' ',
            },
        );
        let left = match mark {
            Some(crate::app::player::Mark::InProgress { left: Some(l) }) => {
                format!(
                    " {} ",
                    t!("headlines-time-left", time = crate::player::clock(l))
                )
            }
            _ => String::new(),
        };
        let mut x = area.x;
        let right = area.right();
        let mut put = |s: &str, style: Style, buf: &mut Buffer| -> u16 {
            let (nx, _) = buf.set_stringn(x, y, s, usize::from(right.saturating_sub(x)), style);
            x = nx;
            x
        };
        let flag_style = if selected {
            st
        } else {
            Style::new().fg(Color::Yellow)
        };
        put(&flags, flag_style, buf);
        if w >= 40 {
            let date = if date_w == DATE_W {
                app.zone().short(h.date(), app.now())
            } else {
                app.zone().compact(h.date(), app.now())
            };
            put(&fit(&date, date_w), st.remove_modifier(Modifier::BOLD), buf);
            put("  ", st, buf);
        }
        let at = if show_feed {
            let feed = app
                .store()
                .feed(h.feed_id())
                .map(|f| f.title.as_str())
                .unwrap_or("");
            let fst = if selected {
                st
            } else {
                Style::new().fg(Color::Cyan)
            };
            put(&fit(feed, feed_w), fst.remove_modifier(Modifier::BOLD), buf);
            put("  ", st, buf)
        } else if w >= 40 {
            area.x + 5 + date_w as u16 + 2
        } else {
            area.x + 5
        };
        let mut rest = usize::from(right.saturating_sub(at));
        // The time left, when the title keeps room enough beside it.
        if !left.is_empty() && rest >= left.chars().count() + 20 {
            let lw = left.chars().count();
            rest -= lw;
            let lst = if selected {
                st
            } else {
                Style::new().fg(Color::Yellow)
            };
            buf.set_string(
                right - lw as u16,
                y,
                &left,
                lst.remove_modifier(Modifier::BOLD),
            );
        }
        // A title tidings made (the feed gave none) must not pass for the feed's own.
        let st = match (h.flags().derived_title(), selected) {
            (false, _) => st,
            (true, true) => st.add_modifier(Modifier::ITALIC),
            (true, false) => st.add_modifier(Modifier::ITALIC).fg(if h.flags().read() {
                Color::DarkGray
            } else {
                Color::Gray
            }),
        };
        let untitled;
        let title = if h.title().is_empty() {
            untitled = t!("article-no-title");
            untitled.as_str()
        } else {
            h.title()
        };
        if terms.is_empty() {
            put(&fit(title, rest), st, buf);
        } else {
            let ranges: Vec<_> = terms
                .iter()
                .flat_map(|t| crate::filter::find_all(title, t))
                .collect();
            for (text, hl) in super::text::fit_runs(title, &ranges, rest) {
                put(
                    &text,
                    if hl { st.patch(super::marked(app)) } else { st },
                    buf,
                );
            }
        }
    }
}
