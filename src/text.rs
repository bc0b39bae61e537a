//! Fitting text into columns by display width, measured as ratatui measures cells.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to `width` columns (with `…` when cut) and padded with spaces to exactly `width`.
/// Measured per grapheme as ratatui measures cells (`❤️` is two columns there, not one).
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(width + 4);
    let mut used = 0;
    let total: usize = s.graphemes(true).map(grapheme_width).sum();
    if total <= width {
        out.push_str(s);
        used = total;
    } else if width > 0 {
        for g in s.graphemes(true) {
            let w = grapheme_width(g);
            if used + w > width - 1 {
                break;
            }
            out.push_str(g);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Like [`fit`], but split into (text, highlighted) runs for the byte `ranges` of `s`.
pub fn fit_runs(s: &str, ranges: &[std::ops::Range<usize>], width: usize) -> Vec<(String, bool)> {
    let fitted = fit(s, width);
    if ranges.is_empty() {
        return vec![(fitted, false)];
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    // `fitted` is a prefix of `s` (plus maybe `…` and padding), so byte offsets agree.
    for (i, c) in fitted.char_indices() {
        let hl = i < s.len() && s.is_char_boundary(i) && ranges.iter().any(|r| r.contains(&i));
        match runs.last_mut() {
            Some((text, h)) if *h == hl => text.push(c),
            _ => runs.push((c.to_string(), hl)),
        }
    }
    runs
}

/// "1 article", "2 articles".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// 20000 → "20,000": counts a reader takes in at a glance.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Like [`fit`], but a text too long loses its middle: the start says what happened,
/// the end which file.
pub fn fit_keep_end(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width || width < 8 {
        return fit(s, width);
    }
    let head_w = (width / 3).min(16);
    let head = fit(s, head_w + 1);
    let head = head.trim_end_matches(['…', ' ']);
    let head_used: usize = head.chars().map(|c| c.width().unwrap_or(0)).sum();
    let room = width - head_used - 1;
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        tail.push(c);
        used += w;
    }
    let mut out = String::from(head);
    out.push('…');
    out.extend(tail.iter().rev());
    fit(&out, width)
}

/// `path` with the home directory written `~`, which is shorter and what people type.
pub fn home_relative(path: &std::path::Path, home: Option<&std::path::Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// A grapheme's columns as `Buffer::set_stringn` counts them: control characters and
/// zero-width clusters take none.
fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        cell_width(g)
    }
}

/// The columns ratatui gives a cluster (`ratatui-core`'s `cell_width`: one byte is one column).
pub(crate) fn cell_width(g: &str) -> usize {
    if g.len() == 1 { 1 } else { g.width() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (20000, "20,000")];
        for (n, want) in cases {
            assert_eq!(super::thousands(n), want);
        }
        assert_eq!(super::thousands(1234567), "1,234,567");
    }

    use super::fit;

    #[test]
    fn runs_mark_highlighted_bytes() {
        let over = 6..10;
        let runs = super::fit_runs("Storm over the harbour", std::slice::from_ref(&over), 30);
        assert_eq!(runs[0], ("Storm ".to_string(), false));
        assert_eq!(runs[1], ("over".to_string(), true));
        assert!(runs[2].0.starts_with(" the harbour"));
        let cyr = "Министр экономики";
        let first_word = 0.."Министр".len();
        let runs = super::fit_runs(cyr, std::slice::from_ref(&first_word), 30);
        assert_eq!(runs[0], ("Министр".to_string(), true));
    }

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("hello", 8), "hello   ");
        assert_eq!(fit("hello world", 8), "hello w…");
        // CJK characters are two columns wide.
        assert_eq!(fit("会谈部长访问", 7), "会谈部…");
        assert_eq!(fit("会谈部长访问", 6), "会谈… ");
        assert_eq!(fit("abc", 0), "");
        // Measured as ratatui's cells are: a heart with VS16 takes two columns.
        assert_eq!(fit("a ❤\u{FE0F} b", 6), "a ❤\u{FE0F} b");
        assert_eq!(fit("a ❤\u{FE0F} bcd", 5), "a ❤\u{FE0F}…");
    }

    #[test]
    fn long_messages_keep_their_end() {
        let m = " Saved to /home/someone/Documents/news/2025-01-29-storm-closes-harbour-as-river-floods.md";
        let f = super::fit_keep_end(m, 60);
        assert!(
            f.ends_with("storm-closes-harbour-as-river-floods.md"),
            "{f}"
        );
        assert!(f.starts_with(" Saved to"), "{f}");
        assert_eq!(unicode_width::UnicodeWidthStr::width(f.as_str()), 60);
        assert_eq!(super::fit_keep_end("short", 10), "short     ");
        let home = std::path::Path::new("/home/someone");
        assert_eq!(
            super::home_relative(std::path::Path::new("/home/someone/news/a.md"), Some(home)),
            "~/news/a.md"
        );
        assert_eq!(
            super::home_relative(std::path::Path::new("/tmp/a.md"), Some(home)),
            "/tmp/a.md"
        );
        assert_eq!(super::plural(1, "article", "articles"), "1 article");
        assert_eq!(super::plural(0, "article", "articles"), "0 articles");
    }
}
