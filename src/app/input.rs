//! A one-line text input for prompts (search, filter, tags): chars, cursor, the usual
//! readline keys (`[keys.prompt]`). Text typed here is the user's own, but it is still shown through the
//! same widgets, so control characters are refused on entry.

use super::action::Action;
use super::keymap::{KeyMode, Keymap};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in chars.
    pub cursor: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputEvent {
    Changed,
    Moved,
    Submit,
    Cancel,
    Ignored,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// A key in a prompt: the editing keys are `[keys.prompt]`'s; any other key that is a
    /// printable character without Ctrl is typed.
    pub fn handle(&mut self, keymap: &Keymap, ev: &KeyEvent) -> InputEvent {
        match keymap.action_in(KeyMode::Prompt, ev) {
            Some(Action::Submit) => InputEvent::Submit,
            Some(Action::Cancel) => InputEvent::Cancel,
            Some(Action::LineStart) => self.move_to(0),
            Some(Action::LineEnd) => self.move_to(self.len()),
            Some(Action::CursorLeft) => self.move_to(self.cursor.saturating_sub(1)),
            Some(Action::CursorRight) => self.move_to((self.cursor + 1).min(self.len())),
            Some(Action::DeleteToStart) => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                InputEvent::Changed
            }
            Some(Action::DeleteWord) => {
                let end = self.byte_at(self.cursor);
                let before = &self.text[..end];
                let trimmed = before.trim_end();
                let start = trimmed
                    .rfind(char::is_whitespace)
                    .map(|i| i + 1)
                    .unwrap_or(0);
                let removed = self.text[start..end].chars().count();
                self.text.replace_range(start..end, "");
                self.cursor -= removed;
                InputEvent::Changed
            }
            Some(Action::DeleteBack) if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                InputEvent::Changed
            }
            Some(Action::DeleteForward) if self.cursor < self.len() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                InputEvent::Changed
            }
            Some(_) => InputEvent::Ignored,
            None => match ev.code {
                KeyCode::Char(c)
                    if !ev.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                {
                    let at = self.byte_at(self.cursor);
                    self.text.insert(at, c);
                    self.cursor += 1;
                    InputEvent::Changed
                }
                _ => InputEvent::Ignored,
            },
        }
    }

    fn move_to(&mut self, c: usize) -> InputEvent {
        self.cursor = c;
        InputEvent::Moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    fn typed(s: &str) -> LineInput {
        let mut i = LineInput::default();
        for c in s.chars() {
            i.handle(
                &Keymap::default(),
                &key(KeyCode::Char(c), KeyModifiers::NONE),
            );
        }
        i
    }

    #[test]
    fn edits_in_the_middle_of_multibyte_text() {
        let mut i = typed("мир тесен");
        assert_eq!(i.cursor, 9);
        i.handle(&Keymap::default(), &key(KeyCode::Left, KeyModifiers::NONE));
        i.handle(
            &Keymap::default(),
            &key(KeyCode::Backspace, KeyModifiers::NONE),
        );
        assert_eq!(i.text, "мир тесн");
        i.handle(&Keymap::default(), &key(KeyCode::Home, KeyModifiers::NONE));
        i.handle(
            &Keymap::default(),
            &key(KeyCode::Char('会'), KeyModifiers::NONE),
        );
        assert_eq!(i.text, "会мир тесн");
        i.handle(
            &Keymap::default(),
            &key(KeyCode::Delete, KeyModifiers::NONE),
        );
        assert_eq!(i.text, "会ир тесн");
    }

    #[test]
    fn readline_keys() {
        let mut i = typed("storm harbour city");
        assert_eq!(
            i.handle(
                &Keymap::default(),
                &key(KeyCode::Char('w'), KeyModifiers::CONTROL)
            ),
            InputEvent::Changed
        );
        assert_eq!(i.text, "storm harbour ");
        i.handle(
            &Keymap::default(),
            &key(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        assert_eq!(i.text, "");
        assert_eq!(
            i.handle(&Keymap::default(), &key(KeyCode::Enter, KeyModifiers::NONE)),
            InputEvent::Submit
        );
        assert_eq!(
            i.handle(&Keymap::default(), &key(KeyCode::Esc, KeyModifiers::NONE)),
            InputEvent::Cancel
        );
        assert_eq!(
            i.handle(
                &Keymap::default(),
                &key(KeyCode::Char('\u{1b}'), KeyModifiers::NONE)
            ),
            InputEvent::Ignored
        );
    }
}
