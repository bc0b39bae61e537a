//! How pictures are drawn, decided once at start-up: not at all, half blocks, or a
//! terminal graphics protocol (kitty, sixel, iTerm2) with ratatui-image.
//!
//! The terminal is asked here rather than with ratatui-image's `Picker::from_query_stdio`:
//! that one reads stdin on a thread of its own and, when the terminal does not answer (a
//! detached tmux, a terminal that ignores the queries), returns after its timeout while the
//! thread goes on reading, and eats the user's next key press. Inside tmux its query goes
//! to the outer terminal through passthrough, which often never answers. So tidings asks
//! only a terminal it talks to directly, reads the answer on the calling thread with a
//! deadline (`poll`), and stops at the Device Status Report every terminal answers.

use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};
use std::time::{Duration, Instant};

/// The `images` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImagesSetting {
    /// Ask the terminal; half blocks when it does not answer.
    #[default]
    Auto,
    /// Half blocks without asking: works everywhere, tmux and SSH included.
    Halfblocks,
    /// No pictures: `[image: alt]` stays.
    Off,
}

/// How the reader draws pictures.
pub enum Graphics {
    Off,
    /// Half blocks only (`pictures::halfblocks`): no picker needed.
    HalfBlocks,
    /// A terminal protocol, with the cell size in pixels it needs.
    Protocol(Picker),
}

impl std::fmt::Debug for Graphics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Graphics::Off => write!(f, "Off"), // i18n: Debug
            Graphics::HalfBlocks => write!(f, "HalfBlocks"),
            Graphics::Protocol(p) => write!(f, "Protocol({:?})", p.protocol_type()),
        }
    }
}

/// What the terminal said: a protocol it speaks and the size of its cells in pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub protocol: Option<ProtocolType>,
    pub cell: Option<(u16, u16)>,
}

/// The graphics for `setting` and the `image_protocol` override.
///
/// Asks the terminal only with `Auto` (or a forced protocol, for the cell size), only when
/// stdin and stdout are both the terminal, and never inside tmux or screen. Call it after
/// entering the alternate screen (raw mode) and before the input thread reads.
pub fn choose(setting: ImagesSetting, protocol: Option<ProtocolType>) -> Graphics {
    use std::io::IsTerminal;
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let multiplexed = env("TMUX").is_some()
        || env("TERM").is_some_and(|t| t.starts_with("tmux") || t.starts_with("screen"));
    choose_with(setting, protocol, tty && !multiplexed, || {
        query_terminal(Duration::from_secs(1))
    })
}

/// [`choose`] with the decision to ask and the query passed in (tests).
pub fn choose_with(
    setting: ImagesSetting,
    protocol: Option<ProtocolType>,
    may_ask: bool,
    query: impl FnOnce() -> Option<Answer>,
) -> Graphics {
    let answer = || {
        let asked = if may_ask { query() } else { None };
        let mut answer = asked.unwrap_or_default();
        answer.cell = answer.cell.or_else(cell_size_from_ioctl);
        answer.protocol = answer.protocol.or_else(protocol_from_env);
        answer
    };
    let wanted = match (setting, protocol) {
        (ImagesSetting::Off, _) => return Graphics::Off,
        (_, Some(ProtocolType::Halfblocks)) => return Graphics::HalfBlocks,
        (_, Some(forced)) => Answer {
            protocol: Some(forced),
            ..answer()
        },
        (ImagesSetting::Halfblocks, None) => return Graphics::HalfBlocks,
        (ImagesSetting::Auto, None) if !may_ask => return Graphics::HalfBlocks,
        (ImagesSetting::Auto, None) => answer(),
    };
    match wanted.protocol {
        Some(ProtocolType::Halfblocks) | None => Graphics::HalfBlocks,
        Some(p) => {
            // A protocol draws in pixels: without the cell size, a common 10x20 guess
            // (the picture may come out larger or smaller, never distorted).
            let (w, h) = wanted.cell.unwrap_or((10, 20));
            #[allow(deprecated)] // the only constructor that takes a measured cell size
            let mut picker = Picker::from_fontsize(FontSize::new(w.max(1), h.max(1)));
            picker.set_protocol_type(p);
            Graphics::Protocol(picker)
        }
    }
}

/// What the answers in `bytes` say, once the final status report arrived; None before.
pub fn interpret(bytes: &[u8]) -> Option<Answer> {
    let mut parser = Parser::new();
    let mut answer = Answer::default();
    // WezTerm and Konsole answer the kitty and sixel queries but draw them badly
    // (ratatui-image's compatibility notes); WezTerm speaks iTerm2's protocol well.
    let env = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty());
    let trusted = !env("WEZTERM_EXECUTABLE") && !env("KONSOLE_VERSION");
    for &b in bytes {
        for response in parser.push(char::from(b)) {
            match response {
                Response::Kitty if trusted => answer.protocol = Some(ProtocolType::Kitty),
                Response::Sixel if trusted && answer.protocol.is_none() => {
                    answer.protocol = Some(ProtocolType::Sixel)
                }
                Response::CellSize(Some(size)) => answer.cell = Some(size),
                Response::Status => return Some(answer),
                _ => {}
            }
        }
    }
    None
}

/// Writes the queries and reads the answers from fd 0 until the status report or the
/// deadline. Reads with `read(2)`, not `std::io::stdin()`, whose buffer could keep bytes
/// the input thread then never sees.
fn query_terminal(deadline: Duration) -> Option<Answer> {
    use std::io::Write;
    let query = Parser::query(false, QueryStdioOptions::default());
    let mut out = std::io::stdout();
    out.write_all(query.as_bytes()).ok()?;
    out.flush().ok()?;
    let end = Instant::now() + deadline;
    let mut got = Vec::with_capacity(128);
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            tracing::info!("the terminal did not answer the graphics query; half blocks");
            return None;
        }
        let mut fds = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd, its count, a timeout.
        let ready = unsafe { libc::poll(&mut fds, 1, ms) };
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
        if ready == 0 {
            continue;
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads at most buf.len() bytes into buf.
        let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n) = usize::try_from(n) else {
            return None;
        };
        if n == 0 {
            return None;
        }
        got.extend_from_slice(&buf[..n]);
        if let Some(answer) = interpret(&got) {
            tracing::info!("terminal graphics: {answer:?}");
            return Some(answer);
        }
        // A terminal that floods us with something else is not answering.
        if got.len() > 64 * 1024 {
            return None;
        }
    }
}

/// The cell size from the terminal's window size in pixels, where it reports one.
fn cell_size_from_ioctl() -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ fills the winsize it is given.
    let ok = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) } == 0;
    (ok && ws.ws_xpixel > 0 && ws.ws_ypixel > 0 && ws.ws_col > 0 && ws.ws_row > 0)
        .then(|| (ws.ws_xpixel / ws.ws_col, ws.ws_ypixel / ws.ws_row))
}

/// Terminals known by their environment to speak iTerm2's protocol without answering a
/// query for it.
fn protocol_from_env() -> Option<ProtocolType> {
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    [
        // i18n: program names, matched
        "iTerm", "WezTerm", "mintty", "vscode", "Tabby", "Hyper", "rio",
    ]
    .iter()
    .any(|p| program.contains(p))
    .then_some(ProtocolType::Iterm2)
    .or_else(|| {
        std::env::var("WEZTERM_EXECUTABLE")
            .is_ok_and(|v| !v.is_empty())
            .then_some(ProtocolType::Iterm2)
    })
}
