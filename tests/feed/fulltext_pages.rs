//! Full text from realistic news pages (tests/fixtures/pages): each page's `.expect` lists
//! body text that must reach the pane (`+`), page chrome that must not (`-`), and the
//! metadata read from the page (`@title`, `@byline`, `@published`, `@lead`).

use tidings::fulltext::{self, ExtractError, Extracted, Rules};
use tidings::model::{ArticleBody, Flags, HeadlineParts};

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages");
const URL: &str = "https://news.example/2026/05/story";

fn page(name: &str) -> Vec<u8> {
    std::fs::read(format!("{PAGES}/{name}.html")).unwrap()
}

/// The article as the pane draws it, 100 columns wide, as one line of words.
fn shown(ex: &Extracted) -> String {
    let body = ex.body(&ArticleBody::default());
    let title = ex.title.clone().unwrap_or_default();
    let rendered = tidings::render::article(
        &tidings::render::ArticleSource {
            headline: HeadlineParts {
                id: 1,
                feed_id: 1,
                title: &title,
                link: Some(URL),
                author: ex.byline.as_deref(),
                date: ex.published.unwrap_or(0),
                flags: Flags::default(),
            },
            feed_title: "Feed",
            body: &body,
            zone: tidings::timefmt::Zone::utc(),
        },
        100,
    );
    // Quotes are drawn with a bar at the start of each of their lines.
    tidings::render::to_plain(&rendered.lines)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(name: &str, content_type: Option<&str>) {
    let expect = std::fs::read_to_string(format!("{PAGES}/{name}.expect")).unwrap();
    let ex = fulltext::extract(&page(name), URL, content_type, &Rules::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = shown(&ex);
    let mut failures = Vec::new();
    for line in expect.lines() {
        if let Some(want) = line.strip_prefix("+ ") {
            if !text.contains(want) {
                failures.push(format!("missing body text: {want}"));
            }
        } else if let Some(chrome) = line.strip_prefix("- ") {
            if text.contains(chrome) {
                failures.push(format!("chrome shown: {chrome}"));
            }
        } else if let Some(meta) = line.strip_prefix('@') {
            let (key, value) = meta.split_once(' ').unwrap();
            let got = match key {
                "title" => ex.title.clone(),
                "byline" => ex.byline.clone(),
                "lead" => ex.lead.clone(),
                "published" => ex.published.map(|t| {
                    chrono::DateTime::from_timestamp(t, 0)
                        .unwrap()
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string()
                }),
                other => panic!("{name}: unknown key {other}"),
            };
            if got.as_deref() != Some(value) {
                failures.push(format!("{key}: {got:?}, expected {value:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{name}:\n  {}\n\n{text}",
        failures.join("\n  ")
    );
}

#[test]
fn wire_service_article() {
    check("wire", Some("text/html; charset=utf-8"));
}

#[test]
fn tabloid_with_icon_font_share_bars_and_read_more() {
    check("tabloid", Some("text/html"));
}

#[test]
fn podcast_page_with_player_and_comments_notice() {
    check("podcast", None);
}

#[test]
fn live_blog() {
    check("liveblog", Some("text/html; charset=UTF-8"));
}

#[test]
fn russian_page_in_windows_1251() {
    // Declared by the page alone, by the header alone (a blanket UTF-8 header loses to
    // the page's declaration when the bytes are not UTF-8).
    check("russian_cp1251", None);
    check("russian_cp1251", Some("text/html; charset=windows-1251"));
    check("russian_cp1251", Some("text/html; charset=utf-8"));
}

#[test]
fn pages_that_are_not_articles_are_errors() {
    let none = Rules::default();
    assert!(matches!(
        fulltext::extract(b"%PDF-1.7 ...", URL, Some("application/pdf"), &none),
        Err(ExtractError::NotHtml(_))
    ));
    assert!(matches!(
        fulltext::extract(b"{\"a\":1}", URL, None, &none),
        Err(ExtractError::NotHtml(_))
    ));
    let paywall = b"<html><body><h1>Subscribe to read</h1><p>This article is for subscribers.</p></body></html>";
    assert_eq!(
        fulltext::extract(paywall, URL, Some("text/html"), &none),
        Err(ExtractError::NothingReadable)
    );
    let many = format!("<html><body>{}</body></html>", "<b>x</b>".repeat(200_000));
    assert!(matches!(
        fulltext::extract(many.as_bytes(), URL, None, &none),
        Err(ExtractError::TooManyElements { .. })
    ));
    let just_under = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>The harbour master said the ships would wait another day at anchor.</p>"
            .repeat(fulltext::MAX_ELEMENTS + 10)
    );
    assert!(matches!(
        fulltext::extract(just_under.as_bytes(), URL, None, &none),
        Err(ExtractError::TooManyElements { .. })
    ));
    let bad = Rules {
        selector: Some("article[".into()),
        remove: vec![],
    };
    assert!(matches!(
        fulltext::extract(&page("wire"), URL, None, &bad),
        Err(ExtractError::BadSelector(_))
    ));
}

/// A feed's own rules: `scrape_remove` drops what readability would keep, and
/// `scrape_selector` keeps only the part named.
#[test]
fn feed_rules_narrow_and_trim_the_page() {
    let plain = fulltext::extract(&page("wire"), URL, None, &Rules::default()).unwrap();
    assert!(shown(&plain).contains("Talks are scheduled to resume"));
    let rules = Rules {
        selector: None,
        remove: vec![".article-text p:last-of-type".into(), "figure".into()],
    };
    let trimmed = shown(&fulltext::extract(&page("wire"), URL, None, &rules).unwrap());
    assert!(
        !trimmed.contains("Reporting by Pieter de Vries"),
        "{trimmed}"
    );
    assert!(!trimmed.contains("Idle cranes stand"), "{trimmed}");
    assert!(
        trimmed.contains("Talks are scheduled to resume"),
        "{trimmed}"
    );
    // A selector that matches nothing leaves the page whole (a site changed its markup).
    let rules = Rules {
        selector: Some(".no-such-block".into()),
        remove: vec![],
    };
    assert_eq!(
        fulltext::extract(&page("wire"), URL, None, &rules),
        Ok(plain)
    );
    let rules = Rules {
        selector: Some("blockquote".into()),
        remove: vec![],
    };
    let only = fulltext::extract(&page("podcast"), URL, None, &rules).unwrap();
    let text = shown(&only);
    assert!(
        text.contains("The bills came down the first winter"),
        "{text}"
    );
    assert!(!text.contains("Dave Whitworth"), "{text}");
}

/// Hostile pages: escape sequences written as references do not reach the pane, and
/// links keep to http(s).
#[test]
fn hostile_page_text_is_sanitized() {
    let html = format!(
        "<html><body><article><h1>T</h1><p>{}&#27;]52;c;aGk=&#7; end <a href='javascript:alert(1)'>x</a></p></article></body></html>",
        "A paragraph of ordinary text about the harbour and its ships. ".repeat(5)
    );
    let ex = fulltext::extract(html.as_bytes(), URL, None, &Rules::default()).unwrap();
    let text = shown(&ex);
    assert!(!text.contains('\u{1b}') && !text.contains("52;c"), "{text}");
    assert!(!text.contains("javascript:"), "{text}");
}

/// Pages come through the feeds' fetch: served from 127.0.0.1, with the redirect, size,
/// status and scheme rules feeds have, and errors as values that say what happened.
#[tokio::test]
async fn pages_are_fetched_like_feeds() {
    use crate::support::{Response, TestServer};
    use tidings::feed::fetch::{FetchError, FetchLimits};
    use tidings::fulltext::FullTextError;
    let wire = page("wire");
    let cp1251 = page("russian_cp1251");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/story" => Response::redirect(302, "/2026/05/story"),
        "/2026/05/story" => {
            Response::ok(wire.clone()).header("Content-Type", "text/html; charset=utf-8")
        }
        "/ru" => {
            Response::ok(cp1251.clone()).header("Content-Type", "text/html; charset=windows-1251")
        }
        "/file" => Response::redirect(302, "file:///etc/passwd"),
        "/pdf" => Response::ok(b"%PDF-1.7".to_vec()).header("Content-Type", "application/pdf"),
        "/big" => Response::ok(vec![b'<'; 2 << 20]).header("Content-Type", "text/html"),
        _ => Response::status(404),
    });
    let limits = FetchLimits {
        max_body: 1 << 20,
        ..FetchLimits::default()
    };
    let client = tidings::feed::fetch::client(&limits, "tidings-test");
    let get = |path: &str| {
        let url = server.url(path);
        let client = client.clone();
        let limits = limits.clone();
        async move { fulltext::fetch_article(&client, Some(&url), &limits, &Rules::default()).await }
    };
    let ex = get("/story").await.unwrap();
    assert!(ex.html.contains("Talks are scheduled to resume"));
    assert!(
        get("/ru")
            .await
            .unwrap()
            .html
            .contains("Ремонт начался в мае 2024 года.")
    );
    assert!(matches!(
        get("/gone").await,
        Err(FullTextError::Fetch(FetchError::Status(404)))
    ));
    assert!(matches!(
        get("/file").await,
        Err(FullTextError::Fetch(FetchError::RedirectNotHttp))
    ));
    assert!(matches!(
        get("/pdf").await,
        Err(FullTextError::Extract(ExtractError::NotHtml(_)))
    ));
    assert!(matches!(
        get("/big").await,
        Err(FullTextError::Fetch(FetchError::TooLarge { .. }))
    ));
    let refused = |link: &'static str| {
        let client = client.clone();
        let limits = limits.clone();
        async move { fulltext::fetch_article(&client, Some(link), &limits, &Rules::default()).await }
    };
    assert!(matches!(
        refused("file:///etc/passwd").await,
        Err(FullTextError::NotHttp)
    ));
    assert!(matches!(
        refused("tidings:demo").await,
        Err(FullTextError::NotHttp)
    ));
    assert!(matches!(
        fulltext::fetch_article(&client, None, &limits, &Rules::default()).await,
        Err(FullTextError::NoLink)
    ));
    assert_eq!(
        get("/gone").await.unwrap_err().to_string(),
        "could not fetch the page: HTTP 404 Not Found"
    );
    // Nothing but loopback was asked.
    assert!(server.requests().iter().all(|r| r.path.starts_with('/')));
}

/// The hostile corpus's strings in every place a page has text: nothing forbidden reaches
/// the metadata or the pane; deep nesting, garbage and invalid UTF-8 are values, not
/// panics.
#[test]
fn hostile_pages_give_clean_text_or_an_error() {
    use crate::hostile::{assert_clean, evil_strings};
    for (name, evil) in evil_strings() {
        let attr = evil.replace('"', "&quot;");
        let html = format!(
            "<html><head><title>{evil}</title><meta property=\"og:description\" content=\"{attr}\">
             <meta name=\"author\" content=\"{attr}\"></head><body><article><h1>{evil}</h1>
             <p class=\"byline\">{evil}</p><p>{evil} {}</p><p>{evil}</p></article></body></html>",
            "The harbour master said the ships would wait another day at anchor. ".repeat(4)
        );
        let ex = fulltext::extract(html.as_bytes(), URL, Some("text/html"), &Rules::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for (what, field) in [
            ("title", &ex.title),
            ("byline", &ex.byline),
            ("lead", &ex.lead),
        ] {
            if let Some(v) = field {
                assert_clean(v, false, &format!("{name} {what}"));
            }
        }
        assert_clean(&shown(&ex), true, name);
    }
    let deep = format!(
        "<html><body>{}<p>text</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    assert!(fulltext::extract(deep.as_bytes(), URL, None, &Rules::default()).is_err());
    let nested_ok = format!(
        "<html><body><article>{}{}{}</article></body></html>",
        "<div>".repeat(5_000),
        "<p>The harbour master said the ships would wait another day at anchor.</p>".repeat(5),
        "</div>".repeat(5_000)
    );
    let ex = fulltext::extract(nested_ok.as_bytes(), URL, None, &Rules::default()).unwrap();
    assert!(shown(&ex).contains("harbour master"));
    let garbage: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    // Served as HTML, noise is read as text: whatever comes back is clean.
    if let Ok(ex) = fulltext::extract(&garbage, URL, Some("text/html"), &Rules::default()) {
        assert_clean(&shown(&ex), true, "garbage");
    }
    let mut invalid = b"<html><body><article><p>".to_vec();
    invalid.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    invalid.extend_from_slice(
        "The harbour master said the ships would wait another day at anchor. "
            .repeat(4)
            .as_bytes(),
    );
    invalid.extend_from_slice(b"</p></article></body></html>");
    let ex = fulltext::extract(&invalid, URL, None, &Rules::default()).unwrap();
    assert!(shown(&ex).contains("harbour master"));
}
