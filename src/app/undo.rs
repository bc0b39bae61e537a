//! `U`: takes back the last marking action (`u`, `A`, `b`), so a stray `A` on a view of
//! hundreds of unread articles costs nothing. One level: what the user just did.

use super::{App, Effect};
use crate::db::Change;

/// The changes that put the flags back as they were, and what they undo, for the message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Undo {
    what: String,
    restore: Vec<Change>,
}

impl App {
    /// Records `done` (only changes that changed a flag) as the last marking action.
    pub(super) fn remember_marking(&mut self, what: impl Into<String>, done: &[Change]) {
        if done.is_empty() {
            return;
        }
        let restore = done
            .iter()
            .map(|c| match *c {
                Change::Read(id, v) => Change::Read(id, !v),
                Change::Bookmark(id, v) => Change::Bookmark(id, !v),
            })
            .collect();
        self.undo = Some(Undo {
            what: what.into(),
            restore,
        });
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(undo) = self.undo.take() else {
            self.say("Nothing to undo");
            return Vec::new();
        };
        // Only rows still stored: an article pruned since then has no flags to restore.
        let restore: Vec<Change> = undo
            .restore
            .into_iter()
            .filter(|c| match *c {
                Change::Read(id, v) => self.store.set_read(id, v),
                Change::Bookmark(id, v) => self.store.set_bookmarked(id, v),
            })
            .collect();
        self.say(format!("Undone: {}", undo.what));
        self.dirty = true;
        if restore.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Persist(restore)]
        }
    }
}
