//! RSS 2.0, RSS 1.0 and Atom 1.0 read in one streaming pass over quick-xml, straight into the view
//! the mapping reads: no element tree, no feed-rs model, the bodies borrowed from the
//! document until they are kept.
//!
//! It reads what feed-rs 3.0 reads, the way it reads it (which element's text counts, which
//! assignment wins, which namespaces mean what, how links resolve against `xml:base`), so
//! that `parse` gives the same `ParsedFeed` either way; a property test and the fixtures
//! compare the two. Whatever it does not fully understand, it does not guess at: it answers
//! `None` (a [`Bail`]) and the document goes to feed-rs. That covers Atom 0.3, a lone Atom
//! entry, other root versions, any error feed-rs would report (malformed XML, an
//! unknown text type, a `media:title` without text), `podcast:person`, a declared encoding
//! other than UTF-8, and documents at the item limit.

use super::lenient;
use super::view::{
    CategoryView, EntryView, FeedView, Kind, LinkView, MediaContentView, MediaView, PersonView,
    TextView,
};
use super::xml_meta::ItemMeta;
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::borrow::Cow;
use std::collections::VecDeque;
use url::Url;

/// The document is left to feed-rs.
#[derive(Debug)]
pub(super) struct Bail;

type Res<T> = Result<T, Bail>;

/// Reads `text` when it is a document this reader fully understands; `Ok(None)` when it
/// is not. Durations per item come back as `xml_meta::scan` would give them.
pub(super) fn read(text: &str, base_url: &str) -> Option<(FeedView, Vec<ItemMeta>)> {
    read_inner(text, base_url).ok()
}

fn read_inner(text: &str, base_url: &str) -> Res<(FeedView, Vec<ItemMeta>)> {
    let bytes = text.as_bytes();
    let count = |word: &str| memchr::memmem::find_iter(bytes, word.as_bytes()).count();
    // Past the limit, feed-rs reads a document cut after the last item kept.
    if count("item") + count("entry") > super::MAX_ITEMS {
        return Err(Bail);
    }
    if text.starts_with('\u{feff}') || super::is_atom03(text) {
        return Err(Bail);
    }
    let base = Url::parse(base_url).map_err(|_| Bail)?;
    let mut src = Source::new(text, base);
    // The same words as `xml_meta::scan_if_needed` looks for.
    src.metas.on = memchr::memmem::find(bytes, b"duration").is_some()
        || memchr::memmem::find(bytes, b":thumbnail").is_some()
        || memchr::memmem::find(bytes, b":image").is_some();
    src.track_base = memchr::memmem::find(bytes, b"xml:base").is_some();

    let root = src.next_child(1)?.ok_or(Bail)?;
    let feed = match root.local() {
        "feed" => {
            src.default_ns = Ns::Atom;
            atom_feed(&mut src, &root)?
        }
        "rss" => {
            // feed-rs reads these versions as RSS 2.0 (0.9x through the same reader); any
            // other is rewritten first (`rss_root`), which feed-rs then reads.
            let version = attr(&root.start, "version");
            if !matches!(version.as_deref(), Some("2.0" | "" | "0.91" | "0.92")) {
                return Err(Bail);
            }
            if root.start.name().prefix().is_some() {
                return Err(Bail);
            }
            src.default_ns = Ns::Rss;
            rss(&mut src)?
        }
        "RDF" => {
            src.default_ns = Ns::Rss;
            rdf(&mut src, &root)?
        }
        _ => return Err(Bail),
    };
    let metas = src.finish_metas()?;
    // The durations go by position: they must be the items we read.
    if src.metas.on && metas.len() != feed.entries.len() {
        return Err(Bail);
    }
    Ok((feed, metas))
}

/// The namespaces feed-rs recognises.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Ns {
    Atom,
    Rss,
    Unknown,
    Content,
    DublinCore,
    MediaRss,
    Itunes,
    Podcast,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://purl.org/rss/1.0/" => Ns::Rss,
        "http://www.w3.org/2005/Atom" => Ns::Atom,
        "http://purl.org/rss/1.0/modules/content/" => Ns::Content,
        "http://purl.org/dc/elements/1.1/" => Ns::DublinCore,
        "http://search.yahoo.com/mrss/" => Ns::MediaRss,
        "http://www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
        "https://podcastindex.org/namespace/1.0" => Ns::Podcast,
        _ => Ns::Unknown,
    }
}

/// An element's start, as feed-rs's `Element` sees it.
struct El<'a> {
    /// None: no namespace bound, so the document's default applies (`Source::ns`).
    ns: Option<Ns>,
    start: BytesStart<'a>,
    depth: u32,
    /// The `xml:base` in force here (the document's address unless the document says).
    base: Option<Url>,
}

impl El<'_> {
    /// feed-rs drops everything up to the last `:`.
    fn local(&self) -> &str {
        let name: &str = self.start.name().into_inner();
        name.rsplit(':').next().unwrap_or(name)
    }
}

