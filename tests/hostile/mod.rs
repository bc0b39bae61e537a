//! The hostile corpus, generated: documents a stranger's server could send, and the checks
//! that nothing from them reaches the screen, the clipboard or a command unsanitized.
#![allow(dead_code)] // each test binary uses a different part of it

/// The base URL the corpus feeds are parsed against (relative links resolve here).
pub const BASE: &str = "https://hostile.example/blog/feed.xml";

/// Strings built to attack a terminal: each one is placed in titles, links, authors, bodies.
pub fn evil_strings() -> Vec<(&'static str, String)> {
    vec![
        (
            "csi",
            "\u{1b}[31mred\u{1b}[0m \u{1b}[2J\u{1b}[?1049h".into(),
        ),
        ("osc0", "\u{1b}]0;owned title\u{7}after".into()),
        ("osc2", "\u{1b}]2;owned title\u{1b}\\after".into()),
        (
            "osc8",
            "\u{1b}]8;;https://evil.example/\u{7}click\u{1b}]8;;\u{7}".into(),
        ),
        ("osc52", "\u{1b}]52;c;cm0gLXJmIH4K\u{7}copied".into()),
        ("dcs", "\u{1b}Pq#0;2;0;0;0#0~~@@\u{1b}\\sixel".into()),
        (
            "c1",
            "a\u{9b}31mb\u{9d}0;t\u{9c}c\u{85}d\u{90}x\u{9c}".into(),
        ),
        (
            "bidi",
            "invoice\u{202e}fdp.exe\u{202c} \u{2066}x\u{2069}".into(),
        ),
        ("zero-width", "z\u{200b}e\u{200d}r\u{feff}o\u{2060}".into()),
        ("bel-bs", "ding\u{7}\u{8}\u{8}back\u{0}nul\u{7f}".into()),
        ("long-word", "W".repeat(20_000)),
        (
            "long-mixed",
            "\u{1b}[1m".repeat(1_000) + &"ab\u{200b}".repeat(3_000),
        ),
    ]
}

/// Characters that must never reach a cell, the clipboard, a command or stdout.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}' | '\u{200d}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// Panics with `what` when `s` holds a forbidden character; `\n` and `\t` only if `multiline`.
pub fn assert_clean(s: &str, multiline: bool, what: &str) {
    if let Some((i, c)) = s
        .char_indices()
        .find(|(_, c)| is_forbidden(*c) || (!multiline && matches!(c, '\n' | '\t')))
    {
        let around: String = s[i.saturating_sub(20)..].chars().take(40).collect();
        panic!(
            "{what}: forbidden U+{:04X} at byte {i}: {around:?}",
            c as u32
        );
    }
}

/// Bytes of stdout/stderr: no ESC, no 8-bit C1 (as UTF-8), no bidi controls.
pub fn assert_clean_bytes(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert_clean(&text, true, what);
}

/// A link is only ever an absolute http(s) URL.
pub fn assert_http(url: &str, what: &str) {
    assert_clean(url, false, what);
    assert!(
        url.starts_with("https://") || url.starts_with("http://"),
        "{what}: not http(s): {url:?}"
    );
}

/// XML-escapes text for an element body (control characters stay raw: XML 1.0 forbids them,
/// which is exactly what a hostile server ignores).
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An RSS 2.0 item.
pub fn rss_item(guid: Option<&str>, title: &str, link: &str, author: &str, body: &str) -> String {
    let guid = guid
        .map(|g| format!("<guid isPermaLink=\"false\">{}</guid>", xml_escape(g)))
        .unwrap_or_default();
    format!(
        "<item>{guid}<title>{}</title><link>{}</link><author>{}</author>\
         <pubDate>Tue, 28 Jan 2025 10:00:00 GMT</pubDate><description>{}</description></item>",
        xml_escape(title),
        xml_escape(link),
        xml_escape(author),
        xml_escape(body)
    )
}

pub fn rss(title: &str, items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{}</title><link>https://hostile.example/</link>{}</channel></rss>",
        xml_escape(title),
        items.concat()
    )
}

