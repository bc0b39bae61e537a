//! Keys → actions, by mode. One table of default bindings per mode (`defaults`), each with
//! descriptions, feeds the dispatcher, the help overlay, the status-bar hints and the README
//! keys tables; config.toml's `[keys]` (normal mode) and `[keys.<mode>]` tables rebind them.

mod defaults;
mod key;

use super::action::Action;
use crate::config::KeySpec;
use crate::i18n::{self, Lang};
use crate::t;
pub use defaults::{CONFIRM, DEFAULTS, HELP, LINK, PROMPT, QR, Row, SHARE, table};
pub use key::Key;
use ratatui::crossterm::event::KeyEvent;
use std::collections::{BTreeMap, HashMap};

/// Which table a key is looked up in: what is on top of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    Normal,
    Help,
    Share,
    Qr,
    Prompt,
    Confirm,
    Link,
    Downloads,
}

impl KeyMode {
    /// In the order help and README list them.
    pub const ALL: [KeyMode; 8] = [
        KeyMode::Normal,
        KeyMode::Help,
        KeyMode::Share,
        KeyMode::Qr,
        KeyMode::Prompt,
        KeyMode::Confirm,
        KeyMode::Link,
        KeyMode::Downloads,
    ];

    /// The name of its table under `[keys]` (normal mode is `[keys]` itself).
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Normal => "normal",
            KeyMode::Help => "help",
            KeyMode::Share => "share",
            KeyMode::Qr => "qr",
            KeyMode::Prompt => "prompt",
            KeyMode::Confirm => "confirm",
            KeyMode::Link => "link",
            KeyMode::Downloads => "downloads",
        }
    }

    /// The config section, as warnings and help name it.
    pub fn section(self) -> String {
        match self {
            KeyMode::Normal => "[keys]".to_string(),
            other => format!("[keys.{}]", other.name()),
        }
    }

    /// The heading of its part of help and README.
    pub fn title(self) -> String {
        match self {
            KeyMode::Normal => t!("help-mode-normal"),
            KeyMode::Help => t!("help-mode-help"),
            KeyMode::Share => t!("help-mode-share"),
            KeyMode::Qr => t!("help-mode-qr"),
            KeyMode::Prompt => t!("help-mode-prompt"),
            KeyMode::Confirm => t!("help-mode-confirm"),
            KeyMode::Link => t!("help-mode-link"),
            KeyMode::Downloads => t!("help-mode-downloads"),
        }
    }

    /// What else a key does in this mode, beyond its table.
    pub fn note(self) -> Option<String> {
        match self {
            KeyMode::Share => Some(t!("help-note-share")),
            KeyMode::Prompt => Some(t!("help-note-prompt")),
            KeyMode::Link => Some(t!("help-note-link")),
            _ => None,
        }
    }

    fn from_name(name: &str) -> Option<KeyMode> {
        KeyMode::ALL
            .into_iter()
            .find(|m| *m != KeyMode::Normal && m.name() == name)
    }
}

/// One row of help: an action, its keys, what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub mode: KeyMode,
    pub action: Action,
    pub keys: Vec<Key>,
    /// The catalog id of what it does: [`Binding::description`] says it.
    pub description_id: &'static str,
    /// Default keys that `[keys]` gave to another action, and to which.
    pub lost: Vec<(Key, Action)>,
}

impl Binding {
    /// What it does, in the current language.
    pub fn description(&self) -> String {
        i18n::loader().get(self.description_id)
    }
}

