//! `tidings show ID --full`: the article from its page, fetched from 127.0.0.1 once and
//! then read from the database; a failure is one line on stderr and the feed's text.

use crate::cli_env::Env;
use crate::support::{Response, TestServer};

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages");

fn feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>{base}/</link>
<item><title>Dutch port strike halts container traffic</title><link>{base}/story</link><guid>a</guid>
<description>Terminals stayed shut... Read more</description><pubDate>Thu, 28 May 2026 09:14:00 GMT</pubDate></item>
<item><title>Kazan bridge</title><link>{base}/ru</link><guid>b</guid><description>Мост открыт.</description></item>
<item><title>Gone</title><link>{base}/gone</link><guid>c</guid><description>The feed's own text.</description></item>
</channel></rss>"#
    )
}

/// The wire page at /story and the cp1251 page at /ru (anything else a 404), and a
/// reader whose one feed, a file naming them, has `setting` too.
fn served(setting: &str) -> (TestServer, Env) {
    let wire = std::fs::read(format!("{PAGES}/wire.html")).unwrap();
    let ru = std::fs::read(format!("{PAGES}/russian_cp1251.html")).unwrap();
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/story" => Response::ok(wire.clone()).header("Content-Type", "text/html"),
        "/ru" => Response::ok(ru.clone()).header("Content-Type", "text/html"),
        _ => Response::status(404),
    });
    let env = Env::new(&[]);
    let base = server.url("").trim_end_matches('/').to_string();
    std::fs::write(env.path("feed.xml"), feed(&base)).unwrap();
    std::fs::write(
        env.path("config.toml"),
        format!(
            "[[feed]]\nurl = \"file://{}\"\n{setting}\n",
            env.path("feed.xml").display()
        ),
    )
    .unwrap();
    (server, env)
}

#[test]
fn show_full_prints_the_page_article_and_keeps_it() {
    let (server, env) = served("scrape_remove = [\".contributors\"]");
    env.stdout(&["refresh"]);
    let id = |title: &str| {
        env.stdout(&["list"])
            .lines()
            .find(|l| l.contains(title))
            .and_then(|l| l.split_whitespace().next())
            .unwrap()
            .to_string()
    };
    let story = id("Dutch port");

    let plain = env.stdout(&["show", &story]);
    assert!(!plain.contains("Talks are scheduled"), "{plain}");
    let full = env.stdout(&["show", &story, "--full", "--width", "100"]);
    assert!(
        full.contains("Talks are scheduled to resume on Friday"),
        "{full}"
    );
    assert!(
        full.contains("Pieter de Vries"),
        "the page's byline: {full}"
    );
    for chrome in [
        "Accept all",
        "Related coverage",
        "All quotes delayed",
        "Share on X",
    ] {
        assert!(!full.contains(chrome), "{chrome}: {full}");
    }
    assert!(
        !full.contains("Editing by Jan Harvey"),
        "scrape_remove applies: {full}"
    );
    // Stored: the second time needs no server.
    let asked = server.requests().len();
    assert_eq!(
        env.stdout(&["show", &story, "--full", "--width", "100"]),
        full
    );
    assert_eq!(server.requests().len(), asked);
    // The feed's own text is still what plain `show` prints, and search finds the page.
    assert_eq!(env.stdout(&["show", &story]), plain);
    assert!(env.stdout(&["search", "mediator"]).contains("Dutch port"));

    // A page in windows-1251; its date stands in for the feed's missing one.
    let ru = env.stdout(&["show", &id("Kazan"), "--full"]);
    assert!(ru.contains("Ремонт начался в мае 2024 года."), "{ru}");
    assert!(ru.contains("25 May 2026 07:30"), "{ru}");

    let gone = env.run(&["show", &id("Gone"), "--full"]);
    assert!(gone.status.success());
    let stderr = String::from_utf8_lossy(&gone.stderr);
    assert_eq!(
        stderr.trim(),
        "tidings: no full text: could not fetch the page: HTTP 404 Not Found"
    );
    assert!(String::from_utf8_lossy(&gone.stdout).contains("The feed's own text."));
}

/// `full_text = true`: `tidings refresh` reads the new articles' pages once, so `show
/// --full` then needs no server; a failure is counted and not tried by every refresh.
#[test]
fn refresh_reads_the_pages_of_full_text_feeds() {
    let (server, env) = served("full_text = true");
    let out = env.stdout(&["refresh"]);
    assert!(out.contains("Full text: read 2 pages, 1 failed"), "{out}");
    let asked = server.requests().len();
    assert_eq!(asked, 3);
    let id = env
        .stdout(&["list"])
        .lines()
        .find(|l| l.contains("Dutch port"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let full = env.stdout(&["show", &id, "--full", "--width", "100"]);
    assert!(
        full.contains("Talks are scheduled to resume on Friday"),
        "{full}"
    );
    assert!(env.stdout(&["search", "Миллениум"]).contains("Kazan"));
    // Nothing left to read: the next refresh asks for no page.
    let again = env.stdout(&["refresh"]);
    assert!(!again.contains("Full text"), "{again}");
    assert_eq!(server.requests().len(), asked);
}