/// One feed per evil string, in RSS, Atom and JSON Feed, with the string (raw, as a numeric
/// character reference, and inside HTML as an entity) in every field a user sees.
pub fn injection_feeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, evil) in evil_strings() {
        let ncr: String = evil
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c.to_string()
                } else {
                    format!("&#{};", c as u32)
                }
            })
            .collect();
        let html_body = format!(
            "<p>{}</p><p><a href=\"https://ok.example/a\">ok {}</a> <b>{}</b></p>\
             <pre>{}</pre><a href=\"javascript:alert(1)\">js</a> <a href=\"data:text/html,x\">data</a> \
             <a href=\"file:///etc/passwd\">file</a> <a href=\"/relative/{name}\">rel</a> \
             <img src=\"x\" alt=\"{}\">",
            xml_escape(&evil),
            xml_escape(&evil),
            ncr,
            xml_escape(&evil),
            xml_escape(&evil),
        );
        let items = [
            rss_item(
                Some(&format!("{name}-1")),
                &format!("{name} title {evil}"),
                "https://ok.example/1",
                &format!("{evil} (Mallory)"),
                &html_body,
            ),
            // The same string as XML character references (what a sloppy generator emits).
            format!(
                "<item><guid>{name}-2</guid><title>{name} ncr {ncr}</title>\
                 <link>/relative/{name}/2</link><author>{ncr}</author>\
                 <description>{}</description></item>",
                xml_escape(&format!("<p>{ncr}</p>"))
            ),
            rss_item(
                Some(&format!("{name}-3")),
                &format!("{name} js link"),
                &format!("javascript:alert('{name}')"),
                "x",
                "<p>body</p>",
            ),
        ];
        out.push((
            format!("rss-{name}"),
            rss(&format!("{name} feed {evil}"), &items).into_bytes(),
        ));

        let atom = format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <title type=\"html\">{}</title><id>urn:x</id><updated>2025-01-28T10:00:00Z</updated>\
             <entry><id>{name}-a</id><title type=\"html\">{}</title>\
             <link href=\"data:text/html;base64,PHNjcmlwdD4=\"/><link rel=\"alternate\" href=\"file:///etc/passwd\"/>\
             <author><name>{}</name></author><updated>2025-01-28T10:00:00Z</updated>\
             <content type=\"html\">{}</content></entry></feed>",
            xml_escape(&format!("<b>{evil}</b>")),
            xml_escape(&format!("<i>{ncr}</i> {evil}")),
            xml_escape(&evil),
            xml_escape(&html_body),
        );
        out.push((format!("atom-{name}"), atom.into_bytes()));

        let json = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": format!("{name} {evil}"),
            "items": [{
                "id": format!("{name}-j"),
                "url": format!("/relative/{name}/j"),
                "title": evil,
                "authors": [{"name": evil}],
                "content_html": html_body,
                "tags": [evil],
                "attachments": [{"url": "javascript:x", "mime_type": evil}],
                "date_published": "2025-01-28T10:00:00Z"
            }]
        });
        out.push((format!("json-{name}"), json.to_string().into_bytes()));
    }
    out
}

/// What a malformed document should come to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Parsed, with at least this many items.
    Items(usize),
    /// Refused, the message containing this.
    Err(&'static str),
    /// Either is fine, as long as it is clean (a best-effort parse of broken input).
    Either,
}

pub struct Case {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub content_type: Option<&'static str>,
    pub expect: Expect,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        content_type: None,
        expect,
    }
}

/// Documents broken at the byte level or built to exhaust the parser.
pub fn malformed() -> Vec<Case> {
    let good = rss(
        "Café feed",
        &[rss_item(
            Some("1"),
            "Crème brûlée",
            "https://ok.example/1",
            "Zoë",
            "<p>naïve</p>",
        )],
    );
    let mut cases = vec![
        case(
            "truncated",
            &good.as_bytes()[..good.len() / 2],
            Expect::Either,
        ),
        case(
            "truncated-in-tag",
            &good.as_bytes()[..good.find("<item>").unwrap_or(0) + 3],
            Expect::Either,
        ),
        case("empty", "", Expect::Err("empty")),
        case("whitespace", " \n\t ", Expect::Err("empty")),
        case(
            "binary",
            (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(),
            Expect::Err("not a feed"),
        ),
    ];
    let mut invalid_utf8 = good.clone().into_bytes();
    let at = good.find("Crème").unwrap_or(0) + 2;
    invalid_utf8.splice(at..at, [0xff, 0xfe, 0xc3, 0x28, 0x80, 0xe2, 0x82]);
    cases.push(case("invalid-utf8", invalid_utf8, Expect::Items(1)));

    // Declares windows-1251 but is UTF-8; and declares UTF-8 but is Latin-1.
    cases.push(case(
        "wrong-declared-charset",
        good.replace("encoding=\"utf-8\"", "encoding=\"windows-1251\""),
        Expect::Items(1),
    ));
    let latin1: Vec<u8> = good
        .chars()
        .map(|c| u8::try_from(c as u32).unwrap_or(b'?'))
        .collect();
    cases.push(case("latin1-declared-utf8", latin1, Expect::Items(1)));
    cases.push(Case {
        name: "header-says-utf16",
        bytes: good.clone().into_bytes(),
        content_type: Some("application/rss+xml; charset=utf-16"),
        expect: Expect::Either,
    });

    let mut bom8 = vec![0xef, 0xbb, 0xbf];
    bom8.extend_from_slice(good.as_bytes());
    cases.push(case("bom-utf8", bom8, Expect::Items(1)));
    let utf16 = good.replace("encoding=\"utf-8\"", "encoding=\"utf-16\"");
    let mut le = vec![0xff, 0xfe];
    le.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
    cases.push(case("bom-utf16le", le, Expect::Items(1)));
    let mut be = vec![0xfe, 0xff];
    be.extend(utf16.encode_utf16().flat_map(u16::to_be_bytes));
    cases.push(case("bom-utf16be", be, Expect::Items(1)));
    // A BOM that contradicts the bytes after it.
    let mut liar = vec![0xfe, 0xff];
    liar.extend_from_slice(good.as_bytes());
    cases.push(case("bom-lies", liar, Expect::Either));

    cases.push(case("billion-laughs", billion_laughs(), Expect::Either));
    cases.push(case(
        "external-entity",
        external_entity("file:///etc/passwd"),
        Expect::Either,
    ));
    cases.push(case(
        "external-dtd",
        "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/evil.dtd\">\
         <rss version=\"2.0\"><channel><title>t</title><item><title>x</title></item></channel></rss>",
        Expect::Items(1),
    ));
    cases.push(case(
        "nested-100k-elements",
        nested_xml(100_000),
        Expect::Either,
    ));
    cases.push(case(
        "nested-100k-html-in-body",
        nested_html_body(100_000),
        Expect::Items(1),
    ));
    cases.push(case(
        "nested-100k-json",
        nested_json(100_000),
        Expect::Err("JSON"),
    ));
    cases.push(case(
        "html-page",
        "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>",
        Expect::Err("HTML page"),
    ));
    cases.push(case("json-not-feed", "{\"a\": 1}", Expect::Err("JSON")));
    cases.push(case(
        "xml-not-feed",
        "<?xml version=\"1.0\"?><svg/>",
        Expect::Err("not a feed"),
    ));
    cases.push(case(
        "guids-duplicate-and-missing",
        guids_feed(),
        Expect::Items(4),
    ));
    cases.push(case("dates-hostile", dates_feed(), Expect::Items(6)));
    cases
}

/// Nine levels of ten: a billion "lol"s if entities were expanded.
pub fn billion_laughs() -> String {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
    }
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{dtd}]><rss version=\"2.0\"><channel>\
         <title>&lol9;</title><item><guid>l</guid><title>laugh &lol9;</title>\
         <description>&lol9;</description></item></channel></rss>"
    )
}

