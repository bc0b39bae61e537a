//! `tidings export --bookmarks`: the built binary on temp dirs, bookmarks set in the database.

use crate::cli_env;
use cli_env::Env;
use tidings::db::{Change, Db};

const NEWS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour [Gazette]</title><link>https://gazette.example/</link><description>x</description>
<item><title>Storm *closes* the [harbour]</title><link>https://gazette.example/storm_(live)</link><guid>g-1</guid>
<pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate></item>
<item><title>Rail tunnel approved</title><link>https://gazette.example/tunnel</link><guid>g-2</guid>
<pubDate>Tue, 28 Jan 2025 10:00:00 +0000</pubDate></item>
<item><title>Ferry timetable</title><link>javascript:alert(1)</link><guid>g-3</guid>
<pubDate>Mon, 27 Jan 2025 08:00:00 +0000</pubDate></item>
<item><title>Not bookmarked</title><link>https://gazette.example/other</link><guid>g-4</guid>
<pubDate>Thu, 30 Jan 2025 08:00:00 +0000</pubDate></item>
</channel></rss>"#;

impl Env {
    /// Refreshes, then bookmarks every article whose title does not start with "Not".
    fn with_bookmarks() -> Env {
        let env = Env::new(&[("news.xml", NEWS)]);
        env.stdout(&["refresh"]);
        let rows: Vec<serde_json::Value> = env
            .stdout(&["list", "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        assert_eq!(rows.len(), 4);
        let changes: Vec<Change> = rows
            .iter()
            .filter(|r| !r["title"].as_str().unwrap().starts_with("Not"))
            .map(|r| Change::Bookmark(r["id"].as_i64().unwrap(), true))
            .collect();
        let mut db = Db::open(&env.path("data").join("tidings.db")).expect("open db");
        db.apply(&changes).expect("bookmark");
        env
    }
}

#[test]
fn bookmarks_export_as_a_markdown_list_newest_first() {
    let env = Env::with_bookmarks();
    let expected = "\
- [Storm *closes* the \\[harbour\\]](https://gazette.example/storm_%28live%29) — Harbour \\[Gazette\\], 29 Jan 2025
- [Rail tunnel approved](https://gazette.example/tunnel) — Harbour \\[Gazette\\], 28 Jan 2025
- Ferry timetable — Harbour \\[Gazette\\], 27 Jan 2025
";
    assert_eq!(env.stdout(&["export", "--bookmarks"]), expected);
    assert_eq!(
        env.stdout(&["export", "--bookmarks", "--format", "markdown"]),
        expected
    );
}

#[test]
fn bookmarks_export_as_json_lines_like_list() {
    let env = Env::with_bookmarks();
    let exported = env.stdout(&["export", "--bookmarks", "--format", "json"]);
    let listed = env.stdout(&["list", "--bookmarked", "--json"]);
    assert_eq!(exported, listed);
    let rows: Vec<serde_json::Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Storm *closes* the [harbour]",
            "Rail tunnel approved",
            "Ferry timetable"
        ]
    );
    assert!(rows.iter().all(|r| r["bookmarked"] == true));
    assert_eq!(rows[0]["published"], "2025-01-29T00:38:00Z");
}

#[test]
fn export_without_the_flag_is_still_opml() {
    let env = Env::with_bookmarks();
    let opml = env.stdout(&["export"]);
    assert!(opml.starts_with("<?xml"), "{opml}");
    assert!(opml.contains("<opml"), "{opml}");
}

#[test]
fn no_bookmarks_prints_nothing_and_format_needs_bookmarks() {
    let env = Env::new(&[("news.xml", NEWS)]);
    env.stdout(&["refresh"]);
    assert_eq!(env.stdout(&["export", "--bookmarks"]), "");
    let out = env.run(&["export", "--format", "json"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--bookmarks"), "{err}");
    let out = env.run(&["export", "--bookmarks", "--format", "yaml"]);
    assert!(!out.status.success());
}
