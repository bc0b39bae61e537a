//! HTML from a feed made safe for html2text: [`prepare`] removes control characters and the
//! escape sequences they start, raw or written as character references (`&#27;` made
//! html2text panic on an assertion, and `&#27;[31m` must not leave `[31m`), and caps how
//! deeply the HTML nests.
//!
//! html2text is iterative (no stack overflow) but its layout work grows with the square of
//! the nesting depth: 20,000 nested `<div>`s took 14 s, 60,000 took minutes. Real articles
//! nest a few dozen levels, so tags opened beyond [`MAX_DEPTH`] (and beyond
//! [`MAX_TABLE_DEPTH`] for tables, whose layout is costlier still) are dropped and their text
//! kept. This is a tag scanner, not a parser: it only has to bound what html5ever will build.

use std::borrow::Cow;

/// Open elements kept; deeper start tags (and their end tags) are dropped.
pub const MAX_DEPTH: usize = 128;
/// Nested tables kept; deeper table tags are dropped.
pub const MAX_TABLE_DEPTH: usize = 6;

/// Elements that never have content, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose start tag closes an open element of the same name (`<p>a<p>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];
/// Elements whose content html5ever reads as text: copied through unexamined.
pub(crate) const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// html5ever's formatting elements: closed implicitly (by `<p>`, `</div>`, …) they are
/// re-opened before the next text, so only their own end tag ends them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Formatting elements left open at once. Each is re-created at every new block, so 800
/// distinct unclosed `<s id=N>` with a `<p>` after each made html5ever build 320,000
/// elements (295 s for 52 KB); articles close what they open.
pub const MAX_OPEN_FORMATTING: usize = 12;
const TABLE_TAGS: &[&str] = &[
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup",
];

/// `html` without control characters or references to them, with nesting capped.
pub fn prepare(html: &str) -> Cow<'_, str> {
    let clean = without_controls(html);
    let out = bounded(&clean).into_owned();
    if out == html {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(out)
    }
}

/// `html` with control characters and escape sequences removed whole, whether written raw or
/// as character references (`&#27;[31m`, `&#x1b;]52;c;…&#7;`, `&#155;31m`, even
/// `&#27;&lbrack;31m`): the sanitizer's grammar runs over the text as html5ever will decode
/// it, and what it keeps is copied as written. Dropping only the reference to ESC left
/// `[31m` and `]52;c;…` on screen.
pub fn without_controls(html: &str) -> String {
    if !html.contains('&') {
        return crate::sanitize::text(html);
    }
    let mut out = String::with_capacity(html.len());
    crate::sanitize::strip_units(Units { rest: html }, |u| u.ch, |u| out.push_str(u.src));
    // Only `\r`, `\t` and line separators are left for it to fold.
    crate::sanitize::text(&out)
}

/// `s` with its character references decoded as far as this module knows them (numeric, and
/// the ASCII names); for judging an attribute value, not for display.
pub(crate) fn decode(s: &str) -> String {
    Units { rest: s }.map(|u| u.ch).collect()
}

/// One character of HTML text as html5ever will see it, with the bytes that wrote it.
struct Unit<'a> {
    ch: char,
    src: &'a str,
}

struct Units<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;
    fn next(&mut self) -> Option<Unit<'a>> {
        let c = self.rest.chars().next()?;
        let (ch, len) = match c {
            '&' => reference(self.rest).unwrap_or(('&', 1)),
            _ => (c, c.len_utf8()),
        };
        let (src, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(Unit { ch, src })
    }
}

