//! What can be wrong with config.toml: positioned where the file says it, with serde's
//! type names said in words.

use std::io;
use std::ops::Range;
use std::path::PathBuf;

use crate::t;

/// What tidings was doing to the file when the system said no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoAction {
    Read,
    CreateDir,
    Create,
    Write,
    WriteTemp,
    Replace,
}

impl std::fmt::Display for IoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            IoAction::Read => t!("config-io-read"),
            IoAction::CreateDir => t!("config-io-create-dir"),
            IoAction::Create => t!("config-io-create"),
            IoAction::Write => t!("config-io-write"),
            IoAction::WriteTemp => t!("config-io-write-temp"),
            IoAction::Replace => t!("config-io-replace"),
        })
    }
}

/// What to do instead when tidings will not edit the feeds of a file itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByHand {
    Edit,
    Add,
}

impl std::fmt::Display for ByHand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            ByHand::Edit => t!("config-by-hand-edit"),
            ByHand::Add => t!("config-by-hand-add"),
        })
    }
}

/// Where in the file a problem is: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Not TOML, or a value of the wrong type or an unknown key.
    #[error("{}", at(file, *position, message))]
    Syntax {
        file: String,
        position: Option<Position>,
        message: String,
    },
    /// A value of the right type that tidings refuses (a zero interval, a URL it cannot poll …).
    #[error("{}", at(file, *position, message))]
    Invalid {
        file: String,
        position: Option<Position>,
        message: String,
    },
    #[error("{}", t!(
        "config-io-error",
        action = .action.to_string(),
        path = .path.display().to_string(),
        error = .source.to_string()
    ))]
    Io {
        action: IoAction,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A `--config` file that does not exist (only the default location gets a starter).
    #[error("{}", t!("config-missing", path = .path.display().to_string()))]
    Missing { path: PathBuf },
    #[error("{}", t!("config-not-utf8", path = .path.display().to_string()))]
    NotUtf8 { path: PathBuf },
    /// `feed` is written some other way than `[[feed]]` tables, so tidings will not edit it;
    /// `by_hand` says what to do instead.
    #[error("{}", t!(
        "config-feeds-not-tables",
        file = .file.as_str(),
        by_hand = .by_hand.to_string()
    ))]
    FeedsNotTables { file: String, by_hand: ByHand },
    #[error("{}", t!("config-feed-not-list", file = .file.as_str()))]
    FeedNotList { file: String },
    /// No `[[feed]]` has this URL (sanitized).
    #[error("{}", t!("config-no-such-feed", file = .file.as_str(), url = .url.as_str()))]
    NoSuchFeed { file: String, url: String },
    /// A feed to add whose URL tidings cannot poll; `feed` names it, `url` is sanitized.
    #[error("{}", t!("config-unsupported-url", feed = .feed.as_str(), url = .url.as_str()))]
    UnsupportedUrl { feed: String, url: String },
    #[error("{}", t!("config-refresh-too-large", value = .0.to_string()))]
    RefreshTooLarge(u64),
}

impl ConfigError {
    /// TOML's or serde's error at `span` of `text`, the file called `name`.
    pub(super) fn syntax(
        text: &str,
        name: &str,
        span: Option<Range<usize>>,
        message: &str,
    ) -> Self {
        ConfigError::Syntax {
            file: name.to_string(),
            position: span.map(|s| line_and_column(text, s.start)),
            message: crate::sanitize::line(&plain_words(message)),
        }
    }

    /// Validation's refusal of the value at `span`.
    pub(super) fn invalid(
        text: &str,
        name: &str,
        span: Option<Range<usize>>,
        message: &str,
    ) -> Self {
        ConfigError::Invalid {
            file: name.to_string(),
            position: span.map(|s| line_and_column(text, s.start)),
            message: crate::sanitize::line(&plain_words(message)),
        }
    }

    pub(super) fn io(action: IoAction, path: &std::path::Path, source: io::Error) -> Self {
        ConfigError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Where in the file the problem is, when the error is about a place in it.
    pub fn position(&self) -> Option<Position> {
        match self {
            ConfigError::Syntax { position, .. } | ConfigError::Invalid { position, .. } => {
                *position
            }
            _ => None,
        }
    }
}

/// `name line L, column C: message`, or `name: message` when nothing says where.
fn at(file: &str, position: Option<Position>, message: &str) -> String {
    match position {
        // Line and column as plain digits: they are places, not amounts.
        Some(Position { line, column }) => t!(
            "config-error-at",
            file = file,
            line = line.to_string(),
            column = column.to_string(),
            message = message
        ),
        None => format!("{file}: {message}"),
    }
}

/// serde's type names said in words a user knows: "expected usize" is "expected a whole
/// number".
pub(super) fn plain_words(message: &str) -> String {
    // i18n: serde's words, recognised
    if message.contains("untagged enum KeySpec") {
        return t!("config-expected-key");
    }
    // serde's messages are English; the words patched into them stay English too, so that
    // one message is never in two languages.
    let mut m = message.to_string();
    for int in [
        "usize", "u64", "u32", "u16", "u8", "isize", "i64", "i32", "i16", "i8",
    ] {
        m = m.replace(&format!("expected {int}"), "expected a whole number"); // i18n: in serde's English
    }
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a boolean", "expected true or false"), // i18n: in serde's English
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("invalid type: sequence", "invalid type: list"), // i18n: in serde's English
        ("invalid type: map", "invalid type: table"),     // i18n: in serde's English
    ] {
        m = m.replace(from, to);
    }
    // "expected struct FeedConfig": the Rust type's name means nothing in the file.
    // i18n: serde's words
    const STRUCT: &str = "expected struct ";
    while let Some(at) = m.find(STRUCT) {
        let name_end = m[at + STRUCT.len()..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(m.len(), |i| at + STRUCT.len() + i);
        m.replace_range(at..name_end, "expected a table");
    }
    m
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}
