//! The SQLite store on real files: persistence, dedupe, upsert, pruning, bad files.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tidings::config::FeedConfig;
use tidings::db::{Change, Db, Limits};
use tidings::model::{Enclosure, FeedStatus, Headline, ParsedFeed, ParsedItem, Validators};

const NOW: i64 = 1_700_000_000;
const DAY: i64 = 86_400;
const KEEP_ALL: Limits = Limits {
    max_articles: 1000,
    max_age_days: 0,
};

fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("tidings.db")
}

fn feed(url: &str) -> FeedConfig {
    FeedConfig {
        url: url.into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    }
}

fn item(guid: &str, title: &str, published: i64) -> ParsedItem {
    ParsedItem {
        guid: Some(guid.into()),
        link: Some(format!("https://example.test/{guid}")),
        title: title.into(),
        published: Some(published),
        summary: Some(format!("<p>{title}</p>")),
        ..Default::default()
    }
}

fn doc(items: Vec<ParsedItem>) -> ParsedFeed {
    ParsedFeed {
        title: Some("Doc title".into()),
        site_link: Some("https://example.test/".into()),
        items,
        ..Default::default()
    }
}

/// Opens a fresh db with one feed and returns it with the feed's id.
fn one_feed(path: &Path) -> (Db, i64) {
    let mut db = Db::open(path).unwrap();
    let feeds = db
        .sync_feeds(&[feed("https://example.test/feed.xml")], 1800)
        .unwrap();
    (db, feeds[0].id)
}

fn ingest(
    db: &mut Db,
    feed_id: i64,
    items: Vec<ParsedItem>,
    limits: Limits,
    now: i64,
) -> tidings::db::IngestReport {
    db.ingest(
        feed_id,
        &doc(items),
        &Validators::default(),
        None,
        limits,
        now,
    )
    .unwrap()
}

fn titles(headlines: &[Headline]) -> Vec<String> {
    let mut t: Vec<String> = headlines.iter().map(|h| h.title.clone()).collect();
    t.sort();
    t
}

fn by_title<'a>(headlines: &'a [Headline], title: &str) -> &'a Headline {
    headlines
        .iter()
        .find(|h| h.title == title)
        .unwrap_or_else(|| panic!("no headline {title:?}"))
}

#[test]
fn flags_validators_status_and_moved_url_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let id;
    {
        let (mut db, feed_id) = one_feed(&path);
        id = feed_id;
        let validators = Validators {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Tue, 14 Nov 2023 22:13:20 GMT".into()),
        };
        let report = db
            .ingest(
                feed_id,
                &doc(vec![item("a", "A", NOW - 10), item("b", "B", NOW - 20)]),
                &validators,
                Some("https://new.example.test/feed.xml"),
                KEEP_ALL,
                NOW,
            )
            .unwrap();
        assert_eq!(report.new, 2);
        let a = by_title(&report.upserted, "A").id;
        let b = by_title(&report.upserted, "B").id;
        db.apply(&[Change::Read(a, true), Change::Bookmark(b, true)])
            .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    let feeds = db
        .sync_feeds(&[feed("https://example.test/feed.xml")], 1800)
        .unwrap();
    assert_eq!(feeds.len(), 1);
    let f = &feeds[0];
    assert_eq!(f.id, id);
    assert_eq!(f.url, "https://example.test/feed.xml");
    assert_eq!(f.fetch_url, "https://new.example.test/feed.xml");
    assert_eq!(f.title, "Doc title");
    assert_eq!(f.site_link.as_deref(), Some("https://example.test/"));
    assert_eq!(f.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        f.validators.last_modified.as_deref(),
        Some("Tue, 14 Nov 2023 22:13:20 GMT")
    );
    assert_eq!(f.status, FeedStatus::Ok { at: NOW });

    let heads = db.load_headlines(&[id]).unwrap();
    assert_eq!(titles(&heads), ["A", "B"]);
    let a = by_title(&heads, "A");
    let b = by_title(&heads, "B");
    assert!(a.flags.read() && !a.flags.bookmarked());
    assert!(!b.flags.read() && b.flags.bookmarked());
    assert_eq!(a.date, NOW - 10);
    assert_eq!(a.link.as_deref(), Some("https://example.test/a"));

    // A later error wins over the earlier success, and survives reopening too.
    db.set_status(
        id,
        &FeedStatus::Error {
            at: NOW + 60,
            message: "HTTP 500".into(),
        },
    )
    .unwrap();
    drop(db);
    let mut db = Db::open(&path).unwrap();
    let f = db
        .sync_feeds(&[feed("https://example.test/feed.xml")], 1800)
        .unwrap()
        .remove(0);
    assert_eq!(
        f.status,
        FeedStatus::Error {
            at: NOW + 60,
            message: "HTTP 500".into()
        }
    );
    // A success after the error clears it; the fetch URL stays the moved one.
    db.set_status(id, &FeedStatus::Ok { at: NOW + 120 })
        .unwrap();
    let f = db
        .sync_feeds(&[feed("https://example.test/feed.xml")], 1800)
        .unwrap()
        .remove(0);
    assert_eq!(f.status, FeedStatus::Ok { at: NOW + 120 });
    assert_eq!(f.fetch_url, "https://new.example.test/feed.xml");
}

