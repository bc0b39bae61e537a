//! SQLite persistence: feeds, articles, read state, bookmarks, HTTP validators.
//! The UI never calls this directly except through the writer thread and read-only loads.
//!
//! Several connections may share one file (the TUI's writer, its readers, a cron
//! `tidings refresh`): WAL lets readers run beside the writer, write transactions are
//! `IMMEDIATE` so they queue on the busy timeout instead of failing mid-way.

mod articles;
mod bodies;
mod downloads;
mod feeds;
mod fulltext;
mod ingest;
mod playback;
mod schema;
pub mod search;
mod search_pending;
mod search_scan;
mod search_text;
pub mod subjournal;
pub mod sync_queue;
mod sync_store;
pub mod writer;

use crate::model::{
    ArticleBody, ArticleId, Feed, FeedConfig, FeedId, FeedStatus, Headline, ParsedFeed, Validators,
};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

pub use downloads::{Download, DownloadLabel, DownloadState, DownloadedEpisode, EpisodeInfo};
pub use fulltext::StoredFullText;
pub use playback::Playback;
pub use schema::CURRENT_VERSION as SCHEMA_VERSION;
pub use search_pending::FullAnswer;
// Plain data the store also reads; defined in model so the store does not import db.
pub use crate::model::{FeedState, IngestReport, Snapshot};

/// What went wrong with the database. Callers that react to the kind (a busy lock, a full
/// disk, a file that cannot be written) match on the variant, through [`DbError::cause`]
/// when the error may name its file.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{}", crate::t!("error-db-not-a-database", error = .0.to_string()))]
    NotADatabase(#[source] rusqlite::Error),
    #[error("{}", crate::t!("error-db-corrupt", error = .0.to_string()))]
    Corrupt(#[source] rusqlite::Error),
    /// Another connection held the lock past the busy timeout.
    #[error("{}", crate::t!("error-db-busy", error = .0.to_string()))]
    Busy(#[source] rusqlite::Error),
    #[error("{}", crate::t!("error-db-full", error = .0.to_string()))]
    Full(#[source] rusqlite::Error),
    /// A read-only file or directory, or one that cannot be opened for writing.
    #[error("{}", crate::t!("error-db-read-only", error = .0.to_string()))]
    ReadOnly(#[source] rusqlite::Error),
    #[error("{}", crate::t!("error-db-sqlite", error = .0.to_string()))]
    Sqlite(#[source] rusqlite::Error),
    #[error("{}", crate::t!(
        "error-db-newer-schema",
        found = .found.to_string(),
        known = .known.to_string()
    ))]
    NewerSchema { found: i64, known: i64 },
    #[error("{}", crate::t!("error-db-foreign"))]
    ForeignDatabase,
    #[error("{}", crate::t!("error-db-no-such-feed", feed = .0.to_string()))]
    NoSuchFeed(FeedId),
    #[error("{}", crate::t!(
        "error-db-create-dir",
        dir = .dir.display().to_string(),
        error = .source.to_string()
    ))]
    CreateDir {
        dir: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An error opening `path`, which the message names.
    #[error("{}: {source}", path.display())]
    InFile {
        path: std::path::PathBuf,
        #[source]
        source: Box<DbError>,
    },
}

impl DbError {
    /// The error itself, without the file it happened in.
    pub fn cause(&self) -> &DbError {
        match self {
            DbError::InFile { source, .. } => source.cause(),
            other => other,
        }
    }

    /// Whether another connection held the lock past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(self.cause(), DbError::Busy(_))
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => DbError::NotADatabase(e),
            Some(ErrorCode::DatabaseCorrupt) => DbError::Corrupt(e),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => DbError::Busy(e),
            Some(ErrorCode::DiskFull) => DbError::Full(e),
            Some(ErrorCode::ReadOnly)
            | Some(ErrorCode::CannotOpen)
            | Some(ErrorCode::PermissionDenied) => DbError::ReadOnly(e),
            _ => DbError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, DbError>;

/// How much of a feed to keep. Bookmarked articles and articles still in the
/// feed's latest document are never pruned (pruning those would bring them back as unread).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_articles: usize,
    /// 0 keeps articles of any age.
    pub max_age_days: u32,
}

/// A change of user state, applied in batches by the writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Read(ArticleId, bool),
    Bookmark(ArticleId, bool),
    /// Deleted by the user: kept as a hidden row while the feed still lists it, so the next
    /// refresh does not bring it back.
    Deleted(ArticleId, bool),
    /// Every stored article of the feed is read now, by one "mark all read": with sync on,
    /// it goes to the server as one catch-up call up to the newest article the user saw
    /// (`db::sync_queue`), after the marks of the same batch. Nothing without sync.
    CaughtUp(FeedId),
}

