//! The command line end to end: the built binary on temp dirs and file:// feeds.

use crate::cli_env;
use crate::tmux;
use cli_env::Env;
use std::process::Command;

const NEWS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>Harbour Gazette</title><link>https://gazette.example/</link><description>x</description>
<item><title>Storm closes the harbour</title><link>https://gazette.example/storm</link><guid>g-1</guid>
<pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><author>ann@gazette.example (Ann Writer)</author>
<description>&lt;p&gt;The surge peaked at &lt;b&gt;4.2 m&lt;/b&gt;; see &lt;a href="https://gazette.example/live"&gt;live&lt;/a&gt;.&lt;/p&gt;</description>
<enclosure url="https://gazette.example/storm.mp3" length="1000" type="audio/mpeg"/><itunes:duration>1:02:03</itunes:duration><itunes:author>Ann</itunes:author>
</item>
<item><title>Rail tunnel approved</title><link>https://gazette.example/tunnel</link><guid>g-2</guid>
<pubDate>Tue, 28 Jan 2025 10:00:00 +0000</pubDate><description>Budget passed.</description></item>
</channel></rss>"#;

const HOSTILE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Evil\u{1b}[2J Feed</title><link>https://evil.example/</link><description>x</description>\
<item><title>Click \u{1b}]52;c;cm0gLXJmIH4=\u{7} me \u{1b}[31mred\u{1b}[0m \u{202e}txt.exe</title><link>https://evil.example/1</link><guid>e-1</guid>\
<description>&lt;p&gt;Body &amp;#27;[31m with escapes&lt;/p&gt;</description></item></channel></rss>";

#[test]
fn refresh_prints_a_line_per_feed_and_a_summary() {
    let env = Env::new(&[("news.xml", NEWS), ("none.xml", "")]);
    std::fs::remove_file(env.path("none.xml")).expect("remove");
    let out = env.run(&["refresh"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "one feed worked, so exit 0: {text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ok") && l.contains("Harbour Gazette") && l.contains("2 new")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("FAIL") && l.contains("not found")),
        "{text}"
    );
    assert!(
        lines[2].starts_with("2 feeds: 1 ok, 1 failed, 2 new articles"),
        "{text}"
    );
}

#[test]
fn refresh_exits_non_zero_when_nothing_worked() {
    let env = Env::new(&[("gone.xml", "")]);
    std::fs::remove_file(env.path("gone.xml")).expect("remove");
    let out = env.run(&["refresh"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn list_json_has_the_documented_fields() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&["refresh"]);
    let text = env.stdout(&["list", "--json"]);
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 2);
    let first = &rows[0];
    assert_eq!(first["title"], "Storm closes the harbour");
    assert_eq!(first["feed"], "Harbour Gazette");
    assert_eq!(first["link"], "https://gazette.example/storm");
    assert_eq!(first["published"], "2025-01-29T00:38:00Z");
    assert_eq!(first["read"], false);
    assert_eq!(first["bookmarked"], false);
    assert!(first["id"].as_i64().is_some());
    assert_eq!(
        first["enclosures"][0]["url"],
        "https://gazette.example/storm.mp3"
    );
    assert_eq!(first["enclosures"][0]["duration_secs"], 3723);
    assert_eq!(rows[1]["enclosures"], serde_json::json!([]));

    let limited = env.stdout(&["list", "--limit", "1"]);
    assert_eq!(limited.lines().count(), 1);
    assert!(env.stdout(&["list", "--feed", "nomatch"]).is_empty());
    assert_eq!(
        env.stdout(&["list", "--feed", "GAZETTE"]).lines().count(),
        2
    );
    assert!(env.stdout(&["list", "--bookmarked"]).is_empty());
    assert_eq!(env.stdout(&["list", "--unread"]).lines().count(), 2);
}

#[test]
fn show_renders_the_article_as_text() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&["refresh"]);
    let list = env.stdout(&["list", "--json", "--limit", "1"]);
    let row: serde_json::Value = serde_json::from_str(list.trim()).expect("json");
    let id = row["id"].as_i64().expect("id").to_string();
    let text = env.stdout(&["show", &id, "--width", "60"]);
    assert!(text.starts_with("Storm closes the harbour\n"), "{text}");
    assert!(text.contains("Harbour Gazette"), "{text}");
    assert!(text.contains("29 Jan 2025 00:38"), "{text}");
    assert!(text.contains("https://gazette.example/storm"), "{text}");
    assert!(text.contains("1:02:03"), "duration shown: {text}");
    assert!(text.contains("4.2 m"), "{text}");
    assert!(
        text.contains("[1]: https://gazette.example/live")
            || text.contains("[1] https://gazette.example/live"),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 60 || l.contains("https://")),
        "{text}"
    );
    let missing = env.run(&["show", "999999"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn nothing_from_a_feed_reaches_stdout_with_escapes() {
    let env = Env::new(&[("evil.xml", HOSTILE)]);
    let refresh = env.run(&["refresh"]);
    let list = env.run(&["list"]);
    let json = env.run(&["list", "--json"]);
    let feeds = env.run(&["feeds"]);
    let export = env.run(&["export"]);
    let feeds_json = env.run(&["feeds", "--json"]);
    for out in [&refresh, &list, &json, &feeds, &export, &feeds_json] {
        assert!(out.status.success());
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.contains(&0x1b),
                "ESC leaked: {}",
                String::from_utf8_lossy(stream)
            );
            let s = String::from_utf8_lossy(stream);
            assert!(!s.contains('\u{202e}') && !s.contains('\u{7}'), "{s}");
        }
    }
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("Click") && text.contains("red"), "{text}");
    let row: serde_json::Value = serde_json::from_slice(json.stdout.trim_ascii()).expect("json");
    let id = row["id"].as_i64().expect("id").to_string();
    let show = env.run(&["show", &id]);
    assert!(
        !show.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&show.stdout)
    );
}

