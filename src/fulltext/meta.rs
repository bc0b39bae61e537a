//! What a page says about itself beyond its text: when it was published and its lead.
//! dom_smoothie reads `article:published_time` and JSON-LD `datePublished` too, but not
//! `<time datetime>`, and its excerpt falls back to the first paragraph, which the pane
//! would then show twice.

use dom_query::Document;

#[derive(Debug, Default)]
pub(super) struct Page {
    /// `article:published_time` (and the other meta names for it), unix seconds.
    pub(super) published: Option<i64>,
    /// The `datetime` of the article's first `<time>`, unix seconds.
    pub(super) time_element: Option<i64>,
    /// `og:description`, else `twitter:description`, else `description`.
    pub(super) lead: Option<String>,
}

/// Meta properties and names for the publication time, first found wins.
const PUBLISHED: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publishdate']",
    "meta[name='date']",
    "meta[name='dc.date']",
];

const LEAD: &[&str] = &[
    "meta[property='og:description']",
    "meta[name='twitter:description']",
    "meta[property='twitter:description']",
    "meta[name='description']",
];

/// `<time>`s inside the article first: a page header often has today's date.
const TIME: &[&str] = &[
    "article time[datetime]",
    "main time[datetime]",
    "time[datetime]",
];

pub(super) fn read(doc: &Document) -> Page {
    let content = |sels: &[&str], attr: &str| {
        sels.iter().find_map(|sel| {
            doc.try_select(sel)?.nodes().iter().find_map(|n| {
                n.attr(attr)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            })
        })
    };
    Page {
        published: content(PUBLISHED, "content")
            .as_deref()
            .and_then(parse_time),
        time_element: content(TIME, "datetime").as_deref().and_then(parse_time),
        lead: content(LEAD, "content"),
    }
}

/// A page's time as unix seconds: RFC 3339 and its common relaxations (no seconds, no
/// zone: taken as UTC), a date alone (midnight UTC), or RFC 2822.
pub(super) fn parse_time(s: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.timestamp());
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    }
    DateTime::parse_from_rfc2822(s).ok().map(|t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_the_forms_pages_use() {
        let t = 1_780_000_000; // 2026-05-28T20:26:40Z
        for s in [
            "2026-05-28T20:26:40Z",
            "2026-05-28T23:26:40+03:00",
            "2026-05-28T23:26:40+0300",
            "2026-05-28T20:26:40.000Z",
            "2026-05-28T20:26:40",
            "2026-05-28 20:26:40",
            "Thu, 28 May 2026 20:26:40 +0000",
        ] {
            assert_eq!(parse_time(s), Some(t), "{s}");
        }
        assert_eq!(parse_time("2026-05-28"), Some(1_779_926_400));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn meta_and_time_elements() {
        let doc = Document::from(
            "<html><head><meta property='og:description' content=' The lead. '>
             <meta name='description' content='Other'></head>
             <body><header><time datetime='2020-01-01'>Today</time></header>
             <article><time datetime='2026-05-28T20:26:40Z'>May 28</time></article></body></html>",
        );
        let page = read(&doc);
        assert_eq!(page.lead.as_deref(), Some("The lead."));
        assert_eq!(page.time_element, Some(1_780_000_000));
        assert_eq!(page.published, None);
    }
}
