//! The share menu, what each entry plans to do (locally and over SSH), and `[[share]]` config.

use std::path::PathBuf;
use std::time::Duration;
use tidings::config::{self, ShareTarget};
use tidings::share::{
    Plan, SavedArticle, Service, ShareArticle, ShareContext, ShareKind, mailer_command, menu, plan,
};

fn article() -> ShareArticle {
    ShareArticle {
        title: "Tom & [Jerry]".into(),
        link: Some("https://example.com/a?id=1".into()),
        feed: "Example".into(),
        author: Some("Ann".into()),
        date: 1_738_146_600,
        tags: vec!["news".into()],
        lead: "The lead.".into(),
        html: Some("<p>Body</p>".into()),
    }
}

fn local() -> ShareContext {
    ShareContext {
        remote: false,
        mastodon_instance: Some("mastodon.social".into()),
        save_dir: PathBuf::from("/tmp/saved"),
        mailer: Vec::new(),
    }
}

fn remote() -> ShareContext {
    ShareContext {
        remote: true,
        ..local()
    }
}

fn target(name: &str, key: &str) -> ShareTarget {
    ShareTarget {
        name: name.into(),
        key: key.into(),
        command: vec!["prog".into(), "{url}".into()],
        terminal: false,
        timeout_secs: 30,
    }
}

#[test]
fn menu_lists_builtins_then_custom_targets() {
    let entries = menu(&[target("Pocket", "p"), target("Wallabag", "W")]);
    let keys: String = entries.iter().map(|e| e.key).collect();
    assert_eq!(keys, "ctmoexfgvkwrlhdsqpW");
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "copy link",
            "copy title and link",
            "copy as Markdown link",
            "open in browser",
            "email",
            "X",
            "Facebook",
            "Telegram",
            "VK",
            "OK",
            "WhatsApp",
            "Reddit",
            "LinkedIn",
            "Hacker News",
            "Mastodon",
            "save as Markdown",
            "QR code",
            "Pocket",
            "Wallabag"
        ]
    );
    assert_eq!(entries[17].kind, ShareKind::Custom(0));
    assert_eq!(entries[18].kind, ShareKind::Custom(1));
    assert_eq!(entries[5].kind, ShareKind::Intent(Service::X));
    assert_eq!(entries[14].kind, ShareKind::Intent(Service::Mastodon));
}

#[test]
fn copies() {
    let a = article();
    assert_eq!(
        plan(&ShareKind::CopyLink, &a, &local(), &[]),
        Plan::Copy {
            text: "https://example.com/a?id=1".into(),
            what: "link".into()
        }
    );
    assert_eq!(
        plan(&ShareKind::CopyTitleLink, &a, &remote(), &[]),
        Plan::Copy {
            text: "Tom & [Jerry] https://example.com/a?id=1".into(),
            what: "title and link".into()
        }
    );
    assert_eq!(
        plan(&ShareKind::CopyMarkdownLink, &a, &local(), &[]),
        Plan::Copy {
            text: "[Tom & \\[Jerry\\]](https://example.com/a?id=1)".into(),
            what: "Markdown link".into()
        }
    );
}

#[test]
fn open_in_browser_locally_and_over_ssh() {
    let a = article();
    assert_eq!(
        plan(&ShareKind::OpenBrowser, &a, &local(), &[]),
        Plan::Open {
            url: "https://example.com/a?id=1".into()
        }
    );
    assert_eq!(
        plan(&ShareKind::OpenBrowser, &a, &remote(), &[]),
        Plan::ShowQr {
            url: "https://example.com/a?id=1".into(),
            why: "over SSH: scan to open on your phone (link also copied)".into(),
            copy: true,
        }
    );
}