#[test]
fn add_export_import_round_trip_keeps_comments() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&[
        "add",
        "--no-check",
        "https://feeds.example/a.xml",
        "--title",
        "Feed A",
        "--tag",
        "news",
        "--tag",
        "en",
    ]);
    let again = env.stdout(&["add", "--no-check", "https://feeds.example/a.xml"]);
    assert!(again.contains("Already subscribed"), "{again}");
    let bad = env.run(&["add", "javascript:alert(1)"]);
    assert_eq!(bad.status.code(), Some(2));
    let config = std::fs::read_to_string(env.path("config.toml")).expect("config");
    assert!(
        config.starts_with("# my own comment, keep me\n"),
        "{config}"
    );
    assert!(config.contains("https://feeds.example/a.xml"));

    let opml = env.stdout(&["export"]);
    assert!(
        opml.contains("xmlUrl=\"https://feeds.example/a.xml\""),
        "{opml}"
    );
    assert!(opml.contains("Feed A"));

    let urls = env.path("urls");
    std::fs::write(&urls, "https://feeds.example/b.xml tech \"~Feed B\"\nexec:rm -rf ~\nhttps://feeds.example/a.xml\n").expect("write");
    let out = env.stdout(&["import", urls.to_str().expect("utf-8 path")]);
    assert!(out.contains("Imported 1 new feed"), "{out}");
    assert!(out.contains("skipped"), "{out}");
    let config = std::fs::read_to_string(env.path("config.toml")).expect("config");
    assert!(config.contains("https://feeds.example/b.xml") && config.contains("Feed B"));
    assert!(!config.contains("rm -rf"));
}

