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

#[cfg(test)]
mod tests {
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
    }
}
