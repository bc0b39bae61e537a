//! Schema and migrations, keyed by `PRAGMA user_version`.
//!
//! Bodies live in their own table so that listing headlines scans narrow rows only:
//! with 2 KB of HTML inline, every headline would cost a page read.

use super::{DbError, Result};
use rusqlite::{Connection, TransactionBehavior};

/// The schema version this build writes. Each entry of [`MIGRATIONS`] moves one version up.
pub const CURRENT_VERSION: i64 = 16;

const MIGRATIONS: [&str; 16] = [
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16,
];

const V1: &str = "
CREATE TABLE feeds(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    fetch_url TEXT,
    doc_title TEXT,
    site_link TEXT,
    etag TEXT,
    last_modified TEXT,
    last_ok_at INTEGER,
    last_error TEXT,
    last_error_at INTEGER
);

CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    link TEXT,
    author TEXT,
    published INTEGER,
    updated INTEGER,
    first_seen INTEGER NOT NULL,
    date INTEGER GENERATED ALWAYS AS (coalesce(published, updated, first_seen)) VIRTUAL,
    has_enclosure INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    in_feed INTEGER NOT NULL DEFAULT 1,
    key TEXT NOT NULL,
    guid TEXT,
    fingerprint INTEGER NOT NULL,
    UNIQUE(feed_id, key)
);

CREATE INDEX articles_by_feed_date ON articles(feed_id, date);
CREATE INDEX articles_bookmarked ON articles(feed_id) WHERE bookmarked = 1;

CREATE TABLE article_bodies(
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    summary TEXT,
    content TEXT,
    enclosures TEXT,
    categories TEXT
);
";

/// Full-text search (see `search.rs`). Up to version 5 the index held its own folded copy
/// of the text (see V6). `search_pending` lists the
/// articles whose index rows are missing or stale; every stored article starts there.
/// `config_title` is the title config.toml gives a feed, `indexed_name` the name its
/// articles were indexed with.
const V2: &str = "
ALTER TABLE feeds ADD COLUMN config_title TEXT;
ALTER TABLE feeds ADD COLUMN indexed_name TEXT;

CREATE VIRTUAL TABLE article_search USING fts5(
    title, author, feed, categories, body, variants,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M* So''',
    prefix = '2 3'
);
CREATE TABLE search_pending(article_id INTEGER PRIMARY KEY);
INSERT INTO search_pending(article_id) SELECT id FROM articles;

CREATE TRIGGER article_search_forget AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
    DELETE FROM search_pending WHERE article_id = old.id;
END;
";

/// Poll scheduling (see `feed::backoff`): failures in a row and the earliest time a
/// scheduled refresh may poll the feed again (backoff, Retry-After, cache lifetime).
const V3: &str = "
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN not_before INTEGER;
";

/// The reader keeps every article's feed categories in memory for `category:`; reading
/// them from `article_bodies` at start meant reading every body page (30 ms for 20,000
/// articles), so the narrow table gets its own copy (JSON, as in `article_bodies`).
/// The search text is folded differently from version 4 on (the reader's full case
/// folding, `ß` as `ss`), so every article is indexed again.
const V4: &str = "
ALTER TABLE articles ADD COLUMN categories TEXT;
UPDATE articles SET categories =
    (SELECT b.categories FROM article_bodies b WHERE b.article_id = articles.id)
    WHERE id IN (SELECT article_id FROM article_bodies WHERE categories IS NOT NULL);
INSERT OR IGNORE INTO search_pending(article_id) SELECT id FROM articles;
";

/// Articles the user deleted (`D`): hidden everywhere, kept as a row while the feed lists
/// them so the next refresh does not bring them back; `tidings purge` drops them after.
const V5: &str = "
ALTER TABLE articles ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
";

/// The index keeps no copy of the text (`content=''`): that copy was larger than the
/// bodies themselves (86 MB against 48 MB for 20,000 articles, `tidings-bench dbsize`).
/// `contentless_delete` lets a changed or deleted article's row go as before. The folded
/// text of version 5 is indexed again as it is, so no article waits in `search_pending`.
const V6: &str = "
DROP TRIGGER article_search_forget;
ALTER TABLE article_search RENAME TO article_search_v5;
CREATE VIRTUAL TABLE article_search USING fts5(
    title, author, feed, categories, body, variants,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M* So''',
    prefix = '2 3',
    content = '', contentless_delete = 1
);
INSERT INTO article_search(rowid, title, author, feed, categories, body, variants)
    SELECT rowid, title, author, feed, categories, body, variants FROM article_search_v5;
DROP TABLE article_search_v5;
CREATE TRIGGER article_search_forget AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
    DELETE FROM search_pending WHERE article_id = old.id;
END;
";

/// The feed list's counts without reading the table (`Db::stored_counts`): the reader
/// draws its first frame from them while the rows load. About 12 bytes an article.
const V7: &str = "
CREATE INDEX articles_flags ON articles(feed_id, read, bookmarked) WHERE deleted = 0;
";

