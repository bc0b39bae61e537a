//! The reader's picture loader (effects::pictures) against a loopback server: the answer
//! is a `Msg::Picture` with half blocks for the box asked for; a second ask comes from the
//! disk cache, not the server; what is not a picture, or too large, is an error answer.

use crate::images;
use crate::support::{Response, TestServer};
use image::ImageFormat;
use std::time::Duration;
use tidings::app::Msg;
use tidings::app::pictures::PictureAnswer;
use tidings::effects::pictures::PictureLoader;
use tidings::feed::fetch::{FetchLimits, client};
use tidings::feed::hosts::HostLimits;
use tidings::pictures::cache::DiskCache;

fn loader(
    cache_dir: &std::path::Path,
) -> (PictureLoader, tokio::sync::mpsc::UnboundedReceiver<Msg>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let limits = FetchLimits {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(20),
        ..FetchLimits::default()
    };
    let loader = PictureLoader::new(
        tx,
        Some((cache_dir.to_path_buf(), 10 * 1024 * 1024)),
        client(&limits, "tidings-test"),
        HostLimits::new(2),
        None,
    );
    (loader, rx)
}

async fn answer(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> PictureAnswer {
    match tokio::time::timeout(Duration::from_secs(30), rx.recv()).await {
        Ok(Some(Msg::Picture(answer))) => *answer,
        other => panic!("no picture answer: {other:?}"),
    }
}

#[tokio::test]
async fn a_picture_is_fetched_once_then_served_from_the_disk_cache() {
    let png = images::encode(&images::quadrants(64, 32), ImageFormat::Png);
    let server = TestServer::start(move |_| Response::ok(png.clone()));
    let dir = tempfile::tempdir().expect("tmp");
    let (loader, mut rx) = loader(dir.path());
    let url = server.url("/photo.png");

    loader.load(url.clone(), 40, 10);
    let first = answer(&mut rx).await;
    assert_eq!(
        (first.url.as_str(), first.cols, first.rows),
        (url.as_str(), 40, 10)
    );
    let shown = first.result.expect("shown");
    // 64 x 32 pixels into 40 x 10 cells: width binds, 40 x 20 pixels, 10 rows.
    assert_eq!((shown.cols, shown.rows), (40, 10));
    assert_eq!(shown.lines.len(), 10);
    assert!(
        shown.protocol.is_none(),
        "half blocks only without a picker"
    );

    // Another box, same picture: decoded again from the cache.
    loader.load(url.clone(), 20, 10);
    let second = answer(&mut rx).await;
    assert_eq!(second.result.expect("shown").cols, 20);
    assert_eq!(
        server.requests().len(),
        1,
        "the second came from the disk cache"
    );
}

#[tokio::test]
async fn what_is_not_a_picture_and_a_50_mb_picture_are_error_answers() {
    let big = vec![0u8; 50 * 1024 * 1024];
    let server = TestServer::start(move |req| {
        if req.path.ends_with("big.png") {
            Response::ok(big.clone()).header("Content-Type", "image/png")
        } else {
            Response::ok("<html><body>Not found</body></html>").header("Content-Type", "text/html")
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let (loader, mut rx) = loader(dir.path());

    loader.load(server.url("/page.png"), 40, 10);
    let why = answer(&mut rx).await.result.expect_err("not a picture");
    assert!(
        why.contains("not a PNG, JPEG, GIF or WebP picture (text/html)"),
        "{why}"
    );

    loader.load(server.url("/big.png"), 40, 10);
    let why = answer(&mut rx).await.result.expect_err("too large");
    assert!(why.contains("picture fetch failed"), "{why}");
    let cache = DiskCache::open(dir.path(), 10 * 1024 * 1024).expect("cache");
    assert!(cache.is_empty(), "nothing cached");
}

#[tokio::test]
async fn a_decompression_bomb_is_an_error_answer() {
    let bomb = images::png_claiming(50_000, 50_000, image::ColorType::Rgb8);
    let server = TestServer::start(move |_| Response::ok(bomb.clone()));
    let dir = tempfile::tempdir().expect("tmp");
    let (loader, mut rx) = loader(dir.path());
    loader.load(server.url("/bomb.png"), 40, 10);
    let why = answer(&mut rx).await.result.expect_err("refused");
    assert!(why.contains("50000x50000"), "{why}");
}
