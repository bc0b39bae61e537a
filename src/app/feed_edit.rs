//! Managing subscriptions from the feed list without an editor: unsubscribe (`X`, with a
//! confirmation), rename (`E`), move (`[`/`]`). Each is an edit of config.toml that keeps its
//! comments (`config::remove_feed`, `set_feed_title`, `move_feed`), carried out by the runner,
//! which then reads the file again, so the list follows as for any other edit.

use super::action::Action;
use super::keymap::KeyMode;
use super::search::{Prompt, PromptKind};
use super::{App, Effect, Screen};
use crate::model::FeedId;
use crate::t;
use ratatui::crossterm::event::KeyEvent;

/// One change to the subscriptions in config.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedEdit {
    /// Unsubscribe; the feed's articles are deleted, bookmarked ones kept.
    Remove {
        url: String,
    },
    /// `None`: the feed's own title again.
    Rename {
        url: String,
        title: Option<String>,
    },
    Move {
        url: String,
        by: isize,
    },
}

impl App {
    /// The feed row under the cursor on the feed list, or the feed whose view is open.
    fn feed_for_edit(&mut self, why: fn() -> String) -> Option<FeedId> {
        let id = self.cursor_feed(false);
        if id.is_none() {
            self.warn(why());
        }
        id
    }

    /// `X` on a feed row: asks first; `y` unsubscribes.
    pub(super) fn ask_remove_feed(&mut self) -> Vec<Effect> {
        if let Some(id) = self.feed_for_edit(|| t!("status-select-feed-to-unsubscribe")) {
            self.mode =
                super::Mode::Prompt(Box::new(Prompt::plain(PromptKind::ConfirmRemove(id), "")));
            self.dirty = true;
        }
        Vec::new()
    }

    /// `E`: the feed's name, to edit in place.
    pub(super) fn ask_rename_feed(&mut self) -> Vec<Effect> {
        let Some(id) = self.feed_for_edit(|| t!("status-select-feed-to-rename")) else {
            return Vec::new();
        };
        let title = self
            .store
            .feed(id)
            .map(|f| f.title.clone())
            .unwrap_or_default();
        self.mode =
            super::Mode::Prompt(Box::new(Prompt::plain(PromptKind::RenameFeed(id), &title)));
        self.dirty = true;
        Vec::new()
    }

    /// `[`/`]`: the feed one place up or down in the list (and in config.toml).
    pub(super) fn move_feed(&mut self, by: isize) -> Vec<Effect> {
        if self.screen != Screen::Feeds {
            self.warn(t!("status-feeds-move-on-feed-list"));
            return Vec::new();
        }
        let Some(url) = self
            .feed_for_edit(|| t!("status-select-feed-to-move"))
            .and_then(|id| self.store.feed(id))
            .map(|f| f.url.clone())
        else {
            return Vec::new();
        };
        vec![Effect::EditFeed(FeedEdit::Move { url, by })]
    }

    /// A key while the unsubscribe question is open: `yes` (`[keys.confirm]`, `y`) confirms,
    /// anything else keeps the feed.
    pub(super) fn confirm_remove_key(&mut self, id: FeedId, ev: &KeyEvent) -> Vec<Effect> {
        self.dirty = true;
        let Some(feed) = self.store.feed(id) else {
            return Vec::new();
        };
        if self.keymap.action_in(KeyMode::Confirm, ev) == Some(Action::Yes) {
            let url = feed.url.clone();
            vec![Effect::EditFeed(FeedEdit::Remove { url })]
        } else {
            self.say(t!("status-feed-kept"));
            Vec::new()
        }
    }

    pub(super) fn rename_submit(&mut self, id: FeedId, text: &str) -> Vec<Effect> {
        let Some(feed) = self.store.feed(id) else {
            return Vec::new();
        };
        let title = Some(text.trim().to_string()).filter(|t| !t.is_empty());
        if title.as_deref() == Some(feed.title.as_str()) {
            return Vec::new();
        }
        let url = feed.url.clone();
        vec![Effect::EditFeed(FeedEdit::Rename { url, title })]
    }

    /// The edit is in the file: read it again now (the list follows), and forget the
    /// articles of an unsubscribed feed.
    pub(super) fn on_feed_edited(
        &mut self,
        result: Result<String, String>,
        forget: Option<String>,
    ) -> Vec<Effect> {
        match result {
            Ok(message) => {
                if !message.is_empty() {
                    self.say(message);
                }
                let mut fx = vec![Effect::CheckConfig {
                    seq: self.unconfirmed.seq(),
                    forced: true,
                }];
                fx.extend(forget.map(|url| Effect::ForgetFeed { url }));
                fx
            }
            Err(e) => {
                self.warn(e);
                Vec::new()
            }
        }
    }
}
