//! Remembering where each episode was left: a [`Session`] ties the player to the database,
//! saving the position every few seconds while playing and on stop or quit, resuming there,
//! and marking an episode played (and its article read) when it plays to the end.

use super::{Player, PlayerError, Source, Status};
use crate::db::{Db, Playback};
use crate::model::ArticleId;
use std::time::{Duration, Instant};

/// How often the position is written while playing: a crash loses at most this much.
pub const SAVE_EVERY: Duration = Duration::from_secs(5);

/// One episode: the article and enclosure URL it is remembered by, and what plays (the
/// downloaded file or that URL).
#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub article: ArticleId,
    pub url: String,
    pub source: Source,
}

/// Where playing starts: the saved position, or the beginning for a new or played episode.
pub fn resume_at(saved: Option<&Playback>) -> f64 {
    match saved {
        Some(p) if !p.played && p.position.is_finite() && p.position > 0.0 => p.position,
        _ => 0.0,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Player(#[from] PlayerError),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

pub struct Session {
    player: Player,
    episode: Option<Episode>,
    last_save: Option<Instant>,
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Session {
    pub fn new(player: Player) -> Self {
        Session {
            player,
            episode: None,
            last_save: None,
        }
    }

    pub fn player(&mut self) -> &mut Player {
        &mut self.player
    }

    pub fn player_state(&self) -> &super::PlayerState {
        self.player.state()
    }

    pub fn episode(&self) -> Option<&Episode> {
        self.episode.as_ref()
    }

    /// Plays `episode` from where it was left; the one playing before is saved first.
    pub fn play(&mut self, db: &mut Db, episode: Episode) -> Result<f64, SessionError> {
        self.save(db)?;
        let start = resume_at(db.playback(episode.article, &episode.url)?.as_ref());
        self.player.load(&episode.source, start)?;
        self.episode = Some(episode);
        self.last_save = Some(Instant::now());
        Ok(start)
    }

    /// Writes the current position (nothing when no position is known yet). After mpv
    /// died this is the last position it reported, which beats losing up to `SAVE_EVERY`.
    pub fn save(&mut self, db: &mut Db) -> Result<(), SessionError> {
        let state = self.player.state();
        // A live stream has no place to come back to.
        if let (Some(ep), Some(pos), false) = (&self.episode, state.time_pos, state.live) {
            db.save_playback(ep.article, &ep.url, pos, state.duration, now_unix())?;
        }
        self.last_save = Some(Instant::now());
        Ok(())
    }

    /// Applies mpv's events (waiting up to `timeout`), records an end of file, and saves
    /// the position when it is due.
    pub fn tick(&mut self, db: &mut Db, timeout: Duration) -> Result<(), SessionError> {
        let events = self.player.pump(timeout);
        let current = self.player.entry();
        let ended = events.iter().any(|e| {
            matches!(e, super::ipc::Event::EndFile { reason, entry, .. }
                if reason == "eof" && (entry.is_none() || current.is_none() || *entry == current))
        });
        if ended && let Some(ep) = self.episode.take() {
            db.mark_played(
                ep.article,
                &ep.url,
                self.player.state().duration,
                now_unix(),
            )?;
            return Ok(());
        }
        let due = self.last_save.is_none_or(|t| t.elapsed() >= SAVE_EVERY);
        if due && self.player.state().status == Status::Playing {
            self.save(db)?;
        }
        Ok(())
    }

    /// Saves the position and stops; mpv stays for the next episode.
    pub fn stop(&mut self, db: &mut Db) -> Result<(), SessionError> {
        self.save(db)?;
        self.episode = None;
        self.player.stop()?;
        Ok(())
    }

    /// Saves the position and quits mpv.
    pub fn quit(mut self, db: &mut Db) -> Result<(), SessionError> {
        let saved = self.save(db);
        self.player.quit();
        saved
    }
}
