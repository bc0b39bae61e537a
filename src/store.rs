//! The in-memory store: feeds and article headlines, changed only by the main loop.
//!
//! It knows nothing of ratatui, tokio or SQLite. The database decides identity
//! (dedupe by guid → link → title+date) and hands over rows with ids; the store
//! merges them, keeping the user's read and bookmark state, and keeps the counts
//! every screen needs so no render walks all articles.

use crate::model::{
    ArticleId, Feed, FeedId, FeedStatus, Flags, Headline, HeadlineParts, IdMap, IngestReport,
};
use crate::t;

#[cfg(test)]
mod plain_model;
mod table;
pub use table::HeadlineRef;

/// The order of a headline list.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
    Feed,
    Title,
    UnreadFirst,
}

impl SortOrder {
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Newest => SortOrder::Oldest,
            SortOrder::Oldest => SortOrder::Feed,
            SortOrder::Feed => SortOrder::Title,
            SortOrder::Title => SortOrder::UnreadFirst,
            SortOrder::UnreadFirst => SortOrder::Newest,
        }
    }

    pub fn label(self) -> String {
        match self {
            SortOrder::Newest => t!("sort-newest"),
            SortOrder::Oldest => t!("sort-oldest"),
            SortOrder::Feed => t!("sort-feed"),
            SortOrder::Title => t!("sort-title"),
            SortOrder::UnreadFirst => t!("sort-unread-first"),
        }
    }
}

/// Which articles a headline list shows, of those the store can pick out itself (saved
/// views and tags are the app's: `app::View`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    All,
    Unread,
    Bookmarks,
    Feed(FeedId),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub unread: usize,
    pub bookmarked: usize,
    pub bookmarked_unread: usize,
}

impl Counts {
    /// Counts one more article with these flags.
    pub fn add(&mut self, flags: Flags) {
        self.total += 1;
        self.unread += usize::from(!flags.read());
        self.bookmarked += usize::from(flags.bookmarked());
        self.bookmarked_unread += usize::from(flags.bookmarked() && !flags.read());
    }
    /// Adds another part's counts (a pass split across threads).
    pub fn merge(&mut self, other: Counts) {
        self.total += other.total;
        self.unread += other.unread;
        self.bookmarked += other.bookmarked;
        self.bookmarked_unread += other.bookmarked_unread;
    }
    /// `n` articles with the same flags, as `add` n times would count them.
    fn add_many(&mut self, flags: Flags, n: usize) {
        self.total += n;
        if !flags.read() {
            self.unread += n;
        }
        if flags.bookmarked() {
            self.bookmarked += n;
            if !flags.read() {
                self.bookmarked_unread += n;
            }
        }
    }
    fn remove(&mut self, flags: Flags) {
        self.total = self.total.saturating_sub(1);
        self.unread = self.unread.saturating_sub(usize::from(!flags.read()));
        self.bookmarked = self
            .bookmarked
            .saturating_sub(usize::from(flags.bookmarked()));
        self.bookmarked_unread = self
            .bookmarked_unread
            .saturating_sub(usize::from(flags.bookmarked() && !flags.read()));
    }
}

/// An article the user deleted, as it was in the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub headline: Headline,
    categories: Option<crate::categories::Taken>,
}

/// What an update changed, so the app knows what to rebuild.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

