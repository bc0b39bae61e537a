//! A small scriptable HTTP/1.1 server on 127.0.0.1 for tests: real sockets, no mocks.
//!
//! ```ignore
//! mod support;
//! let server = support::TestServer::start(|req| support::Response::ok("hello"));
//! let url = server.url("/feed.xml");
//! ```
//!
//! Every connection serves one request and closes (`Connection: close`). The server records
//! requests and the most requests it was handling at once, and stops when dropped; delays
//! are cut short when it stops, so a hanging response never outlives its test by much.
#![allow(dead_code)] // each test binary uses a different part of it

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// As many bytes as Content-Length says (at most 1 MB).
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before sending anything.
    pub delay: Duration,
    /// Send the body in pieces of this size with this pause between them.
    pub chunks: Option<(usize, Duration)>,
    /// Leave out Content-Length: the body then ends when the connection closes.
    pub no_content_length: bool,
    /// After the body, send this piece again and again with this pause, until the client
    /// goes away or the server stops: a body that never ends.
    pub endless: Option<(Vec<u8>, Duration)>,
    /// Send only this many bytes of the body, then reset the connection (TCP RST).
    pub reset_after: Option<usize>,
}

impl Response {
    pub fn status(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            chunks: None,
            no_content_length: false,
            endless: None,
            reset_after: None,
        }
    }
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Response::status(200).body(body)
    }
    /// A redirect with the given status and Location.
    pub fn redirect(status: u16, location: &str) -> Self {
        Response::status(status).header("Location", location)
    }
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
    pub fn chunked(mut self, size: usize, gap: Duration) -> Self {
        self.chunks = Some((size.max(1), gap));
        self
    }
    pub fn without_content_length(mut self) -> Self {
        self.no_content_length = true;
        self
    }
    /// A body that never ends: `piece` forever, `gap` apart, without Content-Length.
    pub fn endless(mut self, piece: impl Into<Vec<u8>>, gap: Duration) -> Self {
        self.endless = Some((piece.into(), gap));
        self.no_content_length = true;
        self
    }
    /// Announce the whole body, send `n` bytes of it, then reset the connection.
    pub fn reset_after(mut self, n: usize) -> Self {
        self.reset_after = Some(n);
        self
    }
}

type Handler = dyn Fn(&Request) -> Response + Send + Sync + 'static;
type RawHandler = dyn Fn(TcpStream) + Send + Sync + 'static;

struct Shared {
    handler: Box<Handler>,
    /// When set, connections go here untouched instead of being read as HTTP.
    raw: Option<Box<RawHandler>>,
    stop: AtomicBool,
    requests: Mutex<Vec<Request>>,
    active: AtomicUsize,
    max_active: AtomicUsize,
    /// Requests read whose response has not been written to its end.
    open: AtomicUsize,
    max_open: AtomicUsize,
}

pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start<F>(handler: F) -> Self
    where
        F: Fn(&Request) -> Response + Send + Sync + 'static,
    {
        Self::spawn(Box::new(handler), None)
    }

    /// A server that hands each connection to `handler` as it is: for peers that do not
    /// speak HTTP at all (a plain TCP server behind an https:// URL).
    pub fn raw<F>(handler: F) -> Self
    where
        F: Fn(TcpStream) + Send + Sync + 'static,
    {
        Self::spawn(Box::new(|_| Response::status(500)), Some(Box::new(handler)))
    }

    fn spawn(handler: Box<Handler>, raw: Option<Box<RawHandler>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            handler,
            raw,
            stop: AtomicBool::new(false),
            requests: Mutex::new(Vec::new()),
            active: AtomicUsize::new(0),
            max_active: AtomicUsize::new(0),
            open: AtomicUsize::new(0),
            max_open: AtomicUsize::new(0),
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let conn_shared = Arc::clone(&accept_shared);
                std::thread::spawn(move || serve(stream, &conn_shared));
            }
        });
        TestServer {
            addr,
            shared,
            accept_thread: Some(accept_thread),
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `https://127.0.0.1:PORT` followed by `path` (the server itself never speaks TLS).
    pub fn https_url(&self, path: &str) -> String {
        format!("https://{}{}", self.addr, path)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests received so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The most requests that were being handled at the same moment.
    ///
    /// A request counts from when it has been read until its response starts to go out,
    /// a window that lies inside the client's own request, so it never over-counts.
    pub fn max_concurrent(&self) -> usize {
        self.shared.max_active.load(Ordering::SeqCst)
    }

    /// The most requests in progress at the same moment, from when one was read until
    /// its response's last byte was written: long transfers count for as long as they run.
    pub fn max_open(&self) -> usize {
        self.shared.max_open.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the loop sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept_thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    if let Some(raw) = &shared.raw {
        raw(stream);
        return;
    }
    let Some(request) = read_request(&stream) else {
        return;
    };
    shared
        .requests
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request.clone());

    let now_open = shared.open.fetch_add(1, Ordering::SeqCst) + 1;
    shared.max_open.fetch_max(now_open, Ordering::SeqCst);
    let mut open = Open(&shared.open, true);
    let now_active = shared.active.fetch_add(1, Ordering::SeqCst) + 1;
    shared.max_active.fetch_max(now_active, Ordering::SeqCst);
    let response = (shared.handler)(&request);
    let completed = sleep_unless_stopped(response.delay, shared);
    shared.active.fetch_sub(1, Ordering::SeqCst);
    if completed {
        let _ = write_response(stream, &response, shared, &mut open);
    }
}

/// A request counted in `max_open` until `close`, or until dropped.
struct Open<'a>(&'a AtomicUsize, bool);

