//! An article as the pane shows it: header, lead, body (HTML → styled lines through
//! html2text's rich output), numbered links. `tidings show` prints the same lines as text.

use crate::model::{ArticleBody, Enclosure, HeadlineParts};
use crate::sanitize;
use crate::t;
use crate::timefmt::Zone;
use html2text::render::{RichAnnotation, RichDecorator, TaggedLine, TextDecorator};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::rc::Rc;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Lines wider than this are hard to read; the body wraps here even in a wider pane.
pub const MAX_TEXT_WIDTH: usize = 100;

pub struct ArticleSource<'a> {
    pub headline: HeadlineParts<'a>,
    pub feed_title: &'a str,
    pub body: &'a ArticleBody,
    pub zone: Zone,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Link targets in the order of their `[N]` markers.
    pub links: Vec<String>,
    /// The width it was rendered for.
    pub width: u16,
    /// Where links sit in `lines`, for terminals that make them clickable (OSC 8).
    pub link_spans: Vec<LinkSpan>,
    /// The pictures the text places, in order: each is drawn under its line.
    pub pictures: Vec<PictureSlot>,
}

/// A picture in the article: the line with its `[image: alt]` and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureSlot {
    pub line: usize,
    /// An http(s) URL (`hyperlink_target`), never anything else.
    pub url: String,
}

/// A run of link text inside one rendered line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkSpan {
    pub line: usize,
    /// Display columns from the start of the line.
    pub col: u16,
    pub text: String,
    /// An http(s) URL, normalized by the url crate (so percent-encoded, no controls).
    pub url: String,
}

/// The URL as it may be handed to a terminal, or None for anything but http(s).
pub fn hyperlink_target(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.as_str().to_string())
}

