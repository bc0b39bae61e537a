//! Feed documents in every supported format, hostile text, charsets and broken input.

use tidings::feed::parse::{MAX_ITEMS, parse};
use tidings::model::{Enclosure, ParsedFeed, ParsedItem};

const BASE: &str = "https://base.example.com/dir/feed.xml";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn parse_fixture(name: &str) -> ParsedFeed {
    parse(&fixture(name), None, BASE).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|i| i.title.as_str()).collect()
}

fn item<'a>(feed: &'a ParsedFeed, guid: &str) -> &'a ParsedItem {
    feed.items
        .iter()
        .find(|i| i.guid.as_deref() == Some(guid))
        .unwrap_or_else(|| panic!("no item {guid}"))
}

/// Unix seconds of a UTC date, to keep expectations readable.
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|d| d.and_hms_opt(h, mi, s))
        .map(|t| t.and_utc().timestamp())
        .expect("valid test date")
}

#[test]
fn rss_091() {
    let feed = parse_fixture("rss091.xml");
    assert_eq!(feed.title.as_deref(), Some("Old School 0.91"));
    assert_eq!(feed.site_link.as_deref(), Some("http://old.example.com/"));
    assert_eq!(titles(&feed), ["First 0.91 item", "Second 0.91 item"]);
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some("http://old.example.com/1")
    );
    assert_eq!(feed.items[0].summary.as_deref(), Some("Plain & simple"));
}

#[test]
fn rss_092_with_enclosure_and_category() {
    let feed = parse_fixture("rss092.xml");
    assert_eq!(feed.title.as_deref(), Some("Radio 0.92"));
    let show = &feed.items[0];
    assert_eq!(show.title, "Show one");
    assert_eq!(show.summary.as_deref(), Some("<p>Listen <b>now</b></p>"));
    assert_eq!(show.categories, ["Music"]);
    assert_eq!(
        show.enclosures,
        [Enclosure {
            url: "http://radio.example.com/show1.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(123456),
            duration_secs: None,
        }]
    );
}

#[test]
fn rss_10_rdf() {
    let feed = parse_fixture("rss10.rdf");
    assert_eq!(feed.title.as_deref(), Some("RDF Site Summary"));
    assert_eq!(feed.site_link.as_deref(), Some("http://rdf.example.org/"));
    assert_eq!(titles(&feed), ["RDF item A", "RDF item B"]);
    let a = &feed.items[0];
    assert_eq!(a.link.as_deref(), Some("http://rdf.example.org/a"));
    assert_eq!(a.author.as_deref(), Some("Ada Lovelace"));
    assert_eq!(a.published, Some(utc(2024, 3, 1, 8, 0, 0)));
    assert_eq!(a.summary.as_deref(), Some("About A"));
}

#[test]
fn rss_20_fields() {
    let feed = parse_fixture("rss20.xml");
    assert_eq!(feed.title.as_deref(), Some("Example Blog"));
    // The alternate link, not the atom:link rel="self".
    assert_eq!(feed.site_link.as_deref(), Some("https://blog.example.com/"));
    assert_eq!(feed.items.len(), 5);

    let hello = item(&feed, "post-1");
    assert_eq!(hello.title, "Hello world");
    assert_eq!(
        hello.link.as_deref(),
        Some("https://blog.example.com/posts/hello")
    );
    assert_eq!(hello.author.as_deref(), Some("Jane Doe"));
    assert_eq!(hello.published, Some(utc(2024, 3, 5, 14, 30, 0)));
    assert_eq!(hello.summary.as_deref(), Some("<p>Short <em>lead</em></p>"));
    assert_eq!(
        hello.content.as_deref(),
        Some("<p>The <strong>full</strong> body.</p>")
    );
    // Duplicates dropped, order kept.
    assert_eq!(hello.categories, ["rust", "news"]);

    let untitled = &feed.items[4];
    assert_eq!(
        untitled.guid, None,
        "no invented guid when the feed has none"
    );
    // No title: one made from the link.
    assert_eq!(
        (untitled.title.as_str(), untitled.title_derived),
        ("Untitled", true)
    );
    assert_eq!(
        untitled.dedupe_key(),
        "l:https://blog.example.com/posts/untitled"
    );
}

