//! `tidings-bench sync [ARTICLES]` (issue 14): the real `tidings sync` against a real
//! Tiny Tiny RSS on loopback, started with the scripts the tests use
//! (`tests/sync/ttrss/ttrss-up.sh`: Debian's tt-rss, PHP and PostgreSQL; run as root).
//!
//! The corpus is `scale`'s (mixed scripts, a few KB of HTML per item) in 20 feeds of
//! RSS 2.0, Atom and RSS 1.0 (tt-rss reads no JSON Feed), served from loopback; tt-rss
//! fetches each. Then, per binary and run: the first sync into a fresh data directory, a
//! sync with nothing new, and a sync with 100 changes (50 marks made on the server through
//! the API, 50 local ones through the library, one feed grown by 20 articles that tt-rss
//! fetches). After each sync the local read and starred state must equal the server's,
//! article for article, or the bench stops (and says why).
//!
//! Requests and bytes are counted by a proxy in front of tt-rss that only the measured
//! process goes through; CPU time is the child's own (`wait4`), peak RSS its `VmHWM`
//! polled every few milliseconds (wait4's `ru_maxrss` starts from this process's RSS,
//! which the child had until its exec: the corpus held here would be counted).
//!
//!   BENCH_BINS=a,b  tidings binaries to compare (default: the one beside this bench);
//!                   their rounds are interleaved (a b a b)
//!   BENCH_RUNS=n    rounds per binary (default 1)
//!   BENCH_WRAP="perf record -g -o /tmp/p.data --"  a command the first sync runs under
//!                   (its CPU and RSS figures are then the wrapper's)
//!   BENCH_HOLD=FILE at the end, keep tt-rss and the clients' directories until FILE is
//!                   removed (to run `tidings sync` by hand, under heaptrack or perf)
//!
//! Interrupted (Ctrl-C), the bench leaves tt-rss running: `ttrss-down.sh` the directory it
//! printed.

use super::scale::{Item, atom, items, rss1, rss2};
use super::{Rng, tidings_bin};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tidings::db::{Change, Db};
use tidings::model::SyncMark;

const FEEDS: usize = 20;
const CATEGORIES: &[&str] = &["World", "Business", "Science", "Tech"];
/// Per incremental round: marks made on the server, local marks, articles tt-rss adds.
const SERVER_READ: usize = 30;
const SERVER_STAR: usize = 20;
const LOCAL_READ: usize = 30;
const LOCAL_STAR: usize = 20;
const GROWN: usize = 20;

