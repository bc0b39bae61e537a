//! The title bar on top and the status bar at the bottom.

use super::text::fit;
use crate::app::keymap::KeyMode;
use crate::app::{App, Screen, action::Action};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

pub fn title_bar(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let base = super::selected(app, Style::new().bg(Color::Blue).fg(Color::White));
    let (name, counts) = match app.screen() {
        Screen::Feeds => (
            t!("screen-feeds"),
            app.store().counts(crate::store::View::All),
        ),
        Screen::Headlines => {
            let mut name = format!("{} · {}", app.view_title(app.view()), app.order().label());
            if let Some(f) = app.filter() {
                name.push_str(" · ");
                name.push_str(&t!("screen-title-filter", filter = f.text.as_str()));
            }
            if let Some(q) = app.search() {
                name.push_str(&format!(" · /{} ({})", q.text, app.list().len()));
            }
            (name, app.shown_counts())
        }
    };
    // A session-long notice (config.toml not used) stays in sight, unlike messages:
    // when it does not fit, the view name goes first, then the counts.
    // The leading space keeps the counts apart from a title cut to fit.
    // Counts as digits, ungrouped, as they always were here; the numbers pick the plurals.
    let mut right = format!(
        " {} ",
        t!(
            "screen-title-counts",
            unread = counts.unread,
            unread_n = counts.unread.to_string(),
            total = counts.total,
            total_n = counts.total.to_string()
        )
    );
    let w = usize::from(area.width);
    let left = match app.notice() {
        Some(n) => {
            let full = format!(" tidings › {name} · ⚠ {n}");
            let short = format!(" ⚠ {n}");
            let fits = |l: &str, r: &str| {
                use unicode_width::UnicodeWidthStr;
                l.width() + r.width() <= w
            };
            if fits(&full, &right) {
                full
            } else {
                if !fits(&short, &right) {
                    right.clear();
                }
                short
            }
        }
        None => format!(" tidings › {name}"),
    };
    let rw = right.chars().count().min(w);
    buf.set_string(
        area.x,
        area.y,
        fit(&left, w - rw),
        base.add_modifier(Modifier::BOLD),
    );
    buf.set_string(area.x + (w - rw) as u16, area.y, fit(&right, rw), base);
}

pub fn status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    // The leading space keeps a long message from running into the hint.
    let hint = format!(
        " {} ",
        t!("hints-help", key = app.keymap().hint(Action::Help))
    );
    let hw = hint.chars().count().min(w);
    let (text, style) = if let Some(digits) = app.mode().pending_link() {
        let links = app
            .article()
            .and_then(|a| a.rendered.as_ref())
            .map(|r| r.links.len())
            .unwrap_or(0);
        let km = app.keymap();
        (
            format!(
                " {}  {digits}",
                t!(
                    "status-open-link",
                    open = km.hints_in(KeyMode::Link, Action::Open),
                    last = links.to_string(),
                    cancel = km.hint_in(KeyMode::Link, Action::Close)
                )
            ),
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        )
    } else if let Some(m) = app.message() {
        let st = if m.error {
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(Color::White)
        };
        // The end of a message is what tells (a saved file's name), so a long one
        // loses its middle.
        (
            super::text::fit_keep_end(&format!(" {}", m.text), w - hw),
            st,
        )
    } else if app.syncing() {
        let text = match app.sync_progress() {
            Some(p) => {
                let bar = p.total.map_or(String::new(), |t| {
                    format!(" {}", crate::sync::cycle::bar(p.articles, t, 16))
                });
                format!(
                    " {}",
                    t!("status-syncing", progress = p.to_string(), bar = bar)
                )
            }
            None => format!(" {}", t!("status-syncing-start")),
        };
        (
            super::text::fit(&text, w - hw),
            Style::new().fg(Color::Yellow),
        )
    } else if let Some(e) = app.sync_error() {
        // Until a sync goes through: marks wait in the queue meanwhile.
        (
            super::text::fit_keep_end(
                &format!(" {}", t!("status-last-sync-failed", error = e.to_string())),
                w - hw,
            ),
            Style::new().fg(Color::LightRed),
        )
    } else if app.refresh().active() {
        let r = app.refresh();
        let mut text = format!(
            " {}",
            t!(
                "status-refreshing",
                done = r.done.to_string(),
                total = r.total.to_string()
            )
        );
        if r.errors > 0 {
            text.push_str(" · ");
            text.push_str(&t!("status-refreshing-failed", count = r.errors));
        }
        (text, Style::new().fg(Color::Yellow))
    } else if let Some(f) = app.filter() {
        (
            format!(
                " {}",
                t!(
                    "status-filter-shown",
                    filter = f.text.as_str(),
                    count = app.list().len(),
                    n = app.list().len().to_string()
                )
            ),
            Style::new().fg(Color::Yellow),
        )
    } else {
        (
            format!(" {}", context_hints(app)),
            Style::new().fg(Color::Gray),
        )
    };
    let bg = Style::new().bg(Color::Black);
    buf.set_style(area, bg);
    buf.set_string(area.x, area.y, fit(&text, w - hw), style);
    buf.set_string(
        area.x + (w - hw) as u16,
        area.y,
        fit(&hint, hw),
        Style::new().fg(Color::Cyan),
    );
}

fn context_hints(app: &App) -> String {
    let k = |a| app.keymap().hint(a);
    let on_tour = matches!(
        app.feed_row_view(app.feeds_cursor().sel),
        Some(crate::app::View::Feed(id)) if app.unstarted_tour() == Some(id)
    );
    match (app.screen(), app.article().is_some()) {
        (Screen::Feeds, _) if on_tour => t!(
            "hints-tour",
            open = k(Action::Open),
            refresh = k(Action::RefreshAll),
            quit = k(Action::Back)
        ),
        (Screen::Feeds, _) => t!(
            "hints-feeds",
            open = k(Action::Open),
            next = k(Action::NextUnread),
            refresh = k(Action::RefreshAll),
            quit = k(Action::Back)
        ),
        (Screen::Headlines, false) => t!(
            "hints-headlines",
            open = k(Action::Open),
            bookmark = k(Action::ToggleBookmark),
            next = k(Action::NextUnread),
            back = k(Action::Back)
        ),
        (Screen::Headlines, true) => t!(
            "hints-article",
            next = k(Action::NextArticle),
            prev = k(Action::PrevArticle),
            browser = k(Action::OpenInBrowser),
            copy = k(Action::CopyLink),
            pane = k(Action::SwitchPane),
            close = k(Action::Back)
        ),
    }
}