/// What `tidings purge` dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub deleted: usize,
    pub read: usize,
    /// Deleted articles their feed still lists: kept as hidden rows, their text dropped.
    pub hidden_kept: usize,
}

/// How far [`Db::catch_up_index`] got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatchUp {
    /// Nothing is left to index.
    Done { indexed: usize },
    /// Another connection holds the write lock.
    Locked { indexed: usize },
    /// The deadline passed with articles still queued.
    OutOfTime { indexed: usize },
}

impl CatchUp {
    pub fn indexed(self) -> usize {
        match self {
            CatchUp::Done { indexed }
            | CatchUp::Locked { indexed }
            | CatchUp::OutOfTime { indexed } => indexed,
        }
    }
}

pub struct Db {
    conn: Connection,
    /// `data_version` as of the rows [`Db::each_headline`] last read.
    loaded_version: std::cell::Cell<Option<i64>>,
}

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const PAGE_SIZE: i64 = 16_384;
/// How long emptying the WAL waits for readers to move on.
const TRUNCATE_WAIT: Duration = Duration::from_millis(200);
/// Bytes of free pages below which `tidings purge` does not bother rewriting the file.
const VACUUM_AT_LEAST: i64 = 4 << 20;
/// Once a checkpoint has copied the whole WAL back, SQLite cuts the file to this many
/// bytes when it starts over; without a limit the WAL keeps the size of the largest
/// catch-up it ever held.
const WAL_SIZE_LIMIT: i64 = 8 << 20;