#[test]
fn garbage_dates_become_none() {
    let feed = parse_fixture("rss20.xml");
    for guid in ["post-2", "post-3"] {
        let it = item(&feed, guid);
        assert_eq!((it.published, it.updated), (None, None), "{guid}");
    }
    let atom = parse_fixture("atom10.xml");
    let compare = item(&atom, "tag:atom.example.org,2024:compare");
    assert_eq!(compare.updated, None);
    let json = parse_fixture("jsonfeed10.json");
    assert_eq!(json.items[1].published, None);
}

#[test]
fn relative_links_resolve_against_the_document_url() {
    let feed = parse_fixture("rss20.xml");
    let rel = item(&feed, "post-2");
    assert_eq!(
        rel.link.as_deref(),
        Some("https://base.example.com/posts/relative")
    );
    assert_eq!(
        rel.enclosures[0].url,
        "https://base.example.com/dir/files/a.mp3"
    );
    // length="0" is no information.
    assert_eq!(rel.enclosures[0].length, None);

    let atom = parse_fixture("atom10.xml");
    assert_eq!(
        atom.items[0].link.as_deref(),
        Some("https://base.example.com/dir/entries/cats")
    );
}

#[test]
fn non_http_links_are_dropped() {
    let feed = parse_fixture("rss20.xml");
    let script = item(&feed, "post-3");
    assert_eq!(script.link, None);
    assert!(script.enclosures.is_empty(), "{:?}", script.enclosures);
    assert_eq!(item(&feed, "post-4").link, None);

    let json = parse_fixture("jsonfeed11.json");
    let urls: Vec<&str> = json.items[0]
        .enclosures
        .iter()
        .map(|e| e.url.as_str())
        .collect();
    assert_eq!(urls, ["https://json11.example.com/a.m4a"]);
}

#[test]
fn atom_03() {
    let feed = parse_fixture("atom03.xml");
    assert_eq!(feed.title.as_deref(), Some("Atom Zero Three"));
    assert_eq!(
        feed.site_link.as_deref(),
        Some("http://atom03.example.org/")
    );
    assert_eq!(titles(&feed), ["Atom 0.3 entry"]);
    let e = &feed.items[0];
    assert_eq!(e.guid.as_deref(), Some("tag:atom03.example.org,2004:1"));
    assert_eq!(
        e.link.as_deref(),
        Some("http://atom03.example.org/2004/01/01")
    );
    assert_eq!(e.published, Some(utc(2004, 1, 1, 13, 0, 0)));
    assert_eq!(e.summary.as_deref(), Some("Old Atom summary"));
}

#[test]
fn atom_10() {
    let feed = parse_fixture("atom10.xml");
    // type="html" title: entities decoded once by XML, once by HTML; tags dropped.
    assert_eq!(feed.title.as_deref(), Some("Atom <One> Feed"));
    assert_eq!(feed.site_link.as_deref(), Some("https://atom.example.org/"));

    let cats = &feed.items[0];
    assert_eq!(cats.title, "Cats & dogs: a history");
    assert_eq!(cats.author.as_deref(), Some("Carla"));
    assert_eq!(cats.published, Some(utc(2023, 12, 31, 23, 0, 0)));
    assert_eq!(cats.updated, Some(utc(2024, 1, 2, 3, 4, 5)));
    assert_eq!(cats.categories, ["Pets & animals", "history"]);
    // A text summary is escaped so it stays text when rendered as HTML.
    assert_eq!(cats.summary.as_deref(), Some("Plain &lt;text&gt; summary"));
    assert_eq!(
        cats.content.as_deref(),
        Some("<p>Rich <a href=\"/x\">content</a></p>")
    );
    assert_eq!(
        cats.enclosures,
        [Enclosure {
            url: "https://atom.example.org/cats.ogg".into(),
            mime: Some("audio/ogg".into()),
            length: Some(5000),
            duration_secs: None,
        }]
    );

    let compare = &feed.items[1];
    assert_eq!(compare.title, "Plain title with a 5 < 6 comparison");
    assert_eq!(compare.content.as_deref(), Some("<p>XHTML body</p>"));
}

