//! Playing podcast episodes through mpv, driven over its JSON IPC (`ipc`). mpv runs as a
//! child process (`--idle --no-video --no-terminal`), spawned from an argv and never a
//! shell, and talks over one end of a socket pair that is its stdin
//! (`--input-ipc-client=fd://0`): no socket path exists, and mpv quits when tidings goes. The player's state is what mpv's
//! observed properties last said, updated by [`Player::pump`].

pub mod episode;
pub mod ipc;
pub mod progress;

use crate::t;
use ipc::{Client, Event, IpcError};
use serde_json::{Value, json};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Properties observed for the state, in the order of their observe ids.
const OBSERVED: [&str; 7] = [
    "time-pos", "duration", "pause", "speed", "volume", "mute", "chapter",
];

/// How many times (a second apart) a resume is retried on a stream mpv cannot seek yet.
const START_SEEK_TRIES: u32 = 30;

pub const MIN_SPEED: f64 = 0.5;
pub const MAX_SPEED: f64 = 3.0;

/// How the player is started and stepped.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayerOptions {
    /// `player = ["mpv", ...]`: the program and extra arguments; ours follow.
    pub command: Vec<String>,
    pub step_back: f64,
    pub step_forward: f64,
    /// How long to wait for mpv's socket to appear.
    pub start_timeout: Duration,
}

impl PlayerOptions {
    pub fn from_config(g: &crate::config::General) -> Self {
        let defaults = PlayerOptions::default();
        PlayerOptions {
            command: if g.player.is_empty() {
                defaults.command
            } else {
                g.player.clone()
            },
            step_back: f64::from(g.step_back_secs.max(1)),
            step_forward: f64::from(g.step_forward_secs.max(1)),
            ..defaults
        }
    }
}

impl Default for PlayerOptions {
    fn default() -> Self {
        PlayerOptions {
            command: vec!["mpv".into()],
            step_back: 10.0,
            step_forward: 30.0,
            start_timeout: Duration::from_secs(10),
        }
    }
}

