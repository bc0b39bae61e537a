//! The reader's start-up reads rows straight into the store's arenas (`Db::each_headline`);
//! on random files it must build the same store as full `Headline`s read the plain way
//! (`Db::snapshot`, one `String` per field) and selected as start-up selects them.

use proptest::prelude::*;
use tidings::config::FeedConfig;
use tidings::db::{Change, Db, Limits};
use tidings::model::{Headline, ParsedFeed, ParsedItem, Validators};
use tidings::store::{Store, View};

const NOW: i64 = 1_700_000_000;

#[derive(Clone, Debug)]
struct Item {
    feed: usize,
    title: String,
    link: Option<String>,
    author: Option<String>,
    date: Option<i64>,
    read: bool,
    bookmarked: bool,
    deleted: bool,
}

fn item() -> impl Strategy<Value = Item> {
    (
        0usize..3,
        prop_oneof![Just(String::new()), "[a-zé日本 ]{1,20}", "\\PC{0,30}"],
        prop::option::of("https://l\\.test/[a-z]{1,6}"),
        prop::option::of(prop_oneof![Just(String::new()), "(Ann|Bo|Cy Ö)"]),
        prop::option::of(NOW - 1000..NOW),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(
            |(feed, title, link, author, date, (read, bookmarked, deleted))| Item {
                feed,
                title,
                link,
                author,
                date,
                read,
                bookmarked,
                deleted: deleted && !bookmarked,
            },
        )
}

fn sorted(store: &Store) -> Vec<Headline> {
    let mut all: Vec<Headline> = store.headlines().map(|h| h.to_headline()).collect();
    all.sort_by_key(|h| h.id);
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn rows_read_into_the_arenas_equal_rows_read_as_headlines(
        items in prop::collection::vec(item(), 0..40),
        configured in prop::collection::btree_set(0usize..3, 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("tidings.db")).unwrap();
        let configs: Vec<FeedConfig> = (0..3)
            .map(|i| FeedConfig {
                url: format!("https://f{i}.test/"),
                title: None,
                tags: Vec::new(),
                refresh_minutes: None,
                ..Default::default()
            })
            .collect();
        let feeds = db.sync_feeds(&configs, 1800).unwrap();
        for (n, it) in items.iter().enumerate() {
            let doc = ParsedFeed {
                items: vec![ParsedItem {
                    guid: Some(format!("g{n}")),
                    link: it.link.clone(),
                    title: it.title.clone(),
                    author: it.author.clone(),
                    published: it.date,
                    ..ParsedItem::default()
                }],
                ..ParsedFeed::default()
            };
            let keep = Limits { max_articles: 1000, max_age_days: 0 };
            let report = db
                .ingest(feeds[it.feed].id, &doc, &Validators::default(), None, keep, NOW)
                .unwrap();
            let id = report.upserted[0].id;
            db.apply(&[
                Change::Read(id, it.read),
                Change::Bookmark(id, it.bookmarked),
                Change::Deleted(id, it.deleted),
            ])
            .unwrap();
        }
        let wanted: Vec<_> = configured.iter().map(|&i| feeds[i].clone()).collect();
        let ids: Vec<i64> = wanted.iter().map(|f| f.id).collect();

        let mut fast = Store::new(wanted.clone(), Vec::new());
        db.each_headline(&ids, |h| fast.add(h)).unwrap();
        let plain_rows: Vec<Headline> = db
            .snapshot()
            .unwrap()
            .headlines
            .into_iter()
            .filter(|h| h.flags.bookmarked() || ids.contains(&h.feed_id))
            .collect();
        let plain = Store::new(wanted.clone(), plain_rows.clone());

        let mut expect = plain_rows;
        expect.sort_by_key(|h| h.id);
        prop_assert_eq!(sorted(&fast), expect);
        prop_assert_eq!(sorted(&fast), sorted(&plain));
        // The first frame's store: counts read from the index before the rows.
        let counted = Store::counted(wanted.clone(), &db.stored_counts().unwrap());
        prop_assert!(!counted.has_rows());
        let mut views = vec![View::All, View::Unread, View::Bookmarks];
        // Every feed, configured or not: a bookmarked article of an unconfigured feed
        // still counts for it.
        views.extend(feeds.iter().map(|f| View::Feed(f.id)));
        for v in views {
            prop_assert_eq!(fast.view_ids(v), plain.view_ids(v));
            prop_assert_eq!(fast.counts(v), plain.counts(v));
            prop_assert_eq!(counted.counts(v), plain.counts(v), "{:?}", v);
        }
    }
}
