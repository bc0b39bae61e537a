//! The compact store against a plain model: a `Vec` of full headlines with the store's
//! rules written the straightforward way (what the store was before its arenas), driven
//! through the same random sequences of changes.

use super::*;
use proptest::prelude::*;

#[derive(Default)]
struct Plain {
    feeds: Vec<FeedId>,
    rows: Vec<Headline>,
}

impl Plain {
    fn pos(&self, id: ArticleId) -> Option<usize> {
        self.rows.iter().position(|h| h.id == id)
    }

    fn insert(&mut self, mut h: Headline) {
        match self.pos(h.id) {
            Some(i) => {
                let old = &self.rows[i];
                let mut flags = old.flags;
                flags.set(Flags::ENCLOSURE, h.flags.enclosure());
                flags.set(Flags::DERIVED_TITLE, h.flags.derived_title());
                h.flags = flags;
                h.feed_id = old.feed_id;
                self.rows[i] = h;
            }
            None => self.rows.push(h),
        }
    }

    fn remove(&mut self, id: ArticleId) -> bool {
        let before = self.rows.len();
        self.rows.retain(|h| h.id != id);
        self.rows.len() < before
    }

    fn ingest(&mut self, r: &IngestReport) -> Changed {
        let mut c = Changed::default();
        for h in &r.upserted {
            if self.pos(h.id).is_some() {
                c.updated += 1;
            } else {
                c.added += 1;
            }
            self.insert(h.clone());
        }
        for &id in &r.pruned {
            c.removed += usize::from(self.remove(id));
        }
        c
    }

    fn set_feeds(&mut self, feeds: &[FeedId]) -> (usize, usize) {
        let added = feeds.iter().filter(|f| !self.feeds.contains(f)).count();
        let gone: Vec<FeedId> = self
            .feeds
            .iter()
            .filter(|f| !feeds.contains(f))
            .copied()
            .collect();
        self.rows
            .retain(|h| !gone.contains(&h.feed_id) || h.flags.bookmarked());
        self.feeds = feeds.to_vec();
        (added, gone.len())
    }

    fn merge(&mut self, rows: &[Headline], keep: impl Fn(ArticleId, u8) -> bool) -> Changed {
        let mut c = Changed::default();
        for row in rows {
            let mut h = row.clone();
            match self.pos(h.id) {
                None => {
                    if h.flags.bookmarked() || self.feeds.contains(&h.feed_id) {
                        c.added += 1;
                        self.rows.push(h);
                    }
                }
                Some(i) => {
                    let old = &self.rows[i];
                    for bit in [Flags::READ, Flags::BOOKMARKED] {
                        if keep(h.id, bit) {
                            h.flags.set(bit, old.flags.has(bit));
                        }
                    }
                    h.feed_id = old.feed_id;
                    if *old != h {
                        self.rows[i] = h;
                        c.updated += 1;
                    }
                }
            }
        }
        let before = self.rows.len();
        let kept: Vec<ArticleId> = rows.iter().map(|h| h.id).collect();
        self.rows.retain(|h| kept.contains(&h.id));
        c.removed = before - self.rows.len();
        c
    }

    fn set_flag(&mut self, id: ArticleId, bit: u8, on: bool) -> bool {
        let Some(i) = self.pos(id) else { return false };
        let changed = self.rows[i].flags.has(bit) != on;
        self.rows[i].flags.set(bit, on);
        changed
    }

    fn view_ids(&self, view: View) -> Vec<ArticleId> {
        let mut rows: Vec<(i64, ArticleId)> = self
            .rows
            .iter()
            .filter(|h| view_has(view, h.flags, h.feed_id))
            .map(|h| (h.date, h.id))
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        rows.into_iter().map(|(_, id)| id).collect()
    }

    fn counts(&self, view: View) -> Counts {
        let mut c = Counts::default();
        for h in self
            .rows
            .iter()
            .filter(|h| view_has(view, h.flags, h.feed_id))
        {
            c.add(h.flags);
        }
        c
    }
}

