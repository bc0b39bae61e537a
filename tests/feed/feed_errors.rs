//! Fetch and parse errors keep their kind: a caller deciding by it (a status code, a
//! timeout, a document that is not a feed) matches the variant, not the words.

use crate::support;

use std::time::Duration;
use support::{Response, TestServer};
use tidings::feed::fetch::{FetchError, FetchLimits, Fetched, client, fetch};
use tidings::feed::parse::{NotAFeed, ParseError, parse};
use tidings::model::Validators;

fn limits() -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_millis(700),
        max_body: 1024,
        max_redirects: 3,
    }
}

async fn get(url: &str) -> Result<Fetched, FetchError> {
    let limits = limits();
    fetch(
        &client(&limits, "tidings-test/1"),
        url,
        &Validators::default(),
        &limits,
    )
    .await
}

#[tokio::test]
async fn a_refusal_is_the_status_variant_with_its_code() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/gone" => Response::status(404),
        _ => Response::status(503),
    });
    let e = get(&server.url("/gone")).await.unwrap_err();
    assert!(matches!(e, FetchError::Status(404)), "{e:?}");
    assert_eq!(e.status(), Some(404));
    assert_eq!(e.to_string(), "HTTP 404 Not Found");
    let e = get(&server.url("/busy")).await.unwrap_err();
    assert_eq!(e.status(), Some(503));
}

#[tokio::test]
async fn timeouts_caps_and_redirects_have_their_own_kinds() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/slow" => Response::ok("late").delay(Duration::from_secs(3)),
        "/big" => Response::ok(vec![b'x'; 4096]),
        "/loop" => Response::redirect(302, "/loop2"),
        "/loop2" => Response::redirect(302, "/loop"),
        "/ftp" => Response::redirect(301, "ftp://example.test/feed"),
        _ => Response::status(500),
    });
    let e = get(&server.url("/slow")).await.unwrap_err();
    assert!(matches!(e, FetchError::TimedOut(_)), "{e:?}");
    assert_eq!(e.status(), None);
    let e = get(&server.url("/big")).await.unwrap_err();
    assert!(
        matches!(e, FetchError::TooLarge { max_body: 1024 }),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "body larger than 1 KB");
    let e = get(&server.url("/loop")).await.unwrap_err();
    assert!(matches!(e, FetchError::RedirectLoop(_)), "{e:?}");
    let e = get(&server.url("/ftp")).await.unwrap_err();
    assert!(matches!(e, FetchError::RedirectNotHttp), "{e:?}");
}

#[tokio::test]
async fn addresses_that_are_not_http_or_files_are_refused_by_kind() {
    let e = get("gopher://example.test/feed").await.unwrap_err();
    assert!(
        matches!(&e, FetchError::UnsupportedScheme(s) if s == "gopher"),
        "{e:?}"
    );
    let e = get("not a url").await.unwrap_err();
    assert!(matches!(e, FetchError::InvalidUrl(_)), "{e:?}");

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.xml");
    let url = url::Url::from_file_path(&missing).unwrap().to_string();
    let e = get(&url).await.unwrap_err();
    assert!(
        matches!(&e, FetchError::FileNotFound(p) if p == &missing),
        "{e:?}"
    );
}

#[test]
fn documents_that_are_not_feeds_say_what_they_are() {
    let e = parse(b"<!DOCTYPE html><html><body>hi</body></html>", None, "").unwrap_err();
    assert!(
        matches!(e, ParseError::NotAFeed(NotAFeed::HtmlPage)),
        "{e:?}"
    );
    assert!(e.is_not_a_feed());

    let e = parse(b"   ", None, "").unwrap_err();
    assert!(matches!(e, ParseError::NotAFeed(NotAFeed::Empty)), "{e:?}");

    let e = parse(br#"{"a": 1}"#, None, "").unwrap_err();
    assert!(
        matches!(e, ParseError::NotAFeed(NotAFeed::JsonWithoutVersion)),
        "{e:?}"
    );

    let e = parse(b"<rss version=\"2.0\"><channel><item><title>cut", None, "").unwrap_err();
    assert!(matches!(e, ParseError::Xml(_)), "{e:?}");
    assert!(!e.is_not_a_feed());
    assert!(e.to_string().starts_with("malformed XML:"), "{e}");

    let e = parse(b"{not json", None, "").unwrap_err();
    assert!(matches!(e, ParseError::Json(_)), "{e:?}");
}
