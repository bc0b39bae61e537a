//! Feed document → sanitized [`ParsedFeed`]. Pure: no I/O.
//!
//! feed-rs does the format work; this module decides what of its model we trust and shows:
//! every string goes through [`crate::sanitize`], links must be http(s), titles become plain
//! text, and podcast durations feed-rs loses are read back with a small pass of our own.

use crate::feed::charset;
use crate::model::{Enclosure, ParsedFeed, ParsedItem};
use crate::sanitize;
use feed_rs::parser::Builder;
use std::collections::HashMap;
use url::Url;
use view::{EntryView, FeedView, Kind, LinkView, TextView};

mod error;
mod json;
mod lenient;
mod rss_root;
mod stream;
mod view;

pub use error::{NotAFeed, ParseError};

/// Items beyond this many in one document are ignored (the first ones are kept).
pub const MAX_ITEMS: usize = 5000;

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1. `base_url` resolves relative links.
pub fn parse(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: &str,
) -> Result<ParsedFeed, ParseError> {
    parse_with(bytes, content_type, base_url, true)
}

/// [`parse`] of a body the caller is done with: a UTF-8 body becomes the text without a copy.
pub fn parse_owned(
    bytes: Vec<u8>,
    content_type: Option<&str>,
    base_url: &str,
) -> Result<ParsedFeed, ParseError> {
    parse_text(charset::decode_owned(bytes, content_type), base_url, true)
}

/// [`parse`]; `fast: false` takes neither shortcut (a JSON Feed's bodies go to feed-rs, every
/// XML document gets the whole pre-pass): the plain way the tests compare with.
fn parse_with(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: &str,
    fast: bool,
) -> Result<ParsedFeed, ParseError> {
    parse_text(charset::decode(bytes, content_type), base_url, fast)
}

/// [`parse_with`] once the document is text.
fn parse_text(text: String, base_url: &str, fast: bool) -> Result<ParsedFeed, ParseError> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::NotAFeed(NotAFeed::Empty));
    }
    if looks_like_html_page(trimmed) {
        return Err(ParseError::NotAFeed(NotAFeed::HtmlPage));
    }

    let base = Url::parse(base_url).ok();
    if fast && !trimmed.starts_with('{') {
        // Our own reader for the RSS 2.0 and Atom 1.0 it fully understands; anything else
        // (or a panic on hostile input) is left to feed-rs below, so nothing reads worse.
        if let Ok(Some((feed, metas))) = crate::panic_guard::catch(|| stream::read(&text, base_url))
        {
            return Ok(finish(feed, Extra::xml(metas), base.as_ref()));
        }
    }
    let (rewritten, mut extra) = if trimmed.starts_with('{') {
        let (normalized, durations, bodies) = json::normalize(trimmed, base.as_ref(), fast)?;
        (Some(normalized), Extra::Json(durations, bodies))
    } else {
        let normalized = atom03_as_atom10(&text).or_else(|| rss_root::as_rss20(&text));
        let source = normalized.as_deref().unwrap_or(&text);
        let scan = if fast {
            xml_meta::scan_if_needed(source)
        } else {
            xml_meta::scan(source)
        };
        // feed-rs builds every entry before we could truncate: 16 MB of `<item/>` took
        // 1.7 GB. Cutting the document after the last item we keep bounds that.
        let cut = scan
            .cut
            .map(|cut| cut.apply(normalized.as_deref().unwrap_or(&text)));
        (cut.or(normalized), Extra::xml(scan.items))
    };
    let source = rewritten.as_deref().unwrap_or(&text);

    // An empty id tells us the document had none; feed-rs would otherwise invent a hash of
    // link and title, which changes whenever the title is edited.
    let parser = Builder::new()
        .base_uri(Some(base_url))
        .id_generator(|_, _, _| String::new())
        .build();
    let mut feed = match crate::panic_guard::catch(|| parser.parse(source.as_bytes())) {
        Err(_) => return Err(ParseError::GaveUp),
        Ok(Ok(feed)) => feed,
        // The error quotes a position in the document: the one with its bodies left in.
        Ok(Err(_)) if matches!(extra, Extra::Json(_, ref b) if !b.is_empty()) => {
            return parse_text(text, base_url, false);
        }
        Ok(Err(e)) => return Err(ParseError::from_feed_rs(e, &text)),
    };
    feed.entries.truncate(MAX_ITEMS);
    if let Extra::Json(_, bodies) = &mut extra {
        // One entry per item, in order: feed-rs fails the whole document if an item does not
        // read, and `normalize` already kept at most MAX_ITEMS.
        for (entry, taken) in feed.entries.iter_mut().zip(bodies.drain(..)) {
            taken.restore(entry);
        }
    }
    Ok(finish(view::from_feed_rs(feed), extra, base.as_ref()))
}

