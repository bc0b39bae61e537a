//! A picture as text: each cell is `▀` with the upper pixel as foreground and the lower as
//! background, so a cell holds two square pixels (terminal cells are about 1:2).
//!
//! Written here rather than taken from ratatui-image's half-block protocol: that one
//! stretches to the area it is given and renders into a `Buffer`; the article pane wants
//! lines it can wrap into its text, scroll and clip like any other line, at the picture's
//! own aspect.

use image::{DynamicImage as Dyn, RgbaImage};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

const UPPER: &str = "▀";
const LOWER: &str = "▄";
/// Pixels this transparent or more are left to the terminal's background.
const OPAQUE_FROM: u8 = 128;

/// The size in cells `image` takes at most `max_width` columns and `max_height` rows:
/// aspect kept, never enlarged (a 16-pixel icon stays small), at least one cell.
pub fn cells_for(
    image_width: u32,
    image_height: u32,
    max_width: u16,
    max_height: u16,
) -> (u16, u16) {
    let (pixels_w, pixels_h) = pixels_for(image_width, image_height, max_width, max_height);
    (pixels_w as u16, pixels_h.div_ceil(2) as u16)
}

/// The pixel grid drawn: one pixel per column, two per row.
fn pixels_for(image_width: u32, image_height: u32, max_width: u16, max_height: u16) -> (u32, u32) {
    let (w, h) = (
        f64::from(image_width.max(1)),
        f64::from(image_height.max(1)),
    );
    let box_w = f64::from(max_width.max(1));
    let box_h = f64::from(max_height.max(1)) * 2.0;
    let scale = (box_w / w).min(box_h / h).min(1.0);
    let fit = |side: f64, limit: f64| (side * scale).round().clamp(1.0, limit) as u32;
    (fit(w, box_w), fit(h, box_h))
}

/// `image` drawn in at most `max_width` x `max_height` cells (see [`cells_for`]), one
/// `Line` per row, every line as wide as the picture. Pure: the same picture and box give
/// the same lines. Costs one pass over the picture's pixels ([`shrink`]) plus one over the
/// small result.
pub fn lines(image: &Dyn, max_width: u16, max_height: u16) -> Vec<Line<'static>> {
    let (w, h) = pixels_for(image.width(), image.height(), max_width, max_height);
    let small = shrink(image, w, h);
    let pixel = |x: u32, y: u32| -> Option<Color> {
        let p = small.get_pixel_checked(x, y)?;
        (p[3] >= OPAQUE_FROM).then_some(Color::Rgb(p[0], p[1], p[2]))
    };
    (0..h.div_ceil(2))
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run: Option<(&'static str, Style, usize)> = None;
            for x in 0..w {
                let (symbol, style) = cell(pixel(x, row * 2), pixel(x, row * 2 + 1));
                run = match run {
                    Some((s, st, n)) if s == symbol && st == style => Some((s, st, n + 1)),
                    Some((s, st, n)) => {
                        spans.push(Span::styled(s.repeat(n), st));
                        Some((symbol, style, 1))
                    }
                    None => Some((symbol, style, 1)),
                };
            }
            if let Some((s, st, n)) = run {
                spans.push(Span::styled(s.repeat(n), st));
            }
            Line::from(spans)
        })
        .collect()
}

