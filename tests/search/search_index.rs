//! Full-text search on real SQLite files: the index follows ingest, updates, pruning and
//! deletes; version-1 databases are upgraded; ranking, scripts and hostile queries.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tidings::config::FeedConfig;
use tidings::db::{Db, Limits};
use tidings::model::{ParsedFeed, ParsedItem, Validators};

const NOW: i64 = 1_700_000_000;
const KEEP_ALL: Limits = Limits {
    max_articles: 1000,
    max_age_days: 0,
};

fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("tidings.db")
}

fn feed(url: &str, title: Option<&str>) -> FeedConfig {
    FeedConfig {
        url: url.into(),
        title: title.map(str::to_string),
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    }
}

fn item(guid: &str, title: &str, body: &str) -> ParsedItem {
    ParsedItem {
        guid: Some(guid.into()),
        link: Some(format!("https://example.test/{guid}")),
        title: title.into(),
        published: Some(NOW),
        content: Some(body.into()),
        ..Default::default()
    }
}

fn doc(items: Vec<ParsedItem>) -> ParsedFeed {
    ParsedFeed {
        title: Some("Coastal Gazette".into()),
        site_link: None,
        items,
        ..Default::default()
    }
}

fn one_feed(path: &Path) -> (Db, i64) {
    let mut db = Db::open(path).unwrap();
    let feeds = db
        .sync_feeds(&[feed("https://example.test/feed.xml", None)], 1800)
        .unwrap();
    (db, feeds[0].id)
}

/// Stores a document and brings the index up to date, as the writer does when idle.
fn ingest(db: &mut Db, feed_id: i64, items: Vec<ParsedItem>, limits: Limits) -> Vec<i64> {
    let ids = db
        .ingest(
            feed_id,
            &doc(items),
            &Validators::default(),
            None,
            limits,
            NOW,
        )
        .unwrap()
        .upserted
        .iter()
        .map(|h| h.id)
        .collect();
    index(db);
    ids
}

fn index(db: &mut Db) {
    db.index_pending(usize::MAX).unwrap();
    assert_eq!(db.unindexed().unwrap(), 0);
}

fn ids(db: &Db, query: &str) -> Vec<i64> {
    db.search(query, 50)
        .unwrap_or_else(|e| panic!("search {query:?} failed: {e}"))
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[test]
fn new_articles_are_found_by_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let mut storm = item(
        "1",
        "Storm closes the harbour",
        "<p>The surge peaked at <b>4.2&nbsp;m</b> &amp; flooded the quay.</p>",
    );
    storm.author = Some("Ann Writer".into());
    storm.categories = vec!["Weather".into(), "Coast".into()];
    let added = ingest(
        &mut db,
        feed_id,
        vec![storm, item("2", "Rail tunnel", "Budget")],
        KEEP_ALL,
    );
    let (storm_id, rail_id) = (added[0], added[1]);

    assert_eq!(ids(&db, "harbour"), [storm_id], "title");
    assert_eq!(ids(&db, "ann writer"), [storm_id], "author");
    assert_eq!(ids(&db, "weather"), [storm_id], "category");
    assert_eq!(ids(&db, "quay"), [storm_id], "body text");
    assert_eq!(ids(&db, "\"4.2 m\""), [storm_id], "entities decoded");
    assert!(
        ids(&db, "<b>4.2").is_empty() && ids(&db, "nbsp").is_empty(),
        "markup is not text"
    );
    assert_eq!(
        sorted(ids(&db, "gazette")),
        sorted(vec![storm_id, rail_id]),
        "feed name"
    );
    assert_eq!(
        ids(&db, "gazette tunnel"),
        [rail_id],
        "words match across fields"
    );
    assert!(ids(&db, "storm tunnel").is_empty(), "all words must match");
}

#[test]
fn a_changed_title_is_found_by_the_new_word_not_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let id = ingest(
        &mut db,
        feed_id,
        vec![item("1", "Ferry strike", "x")],
        KEEP_ALL,
    )[0];
    assert_eq!(ids(&db, "strike"), [id]);
    // Storing only queues the change for the index.
    let report = db
        .ingest(
            feed_id,
            &doc(vec![item("1", "Ferry timetable", "x")]),
            &Validators::default(),
            None,
            KEEP_ALL,
            NOW,
        )
        .unwrap();
    assert_eq!(report.upserted[0].id, id, "same article, updated");
    assert_eq!(db.unindexed().unwrap(), 1);
    assert_eq!(ids(&db, "strike"), [id], "the old text until indexed");
    index(&mut db);
    assert_eq!(ids(&db, "timetable"), [id]);
    assert!(ids(&db, "strike").is_empty());
    // Reopening reads the same file: the index is on disk, not in the connection.
    drop(db);
    let db = Db::open(&db_path(&dir)).unwrap();
    assert_eq!(ids(&db, "timetable"), [id]);
}