#[test]
fn sync_feeds_keeps_config_order_titles_and_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&db_path(&dir)).unwrap();
    let first = db
        .sync_feeds(&[feed("https://b.test/"), feed("https://a.test/")], 600)
        .unwrap();
    assert_eq!(first[0].status, FeedStatus::Never);
    assert_eq!(
        first[0].title, "https://b.test/",
        "no title anywhere: the url"
    );
    assert_eq!(first[0].fetch_url, "https://b.test/");
    db.ingest(
        first[1].id,
        &doc(vec![]),
        &Validators::default(),
        None,
        KEEP_ALL,
        NOW,
    )
    .unwrap();

    let cfg = [
        feed("https://c.test/"),
        FeedConfig {
            title: Some("Mine".into()),
            tags: vec!["x".into()],
            refresh_minutes: Some(5),
            ..feed("https://b.test/")
        },
        feed("https://a.test/"),
    ];
    let feeds = db.sync_feeds(&cfg, 600).unwrap();
    let urls: Vec<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://c.test/", "https://b.test/", "https://a.test/"]
    );
    assert_eq!(feeds[1].id, first[0].id, "same url, same row");
    assert_eq!(feeds[2].id, first[1].id);
    assert_eq!(feeds[1].title, "Mine", "config title wins");
    assert_eq!(feeds[1].tags, ["x"]);
    assert_eq!(feeds[1].refresh_secs, 300);
    assert_eq!(feeds[2].title, "Doc title", "then the document's title");
    assert_eq!(feeds[2].refresh_secs, 600);
}

#[test]
fn dedupe_by_guid_then_link_then_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let by_guid = item("g1", "Guid item", NOW - 100);
    let by_link = ParsedItem {
        guid: None,
        ..item("link-item", "Link item", NOW - 200)
    };
    let by_title_date = ParsedItem {
        guid: None,
        link: None,
        ..item("x", "Title item", NOW - 300)
    };
    let report = ingest(
        &mut db,
        feed_id,
        vec![by_guid.clone(), by_link.clone(), by_title_date.clone()],
        KEEP_ALL,
        NOW,
    );
    assert_eq!(report.new, 3);

    // Same guid with a new link, same link with a whitespace-padded one, same title and
    // date: all the same articles (and changed, except the title one).
    let again = vec![
        ParsedItem {
            link: Some("https://example.test/moved".into()),
            ..by_guid
        },
        ParsedItem {
            link: Some("  https://example.test/link-item ".into()),
            ..by_link
        },
        by_title_date.clone(),
    ];
    let report = ingest(&mut db, feed_id, again, KEEP_ALL, NOW + 10);
    assert_eq!(report.new, 0);
    assert_eq!(titles(&report.upserted), ["Guid item", "Link item"]);
    let heads = db.load_headlines(&[feed_id]).unwrap();
    assert_eq!(heads.len(), 3);
    assert_eq!(
        by_title(&heads, "Guid item").link.as_deref(),
        Some("https://example.test/moved")
    );

    // Same title but another date is another article.
    let report = ingest(
        &mut db,
        feed_id,
        vec![ParsedItem {
            published: Some(NOW - 1),
            ..by_title_date
        }],
        KEEP_ALL,
        NOW + 20,
    );
    assert_eq!(report.new, 1);
    assert_eq!(db.load_headlines(&[feed_id]).unwrap().len(), 4);
}

