//! `tidings play ID`: plays an article's enclosure through mpv (`player`), the downloaded
//! file if the episode is downloaded, else the stream URL, from where it was left. On a
//! terminal the position is drawn on one line; the episode's place is saved as it plays.

use crate::db::DownloadState;
use crate::headless::CommandError;
use crate::player::progress::{Episode, Session};
use crate::player::{Player, PlayerOptions, Source, Status, clock};
use crate::sanitize;
use crate::setup::Setup;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DRAW_EVERY: Duration = Duration::from_millis(250);

pub fn play(mut setup: Setup, id: i64) -> Result<i32, CommandError> {
    let Some((headline, body)) = setup.db.article(id)? else {
        eprintln!("tidings: no article {id} (see tidings list)");
        return Ok(2);
    };
    let title = sanitize::line(&headline.title);
    let Some(enc) = body
        .enclosures
        .into_iter()
        .find(|e| !e.mime.as_deref().unwrap_or("").starts_with("image/"))
    else {
        eprintln!("tidings: article {id} has no enclosure to play: {title}");
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
                "tidings: {}; install mpv, or name the player in config.toml (player = [\"mpv\"])",
                sanitize::line(&e.to_string())
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
        "downloaded file"
    } else {
        "stream"
    };
    if start > 0.0 {
        eprintln!("Playing {title} ({what}) from {}", clock(start));
    } else {
        eprintln!("Playing {title} ({what})");
    }
    let interrupted = on_ctrl_c();
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
        if interrupted.load(Ordering::SeqCst) {
            if tty {
                println!();
            }
            eprintln!("Stopped at {}", clock(state.time_pos.unwrap_or(start)));
            break 130;
        }
        if let Status::Error(why) = &state.status {
            if tty {
                println!();
            }
            eprintln!("tidings: {}", sanitize::line(why));
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
            print!("\r{line}\x1b[K");
            let _ = std::io::stdout().flush();
        }
    };
    if tty {
        println!();
    }
    let ended = session.episode().is_none() && code == 0;
    session.quit(&mut setup.db).map_err(session_error)?;
    if ended {
        println!("Played to the end: {title}");
    }
    Ok(code)
}

/// A flag set by Ctrl-C, so the loop can save the position and quit mpv before exiting.
fn on_ctrl_c() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    let _ = std::thread::Builder::new()
        .name("ctrl-c".into())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if tokio::signal::ctrl_c().await.is_ok() {
                    set.store(true, Ordering::SeqCst);
                }
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
