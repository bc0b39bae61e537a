//! The config file: the shipped default, error wording, first-run creation and `add_feeds`.

use std::fs;
use tidings::config::{self, Config, DEFAULT_CONFIG, FeedConfig, General, KeySpec};

fn feed(url: &str, title: Option<&str>, tags: &[&str]) -> FeedConfig {
    FeedConfig {
        url: url.to_string(),
        title: title.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        refresh_minutes: None,
        ..Default::default()
    }
}

fn err(text: &str) -> String {
    match config::parse(text) {
        Ok(c) => panic!("expected an error, parsed {c:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn default_config_parses_to_the_defaults_of_general() {
    let config = config::parse(DEFAULT_CONFIG).expect("default config parses");
    assert_eq!(config.general, General::default());
    assert!(config.keys.is_empty(), "[keys] ships commented out");
}

#[test]
fn default_config_lists_the_starter_feeds_in_order() {
    let config = config::parse(DEFAULT_CONFIG).expect("default config parses");
    let got: Vec<(&str, Option<&str>, Vec<&str>)> = config
        .feeds
        .iter()
        .map(|f| {
            (
                f.url.as_str(),
                f.title.as_deref(),
                f.tags.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let want: Vec<(&str, Option<&str>, Vec<&str>)> = vec![
        (
            "tidings:demo",
            Some("tidings: getting started"),
            vec!["tidings"],
        ),
        (
            "https://feeds.bbci.co.uk/news/rss.xml",
            Some("BBC News"),
            vec!["news", "en"],
        ),
        (
            "https://www.theguardian.com/world/rss",
            Some("The Guardian World"),
            vec!["news", "en"],
        ),
        (
            "https://feeds.npr.org/1001/rss.xml",
            Some("NPR News"),
            vec!["news", "en"],
        ),
        (
            "https://www.aljazeera.com/xml/rss/all.xml",
            Some("Al Jazeera"),
            vec!["news", "en"],
        ),
        (
            "https://rss.dw.com/xml/rss-de-all",
            Some("Deutsche Welle"),
            vec!["news", "de"],
        ),
        (
            "https://www.spiegel.de/schlagzeilen/index.rss",
            Some("Der Spiegel"),
            vec!["news", "de"],
        ),
        (
            "https://www.lemonde.fr/rss/une.xml",
            Some("Le Monde"),
            vec!["news", "fr"],
        ),
        (
            "https://feeds.elpais.com/mrss-s/pages/ep/site/elpais.com/portada",
            Some("El País"),
            vec!["news", "es"],
        ),
        (
            "https://meduza.io/rss/all",
            Some("Meduza"),
            vec!["news", "ru"],
        ),
        (
            "https://www3.nhk.or.jp/rss/news/cat0.xml",
            Some("NHK News"),
            vec!["news", "ja"],
        ),
        (
            "https://hnrss.org/frontpage",
            Some("Hacker News"),
            vec!["tech", "en"],
        ),
        (
            "https://feeds.arstechnica.com/arstechnica/index",
            Some("Ars Technica"),
            vec!["tech", "en"],
        ),
    ];
    assert_eq!(got, want);
}

#[test]
fn default_config_documents_every_general_option() {
    // Each field of General appears as an active `name = value` line.
    for field in [
        "refresh_minutes",
        "max_articles_per_feed",
        "max_age_days",
        "concurrency",
        "per_host",
        "timeout_secs",
        "max_body_mb",
        "browser",
        "osc52",
        "wide_layout_min_width",
    ] {
        let line = format!("\n{field} = ");
        assert!(
            DEFAULT_CONFIG.contains(&line),
            "{field} is not in the default config"
        );
    }
}

#[test]
fn empty_file_is_all_defaults() {
    assert_eq!(config::parse("").unwrap(), Config::default());
}

#[test]
fn keys_accept_one_key_or_a_list() {
    let c =
        config::parse("[keys]\ntoggle_read = \"m\"\nnext_unread = [\"n\", \"ctrl-n\"]\n").unwrap();
    assert_eq!(c.keys["toggle_read"], KeySpec::One("m".into()));
    assert_eq!(c.keys["next_unread"].keys(), vec!["n", "ctrl-n"]);
}

#[test]
fn unknown_field_names_line_column_and_the_expected_fields() {
    let text = "[general]\nconcurrency = 4\n\n    refresh = 10\n";
    let e = err(text);
    assert!(
        e.starts_with("config.toml line 4, column 5: unknown field `refresh`, expected one of"),
        "{e}"
    );
    assert!(e.contains("`refresh_minutes`"), "{e}");
}

#[test]
fn unknown_field_in_a_feed_is_refused() {
    let e = err("[[feed]]\nurl = \"https://example.com/feed\"\ntitel = \"x\"\n");
    assert!(
        e.starts_with("config.toml line 3, column 1: unknown field `titel`"),
        "{e}"
    );
}

#[test]
fn syntax_error_names_line_and_column() {
    let e = err("[general]\nosc52 = true\nconcurrency = = 3\n");
    assert!(e.starts_with("config.toml line 3, column "), "{e}");
}

#[test]
fn wrong_type_names_the_value_position() {
    let e = err("[general]\n# comment\nosc52 = \"yes\"\n");
    assert!(e.starts_with("config.toml line 3, column 9: "), "{e}");
}

#[test]
fn column_counts_characters_not_bytes() {
    let e = err("[[feed]]\nurl = \"https://example.com/\"\ntitle = \"ÄÖÜ\" bogus\n");
    // `bogus` starts at character 15 of line 3, after three two-byte letters.
    assert!(e.starts_with("config.toml line 3, column 15:"), "{e}");
}

#[test]
fn bad_feed_url_names_the_feed_and_its_line() {
    let text = "[[feed]]\nurl = \"https://ok.example/rss\"\n\n[[feed]]\ntitle = \"Evil\"\nurl = \"javascript:alert(1)\"\n";
    let e = err(text);
    assert!(e.starts_with("config.toml line 6, column 7:"), "{e}");
    assert!(e.contains("feed \"Evil\""), "{e}");
    assert!(e.contains("#2"), "{e}");
    assert!(e.contains("javascript:alert(1)"), "{e}");
}

#[test]
fn feed_without_title_is_named_by_position() {
    let e = err("[[feed]]\nurl = \"ftp://example.com/rss\"\n");
    assert!(e.contains("[[feed]] #1"), "{e}");
    assert!(e.contains("ftp://example.com/rss"), "{e}");
}

#[test]
fn accepted_feed_url_kinds() {
    for ok in [
        "http://example.com/rss",
        "https://example.com/rss",
        "file:///home/me/feed.xml",
        "tidings:demo",
        "  https://padded.example/  ",
    ] {
        assert!(config::is_supported_feed_url(ok), "{ok}");
    }
    for bad in [
        "",
        "example.com/rss",
        "https://",
        "data:text/xml,<rss/>",
        "javascript:alert(1)",
        "tidings:other",
        "exec:ls",
        "$(touch /tmp/x)",
    ] {
        assert!(!config::is_supported_feed_url(bad), "{bad}");
    }
}

#[test]
fn zero_values_are_refused_with_their_position() {
    let e = err("[general]\nconcurrency = 0\n");
    assert!(e.starts_with("config.toml line 2, column 15:"), "{e}");
    assert!(e.contains("concurrency must be at least 1"), "{e}");

    let e = err("[general]\nper_host = 0\n");
    assert!(e.contains("per_host must be at least 1"), "{e}");

    let e = err("[general]\nrefresh_minutes = 0\n");
    assert!(e.contains("refresh_minutes must be at least 1"), "{e}");

    let e = err("[general]\nstep_back_secs = 0\n");
    assert!(e.starts_with("config.toml line 2, column 18:"), "{e}");
    assert!(e.contains("step_back_secs must be at least 1"), "{e}");

    let e = err("[general]\nplayer = [\"\", \"--ao=null\"]\n");
    assert!(e.starts_with("config.toml line 2, column 10:"), "{e}");
    assert!(e.contains("player must start with a program"), "{e}");

    let e = err("[general]\nremote_player = \"loud\"\n");
    assert!(e.starts_with("config.toml line 2, column 17:"), "{e}");
    assert!(
        e.contains("remote_player must be \"ask\", \"play\" or \"copy\""),
        "{e}"
    );

    let e = err("[general]\nvideo_player = []\n");
    assert!(e.starts_with("config.toml line 2, column 16:"), "{e}");
    assert!(e.contains("video_player must start with a program"), "{e}");

    let e = err("[[feed]]\nurl = \"https://a.example/\"\ntitle = \"A\"\nrefresh_minutes = 0\n");
    assert!(e.starts_with("config.toml line 4, column 19:"), "{e}");
    assert!(e.contains("feed \"A\""), "{e}");
}

#[test]
fn error_messages_carry_no_control_characters() {
    let e = err("[general]\n\"\\u001b[31mred\" = 1\n");
    assert!(!e.chars().any(char::is_control), "{e:?}");
}

#[test]
fn load_or_create_writes_the_default_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dirs/tidings/config.toml");

    let (config, created) = config::load_or_create(&path).unwrap();
    assert!(created);
    assert_eq!(config, config::parse(DEFAULT_CONFIG).unwrap());
    assert_eq!(fs::read_to_string(&path).unwrap(), DEFAULT_CONFIG);

    let (_, created_again) = config::load_or_create(&path).unwrap();
    assert!(!created_again);

    // No temporary files are left next to it.
    let names: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("config.toml")]);
}

#[test]
fn load_or_create_never_overwrites_an_edited_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let mine = "# mine\n[general]\nconcurrency = 2\n";
    fs::write(&path, mine).unwrap();

    let (config, created) = config::load_or_create(&path).unwrap();
    assert!(!created);
    assert_eq!(config.general.concurrency, 2);
    assert!(config.feeds.is_empty());
    assert_eq!(fs::read_to_string(&path).unwrap(), mine);
}

#[test]
fn load_or_create_reports_errors_with_the_path_and_keeps_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let broken = "[general]\nconcurency = 2\n";
    fs::write(&path, broken).unwrap();

    let e = config::load_or_create(&path).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!(
            "{} line 2, column 1: unknown field `concurency`",
            path.display()
        )),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn add_feeds_appends_and_keeps_the_rest_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, DEFAULT_CONFIG).unwrap();

    let new = [
        feed(
            "https://new.example/feed.xml",
            Some("New \"quoted\" feed"),
            &["a", "b c"],
        ),
        FeedConfig {
            refresh_minutes: Some(5),
            ..feed("file:///srv/local.xml", None, &[])
        },
    ];
    assert_eq!(config::add_feeds(&path, &new).unwrap(), 2);

    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(DEFAULT_CONFIG),
        "the existing text changed:\n{text}"
    );
    let config = config::parse(&text).unwrap();
    let before = config::parse(DEFAULT_CONFIG).unwrap().feeds.len();
    assert_eq!(config.feeds.len(), before + 2);
    assert_eq!(config.feeds[before], new[0]);
    assert_eq!(config.feeds[before + 1], new[1]);
}

