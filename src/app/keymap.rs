//! Keys → actions. One table of default bindings with descriptions feeds the
//! dispatcher, the help overlay and the README keys table.

use super::action::Action;
use crate::config::KeySpec;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

/// The default bindings, in the order help shows them.
pub const DEFAULTS: &[(Action, &[&str], &str)] = &[
    (
        Action::Down,
        &["j", "Down"],
        "Move down / scroll the article",
    ),
    (Action::Up, &["k", "Up"], "Move up / scroll the article"),
    (
        Action::PageDown,
        &["PageDown", "ctrl-d", "Space"],
        "Page down",
    ),
    (Action::PageUp, &["PageUp", "ctrl-u"], "Page up"),
    (
        Action::Home,
        &["Home", "g"],
        "First item / top of the article",
    ),
    (Action::End, &["End", "G"], "Last item / end of the article"),
    (
        Action::Open,
        &["Enter", "Right"],
        "Open the feed or article",
    ),
    (
        Action::Back,
        &["q", "Left"],
        "Clear the search or filter, close, go back (quits at the top)",
    ),
    (
        Action::Cancel,
        &["Esc"],
        "Clear the search or filter, close, go back (never quits)",
    ),
    (Action::Quit, &["Q"], "Quit"),
    (
        Action::SwitchPane,
        &["Tab"],
        "Switch between list and article",
    ),
    (
        Action::NextArticle,
        &["J"],
        "Next article (after the open one)",
    ),
    (
        Action::PrevArticle,
        &["K"],
        "Previous article (before the open one)",
    ),
    (
        Action::NextUnread,
        &["n"],
        "Next unread article (next match while searching)",
    ),
    (Action::ToggleRead, &["u"], "Toggle read / unread"),
    (Action::MarkAllRead, &["A"], "Mark the whole view read"),
    (Action::Undo, &["U"], "Undo the last marking (u, A, b, D)"),
    (
        Action::DeleteArticle,
        &["D"],
        "Delete the article (hidden for good; U undoes); on the feed list, unsubscribe",
    ),
    (Action::ToggleBookmark, &["b"], "Toggle bookmark"),
    (Action::ShowBookmarks, &["B"], "Show bookmarks"),
    (
        Action::Search,
        &["/"],
        "Search title, feed, author and text; on the feed list, go to a feed by name",
    ),
    (
        Action::Filter,
        &["F"],
        "Filter this view: unread, feed:, tag:, age:<3d, or, not …",
    ),
    (
        Action::PrevMatch,
        &["N"],
        "Previous search match in the article",
    ),
    (
        Action::EditTags,
        &["T"],
        "Edit the tags of the feed (saved in config.toml)",
    ),
    (
        Action::CycleSort,
        &["O"],
        "Sort: newest, oldest, by feed, by title, unread first",
    ),
    (
        Action::RefreshFeed,
        &["r"],
        "Refresh the selected feed now, even if it is waiting to retry",
    ),
    (
        Action::RefreshAll,
        &["R"],
        "Refresh all feeds (those waiting to retry keep waiting)",
    ),
    (
        Action::ReloadConfig,
        &["ctrl-r"],
        "Read config.toml again (also done by itself when the file changes)",
    ),
    (
        Action::OpenInBrowser,
        &["o"],
        "Open the link in the browser (o then N: link N)",
    ),
    (
        Action::CopyLink,
        &["y"],
        "Copy the link (OSC 52, works over SSH)",
    ),
    (
        Action::Share,
        &["s"],
        "Share: copy, mail, social sites, save, your own commands",
    ),
    (Action::ShowQr, &["S"], "Show the link as a QR code"),
    (
        Action::PipeTo,
        &["|"],
        "Pipe the article's text to a command (no shell)",
    ),
    (Action::Help, &["?", "F1"], "Show / hide this help"),
    (
        Action::NarrowList,
        &["<"],
        "Side by side: narrow the list, widen the article",
    ),
    (
        Action::WidenList,
        &[">"],
        "Side by side: widen the list, narrow the article",
    ),
    (
        Action::RenameFeed,
        &["E"],
        "Rename the feed (saved in config.toml)",
    ),
    (Action::MoveFeedUp, &["["], "Move the feed up the list"),
    (Action::MoveFeedDown, &["]"], "Move the feed down the list"),
    (
        Action::Maximize,
        &["z"],
        "The article alone on screen, or with the list again",
    ),
    (
        Action::Redraw,
        &["ctrl-l"],
        "Clear the terminal and draw everything anew",
    ),
];

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
                    _ => return Err(format!("unknown key '{s}'")),
                },
                _ => return Err(format!("unknown key '{s}'")),
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

    /// How help and README show the key.
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
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("Enter"),
            KeyCode::Esc => out.push_str("Esc"),
            KeyCode::Tab => out.push_str("Tab"),
            KeyCode::Backspace => out.push_str("Backspace"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Home => out.push_str("Home"),
            KeyCode::End => out.push_str("End"),
            KeyCode::Insert => out.push_str("Ins"),
            KeyCode::Delete => out.push_str("Del"),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }
}