pub fn run(work: &Path, articles: usize) {
    if !is_root() {
        println!(
            "sync: needs root (ttrss-up.sh installs packages and starts services as other users)"
        );
        return;
    }
    if articles < 4 * FEEDS * 10 {
        println!("sync: give at least {} articles", 4 * FEEDS * 10);
        return;
    }
    let bins: Vec<PathBuf> = match std::env::var("BENCH_BINS") {
        Ok(list) => list.split(',').map(PathBuf::from).collect(),
        Err(_) => vec![tidings_bin()],
    };
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let per_feed = articles.div_ceil(FEEDS);

    // The feeds' server: the port first, since items link to it (tt-rss fetches a feed's
    // site for its icon: it must stay on loopback).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let now = chrono::Utc::now().timestamp();
    let t = Instant::now();
    let mut sizes = [per_feed; FEEDS];
    let docs: Vec<String> = (0..FEEDS)
        .map(|f| feed_doc(f, per_feed, port, now))
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let docs = Arc::new(RwLock::new(docs));
    serve(listener, Arc::clone(&docs));
    println!(
        "corpus: {FEEDS} feeds x {per_feed} items (RSS 2.0, Atom, RSS 1.0), {:.1} MB, made in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let server = Instance::up(work);
    println!(
        "tt-rss up in {:.1} s at {} (interrupted? bash {} {})",
        t.elapsed().as_secs_f64(),
        server.url,
        script("ttrss-down.sh").display(),
        server.dir.display()
    );
    let t = Instant::now();
    let mut on_server = 0;
    for f in 0..FEEDS {
        on_server += server.subscribe(&feed_url(port, f), CATEGORIES[f % CATEGORIES.len()]);
    }
    println!(
        "tt-rss subscribed to {FEEDS} feeds and fetched them (update.php, one feed at a time) in {:.1} s: {on_server} articles",
        t.elapsed().as_secs_f64()
    );
    assert_eq!(
        on_server,
        per_feed * FEEDS,
        "tt-rss stored a different number of articles than the feeds hold"
    );

    let counts = Arc::new(Counts::default());
    let proxy = proxy(server.port(), Arc::clone(&counts));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let http = reqwest::Client::builder()
        .user_agent("tidings-bench")
        .build()
        .unwrap_or_else(|e| panic!("http client: {e}"));
    let mut api = tidings::sync::ttrss::Client::new(http, &server.url, "admin");
    let level = rt
        .block_on(api.login("password"))
        .unwrap_or_else(|e| panic!("login: {e}"));
    println!("API level {level}; load average {}", load_average());

    let mut rng = Rng(0x5EED_F00D_51AC);
    let mut rows = Vec::new();
    for round in 0..runs {
        for (b, bin) in bins.iter().enumerate() {
            let dir = work.join(format!("client-{round}-{b}"));
            let _ = std::fs::create_dir_all(&dir);
            let cfg = dir.join("config.toml");
            // A server feed can hold more articles than a local feed keeps by default.
            let config = format!(
                "[general]\nmax_articles_per_feed = 100000\n\n[sync]\nkind = \"ttrss\"\nurl = \"http://127.0.0.1:{proxy}/tt-rss/\"\nuser = \"admin\"\npassword_command = [\"printf\", \"password\"]\n"
            );
            std::fs::write(&cfg, config).unwrap_or_else(|e| panic!("config: {e}"));
            let label = bin
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let sync = |what: &str, wrap: bool| -> Row {
                let before = counts.snapshot();
                counts.take_calls();
                let m = run_sync(bin, &cfg, &dir, wrap);
                let after = counts.snapshot();
                let calls = counts.take_calls();
                let (stored, ..) = local_state(&dir);
                let row = Row {
                    what: what.to_string(),
                    bin: label.clone(),
                    m,
                    requests: after.0 - before.0,
                    down: after.2 - before.2,
                    stored,
                };
                row.print();
                print_calls(&calls);
                row
            };
            let row = sync("first sync", std::env::var_os("BENCH_WRAP").is_some());
            check(&server, &dir, &row);
            rows.push(row);
            let row = sync("nothing new", false);
            check(&server, &dir, &row);
            rows.push(row);

            // 100 changes: marks on the server through the API, marks here through the
            // library (the reader's path: `Db::apply`, the triggers queue them), and
            // articles tt-rss fetches from a feed that grew.
            let (unread_before, starred_before) = server.state();
            let mut fresh: Vec<i64> = unread_before.difference(&starred_before).copied().collect();
            fresh.sort_unstable();
            let picked = pick(&mut rng, &fresh, SERVER_READ + SERVER_STAR);
            let (to_read, to_star) = picked.split_at(SERVER_READ);
            rt.block_on(async {
                api.set(to_read, SyncMark::Read, true).await?;
                api.set(to_star, SyncMark::Starred, true).await
            })
            .unwrap_or_else(|e| panic!("marks on the server: {e}"));
            let taken: HashSet<i64> = picked.iter().copied().collect();
            let local: Vec<(i64, i64)> = local_unmarked(&dir)
                .into_iter()
                .filter(|(_, remote)| !taken.contains(remote))
                .collect();
            let local = pick(&mut rng, &local, LOCAL_READ + LOCAL_STAR);
            let mut changes: Vec<Change> = local[..LOCAL_READ]
                .iter()
                .map(|(id, _)| Change::Read(*id, true))
                .collect();
            changes.extend(
                local[LOCAL_READ..]
                    .iter()
                    .map(|(id, _)| Change::Bookmark(*id, true)),
            );
            let mut db = Db::open(&dir.join("data").join("tidings.db"))
                .unwrap_or_else(|e| panic!("open the client's database: {e}"));
            db.apply(&changes)
                .unwrap_or_else(|e| panic!("local marks: {e}"));
            drop(db);
            let f = (round * bins.len() + b) % FEEDS;
            sizes[f] += GROWN;
            let grown = feed_doc(f, sizes[f], port, now);
            if let Ok(mut docs) = docs.write() {
                docs[f] = grown;
            }
            let t = Instant::now();
            let now_in_feed =
                server.subscribe(&feed_url(port, f), CATEGORIES[f % CATEGORIES.len()]);
            assert_eq!(now_in_feed, sizes[f], "tt-rss did not take the grown feed");
            let fetched = t.elapsed().as_secs_f64();
            let row = sync("100 changes", false);
            println!(
                "    ({SERVER_READ} read + {SERVER_STAR} starred on the server, {LOCAL_READ} read + {LOCAL_STAR} bookmarked here, {GROWN} new in feed {f}: tt-rss fetched it in {fetched:.1} s)"
            );
            let (unread, starred) = check(&server, &dir, &row);
            let want_unread = unread_before.len() - SERVER_READ - LOCAL_READ + GROWN;
            let want_starred = starred_before.len() + SERVER_STAR + LOCAL_STAR;
            assert_eq!(
                (unread, starred),
                (want_unread, want_starred),
                "after the changes: (unread, starred) on both sides"
            );
            rows.push(row);
        }
    }
    println!("load average {}", load_average());
    summary(&rows);
    if let Some(hold) = std::env::var_os("BENCH_HOLD") {
        let hold = PathBuf::from(hold);
        let _ = std::fs::write(&hold, "");
        println!(
            "holding tt-rss ({}) and the clients in {} until {} is removed",
            server.url,
            work.display(),
            hold.display()
        );
        while hold.exists() {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

// ---------------------------------------------------------------- the corpus

fn feed_url(port: u16, f: usize) -> String {
    format!("http://127.0.0.1:{port}/f{f}")
}

/// Feed `f` with its first `m` items (the same first items whatever `m`: a feed grows).
fn feed_doc(f: usize, m: usize, port: u16, now: i64) -> String {
    let mut r = Rng(0x2545_F491_4F6C_DD1D ^ ((f as u64 + 1) * 0x9E37_79B9));
    let base = format!("http://127.0.0.1:{port}/site{f}");
    let its: Vec<Item> = items(&mut r, f, m, &base, now);
    let kind = ["RSS 2.0", "Atom", "RSS 1.0"][f % 3];
    let title = format!("Feed {f:02} {kind}");
    match f % 3 {
        0 => rss2(&title, &base, &its),
        1 => atom(&title, &base, &its),
        _ => rss1(&title, &base, &its),
    }
}

/// Serves `/fN` (the current document of feed N) until the process ends; anything else
/// is a 404. One request per connection.
fn serve(listener: TcpListener, docs: Arc<RwLock<Vec<String>>>) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let docs = Arc::clone(&docs);
            std::thread::spawn(move || answer(stream, &docs));
        }
    });
}