/// The read document as a [`ParsedFeed`]: sanitized, links resolved, durations filled in.
fn finish(mut feed: FeedView, extra: Extra, base: Option<&Url>) -> ParsedFeed {
    let title = feed
        .title
        .as_ref()
        .map(plain_title)
        .filter(|t| !t.is_empty());
    let count = feed.entries.len();
    let items = feed
        .entries
        .iter_mut()
        .enumerate()
        .map(|(index, entry)| {
            let mut item = map_entry(entry, base, feed.is_json);
            extra.fill_durations(index, count, entry, &mut item.enclosures);
            // A media:thumbnail or itunes:image first (read from the document: feed-rs
            // drops a media object that has nothing else), else an image media:content.
            if let Some(raw) = extra.picture(index, count, entry)
                && let Some(url) = resolve(base, raw)
            {
                item.picture = Some(url);
            }
            if item.title.is_empty() {
                item.title = crate::derived_title::derive(
                    item.link.as_deref(),
                    [item.summary.as_deref(), item.content.as_deref()],
                    item.published.or(item.updated),
                    title.as_deref(),
                );
                item.title_derived = true;
            }
            item
        })
        .collect();

    ParsedFeed {
        title,
        site_link: pick_link(&feed.links).and_then(|href| resolve(base, href)),
        items,
        hold: Default::default(),
    }
}

/// feed-rs knows only the Atom 1.0 namespace; an Atom 0.3 document differs from it mostly in
/// that namespace and in the names of its two dates, so it is rewritten into Atom 1.0.
fn atom03_as_atom10(text: &str) -> Option<String> {
    if !is_atom03(text) {
        return None;
    }
    Some(
        text.replace(ATOM03_NS, "http://www.w3.org/2005/Atom")
            .replace("<issued>", "<published>")
            .replace("</issued>", "</published>")
            .replace("<modified>", "<updated>")
            .replace("</modified>", "</updated>"),
    )
}

const ATOM03_NS: &str = "http://purl.org/atom/ns#";

/// Whether [`atom03_as_atom10`] rewrites the document.
fn is_atom03(text: &str) -> bool {
    let head_end = text.char_indices().nth(2048).map_or(text.len(), |(i, _)| i);
    text[..head_end].contains(ATOM03_NS)
}

/// What we read from the document besides feed-rs: durations per item.
enum Extra {
    Xml {
        metas: Vec<xml_meta::ItemMeta>,
        /// guid → duration, for when positions do not line up.
        by_guid: HashMap<String, u64>,
    },
    /// Per item index: enclosure URL → seconds; the bodies taken out of the document.
    Json(Vec<HashMap<String, u64>>, Vec<json::Bodies>),
}

impl Extra {
    /// The picture the document gives item `index` that feed-rs dropped, as written.
    fn picture(&self, index: usize, entry_count: usize, entry: &EntryView) -> Option<&str> {
        let Extra::Xml { metas, .. } = self else {
            return None;
        };
        let meta = if metas.len() == entry_count {
            metas.get(index)
        } else {
            let id = entry.id.trim();
            metas.iter().find(|m| m.guid.as_deref() == Some(id))
        };
        meta?.picture.as_deref()
    }
}