#[test]
fn add_feeds_skips_urls_already_present_and_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let original = "# my feeds\n[[feed]]\nurl = \"https://a.example/rss\" # keep me\n";
    fs::write(&path, original).unwrap();

    let feeds = [
        feed("  https://a.example/rss ", Some("dupe of the file"), &[]),
        feed("https://b.example/rss", None, &[]),
        feed("https://b.example/rss ", Some("dupe within the call"), &[]),
    ];
    assert_eq!(config::add_feeds(&path, &feeds).unwrap(), 1);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(original), "{text}");
    let urls: Vec<String> = config::parse(&text)
        .unwrap()
        .feeds
        .into_iter()
        .map(|f| f.url)
        .collect();
    assert_eq!(urls, ["https://a.example/rss", "https://b.example/rss"]);

    // Nothing new: the file is not rewritten at all.
    let before = fs::read_to_string(&path).unwrap();
    assert_eq!(config::add_feeds(&path, &feeds).unwrap(), 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn add_feeds_keeps_comments_when_other_tables_follow_the_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let original = "\
[[feed]]
url = \"https://a.example/rss\"

# bindings I like
[keys]
toggle_read = \"m\"   # not r

# trailing words
";
    fs::write(&path, original).unwrap();
    assert_eq!(
        config::add_feeds(&path, &[feed("https://b.example/rss", None, &["x"])]).unwrap(),
        1
    );
    let text = fs::read_to_string(&path).unwrap();
    for kept in [
        "# bindings I like\n[keys]\n",
        "toggle_read = \"m\"   # not r\n",
        "# trailing words\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in\n{text}");
    }
    let config = config::parse(&text).unwrap();
    assert_eq!(config.feeds.len(), 2);
    assert_eq!(config.keys["toggle_read"], KeySpec::One("m".into()));
}

