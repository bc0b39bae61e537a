//! Storing one parsed feed document: upsert by dedupe key, in-feed marks, pruning.

use super::{IngestReport, Limits, Result, bodies, feeds, search};
use crate::model::{FeedId, Flags, Headline, ParsedFeed, ParsedItem, Validators};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashSet;

/// The stored state of an item that is already known.
struct Known {
    id: i64,
    fingerprint: i64,
    in_feed: bool,
    read: bool,
    bookmarked: bool,
    first_seen: i64,
    deleted: bool,
}

/// Item fields serialized for storage, computed once per item.
struct Encoded {
    enclosures: Option<String>,
    categories: Option<String>,
    fingerprint: i64,
}

pub(super) fn ingest(
    conn: &Connection,
    feed_id: FeedId,
    parsed: &ParsedFeed,
    validators: &Validators,
    moved_to: Option<&str>,
    limits: Limits,
    now: i64,
) -> Result<IngestReport> {
    feeds::record_document(
        conn,
        feed_id,
        parsed.title.as_deref(),
        parsed.site_link.as_deref(),
        validators,
        moved_to,
        now,
    )?;

    search::check_feed_name(conn, feed_id)?;

    let mut lookup = conn.prepare_cached(
        "SELECT id, fingerprint, in_feed, read, bookmarked, first_seen, deleted
         FROM articles WHERE feed_id = ?1 AND key = ?2",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO articles(feed_id, key, guid, link, title, author, published, updated,
                              first_seen, has_enclosure, fingerprint, categories, title_derived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut update = conn.prepare_cached(
        "UPDATE articles SET guid = ?2, link = ?3, title = ?4, author = ?5, published = ?6,
                updated = ?7, has_enclosure = ?8, fingerprint = ?9, in_feed = 1, categories = ?10,
                title_derived = ?11
         WHERE id = ?1",
    )?;
    let mut put_body = conn.prepare_cached(
        "INSERT OR REPLACE INTO article_bodies(article_id, summary, content, enclosures, categories)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut mark_in_feed = conn.prepare_cached("UPDATE articles SET in_feed = ?2 WHERE id = ?1")?;

    let mut report = IngestReport::default();
    let mut seen_keys: HashSet<String> = HashSet::with_capacity(parsed.items.len());
    let mut in_document: HashSet<i64> = HashSet::with_capacity(parsed.items.len());

    for item in &parsed.items {
        let key = item.dedupe_key();
        if !seen_keys.insert(key.clone()) {
            continue;
        }
        let enc = encode(item);
        let has_enclosure = !item.enclosures.is_empty();
        let known = lookup
            .query_row(params![feed_id, key], |r| {
                Ok(Known {
                    id: r.get(0)?,
                    fingerprint: r.get(1)?,
                    in_feed: r.get(2)?,
                    read: r.get(3)?,
                    bookmarked: r.get(4)?,
                    first_seen: r.get(5)?,
                    deleted: r.get(6)?,
                })
            })
            .optional()?;
        let (id, flags, first_seen) = match known {
            None => {
                insert.execute(params![
                    feed_id,
                    key,
                    item.guid,
                    item.link,
                    item.title,
                    item.author,
                    item.published,
                    item.updated,
                    now,
                    has_enclosure,
                    enc.fingerprint,
                    enc.categories,
                    item.title_derived
                ])?;
                let id = conn.last_insert_rowid();
                report.new += 1;
                (id, Flags::new(false, false, has_enclosure), now)
            }
            // Deleted by the user: stays hidden, whatever the feed changed in it.
            Some(k) if k.fingerprint != enc.fingerprint && !k.deleted => {
                update.execute(params![
                    k.id,
                    item.guid,
                    item.link,
                    item.title,
                    item.author,
                    item.published,
                    item.updated,
                    has_enclosure,
                    enc.fingerprint,
                    enc.categories,
                    item.title_derived
                ])?;
                (
                    k.id,
                    Flags::new(k.read, k.bookmarked, has_enclosure),
                    k.first_seen,
                )
            }
            Some(k) => {
                if !k.in_feed {
                    mark_in_feed.execute(params![k.id, true])?;
                }
                in_document.insert(k.id);
                continue;
            }
        };
        let (summary, content) = match &item.packed {
            Some(p) => (
                item.summary
                    .as_deref()
                    .map(|t| bodies::prepacked(t, p.summary.as_deref())),
                item.content
                    .as_deref()
                    .map(|t| bodies::prepacked(t, p.content.as_deref())),
            ),
            None => (
                item.summary.as_deref().map(bodies::pack),
                item.content.as_deref().map(bodies::pack),
            ),
        };
        put_body.execute(params![
            id,
            summary,
            content,
            enc.enclosures,
            enc.categories
        ])?;
        search::queue(conn, id)?;
        in_document.insert(id);
        if !item.categories.is_empty() {
            report.categories.push((id, item.categories.clone()));
        }
        report.upserted.push(Headline {
            id,
            feed_id,
            title: item.title.clone(),
            link: item.link.clone(),
            author: item.author.clone(),
            date: item.published.or(item.updated).unwrap_or(first_seen),
            flags: flags.with(Flags::DERIVED_TITLE, item.title_derived),
        });
    }

    let mut was_in_feed =
        conn.prepare_cached("SELECT id FROM articles WHERE feed_id = ?1 AND in_feed = 1")?;
    let dropped: Vec<i64> = was_in_feed
        .query_map([feed_id], |r| r.get::<_, i64>(0))?
        .filter(|id| id.as_ref().map_or(true, |id| !in_document.contains(id)))
        .collect::<rusqlite::Result<_>>()?;
    for id in dropped {
        mark_in_feed.execute(params![id, false])?;
    }

    report.pruned = prune(conn, feed_id, limits, now)?;
    Ok(report)
}

/// Deletes what the limits no longer keep, except bookmarked articles and those in the
/// latest document: pruning those would bring them back as new and unread.
fn prune(conn: &Connection, feed_id: FeedId, limits: Limits, now: i64) -> Result<Vec<i64>> {
    let keep_newest = i64::try_from(limits.max_articles).unwrap_or(i64::MAX);
    let max_age_secs = i64::from(limits.max_age_days) * 86_400;
    let mut stmt = conn.prepare_cached(
        "DELETE FROM articles
         WHERE feed_id = ?1 AND bookmarked = 0 AND in_feed = 0
           AND (id NOT IN (SELECT id FROM articles WHERE feed_id = ?1
                           ORDER BY date DESC, id DESC LIMIT ?2)
                OR (?3 > 0 AND date < ?4 - ?3))
         RETURNING id",
    )?;
    let pruned = stmt
        .query_map(params![feed_id, keep_newest, max_age_secs, now], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(pruned)
}

fn encode(item: &ParsedItem) -> Encoded {
    let enclosures = super::articles::encode_enclosures(&item.enclosures, item.picture.as_deref());
    let categories = (!item.categories.is_empty())
        .then(|| serde_json::to_string(&item.categories).ok())
        .flatten();
    let mut h = Fingerprint::new();
    h.text(Some(&item.title));
    h.text(item.link.as_deref());
    h.text(item.author.as_deref());
    h.int(item.published);
    h.int(item.updated);
    h.text(item.summary.as_deref());
    h.text(item.content.as_deref());
    h.text(enclosures.as_deref());
    h.text(categories.as_deref());
    Encoded {
        enclosures,
        categories,
        fingerprint: h.finish(),
    }
}

/// A 64-bit hash of the fields whose change makes an article "updated".
///
/// Stored in the database, so it must not change between builds: std's hashers make no
/// such promise. Word-at-a-time multiply-rotate, with a final avalanche; length prefixes
/// and a presence tag keep `(Some("ab"), Some(""))` apart from `(Some("a"), Some("b"))`.
struct Fingerprint(u64);

impl Fingerprint {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn new() -> Self {
        Fingerprint(0x243F_6A88_85A3_08D3)
    }

    fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(Self::K).rotate_left(29);
    }

    fn text(&mut self, s: Option<&str>) {
        let Some(s) = s else {
            self.word(u64::MAX);
            return;
        };
        self.word(s.len() as u64);
        let mut chunks = s.as_bytes().chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.word(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(b));
        }
    }

    fn int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => {
                self.word(1);
                self.word(v as u64);
            }
            None => self.word(0),
        }
    }

    fn finish(self) -> i64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        x ^= x >> 33;
        x as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_across_builds() {
        // Stored fingerprints are compared with new ones: a changed hash would mark
        // every stored article as updated once.
        let item = ParsedItem {
            title: "Hello".into(),
            link: Some("https://a.test/1".into()),
            ..Default::default()
        };
        assert_eq!(encode(&item).fingerprint, encode(&item.clone()).fingerprint);
        let mut h = Fingerprint::new();
        h.text(Some("tidings"));
        assert_eq!(h.finish(), FINGERPRINT_OF_TIDINGS);
    }

    #[test]
    fn fingerprint_separates_fields() {
        let a = ParsedItem {
            title: "ab".into(),
            author: Some(String::new()),
            ..Default::default()
        };
        let b = ParsedItem {
            title: "a".into(),
            author: Some("b".into()),
            ..Default::default()
        };
        let c = ParsedItem {
            title: "ab".into(),
            author: None,
            ..Default::default()
        };
        assert_ne!(encode(&a).fingerprint, encode(&b).fingerprint);
        assert_ne!(encode(&a).fingerprint, encode(&c).fingerprint);
    }

    const FINGERPRINT_OF_TIDINGS: i64 = 1_177_961_179_961_254_627;
}
