//! The language of the command line, the man page and the completions, from the real binary.

use std::process::{Command, Output};

fn tidings(env: &[(&str, &str)], args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tidings"));
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("HOME", dir.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("run tidings")
}

fn text(out: &[u8]) -> String {
    String::from_utf8(out.to_vec()).expect("utf-8")
}

#[test]
fn help_follows_lang_and_the_config_language_wins() {
    let ru = tidings(&[("LANG", "ru_RU.UTF-8")], &["list", "--help"]);
    assert!(ru.status.success());
    let help = text(&ru.stdout);
    assert!(
        help.contains("Использование: tidings list [ПАРАМЕТРЫ]"),
        "{help}"
    );
    assert!(help.contains("Только непрочитанные статьи"), "{help}");
    assert!(
        !help.contains("Usage") && !help.contains("Options"),
        "{help}"
    );

    let en = tidings(&[("LANG", "C.UTF-8")], &["list", "--help"]);
    assert!(text(&en.stdout).contains("Usage: tidings list [OPTIONS]"));
    // LC_MESSAGES is read before LANG.
    let messages = tidings(
        &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")],
        &["--help"],
    );
    assert!(text(&messages.stdout).contains("Использование:"));

    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# mine\n[general]\nlanguage = \"ru\"\n").expect("config");
    let config = config.to_string_lossy().into_owned();
    let configured = tidings(&[("LANG", "en_GB.UTF-8")], &["--config", &config, "--help"]);
    assert!(text(&configured.stdout).contains("Использование:"));
}

#[test]
fn argument_errors_are_in_russian_with_a_suggestion() {
    let out = tidings(&[("LANG", "ru_RU.UTF-8")], &["list", "--unred"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("неизвестный аргумент «--unred»"), "{err}");
    assert!(err.contains("«--unread»"), "{err}");
    assert!(!err.contains("error:"), "{err}");
}

#[test]
fn the_man_page_renders_with_man_in_both_languages() {
    for (lang, headings) in [
        (
            "C.UTF-8",
            ["NAME", "SYNOPSIS", "COMMANDS IN DETAIL", "ENVIRONMENT"],
        ),
        (
            "ru_RU.UTF-8",
            ["ИМЯ", "СИНТАКСИС", "КОМАНДЫ ПОДРОБНО", "ОКРУЖЕНИЕ"],
        ),
    ] {
        let out = tidings(&[("LANG", lang)], &["man"]);
        assert!(out.status.success());
        let dir = tempfile::tempdir().expect("tempdir");
        let page = dir.path().join("tidings.1");
        std::fs::write(&page, &out.stdout).expect("page");
        let man = Command::new("man")
            .args(["--warnings", "-l"])
            .arg(&page)
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("man is installed (.ci/run installs man-db)");
        assert!(man.status.success(), "{}", text(&man.stderr));
        assert_eq!(text(&man.stderr), "", "roff warnings");
        let shown = text(&man.stdout);
        for h in headings {
            assert!(shown.contains(h), "{lang}: no {h} in\n{shown}");
        }
        // Each command's own options are on the page.
        assert!(shown.contains("tidings mark-read"), "{shown}");
        assert!(shown.contains("--older-than"), "{shown}");
    }
}

#[test]
fn bash_completion_loads_and_completes_commands_and_options() {
    let out = tidings(&[("LANG", "C.UTF-8")], &["completions", "bash"]);
    assert!(out.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("tidings.bash");
    std::fs::write(&script, &out.stdout).expect("script");
    // As bash calls a completion function: the command, the word being completed, the one
    // before it.
    let complete = |words: &str, cword: usize| {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             _tidings tidings \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &line])
            .output()
            .expect("bash");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let commands = complete("tidings ''", 1);
    for c in ["refresh", "list", "mark-read", "completions", "man"] {
        assert!(commands.lines().any(|l| l == c), "{c} in {commands}");
    }
    let options = complete("tidings list --un", 2);
    assert_eq!(options.trim(), "--unread");
}

/// An RSS document of `items` articles titled after `title`.
fn feed_of(title: &str, items: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>https://{title}.example/</link><description>x</description>"
    );
    for i in 0..items {
        xml.push_str(&format!(
            "<item><title>{title} story {i}</title><link>https://{title}.example/{i}</link>\
             <guid>{title}-{i}</guid><pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

#[test]
fn command_output_counts_and_config_errors_are_in_russian() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = String::from("[general]\nrefresh_minutes = 60\n");
    for (title, items) in [("One", 1), ("Two", 2), ("Five", 5)] {
        let path = dir.path().join(format!("{title}.xml"));
        std::fs::write(&path, feed_of(title, items)).expect("feed");
        config.push_str(&format!(
            "\n[[feed]]\nurl = \"file://{}\"\n",
            path.display()
        ));
    }
    let config_file = dir.path().join("config.toml");
    std::fs::write(&config_file, config).expect("config");
    let config_arg = config_file.to_string_lossy().into_owned();
    let data = dir.path().join("data").to_string_lossy().into_owned();
    let ru = |args: &[&str]| {
        let mut all = vec!["--config", config_arg.as_str(), "--data-dir", data.as_str()];
        all.extend_from_slice(args);
        tidings(&[("LANG", "ru_RU.UTF-8")], &all)
    };

    let refresh = ru(&["refresh"]);
    assert!(refresh.status.success(), "{}", text(&refresh.stderr));
    let summary = text(&refresh.stdout);
    // 3 feeds (few), 8 new articles (many).
    assert!(
        summary.contains("3 ленты: успешно 3, сбоев 0, 8 новых статей за "),
        "{summary}"
    );

    // One, few and many of the same word: 1 статья, 2 статьи, 5 статей.
    for (feed, said) in [
        ("One", "Прочитанной отмечена 1 статья"),
        ("Two", "Прочитанными отмечены 2 статьи"),
        ("Five", "Прочитанными отмечено 5 статей"),
    ] {
        let out = ru(&["mark-read", "--feed", feed]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout).trim(), said);
    }
    let feeds = text(&ru(&["feeds"]).stdout);
    assert!(
        feeds.contains("непрочит.") && feeds.contains("всего  ок "),
        "{feeds}"
    );

    let unknown = ru(&["remove", "Nothing"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("нет ленты с названием «Nothing»"),
        "{}",
        text(&unknown.stderr)
    );
    let scheme = ru(&["add", "example.org/feed"]);
    assert!(
        text(&scheme.stderr).contains("у example.org/feed нет http:// или https:// в начале"),
        "{}",
        text(&scheme.stderr)
    );

    // A config error, where it is in the file, in Russian.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[general]\nrefresh_minutes = 0\n").expect("bad config");
    let bad = bad.to_string_lossy().into_owned();
    let out = tidings(
        &[("LANG", "ru_RU.UTF-8")],
        &["--config", &bad, "--data-dir", &data, "feeds"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("строка 2, столбец 19: [general] refresh_minutes должно быть не меньше 1"),
        "{err}"
    );
    assert!(!err.contains("must be"), "{err}");
}
