//! Why sharing did not happen. Each becomes a status-bar message at the UI's edge, so
//! `Display` is the user's wording; names and programs are sanitized where they are made.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("the link is not a valid URL")]
    InvalidLink(#[source] url::ParseError),
    #[error("only http and https links can be shared")]
    NotHttpLink,
    #[error(
        "no Mastodon instance: set general.mastodon_instance in config.toml (e.g. \"mastodon.social\")"
    )]
    NoMastodonInstance,
    /// The configured instance (sanitized) is not a bare host name.
    #[error("general.mastodon_instance \"{0}\" is not a host name like \"mastodon.social\"")]
    BadMastodonInstance(String),
    /// A file operation on `path`: `action` says which ("cannot create", "cannot write in" …).
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Every name from `stem.md` to `stem-1000.md` is taken.
    #[error("too many files named {stem}*.md in {}", dir.display())]
    NoFreeName { stem: String, dir: PathBuf },
    /// A quote (`'` or `"`) in a command line is not closed.
    #[error("a {0} is not closed")]
    Unclosed(char),
    #[error("share '{name}' has an empty command")]
    EmptyCommand { name: String },
    #[error("share '{name}' failed: program \"{program}\" not found")]
    NotFound { name: String, program: String },
    #[error("share '{name}' failed: cannot start \"{program}\": {source}")]
    CannotStart {
        name: String,
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("share '{name}' failed: {source}")]
    Wait {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("share '{name}' timed out after {secs} s and was stopped")]
    TimedOut { name: String, secs: u64 },
    /// The program ran and failed: `how` is "exit N" or "killed by a signal"; `line` is the
    /// first line of its stderr (sanitized, shortened), if it wrote one.
    #[error("share '{name}' failed: {how}{}", line.as_deref().map(|l| format!(": {l}")).unwrap_or_default())]
    Failed {
        name: String,
        how: String,
        line: Option<String>,
    },
    #[error("nothing to pipe to")]
    NothingToPipe,
    #[error("Pipe failed: program \"{program}\" not found")]
    PipeNotFound { program: String },
    #[error("Pipe failed: cannot start \"{program}\": {source}")]
    PipeCannotStart {
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("pipe failed: {0}")]
    PipeWait(#[source] io::Error),
    #[error("Pipe to {program} failed: {how}")]
    PipeFailed { program: String, how: String },
}

impl ShareError {
    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: io::Error) -> Self {
        ShareError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
