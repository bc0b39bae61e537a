//! The reader's player thread: owns mpv (through `player::progress::Session`, which saves
//! the position every few seconds, on stop and on quit) and its own database connection,
//! takes commands from the runner and reports what mpv says as `Msg::Player`. The event
//! loop never waits for mpv: a command is a channel send.
//!
//! mpv is started on the first play, not with the reader, and started again after it died.

use crate::app::Msg;
use crate::app::player::{NowPlaying, PlayerCmd, PlayerMsg, stepped_speed};
use crate::db::Db;
use crate::model::ArticleId;
use crate::player::ipc::IpcError;
use crate::player::progress::{Episode, Session, SessionError};
use crate::player::{Player, PlayerError, PlayerOptions, PlayerState, Status};
use crate::t;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

/// One episode to play, with what the bar shows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub episode: Episode,
    pub feed: String,
    pub title: String,
}

enum Cmd {
    Play(Box<Item>),
    Enqueue(Box<Item>),
    Control(PlayerCmd),
    /// config.toml changed: the steps apply at once, the command from the next mpv on.
    Options(PlayerOptions),
    /// Save, quit mpv, end the thread.
    Shutdown,
}

/// How long a tick waits for mpv's events while something plays: also how soon a key
/// reaches mpv.
const TICK: Duration = Duration::from_millis(50);

/// What to say when the player program cannot be found.
pub fn not_installed(program: &str) -> String {
    if program == "mpv" {
        t!("player-mpv-missing")
    } else {
        t!("player-missing", program = program)
    }
}

