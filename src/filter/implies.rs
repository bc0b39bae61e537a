//! When one filter's matches are a subset of another's, so a list filtered by the old one can be
//! narrowed instead of filtering the whole view again.
//!
//! The check is syntactic and conservative: `false` only costs a full evaluation, a wrong
//! `true` shows the wrong list (typing `unrea` → `unread` once kept the one article whose title
//! held "unrea"). It must hold across body hits too: the new filter is evaluated before its
//! body hits arrive (`body_contains` is `None`) and the old list may have been filtered with
//! them, so a free word only implies when it appears positively (hits can only add matches)
//! and nothing under `not` is trusted.

use super::ast::{Expr, Needle};

/// Whether every subject `new` matches (without body hits) is matched by `old` (with any body
/// hits, at any `now`).
pub(crate) fn implies(new: &Expr, old: &Expr) -> bool {
    match (new, old) {
        (_, Expr::And(items)) => items.iter().all(|o| implies(new, o)),
        (Expr::Or(items), _) => items.iter().all(|n| implies(n, old)),
        (Expr::And(items), _) => items.iter().any(|n| implies(n, old)),
        (_, Expr::Or(items)) => items.iter().any(|o| implies(new, o)),
        _ => atom_implies(new, old),
    }
}

fn atom_implies(new: &Expr, old: &Expr) -> bool {
    match (new, old) {
        (Expr::Unread, Expr::Unread)
        | (Expr::Read, Expr::Read)
        | (Expr::Bookmarked, Expr::Bookmarked)
        | (Expr::HasEnclosure, Expr::HasEnclosure) => true,
        // A haystack holding the longer needle holds every part of it.
        (Expr::Text(n), Expr::Text(o))
        | (Expr::Title(n), Expr::Title(o) | Expr::Text(o))
        | (Expr::Author(n), Expr::Author(o) | Expr::Text(o))
        | (Expr::Feed(n), Expr::Feed(o)) => holds(n, o),
        (Expr::Tag(n), Expr::Tag(o)) | (Expr::Category(n), Expr::Category(o)) => {
            n.folded() == o.folded()
        }
        (Expr::After(n), Expr::After(o)) => n.start >= o.start,
        (Expr::Before(n), Expr::Before(o)) => n.start <= o.start,
        // `age:` moves with the clock between two keystrokes; a negation flips with body hits
        // and with the clock. Only a negation of fixed facts is safe, and only unchanged.
        (Expr::Not(_), Expr::Not(_)) => new == old && fixed(new),
        _ => false,
    }
}

fn holds(new: &Needle, old: &Needle) -> bool {
    new.folded().contains(old.folded())
}

/// Whether the expression's value depends only on the article's stored fields: no free words
/// (body hits) and no `age:` (the clock).
fn fixed(e: &Expr) -> bool {
    match e {
        Expr::Text(_) | Expr::Age(_) => false,
        Expr::Not(inner) => fixed(inner),
        Expr::And(items) | Expr::Or(items) => items.iter().all(fixed),
        _ => true,
    }
}
