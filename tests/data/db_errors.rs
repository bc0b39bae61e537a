//! The database's error kinds: what a caller decides by (a busy lock, a full disk, a file
//! that cannot be written) must survive as the variant, not only as words.

use rusqlite::{Connection, OpenFlags};
use std::time::Duration;
use tidings::config::FeedConfig;
use tidings::db::{Db, DbError, Limits};
use tidings::model::{FeedStatus, ParsedFeed, ParsedItem, Validators};

fn feeds() -> Vec<FeedConfig> {
    vec![FeedConfig {
        url: "https://a.test/feed".into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    }]
}

fn doc(n: usize) -> ParsedFeed {
    ParsedFeed {
        title: None,
        site_link: None,
        items: (0..n)
            .map(|i| ParsedItem {
                guid: Some(format!("g{i}")),
                title: format!("item {i}"),
                published: Some(1_700_000_000 - i as i64),
                content: Some(crate::common::incompressible(i, 600)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

const LIMITS: Limits = Limits {
    max_articles: 10_000,
    max_age_days: 0,
};

#[test]
fn a_write_lock_held_elsewhere_is_the_busy_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    drop(Db::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let other = Connection::open(&path).unwrap();
    other.busy_timeout(Duration::ZERO).unwrap();
    let e = DbError::from(other.execute_batch("BEGIN IMMEDIATE").unwrap_err());
    assert!(matches!(e, DbError::Busy(_)), "{e:?}");
    assert!(e.is_busy());
    assert!(e.to_string().starts_with("the database is busy"), "{e}");
}

#[test]
fn a_full_database_is_the_full_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let feed_id = db.sync_feeds(&feeds(), 60).unwrap()[0].id;
    let pages: u32 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    db.limit_size_in_pages(pages + 1).unwrap();
    let e = db
        .ingest(feed_id, &doc(200), &Validators::default(), None, LIMITS, 0)
        .unwrap_err();
    assert!(matches!(e, DbError::Full(_)), "{e:?}");
    assert!(e.to_string().starts_with("the disk is full"), "{e}");
}

#[test]
fn a_read_only_file_is_the_read_only_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    drop(Db::open(&path).unwrap());
    // Permission bits stop nothing for root, so the connection itself is read-only.
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let e = DbError::from(conn.execute("DELETE FROM feeds", []).unwrap_err());
    assert!(matches!(e, DbError::ReadOnly(_)), "{e:?}");
    assert!(
        e.to_string().starts_with("cannot write the database"),
        "{e}"
    );
}

#[test]
fn opening_errors_name_the_file_and_keep_the_kind() {
    let dir = tempfile::tempdir().unwrap();

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![0x5Au8; 16_384]).unwrap();
    let e = Db::open(&garbage).err().expect("garbage opened");
    assert!(
        matches!(&e, DbError::InFile { path, .. } if path == &garbage),
        "{e:?}"
    );
    assert!(matches!(e.cause(), DbError::NotADatabase(_)), "{e:?}");

    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x TEXT)")
        .unwrap();
    let e = Db::open(&foreign).err().expect("foreign opened");
    assert!(matches!(e.cause(), DbError::ForeignDatabase), "{e:?}");

    let newer = dir.path().join("newer.db");
    drop(Db::open(&newer).unwrap());
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let e = Db::open(&newer).err().expect("newer opened");
    assert!(
        matches!(e.cause(), DbError::NewerSchema { found: 99, .. }),
        "{e:?}"
    );

    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let e = Db::open(&blocked.join("tidings.db"))
        .err()
        .expect("a file as directory");
    assert!(matches!(e, DbError::CreateDir { .. }), "{e:?}");
}

#[test]
fn a_missing_feed_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("tidings.db")).unwrap();
    let e = db.set_status(4242, &FeedStatus::default()).unwrap_err();
    assert!(matches!(e, DbError::NoSuchFeed(4242)), "{e:?}");
    assert_eq!(e.to_string(), "feed 4242 is not in the database");
}