impl Extra {
    fn xml(metas: Vec<xml_meta::ItemMeta>) -> Self {
        let by_guid = metas
            .iter()
            .filter_map(|m| Some((m.guid.clone()?, m.duration_secs?)))
            .collect();
        Extra::Xml { metas, by_guid }
    }

    fn fill_durations(
        &self,
        index: usize,
        entry_count: usize,
        entry: &EntryView,
        enclosures: &mut [Enclosure],
    ) {
        match self {
            Extra::Xml { metas, by_guid } => {
                // Positions agree unless feed-rs skipped or merged an item; then fall back
                // to the guid.
                let secs = if metas.len() == entry_count {
                    metas.get(index).and_then(|m| m.duration_secs)
                } else {
                    by_guid.get(entry.id.trim()).copied()
                };
                if let Some(secs) = secs {
                    for enc in enclosures.iter_mut().filter(|e| e.duration_secs.is_none()) {
                        enc.duration_secs = Some(secs);
                    }
                }
            }
            Extra::Json(per_item, _) => {
                let Some(by_url) = per_item.get(index) else {
                    return;
                };
                for enc in enclosures.iter_mut().filter(|e| e.duration_secs.is_none()) {
                    enc.duration_secs = by_url.get(&enc.url).copied();
                }
            }
        }
    }
}

/// The item of an entry; its bodies are moved out (the view is done with after this).
fn map_entry(entry: &mut EntryView, base: Option<&Url>, is_json: bool) -> ParsedItem {
    let guid = Some(sanitize::line(&entry.id)).filter(|g| !g.is_empty());
    let author = entry.authors.iter().find_map(|p| {
        // RSS writes `jane@example.com (Jane Doe)`; feed-rs keeps the parentheses.
        let name = p.name.as_deref().map(|n| {
            let n = n.trim();
            n.strip_prefix('(')
                .and_then(|n| n.strip_suffix(')'))
                .unwrap_or(n)
        });
        let name = name.filter(|n| !n.trim().is_empty()).or(p.email.as_deref());
        Some(sanitize::line(name.unwrap_or(""))).filter(|n| !n.is_empty())
    });
    let mut summary = entry.summary.take().and_then(markup_of_text);
    let content = entry.content.take().and_then(markup_of_text);
    if summary.is_none() && content.is_none() {
        // Video feeds (YouTube, Vimeo) carry their text only in media:description.
        summary = entry
            .media
            .iter()
            .filter_map(|m| m.description.clone())
            .find_map(markup_of_text);
    }

    let mut categories: Vec<String> = Vec::new();
    for cat in &entry.categories {
        let name = sanitize::line(cat.label.as_deref().unwrap_or(&cat.term));
        if !name.is_empty() && !categories.contains(&name) {
            categories.push(name);
        }
    }

    ParsedItem {
        guid,
        link: pick_link(&entry.links).and_then(|href| resolve(base, href)),
        // A media item's own title is the feed's word too (YouTube puts it there).
        title: entry
            .title
            .iter()
            .chain(entry.media.iter().filter_map(|m| m.title.as_ref()))
            .map(plain_title)
            .find(|t| !t.is_empty())
            .unwrap_or_default(),
        author,
        published: entry.published,
        updated: entry.updated,
        summary,
        content,
        enclosures: enclosures(entry, base, is_json),
        categories,
        picture: picture(entry, base),
        packed: None,
        title_derived: false,
    }
}

/// The item's own picture among its media: the first media:content that says it is an
/// image (thumbnails come from the document, `Extra::picture`).
fn picture(entry: &EntryView, base: Option<&Url>) -> Option<String> {
    entry
        .media
        .iter()
        .flat_map(|m| &m.content)
        .filter(|c| {
            c.mime
                .as_deref()
                .and_then(|t| t.get(..6))
                .is_some_and(|p| p.eq_ignore_ascii_case("image/"))
        })
        .find_map(|c| resolve(base, c.url.as_deref()?))
}

