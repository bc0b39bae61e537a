//! The player against a real mpv (`--ao=null`, no config), playing a WAV the test writes
//! itself from the loopback server. Every wait is for an observed property value with a
//! generous timeout; nothing asserts how long anything took.

use crate::support::{Response, TestServer, ranged, wav};
use std::path::Path;
use std::time::Duration;
use tidings::db::Db;
use tidings::player::progress::{Episode, Session};
use tidings::player::{Player, PlayerOptions, Source, Status};

const WAIT: Duration = Duration::from_secs(30);
fn serve(seconds: u32) -> TestServer {
    let data = wav(seconds);
    TestServer::start(move |req| {
        if req.path == "/episode.wav" {
            ranged(req, &data, "\"w1\"")
        } else {
            Response::status(404)
        }
    })
}

fn player() -> Player {
    Player::start(PlayerOptions {
        command: ["mpv", "--no-config", "--ao=null"]
            .map(String::from)
            .to_vec(),
        ..PlayerOptions::default()
    })
    .expect("mpv starts (is it installed? .ci/run installs it)")
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 0.75)
}

#[test]
fn play_pause_seek_speed_volume_and_mute() {
    let server = serve(60);
    let mut p = player();
    p.load(&Source::url(&server.url("/episode.wav")).unwrap(), 0.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.duration, 60.0) && s.time_pos.is_some()),
        "{:?}",
        p.state()
    );
    p.set_paused(true).unwrap();
    assert!(p.wait_for(WAIT, |s| s.paused), "{:?}", p.state());
    p.seek_absolute(12.0).unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.time_pos, 12.0)),
        "{:?}",
        p.state()
    );
    p.step_back().unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.time_pos, 2.0)),
        "{:?}",
        p.state()
    );
    p.step_forward().unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.time_pos, 32.0)),
        "{:?}",
        p.state()
    );
    // Before the start is the start.
    p.seek_relative(-100.0).unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.time_pos, 0.0)),
        "{:?}",
        p.state()
    );
    assert_eq!(p.set_speed(7.0).unwrap(), 3.0);
    assert!(p.wait_for(WAIT, |s| s.speed == 3.0), "{:?}", p.state());
    assert_eq!(p.set_speed(0.1).unwrap(), 0.5);
    assert!(p.wait_for(WAIT, |s| s.speed == 0.5), "{:?}", p.state());
    p.set_volume(40.0).unwrap();
    p.set_mute(true).unwrap();
    assert!(
        p.wait_for(WAIT, |s| s.volume == 40.0 && s.mute),
        "{:?}",
        p.state()
    );
    p.set_paused(false).unwrap();
    assert!(
        p.wait_for(WAIT, |s| !s.paused && s.time_pos.is_some_and(|t| t > 0.1)),
        "{:?}",
        p.state()
    );
    // A load over a playing file: the old file's end leaves the new one playing, from
    // the start asked for.
    p.load(&Source::url(&server.url("/episode.wav")).unwrap(), 40.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| s.time_pos.is_some_and(|t| t >= 39.0)),
        "{:?}",
        p.state()
    );
    p.pump(Duration::from_millis(200));
    assert_eq!(p.state().status, Status::Playing);
    p.stop().unwrap();
    assert_eq!(p.state().status, Status::Idle);
    p.quit();
}

fn db_with_episode(path: &Path) -> Db {
    let db = Db::open(path).unwrap();
    drop(db);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'http://127.0.0.1/feed.xml', 'Cast');
         INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, read)
             VALUES (5, 1, 'Episode five', 1, 'k5', 0, 0);",
    )
    .unwrap();
    drop(conn);
    Db::open(path).unwrap()
}

fn read_flag(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT read FROM articles WHERE id = 5", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_position_is_saved_and_resumed_after_a_restart_and_the_end_marks_played() {
    let server = serve(12);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = db_with_episode(&path);
    let url = server.url("/episode.wav");
    let episode = Episode {
        article: 5,
        url: url.clone(),
        source: Source::url(&url).unwrap(),
    };

    let mut session = Session::new(player());
    assert_eq!(session.play(&mut db, episode.clone()).unwrap(), 0.0);
    // mpv refuses a seek until the file is loaded.
    assert!(
        session.player().wait_for(WAIT, |s| s.time_pos.is_some()),
        "{:?}",
        session.player().state()
    );
    session.player().set_paused(true).unwrap();
    session.player().seek_absolute(7.0).unwrap();
    assert!(
        session
            .player()
            .wait_for(WAIT, |s| s.paused && near(s.time_pos, 7.0)),
        "{:?}",
        session.player().state()
    );
    session.stop(&mut db).unwrap();
    let saved = db.playback(5, &url).unwrap().expect("saved on stop");
    assert!((saved.position - 7.0).abs() < 0.75, "{saved:?}");
    assert!(!saved.played);
    session.quit(&mut db).unwrap();
    drop(db);

    // A new player and a reopened database: playing again starts where it was left.
    let mut db = Db::open(&path).unwrap();
    let mut session = Session::new(player());
    let start = session.play(&mut db, episode.clone()).unwrap();
    assert!((start - 7.0).abs() < 0.75, "{start}");
    assert!(
        session
            .player()
            .wait_for(WAIT, |s| s.time_pos.is_some_and(|t| t >= 6.0)),
        "{:?}",
        session.player().state()
    );
    // Near the end and playing: the end of file marks it played and the article read.
    session.player().seek_absolute(10.5).unwrap();
    let mut ended = false;
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        session.tick(&mut db, Duration::from_millis(100)).unwrap();
        if session.episode().is_none() {
            ended = true;
            break;
        }
    }
    assert!(ended, "{:?}", session.player().state());
    assert_eq!(session.player().state().status, Status::Ended);
    let saved = db.playback(5, &url).unwrap().unwrap();
    assert!(saved.played, "{saved:?}");
    assert_eq!(read_flag(&path), 1);
    // A played episode starts over next time.
    assert_eq!(session.play(&mut db, episode).unwrap(), 0.0);
    session.quit(&mut db).unwrap();
}

