//! Changes made by other processes on the same database (a cron `tidings refresh`, a
//! second reader), merged into the store without undoing this reader's own newer changes.
//!
//! Every `Persist` effect gets a sequence number; `CheckExternal` carries the number of the
//! last one, and the writer thread answers after everything sent before it is committed.
//! So an answer with `seq` includes every own change numbered up to `seq`; the flags of
//! articles changed later are kept as the store has them.

use super::{App, Effect};
use crate::db::{Change, Snapshot};
use crate::model::{ArticleId, FeedStatus, Flags};
use crate::t;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Unconfirmed {
    seq: u64,
    /// (article, flag bit) → number of the last `Persist` that changed that flag.
    changed: HashMap<(ArticleId, u8), u64>,
}

impl Unconfirmed {
    pub(super) fn seq(&self) -> u64 {
        self.seq
    }

    pub(super) fn record(&mut self, effects: &[Effect]) {
        for e in effects {
            if let Effect::Persist(changes) = e {
                self.seq += 1;
                for c in changes {
                    let key = match *c {
                        Change::Read(id, _) => (id, Flags::READ),
                        Change::Bookmark(id, _) => (id, Flags::BOOKMARKED),
                        // The writer drops a pending deletion from its snapshots itself.
                        Change::Deleted(..) | Change::CaughtUp(_) => continue,
                    };
                    self.changed.insert(key, self.seq);
                }
            }
        }
    }
}

/// When a status was recorded; never polled is older than anything.
fn status_at(status: &FeedStatus) -> i64 {
    match status {
        FeedStatus::Ok { at } | FeedStatus::Error { at, .. } => *at,
        FeedStatus::Never => i64::MIN,
    }
}

impl App {
    pub(super) fn merge_external(&mut self, seq: u64, snapshot: Snapshot) {
        let newer = &self.unconfirmed.changed;
        let changed = self.store.merge_snapshot(snapshot.headlines, |id, bit| {
            newer.get(&(id, bit)).is_some_and(|&s| s > seq)
        });
        self.unconfirmed.changed.retain(|_, s| *s > seq);
        self.store.set_categories(snapshot.categories);
        // A poll of this reader's own that is under way answers later and wins.
        for state in snapshot.feeds {
            // Polled by the other process: not due again here before its interval.
            let polled_at = match &state.status {
                FeedStatus::Ok { at } | FeedStatus::Error { at, .. } => Some(*at),
                FeedStatus::Never => None,
            };
            if let Some(at) = polled_at {
                let last = self.last_poll.entry(state.id).or_insert(at);
                *last = (*last).max(at);
            }
            if let Some(feed) = self.store.feed_mut(state.id) {
                // A snapshot read before this reader's own poll of the feed was stored is
                // older than what the store knows: it must not undo that poll's outcome.
                if status_at(&state.status) < status_at(&feed.status) {
                    continue;
                }
                feed.fetch_url = state.fetch_url.unwrap_or_else(|| feed.url.clone());
                feed.validators = state.validators;
                feed.schedule = state.schedule;
                if feed.status != state.status {
                    feed.status = state.status;
                    self.dirty = true;
                }
            }
        }
        if changed.any() {
            self.rebuild_list();
            self.dirty = true;
        }
    }
}

impl App {
    /// config.toml was read again and the writer made rows for its feeds: take the new feed
    /// list, then every stored headline (the articles of a feed added back, bookmarks).
    pub(super) fn on_feeds_synced(
        &mut self,
        seq: u64,
        feeds: Vec<crate::model::Feed>,
        snapshot: Snapshot,
    ) {
        let selected = self.feed_row_view(self.feed_list.cursor.sel);
        let (added, removed) = self.store.set_feeds(feeds);
        self.merge_external(seq, snapshot);
        self.collect_tags();
        self.feed_list.recount_saved();
        if let super::View::Feed(id) = self.headlines.view
            && self.store.feed(id).is_none()
        {
            self.screen = super::Screen::Feeds;
            self.pane.close();
        }
        self.rebuild_list();
        self.relayout_after_rows_changed(selected);
        // A rename or a moved feed says itself what it did.
        if (added, removed) == (0, 0) {
            self.dirty = true;
            return;
        }
        // With sync the list is the server's, and the sync's own line says what came.
        let source = if self.sync_mode {
            t!("status-feeds-source-sync")
        } else {
            t!("status-feeds-source-config")
        };
        self.say(match (added, removed) {
            (0, 0) => String::new(),
            (a, 0) => t!("status-feeds-added", source = source, count = a),
            (0, r) => t!("status-feeds-removed", source = source, count = r),
            (a, r) => t!(
                "status-feeds-added-removed",
                source = source,
                count = a,
                removed = r
            ),
        });
        self.dirty = true;
    }
}
