//! A small client for mpv's JSON IPC over a Unix socket: one JSON object per line, replies
//! matched to requests by integer `request_id`, events delivered on their own channel.
//! Our own rather than a crate: the Rust mpv IPC crates are GPL or thinly documented.

use crate::t;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// mpv's lines are short (a property value at most); a longer one is a misbehaving peer,
/// and holding it whole would let it grow our memory without bound.
pub const LINE_CAP: usize = 1 << 20;

/// How long a command waits for its reply: mpv answers at once, so this only bounds a
/// wedged or dying player.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `end-file`: `reason` is mpv's (`eof`, `stop`, `quit`, `error`, `redirect`), `error`
    /// its `file_error` when loading or playing failed; `entry` the playlist entry that
    /// ended, to tell an old file's end from the current one's.
    EndFile {
        reason: String,
        error: Option<String>,
        entry: Option<i64>,
    },
    FileLoaded,
    /// `property-change` for an observed property; `Value::Null` when it has none (no file).
    Property {
        name: String,
        value: Value,
    },
    /// The socket closed: mpv quit or died.
    Closed,
    /// Any other event, by name.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IpcError {
    #[error("{}", t!("player-socket", why = .0.as_str()))]
    Io(String),
    #[error("{}", t!("player-timeout", seconds = format!("{:.1}", .0.as_secs_f64())))]
    Timeout(Duration),
    #[error("{}", t!("player-gone"))]
    Closed,
    #[error("mpv: {0}")]
    Mpv(String),
}

type Pending = Arc<Mutex<HashMap<u64, Sender<Result<Value, IpcError>>>>>;

pub struct Client {
    writer: Mutex<UnixStream>,
    next_id: AtomicU64,
    pending: Pending,
    // Behind a lock so a client can be shared between threads (a UI and a ticker).
    events: Mutex<Receiver<Event>>,
    reader: Option<JoinHandle<()>>,
    shutdown: UnixStream,
}

