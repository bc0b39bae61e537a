//! What html2text would drop or run together, rewritten into what it shows: `<img>` (with or
//! without alt), `<video>`, `<audio>`, `<iframe>` and `<embed>` become a placeholder image
//! wrapped in a link to their address, so the link gets its `[N]` and a place in the numbered
//! list; `<hr>` becomes a rule; `<figure>` and `<figcaption>` become blocks, so a caption
//! no longer runs into its image.
//!
//! Every `<img>` html5ever will see is written here, so the placeholder's `src` can carry
//! its kind (`video`, `rule`, …) to [`kind_of`] without a feed being able to choose it.
//! Like `html_guard`, this is a tag scanner: it runs on HTML `html_guard::prepare` has made
//! safe, and what it adds (a link closed at once around a void element) cannot deepen it.

use crate::html_guard::{Kind, RAW_TEXT, Tag, decode, find_ascii_ci};
use std::borrow::Cow;

/// Starts every placeholder's alt: html2text drops an image whose alt is empty or blank.
pub const ALT_MARK: char = ':';

/// The `src` of the placeholder for `<hr>`.
pub const RULE: &str = "rule";

/// The placeholder kind an image's `src` names; anything else is an ordinary image.
pub fn kind_of(src: &str) -> &'static str {
    match src {
        "video" => "video",
        "audio" => "audio",
        "embed" => "embed",
        RULE => RULE,
        _ => "image",
    }
}

/// `html` with media elements rewritten; borrowed when there are none.
pub fn rewrite(html: &str) -> Cow<'_, str> {
    const NAMES: &[&str] = &[
        "<img", "<image", "<video", "<audio", "<iframe", "<embed", "<hr", "<fig",
    ];
    if !NAMES.iter().any(|n| find_ascii_ci(html, n).is_some()) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut links_open = 0usize;
    // End tags known to be missing from here on: looking again from each start tag of a
    // flood of unclosed ones would be quadratic.
    let mut missing: Vec<String> = Vec::new();
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
        let name = tag.name.as_str();
        match (&tag.kind, name) {
            (Kind::Start { .. }, "a") => {
                links_open += 1;
                out.push_str(text);
            }
            (Kind::End, "a") => {
                links_open = links_open.saturating_sub(1);
                out.push_str(text);
            }
            (Kind::Start { .. }, "img" | "image") => {
                let a = Attrs::read(text, name.len());
                if is_tracking_pixel(&a) {
                    continue;
                }
                let src = a
                    .get("src")
                    .filter(|s| linkable(s))
                    .or_else(|| a.get("data-src").filter(|s| linkable(s)));
                if src.is_none() && a.get("src").is_none() && a.get("alt").is_none() {
                    continue;
                }
                let label = a.get("alt").or_else(|| a.get("title")).unwrap_or("");
                placeholder(&mut out, "image", label, src, links_open > 0);
            }
            (Kind::Start { self_closed }, "video" | "audio" | "iframe" | "embed") => {
                let a = Attrs::read(text, name.len());
                let closing = format!("</{name}");
                // The content is fallback text for old browsers (raw text, for an iframe),
                // and `<source>`s: read the first address, drop the rest.
                let body_end = if *self_closed || name == "embed" || missing.contains(&closing) {
                    None
                } else {
                    let found = find_ascii_ci(rest, &closing);
                    if found.is_none() {
                        missing.push(closing.clone());
                    }
                    found
                };
                let body = body_end.map_or("", |e| &rest[..e]);
                let src = a
                    .get("src")
                    .map(str::to_string)
                    .or_else(|| first_source(body))
                    .filter(|s| linkable(s));
                let label = a
                    .get("title")
                    .or_else(|| a.get("aria-label"))
                    .map(str::to_string)
                    .or_else(|| (name == "iframe").then(|| host(src.as_deref())).flatten())
                    .unwrap_or_default();
                let kind = match name {
                    "iframe" | "embed" => "embed",
                    k => k,
                };
                out.push_str("<div>");
                placeholder(&mut out, kind, &label, src.as_deref(), links_open > 0);
                out.push_str("</div>");
                if let Some(e) = body_end {
                    rest = &rest[e..];
                    let end_len = Tag::read(rest).map_or(closing.len(), |t| t.len);
                    rest = &rest[end_len.min(rest.len())..];
                }
            }
            (Kind::Start { .. }, "hr") => {
                out.push_str("<p><img src=\"");
                out.push_str(RULE);
                out.push_str("\" alt=\":\"></p>");
            }
            (Kind::Start { .. }, "figure" | "figcaption") => out.push_str("<div>"),
            (Kind::End, "figure" | "figcaption") => out.push_str("</div>"),
            (Kind::Start { self_closed: false }, raw) if RAW_TEXT.contains(&raw) => {
                // Not markup to html5ever: copied unexamined, as html_guard does.
                out.push_str(text);
                // Not found, the rest is copied and the scan ends: linear either way.
                let end = find_ascii_ci(rest, &format!("</{raw}")).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            _ => out.push_str(text),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Writes the placeholder image, inside a link to `src` unless already inside a link
/// (html5ever would close the outer one; the outer link's number stands for both).
fn placeholder(out: &mut String, kind: &str, label: &str, src: Option<&str>, in_link: bool) {
    let img = format!(
        "<img src=\"{kind}\" alt=\"{ALT_MARK}{}\">",
        attr_value(label)
    );
    match src {
        Some(src) if !in_link => {
            out.push_str("<a href=\"");
            out.push_str(&attr_value(src));
            out.push_str("\">");
            out.push_str(&img);
            out.push_str("</a>");
        }
        _ => out.push_str(&img),
    }
}

/// A raw attribute value (references left as written) fit for a double-quoted attribute.
fn attr_value(raw: &str) -> String {
    raw.replace('"', "&quot;")
}

/// Whether a raw `src` may become a link: http(s), or relative (resolved later against the
/// article's address). `javascript:`, `data:` and the like keep their placeholder without
/// one; `render::body_link` still checks whatever gets through.
fn linkable(raw: &str) -> bool {
    let Some(url) = crate::sanitize::url(&decode(raw)) else {
        return false;
    };
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    let first = lower.split(['/', '?', '#']).next().unwrap_or("");
    !first.contains(':')
}

/// The `src` of the first `<source>` in a media element's content.
fn first_source(body: &str) -> Option<String> {
    let mut rest = body;
    while let Some(at) = find_ascii_ci(rest, "<source") {
        rest = &rest[at..];
        let tag = Tag::read(rest)?;
        if tag.name == "source"
            && let Some(src) = Attrs::read(&rest[..tag.len], tag.name.len()).get("src")
        {
            return Some(src.to_string());
        }
        rest = &rest[tag.len..];
    }
    None
}

/// An embed's host, as its label when it has no title (`www.youtube.com`).
fn host(src: Option<&str>) -> Option<String> {
    let url = url::Url::parse(&crate::sanitize::url(&decode(src?))?).ok()?;
    url.host_str().map(str::to_string)
}

/// 1×1 (or 0×0) images are counters, not pictures.
fn is_tracking_pixel(a: &Attrs<'_>) -> bool {
    let tiny = |k| {
        a.get(k)
            .is_some_and(|v| matches!(v.trim(), "0" | "1" | "0px" | "1px"))
    };
    tiny("width") && tiny("height")
}

/// A start tag's attributes, values raw (references not decoded); the first of a name wins,
/// as in html5ever.
struct Attrs<'a>(Vec<(String, &'a str)>);

