//! Fetching over real HTTP on 127.0.0.1, from files and from the built-in demo feed.

use crate::support;

use std::io::Write;
use std::time::{Duration, Instant};
use support::{Response, TestServer};
use tidings::feed::fetch::{FetchLimits, Fetched, client, fetch};
use tidings::feed::parse::parse;
use tidings::model::Validators;

const UA: &str = "tidings-test/1";
const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Served</title>
<item><title>One</title><guid>1</guid></item></channel></rss>"#;

fn limits() -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        max_body: 1024 * 1024,
        max_redirects: 3,
    }
}

async fn get(url: &str, validators: &Validators, limits: &FetchLimits) -> Result<Fetched, String> {
    let c = client(limits, UA);
    fetch(&c, url, validators, limits)
        .await
        .map_err(|e| e.to_string())
}

struct Doc {
    bytes: Vec<u8>,
    content_type: Option<String>,
    validators: Validators,
    moved_to: Option<String>,
    final_url: String,
}

fn document(result: Result<Fetched, String>) -> Doc {
    match result {
        Ok(Fetched::Document {
            bytes,
            content_type,
            validators,
            moved_to,
            final_url,
        }) => Doc {
            bytes,
            content_type,
            validators,
            moved_to,
            final_url,
        },
        other => panic!("expected a document, got {other:?}"),
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

#[tokio::test]
async fn validators_round_trip_to_not_modified() {
    const ETAG: &str = "\"v1-abc\"";
    const LM: &str = "Tue, 05 Mar 2024 14:30:00 GMT";
    let server = TestServer::start(|req| {
        if req.header("If-None-Match") == Some(ETAG) {
            Response::status(304)
        } else {
            Response::ok(RSS)
                .header("Content-Type", "application/rss+xml")
                .header("ETag", ETAG)
                .header("Last-Modified", LM)
        }
    });
    let url = server.url("/feed.xml");

    let first = document(get(&url, &Validators::default(), &limits()).await);
    assert_eq!(first.bytes, RSS.as_bytes());
    assert_eq!(first.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(first.final_url, url);
    assert_eq!(first.moved_to, None);
    assert_eq!(
        first.validators,
        Validators {
            etag: Some(ETAG.into()),
            last_modified: Some(LM.into())
        }
    );

    let second = get(&url, &first.validators, &limits()).await;
    assert!(matches!(second, Ok(Fetched::NotModified)), "{second:?}");

    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].header("If-None-Match"), None);
    assert_eq!(reqs[0].header("If-Modified-Since"), None);
    assert_eq!(reqs[1].header("If-None-Match"), Some(ETAG));
    assert_eq!(reqs[1].header("If-Modified-Since"), Some(LM));
    assert_eq!(reqs[0].header("User-Agent"), Some(UA));
}

#[tokio::test]
async fn permanent_redirect_chain_sets_moved_to() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/old" => Response::redirect(301, "/older-still"),
        // A relative Location resolves against the current URL.
        "/older-still" => Response::redirect(308, "new/feed.xml"),
        "/new/feed.xml" => Response::ok(RSS),
        _ => Response::status(404),
    });
    let doc = document(get(&server.url("/old"), &Validators::default(), &limits()).await);
    assert_eq!(doc.bytes, RSS.as_bytes());
    assert_eq!(doc.final_url, server.url("/new/feed.xml"));
    assert_eq!(doc.moved_to, Some(server.url("/new/feed.xml")));
}

#[tokio::test]
async fn a_temporary_hop_means_no_move() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/a" => Response::redirect(301, "/b"),
        "/b" => Response::redirect(302, "/feed"),
        "/feed" => Response::ok(RSS),
        _ => Response::status(404),
    });
    let doc = document(get(&server.url("/a"), &Validators::default(), &limits()).await);
    assert_eq!(doc.final_url, server.url("/feed"));
    assert_eq!(doc.moved_to, None);

    let only_temp = TestServer::start(|req| match req.path.as_str() {
        "/a" => Response::redirect(307, "/feed"),
        _ => Response::ok(RSS),
    });
    let doc = document(get(&only_temp.url("/a"), &Validators::default(), &limits()).await);
    assert_eq!(doc.moved_to, None);
}

#[tokio::test]
async fn redirect_loop_stops() {
    let server = TestServer::start(|_| Response::redirect(302, "/loop"));
    let url = server.url("/loop");
    let err = get(&url, &Validators::default(), &limits())
        .await
        .expect_err("loop");
    assert_eq!(err, format!("redirect loop back to {url}"));
    // Seen at the first hop: no request is repeated.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn redirect_to_another_scheme_is_refused() {
    let server = TestServer::start(|_| Response::redirect(301, "file:///etc/passwd"));
    let err = get(&server.url("/x"), &Validators::default(), &limits())
        .await
        .expect_err("refused");
    assert_eq!(err, "redirect to a non-http URL refused");
}