/// Bodies are stored compressed (`db/bodies.rs`): the SQL has nothing to do, the rows are
/// rewritten in Rust by [`super::bodies::pack_stored`] in the same transaction.
const V8: &str = "";

/// The podcast download queue (`db/downloads.rs`). `path` is relative to the download
/// folder, so moving that folder (and its setting) keeps the queue. The row outlives its
/// article (a purge sets `article_id` to NULL): the file on disk is still the user's.
/// `etag`/`last_modified` are the validator of the bytes in `path.part`, for `If-Range`.
const V9: &str = "
CREATE TABLE downloads(
    id INTEGER PRIMARY KEY,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    url TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'downloading', 'paused', 'done', 'failed')),
    reason TEXT,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    bytes_total INTEGER,
    etag TEXT,
    last_modified TEXT,
    queued_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE(article_id, url)
);
CREATE INDEX downloads_by_state ON downloads(state);
";

/// Version 10: where each episode was left (`player::progress`), keyed by article and
/// enclosure URL like the download queue. Positions are seconds.
const V10: &str = "
CREATE TABLE playback(
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    position REAL NOT NULL DEFAULT 0,
    duration REAL,
    played INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY(article_id, url)
);
";

/// Version 11: whether an article's title was made by tidings (`derived_title`) because
/// its feed gave none. Stored titles that are blank get one in the same migration
/// ([`super::articles::title_blank_rows`]).
const V11: &str = "
ALTER TABLE articles ADD COLUMN title_derived INTEGER NOT NULL DEFAULT 0;
";

