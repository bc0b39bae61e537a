//! The article read from its page (`article_fulltext`, schema 13), kept beside the
//! feed's own text. A stored failure keeps its line, so the reader can say why without
//! fetching again.

use super::{Db, Result};
use crate::fulltext::Extracted;
use crate::model::ArticleId;
use rusqlite::{Connection, OptionalExtension, params};

/// What is stored for an article's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFullText {
    pub fetched_at: i64,
    /// The article, or the one line that says why there is none.
    pub result: std::result::Result<Extracted, String>,
}

impl Db {
    /// The stored full text of `id`, if its page was ever fetched.
    pub fn full_text(&self, id: ArticleId) -> Result<Option<StoredFullText>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT fetched_at, html, title, byline, published, lead, error
                 FROM article_fulltext WHERE article_id = ?1",
            )?
            .query_row([id], |r| {
                let fetched_at: i64 = r.get(0)?;
                let html = super::bodies::column(r, 1)?;
                let error: Option<String> = r.get(6)?;
                let result = match (html, error) {
                    (Some(html), None) => Ok(Extracted {
                        title: r.get(2)?,
                        byline: r.get(3)?,
                        published: r.get(4)?,
                        lead: r.get(5)?,
                        html,
                    }),
                    (_, error) => Err(error.unwrap_or_default()),
                };
                Ok(StoredFullText { fetched_at, result })
            })
            .optional()?;
        Ok(row)
    }

    /// Whether the feed gave `id` a date of its own (else the list shows when it was
    /// first seen, and the page's date is better).
    pub fn feed_dated(&self, id: ArticleId) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(published, updated) IS NOT NULL FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }

    /// The newest articles of `feed` whose page was never fetched (a failure counts as
    /// fetched: it is tried again by `x` or `show --full`, not by every refresh), at most
    /// `limit`, with their links.
    pub fn full_text_wanted(
        &self,
        feed: crate::model::FeedId,
        limit: usize,
    ) -> Result<Vec<(ArticleId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.link FROM articles a
             WHERE a.feed_id = ?1 AND a.deleted = 0 AND a.link IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM article_fulltext f WHERE f.article_id = a.id)
             ORDER BY a.id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(
                params![feed, i64::try_from(limit).unwrap_or(i64::MAX)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Stores what fetching `id`'s page gave, in one transaction ([`save`]).
    pub fn save_full_text(
        &mut self,
        id: ArticleId,
        fetched_at: i64,
        result: std::result::Result<&Extracted, &str>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        save(&tx, id, fetched_at, result)?;
        tx.commit()?;
        Ok(())
    }
}

/// Stores what fetching `id`'s page gave: an article replaces what was stored and is
/// queued for the search index; a failure is kept only where no article is (offline
/// later, the page read before stays). An article gone meanwhile stores nothing. The
/// feed's own text is left as it is. Run inside the caller's transaction (the writer's,
/// for the reader's `x`).
pub(super) fn save(
    conn: &Connection,
    id: ArticleId,
    fetched_at: i64,
    result: std::result::Result<&Extracted, &str>,
) -> Result<()> {
    let stored = match result {
        Ok(ex) => conn
            .prepare_cached(
                "INSERT OR REPLACE INTO article_fulltext
                     (article_id, fetched_at, html, title, byline, published, lead, error)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL
                 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
            )?
            .execute(params![
                id,
                fetched_at,
                super::bodies::pack(&ex.html),
                ex.title,
                ex.byline,
                ex.published,
                ex.lead
            ])?,
        Err(error) => {
            conn.prepare_cached(
                "INSERT INTO article_fulltext(article_id, fetched_at, error)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)
                 ON CONFLICT(article_id) DO UPDATE SET
                     fetched_at = excluded.fetched_at, error = excluded.error
                 WHERE article_fulltext.html IS NULL",
            )?
            .execute(params![id, fetched_at, error])?;
            0
        }
    };
    if stored > 0 {
        super::search::queue(conn, id)?;
    }
    Ok(())
}
