//! Managing subscriptions and read state from the command line: `remove`, `rename`,
//! `feeds --json`, `mark-read`. The built binary on temp dirs, file:// feeds and the real
//! SQLite file.

use crate::cli_env;
use cli_env::Env;

fn rss(title: &str, items: &[(&str, &str)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>{title}</title>"
    );
    for (guid, t) in items {
        s.push_str(&format!(
            "<item><title>{t}</title><guid>{guid}</guid><link>https://n.example/{guid}</link>\
             <pubDate>Wed, 29 Jan 2025 10:00:00 +0000</pubDate></item>"
        ));
    }
    s + "</channel></rss>"
}

/// Two feeds: the Gazette (no title in config) and the Courier (titled in config),
/// with the user's comments around them; refreshed once.
fn world() -> Env {
    let env = Env::new(&[]);
    let gazette = env.path("gazette.xml");
    let courier = env.path("courier.xml");
    std::fs::write(
        &gazette,
        rss(
            "Harbour Gazette",
            &[
                ("g1", "Storm closes the harbour"),
                ("g2", "Rail tunnel approved"),
            ],
        ),
    )
    .expect("write");
    std::fs::write(&courier, rss("Courier", &[("c1", "Market day")])).expect("write");
    let config = format!(
        "# my own comment, keep me\n[general]\nrefresh_minutes = 60\n\n\
         # the local paper\n[[feed]]\nurl = \"file://{}\"\n\n\
         # my second feed\n[[feed]]\nurl = \"file://{}\"\ntitle = \"The Courier\" # short name\n",
        gazette.display(),
        courier.display()
    );
    std::fs::write(env.path("config.toml"), config).expect("config");
    env.stdout(&["refresh"]);
    env
}

fn db(env: &Env) -> rusqlite::Connection {
    rusqlite::Connection::open(env.path("data/tidings.db")).expect("db")
}

fn count(env: &Env, sql: &str) -> i64 {
    db(env).query_row(sql, [], |r| r.get(0)).expect("count")
}

fn config(env: &Env) -> String {
    std::fs::read_to_string(env.path("config.toml")).expect("config")
}

#[test]
fn remove_by_title_drops_the_feed_and_its_articles_but_keeps_bookmarks_and_comments() {
    let env = world();
    db(&env)
        .execute(
            "UPDATE articles SET bookmarked = 1 WHERE title = 'Storm closes the harbour'",
            [],
        )
        .expect("bookmark");
    let out = env.stdout(&["remove", "harbour GAZETTE"]);
    assert!(
        out.contains("Removed") && out.contains("Harbour Gazette"),
        "{out}"
    );
    assert!(out.contains("1 bookmarked article"), "{out}");
    let text = config(&env);
    assert!(!text.contains("gazette.xml"), "{text}");
    for kept in [
        "# my own comment, keep me",
        "# the local paper",
        "# my second feed",
        "# short name",
    ] {
        assert!(text.contains(kept), "{kept} lost:\n{text}");
    }
    assert!(tidings::config::parse(&text).is_ok());
    // The unbookmarked article is gone from the file, the bookmarked one stays.
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM articles WHERE title = 'Rail tunnel approved'"
        ),
        0
    );
    assert_eq!(
        count(&env, "SELECT count(*) FROM articles WHERE bookmarked = 1"),
        1
    );
    let feeds = env.stdout(&["feeds"]);
    assert!(
        !feeds.contains("Gazette") && feeds.contains("The Courier"),
        "{feeds}"
    );
    assert!(
        env.stdout(&["export", "--bookmarks"])
            .contains("Storm closes the harbour")
    );

    // By URL, and nothing bookmarked: the feed row goes too.
    let courier = format!("file://{}", env.path("courier.xml").display());
    env.stdout(&["remove", &courier]);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM articles WHERE title = 'Market day'"
        ),
        0
    );
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM feeds WHERE url LIKE '%courier%'"
        ),
        0
    );
    assert!(config(&env).contains("# my second feed"));
}