#[test]
fn items_repeated_in_one_document_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let a = item("a", "A", NOW);
    let report = ingest(
        &mut db,
        feed_id,
        vec![
            a.clone(),
            a.clone(),
            ParsedItem {
                title: "A again".into(),
                ..a
            },
        ],
        KEEP_ALL,
        NOW,
    );
    assert_eq!(report.new, 1);
    assert_eq!(report.upserted.len(), 1);
    assert_eq!(
        report.upserted[0].title, "A",
        "the first occurrence is the one kept"
    );
    assert_eq!(db.load_headlines(&[feed_id]).unwrap().len(), 1);
}

#[test]
fn updated_article_keeps_read_and_bookmark_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let a = item("a", "A", NOW - 50);
    let id = ingest(
        &mut db,
        feed_id,
        vec![a.clone(), item("b", "B", NOW)],
        KEEP_ALL,
        NOW,
    )
    .upserted[0]
        .id;
    db.apply(&[Change::Read(id, true), Change::Bookmark(id, true)])
        .unwrap();

    let edited = ParsedItem {
        title: "A (corrected)".into(),
        content: Some("<p>full text</p>".into()),
        enclosures: vec![Enclosure {
            url: "https://example.test/a.mp3".into(),
            ..Default::default()
        }],
        ..a
    };
    let report = ingest(
        &mut db,
        feed_id,
        vec![edited, item("b", "B", NOW)],
        KEEP_ALL,
        NOW + 60,
    );
    assert_eq!(report.new, 0);
    assert_eq!(
        report.upserted.len(),
        1,
        "only the changed article: {:?}",
        report.upserted
    );
    let h = &report.upserted[0];
    assert_eq!(h.id, id);
    assert_eq!(h.title, "A (corrected)");
    assert_eq!(h.date, NOW - 50);
    assert!(h.flags.read() && h.flags.bookmarked() && h.flags.enclosure());

    let (stored, body) = db.article(id).unwrap().unwrap();
    assert_eq!(&stored, h);
    assert_eq!(body.content.as_deref(), Some("<p>full text</p>"));
    assert_eq!(body.enclosures.len(), 1);

    // Every field that makes an article "changed" is noticed.
    let base = item("c", "C", NOW);
    ingest(&mut db, feed_id, vec![base.clone()], KEEP_ALL, NOW);
    let variants = [
        ParsedItem {
            author: Some("Ann".into()),
            ..base.clone()
        },
        ParsedItem {
            updated: Some(NOW + 5),
            ..base.clone()
        },
        ParsedItem {
            summary: Some("<p>other</p>".into()),
            ..base.clone()
        },
        ParsedItem {
            categories: vec!["rust".into()],
            ..base.clone()
        },
        ParsedItem {
            published: Some(NOW + 1),
            ..base.clone()
        },
    ];
    for (i, v) in variants.into_iter().enumerate() {
        let report = ingest(&mut db, feed_id, vec![v], KEEP_ALL, NOW + 100 + i as i64);
        assert_eq!(report.upserted.len(), 1, "variant {i} not seen as changed");
        assert_eq!(report.new, 0);
    }
}

