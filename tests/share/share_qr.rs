//! The QR drawn with half blocks encodes exactly the URL: compared with the qrcode matrix,
//! and decoded back with rqrr from an image of the drawn cells.

use tidings::share::{QrError, modules, qr_lines};

/// 100 characters, like an ordinary article link with a tracking parameter.
const URL: &str = "https://www.example-news.com/world/2025/01/29/a-fairly-ordinary-article-slug-here?utm_source=rss&x=1";

/// Light (drawn) halves of each cell, as a grid of pixels: `true` = light.
fn light_pixels(lines: &[String]) -> Vec<Vec<bool>> {
    let mut rows = Vec::new();
    for line in lines {
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for c in line.chars() {
            let (t, b) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected {other:?} in {line:?}"),
            };
            top.push(t);
            bottom.push(b);
        }
        rows.push(top);
        rows.push(bottom);
    }
    rows
}

/// The module grid read back from the drawing (dark = true), its quiet zone removed.
fn read_back(lines: &[String], size: usize) -> (Vec<Vec<bool>>, usize) {
    let px = light_pixels(lines);
    let width = px[0].len();
    assert!((width - size).is_multiple_of(2));
    let quiet = (width - size) / 2;
    // The quiet zone is light all round.
    for (r, row) in px.iter().enumerate().take(width) {
        for (c, light) in row.iter().enumerate() {
            let inside = (quiet..quiet + size).contains(&r) && (quiet..quiet + size).contains(&c);
            if !inside {
                assert!(light, "quiet zone not light at {r},{c}");
            }
        }
    }
    let grid = (quiet..quiet + size)
        .map(|r| (quiet..quiet + size).map(|c| !px[r][c]).collect())
        .collect();
    (grid, quiet)
}

#[test]
fn drawing_matches_the_module_matrix() {
    let matrix = modules(URL).unwrap();
    let size = matrix.len();
    let lines = qr_lines(URL, 80, 40).unwrap();
    let width = lines[0].chars().count();
    assert!(
        lines.iter().all(|l| l.chars().count() == width),
        "ragged lines"
    );
    let (grid, quiet) = read_back(&lines, size);
    assert_eq!(quiet, 2, "room for the full quiet zone");
    assert_eq!(grid, matrix);
}

#[test]
fn an_ordinary_url_fits_80x24() {
    assert_eq!(URL.len(), 100);
    let lines = qr_lines(URL, 78, 20).unwrap();
    assert!(lines.len() <= 20, "{} rows", lines.len());
    assert!(lines[0].chars().count() <= 78);
    let (grid, _) = read_back(&lines, modules(URL).unwrap().len());
    assert_eq!(grid, modules(URL).unwrap());
}

#[test]
fn quiet_zone_shrinks_before_giving_up() {
    let size = modules(URL).unwrap().len();
    let tight = u16::try_from(size + 2).unwrap();
    let lines = qr_lines(URL, tight, tight).unwrap();
    assert_eq!(lines[0].chars().count(), size + 2);
    let (grid, quiet) = read_back(&lines, size);
    assert_eq!(quiet, 1);
    assert_eq!(grid, modules(URL).unwrap());
}

#[test]
fn too_long_says_how_much_room_it_needs() {
    let long = format!("https://example.com/{}", "a".repeat(2000));
    match qr_lines(&long, 78, 20) {
        Err(QrError::TooLong { needed_w, needed_h }) => {
            assert!(needed_w > 78 && needed_h > 20, "{needed_w}x{needed_h}");
            let size = modules(&long).unwrap().len();
            assert_eq!(usize::from(needed_w), size + 2);
        }
        other => panic!("expected TooLong, got {other:?}"),
    }
    let err = QrError::TooLong {
        needed_w: 101,
        needed_h: 51,
    }
    .to_string();
    assert!(err.contains("too long"), "{err}");
}

#[test]
fn unencodable_text_is_a_data_error() {
    let huge = "x".repeat(5000);
    assert_eq!(modules(&huge), Err(QrError::Data));
    assert_eq!(qr_lines(&huge, 500, 500), Err(QrError::Data));
}

#[test]
fn a_phone_reads_it_back() {
    for url in [
        URL,
        "https://e.com/новости?q=日本",
        "mailto:?subject=Hi%20there&body=x",
    ] {
        let lines = qr_lines(url, 78, 20).unwrap();
        let px = light_pixels(&lines);
        // Each half cell becomes 4×4 pixels as a light-on-dark terminal shows it: blocks
        // light, spaces and the screen around the code dark. The drawn quiet zone must be
        // enough for the scanner.
        const S: usize = 4;
        let (w, h) = (px[0].len(), px.len());
        let margin = 4;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(
            (w + 2 * margin) * S,
            (h + 2 * margin) * S,
            |x, y| {
                let (cx, cy) = (x / S, y / S);
                let light = if cx < margin || cy < margin || cx >= w + margin || cy >= h + margin {
                    false
                } else {
                    px[cy - margin][cx - margin]
                };
                if light { 255 } else { 0 }
            },
        );
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code found for {url}");
        let (_, content) = grids[0].decode().expect("decodes");
        assert_eq!(content, url);
    }
}
