//! Fitting text into columns by display width.

use unicode_width::UnicodeWidthChar;

/// `s` cut to `width` columns (with `…` when cut) and padded with spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(width + 4);
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        out.push_str(s);
        used = total;
    } else if width > 0 {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("hello", 8), "hello   ");
        assert_eq!(fit("hello world", 8), "hello w…");
        // CJK characters are two columns wide.
        assert_eq!(fit("会谈部长访问", 7), "会谈部…");
        assert_eq!(fit("会谈部长访问", 6), "会谈… ");
        assert_eq!(fit("abc", 0), "");
    }
}
