//! The title bar on top and the status bar at the bottom.

use super::text::fit;
use crate::app::keymap::KeyMode;
use crate::app::{App, Screen, action::Action};
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
            "Feeds".to_string(),
            app.store().counts(crate::store::View::All),
        ),
        Screen::Headlines => {
            let mut name = format!("{} · {}", app.view_title(app.view()), app.order().label());
            if let Some(f) = app.filter() {
                name.push_str(&format!(" · filter: {}", f.text));
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
    let mut right = format!(
        " {} unread · {} ",
        counts.unread,
        super::text::plural(counts.total, "article", "articles")
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
    let hint = format!(" {} help ", app.keymap().hint(Action::Help));
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
                " Open: {} the article's link · 1–{links} a numbered link · {} cancel  {digits}",
                km.hints_in(KeyMode::Link, Action::Open),
                km.hint_in(KeyMode::Link, Action::Close),
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
                format!(" ⟳ Syncing: {p} stored{bar}")
            }
            None => " ⟳ Syncing with the server…".to_string(),
        };
        (
            super::text::fit(&text, w - hw),
            Style::new().fg(Color::Yellow),
        )
    } else if let Some(e) = app.sync_error() {
        // Until a sync goes through: marks wait in the queue meanwhile.
        (
            super::text::fit_keep_end(&format!(" ⚠ last sync failed: {e}"), w - hw),
            Style::new().fg(Color::LightRed),
        )
    } else if app.refresh().active() {
        let r = app.refresh();
        let mut t = format!(" ⟳ Refreshing {}/{} feeds", r.done, r.total);
        if r.errors > 0 {
            t.push_str(&format!(" · {} failed", r.errors));
        }
        (t, Style::new().fg(Color::Yellow))
    } else if let Some(f) = app.filter() {
        (
            format!(
                " filter: {}  ({})",
                f.text,
                super::text::plural(app.list().len(), "article", "articles")
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
        (Screen::Feeds, _) if on_tour => format!(
            "Press {} to start the tour · {} refresh all · {} quit",
            k(Action::Open),
            k(Action::RefreshAll),
            k(Action::Back)
        ),
        (Screen::Feeds, _) => format!(
            "{} open · {} next unread · {} refresh all · {} quit",
            k(Action::Open),
            k(Action::NextUnread),
            k(Action::RefreshAll),
            k(Action::Back)
        ),
        (Screen::Headlines, false) => format!(
            "{} read · {} bookmark · {} unread · {} back",
            k(Action::Open),
            k(Action::ToggleBookmark),
            k(Action::NextUnread),
            k(Action::Back)
        ),
        (Screen::Headlines, true) => format!(
            "{}/{} next/prev · {} browser · {} copy link · {} pane · {} close",
            k(Action::NextArticle),
            k(Action::PrevArticle),
            k(Action::OpenInBrowser),
            k(Action::CopyLink),
            k(Action::SwitchPane),
            k(Action::Back)
        ),
    }
}