fn answer(stream: TcpStream, docs: &RwLock<Vec<String>>) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/");
    let doc = path
        .strip_prefix("/f")
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|i| docs.read().ok()?.get(i).cloned());
    let mut out = stream;
    let _ = match doc {
        Some(doc) => out
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    doc.len()
                )
                .as_bytes(),
            )
            .and_then(|_| out.write_all(doc.as_bytes())),
        None => out.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
    };
}

// ---------------------------------------------------------------- tt-rss

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sync/ttrss")
        .join(name)
}

/// A private tt-rss; stopped when dropped, so also when the bench panics.
struct Instance {
    dir: PathBuf,
    url: String,
}

impl Instance {
    fn up(work: &Path) -> Instance {
        let dir = work.join("ttrss");
        let out = Command::new("bash")
            .arg(script("ttrss-up.sh"))
            .arg(&dir)
            .stderr(Stdio::inherit())
            .output()
            .unwrap_or_else(|e| panic!("ttrss-up.sh: {e}"));
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        let url = said
            .split_whitespace()
            .find_map(|w| w.strip_prefix("TTRSS_URL="))
            .map(str::to_string);
        // Built before the check so that a half-started instance is stopped too.
        let instance = Instance {
            dir,
            url: url.unwrap_or_default(),
        };
        assert!(
            out.status.success() && !instance.url.is_empty(),
            "ttrss-up.sh failed: {said}"
        );
        instance
    }

    fn port(&self) -> u16 {
        self.url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {}", self.url))
    }