/// A link found in an article body, as the pane lists it: relative references resolve
/// against the article's own address; anything but http(s) (javascript:, data:, file:, …)
/// is replaced by a note, so that it is never shown as a target nor handed to an opener.
pub fn body_link(raw: &str, base: Option<&url::Url>) -> String {
    let cleaned = sanitize::url(raw).unwrap_or_default();
    let parsed = match url::Url::parse(&cleaned) {
        Err(url::ParseError::RelativeUrlWithoutBase) => base.and_then(|b| b.join(&cleaned).ok()),
        other => other.ok(),
    };
    match parsed {
        Some(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
        Some(u) => t!(
            "article-blocked-scheme",
            scheme = sanitize::line(u.scheme())
        ),
        None => t!("article-blocked-link"),
    }
}

fn push_link_span(spans: &mut Vec<LinkSpan>, line: usize, col: usize, text: &str, url: &str) {
    if let (Some(url), Ok(col)) = (hyperlink_target(url), u16::try_from(col))
        && !text.trim().is_empty()
    {
        spans.push(LinkSpan {
            line,
            col,
            text: text.to_string(),
            url,
        });
    }
}

pub mod style {
    use super::*;
    pub fn title() -> Style {
        Style::new()
            .add_modifier(Modifier::BOLD)
            .fg(Color::LightYellow)
    }
    /// A title tidings made because the feed gave none (`derived_title`).
    pub fn derived_title() -> Style {
        Style::new().add_modifier(Modifier::ITALIC).fg(Color::Gray)
    }
    pub fn meta() -> Style {
        Style::new().fg(Color::Gray)
    }
    pub fn link() -> Style {
        Style::new()
            .fg(Color::LightBlue)
            .add_modifier(Modifier::UNDERLINED)
    }
    pub fn marker() -> Style {
        Style::new().fg(Color::Cyan)
    }
    pub fn image() -> Style {
        Style::new().fg(Color::Magenta)
    }
    pub fn rule() -> Style {
        Style::new().fg(Color::DarkGray)
    }
}

/// Renders the whole article for a pane `width` columns wide.
pub fn article(src: &ArticleSource<'_>, width: u16) -> Rendered {
    let w = usize::from(width.max(20));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let h = src.headline;

    let untitled;
    let title = if h.title.is_empty() {
        untitled = t!("article-no-title");
        &untitled
    } else {
        h.title
    };
    let title_style = if h.flags.derived_title() {
        style::derived_title()
    } else {
        style::title()
    };
    for l in wrap(title, w) {
        lines.push(Line::styled(l, title_style));
    }
    let mut meta = src.feed_title.to_string();
    if let Some(a) = h.author.filter(|a| !a.is_empty()) {
        meta.push_str(" · ");
        meta.push_str(a);
    }
    for l in wrap(&meta, w) {
        lines.push(Line::styled(l, style::meta()));
    }
    lines.push(Line::styled(src.zone.full(h.date), style::meta()));
    let mut link_spans = Vec::new();
    if let Some(link) = &h.link {
        push_url_lines(&mut lines, &mut link_spans, Vec::new(), link, w);
    }
    for e in &src.body.enclosures {
        push_url_lines(
            &mut lines,
            &mut link_spans,
            vec![enclosure_label(e)],
            &e.url,
            w,
        );
    }
    if !src.body.categories.is_empty() {
        let cats = src.body.categories.join(", ");
        for l in wrap(&t!("article-tags", tags = cats), w) {
            lines.push(Line::styled(l, style::meta()));
        }
    }
    lines.push(Line::styled(
        "─".repeat(w.min(MAX_TEXT_WIDTH)),
        style::rule(),
    ));

    let text_w = w.min(MAX_TEXT_WIDTH);
    let mut links = Vec::new();
    let lead = src.body.summary.as_deref().filter(|s| !s.trim().is_empty());
    let content = src.body.content.as_deref().filter(|s| !s.trim().is_empty());
    // One document, so link numbers run on from the lead into the body.
    let html = match (lead, content) {
        (Some(l), Some(c)) if !same_text(l, c) => {
            Some(format!("<div><em>{l}</em></div><p></p>{c}"))
        }
        (l, c) => c.or(l).map(str::to_string),
    };
    let base = h.link.and_then(|l| url::Url::parse(l).ok());
    let mut pictures = Vec::new();
    match html {
        Some(html) => {
            let (body, urls, found) = html_lines_with_pictures(&html, text_w, &mut links);
            for link in &mut links {
                *link = body_link(link, base.as_ref());
            }
            // The feed's own picture leads, unless the text shows it already.
            let shown: Vec<String> = found
                .into_iter()
                .filter_map(|(i, raw)| {
                    Some((i, hyperlink_target(&body_link(&raw, base.as_ref()))?))
                })
                .map(|(i, url)| {
                    pictures.push(PictureSlot {
                        line: i,
                        url: url.clone(),
                    });
                    url
                })
                .collect();
            let lead = lead_picture(src.body, base.as_ref()).filter(|u| !shown.contains(u));
            let has_lead = lead.is_some();
            let offset = lines.len() + usize::from(has_lead);
            for slot in &mut pictures {
                slot.line += offset;
            }
            if let Some(url) = lead {
                links.push(url.clone());
                pictures.insert(
                    0,
                    PictureSlot {
                        line: lines.len(),
                        url,
                    },
                );
                lines.push(lead_line(links.len()));
            }
            for (i, (line, line_urls)) in body.iter().zip(&urls).enumerate() {
                let mut col = 0;
                for (span, url) in line.spans.iter().zip(line_urls) {
                    if let Some(url) = url {
                        let url = body_link(url, base.as_ref());
                        push_link_span(&mut link_spans, offset + i, col, &span.content, &url);
                    }
                    col += span.width();
                }
            }
            lines.extend(body);
        }
        None => {
            if let Some(url) = lead_picture(src.body, base.as_ref()) {
                links.push(url.clone());
                pictures.push(PictureSlot {
                    line: lines.len(),
                    url,
                });
                lines.push(lead_line(links.len()));
            }
            lines.push(Line::styled(t!("article-no-text"), style::meta()))
        }
    }
    if !links.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            t!("article-links"),
            style::meta().add_modifier(Modifier::BOLD),
        ));
        for (i, url) in links.iter().enumerate() {
            let marker = Span::styled(format!("[{}] ", i + 1), style::marker());
            push_url_lines(&mut lines, &mut link_spans, vec![marker], url, text_w);
        }
    }
    Rendered {
        lines,
        links,
        width,
        link_spans,
        pictures,
    }
}

