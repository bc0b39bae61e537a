//! Searching while another process indexes: articles still in `search_pending` (never
//! indexed, or changed since) are read and folded as indexing would fold them, and
//! matched word by word as the index matches, so `tidings search` answers in full
//! without the write lock it would need to index them first.

use super::search::{Doc, Plan, Term, fts_phrase, is_punctuation, parse_query, plan};
use super::search_scan::{self, Columns};
use super::{Db, Result};
use crate::model::ArticleId;
use std::collections::HashSet;

/// Waiting articles read at most per search, newest first: folding an article's text
/// costs about what indexing it does, and this many take a few seconds.
pub const PENDING_SCAN: usize = 50_000;

/// What [`Db::search_with_pending`] found.
#[derive(Debug, Default)]
pub struct FullAnswer {
    /// Best first, as [`Db::search`]; waiting articles after the indexed ones.
    pub rows: Vec<(ArticleId, f64)>,
    /// Waiting articles beyond [`PENDING_SCAN`], not read: these are found by their
    /// index rows, if any (their text as it was when last indexed).
    pub unscanned: usize,
}

impl Db {
    /// As [`Db::search`], but articles waiting to be indexed are found too, by their
    /// current text: an indexed article that changed since is answered from its text,
    /// never its old index row. Waiting matches come after the ranked indexed ones,
    /// newest first (they have no bm25 score). Reads only: no lock is needed.
    pub fn search_with_pending(&self, query: &str, limit: usize) -> Result<FullAnswer> {
        let terms = parse_query(query);
        if terms.is_empty() || limit == 0 {
            return Ok(FullAnswer::default());
        }
        if matches!(plan(&terms, ""), Plan::Scan(_)) {
            // One-letter words alone are read from the articles themselves already.
            return Ok(FullAnswer {
                rows: self.search(query, limit)?,
                unscanned: 0,
            });
        }
        let pending: Vec<ArticleId> = self
            .conn
            .prepare_cached("SELECT article_id FROM search_pending ORDER BY article_id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let unscanned = pending.len().saturating_sub(PENDING_SCAN);
        let scanned = &pending[..pending.len() - unscanned];
        let skip: HashSet<ArticleId> = scanned.iter().copied().collect();
        let mut rows: Vec<(ArticleId, f64)> = self
            .search(query, limit.saturating_add(scanned.len()))?
            .into_iter()
            .filter(|(id, _)| !skip.contains(id))
            .collect();
        rows.truncate(limit);
        for &id in scanned {
            if rows.len() >= limit {
                break;
            }
            let Some(doc) = search_scan::doc(&self.conn, id, Columns::All)? else {
                continue;
            };
            if matches_as_indexed(&doc, &terms) {
                rows.push((id, 0.0));
            }
        }
        Ok(FullAnswer { rows, unscanned })
    }
}

/// Whether the index would find `doc` for `terms`: each term's words in a row in one
/// column, the last word of an open last term also as a prefix; a one-letter term
/// anywhere in the text, as [`Db::search`] checks it.
fn matches_as_indexed(doc: &Doc, terms: &[Term]) -> bool {
    let cols = [
        &doc.title,
        &doc.author,
        &doc.feed,
        &doc.categories,
        &doc.body,
        &doc.variants,
    ];
    terms
        .iter()
        .enumerate()
        .all(|(i, t)| match fts_phrase(t, i + 1 == terms.len() && !t.1) {
            None => search_scan::has_all(doc, std::slice::from_ref(t), Columns::All),
            Some((phrase, prefix)) => {
                let want = tokens(&phrase);
                !want.is_empty() && cols.iter().any(|c| has_phrase(&tokens(c), &want, prefix))
            }
        })
}

/// Words as the `unicode61` tokenizer splits folded text: letters, digits and other
/// symbols such as emoji are word characters, punctuation and spaces are not.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| {
        !(c.is_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !is_punctuation(c)))
    })
    .filter(|w| !w.is_empty())
    .collect()
}

fn has_phrase(words: &[&str], want: &[&str], prefix: bool) -> bool {
    let Some((last, head)) = want.split_last() else {
        return false;
    };
    words.windows(want.len()).any(|w| {
        w[..head.len()] == *head
            && (w[head.len()] == *last || (prefix && w[head.len()].starts_with(last)))
    })
}