#[test]
fn unchanged_reingest_reports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let items = vec![item("a", "A", NOW), item("b", "B", NOW - 1)];
    assert_eq!(
        ingest(&mut db, feed_id, items.clone(), KEEP_ALL, NOW).new,
        2
    );
    let report = ingest(&mut db, feed_id, items, KEEP_ALL, NOW + 3600);
    assert_eq!(report, tidings::db::IngestReport::default());
    let heads = db.load_headlines(&[feed_id]).unwrap();
    assert!(heads.iter().all(|h| !h.flags.read()));
}

#[test]
fn prune_by_max_articles_spares_bookmarked_and_in_feed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let limits = Limits {
        max_articles: 2,
        max_age_days: 0,
    };
    // Six articles, oldest first by date: o1 .. o6.
    let old: Vec<ParsedItem> = (1..=6)
        .map(|i| item(&format!("o{i}"), &format!("o{i}"), NOW - 1000 + i))
        .collect();
    let report = ingest(&mut db, feed_id, old.clone(), limits, NOW);
    assert!(report.pruned.is_empty(), "all are in the feed: none pruned");
    let o1 = by_title(&report.upserted, "o1").id;
    db.apply(&[Change::Bookmark(o1, true)]).unwrap();

    // The next document holds only o2 and one new article. Kept: the bookmarked o1,
    // the in-feed o2 and n1, and the newest two by date (n1, o6).
    let report = ingest(
        &mut db,
        feed_id,
        vec![old[1].clone(), item("n1", "n1", NOW)],
        limits,
        NOW + 10,
    );
    assert_eq!(report.new, 1);
    let heads = db.load_headlines(&[feed_id]).unwrap();
    assert_eq!(titles(&heads), ["n1", "o1", "o2", "o6"]);
    assert_eq!(report.pruned.len(), 3);
    for id in &report.pruned {
        assert!(
            db.article(*id).unwrap().is_none(),
            "pruned {id} still there"
        );
        assert!(
            db.body(*id).unwrap().is_none(),
            "body of pruned {id} still there"
        );
    }
    // A pruned article that comes back is new again (that is why in-feed ones are kept).
    let report = ingest(&mut db, feed_id, vec![old[2].clone()], limits, NOW + 20);
    assert_eq!(report.new, 1);
}

#[test]
fn prune_by_max_age_spares_bookmarked_and_in_feed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let limits = Limits {
        max_articles: 1000,
        max_age_days: 7,
    };
    let items = vec![
        item("fresh", "fresh", NOW - 2 * DAY),
        item("old", "old", NOW - 30 * DAY),
        item("old-kept", "old-kept", NOW - 40 * DAY),
        item("old-in-feed", "old-in-feed", NOW - 50 * DAY),
        // No date at all: its age is counted from when we first saw it (now).
        ParsedItem {
            published: None,
            ..item("undated", "undated", 0)
        },
    ];
    let report = ingest(&mut db, feed_id, items.clone(), limits, NOW);
    assert!(report.pruned.is_empty());
    let kept = by_title(&report.upserted, "old-kept").id;
    db.apply(&[Change::Bookmark(kept, true)]).unwrap();

    let report = ingest(&mut db, feed_id, vec![items[3].clone()], limits, NOW + 60);
    assert_eq!(report.pruned.len(), 1);
    let heads = db.load_headlines(&[feed_id]).unwrap();
    assert_eq!(
        titles(&heads),
        ["fresh", "old-in-feed", "old-kept", "undated"]
    );

    // With max_age_days = 0 age never prunes.
    let (mut db2, feed2) = one_feed(&dir.path().join("other.db"));
    ingest(&mut db2, feed2, items.clone(), KEEP_ALL, NOW);
    let report = ingest(&mut db2, feed2, vec![], KEEP_ALL, NOW + 365 * DAY);
    assert!(report.pruned.is_empty());
}