#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
    lookup: HashMap<(KeyMode, Key), Action>,
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
    /// and a key taken by a user binding is removed from whatever default had it. `[keys]`
    /// holds normal mode's actions and a table per other mode (`[keys.prompt]` …), each
    /// merged over its own mode's defaults the same way.
    /// Returns warnings for things that were ignored (unknown action or key).
    pub fn with_overrides(
        overrides: &BTreeMap<String, KeySpec>,
    ) -> Result<(Keymap, Vec<String>), String> {
        let mut warnings = Vec::new();
        let mut per_mode: BTreeMap<KeyMode, BTreeMap<String, KeySpec>> = BTreeMap::new();
        for (name, spec) in overrides {
            match spec {
                KeySpec::Table(table) => match KeyMode::from_name(name) {
                    Some(mode) => {
                        per_mode.insert(mode, table.clone());
                    }
                    None => warnings.push(t!("config-keys-no-such-mode", name = name.as_str())),
                },
                _ => {
                    per_mode
                        .entry(KeyMode::Normal)
                        .or_default()
                        .insert(name.clone(), spec.clone());
                }
            }
        }
        let mut bindings = Vec::new();
        for mode in KeyMode::ALL {
            let empty = BTreeMap::new();
            let user = per_mode.get(&mode).unwrap_or(&empty);
            bindings.extend(mode_bindings(mode, user, &mut warnings)?);
        }
        let mut lookup = HashMap::new();
        for b in &bindings {
            for k in &b.keys {
                lookup.entry((b.mode, *k)).or_insert(b.action);
            }
        }
        Ok((Keymap { bindings, lookup }, warnings))
    }

    /// Normal mode's action for a key.
    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        self.action_in(KeyMode::Normal, ev)
    }

    pub fn action_in(&self, mode: KeyMode, ev: &KeyEvent) -> Option<Action> {
        self.lookup.get(&(mode, Key::from_event(ev))).copied()
    }

    /// Every mode's bindings, normal mode first.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    pub fn bindings_in(&self, mode: KeyMode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The first normal-mode key of an action, for hints like "? help".
    pub fn hint(&self, action: Action) -> String {
        self.hint_in(KeyMode::Normal, action)
    }

    /// The first key of an action in `mode` (its name when it has none).
    pub fn hint_in(&self, mode: KeyMode, action: Action) -> String {
        self.bindings_in(mode)
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
            .unwrap_or_else(|| action.name())
    }

    /// Every key of an action in `mode`, joined by `/` ("o/Enter").
    pub fn hints_in(&self, mode: KeyMode, action: Action) -> String {
        let keys: Vec<String> = self
            .bindings_in(mode)
            .find(|b| b.action == action)
            .map(|b| b.keys.iter().map(Key::label).collect())
            .unwrap_or_default();
        if keys.is_empty() {
            action.name()
        } else {
            keys.join("/")
        }
    }

    /// The keys tables for README, one per mode, generated so they cannot drift from the
    /// defaults. README is written in English, whatever the language of the moment.
    pub fn markdown_table(&self) -> String {
        i18n::with(Lang::En, || self.markdown_table_here())
    }

    fn markdown_table_here(&self) -> String {
        let mut out = String::new();
        for mode in KeyMode::ALL {
            if mode != KeyMode::Normal {
                out.push('\n');
            }
            out.push_str(&format!("**{}** · `{}`", mode.title(), mode.section()));
            if let Some(note) = mode.note() {
                out.push_str(&format!(" · {note}"));
            }
            // i18n: README's table header; README is English
            out.push_str("\n\n| Keys | Action | Config name |\n|---|---|---|\n");
            for b in self.bindings_in(mode) {
                // A `|` would end the table cell, even inside backticks.
                let keys: Vec<String> = b
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                    .collect();
                out.push_str(&format!(
                    "| {} | {} | `{}` |\n",
                    keys.join(" "),
                    b.description(),
                    b.action.name()
                ));
            }
        }
        out
    }
}

