//! The headline list: a view's articles, sorted, narrowed by search and filter, and the
//! cursor over them.

use super::search::HeadlineSubject;
use super::{ActiveQuery, App, Cursor, Effect, FeedList, Focus, PromptKind, Screen, View, search};
use crate::model::ArticleId;
use crate::store::{self, SortOrder, Store};
use crate::t;
use crate::views_file::ViewKey;
use std::cell::Cell;
use std::collections::HashMap;

/// The headline list of one view.
#[derive(Default)]
pub struct HeadlineList {
    pub(super) view: View,
    /// The view's ids, sorted, before search and filter narrow them.
    base: Vec<ArticleId>,
    pub(super) list: Vec<ArticleId>,
    pub(super) cursor: Cursor,
    /// Sort order per view, by a key that survives tags and views being added or renamed;
    /// views not listed are newest first.
    sort: HashMap<ViewKey, SortOrder>,
    fold_cache: search::FoldCache,
    /// `/`: narrows the list, highlights matches; Esc clears it.
    search: Option<ActiveQuery>,
    /// `F`: the filter of the current view.
    filter: Option<ActiveQuery>,
    query_seq: u64,
    /// Store positions of `base` and `list`, taken when a query first narrows them.
    positions: Positions,
    /// The list a typed query narrowed from, kept while typing goes on at the prompt.
    checkpoint: Option<Checkpoint>,
    /// The counts of `list` as filtered, with the store generation and length they are for.
    /// Also set by `shown_counts` itself, so a flag change costs one count, not one per frame.
    shown_counts: Cell<Option<(u64, usize, store::Counts)>>,
    /// From how many rows a pass splits across threads; None: `split::PARALLEL_FROM`.
    /// Tests set it low to compare split passes with whole ones.
    split_from: Option<usize>,
}

/// Where `base`'s and `list`'s articles sit in the store (`Store::position`), for the
/// content generation they were taken at; None when not taken or out of date. Narrowing
/// reads the store and the fold cache by position: hashing each of 250,000 ids per
/// keystroke, twice, missed the cache on nearly every lookup.
#[derive(Default)]
struct Positions {
    base: Option<(u64, Vec<u32>)>,
    list: Option<(u64, Vec<u32>)>,
}

/// The list of an earlier query typed at the prompt, the one the list was last narrowed
/// from: a keystroke that widens the query again (`-ra` after `-r`: fewer articles hold
/// `ra`) cannot narrow the current list, but its query still implies this one's, so it narrows
/// this list instead of judging the whole view (the filter benchmark's `-rail age:<30d`
/// judged all 250,000 rows at each of its letters; from here 166,000). Kept only while
/// keystrokes of the same prompt rebuild the list: any other rebuild (the store changed, the
/// index answered, the view changed) ends it. Costs one list: up to 12 bytes per row.
struct Checkpoint {
    kind: PromptKind,
    /// The query of `kind` that made `ids` (with the other query as it is now).
    filter: crate::filter::Filter,
    /// `Store::generation` when it was kept: any change to the store (a flag too) ends it.
    generation: u64,
    ids: Vec<ArticleId>,
    positions: Option<(u64, Vec<u32>)>,
}

/// Rows to narrow, with their store positions when taken.
type Rows = (Vec<ArticleId>, Option<(u64, Vec<u32>)>);

/// The positions of `ids` in the store, or None when one is not there (a list that still
/// shows an article the store dropped: then matching looks each id up).
fn positions_of(store: &Store, ids: &[ArticleId]) -> Option<Vec<u32>> {
    ids.iter().map(|&id| store.position(id)).collect()
}

/// Kept positions when they are for the store's current content, else taken again.
fn current(store: &Store, kept: Option<(u64, Vec<u32>)>, ids: &[ArticleId]) -> Option<Vec<u32>> {
    match kept {
        Some((generation, p))
            if generation == store.content_generation() && p.len() == ids.len() =>
        {
            Some(p)
        }
        _ => positions_of(store, ids),
    }
}

/// A pass scans the whole fold cache for its free words when it judges at least one in this
/// many of the store's headlines; below that each headline's text is searched.
const SCAN_SHARE: usize = 64;

/// Where a rebuild of the list starts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Rebuild {
    /// From the store: the view was entered or the store changed.
    View,
    /// From the view's sorted ids (`base`): a search or filter changed.
    Queries,
    /// From the current list: the query got narrower, so nothing outside it can match.
    Within,
}

