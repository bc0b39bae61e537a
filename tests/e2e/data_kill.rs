//! kill -9 of the real binary, in a loop: `tidings refresh` against a loopback server with
//! many feeds, and the reader (in tmux) while it marks articles read. After every kill the
//! file passes `PRAGMA integrity_check`, nothing stored before is lost, and what the
//! process reported as saved is there.

use crate::support;
use crate::tmux;
use tmux::Tmux;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use support::{Response, TestServer};
use tidings::db::{Change, Db};

const FEEDS: usize = 40;
const ITEMS: usize = 20;
/// New items per feed and run.
const STEP: usize = 5;

fn seed() -> u64 {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("kill test seed {seed}");
    seed
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn document(feed: usize, run: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed-{feed:02}</title>\
         <link>https://f{feed}.test/</link><description>x</description>"
    );
    for i in run * STEP..run * STEP + ITEMS {
        xml.push_str(&format!(
            "<item><title>f{feed} item {i}</title><link>https://f{feed}.test/{i}</link>\
             <guid>f{feed}-{i}</guid><pubDate>Mon, 06 Jan 2025 {:02}:{:02}:00 +0000</pubDate>\
             <description>&lt;p&gt;{}&lt;/p&gt;</description></item>",
            (i / 60) % 24,
            i % 60,
            "Words of the article body. ".repeat(40)
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

struct Setup {
    _dir: tempfile::TempDir,
    config: PathBuf,
    data: PathBuf,
    run: Arc<AtomicUsize>,
    _server: TestServer,
}

fn setup() -> Setup {
    let run = Arc::new(AtomicUsize::new(0));
    let current = Arc::clone(&run);
    let server = TestServer::start(move |req| {
        let feed: usize = req
            .path
            .trim_start_matches("/f")
            .trim_end_matches(".xml")
            .parse()
            .unwrap_or(0);
        // Spread the answers out, so a kill lands in the middle of storing.
        Response::ok(document(feed, current.load(Ordering::SeqCst)))
            .header("Content-Type", "application/rss+xml")
            .delay(Duration::from_millis((feed % 8) as u64 * 15))
    });
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let mut text = String::from("[general]\nrefresh_minutes = 600\n");
    for f in 0..FEEDS {
        text.push_str(&format!(
            "\n[[feed]]\nurl = \"{}\"\ntitle = \"Feed-{f:02}\"\n",
            server.url(&format!("/f{f}.xml"))
        ));
    }
    std::fs::write(&config, text).unwrap();
    let data = dir.path().join("data");
    Setup {
        _dir: dir,
        config,
        data,
        run,
        _server: server,
    }
}

fn refresh(s: &Setup) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(&s.config)
        .arg("--data-dir")
        .arg(&s.data)
        .arg("refresh")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn integrity(db_file: &Path) -> String {
    let raw = rusqlite::Connection::open(db_file).unwrap();
    raw.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// id → (title, read, bookmarked) of every stored article.
fn stored(db_file: &Path) -> HashMap<i64, (String, bool, bool)> {
    let raw = rusqlite::Connection::open(db_file).unwrap();
    let mut stmt = raw
        .prepare("SELECT id, title, read, bookmarked FROM articles")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn refresh_kill_loop(runs: usize) {
    let s = setup();
    let db_file = s.data.join("tidings.db");
    let mut seed = seed();

    // A first, complete run: how long a refresh takes here, and something to lose.
    let started = Instant::now();
    let out = refresh(&s).wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let full = started.elapsed();
    eprintln!("a complete refresh of {FEEDS} feeds took {full:?}");

    let mut interrupted = 0;
    for run in 1..=runs {
        // State set by the user before the refresh: some read, some bookmarked.
        let before = stored(&db_file);
        let mut ids: Vec<i64> = before.keys().copied().collect();
        ids.sort_unstable();
        let mut db = Db::open(&db_file).unwrap();
        let changes: Vec<Change> = ids
            .iter()
            .filter(|id| *id % 7 == run as i64 % 7)
            .flat_map(|&id| [Change::Read(id, true), Change::Bookmark(id, id % 2 == 0)])
            .collect();
        db.apply(&changes).unwrap();
        drop(db);
        let before = stored(&db_file);

        s.run.store(run, Ordering::SeqCst);
        let mut child = refresh(&s);
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        let delay = Duration::from_millis(20 + xorshift(&mut seed) % (full.as_millis() as u64 + 1));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let lines = reader.join().unwrap();
        let finished = lines.iter().any(|l| l.contains(&format!("{FEEDS} feeds:")));
        interrupted += usize::from(!finished);
        let reported: Vec<usize> = (0..FEEDS)
            .filter(|f| {
                lines
                    .iter()
                    .any(|l| l.contains(&format!("Feed-{f:02}")) && l.contains(" new of "))
            })
            .collect();
        eprintln!(
            "run {run}: killed after {delay:?} ({status}), {} feeds reported stored{}",
            reported.len(),
            if finished { ", had finished" } else { "" }
        );

        assert_eq!(integrity(&db_file), "ok", "run {run}");
        let after = stored(&db_file);
        for (id, was) in &before {
            assert_eq!(
                after.get(id),
                Some(was),
                "run {run}: article {id} lost or changed"
            );
        }
        let titles: HashSet<&str> = after.values().map(|(t, _, _)| t.as_str()).collect();
        for f in reported {
            let newest = format!("f{f} item {}", run * STEP + ITEMS - 1);
            assert!(
                titles.contains(newest.as_str()),
                "run {run}: feed {f} was reported stored, but {newest} is missing"
            );
        }
    }

    // The next run after all those kills completes.
    let out = refresh(&s).wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!("{FEEDS} feeds: {FEEDS} ok, 0 failed")),
        "{text}"
    );
    assert_eq!(integrity(&db_file), "ok");
    eprintln!("{interrupted} of {runs} refreshes were killed before they finished");
}

#[test]
fn kill_9_during_refresh_loses_nothing() {
    refresh_kill_loop(8);
}

#[test]
#[ignore = "slow: 60 kills (run with --ignored)"]
fn kill_9_during_refresh_loses_nothing_many_times() {
    refresh_kill_loop(60);
}

// ---- the reader, killed while it marks articles read -------------------------------

/// The read marks the log says were committed ("saved r12=1 ...").
fn logged_reads(log: &Path) -> HashSet<i64> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split_once(" saved "))
        .flat_map(|(_, rest)| rest.split_whitespace())
        .filter_map(|c| c.strip_prefix('r')?.strip_suffix("=1")?.parse().ok())
        .collect()
}

#[test]
fn kill_9_of_the_reader_while_marking_keeps_every_saved_mark() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.xml");
    // More articles than one run marks: each run goes on with the ones still unread.
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>\
         <link>https://m.test/</link><description>x</description>",
    );
    for i in 0..300 {
        xml.push_str(&format!(
            "<item><title>Many {i}</title><guid>m{i}</guid><link>https://m.test/{i}</link></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    std::fs::write(&feed, xml).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[feed]]\nurl = \"file://{}\"\n", feed.display()),
    )
    .unwrap();
    let config_before = std::fs::read(&config).unwrap();
    let data = dir.path().join("data");
    let db_file = data.join("tidings.db");
    let log = data.join("logs").join("tidings.log");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let mut seed = seed();
    let runs = 3;
    for run in 0..runs {
        let tmux = Tmux::new(&format!("kill-{run}"));
        // exec: the pane's process is tidings itself, so its pid is the one to kill.
        let cmdline = format!(
            "exec env TZ=UTC TIDINGS_LOG=warn,tidings::saved=info {bin} --config {} --data-dir {}",
            config.display(),
            data.display()
        );
        tmux.start(&cmdline, (100, 30), None);
        tmux.wait_for("Many");
        let pid = tmux.pane_pid();
        let already = logged_reads(&log).len();
        // The Unread view, then: mark read, next, over and over.
        tmux.cmd(&["send-keys", "-t", "t", "j", "Enter"]);
        tmux.wait_for("Unread");
        let kill_after = 5 + (xorshift(&mut seed) % 40) as usize;
        let mut sent = 0;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            tmux.cmd(&["send-keys", "-t", "t", "u", "j"]);
            sent += 1;
            std::thread::sleep(Duration::from_millis(10));
            if sent >= kill_after && logged_reads(&log).len() > already {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no read mark was ever logged as saved"
            );
        }
        // SIGKILL while keys are still arriving.
        tmux.cmd(&["send-keys", "-t", "t", "u", "j", "u", "j", "u", "j"]);
        let killed = Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        std::thread::sleep(Duration::from_millis(100));

        assert_eq!(integrity(&db_file), "ok", "run {run}");
        let saved = logged_reads(&log);
        let now = stored(&db_file);
        for id in &saved {
            assert!(
                now.get(id).is_some_and(|(_, read, _)| *read),
                "run {run}: article {id} was reported saved as read, but is not"
            );
        }
        eprintln!(
            "reader run {run}: {sent} marks sent, {} reported saved in all, killed",
            saved.len()
        );
    }
    assert_eq!(std::fs::read(&config).unwrap(), config_before);
    // After the kills the reader starts again on the same file.
    let out = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .args(["list", "--unread"])
        .output()
        .unwrap();
    assert!(out.status.success());
}
