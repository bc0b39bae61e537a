//! The search / filter prompt on the status line, with the error pointing at its token.

use super::text::fit;
use crate::app::action::Action;
use crate::app::keymap::KeyMode;
use crate::app::{App, Prompt, PromptKind};
use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, prompt: &Prompt, status: Rect, buf: &mut Buffer) {
    let w = usize::from(status.width);
    let feed_title = |id| {
        app.store()
            .feed(id)
            .map(|f| crate::sanitize::line(&f.title))
            .unwrap_or_default()
    };
    let label = match prompt.kind {
        PromptKind::Search => " / ".to_string(),
        PromptKind::Filter => format!(" {} ", t!("prompt-filter")),
        PromptKind::Tags(_) => format!(" {} ", t!("prompt-tags")),
        PromptKind::FeedJump(_) => format!(" {} ", t!("prompt-feed-jump")),
        PromptKind::Pipe(_) => format!(" {} ", t!("prompt-pipe")),
        PromptKind::ConfirmRemove(id) => format!(
            " {} ",
            t!(
                "prompt-unsubscribe",
                title = feed_title(id),
                key = app.keymap().hint_in(KeyMode::Confirm, Action::Yes)
            )
        ),
        PromptKind::RenameFeed(_) => format!(" {} ", t!("prompt-rename")),
    };
    let text = &prompt.input.text;
    buf.set_style(status, Style::new().bg(Color::Black));
    buf.set_string(
        status.x,
        status.y,
        fit(&format!("{label}{text}"), w),
        Style::new().fg(Color::White),
    );
    // The cursor, drawn as a reversed cell.
    let before: String = text.chars().take(prompt.input.cursor).collect();
    let cx = status.x + (label.width() + before.width()) as u16;
    if cx < status.right()
        && let Some(cell) = buf.cell_mut((cx, status.y))
    {
        cell.set_style(Style::new().add_modifier(Modifier::REVERSED));
    }
    let count = format!(
        "{} ",
        t!(
            "prompt-matches",
            count = app.list().len(),
            n = app.list().len().to_string()
        )
    );
    // Columns, not bytes: a Russian count is twice as long in bytes as on screen.
    if matches!(prompt.kind, PromptKind::Search | PromptKind::Filter)
        && prompt.error.is_none()
        && label.width() + text.width() + count.width() + 2 < w
    {
        let x = status.right() - count.width() as u16;
        buf.set_string(x, status.y, &count, Style::new().fg(Color::Gray));
    }
    let Some(err) = &prompt.error else { return };
    if status.y == 0 {
        return;
    }
    // One row up: carets under the bad token, then what was expected.
    let row = Rect {
        y: status.y - 1,
        height: 1,
        ..status
    };
    let start: String = text.chars().take(err.pos).collect();
    let x = label.width() + start.width();
    let carets = "^".repeat(err.len.max(1));
    let line = format!("{}{} {}", " ".repeat(x), carets, err.message);
    buf.set_style(row, Style::new().bg(Color::Black));
    buf.set_string(
        row.x,
        row.y,
        fit(&line, w),
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD),
    );
}