/// Version 12: the index without its prefix indexes (`prefix = '2 3'` gone): half its
/// size (`tidings-bench dbsize 20000`: 55.6 MB to 26 MB), so the data directory holds
/// less than the feeds' XML. A word being typed is still found as a prefix, by FTS5
/// merging the lists of the words it begins: tens of milliseconds at 250,000 articles,
/// on the search thread, instead of a few. A contentless index cannot be rewritten from
/// itself, so every article is queued to be indexed again; until the writer has caught
/// up, `tidings search` reads the waiting articles' text (`search_pending`). The old
/// index's pages are free for the idle writer's VACUUM.
const V12: &str = "
DROP TRIGGER article_search_forget;
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5(
    title, author, feed, categories, body, variants,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M* So''',
    content = '', contentless_delete = 1
);
CREATE TRIGGER article_search_forget AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
    DELETE FROM search_pending WHERE article_id = old.id;
END;
INSERT OR IGNORE INTO search_pending(article_id) SELECT id FROM articles;
";

/// Version 13: the article read from its page (`fulltext`, issue 13), beside the feed's
/// own text, which it never replaces. `html` is packed like a body (`db/bodies.rs`);
/// a failed fetch or extraction keeps its one-line `error` and no `html`. The search
/// index counts the page's text with the body (`search::Folded::new`).
const V13: &str = "
CREATE TABLE article_fulltext(
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,
    html,
    title TEXT,
    byline TEXT,
    published INTEGER,
    lead TEXT,
    error TEXT
);
";

/// Version 14: sync (issue 14). `sync_articles` ties an article to its id on the sync
/// server. Every change of a tied article's read or bookmarked flag, by whatever process
/// and statement, queues a `sync_actions` row in the same transaction (the triggers), so a
/// mark cannot be lost between being made and being sent. Writing the server's own state
/// (`sync_quiet` holds a row meanwhile, inside that transaction) queues nothing.
const V14: &str = "
CREATE TABLE sync_articles(
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL UNIQUE
);
CREATE TABLE sync_actions(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    remote_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    value INTEGER NOT NULL,
    made_at INTEGER NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_actions_pair ON sync_actions(remote_id, mark);
CREATE TABLE sync_quiet(x INTEGER);
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
WHEN old.read IS NOT new.read AND NOT EXISTS (SELECT 1 FROM sync_quiet)
BEGIN
    INSERT INTO sync_actions(remote_id, mark, value, made_at)
    SELECT remote_id, 'read', new.read, CAST(strftime('%s', 'now') AS INTEGER)
    FROM sync_articles WHERE article_id = new.id;
END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF bookmarked ON articles
WHEN old.bookmarked IS NOT new.bookmarked AND NOT EXISTS (SELECT 1 FROM sync_quiet)
BEGIN
    INSERT INTO sync_actions(remote_id, mark, value, made_at)
    SELECT remote_id, 'starred', new.bookmarked, CAST(strftime('%s', 'now') AS INTEGER)
    FROM sync_articles WHERE article_id = new.id;
END;
";

/// Version 15: the sync server's subscriptions as last read (`sync_feeds`, in the server's
/// order): with `[sync]` on they are the reader's feeds, not config.toml's. `sync_state`
/// keeps what a sync continues from (the highest article id seen).
const V15: &str = "
CREATE TABLE sync_feeds(
    url TEXT PRIMARY KEY,
    remote_id TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT,
    position INTEGER NOT NULL
);
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Version 16: "mark all read" as the server's catch-up call. `sync_articles.stamp` is the
/// server's own time stamp of an article (Google Reader's `timestampUsec`, what its
/// `mark-all-as-read` compares with); `sync_catchups` holds a feed marked read up to the
/// newest stamp the user saw, queued in the same transaction as the marks it stands for
/// (`up_to_action`: the last of them), until a sync sends it.
const V16: &str = "
ALTER TABLE sync_articles ADD COLUMN stamp INTEGER;
CREATE TABLE sync_catchups(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_id INTEGER NOT NULL,
    remote_feed TEXT NOT NULL,
    until INTEGER NOT NULL,
    up_to_action INTEGER NOT NULL
);
";

/// Brings the schema to [`CURRENT_VERSION`]. Changes run under an immediate transaction
/// that checks the version again, so two processes opening a new file at once do not
/// both create it.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // The common case needs no write lock, so opening never waits for another writer.
    if user_version(conn)? == CURRENT_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = user_version(&tx)?;
    if version > CURRENT_VERSION {
        return Err(DbError::NewerSchema {
            found: version,
            known: CURRENT_VERSION,
        });
    }
    if version == 0 {
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(DbError::ForeignDatabase);
        }
    }
    if (1..12).contains(&version) {
        // Repacking every body takes seconds at a large archive (10 s at 250,000 articles):
        // say why the reader has not drawn yet, and why searches are slow for a while
        // after it. Counted from the narrow table.
        let articles: i64 = tx.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        if articles >= 20_000 && version < 8 {
            eprintln!(
                "tidings: {}",
                crate::t!("db-upgrade-compressing", count = articles)
            );
        }
        if articles >= 20_000 {
            eprintln!(
                "tidings: {}",
                crate::t!("db-upgrade-reindexing", count = articles)
            );
        }
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        if from + 1 == 8 {
            super::bodies::pack_stored(&tx)?;
        }
        if from + 1 == 11 {
            super::articles::title_blank_rows(&tx)?;
        }
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    /// A version-5 file (the index with its own copy of the text) with articles in
    /// several scripts, indexed as version 5 did.
    fn v5_file(path: &std::path::Path) {
        let mut conn = Connection::open(path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..5] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 5).unwrap();
        tx.execute_batch(
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old Chronicle');
             INSERT INTO articles(id, feed_id, title, author, first_seen, key, fingerprint, read)
                 VALUES (7, 1, 'Bridge reopens', 'Bo', 1, 'k7', 0, 1),
                        (8, 1, 'Market day x', NULL, 2, 'k8', 0, 0),
                        (9, 1, '经济政策 talks', NULL, 3, 'k9', 0, 0),
                        (10, 1, 'التقى والوزير', 'Ана', 4, 'k10', 0, 0);
             INSERT INTO article_bodies(article_id, summary, content, categories)
                 VALUES (7, NULL, '<p>The <em>Brücke</em> is open, 7 lanes.</p>', '[\"Verkehr\"]'),
                        (8, 'Stalls &amp; crowds', NULL, NULL),
                        (9, NULL, '<p>Переговоры министров о бюджете</p>', NULL),
                        (10, NULL, '<p>بالوفد x</p>', '[\"World\"]');
             INSERT OR IGNORE INTO search_pending(article_id) SELECT id FROM articles;",
        )
        .unwrap();
        super::super::search::index_some(&tx, usize::MAX).unwrap();
        tx.commit().unwrap();
    }

    const QUERIES: [&str; 12] = [
        "bridge",
        "brucke",
        "verkehr",
        "stalls & crowds",
        "chronicle",
        "经济",
        "министр",
        "وزير",
        "x",
        "market x",
        "7",
        "b",
    ];

    fn answers(db: &Db) -> Vec<Vec<(i64, f64)>> {
        let mut all: Vec<Vec<(i64, f64)>> =
            QUERIES.iter().map(|q| db.search(q, 100).unwrap()).collect();
        let body: Vec<Vec<(i64, f64)>> = QUERIES
            .iter()
            .map(|q| {
                let terms = vec![crate::db::search::fold_text(q)];
                let mut ids: Vec<i64> = db
                    .body_matches(&terms, Some(&[7, 8, 9, 10]))
                    .unwrap()
                    .into_iter()
                    .collect();
                ids.sort_unstable();
                ids.into_iter().map(|id| (id, 0.0)).collect()
            })
            .collect();
        all.extend(body);
        all
    }

    #[test]
    fn version_5_files_move_to_the_contentless_index_with_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v5_file(&path);
        let before = answers(&super::fixtures::old_reader(
            Connection::open(&path).unwrap(),
        ));
        assert_eq!(before[0].len(), 1, "the v5 file answers: {before:?}");
        let mut db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        // Schema 12's index (no word positions) is built again from the articles.
        assert_eq!(db.unindexed().unwrap(), 4);
        let sql: String = db
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'article_search'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!sql.contains("prefix"), "{sql}");
        db.index_pending(usize::MAX).unwrap();
        let copies: i64 = db
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'article_search%content'
                    OR name = 'article_search_v5'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(copies, 0, "no copy of the text is left");
        assert_eq!(answers(&db), before);
        // Deleting an article still takes it out of the index.
        db.conn
            .execute("DELETE FROM articles WHERE id = 7", [])
            .unwrap();
        assert!(db.search("bridge", 10).unwrap().is_empty());
    }

    /// The first frame's counts come from the narrow index, never from a pass over the
    /// table (which is what made the first frame grow with the archive).
    #[test]
    fn stored_counts_read_only_the_flags_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v5_file(&path);
        let db = Db::open(&path).unwrap();
        let plan: Vec<String> = db
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                super::super::articles::STORED_COUNTS
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            plan,
            vec!["SCAN articles USING COVERING INDEX articles_flags".to_string()]
        );
        let counts = db.stored_counts().unwrap();
        let total: usize = counts.iter().map(|c| c.2).sum();
        let rows: i64 = db
            .conn
            .query_row("SELECT count(*) FROM articles WHERE deleted = 0", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(total as i64, rows);
    }

    /// The migration is one transaction: a failure (or a killed process) part-way leaves
    /// the version-5 file as it was.
    #[test]
    fn a_failed_migration_leaves_the_file_at_version_5() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v5_file(&path);
        {
            let conn = Connection::open(&path).unwrap();
            // The copy into the new table fails half-way through the migration.
            conn.execute_batch("CREATE TABLE article_search_v5(x); ")
                .unwrap();
        }
        assert!(Db::open(&path).is_err());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 5);
        conn.execute_batch("DROP TABLE article_search_v5").unwrap();
        drop(conn);
        let before = answers(&super::fixtures::old_reader(
            Connection::open(&path).unwrap(),
        ));
        let mut db = Db::open(&path).unwrap();
        db.index_pending(usize::MAX).unwrap();
        assert_eq!(answers(&db), before);
    }
}

#[cfg(test)]
mod packed_bodies {
    use super::*;
    use crate::db::Db;

    /// The raw value of every body column, by article: its SQLite type and its bytes
    /// (read as a blob, since text that is not UTF-8 is no `String`).
    type Raw = Vec<(i64, Vec<(String, Option<Vec<u8>>)>)>;

    fn raw_bodies(conn: &Connection) -> Raw {
        let mut stmt = conn
            .prepare(
                "SELECT article_id,
                        typeof(summary), CAST(summary AS BLOB), typeof(content), CAST(content AS BLOB),
                        typeof(enclosures), CAST(enclosures AS BLOB),
                        typeof(categories), CAST(categories AS BLOB)
                 FROM article_bodies ORDER BY article_id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let mut columns = Vec::new();
            for i in 0..4 {
                columns.push((r.get(1 + 2 * i)?, r.get(2 + 2 * i)?));
            }
            Ok((r.get(0)?, columns))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// What a reader of version 8 gets: the bytes of each column, frames unpacked.
    fn read_back(raw: &Raw) -> Vec<Vec<Option<Vec<u8>>>> {
        raw.iter()
            .map(|(_, columns)| {
                columns
                    .iter()
                    .map(|(kind, bytes)| match (kind.as_str(), bytes) {
                        ("blob", Some(frame)) => Some(
                            super::super::bodies::unpack_bytes(rusqlite::types::ValueRef::Blob(
                                frame,
                            ))
                            .unwrap()
                            .unwrap()
                            .into_owned(),
                        ),
                        (_, bytes) => bytes.clone(),
                    })
                    .collect()
            })
            .collect()
    }

    /// A version-7 file with bodies of every kind a feed or an older build stored: none,
    /// empty, short, long, 3 MB, and bytes that are not UTF-8.
    fn v7_file(path: &std::path::Path) {
        let mut conn = Connection::open(path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..7] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 7).unwrap();
        tx.execute_batch(
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old')",
        )
        .unwrap();
        let long = "<p>The <em>Brücke</em> is open: 7 lanes, 经济 talks.</p>\n".repeat(40);
        let huge = format!(
            "<div>{}</div>",
            "<p>Переговоры министров о бюджете.</p>".repeat(60_000)
        );
        let bodies: Vec<(Option<&str>, Option<&str>)> = vec![
            (None, None),
            (Some(""), Some("")),
            (Some("Stalls &amp; crowds"), None),
            (Some("<p>The <em>Brücke</em> is open"), Some(&long)),
            (None, Some(&huge)),
        ];
        for (i, (summary, content)) in bodies.iter().enumerate() {
            let id = i as i64 + 1;
            tx.execute(
                "INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, categories)
                 VALUES (?1, 1, 'Bridge reopens', 1, ?1, 0, '[\"Verkehr\"]')",
                [id],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO article_bodies(article_id, summary, content, enclosures, categories)
                 VALUES (?1, ?2, ?3, '[{\"url\": \"https://old.test/a.mp3\"}]', '[\"Verkehr\"]')",
                rusqlite::params![id, summary, content],
            )
            .unwrap();
        }
        // Bytes that are not UTF-8, short and long, as text: only another program could
        // have stored them, and they must survive as they are.
        let bad: Vec<u8> = b"caf\xe9 \xff\xfe<p>\xc3(</p>".repeat(20);
        tx.execute(
            "INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint)
             VALUES (6, 1, 'Odd bytes', 1, 6, 0), (7, 1, 'Odd and short', 1, 7, 0)",
            [],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO article_bodies(article_id, summary, content)
             VALUES (6, CAST(?1 AS TEXT), CAST(?2 AS TEXT)), (7, CAST(?3 AS TEXT), NULL)",
            rusqlite::params![&bad[..9], bad, b"\xff\xfe".to_vec()],
        )
        .unwrap();
        tx.execute_batch(
            "INSERT OR IGNORE INTO search_pending(article_id) SELECT id FROM articles",
        )
        .unwrap();
        super::super::search::index_some(&tx, usize::MAX).unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn version_7_bodies_are_packed_and_read_back_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v7_file(&path);
        let raw = raw_bodies(&Connection::open(&path).unwrap());
        assert!(raw.iter().all(|(_, c)| c.iter().all(|(k, _)| k != "blob")));
        let before = read_back(&raw);
        let searched = super::fixtures::old_reader(Connection::open(&path).unwrap())
            .search("brucke", 10)
            .unwrap();

        let mut db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        db.index_pending(usize::MAX).unwrap();
        let raw = raw_bodies(&db.conn);
        assert_eq!(read_back(&raw), before, "every body byte for byte");
        assert_eq!(raw.len(), 7);
        for ((id, columns), unpacked) in raw.iter().zip(&before) {
            for ((kind, bytes), text) in columns[..2].iter().zip(unpacked) {
                let stored = bytes.as_ref().map_or(0, Vec::len);
                let text = text.as_ref().map_or(0, Vec::len);
                match kind.as_str() {
                    "blob" => assert!(stored < text, "article {id}"),
                    "text" => assert!(text < 64, "article {id}: {text} bytes left unpacked"),
                    "null" => {}
                    other => panic!("article {id}: {other}"),
                }
            }
        }
        assert_eq!(raw[4].1[1].0, "blob", "the 3 MB body is packed");
        // Through the reader's own path.
        let body = db.body(4).unwrap().unwrap();
        assert_eq!(
            body.summary.as_deref(),
            Some("<p>The <em>Brücke</em> is open")
        );
        assert!(
            body.content
                .as_deref()
                .is_some_and(|c| c.starts_with("<p>The <em>Brücke"))
        );
        assert_eq!(body.categories, ["Verkehr"]);
        assert_eq!(body.enclosures.len(), 1);
        assert_eq!(db.body(2).unwrap().unwrap().content.as_deref(), Some(""));
        assert_eq!(db.body(1).unwrap().unwrap().content, None);
        let odd = db.body(6).unwrap().unwrap();
        assert!(
            odd.content
                .as_deref()
                .is_some_and(|c| c.starts_with("caf\u{FFFD} "))
        );
        assert_eq!(db.search("brucke", 10).unwrap(), searched);
        // The new table is the old one's shape: deleting an article still takes its body.
        db.conn
            .execute("DELETE FROM articles WHERE id = 5", [])
            .unwrap();
        assert_eq!(db.body(5).unwrap(), None);
        let free: i64 = db
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .unwrap();
        assert!(
            free > 0,
            "the old table's pages are free, for the writer's VACUUM"
        );
    }

    /// The packing is part of the migration's transaction: a failure part-way (or a
    /// killed process) leaves the version-7 file as it was, readable by version 7.
    #[test]
    fn a_failed_packing_leaves_the_file_at_version_7() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v7_file(&path);
        let before = raw_bodies(&Connection::open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE article_bodies_v8(x)")
                .unwrap();
        }
        assert!(Db::open(&path).is_err());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 7);
        assert_eq!(raw_bodies(&conn), before);
        conn.execute_batch("DROP TABLE article_bodies_v8").unwrap();
        drop(conn);
        let db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        assert_eq!(raw_bodies(&db.conn).len(), before.len());
    }

    /// A version-8 file (bodies packed) with a feed and two articles.
    fn v8_file(path: &std::path::Path) {
        super::fixtures::file_at(
            path,
            8,
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old');
             INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, read, bookmarked)
                 VALUES (1, 1, 'Episode one', 1, 'k1', 0, 1, 0),
                        (2, 1, 'Episode two', 2, 'k2', 0, 0, 1);
             INSERT INTO article_bodies(article_id, enclosures)
                 VALUES (1, '[{\"url\": \"https://old.test/1.mp3\"}]');",
        );
    }

    use super::fixtures::articles;

    /// Version 9 adds the download queue in place: the articles are as they were, the
    /// queue works at once and outlives a purged article.
    #[test]
    fn version_8_files_gain_the_download_queue_in_place() {
        use crate::db::DownloadState;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v8_file(&path);
        let before = articles(&Connection::open(&path).unwrap());
        let mut db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        assert_eq!(articles(&db.conn), before);
        let id = db
            .queue_download(Some(1), "https://old.test/1.mp3", "Old/1.mp3", 10)
            .unwrap();
        db.set_download_progress(
            id,
            5,
            Some(9),
            &crate::model::Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
            11,
        )
        .unwrap();
        drop(db);
        let mut db = Db::open(&path).unwrap();
        let row = db
            .download_of(1, "https://old.test/1.mp3")
            .unwrap()
            .unwrap();
        assert_eq!(
            (row.state, row.bytes_done, row.bytes_total),
            (DownloadState::Queued, 5, Some(9))
        );
        assert_eq!(row.validators.etag.as_deref(), Some("\"v1\""));
        db.conn
            .execute("DELETE FROM articles WHERE id = 1", [])
            .unwrap();
        let rows = db.downloads().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].article_id, None);
        assert_eq!(rows[0].path, "Old/1.mp3");
        db.set_download_state(id, DownloadState::Failed, Some("HTTP 404"), 12)
            .unwrap();
        let row = db.download(id).unwrap().unwrap();
        assert_eq!(row.reason.as_deref(), Some("HTTP 404"));
        assert_eq!(row.finished_at, Some(12));
    }

    /// The whole migration is one transaction: a version 9 that cannot be applied leaves
    /// the version-8 file untouched.
    #[test]
    fn a_failed_version_9_leaves_the_file_at_version_8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v8_file(&path);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE downloads(x)").unwrap();
        }
        assert!(Db::open(&path).is_err());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 8);
        assert_eq!(articles(&conn).len(), 2);
    }
}

/// Old files for the migration tests of later versions.
#[cfg(test)]
mod fixtures {
    use super::*;

    /// A file made by the first `version` migrations, with `rows` inserted.
    pub(super) fn file_at(path: &std::path::Path, version: usize, rows: &str) {
        let mut conn = Connection::open(path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..version] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", version as i64)
            .unwrap();
        tx.execute_batch(rows).unwrap();
        tx.commit().unwrap();
    }

    /// A reader of a file left at an old version, to compare its answers with the
    /// migrated file's: this code also reads the pages' table (version 13), so the
    /// connection gets an empty stand-in of its own (a TEMP table, gone with it).
    pub(super) fn old_reader(conn: Connection) -> crate::db::Db {
        conn.execute_batch(
            "CREATE TEMP TABLE article_fulltext(article_id INTEGER PRIMARY KEY, html)",
        )
        .unwrap();
        crate::db::Db {
            conn,
            loaded_version: Default::default(),
        }
    }

    /// Every article's id, title and flags, by id.
    pub(super) fn articles(conn: &Connection) -> Vec<(i64, String, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT id, title, read, bookmarked FROM articles ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }
}

#[cfg(test)]
mod v10_tests {
    use super::*;
    use crate::db::Db;

    fn v9_file(path: &std::path::Path) {
        super::fixtures::file_at(
            path,
            9,
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old');
             INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, read, bookmarked)
                 VALUES (1, 1, 'Episode one', 1, 'k1', 0, 0, 0),
                        (2, 1, 'Episode two', 2, 'k2', 0, 0, 1);
             INSERT INTO downloads(article_id, url, path, state, bytes_done, queued_at, updated_at)
                 VALUES (1, 'https://old.test/1.mp3', 'Old/1.mp3', 'done', 9, 1, 2);",
        );
    }

    use super::fixtures::articles as rows;

    /// Version 10 adds the playback positions in place: articles and downloads are as they
    /// were, positions are kept across reopening, and an episode played to the end marks
    /// its article read.
    #[test]
    fn version_9_files_gain_playback_positions_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v9_file(&path);
        let before = rows(&Connection::open(&path).unwrap());
        let mut db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        assert_eq!(rows(&db.conn), before);
        assert_eq!(db.downloads().unwrap().len(), 1);
        let url = "https://old.test/1.mp3";
        assert_eq!(db.playback(1, url).unwrap(), None);
        db.save_playback(1, url, 61.5, Some(1200.0), 10).unwrap();
        db.save_playback(1, url, 70.0, None, 11).unwrap();
        // An article that is gone has no position to keep.
        db.save_playback(99, url, 5.0, None, 11).unwrap();
        drop(db);
        let mut db = Db::open(&path).unwrap();
        let p = db.playback(1, url).unwrap().unwrap();
        assert_eq!(
            (p.position, p.duration, p.played, p.updated_at),
            (70.0, Some(1200.0), false, 11)
        );
        assert_eq!(db.playback(99, url).unwrap(), None);
        db.mark_played(1, url, None, 12).unwrap();
        let p = db.playback(1, url).unwrap().unwrap();
        assert!(p.played);
        assert_eq!(p.duration, Some(1200.0));
        assert_eq!(rows(&db.conn)[0].2, 1, "played marks the article read");
        db.save_playback(1, url, 3.0, None, 13).unwrap();
        assert!(db.playback(1, url).unwrap().unwrap().played);
        db.conn
            .execute("DELETE FROM articles WHERE id = 1", [])
            .unwrap();
        assert_eq!(db.playback(1, url).unwrap(), None);
    }

    /// One transaction: a version 10 that cannot be applied leaves the version-9 file as it was.
    #[test]
    fn a_failed_version_10_leaves_the_file_at_version_9() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v9_file(&path);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE playback(x)").unwrap();
        }
        assert!(Db::open(&path).is_err());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 9);
        assert_eq!(rows(&conn).len(), 2);
    }
}

#[cfg(test)]
mod migration_props {
    use super::*;
    use crate::db::Db;
    use proptest::prelude::*;

    const VOCAB: &[&str] = &[
        "rail",
        "railway",
        "Élan",
        "elan",
        "страна",
        "Министр",
        "经济",
        "政策",
        "والوزير",
        "وزير",
        "x",
        "7",
        "e",
        "a",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(VOCAB), 0..6).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        /// Whatever a version-5 file's index answered, the migrated file answers the
        /// same, in the same order (the plain computation is `tests/search/search_model.rs`).
        /// Titles are not blank: version 11 gives a blank one words, which are then found
        /// (`v11_tests`).
        #[test]
        fn migrated_files_answer_as_before(
            articles in prop::collection::vec(
                (text().prop_filter("a title", |t| !t.trim().is_empty()), text(), text()),
                1..10,
            ),
            queries in prop::collection::vec(text(), 1..6),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("tidings.db");
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            for sql in &MIGRATIONS[..5] {
                tx.execute_batch(sql).unwrap();
            }
            tx.execute_batch("INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://a.test/', 'Gazette')")
                .unwrap();
            for (i, (title, body, category)) in articles.iter().enumerate() {
                let id = i as i64 + 1;
                tx.execute(
                    "INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint)
                     VALUES (?1, 1, ?2, 0, ?1, 0)",
                    rusqlite::params![id, title],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO article_bodies(article_id, content, categories) VALUES (?1, ?2, ?3)",
                    rusqlite::params![id, format!("<p>{body}</p>"), serde_json::json!([category]).to_string()],
                )
                .unwrap();
                tx.execute("INSERT INTO search_pending(article_id) VALUES (?1)", [id]).unwrap();
            }
            tx.pragma_update(None, "user_version", 5).unwrap();
            crate::db::search::index_some(&tx, usize::MAX).unwrap();
            tx.commit().unwrap();
            let all: Vec<i64> = (1..=articles.len() as i64).collect();
            let ask = |db: &Db| -> Vec<(Vec<i64>, Vec<i64>)> {
                queries
                    .iter()
                    .map(|q| {
                        let found = db.search(q, 100).unwrap().into_iter().map(|(id, _)| id).collect();
                        let terms: Vec<String> = q.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
                        let mut body: Vec<i64> = db.body_matches(&terms, Some(&all)).unwrap().into_iter().collect();
                        body.sort_unstable();
                        (found, body)
                    })
                    .collect()
            };
            let before = ask(&super::fixtures::old_reader(conn));
            let mut db = Db::open(&path).unwrap();
            db.index_pending(usize::MAX).unwrap();
            prop_assert_eq!(ask(&db), before);
        }
    }
}

#[cfg(test)]
mod v11_tests {
    use super::*;
    use crate::db::Db;

    /// Version 11 gives stored articles with a blank title one made as ingest makes it
    /// (from the link, else the text, else the date and feed), marked as made and queued
    /// for the index; titled articles are untouched.
    #[test]
    fn version_10_files_give_blank_titles_one_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        super::fixtures::file_at(
            &path,
            10,
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old Chronicle');
             INSERT INTO articles(id, feed_id, title, link, published, first_seen, key, fingerprint, read)
                 VALUES (1, 1, 'Own title', 'https://old.test/own.html', NULL, 1, 'k1', 0, 1),
                        (2, 1, '', 'https://old.test/2015/a-gentle-introduction-to-testing.html', NULL, 2, 'k2', 0, 1),
                        (3, 1, '  ', NULL, NULL, 3, 'k3', 0, 0),
                        (4, 1, '', NULL, 1764684300, 4, 'k4', 0, 0);
             INSERT INTO article_bodies(article_id, summary, content)
                 VALUES (3, NULL, '<p>Stalls &amp; crowds at the market</p>');",
        );
        let db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        let mut titles: Vec<(i64, String, bool, bool)> = db
            .load_headlines(&[1])
            .unwrap()
            .into_iter()
            .map(|h| (h.id, h.title, h.flags.derived_title(), h.flags.read()))
            .collect();
        titles.sort();
        let want = [
            (1, "Own title", false, true),
            (2, "A gentle introduction to testing", true, true),
            (3, "Stalls & crowds at the market", true, false),
            (4, "Old Chronicle, 2 Dec 2025 14:05", true, false),
        ]
        .map(|(id, t, derived, read)| (id, t.to_string(), derived, read));
        assert_eq!(titles, want);
        let pending: Vec<i64> = db
            .conn
            .prepare("SELECT article_id FROM search_pending ORDER BY article_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Every article: schema 12 builds the index again.
        assert_eq!(pending, [1, 2, 3, 4]);
    }
}

#[cfg(test)]
mod v13_tests {
    use super::*;
    use crate::db::Db;
    use crate::fulltext::Extracted;

    fn v12_file(path: &std::path::Path) {
        super::fixtures::file_at(
            path,
            12,
            "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'https://old.test/feed.xml', 'Old');
             INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, read, bookmarked)
                 VALUES (1, 1, 'Port strike', 1, 'k1', 0, 1, 0),
                        (2, 1, 'Bridge opens', 2, 'k2', 0, 0, 1);
             INSERT INTO article_bodies(article_id, summary, content)
                 VALUES (1, 'Dock workers walk out.', NULL);",
        );
    }

    fn page(text: &str) -> Extracted {
        Extracted {
            title: Some("Port strike halts traffic".into()),
            byline: Some("Pieter".into()),
            published: Some(1_780_000_000),
            lead: Some("The lead.".into()),
            html: format!("<p>{}</p>", text.repeat(40)),
        }
    }

    /// Version 13 adds the pages' table in place; a stored page is read back whole, is
    /// found by search, leaves the feed's text alone, is not replaced by a later failure,
    /// and goes with its article.
    #[test]
    fn version_12_files_gain_full_text_beside_the_feeds_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v12_file(&path);
        let before = super::fixtures::articles(&Connection::open(&path).unwrap());
        let mut db = Db::open(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), CURRENT_VERSION);
        assert_eq!(super::fixtures::articles(&db.conn), before);
        assert_eq!(db.full_text(1).unwrap(), None);
        db.index_pending(usize::MAX).unwrap();
        assert!(db.search("mediator", 10).unwrap().is_empty());

        let ex = page("Talks resume under a mediator on Friday. ");
        db.save_full_text(1, 100, Ok(&ex)).unwrap();
        let stored = db.full_text(1).unwrap().unwrap();
        assert_eq!(stored.fetched_at, 100);
        assert_eq!(stored.result, Ok(ex.clone()));
        let packed: String = db
            .conn
            .query_row(
                "SELECT typeof(html) FROM article_fulltext WHERE article_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(packed, "blob", "a repetitive page is stored compressed");
        let body = db.body(1).unwrap().unwrap();
        assert_eq!(body.summary.as_deref(), Some("Dock workers walk out."));
        assert_eq!(body.content, None, "the feed's text is not replaced");

        db.index_pending(usize::MAX).unwrap();
        let found: Vec<i64> = db
            .search("mediator", 10)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(found, [1], "the page's text is indexed");
        assert_eq!(
            db.search("dock", 10).unwrap().len(),
            1,
            "the feed's text still is"
        );

        // A failure later keeps the page; on an article without one it is kept as the reason.
        db.save_full_text(1, 200, Err("HTTP 404 Not Found"))
            .unwrap();
        assert_eq!(db.full_text(1).unwrap().unwrap().result, Ok(ex));
        db.save_full_text(2, 200, Err("HTTP 404 Not Found"))
            .unwrap();
        let failed = db.full_text(2).unwrap().unwrap();
        assert_eq!(
            (failed.fetched_at, failed.result),
            (200, Err("HTTP 404 Not Found".into()))
        );
        // No article, no row.
        db.save_full_text(99, 200, Ok(&page("x "))).unwrap();
        assert_eq!(db.full_text(99).unwrap(), None);

        drop(db);
        let db = Db::open(&path).unwrap();
        assert!(
            db.full_text(1).unwrap().unwrap().result.is_ok(),
            "kept across opening"
        );
        db.conn
            .execute("DELETE FROM articles WHERE id = 1", [])
            .unwrap();
        assert_eq!(db.full_text(1).unwrap(), None);
        assert!(db.search("mediator", 10).unwrap().is_empty());
    }

    /// One transaction: a version 13 that cannot be applied leaves the version-12 file.
    #[test]
    fn a_failed_version_13_leaves_the_file_at_version_12() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        v12_file(&path);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE article_fulltext(x)")
                .unwrap();
        }
        assert!(Db::open(&path).is_err());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 12);
        assert_eq!(super::fixtures::articles(&conn).len(), 2);
    }
}
