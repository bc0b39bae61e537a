//! The reader's player end to end below the terminal: keys through `App::update`, its
//! `Effect::Play`/`Effect::Player` carried to the real player thread
//! (`effects::player::PlayerThread`, a real mpv with `--ao=null`), and the thread's
//! `Msg::Player` reports fed back into the app, on a real SQLite file. The WAVs come from
//! the loopback server. Waits are for observed values with generous timeouts.

use crate::support::{Response, TestServer, ranged, wav};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};
use tidings::app::keymap::Keymap;
use tidings::app::player::Mark;
use tidings::app::{App, Effect, Msg};
use tidings::db::Db;
use tidings::effects::player::{Item, PlayerThread};
use tidings::model::{Feed, Flags, Headline};
use tidings::player::progress::Episode;
use tidings::player::{PlayerOptions, Source, Status};
use tidings::store::Store;

const WAIT: Duration = Duration::from_secs(30);

fn serve() -> TestServer {
    let long = wav(60);
    let short = wav(3);
    TestServer::start(move |req| match req.path.as_str() {
        "/long.wav" => ranged(req, &long, "\"l\""),
        "/short.wav" => ranged(req, &short, "\"s\""),
        _ => Response::status(404),
    })
}

fn db_file(path: &Path) {
    drop(Db::open(path).unwrap());
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "INSERT INTO feeds(id, url, doc_title) VALUES (1, 'http://127.0.0.1/feed.xml', 'Cast');
         INSERT INTO articles(id, feed_id, title, first_seen, key, fingerprint, read)
             VALUES (5, 1, 'Episode five', 1, 'k5', 0, 0), (6, 1, 'Episode six', 1, 'k6', 0, 0);",
    )
    .unwrap();
}

fn app() -> App {
    let feed = Feed {
        id: 1,
        url: "http://127.0.0.1/feed.xml".into(),
        fetch_url: "http://127.0.0.1/feed.xml".into(),
        title: "Cast".into(),
        refresh_secs: 1800,
        ..Feed::default()
    };
    let h = |id, title: &str, date| Headline {
        id,
        feed_id: 1,
        title: title.into(),
        link: None,
        author: None,
        date,
        flags: Flags::new(false, false, true),
    };
    let store = Store::new(
        vec![feed],
        vec![h(5, "Episode five", 200), h(6, "Episode six", 100)],
    );
    App::new(
        store,
        Keymap::default(),
        tidings::timefmt::Zone::utc(),
        1000,
        (100, 30),
    )
}

struct Rig {
    app: App,
    thread: Option<PlayerThread>,
    rx: Receiver<Msg>,
    server: TestServer,
    db: std::path::PathBuf,
}

impl Rig {
    fn start_thread(&mut self) {
        self.start_thread_with(&[]);
    }

    /// The player thread with `extra` arguments for mpv.
    fn start_thread_with(&mut self, extra: &[String]) {
        let (tx, rx) = channel();
        self.rx = rx;
        let mut command: Vec<String> = ["mpv", "--no-config", "--ao=null"]
            .map(String::from)
            .to_vec();
        command.extend_from_slice(extra);
        self.thread = Some(PlayerThread::spawn(
            PlayerOptions {
                command,
                ..PlayerOptions::default()
            },
            self.db.clone(),
            move |m| {
                let _ = tx.send(m);
            },
        ));
    }

    fn url(&self, id: i64) -> String {
        self.server
            .url(if id == 5 { "/long.wav" } else { "/short.wav" })
    }

