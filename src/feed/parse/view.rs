//! What of a parsed document the mapping to [`crate::model`] reads, whichever reader read it.
//!
//! Both readers fill these: feed-rs's model is moved into them (`from_feed_rs`), and the
//! streaming reader (`stream`) builds them directly. One mapping (`super::map_entry`) then
//! makes the `ParsedItem`s, so the two paths can differ only in what they read.

/// A text construct: its content and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextView {
    pub content: String,
    pub kind: Kind,
}

/// A media type reduced to what the mapping distinguishes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// `text/plain`.
    Plain,
    /// `text/html`, `application/xhtml`, `application/xhtml+xml`.
    Html,
    /// Anything else: not a body we show, and a title read as HTML.
    Other,
}

impl Kind {
    /// From a media type as feed-rs writes it (`text/html`, `image/png; x=y`).
    pub fn of(media_type: &str) -> Kind {
        match super::essence(media_type).as_str() {
            "text/plain" => Kind::Plain,
            "text/html" | "application/xhtml" | "application/xhtml+xml" => Kind::Html,
            _ => Kind::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LinkView {
    pub href: String,
    pub rel: Option<String>,
    pub media_type: Option<String>,
    /// A comments link (RSS `comments`, `wfw:commentRss`): never the page, never media.
    pub targeted: bool,
    pub length: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct PersonView {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct CategoryView {
    pub term: String,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct MediaContentView {
    /// An absolute URL as the `url` crate writes it.
    pub url: Option<String>,
    pub mime: Option<String>,
    pub size: Option<u64>,
    pub duration_secs: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct MediaView {
    pub title: Option<TextView>,
    pub description: Option<TextView>,
    pub content: Vec<MediaContentView>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct EntryView {
    pub id: String,
    pub title: Option<TextView>,
    pub authors: Vec<PersonView>,
    pub summary: Option<TextView>,
    /// The content's body; None also for a body given by reference (`src`).
    pub content: Option<TextView>,
    pub media: Vec<MediaView>,
    pub categories: Vec<CategoryView>,
    pub links: Vec<LinkView>,
    pub published: Option<i64>,
    pub updated: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct FeedView {
    pub title: Option<TextView>,
    pub links: Vec<LinkView>,
    pub entries: Vec<EntryView>,
    pub is_json: bool,
}

fn text(t: feed_rs::model::Text) -> TextView {
    TextView {
        kind: Kind::of(t.content_type.as_ref()),
        content: t.content,
    }
}

fn link(l: feed_rs::model::Link) -> LinkView {
    LinkView {
        href: l.href,
        rel: l.rel,
        media_type: l.media_type,
        targeted: l.target.is_some(),
        length: l.length,
    }
}

/// feed-rs's model moved into the view.
pub(super) fn from_feed_rs(feed: feed_rs::model::Feed) -> FeedView {
    FeedView {
        title: feed.title.map(text),
        links: feed.links.into_iter().map(link).collect(),
        is_json: feed.feed_type == feed_rs::model::FeedType::JSON,
        entries: feed.entries.into_iter().map(entry).collect(),
    }
}

fn entry(e: feed_rs::model::Entry) -> EntryView {
    EntryView {
        id: e.id,
        title: e.title.map(text),
        authors: e
            .authors
            .into_iter()
            .map(|p| PersonView {
                name: p.name,
                email: p.email,
            })
            .collect(),
        summary: e.summary.map(text),
        content: e.content.and_then(|c| {
            Some(TextView {
                kind: Kind::of(c.content_type.as_ref()),
                content: c.body?,
            })
        }),
        media: e
            .media
            .into_iter()
            .map(|m| MediaView {
                title: m.title.map(text),
                description: m.description.map(text),
                content: m
                    .content
                    .into_iter()
                    .map(|c| MediaContentView {
                        url: c.url.map(String::from),
                        mime: c.content_type.map(|m| m.as_ref().to_string()),
                        size: c.size,
                        duration_secs: c.duration.map(|d| d.as_secs()),
                    })
                    .collect(),
            })
            .collect(),
        categories: e
            .categories
            .into_iter()
            .map(|c| CategoryView {
                term: c.term,
                label: c.label,
            })
            .collect(),
        links: e.links.into_iter().map(link).collect(),
        published: e.published.map(|d| d.timestamp()),
        updated: e.updated.map(|d| d.timestamp()),
    }
}
