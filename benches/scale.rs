//! `tidings-bench scale [FEEDS ITEMS]`: issue 11's figures for a year of news (250 feeds ×
//! 1,000 items by default) on a corpus made here in the shape of genfeeds.py (RSS 2.0, Atom,
//! RSS 1.0 and JSON Feed in turn), served from loopback to the real `tidings` binary.
//!
//! Peak RSS is the child's `VmHWM`, read from /proc every few milliseconds while it runs:
//! the last reading before it exits is its peak unless memory grows in those last
//! milliseconds. The reader runs in a tmux server of its own, as in `rss`.

use super::{Rng, bench_startup, esc, keypress_at, serve, tidings_bin};
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "market", "energy", "minister", "talks", "border", "trade", "council", "report", "city",
    "river", "election", "court", "science", "climate", "vote", "budget", "harbour", "rail",
    "storm", "museum", "league", "final", "season", "strike", "bank", "growth", "data", "study",
    "health", "port", "treaty", "summit", "visit", "pipeline", "grain", "wheat", "harvest",
    "drought", "flood", "bridge", "tunnel",
];
const OTHER: &[&str] = &[
    "переговоры",
    "министр",
    "визит",
    "соглашение",
    "экономика",
    "энергия",
    "граница",
    "порт",
    "会谈",
    "部长",
    "访问",
    "协议",
    "经济",
    "能源",
    "边境",
    "港口",
    "محادثات",
    "وزير",
    "زيارة",
    "اتفاق",
    "اقتصاد",
    "طاقة",
    "حدود",
    "ميناء",
    "🚆",
    "🌍",
    "📈",
    "⚡",
    "🗳️",
];
const CATS: &[&str] = &[
    "World", "Business", "Science", "Sport", "Politics", "Tech", "Culture",
];
const AUTHORS: &[&str] = &["Staff", "A. Writer", "Б. Автор", "C. Reporter"];

/// A word no other text contains, in the body of every `MARK_EVERY`th item: how many
/// articles a full search answer has is known in advance.
const MARK: &str = "lighthouse";
const MARK_EVERY: usize = 97;