impl Open<'_> {
    fn close(&mut self) {
        if std::mem::take(&mut self.1) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.close();
    }
}

/// Writes `body`, closing `open` just before its last byte goes out: the client cannot
/// finish (and start another request) before that, so `max_open` never counts a finished
/// request beside the next one.
fn write_last(stream: &mut TcpStream, body: &[u8], open: &mut Open) -> std::io::Result<()> {
    let (head, last) = body.split_at(body.len().saturating_sub(1));
    stream.write_all(head)?;
    stream.flush()?;
    open.close();
    stream.write_all(last)
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            break;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        if headers.len() > 100 {
            return None;
        }
    }
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(1024 * 1024);
    let mut body = vec![0; length];
    std::io::Read::read_exact(&mut reader, &mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

fn write_response(
    mut stream: TcpStream,
    r: &Response,
    shared: &Shared,
    open: &mut Open,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !r.no_content_length {
        head.push_str(&format!("Content-Length: {}\r\n", r.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    if r.body.is_empty() && r.endless.is_none() {
        // The head is the whole response.
        open.close();
    }
    stream.write_all(head.as_bytes())?;
    if let Some(n) = r.reset_after {
        stream.write_all(&r.body[..n.min(r.body.len())])?;
        stream.flush()?;
        // Give the client a moment to read what was sent, then reset instead of closing.
        std::thread::sleep(Duration::from_millis(50));
        socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
        drop(stream);
        return Ok(());
    }
    let ends = r.endless.is_none();
    match r.chunks {
        None if ends => write_last(&mut stream, &r.body, open)?,
        None => stream.write_all(&r.body)?,
        Some((size, gap)) => {
            let n = r.body.chunks(size).count();
            for (i, piece) in r.body.chunks(size).enumerate() {
                if i > 0 && !sleep_unless_stopped(gap, shared) {
                    return Ok(());
                }
                if ends && i + 1 == n {
                    write_last(&mut stream, piece, open)?;
                } else {
                    stream.write_all(piece)?;
                }
                stream.flush()?;
            }
        }
    }
    if let Some((piece, gap)) = &r.endless {
        while sleep_unless_stopped(*gap, shared) {
            stream.write_all(piece)?;
        }
    }
    stream.flush()
}

/// Sleeps in small steps; false if the server was stopped meanwhile.
fn sleep_unless_stopped(total: Duration, shared: &Shared) -> bool {
    let end = Instant::now() + total;
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

// ---- media files, for the podcast download tests ----

/// `n` bytes no compressor or coincidence reproduces.
pub fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// A server's answer to a GET of `data` (with `etag`) as RFC 9110 says: a 206 for a
/// `Range: bytes=N-` whose `If-Range` (if any) matches, a 416 past the end, else a 200.
pub fn ranged(req: &Request, data: &[u8], etag: &str) -> Response {
    let range = req
        .header("Range")
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|n| n.parse::<usize>().ok());
    let fresh = req.header("If-Range").is_none_or(|v| v == etag);
    match range {
        Some(from) if fresh && from >= data.len() => Response::status(416)
            .header("Content-Range", &format!("bytes */{}", data.len()))
            .header("ETag", etag),
        Some(from) if fresh => Response::status(206)
            .header(
                "Content-Range",
                &format!("bytes {from}-{}/{}", data.len() - 1, data.len()),
            )
            .header("ETag", etag)
            .body(data[from..].to_vec()),
        _ => Response::ok(data.to_vec()).header("ETag", etag),
    }
}

/// `seconds` of a quiet 440 Hz tone as a 16-bit mono 8 kHz PCM WAV, for the player tests.
pub fn wav(seconds: u32) -> Vec<u8> {
    const RATE: u32 = 8000;
    let samples = RATE * seconds;
    let data_len = samples * 2;
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for i in 0..samples {
        let t = f64::from(i) / f64::from(RATE);
        let v = ((t * 440.0 * std::f64::consts::TAU).sin() * 2000.0) as i16;
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}
