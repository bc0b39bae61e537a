//! Decoding with the decoder's own limits: the dimensions in a header are checked before
//! a pixel buffer is allocated, so a 100-byte PNG declaring 50000x50000 costs nothing.

use super::{PictureError, sniff};
use crate::t;
use image::error::{ImageError, LimitErrorKind};
use image::{DynamicImage, ImageReader};
use std::io::Cursor;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeLimits {
    pub max_width: u32,
    pub max_height: u32,
    /// Largest allocation the decoder may make, in bytes (the pixel buffer, mostly).
    pub max_alloc: u64,
}

impl Default for DecodeLimits {
    /// Past 8192 pixels a side a picture is not a news photo, and a terminal shows a few
    /// hundred; 128 MB holds a 5000x5000 RGBA picture.
    fn default() -> Self {
        DecodeLimits {
            max_width: 8192,
            max_height: 8192,
            max_alloc: 128 * 1024 * 1024,
        }
    }
}

/// Decodes `bytes` (PNG, JPEG, WebP, or a GIF's first frame), by their magic, not by a
/// server's word. Garbage is an error, never a panic: a decoder panic is contained too.
pub fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<DynamicImage, PictureError> {
    let format = sniff::format(bytes).ok_or(PictureError::NotAPicture { content_type: None })?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(limits.max_width);
    decoder_limits.max_image_height = Some(limits.max_height);
    decoder_limits.max_alloc = Some(limits.max_alloc);
    reader.limits(decoder_limits);
    // For a GIF, `decode` reads the first frame only: an animation is shown still.
    match crate::panic_guard::catch(|| reader.decode()) {
        Ok(Ok(image)) => Ok(image),
        Ok(Err(e)) => Err(describe(e, bytes, format)),
        Err(panicked) => {
            tracing::warn!("picture decoder panicked: {}", panicked.detail);
            Err(PictureError::Decode(t!("picture-decoder-failed")))
        }
    }
}

fn describe(err: ImageError, bytes: &[u8], format: image::ImageFormat) -> PictureError {
    match err {
        ImageError::Limits(limit) => match limit.kind() {
            LimitErrorKind::DimensionError => {
                // The header alone, again, for the message: it was read once already.
                let dims = crate::panic_guard::catch(|| {
                    ImageReader::with_format(Cursor::new(bytes), format).into_dimensions()
                });
                match dims {
                    Ok(Ok((width, height))) => PictureError::TooManyPixels { width, height },
                    _ => PictureError::TooMuchMemory,
                }
            }
            _ => PictureError::TooMuchMemory,
        },
        other => PictureError::Decode(crate::sanitize::line_capped(&other.to_string(), 120)),
    }
}
