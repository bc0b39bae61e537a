//! A config.toml with a broken value: the reader keeps the user's feeds and every valid
//! setting, defaults only what is broken and says which; a file that cannot be read at
//! all (a TOML syntax error) has no feed list to keep.

use crate::common;
use crate::tmux;

use std::path::Path;
use tidings::config::{self, General};
use tmux::Tmux;

const BROKEN_VALUES: &str = r#"# mine
[general]
refresh_minutes = 45
per_host = "four"
concurrency = 0
osc52 = false
typo_here = 1

[keys]
toggle_read = "m"
next_unread = 5

[[feed]]
url = "https://a.test/one.xml"
title = "One"
tags = "news"

[[feed]]
titel = "Two"
url = "https://a.test/two.xml"

[[feed]]
url = "javascript:alert(1)"

[[feed]]
title = "no url"

[[view]]
name = "Today"
filter = "age:<1d"

[[view]]
name = "Bad"
filter = "(unclosed"
"#;

#[test]
fn broken_values_are_defaulted_and_everything_else_is_kept() {
    let (config, broken) = config::salvage(BROKEN_VALUES).expect("readable TOML");
    let urls: Vec<&str> = config.feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(urls, ["https://a.test/one.xml", "https://a.test/two.xml"]);
    assert_eq!(config.feeds[0].title.as_deref(), Some("One"));
    assert!(config.feeds[0].tags.is_empty());
    assert_eq!(config.general.refresh_minutes, 45);
    assert!(!config.general.osc52);
    let defaults = General::default();
    assert_eq!(config.general.per_host, defaults.per_host);
    assert_eq!(config.general.concurrency, defaults.concurrency);
    assert_eq!(config.keys.len(), 1);
    assert_eq!(config.views.len(), 1);
    assert_eq!(config.views[0].name, "Today");

    let said = broken
        .iter()
        .map(|b| b.message.clone())
        .collect::<Vec<_>>()
        .join("\n");
    for what in [
        "per_host",
        "concurrency",
        "typo_here",
        "next_unread",
        "tags",
        "titel",
        "javascript:alert(1)",
        "[[feed]] #4",
        "Bad",
    ] {
        assert!(said.contains(what), "{what} not named in:\n{said}");
    }
    assert!(said.contains("a whole number"), "{said}");
    assert!(!said.contains("usize"), "{said}");
    assert_eq!(
        broken
            .iter()
            .find(|b| b.message.contains("per_host"))
            .map(|b| b.name.as_str()),
        Some("per_host")
    );
}

#[test]
fn a_valid_file_salvages_to_what_parse_gives() {
    for text in [
        config::DEFAULT_CONFIG,
        "",
        "[[feed]]\nurl = \" https://a.test/x \"\n",
    ] {
        let (config, broken) = config::salvage(text).expect("readable");
        assert!(broken.is_empty(), "{broken:?}");
        assert_eq!(config, config::parse(text).expect("valid"));
    }
}

#[test]
fn a_syntax_error_leaves_nothing_to_salvage() {
    assert!(config::salvage("[general\nper_host = 4\n").is_none());
    assert!(config::salvage("[[feed]]\nurl = \"https://a.test/x\"\ntags = [\"a\"\n").is_none());
}

