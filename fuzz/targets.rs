//! Fuzz targets shared by the mutation fuzzer (`fuzz/fuzz.rs`) and the proptest properties
//! (`tests/feed/fuzz_props.rs`). A target panics when an invariant breaks; returning is a pass.
//!
//! Invariants: nothing panics; every string that can reach the screen holds no control,
//! bidi or invisible formatting character; every link is http(s); errors are short and clean.
#![allow(dead_code)] // each includer uses a different part

use tidings::filter::{Filter, Subject};

pub const TARGETS: &[&str] = &["parse", "render", "opml", "filter", "discover"];

const BASE: &str = "https://fuzz.example/feed.xml";

pub fn run(target: &str, data: &[u8]) {
    match target {
        "parse" => parse(data),
        "render" => render(&String::from_utf8_lossy(data)),
        "opml" => opml(&String::from_utf8_lossy(data)),
        "filter" => filter(&String::from_utf8_lossy(data)),
        "discover" => discover(&String::from_utf8_lossy(data)),
        other => panic!("unknown fuzz target {other}"),
    }
}

fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}' | '\u{200d}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

fn clean(s: &str, multiline: bool, what: &str) {
    if let Some(c) = s
        .chars()
        .find(|c| forbidden(*c) || (!multiline && matches!(c, '\n' | '\t')))
    {
        panic!("{what}: forbidden U+{:04X} in {s:?}", c as u32);
    }
}

fn http(url: &str, what: &str) {
    clean(url, false, what);
    assert!(
        url.starts_with("http://") || url.starts_with("https://"),
        "{what}: {url:?}"
    );
}

pub fn parse(data: &[u8]) {
    match tidings::feed::parse::parse(data, None, BASE) {
        Ok(feed) => {
            if let Some(t) = &feed.title {
                clean(t, false, "feed title");
            }
            if let Some(l) = &feed.site_link {
                http(l, "site link");
            }
            for item in &feed.items {
                clean(&item.title, false, "title");
                if let Some(a) = &item.author {
                    clean(a, false, "author");
                }
                if let Some(g) = &item.guid {
                    clean(g, false, "guid");
                }
                if let Some(l) = &item.link {
                    http(l, "link");
                }
                for b in item.summary.iter().chain(&item.content) {
                    clean(b, true, "body");
                }
                for e in &item.enclosures {
                    http(&e.url, "enclosure");
                }
                for c in &item.categories {
                    clean(c, false, "category");
                }
            }
        }
        Err(e) => {
            clean(&e.to_string(), false, "parse error");
            assert!(e.to_string().chars().count() <= 201, "long error: {}", e);
        }
    }
}

pub fn render(html: &str) {
    let mut links = Vec::new();
    let (lines, urls) = tidings::render::html_lines(html, 40, &mut links);
    assert_eq!(lines.len(), urls.len(), "one URL list per line");
    for line in &lines {
        for span in &line.spans {
            clean(&span.content, false, "rendered span");
        }
    }
    for l in &links {
        clean(l, false, "link");
        let shown = tidings::render::body_link(l, None);
        clean(&shown, false, "listed link");
        assert!(
            shown.starts_with("http") || shown.starts_with("(blocked"),
            "{shown}"
        );
    }
    for line in tidings::render::wrap(html, 30) {
        let w: usize = line
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        // A single character wider than the line (none is over 2 columns) may stand alone.
        assert!(
            w <= 30 || line.chars().count() == 1,
            "wrap overflow: {w} {line:?}"
        );
    }
}

pub fn opml(text: &str) {
    match tidings::opml::import(text) {
        Ok(imported) => {
            for f in &imported.feeds {
                assert!(
                    tidings::config::is_supported_feed_url(&f.url),
                    "imported {:?}",
                    f.url
                );
                clean(&f.url, false, "feed url");
                if let Some(t) = &f.title {
                    clean(t, false, "feed title");
                }
                for tag in &f.tags {
                    clean(tag, false, "tag");
                }
            }
            for s in &imported.skipped {
                clean(s, false, "skipped");
            }
        }
        Err(e) => clean(&e.to_string(), false, "opml error"),
    }
}

