//! tidings-bench: speed and memory figures for README, on data it makes itself.
//!
//!   cargo build --release && target/release/tidings-bench [refresh|startup|keypress [N]|merge|rss|all]
//!   target/release/tidings-bench scale [FEEDS ITEMS]
//!   target/release/tidings-bench dbsize [ARTICLES]    (BENCH_KEEP=DIR keeps the file)
//!   target/release/tidings-bench migrate FILE         (FILE is changed: give a copy)
//!   target/release/tidings-bench pictures             (decode and half-block times)
//!   target/release/tidings-bench fulltext             (extracting a 300 KB page)
//!   target/release/tidings-bench parse [DIR]          (feed::parse alone, per format)
//!   target/release/tidings-bench sync [ARTICLES]      (against a real TT-RSS; as root)
//!   target/release/tidings-bench sync-store [FEEDS ITEMS]  (Db::store_remote alone)
//!
//! `refresh`, `rss` and `scale` run the real `tidings` binary next to this one; `rss` and
//! `scale` need tmux. `scale` (issue 11's year of news) is not part of `all`.

mod scale;

mod dbsize;

mod fulltext;
mod parse;
mod pictures;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod sync;

use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tidings::app::keymap::Keymap;
use tidings::app::{App, Msg};
use tidings::model::{Feed, Flags, Headline};
use tidings::store::Store;
use tidings::timefmt::Zone;

