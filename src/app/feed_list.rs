//! The feed list: its rows (built-in views, saved views, tags, feeds), their titles and
//! counts, and the cursor over them.

use super::{App, BUILTIN_VIEWS, Cursor, Effect, Screen, Trigger, View, search};
use crate::model::FeedId;
use crate::store::{self, Store};
use crate::t;

/// The feed list's rows and what each needs: tags and saved views, with their counts.
#[derive(Default)]
pub struct FeedList {
    pub(super) cursor: Cursor,
    /// Tags of the configured feeds, sorted.
    tags: Vec<String>,
    /// The tags that have a row in the feed list (indices into `tags`).
    shown_tags: Vec<usize>,
    shown_tags_gen: Option<u64>,
    show_empty_tags: bool,
    /// Saved views: name and parsed filter, in config order.
    saved: Vec<(String, crate::filter::Filter)>,
    saved_counts: Vec<crate::store::Counts>,
    saved_gen: Option<u64>,
    /// Which bodies hold the saved views' words, asked again whenever the store changed.
    saved_hits: SavedHits,
}

/// The index's answer for the words of every saved view, so their lists and counts see
/// article text as `/` and `F` do.
#[derive(Default)]
struct SavedHits {
    /// The store's content generation the last question was asked for.
    asked_for: Option<u64>,
    seq: Option<u64>,
    hits: Option<search::BodyHits>,
}

impl FeedList {
    pub(super) fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The name of the saved view at position `i` (old `views.json` keys).
    pub(super) fn saved_name(&self, i: usize) -> Option<&str> {
        self.saved.get(i).map(|(n, _)| n.as_str())
    }

    /// Which bodies hold the saved views' words, as the index last answered.
    pub(super) fn saved_hits(&self) -> Option<&search::BodyHits> {
        self.saved_hits.hits.as_ref()
    }

    /// Counts saved views again at the next update (the store was replaced or the index
    /// answered).
    pub(super) fn recount_saved(&mut self) {
        self.saved_gen = None;
    }

    /// The saved views' words to ask the index about, once per store content generation
    /// (new articles may hold them); None when asked already or there are none.
    pub(super) fn saved_words(&mut self, generation: u64) -> Option<Vec<String>> {
        if self.saved_hits.asked_for == Some(generation) {
            return None;
        }
        self.saved_hits.asked_for = Some(generation);
        let mut terms: Vec<String> = Vec::new();
        for t in self.saved.iter().flat_map(|(_, f)| f.body_terms()) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
        (!terms.is_empty()).then_some(terms)
    }

    /// The question for `saved_words` went out as `seq`.
    pub(super) fn asked_saved_words(&mut self, seq: u64) {
        self.saved_hits.seq = Some(seq);
    }

    /// The index's answer for `seq`; true when it was the saved views' question.
    pub(super) fn take_saved_hits(&mut self, seq: u64, hits: &search::BodyHits) -> bool {
        if self.saved_hits.seq != Some(seq) {
            return false;
        }
        self.saved_hits.hits = Some(hits.clone());
        self.saved_gen = None;
        true
    }

    /// The filter of the saved view named `name`.
    pub(super) fn saved_filter(&self, name: &str) -> Option<&crate::filter::Filter> {
        self.saved.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }

    pub(super) fn rows(&self, store: &Store) -> usize {
        BUILTIN_VIEWS.len() + self.saved.len() + self.shown_tags.len() + store.feeds().len()
    }

    /// The view behind row `i`.
    pub(super) fn row_view(&self, store: &Store, i: usize) -> Option<View> {
        if i < BUILTIN_VIEWS.len() {
            return Some(BUILTIN_VIEWS[i].clone());
        }
        let i = i - BUILTIN_VIEWS.len();
        if i < self.saved.len() {
            return Some(View::Saved(self.saved[i].0.clone()));
        }
        let i = i - self.saved.len();
        if i < self.shown_tags.len() {
            return Some(View::Tag(self.tags[self.shown_tags[i]].clone()));
        }
        store
            .feeds()
            .get(i - self.shown_tags.len())
            .map(|f| View::Feed(f.id))
    }

