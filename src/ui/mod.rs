//! Drawing. Every function here borrows the app and writes into the frame's buffer;
//! none does I/O or changes state. Lists draw only their visible rows.

mod article;
mod downloads;
mod feeds;
mod headlines;
pub mod help;
pub mod hyperlinks;
mod player_bar;
mod prompt;
mod share;
mod status;
pub mod text;

use crate::app::{App, Mode, Screen};
use crate::layout;
use ratatui::Frame;
use ratatui::style::{Color, Style};
use ratatui::symbols;

pub fn render(app: &App, frame: &mut Frame<'_>) {
    let areas = layout::areas(frame.area(), app.layout_input());
    let buf = frame.buffer_mut();
    status::title_bar(app, areas.title, buf);
    match app.screen() {
        Screen::Feeds => feeds::draw(app, areas.list, areas.list_footer, buf),
        Screen::Headlines => headlines::draw(app, areas.list, buf),
    }
    if let Some(d) = areas.divider {
        let st = Style::new().fg(Color::DarkGray);
        let (symbol, cells): (&str, Vec<(u16, u16)>) = if d.width == 1 && d.height > 1 {
            (
                symbols::line::VERTICAL,
                (d.top()..d.bottom()).map(|y| (d.x, y)).collect(),
            )
        } else if d.height == 1 {
            (
                symbols::line::HORIZONTAL,
                (d.left()..d.right()).map(|x| (x, d.y)).collect(),
            )
        } else {
            ("", Vec::new())
        };
        for pos in cells {
            if let Some(cell) = buf.cell_mut(pos) {
                cell.set_symbol(symbol).set_style(st);
            }
        }
    }
    if let (Some(area), Some(open)) = (areas.article, app.article()) {
        article::draw(app, open, area, buf);
    }
    status::status_bar(app, areas.status, buf);
    if let (Some(area), Some(now)) = (areas.player, app.now_playing()) {
        player_bar::draw(app, now, area, buf);
    }
    match app.mode() {
        Mode::Normal | Mode::PendingLink(_) | Mode::PendingEnclosure { .. } => {}
        Mode::RemotePlay(ask) => player_bar::remote_question(app, ask, areas.status, buf),
        Mode::Downloads { sel, confirm } => {
            // The screen covers the status bar (its footer says what the app says); the
            // player bar, whose keys work here too, goes on the bottom line under it.
            let mut area = frame.area();
            let bar = areas.player.map_or(0, |p| p.height);
            area.height -= bar;
            downloads::draw(app, *sel, *confirm, area, frame.buffer_mut());
            if let (1.., Some(now)) = (bar, app.now_playing()) {
                let line = ratatui::layout::Rect {
                    y: area.bottom(),
                    height: bar,
                    ..area
                };
                player_bar::draw(app, now, line, frame.buffer_mut());
            }
        }
        Mode::Prompt(p) => prompt::draw(app, p, areas.status, buf),
        Mode::Share => share::menu(app, frame.area(), frame.buffer_mut()),
        Mode::Qr { url, caption } => share::qr(app, url, caption, frame.area(), frame.buffer_mut()),
        Mode::Help { scroll } => {
            // Above the player bar: the keys it lists work with help open.
            let mut area = frame.area();
            area.height -= areas.player.map_or(0, |p| p.height);
            help::draw(app.keymap(), *scroll, area, frame.buffer_mut())
        }
    }
    text::settle_buffer(frame.buffer_mut());
    if app.no_color() {
        strip_colours(frame.buffer_mut());
    }
}

/// The selection and matches carry a modifier in no-colour mode (see [`marked`]), so
/// every colour can go.
fn strip_colours(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
        cell.underline_color = Color::Reset;
    }
}

/// The style of the cursor row: colour, or reverse video when colour is off.
pub(crate) fn selected(app: &App, st: Style) -> Style {
    if app.no_color() {
        st.add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        st
    }
}

/// A search match: yellow, or underlined when colour is off.
pub(crate) fn marked(app: &App) -> Style {
    let st = Style::new().bg(Color::Yellow).fg(Color::Black);
    if app.no_color() {
        st.add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        st
    }
}