    /// What the runner does with the player's effects (it finds the enclosure in the
    /// article's body; here article 5 is the long WAV, 6 the short one).
    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let msg = match c {
                '\n' => crate::common::code(ratatui::crossterm::event::KeyCode::Enter),
                c => crate::common::key(c),
            };
            let fx = self.app.update(msg);
            self.carry(fx);
        }
    }

    fn carry(&mut self, fx: Vec<Effect>) {
        let thread = self.thread.as_ref().expect("player thread");
        for e in fx {
            match e {
                Effect::Play(req) => {
                    let url = self.url(req.id);
                    let item = Item {
                        episode: Episode {
                            article: req.id,
                            url: url.clone(),
                            source: Source::url(&url).unwrap(),
                        },
                        feed: req.feed,
                        title: req.title,
                    };
                    if req.queue {
                        thread.enqueue(item);
                    } else {
                        thread.play(item);
                    }
                }
                Effect::Player(cmd) => thread.control(cmd),
                _ => {}
            }
        }
    }

    /// Feeds the thread's reports to the app until `done` holds.
    fn wait(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + WAIT;
        while !done(&self.app) {
            assert!(
                Instant::now() < deadline,
                "{what}: {:?} / {:?}",
                self.app.now_playing(),
                self.app.message()
            );
            if let Ok(m) = self.rx.recv_timeout(Duration::from_millis(100)) {
                let fx = self.app.update(m);
                self.carry(fx);
            }
        }
    }

    fn pos(&self) -> f64 {
        self.app
            .now_playing()
            .and_then(|n| n.state.time_pos)
            .unwrap_or(-1.0)
    }
}

fn saved(path: &Path, id: i64, url: &str) -> tidings::db::Playback {
    Db::open(path)
        .unwrap()
        .playback(id, url)
        .unwrap()
        .expect("a playback row")
}

#[test]
fn p_plays_pauses_seeks_quits_saving_resumes_and_the_queue_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    db_file(&path);
    let (_tx, rx) = channel();
    let mut rig = Rig {
        app: app(),
        thread: None,
        rx,
        server: serve(),
        db: path.clone(),
    };
    rig.start_thread();
    rig.keys("\n"); // All articles: Episode five first
    rig.keys("p");
    rig.wait("playing with a duration", |a| {
        a.now_playing().is_some_and(|n| {
            n.article == 5
                && n.state.status == Status::Playing
                && n.state.duration.is_some_and(|d| (d - 60.0).abs() < 1.0)
                && n.state.time_pos.is_some_and(|t| t >= 1.0)
        })
    });
    assert!(rig.app.player_bar_shown());
    rig.keys("p");
    rig.wait("paused", |a| {
        a.now_playing().is_some_and(|n| n.state.paused)
    });
    let before = rig.pos();
    rig.keys("l");
    rig.wait("stepped forward 30 s", |a| {
        a.now_playing()
            .and_then(|n| n.state.time_pos)
            .is_some_and(|t| (t - (before + 30.0)).abs() < 1.5)
    });
    // Speed, volume, mute and chapters through the same path.
    rig.keys("}}{");
    rig.wait("1.25×", |a| {
        a.now_playing()
            .is_some_and(|n| (n.state.speed - 1.25).abs() < 1e-9)
    });
    rig.keys("99mmm");
    rig.wait("volume 90, muted", |a| {
        a.now_playing()
            .is_some_and(|n| n.state.volume == 90.0 && n.state.mute)
    });
    rig.keys("L");
    rig.wait("no chapters", |a| {
        a.message().is_some_and(|m| m.text.contains("no chapters"))
    });
    let at = rig.pos();
    // Quitting the reader: the thread saves the position and quits mpv.
    rig.thread.take().expect("thread").shutdown();
    let row = saved(&path, 5, &rig.url(5));
    assert!((row.position - at).abs() < 1.0, "{row:?} vs {at}");
    assert!(!row.played);

    // A new reader: p resumes there.
    let mut rig = Rig { app: app(), ..rig };
    rig.start_thread();
    rig.keys("\np");
    rig.wait("resumed", |a| {
        a.now_playing()
            .and_then(|n| n.state.time_pos)
            .is_some_and(|t| t >= at - 1.0)
    });
    assert!(rig.pos() < at + 20.0, "{} from {at}", rig.pos());
    // Episode six into the queue; the bar says so.
    rig.keys("ja");
    rig.wait("queued", |a| a.now_playing().is_some_and(|n| n.queued == 1));
    // Near the end of five, the queue starts six.
    let fx = vec![Effect::Player(
        tidings::app::player::PlayerCmd::SeekFraction(0.97),
    )];
    rig.carry(fx);
    rig.wait("the next episode", |a| {
        a.now_playing()
            .is_some_and(|n| n.article == 6 && n.state.time_pos.is_some())
    });
    assert_eq!(rig.app.play_mark(5), Some(Mark::Played));
    assert!(saved(&path, 5, &rig.url(5)).played);
    // Six plays to its end too: nothing left, the bar goes.
    rig.wait("the queue done", |a| !a.player_bar_shown());
    assert_eq!(rig.app.play_mark(6), Some(Mark::Played));
    rig.thread.take().expect("thread").shutdown();
    // What the next reader's list starts from: one query for every remembered episode.
    let marks: Vec<_> = Db::open(&path)
        .unwrap()
        .playback_marks()
        .unwrap()
        .into_iter()
        .map(|(id, p)| (id, Mark::from_row(p.position, p.duration, p.played)))
        .collect();
    assert!(marks.contains(&(5, Some(Mark::Played))), "{marks:?}");
    assert!(marks.contains(&(6, Some(Mark::Played))), "{marks:?}");
}