/// Whether `program` can be run: a path that is a file, or a name found on `PATH`.
pub fn program_exists(program: &str) -> bool {
    if program.contains('/') {
        return std::path::Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

pub struct PlayerThread {
    tx: Sender<Cmd>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl PlayerThread {
    /// Starts the thread (not mpv); `report` receives every `Msg` it has to say.
    pub fn spawn(
        options: PlayerOptions,
        db_path: PathBuf,
        report: impl Fn(Msg) + Send + 'static,
    ) -> PlayerThread {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("player".into())
            .spawn(move || {
                Worker {
                    options,
                    db_path,
                    report: Box::new(report),
                    db: None,
                    session: None,
                    current: None,
                    queue: VecDeque::new(),
                    sent: None,
                    wanted: (None, None),
                }
                .run(&rx)
            })
            .ok();
        PlayerThread { tx, thread }
    }

    pub fn play(&self, item: Item) {
        let _ = self.tx.send(Cmd::Play(Box::new(item)));
    }

    pub fn enqueue(&self, item: Item) {
        let _ = self.tx.send(Cmd::Enqueue(Box::new(item)));
    }

    pub fn control(&self, cmd: PlayerCmd) {
        let _ = self.tx.send(Cmd::Control(cmd));
    }

    pub fn set_options(&self, options: PlayerOptions) {
        let _ = self.tx.send(Cmd::Options(options));
    }

    /// Saves the position and quits mpv; returns once that is done (bounded by
    /// `Player::quit`'s own waits).
    pub fn shutdown(mut self) {
        let _ = self.tx.send(Cmd::Shutdown);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for PlayerThread {
    fn drop(&mut self) {
        let _ = self.tx.send(Cmd::Shutdown);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Worker {
    options: PlayerOptions,
    db_path: PathBuf,
    report: Box<dyn Fn(Msg) + Send>,
    db: Option<Db>,
    session: Option<Session>,
    /// What plays (or failed to), for the reports.
    current: Option<Item>,
    queue: VecDeque<Item>,
    /// The last state reported, so a report goes out only when something shown changed.
    sent: Option<Shown>,
    /// The speed and volume last set: keys pressed faster than mpv reports step from
    /// here, not from a value mpv has not yet updated (`99` is 90, not 95 twice).
    wanted: (Option<f64>, Option<f64>),
}

/// What the bar shows, to the second.
#[derive(PartialEq)]
struct Shown {
    article: Option<ArticleId>,
    status: Status,
    pos: i64,
    duration: Option<i64>,
    paused: bool,
    speed: i64,
    volume: i64,
    mute: bool,
    queued: usize,
}

impl Worker {
    fn run(mut self, rx: &Receiver<Cmd>) {
        loop {
            let cmd = if self.playing() {
                match rx.try_recv() {
                    Ok(c) => Some(c),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => Some(Cmd::Shutdown),
                }
            } else {
                // Idle: nothing to watch, so wait for the next command (now and then
                // looking whether mpv died, which the next play needs to know).
                match rx.recv_timeout(Duration::from_secs(1)) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => Some(Cmd::Shutdown),
                }
            };
            match cmd {
                Some(Cmd::Shutdown) => {
                    if let (Some(session), Some(db)) = (self.session.take(), self.db.as_mut())
                        && let Err(e) = session.quit(db)
                    {
                        tracing::warn!("player: the position was not saved: {e}");
                    }
                    return;
                }
                Some(Cmd::Play(item)) => self.play(*item),
                Some(Cmd::Enqueue(item)) => {
                    let article = item.episode.article;
                    if self.queue.iter().any(|q| q.episode.article == article) {
                        (self.report)(Msg::Done(Ok(t!("player-already-queued"))));
                    } else if self.current.is_none() {
                        self.play(*item);
                    } else {
                        let title = item.title.clone();
                        self.queue.push_back(*item);
                        (self.report)(Msg::Done(Ok(format!(
                            "Queued: {} ({} waiting)",
                            crate::sanitize::line(&title),
                            self.queue.len()
                        ))));
                    }
                }
                Some(Cmd::Control(c)) => self.control(c),
                Some(Cmd::Options(o)) => {
                    if let Some(s) = self.session.as_mut() {
                        s.player().set_steps(o.step_back, o.step_forward);
                    }
                    self.options = o;
                }
                None => {}
            }
            if self.playing() {
                self.tick();
            }
            self.send_state();
        }
    }

    /// An episode is loaded and mpv is watched.
    fn playing(&self) -> bool {
        // After an error nothing more comes from mpv for this episode (and a dead mpv
        // would answer every wait at once).
        self.current.is_some()
            && self.session.as_ref().is_some_and(|s| {
                s.episode().is_some() && !matches!(s.player_state().status, Status::Error(_))
            })
    }

    fn state(&self) -> PlayerState {
        self.session
            .as_ref()
            .map(|s| s.player_state().clone())
            .unwrap_or_default()
    }

    fn fail(&mut self, item: Item, why: String) {
        self.current = Some(item);
        self.sent = None;
        let state = PlayerState {
            status: Status::Error(why),
            ..PlayerState::default()
        };
        self.report_now(Some(state));
    }

    fn play(&mut self, item: Item) {
        if self.db.is_none() {
            match Db::open(&self.db_path) {
                Ok(db) => self.db = Some(db),
                Err(e) => {
                    return self.fail(item, t!("player-positions-failed", why = e.to_string()));
                }
            }
        }
        // Twice at most: an mpv that died while idle (nothing was watching it) shows only
        // when the load fails; a new one gets the episode then.
        for attempt in 0..2 {
            let Some(db) = self.db.as_mut() else { return };
            // A player that died is replaced; its last position was saved as it went.
            if self.session.as_mut().is_some_and(|s| {
                attempt > 0
                    || matches!(s.player_state().status, Status::Error(_))
                    || !s.player().alive()
            }) && let Some(old) = self.session.take()
            {
                let _ = old.quit(db);
            }
            if self.session.is_none() {
                let program = self.options.command.first().cloned().unwrap_or_default();
                if !program.is_empty() && !program_exists(&program) {
                    return self.fail(item, not_installed(&program));
                }
                match Player::start(self.options.clone()) {
                    Ok(p) => {
                        self.session = Some(Session::new(p));
                        self.wanted = (None, None);
                    }
                    Err(PlayerError::Spawn { program, reason })
                        // i18n: the OS's words, matched
                        if reason.contains("No such file") =>
                    {
                        return self.fail(item, not_installed(&program));
                    }
                    Err(e) => return self.fail(item, e.to_string()),
                }
            }
            let Some(session) = self.session.as_mut() else {
                return;
            };
            match session.play(db, item.episode.clone()) {
                Ok(_) => {
                    self.current = Some(item);
                    self.sent = None;
                    return;
                }
                Err(SessionError::Player(PlayerError::Ipc(
                    IpcError::Closed | IpcError::Io(_) | IpcError::Timeout(_),
                ))) if attempt == 0 => continue,
                Err(e) => return self.fail(item, e.to_string()),
            }
        }
    }

    fn control(&mut self, cmd: PlayerCmd) {
        if cmd == PlayerCmd::Stop {
            self.queue.clear();
            self.current = None;
            if let (Some(s), Some(db)) = (self.session.as_mut(), self.db.as_mut())
                && s.episode().is_some()
                && let Err(e) = s.stop(db)
            {
                (self.report)(Msg::Done(Err(format!("stop: {e}"))));
            }
            self.sent = None;
            (self.report)(Msg::Player(PlayerMsg::Now(None)));
            return;
        }
        let Some(session) = self.session.as_mut().filter(|_| self.current.is_some()) else {
            return;
        };
        let state = session.player_state().clone();
        let p = session.player();
        let done = match cmd {
            PlayerCmd::TogglePause => p.toggle_pause(),
            PlayerCmd::StepBack => p.step_back(),
            PlayerCmd::StepForward => p.step_forward(),
            PlayerCmd::Chapter(by) => p.chapter_step(by).map_err(|e| match e {
                PlayerError::Ipc(crate::player::ipc::IpcError::Mpv(_)) => {
                    PlayerError::Refused(t!("player-no-chapters"))
                }
                e => e,
            }),
            PlayerCmd::SpeedBy(by) => {
                let from = self.wanted.0.unwrap_or(state.speed);
                p.set_speed(stepped_speed(from, by))
                    .map(|v| self.wanted.0 = Some(v))
            }
            PlayerCmd::VolumeBy(by) => {
                let from = self.wanted.1.unwrap_or(state.volume);
                p.set_volume(from + by).map(|v| self.wanted.1 = Some(v))
            }
            PlayerCmd::ToggleMute => p.toggle_mute(),
            PlayerCmd::SeekFraction(f) => p.seek_percent(f),
            PlayerCmd::Stop => Ok(()),
        };
        if let Err(e) = done {
            let text = match e {
                PlayerError::Refused(why) => why,
                e => e.to_string(),
            };
            (self.report)(Msg::Done(Err(text)));
        }
    }

    fn tick(&mut self) {
        let (Some(session), Some(db)) = (self.session.as_mut(), self.db.as_mut()) else {
            return;
        };
        if let Err(e) = session.tick(db, TICK) {
            (self.report)(Msg::Done(Err(format!("player: {e}"))));
        }
        if session.episode().is_none() && self.current.is_some() {
            // Played to the end (the session marked it played): say so, then the next.
            self.sent = None;
            let mut ended = session.player_state().clone();
            ended.status = Status::Ended;
            self.report_now(Some(ended));
            self.current = None;
            if let Some(next) = self.queue.pop_front() {
                self.play(next);
            } else {
                (self.report)(Msg::Player(PlayerMsg::Now(None)));
            }
        }
    }

    fn send_state(&mut self) {
        if self.current.is_none() {
            return;
        }
        let state = self.state();
        let shown = Shown {
            article: self.current.as_ref().map(|c| c.episode.article),
            status: state.status.clone(),
            pos: state.time_pos.unwrap_or(0.0) as i64,
            duration: state.duration.map(|d| d as i64),
            paused: state.paused,
            speed: (state.speed * 100.0).round() as i64,
            volume: state.volume.round() as i64,
            mute: state.mute,
            queued: self.queue.len(),
        };
        if self.sent.as_ref() == Some(&shown) {
            return;
        }
        // An error state made by `fail` has no session behind it: keep it as sent.
        if matches!(
            self.sent.as_ref().map(|s| &s.status),
            Some(Status::Error(_))
        ) && !self.playing()
        {
            return;
        }
        self.sent = Some(shown);
        self.report_now(Some(state));
    }

    fn report_now(&mut self, state: Option<PlayerState>) {
        let now = match (state, &self.current) {
            (Some(state), Some(item)) => Some(Box::new(NowPlaying {
                article: item.episode.article,
                url: item.episode.url.clone(),
                feed: item.feed.clone(),
                title: item.title.clone(),
                state,
                queued: self.queue.len(),
            })),
            _ => None,
        };
        if let Some(n) = &now
            && matches!(n.state.status, Status::Error(_))
        {
            self.sent = Some(Shown {
                article: Some(n.article),
                status: n.state.status.clone(),
                pos: 0,
                duration: None,
                paused: false,
                speed: 100,
                volume: 100,
                mute: false,
                queued: n.queued,
            });
        }
        (self.report)(Msg::Player(PlayerMsg::Now(now)));
    }
}