/// The value of the first well-formed attribute `name`, unescaped where it unescapes.
fn attr(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.into_inner() == name)
        .map(|a| unescaped(&a.value))
}

fn unescaped(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .map(Cow::into_owned)
        .unwrap_or_else(|_| raw.to_string())
}

/// Every well-formed attribute, in order, as (name, unescaped value).
fn attrs<'s>(start: &'s BytesStart<'_>) -> impl Iterator<Item = (&'s str, String)> + 's {
    start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| (a.key.into_inner(), unescaped(&a.value)))
}

/// One event as feed-rs's element source makes them: text, CDATA and references joined.
enum Ev<'a> {
    Start(El<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

struct Source<'a> {
    reader: NsReader<&'a [u8]>,
    queue: VecDeque<Ev<'a>>,
    depth: u32,
    default_ns: Ns,
    /// `xml:base` per depth, the document's address at 0; kept only when the document
    /// mentions `xml:base` (otherwise it is the address throughout).
    bases: Vec<(u32, Url)>,
    track_base: bool,
    metas: Metas,
}

impl<'a> Source<'a> {
    fn new(text: &'a str, base: Url) -> Self {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.trim_markup_names_in_closing_tags = true;
        config.trim_text(false);
        Source {
            reader,
            queue: VecDeque::with_capacity(3),
            depth: 0,
            default_ns: Ns::Unknown,
            bases: vec![(0, base)],
            track_base: false,
            metas: Metas::default(),
        }
    }

    /// Reads raw events up to the next start or end, joining the text before it.
    fn fetch(&mut self) -> Res<()> {
        let mut text: Option<Cow<'a, str>> = None;
        let push = |text: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>| match text {
            Some(t) => t.to_mut().push_str(&piece),
            None => *text = Some(piece),
        };
        loop {
            let (resolved, event) = self.reader.read_resolved_event().map_err(|_| Bail)?;
            let ns = match resolved {
                ResolveResult::Bound(ns) => Some(ns_of(ns.into_inner())),
                _ => None,
            };
            match event {
                // feed-rs would switch decoders; the text is UTF-8 already.
                Event::Decl(decl) if decl.encoder().is_some_and(|e| e != encoding_rs::UTF_8) => {
                    return Err(Bail);
                }
                Event::Start(start) => {
                    self.metas.start(&start, false)?;
                    let el = self.element(ns, start);
                    self.queue.extend(text.take().map(Ev::Text));
                    self.queue.push_back(el);
                    return Ok(());
                }
                Event::Empty(start) => {
                    self.metas.start(&start, true)?;
                    let el = self.element(ns, start);
                    self.queue.extend(text.take().map(Ev::Text));
                    self.queue.push_back(el);
                    self.queue.push_back(Ev::End);
                    return Ok(());
                }
                Event::End(_) => {
                    self.metas.end();
                    self.queue.extend(text.take().map(Ev::Text));
                    self.queue.push_back(Ev::End);
                    return Ok(());
                }
                Event::Text(t) => {
                    if self.metas.in_duration {
                        self.metas.buf.push_str(&t.xml10_content());
                    }
                    if !t.is_empty() {
                        push(&mut text, t.into_inner());
                    }
                }
                Event::CData(t) => {
                    if self.metas.in_duration {
                        self.metas.buf.push_str(&t.xml10_content());
                    }
                    if !t.is_empty() {
                        push(&mut text, t.into_inner());
                    }
                }
                Event::GeneralRef(r) => {
                    let piece: Cow<'a, str> = match r.resolve_char_ref().map_err(|_| Bail)? {
                        Some(c) => Cow::Owned(c.to_string()),
                        None => {
                            let name: &str = &r;
                            match quick_xml::escape::resolve_predefined_entity(name) {
                                Some(s) => Cow::Borrowed(s),
                                None => Cow::Owned(format!("&{name};")),
                            }
                        }
                    };
                    self.metas.reference(&r);
                    push(&mut text, piece);
                }
                Event::Eof => {
                    self.queue.extend(text.take().map(Ev::Text));
                    self.queue.push_back(Ev::Eof);
                    return Ok(());
                }
                _ => {}
            }
        }
    }

    fn element(&self, ns: Option<Ns>, start: BytesStart<'a>) -> Ev<'a> {
        Ev::Start(El {
            ns,
            start,
            depth: 0,
            base: None,
        })
    }

    fn peek(&mut self) -> Res<&Ev<'a>> {
        if self.queue.is_empty() {
            self.fetch()?;
        }
        self.queue.front().ok_or(Bail)
    }

    fn next(&mut self) -> Res<Ev<'a>> {
        if self.queue.is_empty() {
            self.fetch()?;
        }
        self.queue.pop_front().ok_or(Bail)
    }

    /// feed-rs's `next_element_at_depth`: the next element at `depth`, or None once the
    /// element holding them ends.
    fn next_child(&mut self, depth: u32) -> Res<Option<El<'a>>> {
        loop {
            match self.next()? {
                Ev::Start(mut el) => {
                    self.depth += 1;
                    if self.track_base {
                        self.base_push(&el)?;
                    }
                    if self.depth == depth {
                        el.depth = depth;
                        el.base = self.bases.last().map(|(_, u)| u.clone());
                        el.ns = Some(el.ns.unwrap_or(self.default_ns));
                        return Ok(Some(el));
                    }
                }
                Ev::End => {
                    self.depth = self.depth.checked_sub(1).ok_or(Bail)?;
                    if self.track_base {
                        while self.bases.last().is_some_and(|(d, _)| *d > self.depth) {
                            self.bases.pop();
                        }
                    }
                }
                Ev::Text(_) => {}
                Ev::Eof => {
                    return if self.depth > 0 { Err(Bail) } else { Ok(None) };
                }
            }
            if self.depth + 1 < depth {
                return Ok(None);
            }
        }
    }

    fn base_push(&mut self, el: &El<'_>) -> Res<()> {
        let Some(value) = attr(&el.start, "xml:base") else {
            return Ok(());
        };
        match Url::parse(&value) {
            Ok(url) => self.bases.push((self.depth, url)),
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                if let Some(joined) = self.bases.last().and_then(|(_, b)| b.join(&value).ok()) {
                    self.bases.push((self.depth, joined));
                }
            }
            Err(_) => return Err(Bail),
        }
        Ok(())
    }

    /// feed-rs's `child_as_text`: the text right after the start tag, if any.
    fn text(&mut self) -> Res<Option<Cow<'a, str>>> {
        let mut out: Option<Cow<'a, str>> = None;
        while matches!(self.peek()?, Ev::Text(_)) {
            if let Ev::Text(t) = self.next()? {
                match &mut out {
                    Some(o) => o.to_mut().push_str(&t),
                    None => out = Some(t),
                }
            }
        }
        Ok(out)
    }

    /// feed-rs's `children_as_string`: what is inside `el`, written out again (the element
    /// names without their prefixes, the attribute values unescaped and written as they are).
    fn children_as_string(&mut self) -> Res<String> {
        let mut out = String::new();
        // End tags are written with the name they close: check_end_names holds them equal.
        let mut open: Vec<String> = Vec::new();
        loop {
            match self.peek()? {
                Ev::Start(child) => {
                    open.push(child.local().to_string());
                    write_start(&mut out, child);
                }
                Ev::Text(t) => out.push_str(&quick_xml::escape::minimal_escape(t.as_ref())),
                Ev::End => {
                    let Some(name) = open.pop() else {
                        break;
                    };
                    out.push_str("</");
                    out.push_str(&name);
                    out.push('>');
                }
                Ev::Eof => break,
            }
            self.next()?;
        }
        Ok(out)
    }
}