#[test]
fn serde_type_names_are_said_in_words() {
    let e = config::parse("[general]\nper_host = \"four\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("a whole number") && !e.contains("usize"), "{e}");
    let e = config::parse("[general]\nosc52 = 1\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("true or false"), "{e}");
    let e = config::parse("[general]\nbrowser = \"firefox\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("a list") && !e.contains("sequence"), "{e}");
    let e = config::parse("feed = [1]\n").unwrap_err().to_string();
    assert!(e.contains("a table") && !e.contains("struct"), "{e}");
    let e = config::parse("[keys]\nquit = 3\n").unwrap_err().to_string();
    assert!(!e.contains("untagged") && !e.contains("KeySpec"), "{e}");
}

#[test]
fn the_title_bar_fits_the_notice_to_80_columns() {
    let mut app = common::app(80, 24);
    let notice = "config.toml unreadable, not used: default settings";
    app.set_notice(Some(notice.to_string()));
    common::press(&mut app, "\n");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tb");
    t.draw(|f| tidings::ui::render(&app, f)).expect("draw");
    let buf = t.backend().buffer();
    let top: String = (0..80).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    assert!(top.contains(notice), "{top}");
    assert!(top.contains('⚠'), "{top}");
}

fn tidings_line(config: &Path, data: &Path, then: &str) -> String {
    format!(
        "TZ=UTC HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
         http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
         {} --config {} --data-dir {}; echo EXITED $?; {then}",
        env!("CARGO_BIN_EXE_tidings"),
        config.display(),
        data.display()
    )
}

#[test]
fn the_reader_on_a_broken_value_keeps_the_users_feeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("mine.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>My Own Feed</title>\
         <item><title>Only mine</title><guid>1</guid></item></channel></rss>",
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    let text = format!(
        "[general]\nper_host = \"four\"\n\n[[feed]]\nurl = \"file://{}\"\ntitle = \"Mine\"\n",
        feed.display()
    );
    std::fs::write(&config, &text).expect("config");
    let tmux = Tmux::new("salvage");
    tmux.start(
        &tidings_line(&config, &dir.path().join("data"), "sleep 30"),
        (80, 24),
        None,
    );
    let s = tmux.wait_for("[y/N]");
    assert!(s.contains("per_host"), "{s}");
    assert!(s.contains("a whole number"), "{s}");
    tmux.keys(&["y", "Enter"]);
    let s = tmux.wait_for("Mine");
    assert!(
        !s.contains("BBC News") && !s.contains("getting started"),
        "{s}"
    );
    let top = s.lines().next().unwrap_or_default().to_string();
    assert!(top.contains("per_host ignored (broken)"), "{top}");
    // Tag edits still refuse to write the broken file.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Only mine");
    tmux.keys(&["T"]);
    tmux.wait_for("tags (space separated)");
    tmux.keys(&["x", "Enter"]);
    tmux.wait_for("Tags not saved");
    tmux.keys(&["q", "q", "q"]);
    tmux.wait_for("EXITED 0");
    assert_eq!(std::fs::read_to_string(&config).expect("config"), text);
}

#[test]
fn the_reader_on_a_syntax_error_says_there_is_no_feed_list_to_keep() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[general\n").expect("config");
    let tmux = Tmux::new("salvage-syntax");
    tmux.start(
        &tidings_line(&config, &dir.path().join("data"), "sleep 30"),
        (80, 24),
        None,
    );
    let s = tmux.wait_for("[y/N]");
    assert!(s.contains("no feed list to keep"), "{s}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED 2");
}

/// A config text from generated values: `[general]` numbers and flags, then feeds.
fn render(general: &[(&str, String)], feeds: &[(String, Option<String>, Vec<String>)]) -> String {
    let mut text = String::from("# generated\n[general]\n");
    for (k, v) in general {
        text.push_str(&format!("{k} = {v}\n"));
    }
    for (url, title, tags) in feeds {
        text.push_str(&format!("\n[[feed]]\nurl = {url:?}\n"));
        if let Some(t) = title {
            text.push_str(&format!("title = {t:?}\n"));
        }
        let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
        text.push_str(&format!("tags = [{}]\n", tags.join(", ")));
    }
    text
}

fn general_values() -> impl proptest::strategy::Strategy<Value = Vec<(&'static str, String)>> {
    use proptest::prelude::*;
    (1u64..500, 1usize..64, 1usize..8, any::<bool>(), 0u32..400).prop_map(
        |(refresh, concurrency, per_host, osc52, age)| {
            vec![
                ("refresh_minutes", refresh.to_string()),
                ("concurrency", concurrency.to_string()),
                ("per_host", per_host.to_string()),
                ("osc52", osc52.to_string()),
                ("max_age_days", age.to_string()),
            ]
        },
    )
}

fn feed_values()
-> impl proptest::strategy::Strategy<Value = Vec<(String, Option<String>, Vec<String>)>> {
    use proptest::prelude::*;
    proptest::collection::vec(
        (
            "[a-z]{1,8}",
            proptest::option::of("[ -~]{0,12}"),
            proptest::collection::vec("[a-z]{1,5}", 0..3),
        ),
        0..6,
    )
    .prop_map(|feeds| {
        feeds
            .into_iter()
            .enumerate()
            .map(|(i, (host, title, tags))| (format!("https://{host}.example/{i}"), title, tags))
            .collect()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Salvaging is only ever a fallback for the plain parse: on a valid file it gives
    /// exactly what parse gives and names nothing.
    #[test]
    fn salvage_of_a_valid_file_is_the_plain_parse(general in general_values(), feeds in feed_values()) {
        let text = render(&general, &feeds);
        let parsed = config::parse(&text).expect("valid by construction");
        let (salvaged, broken) = config::salvage(&text).expect("readable");
        proptest::prop_assert!(broken.is_empty(), "{:?}", broken);
        proptest::prop_assert_eq!(salvaged, parsed);
    }

    /// One broken value in [general] costs exactly that value: the feeds and every other
    /// setting are what the file says.
    #[test]
    fn one_broken_setting_costs_only_itself(
        general in general_values(),
        feeds in feed_values(),
        which in 0usize..5,
    ) {
        let mut broken_general = general.clone();
        broken_general[which].1 = "\"oops\"".to_string();
        let (salvaged, broken) =
            config::salvage(&render(&broken_general, &feeds)).expect("readable");
        let mut fixed = general.clone();
        fixed.remove(which);
        let expected = config::parse(&render(&fixed, &feeds)).expect("valid");
        proptest::prop_assert_eq!(broken.len(), 1);
        proptest::prop_assert_eq!(&broken[0].name, general[which].0);
        proptest::prop_assert_eq!(salvaged, expected);
    }
}