    /// Subscribes admin to `feed` in `category` (once) and has tt-rss fetch it now; how
    /// many articles the feed has there.
    fn subscribe(&self, feed: &str, category: &str) -> usize {
        let out = Command::new("bash")
            .arg(script("ttrss-feed.sh"))
            .arg(&self.dir)
            .arg(feed)
            .arg(category)
            .output()
            .unwrap_or_else(|e| panic!("ttrss-feed.sh: {e}"));
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        said.split_whitespace()
            .find_map(|w| w.strip_prefix("ARTICLES="))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "ttrss-feed.sh {feed}: {said}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                )
            })
    }

    /// The server's unread and starred article ids (the API's ids), read from its
    /// database: the API would take a hundred pages for them.
    fn state(&self) -> (HashSet<i64>, HashSet<i64>) {
        (self.ids("unread"), self.ids("marked"))
    }

    /// Every article of admin's on the server.
    fn total(&self) -> usize {
        self.ids("true").len()
    }

    /// Ids of admin's articles where `condition` (a column of ttrss_user_entries) holds.
    fn ids(&self, condition: &str) -> HashSet<i64> {
        let env = std::fs::read_to_string(self.dir.join("env")).unwrap_or_default();
        let var = |k: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .map(|v| v.trim_matches('\'').to_string())
                .unwrap_or_else(|| panic!("{k} missing from the instance's env"))
        };
        let sql =
            format!("SELECT ref_id FROM ttrss_user_entries WHERE owner_uid = 1 AND {condition}");
        let out = Command::new(Path::new(&var("TTRSS_PGBIN")).join("psql"))
            .args(["-X", "-q", "-At", "-h", "127.0.0.1", "-p"])
            .arg(var("TTRSS_PGPORT"))
            .args(["-U", "ttrss", "-d", "ttrss", "-c", &sql])
            .output()
            .unwrap_or_else(|e| panic!("psql: {e}"));
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script("ttrss-down.sh"))
            .arg(&self.dir)
            .stderr(Stdio::null())
            .status();
    }
}

// ---------------------------------------------------------------- the counting proxy

/// Requests and bytes each way through the proxy, and per connection what it asked and
/// how long the answer took (php -S closes each connection after one answer).
#[derive(Default)]
struct Counts {
    requests: AtomicU64,
    up: AtomicU64,
    down: AtomicU64,
    calls: Mutex<Vec<Call>>,
}

#[derive(Clone)]
struct Call {
    what: String,
    secs: f64,
    down: u64,
}

impl Counts {
    fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.requests.load(Ordering::SeqCst),
            self.up.load(Ordering::SeqCst),
            self.down.load(Ordering::SeqCst),
        )
    }

    /// The calls made since the last take.
    fn take_calls(&self) -> Vec<Call> {
        self.calls
            .lock()
            .map(|mut c| std::mem::take(&mut *c))
            .unwrap_or_default()
    }
}

/// What a TT-RSS API call asked for, from its JSON body: the op, and for getHeadlines
/// whether it is a page of articles or of an id list.
fn call_name(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let op = v.get("op").and_then(|o| o.as_str()).unwrap_or("?");
    if op != "getHeadlines" {
        return op.to_string();
    }
    match (
        v.get("show_content").and_then(|c| c.as_bool()),
        v.get("view_mode").and_then(|m| m.as_str()),
    ) {
        (Some(true), _) => "getHeadlines, articles".into(),
        (_, Some("unread")) => "getHeadlines, unread ids".into(),
        (_, Some("marked")) => "getHeadlines, starred ids".into(),
        (_, mode) => format!("getHeadlines, {}", mode.unwrap_or("?")),
    }
}

/// A loopback port that forwards to `upstream`, counting each request (its head read,
/// its body by Content-Length) and the bytes each way.
fn proxy(upstream: u16, counts: Arc<Counts>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                continue;
            };
            let counts = Arc::clone(&counts);
            std::thread::spawn(move || relay(client, server, &counts));
        }
    });
    port
}

