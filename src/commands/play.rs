//! `tidings play ID`: plays an article's enclosure through mpv (`player`), the downloaded
//! file if the episode is downloaded, else the stream URL, from where it was left. On a
//! terminal the position is drawn on one line; the episode's place is saved as it plays.

use crate::db::DownloadState;
use crate::headless::CommandError;
use crate::player::progress::{Episode, Session};
use crate::player::{Player, PlayerOptions, Source, Status, clock};
use crate::sanitize;
use crate::setup::Setup;
use crate::t;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

const DRAW_EVERY: Duration = Duration::from_millis(250);

pub fn play(mut setup: Setup, id: i64) -> Result<i32, CommandError> {
    let Some((headline, body)) = setup.db.article(id)? else {
        eprintln!(
            "tidings: {}",
            t!("cmd-download-no-article", id = id.to_string())
        );
        return Ok(2);
    };
    let title = sanitize::line(&headline.title);
    let Some(enc) = body
        .enclosures
        .into_iter()
        .find(|e| !e.mime.as_deref().unwrap_or("").starts_with("image/"))
    else {
        eprintln!(
            "tidings: {}",
            t!(
                "cmd-play-no-enclosure",
                id = id.to_string(),
                title = title.as_str()
            )
        );
        return Ok(2);
    };
    let dir = super::download::download_dir(&setup);
    let downloaded = setup
        .db
        .download_of(id, &enc.url)?
        .filter(|row| row.state == DownloadState::Done)
        .map(|row| dir.join(row.path))
        .filter(|p| p.is_file());
    let source = match downloaded {
        Some(path) => Source::file(&path),
        None => Source::url(&enc.url),
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tidings: {}", sanitize::line(&e.to_string()));
            return Ok(2);
        }
    };
    let options = PlayerOptions::from_config(&setup.config.general);
    let player = match Player::start(options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "tidings: {}",
                t!("cmd-play-no-player", error = sanitize::line(&e.to_string()))
            );
            return Ok(1);
        }
    };
    let from_file = matches!(source, Source::File(_));
    let mut session = Session::new(player);
    let start = session
        .play(
            &mut setup.db,
            Episode {
                article: id,
                url: enc.url.clone(),
                source,
            },
        )
        .map_err(session_error)?;
    let what = if from_file {
        t!("cmd-play-file")
    } else {
        t!("cmd-play-stream")
    };
    if start > 0.0 {
        eprintln!(
            "{}",
            t!(
                "cmd-play-from",
                title = title.as_str(),
                what = what,
                at = clock(start)
            )
        );
    } else {
        eprintln!(
            "{}",
            t!("cmd-play-start", title = title.as_str(), what = what)
        );
    }
    let interrupted = on_stop_signal();
    let tty = std::io::stdout().is_terminal();
    let mut drawn = Instant::now() - DRAW_EVERY;
    let code = loop {
        session
            .tick(&mut setup.db, Duration::from_millis(100))
            .map_err(session_error)?;
        let state = session.player().state().clone();
        if session.episode().is_none() {
            break 0;
        }
        let signalled = interrupted.load(Ordering::SeqCst);
        if signalled != 0 {
            // After a hang-up the terminal is gone: nothing to tell.
            if signalled != HANGUP {
                if tty {
                    say(std::io::stdout(), "\n");
                }
                say(
                    std::io::stderr(),
                    &format!(
                        "{}\n",
                        t!(
                            "cmd-play-stopped",
                            at = clock(state.time_pos.unwrap_or(start))
                        )
                    ),
                );
            }
            break signalled;
        }
        if let Status::Error(why) = &state.status {
            if tty {
                say(std::io::stdout(), "\n");
            }
            say(
                std::io::stderr(),
                &format!("tidings: {}\n", sanitize::line(why)),
            );
            break 1;
        }
        if state.status == Status::Idle {
            break 0;
        }
        if tty && drawn.elapsed() >= DRAW_EVERY {
            drawn = Instant::now();
            let pos = clock(state.time_pos.unwrap_or(0.0));
            let line = match state.duration {
                Some(d) => format!("{pos} / {}", clock(d)),
                None => pos,
            };
            say(std::io::stdout(), &format!("\r{line}\x1b[K"));
        }
    };
    if tty {
        say(std::io::stdout(), "\n");
    }
    let ended = session.episode().is_none() && code == 0;
    session.quit(&mut setup.db).map_err(session_error)?;
    if ended {
        say(
            std::io::stdout(),
            &format!("{}\n", t!("cmd-play-ended", title = title.as_str())),
        );
    }
    Ok(code)
}

/// Writes to the terminal, which may be gone (a hang-up): `print!` would panic there,
/// before the position is saved.
fn say(mut to: impl Write, text: &str) {
    let _ = to.write_all(text.as_bytes());
    let _ = to.flush();
}

/// The exit status for a hang-up (128 + SIGHUP).
const HANGUP: i32 = 129;

/// Set to 128 + the signal's number by Ctrl-C, a hang-up (the terminal closed) or a
/// termination request, so the loop saves the position and quits mpv before exiting:
/// mpv runs in its own process group and would otherwise play on without us.
fn on_stop_signal() -> Arc<AtomicI32> {
    let flag = Arc::new(AtomicI32::new(0));
    let set = Arc::clone(&flag);
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                use tokio::signal::unix::{SignalKind, signal};
                let (Ok(mut hup), Ok(mut term)) = (
                    signal(SignalKind::hangup()),
                    signal(SignalKind::terminate()),
                ) else {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        set.store(130, Ordering::SeqCst);
                    }
                    return;
                };
                let code = tokio::select! {
                    r = tokio::signal::ctrl_c() => if r.is_ok() { 130 } else { 0 },
                    _ = hup.recv() => HANGUP,
                    _ = term.recv() => 143,
                };
                set.store(code, Ordering::SeqCst);
            });
        });
    flag
}

fn session_error(e: crate::player::progress::SessionError) -> CommandError {
    match e {
        crate::player::progress::SessionError::Db(e) => CommandError::Db(e),
        crate::player::progress::SessionError::Player(e) => CommandError::Player(e.to_string()),
    }
}