const FEEDS: usize = 200;
const ITEMS: usize = 100;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let work = std::env::temp_dir().join(format!("tidings-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&work);
    let run = |name: &str| what == "all" || what == name;
    let mut data_dir = None;
    if what == "scale" {
        scale::run(&work);
    }
    if run("refresh") || run("startup") || run("rss") {
        data_dir = Some(bench_refresh(&work));
    }
    if let Some(dir) = &data_dir {
        if run("startup") {
            bench_startup(&work, dir);
        }
        if run("rss") {
            bench_rss(&work, dir);
        }
    }
    if run("keypress") {
        bench_keypress();
    }
    if run("merge") {
        bench_merge();
    }
    if run("fulltext") {
        fulltext::bench_fulltext();
    }
    if what == "dbsize" {
        let n = std::env::args().nth(2).and_then(|n| n.parse().ok());
        dbsize::bench_dbsize(&work, n.unwrap_or(50_000));
    }
    if what == "parse" {
        parse::run(std::env::args().nth(2).as_deref());
    }
    if what == "pack" {
        parse::run_pack(std::env::args().nth(2).as_deref());
    }
    if what == "sync" {
        let n = std::env::args().nth(2).and_then(|n| n.parse().ok());
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        sync::run(&work, n.unwrap_or(20_000));
        #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
        println!("sync: Linux only (the tt-rss scripts), {n:?}");
    }
    if what == "sync-store" {
        let arg = |i: usize| std::env::args().nth(i).and_then(|n| n.parse().ok());
        let shapes = match (arg(2), arg(3)) {
            (Some(f), Some(m)) => vec![(f, m)],
            _ => vec![(20, 1000), (100, 200), (250, 400)],
        };
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        sync::store(&work, &shapes);
        #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
        println!("sync-store: Linux only, {shapes:?}");
    }
    if what == "pictures" {
        pictures::run();
        pictures::scroll();
    }
    if what == "migrate" {
        match std::env::args().nth(2) {
            Some(file) => dbsize::bench_migrate(Path::new(&file)),
            None => println!("migrate: give a copy of a database file to bring up to date"),
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}

// ---------------------------------------------------------------- corpus

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "market",
    "energy",
    "minister",
    "talks",
    "border",
    "trade",
    "council",
    "report",
    "city",
    "river",
    "election",
    "court",
    "science",
    "climate",
    "budget",
    "harbour",
    "rail",
    "storm",
    "museum",
    "переговоры",
    "министр",
    "экономика",
    "会谈",
    "部长",
    "经济",
    "محادثات",
    "وزير",
    "Brücke",
    "Regierung",
    "élection",
    "🚆",
];

fn sentence(r: &mut Rng, n: usize) -> String {
    (0..n).map(|_| r.pick(WORDS)).collect::<Vec<_>>().join(" ")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn body(r: &mut Rng, feed: usize, item: usize) -> String {
    let mut b = String::new();
    for p in 0..4 {
        b.push_str(&format!(
            "<p>{} <a href=\"https://example.com/f{feed}/i{item}/l{p}\">{}</a> {}.</p>",
            sentence(r, 25),
            sentence(r, 2),
            sentence(r, 20)
        ));
    }
    b
}

/// Feed `f` as RSS 2.0, Atom or JSON Feed by turn; every fifth item has an enclosure.
fn make_feed(f: usize) -> (String, &'static str) {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ (f as u64 + 1));
    let base = 1_767_225_600 - (f as i64) * 3600;
    match f % 3 {
        0 => {
            let mut s = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>Feed {f}</title><link>https://example.com/f{f}</link><description>bench</description>"
            );
            for i in 0..ITEMS {
                let date = chrono::DateTime::from_timestamp(base - i as i64 * 600, 0)
                    .unwrap_or_default()
                    .to_rfc2822();
                let sec = i % 12;
                let enc = if i % 5 == 0 {
                    format!(
                        "<enclosure url=\"https://example.com/f{f}/{i}.mp3\" length=\"1234567\" type=\"audio/mpeg\"/><itunes:duration>31:04</itunes:duration><itunes:explicit>no</itunes:explicit>"
                    )
                } else {
                    String::new()
                };
                s.push_str(&format!(
                    "<item><title>{}</title><link>https://example.com/f{f}/{i}</link><guid>f{f}-{i}</guid><pubDate>{date}</pubDate><category>Section {sec}</category><category>World</category><description>{}</description>{enc}</item>",
                    esc(&sentence(&mut r, 9)),
                    esc(&body(&mut r, f, i))
                ));
            }
            s.push_str("</channel></rss>");
            (s, "application/rss+xml")
        }
        1 => {
            let mut s = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Feed {f}</title><id>urn:f{f}</id><updated>2026-01-01T00:00:00Z</updated><link href=\"https://example.com/f{f}\"/>"
            );
            for i in 0..ITEMS {
                let date = chrono::DateTime::from_timestamp(base - i as i64 * 600, 0)
                    .unwrap_or_default()
                    .to_rfc3339();
                let sec = i % 12;
                let enc = if i % 5 == 0 {
                    format!(
                        "<link rel=\"enclosure\" href=\"https://example.com/f{f}/{i}.mp3\" type=\"audio/mpeg\" length=\"1234567\"/>"
                    )
                } else {
                    String::new()
                };
                s.push_str(&format!(
                    "<entry><title>{}</title><id>urn:f{f}:{i}</id><link href=\"https://example.com/f{f}/{i}\"/>{enc}<updated>{date}</updated><category term=\"Section {sec}\"/><author><name>Writer {i}</name></author><content type=\"html\">{}</content></entry>",
                    esc(&sentence(&mut r, 9)),
                    esc(&body(&mut r, f, i))
                ));
            }
            s.push_str("</feed>");
            (s, "application/atom+xml")
        }
        _ => {
            let items: Vec<serde_json::Value> = (0..ITEMS)
                .map(|i| {
                    let date = chrono::DateTime::from_timestamp(base - i as i64 * 600, 0).unwrap_or_default().to_rfc3339();
                    let mut item = serde_json::json!({
                        "id": format!("f{f}-{i}"),
                        "url": format!("https://example.com/f{f}/{i}"),
                        "title": sentence(&mut r, 9),
                        "content_html": body(&mut r, f, i),
                        "date_published": date,
                    });
                    if i % 5 == 0 {
                        item["attachments"] = serde_json::json!([{"url": format!("https://example.com/f{f}/{i}.mp3"), "mime_type": "audio/mpeg", "duration_in_seconds": 1864}]);
                    }
                    item
                })
                .collect();
            let doc = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": format!("Feed {f}"), "items": items});
            (doc.to_string(), "application/feed+json")
        }
    }
}

// ---------------------------------------------------------------- loopback server

/// Serves `/fN` with ETag support (keep-alive), until the process ends.
fn serve(feeds: Arc<Vec<(String, &'static str)>>) -> u16 {
    let listener = match TcpListener::bind("127.0.0.1:0") {
        Ok(l) => l,
        Err(e) => panic!("bind: {e}"),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let feeds = Arc::clone(&feeds);
            std::thread::spawn(move || handle(stream, &feeds));
        }
    });
    port
}