/// The feed's own picture for the article (media:thumbnail, itunes:image, an image
/// enclosure), as an http(s) URL.
fn lead_picture(body: &ArticleBody, base: Option<&url::Url>) -> Option<String> {
    let image_enclosure = || {
        body.enclosures
            .iter()
            .find(|e| e.mime.as_deref().is_some_and(|m| m.starts_with("image/")))
            .map(|e| e.url.as_str())
    };
    let raw = body.picture.as_deref().or_else(image_enclosure)?;
    hyperlink_target(&body_link(raw, base))
}

/// The line the lead picture is drawn under: its link number opens it (`o N`).
fn lead_line(number: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("[{}]", t!("article-lead-picture")), style::image()),
        Span::styled(format!("[{number}]"), style::marker()),
    ])
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        crate::panic_guard::catch(|| {
            html2text::config::plain_no_decorate()
                .string_from_read(crate::html_guard::prepare(s).as_bytes(), 10_000)
                .unwrap_or_default()
        })
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    // Feeds often repeat the opening of the body as the summary.
    b.starts_with(a.trim_end_matches(['…', '.', ' ']))
}

/// How a media placeholder's kind (`html_media::kind_of`) is shown in the text.
fn media_label(kind: &str) -> String {
    match kind {
        "video" => t!("article-media-video"),
        "audio" => t!("article-media-audio"),
        "embed" => t!("article-media-embed"),
        _ => t!("article-media-image"),
    }
}

fn enclosure_label(e: &Enclosure) -> Span<'static> {
    let mut parts = vec![e.mime.clone().unwrap_or_else(|| t!("article-media"))];
    if let Some(d) = e.duration_secs {
        parts.push(duration(d));
    }
    if let Some(len) = e.length.filter(|&l| l > 0) {
        parts.push(size(len));
    }
    Span::styled(format!("▶ {} ", parts.join(" · ")), style::marker())
}

/// A URL after `prefix`, wrapped so all of it is on screen: the pane cuts lines at its edge,
/// and a link cut short can be neither read nor copied. Continuation lines start under the
/// URL (under the start of the line when the prefix leaves too little room).
fn push_url_lines(
    lines: &mut Vec<Line<'static>>,
    link_spans: &mut Vec<LinkSpan>,
    prefix: Vec<Span<'static>>,
    url: &str,
    width: usize,
) {
    let prefix_w: usize = prefix.iter().map(Span::width).sum();
    let (mut first, indent) = if prefix_w + 16 <= width {
        (prefix, prefix_w)
    } else {
        lines.push(Line::from(prefix));
        (Vec::new(), 0)
    };
    for (i, piece) in break_url(url, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
    {
        let mut spans = if i == 0 {
            std::mem::take(&mut first)
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        push_link_span(link_spans, lines.len(), indent, piece, url);
        spans.push(Span::styled(piece.to_string(), style::link()));
        lines.push(Line::from(spans));
    }
}

/// `url` in pieces of at most `width` columns, broken after a `/`, `?`, `&`, `#` or `=` when
/// one falls in the second half of a piece, else at the width.
pub fn break_url(url: &str, width: usize) -> Vec<&str> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut rest = url;
    while !rest.is_empty() {
        let mut cols = 0;
        let mut end = rest.len();
        let mut soft = None;
        for (i, c) in rest.char_indices() {
            let cw = c.width().unwrap_or(0);
            if cols + cw > width {
                // A character wider than the whole line goes alone.
                end = if i == 0 { c.len_utf8() } else { i };
                break;
            }
            cols += cw;
            if matches!(c, '/' | '?' | '&' | '#' | '=') && cols * 2 > width {
                soft = Some(i + c.len_utf8());
            }
        }
        if end < rest.len()
            && let Some(s) = soft
        {
            end = s;
        }
        let (piece, tail) = rest.split_at(end);
        out.push(piece);
        rest = tail;
    }
    if out.is_empty() {
        out.push("");
    }
    out
}

pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!(
            "{} {}",
            crate::i18n::decimal(bytes as f64 / MB, 1),
            t!("unit-mb")
        )
    } else {
        format!("{} {}", bytes.div_ceil(1024), t!("unit-kb"))
    }
}

