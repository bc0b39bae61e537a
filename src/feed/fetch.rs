//! One HTTP(S) or file:// fetch with validators, timeouts, a body cap and manual redirects.
//!
//! Redirects are followed here rather than by reqwest so that we know whether every hop was
//! permanent (then the feed's stored URL moves) and can refuse hops to other schemes.

use super::hints::{self, ServerHints};
use crate::model::Validators;
use crate::sanitize;
use crate::t;
use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{
    AGE, CACHE_CONTROL, CONTENT_TYPE, DATE, ETAG, EXPIRES, HeaderMap, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, LAST_MODIFIED, LOCATION, RETRY_AFTER,
};
use std::error::Error as _;
use std::io::Read;
use std::time::Duration;
use url::Url;

/// Longest error message we produce, in characters.
const MAX_ERROR_CHARS: usize = 200;
/// Validators longer than this are not worth storing or sending back.
const MAX_VALIDATOR_LEN: usize = 1024;

#[derive(Clone, Debug)]
pub struct FetchLimits {
    pub connect_timeout: Duration,
    /// Whole request, headers to last byte.
    pub timeout: Duration,
    /// Largest body accepted after decompression.
    pub max_body: usize,
    pub max_redirects: u8,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: 16 * 1024 * 1024,
            max_redirects: 8,
        }
    }
}

#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Document {
        bytes: Vec<u8>,
        content_type: Option<String>,
        validators: Validators,
        /// Set when every redirect on the way was permanent (301/308): the new URL to store.
        moved_to: Option<String>,
        /// The URL the document finally came from (base for relative links).
        final_url: String,
    },
}

/// Why a fetch failed. `Display` words it for the user (shown on the feed): sanitized and
/// shortened, because messages may quote server-controlled text (URLs, reasons).
#[derive(Debug)]
pub enum FetchError {
    /// The HTTP client could not be built (the TLS backend, say).
    ClientSetup(String),
    InvalidUrl(url::ParseError),
    UnsupportedScheme(String),
    InvalidFileUrl(Url),
    /// A non-success answer: the status code.
    Status(u16),
    RedirectWithoutLocation(u16),
    BadRedirect(url::ParseError),
    RedirectLoop(Url),
    TooManyRedirects(u8),
    RedirectNotHttp,
    TooLarge {
        max_body: usize,
    },
    /// The first bytes are not what the caller fetches (a page where a picture should be):
    /// the rest was not read. The server's content type, if any.
    Unwanted {
        content_type: Option<String>,
    },
    TimedOut(Duration),
    Dns,
    ConnectionRefused,
    Tls(String),
    /// The peer hung up during the handshake (not a TLS server, often).
    TlsClosed,
    Connect(String),
    /// Reset by the server in the middle of the body.
    Reset,
    /// Closed by the server before the end of the body.
    ClosedEarly,
    Decode(String),
    BodyLost(String),
    Request(String),
    FileNotFound(std::path::PathBuf),
    ReadFile {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    TaskFailed,
}

impl FetchError {
    /// The HTTP status of a refusal (404, 503 …), if that is what happened.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status(code) => Some(*code),
            _ => None,
        }
    }

    fn message(&self) -> String {
        match self {
            FetchError::ClientSetup(why) => t!("fetch-client-setup", why = why.as_str()),
            FetchError::InvalidUrl(e) => t!("fetch-invalid-url", why = e.to_string()),
            FetchError::UnsupportedScheme(s) => t!("fetch-unsupported-scheme", scheme = s.as_str()),
            FetchError::InvalidFileUrl(url) => t!("fetch-invalid-file-url", url = url.to_string()),
            FetchError::Status(code) => format!("HTTP {}", status_text(*code)),
            FetchError::RedirectWithoutLocation(code) => {
                t!(
                    "fetch-redirect-without-location",
                    status = status_text(*code)
                )
            }
            FetchError::BadRedirect(e) => t!("fetch-bad-redirect", why = e.to_string()),
            FetchError::RedirectLoop(url) => t!("fetch-redirect-loop", url = url.to_string()),
            FetchError::TooManyRedirects(max) => {
                t!("fetch-too-many-redirects", max = u64::from(*max))
            }
            FetchError::RedirectNotHttp => t!("fetch-redirect-not-http"),
            FetchError::TooLarge { max_body } => t!("fetch-too-large", size = size(*max_body)),
            FetchError::Unwanted { content_type } => match content_type {
                Some(t) => t!("fetch-unwanted-type", content_type = t.as_str()),
                None => t!("fetch-unwanted"),
            },
            FetchError::TimedOut(limit) => {
                let secs = if limit.subsec_millis() == 0 {
                    limit.as_secs().to_string()
                } else {
                    format!("{:.1}", limit.as_secs_f64())
                };
                t!("fetch-timed-out", seconds = secs)
            }
            FetchError::Dns => t!("fetch-dns"),
            FetchError::ConnectionRefused => t!("fetch-connection-refused"),
            FetchError::Tls(why) => t!("fetch-tls", why = why.as_str()),
            FetchError::TlsClosed => {
                t!("fetch-tls-closed")
            }
            FetchError::Connect(why) => t!("fetch-connect", why = why.as_str()),
            FetchError::Reset => {
                t!("fetch-reset")
            }
            FetchError::ClosedEarly => {
                t!("fetch-closed-early")
            }
            FetchError::Decode(why) => t!("fetch-decode", why = why.as_str()),
            FetchError::BodyLost(why) => t!("fetch-body-lost", why = why.as_str()),
            FetchError::Request(why) => t!("fetch-request", why = why.as_str()),
            FetchError::FileNotFound(path) => {
                t!("fetch-file-not-found", path = path.display().to_string())
            }
            FetchError::ReadFile { path, source } => {
                t!(
                    "fetch-read-file",
                    path = path.display().to_string(),
                    why = source.to_string()
                )
            }
            FetchError::TaskFailed => t!("fetch-task-failed"),
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&sanitize::line_capped(&self.message(), MAX_ERROR_CHARS))
    }
}

