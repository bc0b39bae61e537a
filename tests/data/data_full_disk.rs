//! A full disk and a read-only data dir: clear errors, no panic, nothing silently lost.
//!
//! The database's full disk is SQLite's own SQLITE_FULL (`PRAGMA max_page_count`). A
//! filesystem that fills up or is read-only is a small tmpfs mounted by the test (CI runs
//! as root, for whom permission bits block nothing); where mounting is not allowed those
//! tests say so on stderr and stop. Linux refuses to remount a filesystem read-only while
//! a file on it is open for writing, so "read-only" is tested from the start of a process.

use crate::common::{self, SmallDisk};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tidings::app::{Msg, Screen};
use tidings::config::FeedConfig;
use tidings::db::writer::{DbCmd, DbEvent, DbWriter};
use tidings::db::{Change, Db, Limits};
use tidings::model::{ParsedFeed, ParsedItem, Validators};

const LIMITS: Limits = Limits {
    max_articles: 10_000,
    max_age_days: 0,
};

fn doc(prefix: &str, n: usize) -> ParsedFeed {
    ParsedFeed {
        title: None,
        site_link: None,
        items: (0..n)
            .map(|i| ParsedItem {
                guid: Some(format!("{prefix}{i}")),
                title: format!("{prefix} {i}"),
                published: Some(common::NOW - i as i64),
                content: Some(format!("<p>{}</p>", common::incompressible(i, 600))),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn ingest(feed_id: i64, parsed: ParsedFeed) -> DbCmd {
    DbCmd::Ingest {
        feed_id,
        parsed,
        validators: Validators::default(),
        moved_to: None,
        limits: LIMITS,
        now: common::NOW,
    }
}

fn feed_cfg() -> Vec<FeedConfig> {
    vec![FeedConfig {
        url: "https://full.test/feed.xml".into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    }]
}

fn integrity(path: &Path) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_full_database_fails_the_ingest_clearly_and_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let feed_id = db.sync_feeds(&feed_cfg(), 60).unwrap()[0].id;
    db.ingest(
        feed_id,
        &doc("old", 5),
        &Validators::default(),
        None,
        LIMITS,
        0,
    )
    .unwrap();
    let pages: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(db.limit_size_in_pages(pages + 2).unwrap(), pages + 2);

    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    writer.send(ingest(feed_id, doc("new", 200)));
    assert!(writer.flush());
    let events: Vec<DbEvent> = rx.try_iter().collect();
    let message = match events.as_slice() {
        [DbEvent::Failed { feeds, message }] => {
            assert_eq!(feeds, &vec![feed_id]);
            message.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(message.contains("the disk is full"), "{message}");
    writer.shutdown().unwrap();

    assert_eq!(integrity(&path), "ok");
    let db = Db::open(&path).unwrap();
    let titles: Vec<String> = db
        .load_headlines(&[feed_id])
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect();
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert!(titles.iter().all(|t| t.starts_with("old")));

    // The reader shows it in the status bar, and polls that feed in full next time.
    let mut app = common::app(100, 30);
    app.update(Msg::Db(DbEvent::Failed {
        feeds: vec![1],
        message: message.clone(),
    }));
    let shown = app.message().unwrap();
    assert!(
        shown.error && shown.text.contains("the disk is full"),
        "{shown:?}"
    );
    assert_eq!(app.screen(), Screen::Feeds);
}

#[test]
fn the_reader_keeps_read_marks_that_failed_and_says_when_they_are_saved() {
    let mut app = common::app(100, 30);
    common::press(&mut app, "\n\n"); // opens the first article: marked read
    let id = app.list()[0];
    assert!(app.store().headline(id).unwrap().flags().read());
    app.update(Msg::Db(DbEvent::Failed {
        feeds: Vec::new(),
        message: "could not save 1 change(s): the disk is full (database or disk is full); \
                  read/bookmark changes are kept and saving is retried"
            .into(),
    }));
    let shown = app.message().cloned().unwrap();
    assert!(shown.error && shown.text.contains("retried"), "{shown:?}");
    assert!(
        app.store().headline(id).unwrap().flags().read(),
        "the mark stays in memory"
    );
    app.update(Msg::Db(DbEvent::Recovered { changes: 1 }));
    let shown = app.message().cloned().unwrap();
    assert!(!shown.error && shown.text.contains("saved the 1 read/bookmark change(s)"));
}

// ---- a real filesystem that fills up or turns read-only ---------------------------

fn truncate_wal(path: &Path) {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

fn wait_for(rx: &mpsc::Receiver<DbEvent>, what: impl Fn(&DbEvent) -> bool) -> DbEvent {
    let deadline = Instant::now() + Duration::from_secs(8);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(ev) if what(&ev) => return ev,
            Ok(_) => {}
            Err(_) => panic!("the event never came"),
        }
    }
}

#[test]
fn read_marks_on_a_full_disk_are_kept_and_saved_once_there_is_room() {
    let Some(disk) = SmallDisk::mount(4096) else {
        return;
    };
    let path = disk.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let feed_id = db.sync_feeds(&feed_cfg(), 60).unwrap()[0].id;
    db.ingest(
        feed_id,
        &doc("a", 20),
        &Validators::default(),
        None,
        LIMITS,
        0,
    )
    .unwrap();
    let ids: Vec<i64> = db
        .load_headlines(&[feed_id])
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    assert!(writer.flush());
    // An empty WAL: the next commit needs new blocks, as on a disk that filled up since.
    truncate_wal(&path);
    let filler = disk.fill();

    let changes: Vec<Change> = ids.iter().map(|&id| Change::Read(id, true)).collect();
    writer.send(DbCmd::Changes(changes));
    let failed = wait_for(&rx, |e| matches!(e, DbEvent::Failed { .. }));
    let DbEvent::Failed { message, .. } = failed else {
        unreachable!()
    };
    assert!(message.contains("disk is full"), "{message}");
    assert!(message.contains("kept and saving is retried"), "{message}");

    std::fs::remove_file(&filler).unwrap();
    let recovered = wait_for(&rx, |e| matches!(e, DbEvent::Recovered { .. }));
    assert!(matches!(recovered, DbEvent::Recovered { changes } if changes == ids.len()));
    writer.shutdown().unwrap();
    assert_eq!(integrity(&path), "ok");
    let db = Db::open(&path).unwrap();
    assert!(
        db.load_headlines(&[feed_id])
            .unwrap()
            .iter()
            .all(|h| h.flags.read())
    );
}

#[test]
fn read_marks_still_unsaved_at_exit_are_named() {
    let Some(disk) = SmallDisk::mount(4096) else {
        return;
    };
    let path = disk.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let feed_id = db.sync_feeds(&feed_cfg(), 60).unwrap()[0].id;
    db.ingest(
        feed_id,
        &doc("a", 3),
        &Validators::default(),
        None,
        LIMITS,
        0,
    )
    .unwrap();
    let id = db.load_headlines(&[feed_id]).unwrap()[0].id;
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    assert!(writer.flush());
    truncate_wal(&path);
    let _filler = disk.fill();
    writer.send(DbCmd::Changes(vec![Change::Bookmark(id, true)]));
    wait_for(&rx, |e| matches!(e, DbEvent::Failed { .. }));
    let e = writer.shutdown().unwrap_err();
    assert!(
        matches!(
            e,
            tidings::db::writer::ShutdownError::Unsaved { count: 1, .. }
        ),
        "{e:?}"
    );
    let unsaved = e.to_string();
    assert!(
        unsaved.starts_with("1 read/bookmark change(s) could not be saved: the disk is full"),
        "{unsaved}"
    );
}

#[test]
fn config_and_saved_articles_on_a_full_or_read_only_disk_fail_clearly() {
    let Some(disk) = SmallDisk::mount(256) else {
        return;
    };
    let config = disk.path().join("config.toml");
    let text = "# mine\n[[feed]]\nurl = \"https://a.test/feed.xml\"\n";
    std::fs::write(&config, text).unwrap();
    let article = tidings::share::SavedArticle {
        title: "Quay wall repaired".into(),
        link: Some("https://a.test/1".into()),
        feed: "A".into(),
        author: None,
        date: common::NOW,
        tags: Vec::new(),
        html: Some(format!("<p>{}</p>", "words ".repeat(2000))),
    };
    let saves = disk.path().join("saved");
    std::fs::create_dir(&saves).unwrap();

    let filler = disk.fill();
    let err = tidings::config::set_feed_tags(&config, "https://a.test/feed.xml", &["x".into()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);
    let err = tidings::share::save(&saves, &article)
        .unwrap_err()
        .to_string();
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(
        std::fs::read_dir(&saves).unwrap().count(),
        0,
        "no half file left"
    );
    std::fs::remove_file(filler).unwrap();

    disk.remount("ro");
    let err = tidings::config::set_feed_tags(&config, "https://a.test/feed.xml", &["x".into()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("Read-only file system"), "{err}");
    let err = tidings::share::save(&saves, &article)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);
    disk.remount("rw");
}

#[test]
fn refresh_on_a_read_only_data_dir_says_so() {
    let Some(disk) = SmallDisk::mount(4096) else {
        return;
    };
    let feed = disk.path().join("feed.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>T</title><item><title>One</title><guid>1</guid></item></channel></rss>",
    )
    .unwrap();
    let config = disk.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .unwrap();
    let data = disk.path().join("data");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(&config)
            .arg("--data-dir")
            .arg(&data)
            .arg("refresh")
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    disk.remount("ro");
    let out = run();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(
        text.contains("tidings.db: cannot write the database"),
        "{text}"
    );
    disk.remount("rw");
}

#[test]
fn a_data_dir_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[[feed]]\nurl = \"https://a.test/feed.xml\"\n").unwrap();
    // A regular file where the data dir should be, and a place no one can create a
    // directory in (root included).
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    for data in [file.join("data"), PathBuf::from("/proc/tidings-test-data")] {
        for args in [&["refresh"][..], &["list"]] {
            let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
                .env("LC_ALL", "C.UTF-8")
                .arg("--config")
                .arg(&config)
                .arg("--data-dir")
                .arg(&data)
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{err}");
            assert!(
                err.contains(&format!(
                    "cannot create the directory {} for the database",
                    data.display()
                )),
                "{err}"
            );
        }
    }
}
