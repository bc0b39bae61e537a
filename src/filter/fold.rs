//! Case folding shared by matching and highlighting.
//!
//! Full Unicode case folding (CaseFolding.txt, statuses C and F) through the `caseless` crate, so
//! `STRASSE` finds `straße` and `ﬁle` finds `FILE`; then Latin letters lose their diacritics
//! (`cafe` finds `Café`, `lodz` finds `Łódź`) and combining marks and invisible characters
//! (soft hyphens, zero-width spaces) are dropped. The search index folds its text with the
//! same function ([`fold_char`]), so a word the reader finds in a title is found by the
//! index in a body and the other way round. No normalization beyond that: feeds are
//! overwhelmingly NFC, and normalizing would cost a pass over every haystack.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

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

/// Appends the folded form of `s` to `out`. Runs of ASCII are copied and lower-cased in
/// bulk, only the other characters go one by one: folding 250,000 mixed-script titles
/// when a search opens took 0.2 s character by character.
pub fn fold_into(s: &str, out: &mut String) {
    let two_byte = two_byte_folds();
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if ascii > 0 {
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            // Cyrillic, Greek, Arabic, Hebrew and accented Latin: the table, looked up here
            // without the general path's checks for each character.
            let cp = u32::from(c);
            match (0x80..0x800)
                .contains(&cp)
                .then(|| two_byte.get((cp - 0x80) as usize))
                .flatten()
            {
                Some(TwoByte::One(single)) => out.push(*single),
                Some(TwoByte::Dropped) => {}
                _ => push_folded(c, out),
            }
            rest = chars.as_str();
        }
    }
}

/// The plain definition [`fold_into`] must agree with: every character folded on its own.
#[doc(hidden)]
pub fn fold_by_char(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    for_each_folded(c, |f| out.push(f));
}

/// Calls `f` with each character `c` folds to: none for marks and invisible characters, one,
/// or up to three for `ß`, `ﬃ`, `ΐ`…
pub fn fold_char(c: char, f: impl FnMut(char)) {
    for_each_folded(c, f)
}

/// The general path is a binary search in CaseFolding.txt; two shortcuts keep it off the hot
/// path: a table for the two-byte UTF-8 range (Latin, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic) and a pass-through for characters without case (CJK, Thai, symbols…).
fn for_each_folded(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        return f(c.to_ascii_lowercase());
    }
    let cp = u32::from(c);
    // Kana, CJK ideographs, Hangul syllables and emoji have no case and no marks to drop:
    // the case tables' lookups below cost more than the rest of a fold.
    if matches!(cp, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0x1F300..=0x1FAFF)
    {
        return f(c);
    }
    if cp < 0x800 {
        match two_byte_folds()[(cp - 0x80) as usize] {
            TwoByte::One(single) => return f(single),
            TwoByte::Dropped => return,
            TwoByte::General => {}
        }
    } else if !c.is_lowercase()
        && !c.is_uppercase()
        && !is_titlecase(c)
        && latin_base(c).is_none()
        && !is_dropped(c)
    {
        return f(c);
    }
    std::iter::once(c)
        .default_case_fold()
        .for_each(|l| strip_into(l, &mut f));
}

/// A case-folded character without its diacritics, or nothing for a mark.
fn strip_into(c: char, f: &mut impl FnMut(char)) {
    if let Some(base) = latin_base(c) {
        f(base)
    } else if !is_dropped(c) {
        f(c)
    }
}

fn is_dropped(c: char) -> bool {
    is_combining_mark(c) || is_invisible(c)
}

/// Base letters of U+00C0..U+024F and U+1E00..U+1EFF after lower-casing, `.` for none
/// (made from the Unicode decompositions, plus ø, đ, ł, ħ, ı and kin that have none).
const LATIN_1_TO_EXT_B: &[u8; 400] = b"aaaaaa.ceeeeiiii.nooooo.ouuuuy..aaaaaa.ceeeeiiii.nooooo.ouuuuy.yaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiii.i..jjkk.llllllllllnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz.b......cc..dd....ffg...ikkl...n.oo..pp.....ttttuu..yyzz......................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hhn...zzaaeeooooooooyy.......ccl.sz..b..eejj..rryy";
const LATIN_ADDITIONAL: &[u8; 256] = b"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

fn latin_base(c: char) -> Option<char> {
    let cp = c as u32;
    let b = match cp {
        0xC0..=0x24F => LATIN_1_TO_EXT_B[(cp - 0xC0) as usize],
        0x1E00..=0x1EFF => LATIN_ADDITIONAL[(cp - 0x1E00) as usize],
        _ => return None,
    };
    (b != b'.').then_some(b as char)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Soft hyphens and zero-width characters sit inside words without being seen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The general category Lt: cased, yet neither upper nor lower case.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}'
        | '\u{1F88}'..='\u{1F8F}' | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}'
        | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

