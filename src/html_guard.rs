//! HTML from a feed made safe for html2text: [`prepare`] removes control characters (raw, and
//! as numeric character references such as `&#27;`, which html2text would decode into the
//! text and which made it panic on an assertion) and caps how deeply the HTML nests.
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
const RAW_TEXT: &[&str] = &[
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
    let clean = crate::sanitize::text(html);
    let scrubbed = drop_unsafe_references(&clean);
    let out = bounded(&scrubbed).into_owned();
    if out == html {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(out)
    }
}

/// Removes `&#N;` / `&#xH;` (the `;` is optional in HTML) that decode to a character the
/// sanitizer removes.
pub fn drop_unsafe_references(html: &str) -> Cow<'_, str> {
    if !html.contains("&#") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let body = &rest[2..];
        let (digits, radix) = match body.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (body, 10),
        };
        let len = digits
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
            .count();
        let prefix = rest.len() - digits.len();
        let code = u32::from_str_radix(&digits[..len.min(8)], radix).ok();
        let unsafe_char = match code {
            _ if len == 0 => false,
            // Longer than 8 digits: out of range, html5ever makes it U+FFFD.
            _ if len > 8 => false,
            Some(c) => char::from_u32(c).is_some_and(crate::sanitize::is_removed_char),
            None => false,
        };
        let mut end = prefix + len;
        if rest[end..].starts_with(';') {
            end += 1;
        }
        if unsafe_char {
            rest = &rest[end..];
        } else {
            out.push_str(&rest[..prefix.max(2)]);
            rest = &rest[prefix.max(2)..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
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

enum Kind {
    Start {
        self_closed: bool,
    },
    End,
    /// Comments, doctypes, processing instructions.
    Other,
}

struct Tag {
    kind: Kind,
    /// Lower-case ASCII.
    name: String,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    /// A tag at the start of `s` (which starts with `<`), or None when the `<` is text.
    fn read(s: &str) -> Option<Tag> {
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

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
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
            prepare("a&#27;[31mb &#x1B;c &#X9b;d &#8238;e &#27f &#65;&#x42; &#; &#x;"),
            "a[31mb c d e f &#65;&#x42; &#; &#x;"
        );
        assert_eq!(prepare("raw\u{1b}[2Jesc"), "rawesc");
        assert!(matches!(
            prepare("<p>fine &amp; &#233;</p>"),
            Cow::Borrowed(_)
        ));
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
