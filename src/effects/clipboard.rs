//! Copying through OSC 52, the terminal's own clipboard channel: it works over SSH.
//! GNU screen needs the sequence wrapped to pass it on. tmux handles a plain OSC 52 itself
//! when `set-clipboard` is `on` (its buffer, then the outer terminal); its default
//! (`external`) ignores programs' requests, and the wrapped form only passes when
//! `allow-passthrough` is on (off by default). So inside tmux the settings decide what is
//! sent and whether the status bar may say "Copied".

use crate::t;
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

/// The two tmux options that decide what becomes of a clipboard request; `None` when tmux
/// could not be asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TmuxSettings {
    pub set_clipboard: Option<String>,
    pub passthrough: Option<String>,
}

impl TmuxSettings {
    /// Asks the tmux server this process runs in (found through $TMUX by the tmux client
    /// itself), with argument lists; `pane` is $TMUX_PANE, whose own setting wins.
    pub fn ask(pane: Option<&str>) -> TmuxSettings {
        let mut passthrough = vec!["show", "-Apv"];
        if let Some(pane) = pane.filter(|p| !p.is_empty()) {
            passthrough.extend(["-t", pane]);
        }
        passthrough.push("allow-passthrough");
        TmuxSettings {
            set_clipboard: tmux_value(&["show", "-gv", "set-clipboard"]),
            passthrough: tmux_value(&passthrough),
        }
    }
}

fn tmux_value(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("tmux")
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// What can be said about a copy once its bytes are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Written to the terminal (or through screen); no multiplexer stands in the way.
    Sent,
    /// tmux takes it into its buffer (`set-clipboard on`) and passes it on.
    TmuxBuffer,
    /// tmux passes it to the outer terminal untouched (`allow-passthrough`).
    Passthrough,
    /// tmux drops it with these settings; the text says what to change.
    Dropped(String),
    /// tmux could not be asked; it may well drop it.
    Unknown,
}

/// The tmux setting (for ~/.tmux.conf) that lets programs copy.
pub const TMUX_HINT: &str = "set -g set-clipboard on";

/// The bytes to write for `text` and what they will do, given the tmux settings when
/// inside tmux.
pub fn plan(text: &str, mux: Multiplexer, tmux: &TmuxSettings) -> (String, Verdict) {
    match mux {
        Multiplexer::None | Multiplexer::Screen => (osc52(text, mux), Verdict::Sent),
        Multiplexer::Tmux => {
            let plain = osc52(text, Multiplexer::None);
            let on =
                |v: &Option<String>, yes: &[&str]| v.as_deref().is_some_and(|v| yes.contains(&v));
            if on(&tmux.set_clipboard, &["on"]) {
                // Wrapping as well would reach the outer terminal twice.
                (plain, Verdict::TmuxBuffer)
            } else if on(&tmux.passthrough, &["on", "all"]) {
                (osc52(text, Multiplexer::Tmux), Verdict::Passthrough)
            } else if tmux.set_clipboard.is_none() {
                // Unknown settings: the plain form for tmux, the wrapped one for passthrough.
                (plain + &osc52(text, Multiplexer::Tmux), Verdict::Unknown)
            } else {
                let current = tmux.set_clipboard.as_deref().unwrap_or_default();
                (
                    plain,
                    Verdict::Dropped(t!(
                        "clipboard-tmux-needs",
                        setting = TMUX_HINT,
                        current = current
                    )),
                )
            }
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

    fn settings(clip: Option<&str>, pass: Option<&str>) -> TmuxSettings {
        TmuxSettings {
            set_clipboard: clip.map(str::to_owned),
            passthrough: pass.map(str::to_owned),
        }
    }

    #[test]
    fn tmux_gets_the_form_its_settings_take() {
        let plain = osc52("hi", Multiplexer::None);
        let wrapped = osc52("hi", Multiplexer::Tmux);
        let tmux = |c, p| plan("hi", Multiplexer::Tmux, &settings(c, p));
        assert_eq!(
            tmux(Some("on"), Some("off")),
            (plain.clone(), Verdict::TmuxBuffer)
        );
        assert_eq!(
            tmux(Some("external"), Some("on")),
            (wrapped.clone(), Verdict::Passthrough)
        );
        let (bytes, verdict) = tmux(Some("external"), Some("off"));
        assert_eq!(bytes, plain);
        assert!(
            matches!(verdict, Verdict::Dropped(ref why) if why.contains("(it is external)") && why.contains(TMUX_HINT)),
            "{verdict:?}"
        );
        assert_eq!(tmux(None, None), (plain + &wrapped, Verdict::Unknown));
        assert_eq!(
            plan("hi", Multiplexer::None, &TmuxSettings::default()).1,
            Verdict::Sent
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