#[tokio::test]
async fn http_errors_are_reported_with_status() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/missing" => Response::status(404).body("nope"),
        _ => Response::status(500).body("boom"),
    });
    let err = get(&server.url("/missing"), &Validators::default(), &limits()).await;
    assert_eq!(err.expect_err("404"), "HTTP 404 Not Found");
    let err = get(&server.url("/broken"), &Validators::default(), &limits()).await;
    assert_eq!(err.expect_err("500"), "HTTP 500 Internal Server Error");
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/slow-headers" => Response::ok(RSS).delay(Duration::from_secs(20)),
        // Headers at once, then the body trickles past the deadline.
        _ => Response::ok(RSS).chunked(10, Duration::from_millis(400)),
    });
    let limits = FetchLimits {
        timeout: Duration::from_secs(1),
        ..limits()
    };
    for path in ["/slow-headers", "/slow-body"] {
        let started = Instant::now();
        let err = get(&server.url(path), &Validators::default(), &limits)
            .await
            .expect_err("timeout");
        assert_eq!(err, "timed out after 1 s", "{path}");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{path}: {:?}",
            started.elapsed()
        );
    }
}

#[tokio::test]
async fn connection_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let err = get(
        &format!("http://127.0.0.1:{port}/"),
        &Validators::default(),
        &limits(),
    )
    .await
    .expect_err("refused");
    assert_eq!(err, "connection refused");
}

#[tokio::test]
async fn malformed_body_is_a_parse_error() {
    let server =
        TestServer::start(|_| Response::ok("<rss version=\"2.0\"><channel><item><title>cut"));
    let doc = document(get(&server.url("/f"), &Validators::default(), &limits()).await);
    let err =
        parse(&doc.bytes, doc.content_type.as_deref(), &doc.final_url).expect_err("malformed");
    assert!(err.to_string().starts_with("malformed XML:"), "{err}");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip write");
    enc.finish().expect("gzip finish")
}

#[tokio::test]
async fn gzip_body_is_decoded() {
    let compressed = gzip(RSS.as_bytes());
    let server = TestServer::start(move |_| {
        Response::ok(compressed.clone()).header("Content-Encoding", "gzip")
    });
    let doc = document(get(&server.url("/f"), &Validators::default(), &limits()).await);
    assert_eq!(doc.bytes, RSS.as_bytes());
    let accept = server.requests()[0]
        .header("Accept-Encoding")
        .unwrap_or_default()
        .to_string();
    assert!(accept.contains("gzip"), "{accept}");
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused() {
    let big = vec![b'x'; 2 * 1024 * 1024];
    let bomb = gzip(&vec![b' '; 20 * 1024 * 1024]);
    assert!(bomb.len() < 100 * 1024, "the bomb is small on the wire");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/declared" => Response::ok(big.clone()),
        "/streamed" => Response::ok(big.clone()).without_content_length(),
        _ => Response::ok(bomb.clone()).header("Content-Encoding", "gzip"),
    });
    for path in ["/declared", "/streamed", "/bomb"] {
        let err = get(&server.url(path), &Validators::default(), &limits())
            .await
            .expect_err(path);
        assert_eq!(err, "body larger than 1 MB", "{path}");
    }
    // Exactly at the cap is fine.
    let exact =
        TestServer::start(|_| Response::ok(vec![b'y'; 1024 * 1024]).without_content_length());
    let doc = document(get(&exact.url("/"), &Validators::default(), &limits()).await);
    assert_eq!(doc.bytes.len(), 1024 * 1024);
}

#[tokio::test]
async fn charset_only_in_the_http_header() {
    let body = fixture("cp1251-nodecl.xml");
    let server = TestServer::start(move |_| {
        Response::ok(body.clone())
            .header("Content-Type", "application/rss+xml; charset=windows-1251")
    });
    let doc = document(get(&server.url("/ru"), &Validators::default(), &limits()).await);
    let feed = parse(&doc.bytes, doc.content_type.as_deref(), &doc.final_url).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("Новости дня"));
    assert_eq!(feed.items[0].title, "Привет, мир!");
}

#[tokio::test]
async fn file_urls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, RSS).expect("write");
    let url = url::Url::from_file_path(&path)
        .expect("file url")
        .to_string();
    let doc = document(get(&url, &Validators::default(), &limits()).await);
    assert_eq!(doc.bytes, RSS.as_bytes());
    assert_eq!(doc.final_url, url);

    let missing = dir.path().join("missing.xml");
    let missing_url = url::Url::from_file_path(&missing)
        .expect("file url")
        .to_string();
    let err = get(&missing_url, &Validators::default(), &limits())
        .await
        .expect_err("missing");
    assert_eq!(err, format!("file not found: {}", missing.display()));

    let big = dir.path().join("big.xml");
    std::fs::write(&big, vec![b'x'; 1024 * 1024 + 1]).expect("write");
    let big_url = url::Url::from_file_path(&big)
        .expect("file url")
        .to_string();
    let err = get(&big_url, &Validators::default(), &limits())
        .await
        .expect_err("big");
    assert_eq!(err, "body larger than 1 MB");
}

#[tokio::test]
async fn demo_url_needs_no_network() {
    let doc = document(get(tidings::demo::DEMO_URL, &Validators::default(), &limits()).await);
    assert_eq!(doc.bytes, tidings::demo::DEMO_FEED.as_bytes());
    let feed = parse(&doc.bytes, doc.content_type.as_deref(), &doc.final_url).expect("demo parses");
    assert!(!feed.items.is_empty());
}

#[tokio::test]
async fn other_schemes_are_unsupported() {
    let err = get("ftp://127.0.0.1/feed", &Validators::default(), &limits()).await;
    assert_eq!(err.expect_err("ftp"), "unsupported URL scheme 'ftp'");
    let err = get("not a url", &Validators::default(), &limits()).await;
    assert!(err.expect_err("garbage").starts_with("invalid URL"));
}