fn enclosures(entry: &EntryView, base: Option<&Url>, is_json: bool) -> Vec<Enclosure> {
    let mut out: Vec<Enclosure> = Vec::new();
    // Only MediaRSS's `duration` attribute (seconds) is taken from feed-rs. Its reading of
    // itunes:duration turns `26:53` into 26 seconds and drops it when it is the item's only
    // iTunes tag; `Extra::fill_durations` reads those from the document instead.
    for media in &entry.media {
        for c in &media.content {
            let Some(url) = c.url.as_deref().and_then(|u| resolve(base, u)) else {
                continue;
            };
            out.push(Enclosure {
                url,
                mime: c.mime.as_deref().and_then(clean_mime),
                length: c.size.filter(|n| *n > 0),
                duration_secs: c.duration_secs.filter(|s| *s > 0),
            });
        }
    }
    for link in &entry.links {
        let is_attachment = link.rel.as_deref() == Some("enclosure")
            || (is_json && link.rel.is_none() && link.media_type.is_some());
        if !is_attachment {
            continue;
        }
        let Some(url) = resolve(base, &link.href) else {
            continue;
        };
        out.push(Enclosure {
            url,
            mime: link.media_type.as_deref().and_then(clean_mime),
            length: link.length.filter(|n| *n > 0),
            duration_secs: None,
        });
    }
    // Flash players (YouTube's media:content) play nowhere any more: listing them is clutter.
    out.retain(|e| {
        !e.mime
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("application/x-shockwave-flash"))
    });
    let mut seen = Vec::new();
    out.retain(|e| {
        let fresh = !seen.contains(&e.url);
        seen.push(e.url.clone());
        fresh
    });
    out
}

fn clean_mime(mime: &str) -> Option<String> {
    Some(sanitize::line(mime)).filter(|m| !m.is_empty())
}

/// The page an entry or feed points at: its alternate link, not self/enclosure/comments.
fn pick_link(links: &[LinkView]) -> Option<&str> {
    links
        .iter()
        .find(|l| {
            !l.targeted
                && matches!(l.rel.as_deref(), None | Some("alternate"))
                && l.media_type.as_deref().is_none_or(|m| m.contains("html"))
        })
        .map(|l| l.href.as_str())
}

/// An absolute http(s) URL, or None: relative references resolve against `base`,
/// every other scheme (javascript:, data:, file: …) is dropped.
fn resolve(base: Option<&Url>, raw: &str) -> Option<String> {
    let cleaned = sanitize::url(raw)?;
    let url = match Url::parse(&cleaned) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(&cleaned).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn markup_of_text(text: TextView) -> Option<String> {
    markup(text.content, text.kind)
}

/// Body text as HTML: plain text is escaped so that a `<` in it is not taken for a tag.
/// An HTML body is kept in its own buffer: bodies are most of a document's bytes.
fn markup(body: String, kind: Kind) -> Option<String> {
    let html = match kind {
        // Plain text keeps its line breaks once read as HTML.
        Kind::Plain => escape_html(body.trim()).replace('\n', "<br>\n"),
        Kind::Html => body,
        Kind::Other => return None,
    };
    let clean = sanitize::text_owned(trim_in_place(html));
    Some(clean).filter(|s| !s.trim().is_empty())
}

/// `s.trim()`, in the same buffer.
fn trim_in_place(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
    s
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A title as one line of plain text, rendering it from HTML when it is (or looks like) HTML.
fn plain_title(title: &TextView) -> String {
    let is_html = title.kind != Kind::Plain || looks_like_html(&title.content);
    if is_html {
        sanitize::line(&crate::html_guard::to_plain_text(&title.content))
    } else {
        sanitize::line(&title.content)
    }
}

/// A tag (`<b>`, `</i>`, `<br/>`) or an entity (`&amp;`, `&#8217;`) in supposedly plain text.
fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let rest = &b[i + 1..];
        if c == b'<' {
            let name = rest.strip_prefix(b"/").unwrap_or(rest);
            let len = name
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let starts_alpha = name.first().is_some_and(u8::is_ascii_alphabetic);
            if starts_alpha
                && matches!(
                    name.get(len),
                    Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')
                )
                && name[len..].contains(&b'>')
            {
                return true;
            }
        } else if c == b'&' {
            let (body, numeric) = match rest.strip_prefix(b"#") {
                Some(num) => (num, true),
                None => (rest, false),
            };
            let len = body
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            // Named entities are at least two letters, so "AT&T;" stays plain text.
            let ok_start = if numeric {
                len > 0
            } else {
                len >= 2 && body.first().is_some_and(u8::is_ascii_alphabetic)
            };
            if len <= 10 && ok_start && body.get(len) == Some(&b';') {
                return true;
            }
        }
    }
    false
}