impl std::error::Error for FetchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FetchError::InvalidUrl(e) | FetchError::BadRedirect(e) => Some(e),
            FetchError::ReadFile { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A client shared by all fetches.
///
/// Falls back to a client with fewer settings if the full one cannot be built (for example
/// when the TLS backend fails to initialise), so that file:// and demo feeds still work.
pub fn client(limits: &FetchLimits, user_agent: &str) -> reqwest::Client {
    match try_client(limits, user_agent) {
        Ok(client) => client,
        Err(e) => {
            tracing::warn!("HTTP client with full settings failed: {e}; using a plain one");
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_else(|_| reqwest::Client::new())
        }
    }
}

/// Like [`client`], but reports a failure to build instead of falling back.
pub fn try_client(limits: &FetchLimits, user_agent: &str) -> Result<reqwest::Client, FetchError> {
    reqwest::Client::builder()
        .user_agent(user_agent)
        .connect_timeout(limits.connect_timeout)
        .timeout(limits.timeout)
        // A server that stalls mid-body is caught even if the overall timeout is long.
        .read_timeout(limits.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .gzip(true)
        .brotli(true)
        .build()
        .map_err(|e| FetchError::ClientSetup(innermost(&e)))
}

pub async fn fetch(
    client: &reqwest::Client,
    url: &str,
    validators: &Validators,
    limits: &FetchLimits,
) -> Result<Fetched, FetchError> {
    fetch_with_hints(client, url, validators, limits).await.0
}

/// Like [`fetch`], and also what the server said about when to come back (Retry-After on
/// a refusal, the cache lifetime of a document), whether the fetch succeeded or not.
pub async fn fetch_with_hints(
    client: &reqwest::Client,
    url: &str,
    validators: &Validators,
    limits: &FetchLimits,
) -> (Result<Fetched, FetchError>, ServerHints) {
    let mut hints = ServerHints::default();
    let result = fetch_hinted(client, url, validators, limits, &mut hints).await;
    (result, hints)
}

/// What a caller wants to see in the first bytes of a body before the rest is read.
pub type FirstBytes = fn(&[u8]) -> bool;

/// How many bytes [`FirstBytes`] gets (fewer when the body is shorter).
pub const FIRST_BYTES: usize = 16;

/// Like [`fetch`], but the body is refused ([`FetchError::Unwanted`]) as soon as its first
/// bytes fail `check`: a 5 MB page where a picture should be costs one chunk, not 5 MB.
pub async fn fetch_checked(
    client: &reqwest::Client,
    url: &str,
    limits: &FetchLimits,
    check: FirstBytes,
) -> Result<Fetched, FetchError> {
    let mut hints = ServerHints::default();
    fetch_inner(
        client,
        url,
        &Validators::default(),
        limits,
        &mut hints,
        Some(check),
    )
    .await
}

async fn fetch_hinted(
    client: &reqwest::Client,
    url: &str,
    validators: &Validators,
    limits: &FetchLimits,
    hints: &mut ServerHints,
) -> Result<Fetched, FetchError> {
    fetch_inner(client, url, validators, limits, hints, None).await
}

async fn fetch_inner(
    client: &reqwest::Client,
    url: &str,
    validators: &Validators,
    limits: &FetchLimits,
    hints: &mut ServerHints,
    check: Option<FirstBytes>,
) -> Result<Fetched, FetchError> {
    let url = url.trim();
    if url == crate::demo::DEMO_URL {
        return Ok(Fetched::Document {
            bytes: crate::demo::DEMO_FEED.as_bytes().to_vec(),
            content_type: Some("application/rss+xml; charset=utf-8".into()), // i18n: a MIME type
            validators: Validators::default(),
            moved_to: None,
            final_url: url.to_string(),
        });
    }
    let parsed = Url::parse(url).map_err(FetchError::InvalidUrl)?;
    match parsed.scheme() {
        "http" | "https" => {
            // reqwest's own timeouts restart on every hop and its read timeout on every
            // byte (a drip of one byte a second never trips it); this deadline bounds the
            // whole fetch.
            match tokio::time::timeout(
                limits.timeout,
                fetch_http(client, parsed, validators, limits, hints, check),
            )
            .await
            {
                Ok(result) => result,
                Err(_) => Err(FetchError::TimedOut(limits.timeout)),
            }
        }
        "file" => fetch_file(parsed, limits.max_body).await,
        other => Err(FetchError::UnsupportedScheme(other.to_string())),
    }
}

async fn fetch_http(
    client: &reqwest::Client,
    start: Url,
    validators: &Validators,
    limits: &FetchLimits,
    hints: &mut ServerHints,
    check: Option<FirstBytes>,
) -> Result<Fetched, FetchError> {
    let mut current = start;
    let mut hops: u8 = 0;
    let mut all_permanent = true;
    let mut visited = vec![current.clone()];
    loop {
        let mut request = client.get(current.clone()).timeout(limits.timeout);
        if let Some(etag) = validators.etag.as_deref() {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = validators.last_modified.as_deref() {
            request = request.header(IF_MODIFIED_SINCE, last_modified);
        }
        let https = current.scheme() == "https";
        let response = request
            .send()
            .await
            .map_err(|e| describe(&e, limits, https))?;
        let status = response.status();

        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let Some(location) = header_str(response.headers(), LOCATION) else {
                return Err(FetchError::RedirectWithoutLocation(status.as_u16()));
            };
            let next = current
                .join(location.trim())
                .map_err(FetchError::BadRedirect)?;
            if visited.contains(&next) {
                return Err(FetchError::RedirectLoop(next));
            }
            hops = hops.saturating_add(1);
            if hops > limits.max_redirects {
                return Err(FetchError::TooManyRedirects(limits.max_redirects));
            }
            visited.push(next.clone());
            if !matches!(next.scheme(), "http" | "https") {
                return Err(FetchError::RedirectNotHttp);
            }
            if !matches!(
                status,
                StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
            ) {
                all_permanent = false;
            }
            current = next;
            continue;
        }
        let headers = response.headers();
        let now = chrono::Utc::now().timestamp();
        if status == StatusCode::NOT_MODIFIED {
            hints.fresh_for_secs = freshness(headers, now);
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            hints.retry_after_secs =
                header_str(headers, RETRY_AFTER).and_then(|v| hints::retry_after(&v, now));
            return Err(FetchError::Status(status.as_u16()));
        }
        hints.fresh_for_secs = freshness(headers, now);

        let content_type = header_str(headers, CONTENT_TYPE).map(|v| sanitize::line(&v));
        let new_validators = Validators {
            etag: header_str(headers, ETAG).and_then(|v| validator(&v)),
            last_modified: header_str(headers, LAST_MODIFIED).and_then(|v| validator(&v)),
        };
        if response
            .content_length()
            .is_some_and(|n| n > limits.max_body as u64)
        {
            return Err(FetchError::TooLarge {
                max_body: limits.max_body,
            });
        }
        let bytes = read_capped(response, limits, check)
            .await
            .map_err(|e| match e {
                FetchError::Unwanted { .. } => FetchError::Unwanted {
                    content_type: content_type.clone(),
                },
                e => e,
            })?;
        let final_url = current.to_string();
        return Ok(Fetched::Document {
            bytes,
            content_type,
            validators: new_validators,
            moved_to: (hops > 0 && all_permanent).then(|| final_url.clone()),
            final_url,
        });
    }
}

async fn read_capped(
    response: reqwest::Response,
    limits: &FetchLimits,
    mut check: Option<FirstBytes>,
) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| describe(&e, limits, false))?;
        if body.len() + chunk.len() > limits.max_body {
            return Err(FetchError::TooLarge {
                max_body: limits.max_body,
            });
        }
        body.extend_from_slice(&chunk);
        if body.len() >= FIRST_BYTES
            && let Some(wanted) = check.take()
            && !wanted(&body)
        {
            return Err(FetchError::Unwanted { content_type: None });
        }
    }
    match check {
        Some(wanted) if !wanted(&body) => Err(FetchError::Unwanted { content_type: None }),
        _ => Ok(body),
    }
}