#[test]
fn pruned_and_deleted_articles_leave_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let first = ingest(
        &mut db,
        feed_id,
        vec![
            item("1", "Lighthouse alpha", "a"),
            item("2", "Lighthouse beta", "b"),
        ],
        KEEP_ALL,
    );
    assert_eq!(ids(&db, "lighthouse").len(), 2);
    // The next document no longer has them and only one article may be kept.
    let keep_one = Limits {
        max_articles: 1,
        max_age_days: 0,
    };
    let report = db
        .ingest(
            feed_id,
            &doc(vec![item("3", "Lighthouse gamma", "c")]),
            &Validators::default(),
            None,
            keep_one,
            NOW + 60,
        )
        .unwrap();
    index(&mut db);
    assert_eq!(sorted(report.pruned.clone()), sorted(first.clone()));
    let gamma = report.upserted[0].id;
    assert_eq!(ids(&db, "lighthouse"), [gamma]);
    assert!(ids(&db, "alpha").is_empty());

    // Any delete, by this build or another program, goes through the trigger.
    let conn = Connection::open(&path).unwrap();
    conn.execute("DELETE FROM articles WHERE id = ?1", [gamma])
        .unwrap();
    assert!(ids(&db, "lighthouse").is_empty());
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM article_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "no orphan rows in the index");
}

#[test]
fn renaming_a_feed_in_config_renames_it_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let id = ingest(
        &mut db,
        feed_id,
        vec![item("1", "Quiet day", "x")],
        KEEP_ALL,
    )[0];
    assert_eq!(ids(&db, "gazette"), [id], "named by its document");
    db.sync_feeds(
        &[feed(
            "https://example.test/feed.xml",
            Some("Morning Courier"),
        )],
        1800,
    )
    .unwrap();
    assert!(
        ids(&db, "gazette").len() == 1,
        "still the old name until indexed"
    );
    index(&mut db);
    assert_eq!(ids(&db, "courier"), [id]);
    assert!(ids(&db, "gazette").is_empty());
}

#[test]
fn a_title_match_ranks_above_a_body_only_match() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let added = ingest(
        &mut db,
        feed_id,
        vec![
            item(
                "body",
                "Council meeting",
                "<p>The glacier retreated again this year.</p>",
            ),
            item(
                "title",
                "Glacier retreats",
                "<p>Measurements from the council.</p>",
            ),
            item("none", "Other news", "<p>Nothing here.</p>"),
        ],
        KEEP_ALL,
    );
    let hits = db.search("glacier", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.0).collect::<Vec<_>>(),
        [added[1], added[0]]
    );
    assert!(hits[0].1 > hits[1].1, "scores say best first: {hits:?}");
    assert_eq!(db.search("glacier", 1).unwrap().len(), 1, "limit");
}

