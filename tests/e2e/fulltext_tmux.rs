//! `x` in the real reader: the page is fetched from 127.0.0.1 off the UI loop, the pane
//! shows the article read from it, `x` again the feed's text, and the page is stored (the
//! CLI then reads it without asking the server).

use crate::support::{Response, TestServer};
use crate::tmux::Tmux;
use std::process::Command;

#[test]
fn x_fetches_the_page_shows_it_and_stores_it() {
    let wire = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/wire.html"
    ))
    .expect("page");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/story" => Response::ok(wire.clone())
            .header("Content-Type", "text/html")
            // Slow enough to see the pane say so.
            .delay(std::time::Duration::from_millis(700)),
        _ => Response::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Meridian Wire</title><link>https://wire.example/</link><description>x</description>
<item><title>Dutch port strike halts container traffic</title><link>{}</link><guid>w-1</guid>
<pubDate>Thu, 28 May 2026 09:14:00 +0000</pubDate><description>Terminals stayed shut. Read more</description></item>
</channel></rss>"#,
            server.url("/story")
        ),
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}; echo EXITED $?; sleep 30",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-fulltext");
    tmux.start(&cmdline, (100, 30), None);
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

    let asked = server.requests().len();
    assert_eq!(asked, 1, "one fetch");
    let id = String::from_utf8_lossy(
        &Command::new(bin)
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
    assert_eq!(server.requests().len(), asked, "the reader stored the page");
}

/// `full_text = true`: the reader's own refresh reads the new article's page in the
/// background and stores it.
#[test]
fn the_reader_reads_pages_of_full_text_feeds_after_a_refresh() {
    let wire = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/wire.html"
    ))
    .expect("page");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/story" => Response::ok(wire.clone()).header("Content-Type", "text/html"),
        _ => Response::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Meridian Wire</title><link>https://wire.example/</link><description>x</description>
<item><title>Dutch port strike halts container traffic</title><link>{}</link><guid>w-1</guid>
<description>Terminals stayed shut. Read more</description></item>
</channel></rss>"#,
            server.url("/story")
        ),
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[feed]]\nurl = \"file://{}\"\nfull_text = true\n",
            feed.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}; echo EXITED $?; sleep 30",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-fulltext-feed");
    tmux.start(&cmdline, (100, 30), None);
    tmux.wait_for("Meridian Wire");
    tmux.wait_for("Full text: read 1 page");
    tmux.keys(&["j", "j", "j", "Enter", "Enter", "x"]);
    tmux.wait_for("Container terminals at Rotterdam");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    assert_eq!(server.requests().len(), 1, "read once, in the background");
}
