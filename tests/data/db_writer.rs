//! The writer thread on real files: batching, events after commit, shutdown, kill -9.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tidings::config::FeedConfig;
use tidings::db::writer::{DbCmd, DbEvent, DbWriter};
use tidings::db::{Change, Db, Limits};
use tidings::model::{FeedStatus, ParsedFeed, ParsedItem, Validators};

const NOW: i64 = 1_700_000_000;
const KEEP_ALL: Limits = Limits {
    max_articles: 100_000,
    max_age_days: 0,
};
const WAIT: Duration = Duration::from_secs(10);

fn feed(url: &str) -> FeedConfig {
    FeedConfig {
        url: url.into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    }
}

fn item(guid: &str) -> ParsedItem {
    ParsedItem {
        guid: Some(guid.into()),
        title: guid.into(),
        published: Some(NOW),
        summary: Some(format!("<p>{}</p>", guid.repeat(200))),
        ..Default::default()
    }
}

fn ingest_cmd(feed_id: i64, guids: &[&str]) -> DbCmd {
    DbCmd::Ingest {
        feed_id,
        parsed: ParsedFeed {
            title: None,
            site_link: None,
            items: guids.iter().map(|g| item(g)).collect(),
            ..Default::default()
        },
        validators: Validators::default(),
        moved_to: None,
        limits: KEEP_ALL,
        now: NOW,
    }
}