impl Source<'_> {
    /// feed-rs's `children_as_xhtml`: [`Source::children_as_string`], without the one
    /// `div` that wraps it all when there is such a div and nothing else but whitespace.
    fn children_as_xhtml(&mut self) -> Res<String> {
        let mut out = String::new();
        let mut open: Vec<String> = Vec::new();
        let mut first_element = true;
        let (mut div_open, mut div_close) = (None, None);
        loop {
            match self.peek()? {
                Ev::Start(child) => {
                    if open.is_empty() {
                        if !first_element {
                            div_open = None;
                            div_close = None;
                        } else if child.local() != "div" {
                            first_element = false;
                        }
                    }
                    open.push(child.local().to_string());
                    write_start(&mut out, child);
                    if first_element {
                        first_element = false;
                        div_open = Some(out.len());
                    }
                }
                Ev::Text(t) => {
                    if open.is_empty() && t.bytes().any(|c| !c.is_ascii_whitespace()) {
                        first_element = false;
                        div_open = None;
                        div_close = None;
                    }
                    out.push_str(&quick_xml::escape::minimal_escape(t.as_ref()));
                }
                Ev::End => {
                    let Some(name) = open.pop() else {
                        break;
                    };
                    let close_start = out.len();
                    out.push_str("</");
                    out.push_str(&name);
                    out.push('>');
                    if open.is_empty() && div_open.is_some() {
                        div_close = Some(close_start);
                    }
                }
                Ev::Eof => break,
            }
            self.next()?;
        }
        if let (Some(open), Some(close)) = (div_open, div_close) {
            out.truncate(close);
            out.drain(..open);
        }
        Ok(out)
    }
}

fn write_start(out: &mut String, el: &El<'_>) {
    out.push('<');
    out.push_str(el.local());
    for (name, value) in attrs(&el.start) {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&value);
        out.push('"');
    }
    out.push('>');
}

/// Per item, what `xml_meta::scan` reads: the item elements and their durations, with
/// its rules (any element named `item` or `entry` outside another, any prefixed
/// `duration` directly inside one).
#[derive(Default)]
struct Metas {
    on: bool,
    items: usize,
    depth: usize,
    item_depth: Option<usize>,
    in_duration: bool,
    buf: String,
    durations: Vec<Option<u64>>,
    /// Per item, its media:thumbnail or itunes:image (`xml_meta::picture_of`).
    pictures: Vec<Option<String>>,
}