/// What the player is doing, as far as mpv has told us.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    /// A file is loading or playing (paused or not: see [`PlayerState::paused`]).
    Playing,
    /// The last file played to its end.
    Ended,
    /// mpv died, a stream broke, a file was missing: what happened, in words.
    Error(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlayerState {
    pub status: Status,
    pub time_pos: Option<f64>,
    pub duration: Option<f64>,
    pub paused: bool,
    pub speed: f64,
    pub volume: f64,
    pub mute: bool,
    pub chapter: Option<i64>,
    /// A stream without a length (a radio station): `duration` stays None, as mpv's own
    /// figure for one is only how much it has buffered.
    pub live: bool,
}

impl Default for PlayerState {
    fn default() -> Self {
        PlayerState {
            status: Status::Idle,
            time_pos: None,
            duration: None,
            paused: false,
            speed: 1.0,
            volume: 100.0,
            mute: false,
            chapter: None,
            live: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlayerError {
    #[error("{}", t!("open-cannot-start", program = .program.as_str(), why = .reason.as_str()))]
    Spawn { program: String, reason: String },
    #[error("{}", t!("player-no-command"))]
    NoCommand,
    #[error("{}", t!("player-refused", why = .0.as_str()))]
    Refused(String),
    #[error(transparent)]
    Ipc(#[from] IpcError),
}

/// What to play: only a local file (one we downloaded) or an http(s) URL. Anything else
/// from a feed (`file:`, mpv's own `av://`, `lavfi://`, a relative path mpv would read as
/// an option-like string) is refused before it reaches mpv.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Url(String),
}

impl Source {
    pub fn url(text: &str) -> Result<Source, PlayerError> {
        let parsed = url::Url::parse(text).map_err(|e| PlayerError::Refused(e.to_string()))?;
        match parsed.scheme() {
            "http" | "https" => Ok(Source::Url(parsed.to_string())),
            other => Err(PlayerError::Refused(t!("player-not-http", scheme = other))),
        }
    }

    /// A file must exist; it is passed absolute so mpv never reads it as a protocol.
    pub fn file(path: &Path) -> Result<Source, PlayerError> {
        let abs = std::path::absolute(path).map_err(|e| PlayerError::Refused(e.to_string()))?;
        if !abs.is_file() {
            return Err(PlayerError::Refused(t!(
                "player-no-such-file",
                path = abs.display().to_string()
            )));
        }
        let text = abs
            .to_str()
            .ok_or_else(|| PlayerError::Refused(format!("{}: not a UTF-8 path", abs.display())))?;
        Ok(Source::File(PathBuf::from(text)))
    }

    fn as_arg(&self) -> String {
        match self {
            Source::File(p) => p.to_string_lossy().into_owned(),
            Source::Url(u) => u.clone(),
        }
    }
}

pub struct Player {
    // Field order: the client closes its end before the child is killed.
    client: Client,
    child: Child,
    state: PlayerState,
    options: PlayerOptions,
    /// mpv's playlist entry of the file loaded last.
    entry: Option<i64>,
    /// Where the file loaded last was asked to start, until a position shows it did. A
    /// stream from a server without Range requests (python's http.server) starts at 0
    /// whatever `start` says, yet seeks fine once mpv has cached it.
    pending_start: Option<f64>,
    /// Seeks made towards `pending_start`, and when the last one went: mpv can only seek
    /// such a stream within what it has cached, so the seek is repeated while it fills.
    start_seeks: (u32, Option<Instant>),
    /// The file loaded last is an http(s) stream whose length is not asked yet: once it
    /// plays, mpv is asked for its size (none: a live stream).
    size_unknown: bool,
}

impl Player {
    pub fn start(options: PlayerOptions) -> Result<Player, PlayerError> {
        let (program, extra) = options
            .command
            .split_first()
            .ok_or(PlayerError::NoCommand)?;
        let spawn_err = |e: std::io::Error| PlayerError::Spawn {
            program: program.clone(),
            reason: e.to_string(),
        };
        // mpv talks to us over one end of a socket pair, given as its stdin
        // (`--input-ipc-client`), instead of a socket at a path: nothing else can connect
        // to it, and mpv quits when that connection closes, so it goes with tidings even
        // when tidings is killed with SIGKILL (a socket at a path left it playing).
        let (ours, theirs) = UnixStream::pair().map_err(spawn_err)?;
        // Its own process group: a Ctrl-C at the terminal reaches tidings alone, which saves
        // the position and then quits mpv, instead of mpv vanishing first.
        let mut child = Command::new(program)
            .process_group(0)
            .args(extra)
            .args([
                "--idle",
                "--no-video",
                "--no-terminal",
                "--input-ipc-client=fd://0",
            ])
            .stdin(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_err)?;
        let exited_at_start = |child: &mut Child, e: IpcError| {
            let _ = child.kill();
            let _ = child.wait();
            match e {
                IpcError::Closed => PlayerError::Spawn {
                    program: program.clone(),
                    reason: t!("player-exited-at-start"),
                },
                e => e.into(),
            }
        };
        let client = match Client::from_stream(ours) {
            Ok(c) => c,
            Err(e) => return Err(exited_at_start(&mut child, e)),
        };
        // The first answer also says mpv is up: its wait is the start-up's.
        if let Err(e) = client.command_timeout(json!(["client_name"]), options.start_timeout) {
            return Err(exited_at_start(&mut child, e));
        }
        let player = Player {
            client,
            child,
            state: PlayerState::default(),
            options,
            entry: None,
            pending_start: None,
            start_seeks: (0, None),
            size_unknown: false,
        };
        for (id, name) in OBSERVED.iter().enumerate() {
            player
                .client
                .command(json!(["observe_property", id + 1, name]))?;
        }
        Ok(player)
    }

    pub fn state(&self) -> &PlayerState {
        &self.state
    }

    /// mpv's playlist entry of the file loaded last (None before mpv 0.33 said).
    pub fn entry(&self) -> Option<i64> {
        self.entry
    }

    /// Starts `source` at `start` seconds (0 for the beginning).
    pub fn load(&mut self, source: &Source, start: f64) -> Result<(), PlayerError> {
        // `start` is a global option in mpv: set before every load so a resume position
        // never leaks into the next episode.
        let start = if start.is_finite() && start > 0.0 {
            format!("{start:.3}")
        } else {
            "none".into()
        };
        self.run(json!(["set_property", "start", start]))?;
        let reply = self.run_value(json!(["loadfile", source.as_arg(), "replace"]))?;
        self.entry = reply.get("playlist_entry_id").and_then(Value::as_i64);
        self.pending_start = start.parse::<f64>().ok().filter(|s| *s >= 1.0);
        self.start_seeks = (0, None);
        self.state.status = Status::Playing;
        self.state.time_pos = None;
        self.state.duration = None;
        self.state.live = false;
        self.size_unknown = matches!(source, Source::Url(_));
        Ok(())
    }

    pub fn set_paused(&mut self, paused: bool) -> Result<(), PlayerError> {
        self.run(json!(["set_property", "pause", paused]))
    }

    pub fn toggle_pause(&mut self) -> Result<(), PlayerError> {
        self.run(json!(["cycle", "pause"]))
    }

    pub fn seek_relative(&mut self, seconds: f64) -> Result<(), PlayerError> {
        self.run(json!(["seek", seconds, "relative"]))
    }

    pub fn step_back(&mut self) -> Result<(), PlayerError> {
        self.seek_relative(-self.options.step_back)
    }

    pub fn step_forward(&mut self) -> Result<(), PlayerError> {
        self.seek_relative(self.options.step_forward)
    }

    /// The previous (-1) or next (+1) chapter.
    pub fn chapter_step(&mut self, by: i64) -> Result<(), PlayerError> {
        self.run(json!(["add", "chapter", by]))
    }

    /// Seeks to a fraction (0–1) of the episode.
    pub fn seek_percent(&mut self, fraction: f64) -> Result<(), PlayerError> {
        let percent = if fraction.is_finite() {
            (fraction * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        };
        self.run(json!(["seek", percent, "absolute-percent"]))
    }

    pub fn seek_absolute(&mut self, seconds: f64) -> Result<(), PlayerError> {
        self.run(json!(["seek", seconds.max(0.0), "absolute"]))
    }

    /// Sets the speed, clamped to 0.5–3.0; returns what was set.
    pub fn set_speed(&mut self, speed: f64) -> Result<f64, PlayerError> {
        let speed = clamp_speed(speed);
        self.run(json!(["set_property", "speed", speed]))?;
        Ok(speed)
    }

    /// Sets the volume, clamped to 0–100; returns what was set.
    pub fn set_volume(&mut self, volume: f64) -> Result<f64, PlayerError> {
        let volume = if volume.is_finite() {
            volume.clamp(0.0, 100.0)
        } else {
            100.0
        };
        self.run(json!(["set_property", "volume", volume]))?;
        Ok(volume)
    }

    /// Mutes or unmutes, by mpv's own toggle: two presses quicker than its report still
    /// end where they began.
    pub fn toggle_mute(&mut self) -> Result<(), PlayerError> {
        self.run(json!(["cycle", "mute"]))
    }

    pub fn set_mute(&mut self, mute: bool) -> Result<(), PlayerError> {
        self.run(json!(["set_property", "mute", mute]))
    }

    /// Stops playback; mpv stays, idle, for the next load.
    pub fn stop(&mut self) -> Result<(), PlayerError> {
        self.run(json!(["stop"]))?;
        self.state.status = Status::Idle;
        Ok(())
    }

    /// Asks mpv to quit and waits (bounded) for it; killed if it does not go.
    pub fn quit(mut self) {
        let _ = self
            .client
            .command_timeout(json!(["quit"]), Duration::from_secs(2));
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Drop kills it.
    }

    /// New step sizes (config.toml edited while playing).
    pub fn set_steps(&mut self, back: f64, forward: f64) {
        self.options.step_back = back;
        self.options.step_forward = forward;
    }

    /// Whether mpv still runs (it may have died while idle, with nothing to report it).
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// mpv's process id, for tests that kill it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn run(&mut self, command: Value) -> Result<(), PlayerError> {
        self.run_value(command).map(|_| ())
    }

    fn run_value(&mut self, command: Value) -> Result<Value, PlayerError> {
        match self.client.command(command) {
            Ok(v) => Ok(v),
            Err(e) => {
                if matches!(e, IpcError::Closed | IpcError::Timeout(_)) {
                    self.died();
                }
                Err(e.into())
            }
        }
    }

    fn died(&mut self) {
        let how = match self.child.try_wait() {
            Ok(Some(status)) => t!("player-exited", status = status.to_string()),
            _ => t!("player-stopped-answering"),
        };
        self.state.status = Status::Error(how);
    }

    /// Applies the events that arrived, waiting up to `timeout` for the first. Returns the
    /// events, so a caller can act on an end of file.
    pub fn pump(&mut self, timeout: Duration) -> Vec<Event> {
        let mut events = Vec::new();
        let mut wait = timeout;
        while let Some(event) = self.client.next_event(wait) {
            wait = Duration::ZERO;
            let closed = event == Event::Closed;
            self.apply(&event);
            events.push(event);
            if closed {
                break;
            }
        }
        self.check_live();
        self.check_start();
        events
    }

    /// Once a stream plays, whether it has a length: a radio station has none (no
    /// Content-Length), and its "duration" is then only what mpv has buffered, which
    /// would read as a short episode almost done.
    fn check_live(&mut self) {
        if !self.size_unknown || self.state.time_pos.is_none() {
            return;
        }
        self.size_unknown = false;
        match self.client.command(json!(["get_property", "file-size"])) {
            Ok(size) if size.as_u64().is_some() => {}
            Err(IpcError::Mpv(_)) | Ok(_) => {
                self.state.live = true;
                self.state.duration = None;
                // Nothing to resume in a live stream.
                self.pending_start = None;
            }
            Err(_) => {}
        }
    }

    /// The first position of a resumed file: if mpv did not start there, seek there.
    fn check_start(&mut self) {
        let (Some(start), Some(pos)) = (self.pending_start, self.state.time_pos) else {
            return;
        };
        if self.state.status != Status::Playing || pos + 1.0 >= start {
            self.pending_start = None;
            return;
        }
        let (tries, last) = self.start_seeks;
        if tries >= START_SEEK_TRIES {
            self.pending_start = None;
            return;
        }
        if last.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
            self.start_seeks = (tries + 1, Some(Instant::now()));
            let _ = self.seek_absolute(start);
        }
    }

    fn apply(&mut self, event: &Event) {
        match event {
            Event::Property { name, value } => {
                let s = &mut self.state;
                match name.as_str() {
                    "time-pos" => s.time_pos = value.as_f64(),
                    "duration" if !s.live => s.duration = value.as_f64().or(s.duration),
                    "pause" => s.paused = value.as_bool().unwrap_or(s.paused),
                    "speed" => s.speed = value.as_f64().unwrap_or(s.speed),
                    "volume" => s.volume = value.as_f64().unwrap_or(s.volume),
                    "mute" => s.mute = value.as_bool().unwrap_or(s.mute),
                    "chapter" => s.chapter = value.as_i64(),
                    _ => {}
                }
            }
            Event::EndFile {
                reason,
                error,
                entry,
            } => {
                // The end of a file replaced by a later load says nothing about the current one.
                if let (Some(ended), Some(current)) = (entry, self.entry)
                    && *ended != current
                {
                    return;
                }
                self.state.status = match reason.as_str() {
                    "eof" => Status::Ended,
                    "error" => Status::Error(match error {
                        Some(e) => t!("player-cannot-play-why", why = e.as_str()),
                        None => t!("player-cannot-play"),
                    }),
                    // A stop of ours, or a replace by the next load: the load set Playing.
                    _ => match &self.state.status {
                        Status::Playing => Status::Idle,
                        other => other.clone(),
                    },
                };
            }
            Event::Closed => {
                if !matches!(self.state.status, Status::Error(_)) {
                    self.died();
                }
            }
            Event::FileLoaded | Event::Other(_) => {}
        }
    }

    /// Pumps until `done` holds for the state or `timeout` passes; true if it held.
    pub fn wait_for(
        &mut self,
        timeout: Duration,
        mut done: impl FnMut(&PlayerState) -> bool,
    ) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.state) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            let events = self.pump((deadline - now).min(Duration::from_millis(200)));
            if events.contains(&Event::Closed) && !done(&self.state) {
                return false;
            }
        }
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn clamp_speed(speed: f64) -> f64 {
    if speed.is_finite() {
        speed.clamp(MIN_SPEED, MAX_SPEED)
    } else {
        1.0
    }
}

/// `12:03` or `1:02:03`, for a position in seconds.
pub fn clock(seconds: f64) -> String {
    let s = if seconds.is_finite() && seconds > 0.0 {
        seconds as u64
    } else {
        0
    };
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_and_existing_files_play() {
        assert!(Source::url("https://example.test/a.mp3").is_ok());
        for bad in [
            "file:///etc/passwd",
            "av://lavfi:sine",
            "--script=x",
            "ftp://h/x",
        ] {
            assert!(Source::url(bad).is_err(), "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(Source::file(&dir.path().join("missing.mp3")).is_err());
        let f = dir.path().join("a.mp3");
        std::fs::write(&f, b"x").unwrap();
        assert_eq!(Source::file(&f).unwrap(), Source::File(f));
    }

    #[test]
    fn speed_is_clamped_and_clock_reads() {
        assert_eq!(clamp_speed(5.0), 3.0);
        assert_eq!(clamp_speed(0.1), 0.5);
        assert_eq!(clamp_speed(f64::NAN), 1.0);
        assert_eq!(clock(723.9), "12:03");
        assert_eq!(clock(3723.0), "1:02:03");
        assert_eq!(clock(-1.0), "0:00");
    }

    #[test]
    fn the_config_sets_the_program_and_steps() {
        let mut g = crate::config::General::default();
        assert_eq!(PlayerOptions::from_config(&g), PlayerOptions::default());
        g.player = vec!["/opt/mpv".into(), "--volume=50".into()];
        g.step_back_secs = 5;
        g.step_forward_secs = 45;
        let o = PlayerOptions::from_config(&g);
        assert_eq!(o.command, ["/opt/mpv", "--volume=50"]);
        assert_eq!((o.step_back, o.step_forward), (5.0, 45.0));
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_hang() {
        let err = Player::start(PlayerOptions {
            command: vec!["/nonexistent/mpv".into()],
            ..PlayerOptions::default()
        });
        assert!(matches!(err, Err(PlayerError::Spawn { .. })));
    }
}