#[test]
fn add_feeds_to_a_missing_file_starts_from_the_template_without_starter_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/config.toml");
    let added = config::add_feeds(&path, &[feed("https://b.example/rss", Some("B"), &[])]).unwrap();
    assert_eq!(added, 1);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&config::template()));
    let config = config::parse(&text).unwrap();
    let urls: Vec<&str> = config.feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(urls, vec!["https://b.example/rss"]);
    // Appended after the commented "# Feeds" section, not between [general] and it.
    assert!(
        text.trim_end()
            .ends_with("\n\n[[feed]]\nurl = \"https://b.example/rss\"\ntitle = \"B\""),
        "{text}"
    );
}

#[test]
fn the_template_is_the_commented_default_without_feeds() {
    let template = config::template();
    assert!(DEFAULT_CONFIG.starts_with(template.trim_end()));
    assert!(template.contains("# Feeds\n") && template.contains("[general]"));
    let config = config::parse(&template).unwrap();
    assert!(config.feeds.is_empty());
    assert_eq!(
        config.general,
        config::parse(DEFAULT_CONFIG).unwrap().general
    );
}

#[test]
fn add_feeds_refuses_bad_urls_and_broken_files_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "[general]\n").unwrap();
    let e = config::add_feeds(&path, &[feed("javascript:alert(1)", Some("x"), &[])]).unwrap_err();
    assert!(e.to_string().contains("javascript:alert(1)"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "[general]\n");

    let broken = "[general\n";
    fs::write(&path, broken).unwrap();
    let e = config::add_feeds(&path, &[feed("https://b.example/rss", None, &[])]).unwrap_err();
    assert!(e.to_string().contains("line 1, column"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[cfg(unix)]
#[test]
fn add_feeds_keeps_permissions_and_writes_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles/tidings.toml");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::write(&real, "[general]\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    assert_eq!(
        config::add_feeds(&link, &[feed("https://b.example/rss", None, &[])]).unwrap(),
        1
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("https://b.example/rss")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_feed_listed_twice_is_refused_at_the_second() {
    let text = "[[feed]]\nurl = \"https://a.example/rss\"\ntitle = \"A\"\n\n[[feed]]\nurl = \" https://a.example/rss\"\n";
    let e = err(text);
    assert!(e.starts_with("config.toml line 6, column 7:"), "{e}");
    assert!(
        e.contains("[[feed]] #2 repeats the url of feed \"A\" ([[feed]] #1)"),
        "{e}"
    );
}

#[test]
fn feed_urls_are_trimmed() {
    let c = config::parse("[[feed]]\nurl = \"  https://a.example/rss \"\n").unwrap();
    assert_eq!(c.feeds[0].url, "https://a.example/rss");
}

#[test]
fn concurrent_first_runs_create_the_file_once() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings/config.toml");
        let created: Vec<bool> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| config::load_or_create(&path).unwrap().1))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(created.iter().filter(|c| **c).count(), 1, "{created:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), DEFAULT_CONFIG);
    }
}

/// Moving a feed reorders the `[[feed]]` tables, comments travelling with their feed and
/// everything else (a view between feeds, comments at the end) staying put.
#[test]
fn move_feed_reorders_feeds_and_keeps_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    let text = "# top\n[general]\nrefresh_minutes = 30\n\n# first\n[[feed]]\nurl = \"https://a.example/\"\n\n[[view]]\nname = \"V\"\nfilter = \"unread\"\n\n# second, my favourite\n[[feed]]\nurl = \"https://b.example/\" # b\ntitle = \"B\"\n\n[[feed]]\nurl = \"https://c.example/\"\n\n# the end\n";
    std::fs::write(&path, text).expect("write");
    let urls = |p: &std::path::Path| -> Vec<String> {
        tidings::config::load_existing(p)
            .expect("loads")
            .feeds
            .iter()
            .map(|f| f.url.clone())
            .collect()
    };
    tidings::config::move_feed(&path, "https://c.example/", -1).expect("move up");
    assert_eq!(
        urls(&path),
        [
            "https://a.example/",
            "https://c.example/",
            "https://b.example/"
        ]
    );
    let after = std::fs::read_to_string(&path).expect("read");
    for kept in [
        "# top",
        "# first",
        "# second, my favourite",
        "# b",
        "# the end",
        "[[view]]",
    ] {
        assert!(after.contains(kept), "{kept} lost:\n{after}");
    }
    let fav = after.find("# second, my favourite").expect("comment");
    let b = after.find("https://b.example/").expect("b");
    let c = after.find("https://c.example/").expect("c");
    assert!(
        c < fav && fav < b,
        "the comment travels with its feed:\n{after}"
    );
    tidings::config::move_feed(&path, "https://a.example/", 5).expect("move down past the end");
    assert_eq!(
        urls(&path),
        [
            "https://c.example/",
            "https://b.example/",
            "https://a.example/"
        ]
    );
    tidings::config::move_feed(&path, "https://c.example/", -1).expect("already first");
    assert_eq!(urls(&path)[0], "https://c.example/");
}

