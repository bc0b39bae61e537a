//! The pre-pass: page chrome that readability keeps, removed before it scores the page.
//!
//! Readability drops what scores badly, but keeps whatever sits inside the block it picks:
//! a share bar between the headline and the first paragraph, an icon font's ligature
//! words (`<span class="material-icons">share</span>` reads "share"), a podcast player's
//! `0:00` counters, a "Read more" teaser, a comment-count notice. Each rule below names
//! what it removes and why; the tests in `tests/fulltext` have a page for each kind.

use dom_query::{Document, NodeRef};

/// Elements removed by tag or attribute, wherever they are.
const SELECTORS: &[(&str, &str)] = &[
    // Site navigation, mastheads and footers (a `<header>` inside the article is kept:
    // see `HEADER_OUTSIDE_ARTICLE`).
    ("nav, footer, aside", "site navigation, footers, sidebars"),
    (
        "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search]",
        "the same regions marked by ARIA roles instead of tags",
    ),
    // An inline `<svg>` carries a `<title>` ("Facebook", "Close") that reads as text.
    ("svg, symbol", "icon sprites and their titles"),
    (
        "form, button, input, select, textarea",
        "search boxes, sign-up and comment forms",
    ),
    (
        "audio, video, iframe, object, embed",
        "players and embeds; their controls are text",
    ),
    (
        "dialog, template",
        "pop-ups and markup the page's scripts fill in",
    ),
    (
        "[aria-hidden=true]:not(article):not(main):not(body)",
        "decoration the page itself hides from screen readers (icons, counters)",
    ),
    ("[hidden]", "content the page does not show"),
];

/// Words in a `class` or `id` (split at `-`, `_` and case changes) that mark chrome.
/// Matched whole, so `share` catches `article-share-bar` but not `shareholders`.
const WORDS: &[(&str, &str)] = &[
    ("share", "share bars"),
    ("sharing", "share bars"),
    ("social", "follow-us and share bars"),
    ("sharebar", "share bars"),
    (
        "icon",
        "icon fonts: their ligature words would read as text",
    ),
    ("icons", "icon fonts"),
    ("fa", "Font Awesome icons"),
    ("glyphicon", "Bootstrap icons"),
    ("cookie", "cookie notices"),
    ("cookies", "cookie notices"),
    ("consent", "consent banners"),
    ("gdpr", "consent banners"),
    ("newsletter", "newsletter sign-up boxes"),
    ("subscribe", "subscription boxes"),
    ("subscription", "subscription boxes"),
    ("signup", "sign-up boxes"),
    ("comments", "comment sections and notices"),
    ("comment", "comment sections and notices"),
    ("disqus", "comment sections"),
    ("related", "related-article blocks"),
    ("recommended", "recommended-article blocks"),
    ("readmore", "read-more teasers"),
    ("more", "more-from / read-more blocks (`more-stories`)"),
    ("promo", "promotions"),
    ("player", "audio and video players"),
    ("breadcrumb", "breadcrumbs"),
    ("breadcrumbs", "breadcrumbs"),
    ("sidebar", "sidebars"),
    ("widget", "sidebar widgets"),
    ("banner", "banners"),
    ("advert", "advertisements"),
    ("advertisement", "advertisements"),
    ("ad", "advertisements (`ad-slot`)"),
    ("ads", "advertisements"),
    ("sponsored", "sponsored blocks"),
    ("popup", "pop-ups"),
    ("modal", "pop-ups"),
    ("toolbar", "tool bars"),
    ("print", "print buttons"),
    ("tags", "tag lists"),
    ("views", "view counters"),
    ("counter", "view and comment counters"),
    ("paywall", "paywall prompts"),
];

/// Short texts that are chrome whatever their markup (compared folded to lower case,
/// trimmed of `…`, `.`, `›`, `→` and spaces).
const PHRASES: &[&str] = &[
    "read more",
    "read more:",
    "continue reading",
    "see also",
    "related",
    "related articles",
    "more on this story",
    "share",
    "share this article",
    "share this",
    "comments",
    "leave a comment",
    "comments are closed",
    "join the conversation",
    "show comments",
    "sign up",
    "subscribe",
    "advertisement",
    "listen",
    "listen to this article",
    "play",
    "pause",
    "читать далее",
    "читайте также",
    "подробнее",
    "поделиться",
    "комментарии",
    "реклама",
];

/// An element that is chrome by its words is still kept when it holds this share of the
/// page's text or more: a class word on the article's own wrapper (`post has-comments`)
/// must not take the article with it.
const MAX_SHARE: f64 = 0.4;

/// A text this long or longer is not a counter, a label or a teaser line.
const SHORT: usize = 80;

