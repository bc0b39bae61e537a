//! One resumable download of a media file.
//!
//! Bytes go to `NAME.part`. A later attempt (after a lost connection, a restart, a kill -9)
//! asks for the rest with `Range: bytes=N-` and `If-Range` carrying the validator of the
//! bytes already there, and keeps them only when the server answers 206 with a
//! `Content-Range` that starts at N. Anything else starts the file over. The finished file
//! is checked against its length, synced, and renamed to NAME, so NAME never holds a
//! partial file.
//!
//! Redirects are followed here, as in `feed::fetch`, so every hop is checked to be http(s).
//! The engine writes no database: it reports what happened through [`Event`] and its
//! result, and the caller stores that.

use crate::feed::fetch::{self, FetchError, FetchLimits};
use crate::model::Validators;
use crate::sanitize;
use crate::t;
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, ETAG, HeaderMap, IF_RANGE, LAST_MODIFIED,
    LOCATION, RANGE,
};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

/// Longest error message, in characters.
const MAX_ERROR_CHARS: usize = 240;
/// Validators longer than this are not stored or sent.
const MAX_VALIDATOR_LEN: usize = 1024;
/// Starts over (a changed file, a server that garbles ranges) within one call, at most.
const MAX_RESTARTS: u32 = 2;

#[derive(Clone, Debug)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes. There is no limit on the whole download: a long
    /// episode on a slow line takes as long as it takes.
    pub read_timeout: Duration,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    pub max_redirects: u8,
    /// Tries within one call when the connection is lost after some bytes arrived.
    pub attempts: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_bytes: 4096 * 1024 * 1024,
            max_redirects: 8,
            attempts: 3,
        }
    }
}

/// What to fetch, and what an earlier attempt left.
#[derive(Clone, Debug)]
pub struct Job {
    pub url: String,
    /// The finished file; data goes to [`part_path`] of it first.
    pub dest: PathBuf,
    /// The validator of the bytes already in the `.part` file.
    pub validators: Validators,
    /// The whole length, as the server gave it then.
    pub total: Option<u64>,
}

/// Progress, as it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The server answered: `from` bytes are kept, of `total` when it said; `validators`
    /// are those of the bytes being written, to store before any of them lands, so a
    /// process killed from here on resumes.
    Started {
        from: u64,
        total: Option<u64>,
        validators: Validators,
    },
    /// Bytes in the `.part` file now.
    Progress { done: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    pub bytes: u64,
    /// Some bytes came from an earlier attempt.
    pub resumed: bool,
}

/// Why a download failed. `Display` words it for the user; it may quote the server.
#[derive(Debug)]
pub enum DownloadError {
    InvalidUrl(String),
    UnsupportedScheme(String),
    RedirectNotHttp,
    TooManyRedirects(u8),
    RedirectWithoutLocation(u16),
    Status(u16),
    /// The server announced more than the cap; nothing was written.
    TooLarge {
        size: u64,
        max: u64,
    },
    /// The body went on past the length the server announced.
    LongerThanDeclared {
        declared: u64,
    },
    /// The connection ended before the end; the bytes so far are kept in the `.part`.
    Incomplete {
        got: u64,
        total: u64,
        why: String,
    },
    /// The server kept answering ranges that do not fit the bytes asked for.
    BadRange(String),
    Network(FetchError),
    /// The disk is full; the `.part` is kept for a later run.
    DiskFull {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DownloadError {
    /// Whether trying again soon may help (the connection, not the request, failed).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            DownloadError::Incomplete { .. } | DownloadError::Network(_)
        )
    }