impl Metas {
    fn start(&mut self, start: &BytesStart<'_>, empty: bool) -> Res<()> {
        // Without durations only the count matters, and `read_inner` counted the names.
        if !self.on {
            return Ok(());
        }
        let name = start.name();
        let is_item = || matches!(name.local_name().into_inner(), "item" | "entry");
        if self.item_depth.is_some()
            && let Some(last) = self.pictures.last_mut()
            && last.is_none()
        {
            *last = super::xml_meta::picture_of(start);
        }
        if empty {
            if self.item_depth.is_none() && is_item() {
                self.push_item()?;
            }
            return Ok(());
        }
        self.depth += 1;
        match self.item_depth {
            None if is_item() => {
                self.item_depth = Some(self.depth);
                self.push_item()?;
            }
            Some(d) if self.depth == d + 1 => {
                self.in_duration =
                    name.prefix().is_some() && name.local_name().into_inner() == "duration";
                self.buf.clear();
            }
            _ => {}
        }
        Ok(())
    }

    fn push_item(&mut self) -> Res<()> {
        self.items += 1;
        if self.items > super::MAX_ITEMS {
            return Err(Bail);
        }
        if self.on {
            self.durations.push(None);
            self.pictures.push(None);
        }
        Ok(())
    }

    fn reference(&mut self, r: &quick_xml::events::BytesRef<'_>) {
        if !self.in_duration {
            return;
        }
        if let Ok(Some(c)) = r.resolve_char_ref() {
            self.buf.push(c);
        } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
            self.buf.push_str(s);
        }
    }

    fn end(&mut self) {
        if !self.on {
            return;
        }
        if std::mem::take(&mut self.in_duration)
            && let Some(last) = self.durations.last_mut()
            && last.is_none()
        {
            *last = super::parse_duration(&self.buf);
        }
        if self.item_depth == Some(self.depth) {
            self.item_depth = None;
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

impl Source<'_> {
    /// The durations, once the rest of the document was scanned as `xml_meta::scan` does
    /// (it reads on after the feed's end until an error).
    fn finish_metas(&mut self) -> Res<Vec<ItemMeta>> {
        if !self.metas.on {
            return Ok(Vec::new());
        }
        self.reader.config_mut().check_end_names = false;
        loop {
            match self.reader.read_event() {
                Err(_) | Ok(Event::Eof) => break,
                Ok(Event::Start(s)) => self.metas.start(&s, false)?,
                Ok(Event::Empty(s)) => self.metas.start(&s, true)?,
                Ok(Event::End(_)) => self.metas.end(),
                Ok(Event::Text(t)) if self.metas.in_duration => {
                    self.metas.buf.push_str(&t.xml10_content())
                }
                Ok(Event::CData(t)) if self.metas.in_duration => {
                    self.metas.buf.push_str(&t.xml10_content())
                }
                Ok(Event::GeneralRef(r)) => self.metas.reference(&r),
                Ok(_) => {}
            }
        }
        Ok(self
            .metas
            .durations
            .iter()
            .zip(std::mem::take(&mut self.metas.pictures))
            .map(|(d, picture)| ItemMeta {
                guid: None,
                duration_secs: *d,
                picture,
            })
            .collect())
    }
}

// ---- the formats ------------------------------------------------------------------------

/// feed-rs's `Text::new`: trimmed; a text the reader already copied is trimmed in place.
fn plain<'a>(content: impl Into<Cow<'a, str>>) -> TextView {
    TextView {
        content: trimmed(content.into()),
        kind: Kind::Plain,
    }
}

/// feed-rs's `Text::html`.
fn html<'a>(content: impl Into<Cow<'a, str>>) -> TextView {
    TextView {
        content: trimmed(content.into()),
        kind: Kind::Html,
    }
}

fn trimmed(text: Cow<'_, str>) -> String {
    match text {
        Cow::Borrowed(b) => b.trim().to_string(),
        Cow::Owned(o) => super::trim_in_place(o),
    }
}

/// feed-rs's `Link::new`: resolved against the base when it parses, trimmed.
fn link_href(raw: &str, base: Option<&Url>) -> String {
    match parse_uri(raw, base) {
        Some(url) => String::from(url).trim().to_string(),
        None => raw.trim().to_string(),
    }
}

fn parse_uri(raw: &str, base: Option<&Url>) -> Option<Url> {
    match Url::parse(raw) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(raw).ok(),
        Err(_) => None,
    }
}

fn plain_link(href: String) -> LinkView {
    LinkView {
        href,
        rel: None,
        media_type: None,
        targeted: false,
        length: None,
    }
}

