//! Subscription lists in and out: OPML 1/2 and newsboat `urls` files in, OPML 2 out.
//!
//! Imported files are hostile input: every string passes the sanitizer, only http(s) and
//! file URLs become feeds, and nothing in a file is ever run (newsboat `exec:` and
//! `filter:` entries are reported as skipped). XML entities beyond the five predefined
//! ones are never expanded, so a "billion laughs" file stays small.

use crate::config::FeedConfig;
use crate::sanitize;
use crate::t;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// Why a subscription list could not be read at all (single entries are skipped instead).
/// Parser messages quote the file, so they are sanitized when shown.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", t!(
        "error-opml-xml",
        line = .line.to_string(),
        column = .column.to_string(),
        error = sanitize::line(&.source.to_string())
    ))]
    Xml {
        line: usize,
        column: usize,
        #[source]
        source: quick_xml::Error,
    },
    /// The root element is another one (quoted, sanitized): an RSS document, say.
    #[error("{}", t!("error-opml-root", root = .root.as_str()))]
    NotOpml { root: String },
    #[error("{}", t!("error-opml-none"))]
    NoOpml,
    #[error("{}", t!(
        "error-opml-outline",
        line = .line.to_string(),
        column = .column.to_string(),
        error = sanitize::line(&.source.to_string())
    ))]
    Outline {
        line: usize,
        column: usize,
        #[source]
        source: quick_xml::events::attributes::AttrError,
    },
}

/// Why one entry of a list is not imported (it is reported as skipped).
#[derive(Debug, thiserror::Error)]
enum Refused {
    #[error("{}", t!("opml-no-url"))]
    NoUrl,
    #[error("{}", t!("opml-no-host"))]
    NoHost,
    #[error("{}", t!("opml-scheme", scheme = .0.as_str()))]
    Scheme(String),
    #[error("{}", t!("opml-not-a-url"))]
    NotAUrl,
}

/// What an import found: feeds to add, and entries refused (with why).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    pub feeds: Vec<FeedConfig>,
    pub skipped: Vec<String>,
}

/// Most feeds one import adds; the rest of the file is reported, not read.
pub const MAX_FEEDS: usize = 10_000;
/// Most `skipped` lines kept; further ones are counted in a last line.
const MAX_SKIPPED: usize = 1_000;
/// Folder titles are copied into every feed below them as tags, so both are bounded.
const MAX_TAGS: usize = 16;
const MAX_TAG_CHARS: usize = 64;
const MAX_TITLE_CHARS: usize = 300;
/// How much of a refused entry is quoted back.
const MAX_QUOTE_CHARS: usize = 100;

/// Detects OPML or a newsboat urls file and reads it. Only http(s) and file URLs are accepted.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('<') {
        import_opml(text)
    } else {
        Ok(import_urls(text))
    }
}

/// Gathers feeds: checks URLs, merges duplicates, applies the caps.
#[derive(Default)]
struct Collector {
    imported: Imported,
    by_url: HashMap<String, usize>,
    skipped_beyond_cap: usize,
    full: bool,
}

impl Collector {
    fn feed(&mut self, raw_url: &str, title: Option<String>, tags: Vec<String>) {
        let url = match importable_url(raw_url) {
            Ok(url) => url,
            Err(reason) => {
                let what = match &title {
                    Some(t) => format!("\"{}\" ({})", quote(t), quote(raw_url)),
                    None => quote(raw_url),
                };
                self.skip(&what, &reason.to_string());
                return;
            }
        };
        // The same feed listed twice (often in two folders): one feed with both tag sets.
        if let Some(&i) = self.by_url.get(&url) {
            let existing = &mut self.imported.feeds[i];
            for tag in tags {
                push_tag(&mut existing.tags, tag);
            }
            if existing.title.is_none() {
                existing.title = title;
            }
            return;
        }
        if self.imported.feeds.len() >= MAX_FEEDS {
            self.full = true;
            return;
        }
        let title = title.filter(|t| *t != url);
        let mut clean_tags = Vec::new();
        for tag in tags {
            push_tag(&mut clean_tags, tag);
        }
        self.by_url.insert(url.clone(), self.imported.feeds.len());
        self.imported.feeds.push(FeedConfig {
            url,
            title,
            tags: clean_tags,
            refresh_minutes: None,
            ..Default::default()
        });
    }

    fn skip(&mut self, what: &str, reason: &str) {
        if self.imported.skipped.len() < MAX_SKIPPED {
            self.imported.skipped.push(format!("{what}: {reason}"));
        } else {
            self.skipped_beyond_cap += 1;
        }
    }

    fn finish(mut self) -> Imported {
        if self.skipped_beyond_cap > 0 {
            self.imported
                .skipped
                .push(t!("opml-more-skipped", count = self.skipped_beyond_cap));
        }
        if self.full {
            self.imported
                .skipped
                .push(t!("opml-too-many", limit = MAX_FEEDS.to_string()));
        }
        self.imported
    }
}