    fn message(&self) -> String {
        match self {
            DownloadError::InvalidUrl(why) => t!("fetch-invalid-url", why = why.to_string()),
            DownloadError::UnsupportedScheme(s) => {
                t!("download-unsupported-scheme", scheme = s.as_str())
            }
            DownloadError::RedirectNotHttp => t!("fetch-redirect-not-http"),
            DownloadError::TooManyRedirects(n) => {
                t!("fetch-too-many-redirects", max = n.to_string())
            }
            DownloadError::RedirectWithoutLocation(code) => {
                t!("fetch-redirect-without-location", status = code.to_string())
            }
            DownloadError::Status(code) => format!("HTTP {}", fetch::status_text(*code)),
            DownloadError::TooLarge { size, max } => {
                t!("download-too-large", size = mb(*size), max = mb(*max))
            }
            DownloadError::LongerThanDeclared { declared } => {
                t!(
                    "download-longer-than-declared",
                    declared = declared.to_string()
                )
            }
            DownloadError::Incomplete { got, total, why } => t!(
                "download-incomplete",
                why = why.as_str(),
                got = got.to_string(),
                total = total.to_string()
            ),
            DownloadError::BadRange(why) => t!("download-bad-range", why = why.as_str()),
            DownloadError::Network(e) => e.to_string(),
            DownloadError::DiskFull { path } => {
                t!("download-disk-full", path = path.display().to_string())
            }
            DownloadError::Io { path, source } => t!(
                "file-cannot-write",
                path = path.display().to_string(),
                why = source.to_string()
            ),
        }
    }
}

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&sanitize::line_capped(&self.message(), MAX_ERROR_CHARS))
    }
}

impl std::error::Error for DownloadError {}

fn mb(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} {}", bytes / MB, t!("unit-mb"))
    } else {
        format!("{bytes} {}", t!("unit-bytes"))
    }
}

/// `NAME.part` beside `dest`.
pub fn part_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    dest.with_file_name(name)
}

