//! Fetching one picture: the feed fetch (its client, timeouts, manual redirects that refuse
//! other schemes, a body cap checked against Content-Length and while streaming), restricted
//! to http(s), with a smaller cap, and the bytes sniffed before anyone decodes them.

use super::{PictureError, sniff};
use crate::feed::fetch::{self as feed_fetch, FetchError, FetchLimits, Fetched};
use image::ImageFormat;
use url::Url;

/// Bytes accepted per picture. A news photo is well under 1 MB; 8 MB leaves room for a
/// large PNG without letting one article fill the disk cache.
pub const MAX_PICTURE_BYTES: usize = 8 * 1024 * 1024;

/// The feed fetch's limits with the picture byte cap.
pub fn limits() -> FetchLimits {
    FetchLimits {
        max_body: MAX_PICTURE_BYTES,
        ..FetchLimits::default()
    }
}

/// Fetched bytes that start like one of the formats we decode.
#[derive(Debug)]
pub struct FetchedPicture {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    /// Where the bytes finally came from, after redirects.
    pub final_url: String,
}

/// Fetches `url` with `client` (the feed client: [`feed_fetch::client`]) under `limits`.
///
/// Refused: other schemes than http(s) (file:// would read local files named by a feed),
/// bodies over `limits.max_body` (by Content-Length before reading, else as soon as the
/// stream passes it), and bytes that are not PNG, JPEG, GIF or WebP whatever the server's
/// content type says.
pub async fn fetch_picture(
    client: &reqwest::Client,
    url: &str,
    limits: &FetchLimits,
) -> Result<FetchedPicture, PictureError> {
    let parsed = Url::parse(url.trim()).map_err(FetchError::InvalidUrl)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(PictureError::NotHttp(parsed.scheme().to_string()));
    }
    // No validators: a cached picture is never revalidated (picture URLs change, not
    // bytes). The first bytes must look like a picture, or the rest is not read.
    let fetched = feed_fetch::fetch_checked(client, parsed.as_str(), limits, |first| {
        sniff::format(first).is_some()
    })
    .await;
    match fetched {
        Err(FetchError::Unwanted { content_type }) => {
            Err(PictureError::NotAPicture { content_type })
        }
        Err(e) => Err(e.into()),
        // Only an answer to validators we did not send: a broken server.
        Ok(Fetched::NotModified) => Err(FetchError::Status(304).into()),
        Ok(Fetched::Document {
            bytes,
            content_type,
            final_url,
            ..
        }) => match sniff::format(&bytes) {
            Some(format) => Ok(FetchedPicture {
                bytes,
                format,
                final_url,
            }),
            None => Err(PictureError::NotAPicture { content_type }),
        },
    }
}
