//! Pictures in the real reader, inside tmux (where only half blocks work): the feed's own
//! picture and the one in the text are fetched from 127.0.0.1 as the article opens, drawn
//! as half blocks under their `[image: …]` lines, and kept in the cache directory; with
//! `images = "off"` nothing is fetched.

use crate::support::{Response, TestServer};
use crate::tmux::Tmux;
use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};
use tempfile::TempDir;

/// Stripes one pixel high: every cell a `▀`, which capture-pane shows as text.
fn striped_png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        if y % 2 == 0 {
            Rgba([200, (x * 4) as u8, 40, 255])
        } else {
            Rgba([20, 60, 220, 255])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(img)
        .write_to(&mut out, ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

fn picture_server() -> TestServer {
    let (body, lead) = (striped_png(30, 12), striped_png(20, 8));
    TestServer::start(move |req| match req.path.as_str() {
        "/harbour.png" => Response::ok(body.clone()).header("Content-Type", "image/png"),
        "/lead.png" => Response::ok(lead.clone()).header("Content-Type", "image/png"),
        _ => Response::status(404),
    })
}

fn start_reader(server: &TestServer, images: &str, session: &str) -> (TempDir, Tmux) {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Harbour News</title><link>https://harbour.example/</link><description>x</description>
<item><title>Tall ship returns to the harbour</title><link>https://harbour.example/ship</link><guid>h-1</guid>
<pubDate>Thu, 28 May 2026 09:14:00 +0000</pubDate>
<media:thumbnail url="{lead}"/>
<description><![CDATA[<p>The ship came in at dawn.</p><p><img src="{body}" alt="Harbour at dusk"></p><p>Crowds lined the quay.</p>]]></description></item>
</channel></rss>"#,
            lead = server.url("/lead.png"),
            body = server.url("/harbour.png"),
        ),
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[general]\nimages = \"{images}\"\nimage_height = 8\n\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let cmdline = crate::tmux::reader_line(&config, &data);
    let tmux = Tmux::new(session);
    tmux.start(&cmdline, (100, 40), None);
    (dir, tmux)
}

fn open_the_article(tmux: &Tmux) {
    tmux.wait_for("Harbour News");
    tmux.wait_for("1/1");
    tmux.keys(&["j", "j", "j", "Enter"]);
    tmux.wait_for("Tall ship returns");
    tmux.keys(&["Enter"]);
    tmux.wait_for("The ship came in at dawn.");
}

#[test]
fn pictures_show_as_half_blocks_and_are_cached() {
    let server = picture_server();
    let (dir, tmux) = start_reader(&server, "halfblocks", "e2e-pictures");
    open_the_article(&tmux);
    // 30 x 12 pixels: 30 columns, 6 rows; the lead 20 x 8: 20 columns, 4 rows.
    let s = tmux.wait_for_fn(|s| s.contains(&"▀".repeat(30)) && s.contains(&"▀".repeat(20)));
    let lines: Vec<&str> = s.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{s}"))
    };
    let slot = at("[image: Harbour at dusk]");
    for row in 1..=6 {
        assert!(lines[slot + row].contains(&"▀".repeat(30)), "{s}");
    }
    assert!(!lines[slot + 7].contains('▀'), "{s}");
    let lead = at("[picture]");
    assert!(
        lead < at("The ship came in at dawn."),
        "the lead first:\n{s}"
    );
    assert!(lines[lead + 1].contains(&"▀".repeat(20)), "{s}");
    assert!(s.contains("Crowds lined the quay."), "{s}");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");

    let mut paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    paths.sort();
    assert_eq!(paths, ["/harbour.png", "/lead.png"]);
    let cached = std::fs::read_dir(dir.path().join("data/cache/pictures"))
        .expect("cache dir")
        .count();
    assert_eq!(cached, 2, "both pictures on disk");
}

#[test]
fn with_images_off_nothing_is_fetched() {
    let server = picture_server();
    let (_dir, tmux) = start_reader(&server, "off", "e2e-pictures-off");
    open_the_article(&tmux);
    let s = tmux.wait_for("Crowds lined the quay.");
    assert!(s.contains("[image: Harbour at dusk]"), "{s}");
    assert!(!s.contains('▀'), "{s}");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}