fn titles_in(path: &Path, feeds: &[i64]) -> HashSet<String> {
    let db = Db::open(path).unwrap();
    db.load_headlines(feeds)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

/// A db with `n` feeds; returns their ids.
fn setup(path: &Path, n: usize) -> Vec<i64> {
    let mut db = Db::open(path).unwrap();
    let cfg: Vec<FeedConfig> = (0..n)
        .map(|i| feed(&format!("https://f{i}.test/")))
        .collect();
    db.sync_feeds(&cfg, 1800)
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect()
}

#[test]
fn a_batch_commits_in_one_transaction_before_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let feeds = setup(&path, 3);

    // Another process holds the write lock, so the writer blocks on its first command
    // while the next ones queue up behind it and must then go in together.
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();

    let reader = Db::open(&path).unwrap();
    let all_feeds = feeds.clone();
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(Db::open(&path).unwrap(), move |event| {
        // What another connection sees when the event arrives: committed rows only.
        let visible: HashSet<String> = reader
            .load_headlines(&all_feeds)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect();
        tx.send((event, visible)).unwrap();
    });
    writer.send(DbCmd::Status {
        feed_id: feeds[0],
        status: FeedStatus::Ok { at: NOW },
    });
    std::thread::sleep(Duration::from_millis(200));
    writer.send(ingest_cmd(feeds[0], &["a1", "a2"]));
    writer.send(ingest_cmd(feeds[1], &["b1"]));
    writer.send(DbCmd::Changes(vec![Change::Read(999_999, true)]));
    writer.send(ingest_cmd(feeds[2], &["c1"]));
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        rx.try_recv().is_err(),
        "an event before anything could be committed"
    );
    blocker.execute_batch("COMMIT").unwrap();

    let (first, visible) = rx.recv_timeout(WAIT).unwrap();
    match first {
        DbEvent::Ingested { feed_id, report } => {
            assert_eq!(feed_id, feeds[0]);
            assert_eq!(report.new, 2);
        }
        other => panic!("unexpected {other:?}"),
    }
    let all: HashSet<String> = ["a1", "a2", "b1", "c1"].map(String::from).into();
    assert_eq!(
        visible, all,
        "the first event came before the whole batch was committed"
    );
    for want in [feeds[1], feeds[2]] {
        match rx.recv_timeout(WAIT).unwrap().0 {
            DbEvent::Ingested { feed_id, report } => {
                assert_eq!(feed_id, want);
                assert_eq!(report.new, 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    writer.shutdown().expect("everything saved");
    assert!(
        rx.recv_timeout(Duration::from_millis(100)).is_err(),
        "no further events"
    );
}

#[test]
fn a_failing_command_is_reported_and_the_rest_of_its_batch_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let feeds = setup(&path, 2);
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(Db::open(&path).unwrap(), move |e| tx.send(e).unwrap());
    writer.send(ingest_cmd(feeds[0], &["a1"]));
    writer.send(ingest_cmd(9_999, &["lost"]));
    writer.send(ingest_cmd(feeds[1], &["b1"]));
    assert!(writer.flush());

    let events: Vec<DbEvent> = rx.try_iter().collect();
    let ingested: Vec<i64> = events
        .iter()
        .filter_map(|e| match e {
            DbEvent::Ingested { feed_id, .. } => Some(*feed_id),
            _ => None,
        })
        .collect();
    assert_eq!(ingested, feeds);
    let failures: Vec<&String> = events
        .iter()
        .filter_map(|e| match e {
            DbEvent::Failed { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    assert_eq!(failures.len(), 1, "{events:?}");
    assert!(failures[0].contains("feed 9999"), "{}", failures[0]);
    assert_eq!(
        titles_in(&path, &feeds),
        ["a1", "b1"].map(String::from).into()
    );
    writer.shutdown().expect("everything saved");
}

#[test]
fn flush_returns_once_changes_are_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let feeds = setup(&path, 1);
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(Db::open(&path).unwrap(), move |e| tx.send(e).unwrap());
    writer.send(ingest_cmd(feeds[0], &["a1"]));
    assert!(writer.flush());
    let id = match rx
        .try_recv()
        .expect("the event is out before flush returns")
    {
        DbEvent::Ingested { report, .. } => report.upserted[0].id,
        other => panic!("unexpected {other:?}"),
    };
    writer.send(DbCmd::Changes(vec![
        Change::Read(id, true),
        Change::Bookmark(id, true),
    ]));
    writer.send(DbCmd::Status {
        feed_id: feeds[0],
        status: FeedStatus::Error {
            at: NOW,
            message: "boom".into(),
        },
    });
    assert!(writer.flush());

    let mut db = Db::open(&path).unwrap();
    let (h, _) = db.article(id).unwrap().unwrap();
    assert!(h.flags.read() && h.flags.bookmarked());
    let f = db
        .sync_feeds(&[feed("https://f0.test/")], 60)
        .unwrap()
        .remove(0);
    assert_eq!(
        f.status,
        FeedStatus::Error {
            at: NOW,
            message: "boom".into()
        }
    );
    writer.shutdown().expect("everything saved");
}

#[test]
fn shutdown_commits_everything_queued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let feeds = setup(&path, 1);
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(Db::open(&path).unwrap(), move |e| tx.send(e).unwrap());
    let guids: Vec<String> = (0..300).map(|i| format!("g{i}")).collect();
    for g in &guids {
        writer.send(ingest_cmd(feeds[0], &[g.as_str()]));
    }
    writer.shutdown().expect("everything saved");
    assert_eq!(titles_in(&path, &feeds), guids.iter().cloned().collect());
    let events: Vec<DbEvent> = rx.try_iter().collect();
    assert_eq!(events.len(), 300);
    assert!(
        events
            .iter()
            .all(|e| matches!(e, DbEvent::Ingested { report, .. } if report.new == 1))
    );
}

#[test]
fn dropping_the_writer_also_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let feeds = setup(&path, 1);
    {
        let writer = DbWriter::spawn(Db::open(&path).unwrap(), |_| {});
        writer.send(ingest_cmd(feeds[0], &["a", "b"]));
    }
    assert_eq!(titles_in(&path, &feeds).len(), 2);
}

// ---- kill -9 ------------------------------------------------------------------------

const CHILD_DB: &str = "TIDINGS_TEST_KILL_CHILD_DB";
const CHILD_RUN: &str = "TIDINGS_TEST_KILL_CHILD_RUN";

fn run_url(run: usize) -> String {
    format!("https://run{run}.test/feed.xml")
}

fn guid(run: usize, i: u64) -> String {
    format!("r{run}-{i}")
}

/// Not a test of its own: the body of the child process of `kill_9_loses_no_committed_batch`.
/// Writes until killed; prints `committed <i> <read id>` once batch `i` is on disk.
#[test]
#[ignore = "runs only as the child of kill_9_loses_no_committed_batch"]
fn kill_child_writer_loop() {
    let (Ok(path), Ok(run)) = (std::env::var(CHILD_DB), std::env::var(CHILD_RUN)) else {
        return;
    };
    let run: usize = run.parse().unwrap();
    let mut db = Db::open(Path::new(&path)).unwrap();
    let feed_id = db.sync_feeds(&[feed(&run_url(run))], 60).unwrap()[0].id;
    let (tx, rx) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    let mut last_new: Option<i64> = None;
    let started = Instant::now();
    let mut i = 0u64;
    // Bounded, in case the parent died without killing us.
    while started.elapsed() < Duration::from_secs(60) {
        let window: Vec<String> = (i.saturating_sub(3)..=i).map(|k| guid(run, k)).collect();
        let refs: Vec<&str> = window.iter().map(String::as_str).collect();
        // The ingest is as new as the status after it: the writer may commit it in a
        // batch of its own, and a kill before the status must not look like lost status.
        let mut ingest = ingest_cmd(feed_id, &refs);
        if let DbCmd::Ingest { now, .. } = &mut ingest {
            *now = NOW + i as i64;
        }
        writer.send(ingest);
        if let Some(id) = last_new {
            writer.send(DbCmd::Changes(vec![
                Change::Read(id, true),
                Change::Bookmark(id, i.is_multiple_of(2)),
            ]));
        }
        writer.send(DbCmd::Status {
            feed_id,
            status: FeedStatus::Ok { at: NOW + i as i64 },
        });
        assert!(writer.flush());
        println!("committed {i} {}", last_new.unwrap_or(-1));
        for event in rx.try_iter() {
            if let DbEvent::Ingested { report, .. } = event {
                last_new = report
                    .upserted
                    .iter()
                    .find(|h| h.title == guid(run, i))
                    .map(|h| h.id)
                    .or(last_new);
            }
        }
        i += 1;
    }
}

/// Kills the child on drop, so a failing assertion leaves no writer behind.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn kill_9_loses_no_committed_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("killed.db");
    let exe = std::env::current_exe().unwrap();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("kill test seed {seed}");
    let started = Instant::now();
    // Per run: the last committed batch and the articles it marked read.
    let mut committed: Vec<(Option<u64>, Vec<i64>)> = Vec::new();

    for run in 0..10 {
        let child = Command::new(&exe)
            .args([
                "--exact",
                // Its name in the `data` test binary, where this file is a module.
                "db_writer::kill_child_writer_loop",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_DB, &path)
            .env(CHILD_RUN, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut child = ChildGuard(child);
        let stdout = child.0.stdout.take().unwrap();
        // Kill only once the child is writing, so a slow start (a loaded CI machine)
        // cannot turn a run into a kill before the first batch.
        let (first_tx, first_rx) = std::sync::mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            let mut read_ids = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let mut parts = line.split_whitespace();
                if parts.next() != Some("committed") {
                    continue;
                }
                let i: u64 = parts.next().unwrap().parse().unwrap();
                let read: i64 = parts.next().unwrap().parse().unwrap();
                last = Some(i);
                let _ = first_tx.send(());
                if read >= 0 {
                    read_ids.push(read);
                }
            }
            (last, read_ids)
        });

        let _ = first_rx.recv_timeout(WAIT);
        // Bounded delays keep the whole test under 15 s.
        let delay = Duration::from_millis(50 + xorshift(&mut seed) % 600);
        std::thread::sleep(delay);
        child.0.kill().unwrap(); // SIGKILL
        child.0.wait().unwrap();
        let (last, read_ids) = reader.join().unwrap();
        eprintln!("run {run}: killed after {delay:?}, last committed batch {last:?}");
        committed.push((last, read_ids));

        // The file must be sound and hold everything any run reported as committed.
        let raw = rusqlite::Connection::open(&path).unwrap();
        let check: String = raw
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after run {run}");
        drop(raw);
        let mut db = Db::open(&path).unwrap();
        let cfg: Vec<FeedConfig> = (0..=run).map(|r| feed(&run_url(r))).collect();
        let feeds = db.sync_feeds(&cfg, 60).unwrap();
        let ids: Vec<i64> = feeds.iter().map(|f| f.id).collect();
        let heads = db.load_headlines(&ids).unwrap();
        let titles: HashSet<&str> = heads.iter().map(|h| h.title.as_str()).collect();
        for (r, (last, read_ids)) in committed.iter().enumerate() {
            let Some(last) = *last else { continue };
            for i in 0..=last {
                assert!(
                    titles.contains(guid(r, i).as_str()),
                    "run {r}: committed {} is gone",
                    guid(r, i)
                );
            }
            for id in read_ids {
                let h = heads.iter().find(|h| h.id == *id).unwrap();
                assert!(h.flags.read(), "run {r}: article {id} lost its read mark");
            }
            assert!(matches!(feeds[r].status, FeedStatus::Ok { at } if at >= NOW + last as i64));
        }
    }
    let batches: u64 = committed
        .iter()
        .filter_map(|(last, _)| last.map(|l| l + 1))
        .sum();
    eprintln!(
        "kill test: {batches} batches committed in {:?}",
        started.elapsed()
    );
    assert!(batches >= 20, "too few batches to say anything: {batches}");
}