#[test]
fn json_feed_10() {
    let feed = parse_fixture("jsonfeed10.json");
    assert_eq!(feed.title.as_deref(), Some("JSON Feed One"));
    assert_eq!(feed.site_link.as_deref(), Some("https://json.example.com/"));
    let first = &feed.items[0];
    assert_eq!(first.guid.as_deref(), Some("1"));
    assert_eq!(first.title, "First JSON item");
    assert_eq!(first.link.as_deref(), Some("https://json.example.com/1"));
    assert_eq!(first.author.as_deref(), Some("Jay Son"));
    assert_eq!(first.published, Some(utc(2024, 2, 3, 4, 5, 6)));
    assert_eq!(first.summary.as_deref(), Some("A summary"));
    assert_eq!(first.content.as_deref(), Some("<p>Hello <b>JSON</b></p>"));
    assert_eq!(first.categories, ["json", "feeds"]);
    assert_eq!(
        first.enclosures,
        [Enclosure {
            url: "https://json.example.com/1.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(4242),
            duration_secs: Some(754),
        }]
    );
    // A numeric id is accepted, and a relative url resolved.
    let second = &feed.items[1];
    assert_eq!(second.guid.as_deref(), Some("2"));
    assert_eq!(second.link.as_deref(), Some("https://base.example.com/2"));
    assert_eq!(second.content.as_deref(), Some("Only text, no title"));
}

#[test]
fn json_feed_11() {
    let feed = parse_fixture("jsonfeed11.json");
    assert_eq!(feed.title.as_deref(), Some("JSON Feed 1.1"));
    let a = &feed.items[0];
    assert_eq!(a.author.as_deref(), Some("Ann Thor"));
    assert_eq!(a.updated, Some(utc(2024, 5, 6, 5, 8, 9)));
    assert_eq!(a.content.as_deref(), Some("Text &lt; with &gt; brackets"));
    assert_eq!(a.enclosures[0].duration_secs, Some(90));
    assert_eq!(a.enclosures[0].mime.as_deref(), Some("audio/mp4"));
}

#[test]
fn podcast_durations() {
    let feed = parse_fixture("podcast.xml");
    let durations: Vec<(&str, Option<u64>)> = feed
        .items
        .iter()
        .map(|i| {
            (
                i.guid.as_deref().unwrap_or("?"),
                i.enclosures[0].duration_secs,
            )
        })
        .collect();
    assert_eq!(
        durations,
        [
            ("ep4", Some(1613)), // MM:SS, which feed-rs reads as 26 seconds
            ("ep3", Some(3723)), // itunes:duration is the only itunes tag
            ("ep2", Some(330)),  // alongside other itunes tags
            ("ep1", Some(3600)),
            ("ep0", Some(45)),
            ("trailer", None),
        ]
    );
    let ep3 = &feed.items[1].enclosures[0];
    assert_eq!(ep3.url, "https://cdn.example.net/ep3.mp3");
    assert_eq!(ep3.length, Some(31415926));
}

#[test]
fn escape_sequences_and_bidi_never_reach_titles() {
    let feed = parse_fixture("hostile.xml");
    assert_eq!(feed.title.as_deref(), Some("Evil Feed"));
    let expected = [
        ("h1", "Red alert"),
        ("h2", "Copy me"),
        ("h3", "abcdcba and isolate"),
        ("h4", "Char ref bold"),
        ("h5", "Zerowidthsoft and 8-bit csi"),
    ];
    for (guid, title) in expected {
        assert_eq!(item(&feed, guid).title, title, "{guid}");
    }
    assert_eq!(item(&feed, "h2").author.as_deref(), Some("Mallory"));
    assert_eq!(
        item(&feed, "h3").summary.as_deref(),
        Some("<p>body blink</p>")
    );
    assert_eq!(item(&feed, "h5").categories, ["tag"]);
    for it in &feed.items {
        let all = format!("{it:?}");
        assert!(!all.contains('\u{1b}'), "ESC left in {all}");
    }
}

#[test]
fn html_title_is_rendered_to_text() {
    let doc = r#"<rss version="2.0"><channel><title>T</title>
        <item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; &lt;i&gt;brave&lt;/i&gt; it&amp;#8217;s</title></item>
        <item><title>Tom &amp; Jerry</title></item>
        </channel></rss>"#;
    let feed = parse(doc.as_bytes(), None, BASE).expect("parses");
    assert_eq!(titles(&feed), ["Bold & brave it\u{2019}s", "Tom & Jerry"]);
}

