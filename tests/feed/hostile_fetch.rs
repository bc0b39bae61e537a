//! Oversized documents over real HTTP on 127.0.0.1 and from files, with the default limits:
//! a 50 MB feed and a gzip bomb are refused by the body cap with a clear error, and a
//! document just under the cap parses.

use crate::hostile;
use crate::support;

use std::io::Write;
use std::time::{Duration, Instant};
use support::{Response, TestServer};
use tidings::feed::fetch::{FetchLimits, Fetched, client, fetch};
use tidings::feed::parse::parse;
use tidings::model::Validators;

const MB: usize = 1024 * 1024;

async fn get(url: &str) -> Result<Fetched, String> {
    let limits = FetchLimits::default();
    let c = client(&limits, "tidings-test/1");
    fetch(&c, url, &Validators::default(), &limits)
        .await
        .map_err(|e| e.to_string())
}

/// A gzip stream that unpacks to `unpacked` bytes of a repeated feed-looking line.
fn gzip_bomb(unpacked: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(b"<rss version=\"2.0\"><channel><title>bomb</title><item><description>");
    let block = vec![b'A'; MB];
    for _ in 0..unpacked / MB {
        enc.write_all(&block).expect("gzip");
    }
    enc.finish().expect("gzip")
}

fn assert_refused(result: Result<Fetched, String>, what: &str) {
    match result {
        Err(e) => assert_eq!(e, "body larger than 16 MB", "{what}"),
        Ok(_) => panic!("{what}: accepted"),
    }
}

#[tokio::test]
async fn a_gzip_bomb_is_cut_at_the_body_cap() {
    bomb_of(64 * MB).await;
}

#[tokio::test]
#[ignore = "slow: builds a 4 GB bomb (cargo test -- --ignored)"]
async fn a_gigabyte_gzip_bomb_is_cut_at_the_body_cap() {
    bomb_of(4096 * MB).await;
}

async fn bomb_of(unpacked: usize) {
    let bomb = gzip_bomb(unpacked);
    assert!(
        bomb.len() * 500 < unpacked,
        "{} bytes on the wire",
        bomb.len()
    );
    let server = TestServer::start(move |_| {
        Response::ok(bomb.clone())
            .header("Content-Encoding", "gzip")
            .header("Content-Type", "application/rss+xml")
    });
    let start = Instant::now();
    assert_refused(get(&server.url("/bomb.xml")).await, "gzip bomb");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_50_mb_feed_is_refused_over_http_and_from_a_file() {
    let big = hostile::huge_feed(50 * MB).into_bytes();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.xml");
    std::fs::write(&path, &big).expect("write");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/declared" => Response::ok(big.clone()),
        _ => Response::ok(big.clone()).without_content_length(),
    });
    assert_refused(get(&server.url("/declared")).await, "declared length");
    assert_refused(get(&server.url("/streamed")).await, "streamed");
    let file_url = url::Url::from_file_path(&path)
        .expect("file url")
        .to_string();
    assert_refused(get(&file_url).await, "file");
}

#[tokio::test]
async fn a_document_just_under_the_cap_parses() {
    let doc = hostile::huge_feed(15 * MB).into_bytes();
    let server = TestServer::start(move |_| Response::ok(doc.clone()));
    let Ok(Fetched::Document {
        bytes, final_url, ..
    }) = get(&server.url("/15mb.xml")).await
    else {
        panic!("not fetched");
    };
    let start = crate::common::CpuTimer::start();
    let feed = parse(&bytes, None, &final_url).expect("parses");
    assert_eq!(feed.items.len(), 1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}