/// The client for media: no compression asked for or undone (a range of a gzip stream is
/// not a range of the file), redirects by hand, a read timeout and no total one.
pub fn client(limits: &Limits, user_agent: &str) -> Result<reqwest::Client, DownloadError> {
    reqwest::Client::builder()
        .user_agent(user_agent)
        .connect_timeout(limits.connect_timeout)
        .read_timeout(limits.read_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .no_brotli()
        .build()
        .map_err(|e| DownloadError::Network(FetchError::ClientSetup(fetch::innermost(&e))))
}

/// How one attempt ended, when it did not finish the file.
enum Retry {
    /// The bytes kept do not belong to the file the server has now: start over.
    StartOver,
    Fail(DownloadError),
}

impl From<DownloadError> for Retry {
    fn from(e: DownloadError) -> Self {
        Retry::Fail(e)
    }
}

/// Downloads `job` to its `dest`, resuming what a `.part` holds when the server allows.
pub async fn download(
    client: &reqwest::Client,
    job: &Job,
    limits: &Limits,
    on: &mut (dyn FnMut(Event) + Send),
) -> Result<Finished, DownloadError> {
    let start = Url::parse(job.url.trim()).map_err(|e| DownloadError::InvalidUrl(e.to_string()))?;
    if !matches!(start.scheme(), "http" | "https") {
        return Err(DownloadError::UnsupportedScheme(start.scheme().to_string()));
    }
    if let Some(dir) = job.dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    }
    let part = part_path(&job.dest);
    let mut known = (job.validators.clone(), job.total);
    let mut restarts = 0;
    let mut tries = 0;
    let mut resumed = false;
    loop {
        tries += 1;
        // Whether this attempt wrote anything: a cut that follows progress is worth
        // resuming at once, one that follows nothing is not.
        let wrote = std::sync::atomic::AtomicBool::new(false);
        let mut track = |e: Event| {
            if matches!(e, Event::Progress { .. }) {
                wrote.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            on(e);
        };
        let outcome = attempt(client, &start, &part, &job.dest, &known, limits, &mut track).await;
        let progressed = wrote.load(std::sync::atomic::Ordering::Relaxed);
        match outcome {
            Ok(done) => {
                return Ok(Finished {
                    bytes: done.bytes,
                    resumed: resumed || done.resumed,
                });
            }
            Err((Retry::StartOver, _)) if restarts < MAX_RESTARTS => {
                restarts += 1;
                remove_part(&part)?;
                known = (Validators::default(), None);
            }
            Err((Retry::StartOver, _)) => {
                return Err(DownloadError::BadRange(t!(
                    "download-restarts-exhausted",
                    times = MAX_RESTARTS.to_string()
                )));
            }
            Err((Retry::Fail(e), got)) => {
                if e.is_transient() && progressed && tries < limits.attempts {
                    resumed = true;
                    known = got;
                    continue;
                }
                return Err(e);
            }
        }
    }
}

type Known = (Validators, Option<u64>);

/// One request and its body. On failure, also what is now known of the `.part`.
async fn attempt(
    client: &reqwest::Client,
    start: &Url,
    part: &Path,
    dest: &Path,
    known: &Known,
    limits: &Limits,
    on: &mut (dyn FnMut(Event) + Send),
) -> Result<Finished, (Retry, Known)> {
    let fail = |e: Retry| (e, known.clone());
    let have = file_len(part).map_err(|e| fail(e.into()))?;
    let (validators, total) = known;
    if total.is_some_and(|t| have > t) {
        return Err((Retry::StartOver, known.clone()));
    }
    // A range is only safe when the server can tell us the bytes still belong to the same
    // file: by If-Range, or without a validator by the same total length.
    let if_range = if_range_value(validators);
    let ranged = have > 0 && (if_range.is_some() || total.is_some());
    let mut headers = HeaderMap::new();
    headers.insert(
        ACCEPT_ENCODING,
        reqwest::header::HeaderValue::from_static("identity"),
    );
    if ranged {
        if let Ok(v) = format!("bytes={have}-").parse() {
            headers.insert(RANGE, v);
        }
        if let Some(v) = if_range.as_deref().and_then(|v| v.parse().ok()) {
            headers.insert(IF_RANGE, v);
        }
    }
    let response = send(client, start, headers, limits)
        .await
        .map_err(|e| fail(e.into()))?;
    let status = response.status();
    let h = response.headers();
    let got_validators = Validators {
        etag: header_str(h, ETAG).and_then(validator),
        last_modified: header_str(h, LAST_MODIFIED).and_then(validator),
    };
    let (from, total, validators) = match status {
        StatusCode::PARTIAL_CONTENT if ranged => {
            let Some((first, last, whole)) =
                header_str(h, CONTENT_RANGE).and_then(|v| content_range(&v))
            else {
                return Err((Retry::StartOver, known.clone()));
            };
            let same_file = match (&validators.etag, &got_validators.etag) {
                (Some(ours), Some(theirs)) if if_range.as_deref() == Some(ours.as_str()) => {
                    ours == theirs
                }
                _ => true,
            } && total.is_none_or(|t| t == whole);
            if first != have || last.checked_add(1) != Some(whole) || !same_file {
                return Err((Retry::StartOver, known.clone()));
            }
            if whole > limits.max_bytes {
                let _ = std::fs::remove_file(part);
                return Err(fail(
                    DownloadError::TooLarge {
                        size: whole,
                        max: limits.max_bytes,
                    }
                    .into(),
                ));
            }
            let kept = Validators {
                etag: got_validators
                    .etag
                    .clone()
                    .or_else(|| validators.etag.clone()),
                last_modified: got_validators
                    .last_modified
                    .clone()
                    .or_else(|| validators.last_modified.clone()),
            };
            (have, Some(whole), kept)
        }
        StatusCode::OK => {
            let length = header_str(h, CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
            if let Some(size) = length.filter(|&n| n > limits.max_bytes) {
                return Err(fail(
                    DownloadError::TooLarge {
                        size,
                        max: limits.max_bytes,
                    }
                    .into(),
                ));
            }
            (0, length, got_validators)
        }
        StatusCode::RANGE_NOT_SATISFIABLE if ranged => {
            let whole = header_str(h, CONTENT_RANGE).and_then(|v| unsatisfied_length(&v));
            if whole.or(*total) == Some(have) {
                on(Event::Started {
                    from: have,
                    total: Some(have),
                    validators: validators.clone(),
                });
                finish(part, dest, have).map_err(fail)?;
                return Ok(Finished {
                    bytes: have,
                    resumed: true,
                });
            }
            return Err((Retry::StartOver, known.clone()));
        }
        other => return Err(fail(DownloadError::Status(other.as_u16()).into())),
    };
    on(Event::Started {
        from,
        total,
        validators: validators.clone(),
    });
    let now_known = (validators, total);
    let fail_now = |e: DownloadError| (Retry::Fail(e), now_known.clone());
    let mut file = open_part(part, from).map_err(fail_now)?;
    let mut done = from;
    let cap = total.unwrap_or(limits.max_bytes);
    let mut response = response;
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => {
                let e = fetch::describe(&e, &fetch_limits(limits), start.scheme() == "https");
                let err = match total {
                    Some(total) => DownloadError::Incomplete {
                        got: done,
                        total,
                        why: e.to_string(),
                    },
                    None => DownloadError::Network(e),
                };
                return Err(fail_now(err));
            }
        };
        let room = cap.saturating_sub(done);
        let n = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        if n > room {
            let keep = usize::try_from(room).unwrap_or(usize::MAX);
            let piece = chunk.get(..keep).unwrap_or(&chunk);
            write(&mut file, part, piece).map_err(fail_now)?;
            return Err(fail_now(match total {
                Some(declared) => DownloadError::LongerThanDeclared { declared },
                None => {
                    drop(file);
                    let _ = std::fs::remove_file(part);
                    DownloadError::TooLarge {
                        size: done.saturating_add(n),
                        max: limits.max_bytes,
                    }
                }
            }));
        }
        write(&mut file, part, &chunk).map_err(fail_now)?;
        done += n;
        on(Event::Progress { done });
    }
    if let Some(total) = total
        && done < total
    {
        return Err(fail_now(DownloadError::Incomplete {
            got: done,
            total,
            why: t!("download-connection-closed"),
        }));
    }
    file.sync_all().map_err(|e| fail_now(io_error(part, e)))?;
    drop(file);
    finish(part, dest, done).map_err(|e| match e {
        Retry::Fail(e) => fail_now(e),
        other => (other, now_known.clone()),
    })?;
    Ok(Finished {
        bytes: done,
        resumed: from > 0,
    })
}