fn handle(stream: TcpStream, feeds: &[(String, &'static str)]) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut out = stream;
    loop {
        let mut first = String::new();
        if reader.read_line(&mut first).unwrap_or(0) == 0 {
            return;
        }
        let mut inm = None;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            if h == "\r\n" {
                break;
            }
            if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
                inm = Some(v.trim().to_string());
            }
        }
        let path = first.split_whitespace().nth(1).unwrap_or("/");
        let idx = path.trim_start_matches("/f").parse::<usize>().ok();
        let resp: Vec<u8> = match idx.and_then(|i| feeds.get(i).map(|f| (i, f))) {
            Some((i, (doc, ctype))) => {
                let etag = format!("\"bench-{i}\"");
                if inm.as_deref() == Some(etag.as_str()) {
                    format!(
                        "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nContent-Length: 0\r\n\r\n"
                    )
                    .into_bytes()
                } else {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}; charset=utf-8\r\nETag: {etag}\r\nContent-Length: {}\r\n\r\n",
                        doc.len()
                    )
                    .into_bytes();
                    r.extend_from_slice(doc.as_bytes());
                    r
                }
            }
            None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
        };
        if out.write_all(&resp).is_err() {
            return;
        }
        let _ = reader.get_mut().read(&mut []);
    }
}

fn tidings_bin() -> PathBuf {
    let me = std::env::current_exe().unwrap_or_default();
    me.with_file_name("tidings")
}

// ---------------------------------------------------------------- benches

fn bench_refresh(work: &Path) -> PathBuf {
    let t = Instant::now();
    let feeds: Vec<(String, &'static str)> = (0..FEEDS).map(make_feed).collect();
    let bytes: usize = feeds.iter().map(|f| f.0.len()).sum();
    let port = serve(Arc::new(feeds));
    let mut config = format!(
        "[general]\nrefresh_minutes = 600\n{}",
        std::env::var("BENCH_EXTRA")
            .unwrap_or_default()
            .replace(";", "\n")
    );
    for i in 0..FEEDS {
        config.push_str(&format!(
            "\n[[feed]]\nurl = \"http://127.0.0.1:{port}/f{i}\"\n"
        ));
    }
    let cfg = work.join("config.toml");
    let data = work.join("data");
    let _ = std::fs::write(&cfg, config);
    println!(
        "corpus: {FEEDS} feeds x {ITEMS} items, {:.1} MB, made in {:.2} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    for label in ["refresh, empty database", "refresh again (all 304)"] {
        let t = Instant::now();
        let out = Command::new(tidings_bin())
            .arg("--config")
            .arg(&cfg)
            .arg("--data-dir")
            .arg(&data)
            .arg("refresh")
            .output();
        let wall = t.elapsed().as_secs_f64();
        match out {
            Ok(o) => {
                let text = String::from_utf8_lossy(&o.stdout);
                let summary = text.lines().last().unwrap_or("").to_string();
                println!("{label}: {wall:.3} s wall  ({summary})");
            }
            Err(e) => println!("{label}: could not run {}: {e}", tidings_bin().display()),
        }
    }
    let _ = std::fs::write(work.join("config-path"), cfg.display().to_string());
    data
}

/// The app as the reader starts it, at 160×48.
fn reader_app(store: Store) -> App {
    App::new(
        store,
        Keymap::default(),
        Zone::Local,
        tidings::setup::now(),
        (160, 48),
    )
}

/// One full frame of `app`, as the first draw makes it.
fn draw_once(app: &App) {
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("{e}"));
    let _ = term.draw(|f| tidings::ui::render(app, f));
}