/// One row of help: an action, its keys, what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub description: &'static str,
    /// Default keys that `[keys]` gave to another action, and to which.
    pub lost: Vec<(Key, Action)>,
}

#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
    lookup: HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&BTreeMap::new())
            .map(|(k, _)| k)
            .unwrap_or_else(|_| Keymap {
                bindings: Vec::new(),
                lookup: HashMap::new(),
            })
    }
}

impl Keymap {
    /// Defaults with the user's `[keys]` merged over them: naming an action replaces its keys,
    /// and a key taken by a user binding is removed from whatever default had it.
    /// Returns warnings for things that were ignored (unknown action or key).
    pub fn with_overrides(
        overrides: &BTreeMap<String, KeySpec>,
    ) -> Result<(Keymap, Vec<String>), String> {
        let mut warnings = Vec::new();
        let mut bindings: Vec<Binding> = Vec::with_capacity(DEFAULTS.len());
        for (action, keys, description) in DEFAULTS {
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding {
                action: *action,
                keys,
                description,
                lost: Vec::new(),
            });
        }
        let mut user: Vec<(Action, Vec<Key>)> = Vec::new();
        for (name, spec) in overrides {
            let Some(action) = Action::from_name(name) else {
                warnings.push(format!("[keys]: unknown action '{name}'"));
                continue;
            };
            let mut keys = Vec::new();
            for k in spec.keys() {
                match Key::parse(k) {
                    Ok(key) => keys.push(key),
                    Err(e) => warnings.push(format!("[keys] {name}: {e}")),
                }
            }
            user.push((action, keys));
        }
        for (action, keys) in &user {
            for b in bindings.iter_mut() {
                if b.action == *action {
                    b.keys = keys.clone();
                    b.lost.clear();
                } else {
                    for k in b.keys.iter().filter(|k| keys.contains(k)) {
                        b.lost.push((*k, *action));
                    }
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
        }
        // A key taken silently is a key that seems broken: say what moved, most
        // serious first (an action left with no key at all).
        let named = |a: Action| user.iter().any(|(u, _)| *u == a);
        for b in &bindings {
            let Some(&(_, to)) = b.lost.first() else {
                continue;
            };
            let keys: Vec<String> = b.lost.iter().map(|(k, _)| k.label()).collect();
            let what = if named(b.action) {
                // Both named in [keys] with the same key: the later one keeps it.
                format!(
                    "[keys]: {} is bound to both {} and {}; {} keeps it",
                    keys.join(", "),
                    b.action.name(),
                    to.name(),
                    to.name()
                )
            } else if b.keys.is_empty() {
                format!(
                    "[keys]: {} took {} from {}, which now has no key",
                    to.name(),
                    keys.join(", "),
                    b.action.name()
                )
            } else {
                format!(
                    "[keys]: {} took {} from {}",
                    to.name(),
                    keys.join(", "),
                    b.action.name()
                )
            };
            if b.keys.is_empty() {
                warnings.insert(0, what);
            } else {
                warnings.push(what);
            }
        }
        let mut lookup = HashMap::new();
        for b in &bindings {
            for k in &b.keys {
                lookup.entry(*k).or_insert(b.action);
            }
        }
        Ok((Keymap { bindings, lookup }, warnings))
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        self.lookup.get(&Key::from_event(ev)).copied()
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key of an action, for hints like "? help".
    pub fn hint(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
            .unwrap_or_else(|| action.name())
    }

    /// The keys table for README, generated so it cannot drift from the defaults.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| Keys | Action | Config name |\n|---|---|---|\n");
        for b in &self.bindings {
            // A `|` would end the table cell, even inside backticks.
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | {} | `{}` |\n",
                keys.join(" "),
                b.description,
                b.action.name()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};
    use std::collections::HashSet;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn no_duplicate_default_bindings() {
        let mut seen = HashSet::new();
        for (action, keys, _) in DEFAULTS {
            for k in *keys {
                let key = Key::parse(k).expect("default keys parse");
                assert!(
                    seen.insert(key),
                    "{k} bound twice (second time for {action:?})"
                );
            }
        }
        let actions: HashSet<_> = DEFAULTS.iter().map(|(a, _, _)| *a).collect();
        assert_eq!(actions.len(), DEFAULTS.len(), "an action listed twice");
    }

    #[test]
    fn issue_defaults_are_bound() {
        let km = Keymap::default();
        let cases = [
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Char('k'), Action::Up),
            (KeyCode::Down, Action::Down),
            (KeyCode::PageDown, Action::PageDown),
            (KeyCode::Home, Action::Home),
            (KeyCode::Enter, Action::Open),
            (KeyCode::Char('q'), Action::Back),
            (KeyCode::Char('Q'), Action::Quit),
            (KeyCode::Tab, Action::SwitchPane),
            (KeyCode::Char('J'), Action::NextArticle),
            (KeyCode::Char('K'), Action::PrevArticle),
            (KeyCode::Char('n'), Action::NextUnread),
            (KeyCode::Char('u'), Action::ToggleRead),
            (KeyCode::Char('A'), Action::MarkAllRead),
            (KeyCode::Char('b'), Action::ToggleBookmark),
            (KeyCode::Char('B'), Action::ShowBookmarks),
            (KeyCode::Char('r'), Action::RefreshFeed),
            (KeyCode::Char('R'), Action::RefreshAll),
            (KeyCode::Char('o'), Action::OpenInBrowser),
            (KeyCode::Char('y'), Action::CopyLink),
            (KeyCode::Char('s'), Action::Share),
            (KeyCode::Char('S'), Action::ShowQr),
            (KeyCode::Char('?'), Action::Help),
        ];
        for (code, action) in cases {
            assert_eq!(
                km.action(&ev(code, KeyModifiers::NONE)),
                Some(action),
                "{code:?}"
            );
        }
        // Terminals report 'J' with SHIFT; it is still J.
        assert_eq!(
            km.action(&ev(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextArticle)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(km.action(&ev(KeyCode::Char('x'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn overrides_replace_an_actions_keys_and_steal_keys() {
        let mut o = BTreeMap::new();
        o.insert("toggle_read".to_string(), KeySpec::One("r".into()));
        o.insert(
            "refresh_feed".to_string(),
            KeySpec::Many(vec!["ctrl-t".into(), "F5".into()]),
        );
        o.insert("no_such_action".to_string(), KeySpec::One("z".into()));
        o.insert(
            "help".to_string(),
            KeySpec::Many(vec!["h".into(), "notakey".into()]),
        );
        let (km, warnings) = Keymap::with_overrides(&o).expect("defaults parse");
        let none = KeyModifiers::NONE;
        assert_eq!(
            km.action(&ev(KeyCode::Char('r'), none)),
            Some(Action::ToggleRead)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('u'), none)),
            None,
            "old key of toggle_read freed"
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('t'), KeyModifiers::CONTROL)),
            Some(Action::RefreshFeed)
        );
        assert_eq!(
            km.action(&ev(KeyCode::F(5), none)),
            Some(Action::RefreshFeed)
        );
        assert_eq!(km.action(&ev(KeyCode::Char('h'), none)), Some(Action::Help));
        assert_eq!(km.action(&ev(KeyCode::Char('?'), none)), None);
        // untouched defaults stay
        assert_eq!(km.action(&ev(KeyCode::Char('j'), none)), Some(Action::Down));
        // refresh_feed was given keys of its own, so losing r is no surprise.
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("no_such_action")));
        assert!(warnings.iter().any(|w| w.contains("notakey")));
    }

    #[test]
    fn action_names_round_trip() {
        for (a, _, _) in DEFAULTS {
            assert_eq!(Action::from_name(&a.name()), Some(*a));
        }
        assert_eq!(Action::ToggleRead.name(), "toggle_read");
        assert_eq!(Action::OpenInBrowser.name(), "open_in_browser");
    }

    #[test]
    fn a_key_taken_from_another_action_is_named() {
        let mut o = BTreeMap::new();
        o.insert("toggle_read".to_string(), KeySpec::One("r".into()));
        let (km, warnings) = Keymap::with_overrides(&o).expect("defaults parse");
        let refresh = km
            .bindings()
            .iter()
            .find(|b| b.action == Action::RefreshFeed)
            .expect("refresh_feed listed");
        assert!(refresh.keys.is_empty());
        assert_eq!(
            refresh.lost,
            vec![(Key::parse("r").expect("key"), Action::ToggleRead)]
        );
        assert_eq!(
            warnings,
            vec!["[keys]: toggle_read took r from refresh_feed, which now has no key".to_string()]
        );
        assert_eq!(km.hint(Action::RefreshFeed), "refresh_feed");

        // Giving refresh_feed keys of its own settles it: nothing to warn about.
        o.insert("refresh_feed".to_string(), KeySpec::One("F5".into()));
        let (_, warnings) = Keymap::with_overrides(&o).expect("defaults parse");
        assert!(warnings.is_empty(), "{warnings:?}");

        // Two actions named with one key: one of them keeps it, and that is said.
        let mut o = BTreeMap::new();
        o.insert("help".to_string(), KeySpec::One("x".into()));
        o.insert("quit".to_string(), KeySpec::One("x".into()));
        let (km, warnings) = Keymap::with_overrides(&o).expect("defaults parse");
        assert_eq!(
            km.action(&ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert!(
            warnings
                .iter()
                .any(|w| w == "[keys]: x is bound to both help and quit; quit keeps it"),
            "{warnings:?}"
        );
    }
}
