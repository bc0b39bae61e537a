//! The binary on hostile input: feeds full of escape sequences through `refresh`, `list`,
//! `show`, `feeds` and `export`, and `tidings add` of a web page (feed autodiscovery) on a
//! loopback server.

use crate::cli_env;
use crate::hostile;
use crate::support;

use cli_env::Env;
use support::{Response, TestServer};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn no_escape_from_a_hostile_feed_reaches_stdout_or_stderr() {
    let docs: Vec<(String, String)> = hostile::injection_feeds()
        .into_iter()
        .filter(|(name, _)| !name.contains("long"))
        .map(|(name, bytes)| (format!("{name}.xml"), text(&bytes)))
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    let env = Env::new(&refs);
    let refresh = env.run(&["refresh"]);
    hostile::assert_clean_bytes(&refresh.stdout, "refresh stdout");
    hostile::assert_clean_bytes(&refresh.stderr, "refresh stderr");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["feeds"],
        &["export"],
        &["list", "--filter", "title:\u{1b}[31m or author:\u{202e}"],
    ] {
        let out = env.run(args);
        hostile::assert_clean_bytes(&out.stdout, &format!("{args:?} stdout"));
        hostile::assert_clean_bytes(&out.stderr, &format!("{args:?} stderr"));
    }
    let list = env.stdout(&["list", "--json"]);
    let ids: Vec<String> = list
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["id"].as_i64())
        .map(|id| id.to_string())
        .collect();
    assert!(ids.len() >= 30, "{} articles", ids.len());
    for id in &ids {
        let out = env.run(&["show", id, "--width", "40"]);
        assert!(out.status.success(), "show {id}");
        hostile::assert_clean_bytes(&out.stdout, &format!("show {id}"));
        for line in text(&out.stdout).lines().filter(|l| l.contains("://")) {
            assert!(
                !line.contains("javascript:") && !line.contains("file:") && !line.contains("data:"),
                "show {id}: {line}"
            );
        }
    }
}

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Blog</title>
<link rel="alternate" type="application/rss+xml" title="All posts &#27;[31m" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Comments" href="comments/atom.xml">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body>Hello</body></html>"#;

const FEED: &str = r#"<rss version="2.0"><channel><title>Blog posts</title><item><guid>1</guid><title>Hi</title></item></channel></rss>"#;

fn site() -> TestServer {
    TestServer::start(|req| match req.path.as_str() {
        "/blog/" => Response::ok(PAGE).header("Content-Type", "text/html; charset=utf-8"),
        "/feed.xml" | "/blog/comments/atom.xml" => {
            Response::ok(FEED).header("Content-Type", "application/rss+xml")
        }
        "/plain" => Response::ok("<!doctype html><html><body>no feeds</body></html>"),
        "/text" => Response::ok("just some words").header("Content-Type", "text/plain"),
        _ => Response::status(404),
    })
}

fn config(env: &Env) -> String {
    std::fs::read_to_string(env.path("config.toml")).expect("config")
}

#[test]
fn adding_a_web_page_lists_its_feeds_and_pick_subscribes() {
    let server = site();
    let env = Env::new(&[]);
    let page = server.url("/blog/");

    let out = env.run(&["add", &page]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    hostile::assert_clean_bytes(&out.stdout, "candidates");
    assert!(stdout.contains("1. All posts [RSS]"), "{stdout}");
    assert!(stdout.contains(&server.url("/feed.xml")), "{stdout}");
    assert!(stdout.contains("2. Comments [Atom]"), "{stdout}");
    assert!(
        stdout.contains(&server.url("/blog/comments/atom.xml")),
        "{stdout}"
    );
    assert!(!stdout.contains("javascript"), "{stdout}");
    assert!(
        text(&out.stderr).contains("--pick N"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !config(&env).contains("127.0.0.1"),
        "nothing subscribed yet"
    );

    let out = env.run(&["add", &page, "--pick", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("feeds 1 to 2"),
        "{}",
        text(&out.stderr)
    );

    let out = env.stdout(&["add", &page, "--pick", "2", "--tag", "blog"]);
    assert!(out.contains("Subscribed to"), "{out}");
    let cfg = config(&env);
    assert!(
        cfg.contains(&server.url("/blog/comments/atom.xml")),
        "{cfg}"
    );
    assert!(
        !cfg.contains(&format!("\"{page}\"")),
        "the page itself is not a feed: {cfg}"
    );
}

#[test]
fn adding_a_feed_checks_it_and_other_urls_fail_clearly() {
    let server = site();
    let env = Env::new(&[]);
    let out = env.stdout(&["add", &server.url("/feed.xml")]);
    assert!(
        out.contains("Found a feed: \"Blog posts\", 1 item"),
        "{out}"
    );
    assert!(config(&env).contains(&server.url("/feed.xml")));

    for (path, expected) in [
        ("/plain", "advertises no feed"),
        ("/text", "is not a feed: not a feed (neither XML nor JSON)"),
        ("/missing", "could not fetch"),
    ] {
        let out = env.run(&["add", &server.url(path)]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        let err = text(&out.stderr);
        assert!(err.contains(expected), "{path}: {err}");
        assert!(!config(&env).contains(&server.url(path)), "{path}");
    }
    let out = env.stdout(&["add", "--no-check", &server.url("/missing")]);
    assert!(out.contains("Subscribed to"), "{out}");
}