#[test]
fn bookmarks_of_a_feed_removed_from_config_stay_loadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut db = Db::open(&path).unwrap();
    let feeds = db
        .sync_feeds(
            &[feed("https://gone.test/"), feed("https://stays.test/")],
            1800,
        )
        .unwrap();
    let (gone, stays) = (feeds[0].id, feeds[1].id);
    let r = ingest(
        &mut db,
        gone,
        vec![
            item("g1", "gone-kept", NOW),
            item("g2", "gone-dropped", NOW),
        ],
        KEEP_ALL,
        NOW,
    );
    db.apply(&[Change::Bookmark(
        by_title(&r.upserted, "gone-kept").id,
        true,
    )])
    .unwrap();
    let r = ingest(
        &mut db,
        stays,
        vec![item("s1", "stays-1", NOW), item("s2", "stays-2", NOW)],
        KEEP_ALL,
        NOW,
    );
    let s2 = by_title(&r.upserted, "stays-2").id;
    db.apply(&[Change::Bookmark(s2, true)]).unwrap();
    drop(db);

    let mut db = Db::open(&path).unwrap();
    let feeds = db.sync_feeds(&[feed("https://stays.test/")], 1800).unwrap();
    assert_eq!(feeds.len(), 1);
    let heads = db.load_headlines(&[stays]).unwrap();
    assert_eq!(
        titles(&heads),
        ["gone-kept", "stays-1", "stays-2"],
        "bookmarks of others, once each"
    );
    let kept = by_title(&heads, "gone-kept");
    assert_eq!(kept.feed_id, gone);
    assert!(kept.flags.bookmarked());

    // Only bookmarks when no feed is asked for.
    assert_eq!(
        titles(&db.load_headlines(&[]).unwrap()),
        ["gone-kept", "stays-2"]
    );
    // Re-adding the feed finds its old row again.
    let feeds = db.sync_feeds(&[feed("https://gone.test/")], 1800).unwrap();
    assert_eq!(feeds[0].id, gone);
}

#[test]
fn bodies_decode_and_bad_json_gives_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let enclosure = Enclosure {
        url: "https://example.test/e.mp3".into(),
        mime: Some("audio/mpeg".into()),
        length: Some(1234),
        duration_secs: Some(61),
    };
    let a = ParsedItem {
        content: Some("<p>body</p>".into()),
        enclosures: vec![enclosure.clone()],
        categories: vec!["a".into(), "b".into()],
        author: Some("Ann".into()),
        ..item("a", "A", NOW)
    };
    let id = ingest(&mut db, feed_id, vec![a], KEEP_ALL, NOW).upserted[0].id;
    let (h, body) = db.article(id).unwrap().unwrap();
    assert_eq!(h.author.as_deref(), Some("Ann"));
    assert!(h.flags.enclosure());
    assert_eq!(body.summary.as_deref(), Some("<p>A</p>"));
    assert_eq!(body.content.as_deref(), Some("<p>body</p>"));
    assert_eq!(body.enclosures, [enclosure]);
    assert_eq!(body.categories, ["a", "b"]);
    assert_eq!(db.body(id).unwrap(), Some(body));
    assert_eq!(db.body(id + 1000).unwrap(), None);
    assert_eq!(db.article(id + 1000).unwrap(), None);

    let raw = Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE article_bodies SET enclosures = '[{\"url\": 3', categories = 'nope'",
        [],
    )
    .unwrap();
    let body = db.body(id).unwrap().unwrap();
    assert!(body.enclosures.is_empty() && body.categories.is_empty());
    assert_eq!(body.content.as_deref(), Some("<p>body</p>"));
}

#[test]
fn ingest_into_an_unknown_feed_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let err = db
        .ingest(
            feed_id + 99,
            &doc(vec![item("a", "A", NOW)]),
            &Validators::default(),
            None,
            KEEP_ALL,
            NOW,
        )
        .unwrap_err();
    assert!(err.to_string().contains("not in the database"), "{err}");
    assert!(
        db.load_headlines(&[feed_id, feed_id + 99])
            .unwrap()
            .is_empty(),
        "nothing half-stored"
    );
    assert!(
        db.set_status(feed_id + 99, &FeedStatus::Ok { at: NOW })
            .is_err()
    );
    // Changes to articles that are gone (pruned meanwhile) are not an error.
    db.apply(&[Change::Read(12345, true)]).unwrap();
}