/// `remote` is read one way everywhere: " yes " passed validation but the reader took it
/// for "auto".
#[test]
fn remote_is_one_enum_read_the_way_validation_reads_it() {
    use tidings::config::Remote;
    let mode = |v: &str| {
        config::parse(&format!("[general]\nremote = \"{v}\"\n"))
            .map(|c| c.general.remote_mode())
            .map_err(|e| e.to_string())
    };
    assert_eq!(mode(" yes "), Ok(Remote::Yes));
    assert_eq!(mode("no"), Ok(Remote::No));
    assert_eq!(mode("auto"), Ok(Remote::Auto));
    assert!(mode("maybe").is_err_and(|e| e.contains("remote must be")));
}

#[test]
fn config_errors_keep_their_kind_and_position() {
    use tidings::config::{ConfigError, Position};
    let e = tidings::config::parse("[general]\nrefresh_minutes = \"soon\"\n").unwrap_err();
    assert!(matches!(e, ConfigError::Syntax { .. }), "{e:?}");
    assert_eq!(
        e.position(),
        Some(Position {
            line: 2,
            column: 19
        })
    );

    let e = tidings::config::parse("[general]\nrefresh_minutes = 0\n").unwrap_err();
    assert!(matches!(e, ConfigError::Invalid { .. }), "{e:?}");
    assert_eq!(e.position().map(|p| p.line), Some(2));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.toml");
    std::fs::write(&bad, b"# caf\xe9\n").unwrap();
    let e = tidings::config::load_existing(&bad).unwrap_err();
    assert!(
        matches!(&e, ConfigError::NotUtf8 { path } if path == &bad),
        "{e:?}"
    );

    let e = tidings::config::load_existing(&dir.path().join("none.toml")).unwrap_err();
    assert!(
        matches!(&e, ConfigError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound),
        "{e:?}"
    );

    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[[feed]]\nurl = \"https://a.test/\"\n").unwrap();
    let e = tidings::config::remove_feed(&file, "https://b.test/").unwrap_err();
    assert!(
        matches!(&e, ConfigError::NoSuchFeed { url, .. } if url == "https://b.test/"),
        "{e:?}"
    );
}