struct Headline;

impl Subject for Headline {
    fn title(&self) -> &str {
        "Storm closes the harbour İstanbul ß"
    }
    fn feed(&self) -> &str {
        "BBC"
    }
    fn feed_url(&self) -> &str {
        "https://bbc.example/rss"
    }
    fn author(&self) -> Option<&str> {
        Some("Jane")
    }
    fn tags(&self) -> &[String] {
        &[]
    }
    fn has_category(&self, _: &str) -> bool {
        false
    }
    fn read(&self) -> bool {
        false
    }
    fn bookmarked(&self) -> bool {
        true
    }
    fn has_enclosure(&self) -> bool {
        false
    }
    fn date(&self) -> i64 {
        1_700_000_000
    }
    fn body_contains(&self, _: &str) -> Option<bool> {
        None
    }
}

pub fn filter(query: &str) {
    match Filter::parse(query) {
        Ok(f) => {
            let _ = f.matches(&Headline, 1_700_000_100);
            let _ = f.text_terms();
        }
        Err(e) => {
            let range = e.byte_range(query);
            assert!(
                range.end <= query.len(),
                "error range {range:?} past the input"
            );
            let _ = e.caret_line(query);
            clean(&e.message, false, "filter error");
        }
    }
    let _ = tidings::filter::find_all(
        "Storm closes the harbour İstanbul ß",
        &tidings::filter::fold(query),
    );
}

pub fn discover(html: &str) {
    for c in tidings::feed::discover::alternates(html, "https://fuzz.example/blog/") {
        http(&c.url, "candidate");
        if let Some(t) = &c.title {
            clean(t, false, "candidate title");
        }
    }
}

/// Starting inputs for a target (files in fuzz/corpus/<target>/ are added by the fuzzer).
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let evil = "\u{1b}[31m\u{1b}]52;c;eA==\u{7}\u{9b}1m\u{202e}\u{200b}&#27;]0;x&#7;";
    let s: Vec<String> = match target {
        "parse" => vec![
            format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T {evil}</title><link>/home</link><item><guid>1</guid><title>a &amp; b {evil}</title><link>../p/1</link><author>x@y (Jane)</author><pubDate>Tue, 28 Jan 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;hi &lt;a href=\"javascript:x\"&gt;l&lt;/a&gt;&lt;/p&gt;</description><enclosure url=\"/a.mp3\" type=\"audio/mpeg\" length=\"10\"/><category>c</category></item></channel></rss>"),
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">&lt;b&gt;x&lt;/b&gt;{evil}</title><entry><id>e</id><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">t</div></title><link href=\"data:x\"/><updated>2025-01-01T00:00:00Z</updated><content type=\"html\">&lt;i&gt;c&lt;/i&gt;</content></entry></feed>"),
            format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"j\",\"items\":[{{\"id\":1,\"url\":\"/x\",\"title\":\"{}\",\"content_html\":\"<p>x</p>\",\"attachments\":[{{\"url\":\"a.mp3\",\"duration_in_seconds\":5}}]}}]}}", evil.replace('\u{1b}', "\\u001b")),
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>r</title></channel><item><title>i</title><link>http://x/</link></item></rdf:RDF>".into(),
            "<feed xmlns=\"http://purl.org/atom/ns#\"><title>old</title><entry><id>1</id><issued>2004-01-01T00:00:00Z</issued></entry></feed>".into(),
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"&b;&b;\"><!ENTITY b \"x\">]><rss version=\"2.0\"><channel><title>&a;</title></channel></rss>".into(),
        ],
        "render" => vec![
            format!("<p>Hello <b>bold</b> <a href=\"https://x.example/\">link {evil}</a></p><ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><pre>code\n  x</pre><img src=\"/i.png\" alt=\"{evil}\"><table><tr><td>1</td><td>2</td></tr></table>"),
            "<div><div><div><blockquote><p>deep &#27;[2J &#x9b;31m &#8238;rtl</p></blockquote></div></div></div>".into(),
            format!("<h1>{}</h1><p>{}</p>", "W".repeat(300), "ab\u{200b}".repeat(100)),
        ],
        "opml" => vec![
            format!("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>subs</title></head><body><outline text=\"News {evil}\"><outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/rss\" htmlUrl=\"https://a.example/\"/><outline text=\"B\" xmlUrl=\"javascript:alert(1)\"/><outline text=\"C\" xmlUrl=\"exec:rm -rf ~\"/></outline></body></opml>"),
            "https://a.example/rss tech \"~My title\"\nexec:rm -rf ~\n# comment\nfile:///tmp/x.xml\n\"query:unread:unread = \\\"yes\\\"\"\n".into(),
        ],
        "filter" => vec![
            "storm and (title:harbour or author:jane) not is:read".into(),
            "feed:bbc tag:news age:<2d after:2025-01-01 before:2026-02-30 \"exact phrase\"".into(),
            "((((((((((a))))))))) or -b | c & d".into(),
            "title:\"unterminated  is:bogus age:>99999999999999999999w".into(),
            format!("{evil} ß İ ﬃ"),
        ],
        "discover" => vec![
            "<!doctype html><html><head><base href=\"/b/\"><link rel=\"alternate\" type=\"application/rss+xml\" title=\"Posts &amp; more\" href=\"feed.xml\"><link rel=alternate type=application/atom+xml href='/atom'><!-- <link> --><script>'<link'</script></head></html>".into(),
            format!("<link rel=\"alternate\" type=\"application/feed+json\" title=\"{evil}\" href=\"&#106;avascript:x\">"),
        ],
        _ => Vec::new(),
    };
    s.into_iter().map(String::into_bytes).collect()
}

