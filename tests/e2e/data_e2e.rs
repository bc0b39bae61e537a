//! The real binary: a broken config.toml (positioned error, the offer to run on the
//! defaults, the file never touched) and a cron `tidings refresh` while the reader runs.

use crate::tmux;
use tmux::Tmux;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BROKEN: &str = "# my settings\n[general]\nrefresh_minutes = 30\n\n[[feed]]\nurl = \"https://a.test/feed.xml\"\ntags = [\"news\"\n";

fn tidings(config: &Path, data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
    c.env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(config)
        .arg("--data-dir")
        .arg(data)
        .env("TZ", "UTC");
    c
}

#[test]
fn a_broken_config_without_a_terminal_exits_2_naming_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, BROKEN).unwrap();
    for args in [&[][..], &["list"], &["refresh"], &["feeds"]] {
        let out = tidings(&config, &dir.path().join("data"))
            .args(args)
            .stdin(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{} line 7, column 15", config.display())),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("[y/N]"),
            "no question without a terminal: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&config).unwrap(), BROKEN);
}

#[test]
fn a_broken_config_on_a_terminal_offers_the_defaults_and_never_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, BROKEN).unwrap();
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    // The default settings list web feeds: a dead loopback proxy keeps every request
    // on this machine (and failing at once).
    let line = |then: &str| {
        format!(
            "TZ=UTC HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
             http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
             {bin} --config {} --data-dir {}; echo EXITED $?; {then}",
            config.display(),
            data.display()
        )
    };

    // "No" (or just Enter): exit 2, nothing started.
    let tmux = Tmux::new("config-no");
    tmux.start(&line("sleep 30"), (120, 30), None);
    let s = tmux.wait_for("[y/N]");
    assert!(s.contains("line 7, column 15"), "{s}");
    assert!(
        s.contains("Run on the default settings for this session? [y/N]"),
        "{s}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED 2");
    drop(tmux);

    // "y": the reader runs on the defaults (the demo feed), says so in the status bar,
    // and refuses to save tags rather than overwrite the file.
    let tmux = Tmux::new("config-yes");
    tmux.start(&line("sleep 30"), (120, 30), None);
    tmux.wait_for("[y/N]");
    tmux.keys(&["y", "Enter"]);
    tmux.wait_for("unreadable, not used: default settings");
    // All articles: the demo feed's (the only ones stored); edit that feed's tags.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Welcome to tidings");
    tmux.keys(&["T"]);
    tmux.wait_for("tags (space separated)");
    tmux.keys(&["x", "Enter"]);
    let s = tmux.wait_for("Tags not saved");
    // The running reader reads the file again once it is fixed: no restart needed.
    assert!(s.contains("fix it first"), "{s}");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), BROKEN);
}

#[test]
fn a_cron_refresh_shows_up_in_a_running_reader() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.xml");
    let doc = |titles: &[&str]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pier Post</title>\
             <link>https://p.test/</link><description>x</description>",
        );
        for (i, t) in titles.iter().enumerate() {
            xml.push_str(&format!(
                "<item><title>{t}</title><guid>{t}</guid><link>https://p.test/{i}</link></item>"
            ));
        }
        xml + "</channel></rss>"
    };
    std::fs::write(&feed, doc(&["Gulls return"])).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[general]\nrefresh_minutes = 600\n\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display()
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let tmux = Tmux::new("cron");
    tmux.start(
        &format!(
            "TZ=UTC {bin} --config {} --data-dir {}",
            config.display(),
            data.display()
        ),
        (120, 30),
        None,
    );
    tmux.wait_for("Pier Post");
    tmux.keys(&["Enter"]); // All articles
    tmux.wait_for("Gulls return");

    // cron: the feed gained a story; another process stores it.
    std::fs::write(&feed, doc(&["Gulls return", "Harbour fair opens"])).unwrap();
    let out = tidings(&config, &data).arg("refresh").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stored = Instant::now();
    let s = tmux.wait_for("Harbour fair opens");
    let took = stored.elapsed();
    assert!(s.contains("Gulls return"), "{s}");
    eprintln!("the reader showed the other process's article {took:?} after it was stored");
    assert!(took < Duration::from_secs(3), "{took:?}");

    // And a read mark made by another reader process shows up too.
    let list = tidings(&config, &data).arg("list").output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let id: i64 = list
        .lines()
        .find(|l| l.contains("Gulls return"))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .unwrap();
    let before = tmux.screen();
    assert!(before.contains("2 unread"), "{before}");
    let raw = rusqlite::Connection::open(data.join("tidings.db")).unwrap();
    raw.execute("UPDATE articles SET read = 1 WHERE id = ?1", [id])
        .unwrap();
    drop(raw);
    tmux.wait_for("1 unread");
}
