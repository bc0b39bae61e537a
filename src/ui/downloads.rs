//! The Downloads screen (`D`): the whole screen, two lines per download (feed and title
//! with its state; then a progress bar, `12.3 / 28.6 MB`, speed and time left, or why it
//! failed), and the screen's keys at the bottom.

use crate::app::action::Action;
use crate::app::downloads::elsewhere_text;
use crate::app::keymap::KeyMode;
use crate::app::{App, DownloadRow};
use crate::db::DownloadState;
use crate::t;
use crate::text::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, sel: usize, confirm: bool, area: Rect, buf: &mut Buffer) {
    if area.width < 10 || area.height < 4 {
        return;
    }
    Clear.render(area, buf);
    let width = usize::from(area.width);
    let view = app.downloads();
    let title = format!(" {} ", t!("downloads-title", count = view.rows.len()));
    let bold = Style::new().add_modifier(Modifier::BOLD);
    buf.set_stringn(area.x, area.y, fit(&title, width), width, bold);
    let mut top = area.y + 1;
    if let Some(pid) = view.elsewhere {
        let text = format!(
            " {}",
            t!(
                "downloads-elsewhere-progress",
                elsewhere = elsewhere_text(pid)
            )
        );
        buf.set_stringn(
            area.x,
            top,
            fit(&text, width),
            width,
            Style::new().fg(Color::Yellow),
        );
        top += 1;
    }
    let footer_y = area.bottom() - 1;
    let km = app.keymap();
    let k = |a| km.hint_in(KeyMode::Downloads, a);
    let items = [
        t!("downloads-key-pause", key = k(Action::PauseDownload)),
        t!("downloads-key-cancel", key = k(Action::CancelDownload)),
        t!("downloads-key-retry", key = k(Action::RetryDownload)),
        t!("downloads-key-delete", key = k(Action::DeleteDownload)),
        t!("downloads-key-path", key = k(Action::CopyLink)),
        t!("downloads-key-play", key = k(Action::Play)),
        t!("downloads-key-open", key = k(Action::Open)),
        t!("downloads-key-close", key = k(Action::Close)),
    ];
    // Every key stays listed on a narrow screen: the footer takes more lines instead.
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(last) if last.width() + 3 + item.width() < width => {
                last.push_str(" · ");
                last.push_str(&item);
            }
            _ => lines.push(item),
        }
    }
    // The keys, and a line above them for what the app says (the status bar is covered).
    let footer_h = lines.len() as u16 + 1;
    let rows_h = usize::from(area.bottom().saturating_sub(top + footer_h)) / 2;
    if view.rows.is_empty() {
        let hint = format!(
            " {}",
            t!("downloads-empty", key = app.keymap().hint(Action::Download))
        );
        buf.set_stringn(area.x, top + 1, fit(&hint, width), width, Style::new());
    }
    // The selection stays on screen: the list scrolls by whole rows.
    let first = (sel + 1).saturating_sub(rows_h.max(1));
    for (i, row) in view.rows.iter().enumerate().skip(first).take(rows_h) {
        let y = top + 2 * (i - first) as u16;
        let selected = i == sel;
        let base = if selected {
            crate::ui::selected(app, Style::new().bg(Color::DarkGray))
        } else {
            Style::new()
        };
        for line in 0..2 {
            for x in area.left()..area.right() {
                if let Some(c) = buf.cell_mut((x, y + line)) {
                    c.set_symbol(" ").set_style(base);
                }
            }
        }
        let (state, state_style) = state_text(row);
        let state_w = state.width();
        let name = if row.feed.is_empty() && row.title.is_empty() {
            row.path.to_string_lossy().into_owned()
        } else {
            format!("{} — {}", row.feed, row.title)
        };
        let room = width.saturating_sub(state_w + 3);
        buf.set_stringn(area.x + 1, y, fit(&name, room), room, base.patch(bold));
        let sx = area.x + (width.saturating_sub(state_w + 1)) as u16;
        buf.set_stringn(sx, y, &state, state_w, base.patch(state_style));
        let second = detail_line(row, width.saturating_sub(3));
        buf.set_stringn(area.x + 3, y + 1, &second, width.saturating_sub(3), base);
    }
    if confirm {
        let file = view
            .rows
            .get(sel)
            .map(|r| r.path.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = format!(" {}", t!("downloads-delete-confirm", file = file));
        let st = Style::new().fg(Color::Black).bg(Color::Yellow);
        buf.set_stringn(area.x, footer_y, fit(&text, width), width, st);
        return;
    }
    let st = Style::new().fg(Color::Gray);
    let first_y = area.bottom().saturating_sub(lines.len() as u16).max(top);
    if let Some(m) = app.message()
        && first_y > top
    {
        let style = if m.error {
            Style::new().fg(Color::LightRed)
        } else {
            Style::new()
        };
        let text = format!(" {}", m.text);
        buf.set_stringn(area.x, first_y - 1, fit(&text, width), width, style);
    }
    for (i, line) in lines.iter().enumerate() {
        let text = format!(" {line}");
        buf.set_stringn(area.x, first_y + i as u16, fit(&text, width), width, st);
    }
}