fn bench_startup(work: &Path, data: &Path) {
    let cfg = work.join("config.toml");
    let mut times = Vec::new();
    let mut cat_times = Vec::new();
    let mut counted_times = Vec::new();
    let mut articles = 0;
    for _ in 0..7 {
        // The reader's first frame: the feed list drawn from the stored counts, before
        // the rows (which the writer's thread reads meanwhile: the path below).
        let t = Instant::now();
        if let Ok(setup) = tidings::setup::Setup::open(Some(&cfg), Some(data)) {
            let counts = setup.db.stored_counts().unwrap_or_default();
            draw_once(&reader_app(Store::counted(setup.feeds.clone(), &counts)));
            counted_times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let t = Instant::now();
        let setup = match tidings::setup::Setup::open(Some(&cfg), Some(data)) {
            Ok(s) => s,
            Err(e) => {
                println!("startup: {e}");
                return;
            }
        };
        let ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
        let mut store = Store::new(setup.feeds.clone(), Vec::new());
        let _ = setup.db.each_headline(&ids, |h| store.add(h));
        articles = store.len();
        let mut app = reader_app(store);
        app.update(key(KeyCode::Enter));
        draw_once(&app);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        // As the reader does: the categories arrive from the writer after the first frame.
        let c = Instant::now();
        let lists = setup.db.load_categories(&ids).unwrap_or_default();
        app.update(Msg::Db(tidings::db::writer::DbEvent::Categories(lists)));
        cat_times.push(c.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    cat_times.sort_by(f64::total_cmp);
    counted_times.sort_by(f64::total_cmp);
    if !counted_times.is_empty() {
        println!(
            "startup to the first drawn feed list (counts read before the rows, as the reader draws it): median {:.1} ms (min {:.1}, max {:.1})",
            counted_times[counted_times.len() / 2],
            counted_times[0],
            counted_times[counted_times.len() - 1]
        );
    }
    println!(
        "startup to first drawn headline list, {articles} stored articles: median {:.1} ms (min {:.1}, max {:.1}; config, database, store, first frame; then feed categories {:.1} ms after it)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        cat_times[cat_times.len() / 2]
    );
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);
impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader holding `n` articles of 100 feeds, as the key press benchmarks use.
fn big_app(n: i64, r: &mut Rng) -> App {
    let feeds: Vec<Feed> = (0..100)
        .map(|i| Feed {
            id: i,
            url: format!("https://e.com/{i}"),
            fetch_url: String::new(),
            title: format!("Feed number {i}"),
            ..Feed::default()
        })
        .collect();
    let hs: Vec<Headline> = (0..n)
        .map(|i| Headline {
            id: i + 1,
            feed_id: i % 100,
            title: sentence(r, 10),
            link: Some(format!("https://e.com/a/{i}")),
            author: None,
            date: 1_767_225_600 - i * 37,
            flags: Flags::new(i % 3 == 0, i % 50 == 0, i % 5 == 0),
        })
        .collect();
    let store = Store::new(feeds, hs);
    App::new(
        store,
        Keymap::default(),
        Zone::utc(),
        1_767_225_600,
        (160, 48),
    )
}

/// `tidings-bench keypress [N]`: over N headlines (100,000 unless given).
fn bench_keypress() {
    let n = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    keypress_at(n);
}

/// The key press, search and filter keystroke rows, over a store of `n` articles.
fn keypress_at(n: i64) {
    let mut r = Rng(7);
    let mut app = big_app(n, &mut r);
    app.update(key(KeyCode::Enter));
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("{e}"));
    let _ = term.draw(|f| tidings::ui::render(&app, f));
    // BENCH_PRESSES=0 leaves only the search and filter rows (for a profile of them).
    let presses = std::env::var("BENCH_PRESSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(2000u32)
        .max(1);
    let t = Instant::now();
    let mut worst = Duration::ZERO;
    for i in 0..presses {
        let k = Instant::now();
        app.update(key(if i % 400 < 200 {
            KeyCode::Char('j')
        } else {
            KeyCode::Char('k')
        }));
        let _ = term.draw(|f| tidings::ui::render(&app, f));
        worst = worst.max(k.elapsed());
    }
    println!(
        "key press on the headline list, {n} stored articles: {:.3} ms mean, {:.3} ms worst (update + full draw, 160x48)",
        t.elapsed().as_secs_f64() * 1000.0 / presses as f64,
        worst.as_secs_f64() * 1000.0
    );

    // Search and filter: every keystroke narrows all the headlines again.
    for (label, open, query) in [
        ("search", KeyCode::Char('/'), "harbour storm"),
        (
            "filter",
            KeyCode::Char('F'),
            "unread feed:number -rail age:<30d",
        ),
    ] {
        let opened = Instant::now();
        app.update(key(open));
        let _ = term.draw(|f| tidings::ui::render(&app, f));
        let open_ms = opened.elapsed().as_secs_f64() * 1000.0;
        let mut worst = Duration::ZERO;
        let t = Instant::now();
        // BENCH_KEYS=1: each keystroke's time, to see which one is the worst.
        let each = std::env::var_os("BENCH_KEYS").is_some();
        for c in query.chars() {
            let k = Instant::now();
            app.update(key(KeyCode::Char(c)));
            let _ = term.draw(|f| tidings::ui::render(&app, f));
            worst = worst.max(k.elapsed());
            if each {
                println!(
                    "  {c:?}: {:.2} ms, {} shown",
                    k.elapsed().as_secs_f64() * 1000.0,
                    app.list().len()
                );
            }
        }
        println!(
            "{label} keystroke over {n} stored articles (\"{query}\", {} shown at the end): {:.2} ms mean, {:.2} ms worst (update + draw); opening the prompt: {open_ms:.1} ms",
            app.list().len(),
            t.elapsed().as_secs_f64() * 1000.0 / query.chars().count() as f64,
            worst.as_secs_f64() * 1000.0
        );
        app.update(key(KeyCode::Esc));
    }

    // Bytes a real terminal receives for one step down.
    let count = Arc::new(AtomicUsize::new(0));
    let backend = CrosstermBackend::new(Counter(Arc::clone(&count)));
    let mut term = match Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 160, 48)),
        },
    ) {
        Ok(t) => t,
        Err(e) => {
            println!("bytes per step: {e}");
            return;
        }
    };
    let _ = term.draw(|f| tidings::ui::render(&app, f));
    let full = count.swap(0, Ordering::Relaxed);
    app.update(key(KeyCode::Char('j')));
    let _ = term.draw(|f| tidings::ui::render(&app, f));
    let step = count.load(Ordering::Relaxed);
    println!(
        "bytes written for one step down the headline list: {step} (first full frame: {full})"
    );
}

