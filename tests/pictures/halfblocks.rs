use crate::images;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::widgets::Paragraph;
use tidings::pictures::halfblocks::{cells_for, lines};

const PALETTE: [(char, (u8, u8, u8)); 4] = [
    ('R', (255, 0, 0)),
    ('G', (0, 255, 0)),
    ('B', (0, 0, 255)),
    ('Y', (255, 255, 0)),
];

/// A palette colour as its capital; a blend (the filter at an edge) as the small letter of
/// the nearest one; the terminal's own colour as `.`.
fn letter(c: Color) -> char {
    let Color::Rgb(r, g, b) = c else {
        return if c == Color::Reset { '.' } else { '?' };
    };
    let distance = |(pr, pg, pb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, pr) + d(g, pg) + d(b, pb)
    };
    let (name, rgb) = PALETTE
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb))
        .copied()
        .unwrap_or(('?', (0, 0, 0)));
    if rgb == (r, g, b) {
        name
    } else {
        name.to_ascii_lowercase()
    }
}

/// The symbols, then the foreground and background colours of each cell as letters.
fn colours(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for (title, pick) in [("fg", 0), ("bg", 1)] {
        out.push_str(title);
        out.push('\n');
        for y in 0..area.height {
            for x in 0..area.width {
                let cell = &buf[(x, y)];
                out.push(letter(if pick == 0 { cell.fg } else { cell.bg }));
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn four_colours_at_their_aspect() {
    // 40x20 pixels into at most 30x8 cells: height binds, 32x16 pixels, 32 wide is too
    // wide, so width binds: 30x15 pixels, 30 columns, 8 rows (the last half empty).
    let picture = images::quadrants(40, 20);
    let drawn = lines(&picture, 30, 8);
    assert_eq!(cells_for(40, 20, 30, 8), (30, 8));
    assert_eq!(drawn.len(), 8);
    assert!(drawn.iter().all(|l| l.width() == 30));
    let mut terminal = Terminal::new(TestBackend::new(34, 10)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(Paragraph::new(drawn.clone()), frame.area()))
        .expect("draw");
    insta::assert_snapshot!(terminal.backend());
    insta::assert_snapshot!(colours(terminal.backend().buffer()));
}

#[test]
fn a_large_photo_fits_the_box_and_keeps_its_shape() {
    let picture = images::quadrants(2000, 1500);
    let drawn = lines(&picture, 80, 20);
    assert_eq!(drawn.len(), 20);
    assert!(
        drawn.iter().all(|l| l.width() == 53),
        "4:3 in 80x20 cells is 53 wide"
    );
}

#[test]
fn transparency_is_left_to_the_terminal() {
    let clear = image::DynamicImage::ImageRgba8(image::RgbaImage::new(4, 4));
    let drawn = lines(&clear, 10, 10);
    assert_eq!(drawn.len(), 2);
    for line in &drawn {
        for span in &line.spans {
            assert_eq!(span.style.fg, None);
            assert_eq!(span.style.bg, None);
        }
    }
}

/// The plain computation `shrink` must equal: every output pixel the rounded mean of the
/// source pixels whose integer-scaled position falls in it, read one by one as RGBA.
fn plain_shrink(image: &image::DynamicImage, w: u32, h: u32) -> image::RgbaImage {
    use image::GenericImageView;
    let (sw, sh) = image.dimensions();
    image::RgbaImage::from_fn(w, h, |ox, oy| {
        let mut sum = [0u64; 4];
        let mut n = 0u64;
        for sy in 0..sh {
            for sx in 0..sw {
                // Source pixel sx is in column ox when ox*sw/w <= sx < (ox+1)*sw/w.
                let in_x = (ox * sw / w) <= sx && sx < ((ox + 1) * sw / w);
                let in_y = (oy * sh / h) <= sy && sy < ((oy + 1) * sh / h);
                if in_x && in_y {
                    let p = image.get_pixel(sx, sy);
                    for c in 0..4 {
                        sum[c] += u64::from(p[c]);
                    }
                    n += 1;
                }
            }
        }
        image::Rgba(sum.map(|v| ((v + n / 2) / n) as u8))
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// The one-pass shrink against the pixel-by-pixel mean, for every 8-bit layout.
    #[test]
    fn shrink_is_the_mean_of_each_rectangle(
        sw in 1u32..24, sh in 1u32..24, fw in 0.0f64..1.0, fh in 0.0f64..1.0,
        layout in 0usize..5, seed in proptest::prelude::any::<u64>(),
    ) {
        let w = ((f64::from(sw) * fw).ceil() as u32).clamp(1, sw);
        let h = ((f64::from(sh) * fh).ceil() as u32).clamp(1, sh);
        let mut state = seed | 1;
        let rgba = image::RgbaImage::from_fn(sw, sh, |_, _| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            image::Rgba(state.to_le_bytes()[..4].try_into().unwrap_or([0; 4]))
        });
        let rgba = image::DynamicImage::ImageRgba8(rgba);
        let source = match layout {
            0 => image::DynamicImage::ImageLuma8(rgba.to_luma8()),
            1 => image::DynamicImage::ImageLumaA8(rgba.to_luma_alpha8()),
            2 => image::DynamicImage::ImageRgb8(rgba.to_rgb8()),
            3 => rgba,
            _ => image::DynamicImage::ImageRgba16(rgba.to_rgba16()),
        };
        proptest::prop_assert_eq!(
            tidings::pictures::halfblocks::shrink(&source, w, h),
            plain_shrink(&source, w, h)
        );
    }
}