/// Greedy word wrap by display width; words wider than the line are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    for word in text.split_whitespace() {
        let ww: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if cur_w > 0 && cur_w + 1 + ww > width {
            out.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        if cur_w > 0 {
            cur.push(' ');
            cur_w += 1;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if cur_w + cw > width {
                out.push(std::mem::take(&mut cur));
                cur_w = 0;
            }
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Stand-ins for `•` and `│` in html2text's prefixes (see `PaneDecorator::quote_prefix`).
const BULLET_MARK: char = '\u{1}';
const QUOTE_MARK: char = '\u{2}';

/// html2text's rich decorator, but images read `[image: alt]` and the link targets are collected.
#[derive(Clone)]
struct PaneDecorator {
    inner: RichDecorator,
    links: Rc<RefCell<Vec<String>>>,
}

impl TextDecorator for PaneDecorator {
    type Annotation = RichAnnotation;
    fn decorate_link_start(&mut self, url: &str) -> (String, RichAnnotation) {
        self.inner.decorate_link_start(url)
    }
    fn decorate_link_end(&mut self) -> String {
        self.inner.decorate_link_end()
    }
    fn decorate_em_start(&self) -> (String, RichAnnotation) {
        self.inner.decorate_em_start()
    }
    fn decorate_em_end(&self) -> String {
        self.inner.decorate_em_end()
    }
    fn decorate_strong_start(&self) -> (String, RichAnnotation) {
        self.inner.decorate_strong_start()
    }
    fn decorate_strong_end(&self) -> String {
        self.inner.decorate_strong_end()
    }
    fn decorate_strikeout_start(&self) -> (String, RichAnnotation) {
        self.inner.decorate_strikeout_start()
    }
    fn decorate_strikeout_end(&self) -> String {
        self.inner.decorate_strikeout_end()
    }
    fn decorate_code_start(&self) -> (String, RichAnnotation) {
        self.inner.decorate_code_start()
    }
    fn decorate_code_end(&self) -> String {
        self.inner.decorate_code_end()
    }
    fn decorate_preformat_first(&self) -> RichAnnotation {
        self.inner.decorate_preformat_first()
    }
    fn decorate_preformat_cont(&self) -> RichAnnotation {
        self.inner.decorate_preformat_cont()
    }
    /// `src` is the placeholder kind `html_media::rewrite` wrote (the address is on the
    /// link around it).
    fn decorate_image(&mut self, src: &str, title: &str) -> (String, RichAnnotation) {
        let kind = crate::html_media::kind_of(src);
        if kind == crate::html_media::RULE {
            // Stretched to the width by `html_lines`.
            return ("─".to_string(), RichAnnotation::Image(kind.to_string()));
        }
        let title = title
            .strip_prefix(crate::html_media::ALT_MARK)
            .unwrap_or(title);
        let alt = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = media_label(kind);
        let text = if alt.is_empty() {
            format!("[{shown}]")
        } else {
            format!("[{shown}: {alt}]")
        };
        (text, RichAnnotation::Image(kind.to_string()))
    }
    fn header_prefix(&self, level: usize) -> String {
        self.inner.header_prefix(level)
    }
    // html2text measures prefixes in bytes: `• ` indented a bullet's wrapped lines by 4 and
    // `│ ` failed an assertion (every article with a quote was unreadable). One-byte
    // stand-ins, which `prepare` guarantees the text cannot contain, are drawn by `html_lines`.
    fn quote_prefix(&self) -> String {
        format!("{QUOTE_MARK} ")
    }
    fn unordered_item_prefix(&self) -> String {
        format!("{BULLET_MARK} ")
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        self.inner.ordered_item_prefix(i)
    }
    fn make_subblock_decorator(&self) -> Self {
        PaneDecorator {
            inner: self.inner.make_subblock_decorator(),
            links: Rc::clone(&self.links),
        }
    }
    fn finalise(&mut self, urls: Vec<String>) -> Vec<TaggedLine<RichAnnotation>> {
        // The list is drawn by `article` with its own styling, so only remember it here.
        *self.links.borrow_mut() = urls;
        Vec::new()
    }
}

/// Why an article could not be drawn; it then shows as one line saying so.
#[derive(Debug, thiserror::Error)]
enum RenderError {
    #[error(transparent)]
    Panicked(#[from] crate::panic_guard::Panicked),
    #[error(transparent)]
    Html(#[from] html2text::Error),
}

/// Renders an HTML fragment; link targets, numbered as the `[N]` markers, are appended to `links`.
/// Beside each line comes the link target of each of its spans, if it is link text. Text from HTML is sanitized again: entities such as `&#27;`
/// only become control characters here.
pub fn html_lines(
    html: &str,
    width: usize,
    links: &mut Vec<String>,
) -> (Vec<Line<'static>>, Vec<Vec<Option<String>>>) {
    let (lines, urls, _) = html_lines_with_pictures(html, width, links);
    (lines, urls)
}

/// Lines, the link target of each line's spans, and each `<img>`'s line and address.
type HtmlLines = (
    Vec<Line<'static>>,
    Vec<Vec<Option<String>>>,
    Vec<(usize, String)>,
);

/// [`html_lines`], and for each `<img>` the index of its line and its address as the
/// document wrote it (the placeholder's link).
pub fn html_lines_with_pictures(html: &str, width: usize, links: &mut Vec<String>) -> HtmlLines {
    let collected = Rc::new(RefCell::new(Vec::new()));
    let deco = PaneDecorator {
        inner: RichDecorator::new(),
        links: Rc::clone(&collected),
    };
    let rendered = crate::panic_guard::catch(|| {
        let prepared = crate::html_guard::prepare(html);
        html2text::config::with_decorator(deco)
            .link_footnotes(true)
            .empty_img_mode(html2text::config::ImageRenderMode::ShowAlways)
            .lines_from_read(
                crate::html_media::rewrite(&prepared).as_bytes(),
                width.max(10),
            )
    })
    .map_err(RenderError::from)
    .and_then(|r| r.map_err(RenderError::from));
    let tagged = match rendered {
        Ok(t) => t,
        Err(e) => {
            return (
                vec![Line::styled(
                    sanitize::line(&t!("article-render-failed", error = e.to_string())),
                    style::meta(),
                )],
                vec![vec![None]],
                Vec::new(),
            );
        }
    };
    let mut out = Vec::with_capacity(tagged.len());
    let mut urls = Vec::with_capacity(tagged.len());
    let mut pictures = Vec::new();
    for tl in tagged {
        let mut spans = Vec::new();
        let mut span_urls = Vec::new();
        let line_width: usize = tl.tagged_strings().map(|ts| ts.s.width()).sum();
        for ts in tl.tagged_strings() {
            let marked = ts.s.replace(BULLET_MARK, "•").replace(QUOTE_MARK, "│");
            let mut text = sanitize::text(&marked).replace('\n', " ");
            if is_rule(&ts.tag) {
                text = "─".repeat(width.saturating_sub(line_width - ts.s.width()).max(1));
            }
            if text.is_empty() {
                continue;
            }
            let link = ts.tag.iter().find_map(|t| match t {
                RichAnnotation::Link(u) => Some(sanitize::line(u)),
                _ => None,
            });
            let is_picture = ts
                .tag
                .iter()
                .any(|t| matches!(t, RichAnnotation::Image(k) if k == "image"));
            if let Some(url) = link.as_ref().filter(|_| is_picture)
                && pictures.last().is_none_or(|(_, u)| u != url)
            {
                pictures.push((out.len(), url.clone()));
            }
            span_urls.push(link);
            spans.push(Span::styled(text, span_style(&ts.tag)));
        }
        out.push(Line::from(spans));
        urls.push(span_urls);
    }
    // Trailing blank lines come from block ends in the HTML.
    while out
        .last()
        .is_some_and(|l| l.spans.iter().all(|s| s.content.trim().is_empty()))
    {
        out.pop();
        urls.pop();
    }
    pictures.retain(|(line, _)| *line < out.len());
    let found = collected
        .borrow()
        .iter()
        .map(|u| sanitize::line(u))
        .collect::<Vec<_>>();
    links.extend(found);
    (out, urls, pictures)
}

fn is_rule(tags: &[RichAnnotation]) -> bool {
    tags.iter()
        .any(|t| matches!(t, RichAnnotation::Image(k) if k == crate::html_media::RULE))
}

fn span_style(tags: &[RichAnnotation]) -> Style {
    if is_rule(tags) {
        return style::rule();
    }
    let mut st = Style::new();
    for t in tags {
        st = match t {
            RichAnnotation::Link(_) => st.patch(style::link()),
            RichAnnotation::Image(_) => st.patch(style::image()),
            RichAnnotation::Emphasis => st.add_modifier(Modifier::ITALIC),
            RichAnnotation::Strong => st.add_modifier(Modifier::BOLD),
            RichAnnotation::Strikeout => st.add_modifier(Modifier::CROSSED_OUT),
            RichAnnotation::Code | RichAnnotation::Preformat(_) => st.fg(Color::LightGreen),
            _ => st,
        };
    }
    st
}

/// The lines as plain text, one `\n` per line, trailing spaces trimmed.
pub fn to_plain(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for l in lines {
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(s.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::body_link;

    #[test]
    fn body_links_resolve_relative_and_block_other_schemes() {
        let base = url::Url::parse("https://site.example/posts/1.html").ok();
        assert_eq!(
            body_link("../img/a.png", base.as_ref()),
            "https://site.example/img/a.png"
        );
        assert_eq!(
            body_link("https://x.example/", base.as_ref()),
            "https://x.example/"
        );
        assert_eq!(
            body_link("javascript:alert(1)", base.as_ref()),
            "(blocked javascript: link)"
        );
        assert_eq!(
            body_link("JaVaScRiPt:alert(1)", base.as_ref()),
            "(blocked javascript: link)"
        );
        assert_eq!(
            body_link("data:text/html,x", base.as_ref()),
            "(blocked data: link)"
        );
        assert_eq!(
            body_link("file:///etc/passwd", base.as_ref()),
            "(blocked file: link)"
        );
        assert_eq!(body_link("/rel", None), "(blocked link)");
        assert_eq!(
            body_link("java\u{1b}[0mscript:x", None),
            "(blocked javascript: link)"
        );
    }
}

#[cfg(test)]
mod url_tests {
    use super::break_url;
    use unicode_width::UnicodeWidthStr;

    proptest::proptest! {
        #[test]
        fn url_pieces_are_the_url_and_fit(url in "[a-z/?&=#.\u{4e16}\u{e9}-]{0,120}", width in 1usize..60) {
            let pieces = break_url(&url, width);
            proptest::prop_assert_eq!(pieces.concat(), url.clone());
            for p in &pieces {
                // A character wider than the line stands alone.
                proptest::prop_assert!(p.width() <= width || p.chars().count() == 1, "{:?}", p);
            }
        }
    }

    #[test]
    fn urls_break_after_a_separator_in_the_second_half() {
        assert_eq!(
            break_url("https://a.example/one/two/three", 20),
            ["https://a.example/", "one/two/three"]
        );
        assert_eq!(break_url("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
