//! What a sync server says about feeds and articles, in our model: every string cleaned as
//! a feed's are (`feed::parse::clean`), ids kept as the server gave them.

use crate::feed::parse::clean;
use crate::model::{Enclosure, ParsedItem};
use serde_json::Value;

pub use crate::model::{RemoteArticle, RemoteFeed};

/// The dedupe key an article from the server is stored under: the server's id, which
/// stays when the feed edits the article.
pub fn guid(kind: super::SyncKind, id: i64) -> String {
    match kind {
        super::SyncKind::Ttrss => format!("ttrss:{id}"),
        super::SyncKind::Greader => format!("greader:{id}"),
    }
}

/// A TT-RSS `getFeeds` entry; None without an id or an http(s) address.
pub fn ttrss_feed(v: &Value, category: impl Fn(i64) -> Option<String>) -> Option<RemoteFeed> {
    let id = v.get("id")?.as_i64()?;
    let url = clean::link(None, v.get("feed_url")?.as_str()?)?;
    let title = clean::title(v.get("title").and_then(Value::as_str).unwrap_or(""));
    let category = v
        .get("cat_id")
        .and_then(Value::as_i64)
        .filter(|&c| c > 0)
        .and_then(category);
    Some(RemoteFeed {
        id: id.to_string(),
        url,
        title,
        category,
    })
}

/// A TT-RSS `getHeadlines` entry (with content and attachments); None without ids.
pub fn ttrss_article(v: &Value) -> Option<RemoteArticle> {
    let id = v.get("id")?.as_i64()?;
    let feed_id = as_i64(v.get("feed_id")?)?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
    let link = clean::link(None, text("link"));
    let base = link.as_deref().and_then(|l| url::Url::parse(l).ok());
    let mut categories: Vec<String> = Vec::new();
    for tag in v
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let tag = crate::sanitize::line(tag.as_str().unwrap_or(""));
        if !tag.is_empty() && !categories.contains(&tag) {
            categories.push(tag);
        }
    }
    let mut media = Attached::default();
    for a in v
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // TT-RSS files a feed's picture (media:thumbnail) as an attachment "image/generic".
        media.add(
            base.as_ref(),
            a.get("content_url").and_then(Value::as_str),
            a.get("content_type").and_then(Value::as_str),
            None,
            a.get("duration").and_then(as_i64),
        );
    }
    let Attached {
        enclosures,
        mut picture,
    } = media;
    if picture.is_none() {
        picture = clean::link(base.as_ref(), text("flavor_image"));
    }
    let author = Some(crate::sanitize::line(text("author"))).filter(|a| !a.is_empty());
    let updated = v.get("updated").and_then(as_i64);
    Some(RemoteArticle {
        id,
        feed_id: feed_id.to_string(),
        unread: v.get("unread").and_then(Value::as_bool).unwrap_or(true),
        starred: v.get("marked").and_then(Value::as_bool).unwrap_or(false),
        stamp: None,
        item: ParsedItem {
            guid: Some(guid(super::SyncKind::Ttrss, id)),
            link,
            title: clean::title(text("title")),
            author,
            published: updated,
            updated: None,
            summary: None,
            content: clean::html(text("content")),
            enclosures,
            categories,
            picture,
            packed: None,
            title_derived: false,
        },
    })
}

/// An article's attachments as a server lists them: the enclosures, and its picture (the
/// first image among them).
#[derive(Default)]
struct Attached {
    enclosures: Vec<Enclosure>,
    picture: Option<String>,
}

impl Attached {
    /// One attachment; dropped without an http(s) address, or when listed already.
    fn add(
        &mut self,
        base: Option<&url::Url>,
        url: Option<&str>,
        mime: Option<&str>,
        length: Option<i64>,
        duration: Option<i64>,
    ) {
        let Some(url) = url.and_then(|u| clean::link(base, u)) else {
            return;
        };
        let mime = mime.and_then(clean::mime);
        if mime.as_deref().is_some_and(|m| m.starts_with("image/")) {
            self.picture.get_or_insert(url);
            return;
        }
        let positive = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok()).filter(|&n| n > 0);
        if !self.enclosures.iter().any(|e| e.url == url) {
            self.enclosures.push(Enclosure {
                url,
                mime,
                length: positive(length),
                duration_secs: positive(duration),
            });
        }
    }
}