/// The sanitized URL if it is one tidings may poll, else why not.
fn importable_url(raw: &str) -> Result<String, Refused> {
    let Some(url) = sanitize::url(raw) else {
        return Err(Refused::NoUrl);
    };
    match url::Url::parse(&url) {
        Ok(parsed) => match parsed.scheme() {
            "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
            "http" | "https" => Err(Refused::NoHost),
            "file" => Ok(url),
            scheme => Err(Refused::Scheme(scheme.to_string())),
        },
        Err(_) => Err(Refused::NotAUrl),
    }
}

/// Adds a sanitized, bounded tag unless it is empty, already there, or one too many.
fn push_tag(tags: &mut Vec<String>, raw: String) {
    let tag = truncate(&sanitize::line(&raw), MAX_TAG_CHARS);
    if !tag.is_empty() && tags.len() < MAX_TAGS && !tags.contains(&tag) {
        tags.push(tag);
    }
}

fn clean_title(raw: &str) -> Option<String> {
    let title = truncate(&sanitize::line(raw), MAX_TITLE_CHARS);
    (!title.is_empty()).then_some(title)
}

/// A refused entry as quoted back to the user: sanitized and short.
fn quote(raw: &str) -> String {
    let line = sanitize::line(raw);
    if line.chars().count() > MAX_QUOTE_CHARS {
        format!("{}…", truncate(&line, MAX_QUOTE_CHARS))
    } else {
        line
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars()
        .take(max_chars)
        .collect::<String>()
        .trim()
        .to_string()
}

// ---------------------------------------------------------------- OPML in

/// The attributes of an `<outline>` that matter here.
#[derive(Default)]
struct Outline {
    xml_url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    category: Option<String>,
}

impl Outline {
    fn read(element: &BytesStart<'_>) -> Result<Outline, quick_xml::events::attributes::AttrError> {
        let mut outline = Outline::default();
        for attr in element.attributes() {
            let attr = attr?;
            // Only the five predefined entities and character references are resolved; an
            // unknown entity (a DTD-declared one, as in "billion laughs") stays literal text.
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| attr.value.to_string(), |v| v.into_owned());
            // Exporters disagree on case (`xmlUrl`, `xmlurl`, `XMLURL`).
            let key = attr.key.local_name().into_inner().to_ascii_lowercase();
            let slot = match key.as_str() {
                "xmlurl" => &mut outline.xml_url,
                "title" => &mut outline.title,
                "text" => &mut outline.text,
                "category" => &mut outline.category,
                _ => continue,
            };
            *slot = Some(value);
        }
        Ok(outline)
    }

    /// Title, else text: the name of a feed or a folder.
    fn name(&self) -> Option<String> {
        [&self.title, &self.text]
            .into_iter()
            .flatten()
            .find_map(|s| clean_title(s))
    }

    /// `category="/News/World,Tech"`: comma-separated lists of slash-delimited paths.
    fn categories(&self) -> Vec<String> {
        self.category
            .as_deref()
            .unwrap_or("")
            .split([',', '/'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn is_named(element: &BytesStart<'_>, name: &str) -> bool {
    element.local_name().into_inner().eq_ignore_ascii_case(name)
}

fn import_opml(text: &str) -> Result<Imported, ImportError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut collector = Collector::default();
    // One entry per open <outline>: the folder's title, or None for a feed or a nameless folder.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut root_seen = false;

    loop {
        let event = reader.read_event().map_err(|source| {
            let (line, column) = line_and_column(text, reader.error_position());
            ImportError::Xml {
                line,
                column,
                source,
            }
        })?;
        match event {
            Event::Start(element) | Event::Empty(element) if !root_seen => {
                if !is_named(&element, "opml") {
                    return Err(ImportError::NotOpml {
                        root: quote(element.local_name().into_inner()),
                    });
                }
                root_seen = true;
            }
            Event::Start(element) if is_named(&element, "outline") => {
                let outline = read_outline(&reader, text, &element)?;
                match &outline.xml_url {
                    Some(url) => {
                        add_opml_feed(&mut collector, &open, &outline, url);
                        open.push(None);
                    }
                    None => open.push(outline.name()),
                }
            }
            Event::Empty(element) if is_named(&element, "outline") => {
                let outline = read_outline(&reader, text, &element)?;
                if let Some(url) = &outline.xml_url {
                    add_opml_feed(&mut collector, &open, &outline, url);
                }
            }
            Event::End(element) if is_named_end(&element, "outline") => {
                open.pop();
            }
            Event::Eof => break,
            // Doctype (never expanded), text, comments, processing instructions: not needed.
            _ => {}
        }
        if collector.full {
            break;
        }
    }
    if !root_seen {
        return Err(ImportError::NoOpml);
    }
    Ok(collector.finish())
}

fn is_named_end(element: &quick_xml::events::BytesEnd<'_>, name: &str) -> bool {
    element.local_name().into_inner().eq_ignore_ascii_case(name)
}

fn read_outline(
    reader: &quick_xml::Reader<&[u8]>,
    text: &str,
    element: &BytesStart<'_>,
) -> Result<Outline, ImportError> {
    Outline::read(element).map_err(|source| {
        let (line, column) = line_and_column(text, reader.buffer_position());
        ImportError::Outline {
            line,
            column,
            source,
        }
    })
}

fn add_opml_feed(collector: &mut Collector, open: &[Option<String>], outline: &Outline, url: &str) {
    let tags: Vec<String> = open
        .iter()
        .flatten()
        .cloned()
        .chain(outline.categories())
        .collect();
    collector.feed(url, outline.name(), tags);
}

/// 1-based line and column (in characters) of a byte offset reported by the XML reader.
fn line_and_column(text: &str, offset: u64) -> (usize, usize) {
    let mut offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

// ---------------------------------------------------------------- newsboat urls in

/// Newsboat `urls`: `URL tag "tag with spaces" "~Title" !hidden-tag` per line.
fn import_urls(text: &str) -> Imported {
    let mut collector = Collector::default();
    for (index, line) in text.lines().enumerate() {
        let n = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            // Prose comments are not entries; a commented-out feed is worth mentioning.
            let first = comment.split_whitespace().next().unwrap_or("");
            if first.contains("://") {
                collector.skip(
                    &t!("opml-line", line = n.to_string(), text = quote(first)),
                    &t!("opml-commented-out"),
                );
            }
            continue;
        }
        let mut tokens = tokenize(line).into_iter();
        let Some(url) = tokens.next() else { continue };
        let lower = url.to_ascii_lowercase();
        let refused = if lower.starts_with("exec:") {
            Some(t!("opml-exec", kind = "exec:"))
        } else if lower.starts_with("filter:") {
            Some(t!("opml-exec", kind = "filter:"))
        } else if lower.starts_with("query:") {
            Some(t!("opml-query"))
        } else {
            None
        };
        if let Some(reason) = refused {
            collector.skip(
                &t!("opml-line", line = n.to_string(), text = quote(&url)),
                &reason,
            );
            continue;
        }
        let mut title = None;
        let mut tags = Vec::new();
        for token in tokens {
            if let Some(t) = token.strip_prefix('~') {
                if title.is_none() {
                    title = clean_title(t);
                }
            } else {
                // `!tag` hides the feed in newsboat; here it is an ordinary tag.
                tags.push(token.strip_prefix('!').unwrap_or(&token).to_string());
            }
        }
        if let Err(reason) = importable_url(&url) {
            // Name the line: urls files have no titles to go by.
            collector.skip(
                &t!("opml-line", line = n.to_string(), text = quote(&url)),
                &reason.to_string(),
            );
            continue;
        }
        collector.feed(&url, title, tags);
        if collector.full {
            break;
        }
    }
    collector.finish()
}

/// Splits on whitespace; `"double quoted"` tokens may hold spaces and `\"`.
fn tokenize(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut token = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => {
                        if let Some(escaped) = chars.next() {
                            token.push(escaped);
                        }
                    }
                    c => token.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                token.push(c);
            }
        }
        tokens.push(token);
    }
    tokens
}