fn state_text(row: &DownloadRow) -> (String, Style) {
    match row.state {
        DownloadState::Queued => (t!("downloads-queued"), Style::new().fg(Color::Gray)),
        DownloadState::Downloading => (t!("downloads-downloading"), Style::new().fg(Color::Cyan)),
        DownloadState::Paused => (t!("downloads-paused"), Style::new().fg(Color::Yellow)),
        DownloadState::Done => (t!("downloads-done"), Style::new().fg(Color::Green)),
        DownloadState::Failed => (t!("downloads-failed"), Style::new().fg(Color::LightRed)),
    }
}

/// `[#####-----]  12.3 / 28.6 MB  1.2 MB/s  0:27 left`, or the failure's reason. Bars are
/// one length for every row; what does not fit goes: speed, time left, then the bar.
fn detail_line(row: &DownloadRow, width: usize) -> String {
    match row.state {
        DownloadState::Failed => {
            let reason = row
                .reason
                .clone()
                .unwrap_or_else(|| t!("downloads-unknown-error"));
            return fit(&t!("downloads-failed-why", reason = reason), width);
        }
        DownloadState::Queued if row.done == 0 && row.total.is_none() => {
            return t!("downloads-waiting");
        }
        _ => {}
    }
    let amounts = amounts(row.done, row.total);
    let (mut speed, mut eta) = (String::new(), String::new());
    if row.state == DownloadState::Downloading {
        if let Some(s) = row.speed {
            speed = format!("  {}", t!("unit-per-second", size = one_size(s)));
        }
        if let Some(e) = row.eta() {
            let time = format!("{}:{:02}", e / 60, e % 60);
            eta = format!("  {}", t!("downloads-left", time = time));
        }
    }
    let cells = if width >= 70 { 30 } else { 10 };
    let filled = match row.total {
        Some(t) if t > 0 => ((row.done.min(t) as f64 / t as f64) * cells as f64) as usize,
        _ if row.state == DownloadState::Done => cells,
        _ => 0,
    };
    let bar = format!("[{}{}]  ", "#".repeat(filled), "-".repeat(cells - filled));
    [
        format!("{bar}{amounts}{speed}{eta}"),
        format!("{bar}{amounts}{eta}"),
        format!("{bar}{amounts}"),
        format!("{amounts}{eta}"),
    ]
    .into_iter()
    .find(|c| c.width() <= width)
    .unwrap_or_else(|| fit(&amounts, width))
}

/// `12.3 / 28.6 MB`: both in the unit of the whole.
pub fn amounts(done: u64, total: Option<u64>) -> String {
    let Some(total) = total else {
        return one_size(done);
    };
    let (div, unit) = unit(total);
    format!(
        "{} / {} {unit}",
        number(done as f64 / div),
        number(total as f64 / div)
    )
}

fn unit(bytes: u64) -> (f64, String) {
    const K: f64 = 1024.0;
    match bytes as f64 {
        b if b >= K * K * K => (K * K * K, t!("unit-gb")),
        b if b >= K * K => (K * K, t!("unit-mb")),
        b if b >= K => (K, t!("unit-kb")),
        _ => (1.0, t!("unit-b")),
    }
}

fn number(n: f64) -> String {
    crate::i18n::decimal(n, if n >= 100.0 { 0 } else { 1 })
}

fn one_size(bytes: u64) -> String {
    let (div, unit) = unit(bytes);
    format!("{} {unit}", number(bytes as f64 / div))
}
