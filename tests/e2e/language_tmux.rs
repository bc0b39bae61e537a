//! The reader in Russian at 80×24, as a user with `LANG=ru_RU.UTF-8` sees it: every screen
//! is read back from tmux and any Latin word that is not feed content, a key name or an
//! address fails the test.

use crate::tmux::Tmux;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Вестник гавани</title><link>https://vestnik.example/</link><description>Новости</description>
<item><title>Шторм закрыл гавань</title><link>https://vestnik.example/shtorm</link><guid>v-1</guid>
<pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><description>&lt;p&gt;Волна поднялась до 4,2 м. &lt;a href="https://vestnik.example/karta"&gt;Карта&lt;/a&gt;&lt;/p&gt;</description>
<enclosure url="https://vestnik.example/vypusk.mp3" length="1000" type="audio/mpeg"/></item>
<item><title>Тоннель одобрен</title><link>https://vestnik.example/tonnel</link><guid>v-2</guid>
<pubDate>Tue, 28 Jan 2025 10:00:00 +0000</pubDate><description>Бюджет принят.</description></item>
</channel></rss>"#;

/// Latin words a Russian screen may show: key names as the keymap writes them, the program's
/// name, formats and protocols that have no translation.
const ALLOWED: &[&str] = &[
    "Enter",
    "Esc",
    "Tab",
    "Space",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Left",
    "Right",
    "Up",
    "Down",
    "Ctrl",
    "Alt",
    "Shift",
    "Backspace",
    "Del",
    "Insert",
    "tidings",
    "Markdown",
    "QR",
    "Telegram",
    "Facebook",
    "WhatsApp",
    "Reddit",
    "LinkedIn",
    "Hacker",
    "News",
    "Mastodon",
    "OSC",
    "SSH",
    "URL",
    "HTML",
    "RSS",
    "Atom",
    "JSON",
    "OPML",
    "mpv",
    "tmux",
    "config",
    "toml",
    "TT-RSS",
    "Google",
    "Reader",
    "API",
    // The enclosure's MIME type (audio/mpeg) cut by an overlay's border.
    "audio",
    "video",
];

/// Latin words of three letters or more that are not allowed, with their lines.
fn english(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in screen.lines() {
        for token in line.split_whitespace() {
            // Addresses, paths, config keys and file names are not prose.
            if token.contains(['/', '.', '_', '=', '@', '[', '{']) {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() >= 3 && !ALLOWED.contains(&word) {
                    out.push(format!("{word:?} in {line:?}"));
                }
            }
        }
    }
    out
}

fn check(tmux: &Tmux, what: &str, screen: &str) {
    let found = english(screen);
    assert!(
        found.is_empty(),
        "{what}: English on a Russian screen:\n{}\n\n{screen}",
        found.join("\n")
    );
    // Nothing drawn past the right edge or cut mid-character: tmux shows 80 columns.
    for line in screen.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{what}: {line:?}"
        );
    }
    let _ = tmux;
}

#[test]
fn the_reader_speaks_russian_on_every_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .expect("config");
    let cmdline = format!(
        "env -u LC_ALL LANG=ru_RU.UTF-8 TZ=UTC {} --config {} --data-dir {}; sleep 30",
        env!("CARGO_BIN_EXE_tidings"),
        config.display(),
        dir.path().join("data").display()
    );
    let tmux = Tmux::new("russian");
    tmux.start(&cmdline, (80, 24), None);

    tmux.wait_for("Вестник гавани");
    let s = tmux.wait_for("2/2");
    check(&tmux, "feed list", &s);

    tmux.keys(&["j", "j", "j", "Enter"]);
    let s = tmux.wait_for("Шторм закрыл гавань");
    check(&tmux, "headlines", &s);

    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("Волна поднялась");
    assert!(s.contains("29 янв 2025 00:38"), "{s}");
    check(&tmux, "article", &s);

    tmux.keys(&["b"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    check(&tmux, "bookmarked", &tmux.screen());

    tmux.keys(&["s"]);
    let s = tmux.wait_for("ВКонтакте");
    check(&tmux, "share menu", &s);
    tmux.keys(&["Escape"]);

    tmux.keys(&["?"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    // Help's last column is the action's name in config.toml's [keys], the same in every
    // language.
    let s: String = tmux
        .screen()
        .lines()
        .map(|l| {
            let body = l.trim_end_matches(['│', '─', ' ']);
            match body.rsplit_once(' ') {
                Some((rest, name))
                    if !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    format!("{rest}\n")
                }
                _ => format!("{l}\n"),
            }
        })
        .collect();
    check(&tmux, "help", &s);
    tmux.keys(&["?"]);

    tmux.keys(&["/"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    check(&tmux, "search prompt", &tmux.screen());
    tmux.keys(&["Escape"]);

    tmux.keys(&["D"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    check(&tmux, "downloads", &tmux.screen());
    tmux.keys(&["Escape", "Q"]);
}