/// Removes the page chrome in place.
pub fn strip(doc: &Document) {
    // One pass over the page for the whole table.
    let all = SELECTORS
        .iter()
        .map(|(sel, _why)| *sel)
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(found) = doc.try_select(&all) {
        found.remove();
    }
    remove_headers_outside_article(doc);
    let body_chars = doc.select("body").text().chars().count().max(1);
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    if let Some(marked) = doc.try_select("[class], [id]") {
        for node in marked.nodes() {
            if is_structural(node) || !has_chrome_word(node) {
                continue;
            }
            let chars = node.text().chars().count();
            if (chars as f64) < MAX_SHARE * body_chars as f64 {
                doomed.push(*node);
            }
        }
    }
    // Leaves of short text that are a counter (`0:00`, `12:34 / 45:00`) or a phrase.
    for node in doc.root().descendants_it() {
        // Containers are not labels; checked first, as their text is the costly part.
        if !node.is_element() || is_structural(&node) || node.element_children().len() > 2 {
            continue;
        }
        let text = node.text();
        let text = text.trim();
        if text.is_empty() || text.len() > SHORT {
            continue;
        }
        if is_counter(text) || is_phrase(text) {
            doomed.push(node);
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

fn is_structural(node: &NodeRef<'_>) -> bool {
    [
        "html", "head", "body", "article", "main", "title", "meta", "script",
    ]
    .iter()
    .any(|n| node.has_name(n))
}

/// A `<header>` around the page (logo, menu) is chrome; one inside `<article>` or
/// `<main>` holds the headline, byline and date, which readability reads.
fn remove_headers_outside_article(doc: &Document) {
    let Some(headers) = doc.try_select("header, [role=banner]") else {
        return;
    };
    for node in headers.nodes() {
        let inside = node
            .ancestors_it(None)
            .any(|a| a.has_name("article") || a.has_name("main"));
        if !inside {
            node.remove_from_parent();
        }
    }
}

fn has_chrome_word(node: &NodeRef<'_>) -> bool {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    class
        .split_ascii_whitespace()
        .chain(std::iter::once(&*id))
        .flat_map(words)
        .any(|w| WORDS.iter().any(|(word, _)| *word == w))
}

/// A class or id name in lower-case words: `ShareBar_top` is `share`, `bar`, `top`, and
/// also `sharebar`, since some names run the words together.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    if out.len() > 1 {
        out.push(name.to_ascii_lowercase().replace(['-', '_'], ""));
    }
    out
}

/// `0:00`, `1:02:03`, `0:00 / 12:34`: a player's clock.
fn is_counter(text: &str) -> bool {
    let clock = |s: &str| {
        let parts: Vec<&str> = s.trim().split(':').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    text.split('/').all(clock)
}

fn is_phrase(text: &str) -> bool {
    let folded = text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '…' | '.' | '›' | '→' | '»'))
        .to_lowercase();
    PHRASES.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_split_into_words() {
        assert_eq!(
            words("article-share-bar"),
            ["article", "share", "bar", "articlesharebar"]
        );
        assert_eq!(
            words("ShareBar_top"),
            ["share", "bar", "top", "sharebartop"]
        );
        assert!(words("shareholders").iter().all(|w| w != "share"));
    }

    #[test]
    fn counters_and_phrases() {
        for t in ["0:00", "12:34 / 45:00", "1:02:03"] {
            assert!(is_counter(t), "{t}");
        }
        for t in ["10:30 am", "2026", "1:2:3:4", "at 0:00"] {
            assert!(!is_counter(t), "{t}");
        }
        assert!(is_phrase("Read more →"));
        assert!(is_phrase("  Читать далее…"));
        assert!(!is_phrase("Read more about the budget in our guide"));
    }

    fn text_after(html: &str) -> String {
        let doc = Document::from(html);
        strip(&doc);
        doc.select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn chrome_goes_and_the_article_stays() {
        let long = "The council voted on Tuesday to keep the bridge open. ".repeat(10);
        let html = format!(
            "<body><header><a>Home</a></header><nav>World Sport</nav>
             <article class='post has-comments'><header><h1>Bridge stays open</h1></header>
             <div class='share-bar'><span class='material-icons'>share</span></div>
             <svg><title>Facebook</title></svg><p>{long}</p>
             <div class='player'><span>0:00</span><button>Play</button></div>
             <p><a href='/x'>Read more</a></p></article>
             <div id='comments'>12 comments</div><footer>© Paper</footer></body>"
        );
        let text = text_after(&html);
        assert!(text.contains("Bridge stays open"), "{text}");
        assert!(text.contains("keep the bridge open"), "{text}");
        for gone in [
            "Home",
            "World Sport",
            "share",
            "Facebook",
            "0:00",
            "Play",
            "Read more",
            "12 comments",
            "©",
        ] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
    }
}