#[test]
fn remove_or_rename_of_an_unknown_or_ambiguous_feed_lists_candidates_and_changes_nothing() {
    let env = world();
    let before = config(&env);
    let out = env.run(&["remove", "nothing like it"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no feed") && err.contains("tidings feeds"),
        "{err}"
    );

    // A part of a name is not enough to remove, but it is offered.
    let out = env.run(&["remove", "gazette"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Harbour Gazette") && err.contains("gazette.xml"),
        "{err}"
    );

    // Two feeds named the same: name one by its URL.
    let env2 = Env::new(&[]);
    let (a, b) = (env2.path("a.xml"), env2.path("b.xml"));
    std::fs::write(&a, rss("Same", &[("a", "A")])).expect("write");
    std::fs::write(&b, rss("Same", &[("b", "B")])).expect("write");
    std::fs::write(
        env2.path("config.toml"),
        format!(
            "[[feed]]\nurl = \"file://{}\"\n\n[[feed]]\nurl = \"file://{}\"\n",
            a.display(),
            b.display()
        ),
    )
    .expect("config");
    env2.stdout(&["refresh"]);
    for args in [&["remove", "same"][..], &["rename", "same", "X"]] {
        let out = env2.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("a.xml") && err.contains("b.xml") && err.contains("URL"),
            "{err}"
        );
    }
    assert_eq!(config(&env), before);
    assert_eq!(count(&env, "SELECT count(*) FROM articles"), 3);
}

#[test]
fn rename_sets_the_title_in_config_keeping_comments() {
    let env = world();
    let out = env.stdout(&["rename", "Harbour Gazette", "The Gazette"]);
    assert!(out.contains("The Gazette"), "{out}");
    let out = env.stdout(&["rename", "the courier", "Courier Daily"]);
    assert!(out.contains("Courier Daily"), "{out}");
    let text = config(&env);
    assert!(text.contains("title = \"The Gazette\""), "{text}");
    assert!(
        text.contains("title = \"Courier Daily\" # short name"),
        "{text}"
    );
    assert!(text.contains("# the local paper") && text.contains("# my own comment, keep me"));
    let feeds = env.stdout(&["feeds"]);
    assert!(
        feeds.contains("The Gazette") && feeds.contains("Courier Daily"),
        "{feeds}"
    );
    // An empty name goes back to the feed's own title.
    env.stdout(&["rename", "The Gazette", ""]);
    assert!(env.stdout(&["feeds"]).contains("Harbour Gazette"));
    // Escapes in a new name never reach the file.
    env.stdout(&["rename", "Courier Daily", "Evil\u{1b}[2J"]);
    assert!(!config(&env).contains('\u{1b}'));
}

#[test]
fn feeds_json_has_a_line_per_feed() {
    let env = world();
    std::fs::remove_file(env.path("courier.xml")).expect("remove");
    env.run(&["refresh"]);
    let rows: Vec<serde_json::Value> = env
        .stdout(&["feeds", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["title"], "Harbour Gazette");
    assert_eq!(rows[0]["unread"], 2);
    assert_eq!(rows[0]["total"], 2);
    assert_eq!(rows[0]["status"], "ok");
    assert!(
        rows[0]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("gazette.xml"))
    );
    assert!(rows[0]["id"].as_i64().is_some());
    assert_eq!(rows[1]["title"], "The Courier");
    assert_eq!(rows[1]["status"], "error");
    assert!(
        rows[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("not found")),
        "{}",
        rows[1]
    );
}

#[test]
fn mark_read_marks_what_matches_and_says_how_many() {
    let env = world();
    let unread = |env: &Env| env.stdout(&["list", "--unread"]).lines().count();
    assert_eq!(unread(&env), 3);
    let out = env.stdout(&["mark-read", "--filter", "storm"]);
    assert!(out.contains("Marked 1 article read"), "{out}");
    assert_eq!(unread(&env), 2);
    // Already read articles are not counted again.
    let out = env.stdout(&["mark-read", "--feed", "gazette", "--older-than", "7d"]);
    assert!(out.contains("Marked 1 article read"), "{out}");
    assert_eq!(
        count(&env, "SELECT count(*) FROM articles WHERE read = 1"),
        2
    );
    // Nothing older than that.
    let out = env.stdout(&["mark-read", "--older-than", "5200w"]);
    assert!(out.contains("Marked 0 articles read"), "{out}");
    let bad = env.run(&["mark-read", "--older-than", "seven days"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("like 7d"));
    let bad = env.run(&["mark-read", "--filter", "(storm"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(unread(&env), 1);
    let out = env.stdout(&["mark-read"]);
    assert!(out.contains("Marked 1 article read"), "{out}");
    assert_eq!(unread(&env), 0);
}
