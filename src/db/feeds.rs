//! Feed rows: config sync and poll status.

use super::{DbError, Result, search};
use crate::model::{Feed, FeedConfig, FeedId, FeedStatus, PollSchedule, Validators};
use rusqlite::{Connection, OptionalExtension, params};

/// Whether every configured feed has its row with the configured title already, so
/// opening the database needs no write (and no write lock: a read-only command must not
/// wait for a TUI or a cron refresh that is writing).
pub(super) fn up_to_date(conn: &Connection, feeds: &[FeedConfig]) -> Result<bool> {
    let mut select = conn.prepare_cached("SELECT config_title FROM feeds WHERE url = ?1")?;
    for cfg in feeds {
        let stored: Option<Option<String>> =
            select.query_row([&cfg.url], |r| r.get(0)).optional()?;
        match stored {
            Some(title) if title == cfg.title => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// Adds the rows of new feeds and records changed configured titles.
pub(super) fn ensure_rows(conn: &Connection, feeds: &[FeedConfig]) -> Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT INTO feeds(url) VALUES (?1) ON CONFLICT(url) DO NOTHING")?;
    let mut set_title = conn.prepare_cached(
        "UPDATE feeds SET config_title = ?2 WHERE url = ?1 AND config_title IS NOT ?2",
    )?;
    for cfg in feeds {
        insert.execute([&cfg.url])?;
        if set_title.execute(params![cfg.url, cfg.title])? > 0 {
            // The name its articles are found by may have changed.
            let id: i64 = conn
                .prepare_cached("SELECT id FROM feeds WHERE url = ?1")?
                .query_row([&cfg.url], |r| r.get(0))?;
            search::check_feed_name(conn, id)?;
        }
    }
    Ok(())
}

/// The configured feeds as stored, in config order (their rows exist: [`ensure_rows`]).
pub(super) fn load(
    conn: &Connection,
    feeds: &[FeedConfig],
    default_refresh_secs: u64,
) -> Result<Vec<Feed>> {
    let mut select = conn.prepare_cached(
        "SELECT id, fetch_url, doc_title, site_link, etag, last_modified,
                last_ok_at, last_error, last_error_at, failures, not_before
         FROM feeds WHERE url = ?1",
    )?;
    let mut out = Vec::with_capacity(feeds.len());
    for cfg in feeds {
        let feed = select.query_row([&cfg.url], |r| {
            let fetch_url: Option<String> = r.get(1)?;
            let doc_title: Option<String> = r.get(2)?;
            let title = cfg
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .or(doc_title.filter(|t| !t.trim().is_empty()))
                .unwrap_or_else(|| cfg.url.clone());
            Ok(Feed {
                id: r.get(0)?,
                url: cfg.url.clone(),
                fetch_url: fetch_url.unwrap_or_else(|| cfg.url.clone()),
                title,
                tags: cfg.tags.clone(),
                site_link: r.get(3)?,
                refresh_secs: match cfg.refresh_minutes {
                    Some(m) if m > 0 => m.saturating_mul(60),
                    _ => default_refresh_secs,
                },
                validators: Validators {
                    etag: r.get(4)?,
                    last_modified: r.get(5)?,
                },
                status: status_of(r.get(6)?, r.get(7)?, r.get(8)?),
                schedule: PollSchedule {
                    failures: u32::try_from(r.get::<_, i64>(9)?.max(0)).unwrap_or(u32::MAX),
                    not_before: r.get(10)?,
                },
            })
        })?;
        out.push(feed);
    }
    Ok(out)
}

/// What polling stored about every feed.
pub(super) fn load_states(conn: &Connection) -> Result<Vec<super::FeedState>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, fetch_url, etag, last_modified, last_ok_at, last_error, last_error_at,
                failures, not_before
         FROM feeds",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(super::FeedState {
                id: r.get(0)?,
                fetch_url: r.get(1)?,
                validators: Validators {
                    etag: r.get(2)?,
                    last_modified: r.get(3)?,
                },
                status: status_of(r.get(4)?, r.get(5)?, r.get(6)?),
                schedule: PollSchedule {
                    failures: u32::try_from(r.get::<_, i64>(7)?.max(0)).unwrap_or(u32::MAX),
                    not_before: r.get(8)?,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The later of the last success and the last error wins; on a tie the error does,
/// since a success clears the error columns.
fn status_of(ok_at: Option<i64>, error: Option<String>, error_at: Option<i64>) -> FeedStatus {
    match (ok_at, error_at) {
        (ok, Some(at)) if ok.is_none_or(|ok| at >= ok) => FeedStatus::Error {
            at,
            message: error.unwrap_or_default(),
        },
        (Some(at), _) => FeedStatus::Ok { at },
        _ => FeedStatus::Never,
    }
}

pub(super) fn set_status(conn: &Connection, feed_id: FeedId, status: &FeedStatus) -> Result<()> {
    let changed = match status {
        FeedStatus::Ok { at } => conn
            .prepare_cached("UPDATE feeds SET last_ok_at = ?2, last_error = NULL, last_error_at = NULL WHERE id = ?1")?
            .execute(params![feed_id, at])?,
        FeedStatus::Error { at, message } => conn
            .prepare_cached("UPDATE feeds SET last_error = ?2, last_error_at = ?3 WHERE id = ?1")?
            .execute(params![feed_id, message, at])?,
        FeedStatus::Never => conn
            .prepare_cached(
                "UPDATE feeds SET last_ok_at = NULL, last_error = NULL, last_error_at = NULL WHERE id = ?1",
            )?
            .execute([feed_id])?,
    };
    if changed == 0 {
        return Err(no_such_feed(feed_id));
    }
    Ok(())
}

/// Stores when the feed may be polled automatically again.
pub(super) fn set_schedule(
    conn: &Connection,
    feed_id: FeedId,
    schedule: &PollSchedule,
) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE feeds SET failures = ?2, not_before = ?3 WHERE id = ?1")?
        .execute(params![feed_id, schedule.failures, schedule.not_before])?;
    if changed == 0 {
        return Err(no_such_feed(feed_id));
    }
    Ok(())
}

pub(super) fn no_such_feed(feed_id: FeedId) -> DbError {
    DbError::NoSuchFeed(feed_id)
}

/// Stores what a successful poll learned about the feed itself.
pub(super) fn record_document(
    conn: &Connection,
    feed_id: FeedId,
    doc_title: Option<&str>,
    site_link: Option<&str>,
    validators: &Validators,
    moved_to: Option<&str>,
    now: i64,
) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE feeds SET doc_title = ?2, site_link = ?3, etag = ?4, last_modified = ?5,
                    fetch_url = coalesce(?6, fetch_url), last_ok_at = ?7,
                    last_error = NULL, last_error_at = NULL
             WHERE id = ?1",
        )?
        .execute(params![
            feed_id,
            doc_title,
            site_link,
            validators.etag,
            validators.last_modified,
            moved_to,
            now
        ])?;
    if changed == 0 {
        return Err(no_such_feed(feed_id));
    }
    Ok(())
}

/// See [`super::Db::forget_feed`]; run inside the caller's transaction.
pub(super) fn forget(conn: &Connection, url: &str) -> Result<(usize, usize)> {
    use rusqlite::OptionalExtension;
    let id: Option<FeedId> = conn
        .query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))
        .optional()?;
    let Some(id) = id else {
        return Ok((0, 0));
    };
    let deleted = conn.execute(
        "DELETE FROM articles WHERE feed_id = ?1 AND bookmarked = 0",
        [id],
    )?;
    let kept: i64 = conn.query_row(
        "SELECT count(*) FROM articles WHERE feed_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let kept = usize::try_from(kept).unwrap_or(0);
    if kept == 0 {
        conn.execute("DELETE FROM feeds WHERE id = ?1", [id])?;
    }
    Ok((deleted, kept))
}
