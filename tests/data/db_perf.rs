//! Speed of the store on a realistic file. Run in release:
//! `cargo test --release --test data db_perf:: -- --ignored --nocapture`
//! (debug builds only print the numbers; release builds also hold them to the budget).

use std::sync::mpsc;
use std::time::{Duration, Instant};
use tidings::config::FeedConfig;
use tidings::db::writer::{DbCmd, DbEvent, DbWriter};
use tidings::db::{Db, Limits};
use tidings::model::{Enclosure, ParsedFeed, ParsedItem, Validators};

const NOW: i64 = 1_700_000_000;
const LIMITS: Limits = Limits {
    max_articles: 1000,
    max_age_days: 0,
};

fn document(feed: usize, items: usize) -> ParsedFeed {
    let body = "<p>Lorem ipsum dolor sit amet, <a href=\"https://example.test/x\">consectetur</a> adipiscing elit.</p>\n".repeat(20);
    ParsedFeed {
        title: Some(format!("Feed {feed}")),
        site_link: Some(format!("https://site{feed}.test/")),
        items: (0..items)
            .map(|i| ParsedItem {
                guid: Some(format!("urn:feed{feed}:item{i}")),
                link: Some(format!("https://site{feed}.test/posts/{i}")),
                title: format!("Headline number {i} of feed {feed}, long enough to be realistic"),
                author: Some("A. Writer".into()),
                published: Some(NOW - (i as i64) * 3600),
                updated: None,
                summary: Some(body[..300].to_string()),
                content: Some(body.clone()),
                enclosures: if i % 10 == 0 {
                    vec![Enclosure {
                        url: format!("https://site{feed}.test/{i}.mp3"),
                        ..Default::default()
                    }]
                } else {
                    Vec::new()
                },
                categories: vec!["news".into(), "tech".into()],
                picture: None,
                packed: None,
                title_derived: false,
            })
            .collect(),
        ..Default::default()
    }
}

fn feed(f: usize) -> FeedConfig {
    FeedConfig {
        url: format!("https://site{f}.test/feed.xml"),
        title: None,
        tags: vec![],
        refresh_minutes: None,
        ..Default::default()
    }
}

fn fill(db: &mut Db, feeds: usize, items: usize) -> (Vec<i64>, Duration, Vec<ParsedFeed>) {
    let cfg: Vec<FeedConfig> = (0..feeds).map(feed).collect();
    let ids: Vec<i64> = db
        .sync_feeds(&cfg, 1800)
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect();
    let docs: Vec<ParsedFeed> = (0..feeds).map(|f| document(f, items)).collect();
    let started = Instant::now();
    for (id, doc) in ids.iter().zip(&docs) {
        let report = db
            .ingest(*id, doc, &Validators::default(), None, LIMITS, NOW)
            .unwrap();
        assert_eq!(report.new, items);
    }
    (ids, started.elapsed(), docs)
}

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..n {
        let started = Instant::now();
        let v = f();
        best = best.min(started.elapsed());
        out = Some(v);
    }
    (best, out.unwrap())
}

fn budget(what: &str, took: Duration, limit: Duration) {
    eprintln!("{what}: {took:.1?} (budget {limit:?})");
    if !cfg!(debug_assertions) {
        assert!(took < limit, "{what} took {took:?}, budget {limit:?}");
    }
}

#[test]
#[ignore = "timing check, run in release"]
fn store_speed() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("perf.db")).unwrap();
    let (ids, took, docs) = fill(&mut db, 200, 100);
    // Informational: one transaction per feed, and SQLite's automatic checkpoints
    // fsync the ~55 MB inside those commits. The app goes through the writer (below),
    // which is what the budget holds.
    eprintln!(
        "Db::ingest 200 feeds x 100 items into an empty db, one transaction each: {took:.1?}"
    );

    let started = Instant::now();
    for (id, doc) in ids.iter().zip(&docs) {
        let report = db
            .ingest(*id, doc, &Validators::default(), None, LIMITS, NOW + 60)
            .unwrap();
        assert!(report.upserted.is_empty());
    }
    budget(
        "re-ingest the same 200 documents (nothing changed)",
        started.elapsed(),
        Duration::from_millis(300),
    );

    let (took, heads) = best_of(5, || db.load_headlines(&ids).unwrap());
    assert_eq!(heads.len(), 20_000);
    budget(
        "load_headlines, 20,000 rows",
        took,
        Duration::from_millis(30),
    );

    // The same through the writer thread, as the app does it: one batch, events after
    // the commit, checkpoint once idle.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("writer.db");
    let mut db = Db::open(&path).unwrap();
    let cfg: Vec<FeedConfig> = (0..200).map(feed).collect();
    let ids: Vec<i64> = db
        .sync_feeds(&cfg, 1800)
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect();
    let docs: Vec<ParsedFeed> = (0..200).map(|f| document(f, 100)).collect();
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| tx.send(e).unwrap());
    let started = Instant::now();
    for (id, doc) in ids.iter().zip(docs) {
        writer.send(DbCmd::Ingest {
            feed_id: *id,
            parsed: doc,
            validators: Validators::default(),
            moved_to: None,
            limits: LIMITS,
            now: NOW,
        });
    }
    for _ in 0..200 {
        assert!(
            matches!(rx.recv().unwrap(), DbEvent::Ingested { report, .. } if report.new == 100)
        );
    }
    budget(
        "writer: 200 feeds x 100 items, until the last event",
        started.elapsed(),
        Duration::from_millis(500),
    );
    let started = Instant::now();
    writer.shutdown().expect("everything saved");
    eprintln!(
        "writer: shutdown with the checkpoint: {:.1?}",
        started.elapsed()
    );

    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("perf100k.db")).unwrap();
    let (ids, took, _) = fill(&mut db, 1000, 100);
    eprintln!("ingest 1000 feeds x 100 items: {took:.1?}");
    let (took, heads) = best_of(5, || db.load_headlines(&ids).unwrap());
    assert_eq!(heads.len(), 100_000);
    budget(
        "load_headlines, 100,000 rows",
        took,
        Duration::from_millis(150),
    );
    let (took, heads) = best_of(5, || db.load_headlines(&ids[..10]).unwrap());
    assert_eq!(heads.len(), 1000);
    eprintln!("load_headlines, 10 feeds out of 100,000 rows: {took:.1?}");
}
