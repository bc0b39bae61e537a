//! The real binary in a real pseudo-terminal (tmux): keys in, screen out, state kept on disk.
//! CI installs tmux (.ci/run); without it this test fails rather than pretending to pass.

use crate::tmux;
use tmux::Tmux;

use std::process::Command;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link><description>x</description>
<item><title>Storm closes the harbour</title><link>https://gazette.example/storm</link><guid>g-1</guid>
<pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><description>&lt;p&gt;The surge peaked at 4.2 m.&lt;/p&gt;</description></item>
<item><title>Rail tunnel approved</title><link>https://gazette.example/tunnel</link><guid>g-2</guid>
<pubDate>Tue, 28 Jan 2025 10:00:00 +0000</pubDate><description>Budget passed.</description></item>
</channel></rss>"#;

#[test]
fn read_bookmark_quit_and_find_it_all_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    // After tidings exits, the shell reports whether the terminal is back in cooked mode.
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}; echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 30",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e");
    tmux.start(&cmdline, (100, 30), None);

    let s = tmux.wait_for("Harbour Gazette");
    assert!(s.contains("All articles") && s.contains("? help"), "{s}");
    tmux.wait_for("2/2");
    // Feed row is the fourth; open it, open the first article.
    tmux.keys(&["j", "j", "j", "Enter"]);
    let s = tmux.wait_for("Storm closes the harbour");
    assert!(s.contains("Rail tunnel approved"), "{s}");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("The surge peaked at 4.2 m.");
    assert!(s.contains("29 Jan 2025 00:38"), "{s}");
    tmux.keys(&["b"]);
    tmux.wait_for("Bookmarked");
    // Resize while reading: the article is laid out again side by side.
    tmux.cmd(&["resize-window", "-t", "t", "-x", "160", "-y", "40"]);
    let s = tmux.wait_for("│ Storm closes the harbour");
    assert!(s.contains("The surge peaked at 4.2 m."), "{s}");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    // The shell prints stty's answer a moment after the exit status (slower on a busy machine).
    let s = tmux.wait_for_fn(|s| {
        s.lines()
            .skip_while(|l| !l.starts_with("EXITED"))
            .nth(1)
            .is_some_and(|l| !l.trim().is_empty())
    });
    let after: Vec<&str> = s.lines().skip_while(|l| !l.starts_with("EXITED")).collect();
    assert_eq!(
        after.get(1).map(|l| l.trim()),
        Some("icanon"),
        "terminal left raw:\n{s}"
    );
    assert!(
        !s.contains("Harbour Gazette"),
        "the alternate screen was left:\n{s}"
    );

    let out = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .args(["list", "--json"])
        .output()
        .expect("list");
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["title"], "Storm closes the harbour");
    assert_eq!(
        rows[0]["read"], true,
        "opening it marked it read, and that was saved"
    );
    assert_eq!(rows[0]["bookmarked"], true);
    assert_eq!(rows[1]["read"], false);
}