#[test]
fn scripts_and_diacritics() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let added = ingest(
        &mut db,
        feed_id,
        vec![
            item(
                "ru",
                "Переговоры министров",
                "<p>Министр экономики прибыл в Москву.</p>",
            ),
            item(
                "fr",
                "L'élection présidentielle",
                "<p>Le scrutin à Zürich.</p>",
            ),
            item("zh", "经济政策会谈", "<p>部长们讨论了经济增长。</p>"),
            item("ar", "محادثات السلام", "<p>التقى والوزير بالوفد.</p>"),
        ],
        KEEP_ALL,
    );
    let (ru, fr, zh, ar) = (added[0], added[1], added[2], added[3]);
    assert_eq!(ids(&db, "ПЕРЕГОВОРЫ"), [ru], "Cyrillic, any case");
    assert_eq!(ids(&db, "министр"), [ru], "inside a longer word");
    assert_eq!(ids(&db, "москву"), [ru]);
    assert_eq!(
        ids(&db, "москву перегов"),
        [ru],
        "the last word is a prefix"
    );
    assert!(
        ids(&db, "перегов москву").is_empty(),
        "earlier words are whole words"
    );
    assert_eq!(ids(&db, "election"), [fr], "without the accent");
    assert_eq!(ids(&db, "ÉLECTION"), [fr], "with it, upper case");
    assert_eq!(ids(&db, "zurich"), [fr]);
    assert_eq!(ids(&db, "政策会谈"), [zh], "CJK substring");
    assert_eq!(ids(&db, "经济增长"), [zh], "CJK in the body");
    assert_eq!(ids(&db, "经济"), [zh], "two-character CJK word");
    assert_eq!(ids(&db, "部长"), [zh], "two characters in the body");
    assert_eq!(
        ids(&db, "الوزير"),
        [ar],
        "Arabic inside a word with a prefix"
    );
    assert_eq!(ids(&db, "السلام"), [ar]);
    assert!(
        ids(&db, "経済").is_empty(),
        "a different character is not a match"
    );

    let body = |terms: &[&str]| -> Vec<i64> {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        sorted(db.body_matches(&terms, None).unwrap().into_iter().collect())
    };
    assert_eq!(body(&["министр", "москву"]), [ru]);
    assert_eq!(
        body(&["переговоры"]),
        Vec::<i64>::new(),
        "title only, not body"
    );
    assert_eq!(body(&["scrutin"]), [fr]);
    assert_eq!(body(&["经济"]), [zh]);
    assert_eq!(body(&["وزير"]), [ar]);
    let within = db
        .body_matches(&["scrutin".into()], Some(&[ru, zh]))
        .unwrap();
    assert!(within.is_empty(), "restricted to `within`");
    // One character is only checked against the given articles.
    let one = db.body_matches(&["à".into()], Some(&[fr, ru])).unwrap();
    assert_eq!(one.into_iter().collect::<Vec<_>>(), [fr]);
}

#[test]
fn short_terms_narrow_longer_ones_and_search_headlines_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let added = ingest(
        &mut db,
        feed_id,
        vec![
            item("1", "Version 2 released", "<p>notes</p>"),
            item("2", "Version 3 released", "<p>notes</p>"),
            item("3", "Plan Q", "<p>x</p>"),
        ],
        KEEP_ALL,
    );
    assert_eq!(ids(&db, "released 2"), [added[0]]);
    assert_eq!(ids(&db, "q"), [added[2]], "one letter searches titles");
}

#[test]
fn hostile_queries_never_error() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    ingest(
        &mut db,
        feed_id,
        vec![item(
            "1",
            "Robert'); DROP TABLE articles;-- wins",
            "<p>AND OR NOT NEAR</p>",
        )],
        KEEP_ALL,
    );
    for q in [
        "",
        " ",
        "\"",
        "\"\"",
        "*",
        "**",
        "NEAR(",
        "NEAR(a b, 2)",
        "-",
        "--",
        "- -x",
        "'; DROP TABLE articles; --",
        "AND OR NOT",
        "AND",
        "(",
        ")",
        "{title}: x",
        "title:x",
        "^x",
        "a:b",
        "\"a\" \"",
        "\u{0}",
        "\\",
        "%",
        "_",
        "'",
        "x\"y",
        "\u{202e}",
        "🚆",
        "ا",
        "\u{301}",
    ] {
        if let Err(e) = db.search(q, 20) {
            panic!("search {q:?} failed: {e}");
        }
        let terms: Vec<String> = q.split_whitespace().map(str::to_string).collect();
        if let Err(e) = db.body_matches(&terms, None) {
            panic!("body_matches {q:?} failed: {e}");
        }
    }
    for q in ["", "\"", "*", "-", "(", "\"*\"", "'; --", "...", "« — »"] {
        assert!(
            db.search(q, 20).unwrap().is_empty(),
            "{q:?} asks for nothing"
        );
    }
    assert_eq!(ids(&db, "'; DROP TABLE").len(), 1, "searched as words");
    assert_eq!(ids(&db, "AND OR NOT").len(), 1, "operators are words");
    assert_eq!(ids(&db, "NEAR(").len(), 1);
    // And the table is still there.
    assert_eq!(ids(&db, "robert").len(), 1);
}

