//! Feed document → sanitized [`ParsedFeed`]. Pure: no I/O.

use crate::model::ParsedFeed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ParseError {}

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1. `base_url` resolves relative links.
pub fn parse(bytes: &[u8], content_type: Option<&str>, base_url: &str) -> Result<ParsedFeed, ParseError> {
    let _ = (bytes, content_type, base_url);
    todo!("H1")
}