/// Byte strings worth splicing into inputs of a target.
pub fn dictionary(target: &str) -> &'static [&'static str] {
    match target {
        "parse" => &[
            "<item>",
            "</item>",
            "<entry>",
            "</entry>",
            "<title>",
            "</title>",
            "<![CDATA[",
            "]]>",
            "<!DOCTYPE x [<!ENTITY e \"&e;\">]>",
            "&e;",
            "&#27;",
            "&#x9b;",
            "&amp;",
            "&lt;div&gt;",
            "<link>",
            "javascript:",
            "<guid>",
            "<pubDate>",
            "<content:encoded>",
            "xml:base=\"/\"",
            "{\"items\":[",
            "\"url\":",
            "\u{1b}[",
            "\u{9d}",
            "\u{202e}",
            "<?xml encoding=\"utf-16\"?>",
            "\u{feff}",
            "<itunes:duration>",
            "<media:content url=\"",
            "type=\"html\"",
        ],
        "render" => &[
            "<div>",
            "</div>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "<ul>",
            "<li>",
            "<pre>",
            "</pre>",
            "<a href=\"",
            "\">",
            "</a>",
            "<img alt=\"",
            "&#27;",
            "&#x202e;",
            "<br>",
            "<p>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<h1>",
            "<blockquote>",
            "<sup>",
            "<q>",
            "<table><tr><td>",
            "colspan=\"1000\"",
            "&nbsp;",
            "\u{200b}",
        ],
        "opml" => &[
            "<outline ",
            "/>",
            "</outline>",
            "xmlUrl=\"",
            "text=\"",
            "title=\"",
            "category=\"",
            "https://",
            "file:///",
            "javascript:",
            "\n",
            "\"~",
            "\"query:",
            "exec:",
            "&amp;",
            "&#27;",
        ],
        "filter" => &[
            "(",
            ")",
            " and ",
            " or ",
            "not ",
            "-",
            "\"",
            "title:",
            "feed:",
            "author:",
            "tag:",
            "is:",
            "age:",
            "<",
            ">",
            "=",
            "after:",
            "before:",
            "2025-01-01",
            "d",
            "w",
            "9999999999",
            "ß",
            "İ",
            "\u{1b}",
            "*",
            "|",
            "&",
        ],
        "discover" => &[
            "<link ",
            "rel=\"alternate\" ",
            "type=\"application/rss+xml\" ",
            "href=\"",
            "title=\"",
            "<base href=\"",
            "\">",
            ">",
            "'",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "&#",
            "&amp;",
        ],
        _ => &[],
    }
}
