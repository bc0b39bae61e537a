//! The podcast download queue (schema version 9). The engine (`podcast::download`) never
//! touches the database: the command that runs the queue writes what it reports here, so a
//! restart finds every row where the last process left it.

use super::{Db, Result};
use crate::model::{ArticleId, Validators};
use rusqlite::{OptionalExtension, Row, params};

/// Where a download stands. Stored as its lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DownloadState {
    Queued,
    /// Being fetched, or the process fetching it died: the next run resumes it.
    Downloading,
    Paused,
    Done,
    Failed,
}

impl DownloadState {
    pub fn as_str(self) -> &'static str {
        match self {
            DownloadState::Queued => "queued",
            DownloadState::Downloading => "downloading",
            DownloadState::Paused => "paused",
            DownloadState::Done => "done",
            DownloadState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<DownloadState> {
        Some(match s {
            "queued" => DownloadState::Queued,
            "downloading" => DownloadState::Downloading,
            "paused" => DownloadState::Paused,
            "done" => DownloadState::Done,
            "failed" => DownloadState::Failed,
            _ => return None,
        })
    }
}

/// One row of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub id: i64,
    /// None once the article was purged; the file stays.
    pub article_id: Option<ArticleId>,
    pub url: String,
    /// Relative to the download folder.
    pub path: String,
    pub state: DownloadState,
    /// Why it failed (the last failure), in words for the user.
    pub reason: Option<String>,
    pub bytes_done: u64,
    pub bytes_total: Option<u64>,
    /// The validator of the bytes already in `path.part`.
    pub validators: Validators,
    pub queued_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, article_id, url, path, state, reason, bytes_done, bytes_total, \
                       etag, last_modified, queued_at, updated_at, finished_at";

fn row(r: &Row<'_>) -> rusqlite::Result<Download> {
    let state: String = r.get(4)?;
    Ok(Download {
        id: r.get(0)?,
        article_id: r.get(1)?,
        url: r.get(2)?,
        path: r.get(3)?,
        // The CHECK constraint allows nothing else; a hand-edited row reads as failed.
        state: DownloadState::parse(&state).unwrap_or(DownloadState::Failed),
        reason: r.get(5)?,
        bytes_done: r.get::<_, i64>(6)?.max(0).unsigned_abs(),
        bytes_total: r.get::<_, Option<i64>>(7)?.map(|n| n.max(0).unsigned_abs()),
        validators: Validators {
            etag: r.get(8)?,
            last_modified: r.get(9)?,
        },
        queued_at: r.get(10)?,
        updated_at: r.get(11)?,
        finished_at: r.get(12)?,
    })
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Db {
    /// Every download, oldest first.
    pub fn downloads(&self) -> Result<Vec<Download>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM downloads ORDER BY id"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn download(&self, id: i64) -> Result<Option<Download>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM downloads WHERE id = ?1"))?;
        Ok(stmt.query_row([id], row).optional()?)
    }

    /// The row for this article's enclosure, if it was ever queued.
    pub fn download_of(&self, article: ArticleId, url: &str) -> Result<Option<Download>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM downloads WHERE article_id = ?1 AND url = ?2"
        ))?;
        Ok(stmt.query_row(params![article, url], row).optional()?)
    }

    /// Every path the queue holds, for numbering a new name that collides.
    pub fn download_paths(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT path FROM downloads")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an enclosure to the queue; returns its row id.
    pub fn queue_download(
        &mut self,
        article: Option<ArticleId>,
        url: &str,
        path: &str,
        now: i64,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO downloads(article_id, url, path, state, queued_at, updated_at)
             VALUES (?1, ?2, ?3, 'queued', ?4, ?4)",
            params![article, url, path, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Moves a row to `state`, with the reason for a failure (cleared otherwise).
    pub fn set_download_state(
        &mut self,
        id: i64,
        state: DownloadState,
        reason: Option<&str>,
        now: i64,
    ) -> Result<()> {
        let finished = matches!(state, DownloadState::Done | DownloadState::Failed);
        self.conn.execute(
            "UPDATE downloads SET state = ?2, reason = ?3, updated_at = ?4,
                 finished_at = CASE WHEN ?5 THEN ?4 ELSE NULL END
             WHERE id = ?1",
            params![id, state.as_str(), reason, now, finished],
        )?;
        Ok(())
    }

    /// What the engine knows of the file: bytes in the `.part` (or the file), the whole
    /// length when the server gave it, and the validator of those bytes.
    pub fn set_download_progress(
        &mut self,
        id: i64,
        done: u64,
        total: Option<u64>,
        validators: &Validators,
        now: i64,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE downloads SET bytes_done = ?2, bytes_total = ?3, etag = ?4,
                     last_modified = ?5, updated_at = ?6
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                signed(done),
                total.map(signed),
                validators.etag,
                validators.last_modified,
                now
            ])?;
        Ok(())
    }
}

