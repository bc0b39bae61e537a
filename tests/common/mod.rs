//! A small world for app and screen tests: fixed clock, fixed zone, three feeds.
#![allow(dead_code)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Msg};
use tidings::model::{ArticleBody, Enclosure, Feed, FeedStatus, Flags, Headline};
use tidings::store::Store;
use tidings::timefmt::Zone;

/// 2025-01-29 00:38:00 UTC
pub const NOW: i64 = 1_738_111_080;

pub fn feed(id: i64, title: &str) -> Feed {
    Feed {
        id,
        url: format!("https://news.example/{id}.xml"),
        fetch_url: format!("https://news.example/{id}.xml"),
        title: title.to_string(),
        refresh_secs: 1800,
        status: FeedStatus::Ok { at: NOW - 60 },
        ..Feed::default()
    }
}

pub fn headline(id: i64, feed_id: i64, minutes_ago: i64, title: &str) -> Headline {
    Headline {
        id,
        feed_id,
        title: title.to_string(),
        link: Some(format!("https://news.example/articles/{id}")),
        author: None,
        date: NOW - minutes_ago * 60,
        flags: Flags::default(),
    }
}

pub fn world() -> Store {
    let mut bad = feed(3, "Der Spiegel");
    bad.status = FeedStatus::Error {
        at: NOW - 120,
        message: "HTTP 503 Service Unavailable".into(),
    };
    let feeds = vec![feed(1, "BBC News"), feed(2, "Meduza"), bad];
    let mut hs = vec![
        headline(1, 1, 5, "Storm closes harbour as river floods city centre"),
        headline(2, 2, 15, "Переговоры о границе продолжатся в четверг"),
        headline(3, 1, 30, "Council approves rail tunnel budget"),
        headline(4, 2, 45, "Министр экономики представил доклад"),
        headline(5, 3, 60, "Regierung plant neue Brücke über den Rhein"),
        headline(6, 1, 90, "Museum reopens after two-year restoration"),
    ];
    hs[2].flags = Flags::new(true, false, false);
    hs[3].flags = Flags::new(false, true, true);
    Store::new(feeds, hs)
}

pub fn app(w: u16, h: u16) -> App {
    App::new(world(), Keymap::default(), Zone::utc(), NOW, (w, h))
}

pub fn key(c: char) -> Msg {
    code(KeyCode::Char(c))
}

pub fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// Feeds keys in order, collecting every effect.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in keys.chars() {
        let msg = match c {
            '\n' => code(KeyCode::Enter),
            '\t' => code(KeyCode::Tab),
            c => key(c),
        };
        fx.extend(app.update(msg));
    }
    fx
}

pub fn body(html: &str) -> ArticleBody {
    ArticleBody {
        summary: None,
        content: Some(html.to_string()),
        enclosures: vec![Enclosure {
            url: "https://news.example/audio/1.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(12_582_912),
            duration_secs: Some(1600),
        }],
        categories: vec!["World".into()],
        picture: None,
    }
}

/// Answers LoadBody effects the way the runner does.
pub fn answer_bodies(app: &mut App, fx: &[Effect], html: &str) {
    for e in fx {
        if let Effect::LoadBody(id) = e {
            app.update(Msg::Body(*id, Ok(Some(body(html)))));
        }
    }
}

/// Time a thread spent on a CPU, for bounds that guard against super-linear blowups:
/// unlike wall time it does not stretch when the machine is busy (two cores shared with
/// builds made wall-clock bounds fail). Linux's per-thread schedstat; wall time elsewhere.
pub struct CpuTimer {
    wall: std::time::Instant,
    cpu: Option<u64>,
}

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl CpuTimer {
    pub fn start() -> CpuTimer {
        CpuTimer {
            wall: std::time::Instant::now(),
            cpu: thread_cpu_ns(),
        }
    }

    /// CPU time of the calling thread since `start`, which must have run on the same thread.
    pub fn elapsed(&self) -> std::time::Duration {
        match (self.cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => std::time::Duration::from_nanos(b.saturating_sub(a)),
            _ => self.wall.elapsed(),
        }
    }
}

/// `words` six-letter words no compressor folds together (about 7 bytes a word): bodies are
/// stored compressed, and tests of file sizes need each article to take real room.
pub fn incompressible(seed: usize, words: usize) -> String {
    let mut x = (seed as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..words)
        .map(|_| {
            (0..6)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    char::from(b'a' + (x % 26) as u8)
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A tmpfs of `kb` KB mounted on a temp dir, unmounted on drop: a real filesystem that
/// fills up or turns read-only. None (said on stderr) where mounting is not allowed.
pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(kb: usize) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("cannot mount a tmpfs here (not root, or no mount permission): skipped");
            return None;
        }
        Some(SmallDisk { dir })
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Writes a file until the disk is full; returns it.
    pub fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
        filler
    }

    pub fn remount(&self, mode: &str) {
        let out = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(self.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .output();
    }
}
