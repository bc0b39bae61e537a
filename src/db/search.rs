//! Full-text search over stored articles: an FTS5 table `article_search`. Ingest queues
//! new and changed articles in `search_pending` (in its transaction) and
//! [`Db::index_pending`] indexes them later; a trigger removes deleted articles from both
//! at once, so a pruned article is never found.
//!
//! The table indexes folded text ([`fold`]: lower case, no Latin diacritics) split into
//! words by `unicode61`, without prefix indexes since schema 12 (they were half its
//! size). The last query word is a prefix (`elect` finds `election`, `министр` finds
//! `министров`), which FTS5 answers by merging the lists of the words it begins. Scripts
//! without spaces are stored one character per word, so `经济` is the phrase `经 济` and
//! finds the characters anywhere; Arabic words are also stored without their attached
//! conjunction, preposition or article (`والوزير` is found by `وزير` and `الوزير`).
//! A word of one letter or digit is checked on the article's text instead (folded again
//! by `search_scan`: the table is contentless and keeps only the index): as a prefix it
//! would match most of the index.
//!
//! The trigram tokenizer would find any substring, but on 100,000 articles it made the
//! index about five times larger, indexing ten times slower and a search for a common
//! word take 200 ms; see `tests/search/search_perf.rs` for what this layout does.

use super::search_scan::{self, Columns};
use super::search_text::{
    MAX_BODY_CHARS, arabic_variants, fold, html_to_text, is_spaceless_script, segment,
};
use super::{Db, Result};
use crate::model::{ArticleId, FeedId};
use rusqlite::{Connection, params};
use std::collections::HashSet;

pub use super::search_text::fold as fold_text;

/// bm25 weights of title, author, feed, categories, body and Arabic variants: a word in
/// the title says more about what an article is than the same word in its body.
const WEIGHTS: &str = "10.0, 3.0, 2.0, 3.0, 1.0, 1.0";

/// A query is ranked among at most this many of its newest matches. bm25 scores every
/// match, and a word found in most articles would otherwise take far longer than a
/// keystroke may; among so many matches the newest are what a news reader wants anyway.
const RANK_WINDOW: i64 = 4_000;

/// Rows a query without any indexable term may scan, from the newest: enough for
/// the recent articles a one-letter search is about, bounded in time.
const SCAN_ROWS: i64 = 20_000;

/// The searchable text of one article, already folded.
pub(super) struct Doc {
    pub(super) title: String,
    pub(super) author: String,
    pub(super) feed: String,
    pub(super) categories: String,
    pub(super) body: String,
    pub(super) variants: String,
}

/// An article's text folded as [`Doc`] holds it, before spaceless scripts are split
/// into characters and Arabic variants added: every word of the `Doc` is part of one
/// of these columns, so a word missing from all of them rules the article out.
pub(super) struct Folded {
    pub(super) title: String,
    pub(super) author: String,
    pub(super) feed: String,
    pub(super) categories: String,
    pub(super) body: String,
}

impl Folded {
    pub(super) fn new(
        title: &str,
        author: Option<&str>,
        feed: &str,
        categories: &[String],
        summary: Option<&str>,
        content: Option<&str>,
        fulltext: Option<&str>,
    ) -> Folded {
        let mut body = body_text(summary, content);
        // The page read for the article (`article_fulltext`) is found like its body.
        if let Some(page) = fulltext.filter(|p| !p.trim().is_empty()) {
            body.push('\n');
            body.push_str(&html_to_text(page, MAX_BODY_CHARS));
        }
        Folded {
            title: fold(title),
            author: author.map(fold).unwrap_or_default(),
            feed: fold(feed),
            categories: fold(&categories.join("\n")),
            body: fold(&body),
        }
    }

    /// Whether `needle` is part of any column.
    pub(super) fn contains(&self, needle: &str) -> bool {
        [
            &self.title,
            &self.author,
            &self.feed,
            &self.categories,
            &self.body,
        ]
        .iter()
        .any(|c| c.contains(needle))
    }
}

impl From<Folded> for Doc {
    fn from(f: Folded) -> Doc {
        let variants = format!("{} {}", arabic_variants(&f.title), arabic_variants(&f.body));
        Doc {
            title: segment(&f.title),
            author: segment(&f.author),
            feed: segment(&f.feed),
            categories: segment(&f.categories),
            body: segment(&f.body),
            variants: variants.trim().to_string(),
        }
    }
}