#[test]
fn intents_open_locally_and_show_a_qr_over_ssh() {
    let a = article();
    let expected = "https://t.me/share/url?url=https%3A%2F%2Fexample.com%2Fa%3Fid%3D1&text=Tom%20%26%20%5BJerry%5D";
    let kind = ShareKind::Intent(Service::Telegram);
    assert_eq!(
        plan(&kind, &a, &local(), &[]),
        Plan::Open {
            url: expected.into()
        }
    );
    match plan(&kind, &a, &remote(), &[]) {
        Plan::ShowQr { url, why, copy } => {
            assert_eq!(url, expected);
            assert!(why.contains("Telegram"), "{why}");
            assert!(!copy, "sharing shows the code only");
        }
        other => panic!("over SSH no browser is started: {other:?}"),
    }
    let no_instance = ShareContext {
        mastodon_instance: None,
        ..local()
    };
    match plan(&ShareKind::Intent(Service::Mastodon), &a, &no_instance, &[]) {
        Plan::Refuse(why) => assert!(why.contains("mastodon_instance"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn email_through_the_opener_or_the_mailer() {
    let a = article();
    let mailto = "mailto:?subject=Tom%20%26%20%5BJerry%5D&body=https%3A%2F%2Fexample.com%2Fa%3Fid%3D1%0D%0A%0D%0AThe%20lead.";
    assert_eq!(
        plan(&ShareKind::Email, &a, &local(), &[]),
        Plan::Open { url: mailto.into() }
    );
    assert!(matches!(
        plan(&ShareKind::Email, &a, &remote(), &[]),
        Plan::ShowQr { url, .. } if url == mailto
    ));
    let with_mailer = ShareContext {
        mailer: vec![
            "neomutt".into(),
            "{mailto}".into(),
            "-s{title}".into(),
            "{url}".into(),
        ],
        ..remote()
    };
    assert_eq!(
        plan(&ShareKind::Email, &a, &with_mailer, &[]),
        Plan::Run {
            argv: vec![
                "neomutt".into(),
                mailto.into(),
                "-sTom & [Jerry]".into(),
                "https://example.com/a?id=1".into()
            ],
            terminal: true,
            timeout: Duration::from_secs(30),
            name: "email".into(),
            file: None,
        }
    );
}

#[test]
fn mailer_from_config_or_environment() {
    let configured = vec!["mutt".to_string(), "{mailto}".to_string()];
    assert_eq!(mailer_command(&configured, Some("other")), configured);
    assert_eq!(
        mailer_command(&[], Some("neomutt -F ~/.muttrc")),
        ["neomutt", "-F", "~/.muttrc", "{mailto}"]
    );
    assert!(mailer_command(&[], Some("  ")).is_empty());
    assert!(mailer_command(&[], None).is_empty());
}

#[test]
fn save_and_qr() {
    let a = article();
    assert_eq!(
        plan(&ShareKind::SaveMarkdown, &a, &local(), &[]),
        Plan::Save(SavedArticle {
            title: a.title.clone(),
            link: a.link.clone(),
            feed: a.feed.clone(),
            author: a.author.clone(),
            date: a.date,
            tags: a.tags.clone(),
            html: a.html.clone(),
        })
    );
    assert!(matches!(
        plan(&ShareKind::Qr, &a, &local(), &[]),
        Plan::ShowQr { url, .. } if url == "https://example.com/a?id=1"
    ));
}

#[test]
fn without_an_http_link_only_saving_works() {
    for link in [
        None,
        Some("javascript:alert(1)"),
        Some("file:///etc/passwd"),
        Some(""),
    ] {
        let a = ShareArticle {
            link: link.map(str::to_owned),
            ..article()
        };
        let mut kinds = vec![
            ShareKind::CopyLink,
            ShareKind::CopyTitleLink,
            ShareKind::CopyMarkdownLink,
            ShareKind::OpenBrowser,
            ShareKind::Email,
            ShareKind::Qr,
            ShareKind::Custom(0),
        ];
        kinds.extend(Service::ALL.map(ShareKind::Intent));
        for kind in kinds {
            for ctx in [local(), remote()] {
                assert_eq!(
                    plan(&kind, &a, &ctx, &[target("P", "p")]),
                    Plan::Refuse("this article has no link".into()),
                    "{kind:?} {link:?}"
                );
            }
        }
        assert!(matches!(
            plan(&ShareKind::SaveMarkdown, &a, &local(), &[]),
            Plan::Save(_)
        ));
    }
}

#[test]
fn custom_targets_run_with_their_settings() {
    let t = ShareTarget {
        name: "Editor".into(),
        key: "E".into(),
        command: vec!["vim".into(), "+set ft=markdown".into(), "{title}".into()],
        terminal: true,
        timeout_secs: 5,
    };
    let no_link = ShareArticle {
        link: None,
        ..article()
    };
    assert_eq!(
        plan(&ShareKind::Custom(0), &no_link, &local(), &[t]),
        Plan::Run {
            argv: vec![
                "vim".into(),
                "+set ft=markdown".into(),
                "Tom & [Jerry]".into()
            ],
            terminal: true,
            timeout: Duration::from_secs(5),
            name: "Editor".into(),
            file: None,
        }
    );
    assert!(matches!(
        plan(&ShareKind::Custom(3), &article(), &local(), &[]),
        Plan::Refuse(_)
    ));
}

fn parse_err(text: &str) -> String {
    config::parse(text).expect_err("refused").to_string()
}

#[test]
fn share_tables_parse_with_defaults() {
    let c = config::parse(
        "[[share]]\nname = \"Pocket\"\nkey = \"p\"\ncommand = [\"pocket\", \"add\", \"{url}\"]\n\n\
         [[share]]\nname = \"Edit\"\nkey = \"É\"\ncommand = [\"vim\", \"{file}\"]\nterminal = true\ntimeout_secs = 5\n",
    )
    .unwrap();
    assert_eq!(
        c.share,
        vec![
            ShareTarget {
                name: "Pocket".into(),
                key: "p".into(),
                command: vec!["pocket".into(), "add".into(), "{url}".into()],
                terminal: false,
                timeout_secs: 30,
            },
            ShareTarget {
                name: "Edit".into(),
                key: "É".into(),
                command: vec!["vim".into(), "{file}".into()],
                terminal: true,
                timeout_secs: 5,
            }
        ]
    );
}

#[test]
fn share_key_collisions_are_refused_with_name_and_line() {
    let builtin = parse_err("\n[[share]]\nname = \"Copy\"\nkey = \"c\"\ncommand = [\"x\"]\n");
    assert_eq!(
        builtin,
        "config.toml line 4, column 7: share target \"Copy\" ([[share]] #1): key \"c\" is already the share menu's \"copy link\""
    );
    let twice = parse_err(
        "[[share]]\nname = \"A\"\nkey = \"p\"\ncommand = [\"x\"]\n[[share]]\nname = \"B\"\nkey = \"p\"\ncommand = [\"y\"]\n",
    );
    assert_eq!(
        twice,
        "config.toml line 7, column 7: share target \"B\" ([[share]] #2): key \"p\" is already used by share target \"A\" ([[share]] #1)"
    );
    let digit = parse_err("[[share]]\nname = \"D\"\nkey = \"3\"\ncommand = [\"x\"]\n");
    assert!(
        digit.contains("line 3") && digit.contains("digit"),
        "{digit}"
    );
    let long = parse_err("[[share]]\nname = \"L\"\nkey = \"pp\"\ncommand = [\"x\"]\n");
    assert!(
        long.contains("line 3") && long.contains("one character"),
        "{long}"
    );
    let space = parse_err("[[share]]\nname = \"L\"\nkey = \" \"\ncommand = [\"x\"]\n");
    assert!(space.contains("one character"), "{space}");
}

#[test]
fn share_tables_need_a_command_and_sane_values() {
    let empty = parse_err("[[share]]\nname = \"E\"\nkey = \"p\"\ncommand = []\n");
    assert!(
        empty.contains("line 4") && empty.contains("command"),
        "{empty}"
    );
    let missing = parse_err("[[share]]\nname = \"E\"\nkey = \"p\"\n");
    assert!(missing.contains("command"), "{missing}");
    let zero =
        parse_err("[[share]]\nname = \"E\"\nkey = \"p\"\ncommand = [\"x\"]\ntimeout_secs = 0\n");
    assert!(
        zero.contains("line 5") && zero.contains("at least 1"),
        "{zero}"
    );
    let unknown =
        parse_err("[[share]]\nname = \"E\"\nkey = \"p\"\ncommand = [\"x\"]\nshell = true\n");
    assert!(unknown.contains("shell"), "{unknown}");
    let nameless = parse_err("[[share]]\nname = \" \"\nkey = \"p\"\ncommand = [\"x\"]\n");
    assert!(
        nameless.contains("[[share]] #1 has an empty name"),
        "{nameless}"
    );
}

#[test]
fn general_share_settings() {
    let c = config::parse("").unwrap();
    assert_eq!(c.general.remote, "auto");
    assert!(c.general.hyperlinks && c.general.system_clipboard);
    assert!(c.general.mailer.is_empty() && c.general.save_dir.is_empty());
    let bad = parse_err("[general]\nremote = \"maybe\"\n");
    assert_eq!(
        bad,
        "config.toml line 2, column 10: [general] remote must be \"auto\", \"yes\" or \"no\", not \"maybe\""
    );
    let c = config::parse("[general]\nremote = \"yes\"\nsave_dir = \"/srv/notes\"\n").unwrap();
    assert_eq!(
        config::resolve_save_dir(&c.general),
        PathBuf::from("/srv/notes")
    );
}

#[test]
fn save_dir_defaults_and_home() {
    let mut g = config::General::default();
    let default = config::resolve_save_dir(&g);
    assert!(default.ends_with("tidings"), "{default:?}");
    assert!(default.is_absolute(), "{default:?}");
    g.save_dir = "~/notes/news".into();
    let home = config::resolve_save_dir(&g);
    assert!(
        home.is_absolute() && home.ends_with("notes/news"),
        "{home:?}"
    );
    assert!(!home.to_string_lossy().contains('~'));
}
