//! A picture made ready for the pane: decoded bytes turned into half-block lines and, when
//! the terminal speaks a graphics protocol, into that protocol's encoding, both for one box
//! of cells. The CPU work of showing a picture happens here, off the UI loop; drawing it is
//! then copying lines (or one protocol render) into the buffer.

use super::decode::{DecodeLimits, decode};
use super::{PictureError, halfblocks};
use ratatui::layout::Size;
use ratatui::text::Line;
use ratatui_image::Resize;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;

/// A picture sized for a box of cells.
pub struct Shown {
    /// Half blocks, one line per row: drawn wherever the protocol can't be (tmux without
    /// passthrough, a picture partly scrolled off).
    pub lines: Vec<Line<'static>>,
    /// The terminal protocol's encoding, when the picker's protocol is not half blocks.
    pub protocol: Option<Protocol>,
    /// The rows the picture takes in the pane: the taller of the two forms.
    pub rows: u16,
    /// The columns the picture takes.
    pub cols: u16,
}

impl std::fmt::Debug for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Shown({}x{} cells, {})",
            self.cols,
            self.rows,
            // i18n: Debug
            if self.protocol.is_some() {
                "protocol"
            } else {
                "half blocks" // i18n: Debug
            }
        )
    }
}

/// `bytes` decoded (within `limits`) and made ready for at most `max_cols` x `max_rows`
/// cells, aspect kept, never enlarged.
pub fn prepare(
    bytes: &[u8],
    max_cols: u16,
    max_rows: u16,
    picker: Option<&Picker>,
    limits: &DecodeLimits,
) -> Result<Shown, PictureError> {
    let image = decode(bytes, limits)?;
    let lines = halfblocks::lines(&image, max_cols, max_rows);
    let mut rows = lines.len() as u16;
    let mut cols = lines.first().map_or(0, |l| l.width() as u16);
    let protocol = match picker {
        Some(p) if p.protocol_type() != ProtocolType::Halfblocks => {
            let encoded = crate::panic_guard::catch(|| {
                p.new_protocol(image, Size::new(max_cols, max_rows), Resize::Fit(None))
            });
            match encoded {
                Ok(Ok(protocol)) => {
                    let size = protocol.size();
                    rows = rows.max(size.height);
                    cols = cols.max(size.width);
                    Some(protocol)
                }
                // The half blocks still show it.
                Ok(Err(e)) => {
                    tracing::info!("picture not encoded for the terminal: {e}");
                    None
                }
                Err(panicked) => {
                    tracing::warn!("picture encoder panicked: {}", panicked.detail);
                    None
                }
            }
        }
        _ => None,
    };
    Ok(Shown {
        lines,
        protocol,
        rows,
        cols,
    })
}