/// The version-1 schema exactly as the main branch creates it.
const V1_SCHEMA: &str = "
CREATE TABLE feeds(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, fetch_url TEXT,
    doc_title TEXT, site_link TEXT, etag TEXT, last_modified TEXT, last_ok_at INTEGER,
    last_error TEXT, last_error_at INTEGER);
CREATE TABLE articles(id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    title TEXT NOT NULL, link TEXT, author TEXT, published INTEGER, updated INTEGER,
    first_seen INTEGER NOT NULL,
    date INTEGER GENERATED ALWAYS AS (coalesce(published, updated, first_seen)) VIRTUAL,
    has_enclosure INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0, in_feed INTEGER NOT NULL DEFAULT 1,
    key TEXT NOT NULL, guid TEXT, fingerprint INTEGER NOT NULL, UNIQUE(feed_id, key));
CREATE INDEX articles_by_feed_date ON articles(feed_id, date);
CREATE INDEX articles_bookmarked ON articles(feed_id) WHERE bookmarked = 1;
CREATE TABLE article_bodies(article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    summary TEXT, content TEXT, enclosures TEXT, categories TEXT);
PRAGMA user_version = 1;
";

#[test]
fn a_version_1_database_is_upgraded_and_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1_SCHEMA).unwrap();
        conn.execute_batch(
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old Chronicle');
             INSERT INTO articles(id, feed_id, title, author, first_seen, key, fingerprint, read)
                 VALUES (7, 1, 'Bridge reopens', 'Bo', 1, 'k7', 0, 1),
                        (8, 1, 'Market day', NULL, 2, 'k8', 0, 0);
             INSERT INTO article_bodies(article_id, summary, content, categories)
                 VALUES (7, NULL, '<p>The <em>Brücke</em> is open.</p>', '[\"Verkehr\"]'),
                        (8, 'Stalls &amp; crowds', NULL, NULL);",
        )
        .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.unindexed().unwrap(), 2, "every stored article is queued");
    index(&mut db);
    assert_eq!(ids(&db, "bridge"), [7]);
    assert_eq!(ids(&db, "brucke"), [7], "body of an old article");
    assert_eq!(ids(&db, "verkehr"), [7], "categories");
    assert_eq!(
        ids(&db, "stalls & crowds"),
        [8],
        "summary when there is no content"
    );
    assert_eq!(sorted(ids(&db, "chronicle")), [7, 8], "feed name");
    drop(db);
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, tidings::db::SCHEMA_VERSION);
    let read: bool = conn
        .query_row("SELECT read FROM articles WHERE id = 7", [], |r| r.get(0))
        .unwrap();
    assert!(read, "user state kept");
    assert_eq!(
        Db::open(&path).unwrap().load_categories(&[1]).unwrap(),
        vec![(7, vec!["Verkehr".to_string()])].into(),
        "categories copied where the reader loads them from"
    );
    // Opening again does not queue them again.
    let db = Db::open(&path).unwrap();
    assert_eq!(db.unindexed().unwrap(), 0);
    assert_eq!(ids(&db, "bridge"), [7]);
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM article_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2);
}

#[test]
fn the_writer_indexes_once_the_queue_is_quiet() {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    use tidings::db::writer::{DbCmd, DbEvent, DbWriter};

    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (db, feed_id) = one_feed(&path);
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    let items = (0..450)
        .map(|i| item(&format!("g{i}"), &format!("Tidal report {i}"), "<p>x</p>"))
        .collect();
    writer.send(DbCmd::Ingest {
        feed_id,
        parsed: doc(items),
        validators: Validators::default(),
        moved_to: None,
        limits: KEEP_ALL,
        now: NOW,
    });
    assert!(matches!(
        rx.recv_timeout(Duration::from_secs(10)),
        Ok(DbEvent::Ingested { .. })
    ));
    // A second connection sees the index fill in, several chunks, without any command.
    let reader = Db::open(&path).unwrap();
    let started = Instant::now();
    while reader.unindexed().unwrap() > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "not indexed in time"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(reader.search("tidal", 1000).unwrap().len(), 450);
    writer.shutdown().expect("everything saved");
}