/// What narrowing the list needs from outside it.
pub(super) struct Scope<'a> {
    pub(super) store: &'a Store,
    /// Saved views' filters and their body hits.
    pub(super) feed_list: &'a FeedList,
    pub(super) now: i64,
}

impl HeadlineList {
    /// The active search or filter.
    pub(super) fn query(&self, kind: PromptKind) -> Option<&ActiveQuery> {
        match kind {
            PromptKind::Search => self.search.as_ref(),
            PromptKind::Filter => self.filter.as_ref(),
            _ => None,
        }
    }

    /// Sets the search or filter; false for a prompt that is neither.
    pub(super) fn set_query(&mut self, kind: PromptKind, q: Option<ActiveQuery>) -> bool {
        match kind {
            PromptKind::Search => self.search = q,
            PromptKind::Filter => self.filter = q,
            _ => return false,
        }
        true
    }

    /// Clears the search or filter; true when there was one.
    pub(super) fn take_query(&mut self, kind: PromptKind) -> bool {
        match kind {
            PromptKind::Search => self.search.take().is_some(),
            PromptKind::Filter => self.filter.take().is_some(),
            _ => false,
        }
    }

    /// A number for the next question to the index, so stale answers can be told apart.
    pub(super) fn next_seq(&mut self) -> u64 {
        self.query_seq += 1;
        self.query_seq
    }

    /// Folds every title now, once, and takes the view's store positions, so no keystroke
    /// of a query pays for them (the first one judges every row of the view by position:
    /// looking 250,000 ids up in the store's map made it take twice as long).
    pub(super) fn fold_titles(&mut self, store: &Store) {
        self.fold_cache.refresh(store, self.split_from());
        let generation = store.content_generation();
        let base = &self.base;
        self.positions.base = match self.positions.base.take() {
            Some((g, p)) if g == generation && p.len() == base.len() => Some(p),
            // 250,000 lookups in the store's id map, each a cache miss: split across threads.
            _ => {
                let parts = crate::split::parts(base.len(), self.split_from());
                crate::split::map_ranges(base.len(), parts, |r| positions_of(store, &base[r]))
                    .into_iter()
                    .collect::<Option<Vec<Vec<u32>>>>()
                    .map(|parts| parts.concat())
            }
        }
        .map(|p| (generation, p));
    }

    /// The index's answer for query `seq`; true when the search or filter asked it.
    pub(super) fn take_body_hits(&mut self, seq: u64, hits: &search::BodyHits) -> bool {
        let mut changed = false;
        for q in [self.search.as_mut(), self.filter.as_mut()]
            .into_iter()
            .flatten()
        {
            if q.seq == seq {
                q.body_hits = Some(hits.clone());
                changed = true;
            }
        }
        changed
    }