async fn fetch_file(url: Url, max_body: usize) -> Result<Fetched, FetchError> {
    let final_url = url.to_string();
    let path = url
        .to_file_path()
        .map_err(|_| FetchError::InvalidFileUrl(url.clone()))?;
    let read = tokio::task::spawn_blocking(move || {
        let file = std::fs::File::open(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => FetchError::FileNotFound(path.clone()),
            _ => FetchError::ReadFile {
                path: path.clone(),
                source,
            },
        })?;
        let mut bytes = Vec::new();
        // One byte more than allowed tells "exactly at the cap" from "over it".
        file.take(max_body as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| FetchError::ReadFile {
                path: path.clone(),
                source,
            })?;
        if bytes.len() > max_body {
            return Err(FetchError::TooLarge { max_body });
        }
        Ok(bytes)
    })
    .await
    .map_err(|_| FetchError::TaskFailed)??;
    Ok(Fetched::Document {
        bytes: read,
        content_type: None,
        validators: Validators::default(),
        moved_to: None,
        final_url,
    })
}

fn freshness(headers: &HeaderMap, now: i64) -> Option<u64> {
    hints::fresh_for(
        header_str(headers, CACHE_CONTROL).as_deref(),
        header_str(headers, EXPIRES).as_deref(),
        header_str(headers, DATE).as_deref(),
        header_str(headers, AGE).as_deref(),
        now,
    )
}

