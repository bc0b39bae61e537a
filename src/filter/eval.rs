//! Matching a parsed filter against one [`Subject`].

use super::Subject;
use super::ast::{AgeCmp, Expr, Needle};
use super::fold::{contains_with, folded_eq};

pub(crate) fn matches(e: &Expr, s: &impl Subject, now: i64) -> bool {
    match e {
        Expr::Unread => !s.read(),
        Expr::Read => s.read(),
        Expr::Bookmarked => s.bookmarked(),
        Expr::HasEnclosure => s.has_enclosure(),
        Expr::Text(n) => {
            s.text_has(n).unwrap_or_else(|| {
                contains(s, s.title(), n)
                    || contains(s, s.feed(), n)
                    || s.author().is_some_and(|a| contains(s, a, n))
            }) || s.body_contains(n.folded()) == Some(true)
        }
        Expr::Feed(n) => s
            .feed_has(n)
            .unwrap_or_else(|| contains(s, s.feed(), n) || contains(s, s.feed_url(), n)),
        Expr::Tag(n) => s.tags().iter().any(|t| folded_eq(t, n.folded())),
        Expr::Category(n) => s.has_category(n.folded()),
        Expr::Author(n) => s.author().is_some_and(|a| contains(s, a, n)),
        Expr::Title(n) => contains(s, s.title(), n),
        Expr::Age(a) => {
            // Dates come from feeds: saturate rather than overflow on absurd ones.
            let age = now.saturating_sub(s.date());
            match a.cmp {
                AgeCmp::Younger => age < a.seconds(),
                AgeCmp::Older => age > a.seconds(),
            }
        }
        Expr::After(d) => s.date() >= d.start,
        Expr::Before(d) => s.date() < d.start,
        Expr::Not(inner) => !matches(inner, s, now),
        // Flags and dates first: they are a load, text search is a fold and a scan.
        Expr::And(items) => {
            items
                .iter()
                .filter(|i| cheap(i))
                .all(|i| matches(i, s, now))
                && items
                    .iter()
                    .filter(|i| !cheap(i))
                    .all(|i| matches(i, s, now))
        }
        Expr::Or(items) => {
            items
                .iter()
                .filter(|i| cheap(i))
                .any(|i| matches(i, s, now))
                || items
                    .iter()
                    .filter(|i| !cheap(i))
                    .any(|i| matches(i, s, now))
        }
    }
}

fn cheap(e: &Expr) -> bool {
    match e {
        Expr::Unread
        | Expr::Read
        | Expr::Bookmarked
        | Expr::HasEnclosure
        | Expr::Age(_)
        | Expr::After(_)
        | Expr::Before(_) => true,
        Expr::Not(inner) => cheap(inner),
        _ => false,
    }
}

fn contains(s: &impl Subject, haystack: &str, n: &Needle) -> bool {
    if s.prefolded() {
        return n.finder().find(haystack.as_bytes()).is_some();
    }
    contains_with(haystack, n.folded(), |hay| n.finder().find(hay).is_some())
}

pub(crate) fn collect_text_needles<'a>(e: &'a Expr, out: &mut Vec<&'a Needle>) {
    match e {
        Expr::Text(n) if !out.iter().any(|t| t.folded() == n.folded()) => out.push(n),
        Expr::Not(inner) => collect_text_needles(inner, out),
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_text_needles(item, out);
            }
        }
        _ => {}
    }
}

pub(crate) fn collect_feed_needles<'a>(e: &'a Expr, out: &mut Vec<&'a Needle>) {
    match e {
        Expr::Feed(n) if !out.iter().any(|t| t.folded() == n.folded()) => out.push(n),
        Expr::Not(inner) => collect_feed_needles(inner, out),
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_feed_needles(item, out);
            }
        }
        _ => {}
    }
}

pub(crate) fn collect_text_terms(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Text(n) if !out.iter().any(|t| t == n.folded()) => {
            out.push(n.folded().to_string());
        }
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_text_terms(item, out);
            }
        }
        _ => {}
    }
}

pub(crate) fn collect_body_terms(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Text(n) if !out.iter().any(|t| t == n.folded()) => {
            out.push(n.folded().to_string());
        }
        Expr::Not(inner) => collect_body_terms(inner, out),
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_body_terms(item, out);
            }
        }
        _ => {}
    }
}