fn relay(client: TcpStream, server: TcpStream, counts: &Counts) {
    let (Ok(mut back_from), Ok(mut back_to)) = (server.try_clone(), client.try_clone()) else {
        return;
    };
    let down = std::thread::scope(|s| {
        let down = s.spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            let mut n_total = 0u64;
            while let Ok(n) = back_from.read(&mut buf) {
                if n == 0 || back_to.write_all(&buf[..n]).is_err() {
                    break;
                }
                n_total += n as u64;
            }
            let _ = back_to.shutdown(Shutdown::Write);
            n_total
        });
        let mut from = BufReader::new(&client);
        let mut to = &server;
        let mut asked = Vec::new();
        let start = Instant::now();
        'requests: loop {
            let mut head = Vec::new();
            let mut length = 0usize;
            loop {
                let mut line = Vec::new();
                match from.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break 'requests,
                    Ok(_) => {}
                }
                let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
                if let Some(v) = text.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.extend_from_slice(&line);
                if line == b"\r\n" || line == b"\n" {
                    break;
                }
            }
            let mut body = vec![0u8; length];
            if from.read_exact(&mut body).is_err() {
                break;
            }
            counts.requests.fetch_add(1, Ordering::SeqCst);
            asked.push(call_name(&body));
            counts
                .up
                .fetch_add((head.len() + body.len()) as u64, Ordering::SeqCst);
            if to.write_all(&head).is_err() || to.write_all(&body).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
        let down = down.join().unwrap_or(0);
        if !asked.is_empty()
            && let Ok(mut calls) = counts.calls.lock()
        {
            calls.push(Call {
                what: asked.join(" + "),
                secs: start.elapsed().as_secs_f64(),
                down,
            });
        }
        down
    });
    counts.down.fetch_add(down, Ordering::SeqCst);
}

// ---------------------------------------------------------------- measuring

struct Measured {
    wall: f64,
    cpu: f64,
    peak_kb: u64,
    said: String,
}

struct Row {
    what: String,
    bin: String,
    m: Measured,
    requests: u64,
    down: u64,
    stored: usize,
}

impl Row {
    fn print(&self) {
        println!(
            "{:<12} {:<22} {:>7.2} s wall {:>6.2} s CPU {:>6.1} MB peak {:>5} requests {:>8.2} MB down {:>6} stored  {}",
            self.what,
            self.bin,
            self.m.wall,
            self.m.cpu,
            self.m.peak_kb as f64 / 1024.0,
            self.requests,
            self.down as f64 / 1e6,
            self.stored,
            self.m.said
        );
    }
}

/// `tidings sync` on `dir`, measured; it must succeed.
fn run_sync(bin: &Path, cfg: &Path, dir: &Path, wrap: bool) -> Measured {
    let wrapper: Vec<String> = if wrap {
        std::env::var("BENCH_WRAP")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    let mut cmd = match wrapper.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.arg("--config")
        .arg(cfg)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("sync")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let t = Instant::now();
    // Reaped by wait4 below, which std's Child does not know about.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", bin.display()));
    let out = child.stdout.take();
    let err = child.stderr.take();
    let read = |pipe: Option<std::process::ChildStdout>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_string(&mut s);
            }
            s
        })
    };
    let out = read(out);
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut p) = err {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let pid = child.id();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(Ordering::SeqCst) {
                peak = peak.max(super::scale::vm_hwm_kb(pid).unwrap_or(0));
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            peak
        })
    };
    let (status, cpu) = wait_with_usage(pid);
    let wall = t.elapsed().as_secs_f64();
    done.store(true, Ordering::SeqCst);
    let peak_kb = watch.join().unwrap_or(0);
    let said = out.join().unwrap_or_default();
    let complained = err.join().unwrap_or_default();
    assert!(status == Some(0), "tidings sync failed: {said}{complained}");
    Measured {
        wall,
        cpu,
        peak_kb,
        said: said
            .lines()
            .rfind(|l| l.starts_with("Synced"))
            .unwrap_or("")
            .trim_start_matches("Synced with TT-RSS: ")
            .to_string(),
    }
}

/// Waits for child `pid`: its exit code and its own user+sys seconds (`wait4` rather than
/// `getrusage(RUSAGE_CHILDREN)`, which adds up every child so far).
fn wait_with_usage(pid: u32) -> (Option<i32>, f64) {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; zeroes are a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own unwaited child; both pointers live across the call.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if r < 0 {
        return (None, 0.0);
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, secs(usage.ru_utime) + secs(usage.ru_stime))
}

