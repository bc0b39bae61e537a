//! The one place untrusted text becomes displayable: control characters, ANSI CSI/OSC/DCS/APC
//! sequences (7- and 8-bit), bidi overrides and invisible formatting are removed.
//!
//! Escape sequences are removed whole, not just their ESC, because a bare `[31m` or
//! `]52;c;…` left behind is both ugly and, for terminals that accept 8-bit C1 introducers,
//! still live. An unterminated string sequence (OSC, DCS, …) swallows the rest of the input,
//! as a terminal would.

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator.
const ST8: char = '\u{9c}';

/// For one-line fields (titles, authors, feed names): also folds newlines and tabs to spaces
/// and collapses runs of whitespace.
pub fn line(s: &str) -> String {
    let cleaned = strip_if_needed(s);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`line`], cut to `max` characters with an ellipsis: a message quoting what a server or a
/// document said (an error) must stay one readable line however much it said.
pub fn line_capped(s: &str, max: usize) -> String {
    let clean = line(s);
    let mut out: String = clean.chars().take(max).collect();
    if out.len() < clean.len() {
        out.push('…');
    }
    out
}

/// For multi-line text (bodies): keeps `\n`, turns `\t` into spaces, drops `\r`.
///
/// A lone `\r` (old Mac line ends) becomes `\n` so that lines are not glued together;
/// `\t` becomes four spaces because a terminal cell grid has no tab stops we control.
pub fn text(s: &str) -> String {
    // Most bodies need nothing done: one scan and a copy instead of rebuilding char by char.
    if !needs_work(s, true) {
        return s.to_string();
    }
    let cleaned = strip(s);
    let mut out = String::with_capacity(cleaned.len());
    let mut chars = cleaned.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            _ => out.push(c),
        }
    }
    out
}

/// [`text`] of a string the caller is done with: handed back as it is when nothing in it
/// needs changing, which is most bodies, so a body of megabytes is not copied.
pub fn text_owned(s: String) -> String {
    if needs_work(&s, true) { text(&s) } else { s }
}

/// For URLs: `line` plus removal of all whitespace; returns None when nothing is left.
pub fn url(s: &str) -> Option<String> {
    let out: String = line(s).chars().filter(|c| !c.is_whitespace()).collect();
    if out.is_empty() { None } else { Some(out) }
}

