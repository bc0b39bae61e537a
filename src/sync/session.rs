//! The server session kept between runs: `sync-session.json` in the data directory, mode
//! 0600, written whole (temp file + rename). It holds the session id and what it is bound
//! to (server, user, the User-Agent TT-RSS ties it to), never the password. A session for
//! other settings is not used.

use super::{SyncError, SyncKind};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "sync-session.json";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub kind: String,
    pub url: String,
    pub user: String,
    pub token: String,
    pub user_agent: String,
}

impl Session {
    pub fn new(kind: SyncKind, url: &str, user: &str, token: String, user_agent: &str) -> Self {
        Session {
            kind: kind.name().to_string(),
            url: url.to_string(),
            user: user.to_string(),
            token,
            user_agent: user_agent.to_string(),
        }
    }

    /// Made for these settings (a changed URL or user logs in again).
    pub fn is_for(&self, kind: SyncKind, url: &str, user: &str) -> bool {
        self.kind == kind.name() && self.url == url && self.user == user
    }
}

pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The stored session; None when there is none or it cannot be read (then one logs in).
pub fn load(path: &Path) -> Option<Session> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores `session`, readable by the user alone from the moment the file exists.
pub fn save(path: &Path, session: &Session) -> Result<(), SyncError> {
    let err = |why: String| SyncError::Session {
        path: path.display().to_string(),
        why,
    };
    let text = serde_json::to_vec_pretty(session).map_err(|e| err(e.to_string()))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    }
    let tmp = path.with_extension("json.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| err(e.to_string()))?;
    file.write_all(&text)
        .and_then(|()| file.sync_all())
        .map_err(|e| err(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(|e| err(e.to_string()))
}

/// Forgets the session (a refused one, or `sync logout`).
pub fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}
