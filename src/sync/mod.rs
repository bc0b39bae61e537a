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
            SyncKind::Greader => "Google Reader API", // i18n: the API's name
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
                return Some(crate::t!("config-sync-url", value = self.url.as_str()));
            }
        }
        if self.user.trim().is_empty() {
            return Some(crate::t!("config-sync-user"));
        }
        if self
            .password_command
            .first()
            .is_some_and(|p| p.trim().is_empty())
        {
            return Some(crate::t!("config-sync-password-command"));
        }
        None
    }
}

/// Why a sync step failed, in words that say what to fix.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{}", crate::t!("sync-error-not-configured", file = .0.as_str()))]
    NotConfigured(String),
    #[error("{}", crate::t!("sync-error-unreachable", url = .url.as_str(), why = .why.as_str()))]
    Unreachable { url: String, why: String },
    #[error("{}", crate::t!("sync-error-tls", url = .url.as_str(), why = .why.as_str()))]
    Tls { url: String, why: String },
    #[error("{}", crate::t!(
        "sync-error-not-the-api",
        url = .url.as_str(),
        kind = *.kind,
        status = .status.to_string(),
        detail = .detail.as_str(),
        hint = .hint.as_str()
    ))]
    NotTheApi {
        url: String,
        kind: &'static str,
        status: u16,
        detail: String,
        hint: String,
    },
    #[error("{}", crate::t!("sync-error-credentials", user = .user.as_str()))]
    Credentials { user: String },
    #[error("{}", crate::t!("sync-error-api-disabled", user = .user.as_str()))]
    ApiDisabled { user: String },
    #[error("{}", crate::t!(
        "sync-error-old-server",
        level = .level.to_string(),
        need = .need.to_string()
    ))]
    OldServer { level: i64, need: i64 },
    #[error("{}", crate::t!("sync-error-server", op = .op.as_str(), error = .error.as_str()))]
    Server { op: String, error: String },
    #[error("{}", crate::t!("sync-error-session-expired"))]
    SessionExpired,
    #[error("{}", crate::t!("error-runtime", error = .0.as_str()))]
    Runtime(String),
    #[error("{}", crate::t!("sync-error-store", error = .0.as_str()))]
    Store(String),
    #[error("{}", crate::t!("sync-error-password", error = .0.as_str()))]
    Password(String),
    #[error("{}", crate::t!("sync-error-session", path = .path.as_str(), why = .why.as_str()))]
    Session { path: String, why: String },
}

impl SyncError {
    /// An answer that is not the API's: the URL is likely wrong.
    fn not_the_api(url: String, kind: &'static str, status: u16, detail: &str) -> SyncError {
        let hint = if kind.starts_with("TT-RSS") {
            crate::t!("sync-hint-ttrss")
        } else {
            crate::t!("sync-hint-greader")
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