    /// The folded words to highlight.
    pub(super) fn highlight_terms(&self) -> Vec<String> {
        let mut out = Vec::new();
        for q in [self.search.as_ref(), self.filter.as_ref()]
            .into_iter()
            .flatten()
        {
            for t in &q.terms {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    /// A deleted article leaves the list at once.
    pub(super) fn remove(&mut self, id: ArticleId) {
        self.list.retain(|&x| x != id);
        self.base.retain(|&x| x != id);
        self.positions = Positions::default();
    }

    pub(super) fn order(&self) -> SortOrder {
        self.sort.get(&self.view.key()).copied().unwrap_or_default()
    }

    /// The one way the list changes: base recomputed (or reused), then narrowed by the
    /// saved view or tag, the filter and the search. The selected article stays selected;
    /// when it is gone, a changed query starts at the top and a changed store keeps the row.
    pub(super) fn rebuild(&mut self, scope: &Scope, from: Rebuild) {
        self.checkpoint = None;
        self.rebuild_rows(scope, from, None);
    }

    /// The prompt closed with its query: nothing is typed after it to narrow a kept list.
    pub(super) fn end_typing(&mut self) {
        self.checkpoint = None;
    }

    /// A query typed at the prompt replaced the one of `kind`: the list is narrowed from
    /// itself when the new query implies the old one (`narrowing`), else from the
    /// checkpoint when the new query implies its query, else from the view's ids.
    pub(super) fn typed(
        &mut self,
        scope: &Scope,
        kind: PromptKind,
        q: ActiveQuery,
        narrowing: bool,
    ) {
        let old = self.query(kind).map(|o| o.filter.clone());
        let generation = scope.store.generation();
        let checkpoint = self
            .checkpoint
            .take()
            .filter(|c| c.kind == kind && c.generation == generation);
        let from_checkpoint = !narrowing
            && checkpoint
                .as_ref()
                .is_some_and(|c| q.filter.implies(&c.filter));
        self.set_query(kind, Some(q));
        if narrowing {
            let narrowed = self.rebuild_rows(scope, Rebuild::Within, None);
            // The list narrowed from is where a keystroke that widens this one starts.
            self.checkpoint = match (old, narrowed) {
                (Some(filter), Some((ids, positions))) => Some(Checkpoint {
                    kind,
                    filter,
                    generation,
                    ids,
                    positions,
                }),
                _ => checkpoint,
            };
            return;
        }
        match checkpoint {
            Some(c) if from_checkpoint => {
                let Checkpoint {
                    kind,
                    filter,
                    generation,
                    ids,
                    positions,
                } = c;
                let back = self.rebuild_rows(scope, Rebuild::Within, Some((ids, positions)));
                self.checkpoint = back.map(|(ids, positions)| Checkpoint {
                    kind,
                    filter,
                    generation,
                    ids,
                    positions,
                });
            }
            checkpoint => {
                self.rebuild_rows(scope, Rebuild::Queries, None);
                self.checkpoint = checkpoint;
            }
        }
    }

    /// [`HeadlineList::rebuild`] from `from`, or from `given` rows (a checkpoint's, which lie
    /// within the view like the list). Returns the rows narrowed when they were not the
    /// view's (`Within`: the old list; or `given`), for the caller to keep.
    fn rebuild_rows(&mut self, scope: &Scope, from: Rebuild, given: Option<Rows>) -> Option<Rows> {
        let selected = self.list.get(self.cursor.sel).copied();
        let Positions {
            base: kept_base,
            list: kept_list,
        } = std::mem::take(&mut self.positions);
        let within = from == Rebuild::Within || given.is_some();
        let (rows, known, kept_base) = match (from, given) {
            (_, Some((ids, positions))) => (ids, positions, kept_base),
            (Rebuild::View, None) => {
                let (mut ids, positions) = self.view_ids(scope.store);
                // Another order moves the ids away from their positions: taken again if needed.
                let positions = positions.filter(|_| self.order() == SortOrder::Newest);
                scope.store.sort(&mut ids, self.order());
                let generation = scope.store.content_generation();
                (ids, positions.map(|p| (generation, p)), None)
            }
            (Rebuild::Queries, None) => (std::mem::take(&mut self.base), kept_base, None),
            (Rebuild::Within, None) => (std::mem::take(&mut self.list), kept_list, kept_base),
        };
        if !within {
            self.sync_fold_cache(scope.store);
        }
        let generation = scope.store.content_generation();
        let (list, counts, rows_positions) = if self.narrows(scope) {
            let positions = current(scope.store, known, &rows);
            let (list, list_positions, counts) =
                self.apply_queries(scope, &rows, positions.as_deref());
            self.positions.list = list_positions.map(|p| (generation, p));
            (list, Some(counts), positions.map(|p| (generation, p)))
        } else {
            (rows.clone(), None, known)
        };
        // The list shown, with its counts when the pass that made it took them.
        self.shown_counts
            .set(counts.map(|c| (scope.store.generation(), list.len(), c)));
        self.list = list;
        match selected.and_then(|id| self.list.iter().position(|&x| x == id)) {
            Some(sel) => self.cursor.sel = sel,
            None if from != Rebuild::View => self.cursor.sel = 0,
            None => {}
        }
        if within {
            // Narrowing within the list leaves the base as it was.
            self.positions.base = kept_base;
            Some((rows, rows_positions))
        } else {
            self.positions.base = rows_positions.filter(|_| self.narrows(scope));
            self.base = rows;
            None
        }
    }

    /// The store's ids of the view, newest first, with their store positions when nothing
    /// was added to them.
    fn view_ids(&self, store: &Store) -> (Vec<ArticleId>, Option<Vec<u32>>) {
        let (mut ids, positions) = store.view_positions(self.view.in_store());
        let before = ids.len();
        // Articles read while this list was open stay in an Unread list until it is reopened.
        if self.view == View::Unread {
            let keep: std::collections::HashSet<ArticleId> = self
                .list
                .iter()
                .copied()
                .filter(|id| store.headline(*id).is_some())
                .collect();
            let fresh: std::collections::HashSet<ArticleId> = ids.iter().copied().collect();
            for id in keep {
                if !fresh.contains(&id) {
                    ids.push(id);
                }
            }
            ids.sort_by(|a, b| {
                let da = store.headline(*a).map(|h| (h.date(), h.id()));
                let db = store.headline(*b).map(|h| (h.date(), h.id()));
                db.cmp(&da)
            });
        }
        let positions = (ids.len() == before).then_some(positions);
        (ids, positions)
    }

    /// Keeps the fold cache only while a search or filter needs it.
    fn sync_fold_cache(&mut self, store: &Store) {
        if self.search.is_some() || self.filter.is_some() || matches!(self.view, View::Saved(_)) {
            self.fold_cache.refresh(store, self.split_from());
        } else {
            self.fold_cache.clear();
        }
    }

    /// Whether a query, a saved view or a tag narrows the view's ids.
    fn narrows(&self, scope: &Scope) -> bool {
        self.filter.is_some()
            || self.search.is_some()
            || matches!(&self.view, View::Tag(_))
            || matches!(&self.view, View::Saved(name) if scope.feed_list.saved_filter(name).is_some())
    }

    /// Keeps the ids that pass the active filter and search, and their store positions with
    /// them when given (else each id is looked up). Returns the counts of the ids kept,
    /// taken in the same pass, while each headline is at hand, so the title bar need not
    /// visit 30,000 scattered rows again per frame. From `split_from` ids on, the pass is
    /// split across threads (`crate::split`): the first keystroke of a search at 250,000
    /// headlines judges every one of them.
    fn apply_queries(
        &mut self,
        scope: &Scope,
        ids: &[ArticleId],
        positions: Option<&[u32]>,
    ) -> (Vec<ArticleId>, Option<Vec<u32>>, store::Counts) {
        let split_from = self.split_from();
        let saved = match &self.view {
            View::Saved(name) => scope.feed_list.saved_filter(name),
            _ => None,
        };
        let queries: Vec<&ActiveQuery> = [self.filter.as_ref(), self.search.as_ref()]
            .into_iter()
            .flatten()
            .collect();
        let cached = self.fold_cache.generation == Some(scope.store.content_generation());
        // Judging many of the store's headlines: each free word is looked for once in the
        // whole fold cache (or its scan from an earlier keystroke is reused), and each
        // headline then reads a bit. (Tests lower `split_from` to take this path at a few
        // rows.)
        let scanning = cached
            && ids.len().saturating_mul(SCAN_SHARE) >= scope.store.len()
            && ids.len() >= split_from.min(4096);
        if scanning {
            let mut needles: Vec<&crate::filter::Needle> = Vec::new();
            for f in queries.iter().map(|q| &q.filter).chain(saved) {
                for n in f.text_needles() {
                    if !needles.iter().any(|x| x.folded() == n.folded()) {
                        needles.push(n);
                    }
                }
            }
            self.fold_cache
                .scan_all(&needles, scope.store.feed_slots(), split_from);
        }
        let cache = &self.fold_cache;
        // `feed:` is the same for every article of a feed: answered once per feed slot.
        let mut feed_needles: Vec<&crate::filter::Needle> = Vec::new();
        for f in queries.iter().map(|q| &q.filter).chain(saved) {
            for n in f.feed_needles() {
                if !feed_needles.iter().any(|x| x.folded() == n.folded()) {
                    feed_needles.push(n);
                }
            }
        }
        let feed_scans: Vec<search::FeedScan> = if cached {
            feed_needles
                .into_iter()
                .filter_map(|n| cache.scan_feeds(n, scope.store.feed_slots()))
                .collect()
        } else {
            Vec::new()
        };
        let judge = Judge {
            store: scope.store,
            queries,
            saved,
            saved_hits: scope.feed_list.saved_hits(),
            tag: match &self.view {
                View::Tag(tag) => Some(tag.as_str()),
                _ => None,
            },
            now: scope.now,
            cache,
            cached,
            // Per feed slot: the feed and its folded names, looked up once per pass, not
            // once per article.
            per_feed: scope
                .store
                .feed_slots()
                .iter()
                .map(|id| (scope.store.feed(*id), cache.feeds.get(id)))
                .collect(),
            scans: if scanning { cache.scans() } else { &[] },
            feed_scans: &feed_scans,
        };
        let kept_positions = positions.filter(|p| p.len() == ids.len());
        let parts = crate::split::parts(ids.len(), split_from);
        // Each part keeps its rows' ids and positions itself: marking rows and then
        // retaining both vectors was two more passes over 250,000 rows.
        let judged = crate::split::map_ranges(ids.len(), parts, |range| {
            let mut counts = store::Counts::default();
            let mut kept = Vec::new();
            let mut kept_at = Vec::new();
            for i in range {
                let position = kept_positions.and_then(|p| p.get(i).copied());
                if let Some(flags) = judge.kept(ids[i], position) {
                    counts.add(flags);
                    kept.push(ids[i]);
                    kept_at.extend(position);
                }
            }
            (kept, kept_at, counts)
        });
        let mut counts = store::Counts::default();
        let total = judged.iter().map(|p| p.0.len()).sum();
        let mut kept = Vec::with_capacity(total);
        let mut kept_at = Vec::with_capacity(if kept_positions.is_some() { total } else { 0 });
        for (part, at, c) in judged {
            kept.extend(part);
            kept_at.extend(at);
            counts.merge(c);
        }
        // Both vectors keep the same rows.
        (kept, kept_positions.map(|_| kept_at), counts)
    }

    /// Where a pass starts splitting across threads.
    fn split_from(&self) -> usize {
        self.split_from.unwrap_or(crate::split::PARALLEL_FROM)
    }
}

/// What one pass judges every article by: read only, so parts of the pass can share it
/// across threads.
struct Judge<'a> {
    store: &'a Store,
    queries: Vec<&'a ActiveQuery>,
    saved: Option<&'a crate::filter::Filter>,
    saved_hits: Option<&'a search::BodyHits>,
    tag: Option<&'a str>,
    now: i64,
    cache: &'a search::FoldCache,
    cached: bool,
    per_feed: Vec<FeedNames<'a>>,
    /// The free words' scans of the fold cache, when the pass made them.
    scans: &'a [search::TextScan],
    /// The `feed:` needles' answers per feed slot.
    feed_scans: &'a [search::FeedScan],
}

/// A feed slot's feed and its folded title and URL.
type FeedNames<'a> = (
    Option<&'a crate::model::Feed>,
    Option<&'a (Box<str>, Box<str>)>,
);

impl Judge<'_> {
    /// The article's flags when it passes the tag, the saved view and the queries.
    fn kept(&self, id: ArticleId, position: Option<u32>) -> Option<crate::model::Flags> {
        let store = self.store;
        // A kept position that does not hold this article (it cannot within one content
        // generation, but the row must not vanish if it did) gives way to a lookup.
        let position = position
            .filter(|&p| store.at(p).is_some_and(|h| h.id() == id))
            .or_else(|| store.position(id));
        let h = position.and_then(|p| store.at(p))?;
        let (feed, folded_feed) = self
            .per_feed
            .get(h.feed_slot() as usize)
            .copied()
            .unwrap_or_else(|| {
                let id = h.feed_id();
                (store.feed(id), self.cache.feeds.get(&id))
            });
        let folded = position.filter(|_| self.cached).and_then(|p| {
            let mut f = self.cache.article(p, folded_feed)?;
            f.scanned = (!self.scans.is_empty()).then_some((self.scans, p));
            f.feeds_scanned = self.feed_scans;
            Some(f)
        });
        let tagged = self
            .tag
            .is_none_or(|t| feed.is_some_and(|f| f.tags.iter().any(|x| x.eq_ignore_ascii_case(t))));
        if !tagged {
            return None;
        }
        // One subject for every filter, its body hits swapped in: building it per filter
        // was a measurable share of a 250,000-row pass.
        let mut subject = HeadlineSubject {
            h,
            feed,
            categories: store.categories(),
            hits: self.saved_hits,
            folded,
        };
        if self.saved.is_some_and(|f| !f.matches(&subject, self.now)) {
            return None;
        }
        for q in &self.queries {
            subject.hits = q.body_hits.as_ref();
            if !q.filter.matches(&subject, self.now) {
                return None;
            }
        }
        Some(h.flags())
    }
}