// ---------------------------------------------------------------- checking

fn open_local(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        dir.join("data").join("tidings.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap_or_else(|e| panic!("open the client's database: {e}"))
}

/// Articles stored, and the server ids of the unread and the bookmarked tied ones.
fn local_state(dir: &Path) -> (usize, HashSet<i64>, HashSet<i64>) {
    let conn = open_local(dir);
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM articles WHERE deleted = 0", [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("count: {e}"));
    let ids = |sql: &str| -> HashSet<i64> {
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .filter_map(|r| r.ok()?.parse().ok())
            .collect()
    };
    (
        stored as usize,
        ids(
            "SELECT t.remote_id FROM sync_articles t JOIN articles a ON a.id = t.article_id WHERE a.read = 0",
        ),
        ids(
            "SELECT t.remote_id FROM sync_articles t JOIN articles a ON a.id = t.article_id WHERE a.bookmarked = 1",
        ),
    )
}

/// Local articles neither read nor bookmarked: (article id, server id), in id order.
fn local_unmarked(dir: &Path) -> Vec<(i64, i64)> {
    let conn = open_local(dir);
    let mut stmt = conn
        .prepare(
            "SELECT t.article_id, t.remote_id FROM sync_articles t JOIN articles a ON a.id = t.article_id
             WHERE a.read = 0 AND a.bookmarked = 0 ORDER BY t.article_id",
        )
        .unwrap_or_else(|e| panic!("unmarked: {e}"));
    stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap_or_else(|e| panic!("unmarked: {e}"))
        .filter_map(|r| {
            let (id, remote) = r.ok()?;
            Some((id, remote.parse().ok()?))
        })
        .collect()
}

/// The local state equals the server's, article for article, and every server article
/// is stored; (unread, starred) counts.
fn check(server: &Instance, dir: &Path, row: &Row) -> (usize, usize) {
    let (unread, starred) = server.state();
    let (stored, local_unread, local_starred) = local_state(dir);
    let total = server.total();
    assert_eq!(
        stored, total,
        "{}: articles stored vs on the server",
        row.what
    );
    assert!(
        local_unread == unread,
        "{}: unread differs: {} only here, {} only on the server",
        row.what,
        local_unread.difference(&unread).count(),
        unread.difference(&local_unread).count()
    );
    assert!(
        local_starred == starred,
        "{}: starred differs: {} only here, {} only on the server",
        row.what,
        local_starred.difference(&starred).count(),
        starred.difference(&local_starred).count()
    );
    (unread.len(), starred.len())
}

fn pick<T: Copy>(rng: &mut Rng, from: &[T], n: usize) -> Vec<T> {
    assert!(from.len() >= n, "not enough articles to mark");
    let mut pool = from.to_vec();
    (0..n)
        .map(|_| {
            let i = (rng.next() % pool.len() as u64) as usize;
            pool.swap_remove(i)
        })
        .collect()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The calls of one sync by kind: how many, the time to their answers, the bytes down.
fn print_calls(calls: &[Call]) {
    // kind, calls, seconds, bytes, fastest, slowest
    let mut kinds: Vec<(String, usize, f64, u64, f64, f64)> = Vec::new();
    for c in calls {
        match kinds.iter_mut().find(|k| k.0 == c.what) {
            Some(k) => {
                k.1 += 1;
                k.2 += c.secs;
                k.3 += c.down;
                k.4 = k.4.min(c.secs);
                k.5 = k.5.max(c.secs);
            }
            None => kinds.push((c.what.clone(), 1, c.secs, c.down, c.secs, c.secs)),
        }
    }
    for (what, n, secs, down, fastest, slowest) in kinds {
        println!(
            "    {what:<26} {n:>4} calls {secs:>7.2} s to answer ({fastest:.2}-{slowest:.2} s each) {:>7.2} MB",
            down as f64 / 1e6
        );
    }
}

fn summary(rows: &[Row]) {
    println!(
        "\n| sync | binary | wall | CPU (user+sys) | peak RSS | requests | down | articles stored |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {:.2} s | {:.2} s | {:.1} MB | {} | {:.2} MB | {} |",
            r.what,
            r.bin,
            r.m.wall,
            r.m.cpu,
            r.m.peak_kb as f64 / 1024.0,
            r.requests,
            r.down as f64 / 1e6,
            r.stored
        );
    }
}

// ---------------------------------------------------------------- the store alone

/// `tidings-bench sync-store [FEEDS PER_FEED]`: what a first sync costs this side of the
/// network, without a server: `Db::store_remote` fed pages of 200 articles, the feeds
/// interleaved by date as TT-RSS sends them, into a fresh file. Per shape: the total, and
/// the first and last tenth of the pages (a cost that grows with what is stored shows as
/// a last tenth slower than the first).
pub fn store(work: &Path, shapes: &[(usize, usize)]) {
    println!(
        "| feeds x items | articles | store_remote total | first tenth of pages | last tenth |"
    );
    println!("|---|---|---|---|---|");
    for &(feeds, per_feed) in shapes {
        let dir = work.join(format!("store-{feeds}x{per_feed}"));
        let _ = std::fs::create_dir_all(&dir);
        let mut db = Db::open(&dir.join("tidings.db")).unwrap_or_else(|e| panic!("open: {e}"));
        let configs: Vec<tidings::model::FeedConfig> = (0..feeds)
            .map(|f| tidings::model::FeedConfig {
                url: format!("http://127.0.0.1/f{f}"),
                ..Default::default()
            })
            .collect();
        let rows = db
            .sync_feeds(&configs, 1800)
            .unwrap_or_else(|e| panic!("feeds: {e}"));
        let ids: std::collections::HashMap<String, tidings::model::FeedId> = rows
            .iter()
            .map(|r| {
                (
                    r.url.trim_start_matches("http://127.0.0.1/f").to_string(),
                    r.id,
                )
            })
            .collect();
        let limits = tidings::db::Limits {
            max_articles: 100_000,
            max_age_days: 0,
        };
        let total = feeds * per_feed;
        let mut r = Rng(0xA5A5_1234_5678_9ABC);
        // Each feed's items in date order, the feeds shuffled together: position i of the
        // stream takes the next item of a random feed that has one left.
        let mut left: Vec<usize> = vec![per_feed; feeds];
        let mut open: Vec<usize> = (0..feeds).collect();
        let now = 1_767_225_600;
        let mut times = Vec::new();
        let mut id = 0i64;
        while !open.is_empty() {
            let mut page = Vec::with_capacity(200);
            while page.len() < 200 && !open.is_empty() {
                let k = (r.next() % open.len() as u64) as usize;
                let f = open[k];
                left[f] -= 1;
                if left[f] == 0 {
                    open.swap_remove(k);
                }
                id += 1;
                page.push(remote_article(&mut r, id, f, now));
            }
            let t = Instant::now();
            db.store_remote(&ids, page, limits, now)
                .unwrap_or_else(|e| panic!("store: {e}"));
            times.push(t.elapsed().as_secs_f64());
        }
        let tenth = (times.len() / 10).max(1);
        let sum = |xs: &[f64]| xs.iter().sum::<f64>();
        println!(
            "| {feeds} x {per_feed} | {total} | {:.2} s | {:.3} s ({tenth} pages) | {:.3} s |",
            sum(&times),
            sum(&times[..tenth]),
            sum(&times[times.len() - tenth..])
        );
        drop(db);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// An article as `sync::remote` makes one from a TT-RSS headline: about 2 KB of HTML.
fn remote_article(r: &mut Rng, id: i64, feed: usize, now: i64) -> tidings::model::RemoteArticle {
    let content = (0..5)
        .map(|_| format!("<p>{}</p>", super::sentence(r, 45)))
        .collect::<String>();
    tidings::model::RemoteArticle {
        id,
        feed_id: feed.to_string(),
        unread: !r.next().is_multiple_of(4),
        starred: r.next().is_multiple_of(50),
        stamp: None,
        item: tidings::model::ParsedItem {
            guid: Some(format!("ttrss:{id}")),
            link: Some(format!("http://127.0.0.1/f{feed}/{id}")),
            title: super::sentence(r, 9),
            published: Some(now - 30 * 86_400 + id * 60),
            content: Some(content),
            ..Default::default()
        },
    }
}