/// The character a reference at the start of `s` decodes to, and its length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let Some(body) = s.strip_prefix("&#") else {
        return named(s);
    };
    let (digits, radix) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (body, 10),
    };
    let len = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    if len == 0 {
        return None;
    }
    // Leading zeros do not count: html5ever reads `&#00000000027;` as ESC.
    let value = digits[..len].chars().fold(0u32, |v, d| {
        v.saturating_mul(radix)
            .saturating_add(d.to_digit(radix).unwrap_or(0))
    });
    // As html5ever: zero, surrogates and values past Unicode are U+FFFD. Its C1 table
    // (`&#150;` is `–`) is not applied: C1 stays C1, so the sanitizer treats `&#155;` as
    // CSI, as it does a raw U+009B.
    let ch = match value {
        0 => '\u{fffd}',
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    };
    let mut end = s.len() - digits.len() + len;
    if s[end..].starts_with(';') {
        end += 1;
    }
    Some((ch, end))
}
/// ASCII characters with a named reference: in a hostile body they can spell the rest of a
/// sequence (`&#27;&lbrack;31m`).
const NAMED_ASCII: &[(&str, char)] = &[
    ("excl", '!'),
    ("quot", '"'),
    ("QUOT", '"'),
    ("num", '#'),
    ("dollar", '$'),
    ("percnt", '%'),
    ("amp", '&'),
    ("AMP", '&'),
    ("apos", '\''),
    ("lpar", '('),
    ("rpar", ')'),
    ("ast", '*'),
    ("midast", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("period", '.'),
    ("sol", '/'),
    ("colon", ':'),
    ("semi", ';'),
    ("lt", '<'),
    ("LT", '<'),
    ("equals", '='),
    ("gt", '>'),
    ("GT", '>'),
    ("quest", '?'),
    ("commat", '@'),
    ("lsqb", '['),
    ("lbrack", '['),
    ("bsol", '\\'),
    ("rsqb", ']'),
    ("rbrack", ']'),
    ("Hat", '^'), // i18n: entity name
    ("lowbar", '_'),
    ("UnderBar", '_'),
    ("grave", '`'),
    ("DiacriticalGrave", '`'),
    ("lcub", '{'),
    ("lbrace", '{'),
    ("verbar", '|'),
    ("vert", '|'),
    ("VerticalLine", '|'),
    ("rcub", '}'),
    ("rbrace", '}'),
    ("Tab", '\t'), // i18n: entity name
    ("NewLine", '\n'),
];

/// A named reference ending in `;`. Names not in [`NAMED_ASCII`] decode to something that is
/// not ASCII, which is all the sequence grammar needs to know (it ends a CSI early).
fn named(s: &str) -> Option<(char, usize)> {
    let name_len = s[1..]
        .bytes()
        .take(33)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = &s[1..1 + name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) || !s[1 + name_len..].starts_with(';') {
        return None;
    }
    let ch = NAMED_ASCII
        .iter()
        .find(|(n, _)| *n == name)
        .map_or('\u{fffd}', |(_, c)| *c);
    Some((ch, name_len + 2))
}

/// `html` with over-deep nesting flattened; borrowed when nothing had to change.
pub fn bounded(html: &str) -> Cow<'_, str> {
    // Cheap exit: a fragment with fewer start tags than the limit cannot exceed it.
    if html.bytes().filter(|b| *b == b'<').count() <= MAX_TABLE_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut scan = Scan::default();
    let mut out = String::with_capacity(html.len());
    let mut changed = false;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let Some(tag) = Tag::read(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let text = &rest[..tag.len];
        rest = &rest[tag.len..];
        let keep = match tag.kind {
            Kind::Other => true,
            Kind::Start { self_closed } => scan.start(&tag.name, self_closed),
            Kind::End => scan.end(&tag.name),
        };
        if keep {
            out.push_str(text);
        } else {
            changed = true;
        }
        if keep
            && matches!(tag.kind, Kind::Start { self_closed: false })
            && RAW_TEXT.contains(&tag.name.as_str())
        {
            let close = format!("</{}", tag.name);
            let end = find_ascii_ci(rest, &close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

#[derive(Default)]
struct Scan {
    open: Vec<String>,
    tables: usize,
    /// Start tags dropped and not yet matched by a dropped end tag.
    dropped: Vec<String>,
    /// Formatting start tags kept and not yet ended by their own end tag.
    formatting_open: usize,
    /// Formatting start tags dropped over [`MAX_OPEN_FORMATTING`], by name: their end tags
    /// are dropped too.
    formatting_dropped: std::collections::HashMap<String, usize>,
}

impl Scan {
    fn start(&mut self, name: &str, self_closed: bool) -> bool {
        if self_closed || VOID.contains(&name) {
            return true;
        }
        if FORMATTING.contains(&name) {
            if self.formatting_open >= MAX_OPEN_FORMATTING {
                *self.formatting_dropped.entry(name.to_string()).or_default() += 1;
                return false;
            }
            self.formatting_open += 1;
        }
        let is_table = TABLE_TAGS.contains(&name);
        // Outside a table html5ever ignores table parts; letting `<tr>` close what came after
        // an earlier `<tr>` here hid elements that stay open there (`<s>x<tr>` × 800 nested
        // 800 deep and took 8.6 s to render).
        if is_table && name != "table" && self.tables == 0 {
            return false;
        }
        if !self.dropped.is_empty()
            || self.open.len() >= MAX_DEPTH
            || (is_table && self.tables >= MAX_TABLE_DEPTH)
        {
            self.dropped.push(name.to_string());
            return false;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name)
            && let Some(pos) = self.open_sibling(name)
        {
            self.close_from(pos);
        }
        self.open.push(name.to_string());
        if name == "table" {
            self.tables += 1;
        }
        true
    }

    /// An open element of this name in the current container (a list or table ends the
    /// search: `<li>` in a nested list does not close the outer one).
    fn open_sibling(&self, name: &str) -> Option<usize> {
        for (i, n) in self.open.iter().enumerate().rev() {
            if n == name {
                return Some(i);
            }
            if matches!(n.as_str(), "table" | "ul" | "ol" | "dl" | "select") {
                return None;
            }
        }
        None
    }

    fn end(&mut self, name: &str) -> bool {
        if FORMATTING.contains(&name) {
            if let Some(n) = self.formatting_dropped.get_mut(name).filter(|n| **n > 0) {
                *n -= 1;
                return false;
            }
            self.formatting_open = self.formatting_open.saturating_sub(1);
        }
        // Only the most recent dropped tags are searched: a flood of stray end tags must
        // not make this quadratic.
        let recent = self.dropped.len().saturating_sub(MAX_DEPTH);
        if let Some(pos) = self.dropped[recent..].iter().rposition(|n| n == name) {
            self.dropped.truncate(recent + pos);
            return false;
        }
        match self.open.iter().rposition(|n| n == name) {
            Some(pos) => {
                self.close_from(pos);
                true
            }
            // A stray end tag: html5ever ignores most of them; dropping it changes nothing.
            None => matches!(name, "p" | "br"),
        }
    }

    fn close_from(&mut self, pos: usize) {
        let closed_tables = self.open[pos..].iter().filter(|n| *n == "table").count();
        self.tables = self.tables.saturating_sub(closed_tables);
        self.open.truncate(pos);
    }
}

pub(crate) enum Kind {
    Start {
        self_closed: bool,
    },
    End,
    /// Comments, doctypes, processing instructions.
    Other,
}

pub(crate) struct Tag {
    pub(crate) kind: Kind,
    /// Lower-case ASCII.
    pub(crate) name: String,
    /// Bytes from `<` to `>` inclusive.
    pub(crate) len: usize,
}

impl Tag {
    /// A tag at the start of `s` (which starts with `<`), or None when the `<` is text.
    pub(crate) fn read(s: &str) -> Option<Tag> {
        let after = &s[1..];
        if let Some(body) = after.strip_prefix("!--") {
            let len = body.find("-->").map_or(s.len(), |e| 4 + e + 3);
            return Some(Tag {
                kind: Kind::Other,
                name: String::new(),
                len,
            });
        }
        if after.starts_with(['!', '?']) {
            let len = after.find('>').map_or(s.len(), |e| e + 2);
            return Some(Tag {
                kind: Kind::Other,
                name: String::new(),
                len,
            });
        }
        let (closing, name_at) = match after.strip_prefix('/') {
            Some(_) => (true, 2),
            None => (false, 1),
        };
        let name: String = s[name_at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let len = tag_end(s, name_at + name.len())?;
        let kind = if closing {
            Kind::End
        } else {
            Kind::Start {
                self_closed: s[..len - 1].trim_end().ends_with('/'),
            }
        };
        Some(Tag { kind, name, len })
    }
}

/// Index just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

pub(crate) fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The text of an HTML fragment on one or more lines, without markup or link footnotes:
/// titles written in HTML, the first words of a body.
pub fn to_plain_text(html: &str) -> String {
    // Wide enough that wrapping never matters: `sanitize::line` folds newlines anyway.
    const WIDTH: usize = 10_000;
    crate::panic_guard::catch(|| {
        html2text::config::plain_no_decorate()
            .link_footnotes(false)
            .string_from_read(prepare(html).as_bytes(), WIDTH)
            .ok()
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| strip_tags(html))
}

/// Last resort when html2text refuses the input: drop anything between `<` and `>`.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_elements_left_open_are_capped_with_their_end_tags() {
        let html = "<b>1<i>2".repeat(10) + "x" + &"</i></b>".repeat(10);
        let out = bounded(&html);
        assert_eq!(
            out.matches("<b>").count() + out.matches("<i>").count(),
            MAX_OPEN_FORMATTING
        );
        assert_eq!(out.matches("</b>").count(), out.matches("<b>").count());
        assert_eq!(out.matches("</i>").count(), out.matches("<i>").count());
        assert!(out.contains('x'));
        // Closed as they go, any number is fine.
        let closed = "<b>bold</b> ".repeat(50);
        assert_eq!(bounded(&closed), closed);
    }

    #[test]
    fn table_parts_outside_a_table_are_dropped() {
        // Enough tags to pass the cheap exit.
        let stray = "<s>a<tr>b<td>c</td></tr>d</s>".repeat(2);
        assert_eq!(bounded(&stray), "<s>abcd</s><s>abcd</s>");
        let kept = "<table><tr><td>a</td></tr></table><p>x</p><p>y</p><p>z</p>";
        assert_eq!(bounded(kept), kept);
    }

    fn depth_of(html: &str) -> usize {
        let mut depth = 0usize;
        let mut max = 0usize;
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt..];
            match Tag::read(rest) {
                Some(tag) => {
                    match tag.kind {
                        Kind::Start { self_closed: false }
                            if !VOID.contains(&tag.name.as_str()) =>
                        {
                            depth += 1;
                            max = max.max(depth);
                        }
                        Kind::End => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    rest = &rest[tag.len..];
                }
                None => rest = &rest[1..],
            }
        }
        max
    }

    #[test]
    fn references_to_control_characters_are_dropped() {
        assert_eq!(
            prepare("a&#7;b &#x1;c &#X85;d &#8238;e &#x200b;f &#65;&#x42; &#; &#x; g&#27;"),
            "ab c d e f &#65;&#x42; &#; &#x; g"
        );
        assert_eq!(prepare("raw\u{1b}[2Jesc"), "rawesc");
        assert!(matches!(
            prepare("<p>fine &amp; &#233;</p>"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn sequences_written_as_references_are_removed_whole() {
        let cases = [
            ("a&#27;[31mb", "ab"),
            ("a&#x1b;[31mb", "ab"),
            ("a&#X1B;[1;31mb", "ab"),
            ("a&#00000000027;[31mb", "ab"),
            ("a&#x9b;31mb", "ab"),
            ("a&#155;31mb", "ab"),
            ("a&#27;]52;c;UFdORUQ=&#7;b", "ab"),
            ("a&#27;]0;title&#27;\\b", "ab"),
            ("a&#x1b;]8;;https://x.example/&#x9c;b", "ab"),
            ("a&#x9d;0;t&#x07;b", "ab"),
            ("a&#27;Pq#0;2&#27;\\b", "ab"),
            ("a&#27;_Gf=100;AAAA&#27;&bsol;b", "ab"),
            ("a&#27;&lbrack;31mb", "ab"),
            // Raw and referenced mixed.
            ("a\u{1b}&#91;31mb", "ab"),
            ("a&#27;]0;t\u{7}b", "ab"),
            // In an attribute.
            (
                "<img alt=\"cat&#27;[31m photo\" src=x>",
                "<img alt=\"cat photo\" src=x>",
            ),
            // A CSI ends at what cannot continue it; what follows is kept as written.
            ("&#27;[&eacute;t&eacute;", "&eacute;t&eacute;"),
            ("&#27;[3&amp;1m", ""),
            ("&#27;[3&hellip;1m", "&hellip;1m"),
        ];
        for (html, want) in cases {
            assert_eq!(prepare(html), want, "{html}");
        }
        // Unterminated string sequences swallow the rest, as a terminal would.
        assert_eq!(prepare("safe&#27;]52;c;AAAA <p>more</p>"), "safe");
    }

    proptest::proptest! {
        /// Without an `&` there is nothing to decode, so the shortcut (the plain sanitizer)
        /// must agree with the decoding pass.
        #[test]
        fn text_without_references_takes_the_plain_sanitizer(s in "[a-z<>\"\\[\\]; \u{1b}\u{7}\u{9b}\u{9c}\u{9d}\r\t]{0,40}") {
            let mut slow = String::new();
            crate::sanitize::strip_units(Units { rest: &s }, |u| u.ch, |u| slow.push_str(u.src));
            proptest::prop_assert_eq!(without_controls(&s), crate::sanitize::text(&slow));
        }
    }

    #[test]
    fn ordinary_html_is_borrowed_unchanged() {
        let html = "<p>a <b>b</b> <a href=\"x>y\">c</a><br><img src=x></p><p>d";
        assert!(matches!(bounded(html), Cow::Borrowed(_)));
        let many_paragraphs = "<p>x".repeat(1000);
        assert!(matches!(bounded(&many_paragraphs), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let out = bounded(&html);
        assert_eq!(depth_of(&out), MAX_DEPTH);
        assert!(out.contains("deep text"));
        // Everything after the deep part nests normally again.
        let html = format!("{}<p>after</p>", html);
        let out = bounded(&html);
        assert!(out.ends_with("<p>after</p>"), "{}", &out[out.len() - 40..]);
    }

    #[test]
    fn unclosed_and_stray_tags_cannot_grow_the_depth() {
        let html = "<div></span>".repeat(10_000);
        assert!(depth_of(&bounded(&html)) <= MAX_DEPTH);
        let html = "<b><i>".repeat(10_000);
        assert!(depth_of(&bounded(&html)) <= MAX_DEPTH);
    }

    #[test]
    fn nested_tables_are_capped() {
        let html = "<table><tr><td>".repeat(50) + "cell";
        let out = bounded(&html);
        assert_eq!(out.matches("<table>").count(), MAX_TABLE_DEPTH);
        assert!(out.contains("cell"));
    }

    #[test]
    fn script_contents_are_not_scanned() {
        let html = format!("<script>{}</script><p>x</p>", "<div>".repeat(500));
        assert!(matches!(bounded(&html), Cow::Borrowed(_)));
    }
}
