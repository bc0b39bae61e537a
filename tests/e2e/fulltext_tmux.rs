//! `x` in the real reader: the page is fetched from 127.0.0.1 off the UI loop, the pane
//! shows the article read from it, `x` again the feed's text, and the page is stored (the
//! CLI then reads it without asking the server).

use crate::support::{Response, TestServer};
use crate::tmux::Tmux;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use tempfile::TempDir;

/// The wire page at /story, answered after `delay`; anything else a 404.
/// Requests for the page itself (its pictures are asked for too, once it shows).
fn page_requests(server: &TestServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path == "/story")
        .count()
}

fn wire_server(delay: Duration) -> TestServer {
    let wire = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/wire.html"
    ))
    .expect("page");
    TestServer::start(move |req| match req.path.as_str() {
        "/story" => Response::ok(wire.clone())
            .header("Content-Type", "text/html")
            .delay(delay),
        _ => Response::status(404),
    })
}

/// The real reader in tmux session `session`, on a feed file with one article linking to
/// `story`, its `[[feed]]` with `setting` too.
fn start_reader(story: &str, setting: &str, session: &str) -> (TempDir, PathBuf, PathBuf, Tmux) {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Meridian Wire</title><link>https://wire.example/</link><description>x</description>
<item><title>Dutch port strike halts container traffic</title><link>{story}</link><guid>w-1</guid>
<pubDate>Thu, 28 May 2026 09:14:00 +0000</pubDate><description>Terminals stayed shut. Read more</description></item>
</channel></rss>"#
        ),
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n{setting}\n", feed.display()),
    )
    .expect("config");
    let data = dir.path().join("data");
    let cmdline = crate::tmux::reader_line(&config, &data);
    let tmux = Tmux::new(session);
    tmux.start(&cmdline, (100, 30), None);
    (dir, config, data, tmux)
}

#[test]
fn x_fetches_the_page_shows_it_and_stores_it() {
    // Slow enough to see the pane say so.
    let server = wire_server(Duration::from_millis(700));
    let (_dir, config, data, tmux) = start_reader(&server.url("/story"), "", "e2e-fulltext");
    let bin = env!("CARGO_BIN_EXE_tidings");
    tmux.wait_for("Meridian Wire");
    tmux.wait_for("1/1");
    tmux.keys(&["j", "j", "j", "Enter"]);
    tmux.wait_for("Dutch port strike");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Terminals stayed shut.");
    tmux.keys(&["x"]);
    tmux.wait_for("fetching the full article…");
    let s = tmux.wait_for("Container terminals at Rotterdam");
    assert!(!s.contains("fetching the full article"), "{s}");
    assert!(
        !s.contains("Accept all") && !s.contains("Share on X"),
        "{s}"
    );
    tmux.keys(&["x"]);
    let s = tmux.wait_for_fn(|s| !s.contains("Container terminals at Rotterdam"));
    assert!(s.contains("Terminals stayed shut."), "{s}");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");

    let asked = page_requests(&server);
    assert_eq!(asked, 1, "one fetch");
    let id = String::from_utf8_lossy(
        &Command::new(bin)
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(&config)
            .arg("--data-dir")
            .arg(&data)
            .args(["list"])
            .output()
            .expect("list")
            .stdout,
    )
    .split_whitespace()
    .next()
    .expect("an id")
    .to_string();
    let out = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .args(["show", &id, "--full", "--width", "100"])
        .output()
        .expect("show");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Talks are scheduled to resume on Friday"),
        "{text}"
    );
    assert_eq!(page_requests(&server), asked, "the reader stored the page");
}

/// `full_text = true`: the reader's own refresh reads the new article's page in the
/// background and stores it.
#[test]
fn the_reader_reads_pages_of_full_text_feeds_after_a_refresh() {
    let server = wire_server(Duration::ZERO);
    let (_dir, _config, _data, tmux) = start_reader(
        &server.url("/story"),
        "full_text = true",
        "e2e-fulltext-feed",
    );
    tmux.wait_for("Meridian Wire");
    tmux.wait_for("Full text: read 1 page");
    tmux.keys(&["j", "j", "j", "Enter", "Enter", "x"]);
    tmux.wait_for("Container terminals at Rotterdam");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    assert_eq!(page_requests(&server), 1, "read once, in the background");
}
