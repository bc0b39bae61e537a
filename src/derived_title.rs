//! A title for an article whose feed gave it none (an Atom entry without `<title>`, an RSS
//! item with only a link or text). A row without a title is nothing to read or select by,
//! so every article gets one: made from the link's last path segment (newsboat's way:
//! `…/a-gentle-introduction-to-testing.html` reads "A gentle introduction to testing"),
//! else the first words of its text, else its date and feed. The caller marks the title
//! as made (`Flags::DERIVED_TITLE`) so the list can show it apart from a feed's own.

use crate::sanitize;

/// Longest made title, in characters: a headline, not a paragraph.
const MAX_CHARS: usize = 80;
/// Words taken from the text.
const MAX_WORDS: usize = 10;
/// How much of a body is turned into text for its first words.
const HTML_HEAD: usize = 4096;

/// Path segments that name a kind of page, not the article.
const GENERIC: &[&str] = &[
    "index", "default", "amp", "article", "articles", "story", "stories", "post", "posts", "news",
    "feed", "view", "item", "entry", "page", "html", "www", "p", "a",
];

/// The title for an item without one. `bodies` are HTML (summary, content), `date` Unix
/// seconds, `feed` the feed's name.
pub fn derive(
    link: Option<&str>,
    bodies: [Option<&str>; 2],
    date: Option<i64>,
    feed: Option<&str>,
) -> String {
    link.and_then(from_link)
        .or_else(|| bodies.into_iter().flatten().find_map(from_html))
        .unwrap_or_else(|| from_date_and_feed(date, feed))
}

/// Words from the last meaningful path segment of an http(s) link: extension and ids
/// dropped, the first word capitalised.
pub fn from_link(link: &str) -> Option<String> {
    let url = url::Url::parse(link).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    segments.iter().rev().find_map(|segment| {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        let stem = without_extension(&decoded);
        let words: Vec<&str> = stem
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '+' | '.' | ',' | '~'))
            .filter(|w| !w.is_empty() && !is_id(w))
            .collect();
        let useful = words
            .iter()
            .any(|w| !GENERIC.contains(&w.to_lowercase().as_str()));
        if !useful {
            return None;
        }
        let title = sanitize::line_capped(&words.join(" "), MAX_CHARS - 1);
        (title.chars().any(char::is_alphabetic)).then(|| capitalised(&title))
    })
}

/// The first words of an HTML body.
pub fn from_html(html: &str) -> Option<String> {
    let mut cut = html.len().min(HTML_HEAD);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = sanitize::line(&crate::html_guard::to_plain_text(&html[..cut]));
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    if !words.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
        return None;
    }
    let mut title = sanitize::line_capped(
        &words[..words.len().min(MAX_WORDS)].join(" "),
        MAX_CHARS - 1,
    );
    let cut_short = words.len() > MAX_WORDS || cut < html.len();
    if cut_short && !title.ends_with('…') {
        title.push('…');
    }
    Some(title)
}

/// "Harbour Radio, 2 Dec 2026 14:05" (UTC), the last resort.
pub fn from_date_and_feed(date: Option<i64>, feed: Option<&str>) -> String {
    let feed = feed
        .map(sanitize::line)
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| crate::t!("article-untitled"));
    match date.and_then(|d| chrono::DateTime::from_timestamp(d, 0)) {
        Some(d) => format!("{feed}, {}", d.format("%-d %b %Y %H:%M")),
        None => feed,
    }
}

fn without_extension(segment: &str) -> &str {
    match segment.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => segment,
    }
}

/// Numbers, hashes and slugs' ids: `123456`, `a1b2c3d4e5`, `id42`, `p=7`.
fn is_id(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return word.contains('=');
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    digits == word.chars().count()
        || word.contains('=')
        || (digits >= 2 && word.len() >= 6 && word.chars().all(|c| c.is_ascii_hexdigit()))
        || (digits >= 3 && letters <= 3)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_from_links() {
        let cases = [
            (
                "https://blog.test/2015/03/a-gentle-introduction-to-testing.html",
                Some("A gentle introduction to testing"),
            ),
            (
                "https://news.test/world/storm-hits-coast-1234567",
                Some("Storm hits coast"),
            ),
            ("https://news.test/world/europe-68211932", Some("Europe")),
            (
                "https://site.test/posts/my_first_post/index.html",
                Some("My first post"),
            ),
            (
                "https://site.test/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8-%D0%B4%D0%BD%D1%8F",
                Some("Новости дня"),
            ),
            ("https://site.test/?p=123", None),
            ("https://site.test/2024/05/12/", None),
            ("https://site.test/article/9f86d081884c7d65", None),
            ("gopher://site.test/a-gentle-introduction", None),
        ];
        for (link, want) in cases {
            assert_eq!(from_link(link).as_deref(), want, "{link}");
        }
    }

    #[test]
    fn titles_from_text_and_the_last_resort() {
        assert_eq!(
            from_html("<p>The <b>harbour</b> board met on Tuesday to discuss the dredging plan and more.</p>").as_deref(),
            Some("The harbour board met on Tuesday to discuss the dredging…")
        );
        assert_eq!(
            from_html("<p>Short note.</p>").as_deref(),
            Some("Short note.")
        );
        assert_eq!(from_html("<img src=x> <br/>"), None);
        assert_eq!(
            from_date_and_feed(Some(1_764_684_300), Some("Harbour Radio")),
            "Harbour Radio, 2 Dec 2025 14:05"
        );
        assert_eq!(from_date_and_feed(None, None), "Untitled");
        assert_eq!(
            derive(None, [None, Some("<p>Only text</p>")], None, Some("F")),
            "Only text"
        );
    }

    proptest! {
        /// Whatever a feed sends, the made title is one clean, short, non-empty line.
        #[test]
        fn a_made_title_is_one_short_clean_line(
            link in prop::option::of(prop_oneof![
                "https://x\\.test/[a-z0-9%_.~+-]{0,40}(/[a-z0-9%_.~+-]{0,30}){0,3}",
                ".{0,60}",
            ]),
            summary in prop::option::of(".{0,300}"),
            content in prop::option::of("(<p>)?.{0,300}"),
            date in prop::option::of(any::<i64>()),
            feed in prop::option::of(".{0,40}"),
        ) {
            let title = derive(
                link.as_deref(),
                [summary.as_deref(), content.as_deref()],
                date,
                feed.as_deref(),
            );
            prop_assert!(!title.trim().is_empty());
            prop_assert_eq!(sanitize::line(&title), title.clone());
            prop_assert!(title.chars().count() <= MAX_CHARS.max(
                feed.as_deref().map_or(0, |f| f.chars().count()) + 30
            ), "{}", title);
        }
    }
}
