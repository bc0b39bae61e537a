//! Copying through OSC 52, the terminal's own clipboard channel: it works over SSH.
//! Inside tmux and GNU screen the sequence must be wrapped to pass through them.

use base64::Engine;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

impl Multiplexer {
    /// From the environment: $TMUX means tmux; a TERM of `screen*` without $TMUX means screen.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> Multiplexer {
        if env("TMUX").is_some_and(|v| !v.is_empty()) {
            Multiplexer::Tmux
        } else if env("STY").is_some_and(|v| !v.is_empty())
            || env("TERM").is_some_and(|t| t.starts_with("screen"))
        {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// GNU screen drops DCS strings longer than this, so long payloads go in several.
const SCREEN_CHUNK: usize = 76;

/// The bytes that put `text` on the clipboard.
pub fn osc52(text: &str, mux: Multiplexer) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let seq = format!("\x1b]52;c;{b64}\x07");
    match mux {
        Multiplexer::None => seq,
        // tmux passthrough: every ESC inside is doubled.
        Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b")),
        Multiplexer::Screen => {
            let mut out = String::new();
            let bytes = seq.as_bytes();
            // seq is ASCII (ESC, ']', digits, base64, BEL), so byte chunks are char boundaries.
            for chunk in bytes.chunks(SCREEN_CHUNK) {
                out.push_str("\x1bP");
                out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                out.push_str("\x1b\\");
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_tmux_and_screen_bytes() {
        // "hi" is "aGk=" in base64.
        assert_eq!(osc52("hi", Multiplexer::None), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("hi", Multiplexer::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
        assert_eq!(
            osc52("hi", Multiplexer::Screen),
            "\x1bP\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn screen_splits_long_payloads() {
        let url = format!("https://example.com/{}", "a".repeat(200));
        let out = osc52(&url, Multiplexer::Screen);
        let pieces: Vec<&str> = out.split("\x1b\\").filter(|p| !p.is_empty()).collect();
        assert!(pieces.len() > 1);
        let mut joined = String::new();
        for p in &pieces {
            let body = p.strip_prefix("\x1bP").expect("each piece is a DCS");
            assert!(body.len() <= SCREEN_CHUNK);
            joined.push_str(body);
        }
        assert_eq!(joined, osc52(&url, Multiplexer::None));
    }

    #[test]
    fn detects_multiplexer() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Multiplexer::detect(env(&[
                ("TMUX", "/tmp/tmux-0/default,1,0"),
                ("TERM", "screen")
            ])),
            Multiplexer::Tmux
        );
        assert_eq!(
            Multiplexer::detect(env(&[("TERM", "screen.xterm-256color")])),
            Multiplexer::Screen
        );
        assert_eq!(
            Multiplexer::detect(env(&[("TERM", "xterm-256color")])),
            Multiplexer::None
        );
    }
}
