//! QR codes drawn with half blocks, two module rows per terminal row.
//!
//! Light modules (and the quiet zone) are drawn as blocks in the foreground colour and dark
//! modules are left as background, which is right for the usual light-on-dark terminal. The
//! UI should still draw the lines with an explicit light foreground on a dark background so
//! the code scans on light terminals too.

use crate::t;
use qrcode::{Color, EcLevel, QrCode};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrError {
    /// The code needs this many cells (width × height) at the smallest quiet zone.
    TooLong { needed_w: u16, needed_h: u16 },
    /// The text cannot be encoded at all (too long for any QR version).
    Data,
}

impl std::fmt::Display for QrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QrError::TooLong { needed_w, needed_h } => f.write_str(&t!(
                "share-qr-too-long-here",
                width = needed_w.to_string(),
                height = needed_h.to_string()
            )),
            QrError::Data => f.write_str(&t!("share-qr-too-long-plain")),
        }
    }
}

impl std::error::Error for QrError {}

/// The quiet zones tried, widest first: 2 modules when it fits, else 1 (phones cope).
const QUIET_ZONES: [usize; 2] = [2, 1];

/// The module grid, row by row, without a quiet zone; `true` is a dark module.
/// Error correction level Low, so that ordinary URLs fit on an 80×24 screen.
pub fn modules(text: &str) -> Result<Vec<Vec<bool>>, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)
        .map_err(|_| QrError::Data)?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
        .collect())
}

/// The QR code of `text` as lines of equal width (in cells) fitting `max_width` × `max_height`.
pub fn qr_lines(text: &str, max_width: u16, max_height: u16) -> Result<Vec<String>, QrError> {
    let grid = modules(text)?;
    let size = grid.len();
    let mut needed = (u16::MAX, u16::MAX);
    for quiet in QUIET_ZONES {
        let (w, h) = cells(size, quiet);
        if w <= usize::from(max_width) && h <= usize::from(max_height) {
            return Ok(draw(&grid, quiet));
        }
        needed = (clamp(w), clamp(h));
    }
    Err(QrError::TooLong {
        needed_w: needed.0,
        needed_h: needed.1,
    })
}

fn clamp(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Width and height in cells of a `size`-module code with a `quiet`-module margin.
fn cells(size: usize, quiet: usize) -> (usize, usize) {
    let side = size + 2 * quiet;
    (side, side.div_ceil(2))
}

fn draw(grid: &[Vec<bool>], quiet: usize) -> Vec<String> {
    let size = grid.len();
    let side = size + 2 * quiet;
    // Light = drawn. Outside the grid is quiet zone, which is light; a last half row past
    // the bottom edge (odd side) is left undrawn.
    let light = |row: usize, col: usize| -> bool {
        if row >= side {
            return false;
        }
        if row < quiet || col < quiet || row >= quiet + size || col >= quiet + size {
            return true;
        }
        !grid[row - quiet][col - quiet]
    };
    (0..side)
        .step_by(2)
        .map(|top| {
            (0..side)
                .map(|col| match (light(top, col), light(top + 1, col)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect()
}
