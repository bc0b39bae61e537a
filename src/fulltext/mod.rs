//! The article of a web page: the page's bytes, address and content type in, the
//! headline, byline, publication time, lead and body HTML out ([`extract`], no I/O).
//! [`fetch_article`] fetches the page first, through the feeds' `feed::fetch`. No UI and
//! no database here: the caller stores the result (`Db::save_full_text`).
//!
//! The page is hostile input. It is decoded by `feed::charset` (BOM, header, `<meta
//! charset>`), bounded by `html_guard` (controls and escape sequences removed, nesting
//! capped), refused past [`MAX_ELEMENTS`], stripped of page chrome (`chrome`), narrowed
//! and trimmed by the feed's own CSS rules ([`Rules`]), and only then read by
//! dom_smoothie (readability). The body it returns is HTML for `render::html_lines`, the
//! path a feed's own body takes, which sanitizes its text again.

mod chrome;
mod fetch;
mod meta;

pub use fetch::{FullTextError, fetch_article};

use crate::sanitize;
use crate::t;
use dom_query::Document;

/// Pages larger than this are not read (after decompression): news articles are a few
/// hundred KB with their markup.
pub const MAX_PAGE_BYTES: usize = 5 << 20;

/// Pages with more elements than this are refused before readability scores them (its
/// work grows with the element count). A 300 KB news page has about 4,000.
pub const MAX_ELEMENTS: usize = 60_000;

/// Pages of a `full_text = true` feed read per refresh at most: the first refresh after
/// the setting does not fetch the feed's whole archive.
pub const PAGES_PER_REFRESH: usize = 20;

/// Less text than this (characters) is not an article: a paywall prompt, an error page.
const MIN_TEXT_CHARS: usize = 80;

/// A feed's own rules for pages readability gets wrong (`scrape_selector`,
/// `scrape_remove` in config.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Keep only what this CSS selector matches (when it matches anything).
    pub selector: Option<String>,
    /// Remove what these CSS selectors match.
    pub remove: Vec<String>,
}

/// What a page holds as an article. Text fields are sanitized; `html` is the body as
/// HTML, to be rendered like a feed's body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Unix seconds.
    pub published: Option<i64>,
    pub lead: Option<String>,
    pub html: String,
}

impl Rules {
    /// A feed's rules as config.toml gives them.
    pub fn of(feed: &crate::model::FeedConfig) -> Rules {
        Rules {
            selector: feed
                .scrape_selector
                .clone()
                .filter(|s| !s.trim().is_empty()),
            remove: feed.scrape_remove.clone(),
        }
    }
}

/// Why a page gave no article. `Display` is the one line the pane and the CLI show.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("{}", t!("fulltext-not-html", content_type = .0.as_str()))]
    NotHtml(String),
    #[error("{}", t!("fulltext-too-large", bytes = .0.to_string()))]
    TooLarge(usize),
    #[error("{}", t!("fulltext-too-many-elements", found = .found.to_string(), max = .max.to_string()))]
    TooManyElements { found: usize, max: usize },
    #[error("{}", t!("fulltext-nothing-readable"))]
    NothingReadable,
    #[error("{}", t!("fulltext-bad-selector", rule = format!("{:?}", .0)))]
    BadSelector(String),
    #[error("{}", t!("fulltext-panicked"))]
    Panicked,
}

/// The article in `bytes`, the page at `url` served as `content_type`.
pub fn extract(
    bytes: &[u8],
    url: &str,
    content_type: Option<&str>,
    rules: &Rules,
) -> Result<Extracted, ExtractError> {
    check_type(bytes, content_type)?;
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(ExtractError::TooLarge(bytes.len()));
    }
    for sel in rules.selector.iter().chain(&rules.remove) {
        if dom_query::Matcher::new(sel).is_err() {
            return Err(ExtractError::BadSelector(sanitize::line_capped(sel, 80)));
        }
    }
    let text = crate::feed::charset::decode_html(bytes, content_type);
    let html = crate::html_guard::prepare(&text);
    // Cheap upper bound first, so a page of a million tags is refused before it is built.
    let tags = count_start_tags(&html);
    if tags > MAX_ELEMENTS * 2 {
        return Err(ExtractError::TooManyElements {
            found: tags,
            max: MAX_ELEMENTS,
        });
    }
    let base = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(String::from);
    crate::panic_guard::catch(|| read(&html, base.as_deref(), rules))
        .map_err(|_| ExtractError::Panicked)?
}