/// The content as plain text, with the summary in front when it is not just the content's
/// opening (feeds often repeat it).
fn body_text(summary: Option<&str>, content: Option<&str>) -> String {
    let content = content.filter(|c| !c.trim().is_empty());
    let summary = summary.filter(|s| !s.trim().is_empty());
    match (summary, content) {
        (Some(s), Some(c)) => {
            let c = html_to_text(c, MAX_BODY_CHARS);
            let s = html_to_text(s, MAX_BODY_CHARS / 4);
            if c.starts_with(s.trim_end_matches(['…', '.', ' '])) {
                c
            } else {
                format!("{s}\n{c}")
            }
        }
        (s, c) => c
            .or(s)
            .map(|t| html_to_text(t, MAX_BODY_CHARS))
            .unwrap_or_default(),
    }
}

/// Queues an article for (re)indexing; [`Db::index_pending`] does the work later.
pub(super) fn queue(conn: &Connection, id: ArticleId) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO search_pending(article_id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// The name a feed's articles are found by: the configured title, else the document's,
/// else the URL, as the feed list shows it.
pub(super) const FEED_NAME_SQL: &str =
    "coalesce(nullif(trim(f.config_title), ''), nullif(trim(f.doc_title), ''), f.url)";

/// When a feed's name changed since its articles were indexed (renamed in config.toml,
/// or its document's title changed), queues them all to be indexed again.
pub(super) fn check_feed_name(conn: &Connection, feed_id: FeedId) -> Result<()> {
    let changed = conn
        .prepare_cached(&format!(
            "UPDATE feeds AS f SET indexed_name = {FEED_NAME_SQL}
             WHERE f.id = ?1 AND f.indexed_name IS NOT {FEED_NAME_SQL}"
        ))?
        .execute([feed_id])?;
    if changed > 0 {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO search_pending(article_id)
             SELECT id FROM articles WHERE feed_id = ?1",
        )?
        .execute([feed_id])?;
    }
    Ok(())
}

/// Indexes the newest `max` queued articles; returns how many it took from the queue
/// (fewer than `max`: the index is up to date).
#[cfg(test)]
pub(super) fn index_some(conn: &Connection, max: usize) -> Result<usize> {
    // Migration tests index files of versions before 13, as those versions did, with this
    // code, which also reads the pages' table: an empty stand-in for the connection.
    let old: i64 = conn.query_row(
        "SELECT count(*) = 0 FROM sqlite_master WHERE name = 'article_fulltext'",
        [],
        |r| r.get(0),
    )?;
    if old == 1 {
        conn.execute_batch(
            "CREATE TEMP TABLE article_fulltext(article_id INTEGER PRIMARY KEY, html)",
        )?;
    }
    let done = index_while(conn, max, || true);
    if old == 1 {
        conn.execute_batch("DROP TABLE temp.article_fulltext")?;
    }
    done
}

/// As [`index_some`], but stops before an article when `go_on` says so.
pub(super) fn index_while(
    conn: &Connection,
    max: usize,
    mut go_on: impl FnMut() -> bool,
) -> Result<usize> {
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    // The newest `max`, but inserted oldest first: FTS5 writes out its in-memory index
    // whenever a rowid is lower than the one before, so newest-first insertion made a
    // segment per article and spent most of indexing merging them (14.8 s instead of
    // 10.9 s for 20,000 articles, `tidings-bench dbsize 20000`).
    let mut pending = conn.prepare_cached(&format!(
        "SELECT p.article_id, a.title, a.author, {FEED_NAME_SQL},
                b.categories, b.summary, b.content, ft.html
         FROM (SELECT article_id FROM search_pending ORDER BY article_id DESC LIMIT ?1) p
         JOIN articles a ON a.id = p.article_id
         JOIN feeds f ON f.id = a.feed_id
         LEFT JOIN article_bodies b ON b.article_id = a.id
         LEFT JOIN article_fulltext ft ON ft.article_id = a.id
         ORDER BY p.article_id"
    ))?;
    let mut forget = conn.prepare_cached("DELETE FROM article_search WHERE rowid = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO article_search(rowid, title, author, feed, categories, body, variants)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut done = conn.prepare_cached("DELETE FROM search_pending WHERE article_id = ?1")?;
    let mut rows = pending.query([max])?;
    let mut count = 0;
    while go_on()
        && let Some(r) = rows.next()?
    {
        let id: ArticleId = r.get(0)?;
        // The columns `search_scan` reads an article by.
        let doc = Doc::from(search_scan::read(r)?);
        forget.execute([id])?;
        insert.execute(params![
            id,
            doc.title,
            doc.author,
            doc.feed,
            doc.categories,
            doc.body,
            doc.variants
        ])?;
        done.execute([id])?;
        count += 1;
    }
    Ok(count)
}

/// One part of a query: a word or a quoted phrase, folded. `closed` for a phrase whose
/// closing quote was typed: it is complete, and never taken as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term(pub(super) String, pub(super) bool);

/// Splits a query into words and `"quoted phrases"`, folded. Punctuation around words is
/// dropped (`election,` is `election`), and a word or phrase without a letter, digit or
/// symbol such as an emoji is no term at all, so `"`, `*`, `-` or `(` ask for nothing.
pub(super) fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let mut closed = false;
        let raw = if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            closed = end < after.len();
            let phrase = &after[..end];
            rest = after.get(end + 1..).unwrap_or("");
            phrase
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            word.trim_matches(|c: char| {
                c.is_ascii_punctuation() && !matches!(c, '#' | '+' | '$' | '%' | '&' | '@')
            })
        };
        let folded = fold(raw);
        if folded.chars().any(|c| {
            c.is_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !is_punctuation(c))
        }) {
            terms.push(Term(folded, closed));
        }
    }
    terms.dedup();
    terms
}