#[test]
fn open_creates_directories_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/tidings.db");
    drop(Db::open(&path).unwrap());
    let raw = Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, tidings::db::SCHEMA_VERSION);
    let page_size: i64 = raw.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    assert_eq!(
        page_size, 16_384,
        "large pages: bodies of a few KB fill 4 KB pages badly"
    );
}

#[test]
fn bad_files_give_clear_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();

    let garbage = dir.path().join("garbage.db");
    let bytes: Vec<u8> = (0..16_384u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, &bytes).unwrap();
    let err = Db::open(&garbage)
        .err()
        .expect("garbage opened as a database");
    let msg = err.to_string();
    assert!(
        msg.contains("garbage.db") && msg.contains("not a tidings database"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(&garbage).unwrap(),
        bytes,
        "the file is left alone"
    );

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "just some notes\n".repeat(100)).unwrap();
    assert!(Db::open(&text).is_err());

    // A valid SQLite header with a damaged page: the schema cannot be read.
    let damaged = dir.path().join("damaged.db");
    drop(Db::open(&damaged).unwrap());
    let mut bytes = std::fs::read(&damaged).unwrap();
    assert!(bytes.len() > 200);
    for b in &mut bytes[100..] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let _ = std::fs::remove_file(damaged.with_extension("db-wal"));
    let err = Db::open(&damaged).err().expect("damaged file opened");
    assert!(err.to_string().contains("damaged.db"), "{err}");

    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x TEXT)")
        .unwrap();
    let err = Db::open(&foreign)
        .err()
        .expect("another program's database was taken over");
    assert!(err.to_string().contains("another program"), "{err}");

    let newer = dir.path().join("newer.db");
    drop(Db::open(&newer).unwrap());
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let err = Db::open(&newer).err().expect("a newer schema was opened");
    assert!(err.to_string().contains("newer version"), "{err}");

    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let err = Db::open(&blocked.join("tidings.db"))
        .err()
        .expect("a file as directory");
    assert!(
        err.to_string().contains("cannot create the directory"),
        "{err}"
    );
}

#[test]
fn opening_and_reading_do_not_wait_for_another_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    ingest(&mut db, feed_id, vec![item("a", "A", NOW)], KEEP_ALL, NOW);
    drop(db);

    // Another tidings (a cron refresh) is in the middle of a write.
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE articles SET title = 'uncommitted';")
        .unwrap();
    let started = std::time::Instant::now();
    let db = Db::open(&path).unwrap();
    assert_eq!(titles(&db.load_headlines(&[feed_id]).unwrap()), ["A"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    other.execute_batch("COMMIT").unwrap();
    assert_eq!(
        titles(&db.load_headlines(&[feed_id]).unwrap()),
        ["uncommitted"]
    );
}

/// Categories reach the reader twice: with each ingest (for what changed) and from the
/// file at start (for everything), and a reopened file gives back what was stored.
#[test]
fn categories_come_with_ingest_and_load_back_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let report = ingest(
        &mut db,
        feed_id,
        vec![
            ParsedItem {
                categories: vec!["Politik".into(), "Inland".into()],
                ..item("a", "A", NOW)
            },
            item("b", "B", NOW - 1),
        ],
        KEEP_ALL,
        NOW,
    );
    let a = report.upserted.iter().find(|h| h.title == "A").unwrap().id;
    assert_eq!(
        report.categories,
        vec![(a, vec!["Politik".to_string(), "Inland".to_string()])]
    );
    drop(db);
    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.load_categories(&[feed_id]).unwrap(),
        vec![(a, vec!["Politik".to_string(), "Inland".to_string()])].into()
    );
    assert!(
        db.load_categories(&[]).unwrap().is_empty(),
        "other feeds only"
    );
}