    /// The first row showing `view`.
    pub(super) fn row_of(&self, store: &Store, view: &View) -> Option<usize> {
        (0..self.rows(store)).find(|&i| self.row_view(store, i).as_ref() == Some(view))
    }

    /// Which tags get a row: those with articles, or all with `show_empty_tags` (a first
    /// run offline would otherwise open on a column of empty tags).
    fn tags_to_show(&self, store: &Store) -> Vec<usize> {
        (0..self.tags.len())
            .filter(|&i| self.show_empty_tags || tag_counts(store, &self.tags[i]).total > 0)
            .collect()
    }

    /// Every tag of the configured feeds, sorted.
    fn collect_tags(&mut self, store: &Store) {
        let mut tags: Vec<String> = store
            .feeds()
            .iter()
            .flat_map(|f| f.tags.iter().cloned())
            .collect();
        tags.sort_by_key(|t| t.to_lowercase());
        tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        self.tags = tags;
        self.shown_tags = self.tags_to_show(store);
        self.shown_tags_gen = Some(store.generation());
    }

    /// Counts of any view, saved views and tags included.
    pub(super) fn counts(&self, store: &Store, view: &View) -> store::Counts {
        match view {
            View::Saved(name) => self
                .saved
                .iter()
                .position(|(n, _)| n == name)
                .and_then(|i| self.saved_counts.get(i).copied())
                .unwrap_or_default(),
            View::Tag(tag) => tag_counts(store, tag),
            other => store.counts(other.in_store()),
        }
    }

    /// Saved view counts follow the store: recounted whenever it changed. True when they were.
    fn refresh_saved_counts(&mut self, store: &Store, now: i64) -> bool {
        if self.saved.is_empty() || self.saved_gen == Some(store.generation()) {
            return false;
        }
        let mut counts = vec![store::Counts::default(); self.saved.len()];
        let hits = self.saved_hits.hits.as_ref();
        for h in store.headlines() {
            let feed = store.feed(h.feed_id());
            for (i, (_, f)) in self.saved.iter().enumerate() {
                let subject = search::subject(h, feed, store.categories(), hits);
                if f.matches(&subject, now) {
                    counts[i].total += 1;
                    counts[i].unread += usize::from(!h.flags().read());
                }
            }
        }
        self.saved_counts = counts;
        self.saved_gen = Some(store.generation());
        true
    }
}

