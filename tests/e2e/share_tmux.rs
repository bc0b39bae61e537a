//! Sharing from the real binary inside a real tmux: what `y` leaves in tmux's buffer, and
//! what the status bar claims about it.

use crate::tmux;
use tmux::Tmux;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link><description>x</description>
<item><title>Storm closes the harbour</title><link>https://gazette.example/storm</link><guid>g-1</guid>
<pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><description>The surge peaked at 4.2 m.</description></item>
</channel></rss>"#;

/// tidings on the one article of FEED, inside `tmux` (a fresh server with its defaults
/// unless `before` changes them), with the headline list open.
fn start(tmux: &Tmux, dir: &std::path::Path) {
    let feed = dir.join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[general]\nremote = \"no\"\n\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display()
        ),
    )
    .expect("config");
    let cmdline = format!(
        "TZ=UTC {} --config {} --data-dir {}; sleep 30",
        env!("CARGO_BIN_EXE_tidings"),
        config.display(),
        dir.join("data").display()
    );
    tmux.start(&cmdline, (100, 30), None);
    tmux.wait_for("1/1");
    tmux.keys(&["j", "j", "j", "Enter"]);
    tmux.wait_for("Storm closes the harbour");
}

fn buffer(tmux: &Tmux) -> String {
    String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout).into_owned()
}

#[test]
fn y_inside_tmux_with_set_clipboard_on_fills_its_buffer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tmux = Tmux::new("clip-on");
    start(&tmux, dir.path());
    // Everything else at tmux's defaults (allow-passthrough off).
    tmux.cmd(&["set", "-g", "set-clipboard", "on"]);
    tmux.keys(&["y"]);
    let s = tmux.wait_for("Copied link");
    assert!(s.contains("https://gazette.example/storm"), "{s}");
    let start = std::time::Instant::now();
    while buffer(&tmux) != "https://gazette.example/storm"
        && start.elapsed() < std::time::Duration::from_secs(5)
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(buffer(&tmux), "https://gazette.example/storm");
}

#[test]
fn y_inside_tmux_with_its_defaults_says_how_to_enable_copying() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tmux = Tmux::new("clip-default");
    start(&tmux, dir.path());
    tmux.keys(&["y"]);
    let s = tmux.wait_for("Not copied");
    assert!(s.contains("set -g set-clipboard on"), "{s}");
    assert!(!s.contains("Copied link"), "{s}");
    assert_eq!(buffer(&tmux), "", "tmux kept nothing, as the status says");
}

#[test]
fn pipe_hands_the_terminal_and_the_article_text_to_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tmux = Tmux::new("pipe");
    start(&tmux, dir.path());
    tmux.keys(&["Enter"]);
    tmux.wait_for("The surge peaked at 4.2 m.");
    let out = dir.path().join("piped.txt");
    tmux.keys(&["|"]);
    tmux.wait_for("pipe to:");
    // Quotes group words; `>` and `;` reach sh as text, not through tidings.
    tmux.keys(&[
        &format!("sh -c \"cat > '{}'; echo CHILD-RAN\"", out.display()),
        "Enter",
    ]);
    let s = tmux.wait_for("press Enter to return");
    assert!(s.contains("CHILD-RAN"), "{s}");
    let text = std::fs::read_to_string(&out).expect("the command wrote the text");
    assert!(text.contains("Storm closes the harbour"), "{text}");
    assert!(text.contains("The surge peaked at 4.2 m."), "{text}");
    assert!(!text.contains('\x1b'), "{text:?}");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("Piped the article to sh");
    assert!(s.contains("Harbour Gazette"), "the reader is back:\n{s}");
}
