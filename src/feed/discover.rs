//! Feed autodiscovery: the `<link rel="alternate" type="application/rss+xml" href=…>` tags of
//! an HTML page. Pure: no I/O. The page is hostile like any feed: hrefs must resolve to
//! http(s), titles pass `sanitize::line`, and the number of candidates is capped.

use crate::sanitize;
use url::Url;

/// More feeds than this on one page are not worth a menu.
pub const MAX_CANDIDATES: usize = 20;
/// Longest title shown for a candidate, in characters.
const MAX_TITLE_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Absolute http(s) URL.
    pub url: String,
    pub title: Option<String>,
    /// "RSS", "Atom" or "JSON Feed".
    pub kind: &'static str,
}

/// The feeds a page advertises, in page order, without duplicates.
pub fn alternates(html: &str, page_url: &str) -> Vec<Candidate> {
    let Ok(page) = Url::parse(page_url) else {
        return Vec::new();
    };
    let mut base = page.clone();
    let mut out: Vec<Candidate> = Vec::new();
    for tag in tags(html) {
        match tag.name.as_str() {
            // Only the first <base> counts, as in browsers.
            "base" if base == page => {
                if let Some(b) = tag.attr("href").and_then(|h| page.join(h.trim()).ok()) {
                    base = b;
                }
            }
            "link" => {
                let Some(c) = candidate(&tag, &base) else {
                    continue;
                };
                if !out.iter().any(|o| o.url == c.url) {
                    out.push(c);
                }
                if out.len() == MAX_CANDIDATES {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

fn candidate(tag: &Tag, base: &Url) -> Option<Candidate> {
    let rel = tag.attr("rel")?;
    if !rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("alternate"))
    {
        return None;
    }
    let kind = match tag
        .attr("type")?
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "application/rss+xml" | "application/rdf+xml" => "RSS",
        "application/atom+xml" => "Atom", // i18n: format names
        "application/feed+json" => "JSON Feed", // i18n: format names
        _ => return None,
    };
    let href = sanitize::url(tag.attr("href")?)?;
    let url = base.join(&href).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let title = tag
        .attr("title")
        .map(|t| {
            let t = sanitize::line(t);
            let mut short: String = t.chars().take(MAX_TITLE_CHARS).collect();
            if short.len() < t.len() {
                short.push('…');
            }
            short
        })
        .filter(|t| !t.is_empty());
    Some(Candidate {
        url: url.to_string(),
        title,
        kind,
    })
}

struct Tag {
    /// Lower-case.
    name: String,
    /// Lower-case names; values with entities decoded.
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The `<link>` and `<base>` start tags of a page, skipping comments, scripts and styles.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let lt = rest.find('<')?;
            rest = &rest[lt + 1..];
            if let Some(after) = rest.strip_prefix("!--") {
                rest = after.find("-->").map_or("", |e| &after[e + 3..]);
                continue;
            }
            let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if name_len == 0 {
                continue;
            }
            let name = rest[..name_len].to_ascii_lowercase();
            rest = &rest[name_len..];
            let (attrs, after) = attributes(rest);
            rest = after;
            match name.as_str() {
                "script" | "style" => {
                    let close = format!("</{name}");
                    rest = find_ci(rest, &close).map_or("", |i| &rest[i..]);
                }
                "link" | "base" => return Some(Tag { name, attrs }),
                _ => {}
            }
        }
    })
}

/// Attributes up to the end of the tag; returns them and the text after the `>`.
fn attributes(s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attrs, after);
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let Some(name) = rest.get(..name_len) else {
            return (attrs, "");
        };
        let name = name.to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let value = if let Some(after_eq) = rest.strip_prefix('=') {
            let v = after_eq.trim_start();
            match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &v[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    rest = body.get(end + 1..).unwrap_or("");
                    &body[..end]
                }
                _ => {
                    let end = v
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(v.len());
                    rest = &v[end..];
                    &v[..end]
                }
            }
        } else {
            ""
        };
        if attrs.len() < 32 {
            attrs.push((name, decode_entities(value)));
        }
    }
}

/// The entities that appear in attribute values in practice; unknown ones stay as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://site.example/blog/post.html";

    #[test]
    fn finds_rss_atom_and_json_feeds_resolving_relative_hrefs() {
        let html = r#"<!doctype html><html><head>
            <LINK REL="alternate" TYPE="application/rss+xml" TITLE="Posts &amp; news" HREF="/feed.xml">
            <link rel=alternate type=application/atom+xml href=atom.xml title='Atom'>
            <link type="application/feed+json" rel="alternate nofollow" href="https://cdn.example/f.json"/>
            <link rel="stylesheet" type="text/css" href="/s.css">
            <link rel="alternate" hreflang="de" href="/de/">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml">
            </head><body></body></html>"#;
        let found = alternates(html, PAGE);
        assert_eq!(
            found,
            vec![
                Candidate {
                    url: "https://site.example/feed.xml".into(),
                    title: Some("Posts & news".into()),
                    kind: "RSS"
                },
                Candidate {
                    url: "https://site.example/blog/atom.xml".into(),
                    title: Some("Atom".into()),
                    kind: "Atom"
                },
                Candidate {
                    url: "https://cdn.example/f.json".into(),
                    title: None,
                    kind: "JSON Feed"
                },
            ]
        );
    }

    #[test]
    fn base_href_comments_and_scripts() {
        let html = r#"<base href="https://other.example/x/">
            <!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
            <script>var s = '<link rel="alternate" type="application/rss+xml" href="/script.xml">';</script>
            <link rel="alternate" type="application/rss+xml" href="rss">"#;
        let found = alternates(html, PAGE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].url, "https://other.example/x/rss");
    }

    #[test]
    fn hostile_hrefs_and_titles() {
        let html = "<link rel=alternate type=application/rss+xml href=\"javascript:alert(1)\">\
            <link rel=alternate type=application/rss+xml href=\"file:///etc/passwd\">\
            <link rel=alternate type=application/rss+xml href=\"data:text/xml,x\">\
            <link rel=alternate type=application/rss+xml href=\"&#106;avascript:x\">\
            <link rel=alternate type=application/rss+xml href=\"/ok\" title=\"\u{1b}]0;t\u{7}A&#27;[31mB\u{202e}C\">";
        let found = alternates(html, PAGE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].url, "https://site.example/ok");
        assert_eq!(found[0].title.as_deref(), Some("ABC"));
    }

    #[test]
    fn candidates_are_capped_and_truncated_input_is_fine() {
        let one = |i: usize| format!("<link rel=alternate type=application/rss+xml href=/f{i}>");
        let html: String = (0..1000).map(one).collect();
        assert_eq!(alternates(&html, PAGE).len(), MAX_CANDIDATES);
        for cut in [
            "<link rel=\"alternate",
            "<link rel=alternate type=application/rss+xml href='/x",
            "<",
            "<!--",
        ] {
            let _ = alternates(cut, PAGE);
        }
        assert!(
            alternates(
                "<link rel=alternate type=application/rss+xml href=/x>",
                "not a url"
            )
            .is_empty()
        );
    }
}
