//! The reader's download runner (`effects::downloads`) against loopback servers with real
//! SQLite files: `d` queues and the file completes byte-identical, pause stops the transfer
//! and resume continues with Range, cancel removes the `.part`, a restart continues what
//! was running, and a `tidings download` holding the lock is named by its pid.

use crate::cli_env::Env;
use crate::download_cli::{feed, setup};
use crate::support::{Response, TestServer, random_bytes, ranged};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tidings::app::{DownloadCmd, DownloadsView, Msg};
use tidings::db::{Db, DownloadState};
use tidings::effects::downloads::{Downloads, Settings};
use tidings::feed::hosts::HostLimits;
use tidings::podcast::download::Limits;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

fn settings(env: &Env) -> Settings {
    Settings {
        db_file: env.path("data").join("tidings.db"),
        lock_file: env.path("data").join("downloads.lock"),
        dir: env.path("pods"),
        template: tidings::config::General::default().filename,
        limits: Limits::default(),
        max_downloads: 2,
        user_agent: "tidings-test".into(),
        policies: Vec::new(),
        marks_file: env.path("data").join("auto_downloads.json"),
    }
}

/// Views until one satisfies `done`; the deadline only keeps a broken run from hanging.
fn wait_for(
    rx: &mut UnboundedReceiver<Msg>,
    what: &str,
    mut done: impl FnMut(&DownloadsView) -> bool,
) -> DownloadsView {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut said = Vec::new();
    loop {
        assert!(Instant::now() < deadline, "never {what}; said {said:?}");
        match rx.try_recv() {
            Ok(Msg::Downloads(view)) => {
                if done(&view) {
                    return view;
                }
            }
            Ok(Msg::Done(text)) => said.push(text),
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn state_is(view: &DownloadsView, state: DownloadState) -> bool {
    view.rows.first().is_some_and(|r| r.state == state)
}

fn part_of(env: &Env, view: &DownloadsView) -> std::path::PathBuf {
    let path = view.rows[0].path.clone();
    let mut name = path.file_name().unwrap().to_os_string();
    name.push(".part");
    assert!(path.starts_with(env.path("pods")), "{path:?}");
    path.with_file_name(name)
}

/// A server that sends `data` slowly, so a test can act mid-transfer.
fn slow_server(data: &[u8]) -> TestServer {
    let data = data.to_vec();
    TestServer::start(move |r| match r.path.as_str() {
        "/ep.mp3" => ranged(r, &data, "\"v1\"").chunked(4096, Duration::from_millis(4)),
        _ => Response::status(404),
    })
}

fn one_episode(server: &TestServer) -> (Env, i64) {
    let xml = feed("Slow Cast", &[("Episode", server.url("/ep.mp3"))]);
    let (env, ids) = setup(&xml);
    (env, ids[0].1)
}

#[test]
fn d_queues_and_the_reader_completes_the_file_byte_identical() {
    let data = random_bytes(300_000, 31);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    let view = wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    let row = &view.rows[0];
    assert_eq!(row.title, "Episode");
    assert_eq!(row.feed, "Slow Cast");
    assert_eq!((row.done, row.total), (300_000, Some(300_000)));
    assert!(std::fs::read(&row.path).unwrap() == data, "byte-identical");
    assert!(!part_of(&env, &view).exists());
    runner.shutdown();
    let db = Db::open(&env.path("data").join("tidings.db")).unwrap();
    let rows = db.downloads().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].state, DownloadState::Done);
    assert_eq!(rows[0].article_id, Some(article));
}

#[test]
fn pause_stops_the_transfer_and_resume_continues_with_range() {
    let data = random_bytes(600_000, 32);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    let view = wait_for(&mut rx, "under way", |v| {
        state_is(v, DownloadState::Downloading) && v.rows[0].done > 0
    });
    let id = view.rows[0].id;
    runner.send(DownloadCmd::TogglePause(id));
    let view = wait_for(&mut rx, "paused", |v| state_is(v, DownloadState::Paused));
    let part = part_of(&env, &view);
    let kept = std::fs::metadata(&part).unwrap().len();
    assert!(kept > 0 && kept < data.len() as u64, "{kept}");
    let db = Db::open(&env.path("data").join("tidings.db")).unwrap();
    assert_eq!(
        db.download(id).unwrap().unwrap().state,
        DownloadState::Paused
    );
    assert_eq!(server.requests().len(), 1, "paused: nothing asked again");

    runner.send(DownloadCmd::TogglePause(id));
    let view = wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    assert!(std::fs::read(&view.rows[0].path).unwrap() == data);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let range = requests[1].header("Range").unwrap_or_default().to_string();
    let from: u64 = range
        .strip_prefix("bytes=")
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(from >= kept, "resumed from what the .part held: {range}");
    assert_eq!(requests[1].header("If-Range"), Some("\"v1\""));
    runner.shutdown();
}

#[test]
fn cancel_removes_the_part_and_the_row() {
    let data = random_bytes(600_000, 33);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    let view = wait_for(&mut rx, "under way", |v| {
        state_is(v, DownloadState::Downloading) && v.rows[0].done > 0
    });
    let part = part_of(&env, &view);
    runner.send(DownloadCmd::Cancel(view.rows[0].id));
    wait_for(&mut rx, "cancelled", |v| v.rows.is_empty());
    runner.shutdown();
    assert!(!part.exists(), "{part:?}");
    assert!(!view.rows[0].path.exists());
    let db = Db::open(&env.path("data").join("tidings.db")).unwrap();
    assert!(db.downloads().unwrap().is_empty());
}

#[test]
fn a_restart_continues_what_was_running() {
    let data = random_bytes(600_000, 34);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    wait_for(&mut rx, "under way", |v| {
        state_is(v, DownloadState::Downloading) && v.rows[0].done > 0
    });
    // Quitting the reader: the lock goes, the row stays `downloading` with its .part.
    runner.shutdown();
    drop(runner);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    let view = wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    assert!(std::fs::read(&view.rows[0].path).unwrap() == data);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one request, then the rest");
    assert!(requests[1].header("Range").is_some());
    runner.shutdown();
}

#[test]
fn a_tidings_download_holding_the_lock_is_named_and_then_left_the_queue() {
    let data = random_bytes(400_000, 35);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let mut cron = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(env.path("config.toml"))
        .arg("--data-dir")
        .arg(env.path("data"))
        .args(["download", &article.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = cron.id();
    let part = env
        .path("pods")
        .join("Slow Cast/2025-01-29 Episode.mp3.part");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&part).map_or(0, |m| m.len()) == 0 {
        assert!(Instant::now() < deadline, "the other run never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    let view = wait_for(&mut rx, "the other run", |v| v.elsewhere.is_some());
    assert_eq!(view.elsewhere, Some(Some(pid)), "{view:?}");
    // The other run ends: this reader takes the lock (and has nothing left to run).
    let view = wait_for(&mut rx, "done, and the lock", |v| {
        state_is(v, DownloadState::Done) && v.elsewhere.is_none()
    });
    assert!(std::fs::read(&view.rows[0].path).unwrap() == data);
    assert!(cron.wait().unwrap().success());
    assert_eq!(server.requests().len(), 1, "only the other run fetched it");
    runner.shutdown();
}

/// `download = "new"` in the reader: nothing of what is stored at start, then the episode
/// a refresh (here another process's) stores is queued and downloaded.
#[test]
fn the_reader_downloads_new_episodes_once_a_refresh_stored_them() {
    let one = random_bytes(20_000, 36);
    let two = random_bytes(30_000, 37);
    let (a, b) = (one.clone(), two.clone());
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/1.mp3" => ranged(r, &a, "\"1\""),
        "/2.mp3" => ranged(r, &b, "\"2\""),
        _ => Response::status(404),
    });
    let (env, _) = setup(&feed("Auto Cast", &[("One", server.url("/1.mp3"))]));
    let mut s = settings(&env);
    s.policies = vec![tidings::podcast::auto::Policy {
        url: format!("file://{}", env.path("pod.xml").display()),
        latest: Some(0),
        keep: None,
    }];
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(s, HostLimits::new(2), tx);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !env.path("data").join("auto_downloads.json").exists() {
        assert!(Instant::now() < deadline, "the runner never looked");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::write(
        env.path("pod.xml"),
        feed(
            "Auto Cast",
            &[("One", server.url("/1.mp3")), ("Two", server.url("/2.mp3"))],
        ),
    )
    .unwrap();
    env.stdout(&["refresh"]);
    let view = wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    assert_eq!(view.rows.len(), 1, "only the new one: {view:?}");
    assert_eq!(view.rows[0].title, "Two");
    assert!(std::fs::read(&view.rows[0].path).unwrap() == two);
    runner.shutdown();
}

/// Several enclosures: the runner asks which (their file names), then queues the one chosen.
#[test]
fn several_enclosures_ask_for_a_choice_then_queue_the_one_chosen() {
    let first = random_bytes(10_000, 38);
    let second = random_bytes(12_000, 39);
    let (a, b) = (first.clone(), second.clone());
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/part1.mp3" => ranged(r, &a, "\"a\""),
        "/part2.mp3" => ranged(r, &b, "\"b\""),
        _ => Response::status(404),
    });
    // Atom: one entry may carry several enclosure links.
    let xml = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>Two Parts</title><id>urn:two</id><updated>2025-01-29T01:00:00Z</updated>\
         <entry><title>Both</title><id>urn:both</id><updated>2025-01-29T01:00:00Z</updated>\
         <link rel=\"enclosure\" type=\"audio/mpeg\" href=\"{}\"/>\
         <link rel=\"enclosure\" type=\"audio/mpeg\" href=\"{}\"/></entry></feed>",
        server.url("/part1.mp3"),
        server.url("/part2.mp3")
    );
    let (env, ids) = setup(&xml);
    let article = ids[0].1;
    let db = Db::open(&env.path("data").join("tidings.db")).unwrap();
    assert_eq!(db.body(article).unwrap().unwrap().enclosures.len(), 2);
    drop(db);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), HostLimits::new(2), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let names = loop {
        assert!(Instant::now() < deadline, "never asked");
        match rx.try_recv() {
            Ok(Msg::EnclosureChoice { names, .. }) => break names,
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    assert_eq!(names, vec!["part1.mp3", "part2.mp3"]);
    runner.send(DownloadCmd::Queue {
        article,
        choice: Some(2),
    });
    let view = wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    assert_eq!(view.rows.len(), 1);
    assert!(std::fs::read(&view.rows[0].path).unwrap() == second);
    runner.shutdown();
}

#[test]
fn feed_fetches_and_downloads_share_the_per_host_limit() {
    let data = random_bytes(200_000, 7);
    let body = data.clone();
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/one.mp3" | "/two.mp3" => {
            ranged(r, &body, "\"v1\"").chunked(4096, Duration::from_millis(10))
        }
        _ => {
            Response::ok(crate::download_cli::feed("A feed", &[])).delay(Duration::from_millis(150))
        }
    });
    let xml = feed(
        "Two Episodes",
        &[
            ("One", server.url("/one.mp3")),
            ("Two", server.url("/two.mp3")),
        ],
    );
    let (env, ids) = setup(&xml);
    let hosts = HostLimits::new(2);
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), hosts.clone(), tx);
    for (_, article) in &ids {
        runner.send(DownloadCmd::Queue {
            article: *article,
            choice: None,
        });
    }
    wait_for(&mut rx, "both downloading", |v| {
        v.rows.len() == 2 && v.rows.iter().all(|r| r.done > 0)
    });
    // A refresh of four feeds on the same server while both episodes download.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let polled = runtime.block_on(async {
        let poller = tidings::feed::poller::Poller::with_hosts(
            tidings::feed::poller::PollerConfig::default(),
            hosts.clone(),
        );
        let (ptx, mut prx) = tokio::sync::mpsc::unbounded_channel();
        let jobs = (1..=4)
            .map(|i| tidings::feed::poller::PollJob {
                feed_id: 100 + i,
                url: server.url(&format!("/f{i}.xml")),
                validators: Default::default(),
                pack_bodies: false,
            })
            .collect();
        poller.poll(jobs, move |ev| {
            let _ = ptx.send(ev);
        });
        let mut n = 0;
        while n < 4 {
            tokio::time::timeout(Duration::from_secs(30), prx.recv())
                .await
                .expect("polls finish")
                .expect("poller alive");
            n += 1;
        }
        n
    });
    assert_eq!(polled, 4);
    wait_for(&mut rx, "both done", |v| {
        v.rows.len() == 2 && v.rows.iter().all(|r| r.state == DownloadState::Done)
    });
    runner.shutdown();
    // Two transfers and four fetches, never more than two connections at once.
    assert_eq!(server.max_open(), 2);
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn a_download_waits_while_feed_fetches_hold_its_host_then_starts() {
    let data = random_bytes(50_000, 9);
    let server = slow_server(&data);
    let (env, article) = one_episode(&server);
    let hosts = HostLimits::new(1);
    // What a refresh fetching a feed from the same server holds.
    let fetch = hosts.try_acquire(&server.url("/feed.xml")).unwrap();
    let (tx, mut rx) = unbounded_channel();
    let mut runner = Downloads::spawn(settings(&env), hosts.clone(), tx);
    runner.send(DownloadCmd::Queue {
        article,
        choice: None,
    });
    wait_for(&mut rx, "queued", |v| state_is(v, DownloadState::Queued));
    // Two looks of the runner (one a second) find the host busy.
    std::thread::sleep(Duration::from_millis(2200));
    assert!(
        server.requests().is_empty(),
        "downloaded while the host was busy"
    );
    drop(fetch);
    wait_for(&mut rx, "done", |v| state_is(v, DownloadState::Done));
    runner.shutdown();
    assert_eq!(server.requests().len(), 1);
    assert!(
        hosts.try_acquire(&server.url("/")).is_some(),
        "turn given back"
    );
}