/// `D` in the reader: the article is hidden from every load, a refresh that still lists it
/// (even changed) does not bring it back, undo shows it again, and `purge` drops it once
/// the feed no longer lists it — keeping bookmarks and what the feed still lists.
#[test]
fn deleted_articles_stay_hidden_across_refreshes_and_purge_drops_them_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let old = NOW - 40 * DAY;
    let items = vec![
        item("a", "Alpha", old),
        item("b", "Beta", old),
        item("c", "Gamma", old),
        item("d", "Delta", old),
    ];
    let report = ingest(&mut db, feed_id, items.clone(), KEEP_ALL, NOW);
    let id = |t: &str| report.upserted.iter().find(|h| h.title == t).unwrap().id;
    let (a, b, c) = (id("Alpha"), id("Beta"), id("Gamma"));
    db.apply(&[Change::Deleted(a, true), Change::Read(b, true)])
        .unwrap();
    db.apply(&[Change::Read(c, true), Change::Bookmark(c, true)])
        .unwrap();
    drop(db);

    let mut db = Db::open(&path).unwrap();
    let loaded = db.load_headlines(&[feed_id]).unwrap();
    assert_eq!(titles(&loaded), ["Beta", "Delta", "Gamma"]);
    assert!(
        db.snapshot().unwrap().headlines.iter().all(|h| h.id != a),
        "other processes do not see it either"
    );
    // The feed still lists Alpha, with a new title: still hidden, not reported.
    let mut changed = items.clone();
    changed[0].title = "Alpha (updated)".into();
    let report = ingest(&mut db, feed_id, changed, KEEP_ALL, NOW + 60);
    assert!(report.upserted.iter().all(|h| h.id != a), "{report:?}");
    assert_eq!(report.new, 0);
    assert_eq!(db.load_headlines(&[feed_id]).unwrap().len(), 3);

    // Still listed: purge keeps the hidden row (without its text) and the read one.
    let p = db.purge(NOW - 30 * DAY).unwrap();
    assert_eq!((p.deleted, p.read, p.hidden_kept), (0, 0, 1));
    assert!(
        db.body(a).unwrap().is_none(),
        "the text of a deleted article is dropped"
    );
    assert_eq!(
        ingest(&mut db, feed_id, items.clone(), KEEP_ALL, NOW + 120).new,
        0
    );

    // Undo, then delete again; the feed drops everything: purge takes deleted and read
    // articles, not the bookmarked (c) or unread (d) ones.
    db.apply(&[Change::Deleted(a, false)]).unwrap();
    assert_eq!(db.load_headlines(&[feed_id]).unwrap().len(), 4);
    db.apply(&[Change::Deleted(a, true)]).unwrap();
    ingest(
        &mut db,
        feed_id,
        vec![item("e", "Epsilon", NOW)],
        KEEP_ALL,
        NOW + 180,
    );
    assert_eq!(
        db.purge(NOW - 50 * DAY).unwrap(),
        Default::default(),
        "too young"
    );
    let p = db.purge(NOW - 30 * DAY).unwrap();
    assert_eq!((p.deleted, p.read), (1, 1));
    let left = db.load_headlines(&[feed_id]).unwrap();
    assert_eq!(titles(&left), ["Delta", "Epsilon", "Gamma"]);
    let rows: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 3, "the rows are gone from the file");
}

/// The reader's body connection sees the writer's commits and cannot write itself.
#[test]
fn the_body_reader_reads_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let mut reader = Db::open_reader(&path).unwrap();
    ingest(
        &mut db,
        feed_id,
        vec![item("a", "Alpha", NOW)],
        KEEP_ALL,
        NOW,
    );
    let id = db.load_headlines(&[feed_id]).unwrap()[0].id;
    let body = reader
        .body(id)
        .unwrap()
        .expect("the body, committed by the writer");
    assert_eq!(body.summary.as_deref(), Some("<p>Alpha</p>"));
    assert!(reader.apply(&[Change::Read(id, true)]).is_err());
    assert!(!db.load_headlines(&[feed_id]).unwrap()[0].flags.read());
}
