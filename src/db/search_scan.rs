//! What the index does not answer: a term of one letter or digit is checked on the
//! article's own text, folded here exactly as it was for the index (the index keeps no
//! copy of the text since schema version 6, which halved the file).

use super::Result;
use super::search::{Doc, FEED_NAME_SQL, Folded, Term};
use super::search_text::{fold, segment};
use crate::model::ArticleId;
use rusqlite::Connection;

/// Which folded columns a term may be found in.
#[derive(Clone, Copy)]
pub(super) enum Columns {
    /// Title, author, feed name, categories and body (not the Arabic variants, which
    /// repeat words of the title and body).
    All,
    /// Title, author, feed name and categories.
    Head,
    Body,
}

/// The article's searchable text as it is indexed, the body only when `columns` need
/// it (turning HTML into text is most of the cost); `None` for an unknown article.
pub(super) fn doc(conn: &Connection, id: ArticleId, columns: Columns) -> Result<Option<Doc>> {
    Ok(folded(conn, id, columns)?.map(Doc::from))
}

/// As [`doc`], folded but not yet split into the index's words.
pub(super) fn folded(conn: &Connection, id: ArticleId, columns: Columns) -> Result<Option<Folded>> {
    let mut stmt = conn.prepare_cached(&select(columns, "a.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(read(r)?)),
        None => Ok(None),
    }
}

/// The SQL that reads articles for [`read`], those `condition` selects, newest first.
fn select(columns: Columns, condition: &str) -> String {
    let (bodies, page) = if matches!(columns, Columns::All | Columns::Body) {
        (
            "b.summary, b.content, ft.html",
            "LEFT JOIN article_fulltext ft ON ft.article_id = a.id", // i18n: SQL
        )
    } else {
        ("NULL, NULL, NULL", "") // i18n: SQL
    };
    format!(
        "SELECT a.id, a.title, a.author, {FEED_NAME_SQL}, b.categories, {bodies}
         FROM articles a
         JOIN feeds f ON f.id = a.feed_id
         LEFT JOIN article_bodies b ON b.article_id = a.id
         {page}
         WHERE {condition}
         ORDER BY a.id DESC"
    )
}

/// The folded text of a row of [`select`]'s columns (the id first).
pub(super) fn read(r: &rusqlite::Row<'_>) -> Result<Folded> {
    let title: String = r.get(1)?;
    let author: Option<String> = r.get(2)?;
    let feed: String = r.get(3)?;
    let categories: Vec<String> = r
        .get::<_, Option<String>>(4)?
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    let summary = super::bodies::column(r, 5)?;
    let content = super::bodies::column(r, 6)?;
    let page = super::bodies::column(r, 7)?;
    Ok(Folded::new(
        &title,
        author.as_deref(),
        &feed,
        &categories,
        summary.as_deref(),
        content.as_deref(),
        page.as_deref(),
    ))
}

/// The newest `rows` articles (by id) with every term in their title, author, feed name
/// or categories, with a score: 2 when every term is in the title, else 1. Folds the
/// other columns only when the title alone does not have every term: this reads up to
/// 20,000 articles per keystroke.
pub(super) fn newest_with(
    conn: &Connection,
    rows: i64,
    terms: &[Term],
) -> Result<Vec<(ArticleId, f64)>> {
    let mut stmt = conn.prepare_cached(&select(
        Columns::Head,
        "a.id >= (SELECT coalesce(max(id), 0) FROM articles) - ?1",
    ))?;
    let has = |cols: &[&str]| {
        terms
            .iter()
            .all(|t| cols.iter().any(|c| c.contains(t.0.as_str())))
    };
    let mut found = Vec::new();
    let mut q = stmt.query([rows])?;
    while let Some(r) = q.next()? {
        let id: ArticleId = r.get(0)?;
        // As `Folded::new` folds them.
        let title = segment(&fold(&r.get::<_, String>(1)?));
        if has(&[&title]) {
            found.push((id, 2.0));
            continue;
        }
        let author = segment(
            &r.get::<_, Option<String>>(2)?
                .map(|a| fold(&a))
                .unwrap_or_default(),
        );
        let feed = segment(&fold(&r.get::<_, String>(3)?));
        let categories: Vec<String> = r
            .get::<_, Option<String>>(4)?
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        let categories = segment(&fold(&categories.join("\n")));
        if has(&[&title, &author, &feed, &categories]) {
            found.push((id, 1.0));
        }
    }
    Ok(found)
}

/// Whether every term is in one of `columns` of `doc`, as `instr()` on the stored
/// columns found it before.
pub(super) fn has_all(doc: &Doc, terms: &[Term], columns: Columns) -> bool {
    let cols: &[&str] = match columns {
        Columns::All => &[
            &doc.title,
            &doc.author,
            &doc.feed,
            &doc.categories,
            &doc.body,
        ],
        Columns::Head => &[&doc.title, &doc.author, &doc.feed, &doc.categories],
        Columns::Body => &[&doc.body],
    };
    terms
        .iter()
        .all(|t| cols.iter().any(|c| c.contains(t.0.as_str())))
}

/// Whether article `id` has every term in `columns`; false for an unknown article.
pub(super) fn article_has_all(
    conn: &Connection,
    id: ArticleId,
    terms: &[Term],
    columns: Columns,
) -> Result<bool> {
    if terms.is_empty() {
        return Ok(true);
    }
    Ok(doc(conn, id, columns)?.is_some_and(|d| has_all(&d, terms, columns)))
}