#[test]
fn words_in_thousands_of_articles_still_rank_title_matches_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    // More matches than are ranked by bm25; the title matches sit in the middle, so
    // newest-first alone would not put them on top.
    let items: Vec<ParsedItem> = (0..4_300)
        .map(|i| {
            if (2_000..2_003).contains(&i) {
                item(&format!("t{i}"), &format!("Tide tables {i}"), "<p>x</p>")
            } else {
                item(&format!("b{i}"), &format!("Note {i}"), "<p>high tide</p>")
            }
        })
        .collect();
    let added = ingest(&mut db, feed_id, items, KEEP_ALL);
    let top = db.search("tide", 3).unwrap();
    assert_eq!(
        sorted(top.iter().map(|h| h.0).collect()),
        sorted(added[2_000..2_003].to_vec()),
        "{top:?}"
    );
    assert_eq!(db.search("tide", 50).unwrap().len(), 50);
    // Asked for more than the ranking window holds (`tidings search --limit`), every
    // match comes back, also when a one-letter word narrows them.
    assert_eq!(db.search("tide", 10_000).unwrap().len(), 4_300);
    assert_eq!(db.search("high tide", 10_000).unwrap().len(), 4_297);
    assert_eq!(db.search("tide n", 10_000).unwrap().len(), 4_297);
}

/// The reader matches titles with `filter::fold` and asks the index for bodies: both must
/// call the same letters equal, or a word finds an article by its body and not by its title.
#[test]
fn index_and_reader_fold_letters_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let ids = ingest(
        &mut db,
        feed_id,
        vec![
            item("a", "x", "<p>Die Straße bleibt gesperrt</p>"),
            item("b", "y", "<p>STRASSE GESPERRT, Café</p>"),
            item("c", "z", "<p>e\u{301}lection à Zürich, İzmir</p>"),
        ],
        KEEP_ALL,
    );
    let body = |word: &str| {
        let mut found: Vec<i64> = db
            .body_matches(&[tidings::filter::fold(word)], None)
            .unwrap()
            .into_iter()
            .collect();
        found.sort();
        found
    };
    let mut both = vec![ids[0], ids[1]];
    both.sort();
    assert_eq!(body("straße"), both);
    assert_eq!(body("STRASSE"), both);
    assert_eq!(body("cafe"), vec![ids[1]]);
    assert_eq!(body("Élection"), vec![ids[2]]);
    assert_eq!(body("zurich"), vec![ids[2]]);
    assert_eq!(body("izmir"), vec![ids[2]]);
    for word in ["straße", "Café", "élection", "İzmir"] {
        let hay = "Straße Cafe election izmir";
        assert!(
            tidings::filter::contains_folded(hay, &tidings::filter::fold(word)),
            "the reader's fold of {word}"
        );
    }
}

/// Right after a refresh the writer has not indexed yet: the reader's body search answers
/// at once with what is indexed, then catches up and answers again with the new article.
#[test]
fn reader_search_catches_up_with_unindexed_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    let report = db
        .ingest(
            feed_id,
            &doc(vec![item("n", "Fresh", "<p>A lighthouse was rebuilt</p>")]),
            &Validators::default(),
            None,
            KEEP_ALL,
            NOW,
        )
        .unwrap();
    assert_eq!(db.unindexed().unwrap(), 1);
    let mut answers = Vec::new();
    tidings::effects::search::body_search(&path, &["lighthouse".to_string()], |a| {
        answers.push(a.unwrap()["lighthouse"].clone())
    });
    let id = report.upserted[0].id;
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(answers[0].is_empty());
    assert!(answers[1].contains(&id));
    assert_eq!(db.unindexed().unwrap(), 0);

    // Nothing pending: one answer only.
    answers.clear();
    tidings::effects::search::body_search(&path, &["lighthouse".to_string()], |a| {
        answers.push(a.unwrap()["lighthouse"].clone())
    });
    assert_eq!(answers.len(), 1);
}

/// `tidings search` while another process writes: with the index up to date it needs
/// no lock and answers in full; only articles still queued make it wait, then give up.
#[test]
fn catching_up_needs_no_lock_when_nothing_is_queued() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let (mut db, feed_id) = one_feed(&path);
    ingest(&mut db, feed_id, vec![item("1", "Harbour", "x")], KEEP_ALL);
    let writer = Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut search = Db::open(&path).unwrap();
    let wait = Duration::from_millis(50);
    assert!(matches!(
        search.catch_up_index(wait, None).unwrap(),
        tidings::db::CatchUp::Done { indexed: 0 }
    ));
    writer
        .execute_batch(
            "INSERT INTO search_pending(article_id) SELECT id FROM articles;
             COMMIT; BEGIN IMMEDIATE;",
        )
        .unwrap();
    assert_eq!(
        search.catch_up_index(wait, None).unwrap(),
        tidings::db::CatchUp::Locked { indexed: 0 }
    );
    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(ids(&search, "harbour").len(), 1);
}

