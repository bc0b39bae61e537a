//! Pictures made in the test, in every format we decode.
use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};
use std::io::Cursor;

/// Four quadrants: red, green / blue, yellow.
pub fn quadrants(w: u32, h: u32) -> DynamicImage {
    let img = RgbaImage::from_fn(w, h, |x, y| match (x < w / 2, y < h / 2) {
        (true, true) => Rgba([255, 0, 0, 255]),
        (false, true) => Rgba([0, 255, 0, 255]),
        (true, false) => Rgba([0, 0, 255, 255]),
        (false, false) => Rgba([255, 255, 0, 255]),
    });
    DynamicImage::ImageRgba8(img)
}

pub fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let img = match format {
        // JPEG has no alpha.
        ImageFormat::Jpeg => DynamicImage::ImageRgb8(img.to_rgb8()),
        _ => img.clone(),
    };
    img.write_to(&mut out, format).expect("encode test picture");
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A real 1x1 PNG whose header then claims `w`x`h` (colour type and depth kept, CRC fixed):
/// a decompression bomb's header on a few dozen bytes.
pub fn png_claiming(w: u32, h: u32, color: image::ColorType) -> Vec<u8> {
    let small = match color {
        image::ColorType::Rgba16 => DynamicImage::ImageRgba16(image::ImageBuffer::new(1, 1)),
        _ => DynamicImage::ImageRgb8(image::RgbImage::new(1, 1)),
    };
    let mut png = encode(&small, ImageFormat::Png);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}