impl App {
    /// Splits the list's passes (narrowing, folding titles) across threads from `rows`
    /// rows on instead of `split::PARALLEL_FROM`: for tests comparing split and whole passes.
    #[doc(hidden)]
    pub fn split_passes_from(&mut self, rows: usize) {
        self.headlines.split_from = Some(rows);
    }

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
            let (unread, marked) = (!h.flags().read(), h.flags().bookmarked());
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
                    ViewKey::SavedAt(i) => match self.feed_list.saved_name(i) {
                        Some(name) => ViewKey::Saved(name.to_string()),
                        None => ViewKey::SavedAt(i),
                    },
                    ViewKey::TagAt(i) => match self.feed_list.tags().get(i) {
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
        self.say(t!("status-sorted", order = next.label()));
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
            .article()
            .and_then(|a| self.headlines.list.iter().position(|&id| id == a.id))
            .unwrap_or(self.headlines.cursor.sel);
        let next = cur
            .saturating_add_signed(dir)
            .min(self.headlines.list.len() - 1);
        if next == cur && self.pane.is_open() {
            self.say(if dir > 0 {
                t!("status-last-article")
            } else {
                t!("status-first-article")
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
                    None => self.say(t!("status-no-unread")),
                }
                Vec::new()
            }
            Screen::Headlines => {
                let n = self.headlines.list.len();
                let start = self.headlines.cursor.sel;
                let found = (1..=n).map(|d| (start + d) % n).find(|&i| {
                    self.store
                        .headline(self.headlines.list[i])
                        .is_some_and(|h| !h.flags().read())
                });
                match found {
                    Some(i) => {
                        self.headlines.cursor.sel = i;
                        let h = self.list_height();
                        self.headlines.cursor.clamp(n, h);
                        if self.pane.is_open() {
                            let id = self.headlines.list[i];
                            return self.open_article(id);
                        }
                    }
                    None => self.say(t!("status-no-unread-in-view")),
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
        if self.focus == Focus::Article && self.pane.is_open() {
            self.pane.scroll_by(delta);
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
                if self.pane.is_open()
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
        let h = if self.focus == Focus::Article && self.pane.is_open() {
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
        // Another view's rows are not "read while this list was open".
        self.headlines.list.clear();
        self.rebuild(Rebuild::View);
        self.headlines.cursor = Cursor::default();
        self.pane.close();
        self.focus = Focus::List;
        if let Some(row) =
            (0..self.feed_rows()).find(|&i| self.feed_row_view(i).as_ref() == Some(&view))
        {
            self.feed_list.cursor.sel = row;
        }
        self.relayout();
    }

    /// Every article a view holds, as its list would show it with no search or filter
    /// (a tag's feeds, a saved view's matches): what `A` on its feed-list row marks.
    pub(super) fn view_articles(&self, view: &View) -> Vec<ArticleId> {
        let scope = Scope {
            store: &self.store,
            feed_list: &self.feed_list,
            now: self.now,
        };
        let mut list = HeadlineList {
            view: view.clone(),
            ..HeadlineList::default()
        };
        list.rebuild(&scope, Rebuild::View);
        list.list
    }

    fn rebuild(&mut self, from: Rebuild) {
        let scope = Scope {
            store: &self.store,
            feed_list: &self.feed_list,
            now: self.now,
        };
        self.headlines.rebuild(&scope, from);
    }

    /// Narrows the view's list again after a search or filter changed (the view itself did
    /// not: its sorted ids are reused), keeping the selected article selected.
    pub(super) fn requery(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        self.rebuild(Rebuild::Queries);
        self.relayout();
    }

    /// A query typed at the prompt: narrowed within the list when it implies the old one
    /// (`narrowing`), else within an earlier list it implies, else from the view.
    pub(super) fn typed_query(&mut self, kind: PromptKind, q: ActiveQuery, narrowing: bool) {
        let scope = Scope {
            store: &self.store,
            feed_list: &self.feed_list,
            now: self.now,
        };
        self.headlines.typed(&scope, kind, q, narrowing);
        self.relayout();
        self.dirty = true;
    }

    /// Rebuilds the visible list after the store changed, keeping the selected article selected.
    pub(super) fn rebuild_list(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        self.rebuild(Rebuild::View);
        if self
            .pane
            .article()
            .is_some_and(|a| self.store.headline(a.id).is_none())
        {
            self.pane.close();
            self.focus = Focus::List;
        }
        self.relayout();
    }

    pub fn order(&self) -> SortOrder {
        self.headlines.order()
    }
}