/// `image` shrunk to `w`x`h` (at most its own size): each pixel the mean of the source
/// rectangle it covers, in integers, in one pass over the source's 8-bit samples. image's
/// own filters cost nearly as much as the decode: a 2000x1500 photo into 53x40 took 20 ms
/// with `resize_exact(Triangle)` and 12 ms with `thumbnail_exact` (converting to RGBA alone
/// 3 ms), `lines` with this 5 ms. Other sample types (16-bit, float) are converted to RGBA
/// first. A plain mean, not premultiplied: a half-transparent edge may darken slightly.
pub fn shrink(image: &Dyn, w: u32, h: u32) -> RgbaImage {
    let converted;
    let (samples, channels): (&[u8], usize) = match image {
        Dyn::ImageLuma8(i) => (i.as_raw(), 1),
        Dyn::ImageLumaA8(i) => (i.as_raw(), 2),
        Dyn::ImageRgb8(i) => (i.as_raw(), 3),
        Dyn::ImageRgba8(i) => (i.as_raw(), 4),
        other => {
            converted = other.to_rgba8();
            (converted.as_raw(), 4)
        }
    };
    let (src_w, src_h) = (image.width() as usize, image.height() as usize);
    let (w, h) = (
        w.clamp(1, src_w.max(1) as u32),
        h.clamp(1, src_h.max(1) as u32),
    );
    let (out_w, out_h) = (w as usize, h as usize);
    // Integer edges: output column x covers source columns [edge(x), edge(x + 1)), never empty
    // since the result is no larger than the source.
    let edges =
        |out: usize, src: usize| -> Vec<usize> { (0..=out).map(|i| i * src / out).collect() };
    let (xs, ys) = (edges(out_w, src_w), edges(out_h, src_h));
    let mut out = RgbaImage::new(w, h);
    let mut sums = vec![[0u64; 4]; out_w];
    for oy in 0..out_h {
        sums.iter_mut().for_each(|s| *s = [0; 4]);
        for sy in ys[oy]..ys[oy + 1] {
            let row = &samples[sy * src_w * channels..(sy + 1) * src_w * channels];
            for (ox, sum) in sums.iter_mut().enumerate() {
                for px in row[xs[ox] * channels..xs[ox + 1] * channels].chunks_exact(channels) {
                    let [r, g, b, a] = match *px {
                        [l] => [l, l, l, 255],
                        [l, a] => [l, l, l, a],
                        [r, g, b] => [r, g, b, 255],
                        [r, g, b, a] => [r, g, b, a],
                        _ => [0; 4],
                    };
                    sum[0] += u64::from(r);
                    sum[1] += u64::from(g);
                    sum[2] += u64::from(b);
                    sum[3] += u64::from(a);
                }
            }
        }
        let rows = (ys[oy + 1] - ys[oy]) as u64;
        for (ox, sum) in sums.iter().enumerate() {
            let n = rows * (xs[ox + 1] - xs[ox]) as u64;
            // Rounded mean; at most 255 since every term is.
            let mean = |v: u64| ((v + n / 2) / n.max(1)) as u8;
            out.put_pixel(
                ox as u32,
                oy as u32,
                image::Rgba([mean(sum[0]), mean(sum[1]), mean(sum[2]), mean(sum[3])]),
            );
        }
    }
    out
}

/// One cell from its upper and lower pixel (`None`: transparent or past the bottom edge).
fn cell(upper: Option<Color>, lower: Option<Color>) -> (&'static str, Style) {
    match (upper, lower) {
        (Some(u), Some(l)) if u == l => (" ", Style::new().bg(u)),
        (Some(u), Some(l)) => (UPPER, Style::new().fg(u).bg(l)),
        (Some(u), None) => (UPPER, Style::new().fg(u)),
        (None, Some(l)) => (LOWER, Style::new().fg(l)),
        (None, None) => (" ", Style::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_keep_the_aspect_and_never_enlarge() {
        // 2000x1500 into 80x20 cells: height binds (40 pixel rows), 53x40 pixels.
        assert_eq!(cells_for(2000, 1500, 80, 20), (53, 20));
        // Wide: width binds.
        assert_eq!(cells_for(1600, 400, 80, 20), (80, 10));
        // Small stays small; odd pixel heights round up to a whole row.
        assert_eq!(cells_for(16, 15, 80, 20), (16, 8));
        // Degenerate sizes still give a cell.
        assert_eq!(cells_for(0, 0, 0, 0), (1, 1));
        assert_eq!(cells_for(100_000, 1, 80, 20), (80, 1));
        assert_eq!(cells_for(1, 100_000, 80, 20), (1, 20));
    }
}