#[test]
fn share_commands_get_literal_arguments_and_can_borrow_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let title = "Storm $(touch pwned); `touch pwned2` \"q\" 'r' & more";
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://t.example/</link><description>x</description>\
             <item><title>{}</title><link>https://t.example/a?x=1&amp;y=2</link><guid>1</guid><description>Body</description></item></channel></rss>",
            title.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&apos;")
        ),
    )
    .expect("feed");
    let out = dir.path().join("args.txt");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[general]\nremote = \"no\"\n\n[[feed]]\nurl = \"file://{}\"\n\n\
             [[share]]\nname = \"Dump\"\nkey = \"D\"\ncommand = [\"sh\", \"-c\", \"printf '%s\\\\n' \\\"$@\\\" > {}\", \"sh\", \"{{title}}\", \"{{url}}\"]\n\n\
             [[share]]\nname = \"Pager\"\nkey = \"P\"\nterminal = true\ncommand = [\"sh\", \"-c\", \"echo IN-CHILD; read answer; echo got-$answer > {}\"]\n",
            feed.display(),
            out.display(),
            dir.path().join("child.txt").display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    // A text browser (by its name) gets the terminal too, instead of starting detached.
    let lynx_dir = dir.path().join("bin");
    std::fs::create_dir_all(&lynx_dir).expect("bin dir");
    let lynx = lynx_dir.join("lynx");
    std::fs::write(
        &lynx,
        format!(
            "#!/bin/sh\necho IN-LYNX \"$1\"\nread answer\nprintf '%s %s' \"$answer\" \"$1\" > {}\n",
            dir.path().join("lynx.txt").display()
        ),
    )
    .expect("lynx");
    std::fs::set_permissions(&lynx, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "env BROWSER={} {bin} --config {} --data-dir {}",
        lynx.display(),
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-share");
    let dir_str = dir.path().to_str().expect("utf-8 temp path");
    tmux.start(&cmdline, (100, 30), Some(dir_str));
    tmux.wait_for("1/1");
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait_for("Body");
    tmux.keys(&["s"]);
    tmux.wait_for("Dump");
    tmux.keys(&["D"]);
    tmux.wait_for("share 'Dump' done");
    let args = std::fs::read_to_string(&out).expect("the command ran");
    assert_eq!(args, format!("{title}\nhttps://t.example/a?x=1&y=2\n"));
    assert!(!dir.path().join("pwned").exists() && !dir.path().join("pwned2").exists());

    // A terminal target: the UI steps aside, the program reads the keyboard, the UI returns.
    tmux.keys(&["s", "P"]);
    tmux.wait_for("IN-CHILD");
    tmux.keys(&["y", "e", "s", "Enter"]);
    tmux.wait_for("share 'Pager' done");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("child.txt")).expect("child wrote"),
        "got-yes\n"
    );
    let s = tmux.screen();
    assert!(
        s.contains("Body") && !s.contains("IN-CHILD"),
        "the reader is back:\n{s}"
    );

    tmux.keys(&["o"]);
    tmux.wait_for("IN-LYNX https://t.example/a?x=1&y=2");
    tmux.keys(&["o", "k", "Enter"]);
    tmux.wait_for("Back from");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lynx.txt")).expect("lynx wrote"),
        "ok https://t.example/a?x=1&y=2"
    );
    assert!(tmux.screen().contains("Body"), "the reader is back");
}

const EMOJI_FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Emoji Gazette</title><link>https://g.example/</link><description>x</description>
<item><title>絵文字テスト 🎉🇯🇵</title><link>https://g.example/1</link><guid>g-1</guid><pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><description>one</description></item>
<item><title>Family 👨&#x200D;👩&#x200D;👧 heart ❤&#xFE0F; thumbs 👍🏽 done</title><link>https://g.example/2</link><guid>g-2</guid><pubDate>Tue, 28 Jan 2025 10:00:00 +0000</pubDate><description>two</description></item>
<item><title>Plain headline</title><link>https://g.example/3</link><guid>g-3</guid><pubDate>Mon, 27 Jan 2025 10:00:00 +0000</pubDate><description>three</description></item>
</channel></rss>"#;

/// Characters terminals lay out differently from ratatui (regional indicators, ZWJ, VS16).
fn unsettled(s: &str) -> Option<char> {
    s.chars().find(|c| {
        ('\u{1F1E6}'..='\u{1F1FF}').contains(c)
            || *c == '\u{200D}'
            || *c == '\u{FE0F}'
            || ('\u{1F3FB}'..='\u{1F3FF}').contains(c)
    })
}

/// Rows above the status bar (whose message may expire between two captures).
fn body_rows(s: &str) -> Vec<String> {
    let lines: Vec<String> = s.lines().map(|l| l.trim_end().to_string()).collect();
    lines[..lines.len().saturating_sub(1)].to_vec()
}

