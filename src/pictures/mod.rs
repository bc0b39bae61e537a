//! Pictures for the article pane: fetched, sniffed, decoded and drawn with limits, because
//! every byte of a picture comes from a server we do not trust.
//!
//! A leaf: no app, UI or database imports. The steps, each usable on its own:
//! [`fetch::fetch_picture`] (http(s) only, the feed client's timeouts and redirects, a byte cap,
//! a magic check) → [`decode::decode`] (the decoder's own limits, so a bomb is refused before
//! its pixels are allocated) → [`halfblocks::lines`] (a pure function to ratatui lines).
//! [`cache::DiskCache`] keeps fetched bytes on disk under a size cap. [`picker::choose`] picks
//! the terminal protocol once at start-up.
//!
//! Decoding and encoding are CPU work: callers run them off the UI loop.

pub mod cache;
pub mod decode;
pub mod fetch;
pub mod halfblocks;
pub mod picker;
pub mod shown;
pub mod sniff;

use crate::feed::fetch::FetchError;
use crate::t;

/// Why a picture is not shown. `Display` is one line for the pane, in place of the picture.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("{}", t!("picture-not-http", url = .0.as_str()))]
    NotHttp(String),
    #[error("{}", t!("picture-fetch", why = .0.to_string()))]
    Fetch(#[from] FetchError),
    /// The bytes are none of the formats we decode; the server's content type, if any,
    /// says what it was instead.
    #[error("{}", t!("picture-not-a-picture", content_type = describe_type(.content_type)))]
    NotAPicture { content_type: Option<String> },
    #[error("{}", t!("picture-too-many-pixels", width = .width.to_string(), height = .height.to_string()))]
    TooManyPixels { width: u32, height: u32 },
    #[error("{}", t!("picture-too-much-memory"))]
    TooMuchMemory,
    #[error("{}", t!("picture-decode", why = .0.as_str()))]
    Decode(String),
}

fn describe_type(content_type: &Option<String>) -> String {
    match content_type {
        Some(t) if !t.is_empty() => format!(" ({})", crate::sanitize::line_capped(t, 60)),
        _ => String::new(),
    }
}