#[test]
fn windows_1251_koi8r_latin1() {
    for name in ["cp1251.xml", "koi8r.xml"] {
        let raw = fixture(name);
        assert!(
            std::str::from_utf8(&raw).is_err(),
            "{name} must not be UTF-8"
        );
        let feed = parse_fixture(name);
        assert_eq!(feed.title.as_deref(), Some("Новости дня"), "{name}");
        assert_eq!(titles(&feed), ["Привет, мир! Ёлка и щи"], "{name}");
    }
    let feed = parse_fixture("latin1.xml");
    assert_eq!(feed.title.as_deref(), Some("Café français"));
    assert_eq!(titles(&feed), ["Ça coûte 5 EUR? Non: 5 £, größer"]);
}

#[test]
fn charset_from_the_http_header_alone() {
    let raw = fixture("cp1251-nodecl.xml");
    let feed = parse(
        &raw,
        Some("application/rss+xml; charset=windows-1251"),
        BASE,
    )
    .expect("parses");
    assert_eq!(feed.title.as_deref(), Some("Новости дня"));
    assert_eq!(titles(&feed), ["Привет, мир!"]);
}

#[test]
fn html_page_is_not_a_feed() {
    let err = parse(&fixture("not-a-feed.html"), Some("text/html"), BASE).expect_err("html");
    assert_eq!(err.to_string(), "not a feed (HTML page)");
    // Also when the page does not start with a doctype.
    let err = parse(b"\n  <!-- hi --><html><body>x</body></html>", None, BASE).expect_err("html");
    assert_eq!(err.to_string(), "not a feed (HTML page)");
}

#[test]
fn garbage_and_truncated_documents_are_errors() {
    let cases: [(&[u8], &str); 5] = [
        (b"", "not a feed (empty document)"),
        (b"hello world", "not a feed (neither XML nor JSON)"),
        (b"<?xml version=\"1.0\"?><foo/>", "not a feed (XML without"),
        (
            b"<rss version=\"2.0\"><channel><title>x</title><item><title>a",
            "malformed XML:",
        ),
        (
            b"{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[",
            "malformed JSON:",
        ),
    ];
    for (doc, prefix) in cases {
        let err = parse(doc, None, BASE).expect_err(prefix);
        assert!(
            err.to_string().starts_with(prefix),
            "{:?} → {err}",
            String::from_utf8_lossy(doc)
        );
        assert!(err.to_string().chars().count() <= 201, "{err}");
    }
}

#[test]
fn error_messages_are_sanitized() {
    let doc = "<rss version=\"2.0\"><channel><title>x</title><item>\u{1b}]0;x\u{7}</bad>";
    let err = parse(doc.as_bytes(), None, BASE).expect_err("malformed");
    assert!(!err.to_string().contains('\u{1b}'), "{err:?}");
}

#[test]
fn at_most_max_items_are_kept() {
    let mut doc = String::from(
        "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\
         <channel><title>Big</title>",
    );
    for i in 0..MAX_ITEMS + 10 {
        doc.push_str(&format!(
            "<item><title>n{i}</title><guid>g{i}</guid>\
             <enclosure url=\"https://cdn.example.com/{i}.mp3\" type=\"audio/mpeg\"/>\
             <itunes:duration>{}</itunes:duration></item>",
            i + 1
        ));
    }
    doc.push_str("</channel></rss>");
    let feed = parse(doc.as_bytes(), None, BASE).expect("parses");
    assert_eq!(feed.items.len(), MAX_ITEMS);
    assert_eq!(feed.items[0].title, "n0");
    let last = &feed.items[MAX_ITEMS - 1];
    assert_eq!(last.title, format!("n{}", MAX_ITEMS - 1));
    // Durations stay with their own items all the way down.
    assert_eq!(last.enclosures[0].duration_secs, Some(MAX_ITEMS as u64));
}

/// YouTube-style Atom: the only text is media:description (plain text, so markup in it
/// is shown as text, not obeyed).
#[test]
fn video_feeds_show_their_media_description() {
    let feed = parse_fixture("video.xml");
    let v = &feed.items[0];
    let summary = v.summary.as_deref().unwrap_or_default();
    assert!(summary.contains("The surge peaked at 4.2 m."), "{summary}");
    assert!(summary.contains("&lt;b&gt;not bold"), "escaped: {summary}");
    assert!(
        summary.contains("4.2 m.<br>"),
        "line breaks kept: {summary}"
    );
    assert!(v.content.is_none());
}