#[test]
fn feeds_lists_counts_and_status() {
    let env = Env::new(&[("news.xml", NEWS), ("gone.xml", "")]);
    std::fs::remove_file(env.path("gone.xml")).expect("remove");
    env.run(&["refresh"]);
    let text = env.stdout(&["feeds"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("Harbour Gazette")
            && lines[0].contains("2 unread")
            && lines[0].contains("ok"),
        "{text}"
    );
    assert!(
        lines[1].contains("ERROR") && lines[1].contains("not found"),
        "{text}"
    );
}

#[test]
fn first_run_writes_a_commented_config_with_the_demo_feed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("HOME", dir.path())
        .arg("feeds")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config_path = dir.path().join("cfg/tidings/config.toml");
    let config = std::fs::read_to_string(&config_path).expect("config written");
    assert!(config.contains("tidings:demo") && config.contains('#'));
    assert!(dir.path().join("data/tidings/tidings.db").exists());
    let feeds = String::from_utf8_lossy(&out.stdout);
    assert!(
        feeds.lines().count() >= 9,
        "demo plus at least 8 outlets: {feeds}"
    );
    // An edited config is never overwritten.
    std::fs::write(&config_path, "# mine\n[[feed]]\nurl = \"tidings:demo\"\n").expect("edit");
    let _ = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .arg("refresh")
        .output()
        .expect("run");
    assert_eq!(
        std::fs::read_to_string(&config_path).expect("config"),
        "# mine\n[[feed]]\nurl = \"tidings:demo\"\n"
    );
}

#[test]
fn list_filter_uses_the_filter_language() {
    let env = Env::new(&[("news.xml", NEWS), ("evil.xml", HOSTILE)]);
    env.stdout(&["refresh"]);
    let titles = |expr: &str| -> Vec<String> {
        env.stdout(&["list", "--json", "--filter", expr])
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).expect("json")["title"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        titles("feed:gazette has:enclosure"),
        vec!["Storm closes the harbour"]
    );
    assert_eq!(titles("tunnel or storm").len(), 2);
    assert_eq!(titles("-storm feed:gazette"), vec!["Rail tunnel approved"]);
    // "surge" is only in the body: found through the full-text index.
    assert_eq!(titles("surge"), vec!["Storm closes the harbour"]);
    assert_eq!(titles("before:2025-01-29"), vec!["Rail tunnel approved"]);
    assert!(titles("bookmarked").is_empty());
    let bad = env.run(&["list", "--filter", "unread and (feed:x"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("bad filter") && err.contains('^'), "{err}");
}

/// A tidings on a fresh install: every location from XDG variables under `dir`.
fn fresh(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("HOME", dir)
        .env("TZ", "UTC")
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn an_explicit_config_that_does_not_exist_is_an_error_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("missing/sub/config.toml");
    let data = dir.path().join("data");
    for args in [&["feeds"][..], &["list"], &["refresh"], &[]] {
        let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(&config)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&config.display().to_string()) && err.contains("does not exist"),
            "{args:?}: {err}"
        );
        assert!(!dir.path().join("missing").exists(), "{args:?}");
        assert!(!data.exists(), "{args:?}");
    }
}

#[test]
fn a_first_import_or_add_subscribes_only_what_was_asked() {
    for first in ["import", "add"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let urls = dir.path().join("urls");
        std::fs::write(&urls, "https://feeds.example/mine.xml \"~Mine\"\n").expect("write");
        let out = match first {
            "import" => fresh(dir.path(), &["import", urls.to_str().expect("utf-8")]),
            _ => fresh(
                dir.path(),
                &["add", "--no-check", "https://feeds.example/mine.xml"],
            ),
        };
        assert!(
            out.status.success(),
            "{first}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let config_path = dir.path().join("cfg/tidings/config.toml");
        let text = std::fs::read_to_string(&config_path).expect("config written");
        assert!(text.contains("# tidings configuration"), "{first}: {text}");
        let config = tidings::config::parse(&text).expect("parses");
        let urls: Vec<&str> = config.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, vec!["https://feeds.example/mine.xml"], "{first}");
        let feeds = fresh(dir.path(), &["feeds"]);
        assert_eq!(
            String::from_utf8_lossy(&feeds.stdout).lines().count(),
            1,
            "{first}"
        );
    }
    // An add that subscribes nothing writes nothing: the next start still gets the
    // starter config.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fresh(dir.path(), &["add", "http://127.0.0.1:9/nothing-here.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("cfg/tidings/config.toml").exists());
}