impl Client {
    /// Connects to `socket`, retrying until `deadline` passes: mpv creates the socket a
    /// moment after it starts. `alive` is asked between attempts so a player that died at
    /// start fails at once instead of after the whole wait.
    pub fn connect(
        socket: &Path,
        wait: Duration,
        mut alive: impl FnMut() -> bool,
    ) -> Result<Client, IpcError> {
        let deadline = Instant::now() + wait;
        let stream = loop {
            match UnixStream::connect(socket) {
                Ok(s) => break s,
                Err(e) => {
                    if !alive() {
                        return Err(IpcError::Closed);
                    }
                    if Instant::now() >= deadline {
                        return Err(IpcError::Io(t!(
                            "player-cannot-connect",
                            why = e.to_string()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        };
        Client::from_stream(stream)
    }

    pub fn from_stream(stream: UnixStream) -> Result<Client, IpcError> {
        let io = |e: std::io::Error| IpcError::Io(e.to_string());
        stream.set_write_timeout(Some(REPLY_TIMEOUT)).map_err(io)?;
        let read_half = stream.try_clone().map_err(io)?;
        let shutdown = stream.try_clone().map_err(io)?;
        let pending: Pending = Arc::default();
        let (tx, events) = mpsc::channel();
        let reader_pending = Arc::clone(&pending);
        let reader = std::thread::Builder::new()
            .name("mpv-ipc".into())
            .spawn(move || read_loop(read_half, &reader_pending, &tx))
            .map_err(io)?;
        Ok(Client {
            writer: Mutex::new(stream),
            next_id: AtomicU64::new(1),
            pending,
            events: Mutex::new(events),
            reader: Some(reader),
            shutdown,
        })
    }

    /// Sends `command` (mpv's argument array) and waits for its reply's `data`.
    pub fn command(&self, command: Value) -> Result<Value, IpcError> {
        self.command_timeout(command, REPLY_TIMEOUT)
    }

    pub fn command_timeout(&self, command: Value, timeout: Duration) -> Result<Value, IpcError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        self.pending
            .lock()
            .map_err(|_| IpcError::Closed)?
            .insert(id, tx);
        let mut line = json!({ "command": command, "request_id": id }).to_string();
        line.push('\n');
        let sent = match self.writer.lock() {
            Ok(mut w) => w.write_all(line.as_bytes()).map_err(|e| {
                if matches!(e.kind(), ErrorKind::BrokenPipe | ErrorKind::ConnectionReset) {
                    IpcError::Closed
                } else {
                    IpcError::Io(e.to_string())
                }
            }),
            Err(_) => Err(IpcError::Closed),
        };
        let result = sent.and_then(|()| match rx.recv_timeout(timeout) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => Err(IpcError::Timeout(timeout)),
            Err(RecvTimeoutError::Disconnected) => Err(IpcError::Closed),
        });
        if let Ok(mut p) = self.pending.lock() {
            p.remove(&id);
        }
        result
    }

    /// The next event, waiting at most `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<Event> {
        let Ok(events) = self.events.lock() else {
            return Some(Event::Closed);
        };
        match events.recv_timeout(timeout) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Event::Closed),
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.shutdown.shutdown(std::net::Shutdown::Both);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

fn read_loop(mut stream: UnixStream, pending: &Pending, events: &Sender<Event>) {
    let mut splitter = LineSplitter::new(LINE_CAP);
    let mut buf = [0u8; 8192];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for line in splitter.push(&buf[..n]) {
            dispatch(&line, pending, events);
        }
    }
    // Everyone still waiting learns the player is gone rather than waiting out a timeout.
    if let Ok(mut p) = pending.lock() {
        for (_, tx) in p.drain() {
            let _ = tx.send(Err(IpcError::Closed));
        }
    }
    let _ = events.send(Event::Closed);
}

/// Cuts a byte stream into lines, dropping any line longer than `cap` (up to its newline).
pub struct LineSplitter {
    cap: usize,
    buf: Vec<u8>,
    skipping: bool,
}

impl LineSplitter {
    pub fn new(cap: usize) -> Self {
        LineSplitter {
            cap,
            buf: Vec::new(),
            skipping: false,
        }
    }

    pub fn push(&mut self, mut bytes: &[u8]) -> Vec<String> {
        let mut lines = Vec::new();
        while !bytes.is_empty() {
            match memchr::memchr(b'\n', bytes) {
                Some(i) => {
                    if !self.skipping && self.buf.len() + i <= self.cap {
                        self.buf.extend_from_slice(&bytes[..i]);
                        lines.push(String::from_utf8_lossy(&self.buf).into_owned());
                    }
                    self.buf.clear();
                    self.skipping = false;
                    bytes = &bytes[i + 1..];
                }
                None => {
                    if !self.skipping && self.buf.len() + bytes.len() <= self.cap {
                        self.buf.extend_from_slice(bytes);
                    } else {
                        self.buf.clear();
                        self.skipping = true;
                    }
                    bytes = &[];
                }
            }
        }
        lines
    }
}

/// What one line from mpv means.
#[derive(Debug, PartialEq)]
pub enum Message {
    Reply(u64, Result<Value, IpcError>),
    Event(Event),
}

pub fn parse_line(line: &str) -> Option<Message> {
    let v: Value = serde_json::from_str(line).ok()?;
    if let Some(name) = v.get("event").and_then(Value::as_str) {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let event = match name {
            "end-file" => Event::EndFile {
                reason: text("reason").unwrap_or_else(|| "unknown".into()),
                error: text("file_error"),
                entry: v.get("playlist_entry_id").and_then(Value::as_i64),
            },
            "file-loaded" => Event::FileLoaded,
            "property-change" => Event::Property {
                name: text("name")?,
                value: v.get("data").cloned().unwrap_or(Value::Null),
            },
            other => Event::Other(other.to_owned()),
        };
        return Some(Message::Event(event));
    }
    let id = v.get("request_id")?.as_u64()?;
    let error = v.get("error").and_then(Value::as_str).unwrap_or("success");
    let result = if error == "success" {
        Ok(v.get("data").cloned().unwrap_or(Value::Null))
    } else {
        Err(IpcError::Mpv(error.to_owned()))
    };
    Some(Message::Reply(id, result))
}

fn dispatch(line: &str, pending: &Pending, events: &Sender<Event>) {
    match parse_line(line) {
        Some(Message::Reply(id, result)) => {
            let tx = pending.lock().ok().and_then(|mut p| p.remove(&id));
            if let Some(tx) = tx {
                let _ = tx.send(result);
            }
        }
        Some(Message::Event(e)) => {
            let _ = events.send(e);
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn replies_and_events_are_told_apart() {
        assert_eq!(
            parse_line(r#"{"data":1.5,"error":"success","request_id":7}"#),
            Some(Message::Reply(7, Ok(json!(1.5))))
        );
        assert_eq!(
            parse_line(r#"{"error":"property unavailable","request_id":8}"#),
            Some(Message::Reply(
                8,
                Err(IpcError::Mpv("property unavailable".into()))
            ))
        );
        assert_eq!(
            parse_line(
                r#"{"event":"end-file","reason":"error","playlist_entry_id":3,"file_error":"loading failed"}"#
            ),
            Some(Message::Event(Event::EndFile {
                reason: "error".into(),
                error: Some("loading failed".into()),
                entry: Some(3),
            }))
        );
        assert_eq!(
            parse_line(r#"{"event":"property-change","id":1,"name":"pause"}"#),
            Some(Message::Event(Event::Property {
                name: "pause".into(),
                value: Value::Null
            }))
        );
        assert_eq!(parse_line("not json"), None);
        assert_eq!(parse_line(r#"{"request_id":"x"}"#), None);
    }

    #[test]
    fn a_line_over_the_cap_is_dropped_whole() {
        let mut s = LineSplitter::new(8);
        assert_eq!(s.push(b"0123456789ab"), Vec::<String>::new());
        assert_eq!(s.push(b"cd\nok\n"), vec!["ok".to_string()]);
        // Invalid UTF-8 becomes replacement characters instead of losing the line.
        assert_eq!(s.push(b"a\xffb\n"), vec!["a\u{fffd}b".to_string()]);
    }

    /// A peer that answers out of order, with an event and a garbage line in between:
    /// each reply reaches its own request, the event the event channel.
    #[test]
    fn replies_find_their_requests_whatever_the_order() {
        use std::io::{BufRead, BufReader};
        let (ours, theirs) = UnixStream::pair().unwrap();
        let peer = std::thread::spawn(move || {
            let mut reader = BufReader::new(theirs.try_clone().unwrap());
            let mut ids = Vec::new();
            for _ in 0..2 {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let v: Value = serde_json::from_str(&line).unwrap();
                ids.push((v["request_id"].as_u64().unwrap(), v["command"][0].clone()));
            }
            let mut w = theirs;
            for (id, cmd) in ids.iter().rev() {
                writeln!(
                    w,
                    r#"{{"event":"property-change","id":1,"name":"pause","data":true}}"#
                )
                .unwrap();
                w.write_all(b"\xff not json\n").unwrap();
                writeln!(w, r#"{{"request_id":{id},"error":"success","data":{cmd}}}"#).unwrap();
            }
            // Keep the socket open until the client is done with it.
            let mut rest = String::new();
            let _ = reader.read_line(&mut rest);
        });
        let client = std::sync::Arc::new(Client::from_stream(ours).unwrap());
        let c2 = std::sync::Arc::clone(&client);
        let first = std::thread::spawn(move || c2.command(json!(["first"])));
        let second = client.command(json!(["second"]));
        assert_eq!(first.join().unwrap(), Ok(json!("first")));
        assert_eq!(second, Ok(json!("second")));
        assert_eq!(
            client.next_event(Duration::from_secs(5)),
            Some(Event::Property {
                name: "pause".into(),
                value: json!(true)
            })
        );
        drop(client);
        peer.join().unwrap();
    }

    /// A peer that never answers costs the timeout, and one that hangs up fails the waiting
    /// request at once and says so on the event channel.
    #[test]
    fn silence_times_out_and_a_hang_up_is_closed() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let client = Client::from_stream(ours).unwrap();
        assert_eq!(
            client.command_timeout(json!(["x"]), Duration::from_millis(50)),
            Err(IpcError::Timeout(Duration::from_millis(50)))
        );
        drop(theirs);
        assert_eq!(
            client.next_event(Duration::from_secs(30)),
            Some(Event::Closed)
        );
        assert!(matches!(
            client.command(json!(["x"])),
            Err(IpcError::Closed | IpcError::Io(_))
        ));
    }

    proptest! {
        /// However the bytes arrive in pieces, the lines are those of splitting the whole.
        #[test]
        fn chunking_does_not_change_the_lines(
            lines in proptest::collection::vec("[a-z\u{e9}]{0,12}", 0..8),
            cuts in proptest::collection::vec(0usize..64, 0..6),
        ) {
            let cap = 10;
            let mut whole = Vec::new();
            for l in &lines {
                whole.extend_from_slice(l.as_bytes());
                whole.push(b'\n');
            }
            let expected: Vec<String> =
                lines.iter().filter(|l| l.len() <= cap).cloned().collect();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(whole.len())).collect();
            cuts.sort_unstable();
            let mut s = LineSplitter::new(cap);
            let mut got = Vec::new();
            let mut at = 0;
            for c in cuts.into_iter().chain([whole.len()]) {
                got.extend(s.push(&whole[at..c]));
                at = c;
            }
            prop_assert_eq!(got, expected);
        }
    }
}
