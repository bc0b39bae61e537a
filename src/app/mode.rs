//! What is on top of the screen, and so which keymap table the next key is looked up in.
//! One value instead of four optional fields: the modes exclude each other by construction,
//! not by the order in which they used to be checked.

use super::action::Action;
use super::keymap::KeyMode;
use super::search::Prompt;
use super::{App, Effect};
use ratatui::crossterm::event::KeyEvent;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Mode {
    /// The lists and the article; keys come from `[keys]`.
    #[default]
    Normal,
    /// `?`, scrolled this many lines.
    Help { scroll: usize },
    /// The share menu (`s`): the next key picks a target.
    Share,
    /// A link as a QR code; `url` is what the copy key copies (it may not be the article's:
    /// a mail or a share dialog over SSH).
    Qr { url: String, caption: String },
    /// Search, filter, tags, rename, pipe, or a yes/no question, on the status line.
    Prompt(Box<Prompt>),
    /// Digits typed after `o` while choosing a numbered link; empty right after `o`.
    PendingLink(String),
    /// `d` on an article with several enclosures: the next digit picks one.
    PendingEnclosure {
        article: crate::model::ArticleId,
        count: usize,
    },
    /// The Downloads screen (`D`), row `sel` selected; `confirm`: `X` asked whether to
    /// delete its file.
    Downloads { sel: usize, confirm: bool },
    /// Over SSH: "Plays on <host>, not here: p play anyway, y copy the URL".
    RemotePlay(Box<super::player::RemoteAsk>),
}

impl Mode {
    /// The keymap table for keys in this mode.
    pub fn keys(&self) -> KeyMode {
        match self {
            Mode::Normal => KeyMode::Normal,
            Mode::Help { .. } => KeyMode::Help,
            Mode::Share => KeyMode::Share,
            Mode::Qr { .. } => KeyMode::Qr,
            Mode::Prompt(p) if p.is_question() => KeyMode::Confirm,
            Mode::Prompt(_) => KeyMode::Prompt,
            Mode::PendingLink(_) => KeyMode::Link,
            Mode::PendingEnclosure { .. } => KeyMode::Link,
            Mode::Downloads { confirm: true, .. } => KeyMode::Confirm,
            Mode::Downloads { .. } => KeyMode::Downloads,
            Mode::RemotePlay(_) => KeyMode::Confirm,
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match self {
            Mode::Prompt(p) => Some(p),
            _ => None,
        }
    }

    pub fn pending_link(&self) -> Option<&str> {
        match self {
            Mode::PendingLink(d) => Some(d),
            _ => None,
        }
    }

    pub fn help_scroll(&self) -> Option<usize> {
        match self {
            Mode::Help { scroll } => Some(*scroll),
            _ => None,
        }
    }

    /// The share menu or a QR code: drawn over everything, article links under it hidden.
    pub fn is_overlay(&self) -> bool {
        matches!(self, Mode::Share | Mode::Qr { .. })
    }
}

impl App {
    /// What is on top (for drawing and tests; the app alone changes it).
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Shows `url` as a QR code, as sharing over SSH does.
    pub fn show_qr(&mut self, url: String, caption: String) {
        self.mode = Mode::Qr { url, caption };
        self.dirty = true;
    }

    /// Every key goes through here: the mode is taken out, so each handler starts from
    /// `Normal` and puts back whatever mode should stay on top.
    pub(super) fn key(&mut self, ev: &KeyEvent) -> Vec<Effect> {
        match std::mem::take(&mut self.mode) {
            Mode::Normal => match self.keymap.action(ev) {
                Some(a) => self.act(a),
                None => Vec::new(),
            },
            Mode::Help { scroll } => self.help_key(scroll, ev),
            Mode::Share => self.share_menu_key(ev),
            Mode::Qr { url, .. } => self.qr_key(url, ev),
            Mode::Prompt(p) => self.prompt_key(p, ev),
            Mode::PendingLink(digits) => self.pending_link_key(ev, digits),
            Mode::PendingEnclosure { article, count } => {
                self.pending_enclosure_key(ev, article, count)
            }
            Mode::Downloads { sel, confirm } => self.downloads_key(ev, sel, confirm),
            Mode::RemotePlay(ask) => self.remote_play_key(*ask, ev),
        }
    }

    fn help_key(&mut self, scroll: usize, ev: &KeyEvent) -> Vec<Effect> {
        self.dirty = true;
        // The player keys work with help open, unless help binds the key itself.
        if self.keymap.action_in(KeyMode::Help, ev).is_none()
            && let Some(a) = self.keymap.action(ev).filter(|a| a.is_player())
        {
            self.mode = Mode::Help { scroll };
            return self.player_action(a);
        }
        let scroll = match self.keymap.action_in(KeyMode::Help, ev) {
            Some(Action::Close) => return Vec::new(),
            Some(Action::Quit) => return self.quit(),
            Some(Action::Redraw) => {
                self.mode = Mode::Help { scroll };
                return vec![Effect::Redraw];
            }
            Some(Action::Down) => scroll + 1,
            Some(Action::Up) => scroll.saturating_sub(1),
            Some(Action::PageDown) => scroll + 10,
            Some(Action::PageUp) => scroll.saturating_sub(10),
            Some(Action::Home) => 0,
            Some(Action::End) => usize::MAX,
            _ => scroll,
        };
        // Kept in range, so Up after holding Down moves at once.
        // Help is drawn above the player bar when there is one.
        let bar = self.areas().player.map_or(0, |p| p.height);
        let size = (self.size.0, self.size.1 - bar);
        let scroll = scroll.min(super::help::max_scroll(&self.keymap, size));
        self.mode = Mode::Help { scroll };
        Vec::new()
    }
}