/// Counts of the feeds with a tag, together.
fn tag_counts(store: &Store, tag: &str) -> store::Counts {
    let mut c = store::Counts::default();
    for f in store
        .feeds()
        .iter()
        .filter(|f| f.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
    {
        let fc = store.counts(store::View::Feed(f.id));
        c.total += fc.total;
        c.unread += fc.unread;
        c.bookmarked += fc.bookmarked;
        c.bookmarked_unread += fc.bookmarked_unread;
    }
    c
}

impl App {
    pub fn feed_rows(&self) -> usize {
        self.feed_list.rows(&self.store)
    }

    /// Which tags get a row, recomputed when the store changes; the cursor stays on the
    /// view it was on.
    pub(super) fn refresh_shown_tags(&mut self, force: bool) {
        if !force && self.feed_list.shown_tags_gen == Some(self.store.generation()) {
            return;
        }
        self.feed_list.shown_tags_gen = Some(self.store.generation());
        let shown = self.feed_list.tags_to_show(&self.store);
        if shown != self.feed_list.shown_tags {
            let selected = self.feed_row_view(self.feed_list.cursor.sel);
            self.feed_list.shown_tags = shown;
            self.relayout_after_rows_changed(selected);
            self.dirty = true;
        }
    }

    /// The getting-started feed, while none of its articles has been read.
    pub fn unstarted_tour(&self) -> Option<FeedId> {
        let f = self
            .store
            .feeds()
            .iter()
            .find(|f| f.url == crate::demo::DEMO_URL)?;
        let c = self.store.counts(store::View::Feed(f.id));
        (c.unread == c.total).then_some(f.id)
    }

    /// A first start (nothing read yet) opens with the cursor on the tour, not on
    /// "All articles" above a column of starter feeds.
    pub fn start_on_tour(&mut self) {
        // From the counts, so a store that holds only them (`Store::counted`) answers too.
        let all = self.store.counts(crate::store::View::All);
        if all.unread < all.total {
            return;
        }
        let Some(id) = self.unstarted_tour() else {
            return;
        };
        if let Some(row) = self.feed_list.row_of(&self.store, &View::Feed(id)) {
            self.feed_list.cursor.sel = row;
            self.relayout();
        }
    }

    /// Shows tag rows with no articles too (config `show_empty_tags`).
    pub fn set_show_empty_tags(&mut self, show: bool) {
        self.feed_list.show_empty_tags = show;
        self.refresh_shown_tags(true);
    }

    /// Every tag of the configured feeds, sorted, for the tag rows of the feed list.
    /// The caller keeps the cursor (relayout_after_rows_changed): row indices changed.
    pub fn collect_tags(&mut self) {
        self.feed_list.collect_tags(&self.store);
    }

    /// The view behind row `i` of the feed list.
    pub fn feed_row_view(&self, i: usize) -> Option<View> {
        self.feed_list.row_view(&self.store, i)
    }

    pub fn view_title(&self, view: &View) -> String {
        match view {
            View::All => t!("view-all"),
            View::Unread => t!("view-unread"),
            View::Bookmarks => t!("view-bookmarks"),
            View::Feed(id) => self
                .store
                .feed(*id)
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            View::Saved(name) => name.clone(),
            View::Tag(tag) => format!("#{tag}"),
        }
    }

    /// Sets the saved views (`[[view]]` from config); their filters were checked at load.
    pub fn set_saved_views(&mut self, views: &[crate::config::SavedView]) {
        self.feed_list.saved = views
            .iter()
            .filter_map(|v| Some((v.name.clone(), crate::filter::parse(&v.filter).ok()?)))
            .collect();
        self.feed_list.saved_gen = None;
        self.feed_list.saved_hits = SavedHits::default();
        self.refresh_saved_counts();
    }

    /// Saved view counts follow the store: recounted whenever it changed.
    pub(super) fn refresh_saved_counts(&mut self) {
        if self.feed_list.refresh_saved_counts(&self.store, self.now) {
            self.dirty = true;
        }
    }

    /// Counts of any view, saved views included.
    pub fn counts(&self, view: &View) -> store::Counts {
        self.feed_list.counts(&self.store, view)
    }

    /// The feed list gained or lost rows (tags): keep the cursor on the view it was on.
    pub(super) fn relayout_after_rows_changed(&mut self, selected: Option<View>) {
        if let Some(row) = (0..self.feed_rows()).find(|&i| self.feed_row_view(i) == selected) {
            self.feed_list.cursor.sel = row;
        }
        self.relayout();
    }

    /// The feed the cursor means: a feed row, the feed whose view is open, or (with
    /// `via_article`) the feed of the selected article in a view that spans feeds.
    pub(super) fn cursor_feed(&self, via_article: bool) -> Option<crate::model::FeedId> {
        match self.screen {
            Screen::Feeds => match self.feed_row_view(self.feed_list.cursor.sel) {
                Some(View::Feed(id)) => Some(id),
                _ => None,
            },
            Screen::Headlines => match self.headlines.view {
                View::Feed(id) => Some(id),
                _ if via_article => self
                    .selected_article()
                    .and_then(|id| self.store.headline(id))
                    .map(|h| h.feed_id()),
                _ => None,
            },
        }
    }

    pub(super) fn refresh_selected(&mut self) -> Vec<Effect> {
        match self.cursor_feed(true) {
            Some(id) => self.start_refresh(vec![id], Trigger::Forced),
            None => self.refresh_all(),
        }
    }
}
