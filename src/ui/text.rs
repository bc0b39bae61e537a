//! Settling clusters whose width terminals disagree about; fitting text into columns is
//! `crate::text`, re-exported here.

use crate::text::cell_width;
use ratatui::buffer::Buffer;
use unicode_segmentation::UnicodeSegmentation;

// Fitting lives below the UI so the commands and the app can use it without importing ui.
pub use crate::text::{fit, fit_keep_end, fit_runs, home_relative, plural};

/// Characters after which terminals, tmux and unicode-width each decide a cluster's width
/// their own way: joiners, variation selectors, skin tones, tag sequences, keycaps.
fn unsettled(c: char) -> bool {
    matches!(c,
        '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{20E3}'
        | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Regional indicators pair into flags in some terminals and not in others.
fn regional_letter(c: char) -> Option<char> {
    let n = u32::from(c).checked_sub(0x1F1E6).filter(|n| *n < 26)?;
    char::from_u32(u32::from('A') + n)
}

/// `None` when every party agrees on the width of grapheme `g`; otherwise a replacement
/// of exactly the columns ratatui gave `g`: a flag becomes its two letters (`🇯🇵` → `JP`),
/// a ZWJ sequence its first emoji, and selectors, skin tones and tags are dropped; what
/// is left over is padded with spaces.
pub fn settle_grapheme(g: &str) -> Option<String> {
    // Nearly every cell of a frame: nothing to settle in ASCII.
    if g.is_ascii() {
        return None;
    }
    if !g
        .chars()
        .any(|c| unsettled(c) || regional_letter(c).is_some())
    {
        return None;
    }
    let width = cell_width(g);
    let mut kept = String::new();
    for c in g.chars() {
        if c == '\u{200D}' {
            break;
        }
        if let Some(l) = regional_letter(c) {
            kept.push(l);
        } else if !unsettled(c) {
            kept.push(c);
        }
    }
    let mut out = String::with_capacity(width);
    let mut used = 0;
    for part in kept.graphemes(true) {
        let w = cell_width(part);
        if used + w > width {
            break;
        }
        out.push_str(part);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    Some(out)
}

/// `s` with every unsettled grapheme replaced (same columns as ratatui measures `s`).
pub fn settle(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| unsettled(c) || regional_letter(c).is_some())
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        match settle_grapheme(g) {
            Some(r) => out.push_str(&r),
            None => out.push_str(g),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Settles every cell of a finished frame: the one place all drawn text passes, so no
/// widget can put a cluster on screen that the terminal lays out differently from
/// ratatui's diff (which left a lone `🇵` behind after the flag scrolled away).
pub fn settle_buffer(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let Some(rep) = settle_grapheme(cell.symbol()) else {
                x += 1;
                continue;
            };
            let style = cell.style();
            let width = cell_width(cell.symbol()).max(1);
            // Only the blank cells a wide cluster hid are ours to write; something drawn
            // over them since (an overlay's border) stays.
            let mut room = 1;
            while room < width
                && x + (room as u16) < area.right()
                && buf[(x + room as u16, y)].symbol() == " "
            {
                room += 1;
            }
            let (end, _) = buf.set_stringn(x, y, &rep, room, style);
            for cx in end..x + room as u16 {
                buf[(cx, y)].set_symbol(" ").set_style(style);
            }
            x += room as u16;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settles_flags_joiners_and_selectors() {
        use super::{settle, settle_grapheme};
        assert_eq!(settle("絵文字テスト 🎉🇯🇵"), "絵文字テスト 🎉JP");
        assert_eq!(
            settle_grapheme("👨\u{200D}👩\u{200D}👧").as_deref(),
            Some("👨")
        );
        assert_eq!(settle_grapheme("👍🏽").as_deref(), Some("👍"));
        // U+2764 is one column alone; with VS16 ratatui gives it two.
        assert_eq!(settle_grapheme("❤\u{FE0F}").as_deref(), Some("❤ "));
        assert_eq!(settle_grapheme("1\u{FE0F}\u{20E3}").as_deref(), Some("1 "));
        assert_eq!(settle_grapheme("🇵").as_deref(), Some("P"));
        assert_eq!(settle_grapheme("会"), None);
        assert_eq!(settle_grapheme("e\u{301}"), None);
    }

    proptest::proptest! {
        /// Settling never changes the columns ratatui measures, and leaves nothing unsettled.
        #[test]
        fn settling_keeps_columns(s in "(\\PC|[\u{1F1E6}-\u{1F1FF}\u{200D}\u{FE0E}\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{20E3}\u{E0061}]|👨|❤|#){0,24}") {
            use unicode_segmentation::UnicodeSegmentation;
            for g in s.graphemes(true) {
                if let Some(r) = super::settle_grapheme(g) {
                    proptest::prop_assert_eq!(super::cell_width(g), r.graphemes(true).map(super::cell_width).sum::<usize>(), "{:?} -> {:?}", g, r);
                    proptest::prop_assert!(super::settle_grapheme(&r).is_none() || r.graphemes(true).all(|p| super::settle_grapheme(p).is_none()), "{:?}", r);
                }
            }
        }
    }
}