/// An RSS channel, whatever version its root declares or none (newsboat's
/// rss_094_with_empty_author / with_bracket_author shapes), reads in full; a root that is
/// none of RSS, Atom or RDF is still "not a feed".
#[test]
fn every_rss_version_reads() {
    for version in [
        Some("0.90"),
        Some("0.91"),
        Some("0.92"),
        Some("0.93"),
        Some("0.94"),
        Some("2.0"),
        Some("2.01"),
        None,
    ] {
        let attr = version.map_or(String::new(), |v| format!(r#" version="{v}""#));
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss{attr}>
<channel>
<title>Version test</title>
<link>https://example.com/</link>
<item>
  <title>Empty author</title>
  <link>https://example.com/one</link>
  <author></author>
  <description>First &amp; foremost.</description>
  <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
</item>
<item>
  <title>Bracket author</title>
  <link>https://example.com/two</link>
  <author>[Bracket Author]</author>
  <enclosure url="https://example.com/two.mp3" length="1000" type="audio/mpeg"/>
</item>
</channel>
</rss>"#
        );
        let feed = parse(doc.as_bytes(), Some("application/rss+xml"), BASE)
            .unwrap_or_else(|e| panic!("version {version:?}: {e}"));
        assert_eq!(feed.title.as_deref(), Some("Version test"), "{version:?}");
        assert_eq!(
            titles(&feed),
            ["Empty author", "Bracket author"],
            "{version:?}"
        );
        let [one, two] = &feed.items[..] else {
            panic!("{version:?}: {:?}", feed.items);
        };
        assert_eq!(one.link.as_deref(), Some("https://example.com/one"));
        assert_eq!(one.author, None, "{version:?}");
        assert_eq!(
            one.published,
            Some(utc(2003, 6, 10, 4, 0, 0)),
            "{version:?}"
        );
        assert_eq!(
            two.author.as_deref(),
            Some("[Bracket Author]"),
            "{version:?}"
        );
        assert_eq!(two.enclosures.len(), 1, "{version:?}");
    }
    let err = parse(b"<channel><item/></channel>", None, BASE).unwrap_err();
    assert!(err.to_string().contains("not a feed"), "{err}");
}

/// Each item's title and whether tidings made it.
fn titles_made(feed: &ParsedFeed) -> Vec<(&str, bool)> {
    feed.items
        .iter()
        .map(|i| (i.title.as_str(), i.title_derived))
        .collect()
}

/// Every article gets a title: the feed's own, else media:title, else one made from the
/// link, the text, or the date and feed, marked as made.
#[test]
fn articles_without_a_title_get_one() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Testing Blog</title>
  <id>urn:blog</id>
  <entry>
    <id>urn:1</id>
    <link href="https://blog.example.com/2015/03/a-gentle-introduction-to-testing.html"/>
    <updated>2015-03-02T10:00:00Z</updated>
  </entry>
  <entry>
    <id>urn:2</id>
    <title>Own title</title>
    <link href="https://blog.example.com/2015/03/own.html"/>
    <updated>2015-03-01T10:00:00Z</updated>
  </entry>
</feed>"#;
    let feed = parse(atom.as_bytes(), None, BASE).unwrap();
    let made = titles_made(&feed);
    assert_eq!(
        made,
        [
            ("A gentle introduction to testing", true),
            ("Own title", false)
        ]
    );

    let rss = r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Harbour Radio</title>
<item><guid>m</guid><media:content url="https://cdn.example.com/v.mp4"><media:title>Media's own</media:title></media:content></item>
<item><guid>t</guid><description>&lt;p&gt;The harbour board met on Tuesday.&lt;/p&gt;</description></item>
<item><guid>d</guid><pubDate>Wed, 02 Dec 2026 14:05:00 GMT</pubDate></item>
<item><description>No guid, no link: its identity is its text's date and its own (empty) title.</description></item>
</channel></rss>"#;
    let feed = parse(rss.as_bytes(), None, BASE).unwrap();
    let made = titles_made(&feed);
    assert_eq!(
        made,
        [
            ("Media's own", false),
            ("The harbour board met on Tuesday.", true),
            ("Harbour Radio, 2 Dec 2026 14:05", true),
            ("No guid, no link: its identity is its text's date…", true),
        ]
    );
    // A made title is not part of the identity: a later version may make it otherwise.
    assert_eq!(feed.items[3].dedupe_key(), "t:|0");
}
