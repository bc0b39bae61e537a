//! `Db::search_with_pending` against the plain computation: with some articles never
//! indexed and some changed since they were (their index rows stale), what it finds is
//! what a scan of every article's current folded text finds, as `Db::search` finds it
//! once the index is complete (issue 11: `tidings search` while a reader indexes).

use crate::search_model::{Article, KEEP_ALL, VOCAB, article, columns, model_matches};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use tidings::config::FeedConfig;
use tidings::db::Db;
use tidings::db::search::fold_text as fold;
use tidings::model::{FeedId, ParsedFeed, ParsedItem, Validators};

/// What happens to one article: stored and indexed, then maybe changed (`Some`, queued
/// again); or stored after indexing (`indexed` false), never indexed.
#[derive(Debug, Clone)]
struct Case {
    first: Article,
    indexed: bool,
    changed: Option<Article>,
}

fn case() -> impl Strategy<Value = Case> {
    (article(), any::<bool>(), prop::option::of(article())).prop_map(|(first, indexed, changed)| {
        Case {
            first,
            indexed,
            changed,
        }
    })
}

fn item(i: usize, a: &Article) -> ParsedItem {
    ParsedItem {
        guid: Some(format!("g{i}")),
        link: Some(format!("https://example.test/{i}")),
        title: a.title.join(" "),
        author: a.author.map(str::to_string),
        categories: a.categories.iter().map(|c| c.to_string()).collect(),
        content: Some(format!("<p>{}</p>", a.body.join(" "))),
        published: Some(1_700_000_000 + i as i64),
        ..Default::default()
    }
}

fn ingest(db: &mut Db, feed: FeedId, items: Vec<ParsedItem>, ids: &mut HashMap<usize, i64>) {
    let doc = ParsedFeed {
        title: Some("Coastal Gazette".into()),
        site_link: None,
        items,
        ..Default::default()
    };
    let report = db
        .ingest(
            feed,
            &doc,
            &Validators::default(),
            None,
            KEEP_ALL,
            1_700_000_000,
        )
        .unwrap();
    for h in &report.upserted {
        let link = h.link.as_deref().unwrap();
        ids.insert(link.rsplit('/').next().unwrap().parse().unwrap(), h.id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn searching_with_waiting_articles_finds_what_a_scan_of_all_finds(
        cases in prop::collection::vec(case(), 1..14),
        queries in prop::collection::vec(prop::collection::vec(prop::sample::select(VOCAB), 1..4), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("tidings.db")).unwrap();
        let feed = db
            .sync_feeds(
                &[FeedConfig {
                    url: "https://example.test/feed.xml".into(),
                    title: None,
                    tags: Vec::new(),
                    refresh_minutes: None,
                    ..Default::default()
                }],
                1800,
            )
            .unwrap()[0]
            .id;
        let mut ids = HashMap::new();
        let first = cases.iter().enumerate().filter(|(_, c)| c.indexed);
        ingest(&mut db, feed, first.map(|(i, c)| item(i, &c.first)).collect(), &mut ids);
        db.index_pending(usize::MAX).unwrap();
        // Never indexed, or changed since: these wait in `search_pending`.
        let later = cases.iter().enumerate().filter_map(|(i, c)| match (&c.changed, c.indexed) {
            (Some(a), true) => Some(item(i, a)),
            (_, false) => Some(item(i, &c.first)),
            (None, true) => None,
        });
        ingest(&mut db, feed, later.collect(), &mut ids);

        let now: Vec<(i64, [String; 5])> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = if c.indexed { c.changed.as_ref().unwrap_or(&c.first) } else { &c.first };
                (ids[&i], columns(text))
            })
            .collect();
        for q in queries {
            let mut terms: Vec<String> = q.iter().map(|w| fold(w)).collect();
            terms.dedup();
            let all_short = terms.iter().all(|t| t.chars().count() < 2);
            let answer = db.search_with_pending(&q.join(" "), 10_000).unwrap();
            let found: Vec<i64> = answer.rows.iter().map(|(id, _)| *id).collect();
            // Split across threads, each with its own connection, the answer is the
            // same, in the same order; a smaller limit keeps its first rows.
            let split = db.search_with_pending_from(&q.join(" "), 10_000, 1).unwrap();
            prop_assert_eq!(&split.rows, &answer.rows);
            let few = db.search_with_pending_from(&q.join(" "), 2, 1).unwrap();
            let few: Vec<i64> = few.rows.iter().map(|(id, _)| *id).collect();
            prop_assert_eq!(&few[..], &found[..found.len().min(2)]);
            let unique: BTreeSet<i64> = found.iter().copied().collect();
            prop_assert_eq!(unique.len(), found.len(), "each article once: {:?}", found);
            let expected: BTreeSet<i64> = now
                .iter()
                .filter(|(_, c)| {
                    if all_short {
                        model_matches(&c[..4], &terms, &c[..4])
                    } else {
                        model_matches(c, &terms, c)
                    }
                })
                .map(|(id, _)| *id)
                .collect();
            prop_assert_eq!(&unique, &expected, "query {:?}", q);
        }
        // Once indexed, the index alone gives the same answer.
        db.index_pending(usize::MAX).unwrap();
        prop_assert_eq!(db.unindexed().unwrap(), 0);
    }
}
