//! Why sharing did not happen. Each becomes a status-bar message at the UI's edge, so
//! `Display` is the user's wording; names and programs are sanitized where they are made.

use crate::t;
use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("{}", t!("share-invalid-link"))]
    InvalidLink(#[source] url::ParseError),
    #[error("{}", t!("share-not-http"))]
    NotHttpLink,
    #[error("{}", t!("share-no-mastodon"))]
    NoMastodonInstance,
    /// The configured instance (sanitized) is not a bare host name.
    #[error("{}", t!("share-bad-mastodon", instance = .0.as_str()))]
    BadMastodonInstance(String),
    /// A file operation on `path` failed.
    #[error("{}", io_message(*.action, path, source))]
    Io {
        action: FileAction,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Every name from `stem.md` to `stem-1000.md` is taken.
    #[error("{}", t!("share-no-free-name", stem = .stem.as_str(), dir = .dir.display().to_string()))]
    NoFreeName { stem: String, dir: PathBuf },
    /// A quote (`'` or `"`) in a command line is not closed.
    #[error("{}", t!("share-unclosed", quote = .0.to_string()))]
    Unclosed(char),
    #[error("{}", t!("share-empty-command", name = .name.as_str()))]
    EmptyCommand { name: String },
    #[error("{}", t!("share-not-found", name = .name.as_str(), program = .program.as_str()))]
    NotFound { name: String, program: String },
    #[error("{}", t!("share-cannot-start", name = .name.as_str(), program = .program.as_str(), why = .source.to_string()))]
    CannotStart {
        name: String,
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", t!("share-failed", name = .name.as_str(), why = .source.to_string()))]
    Wait {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", t!("share-timed-out", name = .name.as_str(), seconds = .secs.to_string()))]
    TimedOut { name: String, secs: u64 },
    /// The program ran and failed: `how` is "exit N" or "killed by a signal"; `line` is the
    /// first line of its stderr (sanitized, shortened), if it wrote one.
    #[error("{}", match line {
        Some(l) => t!("share-failed-said", name = .name.as_str(), how = .how.as_str(), said = l.as_str()),
        None => t!("share-failed", name = .name.as_str(), why = .how.as_str()),
    })]
    Failed {
        name: String,
        how: String,
        line: Option<String>,
    },
    #[error("{}", t!("share-nothing-to-pipe"))]
    NothingToPipe,
    #[error("{}", t!("share-pipe-not-found", program = .program.as_str()))]
    PipeNotFound { program: String },
    #[error("{}", t!("share-pipe-cannot-start", program = .program.as_str(), why = .source.to_string()))]
    PipeCannotStart {
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", t!("share-pipe-wait", why = .0.to_string()))]
    PipeWait(#[source] io::Error),
    #[error("{}", t!("share-pipe-failed", program = .program.as_str(), how = .how.as_str()))]
    PipeFailed { program: String, how: String },
}

/// Which file operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Create,
    Read,
    Write,
    WriteIn,
}

fn io_message(action: FileAction, path: &std::path::Path, source: &io::Error) -> String {
    let (path, why) = (path.display().to_string(), source.to_string());
    match action {
        FileAction::Create => t!("file-cannot-create", path = path, why = why),
        FileAction::Read => t!("file-cannot-read", path = path, why = why),
        FileAction::Write => t!("file-cannot-write", path = path, why = why),
        FileAction::WriteIn => t!("file-cannot-write-in", path = path, why = why),
    }
}

impl ShareError {
    pub(crate) fn io(action: FileAction, path: &std::path::Path, source: io::Error) -> Self {
        ShareError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