/// What the Downloads screen names a row by: its feed and its article's title.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DownloadLabel {
    pub feed: String,
    pub title: String,
}

/// What queueing an enclosure needs of its article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpisodeInfo {
    pub feed_id: crate::model::FeedId,
    pub feed: String,
    pub title: String,
    pub date: i64,
    pub bookmarked: bool,
}

impl Db {
    /// Each row's feed and title (rows of purged articles have none).
    pub fn download_labels(&self) -> Result<std::collections::HashMap<i64, DownloadLabel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, coalesce(f.config_title, f.doc_title, f.url), a.title
             FROM downloads d JOIN articles a ON a.id = d.article_id
             JOIN feeds f ON f.id = a.feed_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                DownloadLabel {
                    feed: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    title: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The feed, title, date and bookmark of an article, for naming its episode.
    pub fn episode_info(&self, article: ArticleId) -> Result<Option<EpisodeInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.feed_id, coalesce(f.config_title, f.doc_title, f.url), a.title, a.date,
                    a.bookmarked
             FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1",
        )?;
        Ok(stmt
            .query_row([article], |r| {
                Ok(EpisodeInfo {
                    feed_id: r.get(0)?,
                    feed: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    title: r.get(2)?,
                    date: r.get(3)?,
                    bookmarked: r.get::<_, i64>(4)? != 0,
                })
            })
            .optional()?)
    }

    /// Forgets a row (cancelled, or its file deleted).
    pub fn remove_download(&mut self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM downloads WHERE id = ?1", [id])?;
        Ok(())
    }
}

/// A downloaded episode, as `keep = N` weighs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadedEpisode {
    pub download: i64,
    pub article: ArticleId,
    pub date: i64,
    pub bookmarked: bool,
    pub path: String,
}

impl Db {
    pub fn feed_id_by_url(&self, url: &str) -> Result<Option<crate::model::FeedId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM feeds WHERE url = ?1")?;
        Ok(stmt.query_row([url], |r| r.get(0)).optional()?)
    }

    pub fn feed_of_article(&self, article: ArticleId) -> Result<Option<crate::model::FeedId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT feed_id FROM articles WHERE id = ?1")?;
        Ok(stmt.query_row([article], |r| r.get(0)).optional()?)
    }

    /// The highest article id of a feed (0 without articles): the ids after it arrive later.
    pub fn last_article_id(&self, feed: crate::model::FeedId) -> Result<i64> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM articles WHERE feed_id = ?1")?;
        Ok(stmt.query_row([feed], |r| r.get(0))?)
    }

    /// A feed's articles with an enclosure (not deleted) and an id above `after`, newest
    /// first; `limit` of them at most.
    pub fn episodes_after(
        &self,
        feed: crate::model::FeedId,
        after: i64,
        limit: Option<usize>,
    ) -> Result<Vec<ArticleId>> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM articles
             WHERE feed_id = ?1 AND id > ?2 AND has_enclosure = 1 AND deleted = 0
             ORDER BY date DESC, id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![feed, after, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A feed's downloaded episodes (state done), any order.
    pub fn downloaded_episodes(
        &self,
        feed: crate::model::FeedId,
    ) -> Result<Vec<DownloadedEpisode>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, a.id, a.date, a.bookmarked, d.path
             FROM downloads d JOIN articles a ON a.id = d.article_id
             WHERE a.feed_id = ?1 AND d.state = 'done'",
        )?;
        let rows = stmt.query_map([feed], |r| {
            Ok(DownloadedEpisode {
                download: r.get(0)?,
                article: r.get(1)?,
                date: r.get(2)?,
                bookmarked: r.get::<_, i64>(3)? != 0,
                path: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Db {
    pub fn feed_url(&self, feed: crate::model::FeedId) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url FROM feeds WHERE id = ?1")?;
        Ok(stmt.query_row([feed], |r| r.get(0)).optional()?)
    }
}