fn strip_if_needed(s: &str) -> std::borrow::Cow<'_, str> {
    // ESC and the 8-bit introducers are themselves `is_removed`, so a clean string has no sequences.
    if needs_work(s, false) {
        std::borrow::Cow::Owned(strip(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// What a byte says about the character it starts, for [`needs_work`].
#[derive(Clone, Copy, PartialEq)]
enum Lead {
    /// ASCII kept as it is, or a byte that cannot start a removed character.
    Fine,
    /// A removed ASCII control (C0 but `\n`, `\t`, `\r`; DEL).
    Removed,
    /// `\t` or `\r`: kept by [`strip`], changed by [`text`].
    Folded,
    /// The first byte of a multi-byte character that may be removed or folded.
    Check,
}

/// Per byte. Every removed non-ASCII character (C1 U+0080..U+009F and U+00AD: 0xC2; U+061C:
/// 0xD8; U+200B..U+206F and U+2028/U+2029: 0xE2; U+FEFF and U+FFF9..U+FFFB: 0xEF; tags
/// U+E0000..U+E007F: 0xF3) starts with one of five lead bytes, and no continuation byte
/// (0x80..0xBF) equals one of them, so a byte scan finds them.
const LEADS: [Lead; 256] = {
    let mut t = [Lead::Fine; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = Lead::Removed;
        b += 1;
    }
    t[b'\n' as usize] = Lead::Fine;
    t[b'\t' as usize] = Lead::Folded;
    t[b'\r' as usize] = Lead::Folded;
    t[0x7f] = Lead::Removed;
    t[0xc2] = Lead::Check;
    t[0xd8] = Lead::Check;
    t[0xe2] = Lead::Check;
    t[0xef] = Lead::Check;
    t[0xf3] = Lead::Check;
    t
};

/// Whether `s` has a character [`strip`] removes, or with `fold` also one [`text`] changes
/// (`\r`, `\t`, U+2028, U+2029). Bodies are megabytes per refresh: this looks at bytes and
/// decodes only the few characters whose lead byte could make them one of those.
fn needs_work(s: &str, fold: bool) -> bool {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match LEADS[usize::from(b)] {
            Lead::Fine => {}
            Lead::Removed => return true,
            Lead::Folded if fold => return true,
            Lead::Folded => {}
            Lead::Check => {
                let c = s.get(i..).and_then(|rest| rest.chars().next());
                if c.is_some_and(|c| {
                    is_removed(c) || (fold && matches!(c, '\u{2028}' | '\u{2029}'))
                }) {
                    return true;
                }
            }
        }
    }
    false
}

/// Removes escape sequences and every control or invisible character, keeping `\n`, `\t`
/// and `\r` for the callers to fold as they need.
fn strip(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    strip_units(s.chars(), |c| *c, |c| out.push(c));
    out
}

/// The sequence grammar of [`strip`] over any stream of characters, each carried with
/// whatever the caller needs: `html_guard` runs it over HTML whose character references
/// are decoded, so that `&#27;[31m` loses its `[31m` too. `keep` gets each unit that is
/// shown (`\n`, `\t` and `\r` included), in order.
pub fn strip_units<T>(
    units: impl Iterator<Item = T>,
    ch: impl Fn(&T) -> char,
    mut keep: impl FnMut(T),
) {
    let mut units = units.peekable();
    while let Some(u) = units.next() {
        match ch(&u) {
            ESC => {
                let Some(n) = units.next() else { continue };
                match ch(&n) {
                    '[' => skip_csi_body(&mut units, &ch),
                    ']' => skip_string_body(&mut units, &ch, true),
                    'P' | 'X' | '^' | '_' => skip_string_body(&mut units, &ch, false),
                    // nF sequences such as `ESC ( B`: intermediates, then one final byte.
                    '\u{20}'..='\u{2f}' => {
                        while units
                            .next_if(|u| ('\u{20}'..='\u{2f}').contains(&ch(u)))
                            .is_some()
                        {}
                        let _ = units.next_if(|u| ('\u{30}'..='\u{7e}').contains(&ch(u)));
                    }
                    // Two-character sequences (`ESC c`, `ESC 7`, `ESC =` …).
                    '\u{30}'..='\u{7e}' => {}
                    // ESC before something that cannot end a sequence: drop only the ESC and
                    // judge the next character on its own.
                    other if !is_removed(other) => keep(n),
                    _ => {}
                }
            }
            '\u{9b}' => skip_csi_body(&mut units, &ch),
            '\u{9d}' => skip_string_body(&mut units, &ch, true),
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string_body(&mut units, &ch, false),
            c if !is_removed(c) => keep(u),
            _ => {}
        }
    }
}

/// Characters dropped on sight (the sequence introducers are handled before this).
fn is_removed(c: char) -> bool {
    match c {
        '\n' | '\t' | '\r' => false,
        // C0, DEL, C1.
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi controls: they can reorder what the user sees (Trojan Source).
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            true
        }
        // Invisibles. U+200C (ZWNJ) is kept on purpose: Persian spelling needs it.
        '\u{200b}'
        | '\u{200d}'
        // Word joiner, invisible operators, the reserved U+2065 and the deprecated format
        // characters U+206A..206F: all invisible (the isolates between them are above).
        | '\u{2060}'..='\u{2065}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{ad}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => true,
        _ => false,
    }
}

/// Skips a CSI body: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte
/// 0x40–0x7E. Anything else ends the sequence early and is judged on its own.
fn skip_csi_body<T>(
    units: &mut std::iter::Peekable<impl Iterator<Item = T>>,
    ch: impl Fn(&T) -> char,
) {
    while units
        .next_if(|u| ('\u{20}'..='\u{3f}').contains(&ch(u)))
        .is_some()
    {}
    let _ = units.next_if(|u| ('\u{40}'..='\u{7e}').contains(&ch(u)));
}

/// Skips a control string up to and including its terminator: ST (`ESC \` or U+009C),
/// and for OSC also BEL. Without a terminator everything to the end is dropped.
fn skip_string_body<T>(
    units: &mut std::iter::Peekable<impl Iterator<Item = T>>,
    ch: impl Fn(&T) -> char,
    bel_ends: bool,
) {
    while let Some(u) = units.next() {
        match ch(&u) {
            ST8 => return,
            BEL if bel_ends => return,
            ESC if units.next_if(|n| ch(n) == '\\').is_some() => return,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c0_controls_are_removed_and_whitespace_folds_in_line() {
        assert_eq!(line("a\u{0}b\u{7}c\u{8}d"), "abcd");
        assert_eq!(line("  one\n\ttwo\r\n three  "), "one two three");
        assert_eq!(line("\u{1}\u{2}"), "");
    }

    #[test]
    fn text_keeps_newlines_expands_tabs_drops_cr() {
        assert_eq!(text("a\r\nb\tc\u{0}d"), "a\nb    cd");
        assert_eq!(text("a\rb"), "a\nb");
        assert_eq!(text("p1\u{2029}p2"), "p1\np2");
    }

    #[test]
    fn del_and_c1_are_removed() {
        assert_eq!(line("a\u{7f}b\u{80}c\u{85}d\u{9a}e"), "abcde");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(line("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(line("a\u{1b}[38;5;196mb"), "ab");
        assert_eq!(line("x\u{1b}[?1049hy"), "xy");
        assert_eq!(line("\u{1b}[2J\u{1b}[Hclear"), "clear");
        // 8-bit CSI.
        assert_eq!(line("a\u{9b}1;31mb"), "ab");
    }

    #[test]
    fn osc_sequences_are_removed_up_to_bel_or_st() {
        assert_eq!(line("\u{1b}]52;c;SGVsbG8=\u{7}Title"), "Title");
        assert_eq!(line("\u{1b}]0;evil title\u{1b}\\ok"), "ok");
        assert_eq!(line("\u{1b}]8;;http://x\u{9c}link"), "link");
        assert_eq!(line("a\u{9d}2;t\u{7}b"), "ab");
    }

    #[test]
    fn dcs_sos_pm_apc_are_removed_up_to_st() {
        assert_eq!(line("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(line("a\u{1b}Xsos\u{1b}\\b"), "ab");
        assert_eq!(line("a\u{1b}^pm\u{9c}b"), "ab");
        assert_eq!(line("a\u{1b}_Gf=100;AAAA\u{1b}\\b"), "ab");
        // BEL does not end a DCS: it stays part of the hidden body.
        assert_eq!(line("a\u{1b}Px\u{7}y\u{1b}\\b"), "ab");
        // 8-bit introducers.
        assert_eq!(line("a\u{90}dcs\u{9c}b"), "ab");
        assert_eq!(line("a\u{98}sos\u{9c}b"), "ab");
        assert_eq!(line("a\u{9e}pm\u{9c}b"), "ab");
        assert_eq!(line("a\u{9f}apc\u{9c}b"), "ab");
    }

    #[test]
    fn unterminated_string_sequences_drop_the_rest() {
        assert_eq!(line("safe\u{1b}]52;c;AAAA and more"), "safe");
        assert_eq!(line("safe\u{1b}Pdata"), "safe");
        assert_eq!(line("safe\u{9d}0;x"), "safe");
    }

    #[test]
    fn other_escapes_are_removed() {
        assert_eq!(line("a\u{1b}cb"), "ab");
        assert_eq!(line("a\u{1b}7b\u{1b}8c"), "abc");
        assert_eq!(line("a\u{1b}(Bb"), "ab");
        assert_eq!(line("a\u{1b}"), "a");
        assert_eq!(text("a\u{1b}\nb"), "a\nb");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(
            line("a\u{202e}b\u{202a}c\u{202b}d\u{202c}e\u{202d}f"),
            "abcdef"
        );
        assert_eq!(line("a\u{2066}b\u{2067}c\u{2068}d\u{2069}e"), "abcde");
        assert_eq!(line("a\u{200e}b\u{200f}c\u{61c}d"), "abcd");
    }

    #[test]
    fn invisibles_are_removed() {
        assert_eq!(line("a\u{200b}b\u{200d}c\u{2060}d\u{2064}e"), "abcde");
        assert_eq!(line("\u{feff}bom"), "bom");
        assert_eq!(line("soft\u{ad}hyphen"), "softhyphen");
        assert_eq!(line("a\u{fff9}b\u{fffb}c"), "abc");
        assert_eq!(line("flag\u{e0067}\u{e0062}\u{e007f}"), "flag");
    }

    #[test]
    fn zwnj_variation_selectors_and_ordinary_text_are_kept() {
        assert_eq!(line("می\u{200c}خواهم"), "می\u{200c}خواهم");
        assert_eq!(line("\u{2764}\u{fe0f}"), "\u{2764}\u{fe0f}");
        assert_eq!(line("Привет, 世界! café"), "Привет, 世界! café");
        assert_eq!(text("<p>a &amp; b</p>\n"), "<p>a &amp; b</p>\n");
    }

    /// Characters near every class `needs_work` tells apart, and ordinary text around them.
    fn tricky_char() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::prop_oneof![
            proptest::char::range('\u{0}', '\u{ff}'),
            proptest::char::range('\u{600}', '\u{620}'),
            proptest::char::range('\u{2000}', '\u{2070}'),
            proptest::char::range('\u{fef0}', '\u{ffff}'),
            proptest::char::range('\u{dffff}', '\u{e0090}'),
            proptest::char::any(),
        ]
    }

    fn tricky_string() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(tricky_char(), 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn needs_work_matches_the_char_by_char_test(s in tricky_string()) {
            // The checks `needs_work` replaced, kept here as the reference.
            let removed = s.chars().any(is_removed);
            let changed = s.chars().any(|c| {
                is_removed(c) || matches!(c, '\r' | '\t' | '\u{2028}' | '\u{2029}')
            });
            proptest::prop_assert_eq!(needs_work(&s, false), removed, "{:?}", s);
            proptest::prop_assert_eq!(needs_work(&s, true), changed, "{:?}", s);
        }
    }

    #[test]
    fn url_removes_all_whitespace_and_rejects_empty() {
        assert_eq!(
            url(" https://ex ample.org/\u{1b}[31ma\tb\n "),
            Some("https://example.org/ab".to_string())
        );
        assert_eq!(url(" \u{200b} "), None);
        assert_eq!(url(""), None);
    }
}
