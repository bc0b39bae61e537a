//! The filter language: one grammar for search, views, saved views and `tidings list --filter`.
//!
//! ```text
//! query    := or?                      empty matches everything
//! or       := and ( "or" and )*        lowest precedence
//! and      := unary ( ["and"] unary )*  juxtaposition is "and"
//! unary    := "not" unary | "-" primary | primary    "-" sticks to what follows it
//! primary  := "(" or ")" | term
//! term     := word | "phrase" | unread | read | bookmarked | has:enclosure
//!           | feed:V | tag:V | category:V | author:V | title:V      V = word or "phrase"
//!           | age:<Nu | age:>Nu   (u = m h d w: minutes, hours, days, weeks)
//!           | after:YYYY-MM-DD | before:YYYY-MM-DD
//! ```
//!
//! - Keywords and field names are case-insensitive; inside quotes every word is just a word.
//! - Free words and phrases must each occur (folded, see [`fold`]) in the title, feed title,
//!   author or body. `feed:` is a substring of the feed title or URL; `tag:`/`category:` equal a
//!   whole tag/category; `author:`/`title:` are substrings.
//! - Dates are UTC days: `after:D` is on or after D 00:00 UTC, `before:D` is before D 00:00 UTC,
//!   so `after:2025-01-01 before:2025-01-02` is exactly 1 January.
//! - `age:<3d` is younger than three days (`now - date < 3*86400`); `age:>2w` older than two
//!   weeks. Articles dated in the future are younger than anything.
//!
//! Parsing is pure and matching does no I/O: the app supplies a [`Subject`] per headline.

mod ast;
mod error;
mod eval;
mod fold;
mod implies;
mod lexer;
mod parser;

use std::fmt;
use std::str::FromStr;

pub use ast::{Age, AgeCmp, AgeUnit, Day, Expr, Needle};
pub use error::FilterError;
pub use fold::{contains_folded, find_all, fold, fold_by_char, fold_char, fold_into, folded_eq};

/// What a filter looks at in one article. Implemented by the app over its headlines, so the
/// body is consulted only where it is at hand.
pub trait Subject {
    fn title(&self) -> &str;
    /// The feed's title.
    fn feed(&self) -> &str;
    fn feed_url(&self) -> &str;
    fn author(&self) -> Option<&str>;
    fn tags(&self) -> &[String];
    /// Whether one of the article's feed categories folds to `folded`.
    fn has_category(&self, folded: &str) -> bool;
    fn read(&self) -> bool;
    fn bookmarked(&self) -> bool;
    fn has_enclosure(&self) -> bool;
    /// Unix seconds, UTC.
    fn date(&self) -> i64;
    /// Whether the body contains the (already folded) needle; None when the body is not known
    /// here. Implementations should compare with [`contains_folded`] so the rules are the same.
    fn body_contains(&self, folded_needle: &str) -> Option<bool>;
    /// Whether the title, the author or the feed's title holds the needle, when one scan
    /// over the folded text of many articles answered it ahead of matching; None: match
    /// the fields here.
    fn text_has(&self, _needle: &Needle) -> Option<bool> {
        None
    }
    /// Whether the feed's title or URL holds the needle (`feed:`), when a pass answered it
    /// once per feed ahead of matching; None: match the fields here.
    fn feed_has(&self, _needle: &Needle) -> Option<bool> {
        None
    }
    /// True when `title`, `feed`, `feed_url` and `author` already return [`fold`]ed text
    /// (a cache of folded fields), so matching skips folding them again.
    fn prefolded(&self) -> bool {
        false
    }
}

/// A parsed filter. The default (and the parse of an empty or blank query) matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    expr: Option<Expr>,
}

impl Filter {
    pub fn parse(input: &str) -> Result<Filter, FilterError> {
        parser::parse(input).map(|expr| Filter { expr })
    }

    /// The parsed tree; None for the empty filter.
    pub fn expr(&self) -> Option<&Expr> {
        self.expr.as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.expr.is_none()
    }

    /// Whether the article matches; `now` (unix seconds) is the reference for `age:`.
    pub fn matches(&self, s: &impl Subject, now: i64) -> bool {
        self.expr.as_ref().is_none_or(|e| eval::matches(e, s, now))
    }

    /// Whether every article this filter matches is also matched by `other`, so a list
    /// `other` produced can be narrowed by this one instead of filtering the whole view.
    /// Conservative: false when unsure. Holds while this filter has no body hits yet, whatever
    /// hits `other` had.
    pub fn implies(&self, other: &Filter) -> bool {
        match (&self.expr, &other.expr) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(new), Some(old)) => implies::implies(new, old),
        }
    }

    /// Every free word and phrase (`Expr::Text`), negated ones included, once each by its
    /// folded text: what a scan of many titles and authors can answer ahead of matching
    /// ([`Subject::text_has`]).
    pub fn text_needles(&self) -> Vec<&Needle> {
        let mut out = Vec::new();
        if let Some(e) = &self.expr {
            eval::collect_text_needles(e, &mut out);
        }
        out
    }

    /// Every `feed:` value, negated ones included, once each by its folded text: what a pass
    /// can answer once per feed ([`Subject::feed_has`]).
    pub fn feed_needles(&self) -> Vec<&Needle> {
        let mut out = Vec::new();
        if let Some(e) = &self.expr {
            eval::collect_feed_needles(e, &mut out);
        }
        out
    }

    /// The free words and phrases that count for a match, folded, in query order without
    /// repeats: for highlighting and for narrowing candidates with a full-text index. Terms
    /// under `not`/`-` are left out (they never appear in a match); terms under `or` are kept,
    /// so an index lookup must treat them as alternatives, not as all required.
    pub fn text_terms(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(e) = &self.expr {
            eval::collect_text_terms(e, &mut out);
        }
        out
    }

    /// Whether matching asks for article categories, which the headless commands load only
    /// when needed (they are read from a column of their own).
    pub fn uses_categories(&self) -> bool {
        self.expr.as_ref().is_some_and(Expr::uses_categories)
    }

    /// Every free word and phrase, folded, negated ones included: what the full-text index must
    /// be asked about so `-word` also excludes articles whose body holds the word.
    pub fn body_terms(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(e) = &self.expr {
            eval::collect_body_terms(e, &mut out);
        }
        out
    }
}

/// Shorthand for [`Filter::parse`].
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    Filter::parse(input)
}

impl FromStr for Filter {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Filter, FilterError> {
        Filter::parse(s)
    }
}

/// The normalized form: single spaces, lower-case keywords, `-` for negation, quotes only
/// where needed. Parsing it gives back an equal filter.
impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.expr {
            Some(e) => write!(f, "{e}"),
            None => Ok(()),
        }
    }
}