/// The `rss` root's children: the first `channel`, whatever its namespace.
fn rss(src: &mut Source<'_>) -> Res<FeedView> {
    while let Some(child) = src.next_child(2)? {
        if child.local() == "channel" {
            return channel(src, &child);
        }
    }
    Err(Bail)
}

fn channel(src: &mut Source<'_>, el: &El<'_>) -> Res<FeedView> {
    let mut feed = FeedView::default();
    while let Some(child) = src.next_child(el.depth + 1)? {
        match (child.ns, child.local()) {
            (Some(Ns::Rss), "title") => feed.title = src.text()?.map(plain),
            (Some(Ns::Rss), "link") => {
                if let Some(t) = src.text()? {
                    feed.links
                        .push(plain_link(link_href(&t, child.base.as_ref())));
                }
            }
            (Some(Ns::Atom), "link") => feed.links.extend(atom_link(&child)),
            (Some(Ns::Rss), "item") => feed.entries.push(item(src, &child)?),
            (Some(Ns::Podcast), "person") => return Err(Bail),
            // Everything else of the channel's feed-rs reads without failing and we do not use.
            _ => {}
        }
    }
    Ok(feed)
}

/// RSS 1.0: the channel and the items are the root's children.
fn rdf(src: &mut Source<'_>, root: &El<'_>) -> Res<FeedView> {
    let mut feed = FeedView::default();
    while let Some(child) = src.next_child(root.depth + 1)? {
        match (child.ns, child.local()) {
            (Some(Ns::Rss), "channel") => {
                while let Some(c) = src.next_child(child.depth + 1)? {
                    match (c.ns, c.local()) {
                        (Some(Ns::Rss), "title") => feed.title = src.text()?.map(plain),
                        (Some(Ns::Rss), "link") => {
                            if let Some(t) = src.text()? {
                                feed.links.push(plain_link(link_href(&t, c.base.as_ref())));
                            }
                        }
                        _ => {}
                    }
                }
            }
            (Some(Ns::Rss), "item") => feed.entries.extend(rdf_item(src, &child)?),
            _ => {}
        }
    }
    Ok(feed)
}

/// An RSS 1.0 item; feed-rs drops one without a link. Its `description` is plain text.
fn rdf_item(src: &mut Source<'_>, el: &El<'_>) -> Res<Option<EntryView>> {
    let mut entry = EntryView::default();
    let mut encoded: Option<TextView> = None;
    while let Some(child) = src.next_child(el.depth + 1)? {
        match (child.ns.unwrap_or(Ns::Unknown), child.local()) {
            (Ns::Rss, "title") => entry.title = src.text()?.map(plain),
            (Ns::Rss, "link") => {
                if let Some(t) = src.text()? {
                    entry
                        .links
                        .push(plain_link(link_href(&t, child.base.as_ref())));
                }
            }
            (Ns::Rss, "description") => entry.summary = src.text()?.map(plain),
            (Ns::Content, "encoded") => encoded = src.text()?.map(html),
            (Ns::DublinCore, "creator") => {
                if let Some(t) = src.text()? {
                    let (name, email) = lenient::person(&t);
                    entry.authors.push(PersonView { name, email });
                }
            }
            (Ns::DublinCore, "date") => {
                entry.published = src.text()?.and_then(|t| lenient::timestamp(&t));
            }
            (Ns::DublinCore, "description") if entry.summary.is_none() => {
                entry.summary = src.text()?.map(plain);
            }
            _ => {}
        }
    }
    entry.content = encoded;
    Ok((!entry.links.is_empty()).then_some(entry))
}

/// A media object of an item, reduced to what the mapping and feed-rs's merging read.
#[derive(Default)]
struct Media {
    source: Origin,
    view: MediaView,
    texts: bool,
    transcripts: bool,
    season: bool,
    episode: bool,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Origin {
    #[default]
    MediaRss,
    Rss,
    Itunes,
    Podcast,
}

impl Media {
    fn new(source: Origin) -> Media {
        Media {
            source,
            ..Default::default()
        }
    }