#[test]
fn flag_emoji_leave_no_debris_and_ctrl_l_redraws() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, EMOJI_FEED).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bytes = dir.path().join("bytes.out");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-emoji");
    tmux.start(&cmdline, (80, 24), None);
    // Every byte the reader sends to the terminal.
    tmux.cmd(&[
        "pipe-pane",
        "-t",
        "t",
        &format!("cat >> {}", bytes.display()),
    ]);
    tmux.wait_for("3/3");
    tmux.keys(&["j", "j", "j", "Enter"]);
    let s = tmux.wait_for("Plain headline");
    assert!(s.contains("絵文字テスト 🎉JP"), "{s}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("https://g.example/1");
    tmux.keys(&["J"]);
    tmux.wait_for("https://g.example/2");
    tmux.keys(&["q", "q"]);
    tmux.wait_for("▸ All articles");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let after = tmux.screen();
    assert_eq!(unsettled(&after), None, "debris on screen:\n{after}");
    // A fresh draw of the same screen: Ctrl-L clears the terminal and draws every cell.
    let before = std::fs::read(&bytes).map_or(0, |b| b.len());
    tmux.keys(&["C-l"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let fresh = tmux.screen();
    assert_eq!(
        body_rows(&after),
        body_rows(&fresh),
        "stray cells:\n{after}\n--- fresh ---\n{fresh}"
    );
    tmux.cmd(&["pipe-pane", "-t", "t"]);
    let sent = String::from_utf8_lossy(&std::fs::read(&bytes).expect("piped bytes")).into_owned();
    assert!(
        sent.contains("JP"),
        "the flag went out as its letters: {sent:?}"
    );
    assert_eq!(unsettled(&sent), None, "sent to the terminal");
    let redraw = std::fs::read(&bytes).expect("piped bytes");
    let redraw = String::from_utf8_lossy(&redraw[before..]);
    assert!(
        redraw.contains("\x1b[2J"),
        "Ctrl-L did not clear: {redraw:?}"
    );
    assert!(
        redraw.contains("Emoji Gazette"),
        "Ctrl-L did not draw anew: {redraw:?}"
    );
}

#[test]
fn no_color_shows_the_cursor_row_in_reverse_video_without_colours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .expect("config");
    let bytes = dir.path().join("bytes.out");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "NO_COLOR=1 TZ=UTC {bin} --config {} --data-dir {}",
        config.display(),
        dir.path().join("data").display()
    );
    let tmux = Tmux::new("e2e-nocolor");
    tmux.start(&cmdline, (80, 24), None);
    tmux.cmd(&[
        "pipe-pane",
        "-t",
        "t",
        &format!("cat >> {}", bytes.display()),
    ]);
    tmux.wait_for("2/2");
    tmux.keys(&["j", "j", "j", "Enter", "j"]);
    tmux.wait_for("Rail tunnel approved");
    std::thread::sleep(std::time::Duration::from_millis(300));
    // -e: the screen with its attributes, as SGR sequences.
    let styled =
        String::from_utf8_lossy(&tmux.cmd(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
            .into_owned();
    let row = styled
        .lines()
        .find(|l| l.contains("Rail tunnel approved"))
        .expect("the second headline");
    assert!(row.contains("\x1b[7m"), "cursor row not reversed: {row:?}");
    let other = styled
        .lines()
        .find(|l| l.contains("Storm closes the harbour"))
        .expect("the first headline");
    assert!(!other.contains("\x1b[7m"), "{other:?}");
    tmux.cmd(&["pipe-pane", "-t", "t"]);
    let sent = String::from_utf8_lossy(&std::fs::read(&bytes).expect("piped bytes")).into_owned();
    for colour in ["\x1b[38;", "\x1b[48;", ";38;", ";48;"] {
        assert!(!sent.contains(colour), "a colour was sent: {sent:?}");
    }
}

#[test]
fn a_rebinding_that_leaves_an_action_without_a_key_is_said_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[keys]\ntoggle_read = \"r\"\n\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-keys");
    tmux.start(&cmdline, (120, 30), None);
    tmux.wait_for("toggle_read took r from refresh_feed, which now has no key");
    // Help is longer than 30 rows: the refresh rows are on its second page.
    tmux.keys(&["?", "PageDown"]);
    // Not "refresh_feed": the warning in the status line says that before help is drawn.
    let s = tmux.wait_for("(no key)");
    let row = s
        .lines()
        .find(|l| l.contains("refresh_feed"))
        .expect("refresh_feed row");
    assert!(row.contains("(no key)"), "{s}");
    tmux.keys(&["q", "q"]);
    let log = std::fs::read_to_string(data.join("logs").join("tidings.log")).expect("log");
    assert!(
        log.contains("toggle_read took r from refresh_feed"),
        "not logged:\n{log}"
    );
}

