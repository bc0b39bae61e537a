//! Searching while another process indexes: articles still in `search_pending` (never
//! indexed, or changed since) are read and folded as indexing would fold them, and
//! matched word by word as the index matches, so `tidings search` answers in full
//! without the write lock it would need to index them first.

use super::search::{Doc, Plan, Term, fts_phrase, is_punctuation, parse_query, plan};
use super::search_scan::{self, Columns};
use super::{Db, Result};
use crate::model::ArticleId;
use rusqlite::Connection;
use std::collections::HashSet;

/// Below this many waiting articles the scan stays on this thread and connection:
/// a connection per thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// What [`Db::search_with_pending`] found.
#[derive(Debug, Default)]
pub struct FullAnswer {
    /// Best first, as [`Db::search`]; waiting articles after the indexed ones.
    pub rows: Vec<(ArticleId, f64)>,
    /// How many articles were read and matched by their text.
    pub scanned: usize,
}

impl Db {
    /// As [`Db::search`], but articles waiting to be indexed are found too, by their
    /// current text: an indexed article that changed since is answered from its text,
    /// never its old index row. Waiting matches come after the ranked indexed ones,
    /// newest first (they have no bm25 score). Reads only: no lock is needed.
    ///
    /// Every waiting article is read (a reader catching up with 250,000 leaves that
    /// many), split across the cores, each with its own connection when the file has a
    /// path: most are ruled out by a substring test on their folded text before they
    /// are split into words as the index splits them.
    pub fn search_with_pending(&self, query: &str, limit: usize) -> Result<FullAnswer> {
        self.search_with_pending_from(query, limit, PARALLEL_FROM)
    }

    /// As [`Db::search_with_pending`], split across threads from `parallel_from`
    /// waiting articles (tests compare the split with the plain pass).
    #[doc(hidden)]
    pub fn search_with_pending_from(
        &self,
        query: &str,
        limit: usize,
        parallel_from: usize,
    ) -> Result<FullAnswer> {
        let terms = parse_query(query);
        if terms.is_empty() || limit == 0 {
            return Ok(FullAnswer::default());
        }
        if matches!(plan(&terms, ""), Plan::Scan(_)) {
            // One-letter words alone are read from the articles themselves already.
            return Ok(FullAnswer {
                rows: self.search(query, limit)?,
                scanned: 0,
            });
        }
        let pending: Vec<ArticleId> = self
            .conn
            .prepare_cached("SELECT article_id FROM search_pending ORDER BY article_id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let skip: HashSet<ArticleId> = pending.iter().copied().collect();
        let mut rows: Vec<(ArticleId, f64)> = self
            .search(query, limit.saturating_add(pending.len()))?
            .into_iter()
            .filter(|(id, _)| !skip.contains(id))
            .collect();
        rows.truncate(limit);
        let want = limit - rows.len();
        if want == 0 {
            return Ok(FullAnswer { rows, scanned: 0 });
        }
        let needles = needles(&terms);
        let path = self.conn.path().filter(|p| !p.is_empty());
        let found: Vec<ArticleId> = match path {
            Some(path) if pending.len() >= parallel_from => {
                // At least two parts, so that the split is what tests compare on any
                // machine; a part of one core's machine waits for the other.
                let parts = crate::split::threads().max(2);
                let parts = crate::split::map_ranges(pending.len(), parts, |range| {
                    let db = Db::open_reader(std::path::Path::new(path))?;
                    scan(&db.conn, &pending[range], &terms, &needles, want)
                });
                let mut found = Vec::new();
                for part in parts {
                    found.extend(part?);
                }
                found
            }
            _ => scan(&self.conn, &pending, &terms, &needles, want)?,
        };
        rows.extend(found.into_iter().take(want).map(|id| (id, 0.0)));
        Ok(FullAnswer {
            rows,
            scanned: pending.len(),
        })
    }
}

/// The articles of `ids` (newest first) that the index would find for `terms`, at most
/// `want`, in the order of `ids`.
fn scan(
    conn: &Connection,
    ids: &[ArticleId],
    terms: &[Term],
    needles: &[String],
    want: usize,
) -> Result<Vec<ArticleId>> {
    let mut found = Vec::new();
    for &id in ids {
        if found.len() >= want {
            break;
        }
        let Some(folded) = search_scan::folded(conn, id, Columns::All)? else {
            continue;
        };
        if needles.iter().all(|n| folded.contains(n)) && matches_as_indexed(&folded.into(), terms) {
            found.push(id);
        }
    }
    Ok(found)
}

/// What must be part of an article's folded text for [`matches_as_indexed`] to find
/// it: each word of each term as the index splits it (a prefix of a word is part of
/// it; a spaceless script's characters each); a one-letter term itself.
fn needles(terms: &[Term]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        match fts_phrase(t, i + 1 == terms.len() && !t.1) {
            Some((phrase, _)) => out.extend(tokens(&phrase).into_iter().map(str::to_string)),
            None => out.push(t.0.clone()),
        }
    }
    out
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
    // Split once for all terms: on a body of some KB this is most of the work.
    let words: Vec<Vec<&str>> = cols.iter().map(|c| tokens(c)).collect();
    terms
        .iter()
        .enumerate()
        .all(|(i, t)| match fts_phrase(t, i + 1 == terms.len() && !t.1) {
            None => search_scan::has_all(doc, std::slice::from_ref(t), Columns::All),
            Some((phrase, prefix)) => {
                let want = tokens(&phrase);
                !want.is_empty() && words.iter().any(|w| has_phrase(w, &want, prefix))
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