#[test]
fn setup_tells_a_broken_config_from_a_missing_one() {
    use tidings::setup::{Setup, SetupError};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let missing = dir.path().join("nope.toml");
    let e = Setup::open(Some(&missing), Some(&data))
        .err()
        .expect("opened");
    assert!(matches!(e, SetupError::MissingConfig(_)), "{e:?}");
    assert!(e.to_string().contains("does not exist"), "{e}");

    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[general\n").unwrap();
    let e = Setup::open(Some(&broken), Some(&data))
        .err()
        .expect("opened");
    assert!(
        matches!(
            e,
            SetupError::Config(tidings::config::ConfigError::Syntax { .. })
        ),
        "{e:?}"
    );

    let good = dir.path().join("good.toml");
    std::fs::write(&good, "").unwrap();
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let e = Setup::open(Some(&good), Some(&not_a_dir))
        .err()
        .expect("opened");
    assert!(matches!(e, SetupError::Db(_)), "{e:?}");
}

#[test]
fn scrape_rules_must_be_css_selectors() {
    let e = err("[[feed]]\nurl = \"https://a.example/feed\"\nscrape_selector = \"article[\"\n");
    assert!(e.starts_with("config.toml line 3, column 19:"), "{e}");
    assert!(
        e.contains("scrape_selector \"article[\" is not a CSS selector"),
        "{e}"
    );
    let e =
        err("[[feed]]\nurl = \"https://a.example/feed\"\nscrape_remove = [\".share\", \"..x\"]\n");
    assert!(e.starts_with("config.toml line 3, column 17:"), "{e}");
    assert!(e.contains("scrape_remove has \"..x\""), "{e}");
}
