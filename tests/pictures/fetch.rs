use crate::images;
use crate::support::{Response, TestServer};
use image::ImageFormat;
use std::time::{Duration, Instant};
use tidings::feed::fetch::{FetchLimits, client};
use tidings::pictures::PictureError;
use tidings::pictures::fetch::{FetchedPicture, MAX_PICTURE_BYTES, fetch_picture, limits};

fn test_limits() -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(20),
        ..limits()
    }
}

async fn get(url: &str) -> Result<FetchedPicture, PictureError> {
    let limits = test_limits();
    fetch_picture(&client(&limits, "tidings-test"), url, &limits).await
}

#[tokio::test]
async fn a_png_is_fetched_whatever_its_label() {
    let png = images::encode(&images::quadrants(8, 8), ImageFormat::Png);
    let body = png.clone();
    let server = TestServer::start(move |_| {
        Response::ok(body.clone()).header("Content-Type", "application/octet-stream")
    });
    let got = get(&server.url("/a.png")).await.expect("fetched");
    assert_eq!(got.format, ImageFormat::Png);
    assert_eq!(got.bytes, png);
}

#[tokio::test]
async fn a_50_mb_picture_is_refused_by_its_length() {
    let big = vec![0u8; 50 * 1024 * 1024];
    let server =
        TestServer::start(move |_| Response::ok(big.clone()).header("Content-Type", "image/png"));
    let err = get(&server.url("/big.png")).await.expect_err("refused");
    assert!(matches!(err, PictureError::Fetch(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "picture fetch failed: body larger than 8 MB"
    );
}

#[tokio::test]
async fn a_picture_without_length_is_cut_at_the_cap() {
    // A PNG that never ends: reading it all would never return.
    let start = Instant::now();
    let mut head = images::encode(&images::quadrants(2, 2), ImageFormat::Png);
    head.resize(64 * 1024, 0);
    let server = TestServer::start(move |_| {
        Response::ok(head.clone())
            .header("Content-Type", "image/png")
            .endless(vec![0u8; 256 * 1024], Duration::ZERO)
    });
    let err = get(&server.url("/endless.png")).await.expect_err("refused");
    assert_eq!(
        err.to_string(),
        "picture fetch failed: body larger than 8 MB"
    );
    // Not a timing assertion on speed, only that it did not end by the 20 s timeout.
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(MAX_PICTURE_BYTES, 8 * 1024 * 1024);
}

#[tokio::test]
async fn a_page_is_not_a_picture() {
    let server = TestServer::start(|_| {
        Response::ok("<!doctype html><p>Not found</p>").header("Content-Type", "text/html")
    });
    let err = get(&server.url("/a.png")).await.expect_err("refused");
    assert!(matches!(err, PictureError::NotAPicture { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "not a PNG, JPEG, GIF or WebP picture (text/html)"
    );
}

#[tokio::test]
async fn an_svg_is_refused_even_labelled_as_an_image() {
    let server = TestServer::start(|_| {
        Response::ok("<svg xmlns='http://www.w3.org/2000/svg'/>")
            .header("Content-Type", "image/svg+xml")
    });
    let err = get(&server.url("/a.svg")).await.expect_err("refused");
    assert_eq!(
        err.to_string(),
        "not a PNG, JPEG, GIF or WebP picture (image/svg+xml)"
    );
}

#[tokio::test]
async fn only_http_urls_are_fetched() {
    let err = get("file:///etc/passwd").await.expect_err("refused");
    assert!(
        matches!(err, PictureError::NotHttp(ref s) if s == "file"),
        "{err:?}"
    );
    let err = get("data:image/png;base64,AAAA")
        .await
        .expect_err("refused");
    assert!(matches!(err, PictureError::NotHttp(_)), "{err:?}");
}

#[tokio::test]
async fn a_redirect_to_a_file_is_refused() {
    let server = TestServer::start(|_| Response::redirect(302, "file:///etc/passwd"));
    let err = get(&server.url("/a.png")).await.expect_err("refused");
    assert!(matches!(err, PictureError::Fetch(_)), "{err:?}");
}

#[tokio::test]
async fn a_404_is_an_error() {
    let server = TestServer::start(|_| Response::status(404));
    let err = get(&server.url("/gone.png")).await.expect_err("refused");
    assert_eq!(err.to_string(), "picture fetch failed: HTTP 404 Not Found");
}

/// A page where a picture should be is refused on its first bytes: an endless one ends
/// the fetch at once instead of reading to the 8 MB cap or the deadline.
#[tokio::test]
async fn a_page_is_refused_on_its_first_bytes_without_reading_the_rest() {
    let server = TestServer::start(|_| {
        Response::ok(Vec::new())
            .header("Content-Type", "text/html")
            .endless(
                b"<html><body>not a picture</body></html>".to_vec(),
                Duration::from_millis(5),
            )
    });
    let err = get(&server.url("/photo.jpg")).await.expect_err("refused");
    match err {
        PictureError::NotAPicture { content_type } => {
            assert_eq!(content_type.as_deref(), Some("text/html"))
        }
        other => panic!("refused for the wrong reason: {other:?}"),
    }
}
