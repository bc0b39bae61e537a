//! Which format the bytes are, from their first bytes alone: servers label pictures wrongly
//! (`application/octet-stream`, `text/html` on a CDN's error page), the bytes do not lie
//! about what the decoder will be given.

use image::ImageFormat;

/// The format of `bytes` if it is one we decode (PNG, JPEG, GIF, WebP), else `None`.
pub fn format(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageFormat::Gif)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && bytes[8..12] == *b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_four_formats_and_nothing_else() {
        assert_eq!(format(b"\x89PNG\r\n\x1a\nrest"), Some(ImageFormat::Png));
        assert_eq!(format(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageFormat::Jpeg));
        assert_eq!(format(b"GIF89a...."), Some(ImageFormat::Gif));
        assert_eq!(format(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(format(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(format(b"<svg xmlns="), None);
        assert_eq!(format(b"<!doctype html>"), None);
        assert_eq!(format(b"BM"), None);
        assert_eq!(format(b""), None);
        assert_eq!(format(b"\x89PN"), None);
    }
}