impl Rng {
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

fn sentence(r: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        // genfeeds.py's pool: the Latin words six times over, the other scripts once.
        let pick = r.range(0, WORDS.len() * 6 + OTHER.len() - 1);
        let w = WORDS
            .get(pick / 6)
            .or_else(|| OTHER.get(pick - WORDS.len() * 6));
        let w = w.copied().unwrap_or("news");
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn split_at_char(s: &str, n: usize) -> (&str, &str) {
    let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.split_at(at)
}

fn body_html(r: &mut Rng, i: usize, base: &str) -> String {
    let mut paras = Vec::new();
    for p in 0..r.range(3, 7) {
        let n = r.range(2, 5);
        let mut s = (0..n)
            .map(|_| {
                let len = r.range(8, 18);
                sentence(r, len)
            })
            .collect::<Vec<_>>()
            .join(" ");
        if p == 0 && i.is_multiple_of(MARK_EVERY) {
            s.push_str(&format!(" The {MARK} keeper spoke."));
        }
        let html = match p {
            1 => format!(
                "{} See <a href=\"{base}/story/{i}/related\">related coverage</a>.",
                esc(&s)
            ),
            2 => {
                let (head, tail) = split_at_char(&s, 40);
                format!("<b>{}</b> {}", esc(head), esc(tail))
            }
            _ => esc(&s),
        };
        paras.push(format!("<p>{html}</p>"));
    }
    if i.is_multiple_of(7) {
        paras.insert(
            1,
            format!("<img src=\"{base}/img/{i}.jpg\" alt=\"photo {i}\"/>"),
        );
    }
    if i.is_multiple_of(11) {
        paras.push("<ul><li>first point</li><li>second point</li></ul>".into());
    }
    paras.join("\n")
}

pub(super) struct Item {
    id: String,
    title: String,
    date: chrono::DateTime<chrono::Utc>,
    author: &'static str,
    cats: Vec<&'static str>,
    html: String,
    enclosure: Option<(String, usize)>,
}

pub(super) fn items(r: &mut Rng, f: usize, m: usize, base: &str, now: i64) -> Vec<Item> {
    (0..m)
        .map(|j| {
            let i = f * 100_000 + j;
            let date = now - 60 * r.range(0, 60 * 24 * 30) as i64;
            let cat = r.range(0, CATS.len() - 1);
            let mut cats = vec![CATS[cat]];
            if r.range(0, 1) == 1 {
                cats.push(CATS[(cat + 1 + r.range(0, CATS.len() - 2)) % CATS.len()]);
            }
            let len = r.range(5, 11);
            let title = sentence(r, len).trim_end_matches('.').to_string();
            Item {
                id: format!("{base}/story/{i}"),
                title,
                date: chrono::DateTime::from_timestamp(date, 0).unwrap_or_default(),
                author: AUTHORS[r.range(0, AUTHORS.len() - 1)],
                cats,
                html: body_html(r, i, base),
                enclosure: j
                    .is_multiple_of(5)
                    .then(|| (format!("{base}/audio/{i}.mp3"), r.range(600, 3600))),
            }
        })
        .collect()
}

const ISO: &str = "%Y-%m-%dT%H:%M:%SZ";

pub(super) fn rss2(title: &str, base: &str, its: &[Item]) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel><title>{t}</title><link>{base}</link><description>Synthetic feed {t}</description>\n",
        t = esc(title)
    );
    for it in its {
        x.push_str(&format!(
            "<item>\n<title>{}</title><link>{id}</link>\n<guid isPermaLink=\"true\">{id}</guid>\n<pubDate>{}</pubDate>\n<author>{}</author>\n",
            esc(&it.title),
            it.date.format("%a, %d %b %Y %H:%M:%S +0000"),
            esc(it.author),
            id = it.id
        ));
        for c in &it.cats {
            x.push_str(&format!("<category>{c}</category>\n"));
        }
        x.push_str(&format!(
            "<description>{}</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n",
            esc(split_at_char(&it.html, 300).0),
            it.html
        ));
        if let Some((url, secs)) = &it.enclosure {
            x.push_str(&format!(
                "<enclosure url=\"{url}\" length=\"{}\" type=\"audio/mpeg\"/>\n<itunes:duration>{}:{:02}</itunes:duration>\n",
                secs * 16000,
                secs / 60,
                secs % 60
            ));
        }
        x.push_str("</item>\n");
    }
    x.push_str("</channel></rss>");
    x
}

pub(super) fn atom(title: &str, base: &str, its: &[Item]) -> String {
    let updated = its.iter().map(|i| i.date).max().unwrap_or_default();
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title><id>{base}/</id><updated>{}</updated>\n<link href=\"{base}/\"/>\n",
        esc(title),
        updated.format(ISO)
    );
    for it in its {
        x.push_str(&format!(
            "<entry>\n<title>{}</title><id>{id}</id>\n<link rel=\"alternate\" href=\"{id}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
            esc(&it.title),
            it.date.format(ISO),
            esc(it.author),
            id = it.id
        ));
        for c in &it.cats {
            x.push_str(&format!("<category term=\"{c}\"/>\n"));
        }
        x.push_str(&format!(
            "<content type=\"html\">{}</content>\n",
            esc(&it.html)
        ));
        if let Some((url, secs)) = &it.enclosure {
            x.push_str(&format!(
                "<link rel=\"enclosure\" type=\"audio/mpeg\" length=\"{}\" href=\"{url}\"/>\n",
                secs * 16000
            ));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>");
    x
}

pub(super) fn rss1(title: &str, base: &str, its: &[Item]) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel rdf:about=\"{base}/\"><title>{}</title><link>{base}/</link><description>Synthetic RDF feed</description><items><rdf:Seq>\n",
        esc(title)
    );
    for it in its {
        x.push_str(&format!("<rdf:li rdf:resource=\"{}\"/>\n", it.id));
    }
    x.push_str("</rdf:Seq></items></channel>\n");
    for it in its {
        x.push_str(&format!(
            "<item rdf:about=\"{id}\"><title>{}</title><link>{id}</link><dc:date>{}</dc:date><dc:creator>{}</dc:creator><description>{}</description></item>\n",
            esc(&it.title),
            it.date.format(ISO),
            esc(it.author),
            esc(&it.html),
            id = it.id
        ));
    }
    x.push_str("</rdf:RDF>");
    x
}

