//! The feed list: built-in views, then each feed with unread/total and an error mark.

use super::text::fit;
use crate::app::App;
use crate::app::View;
use crate::feed::backoff;
use crate::model::FeedStatus;
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

pub fn draw(app: &App, area: Rect, footer: Option<Rect>, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let rows = app.feed_rows();
    let cur = app.feeds_cursor();
    for (row, i) in (cur.offset..rows)
        .take(usize::from(area.height))
        .enumerate()
    {
        let Some(view) = app.feed_row_view(i) else {
            break;
        };
        let counts = app.counts(&view);
        let y = area.y + row as u16;
        let (mark, mark_style) = match &view {
            View::Feed(id) if app.store().feed(*id).is_some_and(|f| f.status.is_error()) => (
                "!",
                Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
            ),
            View::Feed(id) if app.refresh().in_flight.contains(id) => {
                ("⟳", Style::new().fg(Color::Yellow))
            }
            View::Feed(_) => (" ", Style::new()),
            View::Saved(_) => ("◆", Style::new().fg(Color::Magenta)),
            View::Tag(_) => (" ", Style::new().fg(Color::Green)),
            _ => ("▸", Style::new().fg(Color::Cyan)),
        };
        // A saved view is counted from the rows: while they load, say so in its place.
        let num = if matches!(view, View::Saved(_)) && !app.store().has_rows() {
            format!("{:>5}/{:<5}", "…", "…")
        } else {
            format!("{:>5}/{:<5}", counts.unread, counts.total)
        };
        let title_w = w.saturating_sub(3 + num.len() + 1);
        let mut st = match view {
            View::Feed(_) => Style::new(),
            _ => Style::new().fg(Color::Cyan),
        };
        if counts.unread > 0 {
            st = st.add_modifier(Modifier::BOLD);
        } else {
            st = st.fg(Color::Gray);
        }
        if i == cur.sel {
            st = super::selected(app, st.bg(Color::Blue).fg(Color::White));
        }
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..area
            },
            if i == cur.sel { st } else { Style::new() },
        );
        buf.set_string(area.x, y, " ", st);
        buf.set_string(
            area.x + 1,
            y,
            mark,
            if i == cur.sel {
                super::selected(app, mark_style.bg(Color::Blue))
            } else {
                mark_style
            },
        );
        buf.set_string(area.x + 2, y, " ", st);
        let mut title = app.view_title(&view);
        if matches!(view, View::Feed(id) if app.unstarted_tour() == Some(id)) {
            let open = app.keymap().hint(crate::app::action::Action::Open);
            title.push_str(" · ");
            title.push_str(&t!("feeds-start-tour", key = open));
        }
        buf.set_string(area.x + 3, y, fit(&title, title_w), st);
        buf.set_string(area.x + 3 + title_w as u16, y, format!(" {num}"), st);
    }
    if let Some(f) = footer {
        draw_footer(app, f, buf);
    }
}

/// What the selected feed's last poll said, so errors are readable, not just a `!`.
fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let Some(View::Feed(id)) = app.feed_row_view(app.feeds_cursor().sel) else {
        return;
    };
    let Some(feed) = app.store().feed(id) else {
        return;
    };
    let (text, st) = match &feed.status {
        FeedStatus::Never => (
            format!(" {} · {}", feed.fetch_url, t!("feeds-not-fetched")),
            Style::new().fg(Color::Gray),
        ),
        FeedStatus::Ok { at } => (
            format!(
                " {} · {}",
                feed.fetch_url,
                t!("feeds-updated", date = app.zone().full(*at))
            ),
            Style::new().fg(Color::Gray),
        ),
        FeedStatus::Error { at, message } => (
            format!(
                " {}{} · {}",
                t!(
                    "feeds-error",
                    date = app.zone().full(*at),
                    message = message.as_str()
                ),
                app.retry_in(id)
                    .map(|s| format!(
                        " · {}",
                        t!("feeds-retry-in", wait = backoff::describe_wait(s))
                    ))
                    .unwrap_or_default(),
                feed.fetch_url
            ),
            Style::new().fg(Color::LightRed),
        ),
    };
    buf.set_string(area.x, area.y, fit(&text, w), st);
}
