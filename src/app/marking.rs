//! Marking articles: read, bookmarked, deleted, a whole view read.

use super::{Action, App, Effect, Focus, Screen};
use crate::db::Change;
use crate::model::ArticleId;
use crate::t;

impl App {
    pub(super) fn toggle_read(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            return Vec::new();
        };
        let Some(read) = self.store.headline(id).map(|h| h.flags().read()) else {
            return Vec::new();
        };
        self.store.set_read(id, !read);
        let changes = vec![Change::Read(id, !read)];
        let what = if read {
            t!("undo-what-marked-unread")
        } else {
            t!("undo-what-marked-read")
        };
        self.remember_marking(what, &changes);
        vec![Effect::Persist(changes)]
    }

    /// `X`: hides the article for good (a refresh does not bring it back); `U` undoes.
    pub(super) fn delete_article(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            self.warn(t!("status-select-article-to-delete"));
            return Vec::new();
        };
        let Some(deleted) = self.store.delete(id) else {
            return Vec::new();
        };
        let title = crate::text::fit(&deleted.headline.title, 40);
        self.remember_deletion(
            t!("undo-what-deleted", title = title.trim_end()),
            vec![deleted],
        );
        if self.pane.article().is_some_and(|a| a.id == id) {
            self.pane.close();
            self.focus = Focus::List;
        }
        self.headlines.remove(id);
        self.relayout();
        let undo = self.keymap.hint(Action::Undo);
        self.say(t!("status-article-deleted", key = undo));
        vec![Effect::Persist(vec![Change::Deleted(id, true)])]
    }

    pub(super) fn toggle_bookmark(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            return Vec::new();
        };
        let Some(on) = self.store.headline(id).map(|h| h.flags().bookmarked()) else {
            return Vec::new();
        };
        self.store.set_bookmarked(id, !on);
        self.say(if on {
            t!("status-bookmark-removed")
        } else {
            t!("status-bookmarked")
        });
        let changes = vec![Change::Bookmark(id, !on)];
        let what = if on {
            t!("undo-what-bookmark-removed")
        } else {
            t!("undo-what-bookmark-added")
        };
        self.remember_marking(what, &changes);
        vec![Effect::Persist(changes)]
    }

    pub(super) fn mark_all_read(&mut self) -> Vec<Effect> {
        let view = match self.screen {
            Screen::Headlines => self.headlines.view.clone(),
            Screen::Feeds => match self.feed_row_view(self.feed_list.cursor.sel) {
                Some(v) => v,
                None => return Vec::new(),
            },
        };
        let ids: Vec<ArticleId> = match self.screen {
            Screen::Headlines => self.headlines.list.clone(),
            // A tag or saved view row is not the store's view of everything.
            Screen::Feeds => self.view_articles(&view),
        };
        let marked: Vec<ArticleId> = ids
            .into_iter()
            .filter(|&id| self.store.set_read(id, true))
            .collect();
        let mut changes: Vec<Change> = marked.iter().map(|&id| Change::Read(id, true)).collect();
        let n = changes.len();
        let what = t!(
            "undo-what-view-read",
            count = n,
            view = self.view_title(&view)
        );
        self.remember_marking(what.clone(), &changes);
        changes.extend(
            self.store
                .caught_up(&marked)
                .into_iter()
                .map(Change::CaughtUp),
        );
        let undo = self.keymap.hint(Action::Undo);
        self.say(t!("status-undo-hint", what = what, key = undo));
        if changes.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Persist(changes)]
        }
    }
}
