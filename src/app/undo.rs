//! `U`: takes back the last marking action (`u`, `A`, `b`, `D`), so a stray `A` on a view of
//! hundreds of unread articles, or a `D` on the wrong row, costs nothing. One level: what the
//! user just did.

use super::{App, Effect};
use crate::db::Change;
use crate::store::Deleted;
use crate::t;

/// What puts things back as they were, and what it undoes, for the message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Undo {
    what: String,
    restore: Vec<Change>,
    /// Deleted articles as the store had them.
    deleted: Vec<Deleted>,
}

impl App {
    /// Records `done` (only changes that changed a flag) as the last marking action.
    pub(super) fn remember_marking(&mut self, what: impl Into<String>, done: &[Change]) {
        if done.is_empty() {
            return;
        }
        // Undoing a catch-up is marking its articles unread again, each queued after it.
        let restore = done
            .iter()
            .filter_map(|c| match *c {
                Change::Read(id, v) => Some(Change::Read(id, !v)),
                Change::Bookmark(id, v) => Some(Change::Bookmark(id, !v)),
                Change::Deleted(id, v) => Some(Change::Deleted(id, !v)),
                Change::CaughtUp(_) => None,
            })
            .collect();
        self.undo = Some(Undo {
            what: what.into(),
            restore,
            deleted: Vec::new(),
        });
    }

    /// Records a deletion: the rows come back into the store on undo.
    pub(super) fn remember_deletion(&mut self, what: impl Into<String>, deleted: Vec<Deleted>) {
        if deleted.is_empty() {
            return;
        }
        self.undo = Some(Undo {
            what: what.into(),
            restore: deleted
                .iter()
                .map(|d| Change::Deleted(d.headline.id, false))
                .collect(),
            deleted,
        });
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(undo) = self.undo.take() else {
            self.say(t!("status-nothing-to-undo"));
            return Vec::new();
        };
        for d in undo.deleted {
            self.store.undelete(d);
        }
        // Only rows still stored: an article pruned since then has no flags to restore.
        let restore: Vec<Change> = undo
            .restore
            .into_iter()
            .filter(|c| match *c {
                Change::Read(id, v) => self.store.set_read(id, v),
                Change::Bookmark(id, v) => self.store.set_bookmarked(id, v),
                Change::Deleted(..) => true,
                Change::CaughtUp(_) => false,
            })
            .collect();
        // Rows deleted come back, and articles marked unread again belong in Unread.
        self.rebuild_list();
        self.say(t!("status-undone", what = undo.what));
        self.dirty = true;
        if restore.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Persist(restore)]
        }
    }
}