#[derive(Clone, Copy)]
enum TwoByte {
    One(char),
    Dropped,
    /// Folds to several characters (`ß`): the general path.
    General,
}

/// U+0080..U+07FF folded and stripped.
fn two_byte_folds() -> &'static [TwoByte] {
    static TABLE: OnceLock<Vec<TwoByte>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80u32..0x800)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else {
                    return TwoByte::General;
                };
                let mut out = Vec::new();
                std::iter::once(c)
                    .default_case_fold()
                    .for_each(|l| strip_into(l, &mut |x| out.push(x)));
                match out.as_slice() {
                    [] => TwoByte::Dropped,
                    [one] => TwoByte::One(*one),
                    _ => TwoByte::General,
                }
            })
            .collect()
    })
}

thread_local! {
    // Reused between calls so matching 100,000 headlines does not allocate per headline.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Headlines and feed titles fit; longer ASCII text goes through the scratch buffer.
const STACK_FOLD: usize = 256;

/// Whether the folded `haystack` contains `folded_needle` (which must already be folded).
/// An empty needle is found everywhere. For [`super::Subject::body_contains`].
pub fn contains_folded(haystack: &str, folded_needle: &str) -> bool {
    contains_with(haystack, folded_needle, |hay| {
        memchr::memmem::find(hay, folded_needle.as_bytes()).is_some()
    })
}

/// Runs `find` on the folded bytes of `haystack`. ASCII (most of the work for most feeds) is
/// lower-cased in bulk, on the stack when short; anything else is folded char by char into the
/// thread's scratch buffer. A folded non-ASCII needle never occurs in an ASCII haystack.
pub(crate) fn contains_with(
    haystack: &str,
    folded_needle: &str,
    find: impl FnOnce(&[u8]) -> bool,
) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    let bytes = haystack.as_bytes();
    let ascii = haystack.is_ascii();
    if ascii && (!folded_needle.is_ascii() || bytes.len() < folded_needle.len()) {
        return false;
    }
    if ascii && bytes.len() <= STACK_FOLD {
        let mut buf = [0u8; STACK_FOLD];
        let buf = &mut buf[..bytes.len()];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        return find(buf);
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            fold_into(haystack, &mut buf);
            let found = find(buf.as_bytes());
            // One huge body should not pin its size for the life of the thread.
            if buf.capacity() > 1 << 20 {
                *buf = String::new();
            }
            found
        }
        // Only reachable if `find` itself re-entered; fall back to a fresh buffer.
        Err(_) => find(fold(haystack).as_bytes()),
    })
}

/// Whether `text`, folded, equals `folded` (already folded), without allocating.
pub fn folded_eq(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        return text.len() == folded.len() && text.eq_ignore_ascii_case(folded);
    }
    let mut want = folded.chars();
    let mut same = true;
    for c in text.chars() {
        for_each_folded(c, |f| same &= want.next() == Some(f));
        if !same {
            return false;
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
        let (Some(&(start, _)), Some(&(_, mut end))) = (origin.get(at), origin.get(last)) else {
            continue;
        };
        // Marks that fold to nothing belong to the letter before them (`e` + U+0301).
        for c in haystack[end..].chars() {
            let mut empty = true;
            for_each_folded(c, |_| empty = false);
            if !empty {
                break;
            }
            end += c.len_utf8();
        }
        match ranges.last_mut() {
            // Two matches inside one expansion (`s` twice in `ß`) are one highlight.
            Some(prev) if start < prev.end => prev.end = prev.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts in `for_each_folded` must agree with CaseFolding.txt (then stripping) for
    /// every scalar value.
    #[test]
    fn shortcuts_agree_with_full_case_folding_everywhere() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut ours = String::new();
            push_folded(c, &mut ours);
            let mut reference = String::new();
            std::iter::once(c)
                .default_case_fold()
                .for_each(|l| strip_into(l, &mut |x| reference.push(x)));
            assert_eq!(ours, reference, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn diacritics_marks_and_invisibles_do_not_matter() {
        assert_eq!(fold("Élection à Zürich"), "election a zurich");
        assert_eq!(fold("ŁÓDŹ Øresund"), "lodz oresund");
        assert_eq!(fold("e\u{301}lection"), "election");
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        assert_eq!(fold("elec\u{AD}tion"), "election");
        assert_eq!(fold("STRASSE Straße"), "strasse strasse");
        assert_eq!(fold("Переговоры Ёлка"), "переговоры ёлка");
        assert!(contains_folded("Le Café du Commerce", "cafe du"));
        assert_eq!(find_all("Un café noir", "cafe"), vec![3..8]);
        assert!(folded_eq("Zürich", "zurich"));
    }
}
