//! A custom share target as `[[share]]` in config.toml describes it.

use serde::Deserialize;

/// A custom share target, one `[[share]]` table.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ShareTarget {
    pub name: String,
    /// One character, picked in the share menu.
    pub key: String,
    /// Program and arguments; `{url}`, `{title}`, `{feed}`, `{author}`, `{file}` are replaced
    /// inside each argument. Never run through a shell.
    pub command: Vec<String>,
    /// Needs the terminal (an editor, a mail client): the UI is suspended while it runs.
    #[serde(default)]
    pub terminal: bool,
    /// Seconds before a background command is killed.
    #[serde(default = "default_share_timeout")]
    pub timeout_secs: u64,
}

fn default_share_timeout() -> u64 {
    30
}

impl ShareTarget {
    /// The menu key; `None` only for a target that did not pass validation.
    pub fn key_char(&self) -> Option<char> {
        let mut chars = self.key.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}
