//! The headline list: a view's articles, sorted, narrowed by search and filter, and the
//! cursor over them.

use super::{ActiveQuery, App, Cursor, Effect, Focus, Screen, View, search};
use crate::model::ArticleId;
use crate::store::{self, SortOrder};
use crate::views_file::ViewKey;
use std::cell::Cell;
use std::collections::HashMap;

/// The headline list of one view.
#[derive(Default)]
pub struct HeadlineList {
    pub(super) view: View,
    /// The view's ids, sorted, before search and filter narrow them.
    pub(super) base: Vec<ArticleId>,
    pub(super) list: Vec<ArticleId>,
    pub(super) cursor: Cursor,
    /// Sort order per view, by a key that survives tags and views being added or renamed;
    /// views not listed are newest first.
    pub(super) sort: HashMap<ViewKey, SortOrder>,
    pub(super) fold_cache: search::FoldCache,
    /// `/`: narrows the list, highlights matches; Esc clears it.
    pub(super) search: Option<ActiveQuery>,
    /// `F`: the filter of the current view.
    pub(super) filter: Option<ActiveQuery>,
    pub(super) query_seq: u64,
    /// The counts of `list` as filtered, with the store generation and length they are for.
    /// Also set by `shown_counts` itself, so a flag change costs one count, not one per frame.
    pub(super) shown_counts: Cell<Option<(u64, usize, store::Counts)>>,
}

impl App {
    /// Counts of the rows the headline list shows, so the title bar agrees with the list
    /// (a filter narrows it; articles read in Unread stay until it is reopened).
    pub fn shown_counts(&self) -> crate::store::Counts {
        // Without a query the list is the view (Unread also keeps the rows read since it
        // opened, all of them read): the store's live counts say it without a pass over
        // 100,000 rows per frame.
        if self.headlines.search.is_none() && self.headlines.filter.is_none() {
            match self.headlines.view {
                // Bookmarks keeps a row unbookmarked while it is open: counted below.
                View::All | View::Feed(_) => return self.counts(&self.headlines.view),
                View::Unread => {
                    let mut c = self.counts(&View::Unread);
                    c.total = self.headlines.list.len();
                    return c;
                }
                _ => {}
            }
        }
        // Taken when the list was filtered, and nothing changed since.
        let key = (self.store.generation(), self.headlines.list.len());
        if let Some((generation, len, c)) = self.headlines.shown_counts.get()
            && (generation, len) == key
        {
            return c;
        }
        let mut c = crate::store::Counts::default();
        for h in self
            .headlines
            .list
            .iter()
            .filter_map(|id| self.store.headline(*id))
        {
            let (unread, marked) = (!h.flags.read(), h.flags.bookmarked());
            c.total += 1;
            c.unread += usize::from(unread);
            c.bookmarked += usize::from(marked);
            c.bookmarked_unread += usize::from(unread && marked);
        }
        self.headlines.shown_counts.set(Some((key.0, key.1, c)));
        c
    }

    /// Takes the remembered sort orders (after the saved views and tags are known: a file
    /// that still names them by position is read by the positions they have now).
    pub fn load_sort_orders(&mut self, orders: Vec<(crate::views_file::ViewKey, SortOrder)>) {
        use crate::views_file::ViewKey;
        self.headlines.sort = orders
            .into_iter()
            .map(|(key, order)| {
                let key = match key {
                    ViewKey::SavedAt(i) => match self.feed_list.saved.get(i) {
                        Some((name, _)) => ViewKey::Saved(name.clone()),
                        None => ViewKey::SavedAt(i),
                    },
                    ViewKey::TagAt(i) => match self.feed_list.tags.get(i) {
                        Some(name) => ViewKey::Tag(name.clone()),
                        None => ViewKey::TagAt(i),
                    },
                    k => k,
                };
                (key, order)
            })
            .collect();
    }

