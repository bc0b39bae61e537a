//! The one place untrusted text becomes displayable: control characters, ANSI CSI/OSC/DCS/APC
//! sequences (7- and 8-bit), bidi overrides and invisible formatting are removed.

/// For one-line fields (titles, authors, feed names): also folds newlines and tabs to spaces
/// and collapses runs of whitespace.
pub fn line(s: &str) -> String {
    let _ = s;
    todo!("H1")
}

/// For multi-line text (bodies): keeps `\n`, turns `\t` into spaces, drops `\r`.
pub fn text(s: &str) -> String {
    let _ = s;
    todo!("H1")
}

/// For URLs: `line` plus removal of all whitespace; returns None when nothing is left.
pub fn url(s: &str) -> Option<String> {
    let _ = s;
    todo!("H1")
}