#[test]
fn export_names_a_feed_by_its_own_title_when_config_has_none() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&["refresh"]);
    let opml = env.stdout(&["export"]);
    assert!(opml.contains("text=\"Harbour Gazette\""), "{opml}");
    assert!(opml.contains("title=\"Harbour Gazette\""), "{opml}");
    // Never fetched: nothing better than the URL is known.
    let env = Env::new(&[("news.xml", NEWS)]);
    let opml = env.stdout(&["export"]);
    assert!(opml.contains("text=\"file://"), "{opml}");
}

#[test]
fn search_without_matches_says_so_and_exits_1() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&["refresh"]);
    let out = env.run(&["search", "zzzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no matches"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.stdout(&["search", "storm"]).lines().count(), 1);
}

#[test]
fn add_without_a_scheme_suggests_the_full_url() {
    let env = Env::new(&[]);
    for (typed, suggested) in [
        ("127.0.0.1:8765/de.xml", "http://127.0.0.1:8765/de.xml"),
        ("localhost:8080/feed", "http://localhost:8080/feed"),
        ("example.com/feed.xml", "https://example.com/feed.xml"),
    ] {
        let out = env.run(&["add", typed]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(suggested), "{typed}: {err}");
        assert!(!err.contains("relative URL without a base"), "{err}");
    }
}

#[test]
fn every_argument_has_help_text() {
    use clap::CommandFactory;
    fn check(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments() {
            if matches!(arg.get_id().as_str(), "help" | "version") {
                continue;
            }
            assert!(
                arg.get_help().is_some(),
                "{path} {}: no help text",
                arg.get_id()
            );
        }
        for sub in cmd.get_subcommands() {
            assert!(sub.get_about().is_some(), "{path} {}", sub.get_name());
            check(sub, &format!("{path} {}", sub.get_name()));
        }
    }
    check(&tidings::cli::Cli::command(), "tidings");
}

#[test]
fn list_and_feeds_fit_a_terminal_and_print_whole_lines_to_a_pipe() {
    let long = "A very long headline that goes on and on about the harbour, the storm, \
                the rail tunnel and the budget until no terminal could hold it";
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>The Extremely Long Named Harbour Gazette</title>\
         <item><title>{long}</title><guid>1</guid></item></channel></rss>"
    );
    let env = Env::new(&[("long.xml", feed.as_str())]);
    env.stdout(&["refresh"]);
    let piped = env.stdout(&["list"]);
    assert!(piped.contains(long), "{piped}");
    let piped = env.stdout(&["feeds"]);
    assert!(piped.contains("long.xml"), "{piped}");

    let tmux = tmux::Tmux::new("cli-width");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let run = |cmd: &str| {
        format!(
            "{bin} --config {} --data-dir {} {cmd}",
            env.path("config.toml").display(),
            env.path("data").display()
        )
    };
    tmux.start(
        &format!(
            "TZ=UTC {}; {}; echo DONE; sleep 30",
            run("list"),
            run("feeds")
        ),
        (60, 20),
        None,
    );
    tmux.wait_for("DONE");
    // -J joins lines the terminal wrapped, so a wrapped line shows as a long one.
    let joined =
        String::from_utf8_lossy(&tmux.cmd(&["capture-pane", "-p", "-J", "-t", "t"]).stdout)
            .into_owned();
    let lines: Vec<&str> = joined
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 3, "{joined}");
    for l in &lines {
        assert!(l.chars().count() <= 60, "wrapped: {l:?}\n{joined}");
    }
    assert!(
        lines[0].contains("A very long head") && lines[0].ends_with('…'),
        "{joined}"
    );
    assert!(
        lines[1].contains("The Extremely Long") && lines[1].contains("unread"),
        "{joined}"
    );
}