// ---------------------------------------------------------------- OPML out

/// OPML 2.0 of the given feeds (tags as `category`).
///
/// Tags are written as a plain comma list (`category="news,en"`), which [`import`] reads
/// back; a tag that itself holds `,` or `/` comes back split. The built-in demo feed
/// (`tidings:` URLs) is left out: no other reader could use it.
pub fn export(feeds: &[FeedConfig]) -> String {
    export_at(feeds, chrono::Utc::now())
}

/// [`export`] with a fixed creation time, for reproducible output.
pub fn export_at(feeds: &[FeedConfig], created: chrono::DateTime<chrono::Utc>) -> String {
    use quick_xml::escape::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>tidings subscriptions</title>\n",
    );
    out.push_str(&format!(
        "    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n",
        created.to_rfc2822()
    ));
    for feed in feeds {
        let Some(url) = sanitize::url(&feed.url) else {
            continue;
        };
        if url.starts_with("tidings:") {
            continue;
        }
        let title = feed
            .title
            .as_deref()
            .map(sanitize::line)
            .filter(|t| !t.is_empty());
        let text = title.as_deref().unwrap_or(&url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{}\"",
            escape(text)
        ));
        if let Some(title) = &title {
            out.push_str(&format!(" title=\"{}\"", escape(title.as_str())));
        }
        out.push_str(&format!(" xmlUrl=\"{}\"", escape(url.as_str())));
        let tags: Vec<String> = feed
            .tags
            .iter()
            .map(|t| sanitize::line(t))
            .filter(|t| !t.is_empty())
            .collect();
        if !tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", escape(tags.join(","))));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}