#[test]
fn a_missing_player_and_a_404_say_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    db_file(&path);
    let server = serve();
    let (tx, rx) = channel();
    let thread = PlayerThread::spawn(
        PlayerOptions {
            command: vec!["/nonexistent/mpv".into()],
            ..PlayerOptions::default()
        },
        path.clone(),
        move |m| {
            let _ = tx.send(m);
        },
    );
    let episode = |url: String| Item {
        episode: Episode {
            article: 5,
            url: url.clone(),
            source: Source::url(&url).unwrap(),
        },
        feed: "Cast".into(),
        title: "Episode five".into(),
    };
    let mut app = app();
    thread.play(episode(server.url("/long.wav")));
    let status = |app: &App| app.now_playing().map(|n| n.state.status.clone());
    let deadline = Instant::now() + WAIT;
    while !matches!(status(&app), Some(Status::Error(_))) && Instant::now() < deadline {
        if let Ok(m) = rx.recv_timeout(Duration::from_millis(100)) {
            app.update(m);
        }
    }
    match status(&app) {
        Some(Status::Error(why)) => assert!(why.contains("is not installed"), "{why}"),
        other => panic!("{other:?}"),
    }
    thread.shutdown();

    let (tx, rx) = channel();
    let thread = PlayerThread::spawn(
        PlayerOptions {
            command: ["mpv", "--no-config", "--ao=null"]
                .map(String::from)
                .to_vec(),
            ..PlayerOptions::default()
        },
        path.clone(),
        move |m| {
            let _ = tx.send(m);
        },
    );
    let mut app = self::app();
    thread.play(episode(server.url("/gone.wav")));
    let deadline = Instant::now() + WAIT;
    while !matches!(status(&app), Some(Status::Error(_))) && Instant::now() < deadline {
        if let Ok(m) = rx.recv_timeout(Duration::from_millis(100)) {
            app.update(m);
        }
    }
    assert!(
        matches!(status(&app), Some(Status::Error(ref why)) if why.contains("cannot play")),
        "{:?}",
        status(&app)
    );
    // Then a good one plays on the same thread.
    thread.play(episode(server.url("/long.wav")));
    let deadline = Instant::now() + WAIT;
    while !app
        .now_playing()
        .is_some_and(|n| n.state.time_pos.is_some() && n.state.status == Status::Playing)
    {
        assert!(Instant::now() < deadline, "{:?}", app.now_playing());
        if let Ok(m) = rx.recv_timeout(Duration::from_millis(100)) {
            app.update(m);
        }
    }
    thread.shutdown();
}

/// Feeds `rx`'s reports to `app` until `done` holds.
fn wait_app(app: &mut App, rx: &Receiver<Msg>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done(app) {
        assert!(
            Instant::now() < deadline,
            "{what}: {:?} / {:?}",
            app.now_playing(),
            app.message()
        );
        if let Ok(m) = rx.recv_timeout(Duration::from_millis(100)) {
            app.update(m);
        }
    }
}