fn bench_rss(work: &Path, data: &Path) {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("rss: tmux not found, skipped");
        return;
    }
    let cfg = work.join("config.toml");
    let session = format!("tidings-bench-{}", std::process::id());
    let cmd = format!(
        "{} --config {} --data-dir {}",
        tidings_bin().display(),
        cfg.display(),
        data.display()
    );
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "160",
            "-y",
            "48",
            &cmd,
        ])
        .env("TMUX", "")
        .status();
    if !started.is_ok_and(|s| s.success()) {
        println!("rss: could not start tmux");
        return;
    }
    std::thread::sleep(Duration::from_millis(1500));
    for k in ["Enter", "j", "j", "Enter", "J", "J", "q", "q"] {
        let _ = Command::new("tmux")
            .args(["send-keys", "-t", &session, k])
            .status();
        std::thread::sleep(Duration::from_millis(150));
    }
    let pid = Command::new("tmux")
        .args(["list-panes", "-t", &session, "-F", "#{pane_pid}"])
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<u32>()
                .ok()
        });
    let hwm = pid
        .and_then(|p| std::fs::read_to_string(format!("/proc/{p}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        });
    let _ = Command::new("tmux")
        .args(["kill-session", "-t", &session])
        .status();
    match hwm.and_then(|k| k.parse::<f64>().ok()) {
        Some(kb) => println!(
            "peak RSS of the TUI with the refreshed store loaded (20000 articles): {:.1} MB",
            kb / 1024.0
        ),
        None => println!("rss: could not read the TUI's memory"),
    }
}

/// Another process (a cron refresh) wrote: the reader merges its snapshot on the UI loop.
fn bench_merge() {
    const N: i64 = 100_000;
    let mut r = Rng(7);
    let mut app = big_app(N, &mut r);
    app.update(key(KeyCode::Enter));
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("{e}"));
    let _ = term.draw(|f| tidings::ui::render(&app, f));
    let mut times = Vec::new();
    for round in 0..7i64 {
        let mut headlines: Vec<Headline> =
            app.store().headlines().map(|h| h.to_headline()).collect();
        for (i, h) in headlines.iter_mut().enumerate().take(1000) {
            h.flags.set(Flags::READ, (i as i64 + round) % 2 == 0);
        }
        let first_new = N + 1 + round * 200;
        headlines.extend((0..200).map(|i| Headline {
            id: first_new + i,
            feed_id: i % 100,
            title: sentence(&mut r, 10),
            link: None,
            author: None,
            date: 1_767_225_600 + round * 200 + i,
            flags: Flags::default(),
        }));
        let categories = headlines
            .iter()
            .filter(|h| h.id % 2 == 1)
            .map(|h| {
                (
                    h.id,
                    vec![format!("Section {}", h.id % 12), "World".to_string()],
                )
            })
            .collect::<Vec<_>>()
            .into();
        let snapshot = tidings::db::Snapshot {
            headlines,
            categories,
            feeds: Vec::new(),
        };
        let t = Instant::now();
        app.update(Msg::Db(tidings::db::writer::DbEvent::External {
            seq: 0,
            snapshot,
        }));
        let _ = term.draw(|f| tidings::ui::render(&app, f));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "merging another process's writes into a reader of {N} articles (200 new, 1000 flags changed, categories on half): median {:.1} ms, worst {:.1} ms on the UI loop (update + draw)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
