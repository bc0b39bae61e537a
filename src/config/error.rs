//! What can be wrong with config.toml: positioned where the file says it, with serde's
//! type names said in words.

use std::io;
use std::ops::Range;
use std::path::PathBuf;

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
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A `--config` file that does not exist (only the default location gets a starter).
    #[error(
        "{} does not exist. A starter config is only written at the default location; \
         create this file, or leave out --config",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error("{} is not UTF-8 text", path.display())]
    NotUtf8 { path: PathBuf },
    /// `feed` is written some other way than `[[feed]]` tables, so tidings will not edit it;
    /// `by_hand` says what to do instead.
    #[error("{file}: feeds are not written as [[feed]] tables; {by_hand}")]
    FeedsNotTables { file: String, by_hand: &'static str },
    #[error("{file}: `feed` is not a list of tables")]
    FeedNotList { file: String },
    /// No `[[feed]]` has this URL (sanitized).
    #[error("{file}: no feed with url {url}")]
    NoSuchFeed { file: String, url: String },
    /// A feed to add whose URL tidings cannot poll; `feed` names it, `url` is sanitized.
    #[error("cannot add {feed}: url \"{url}\" is not an http(s) or file URL")]
    UnsupportedUrl { feed: String, url: String },
    #[error("refresh_minutes {0} is too large")]
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

    pub(super) fn io(action: &'static str, path: &std::path::Path, source: io::Error) -> Self {
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
        Some(Position { line, column }) => {
            format!("{file} line {line}, column {column}: {message}")
        }
        None => format!("{file}: {message}"),
    }
}

/// serde's type names said in words a user knows: "expected usize" is "expected a whole
/// number".
pub(super) fn plain_words(message: &str) -> String {
    if message.contains("untagged enum KeySpec") {
        return "expected a key such as \"j\", or a list of keys such as [\"j\", \"Down\"]"
            .to_string();
    }
    let mut m = message.to_string();
    for int in [
        "usize", "u64", "u32", "u16", "u8", "isize", "i64", "i32", "i16", "i8",
    ] {
        m = m.replace(&format!("expected {int}"), "expected a whole number");
    }
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: table"),
    ] {
        m = m.replace(from, to);
    }
    // "expected struct FeedConfig": the Rust type's name means nothing in the file.
    while let Some(at) = m.find("expected struct ") {
        let name_end = m[at + "expected struct ".len()..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(m.len(), |i| at + "expected struct ".len() + i);
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
