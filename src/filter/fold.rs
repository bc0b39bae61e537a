//! Case folding shared by matching and highlighting.
//!
//! Full Unicode case folding (CaseFolding.txt, statuses C and F) through the `caseless` crate, so
//! `STRASSE` finds `straße` and `ﬁle` finds `FILE`. No normalization: feeds are overwhelmingly
//! NFC, and normalizing would cost a pass over every haystack.

use std::cell::RefCell;
use std::ops::Range;

use caseless::Caseless;

/// The folded form of `s`: what needles are stored as and what haystacks are compared in.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        push_folded(c, out);
    }
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(std::iter::once(c).default_case_fold());
    }
}

thread_local! {
    // Reused between calls so matching 100,000 headlines does not allocate per headline.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Whether the folded `haystack` contains `folded_needle` (which must already be folded).
/// An empty needle is found everywhere.
pub fn contains_folded(haystack: &str, folded_needle: &str) -> bool {
    contains_with(haystack, folded_needle, |hay| {
        memchr::memmem::find(hay.as_bytes(), folded_needle.as_bytes()).is_some()
    })
}

/// Folds `haystack` into the thread's scratch buffer and runs `find` on it. A folded
/// non-ASCII needle can never occur in an ASCII haystack, which skips most of the work for
/// English feeds searched in other scripts.
pub(crate) fn contains_with(
    haystack: &str,
    folded_needle: &str,
    find: impl FnOnce(&str) -> bool,
) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    let hay_ascii = haystack.is_ascii();
    if hay_ascii && !folded_needle.is_ascii() {
        return false;
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            fold_into(haystack, &mut buf);
            find(&buf)
        }
        // Only reachable if `find` itself re-entered; fall back to a fresh buffer.
        Err(_) => find(&fold(haystack)),
    })
}

/// Whether `text`, folded, equals `folded` (already folded), without allocating.
pub fn folded_eq(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        return text.len() == folded.len() && text.eq_ignore_ascii_case(folded);
    }
    let mut want = folded.chars();
    for c in text.chars() {
        if c.is_ascii() {
            if want.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
            continue;
        }
        for f in std::iter::once(c).default_case_fold() {
            if want.next() != Some(f) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// Byte ranges in the ORIGINAL `haystack` of each non-overlapping match of `folded_needle`,
/// left to right. Folding can change lengths (`ß` → `ss`, `İ` → `i̇`), so each range is widened
/// to whole characters of the original: a match that starts or ends inside a character's
/// folded expansion covers that whole character.
pub fn find_all(haystack: &str, folded_needle: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    if folded_needle.is_empty() || haystack.is_empty() {
        return ranges;
    }
    // folded byte offset -> (original start, original end) of the char it came from
    let mut folded = String::with_capacity(haystack.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(haystack.len());
    for (start, c) in haystack.char_indices() {
        let end = start + c.len_utf8();
        let before = folded.len();
        push_folded(c, &mut folded);
        origin.extend(std::iter::repeat_n((start, end), folded.len() - before));
    }
    for at in memchr::memmem::find_iter(folded.as_bytes(), folded_needle.as_bytes()) {
        let last = at + folded_needle.len() - 1;
        let (Some(&(start, _)), Some(&(_, end))) = (origin.get(at), origin.get(last)) else {
            continue;
        };
        match ranges.last_mut() {
            // Two matches inside one expansion (`s` twice in `ß`) are one highlight.
            Some(prev) if start < prev.end => prev.end = prev.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}
