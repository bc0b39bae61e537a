//! Where each podcast episode was left (schema version 10), keyed by article and
//! enclosure URL. Written by the player every few seconds and on stop or quit.

use super::{Db, Result};
use crate::model::ArticleId;
use rusqlite::{OptionalExtension, params};

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Seconds into the episode.
    pub position: f64,
    pub duration: Option<f64>,
    /// Played to the end once.
    pub played: bool,
    pub updated_at: i64,
}

impl Db {
    /// Every remembered episode, for the list's played / in-progress marks at start: one
    /// query, not one per drawn row.
    pub fn playback_marks(&self) -> Result<Vec<(ArticleId, Playback)>> {
        let mut stmt = self.conn.prepare(
            "SELECT article_id, position, duration, played, updated_at FROM playback
             ORDER BY updated_at",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Playback {
                    position: r.get(1)?,
                    duration: r.get(2)?,
                    played: r.get(3)?,
                    updated_at: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn playback(&self, article: ArticleId, url: &str) -> Result<Option<Playback>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT position, duration, played, updated_at FROM playback
                 WHERE article_id = ?1 AND url = ?2",
            )?
            .query_row(params![article, url], |r| {
                Ok(Playback {
                    position: r.get(0)?,
                    duration: r.get(1)?,
                    played: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// Records the position; a known duration is kept when this save has none. The played
    /// flag stays: listening to a played episode again does not make it unplayed.
    pub fn save_playback(
        &mut self,
        article: ArticleId,
        url: &str,
        position: f64,
        duration: Option<f64>,
        now: i64,
    ) -> Result<()> {
        let position = if position.is_finite() {
            position.max(0.0)
        } else {
            0.0
        };
        let duration = duration.filter(|d| d.is_finite() && *d > 0.0);
        // An article purged meanwhile has nothing to remember the position for.
        self.conn.execute(
            "INSERT INTO playback(article_id, url, position, duration, played, updated_at)
             SELECT ?1, ?2, ?3, ?4, 0, ?5 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)
             ON CONFLICT(article_id, url) DO UPDATE SET
                 position = excluded.position,
                 duration = coalesce(excluded.duration, duration),
                 updated_at = excluded.updated_at",
            params![article, url, position, duration, now],
        )?;
        Ok(())
    }

    /// The episode played to its end: marked played, back at the start for the next
    /// listen, and its article read, in one transaction.
    pub fn mark_played(
        &mut self,
        article: ArticleId,
        url: &str,
        duration: Option<f64>,
        now: i64,
    ) -> Result<()> {
        let duration = duration.filter(|d| d.is_finite() && *d > 0.0);
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO playback(article_id, url, position, duration, played, updated_at)
             SELECT ?1, ?2, 0, ?3, 1, ?4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)
             ON CONFLICT(article_id, url) DO UPDATE SET
                 position = 0, played = 1,
                 duration = coalesce(excluded.duration, duration),
                 updated_at = excluded.updated_at",
            params![article, url, duration, now],
        )?;
        tx.execute(
            "UPDATE articles SET read = 1 WHERE id = ?1",
            params![article],
        )?;
        tx.commit()?;
        Ok(())
    }
}
