//! Schema and migrations, keyed by `PRAGMA user_version`.
//!
//! Bodies live in their own table so that listing headlines scans narrow rows only:
//! with 2 KB of HTML inline, every headline would cost a page read.

use super::{DbError, Result};
use rusqlite::{Connection, TransactionBehavior};

/// The schema version this build writes. Each entry of [`MIGRATIONS`] moves one version up.
pub const CURRENT_VERSION: i64 = 5;

const MIGRATIONS: [&str; 5] = [V1, V2, V3, V4, V5];

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

/// Full-text search (see `search.rs`). The index holds its own folded copy of the text
/// because the short-term fallback reads it with `instr()`. `search_pending` lists the
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
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
