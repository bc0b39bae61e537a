//! Why a document is not a feed we can read.

use crate::sanitize;
use crate::t;
use feed_rs::parser::{ParseErrorKind, ParseFeedError};

/// Longest error message we produce, in characters.
const MAX_ERROR_CHARS: usize = 200;

/// Why parsing failed. `Display` words it for the user: sanitized and shortened, because
/// parser messages quote the document.
#[derive(Debug)]
pub enum ParseError {
    /// Some other kind of document (or none at all).
    NotAFeed(NotAFeed),
    /// feed-rs panicked on the document.
    GaveUp,
    /// The XML itself is broken: the parser's words, without its "Parser error: " prefix.
    Xml(String),
    /// Well-formed, but not as the feed format wants it.
    Feed(ParseErrorKind),
    Json(serde_json::Error),
    JsonFeed(serde_json::Error),
    UnsupportedJsonVersion(String),
    Read(std::io::Error),
}

/// What a document that is not a feed is instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAFeed {
    Empty,
    HtmlPage,
    XmlWithoutRoot,
    NeitherXmlNorJson,
    JsonNotJsonFeed,
    JsonWithoutVersion,
}

impl NotAFeed {
    fn what(self) -> String {
        match self {
            NotAFeed::Empty => t!("parse-empty"),
            NotAFeed::HtmlPage => t!("parse-html-page"),
            NotAFeed::XmlWithoutRoot => t!("parse-xml-without-root"),
            NotAFeed::NeitherXmlNorJson => t!("parse-neither-xml-nor-json"),
            NotAFeed::JsonNotJsonFeed => t!("parse-json-not-json-feed"),
            NotAFeed::JsonWithoutVersion => t!("parse-json-without-version"),
        }
    }
}

impl ParseError {
    /// Whether the document is something other than a feed (rather than a broken feed).
    pub fn is_not_a_feed(&self) -> bool {
        matches!(self, ParseError::NotAFeed(_))
    }

    /// feed-rs's error in our words; `text` is the decoded document, to tell an HTML page
    /// from other documents without a feed root.
    pub(super) fn from_feed_rs(err: ParseFeedError, text: &str) -> ParseError {
        match err {
            ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
                let head: String = text
                    .chars()
                    .take(4096)
                    .collect::<String>()
                    .to_ascii_lowercase();
                ParseError::NotAFeed(
                    if head.contains("<html") || head.contains("<!doctype html") {
                        NotAFeed::HtmlPage
                    } else if text.trim_start().starts_with('<') {
                        NotAFeed::XmlWithoutRoot
                    } else {
                        NotAFeed::NeitherXmlNorJson
                    },
                )
            }
            ParseFeedError::ParseError(kind) => ParseError::Feed(kind),
            ParseFeedError::XmlReader(e) => {
                let detail = e.to_string();
                // i18n: quick-xml's prefix, removed
                let detail = detail.strip_prefix("Parser error: ").unwrap_or(&detail);
                ParseError::Xml(detail.to_string())
            }
            ParseFeedError::JsonSerde(e) => ParseError::JsonFeed(e),
            ParseFeedError::JsonUnsupportedVersion(v) => ParseError::UnsupportedJsonVersion(v),
            ParseFeedError::IoError(e) => ParseError::Read(e),
        }
    }

    fn message(&self) -> String {
        match self {
            ParseError::NotAFeed(what) => t!("parse-not-a-feed", what = what.what()),
            ParseError::GaveUp => t!("parse-gave-up"),
            ParseError::Xml(detail) => t!("parse-xml", why = detail.as_str()),
            ParseError::Feed(kind) => t!("parse-feed", why = kind.to_string()),
            ParseError::Json(e) => t!("parse-json", why = e.to_string()),
            ParseError::JsonFeed(e) => t!("parse-json-feed", why = e.to_string()),
            ParseError::UnsupportedJsonVersion(v) => {
                t!("parse-json-version", version = v.as_str())
            }
            ParseError::Read(e) => t!("parse-read", why = e.to_string()),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&sanitize::line_capped(&self.message(), MAX_ERROR_CHARS))
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Json(e) | ParseError::JsonFeed(e) => Some(e),
            ParseError::Read(e) => Some(e),
            _ => None,
        }
    }
}