/// An integer the server may send as a number or a string (PHP).
fn as_i64(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_headline_becomes_a_cleaned_item() {
        let v = json!({
            "id": 7, "feed_id": "3", "unread": false, "marked": true, "updated": 1796116440,
            "title": "Tom &amp; Jerry\u{1b}[31m", "link": "https://site.example/a",
            "author": "Ann\u{7}", "tags": ["", "World", "World"],
            "content": "<p>Body</p>",
            "attachments": [
                {"content_url": "https://cdn.example/ep.mp3", "content_type": "audio/mpeg", "duration": "754"},
                {"content_url": "javascript:alert(1)", "content_type": "audio/mpeg"},
                {"content_url": "/thumb.jpg", "content_type": "image/generic"}
            ],
            "flavor_image": "https://cdn.example/other.jpg"
        });
        let a = ttrss_article(&v).expect("article");
        assert_eq!(
            (a.id, a.feed_id.as_str(), a.unread, a.starred),
            (7, "3", false, true)
        );
        assert_eq!(a.item.guid.as_deref(), Some("ttrss:7"));
        assert_eq!(a.item.title, "Tom & Jerry");
        assert_eq!(a.item.author.as_deref(), Some("Ann"));
        assert_eq!(a.item.categories, ["World"]);
        assert_eq!(a.item.published, Some(1796116440));
        assert_eq!(a.item.content.as_deref(), Some("<p>Body</p>"));
        assert_eq!(a.item.enclosures.len(), 1);
        assert_eq!(a.item.enclosures[0].duration_secs, Some(754));
        assert_eq!(
            a.item.picture.as_deref(),
            Some("https://site.example/thumb.jpg")
        );
        assert!(ttrss_article(&json!({"title": "no id"})).is_none());
    }

    #[test]
    fn a_feed_needs_an_http_address() {
        let cat = |id: i64| (id == 2).then(|| "Tech".to_string());
        let f = ttrss_feed(
            &json!({"id": 5, "feed_url": "https://a.example/f.xml", "title": "A", "cat_id": 2}),
            cat,
        )
        .expect("feed");
        assert_eq!(f.category.as_deref(), Some("Tech"));
        assert!(
            ttrss_feed(
                &json!({"id": 6, "feed_url": "file:///etc/passwd", "title": "x", "cat_id": 0}),
                cat
            )
            .is_none()
        );
    }
}

/// The state tags of the Google Reader API.
pub const READ_TAG: &str = "user/-/state/com.google/read";
pub const STARRED_TAG: &str = "user/-/state/com.google/starred";
pub const READING_LIST: &str = "user/-/state/com.google/reading-list";

/// A Google Reader item id in either form: decimal (`"1234"`, FreshRSS's microsecond
/// stamps) or long (`tag:google.com,2005:reader/item/00000000000004d2`, 16 hex digits of
/// the same 64-bit number).
pub fn greader_item_id(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    match raw.strip_prefix("tag:google.com,2005:reader/item/") {
        Some(hex) => u64::from_str_radix(hex, 16).ok().map(|n| n as i64),
        None => raw.parse().ok(),
    }
}

/// A `subscription/list` entry; None without an id or an http(s) address.
pub fn greader_feed(v: &Value) -> Option<RemoteFeed> {
    let id = crate::sanitize::line(v.get("id")?.as_str()?);
    let url = clean::link(None, v.get("url")?.as_str()?)?;
    let title = clean::title(v.get("title").and_then(Value::as_str).unwrap_or(""));
    let category = v
        .get("categories")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|c| {
            let label = c
                .get("label")
                .and_then(Value::as_str)
                .or_else(|| c.get("id")?.as_str()?.rsplit('/').next())?;
            Some(crate::sanitize::line(label)).filter(|l| !l.is_empty())
        });
    (!id.is_empty()).then_some(RemoteFeed {
        id,
        url,
        title,
        category,
    })
}