fn looks_like_html_page(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Parses an itunes-style duration: `SS`, `MM:SS`, `HH:MM:SS`, with an optional fraction.
fn parse_duration(raw: &str) -> Option<u64> {
    let parts: Vec<&str> = raw.trim().split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut total: u64 = 0;
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        let part = part.trim();
        let whole = if i == last {
            part.split_once('.').map_or(part, |(w, _)| w)
        } else {
            part
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = whole.parse().ok()?;
        total = total.checked_mul(60)?.checked_add(value)?;
    }
    Some(total).filter(|s| *s > 0)
}

/// A quick-xml pass for what feed-rs drops: per item, its guid and itunes:duration.
mod xml_meta {
    use quick_xml::events::Event;

    pub struct Scan {
        pub items: Vec<ItemMeta>,
        /// Set when the document has more than `MAX_ITEMS` items.
        pub cut: Option<Cut>,
    }

    /// Where the first item beyond `MAX_ITEMS` starts, and the elements open there.
    pub struct Cut {
        at: usize,
        open: Vec<String>,
    }

    impl Cut {
        /// The document up to the cut, with the open elements closed again.
        pub fn apply(self, text: &str) -> String {
            let mut out = text.get(..self.at).unwrap_or(text).to_string();
            for name in self.open.iter().rev() {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            out
        }
    }

    #[derive(Debug, Default)]
    pub struct ItemMeta {
        pub guid: Option<String>,
        pub duration_secs: Option<u64>,
        /// The first media:thumbnail `url` or itunes:image `href`, as written: feed-rs
        /// drops a media object that has nothing but a thumbnail.
        pub picture: Option<String>,
    }

    /// The address a media:thumbnail or an itunes:image element gives, if `e` is one.
    pub(super) fn picture_of(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
        e.name().prefix()?;
        let local = e.local_name();
        let attr: &str = match local.as_ref() {
            "thumbnail" => "url",
            "image" => "href",
            _ => return None,
        };
        let raw = e.attributes().flatten().find(|a| {
            let key = a.key.local_name();
            let key: &str = key.as_ref();
            key == attr
        })?;
        let raw: &str = raw.value.as_ref();
        let value = quick_xml::escape::unescape(raw).ok()?;
        Some(value.trim().to_string()).filter(|v| !v.is_empty())
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Field {
        Guid,
        Duration,
    }

    /// [`scan`], or nothing when it could find nothing: a duration needs the word
    /// `duration` in the document (element names are never entities), and a cut needs more
    /// than `MAX_ITEMS` elements named `item` or `entry`. The pre-pass costs as much as a
    /// fifth of feed-rs's parse; most documents have neither.
    pub fn scan_if_needed(text: &str) -> Scan {
        let bytes = text.as_bytes();
        let count = |word: &str| memchr::memmem::find_iter(bytes, word.as_bytes()).count();
        if memchr::memmem::find(bytes, b"duration").is_some()
            || memchr::memmem::find(bytes, b":thumbnail").is_some()
            || memchr::memmem::find(bytes, b":image").is_some()
            || count("item") + count("entry") > super::MAX_ITEMS
        {
            return scan(text);
        }
        Scan {
            items: Vec::new(),
            cut: None,
        }
    }

    pub fn scan(text: &str) -> Scan {
        let mut reader = quick_xml::Reader::from_str(text);
        reader.config_mut().check_end_names = false;
        let mut items: Vec<ItemMeta> = Vec::new();
        let mut open: Vec<String> = Vec::new();
        let mut cut = None;
        let mut depth = 0usize;
        let mut item_depth: Option<usize> = None;
        let mut field: Option<Field> = None;
        let mut buf = String::new();

        // Errors end the pass: these are extras, and feed-rs reports malformed documents.
        loop {
            let event_start = reader.buffer_position();
            let Ok(event) = reader.read_event() else {
                break;
            };
            let cut_here = |open: &Vec<String>| Cut {
                at: usize::try_from(event_start).unwrap_or(usize::MAX),
                open: open.clone(),
            };
            match event {
                Event::Start(e) => {
                    depth += 1;
                    let local = e.local_name();
                    let local = local.as_ref();
                    match item_depth {
                        None if is_item(local) => {
                            // Matches `feed.entries.truncate(MAX_ITEMS)`, keeping positions aligned.
                            if items.len() == super::MAX_ITEMS {
                                cut = Some(cut_here(&open));
                                break;
                            }
                            item_depth = Some(depth);
                            items.push(ItemMeta::default());
                        }
                        Some(d) if depth > d + 1 => {
                            if let Some(item) = items.last_mut().filter(|i| i.picture.is_none()) {
                                item.picture = picture_of(&e);
                            }
                        }
                        Some(d) if depth == d + 1 => {
                            if let Some(item) = items.last_mut().filter(|i| i.picture.is_none()) {
                                item.picture = picture_of(&e);
                            }
                            let prefixed = e.name().prefix().is_some();
                            field = match local {
                                "duration" if prefixed => Some(Field::Duration),
                                "guid" | "id" if !prefixed => Some(Field::Guid),
                                _ => None,
                            };
                            buf.clear();
                        }
                        _ => {}
                    }
                    open.push(e.name().as_ref().to_string());
                }
                Event::Empty(e) if item_depth.is_none() && is_item(e.local_name().as_ref()) => {
                    if items.len() == super::MAX_ITEMS {
                        cut = Some(cut_here(&open));
                        break;
                    }
                    items.push(ItemMeta::default());
                }
                Event::Empty(e) if item_depth.is_some() => {
                    if let Some(item) = items.last_mut().filter(|i| i.picture.is_none()) {
                        item.picture = picture_of(&e);
                    }
                }
                Event::Text(t) if field.is_some() => buf.push_str(&t.xml10_content()),
                Event::CData(t) if field.is_some() => buf.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if field.is_some() => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        buf.push(c);
                    } else if let Some(s) =
                        quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                    {
                        buf.push_str(s);
                    }
                }
                Event::End(_) => {
                    if let (Some(f), Some(item)) = (field.take(), items.last_mut()) {
                        match f {
                            Field::Guid if item.guid.is_none() => {
                                item.guid = Some(buf.trim().to_string())
                            }
                            Field::Duration if item.duration_secs.is_none() => {
                                item.duration_secs = super::parse_duration(&buf)
                            }
                            _ => {}
                        }
                    }
                    if item_depth == Some(depth) {
                        item_depth = None;
                    }
                    depth = depth.saturating_sub(1);
                    open.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Scan { items, cut }
    }

    fn is_item(local: &str) -> bool {
        local == "item" || local == "entry"
    }
}

#[cfg(test)]
mod stream_props;
#[cfg(test)]
mod tests;

/// The same cleaning for items that arrive without a feed document (a sync server's
/// articles): every string from them is as hostile as a feed's.
pub(crate) mod clean {
    use super::*;

    /// A title as one line of plain text.
    pub fn title(raw: &str) -> String {
        if looks_like_html(raw) {
            sanitize::line(&crate::html_guard::to_plain_text(raw))
        } else {
            sanitize::line(raw)
        }
    }

    /// A body that is HTML; None when empty.
    pub fn html(raw: &str) -> Option<String> {
        markup(raw.to_string(), Kind::Html)
    }

    /// An http(s) address, a relative one resolved against `base`.
    pub fn link(base: Option<&Url>, raw: &str) -> Option<String> {
        resolve(base, raw)
    }

    /// A MIME type.
    pub fn mime(raw: &str) -> Option<String> {
        clean_mime(raw)
    }
}
