//! The streaming reader (`stream`) against feed-rs: random RSS 2.0 and Atom documents,
//! the repository's fixtures and (when present) the shared real-world feeds must parse to
//! the same `ParsedFeed`, or fail alike.

use super::*;
use proptest::prelude::*;
use proptest::sample::select;

const BASE: &str = "https://example.org/news/feed.xml";

/// Both ways, as text to compare (errors included).
fn both(doc: &str) -> (String, String) {
    let plain = format!("{:?}", parse_with(doc.as_bytes(), None, BASE, false));
    let fast = format!("{:?}", parse_with(doc.as_bytes(), None, BASE, true));
    (plain, fast)
}

/// Text as feeds write it: entities, CDATA, markup (escaped and raw), scripts, controls.
fn text() -> impl Strategy<Value = String> {
    let piece = select(vec![
        "Harbour",
        "talks",
        " ",
        "  \n ",
        "\t",
        "переговоры",
        "会谈",
        "محادثات",
        "🚆",
        "&amp;",
        "&lt;b&gt;bold&lt;/b&gt;",
        "&#8217;",
        "&#x1F30D;",
        "&#27;[31m",
        "&nbsp;",
        "&unknown;",
        "<![CDATA[<p>cdata & <b>html</b></p>]]>",
        "<![CDATA[]]>",
        "<b>raw</b>",
        "<br/>",
        "<p class=\"x\" data-a='&quot;q&quot;'>para</p>",
        "<!-- note -->",
        "AT&amp;T;",
        "\u{202e}",
        "x\r\ny",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

fn url() -> impl Strategy<Value = String> {
    select(vec![
        "https://example.org/story/1",
        "http://example.org/a?b=c&amp;d=e",
        "/relative/path",
        "../up",
        "story/2",
        "javascript:alert(1)",
        "  https://example.org/padded  ",
        "HTTPS://EXAMPLE.ORG/Upper",
        "https://[bad",
        "",
        "mailto:x@example.org",
        "https://example.org/ü/ñ",
    ])
    .prop_map(str::to_string)
}

fn date() -> impl Strategy<Value = String> {
    select(vec![
        "Mon, 02 Nov 2026 10:00:00 +0000",
        "Tue, 03 Nov 2026 10:00:00 GMT",
        "Wed, 4 Nov 2026 9:05:00 -0500",
        "Thursday, 05 November 2026 10:00:00 UTC",
        "2026-11-02T10:00:00Z",
        "2026-11-02T10:00:00.123+01:00",
        "2026-11-02T10:00:00+0100",
        "2026-11-02",
        " 2026-11-02T10:00:00Z ",
        "Nov 02 2026 10:00:00 +0000",
        "02 Nov 2026 24:00:00 +0000",
        "yesterday",
        "",
        "Mon, 31 Feb 2026 10:00:00 +0000",
    ])
    .prop_map(str::to_string)
}

fn mime() -> impl Strategy<Value = String> {
    select(vec![
        "audio/mpeg",
        "video/mp4",
        "AUDIO/MPEG; codecs=x",
        "application/x-shockwave-flash",
        "not a type",
        "",
        "text/html",
    ])
    .prop_map(str::to_string)
}

fn attr_text() -> impl Strategy<Value = String> {
    select(vec![
        "a",
        "&amp;",
        "&lt;x&gt;",
        "\"q\"",
        "&bad",
        "1:02:03",
        "3600",
        "-1",
        "",
    ])
    .prop_map(|s| s.replace('"', "&quot;"))
}

/// One child of an RSS item.
fn rss_item_child() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("<title>{t}</title>")),
        url().prop_map(|u| format!("<link>{u}</link>")),
        text().prop_map(|t| format!("<description>{t}</description>")),
        text().prop_map(|t| format!("<content:encoded>{t}</content:encoded>")),
        text().prop_map(|t| format!("<guid isPermaLink=\"false\">{t}</guid>")),
        date().prop_map(|d| format!("<pubDate>{d}</pubDate>")),
        date().prop_map(|d| format!("<dc:date>{d}</dc:date>")),
        date().prop_map(|d| format!("<atom:updated>{d}</atom:updated>")),
        select(vec![
            "jane@example.com (Jane Doe)",
            "Jane Doe",
            "mailto:jo@example.org",
            " <b>Bob</b> ",
            "(Only Parens)",
            "",
        ])
        .prop_map(|a| format!("<author>{a}</author>")),
        text().prop_map(|t| format!("<dc:creator>{t}</dc:creator>")),
        text().prop_map(|t| format!("<category domain=\"d\">{t}</category>")),
        (url(), attr_text(), mime()).prop_map(|(u, l, m)| format!(
            "<enclosure url=\"{}\" length=\"{l}\" type=\"{m}\"/>",
            u.replace('&', "&amp;").replace("&amp;amp;", "&amp;")
        )),
        select(vec![
            "1:02:03", "26:53", "3600", "abc", " 5 ", "1:2:3:4", ""
        ])
        .prop_map(|d| format!("<itunes:duration>{d}</itunes:duration>")),
        text().prop_map(|t| format!("<itunes:title>{t}</itunes:title>")),
        text().prop_map(|t| format!("<itunes:summary>{t}</itunes:summary>")),
        select(vec!["3", "x", " 4"]).prop_map(|e| format!("<itunes:episode>{e}</itunes:episode>")),
        select(vec!["2", "y"]).prop_map(|e| format!("<podcast:season>{e}</podcast:season>")),
        media(),
        url().prop_map(|u| format!("<comments>{u}</comments>")),
        text().prop_map(|t| format!("<foo:bar xmlns:foo=\"urn:x\">{t}</foo:bar>")),
        text().prop_map(|t| format!("<undeclared:title>{t}</undeclared:title>")),
        text().prop_map(|t| format!("<x><title>{t}</title><item>nested</item></x>")),
        Just("<source url=\"https://example.org/\">Elsewhere</source>".to_string()),
    ]
}

