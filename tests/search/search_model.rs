//! The index against the plain computation: over random articles and queries, what
//! `Db::search` and `Db::body_matches` find is what a scan of the folded text finds
//! (words split on what is not a letter or digit; the last word of a query also a
//! prefix; a one-letter word anywhere in the text, since the index cannot answer it).

use proptest::prelude::*;
use std::collections::BTreeSet;
use tidings::config::FeedConfig;
use tidings::db::search::fold_text as fold;
use tidings::db::{Db, Limits};
use tidings::model::{ParsedFeed, ParsedItem, Validators};

pub(crate) const VOCAB: &[&str] = &[
    "rail",
    "railway",
    "rails",
    "ferry",
    "ferries",
    "budget",
    "bud",
    "Élan",
    "elan",
    "страна",
    "странный",
    "Министр",
    "coast",
    "coastal",
    "gaz",
    "7",
    "42",
    "x",
    "e",
    "а",
    "r",
    "Zürich",
];

pub(crate) const KEEP_ALL: Limits = Limits {
    max_articles: 1000,
    max_age_days: 0,
};

#[derive(Debug, Clone)]
pub(crate) struct Article {
    pub(crate) title: Vec<&'static str>,
    pub(crate) author: Option<&'static str>,
    pub(crate) categories: Vec<&'static str>,
    pub(crate) body: Vec<&'static str>,
}

fn words(max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..max)
}

pub(crate) fn article() -> impl Strategy<Value = Article> {
    (
        words(4),
        prop::option::of(prop::sample::select(VOCAB)),
        words(3),
        words(8),
    )
        .prop_map(|(title, author, categories, body)| Article {
            title,
            author,
            categories,
            body,
        })
}

/// The folded columns as the model sees them: title, author, feed, categories, body.
pub(crate) fn columns(a: &Article) -> [String; 5] {
    [
        fold(&a.title.join(" ")),
        fold(a.author.unwrap_or("")),
        fold("Coastal Gazette"),
        fold(&a.categories.join("\n")),
        fold(&a.body.join(" ")),
    ]
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the article matches `terms` (folded, deduplicated as a query is) in the
/// columns `cols`; `check_cols` are where one-letter terms are looked for.
pub(crate) fn model_matches(cols: &[String], terms: &[String], check_cols: &[String]) -> bool {
    terms.iter().enumerate().all(|(i, t)| {
        if t.chars().count() < 2 {
            return check_cols.iter().any(|c| c.contains(t.as_str()));
        }
        let prefix = i + 1 == terms.len();
        cols.iter().any(|c| {
            tokens(c).iter().any(|w| {
                if prefix {
                    w.starts_with(t.as_str())
                } else {
                    w == t
                }
            })
        })
    })
}

fn store(articles: &[Article]) -> (tempfile::TempDir, Db, Vec<i64>) {
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
    let items = articles
        .iter()
        .enumerate()
        .map(|(i, a)| ParsedItem {
            guid: Some(format!("g{i}")),
            link: Some(format!("https://example.test/{i}")),
            title: a.title.join(" "),
            author: a.author.map(str::to_string),
            categories: a.categories.iter().map(|c| c.to_string()).collect(),
            content: Some(format!("<p>{}</p>", a.body.join(" "))),
            published: Some(1_700_000_000 + i as i64),
            ..Default::default()
        })
        .collect();
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
    db.index_pending(usize::MAX).unwrap();
    // Each article's id by its link, which carries its position.
    let mut ids = vec![0; articles.len()];
    for h in &report.upserted {
        let link = h.link.as_deref().unwrap();
        let i: usize = link.rsplit('/').next().unwrap().parse().unwrap();
        ids[i] = h.id;
    }
    (dir, db, ids)
}

fn ids_by_title(articles: &[Article], ids: &[i64]) -> Vec<(i64, [String; 5])> {
    ids.iter()
        .copied()
        .zip(articles.iter().map(columns))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn search_finds_what_a_scan_of_the_text_finds(
        articles in prop::collection::vec(article(), 1..14),
        queries in prop::collection::vec(prop::collection::vec(prop::sample::select(VOCAB), 1..4), 1..6),
    ) {
        let (_dir, db, ids) = store(&articles);
        let docs = ids_by_title(&articles, &ids);
        for q in queries {
            let mut terms: Vec<String> = q.iter().map(|w| fold(w)).collect();
            terms.dedup();
            let all_short = terms.iter().all(|t| t.chars().count() < 2);
            let found: BTreeSet<i64> = db
                .search(&q.join(" "), 10_000)
                .unwrap()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let expected: BTreeSet<i64> = docs
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
            prop_assert_eq!(&found, &expected, "query {:?}", q);

            let in_body: BTreeSet<i64> = db.body_matches(&terms, Some(&ids)).unwrap().into_iter().collect();
            let expected: BTreeSet<i64> = docs
                .iter()
                .filter(|(_, c)| model_matches(&c[4..], &terms, &c[4..]))
                .map(|(id, _)| *id)
                .collect();
            prop_assert_eq!(&in_body, &expected, "body terms {:?}", terms);
        }
    }
}

/// Whether `want` follows itself word by word in `words`, the last word also as the start
/// of a longer one when `prefix`.
fn has_phrase(words: &[&str], want: &[String], prefix: bool) -> bool {
    words.windows(want.len()).any(|w| {
        w.iter().zip(want).enumerate().all(|(i, (got, want))| {
            got == want || (prefix && i + 1 == w.len() && got.starts_with(want.as_str()))
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The index keeps no word positions (schema 12): a phrase is found by its words and
    /// checked on the text. Whatever it finds is what a scan for the words in a row finds.
    #[test]
    fn phrases_are_found_where_their_words_follow_each_other(
        articles in prop::collection::vec(article(), 1..14),
        phrases in prop::collection::vec(
            (prop::collection::vec(prop::sample::select(VOCAB), 2..4), any::<bool>()),
            1..5,
        ),
    ) {
        let (_dir, db, ids) = store(&articles);
        let docs = ids_by_title(&articles, &ids);
        for (words, open) in phrases {
            let want: Vec<String> = words.iter().map(|w| fold(w)).collect();
            let long_last = want.last().is_some_and(|w| w.chars().count() >= 2);
            let query = if open {
                format!("\"{}", words.join(" "))
            } else {
                format!("\"{}\"", words.join(" "))
            };
            let found: BTreeSet<i64> = db
                .search(&query, 10_000)
                .unwrap()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let expected: BTreeSet<i64> = docs
                .iter()
                .filter(|(_, c)| c.iter().any(|col| has_phrase(&tokens(col), &want, open && long_last)))
                .map(|(id, _)| *id)
                .collect();
            prop_assert_eq!(&found, &expected, "query {:?}", query);

            // The filter's `body:` asks for one folded phrase, its last word a prefix.
            let in_body: BTreeSet<i64> = db
                .body_matches(&[want.join(" ")], Some(&ids))
                .unwrap()
                .into_iter()
                .collect();
            let expected: BTreeSet<i64> = docs
                .iter()
                .filter(|(_, c)| has_phrase(&tokens(&c[4]), &want, long_last))
                .map(|(id, _)| *id)
                .collect();
            prop_assert_eq!(&in_body, &expected, "body phrase {:?}", want);
        }
    }
}