fn json_feed(title: &str, base: &str, its: &[Item]) -> String {
    let items: Vec<serde_json::Value> = its
        .iter()
        .map(|it| {
            let mut e = serde_json::json!({
                "id": it.id, "url": it.id, "title": it.title, "content_html": it.html,
                "date_published": it.date.format(ISO).to_string(),
                "authors": [{"name": it.author}], "tags": it.cats,
            });
            if let Some((url, secs)) = &it.enclosure {
                e["attachments"] = serde_json::json!([{"url": url, "mime_type": "audio/mpeg",
                    "size_in_bytes": secs * 16000, "duration_in_seconds": secs}]);
            }
            e
        })
        .collect();
    let doc = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": title,
        "home_page_url": format!("{base}/"), "items": items});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn make_feed(f: usize, m: usize, now: i64) -> (String, &'static str) {
    let mut r = Rng(0x2545_F491_4F6C_DD1D ^ ((f as u64 + 1) * 0x9E37_79B9));
    let base = format!("https://news{f}.example.org");
    let kind = ["rss2", "atom", "rss1", "json"][f % 4];
    let title = format!("Feed {f:04} {} {kind}", r.pick(WORDS));
    let its = items(&mut r, f, m, &base, now);
    match f % 4 {
        0 => (rss2(&title, &base, &its), "application/rss+xml"),
        1 => (atom(&title, &base, &its), "application/atom+xml"),
        2 => (rss1(&title, &base, &its), "application/rdf+xml"),
        _ => (json_feed(&title, &base, &its), "application/feed+json"),
    }
}

// ---------------------------------------------------------------- processes

pub(super) fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// Runs `cmd` to its end with stdout in `out`: wall time, peak RSS in kB, success.
fn run_measured(cmd: &mut Command, out: &Path) -> Option<(f64, u64, bool)> {
    let file = File::create(out).ok()?;
    let t = Instant::now();
    let mut child = cmd.stdout(file).stderr(Stdio::null()).spawn().ok()?;
    let mut peak = 0;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some((t.elapsed().as_secs_f64(), peak, status.success()));
        }
        peak = peak.max(vm_hwm_kb(child.id()).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A tmux server of this run's own, so that nothing else's sessions are touched.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("TMUX", "")
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
    fn keys(&self, k: &str) {
        let _ = self.run(&["send-keys", "-t", "r", k]);
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "r"])
            .unwrap_or_default()
    }
    /// The reader's pid: the pane's process, or its child when a shell runs it.
    fn reader_pid(&self) -> Option<u32> {
        let pane: u32 = self
            .run(&["list-panes", "-t", "r", "-F", "#{pane_pid}"])?
            .trim()
            .parse()
            .ok()?;
        let comm = std::fs::read_to_string(format!("/proc/{pane}/comm")).unwrap_or_default();
        if comm.trim() == "tidings" {
            return Some(pane);
        }
        std::fs::read_to_string(format!("/proc/{pane}/task/{pane}/children"))
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }
    fn kill(&self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// What a reader started in tmux showed: time to its first frame and peak RSS once the
/// headline list is open.
struct Opened {
    first_frame: f64,
    rss_kb: u64,
    pid: u32,
}

fn start_reader(tmux: &Tmux, cfg: &Path, data: &Path) -> Option<Opened> {
    let cmd = format!(
        "exec {} --config {} --data-dir {}",
        tidings_bin().display(),
        cfg.display(),
        data.display()
    );
    let t = Instant::now();
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "r",
        "-x",
        "160",
        "-y",
        "48",
        &cmd,
    ])?;
    let mut first_frame = None;
    while t.elapsed() < Duration::from_secs(120) {
        if !tmux.screen().trim().is_empty() {
            first_frame = Some(t.elapsed().as_secs_f64());
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let first_frame = first_frame?;
    let pid = tmux.reader_pid()?;
    let before = tmux.screen();
    tmux.keys("Enter");
    let opened = Instant::now();
    while tmux.screen() == before && opened.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    Some(Opened {
        first_frame,
        rss_kb: vm_hwm_kb(pid)?,
        pid,
    })
}

/// Quits the reader as a person would and waits for it to be gone.
fn quit_reader(tmux: &Tmux, pid: u32) {
    for _ in 0..3 {
        tmux.keys("q");
        std::thread::sleep(Duration::from_millis(200));
    }
    let t = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.kill();
}

fn unindexed(db: &Path) -> Option<i64> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()?;
    conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))
        .ok()
}