    pub(super) fn cycle_sort(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Headlines {
            return Vec::new();
        }
        let next = self.order().next();
        self.headlines.sort.insert(self.headlines.view.key(), next);
        self.rebuild_list();
        self.say(format!("Sorted {}", next.label()));
        let mut all: Vec<_> = self
            .headlines
            .sort
            .iter()
            .map(|(v, o)| (v.clone(), *o))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        vec![Effect::SaveSortOrders(all)]
    }

    /// J/K: the article after or before the open one (else the list cursor's), opened.
    pub(super) fn neighbour(&mut self, dir: isize) -> Vec<Effect> {
        if self.screen != Screen::Headlines || self.headlines.list.is_empty() {
            return Vec::new();
        }
        let cur = self
            .pane
            .open
            .as_ref()
            .and_then(|a| self.headlines.list.iter().position(|&id| id == a.id))
            .unwrap_or(self.headlines.cursor.sel);
        let next = cur
            .saturating_add_signed(dir)
            .min(self.headlines.list.len() - 1);
        if next == cur && self.pane.open.is_some() {
            self.say(if dir > 0 {
                "Last article"
            } else {
                "First article"
            });
            return Vec::new();
        }
        self.headlines.cursor.sel = next;
        let h = self.list_height();
        self.headlines.cursor.clamp(self.headlines.list.len(), h);
        let id = self.headlines.list[next];
        self.open_article(id)
    }

    pub(super) fn next_unread(&mut self) -> Vec<Effect> {
        match self.screen {
            Screen::Feeds => {
                let rows = self.feed_rows();
                let start = self.feed_list.cursor.sel;
                let found = (1..=rows).map(|d| (start + d) % rows).find(|&i| {
                    matches!(self.feed_row_view(i), Some(View::Feed(id)) if self.store.counts(store::View::Feed(id)).unread > 0)
                });
                match found {
                    Some(i) => {
                        self.feed_list.cursor.sel = i;
                        let h = self.list_height();
                        self.feed_list.cursor.clamp(rows, h);
                    }
                    None => self.say("No unread articles"),
                }
                Vec::new()
            }
            Screen::Headlines => {
                let n = self.headlines.list.len();
                let start = self.headlines.cursor.sel;
                let found = (1..=n).map(|d| (start + d) % n).find(|&i| {
                    self.store
                        .headline(self.headlines.list[i])
                        .is_some_and(|h| !h.flags.read())
                });
                match found {
                    Some(i) => {
                        self.headlines.cursor.sel = i;
                        let h = self.list_height();
                        self.headlines.cursor.clamp(n, h);
                        if self.pane.open.is_some() {
                            let id = self.headlines.list[i];
                            return self.open_article(id);
                        }
                    }
                    None => self.say("No unread articles in this view"),
                }
                Vec::new()
            }
        }
    }

    pub(super) fn list_height(&self) -> usize {
        usize::from(self.areas().list.height).max(1)
    }

    pub(super) fn step(&mut self, delta: isize) -> Vec<Effect> {
        let h = self.list_height();
        if self.focus == Focus::Article && self.pane.open.is_some() {
            if let Some(a) = self.pane.open.as_mut() {
                a.scroll = a.scroll.saturating_add_signed(delta);
            }
            self.clamp_article_scroll();
            return Vec::new();
        }
        match self.screen {
            Screen::Feeds => {
                let rows = self.feed_rows();
                self.feed_list.cursor.sel = self.feed_list.cursor.sel.saturating_add_signed(delta);
                self.feed_list.cursor.clamp(rows, h);
            }
            Screen::Headlines => {
                self.headlines.cursor.sel = self.headlines.cursor.sel.saturating_add_signed(delta);
                self.headlines.cursor.clamp(self.headlines.list.len(), h);
                // With the article pane beside the list, it follows the cursor (stacked
                // under a short list it stays put; J/K go on from it).
                if self.pane.open.is_some()
                    && self.size.0 >= self.wide_min_width
                    && let Some(&id) = self.headlines.list.get(self.headlines.cursor.sel)
                {
                    return self.preview_article(id);
                }
            }
        }
        Vec::new()
    }