/// MediaRSS, flat or grouped.
fn media() -> impl Strategy<Value = String> {
    let content = (url(), mime(), attr_text(), attr_text(), prop::option::of(text()))
        .prop_map(|(u, m, d, s, title)| {
            let inner = title
                .map(|t| format!("<media:title>{t}</media:title>"))
                .unwrap_or_default();
            format!(
                "<media:content url=\"{}\" type=\"{m}\" duration=\"{d}\" fileSize=\"{s}\">{inner}</media:content>",
                u.replace('&', "&amp;").replace("&amp;amp;", "&amp;")
            )
        });
    let leaf = prop_oneof![
        content,
        (
            select(vec!["", " type=\"plain\"", " type=\"html\""]),
            text()
        )
            .prop_map(|(k, t)| format!("<media:title{k}>{t}</media:title>")),
        (select(vec!["", " type=\"html\""]), text())
            .prop_map(|(k, t)| format!("<media:description{k}>{t}</media:description>")),
        url().prop_map(|u| format!(
            "<media:thumbnail url=\"{}\"/>",
            u.replace('&', "&amp;").replace("&amp;amp;", "&amp;")
        )),
        text().prop_map(|t| format!("<media:text>{t}</media:text>")),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..4)
            .prop_map(|v| format!("<media:group>{}</media:group>", v.concat()))
    })
}

fn rss_doc() -> impl Strategy<Value = String> {
    let item = prop::collection::vec(rss_item_child(), 0..8)
        .prop_map(|c| format!("<item>{}</item>", c.concat()));
    let channel_child = prop_oneof![
        text().prop_map(|t| format!("<title>{t}</title>")),
        url().prop_map(|u| format!("<link>{u}</link>")),
        select(vec![
            "<atom:link rel=\"self\" href=\"https://example.org/feed\"/>",
            "<atom:link href=\"/home\"/>",
            "<description>d</description>",
            "<image><url>https://example.org/i.png</url></image>",
            "<itunes:category text=\"News\"><itunes:category text=\"Daily\"/></itunes:category>",
        ])
        .prop_map(str::to_string),
    ];
    let version = select(vec!["2.0", "2.0", "0.91", "0.94", ""]);
    let base = select(vec![
        "",
        " xml:base=\"https://base.example/dir/\"",
        " xml:base=\"sub/\"",
    ]);
    (
        version,
        base,
        prop::collection::vec(channel_child, 0..3),
        prop::collection::vec(item, 0..5),
        select(vec!["", "", "<!-- trailing -->", "<item>after</item>", "</bad>"]),
    )
        .prop_map(|(v, b, head, items, tail)| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"{v}\" \
                 xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
                 xmlns:atom=\"http://www.w3.org/2005/Atom\" \
                 xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
                 xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" \
                 xmlns:media=\"http://search.yahoo.com/mrss/\"><channel{b}>{}{}</channel></rss>{tail}",
                head.concat(),
                items.concat()
            )
        })
}

