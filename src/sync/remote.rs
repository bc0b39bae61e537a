//! What a sync server says about feeds and articles, in our model: every string cleaned as
//! a feed's are (`feed::parse::clean`), ids kept as the server gave them.

use crate::feed::parse::clean;
use crate::model::{Enclosure, ParsedItem};
use serde_json::Value;

/// A subscription on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteFeed {
    pub id: i64,
    /// The feed's own address (http(s)).
    pub url: String,
    pub title: String,
    /// The server's category: a tag here. None for uncategorized.
    pub category: Option<String>,
}

/// An article on the server and its state there.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteArticle {
    pub id: i64,
    pub feed_id: i64,
    pub unread: bool,
    pub starred: bool,
    pub item: ParsedItem,
}

/// The dedupe key an article from the server is stored under: the server's id, which
/// stays when the feed edits the article.
pub fn guid(id: i64) -> String {
    format!("ttrss:{id}")
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
        id,
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
    let mut enclosures: Vec<Enclosure> = Vec::new();
    let mut picture = None;
    for a in v
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(url) = a
            .get("content_url")
            .and_then(Value::as_str)
            .and_then(|u| clean::link(base.as_ref(), u))
        else {
            continue;
        };
        let mime = a
            .get("content_type")
            .and_then(Value::as_str)
            .and_then(clean::mime);
        // TT-RSS files a feed's picture (media:thumbnail) as an attachment "image/generic".
        if mime.as_deref().is_some_and(|m| m.starts_with("image/")) {
            picture = picture.or(Some(url));
            continue;
        }
        let duration_secs = a
            .get("duration")
            .and_then(as_i64)
            .and_then(|d| u64::try_from(d).ok())
            .filter(|&d| d > 0);
        if !enclosures.iter().any(|e| e.url == url) {
            enclosures.push(Enclosure {
                url,
                mime,
                length: None,
                duration_secs,
            });
        }
    }
    if picture.is_none() {
        picture = clean::link(base.as_ref(), text("flavor_image"));
    }
    let author = Some(crate::sanitize::line(text("author"))).filter(|a| !a.is_empty());
    let updated = v.get("updated").and_then(as_i64);
    Some(RemoteArticle {
        id,
        feed_id,
        unread: v.get("unread").and_then(Value::as_bool).unwrap_or(true),
        starred: v.get("marked").and_then(Value::as_bool).unwrap_or(false),
        item: ParsedItem {
            guid: Some(guid(id)),
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
        assert_eq!((a.id, a.feed_id, a.unread, a.starred), (7, 3, false, true));
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
