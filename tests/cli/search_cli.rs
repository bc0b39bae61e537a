//! `tidings search` end to end: the built binary on temp dirs and file:// feeds.

use crate::cli_env;
use cli_env::Env;

impl Env {
    /// Titles in the order `search` printed them.
    fn titles(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        self.stdout(&all)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                v["title"].as_str().unwrap_or_default().to_string()
            })
            .collect()
    }
}

fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://news.example/</link><description>x</description>"
    );
    for (i, (guid, title, body)) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><title>{title}</title><link>https://news.example/{guid}</link><guid>{guid}</guid>\
             <pubDate>Wed, {:02} Jan 2025 10:00:00 +0000</pubDate><description>{body}</description></item>",
            20 - i
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn corpus() -> Env {
    let world = rss(
        "World Desk",
        &[
            (
                "w1",
                "Glacier retreats faster",
                "&lt;p&gt;Scientists measured the ice.&lt;/p&gt;",
            ),
            (
                "w2",
                "Council budget vote",
                "&lt;p&gt;The glacier fund was cut.&lt;/p&gt;",
            ),
            (
                "w3",
                "Переговоры в Москве",
                "&lt;p&gt;Министр прибыл.&lt;/p&gt;",
            ),
            (
                "w4",
                "L'élection à Genève",
                "&lt;p&gt;Le scrutin.&lt;/p&gt;",
            ),
        ],
    );
    let asia = rss(
        "Asia Wire",
        &[
            (
                "a1",
                "经济政策会谈",
                "&lt;p&gt;部长们讨论了经济增长。&lt;/p&gt;",
            ),
            (
                "a2",
                "محادثات السلام",
                "&lt;p&gt;التقى والوزير بالوفد.&lt;/p&gt;",
            ),
        ],
    );
    let env = Env::new(&[("world.xml", &world), ("asia.xml", &asia)]);
    env.stdout(&["refresh"]);
    env
}

#[test]
fn search_ranks_title_matches_first_and_prints_the_list_format() {
    let env = corpus();
    assert_eq!(
        env.titles(&["glacier"]),
        ["Glacier retreats faster", "Council budget vote"]
    );
    assert_eq!(env.titles(&["glacier", "--limit", "1"]).len(), 1);

    // Lines as `list` prints them, for the same articles.
    let list = env.stdout(&["list"]);
    let found = env.stdout(&["search", "glacier"]);
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert!(list.lines().any(|l| l == *line), "{line:?} not in:\n{list}");
    }
    assert!(lines[0].ends_with("Glacier retreats faster"));
    assert!(lines[0].contains("World Desk"));

    // JSON rows are exactly `list --json` rows.
    let list_json = env.stdout(&["list", "--json"]);
    for row in env.stdout(&["search", "--json", "glacier"]).lines() {
        assert!(
            list_json.lines().any(|l| l == row),
            "{row} not in list --json"
        );
    }
}

#[test]
fn search_finds_words_in_every_script() {
    let env = corpus();
    assert_eq!(env.titles(&["министр"]), ["Переговоры в Москве"]);
    assert_eq!(env.titles(&["ПЕРЕГОВОРЫ"]), ["Переговоры в Москве"]);
    assert_eq!(env.titles(&["election", "geneve"]), ["L'élection à Genève"]);
    assert_eq!(env.titles(&["经济"]), ["经济政策会谈"]);
    assert_eq!(env.titles(&["الوزير"]), ["محادثات السلام"]);
    assert_eq!(env.titles(&["\"asia wire\"", "经济"]), ["经济政策会谈"]);
    assert_eq!(env.titles(&["world desk"]).len(), 4, "feed names");
}