/// RSS 1.0: channel and items side by side under `rdf:RDF`.
fn rdf_doc() -> impl Strategy<Value = String> {
    let child = prop_oneof![
        text().prop_map(|t| format!("<title>{t}</title>")),
        url().prop_map(|u| format!("<link>{u}</link>")),
        text().prop_map(|t| format!("<description>{t}</description>")),
        text().prop_map(|t| format!("<dc:description>{t}</dc:description>")),
        text().prop_map(|t| format!("<content:encoded>{t}</content:encoded>")),
        date().prop_map(|d| format!("<dc:date>{d}</dc:date>")),
        text().prop_map(|t| format!("<dc:creator>{t}</dc:creator>")),
        select(vec!["1:02", "x"]).prop_map(|d| format!("<itunes:duration>{d}</itunes:duration>")),
    ];
    let item = prop::collection::vec(child, 0..7)
        .prop_map(|c| format!("<item rdf:about=\"x\">{}</item>", c.concat()));
    (
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(item, 0..5),
        select(vec!["", " xml:base=\"https://base.example/d/\""]),
    )
        .prop_map(|(titles, items, b)| {
            let titles: String = titles.iter().map(|t| format!("<title>{t}</title>")).collect();
            format!(
                "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
                 xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
                 xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
                 xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"{b}>\
                 <channel rdf:about=\"c\">{titles}<link>https://example.org/</link></channel>{}</rdf:RDF>",
                items.concat()
            )
        })
}

/// An Atom text construct with one of the types feeds use.
fn atom_text(name: &'static str) -> impl Strategy<Value = String> {
    (
        select(vec![
            "",
            " type=\"text\"",
            " type=\"html\"",
            " type=\"xhtml\"",
            " type=\"text/html\"",
            " type=\"weird\"",
        ]),
        text(),
    )
        .prop_map(move |(k, t)| format!("<{name}{k}>{t}</{name}>"))
}

fn atom_entry_child() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("<id>{t}</id>")),
        atom_text("title"),
        atom_text("summary"),
        atom_text("content"),
        (
            select(vec![
                "text/plain",
                "image/png",
                "application/xml",
                "bad type"
            ]),
            text()
        )
            .prop_map(|(k, t)| format!("<content type=\"{k}\">{t}</content>")),
        Just("<content src=\"https://example.org/x\" type=\"text/html\"/>".to_string()),
        date().prop_map(|d| format!("<updated>{d}</updated>")),
        date().prop_map(|d| format!("<published>{d}</published>")),
        (
            prop::option::of(text()),
            prop::option::of(select(vec!["a@example.org", ""]))
        )
            .prop_map(|(n, e)| {
                let n = n.map(|n| format!("<name>{n}</name>")).unwrap_or_default();
                let e = e.map(|e| format!("<email>{e}</email>")).unwrap_or_default();
                format!("<author>{n}{e}</author>")
            }),
        (
            url(),
            select(vec![
                "",
                " rel=\"alternate\"",
                " rel=\"enclosure\"",
                " rel=\"self\""
            ]),
            mime()
        )
            .prop_map(|(u, r, m)| format!(
                "<link href=\"{}\"{r} type=\"{m}\" length=\"12\"/>",
                u.replace('&', "&amp;").replace("&amp;amp;", "&amp;")
            )),
        (attr_text(), prop::option::of(attr_text())).prop_map(|(t, l)| match l {
            Some(l) => format!("<category term=\"{t}\" label=\"{l}\"/>"),
            None => format!("<category term=\"{t}\"/>"),
        }),
        media(),
        atom_text("rights"),
        Just("<contributor><name>C</name></contributor>".to_string()),
        Just("<x:unknown xmlns:x=\"urn:x\"><title>no</title></x:unknown>".to_string()),
    ]
}