/// One mode's defaults with that mode's table of the user's bindings merged over them.
fn mode_bindings(
    mode: KeyMode,
    overrides: &BTreeMap<String, KeySpec>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Binding>, String> {
    let section = mode.section();
    let rows = table(mode);
    let mut bindings: Vec<Binding> = Vec::with_capacity(rows.len());
    for (action, keys, description_id) in rows {
        let keys = keys
            .iter()
            .map(|k| Key::parse(k))
            .collect::<Result<Vec<_>, _>>()?;
        bindings.push(Binding {
            mode,
            action: *action,
            keys,
            description_id,
            lost: Vec::new(),
        });
    }
    let mut user: Vec<(Action, Vec<Key>)> = Vec::new();
    for (name, spec) in overrides {
        // Each mode has its own vocabulary: an action of another mode is unknown here.
        let Some(action) = Action::from_name(name).filter(|a| rows.iter().any(|(r, _, _)| r == a))
        else {
            warnings.push(t!(
                "config-keys-unknown-action",
                section = section.as_str(),
                name = name.as_str()
            ));
            continue;
        };
        if let KeySpec::Table(_) = spec {
            warnings.push(t!(
                "config-keys-not-a-key",
                section = section.as_str(),
                name = name.as_str()
            ));
            continue;
        }
        let mut keys = Vec::new();
        for k in spec.keys() {
            match Key::parse(k) {
                Ok(key) => keys.push(key),
                Err(e) => warnings.push(format!("{section} {name}: {e}")),
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
            // Both named in one table with the same key: the later one keeps it.
            t!(
                "config-keys-bound-to-both",
                section = section.as_str(),
                keys = keys.join(", "),
                action = b.action.name(),
                other = to.name()
            )
        } else if b.keys.is_empty() {
            t!(
                "config-keys-taken-none-left",
                section = section.as_str(),
                keys = keys.join(", "),
                action = b.action.name(),
                other = to.name()
            )
        } else {
            t!(
                "config-keys-taken",
                section = section.as_str(),
                keys = keys.join(", "),
                action = b.action.name(),
                other = to.name()
            )
        };
        if b.keys.is_empty() {
            warnings.insert(0, what);
        } else {
            warnings.push(what);
        }
    }
    Ok(bindings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyEventState, KeyModifiers};
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
        for mode in KeyMode::ALL {
            let rows = table(mode);
            let mut seen = HashSet::new();
            for (action, keys, _) in rows {
                for k in *keys {
                    let key = Key::parse(k).expect("default keys parse");
                    assert!(
                        seen.insert(key),
                        "{k} bound twice in {mode:?} (second time for {action:?})"
                    );
                }
            }
            let actions: HashSet<_> = rows.iter().map(|(a, _, _)| *a).collect();
            assert_eq!(
                actions.len(),
                rows.len(),
                "an action listed twice in {mode:?}"
            );
        }
    }

    #[test]
    fn each_mode_has_its_own_table_in_config() {
        let mut prompt = BTreeMap::new();
        prompt.insert("submit".to_string(), KeySpec::One("ctrl-j".into()));
        // Not a prompt action: each mode has its own vocabulary.
        prompt.insert("toggle_read".to_string(), KeySpec::One("x".into()));
        let mut help = BTreeMap::new();
        help.insert("down".to_string(), KeySpec::One("Up".into()));
        let mut o = BTreeMap::new();
        o.insert("prompt".to_string(), KeySpec::Table(prompt));
        o.insert("help".to_string(), KeySpec::Table(help));
        o.insert("nonsense".to_string(), KeySpec::Table(BTreeMap::new()));
        let (km, warnings) = Keymap::with_overrides(&o).expect("defaults parse");
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            km.action_in(KeyMode::Prompt, &ev(KeyCode::Char('j'), ctrl)),
            Some(Action::Submit)
        );
        assert_eq!(
            km.action_in(KeyMode::Prompt, &ev(KeyCode::Enter, none)),
            None
        );
        // Normal mode is untouched by the other tables.
        assert_eq!(km.action(&ev(KeyCode::Enter, none)), Some(Action::Open));
        assert_eq!(km.action(&ev(KeyCode::Up, none)), Some(Action::Up));
        assert_eq!(
            km.action_in(KeyMode::Help, &ev(KeyCode::Up, none)),
            Some(Action::Down)
        );
        assert_eq!(
            warnings,
            vec![
                "[keys.nonsense]: no such mode (help, share, qr, prompt, confirm, link)"
                    .to_string(),
                "[keys.help]: down took ↑ from up".to_string(),
                "[keys.prompt]: unknown action 'toggle_read'".to_string(),
            ]
        );
        let up = km
            .bindings_in(KeyMode::Help)
            .find(|b| b.action == Action::Up)
            .expect("help's up");
        assert_eq!(
            up.lost,
            vec![(Key::parse("Up").expect("key"), Action::Down)]
        );
        assert_eq!(km.hints_in(KeyMode::Link, Action::Open), "o/Enter");
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
            (KeyCode::Char('x'), Action::FullText),
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
        assert_eq!(km.action(&ev(KeyCode::Char('w'), KeyModifiers::NONE)), None);
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
            KeySpec::Many(vec!["w".into(), "notakey".into()]),
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
        assert_eq!(km.action(&ev(KeyCode::Char('w'), none)), Some(Action::Help));
        assert_eq!(km.action(&ev(KeyCode::Char('?'), none)), None);
        // untouched defaults stay
        assert_eq!(km.action(&ev(KeyCode::Char('j'), none)), Some(Action::Down));
        // refresh_feed was given keys of its own, so losing r is no surprise.
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("no_such_action")));
        assert!(warnings.iter().any(|w| w.contains("notakey")));
    }

    /// The tables hold catalog ids that `t!` cannot check at compile time: every one must
    /// be in every catalog, and say something different in Russian than in English.
    #[test]
    fn every_description_is_in_every_catalog() {
        let km = Keymap::default();
        for b in km.bindings() {
            for lang in Lang::ALL {
                let has = i18n::with(lang, || i18n::loader().has(b.description_id));
                assert!(has, "{} lacks {}", lang.code(), b.description_id);
            }
            let en = i18n::with(Lang::En, || b.description());
            let ru = i18n::with(Lang::Ru, || b.description());
            assert_ne!(en, ru, "{} is not translated", b.description_id);
        }
        assert_eq!(
            i18n::with(Lang::Ru, || km.bindings()[0].description()),
            "Вниз / прокрутить статью"
        );
        // README stays English whatever the language of the moment.
        let readme = i18n::with(Lang::Ru, || km.markdown_table());
        assert!(
            readme.contains("| Move down / scroll the article |"),
            "{readme}"
        );
    }

    #[test]
    fn action_names_round_trip() {
        for (a, _, _) in KeyMode::ALL.into_iter().flat_map(table) {
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
