//! Sync with a feed server the user already runs (issue 14). This first part: the `[sync]`
//! settings, the password (from a command, an environment variable or a prompt; never
//! stored), the TT-RSS JSON API client, and the session kept between runs (`session`).
//! What `tidings sync login` needs; the article and mark flows build on it.

pub mod backend;
pub mod cycle;
pub mod greader;
pub mod remote;
pub mod secret;
pub mod session;
pub mod ttrss;

use serde::Deserialize;

/// A list of article ids a server keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Unread,
    Starred,
}

/// Which server API.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SyncKind {
    /// Tiny Tiny RSS's JSON API (`/api/`).
    Ttrss,
    /// The Google Reader API (FreshRSS, Miniflux).
    Greader,
}

impl SyncKind {
    pub fn name(self) -> &'static str {
        match self {
            SyncKind::Ttrss => "TT-RSS",
            SyncKind::Greader => "Google Reader API",
        }
    }
}

/// `[sync]` in config.toml.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    pub kind: SyncKind,
    /// The server's address as the user opens it in a browser (for TT-RSS, the
    /// installation, e.g. `https://rss.example.org/tt-rss/`; `/api/` is added).
    pub url: String,
    pub user: String,
    /// A program that prints the password (argv, no shell): `["pass", "show", "rss"]`.
    #[serde(default)]
    pub password_command: Vec<String>,
    /// Else the environment variable that holds it.
    #[serde(default)]
    pub password_env: Option<String>,
}

impl SyncConfig {
    /// What is wrong with the settings, for the config error.
    pub fn problem(&self) -> Option<String> {
        let url = url::Url::parse(self.url.trim());
        match url {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {}
            _ => {
                return Some(format!(
                    "[sync] url must be an http(s) address, not \"{}\"",
                    self.url
                ));
            }
        }
        if self.user.trim().is_empty() {
            return Some("[sync] user is empty".to_string());
        }
        if self
            .password_command
            .first()
            .is_some_and(|p| p.trim().is_empty())
        {
            return Some(
                "[sync] password_command must start with a program, e.g. [\"pass\", \"show\", \"rss\"]"
                    .to_string(),
            );
        }
        None
    }
}

/// Why a sync step failed, in words that say what to fix.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("no [sync] section in {0}")]
    NotConfigured(String),
    #[error("cannot reach {url}: {why}")]
    Unreachable { url: String, why: String },
    #[error("TLS failed for {url}: {why}")]
    Tls { url: String, why: String },
    #[error("{url} is not a {kind} (HTTP {status}{detail}); check [sync] url: {hint}")]
    NotTheApi {
        url: String,
        kind: &'static str,
        status: u16,
        detail: String,
        hint: &'static str,
    },
    #[error("the server refused the user name or password for {user}")]
    Credentials { user: String },
    #[error(
        "the API is disabled for {user} on the server: enable it in TT-RSS's preferences (\"Enable API access\")"
    )]
    ApiDisabled { user: String },
    #[error("the server's API level is {level}; tidings needs {need} or later")]
    OldServer { level: i64, need: i64 },
    #[error("the server answered {op} with an error: {error}")]
    Server { op: String, error: String },
    #[error("the server's session ended; log in again (tidings sync login)")]
    SessionExpired,
    #[error("cannot start the runtime: {0}")]
    Runtime(String),
    #[error("storing what the server sent: {0}")]
    Store(String),
    #[error("password: {0}")]
    Password(String),
    #[error("session file {path}: {why}")]
    Session { path: String, why: String },
}

impl SyncError {
    /// An answer that is not the API's: the URL is likely wrong.
    fn not_the_api(url: String, kind: &'static str, status: u16, detail: &str) -> SyncError {
        let hint = if kind.starts_with("TT-RSS") {
            "for TT-RSS it is the installation's address, e.g. https://example.org/tt-rss/"
        } else {
            "FreshRSS serves it at https://host/api/greader.php, Miniflux at https://host"
        };
        SyncError::NotTheApi {
            url,
            kind,
            hint,
            status,
            detail: if detail.is_empty() {
                String::new()
            } else {
                format!(", {detail}")
            },
        }
    }
}

/// A failed request, as what to fix: TLS or reachability.
fn transport(url: &str, e: &reqwest::Error) -> SyncError {
    let why = crate::feed::fetch::innermost(e);
    let lower = why.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        SyncError::Tls {
            url: url.to_string(),
            why,
        }
    } else {
        SyncError::Unreachable {
            url: url.to_string(),
            why,
        }
    }
}

/// The body, or None past `cap` bytes (read no further).
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Option<Vec<u8>>, reqwest::Error> {
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Ok(None);
    }
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if out.len() + chunk.len() > cap {
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out))
}

/// The runtime a sync runs on outside the reader's (`tidings sync`, the reader's sync
/// thread): one thread, with I/O and timers.
pub fn runtime() -> Result<tokio::runtime::Runtime, SyncError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Runtime(e.to_string()))
}