fn atom_doc() -> impl Strategy<Value = String> {
    let entry = (
        select(vec!["", " xml:base=\"https://other.example/e/\""]),
        prop::collection::vec(atom_entry_child(), 0..8),
    )
        .prop_map(|(b, c)| format!("<entry{b}>{}</entry>", c.concat()));
    let head = prop_oneof![
        atom_text("title"),
        atom_text("subtitle"),
        url().prop_map(|u| format!(
            "<link href=\"{}\"/>",
            u.replace('&', "&amp;").replace("&amp;amp;", "&amp;")
        )),
        Just("<link rel=\"self\" href=\"https://example.org/feed\"/>".to_string()),
        Just("<id>urn:feed</id>".to_string()),
    ];
    (
        select(vec!["", " xml:base=\"https://base.example/\""]),
        prop::collection::vec(head, 0..3),
        prop::collection::vec(entry, 0..5),
    )
        .prop_map(|(b, head, entries)| {
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" \
                 xmlns:media=\"http://search.yahoo.com/mrss/\"{b}>{}{}</feed>",
                head.concat(),
                entries.concat()
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn streaming_rss_parses_as_feed_rs(doc in rss_doc()) {
        let (plain, fast) = both(&doc);
        prop_assert_eq!(plain, fast, "{}", doc);
    }

    #[test]
    fn streaming_rdf_parses_as_feed_rs(doc in rdf_doc()) {
        let (plain, fast) = both(&doc);
        prop_assert_eq!(plain, fast, "{}", doc);
    }

    #[test]
    fn streaming_atom_parses_as_feed_rs(doc in atom_doc()) {
        let (plain, fast) = both(&doc);
        prop_assert_eq!(plain, fast, "{}", doc);
    }
}

/// Every XML fixture of the repository: the same either way, and the plain RSS 2.0 and
/// Atom ones are read by the streaming reader (not left to feed-rs).
#[test]
fn fixtures_parse_as_feed_rs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let mut read_by_stream = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let plain = format!("{:?}", parse_with(&bytes, None, BASE, false));
        let fast = format!("{:?}", parse_with(&bytes, None, BASE, true));
        assert_eq!(plain, fast, "{}", path.display());
        let text = charset::decode(&bytes, None);
        if stream::read(&text, BASE).is_some() {
            read_by_stream.push(path.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
    }
    for name in [
        "rss20.xml",
        "podcast.xml",
        "video.xml",
        "atom10.xml",
        "rss10.rdf",
    ] {
        assert!(
            read_by_stream.iter().flatten().any(|n| n == name),
            "{name} was left to feed-rs"
        );
    }
}

/// The shared real-world feeds, when this machine has them (the repository does not
/// depend on them).
#[test]
fn real_feeds_parse_as_feed_rs_when_present() {
    let root = std::path::Path::new("/work/shared/fixtures/real-feeds");
    let Ok(dirs) = std::fs::read_dir(root) else {
        return;
    };
    for dir in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            let bytes = std::fs::read(&path).expect("read");
            let plain = format!("{:?}", parse_with(&bytes, None, BASE, false));
            let fast = format!("{:?}", parse_with(&bytes, None, BASE, true));
            assert_eq!(plain, fast, "{}", path.display());
            let streamed = stream::read(&charset::decode(&bytes, None), BASE).is_some();
            eprintln!(
                "{} {}",
                if streamed { "stream " } else { "feed-rs" },
                path.display()
            );
        }
    }
}

/// The comparisons above mean little if the streaming reader left every document to
/// feed-rs: most generated documents must be its own.
#[test]
fn the_stream_reads_most_generated_documents() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let n = 300;
    for (name, strategy) in [
        ("rss", rss_doc().boxed()),
        ("atom", atom_doc().boxed()),
        ("rdf", rdf_doc().boxed()),
    ] {
        let mut read = 0;
        for _ in 0..n {
            let doc = strategy.new_tree(&mut runner).expect("tree").current();
            if stream::read(&doc, BASE).is_some() {
                read += 1;
            }
        }
        eprintln!("{name}: {read} of {n} read by the stream");
        assert!(read * 4 > n, "{name}: only {read} of {n}");
    }
}

/// The repository's XML fixtures, and the shared real feeds when present.
fn fixture_texts() -> Vec<String> {
    let mut dirs =
        vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")];
    if let Ok(subdirs) = std::fs::read_dir("/work/shared/fixtures/real-feeds") {
        dirs.extend(subdirs.flatten().map(|d| d.path()));
    }
    let mut texts = Vec::new();
    for dir in dirs {
        for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(bytes) = std::fs::read(file.path())
                && !bytes.starts_with(b"{")
            {
                texts.push(charset::decode(&bytes, None));
            }
        }
    }
    texts
}

/// What an edit puts into a document: markup and text that change how it reads.
fn splice() -> impl Strategy<Value = &'static str> {
    select(vec![
        "",
        "<",
        ">",
        "</item>",
        "<item>",
        "</entry>",
        "<entry>",
        "&amp;",
        "&bogus;",
        "&#0;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "\"",
        " xml:base=\"sub/\"",
        " xml:base=\"http://[x\"",
        "<title>t</title>",
        "<media:group>",
        "<itunes:duration>1:00</itunes:duration>",
        "<content type=\"xhtml\"><div>x</div></content>",
        "<b>",
        "</b>",
        "\u{0}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Real documents with a few places cut or spliced: mostly malformed, where the two
    /// readers must fail alike or read alike.
    #[test]
    fn edited_fixtures_parse_as_feed_rs(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, splice()), 1..4),
    ) {
        let texts = fixture_texts();
        let mut doc = texts[pick.index(texts.len())].clone();
        for (at, cut, put) in edits {
            let mut start = at.index(doc.len() + 1);
            while !doc.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(doc.len());
            while !doc.is_char_boundary(end) {
                end -= 1;
            }
            doc.replace_range(start..end, put);
        }
        let (plain, fast) = both(&doc);
        prop_assert_eq!(plain, fast, "{}", doc);
    }
}