impl Db {
    /// Opens or creates the database (WAL, migrations).
    ///
    /// A file that is not a tidings database, is damaged or comes from a newer
    /// version gives an error naming the file; the file is left as it was.
    pub fn open(path: &Path) -> Result<Db> {
        let in_file = |e: DbError| DbError::InFile {
            path: path.to_path_buf(),
            source: Box::new(e),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| in_file(e.into()))?;
        let db = Db::configure(conn).map_err(in_file)?;
        // A WAL left large (a VACUUM or catch-up whose last checkpoint a reader held off, a
        // process killed before it closed the file) is read through by every process that
        // opens the file: 0.25 s of each start at 700 MB. Emptied here, as far as readers let.
        let wal = format!("{}-wal", path.display());
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_SIZE_LIMIT.unsigned_abs())
            && let Err(e) = db.checkpoint_truncate()
        {
            tracing::info!("a large WAL was not emptied at open: {e}");
        }
        Ok(db)
    }

    /// A connection that can only read, for the reader's article bodies: opened after
    /// [`Db::open`] has created and migrated the file, and SQLite refuses any write on it.
    pub fn open_reader(path: &Path) -> Result<Db> {
        let in_file = |e: rusqlite::Error| DbError::InFile {
            path: path.to_path_buf(),
            source: Box::new(e.into()),
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(in_file)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(in_file)?;
        stable_plans(&conn).map_err(in_file)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(Db {
            conn,
            loaded_version: Default::default(),
        })
    }

    fn configure(mut conn: Connection) -> Result<Db> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        stable_plans(&conn)?;
        // Takes effect only on a new file. Bodies of a few KB fill 4 KB pages badly, and
        // fewer, larger pages make writing a big refresh about twice as fast.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // Reading the header here is what turns a garbage file into NotADatabase.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(
                // i18n: a log line
                "SQLite refused WAL mode (journal_mode = {mode}); continuing without it"
            );
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(32);
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        schema::migrate(&mut conn)?;
        Ok(Db {
            conn,
            loaded_version: Default::default(),
        })
    }

    /// Makes sure every configured feed has a row; returns them in config order.
    /// Writes (and so waits for the write lock) only when a row is missing or a
    /// configured title changed.
    ///
    /// Rows of feeds no longer configured are kept, with their articles: their
    /// bookmarks stay loadable through [`Db::load_headlines`].
    pub fn sync_feeds(
        &mut self,
        feeds: &[FeedConfig],
        default_refresh_secs: u64,
    ) -> Result<Vec<Feed>> {
        if !feeds::up_to_date(&self.conn, feeds)? {
            let tx = self.conn.transaction()?;
            feeds::ensure_rows(&tx, feeds)?;
            tx.commit()?;
        }
        feeds::load(&self.conn, feeds, default_refresh_secs)
    }

    /// Headlines of the given feeds plus every bookmarked article, in no particular order.
    pub fn load_headlines(&self, feeds: &[FeedId]) -> Result<Vec<Headline>> {
        articles::load_headlines(&self.conn, feeds)
    }

    /// The same headlines as [`Db::load_headlines`], each lent to `take` straight from the
    /// row (no `String` per field): how the reader fills its store. Remembers the
    /// `data_version` these rows were read at ([`Db::loaded_version`]).
    pub fn each_headline(
        &self,
        feeds: &[FeedId],
        take: impl FnMut(crate::model::HeadlineParts<'_>),
    ) -> Result<()> {
        // One read transaction (deferred: reading must not wait for another process's
        // write lock): the version is the one of the snapshot the rows came from, so a
        // commit by another process after them changes it.
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let read =
            articles::each_headline(&self.conn, feeds, take).and_then(|()| self.data_version());
        let end = self
            .conn
            .execute_batch(if read.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let version = read?;
        end?;
        self.loaded_version.set(Some(version));
        Ok(())
    }

    /// Articles by feed, read and bookmarked flags, as stored (deleted ones left out):
    /// the feed list's counts before its rows are loaded (`Store::counted`).
    pub fn stored_counts(&self) -> Result<Vec<(FeedId, crate::model::Flags, usize)>> {
        articles::stored_counts(&self.conn)
    }

    /// The `data_version` of the rows the last [`Db::each_headline`] read, if any: the
    /// writer's first look for other processes' changes compares with it, instead of
    /// merging a snapshot of every row (75 MB in flight at 250,000 articles) to be safe.
    pub fn loaded_version(&self) -> Option<i64> {
        self.loaded_version.get()
    }

    /// The feed categories of every article of `feeds` (and bookmarked ones) that has any,
    /// as [`Db::load_headlines`] selects them.
    pub fn load_categories(&self, feeds: &[FeedId]) -> Result<crate::model::CategoryLists> {
        articles::load_categories(&self.conn, Some(feeds))
    }

    /// Every stored headline, category and feed state: what a reader merges when another
    /// process wrote.
    pub fn snapshot(&self) -> Result<Snapshot> {
        // One read transaction: the three reads see the same commit.
        let tx = self.conn.unchecked_transaction()?;
        let snapshot = Snapshot {
            headlines: articles::load_all_headlines(&tx)?,
            categories: articles::load_categories(&tx, None)?,
            feeds: feeds::load_states(&tx)?,
        };
        tx.commit()?;
        Ok(snapshot)
    }

    /// Stores a freshly parsed document of a feed in one transaction.
    pub fn ingest(
        &mut self,
        feed_id: FeedId,
        parsed: &ParsedFeed,
        validators: &Validators,
        moved_to: Option<&str>,
        limits: Limits,
        now: i64,
    ) -> Result<IngestReport> {
        let tx = self.conn.transaction()?;
        let report = ingest::ingest(&tx, feed_id, parsed, validators, moved_to, limits, now)?;
        tx.commit()?;
        Ok(report)
    }

    /// Records the outcome of a poll that stored nothing (an error, a 304).
    pub fn set_status(&mut self, feed_id: FeedId, status: &FeedStatus) -> Result<()> {
        feeds::set_status(&self.conn, feed_id, status)
    }

    pub fn set_schedule(
        &mut self,
        feed_id: FeedId,
        schedule: &crate::model::PollSchedule,
    ) -> Result<()> {
        feeds::set_schedule(&self.conn, feed_id, schedule)
    }

    /// Applies read and bookmark changes in one transaction. Ids of articles that no
    /// longer exist are skipped.
    pub fn apply(&mut self, changes: &[Change]) -> Result<()> {
        let tx = self.conn.transaction()?;
        articles::apply(&tx, changes)?;
        tx.commit()?;
        Ok(())
    }

    /// `tidings purge`: drops deleted and read articles dated before `cutoff` (unix
    /// seconds) that their feed no longer lists, bookmarked ones never. Deleted articles the
    /// feed still lists stay as hidden rows without their text: dropping the row would
    /// bring the article back, unread, at the next refresh.
    pub fn purge(&mut self, cutoff: i64) -> Result<Purged> {
        let tx = self.conn.transaction()?;
        let purged = articles::purge(&tx, cutoff)?;
        tx.commit()?;
        if let Err(e) = self.vacuum_if_worth_it() {
            // The purge itself is committed; the space is reused by later articles.
            tracing::warn!("could not give the freed space back: {e}");
        }
        Ok(purged)
    }

    /// Rewrites the file without its free pages when they are more than a quarter of it
    /// (SQLite reuses them, but never gives them back on its own), then empties the WAL,
    /// which VACUUM fills with a copy of the whole database. True if it did.
    pub(crate) fn vacuum_if_worth_it(&self) -> Result<bool> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let free: i64 = self
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        if free * 4 > pages && free * PAGE_SIZE > VACUUM_AT_LEAST {
            self.conn.execute_batch("VACUUM")?;
            self.checkpoint_truncate()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Forgets an unsubscribed feed (`tidings remove`): its articles go, except
    /// bookmarked ones, which stay listed as every bookmark of a feed no longer
    /// configured does; the feed row goes once no article refers to it. One transaction.
    /// Returns (articles deleted, bookmarked articles kept).
    pub fn forget_feed(&mut self, url: &str) -> Result<(usize, usize)> {
        let tx = self.conn.transaction()?;
        let counts = feeds::forget(&tx, url)?;
        tx.commit()?;
        Ok(counts)
    }

    /// One article with its body (for `tidings show`).
    pub fn article(&self, id: ArticleId) -> Result<Option<(Headline, ArticleBody)>> {
        let Some(headline) = articles::headline(&self.conn, id)? else {
            return Ok(None);
        };
        let body = articles::body(&self.conn, id)?.unwrap_or_default();
        Ok(Some((headline, body)))
    }

    pub fn body(&self, id: ArticleId) -> Result<Option<ArticleBody>> {
        articles::body(&self.conn, id)
    }

    /// SQLite's count of commits made by *other* connections to this file, as seen by
    /// this one: it changes when another process (or another connection of this one)
    /// committed, never for this connection's own commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Caps the file at `pages` pages of 16 KB for this connection: writes beyond it fail
    /// as on a full disk (SQLITE_FULL). For tests of the full-disk paths; SQLite never
    /// lowers the cap below the file's current size, so give at least that.
    #[doc(hidden)]
    pub fn limit_size_in_pages(&self, pages: u32) -> Result<u32> {
        Ok(self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })?)
    }

    /// Like [`Db::index_pending`] until the queue is empty or `deadline` has passed, but
    /// gives up at once when another connection holds the write lock for longer than
    /// `wait`: a search then uses what is indexed rather than wait for a TUI or a refresh.
    pub fn catch_up_index(
        &mut self,
        wait: Duration,
        deadline: Option<std::time::Instant>,
    ) -> Result<CatchUp> {
        const CHUNK: usize = 500;
        // Nothing queued: no need for the write lock, which a refreshing reader may hold.
        if self.unindexed()? == 0 {
            return Ok(CatchUp::Done { indexed: 0 });
        }
        self.conn.busy_timeout(wait)?;
        let mut indexed = 0;
        let outcome = loop {
            match self.index_pending(CHUNK) {
                Ok(n) if n < CHUNK => {
                    break Ok(CatchUp::Done {
                        indexed: indexed + n,
                    });
                }
                Ok(n) => indexed += n,
                Err(e) if e.is_busy() => break Ok(CatchUp::Locked { indexed }),
                Err(e) => break Err(e),
            }
            if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                break Ok(CatchUp::OutOfTime { indexed });
            }
        };
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        outcome
    }

    /// Copies committed pages from the WAL into the database file, as far as readers
    /// allow. SQLite does this by itself every few MB; the writer thread instead does it
    /// when idle, so that the fsyncs it costs never delay a commit.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Copies every committed page into the database file and empties the WAL, after
    /// bulk work (an index catch-up, a VACUUM) left it large. Waits for readers at most
    /// a moment: when one holds on, the WAL is emptied by a later checkpoint instead.
    pub fn checkpoint_truncate(&self) -> Result<()> {
        self.conn.busy_timeout(TRUNCATE_WAIT)?;
        let done = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(done?)
    }
}