/// A `stream/items/contents` item; None without an id or a feed.
pub fn greader_article(v: &Value) -> Option<RemoteArticle> {
    let id = greader_item_id(v.get("id")?.as_str()?)?;
    let feed_id = crate::sanitize::line(v.get("origin")?.get("streamId")?.as_str()?);
    let hrefs = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|l| l.get("href")?.as_str().map(str::to_string))
            .collect()
    };
    let link = hrefs("canonical")
        .into_iter()
        .chain(hrefs("alternate"))
        .find_map(|h| clean::link(None, &h));
    let base = link.as_deref().and_then(|l| url::Url::parse(l).ok());
    let tags: Vec<&str> = v
        .get("categories")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let has = |tag: &str| {
        tags.iter()
            .any(|t| t.ends_with(tag.trim_start_matches("user/-")))
    };
    let mut categories: Vec<String> = Vec::new();
    for t in &tags {
        if let Some(label) = t
            .split_once("/label/")
            .map(|(_, l)| crate::sanitize::line(l))
            && !label.is_empty()
            && !categories.contains(&label)
        {
            categories.push(label);
        }
    }
    let body = |k: &str| {
        v.get(k)
            .and_then(|b| b.get("content"))
            .and_then(Value::as_str)
            .and_then(clean::html)
    };
    let mut media = Attached::default();
    for e in v
        .get("enclosure")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        media.add(
            base.as_ref(),
            e.get("href").and_then(Value::as_str),
            e.get("type").and_then(Value::as_str),
            e.get("length").and_then(as_i64),
            None,
        );
    }
    let Attached {
        enclosures,
        picture,
    } = media;
    let author = v
        .get("author")
        .and_then(Value::as_str)
        .map(crate::sanitize::line)
        .filter(|a| !a.is_empty());
    let summary = body("summary");
    let content = body("content");
    Some(RemoteArticle {
        id,
        feed_id,
        unread: !has(READ_TAG),
        starred: has(STARRED_TAG),
        // FreshRSS compares mark-all-as-read's ts with this (its id), Miniflux with the
        // published time it puts here.
        stamp: v
            .get("timestampUsec")
            .and_then(as_i64)
            .or_else(|| v.get("crawlTimeMsec").and_then(as_i64).map(|ms| ms * 1000)),
        item: ParsedItem {
            guid: Some(guid(super::SyncKind::Greader, id)),
            link,
            title: clean::title(v.get("title").and_then(Value::as_str).unwrap_or("")),
            author,
            published: v.get("published").and_then(as_i64),
            updated: v.get("updated").and_then(as_i64),
            // Servers put the text in one or the other.
            content: content.or(summary),
            summary: None,
            enclosures,
            categories,
            picture,
            packed: None,
            title_derived: false,
        },
    })
}

#[cfg(test)]
mod greader_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_id_forms_are_the_same_number() {
        assert_eq!(greader_item_id("1234"), Some(1234));
        assert_eq!(
            greader_item_id("tag:google.com,2005:reader/item/00000000000004d2"),
            Some(1234)
        );
        // FreshRSS: microseconds since 1970.
        assert_eq!(
            greader_item_id("tag:google.com,2005:reader/item/0005f2b7bd9f7a40"),
            Some(0x0005_f2b7_bd9f_7a40)
        );
        // Google's own ids use all 64 bits.
        assert_eq!(
            greader_item_id("tag:google.com,2005:reader/item/ffffffffffffffff"),
            Some(-1)
        );
        assert_eq!(greader_item_id("feed/1"), None);
    }

    #[test]
    fn an_item_becomes_a_cleaned_article_with_its_state() {
        let v = json!({
            "id": "tag:google.com,2005:reader/item/00000000000004d2",
            "title": "A &amp; B",
            "published": 1796116440,
            "canonical": [{"href": "https://site.example/a"}],
            "summary": {"content": "<p>Text</p>"},
            "author": "Ann",
            "categories": ["user/-/state/com.google/reading-list", "user/1/state/com.google/starred", "user/-/label/Tech"],
            "origin": {"streamId": "feed/7", "title": "Site"},
            "enclosure": [{"href": "/ep.mp3", "type": "audio/mpeg", "length": "100"}, {"href": "https://cdn.example/p.jpg", "type": "image/jpeg"}]
        });
        let a = greader_article(&v).expect("article");
        assert_eq!((a.id, a.feed_id.as_str()), (1234, "feed/7"));
        assert!(a.unread && a.starred, "{a:?}");
        assert_eq!(a.item.title, "A & B");
        assert_eq!(a.item.content.as_deref(), Some("<p>Text</p>"));
        assert_eq!(a.item.categories, ["Tech"]);
        assert_eq!(a.item.enclosures[0].url, "https://site.example/ep.mp3");
        assert_eq!(a.item.picture.as_deref(), Some("https://cdn.example/p.jpg"));
        assert_eq!(a.item.guid.as_deref(), Some("greader:1234"));
    }
}
