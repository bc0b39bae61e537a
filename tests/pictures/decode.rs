use crate::images;
use image::{ColorType, GenericImageView, ImageFormat, Rgba};
use proptest::prelude::*;
use tidings::pictures::PictureError;
use tidings::pictures::decode::{DecodeLimits, decode};

#[test]
fn small_pictures_decode_in_every_format() {
    let picture = images::quadrants(16, 12);
    for format in [
        ImageFormat::Png,
        ImageFormat::Jpeg,
        ImageFormat::Gif,
        ImageFormat::WebP,
    ] {
        let bytes = images::encode(&picture, format);
        let got =
            decode(&bytes, &DecodeLimits::default()).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!(got.dimensions(), (16, 12), "{format:?}");
        // Lossy JPEG: near red in the red corner is enough.
        let p = got.get_pixel(1, 1);
        assert!(p[0] > 200 && p[1] < 60 && p[2] < 60, "{format:?}: {p:?}");
    }
}

#[test]
fn a_gif_shows_its_first_frame() {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, RgbaImage};
    let frame = |c: [u8; 4]| {
        Frame::from_parts(
            RgbaImage::from_pixel(4, 4, Rgba(c)),
            0,
            0,
            Delay::from_numer_denom_ms(100, 1),
        )
    };
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        encoder
            .encode_frames([frame([0, 0, 255, 255]), frame([255, 0, 0, 255])])
            .expect("gif");
    }
    let got = decode(&bytes, &DecodeLimits::default()).expect("decoded");
    let p = got.get_pixel(0, 0);
    assert!(p[2] > 200 && p[0] < 60, "first frame is blue: {p:?}");
}

#[test]
fn a_bomb_is_refused_by_its_header() {
    let bomb = images::png_claiming(50_000, 50_000, ColorType::Rgb8);
    assert!(bomb.len() < 100);
    let err = decode(&bomb, &DecodeLimits::default()).expect_err("refused");
    assert!(
        matches!(
            err,
            PictureError::TooManyPixels {
                width: 50_000,
                height: 50_000
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "picture too large: 50000x50000 pixels");
}

#[test]
fn a_picture_within_the_sides_but_over_the_memory_cap_is_refused() {
    // 8000x8000 RGBA16 = 512 MB of pixels.
    let bomb = images::png_claiming(8_000, 8_000, ColorType::Rgba16);
    let err = decode(&bomb, &DecodeLimits::default()).expect_err("refused");
    assert!(matches!(err, PictureError::TooMuchMemory), "{err:?}");
}

#[test]
fn limits_are_the_callers() {
    let bytes = images::encode(&images::quadrants(64, 64), ImageFormat::Png);
    let tight = DecodeLimits {
        max_width: 32,
        ..DecodeLimits::default()
    };
    let err = decode(&bytes, &tight).expect_err("refused");
    assert!(
        matches!(
            err,
            PictureError::TooManyPixels {
                width: 64,
                height: 64
            }
        ),
        "{err:?}"
    );
}

#[test]
fn garbage_is_not_a_picture() {
    let err = decode(b"<html>", &DecodeLimits::default()).expect_err("refused");
    assert!(matches!(err, PictureError::NotAPicture { .. }), "{err:?}");
}

const MAGICS: [&[u8]; 5] = [
    b"",
    b"\x89PNG\r\n\x1a\n",
    &[0xFF, 0xD8, 0xFF],
    b"GIF89a",
    b"RIFF\x10\0\0\0WEBPVP8 ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random bytes behind each format's magic reach its decoder: errors, never panics.
    #[test]
    fn random_bytes_never_panic(magic in 0usize..MAGICS.len(), tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = MAGICS[magic].to_vec();
        bytes.extend_from_slice(&tail);
        let _ = decode(&bytes, &DecodeLimits::default());
    }

    /// A real picture with bytes flipped: a decoder walking damaged structure.
    #[test]
    fn damaged_pictures_never_panic(format in 0usize..4, flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16), cut in any::<prop::sample::Index>()) {
        let format = [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Gif, ImageFormat::WebP][format];
        let mut bytes = images::encode(&images::quadrants(12, 9), format);
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let keep = cut.index(bytes.len()) + 1;
        bytes.truncate(keep.max(bytes.len() / 2));
        let _ = decode(&bytes, &DecodeLimits::default());
    }
}