#[test]
fn no_match_and_hostile_queries_say_no_matches_and_exit_1() {
    let env = corpus();
    for q in [
        "nothingmatches",
        "\"",
        "*",
        "NEAR(",
        "'; DROP TABLE articles; --",
        "-",
    ] {
        let out = env.run(&["search", q]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{q:?}: {err}");
        assert!(err.contains("no matches"), "{q:?}: {err}");
        assert!(!err.contains("panicked"), "{q:?}: {err}");
        assert!(
            out.stdout.is_empty(),
            "{q:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The words of an injection attempt are only words, and the data is still there.
    assert_eq!(env.stdout(&["list"]).lines().count(), 6);
    let out = env.run(&["search"]);
    assert_eq!(out.status.code(), Some(2), "a query is required");
}

/// `list --filter` reads categories from the file; a word and a category combine.
#[test]
fn list_filter_matches_feed_categories() {
    let feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
        <title>Desk</title><link>https://news.example/</link><description>x</description>\
        <item><title>Budget passes</title><guid>c1</guid><link>https://news.example/c1</link>\
        <category>Politik</category><category>Inland</category></item>\
        <item><title>Budget for football</title><guid>c2</guid><link>https://news.example/c2</link>\
        <category>Sport</category></item>\
        <item><title>No categories here</title><guid>c3</guid><link>https://news.example/c3</link></item>\
        </channel></rss>";
    let env = Env::new(&[("desk.xml", feed)]);
    env.stdout(&["refresh"]);
    let titles = |filter: &str| -> Vec<String> {
        env.stdout(&["list", "--json", "--filter", filter])
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                v["title"].as_str().unwrap_or_default().to_string()
            })
            .collect()
    };
    assert_eq!(titles("category:politik"), ["Budget passes"]);
    assert_eq!(titles("category:SPORT budget"), ["Budget for football"]);
    assert_eq!(titles("-category:sport budget"), ["Budget passes"]);
    assert!(titles("category:polit").is_empty(), "whole categories only");
}

/// `-word` and `not word` exclude articles whose body holds the word, as `word` finds them.
#[test]
fn list_filter_negated_words_look_at_article_text() {
    let env = corpus();
    let titles = |filter: &str| -> Vec<String> {
        let mut t: Vec<String> = env
            .stdout(&["list", "--json", "--filter", filter])
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                v["title"].as_str().unwrap_or_default().to_string()
            })
            .collect();
        t.sort();
        t
    };
    assert_eq!(
        titles("feed:\"world desk\" glacier"),
        ["Council budget vote", "Glacier retreats faster"]
    );
    let without = ["L'élection à Genève", "Переговоры в Москве"];
    assert_eq!(titles("feed:\"world desk\" -glacier"), without);
    assert_eq!(titles("feed:\"world desk\" not glacier"), without);
    // Body only: "министр" is in the body of the Moscow story, not in its title.
    assert_eq!(
        titles("feed:\"world desk\" -министр"),
        [
            "Council budget vote",
            "Glacier retreats faster",
            "L'élection à Genève"
        ]
    );
}

/// `tidings purge`: read articles the feed no longer lists go once older than the age;
/// a bad age is refused with exit 2.
#[test]
fn purge_drops_old_read_articles_the_feed_no_longer_lists() {
    let env = corpus();
    let out = env.run(&["purge", "--older-than", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("30d, 2w or 12h"));
    // Mark two read and take them out of the feed, as if the site had dropped them.
    let db = rusqlite::Connection::open(env.path("data/tidings.db")).expect("db");
    db.execute_batch(
        "UPDATE articles SET read = 1, in_feed = 0 WHERE title IN ('Glacier retreats faster', 'Council budget vote');
         UPDATE articles SET bookmarked = 1 WHERE title = 'Council budget vote';",
    )
    .expect("update");
    drop(db);
    let before = env.stdout(&["list"]).lines().count();
    let said = env.stdout(&["purge", "--older-than", "7d"]);
    assert!(
        said.starts_with("Purged 0 deleted and 1 read article older than 7d"),
        "{said}"
    );
    let after = env.stdout(&["list"]);
    assert_eq!(after.lines().count(), before - 1);
    assert!(!after.contains("Glacier retreats faster"));
    assert!(
        after.contains("Council budget vote"),
        "bookmarked articles stay"
    );
}
