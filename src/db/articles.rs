//! Reading articles and changing their user state.

use super::{Change, Purged, Result};
use crate::model::{
    ArticleBody, ArticleId, CategoryLists, Enclosure, FeedId, Flags, Headline, HeadlineParts,
};
use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashSet;

const HEADLINE_COLUMNS: &str =
    // i18n: SQL
    "id, feed_id, title, link, author, date, read, bookmarked, has_enclosure, title_derived";

fn flags_from_row(r: &Row<'_>) -> rusqlite::Result<Flags> {
    Ok(Flags::new(r.get(6)?, r.get(7)?, r.get(8)?).with(Flags::DERIVED_TITLE, r.get(9)?))
}

fn headline_from_row(r: &Row<'_>) -> rusqlite::Result<Headline> {
    Ok(Headline {
        id: r.get(0)?,
        feed_id: r.get(1)?,
        title: r.get(2)?,
        link: r.get(3)?,
        author: r.get(4)?,
        date: r.get(5)?,
        flags: flags_from_row(r)?,
    })
}

/// A row's text borrowed from SQLite's buffer, as `r.get::<_, Option<String>>` would read it
/// (the same conversion error for a non-text value) but without an allocation.
fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| match e {
        FromSqlError::InvalidType => {
            rusqlite::Error::InvalidColumnType(i, String::new(), Type::Text)
        }
        e => rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)),
    })
}

fn parts_from_row<'r>(r: &'r Row<'_>) -> rusqlite::Result<HeadlineParts<'r>> {
    Ok(HeadlineParts {
        id: r.get(0)?,
        feed_id: r.get(1)?,
        title: text(r, 2)?.ok_or(rusqlite::Error::InvalidColumnType(
            2,
            "title".into(),
            Type::Null,
        ))?,
        link: text(r, 3)?,
        author: text(r, 4)?,
        date: r.get(5)?,
        flags: flags_from_row(r)?,
    })
}

/// One sequential scan of the narrow `articles` table, filtered here: cheaper than an
/// index lookup per feed when, as usual, the wanted feeds are most of the table. Each row
/// is handed over borrowed, so a caller that copies it into arenas allocates nothing per
/// row (a `String` for each of title, link and author was a third of the reader's start).
pub(super) fn each_headline(
    conn: &Connection,
    feeds: &[FeedId],
    mut take: impl FnMut(HeadlineParts<'_>),
) -> Result<()> {
    let wanted: HashSet<FeedId> = feeds.iter().copied().collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HEADLINE_COLUMNS} FROM articles WHERE deleted = 0"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let feed_id: FeedId = r.get(1)?;
        let bookmarked: bool = r.get(7)?;
        if bookmarked || wanted.contains(&feed_id) {
            take(parts_from_row(r)?);
        }
    }
    Ok(())
}

pub(super) const STORED_COUNTS: &str =
    "SELECT feed_id, read, bookmarked, count(*) FROM articles WHERE deleted = 0
     GROUP BY feed_id, read, bookmarked";

/// How many articles each feed has by read and bookmarked flags: what the feed list
/// shows, read from the narrow `articles_flags` index instead of the table.
pub(super) fn stored_counts(conn: &Connection) -> Result<Vec<(FeedId, Flags, usize)>> {
    let mut stmt = conn.prepare_cached(STORED_COUNTS)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Flags::new(r.get(1)?, r.get(2)?, false),
                r.get::<_, i64>(3)?.try_into().unwrap_or(0),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn load_headlines(conn: &Connection, feeds: &[FeedId]) -> Result<Vec<Headline>> {
    let mut out = Vec::new();
    each_headline(conn, feeds, |h| out.push(h.to_headline()))?;
    Ok(out)
}

/// `feeds` None: all.
pub(super) fn load_categories(
    conn: &Connection,
    feeds: Option<&[FeedId]>,
) -> Result<CategoryLists> {
    let wanted: Option<HashSet<FeedId>> = feeds.map(|f| f.iter().copied().collect());
    let mut stmt = conn.prepare_cached(
        "SELECT id, feed_id, bookmarked, categories FROM articles
         WHERE categories IS NOT NULL AND deleted = 0",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = CategoryLists::default();
    while let Some(r) = rows.next()? {
        let feed_id: FeedId = r.get(1)?;
        let bookmarked: bool = r.get(2)?;
        if bookmarked || wanted.as_ref().is_none_or(|w| w.contains(&feed_id)) {
            let list = decode_list::<String>(text(r, 3)?);
            out.push(r.get(0)?, list.iter().map(String::as_str));
        }
    }
    Ok(out)
}

pub(super) fn load_all_headlines(conn: &Connection) -> Result<Vec<Headline>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HEADLINE_COLUMNS} FROM articles WHERE deleted = 0"
    ))?;
    let rows = stmt
        .query_map([], headline_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn headline(conn: &Connection, id: ArticleId) -> Result<Option<Headline>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HEADLINE_COLUMNS} FROM articles WHERE id = ?1"
    ))?;
    Ok(stmt.query_row([id], headline_from_row).optional()?)
}