/// Bytes of the database, its WAL and shared-memory file.
fn db_bytes(db: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// `tidings search MARK`: hits, seconds, whether it printed a note about its answer (the
/// old partial answers said so on stderr).
fn search(cfg: &Path, data: &Path) -> Option<(usize, f64, bool)> {
    let t = Instant::now();
    let out = Command::new(tidings_bin())
        .arg("--config")
        .arg(cfg)
        .arg("--data-dir")
        .arg(data)
        .args(["search", MARK, "--limit", "100000", "--json"])
        .output()
        .ok()?;
    let hits = out.stdout.iter().filter(|&&b| b == b'\n').count();
    let partial = !String::from_utf8_lossy(&out.stderr).trim().is_empty();
    Some((hits, t.elapsed().as_secs_f64(), partial))
}

// ---------------------------------------------------------------- the run

pub(crate) fn run(work: &Path) {
    let args: Vec<usize> = std::env::args()
        .skip(2)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (feeds, items) = match args[..] {
        [f, i, ..] => (f, i),
        _ => (250, 1000),
    };
    let n = feeds * items;
    let now = chrono::Utc::now().timestamp();
    let t = Instant::now();
    let corpus: Vec<(String, &'static str)> =
        (0..feeds).map(|f| make_feed(f, items, now)).collect();
    let bytes: usize = corpus.iter().map(|f| f.0.len()).sum();
    let marked = (0..feeds)
        .map(|f| {
            (0..items)
                .filter(|j| (f * 100_000 + j).is_multiple_of(MARK_EVERY))
                .count()
        })
        .sum::<usize>();
    let port = serve(Arc::new(corpus));
    println!(
        "scale corpus: {feeds} feeds x {items} items = {n} articles (RSS 2.0, Atom, RSS 1.0, JSON Feed in turn), {:.1} MB, made in {:.1} s; {marked} contain \"{MARK}\"",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let mut config = String::from("[general]\nrefresh_minutes = 600\n");
    for i in 0..feeds {
        config.push_str(&format!(
            "\n[[feed]]\nurl = \"http://127.0.0.1:{port}/f{i}\"\n"
        ));
    }
    let cfg = work.join("config.toml");
    let data = work.join("data");
    let db = data.join("tidings.db");
    let _ = std::fs::write(&cfg, config);

    // (a) refresh into an empty data directory.
    let mut refresh = Command::new(tidings_bin());
    refresh
        .arg("--config")
        .arg(&cfg)
        .arg("--data-dir")
        .arg(&data)
        .arg("refresh");
    let Some((wall, peak, ok)) = run_measured(&mut refresh, &work.join("refresh.out")) else {
        println!("scale: could not run {}", tidings_bin().display());
        return;
    };
    let summary = std::fs::read_to_string(work.join("refresh.out")).unwrap_or_default();
    let summary = summary.lines().last().unwrap_or("").to_string();
    println!(
        "(a) tidings refresh, empty database: {wall:.2} s wall, peak RSS {:.0} MB{} ({summary})",
        mb(peak),
        if ok { "" } else { ", FAILED" }
    );
    println!(
        "    data directory after refresh, index not built: {:.0} MB (db + WAL + shm), {} articles queued for the index",
        db_bytes(&db) as f64 / 1e6,
        unindexed(&db).unwrap_or(-1)
    );

    // `--in-process`: only the start-up and key press rows, without the reader's 20 minutes.
    if std::env::args().any(|a| a == "--in-process") {
        println!("(b)-(d) skipped: --in-process");
    } else if Command::new("tmux").arg("-V").output().is_err() {
        println!("(b)-(d) skipped: tmux not found");
    } else {
        reader_rows(&cfg, &data, bytes, marked);
    }

    // (e) and the in-process start-up at this size.
    bench_startup(work, &data);
    keypress_at(n as i64);
}

fn reader_rows(cfg: &Path, data: &Path, xml_bytes: usize, marked: usize) {
    let db = data.join("tidings.db");
    let tmux = Tmux {
        socket: format!("tidings-scale-{}", std::process::id()),
    };
    // (b) a reader on the freshly refreshed store; it starts indexing when idle.
    let started = Instant::now();
    let Some(first) = start_reader(&tmux, cfg, data) else {
        println!("(b) the reader did not start in tmux");
        tmux.kill();
        return;
    };
    println!(
        "(b) reader, index not yet built: first frame {:.2} s after start (tmux, real binary), peak RSS after opening the list {:.0} MB",
        first.first_frame,
        mb(first.rss_kb)
    );

    // (d) searches while it indexes, until nothing is queued.
    let mut samples = Vec::new();
    let mut caught_up = None;
    while started.elapsed() < Duration::from_secs(1800) {
        let at = started.elapsed().as_secs_f64();
        let queued = unindexed(&db).unwrap_or(-1);
        if queued == 0 {
            caught_up = Some(at);
            break;
        }
        if let Some((hits, secs, partial)) = search(cfg, data) {
            samples.push((at, queued, hits, secs, partial));
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let reader_peak = vm_hwm_kb(first.pid).unwrap_or(0);
    let full = search(cfg, data);
    let size_running = db_bytes(&db);
    quit_reader(&tmux, first.pid);
    let size_closed = db_bytes(&db);
    let full_hits = full.map_or(0, |f| f.0);
    match caught_up {
        Some(t) => println!(
            "    the search index caught up {t:.1} s after the reader started; reader peak RSS by then {:.0} MB",
            mb(reader_peak)
        ),
        None => println!("    the search index had not caught up after 30 min"),
    }
    println!(
        "(c) data directory after the index caught up: {:.0} MB with the reader running, {:.0} MB after it quit; XML {:.0} MB: {:.2}x the XML",
        size_running as f64 / 1e6,
        size_closed as f64 / 1e6,
        xml_bytes as f64 / 1e6,
        size_closed as f64 / xml_bytes as f64
    );
    let short: Vec<_> = samples.iter().filter(|s| s.2 < full_hits).collect();
    println!(
        "(d) tidings search \"{MARK}\" once the index is complete: {full_hits} hits ({marked} articles contain it) in {:.2} s",
        full.map_or(0.0, |f| f.1)
    );
    println!(
        "    while the reader indexed: {} searches, {} short of the full answer, {} with a note on stderr; last short answer {}; slowest search {:.2} s",
        samples.len(),
        short.len(),
        samples.iter().filter(|s| s.4).count(),
        short.last().map_or("none".to_string(), |s| format!(
            "{:.1} s after the reader started ({} hits, {} queued)",
            s.0, s.2, s.1
        )),
        samples.iter().map(|s| s.3).fold(0.0, f64::max)
    );
    // About a dozen samples show how the answer grows; all of them would be a page.
    let every = samples.len().div_ceil(12).max(1);
    for (at, queued, hits, secs, partial) in samples.iter().step_by(every) {
        println!(
            "      at {at:6.1} s: {queued:7} queued, {hits:5} hits in {secs:.2} s{}",
            if *partial { " (with a note)" } else { "" }
        );
    }

    // (b) again with the index built and the files in the page cache: a later start.
    match start_reader(&tmux, cfg, data) {
        Some(again) => {
            println!(
                "(b) reader, index built: first frame {:.2} s after start, peak RSS after opening the list {:.0} MB",
                again.first_frame,
                mb(again.rss_kb)
            );
            quit_reader(&tmux, again.pid);
        }
        None => {
            println!("(b) the reader did not start again");
            tmux.kill();
        }
    }
}