fn header_str(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn validator(raw: &str) -> Option<String> {
    let v = sanitize::line(raw);
    (!v.is_empty() && v.len() <= MAX_VALIDATOR_LEN).then_some(v)
}

pub(crate) fn status_text(code: u16) -> String {
    match StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

fn size(max_body: usize) -> String {
    const MB: usize = 1024 * 1024;
    const KB: usize = 1024;
    if max_body >= MB && max_body.is_multiple_of(MB) {
        format!("{} {}", max_body / MB, t!("unit-mb"))
    } else if max_body >= KB && max_body.is_multiple_of(KB) {
        format!("{} {}", max_body / KB, t!("unit-kb"))
    } else {
        format!("{max_body} {}", t!("unit-bytes"))
    }
}

/// Turns a reqwest error into the few words a user needs. `https` says the request went
/// to an https URL, where a failure to connect after TCP is the TLS handshake's.
pub(crate) fn describe(err: &reqwest::Error, limits: &FetchLimits, https: bool) -> FetchError {
    use std::io::ErrorKind;
    if err.is_timeout() || has_io_kind(err, ErrorKind::TimedOut) {
        // A connect timeout is reported with its own (shorter) limit.
        let limit = if err.is_connect() {
            limits.connect_timeout
        } else {
            limits.timeout
        };
        return FetchError::TimedOut(limit);
    }
    if err.is_dns() {
        return FetchError::Dns;
    }
    if has_io_kind(err, ErrorKind::ConnectionRefused) {
        return FetchError::ConnectionRefused;
    }
    if let Some(tls) = tls_cause(err) {
        return FetchError::Tls(tls);
    }
    if https && err.is_connect() {
        if has_io_kind(err, ErrorKind::UnexpectedEof)
            || has_io_kind(err, ErrorKind::ConnectionReset)
        {
            return FetchError::TlsClosed;
        }
        if has_io_kind(err, ErrorKind::InvalidData) {
            return FetchError::Tls(innermost(err));
        }
    }
    if err.is_connect() {
        return FetchError::Connect(innermost(err));
    }
    // Checked before `is_decode`: the gzip layer reports a broken stream as a decode error.
    if has_io_kind(err, ErrorKind::ConnectionReset) || has_io_kind(err, ErrorKind::BrokenPipe) {
        return FetchError::Reset;
    }
    if has_io_kind(err, ErrorKind::UnexpectedEof) || is_incomplete_body(err) {
        return FetchError::ClosedEarly;
    }
    if err.is_decode() {
        return FetchError::Decode(innermost(err));
    }
    if err.is_body() {
        return FetchError::BodyLost(innermost(err));
    }
    FetchError::Request(innermost(err))
}

/// hyper says a body ended early in words only.
fn is_incomplete_body(err: &reqwest::Error) -> bool {
    let mut source = err.source();
    while let Some(e) = source {
        let text = e.to_string();
        // i18n: hyper's own words, matched
        if text.contains("end of file before message length reached")
            // i18n: hyper's own words, matched
            || text.contains("incomplete message")
        {
            return true;
        }
        source = e.source();
    }
    false
}

fn has_io_kind(err: &reqwest::Error, kind: std::io::ErrorKind) -> bool {
    let mut source = err.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            // io::Error's `source` skips the error it wraps, so look inside by hand
            // (hyper wraps rustls' InvalidData error in an Other one).
            let mut inner = Some(io);
            while let Some(io) = inner {
                if io.kind() == kind {
                    return true;
                }
                inner = io
                    .get_ref()
                    .and_then(|e| e.downcast_ref::<std::io::Error>());
            }
        }
        source = e.source();
    }
    false
}

/// rustls is not a direct dependency, so TLS failures are recognised by their wording.
fn tls_cause(err: &reqwest::Error) -> Option<String> {
    let mut source = err.source();
    while let Some(e) = source {
        let text = e.to_string();
        let lower = text.to_ascii_lowercase();
        if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
            // i18n: rustls' words, matched
            || lower.contains("invalid peer")
        {
            return Some(innermost(e));
        }
        source = e.source();
    }
    None
}

/// The most specific message in an error chain (reqwest's outer ones only say "error sending request").
pub(crate) fn innermost(err: &dyn std::error::Error) -> String {
    let mut last = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        last = e.to_string();
        source = e.source();
    }
    last
}