    fn is_not_empty(&self) -> bool {
        self.view.title.is_some()
            || self.view.description.is_some()
            || !self.view.content.is_empty()
            || self.texts
            || self.transcripts
    }
}

fn item(src: &mut Source<'_>, el: &El<'_>) -> Res<EntryView> {
    let mut entry = EntryView::default();
    let mut enclosure = Media::new(Origin::Rss);
    let mut itunes = Media::new(Origin::Itunes);
    let mut podcast = Media::new(Origin::Podcast);
    let mut scope = Scope::default();
    while let Some(child) = src.next_child(el.depth + 1)? {
        match (child.ns.unwrap_or(Ns::Unknown), child.local()) {
            (Ns::Rss, "title") => entry.title = src.text()?.map(plain),
            (Ns::Rss, "link") => {
                if let Some(t) = src.text()? {
                    entry
                        .links
                        .push(plain_link(link_href(&t, child.base.as_ref())));
                }
            }
            (Ns::Rss, "description") => entry.summary = src.text()?.map(html),
            (Ns::Rss, "author") | (Ns::DublinCore, "creator") => {
                if let Some(t) = src.text()? {
                    let (name, email) = lenient::person(&t);
                    entry.authors.push(PersonView { name, email });
                }
            }
            (Ns::Rss, "category") => {
                if let Some(t) = src.text()? {
                    entry.categories.push(CategoryView {
                        term: t.trim().to_string(),
                        label: None,
                    });
                }
            }
            (Ns::Rss, "guid") => {
                if let Some(t) = src.text()? {
                    entry.id = t.trim().to_string();
                }
            }
            (Ns::Rss, "enclosure") => {
                let mut content = MediaContentView {
                    url: None,
                    mime: None,
                    size: None,
                    duration_secs: None,
                };
                for (name, value) in attrs(&child.start) {
                    match name {
                        "url" => {
                            content.url = parse_uri(&value, child.base.as_ref()).map(String::from)
                        }
                        "length" => content.size = value.parse::<u64>().ok(),
                        "type" => {
                            if let Some(m) = mime(&value) {
                                content.mime = Some(m);
                            }
                        }
                        _ => {}
                    }
                }
                if content.url.is_some() {
                    enclosure.view.content.push(content);
                }
            }
            (Ns::Rss, "pubDate") | (Ns::DublinCore, "date") => {
                entry.published = src.text()?.and_then(|t| lenient::timestamp(&t));
            }
            (Ns::Rss, "updated") | (Ns::Atom, "updated") => {
                entry.updated = src.text()?.and_then(|t| lenient::timestamp(&t));
            }
            (Ns::Content, "encoded") => {
                entry.content = src.text()?.filter(|t| !t.is_empty()).map(|t| TextView {
                    content: t.into_owned(),
                    kind: Kind::Html,
                });
            }
            (Ns::Itunes, name) => match name {
                "title" => itunes.view.title = Some(atom_text(src, &child)?),
                "summary" => itunes.view.description = Some(atom_text(src, &child)?),
                "episode" => {
                    if let Some(t) = src.text()? {
                        itunes.episode |= t.parse::<f32>().is_ok();
                    }
                }
                "season" => {
                    if let Some(t) = src.text()? {
                        itunes.season |= t.parse::<u32>().is_ok();
                    }
                }
                _ => {}
            },
            (Ns::MediaRss, _) => media_element(src, &child, &mut scope, 0)?,
            (Ns::Podcast, name) => match name {
                "person" => return Err(Bail),
                "episode" => {
                    if let Some(t) = src.text()? {
                        podcast.episode |= t.parse::<f32>().is_ok();
                    }
                }
                "season" => {
                    if let Some(t) = src.text()? {
                        podcast.season |= t.parse::<u32>().is_ok();
                    }
                }
                "transcript" => {
                    let url = attr(&child.start, "url").and_then(|u| Url::parse(&u).ok());
                    let kind = attr(&child.start, "type").and_then(|t| mime(&t));
                    podcast.transcripts |= url.is_some() && kind.is_some();
                }
                _ => {}
            },
            _ => {}
        }
    }
    let mut media = Vec::new();
    emit_media(scope, &mut media);
    for obj in [itunes, podcast, enclosure] {
        if obj.is_not_empty() {
            media.push(obj);
        }
    }
    postprocess_media(&mut media);
    entry.media = media.into_iter().map(|m| m.view).collect();
    if entry.updated.is_none() && entry.published.is_some() {
        entry.updated = entry.published;
    }
    Ok(entry)
}

/// A media type as feed-rs keeps it (parsed by the same crate), or None where it does not.
fn mime(raw: &str) -> Option<String> {
    raw.parse::<mediatype::MediaTypeBuf>()
        .ok()
        .map(|m| m.as_ref().to_string())
}

/// feed-rs's `postprocess_media`: the RSS enclosure and iTunes objects merge into the
/// first MediaRSS object, or everything into the Podcast one, in its order.
fn postprocess_media(objects: &mut Vec<Media>) {
    if let Some(at) = objects.iter().position(|m| m.source == Origin::MediaRss) {
        let mut target = objects.swap_remove(at);
        for idx in (0..objects.len()).rev() {
            let merge = match objects[idx].source {
                Origin::Rss => true,
                Origin::Itunes => !objects[idx].season && !objects[idx].episode,
                _ => false,
            };
            if merge {
                let source = objects.swap_remove(idx);
                merge_media(source, &mut target);
            }
        }
        objects.push(target);
    } else if let Some(at) = objects.iter().position(|m| m.source == Origin::Podcast) {
        let mut target = objects.swap_remove(at);
        for idx in (0..objects.len()).rev() {
            let source = objects.swap_remove(idx);
            merge_media(source, &mut target);
        }
        objects.push(target);
    }
}

fn merge_media(source: Media, target: &mut Media) {
    if target.view.title.is_none() {
        target.view.title = source.view.title;
    }
    if target.view.content.is_empty() {
        target.view.content = source.view.content;
    }
    if !target.texts {
        target.texts = source.texts;
    }
    if target.view.description.is_none() {
        target.view.description = source.view.description;
    }
    if !target.season {
        target.season = source.season;
    }
    if !target.episode {
        target.episode = source.episode;
    }
    if !target.transcripts {
        target.transcripts = source.transcripts;
    }
}

/// A MediaRSS scope (the entry's, or a `media:group`'s), as feed-rs collects it.
#[derive(Default)]
struct Scope {
    title: Option<TextView>,
    description: Option<TextView>,
    texts: bool,
    pending: Vec<MediaContentView>,
    children: Vec<Scope>,
}

/// Deeper `media:group`s than this are left to feed-rs.
const MAX_MEDIA_NESTING: u32 = 32;

fn media_element(src: &mut Source<'_>, el: &El<'_>, scope: &mut Scope, nest: u32) -> Res<()> {
    if nest > MAX_MEDIA_NESTING {
        return Err(Bail);
    }
    if el.ns != Some(Ns::MediaRss) {
        return Ok(());
    }
    match el.local() {
        "group" => {
            let mut nested = Scope::default();
            while let Some(child) = src.next_child(el.depth + 1)? {
                media_element(src, &child, &mut nested, nest + 1)?;
            }
            scope.children.push(nested);
        }
        "title" => scope.title = Some(media_text(src, el)?),
        "content" => media_content(src, el, scope, nest)?,
        "description" => scope.description = Some(media_text(src, el)?),
        "text" => scope.texts |= src.text()?.is_some(),
        _ => {}
    }
    Ok(())
}

fn media_content(src: &mut Source<'_>, el: &El<'_>, scope: &mut Scope, nest: u32) -> Res<()> {
    let mut content = MediaContentView {
        url: None,
        mime: None,
        size: None,
        duration_secs: None,
    };
    for (name, value) in attrs(&el.start) {
        match name {
            "url" => content.url = parse_uri(&value, el.base.as_ref()).map(String::from),
            "type" => {
                if let Some(m) = mime(&value) {
                    content.mime = Some(m);
                }
            }
            "fileSize" => {
                if let Ok(n) = value.parse::<u64>() {
                    content.size = Some(n);
                }
            }
            "duration" => {
                if let Ok(n) = value.parse::<u64>() {
                    content.duration_secs = Some(n);
                }
            }
            _ => {}
        }
    }
    while let Some(child) = src.next_child(el.depth + 1)? {
        if child.ns != Some(Ns::MediaRss) {
            continue;
        }
        match child.local() {
            "player" => {
                if let Some(url) = attr(&child.start, "url")
                    && let Some(url) = parse_uri(&url, el.base.as_ref())
                {
                    content.url = Some(String::from(url));
                }
            }
            "rating" | "credit" => {}
            "text" => scope.texts |= src.text()?.is_some(),
            _ => media_element(src, &child, scope, nest + 1)?,
        }
    }
    if content.url.is_some() {
        scope.pending.push(content);
    }
    Ok(())
}

/// feed-rs's MediaRSS text: `plain` or `html`, and it must have text.
fn media_text(src: &mut Source<'_>, el: &El<'_>) -> Res<TextView> {
    let kind = match attr_in_order(el, "type").as_deref() {
        None | Some("plain") => Kind::Plain,
        Some("html") => Kind::Html,
        Some(_) => return Err(Bail),
    };
    let content = src.text()?.ok_or(Bail)?;
    Ok(TextView {
        content: content.trim().to_string(),
        kind,
    })
}

/// feed-rs looks a text's `type` up among the element's well-formed attributes.
fn attr_in_order(el: &El<'_>, name: &str) -> Option<String> {
    attr(&el.start, name)
}

fn emit_media(mut scope: Scope, out: &mut Vec<Media>) {
    if !scope.pending.is_empty() {
        out.push(Media {
            source: Origin::MediaRss,
            view: MediaView {
                title: scope.title.clone(),
                description: scope.description.clone(),
                content: std::mem::take(&mut scope.pending),
            },
            texts: scope.texts,
            ..Default::default()
        });
    }
    for mut child in std::mem::take(&mut scope.children) {
        if child.title.is_none() {
            child.title = scope.title.clone();
        }
        if child.description.is_none() {
            child.description = scope.description.clone();
        }
        if !child.texts {
            child.texts = scope.texts;
        }
        emit_media(child, out);
    }
}

// ---- Atom -------------------------------------------------------------------------------

fn atom_feed(src: &mut Source<'_>, root: &El<'_>) -> Res<FeedView> {
    let mut feed = FeedView::default();
    while let Some(child) = src.next_child(root.depth + 1)? {
        if child.ns != Some(Ns::Atom) {
            continue;
        }
        match child.local() {
            "title" => feed.title = Some(atom_text(src, &child)?),
            "link" => feed.links.extend(atom_link(&child)),
            // Read only for what feed-rs may fail on (an unknown type).
            "rights" | "subtitle" => drop(atom_text(src, &child)?),
            "entry" => feed.entries.push(atom_entry(src, &child)?),
            _ => {}
        }
    }
    Ok(feed)
}

fn atom_entry(src: &mut Source<'_>, el: &El<'_>) -> Res<EntryView> {
    let mut entry = EntryView::default();
    let mut scope = Scope::default();
    while let Some(child) = src.next_child(el.depth + 1)? {
        match (child.ns.unwrap_or(Ns::Unknown), child.local()) {
            (Ns::Atom, "id") => {
                if let Some(t) = src.text()? {
                    entry.id = t.into_owned();
                }
            }
            (Ns::Atom, "title") => entry.title = Some(atom_text(src, &child)?),
            (Ns::Atom, "updated") => {
                if let Some(t) = src.text()? {
                    entry.updated = lenient::timestamp(&t);
                }
            }
            (Ns::Atom, "published" | "pubDate") => {
                if let Some(t) = src.text()? {
                    entry.published = lenient::timestamp(&t);
                }
            }
            (Ns::Atom, "author") => entry.authors.extend(atom_person(src, &child)?),
            (Ns::Atom, "content") => entry.content = atom_content(src, &child)?,
            (Ns::Atom, "link") => entry.links.extend(atom_link(&child)),
            (Ns::Atom, "summary") => entry.summary = Some(atom_text(src, &child)?),
            (Ns::Atom, "category") => {
                if let Some(term) = attr(&child.start, "term") {
                    let mut label = None;
                    for (name, value) in attrs(&child.start) {
                        if name == "label" {
                            label = Some(value);
                        }
                    }
                    entry.categories.push(CategoryView {
                        term: term.trim().to_string(),
                        label,
                    });
                }
            }
            (Ns::Atom, "rights") => drop(atom_text(src, &child)?),
            (Ns::MediaRss, _) => media_element(src, &child, &mut scope, 0)?,
            _ => {}
        }
    }
    let mut media = Vec::new();
    emit_media(scope, &mut media);
    entry.media = media.into_iter().map(|m| m.view).collect();
    Ok(entry)
}

/// feed-rs's Atom text construct (`handle_text`).
fn atom_text(src: &mut Source<'_>, el: &El<'_>) -> Res<TextView> {
    let kind = attr_in_order(el, "type");
    match kind.as_deref().unwrap_or("text") {
        "text" => Ok(plain(sloppy_text(src)?)),
        "html" | "text/html" => Ok(html(sloppy_text(src)?)),
        "xhtml" => Ok(html(src.children_as_xhtml()?)),
        _ => Err(Bail),
    }
}

/// feed-rs's `child_as_text_sloppy`: the leading text, else the children written out.
fn sloppy_text<'a>(src: &mut Source<'a>) -> Res<Cow<'a, str>> {
    match src.text()? {
        Some(t) => Ok(t),
        None => Ok(Cow::Owned(src.children_as_string()?)),
    }
}

