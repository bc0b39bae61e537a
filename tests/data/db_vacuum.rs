//! `tidings purge` gives the space it freed back to the file system when that is much,
//! and the WAL does not keep the size of the largest write it held.

use tidings::config::FeedConfig;
use tidings::db::{Change, Db, Limits};
use tidings::model::{ParsedFeed, ParsedItem, Validators};

const NOW: i64 = 1_700_000_000;
const DAY: i64 = 86_400;

fn items(from: usize, to: usize, published: i64) -> ParsedFeed {
    ParsedFeed {
        title: Some("Bulk".into()),
        site_link: None,
        items: (from..to)
            .map(|i| ParsedItem {
                guid: Some(format!("g{i}")),
                title: format!("Article {i}"),
                published: Some(published),
                content: Some(format!("<p>{}</p>", crate::common::incompressible(i, 400))),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn files_size(dir: &std::path::Path) -> u64 {
    ["tidings.db", "tidings.db-wal"]
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).map_or(0, |m| m.len()))
        .sum()
}

#[test]
fn purging_most_articles_shrinks_the_file_and_empties_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
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
    let keep = Limits {
        max_articles: 10_000,
        max_age_days: 0,
    };
    let old = NOW - 60 * DAY;
    let report = db
        .ingest(
            feed,
            &items(0, 2000, old),
            &Validators::default(),
            None,
            keep,
            NOW,
        )
        .unwrap();
    db.index_pending(usize::MAX).unwrap();
    let read: Vec<Change> = report
        .upserted
        .iter()
        .map(|h| Change::Read(h.id, true))
        .collect();
    db.apply(&read).unwrap();
    // The feed moved on: the old articles are no longer listed, so purge may drop them.
    db.ingest(
        feed,
        &items(2000, 2010, NOW),
        &Validators::default(),
        None,
        keep,
        NOW,
    )
    .unwrap();
    db.checkpoint_truncate().unwrap();
    let before = files_size(dir.path());
    let purged = db.purge(NOW - 30 * DAY).unwrap();
    assert_eq!(purged.read, 2000);
    let after = files_size(dir.path());
    assert!(
        after * 4 < before,
        "db + WAL {before} bytes before the purge, {after} after"
    );
    let wal = std::fs::metadata(dir.path().join("tidings.db-wal")).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "VACUUM's copy of the file left the WAL");
    db.index_pending(usize::MAX).unwrap();
    assert_eq!(db.search("article", 100).unwrap().len(), 10);
}

#[test]
fn the_writer_empties_the_wal_after_an_index_catch_up() {
    use std::time::{Duration, Instant};
    use tidings::db::writer::{DbCmd, DbWriter};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
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
    let writer = DbWriter::spawn(db, |_| {});
    writer.send(DbCmd::Ingest {
        feed_id: feed,
        parsed: items(0, 600, NOW),
        validators: Validators::default(),
        moved_to: None,
        limits: Limits {
            max_articles: 1000,
            max_age_days: 0,
        },
        now: NOW,
    });
    assert!(writer.flush());
    let reader = Db::open_reader(&path).unwrap();
    let wal = || std::fs::metadata(dir.path().join("tidings.db-wal")).map_or(0, |m| m.len());
    let started = Instant::now();
    while reader.unindexed().unwrap() > 0 || wal() > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} queued, WAL {} bytes",
            reader.unindexed().unwrap(),
            wal()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(reader.search("article", 1000).unwrap().len(), 600);
    writer.shutdown().unwrap();
}

/// What an unsubscribe frees, the writer gives back once it is idle (as it does after the
/// schema-8 migration packed every body), and the file keeps working.
#[test]
fn the_writer_gives_back_what_an_unsubscribe_freed() {
    use std::time::{Duration, Instant};
    use tidings::db::writer::{DbCmd, DbWriter};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let config = |url: &str| FeedConfig {
        url: url.into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    };
    let feeds = db
        .sync_feeds(
            &[
                config("https://big.test/feed.xml"),
                config("https://small.test/feed.xml"),
            ],
            1800,
        )
        .unwrap();
    let writer = DbWriter::spawn(db, |_| {});
    let limits = Limits {
        max_articles: 10_000,
        max_age_days: 0,
    };
    for (feed, range) in [(feeds[0].id, 0..2000), (feeds[1].id, 5000..5010)] {
        writer.send(DbCmd::Ingest {
            feed_id: feed,
            parsed: items(range.start, range.end, NOW),
            validators: Validators::default(),
            moved_to: None,
            limits,
            now: NOW,
        });
    }
    assert!(writer.flush());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let pragma = |name: &str| -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };
    let reader = Db::open_reader(&path).unwrap();
    let started = Instant::now();
    while reader.unindexed().unwrap() > 0 {
        assert!(started.elapsed() < Duration::from_secs(60), "indexing");
        std::thread::sleep(Duration::from_millis(20));
    }
    let full = pragma("page_count");
    writer.send(DbCmd::ForgetFeed {
        url: "https://big.test/feed.xml".into(),
    });
    assert!(writer.flush());
    while pragma("page_count") * 4 > full {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} of {} pages free, {} pages in all",
            pragma("freelist_count"),
            full,
            pragma("page_count")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(pragma("freelist_count") * 4 < pragma("page_count"));
    assert_eq!(reader.search("article", 100).unwrap().len(), 10);
    let body = reader.body(reader.search("5003", 1).unwrap()[0].0).unwrap();
    assert_eq!(
        body.and_then(|b| b.content),
        Some(format!(
            "<p>{}</p>",
            crate::common::incompressible(5003, 400)
        ))
    );
    writer.shutdown().unwrap();
}

fn wal_len(db: &std::path::Path) -> u64 {
    std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len())
}

/// A large WAL left behind (here by a connection that never closed, as after a kill -9 or
/// a checkpoint a reader held off) is emptied by the next open: every process that opens
/// the file would otherwise read through it (0.25 s of each reader start at 700 MB).
#[test]
fn a_large_wal_left_behind_is_emptied_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    drop(Db::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute_batch(
        "CREATE TABLE filler(x BLOB);
         WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 20)
         INSERT INTO filler SELECT randomblob(1000000) FROM c;",
    )
    .unwrap();
    let before = wal_len(&path);
    assert!(before > 16 << 20, "the WAL holds the 20 MB: {before}");
    // Never closed: no checkpoint on close.
    std::mem::forget(conn);

    let db = Db::open(&path).unwrap();
    let after = wal_len(&path);
    assert!(after <= 8 << 20, "the WAL was left at {after} bytes");
    drop(db);
    let check = rusqlite::Connection::open(&path).unwrap();
    let rows: i64 = check
        .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 20, "what the WAL held is in the file");
}