#[test]
fn a_chunk_takes_the_newest_waiting_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed_id) = one_feed(&db_path(&dir));
    let items = (0..50)
        .map(|i| item(&format!("g{i}"), &format!("Harbour notice {i}"), "<p>x</p>"))
        .collect();
    db.ingest(
        feed_id,
        &doc(items),
        &Validators::default(),
        None,
        KEEP_ALL,
        NOW,
    )
    .unwrap();
    let mut all = ids(&Db::open(&db_path(&dir)).unwrap(), "harbour");
    assert!(all.is_empty(), "nothing is indexed before a catch-up");
    assert_eq!(db.index_pending(10).unwrap(), 10);
    let found = sorted(
        db.search("harbour", 100)
            .unwrap()
            .iter()
            .map(|r| r.0)
            .collect(),
    );
    index(&mut db);
    all = sorted(ids(&db, "harbour"));
    assert_eq!(all.len(), 50);
    assert_eq!(found, all[40..].to_vec(), "the newest ten come first");
}

mod interrupted {
    use super::*;
    use proptest::prelude::*;

    const WORDS: [&str; 6] = ["reef", "tide", "gale", "kelp", "buoy", "surf"];

    fn answers(db: &Db) -> Vec<Vec<i64>> {
        WORDS
            .iter()
            .chain(&["re", "tide gale", "\"kelp buoy\""])
            .map(|q| sorted(ids(db, q)))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Indexing stopped before any article and resumed later (the writer stops for
        /// every command that arrives) answers as indexing everything at once does, and
        /// takes from the queue exactly what it says it indexed.
        #[test]
        fn pieces_answer_as_one_pass(
            texts in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 1..6), 1..60),
            edits in prop::collection::vec((0..60usize, 0..WORDS.len()), 0..10),
            stops in prop::collection::vec(0..8usize, 1..40),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (mut pieces, feed_id) = one_feed(&db_path(&dir));
            let other = tempfile::tempdir().unwrap();
            let (mut whole, whole_feed) = one_feed(&db_path(&other));
            let items = |edit: Option<(usize, usize)>| -> Vec<ParsedItem> {
                texts.iter().enumerate().map(|(i, w)| {
                    let mut words: Vec<&str> = w.iter().map(|&k| WORDS[k]).collect();
                    if let Some((_, k)) = edit.filter(|e| e.0 == i) {
                        words.push(WORDS[k]);
                    }
                    item(&format!("g{i}"), &words[0].to_uppercase(), &words.join(" "))
                }).collect()
            };
            for (db, feed) in [(&mut pieces, feed_id), (&mut whole, whole_feed)] {
                db.ingest(feed, &doc(items(None)), &Validators::default(), None, KEEP_ALL, NOW)
                    .unwrap();
            }
            let mut stops = stops.into_iter().cycle();
            for edit in edits.iter().map(|&e| Some(e)).chain([None]) {
                // A piece indexes `stop` articles (at most 5) and may index none, as when a
                // command is already waiting; after an empty piece the next takes at least
                // one, so every run of stops ends.
                let mut last = 1;
                loop {
                    let before = pieces.unindexed().unwrap();
                    let stop = stops.next().unwrap_or(0);
                    let mut budget = if last == 0 { stop.max(1) } else { stop };
                    let n = pieces.index_pending_while(5, || {
                        if budget == 0 {
                            return false;
                        }
                        budget -= 1;
                        true
                    }).unwrap();
                    prop_assert_eq!(pieces.unindexed().unwrap(), before - n);
                    last = n;
                    if pieces.unindexed().unwrap() == 0 {
                        break;
                    }
                }
                if let Some(e) = edit {
                    for (db, feed) in [(&mut pieces, feed_id), (&mut whole, whole_feed)] {
                        db.ingest(feed, &doc(items(Some(e))), &Validators::default(), None, KEEP_ALL, NOW)
                            .unwrap();
                    }
                }
            }
            index(&mut whole);
            prop_assert_eq!(pieces.unindexed().unwrap(), 0);
            prop_assert_eq!(answers(&pieces), answers(&whole));
        }
    }
}