impl Changed {
    pub fn any(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

#[derive(Default)]
pub struct Store {
    feeds: Vec<Feed>,
    feed_index: IdMap<FeedId, usize>,
    articles: table::Table,
    per_feed: IdMap<FeedId, Counts>,
    all: Counts,
    /// Bumped on every change, so derived data (saved view counts) knows when to refresh.
    generation: u64,
    /// Bumped when articles, their text or feed names change, not for read/bookmark flags:
    /// what depends only on text (folded titles, the index's answer for saved views) need
    /// not be redone for every `u`.
    content_generation: u64,
    categories: crate::categories::Categories,
    /// Counts taken from the database before the rows (`Store::counted`): the first screen
    /// is drawn from them while the rows load.
    awaiting_rows: bool,
}

impl Store {
    /// A store without rows whose counts are the stored ones: the feed list's first frame
    /// at any archive size, while the rows are read on another thread (`replace_with`).
    /// `counts`: articles by feed and flags, as [`crate::db::Db::stored_counts`] reads them;
    /// the same choice as loading (the feeds' articles and bookmarked ones of other feeds).
    pub fn counted(feeds: Vec<Feed>, counts: &[(FeedId, Flags, usize)]) -> Store {
        let mut store = Store::new(feeds, Vec::new());
        for &(feed, flags, n) in counts {
            if flags.bookmarked() || store.feed_index.contains_key(&feed) {
                store.all.add_many(flags, n);
                store.per_feed.entry(feed).or_default().add_many(flags, n);
            }
        }
        store.awaiting_rows = true;
        store
    }

    /// False for a [`Store::counted`] store: its counts stand for rows it does not hold.
    pub fn has_rows(&self) -> bool {
        !self.awaiting_rows
    }

    /// Takes the loaded store's place. Its generations continue past this one's, so
    /// nothing cached from the counted store (tag rows, saved view counts) is kept.
    pub fn replace_with(&mut self, mut loaded: Store) {
        loaded.generation += self.generation + 1;
        loaded.content_generation += self.content_generation + 1;
        *self = loaded;
    }

    pub fn new(feeds: Vec<Feed>, headlines: Vec<Headline>) -> Store {
        let mut store = Store {
            feed_index: feeds.iter().enumerate().map(|(i, f)| (f.id, i)).collect(),
            feeds,
            ..Store::default()
        };
        store.reserve(headlines.len());
        for h in &headlines {
            store.add(h.parts());
        }
        store
    }

    /// Room for `n` more headlines: growing the id map by doubling rehashed every id
    /// several times at 250,000.
    pub fn reserve(&mut self, n: usize) {
        self.articles.reserve(n);
    }

    /// Adds a headline as loaded (or replaces the one with its id, keeping its flags), read
    /// straight from where it lies: the reader's start-up copies database rows into the
    /// arenas without a `String` per field.
    pub fn add(&mut self, h: HeadlineParts<'_>) {
        self.insert(h);
    }

    /// Gives articles their feed categories, replacing all there were (at start and when
    /// another process changed the file; ingest keeps them current in between).
    pub fn set_categories(&mut self, lists: crate::model::CategoryLists) {
        let articles = &self.articles;
        let known = lists.iter().filter(|(id, _)| articles.contains(*id));
        // Unchanged categories must not invalidate what depends on the generation (the
        // fold cache, saved view counts): most merges bring the same ones back.
        if self.categories.replace_all(known) {
            self.content_changed();
        }
    }

    pub fn categories(&self) -> &crate::categories::Categories {
        &self.categories
    }

    pub fn feeds(&self) -> &[Feed] {
        &self.feeds
    }

    pub fn feed(&self, id: FeedId) -> Option<&Feed> {
        self.feed_index.get(&id).map(|&i| &self.feeds[i])
    }

    pub fn feed_mut(&mut self, id: FeedId) -> Option<&mut Feed> {
        self.feed_index.get(&id).map(|&i| &mut self.feeds[i])
    }

    pub fn headline(&self, id: ArticleId) -> Option<HeadlineRef<'_>> {
        self.articles.get(id)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn content_generation(&self) -> u64 {
        self.content_generation
    }

    /// Something other than a flag changed.
    fn content_changed(&mut self) {
        self.generation += 1;
        self.content_generation += 1;
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.len() == 0
    }

    pub fn counts(&self, view: View) -> Counts {
        match view {
            View::All => self.all,
            View::Unread => Counts {
                total: self.all.unread,
                unread: self.all.unread,
                bookmarked: self.all.bookmarked_unread,
                bookmarked_unread: self.all.bookmarked_unread,
            },
            View::Bookmarks => Counts {
                total: self.all.bookmarked,
                unread: self.all.bookmarked_unread,
                bookmarked: self.all.bookmarked,
                bookmarked_unread: self.all.bookmarked_unread,
            },
            View::Feed(id) => self.per_feed.get(&id).copied().unwrap_or_default(),
        }
    }

    fn insert(&mut self, h: HeadlineParts<'_>) {
        self.content_changed();
        if let Some(i) = self.articles.position(h.id) {
            self.replace(i, h);
            return;
        }
        self.all.add(h.flags);
        self.per_feed.entry(h.feed_id).or_default().add(h.flags);
        self.articles.push(h);
    }

    /// Content changes from the feed; the user's flags stay as the store has them.
    fn replace(&mut self, i: usize, mut h: HeadlineParts<'_>) {
        let old = self.articles.at(i);
        let mut flags = old.flags();
        flags.set(Flags::ENCLOSURE, h.flags.enclosure());
        flags.set(Flags::DERIVED_TITLE, h.flags.derived_title());
        h.flags = flags;
        h.feed_id = old.feed_id();
        self.articles.replace(i, h);
    }

    fn remove(&mut self, id: ArticleId) -> bool {
        self.content_changed();
        let Some((feed_id, flags)) = self.articles.remove(id) else {
            return false;
        };
        self.categories.remove(id);
        self.all.remove(flags);
        if let Some(c) = self.per_feed.get_mut(&feed_id) {
            c.remove(flags);
        }
        true
    }

    /// Merges what the database stored for one poll of a feed.
    pub fn apply_ingest(&mut self, report: &IngestReport) -> Changed {
        let mut changed = Changed::default();
        let categories: IdMap<ArticleId, &[String]> = report
            .categories
            .iter()
            .map(|(id, names)| (*id, names.as_slice()))
            .collect();
        for h in &report.upserted {
            self.categories
                .set(h.id, categories.get(&h.id).copied().unwrap_or(&[]));
            if self.articles.contains(h.id) {
                changed.updated += 1;
            } else {
                changed.added += 1;
            }
            self.insert(h.parts());
        }
        for &id in &report.pruned {
            changed.removed += usize::from(self.remove(id));
        }
        changed
    }

    /// The configured feeds changed (config.toml edited, `tidings add` in another
    /// terminal): new feeds join with no articles yet (a snapshot merge brings any stored
    /// ones), removed feeds leave with their articles except bookmarked ones, which stay
    /// loadable as at start. Kept feeds take the new settings (title, tags, interval) and
    /// keep what this session knows of their polling (status, validators, schedule).
    /// Returns how many feeds were added and removed.
    pub fn set_feeds(&mut self, feeds: Vec<Feed>) -> (usize, usize) {
        let mut old: IdMap<FeedId, Feed> = self.feeds.drain(..).map(|f| (f.id, f)).collect();
        let mut added = 0;
        self.feeds = feeds
            .into_iter()
            .map(|mut f| {
                match old.remove(&f.id) {
                    Some(was) => {
                        f.fetch_url = was.fetch_url;
                        f.validators = was.validators;
                        f.status = was.status;
                        f.schedule = was.schedule;
                        if f.site_link.is_none() {
                            f.site_link = was.site_link;
                        }
                    }
                    None => added += 1,
                }
                f
            })
            .collect();
        self.feed_index = self
            .feeds
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        let gone: Vec<ArticleId> = self
            .articles
            .iter()
            .filter(|h| old.contains_key(&h.feed_id()) && !h.flags().bookmarked())
            .map(|h| h.id())
            .collect();
        for id in gone {
            self.remove(id);
        }
        self.content_changed();
        (added, old.len())
    }

    /// Takes an article out (the user deleted it), with what [`Store::undelete`] needs to
    /// put it back.
    pub fn delete(&mut self, id: ArticleId) -> Option<Deleted> {
        let headline = self.headline(id)?.to_headline();
        let categories = self.categories.take(id);
        self.remove(id);
        Some(Deleted {
            headline,
            categories,
        })
    }

    pub fn undelete(&mut self, d: Deleted) {
        let id = d.headline.id;
        self.insert(d.headline.parts());
        if let Some(c) = d.categories {
            self.categories.put(id, c);
        }
    }

    /// Brings the store in line with every stored headline, after another process wrote:
    /// new articles of known feeds (and bookmarked ones) are added, deleted ones removed,
    /// changed content and flags taken, except a read or bookmark flag for which
    /// `keep_flag(id, Flags::READ | Flags::BOOKMARKED)` is true (this process changed it
    /// and the change is still on its way to the database: the store has the newer state).
    pub fn merge_snapshot(
        &mut self,
        rows: Vec<Headline>,
        keep_flag: impl Fn(ArticleId, u8) -> bool,
    ) -> Changed {
        let mut changed = Changed::default();
        let mut present: IdMap<ArticleId, ()> = IdMap::default();
        present.reserve(rows.len());
        for row in &rows {
            let mut h = row.parts();
            let Some(i) = self.articles.position(h.id) else {
                if h.flags.bookmarked() || self.feed_index.contains_key(&h.feed_id) {
                    present.insert(h.id, ());
                    changed.added += 1;
                    self.insert(h);
                }
                continue;
            };
            present.insert(h.id, ());
            let old = self.articles.at(i);
            for bit in [Flags::READ, Flags::BOOKMARKED] {
                if keep_flag(h.id, bit) {
                    h.flags.set(bit, old.flags().has(bit));
                }
            }
            h.feed_id = old.feed_id();
            if self.articles.equals(i, &h) {
                continue;
            }
            let before = old.flags();
            self.all.remove(before);
            self.all.add(h.flags);
            if let Some(c) = self.per_feed.get_mut(&h.feed_id) {
                c.remove(before);
                c.add(h.flags);
            }
            self.articles.replace(i, h);
            self.content_changed();
            changed.updated += 1;
        }
        let gone: Vec<ArticleId> = self
            .articles
            .iter()
            .filter(|h| !present.contains_key(&h.id()))
            .map(|h| h.id())
            .collect();
        for id in gone {
            changed.removed += usize::from(self.remove(id));
        }
        changed
    }

    pub fn set_status(&mut self, feed: FeedId, status: FeedStatus) {
        if let Some(f) = self.feed_mut(feed) {
            f.status = status;
        }
    }

    fn set_flag(&mut self, id: ArticleId, bit: u8, on: bool) -> bool {
        let Some(i) = self.articles.position(id) else {
            return false;
        };
        let before = self.articles.flags(i);
        if before.has(bit) == on {
            return false;
        }
        let mut after = before;
        after.set(bit, on);
        let feed = self.articles.at(i).feed_id();
        self.generation += 1;
        self.articles.set_flags(i, after);
        self.all.remove(before);
        self.all.add(after);
        if let Some(c) = self.per_feed.get_mut(&feed) {
            c.remove(before);
            c.add(after);
        }
        true
    }

    /// Returns whether anything changed.
    pub fn set_read(&mut self, id: ArticleId, read: bool) -> bool {
        self.set_flag(id, Flags::READ, read)
    }

    /// The feeds of `ids` with nothing unread left: what a "mark all read" of `ids` caught
    /// up ([`crate::db::Change::CaughtUp`]).
    pub fn caught_up(&self, ids: &[ArticleId]) -> Vec<FeedId> {
        let mut feeds: Vec<FeedId> = ids
            .iter()
            .filter_map(|&id| Some(self.headline(id)?.feed_id()))
            .collect();
        feeds.sort_unstable();
        feeds.dedup();
        feeds.retain(|&f| self.counts(View::Feed(f)).unread == 0);
        feeds
    }

    pub fn set_bookmarked(&mut self, id: ArticleId, on: bool) -> bool {
        self.set_flag(id, Flags::BOOKMARKED, on)
    }

    pub fn matches(&self, view: View, h: HeadlineRef<'_>) -> bool {
        view_has(view, h.flags(), h.feed_id())
    }

    /// The ids of a view, newest first (ties: higher id first, i.e. later stored).
    pub fn view_ids(&self, view: View) -> Vec<ArticleId> {
        self.view_positions(view).0
    }

    /// `view_ids` with each article's position ([`Store::position`]) beside it, taken in
    /// the same pass: a search starting on the list then need not look 250,000 ids up.
    pub fn view_positions(&self, view: View) -> (Vec<ArticleId>, Vec<u32>) {
        let mut rows = self
            .articles
            .dated_positions(|flags, feed| view_has(view, flags, feed));
        // Ids are unique, so the position never decides.
        rows.sort_unstable_by(|a, b| b.cmp(a));
        rows.into_iter().map(|(_, id, p)| (id, p)).unzip()
    }

    /// Reorders ids (as `view_ids` gives them, newest first). Ties keep newest first.
    pub fn sort(&self, ids: &mut Vec<ArticleId>, order: SortOrder) {
        match order {
            SortOrder::Newest => {}
            SortOrder::Oldest => ids.reverse(),
            SortOrder::Feed => self.sort_by_text(ids, |h| {
                self.feed(h.feed_id())
                    .map(|f| f.title.to_lowercase())
                    .unwrap_or_default()
            }),
            SortOrder::Title => self.sort_by_text(ids, |h| h.title().to_lowercase()),
            SortOrder::UnreadFirst => {
                // A stable sort keeps the newest-first order inside each group.
                ids.sort_by_key(|id| self.headline(*id).is_some_and(|h| h.flags().read()));
            }
        }
    }

    /// Sorts by a text key computed once per article (not per comparison); a stable sort
    /// keeps the incoming newest-first order among equal keys.
    fn sort_by_text(&self, ids: &mut Vec<ArticleId>, key: impl Fn(HeadlineRef<'_>) -> String) {
        let mut keyed: Vec<(String, ArticleId)> = ids
            .iter()
            .map(|id| (self.headline(*id).map(&key).unwrap_or_default(), *id))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        *ids = keyed.into_iter().map(|(_, id)| id).collect();
    }

    /// Every headline, in the order of their positions ([`Store::position`]).
    pub fn headlines(&self) -> impl Iterator<Item = HeadlineRef<'_>> {
        self.articles.iter()
    }

    /// Where an article sits in the store. Positions hold while the content generation
    /// does (adding or removing articles moves them, flags do not): a caller that keeps
    /// them for a pass over many articles reads by position instead of hashing each id.
    pub fn position(&self, id: ArticleId) -> Option<u32> {
        self.articles
            .position(id)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The feed of each feed slot (`HeadlineRef::feed_slot`).
    pub fn feed_slots(&self) -> &[FeedId] {
        self.articles.feed_ids()
    }

    /// The headline at a position, as [`Store::position`] gave it.
    pub fn at(&self, position: u32) -> Option<HeadlineRef<'_>> {
        let i = position as usize;
        (i < self.articles.len()).then(|| self.articles.at(i))
    }
}

fn view_has(view: View, flags: Flags, feed: FeedId) -> bool {
    match view {
        View::All => true,
        View::Unread => !flags.read(),
        View::Bookmarks => flags.bookmarked(),
        View::Feed(id) => feed == id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(id: FeedId) -> Feed {
        Feed {
            id,
            url: format!("https://example.com/{id}.xml"),
            fetch_url: format!("https://example.com/{id}.xml"),
            title: format!("Feed {id}"),
            ..Feed::default()
        }
    }

    fn h(id: ArticleId, feed_id: FeedId, date: i64, read: bool, bookmarked: bool) -> Headline {
        Headline {
            id,
            feed_id,
            title: format!("Article {id}"),
            link: Some(format!("https://example.com/a/{id}")),
            author: None,
            date,
            flags: Flags::new(read, bookmarked, false),
        }
    }

    #[test]
    fn counts_follow_flags_and_ingest() {
        let mut s = Store::new(
            vec![feed(1), feed(2)],
            vec![
                h(1, 1, 10, false, false),
                h(2, 1, 20, true, false),
                h(3, 2, 30, false, true),
            ],
        );
        assert_eq!(
            s.counts(View::All),
            Counts {
                total: 3,
                unread: 2,
                bookmarked: 1,
                bookmarked_unread: 1
            }
        );
        assert_eq!(s.counts(View::Feed(1)).unread, 1);
        assert!(s.set_read(1, true));
        assert!(!s.set_read(1, true), "no change the second time");
        assert_eq!(s.counts(View::Feed(1)).unread, 0);
        assert_eq!(s.counts(View::All).unread, 1);
        assert!(s.set_bookmarked(1, true));
        assert_eq!(s.counts(View::Bookmarks).total, 2);
    }

    #[test]
    fn updated_article_keeps_read_and_bookmark() {
        let mut s = Store::new(vec![feed(1)], vec![h(7, 1, 10, true, true)]);
        let mut newer = h(7, 1, 11, false, false);
        newer.title = "Corrected headline".into();
        newer.flags = Flags::new(false, false, true);
        let changed = s.apply_ingest(&IngestReport {
            new: 0,
            categories: vec![],
            upserted: vec![newer],
            pruned: vec![],
        });
        assert_eq!(
            changed,
            Changed {
                added: 0,
                updated: 1,
                removed: 0
            }
        );
        let got = s.headline(7).expect("still there");
        assert_eq!(got.title(), "Corrected headline");
        assert!(got.flags().read() && got.flags().bookmarked() && got.flags().enclosure());
        assert_eq!(s.len(), 1, "no duplicate row");
        assert_eq!(s.counts(View::All).unread, 0);
    }

    #[test]
    fn prune_removes_and_reindexes() {
        let mut s = Store::new(
            vec![feed(1)],
            (1..=5).map(|i| h(i, 1, i, false, false)).collect(),
        );
        let changed = s.apply_ingest(&IngestReport {
            new: 0,
            categories: vec![],
            upserted: vec![],
            pruned: vec![1, 3, 42],
        });
        assert_eq!(changed.removed, 2);
        assert_eq!(s.view_ids(View::All), vec![5, 4, 2]);
        assert!(s.set_read(5, true), "index still valid after swap_remove");
        assert_eq!(
            s.counts(View::Feed(1)),
            Counts {
                total: 3,
                unread: 2,
                ..Counts::default()
            }
        );
    }

    #[test]
    fn sort_orders() {
        let mut s = Store::new(
            vec![feed(1), feed(2)],
            vec![
                h(1, 2, 50, false, false),
                h(2, 1, 70, true, true),
                h(3, 1, 60, false, false),
            ],
        );
        if let Some(f) = s.feed_mut(2) {
            f.title = "Alpha".into();
        }
        let base = s.view_ids(View::All);
        assert_eq!(base, vec![2, 3, 1]);
        let sorted = |order| {
            let mut ids = base.clone();
            s.sort(&mut ids, order);
            ids
        };
        assert_eq!(sorted(SortOrder::Newest), vec![2, 3, 1]);
        assert_eq!(sorted(SortOrder::Oldest), vec![1, 3, 2]);
        assert_eq!(
            sorted(SortOrder::Feed),
            vec![1, 2, 3],
            "Alpha, then Feed 1 newest first"
        );
        assert_eq!(sorted(SortOrder::UnreadFirst), vec![3, 1, 2]);
        assert_eq!(sorted(SortOrder::Title), vec![1, 2, 3], "Article 1, 2, 3");
        let mut o = SortOrder::Newest;
        for _ in 0..5 {
            o = o.next();
        }
        assert_eq!(o, SortOrder::Newest, "the cycle comes back");
    }

    #[test]
    fn views_filter_and_sort_newest_first() {
        let s = Store::new(
            vec![feed(1), feed(2)],
            vec![
                h(1, 1, 50, false, false),
                h(2, 2, 70, true, true),
                h(3, 1, 60, true, false),
            ],
        );
        assert_eq!(s.view_ids(View::All), vec![2, 3, 1]);
        assert_eq!(s.view_ids(View::Unread), vec![1]);
        assert_eq!(s.view_ids(View::Bookmarks), vec![2]);
        assert_eq!(s.view_ids(View::Feed(1)), vec![3, 1]);
    }
}