/// Bad JSON in the lists gives empty lists: a body is worth showing without them.
pub(super) fn body(conn: &Connection, id: ArticleId) -> Result<Option<ArticleBody>> {
    let mut stmt = conn.prepare_cached(
        "SELECT summary, content, enclosures, categories FROM article_bodies WHERE article_id = ?1",
    )?;
    let raw = stmt
        .query_row([id], |r| {
            Ok((
                super::bodies::column(r, 0)?,
                super::bodies::column(r, 1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    Ok(raw.map(|(summary, content, enclosures, categories)| {
        let (enclosures, picture) = decode_enclosures(enclosures.as_deref());
        ArticleBody {
            summary,
            content,
            enclosures,
            categories: decode_list::<String>(categories.as_deref()),
            picture,
        }
    }))
}

/// An element of the `enclosures` column: an enclosure, or (with `picture`) the item's
/// own picture, kept in the same JSON list so that storing it needed no new column.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredEnclosure<'a> {
    #[serde(flatten)]
    enclosure: std::borrow::Cow<'a, Enclosure>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    picture: bool,
}

/// The `enclosures` column for an item's enclosures and picture; None when it has neither.
pub(super) fn encode_enclosures(enclosures: &[Enclosure], picture: Option<&str>) -> Option<String> {
    let picture = picture.map(|url| StoredEnclosure {
        enclosure: std::borrow::Cow::Owned(Enclosure {
            url: url.to_string(),
            mime: None,
            length: None,
            duration_secs: None,
        }),
        picture: true,
    });
    let list: Vec<StoredEnclosure<'_>> = enclosures
        .iter()
        .map(|e| StoredEnclosure {
            enclosure: std::borrow::Cow::Borrowed(e),
            picture: false,
        })
        .chain(picture)
        .collect();
    (!list.is_empty())
        .then(|| serde_json::to_string(&list).ok())
        .flatten()
}

/// The `enclosures` column read back: the enclosures, and the picture if one was stored.
fn decode_enclosures(json: Option<&str>) -> (Vec<Enclosure>, Option<String>) {
    let list = decode_list::<StoredEnclosure<'static>>(json);
    let mut picture = None;
    let mut enclosures = Vec::with_capacity(list.len());
    for stored in list {
        let e = stored.enclosure.into_owned();
        if stored.picture {
            picture = picture.or(Some(e.url));
        } else {
            enclosures.push(e);
        }
    }
    (enclosures, picture)
}

fn decode_list<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Vec<T> {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

pub(super) fn apply(conn: &Connection, changes: &[Change]) -> Result<()> {
    let mut read = conn.prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1")?;
    let mut bookmark = conn.prepare_cached("UPDATE articles SET bookmarked = ?2 WHERE id = ?1")?;
    let mut deleted = conn.prepare_cached("UPDATE articles SET deleted = ?2 WHERE id = ?1")?;
    for change in changes {
        match *change {
            Change::Read(id, on) => read.execute(params![id, on])?,
            Change::Bookmark(id, on) => bookmark.execute(params![id, on])?,
            Change::Deleted(id, on) => deleted.execute(params![id, on])?,
            Change::CaughtUp(feed) => super::sync_queue::queue_catch_up(conn, feed)?,
        };
    }
    Ok(())
}

pub(super) fn purge(conn: &Connection, cutoff: i64) -> Result<Purged> {
    let gone = |deleted: bool| -> Result<usize> {
        Ok(conn
            .prepare_cached(
                "DELETE FROM articles
                 WHERE deleted = ?1 AND (deleted = 1 OR read = 1)
                   AND bookmarked = 0 AND in_feed = 0 AND date < ?2",
            )?
            .execute(params![deleted, cutoff])?)
    };
    let deleted = gone(true)?;
    let read = gone(false)?;
    let hidden_kept = conn
        .prepare_cached(
            "DELETE FROM article_bodies WHERE article_id IN
                (SELECT id FROM articles WHERE deleted = 1 AND date < ?1)",
        )?
        .execute(params![cutoff])?;
    // A page read for an article the user deleted goes with its body.
    conn.prepare_cached(
        "DELETE FROM article_fulltext WHERE article_id IN
            (SELECT id FROM articles WHERE deleted = 1 AND date < ?1)",
    )?
    .execute(params![cutoff])?;
    Ok(Purged {
        deleted,
        read,
        hidden_kept,
    })
}

/// Schema 11: every stored article whose title is blank gets one made as ingest now makes
/// it (`derived_title`), from its link, its text, else its date and feed; marked as made and
/// queued for the search index, within the migration's transaction.
pub(super) fn title_blank_rows(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let blank: Vec<(i64, Option<String>, i64, String)> = tx
        .prepare(&format!(
            "SELECT a.id, a.link, a.date, {} FROM articles a JOIN feeds f ON f.id = a.feed_id
             WHERE trim(a.title) = ''",
            super::search::FEED_NAME_SQL
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut bodies =
        tx.prepare("SELECT summary, content FROM article_bodies WHERE article_id = ?1")?;
    let mut retitle =
        tx.prepare("UPDATE articles SET title = ?2, title_derived = 1 WHERE id = ?1")?;
    for (id, link, date, feed) in blank {
        let (summary, content) = bodies
            .query_row([id], |r| {
                Ok((super::bodies::column(r, 0)?, super::bodies::column(r, 1)?))
            })
            .optional()?
            .unwrap_or_default();
        let title = crate::derived_title::derive(
            link.as_deref(),
            [summary.as_deref(), content.as_deref()],
            Some(date),
            Some(&feed),
        );
        retitle.execute(params![id, title])?;
        super::search::queue(tx, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod enclosure_column_tests {
    use super::*;

    fn enclosure(url: &str) -> Enclosure {
        Enclosure {
            url: url.into(),
            mime: Some("audio/mpeg".into()),
            length: Some(10),
            duration_secs: None,
        }
    }

    /// Stored fingerprints hash this text: an item without a picture must encode exactly
    /// as before pictures were stored, or every stored article would count as changed.
    #[test]
    fn without_a_picture_the_column_is_what_it_always_was() {
        let list = vec![
            enclosure("https://a.example/1.mp3"),
            enclosure("https://a.example/2.mp3"),
        ];
        assert_eq!(
            encode_enclosures(&list, None),
            serde_json::to_string(&list).ok()
        );
        assert_eq!(encode_enclosures(&[], None), None);
    }

    #[test]
    fn the_picture_rides_in_the_list_and_comes_back_apart() {
        let list = vec![enclosure("https://a.example/1.mp3")];
        let column = encode_enclosures(&list, Some("https://a.example/p.jpg"));
        assert_eq!(
            decode_enclosures(column.as_deref()),
            (list.clone(), Some("https://a.example/p.jpg".to_string()))
        );
        let only = encode_enclosures(&[], Some("https://a.example/p.jpg"));
        assert_eq!(
            decode_enclosures(only.as_deref()),
            (Vec::new(), Some("https://a.example/p.jpg".to_string()))
        );
        // A column written before pictures were stored.
        let old = serde_json::to_string(&list).ok();
        assert_eq!(decode_enclosures(old.as_deref()), (list, None));
    }
}