#[test]
fn a_missing_file_and_a_dead_mpv_are_error_states_not_hangs() {
    let server = serve(5);
    let mut p = player();
    p.load(&Source::url(&server.url("/gone.wav")).unwrap(), 0.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| matches!(s.status, Status::Error(_))),
        "{:?}",
        p.state()
    );

    // A file that vanished between check and load is an error too.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ep.wav");
    std::fs::write(&f, wav(1)).unwrap();
    let source = Source::file(&f).unwrap();
    std::fs::remove_file(&f).unwrap();
    assert!(Source::file(&f).is_err());
    p.load(&source, 0.0).unwrap();
    assert!(
        p.wait_for(WAIT, |s| matches!(s.status, Status::Error(_))),
        "{:?}",
        p.state()
    );

    p.load(&Source::url(&server.url("/episode.wav")).unwrap(), 0.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| s.time_pos.is_some()),
        "{:?}",
        p.state()
    );
    let killed = std::process::Command::new("kill")
        .args(["-9", &p.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(
        p.wait_for(WAIT, |s| matches!(s.status, Status::Error(_))),
        "{:?}",
        p.state()
    );
    let Status::Error(why) = &p.state().status else {
        unreachable!()
    };
    assert!(why.contains("mpv"), "{why}");
    assert!(p.set_paused(true).is_err());
}

/// mpv killed mid-episode: the session reports the error and still keeps the last position
/// mpv reported.
#[test]
fn a_dead_mpv_keeps_the_last_position() {
    let server = serve(30);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = db_with_episode(&path);
    let url = server.url("/episode.wav");
    let mut session = Session::new(player());
    session
        .play(
            &mut db,
            Episode {
                article: 5,
                url: url.clone(),
                source: Source::url(&url).unwrap(),
            },
        )
        .unwrap();
    assert!(session.player().wait_for(WAIT, |s| s.time_pos.is_some()));
    session.player().set_paused(true).unwrap();
    session.player().seek_absolute(17.0).unwrap();
    assert!(
        session
            .player()
            .wait_for(WAIT, |s| s.paused && near(s.time_pos, 17.0)),
        "{:?}",
        session.player().state()
    );
    let pid = session.player().pid().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        session
            .player()
            .wait_for(WAIT, |s| matches!(s.status, Status::Error(_))),
        "{:?}",
        session.player().state()
    );
    session.quit(&mut db).unwrap();
    let saved = db.playback(5, &url).unwrap().expect("kept");
    assert!((saved.position - 17.0).abs() < 0.75, "{saved:?}");
}

#[test]
fn a_resume_position_holds_on_a_server_without_range_requests() {
    // python's http.server answers every request with the whole file: mpv then starts at
    // 0 whatever `start` says, and the player seeks there itself.
    // Far enough in that playing there from 0 would outlast the wait.
    let data = wav(400);
    let server = TestServer::start(move |req| {
        if req.path == "/plain.wav" {
            Response::ok(data.clone())
        } else {
            Response::status(404)
        }
    });
    let mut p = player();
    p.load(&Source::url(&server.url("/plain.wav")).unwrap(), 300.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| s.time_pos.is_some_and(|t| t >= 299.0)),
        "{:?}",
        p.state()
    );
    p.quit();
}

/// A live stream (a radio station: no Content-Length, no end) plays with its elapsed time
/// and no total, and leaves no position to resume; an episode of known length from the
/// same kind of server keeps its total.
#[test]
fn a_live_stream_has_elapsed_time_and_no_total() {
    // 20 s at once (mpv probes before it plays), then a second of sound every 250 ms,
    // under a header that claims the largest size, as streaming WAV encoders write it.
    let mut head = wav(20);
    head[4..8].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    head[40..44].copy_from_slice(&0x7FFF_FFC0u32.to_le_bytes());
    let second = wav(1)[44..].to_vec();
    let episode = wav(60);
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/live" => Response::ok(head.clone())
            .header("Content-Type", "audio/wav")
            .endless(second.clone(), Duration::from_millis(250)),
        "/episode.wav" => ranged(req, &episode, "\"w1\""),
        _ => Response::status(404),
    });
    let mut p = player();
    p.load(&Source::url(&server.url("/live")).unwrap(), 0.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| s.live && s.time_pos.is_some_and(|t| t >= 1.0)),
        "{:?}",
        p.state()
    );
    assert_eq!(p.state().duration, None, "{:?}", p.state());
    assert_eq!(p.state().status, Status::Playing);
    // The same player, then an episode: its length is known again.
    p.load(&Source::url(&server.url("/episode.wav")).unwrap(), 0.0)
        .unwrap();
    assert!(
        p.wait_for(WAIT, |s| near(s.duration, 60.0) && s.time_pos.is_some()),
        "{:?}",
        p.state()
    );
    assert!(!p.state().live);
}