pub(super) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '«' | '»'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '„'
                | '‚'
                | '—'
                | '–'
                | '…'
                | '·'
                | '•'
                | '¿'
                | '¡'
                | '、'
                | '。'
                | '，'
                | '：'
                | '；'
                | '！'
                | '？'
                | '「'
                | '」'
                | '『'
                | '』'
                | '（'
                | '）'
                | '《'
                | '》'
                | '،'
                | '؛'
                | '؟'
        )
}

/// An FTS5 string: the whole term in double quotes, inner quotes doubled. Inside quotes
/// FTS5 reads no operators, so user text cannot change the query's shape.
fn fts_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// What the index can do with each term.
pub(super) enum Plan {
    /// An FTS5 expression every result matches, and one-character terms to check on
    /// the text afterwards.
    Indexed { expr: String, check: Vec<Term> },
    /// No term can use the index: every term is checked on the text.
    Scan(Vec<Term>),
}

/// The FTS5 form of a term: its words as a quoted phrase, the last one a prefix if
/// `may_be_prefix`; `None`
/// for a single letter or digit, which the index cannot answer cheaply.
fn fts_term(t: &Term, may_be_prefix: bool) -> Option<String> {
    let (segmented, prefix) = fts_phrase(t, may_be_prefix)?;
    let prefix = if prefix { " *" } else { "" };
    Some(format!("{}{prefix}", fts_string(&segmented)))
}

/// What [`fts_term`] asks the index for: the term's words as segmented text, and
/// whether its last word is a prefix; `None` for a term the index does not answer.
/// `search_pending` matches unindexed articles by the same decisions.
pub(super) fn fts_phrase(t: &Term, may_be_prefix: bool) -> Option<(String, bool)> {
    let segmented = segment(&t.0);
    let last = segmented
        .split(|c: char| !(c.is_alphanumeric() || is_spaceless_script(c)))
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let words = segmented
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    let last_chars = last.chars().count();
    let spaceless = last.chars().any(is_spaceless_script);
    if words == 1 && last_chars < 2 && !spaceless {
        return None;
    }
    // A one-character prefix would merge the lists of most words in the index.
    let prefix = may_be_prefix && last_chars >= 2 && !spaceless;
    Some((segmented, prefix))
}

pub(super) fn plan(terms: &[Term], columns: &str) -> Plan {
    let mut parts = Vec::new();
    let mut check = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        // Only the last word is taken as the start of a longer one: it is the one being
        // typed, and a prefix costs a merge of every word it starts.
        match fts_term(t, i + 1 == terms.len() && !t.1) {
            Some(part) => parts.push(part),
            None => check.push(t.clone()),
        }
    }
    if parts.is_empty() {
        return Plan::Scan(check);
    }
    let expr = parts.join(" AND ");
    let expr = if columns.is_empty() {
        expr
    } else {
        format!("{{{columns}}} : ({expr})")
    };
    Plan::Indexed { expr, check }
}

