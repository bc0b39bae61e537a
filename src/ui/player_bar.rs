//! The player bar, one line above the status line while something plays. Its layout is
//! `app::player::bar_parts`, which the mouse uses too.

use crate::app::App;
use crate::app::player::{NowPlaying, Part, RemoteAsk, bar_parts};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

pub fn draw(app: &App, now: &NowPlaying, area: Rect, buf: &mut Buffer) {
    let base = Style::new().bg(Color::Black).fg(Color::Gray);
    buf.set_style(area, base);
    for x in area.left()..area.right() {
        if let Some(c) = buf.cell_mut((x, area.y)) {
            c.set_symbol(" ");
        }
    }
    for seg in bar_parts(now, area.width) {
        let st = match seg.part {
            Part::Title => base.fg(Color::White),
            Part::State => base.fg(Color::Green).add_modifier(Modifier::BOLD),
            Part::Time => base.fg(Color::White),
            Part::Progress { .. } => base.fg(Color::DarkGray),
            Part::Speed => base.fg(Color::Yellow),
            Part::Volume => base,
            Part::Queued => base.fg(Color::Cyan),
            Part::Error => base.fg(Color::Red),
        };
        let x = area.x + seg.x;
        if let Part::Progress { filled } = seg.part {
            // The done part stands out; without colour it is the heavy line itself.
            let done: String = seg.text.chars().take(usize::from(filled)).collect();
            let rest: String = seg.text.chars().skip(usize::from(filled)).collect();
            buf.set_string(x, area.y, &done, base.fg(Color::Green));
            buf.set_string(x + filled, area.y, &rest, st);
        } else {
            buf.set_string(x, area.y, &seg.text, st);
        }
    }
    let _ = app;
}

/// "Plays on <host>, not here: p play anyway, y copy the URL, S QR code", on the status line.
pub fn remote_question(app: &App, ask: &RemoteAsk, status: Rect, buf: &mut Buffer) {
    use crate::app::action::Action;
    use crate::app::keymap::KeyMode;
    let km = app.keymap();
    let text = format!(
        " {}",
        t!(
            "player-remote-question",
            host = ask.host.as_str(),
            play = km.hint(Action::Play),
            copy = km.hint_in(KeyMode::Confirm, Action::Yes),
            qr = km.hint(Action::ShowQr)
        )
    );
    let st = Style::new().bg(Color::Yellow).fg(Color::Black);
    buf.set_style(status, st);
    buf.set_string(
        status.x,
        status.y,
        crate::text::fit(&text, usize::from(status.width)),
        st,
    );
}