/// The request, following redirects by hand: each hop must stay http(s).
async fn send(
    client: &reqwest::Client,
    start: &Url,
    headers: HeaderMap,
    limits: &Limits,
) -> Result<reqwest::Response, DownloadError> {
    let mut current = start.clone();
    let mut hops = 0u8;
    loop {
        let https = current.scheme() == "https";
        let response = client
            .get(current.clone())
            .headers(headers.clone())
            .send()
            .await
            .map_err(|e| {
                DownloadError::Network(fetch::describe(&e, &fetch_limits(limits), https))
            })?;
        let status = response.status();
        if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
            return Ok(response);
        }
        let Some(location) = header_str(response.headers(), LOCATION) else {
            return Err(DownloadError::RedirectWithoutLocation(status.as_u16()));
        };
        let next = current
            .join(location.trim())
            .map_err(|e| DownloadError::InvalidUrl(e.to_string()))?;
        if !matches!(next.scheme(), "http" | "https") {
            return Err(DownloadError::RedirectNotHttp);
        }
        hops = hops.saturating_add(1);
        if hops > limits.max_redirects {
            return Err(DownloadError::TooManyRedirects(limits.max_redirects));
        }
        current = next;
    }
}

fn fetch_limits(limits: &Limits) -> FetchLimits {
    FetchLimits {
        connect_timeout: limits.connect_timeout,
        timeout: limits.read_timeout,
        ..FetchLimits::default()
    }
}

/// The If-Range value: a strong ETag (a weak one is not allowed there), else the date.
fn if_range_value(v: &Validators) -> Option<String> {
    v.etag
        .clone()
        .filter(|e| !e.starts_with("W/"))
        .or_else(|| v.last_modified.clone())
}