/// Query plans fixed when a statement is prepared, not remade for the values bound to
/// it. Otherwise SQLite marks a statement whose plan could depend on a parameter (most
/// of our joins on `?1`) to be prepared again whenever its bindings are cleared, which
/// the statement cache does every time it takes one back: reading one article by id
/// with its body cost 46 µs instead of 16 (most of `tidings search`'s time beside an
/// indexing reader). The plans it could pick for particular values need `ANALYZE` statistics we never
/// gather, or LIKE patterns we never bind.
fn stable_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

#[cfg(test)]
mod plan_tests {
    use super::*;

    /// A cached statement that joins on a parameter is prepared once, not again each
    /// time the cache hands it out (both connection kinds).
    #[test]
    fn cached_statements_are_not_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let writer = Db::open(&path).unwrap();
        let reader = Db::open_reader(&path).unwrap();
        let sql = "SELECT a.id, b.summary FROM articles a
                   JOIN feeds f ON f.id = a.feed_id
                   LEFT JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?1";
        for db in [&writer, &reader] {
            for id in 0..20 {
                let mut stmt = db.conn.prepare_cached(sql).unwrap();
                let _: Vec<i64> = stmt
                    .query_map([id], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
            }
            let stmt = db.conn.prepare_cached(sql).unwrap();
            assert_eq!(
                stmt.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                // i18n: a test's message
                "prepared again on reuse"
            );
        }
    }
}
