//! One key as the keymap sees it: parsed from config.toml, normalized from a terminal event,
//! and labelled for help, hints and README.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// Normalizes a terminal event: a typed character carries its case already,
    /// so SHIFT is dropped for characters (terminals disagree on reporting it).
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.insert(KeyModifiers::SHIFT);
                KeyCode::Tab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses "j", "J", "ctrl-d", "alt-x", "shift-Tab", "Enter", "PageDown", "F1", "Space".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backspace" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "insert" => KeyCode::Insert,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=24).contains(&n) => KeyCode::F(n),
                    _ => return Err(crate::t!("config-keys-unknown-key", key = s.to_string())),
                },
                _ => return Err(crate::t!("config-keys-unknown-key", key = s.to_string())),
            },
        };
        if let KeyCode::Char(c) = code {
            if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                mods.remove(KeyModifiers::SHIFT);
                return Ok(Key {
                    code: KeyCode::Char(c.to_ascii_uppercase()),
                    mods,
                });
            }
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key { code, mods })
    }

    /// How help and README show the key: the names config.toml takes, the same in every
    /// language.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"), // i18n: key name
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("Enter"), // i18n: key name
            KeyCode::Esc => out.push_str("Esc"),     // i18n: key name
            KeyCode::Tab => out.push_str("Tab"),     // i18n: key name
            KeyCode::Backspace => out.push_str("Backspace"), // i18n: key name
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Home => out.push_str("Home"), // i18n: key name
            KeyCode::End => out.push_str("End"),   // i18n: key name
            KeyCode::Insert => out.push_str("Ins"), // i18n: key name
            KeyCode::Delete => out.push_str("Del"), // i18n: key name
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }
}