impl Db {
    /// Brings the search index up to date with up to `max` of the articles stored or
    /// changed since it last was, newest first, in one transaction; returns how many.
    /// Ingest only queues articles: tokenizing bodies costs several times what storing
    /// them does, so the writer thread does this when idle and `tidings search` before
    /// it searches. Until then a new article is not found, a changed one by its old text.
    pub fn index_pending(&mut self, max: usize) -> Result<usize> {
        self.index_pending_while(max, || true)
    }

    /// As [`Db::index_pending`], but stops before an article when `go_on` says so, and
    /// commits what it did.
    pub fn index_pending_while(
        &mut self,
        max: usize,
        go_on: impl FnMut() -> bool,
    ) -> Result<usize> {
        // Immediate: the writer thread and a searching reader may both catch up; a
        // deferred transaction would fail to upgrade to writing instead of waiting.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = index_while(&tx, max, go_on)?;
        tx.commit()?;
        Ok(n)
    }

    /// How many articles wait for [`Db::index_pending`].
    pub fn unindexed(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Articles matching every word and `"quoted phrase"` of `query` in their title,
    /// author, feed name, categories or body, best first, at most `limit`. Case and Latin
    /// diacritics do not matter; the last word also finds longer words it begins (`elect`
    /// finds `election`, as typing goes); CJK text is matched character by character,
    /// anywhere.
    ///
    /// The score is bm25 negated, so higher is better; title matches weigh most. A query
    /// with more than 4,000 matches is ranked among its newest 4,000 (or `limit`, if
    /// more) only, by a cheaper score: 2 when every word is in the title, else 1 (then
    /// newest first). A query of only punctuation or operators finds nothing. Single
    /// letters or digits narrow what other words found; on their own they search the
    /// titles, authors, feeds and categories of the newest 20,000 stored articles (read
    /// from the articles themselves, indexed or not), since in bodies they match nearly
    /// everything. Otherwise articles stored since the last
    /// [`Db::index_pending`] are not found yet.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<(ArticleId, f64)>> {
        let terms = parse_query(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        match plan(&terms, "") {
            Plan::Indexed { expr, check } => {
                // A caller asking for more than the window (`tidings search --limit`) gets
                // that many, newest first, rather than a silent cut at the window.
                let size = usize::try_from(RANK_WINDOW)
                    .unwrap_or(usize::MAX)
                    .max(limit);
                let window = self.window(&expr, &check, size)?;
                let Some(&oldest) = window.last() else {
                    return Ok(Vec::new());
                };
                let in_window: HashSet<ArticleId> = window.iter().copied().collect();
                let mut rows: Vec<(ArticleId, f64)> = if window.len() < RANK_WINDOW as usize {
                    let mut stmt = self.conn.prepare_cached(&format!(
                        "SELECT rowid, -bm25(article_search, {WEIGHTS}) FROM article_search
                         WHERE article_search MATCH ?1 AND rowid >= ?2"
                    ))?;
                    let all = stmt.query_map(params![expr, oldest], |r| {
                        Ok((r.get::<_, ArticleId>(0)?, r.get::<_, f64>(1)?))
                    })?;
                    let mut rows = Vec::new();
                    for row in all {
                        let row = row?;
                        if in_window.contains(&row.0) {
                            rows.push(row);
                        }
                    }
                    rows
                } else {
                    // Words this common: bm25's statistics alone would read all their
                    // matches. Articles with every word in the title come first.
                    let in_title: HashSet<ArticleId> = self
                        .conn
                        .prepare_cached(
                            "SELECT rowid FROM article_search
                             WHERE article_search MATCH ?1 AND rowid >= ?2",
                        )?
                        .query_map(params![format!("{{title}} : ({expr})"), oldest], |r| {
                            r.get(0)
                        })?
                        .collect::<rusqlite::Result<_>>()?;
                    window
                        .into_iter()
                        .map(|id| (id, if in_title.contains(&id) { 2.0 } else { 1.0 }))
                        .collect()
                };
                rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
                rows.truncate(limit);
                Ok(rows)
            }
            Plan::Scan(check) => {
                // Ranked by where the terms are: all in the title first, then newest.
                let mut rows = search_scan::newest_with(&self.conn, SCAN_ROWS, &check)?;
                rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
                rows.truncate(limit);
                Ok(rows)
            }
        }
    }

    /// The newest matches of `expr` whose text also has every one of `check`, at most
    /// `size`. Newest first is the table's own order: FTS5 stops after the window.
    fn window(&self, expr: &str, check: &[Term], size: usize) -> Result<Vec<ArticleId>> {
        if check.is_empty() {
            return Ok(self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM article_search WHERE article_search MATCH ?1
                     ORDER BY rowid DESC LIMIT ?2",
                )?
                .query_map(
                    params![expr, i64::try_from(size).unwrap_or(i64::MAX)],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM article_search WHERE article_search MATCH ?1
             ORDER BY rowid DESC",
        )?;
        let mut rows = stmt.query([expr])?;
        let mut window = Vec::new();
        while window.len() < size
            && let Some(r) = rows.next()?
        {
            let id: ArticleId = r.get(0)?;
            if search_scan::article_has_all(&self.conn, id, check, Columns::All)? {
                window.push(id);
            }
        }
        Ok(window)
    }

    /// Articles whose body contains every one of `folded_terms` (as [`fold_text`] makes
    /// them; they are folded again here, which changes nothing for folded text), among
    /// `within` when given. Words match as in [`Db::search`]. Single letters or digits
    /// are only checked against articles another term found or, alone, against the
    /// newest 20,000 of `within`; without `within` they alone find nothing.
    pub fn body_matches(
        &self,
        folded_terms: &[String],
        within: Option<&[ArticleId]>,
    ) -> Result<HashSet<ArticleId>> {
        let terms: Vec<Term> = folded_terms
            .iter()
            .map(|t| Term(fold(t), false))
            .filter(|t| !t.0.is_empty())
            .collect();
        if terms.is_empty() || within.is_some_and(|w| w.is_empty()) {
            return Ok(HashSet::new());
        }
        let wanted: Option<HashSet<ArticleId>> = within.map(|w| w.iter().copied().collect());
        let keep = |id: &ArticleId| wanted.as_ref().is_none_or(|w| w.contains(id));
        // i18n: FTS5 column names
        match plan(&terms, "body variants") {
            Plan::Indexed { expr, check } => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT rowid FROM article_search WHERE article_search MATCH ?1",
                )?;
                let mut out = HashSet::new();
                let mut rows = stmt.query([expr])?;
                while let Some(r) = rows.next()? {
                    let id: ArticleId = r.get(0)?;
                    if keep(&id)
                        && search_scan::article_has_all(&self.conn, id, &check, Columns::Body)?
                    {
                        out.insert(id);
                    }
                }
                Ok(out)
            }
            Plan::Scan(check) => {
                let Some(within) = within else {
                    return Ok(HashSet::new());
                };
                let mut out = HashSet::new();
                let mut ids: Vec<ArticleId> = within.to_vec();
                ids.sort_unstable_by(|a, b| b.cmp(a));
                ids.dedup();
                for id in ids.into_iter().take(SCAN_ROWS as usize) {
                    if search_scan::article_has_all(&self.conn, id, &check, Columns::Body)? {
                        out.insert(id);
                    }
                }
                Ok(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        parse_query(q).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn only_an_open_last_term_is_a_prefix() {
        let expr = |q: &str| match plan(&parse_query(q), "") {
            Plan::Indexed { expr, .. } => expr,
            Plan::Scan(_) => String::new(),
        };
        assert_eq!(expr("rail elect"), "\"rail\" AND \"elect\" *");
        assert_eq!(expr("\"prime minister\""), "\"prime minister\"");
        assert_eq!(expr("\"prime minis"), "\"prime minis\" *");
        assert_eq!(expr("经济"), "\"经 济\"");
        assert_eq!(expr("rail x"), "\"rail\"");
    }

    #[test]
    fn queries_split_into_folded_terms() {
        assert_eq!(
            words("Élection  \"Prime Minister\" rail,"),
            ["election", "prime minister", "rail"]
        );
        assert_eq!(words("\"unterminated phrase"), ["unterminated phrase"]);
        assert_eq!(words("C++ #rust"), ["c++", "#rust"]);
        assert!(words("\" * - NEAR( ) ; , «»").len() == 1); // NEAR is a word, nothing else
        assert!(words("").is_empty());
        assert_eq!(words("经济 🚆"), ["经济", "🚆"]);
    }

    #[test]
    fn fts_strings_cannot_escape_their_quotes() {
        assert_eq!(fts_string("a\"b"), "\"a\"\"b\"");
    }
}
