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

/// The `property`, `name` or `itemprop` of a `<meta>` giving the publication time, the
/// first in this order wins.
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
];

/// The same for the lead.
const LEAD: &[&str] = &["og:description", "twitter:description", "description"];

/// One pass over the `<meta>`s and one over the `<time>`s (a selector per name was a
/// pass over the whole page each).
pub(super) fn read(doc: &Document) -> Page {
    let mut metas: Vec<(String, String)> = Vec::new();
    if let Some(found) = doc.try_select("meta[content]") {
        for n in found.nodes() {
            let Some(content) = n.attr("content").map(|c| c.trim().to_string()) else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = n.attr(key) {
                    metas.push((k.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
    }
    let first = |names: &[&str]| {
        names.iter().find_map(|name| {
            metas
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    };
    Page {
        published: first(PUBLISHED).as_deref().and_then(parse_time),
        time_element: time_element(doc),
        lead: first(LEAD),
    }
}

/// The first `<time datetime>` inside `<article>`, else inside `<main>`, else anywhere: a
/// page header often has today's date.
fn time_element(doc: &Document) -> Option<i64> {
    let found = doc.try_select("time[datetime]")?;
    let mut times: Vec<(u8, String)> = found
        .nodes()
        .iter()
        .filter_map(|n| {
            let value = n.attr("datetime")?.trim().to_string();
            let rank = if n.ancestors_it(None).any(|a| a.has_name("article")) {
                0
            } else if n.ancestors_it(None).any(|a| a.has_name("main")) {
                1
            } else {
                2
            };
            (!value.is_empty()).then_some((rank, value))
        })
        .collect();
    // The first of the best rank: a stable sort keeps the page's order.
    times.sort_by_key(|(rank, _)| *rank);
    times.first().and_then(|(_, v)| parse_time(v))
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