fn atom_content(src: &mut Source<'_>, el: &El<'_>) -> Res<Option<TextView>> {
    let kind = attr(&el.start, "type");
    if attr(&el.start, "src").is_some() {
        if let Some(k) = &kind {
            mime(k).ok_or(Bail)?;
        }
        if src.text()?.is_some() {
            return Err(Bail);
        }
        return Ok(None);
    }
    match kind.as_deref() {
        None | Some("text" | "html" | "xhtml" | "text/html") => atom_text(src, el).map(Some),
        Some(k) if k.ends_with(" +xml") || k.ends_with("/xml") => Err(Bail),
        Some(k) => {
            let m = mime(k).ok_or(Bail)?;
            let body = src.text()?.ok_or(Bail)?;
            Ok(Some(TextView {
                content: body.into_owned(),
                kind: Kind::of(&m),
            }))
        }
    }
}

fn atom_person(src: &mut Source<'_>, el: &El<'_>) -> Res<Option<PersonView>> {
    let (mut name, mut email) = (None, None);
    while let Some(child) = src.next_child(el.depth + 1)? {
        let text = src.text()?;
        match (child.local(), text) {
            ("name", Some(n)) => name = Some(n.into_owned()),
            ("email", e) => email = e.map(Cow::into_owned),
            _ => {}
        }
    }
    Ok((name.is_some() || email.is_some()).then_some(PersonView { name, email }))
}

fn atom_link(el: &El<'_>) -> Option<LinkView> {
    let href = attr(&el.start, "href")?;
    let mut link = plain_link(link_href(&href, el.base.as_ref()));
    for (name, value) in attrs(&el.start) {
        match name {
            "rel" => link.rel = Some(value),
            "type" => link.media_type = Some(value),
            "length" => link.length = value.parse::<u64>().ok(),
            _ => {}
        }
    }
    if link.rel.is_none() {
        link.rel = Some("alternate".to_string());
    }
    Some(link)
}