    pub(super) fn page(&mut self, dir: isize) -> Vec<Effect> {
        let h = if self.focus == Focus::Article && self.pane.open.is_some() {
            self.article_height()
        } else {
            self.list_height()
        };
        self.step(dir * (h.saturating_sub(1).max(1) as isize))
    }

    pub(super) fn enter_view(&mut self, view: View) {
        if view != self.headlines.view {
            self.headlines.search = None;
            self.headlines.filter = None;
        }
        self.headlines.view = view.clone();
        self.screen = Screen::Headlines;
        let mut ids = self.store.view_ids(view.in_store());
        self.store.sort(&mut ids, self.order());
        self.headlines.base = ids.clone();
        self.sync_fold_cache();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.headlines.cursor = Cursor::default();
        self.pane.open = None;
        self.focus = Focus::List;
        if let Some(row) =
            (0..self.feed_rows()).find(|&i| self.feed_row_view(i).as_ref() == Some(&view))
        {
            self.feed_list.cursor.sel = row;
        }
        self.relayout();
    }

    /// The list shown, with its counts when the pass that made it took them.
    pub(super) fn set_list(&mut self, ids: Vec<ArticleId>, counts: Option<crate::store::Counts>) {
        self.headlines
            .shown_counts
            .set(counts.map(|c| (self.store.generation(), ids.len(), c)));
        self.headlines.list = ids;
    }

    /// Narrows the view's list again after a search or filter changed (the view itself did
    /// not: its sorted ids are reused), keeping the selected article selected.
    pub(super) fn requery(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        let selected = self.headlines.list.get(self.headlines.cursor.sel).copied();
        self.sync_fold_cache();
        let mut ids = self.headlines.base.clone();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.headlines.cursor.sel = selected
            .and_then(|id| self.headlines.list.iter().position(|&x| x == id))
            .unwrap_or(0);
        self.relayout();
    }

    /// Like `requery`, but only within the current list (the query got narrower).
    pub(super) fn requery_within_list(&mut self) {
        let selected = self.headlines.list.get(self.headlines.cursor.sel).copied();
        let mut ids = std::mem::take(&mut self.headlines.list);
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.headlines.cursor.sel = selected
            .and_then(|id| self.headlines.list.iter().position(|&x| x == id))
            .unwrap_or(0);
        self.relayout();
    }

    /// Rebuilds the visible list after the store changed, keeping the selected article selected.
    pub(super) fn rebuild_list(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        let selected = self.headlines.list.get(self.headlines.cursor.sel).copied();
        let mut ids = self.store.view_ids(self.headlines.view.in_store());
        // Articles read while this list was open stay in an Unread list until it is reopened.
        if self.headlines.view == View::Unread {
            let keep: std::collections::HashSet<ArticleId> = self
                .headlines
                .list
                .iter()
                .copied()
                .filter(|id| self.store.headline(*id).is_some())
                .collect();
            let fresh: std::collections::HashSet<ArticleId> = ids.iter().copied().collect();
            for id in keep {
                if !fresh.contains(&id) {
                    ids.push(id);
                }
            }
            ids.sort_by(|a, b| {
                let da = self.store.headline(*a).map(|h| (h.date, h.id));
                let db = self.store.headline(*b).map(|h| (h.date, h.id));
                db.cmp(&da)
            });
        }
        self.store.sort(&mut ids, self.order());
        self.headlines.base = ids.clone();
        self.sync_fold_cache();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        if let Some(sel) = selected.and_then(|id| self.headlines.list.iter().position(|&x| x == id))
        {
            self.headlines.cursor.sel = sel;
        }
        if self
            .pane
            .open
            .as_ref()
            .is_some_and(|a| self.store.headline(a.id).is_none())
        {
            self.pane.open = None;
            self.focus = Focus::List;
        }
        self.relayout();
    }

    pub fn order(&self) -> SortOrder {
        self.headlines
            .sort
            .get(&self.headlines.view.key())
            .copied()
            .unwrap_or_default()
    }
}