impl<'a> Attrs<'a> {
    /// `tag` is the whole tag from `<` to `>`; its name is `name_len` bytes after the `<`.
    fn read(tag: &'a str, name_len: usize) -> Attrs<'a> {
        let body = tag
            .get(1 + name_len..tag.len().saturating_sub(1))
            .unwrap_or("");
        let mut attrs: Vec<(String, &str)> = Vec::new();
        let mut rest = body;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let name_end = rest
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '='))
                .unwrap_or(rest.len())
                .max(1);
            let name = rest[..name_end].to_ascii_lowercase();
            rest = rest[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
                match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(q).unwrap_or(inner.len());
                        value = &inner[..end];
                        rest = inner.get(end + 1..).unwrap_or("");
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_ascii_whitespace())
                            .unwrap_or(after.len());
                        value = &after[..end];
                        rest = &after[end..];
                    }
                }
            }
            if !attrs.iter().any(|(n, _)| *n == name) {
                attrs.push((name, value));
            }
        }
        Attrs(attrs)
    }

    /// A non-empty value, raw.
    fn get(&self, name: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
            .filter(|v| !v.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_as_html5ever_reads_them() {
        let a = Attrs::read(
            "<img/src=a.png alt='say \"hi\"' title=\"x>y\" SRC=b.png data-x>",
            3,
        );
        assert_eq!(a.get("src"), Some("a.png"));
        assert_eq!(a.get("alt"), Some("say \"hi\""));
        assert_eq!(a.get("title"), Some("x>y"));
        assert_eq!(a.get("data-x"), None);
    }

    #[test]
    fn only_http_and_relative_sources_become_links() {
        assert!(linkable("https://x.example/a.png"));
        assert!(linkable("HTTP://x.example/a.png"));
        assert!(linkable("../img/a.png?x=1:2"));
        assert!(linkable("//cdn.example/a.png"));
        assert!(!linkable("javascript:alert(1)"));
        assert!(!linkable("java&#x09;script:alert(1)"));
        assert!(!linkable("jav&Tab;ascript:alert(1)"));
        assert!(!linkable("data:image/png;base64,AAAA"));
        assert!(!linkable(" "));
    }

    #[test]
    fn text_without_media_is_borrowed() {
        assert!(matches!(
            rewrite("<p>plain <a href=x>link</a></p>"),
            Cow::Borrowed(_)
        ));
    }
}