#[test]
fn mpv_killed_while_playing_or_idle_is_said_and_the_next_p_starts_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    db_file(&path);
    let server = serve();
    // mpv behind a shell that writes down its pid and becomes it (exec).
    let pidfile = dir.path().join("mpv.pid");
    let script = format!("echo $$ > {}; exec mpv \"$@\"", pidfile.display());
    let (tx, rx) = channel();
    let thread = PlayerThread::spawn(
        PlayerOptions {
            command: ["sh", "-c", &script, "sh", "--no-config", "--ao=null"]
                .map(String::from)
                .to_vec(),
            ..PlayerOptions::default()
        },
        path.clone(),
        move |m| {
            let _ = tx.send(m);
        },
    );
    let url = server.url("/long.wav");
    let item = || Item {
        episode: Episode {
            article: 5,
            url: url.clone(),
            source: Source::url(&url).unwrap(),
        },
        feed: "Cast".into(),
        title: "Episode five".into(),
    };
    let kill = || {
        let pid = std::fs::read_to_string(&pidfile).unwrap();
        let pid = pid.trim().to_string();
        assert!(
            std::process::Command::new("kill")
                .args(["-9", &pid])
                .status()
                .unwrap()
                .success()
        );
        pid
    };
    let playing = |a: &App| {
        a.now_playing()
            .is_some_and(|n| n.state.status == Status::Playing && n.state.time_pos.is_some())
    };
    let mut app = app();
    thread.play(item());
    wait_app(&mut app, &rx, "playing", playing);
    let first = kill();
    wait_app(&mut app, &rx, "the bar says mpv died", |a| {
        a.now_playing()
            .is_some_and(|n| matches!(&n.state.status, Status::Error(why) if why.contains("mpv")))
    });
    thread.play(item());
    wait_app(&mut app, &rx, "playing again", playing);
    // Stopped, then killed while idle: nothing says so until the next p, which works.
    thread.control(tidings::app::player::PlayerCmd::Stop);
    wait_app(&mut app, &rx, "stopped", |a| !a.player_bar_shown());
    let second = kill();
    assert_ne!(first, second);
    thread.play(item());
    wait_app(&mut app, &rx, "playing after an idle death", playing);
    // config.toml edited meanwhile: the new step applies to the mpv playing.
    thread.control(tidings::app::player::PlayerCmd::TogglePause);
    wait_app(&mut app, &rx, "paused", |a| {
        a.now_playing().is_some_and(|n| n.state.paused)
    });
    let before = app
        .now_playing()
        .and_then(|n| n.state.time_pos)
        .unwrap_or(0.0);
    thread.set_options(PlayerOptions {
        step_forward: 5.0,
        ..PlayerOptions::default()
    });
    thread.control(tidings::app::player::PlayerCmd::StepForward);
    wait_app(&mut app, &rx, "stepped 5 s", |a| {
        a.now_playing()
            .and_then(|n| n.state.time_pos)
            .is_some_and(|t| (t - (before + 5.0)).abs() < 1.0)
    });
    thread.shutdown();
}

/// `L` and `H` step through an episode's chapters (three of 20 s each, given to mpv by a
/// chapters file as a podcast's own chapter marks would be).
#[test]
fn chapters_step_forward_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    db_file(&path);
    let chapters = dir.path().join("chapters.ffmeta");
    let mut text = String::from(";FFMETADATA1\n");
    for (i, name) in ["Intro", "Middle", "End"].iter().enumerate() {
        text.push_str(&format!(
            "[CHAPTER]\nTIMEBASE=1/1000\nSTART={}\nEND={}\ntitle={name}\n",
            i * 20_000,
            (i + 1) * 20_000
        ));
    }
    std::fs::write(&chapters, text).unwrap();
    let (_tx, rx) = channel();
    let mut rig = Rig {
        app: app(),
        thread: None,
        rx,
        server: serve(),
        db: path.clone(),
    };
    rig.start_thread_with(&[format!("--chapters-file={}", chapters.display())]);
    rig.keys("\np");
    rig.wait("playing in the first chapter", |a| {
        a.now_playing().is_some_and(|n| {
            n.state.status == Status::Playing
                && n.state.chapter == Some(0)
                && n.state.time_pos.is_some()
        })
    });
    for (key, chapter, at) in [("L", 1, 20.0), ("L", 2, 40.0), ("H", 1, 20.0)] {
        rig.keys(key);
        rig.wait(&format!("{key}: chapter {chapter}"), |a| {
            a.now_playing().is_some_and(|n| {
                n.state.chapter == Some(chapter)
                    && n.state
                        .time_pos
                        .is_some_and(|t| (at..at + 5.0).contains(&t))
            })
        });
    }
    rig.thread.take().expect("thread").shutdown();
}