/// `tidings add` in another terminal: the running reader reads config.toml again within a
/// tick, lists the new feed and polls it; a feed taken out of the file leaves the list.
#[test]
fn the_reader_follows_config_toml_edits_while_it_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (feed, second) = two_feeds(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "# my feeds\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}; sleep 30",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-reload");
    tmux.start(&cmdline, (100, 30), None);
    tmux.wait_for("2/2");

    let out = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .args(["add", "--no-check", &format!("file://{}", second.display())])
        .output()
        .expect("tidings add");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.wait_for("Valley Courier");
    tmux.wait_for("4 unread · 4 articles");

    // Taken out of the file by hand: gone from the list.
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", second.display()),
    )
    .expect("config");
    let s = tmux.wait_for("2 unread · 2 articles");
    assert!(!s.contains("Harbour Gazette"), "{s}");
    assert!(s.contains("Valley Courier"), "{s}");
    tmux.keys(&["Q"]);
}

/// Managing feeds in the reader edits config.toml (comments kept) and the list follows:
/// `E` renames, `]` moves down, `X` then `y` unsubscribes.
#[test]
fn feeds_are_renamed_moved_and_removed_from_the_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (feed, second) = two_feeds(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "# my feeds\n[[feed]]\nurl = \"file://{}\" # the harbour\n\n# valley news\n[[feed]]\nurl = \"file://{}\"\n",
            feed.display(),
            second.display()
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let cmdline = format!(
        "TZ=UTC {bin} --config {} --data-dir {}; sleep 30",
        config.display(),
        data.display()
    );
    let tmux = Tmux::new("e2e-feeds");
    tmux.start(&cmdline, (80, 24), None);
    tmux.wait_for("Valley Courier");
    tmux.wait_for("4 unread");
    // The first feed row is the fourth row.
    tmux.keys(&["j", "j", "j", "E", "C-u"]);
    tmux.type_text("Gazette");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Renamed to “Gazette”");
    let s = tmux.wait_for("   Gazette");
    assert!(!s.contains("Harbour Gazette"), "{s}");
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(
        text.contains("title = \"Gazette\"") && text.contains("# the harbour"),
        "{text}"
    );

    tmux.keys(&["]"]);
    tmux.wait_for_fn(|s| {
        s.find("Valley Courier")
            .zip(s.find("   Gazette"))
            .is_some_and(|(v, g)| v < g)
    });
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(
        text.find("second.xml") < text.find("feed.xml"),
        "moved in the file too:\n{text}"
    );

    // The cursor stayed on Gazette, now the second feed row: unsubscribe from it.
    tmux.keys(&["X"]);
    tmux.wait_for("Unsubscribe from “Gazette”?");
    tmux.keys(&["y"]);
    let s = tmux.wait_for("2 unread · 2 articles");
    assert!(
        !s.contains("   Gazette") && s.contains("Valley Courier"),
        "{s}"
    );
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(!text.contains("feed.xml\""), "{text}");
    assert!(
        text.contains("# valley news") && text.contains("# my feeds"),
        "{text}"
    );
    tmux.keys(&["Q"]);
}

/// The Harbour Gazette (`feed.xml`) and a second feed, the Valley Courier (`second.xml`),
/// two articles each.
fn two_feeds(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let feed = dir.join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let second = dir.join("second.xml");
    std::fs::write(
        &second,
        FEED.replace("Harbour Gazette", "Valley Courier")
            .replace("g-1", "v-1")
            .replace("g-2", "v-2")
            .replace("Storm closes the harbour", "Bridge reopens in the valley"),
    )
    .expect("second feed");
    (feed, second)
}

/// Saving an article as Markdown runs on the runner's file thread: the status line still
/// says where it went and the file is there, and quitting right after loses nothing.
#[test]
fn save_as_markdown_goes_through_the_file_thread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let saved = dir.path().join("saved");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[general]\nsave_dir = \"{}\"\n\n[[feed]]\nurl = \"file://{}\"\n",
            saved.display(),
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
    let tmux = Tmux::new("e2e-save");
    tmux.start(&cmdline, (100, 30), None);
    tmux.wait_for("2/2");
    tmux.keys(&["j", "j", "j", "Enter"]);
    tmux.wait_for("Storm closes the harbour");
    tmux.keys(&["Enter"]);
    tmux.wait_for("The surge peaked at 4.2 m.");
    tmux.keys(&["s", "s"]);
    tmux.wait_for("Saved to");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    let files: Vec<_> = std::fs::read_dir(&saved)
        .expect("save_dir made")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("saved article");
    assert!(text.contains("Storm closes the harbour"), "{text}");
    assert!(text.contains("The surge peaked at 4.2 m."), "{text}");
}