#[derive(Clone, Debug)]
enum Op {
    Ingest(Vec<Headline>, Vec<ArticleId>),
    Delete(ArticleId),
    /// Undoes the n-th delete still held.
    Undelete(usize),
    Read(ArticleId, bool),
    Bookmark(ArticleId, bool),
    Merge(Vec<Headline>, u8),
    SetFeeds(Vec<FeedId>),
}

fn feed(id: FeedId) -> Feed {
    Feed {
        id,
        title: format!("Feed {id}"),
        ..Feed::default()
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zé]{1,12}",
        // Long titles make garbage fast, so sequences also pass through compactions.
        (1usize..6).prop_map(|n| "Überschrift ".repeat(n * 700)),
    ]
}

fn headline() -> impl Strategy<Value = Headline> {
    (
        1i64..40,
        1i64..5,
        text(),
        prop::option::of(prop_oneof![
            Just(String::new()),
            "https://x\\.example/[a-z]{1,8}"
        ]),
        prop::option::of(prop_oneof![Just(String::new()), "(Ann|Bo|Cy)"]),
        0i64..6,
        any::<(bool, bool, bool, bool)>(),
    )
        .prop_map(
            |(id, feed_id, title, link, author, date, (r, b, e, d))| Headline {
                id,
                feed_id,
                title,
                link,
                author,
                date,
                flags: Flags::new(r, b, e).with(Flags::DERIVED_TITLE, d),
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    let id = 1i64..40;
    prop_oneof![
        3 => (prop::collection::vec(headline(), 0..8), prop::collection::vec(1i64..40, 0..4))
            .prop_map(|(h, p)| Op::Ingest(h, p)),
        1 => id.clone().prop_map(Op::Delete),
        1 => (0usize..4).prop_map(Op::Undelete),
        2 => (id.clone(), any::<bool>()).prop_map(|(i, on)| Op::Read(i, on)),
        1 => (id, any::<bool>()).prop_map(|(i, on)| Op::Bookmark(i, on)),
        1 => (prop::collection::vec(headline(), 0..30), any::<u8>()).prop_map(|(h, k)| Op::Merge(h, k)),
        1 => prop::collection::btree_set(1i64..5, 0..4)
            .prop_map(|s| Op::SetFeeds(s.into_iter().collect())),
    ]
}

/// Rows with distinct ids (the database never reports an id twice in one answer).
fn distinct(mut rows: Vec<Headline>) -> Vec<Headline> {
    let mut seen = std::collections::HashSet::new();
    rows.retain(|h| seen.insert(h.id));
    rows
}

fn check(store: &Store, plain: &Plain) -> Result<(), TestCaseError> {
    prop_assert_eq!(store.len(), plain.rows.len());
    for h in &plain.rows {
        let got = store.headline(h.id).map(|r| r.to_headline());
        prop_assert_eq!(got.as_ref(), Some(h));
    }
    let mut views = vec![View::All, View::Unread, View::Bookmarks];
    views.extend((1..5).map(View::Feed));
    for v in views {
        prop_assert_eq!(store.view_ids(v), plain.view_ids(v), "{:?}", v);
        prop_assert_eq!(store.counts(v), plain.counts(v), "{:?}", v);
        // The ids with positions: the same ids, and each position reads its own article.
        let (ids, positions) = store.view_positions(v);
        prop_assert_eq!(&ids, &plain.view_ids(v), "{:?}", v);
        for (id, p) in ids.iter().zip(&positions) {
            prop_assert_eq!(store.at(*p).map(|h| h.id()), Some(*id));
            prop_assert_eq!(store.position(*id), Some(*p));
        }
        prop_assert_eq!(ids.len(), positions.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn compact_store_matches_the_plain_model(
        start in prop::collection::vec(headline(), 0..20),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let start = distinct(start);
        let feeds: Vec<FeedId> = vec![1, 2, 3];
        let mut store = Store::new(feeds.iter().copied().map(feed).collect(), start.clone());
        let mut plain = Plain { feeds, rows: Vec::new() };
        for h in start {
            plain.insert(h);
        }
        check(&store, &plain)?;
        let mut held: Vec<Deleted> = Vec::new();
        let mut held_plain: Vec<Headline> = Vec::new();
        for op in ops {
            match op {
                Op::Ingest(rows, pruned) => {
                    let report = IngestReport {
                        new: 0,
                        upserted: distinct(rows),
                        categories: vec![],
                        pruned,
                    };
                    prop_assert_eq!(store.apply_ingest(&report), plain.ingest(&report));
                }
                Op::Delete(id) => {
                    let d = store.delete(id);
                    let p = plain.pos(id).map(|i| plain.rows.remove(i));
                    prop_assert_eq!(d.as_ref().map(|d| &d.headline), p.as_ref());
                    if let (Some(d), Some(p)) = (d, p) {
                        held.push(d);
                        held_plain.push(p);
                    }
                }
                Op::Undelete(n) => {
                    if n < held.len() {
                        store.undelete(held.remove(n));
                        plain.insert(held_plain.remove(n));
                    }
                }
                Op::Read(id, on) => prop_assert_eq!(
                    store.set_read(id, on),
                    plain.set_flag(id, Flags::READ, on)
                ),
                Op::Bookmark(id, on) => prop_assert_eq!(
                    store.set_bookmarked(id, on),
                    plain.set_flag(id, Flags::BOOKMARKED, on)
                ),
                Op::Merge(rows, k) => {
                    let rows = distinct(rows);
                    let keep = |id: ArticleId, bit: u8| (id as u8 ^ bit) & k & 1 == 1;
                    let got = store.merge_snapshot(rows.clone(), keep);
                    prop_assert_eq!(got, plain.merge(&rows, keep));
                }
                Op::SetFeeds(ids) => {
                    let got = store.set_feeds(ids.iter().copied().map(feed).collect());
                    prop_assert_eq!(got, plain.set_feeds(&ids));
                }
            }
            check(&store, &plain)?;
            let (len, live) = store.articles.text_bytes();
            prop_assert!(len <= 2 * live + 2 * table::MIN_GARBAGE, "{} of {} live", len, live);
        }
    }
}

#[test]
fn replaced_titles_do_not_grow_the_arena() {
    let mut store = Store::new(vec![feed(1)], Vec::new());
    let long = |i: usize| format!("{i} {}", "headline ".repeat(100));
    for id in 1..=50 {
        store.add(
            Headline {
                id,
                feed_id: 1,
                title: long(0),
                link: Some(format!("https://example.com/{id}")),
                author: Some(format!("Author {}", id % 3)),
                date: id,
                flags: Flags::default(),
            }
            .parts(),
        );
    }
    let (_, live) = store.articles.text_bytes();
    let mut compacted = 0;
    let mut last_len = 0;
    for round in 1..=2_000 {
        let id = (round % 50) as i64 + 1;
        let h = Headline {
            id,
            feed_id: 1,
            title: long(round % 7),
            link: Some(format!("https://example.com/{id}")),
            author: Some("Only".into()),
            date: id,
            flags: Flags::default(),
        };
        store.apply_ingest(&IngestReport {
            new: 0,
            upserted: vec![h.clone()],
            categories: vec![],
            pruned: vec![],
        });
        let (len, now_live) = store.articles.text_bytes();
        assert!(
            len <= 2 * now_live + 2 * table::MIN_GARBAGE,
            "{len} of {now_live}"
        );
        compacted += usize::from(len < last_len);
        last_len = len;
        assert_eq!(
            store.headline(id).map(|r| r.title()),
            Some(h.title.as_str())
        );
    }
    assert!(compacted > 10, "compacted {compacted} times");
    let (_, now_live) = store.articles.text_bytes();
    assert!(
        now_live.abs_diff(live) < 50 * 10,
        "same live text: {now_live} vs {live}"
    );
    // Authors no row uses any more go at a compaction.
    assert_eq!(store.articles.authors_kept(), 1);
    for id in 1..=50 {
        let h = store.headline(id).expect("kept");
        assert_eq!(h.link(), Some(format!("https://example.com/{id}").as_str()));
        assert_eq!(h.author(), Some("Only"));
    }
}