pub fn external_entity(target: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{target}\">]>\
         <rss version=\"2.0\"><channel><title>&xxe;</title><item><guid>x</guid>\
         <title>leak &xxe;</title><description>&xxe;</description></item></channel></rss>"
    )
}

/// Elements nested `depth` deep inside an item.
pub fn nested_xml(depth: usize) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>deep</title><item><guid>d</guid><title>t</title>\
         {}{}</item></channel></rss>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    )
}

/// An item whose (escaped) HTML body nests `depth` deep.
pub fn nested_html_body(depth: usize) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>deep</title><item><guid>d</guid>\
         <title>&lt;b&gt;{}deep title</title><description>{}deep body{}</description></item></channel></rss>",
        "&lt;i&gt;".repeat(depth / 10),
        "&lt;div&gt;".repeat(depth),
        "&lt;/div&gt;".repeat(depth)
    )
}

pub fn nested_json(depth: usize) -> String {
    format!(
        "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\",\"items\":[{{\"id\":\"1\",\"x\":{}{}}}]}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// `n` small items (for the MAX_ITEMS cap).
pub fn many_items(n: usize) -> String {
    let mut s = String::with_capacity(n * 60 + 100);
    s.push_str("<rss version=\"2.0\"><channel><title>many</title>");
    for i in 0..n {
        s.push_str(&format!(
            "<item><guid>g{i}</guid><title>item {i}</title></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// A document of at least `bytes` bytes: one item with a huge body.
pub fn huge_feed(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    s.push_str("<rss version=\"2.0\"><channel><title>huge</title><item><guid>h</guid><title>huge</title><description>");
    while s.len() < bytes {
        s.push_str("lorem ipsum dolor sit amet ");
    }
    s.push_str("</description></item></channel></rss>");
    s
}

/// Two items share a guid, two have none (one with only a title).
pub fn guids_feed() -> String {
    rss(
        "guids",
        &[
            rss_item(
                Some("same"),
                "first with guid",
                "https://ok.example/1",
                "a",
                "one",
            ),
            rss_item(
                Some("same"),
                "second with same guid",
                "https://ok.example/2",
                "a",
                "two",
            ),
            rss_item(None, "no guid, link", "https://ok.example/3", "a", "three"),
            "<item><title>no guid, no link</title></item>".into(),
            "<item><title>no guid, no link</title></item>".into(),
            "<item></item>".into(),
        ],
    )
}

/// Far future, far past, garbage, out-of-range and empty dates.
pub fn dates_feed() -> String {
    let dated = |guid: &str, date: &str| {
        format!(
            "<item><guid>{guid}</guid><title>date {guid}</title><pubDate>{date}</pubDate></item>"
        )
    };
    rss(
        "dates",
        &[
            dated("future", "Fri, 31 Dec 9999 23:59:59 GMT"),
            dated("past", "Mon, 01 Jan 0001 00:00:00 GMT"),
            dated("garbage", "yesterday-ish \u{1b}[31m"),
            dated("overflow", "Tue, 99 Foo 99999999999 99:99:99 +9999"),
            dated("empty", ""),
            dated("epoch", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ],
    )
}
