//! What a pull from the sync server writes (schema 15): its subscriptions, its articles
//! tied to their server ids, and where the next pull continues.

use super::{Db, Limits, Result};
use crate::model::{FeedConfig, FeedId, ParsedFeed, RemoteArticle, RemoteFeed, Validators};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

impl Db {
    /// Replaces the stored subscription list with the server's.
    pub fn set_synced_feeds(&self, feeds: &[RemoteFeed]) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM sync_feeds", [])?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_feeds(url, remote_id, title, category, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, f) in feeds.iter().enumerate() {
                put.execute(params![f.url, f.id, f.title, f.category, i as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The server's subscriptions as feeds (their categories as tags), in its order.
    pub fn synced_feeds(&self) -> Result<Vec<(String, FeedConfig)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT remote_id, url, title, category FROM sync_feeds ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            let category: Option<String> = r.get(3)?;
            Ok((
                r.get::<_, String>(0)?,
                FeedConfig {
                    url: r.get(1)?,
                    title: Some(r.get::<_, String>(2)?).filter(|t| !t.is_empty()),
                    tags: category.into_iter().collect(),
                    ..Default::default()
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn sync_value(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_sync_value(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_state(key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(())
    }

    /// Stores a page of the server's articles into their feeds (`feeds`: server feed id →
    /// feed row), each tied to its server id, in one transaction. An article the user has
    /// not marked since takes the server's read and starred state, queueing nothing. How
    /// many were new.
    pub fn store_remote(
        &mut self,
        feeds: &HashMap<String, FeedId>,
        page: Vec<RemoteArticle>,
        limits: Limits,
        now: i64,
    ) -> Result<usize> {
        let mut by_feed: HashMap<FeedId, Vec<RemoteArticle>> = HashMap::new();
        for a in page {
            if let Some(&feed) = feeds.get(&a.feed_id) {
                by_feed.entry(feed).or_default().push(a);
            }
        }
        let tx = self.conn.transaction()?;
        let mut new = 0;
        for (feed, articles) in by_feed {
            let states: Vec<(String, i64, bool, bool, Option<i64>)> = articles
                .iter()
                .map(|a| (a.item.dedupe_key(), a.id, a.unread, a.starred, a.stamp))
                .collect();
            let parsed = ParsedFeed {
                items: articles.into_iter().map(|a| a.item).collect(),
                ..Default::default()
            };
            let report = super::ingest::ingest(
                &tx,
                feed,
                &parsed,
                &Validators::default(),
                None,
                limits,
                now,
            )?;
            new += report.new;
            tx.execute("INSERT INTO sync_quiet(x) VALUES (1)", [])?;
            {
                let mut find =
                    tx.prepare_cached("SELECT id FROM articles WHERE feed_id = ?1 AND key = ?2")?;
                let mut tie = tx.prepare_cached(
                    "INSERT OR REPLACE INTO sync_articles(article_id, remote_id, stamp)
                     VALUES (?1, ?2, ?3)",
                )?;
                let mut pending = tx.prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM sync_actions WHERE remote_id = ?1 AND mark = ?2)",
                )?;
                let mut set_read =
                    tx.prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1")?;
                let mut set_starred =
                    tx.prepare_cached("UPDATE articles SET bookmarked = ?2 WHERE id = ?1")?;
                for (key, remote, unread, starred, stamp) in states {
                    let Some(id) = find
                        .query_row(params![feed, key], |r| r.get::<_, i64>(0))
                        .optional()?
                    else {
                        continue;
                    };
                    let remote = remote.to_string();
                    tie.execute(params![id, remote, stamp])?;
                    if !pending.query_row(params![remote, "read"], |r| r.get::<_, bool>(0))? {
                        set_read.execute(params![id, !unread])?;
                    }
                    if !pending.query_row(params![remote, "starred"], |r| r.get::<_, bool>(0))? {
                        set_starred.execute(params![id, starred])?;
                    }
                }
            }
            tx.execute("DELETE FROM sync_quiet", [])?;
        }
        tx.commit()?;
        Ok(new)
    }
}