/// `bytes FIRST-LAST/WHOLE`.
fn content_range(value: &str) -> Option<(u64, u64, u64)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, whole) = rest.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    let (first, last, whole) = (
        first.trim().parse().ok()?,
        last.trim().parse().ok()?,
        whole.trim().parse().ok()?,
    );
    (first <= last && last < whole).then_some((first, last, whole))
}

/// `bytes */WHOLE`, a 416's statement of the length.
fn unsatisfied_length(value: &str) -> Option<u64> {
    value
        .trim()
        .strip_prefix("bytes")?
        .trim_start()
        .strip_prefix("*/")?
        .trim()
        .parse()
        .ok()
}

fn header_str(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn validator(raw: String) -> Option<String> {
    let v = sanitize::line(&raw);
    (!v.is_empty() && v.len() <= MAX_VALIDATOR_LEN).then_some(v)
}

fn file_len(path: &Path) -> Result<u64, DownloadError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m.len()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(0),
        Err(e) => Err(io_error(path, e)),
    }
}

fn remove_part(part: &Path) -> Result<(), DownloadError> {
    match std::fs::remove_file(part) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error(part, e)),
    }
}

/// The `.part` to write at `from`: appended to when resuming, emptied when starting over.
fn open_part(part: &Path, from: u64) -> Result<std::fs::File, DownloadError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(part)
        .map_err(|e| io_error(part, e))?;
    file.set_len(from).map_err(|e| io_error(part, e))?;
    let mut file = file;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(from))
        .map_err(|e| io_error(part, e))?;
    Ok(file)
}

fn write(file: &mut std::fs::File, part: &Path, bytes: &[u8]) -> Result<(), DownloadError> {
    file.write_all(bytes).map_err(|e| io_error(part, e))
}

/// Checks the length and renames the `.part` to its name.
fn finish(part: &Path, dest: &Path, expected: u64) -> Result<(), Retry> {
    let len = file_len(part)?;
    if len != expected {
        return Err(Retry::StartOver);
    }
    std::fs::rename(part, dest).map_err(|e| Retry::Fail(io_error(dest, e)))?;
    // The rename is durable once the directory is.
    if let Some(dir) = dest.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> DownloadError {
    const ENOSPC: i32 = 28;
    const EDQUOT: i32 = 122;
    if source.kind() == ErrorKind::StorageFull
        || source.kind() == ErrorKind::QuotaExceeded
        || matches!(source.raw_os_error(), Some(ENOSPC | EDQUOT))
    {
        return DownloadError::DiskFull {
            path: path.to_path_buf(),
        };
    }
    DownloadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_are_read_strictly() {
        assert_eq!(content_range("bytes 10-19/20"), Some((10, 19, 20)));
        assert_eq!(content_range("bytes  0-0/1"), Some((0, 0, 1)));
        assert_eq!(content_range("bytes 10-19/*"), None);
        assert_eq!(content_range("bytes 10-20/20"), None);
        assert_eq!(content_range("bytes 20-10/30"), None);
        assert_eq!(content_range("items 0-1/2"), None);
        assert_eq!(unsatisfied_length("bytes */20"), Some(20));
        assert_eq!(unsatisfied_length("bytes 0-1/20"), None);
    }

    #[test]
    fn weak_etags_are_not_sent_in_if_range() {
        let v = Validators {
            etag: Some("W/\"a\"".into()),
            last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        };
        assert_eq!(
            if_range_value(&v).as_deref(),
            Some("Wed, 21 Oct 2015 07:28:00 GMT")
        );
        let v = Validators {
            etag: Some("\"a\"".into()),
            ..v
        };
        assert_eq!(if_range_value(&v).as_deref(), Some("\"a\""));
    }

    #[test]
    fn the_part_file_sits_beside_its_name() {
        assert_eq!(
            part_path(Path::new("/d/f/a b.mp3")),
            PathBuf::from("/d/f/a b.mp3.part")
        );
    }
}