fn read(html: &str, url: Option<&str>, rules: &Rules) -> Result<Extracted, ExtractError> {
    let doc = Document::from(html);
    // Read before the chrome goes: a `<time>` or description may sit in a header.
    let page = meta::read(&doc);
    for sel in &rules.remove {
        if let Some(found) = doc.try_select(sel) {
            found.remove();
        }
    }
    if let Some(sel) = &rules.selector
        && let Some(found) = doc.try_select(sel)
    {
        let kept: String = found.nodes().iter().map(|n| n.html().to_string()).collect();
        doc.select("body").set_html(kept);
    }
    chrome::strip(&doc);
    let figure = lead_figure(&doc);
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    // Only an address that is not absolute is refused here, and `url` is one.
    let mut reader = dom_smoothie::Readability::with_document(doc, url, Some(cfg))
        .map_err(|_| ExtractError::NothingReadable)?;
    let article = reader.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::TooManyElements(found, max) => {
            ExtractError::TooManyElements { found, max }
        }
        _ => ExtractError::NothingReadable,
    })?;
    if article.text_content.trim().chars().count() < MIN_TEXT_CHARS {
        return Err(ExtractError::NothingReadable);
    }
    let line = |s: &str| Some(sanitize::line(s)).filter(|s| !s.trim().is_empty());
    let published = page
        .published
        .or_else(|| article.published_time.as_deref().and_then(meta::parse_time));
    let mut html = article.content.to_string();
    if let Some((figure, caption)) = figure
        && !flat(&article.text_content).contains(caption.as_str())
    {
        html.insert_str(0, &figure);
    }
    Ok(Extracted {
        title: line(&article.title),
        byline: article.byline.as_deref().and_then(line),
        published: published.or(page.time_element),
        lead: page.lead.as_deref().and_then(line),
        html,
    })
}

/// The article's first `<figure>` with a caption, and the caption's text. Readability
/// keeps the block of paragraphs it scored best, and a lead picture is often that
/// block's sibling (`<figure>` then `<div class="text">`), so it would be lost.
fn lead_figure(doc: &Document) -> Option<(String, String)> {
    let found = doc.try_select("article figure, main figure")?; // i18n: CSS
    found.nodes().iter().find_map(|fig| {
        let caption = fig.find(&["figcaption"]).first()?.text();
        let caption = flat(&caption);
        // Text as readability's `text_content` has it: the caption's first words suffice.
        let probe: String = caption.chars().take(40).collect();
        (!probe.is_empty()).then(|| (fig.html().to_string(), probe))
    })
}

/// Whether the answer is a page: a content type of HTML (or none, and bytes that start
/// like markup).
fn check_type(bytes: &[u8], content_type: Option<&str>) -> Result<(), ExtractError> {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Ok(()),
        Some(other) if !other.is_empty() => {
            Err(ExtractError::NotHtml(sanitize::line_capped(other, 60)))
        }
        _ => {
            let start = bytes
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .and_then(|i| bytes.get(i..));
            // A BOM before the markup is fine.
            let start = start.map(|s| s.strip_prefix(b"\xef\xbb\xbf").unwrap_or(s));
            if start.is_some_and(|s| s.starts_with(b"<")) {
                Ok(())
            } else {
                Err(ExtractError::NotHtml(t!("fulltext-no-type-not-markup")))
            }
        }
    }
}

/// `<` followed by a letter: every start tag, plus any such text inside scripts, styles,
/// comments and attribute values. html5ever makes an element of nearly every start tag
/// `html_guard` left, and more (re-opened formatting elements; the proptest below), so
/// over twice the cap is a page over it. What it ignores (a `<form>` inside a form, a
/// second `<body>`) and tags in scripts' strings count here too: a page made mostly of
/// those is refused as well, which is no loss.
fn count_start_tags(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

impl Extracted {
    /// The article as the pane shows it in place of the feed's text: the feed's summary
    /// (else the page's lead) over the page's body, the feed's enclosures and categories
    /// kept. It is rendered by `render::article` like any feed body, which also leaves
    /// out a summary that only repeats the body's opening.
    pub fn body(&self, feed: &crate::model::ArticleBody) -> crate::model::ArticleBody {
        let page_lead = || {
            self.lead
                .as_deref()
                .map(|l| format!("<p>{}</p>", escape(l)))
        };
        crate::model::ArticleBody {
            summary: feed
                .summary
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(page_lead),
            content: Some(self.html.clone()),
            enclosures: feed.enclosures.clone(),
            categories: feed.categories.clone(),
            picture: feed.picture.clone(),
        }
    }
}

/// Text made safe to place in HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text with every run of white space made one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Markup of random tags (nested, misnested, unclosed, void, table parts anywhere) and
    /// text without `<`. No `<form>`: html5ever ignores one inside another.
    fn markup() -> impl Strategy<Value = String> {
        let tag = prop::sample::select(vec![
            "div",
            "p",
            "span",
            "a",
            "b",
            "i",
            "em",
            "ul",
            "li",
            "table",
            "tr",
            "td",
            "img",
            "br",
            "section",
            "figure",
            "figcaption",
            "h2",
            "blockquote",
            "svg",
        ]);
        let piece = prop_oneof![
            tag.clone().prop_map(|t| format!("<{t} class=\"x\">")),
            tag.prop_map(|t| format!("</{t}>")),
            "[a-z ]{0,8}".prop_map(|t| t.to_string()),
        ];
        prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
    }

    proptest! {
        /// The cheap count never says more than the tree html5ever builds holds, so
        /// refusing on it refuses only pages over the cap.
        #[test]
        fn start_tags_are_at_most_the_elements_built(body in markup()) {
            let html = format!("<html><head></head><body>{body}</body></html>");
            let prepared = crate::html_guard::prepare(&html);
            let cheap = count_start_tags(&prepared);
            let doc = Document::from(prepared.as_ref());
            let built = doc.root().descendants_it().filter(|n| n.is_element()).count();
            prop_assert!(cheap <= built, "{cheap} tags, {built} elements: {prepared}");
        }
    }
}
