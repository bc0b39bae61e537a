//! `tidings-bench pictures`: decoding a 2000x1500 JPEG and drawing it as half blocks in
//! 80x20 cells, the two CPU steps between a fetched picture and the pane.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};
use std::time::{Duration, Instant};
use tidings::pictures::decode::{DecodeLimits, decode};
use tidings::pictures::halfblocks;

const RUNS: usize = 15;

/// A photo-like picture: gradients with noise, so the JPEG is the size a news photo is.
fn photo(w: u32, h: u32) -> DynamicImage {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let img = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % 32) as u32;
        Rgb([
            ((x * 255 / w + noise) % 256) as u8,
            ((y * 255 / h + noise) % 256) as u8,
            (((x + y) * 128 / (w + h) + noise) % 256) as u8,
        ])
    });
    DynamicImage::ImageRgb8(img)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn run() {
    let picture = photo(2000, 1500);
    let mut jpeg = Vec::new();
    if let Err(e) = JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&picture) {
        println!("pictures: could not encode the test JPEG: {e}");
        return;
    }
    let limits = DecodeLimits::default();
    let mut decode_times = Vec::new();
    let mut decoded = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let image = decode(&jpeg, &limits);
        decode_times.push(start.elapsed());
        decoded = image.ok();
    }
    let Some(decoded) = decoded else {
        println!("pictures: the test JPEG did not decode");
        return;
    };
    let mut draw_times = Vec::new();
    let mut rows = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        rows = halfblocks::lines(&decoded, 80, 20).len();
        draw_times.push(start.elapsed());
    }
    println!(
        "pictures: decode 2000x1500 JPEG ({} KB, q85): median {:.1} ms of {RUNS}",
        jpeg.len() / 1024,
        median(decode_times).as_secs_f64() * 1000.0
    );
    println!(
        "pictures: half blocks into 80x20 cells ({rows} rows): median {:.2} ms of {RUNS}",
        median(draw_times).as_secs_f64() * 1000.0
    );
}
