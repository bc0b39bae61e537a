//! The player as the app sees it: what `p` and the player keys ask for (`Effect::Play`,
//! `Effect::Player`), what the runner's player thread last reported (`Msg::Player`), the
//! played / in-progress marks of the list, and the player bar's layout (shared by drawing
//! and the mouse, so a click lands where the bar was drawn). No I/O: mpv lives in
//! `effects::player`.

use super::action::Action;
use super::{App, Effect, Screen};
use crate::model::ArticleId;
use crate::player::{MAX_SPEED, MIN_SPEED, PlayerState, Status, clock};
use crate::t;
use std::collections::HashMap;

/// A command for the player thread.
#[derive(Clone, Debug, PartialEq)]
pub enum PlayerCmd {
    TogglePause,
    StepBack,
    StepForward,
    /// Previous (-1) or next (+1) chapter.
    Chapter(i64),
    /// Speed changed by this much (0.25 steps), kept within 0.5–3.0.
    SpeedBy(f64),
    /// Volume changed by this much, kept within 0–100.
    VolumeBy(f64),
    ToggleMute,
    /// Seek to this fraction of the episode (a click on the bar).
    SeekFraction(f64),
    Stop,
}

/// What is playing (or failed to), as the player thread reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct NowPlaying {
    pub article: ArticleId,
    /// The enclosure URL the position is remembered by.
    pub url: String,
    pub feed: String,
    pub title: String,
    pub state: PlayerState,
    /// Episodes waiting in the play queue.
    pub queued: usize,
}

/// The player thread's news, and the runner's questions about playing.
#[derive(Clone, Debug, PartialEq)]
pub enum PlayerMsg {
    /// The current episode's state, or nothing playing any more (stopped, queue done).
    Now(Option<Box<NowPlaying>>),
    /// Over SSH with `remote_player = "ask"`: play on that host anyway, or copy the URL?
    Ask {
        request: PlayRequest,
        url: String,
        host: String,
    },
}

/// `p` or `a` on an article, as the runner needs it to find and start the episode.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayRequest {
    pub id: ArticleId,
    pub feed: String,
    pub title: String,
    /// Into the play queue (`a`) rather than now (`p`).
    pub queue: bool,
    /// The remote-host question was answered "play anyway".
    pub anyway: bool,
}

/// A list mark for an episode with a playback row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Played,
    /// Seconds left, when the duration is known.
    InProgress {
        left: Option<f64>,
    },
}

impl Mark {
    /// From a stored playback row's values.
    pub fn from_row(position: f64, duration: Option<f64>, played: bool) -> Option<Mark> {
        if played {
            return Some(Mark::Played);
        }
        if position.is_finite() && position >= 1.0 {
            return Some(Mark::InProgress {
                left: duration.map(|d| (d - position).max(0.0)),
            });
        }
        None
    }

    /// The text of the mark column.
    pub fn label(self) -> String {
        match self {
            Mark::Played => "✓".into(),
            Mark::InProgress { left: Some(l) } => t!("player-mark-left", time = clock(l)),
            Mark::InProgress { left: None } => "◐".into(),
        }
    }
}

/// The app's share of the player: the last report and the marks.
#[derive(Debug, Default)]
pub struct PlayerUi {
    pub now: Option<NowPlaying>,
    pub marks: HashMap<ArticleId, Mark>,
}

/// The steps of `{`/`}` and `9`/`0`.
pub const SPEED_STEP: f64 = 0.25;
pub const VOLUME_STEP: f64 = 5.0;

impl Action {
    pub fn is_player(self) -> bool {
        matches!(
            self,
            Action::Play
                | Action::StopPlayer
                | Action::StepBack
                | Action::StepForward
                | Action::PrevChapter
                | Action::NextChapter
                | Action::SpeedDown
                | Action::SpeedUp
                | Action::VolumeDown
                | Action::VolumeUp
                | Action::Mute
                | Action::Enqueue
        )
    }
}

impl App {
    /// What is playing, for the bar.
    pub fn now_playing(&self) -> Option<&NowPlaying> {
        self.player.now.as_ref()
    }

    /// The played / in-progress mark of an article, for the list.
    pub fn play_mark(&self, id: ArticleId) -> Option<Mark> {
        self.player.marks.get(&id).copied()
    }

    /// The marks read from the database at start (`Db::playback_marks`).
    pub fn set_play_marks(&mut self, marks: HashMap<ArticleId, Mark>) {
        self.player.marks = marks;
        self.dirty = true;
    }

    /// The player bar is on screen (something plays, or says why it does not).
    pub fn player_bar_shown(&self) -> bool {
        self.player.now.is_some()
    }

    pub(super) fn player_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Play => return self.play_selected(false),
            Action::Enqueue => return self.play_selected(true),
            _ => {}
        }
        let Some(now) = &self.player.now else {
            let play = self.keymap.hint(Action::Play);
            self.warn(t!("status-nothing-playing", key = play));
            return Vec::new();
        };
        let cmd = match action {
            Action::StopPlayer => PlayerCmd::Stop,
            Action::StepBack => PlayerCmd::StepBack,
            Action::StepForward => PlayerCmd::StepForward,
            Action::PrevChapter => PlayerCmd::Chapter(-1),
            Action::NextChapter => PlayerCmd::Chapter(1),
            Action::SpeedDown => PlayerCmd::SpeedBy(-SPEED_STEP),
            Action::SpeedUp => PlayerCmd::SpeedBy(SPEED_STEP),
            Action::VolumeDown => PlayerCmd::VolumeBy(-VOLUME_STEP),
            Action::VolumeUp => PlayerCmd::VolumeBy(VOLUME_STEP),
            Action::Mute => PlayerCmd::ToggleMute,
            _ => return Vec::new(),
        };
        // After an error only stopping means anything; the bar says what happened.
        if matches!(now.state.status, Status::Error(_)) && cmd != PlayerCmd::Stop {
            if let Status::Error(why) = &now.state.status {
                self.warn(why.clone());
            }
            return Vec::new();
        }
        if cmd == PlayerCmd::Stop {
            // Gone from the screen at once; the thread saves the position.
            self.player.now = None;
            self.relayout();
        }
        vec![Effect::Player(cmd)]
    }

    /// `p` (or `a`) on the selected article: the episode playing already pauses or
    /// resumes; another starts (or joins the queue).
    fn play_selected(&mut self, queue: bool) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            let what = if self.screen == Screen::Feeds {
                t!("status-open-feed-to-play")
            } else {
                t!("status-select-episode-to-play")
            };
            self.warn(what);
            return Vec::new();
        };
        self.play_article(id, queue)
    }

    /// `p` (or `a`) on article `id`: plays it, or pauses / resumes it when it plays now.
    pub(super) fn play_article(&mut self, id: ArticleId, queue: bool) -> Vec<Effect> {
        if let Some(now) = &self.player.now
            && now.article == id
            && now.state.status == Status::Playing
        {
            if queue {
                self.say(t!("status-episode-playing-now"));
                return Vec::new();
            }
            return vec![Effect::Player(PlayerCmd::TogglePause)];
        }
        let Some(h) = self.store.headline(id) else {
            return Vec::new();
        };
        let feed = self
            .store
            .feed(h.feed_id())
            .map(|f| f.title.clone())
            .unwrap_or_default();
        vec![Effect::Play(PlayRequest {
            id,
            feed,
            title: h.title().to_string(),
            queue,
            anyway: false,
        })]
    }

    pub(super) fn on_player(&mut self, msg: PlayerMsg) -> Vec<Effect> {
        self.dirty = true;
        match msg {
            PlayerMsg::Now(now) => {
                let was_shown = self.player.now.is_some();
                if let Some(np) = &now {
                    let s = &np.state;
                    match (&s.status, s.time_pos) {
                        (Status::Ended, _) => {
                            self.player.marks.insert(np.article, Mark::Played);
                        }
                        // A played episode heard again stays played in the file too.
                        (Status::Playing, Some(pos))
                            if pos >= 1.0
                                && self.player.marks.get(&np.article) != Some(&Mark::Played) =>
                        {
                            self.player.marks.insert(
                                np.article,
                                Mark::InProgress {
                                    left: s.duration.map(|d| (d - pos).max(0.0)),
                                },
                            );
                        }
                        _ => {}
                    }
                    if let Status::Error(why) = &s.status
                        && self.player.now.as_ref().map(|n| &n.state.status) != Some(&s.status)
                    {
                        self.warn(why.clone());
                    }
                }
                self.player.now = now
                    .map(|b| *b)
                    .filter(|np| np.state.status != Status::Ended);
                if was_shown != self.player.now.is_some() {
                    self.relayout();
                }
                Vec::new()
            }
            PlayerMsg::Ask { request, url, host } => {
                self.mode = super::Mode::RemotePlay(Box::new(RemoteAsk { request, url, host }));
                Vec::new()
            }
        }
    }

    /// A key while "Plays on <host>, not here" is asked: the play key plays anyway, the
    /// confirm key (`y`) copies the URL, anything else does neither.
    pub(super) fn remote_play_key(
        &mut self,
        ask: RemoteAsk,
        ev: &ratatui::crossterm::event::KeyEvent,
    ) -> Vec<Effect> {
        self.dirty = true;
        if self.keymap.action(ev) == Some(Action::Play) {
            return vec![Effect::Play(PlayRequest {
                anyway: true,
                ..ask.request
            })];
        }
        if self.keymap.action_in(super::keymap::KeyMode::Confirm, ev) == Some(Action::Yes) {
            return vec![Effect::Copy {
                text: ask.url,
                what: t!("copy-what-episode-url"),
            }];
        }
        // For a phone in the hand: the URL as a QR code, as sharing over SSH offers it.
        if self.keymap.action(ev) == Some(Action::ShowQr) {
            let caption = format!("{} — {}", ask.request.feed, ask.request.title);
            self.show_qr(ask.url, caption);
            return Vec::new();
        }
        self.say(t!("status-not-played"));
        Vec::new()
    }

    /// A click on the bar's progress part seeks there.
    pub(super) fn click_player_bar(&mut self, column: u16) -> Vec<Effect> {
        let (Some(now), Some(area)) = (&self.player.now, self.areas().player) else {
            return Vec::new();
        };
        let bar = bar_parts(now, area.width);
        match bar.iter().find(|s| matches!(s.part, Part::Progress { .. })) {
            Some(seg) if column >= area.x + seg.x && column < area.x + seg.x + seg.width => {
                let into = f64::from(column - area.x - seg.x) + 0.5;
                let fraction = (into / f64::from(seg.width.max(1))).clamp(0.0, 1.0);
                vec![Effect::Player(PlayerCmd::SeekFraction(fraction))]
            }
            _ => Vec::new(),
        }
    }
}

/// The question asked over SSH before playing.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteAsk {
    pub request: PlayRequest,
    pub url: String,
    pub host: String,
}

/// A part of the player bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Part {
    Title,
    State,
    Time,
    /// `filled` of `width` cells done.
    Progress {
        filled: u16,
    },
    Speed,
    Volume,
    Queued,
    Error,
}

/// A part of the bar at column `x` (from the bar's left), `width` cells wide.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub part: Part,
    pub x: u16,
    pub width: u16,
    pub text: String,
}

/// The least width of the progress bar; below it the bar goes.
const PROGRESS_MIN: usize = 8;
/// The least width of a title kept (shorter titles are shown whole).
const TITLE_MIN: usize = 12;

/// Lays out the bar for `width` columns: feed — title, ▶/⏸, time, progress, speed,
/// volume, queue. When it does not fit, parts go in this order: the progress bar, the
/// feed's name, the volume, the queue, the speed, the title; the time stays. Never wider
/// than `width`, so it never wraps.
pub fn bar_parts(now: &NowPlaying, width: u16) -> Vec<Segment> {
    use unicode_width::UnicodeWidthStr;
    let w = usize::from(width);
    let s = &now.state;
    let full_title = if now.feed.is_empty() {
        now.title.clone()
    } else {
        format!("{} — {}", now.feed, now.title)
    };
    let full_title = crate::sanitize::line(&full_title);
    let short_title = crate::sanitize::line(&now.title);
    if let Status::Error(why) = &s.status {
        // What happened comes first; the title gets what is left, if that is enough.
        let error = format!("✗ {}", crate::sanitize::line(why));
        let error_w = error.width().min(w);
        let title_w = w.saturating_sub(error_w + 1).min(full_title.width());
        let mut segs = Vec::new();
        let mut x = 0usize;
        if title_w >= 10 {
            push(
                &mut segs,
                &mut x,
                Part::Title,
                crate::text::fit(&full_title, title_w),
            );
            x += 1;
        }
        let rest = w.saturating_sub(x);
        push(
            &mut segs,
            &mut x,
            Part::Error,
            crate::text::fit(&error, rest.min(error_w)),
        );
        return segs;
    }
    let icon = if s.paused { "⏸" } else { "▶" };
    let pos = s.time_pos.unwrap_or(0.0);
    let time = match s.duration {
        Some(d) if d > 0.0 => format!("{} / {}", clock(pos), clock(d)),
        _ => clock(pos),
    };
    let speed = ((s.speed - 1.0).abs() > 1e-6).then(|| format!("{:.2}×", s.speed));
    let volume = if s.mute {
        t!("player-muted")
    } else {
        t!(
            "player-volume",
            volume = (s.volume.round() as i64).to_string()
        )
    };
    let queued = (now.queued > 0).then(|| t!("player-queued", count = now.queued));
    let has_total = s.duration.is_some_and(|d| d > 0.0);
    // Levels, from everything down to the time alone.
    struct Level {
        feed: bool,
        progress: bool,
        volume: bool,
        queued: bool,
        speed: bool,
        title: bool,
    }
    let levels = [
        (true, true, true, true, true, true),
        (false, true, true, true, true, true),
        (false, false, true, true, true, true),
        (false, false, false, true, true, true),
        (false, false, false, false, true, true),
        (false, false, false, false, false, true),
        (false, false, false, false, false, false),
    ]
    .map(|(feed, progress, volume, queued, speed, title)| Level {
        feed,
        progress: progress && has_total,
        volume,
        queued,
        speed,
        title,
    });
    let extras = |l: &Level| -> Vec<(Part, String)> {
        let mut v = Vec::new();
        if l.speed
            && let Some(sp) = &speed
        {
            v.push((Part::Speed, sp.clone()));
        }
        if l.volume {
            v.push((Part::Volume, volume.clone()));
        }
        if l.queued
            && let Some(q) = &queued
        {
            v.push((Part::Queued, q.clone()));
        }
        v
    };
    for (i, level) in levels.iter().enumerate() {
        let last = i + 1 == levels.len();
        let title = if level.feed {
            &full_title
        } else {
            &short_title
        };
        let extra = extras(level);
        // icon, time, extras, each after a space.
        let fixed = 1 + 1 + time.width() + extra.iter().map(|(_, t)| 1 + t.width()).sum::<usize>();
        let title_need = if level.title {
            title.width().min(TITLE_MIN) + 1
        } else {
            0
        };
        let progress_need = if level.progress { PROGRESS_MIN + 1 } else { 0 };
        if fixed + title_need + progress_need > w && !last {
            continue;
        }
        let mut free = w.saturating_sub(fixed + progress_need);
        let title_w = if level.title {
            let cap = if level.progress {
                // The title takes up to two fifths; the progress bar the rest.
                title.width().min((w * 2 / 5).max(TITLE_MIN))
            } else {
                title.width()
            };
            cap.min(free.saturating_sub(1))
        } else {
            0
        };
        let mut segs = Vec::new();
        let mut x = 0usize;
        if title_w > 0 {
            push(
                &mut segs,
                &mut x,
                Part::Title,
                crate::text::fit(title, title_w),
            );
            x += 1;
            free = free.saturating_sub(title_w + 1);
        }
        push(&mut segs, &mut x, Part::State, icon.to_string());
        x += 1;
        let time_w = time.width().min(w.saturating_sub(x));
        push(
            &mut segs,
            &mut x,
            Part::Time,
            crate::text::fit(&time, time_w),
        );
        if level.progress {
            let pw = PROGRESS_MIN + free;
            let d = s.duration.unwrap_or(1.0).max(1e-9);
            let filled = ((pos / d).clamp(0.0, 1.0) * pw as f64).round() as u16;
            x += 1;
            push(
                &mut segs,
                &mut x,
                Part::Progress { filled },
                "━".repeat(usize::from(filled)) + &"─".repeat(pw - usize::from(filled)),
            );
        }
        for (part, text) in extra {
            x += 1;
            push(&mut segs, &mut x, part, text);
        }
        // Nothing past the edge, whatever the sums said.
        segs.retain(|s| usize::from(s.x) + usize::from(s.width) <= w);
        return segs;
    }
    Vec::new()
}

fn push(segs: &mut Vec<Segment>, x: &mut usize, part: Part, text: String) {
    use unicode_width::UnicodeWidthStr;
    let width = text.width();
    segs.push(Segment {
        part,
        x: u16::try_from(*x).unwrap_or(u16::MAX),
        width: u16::try_from(width).unwrap_or(u16::MAX),
        text,
    });
    *x += width;
}

/// Rounds a speed to the 0.25 steps and keeps it within 0.5–3.0.
pub fn stepped_speed(current: f64, by: f64) -> f64 {
    let next = ((current + by) / SPEED_STEP).round() * SPEED_STEP;
    next.clamp(MIN_SPEED, MAX_SPEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(pos: f64, dur: Option<f64>) -> NowPlaying {
        NowPlaying {
            article: 1,
            url: "http://127.0.0.1/a.wav".into(),
            feed: "Loopback Radio".into(),
            title: "Episode one: the long title of it".into(),
            state: PlayerState {
                status: Status::Playing,
                time_pos: Some(pos),
                duration: dur,
                ..PlayerState::default()
            },
            queued: 0,
        }
    }

    #[test]
    fn the_bar_never_passes_its_width() {
        for w in 0..200u16 {
            for n in [np(723.0, Some(1458.0)), np(5.0, None)] {
                let segs = bar_parts(&n, w);
                let end = segs.iter().map(|s| s.x + s.width).max().unwrap_or(0);
                assert!(end <= w, "width {w}: {segs:?}");
            }
        }
    }

    #[test]
    fn speed_steps_are_quarters_within_range() {
        assert_eq!(stepped_speed(1.0, 0.25), 1.25);
        assert_eq!(stepped_speed(2.9, 0.25), 3.0);
        assert_eq!(stepped_speed(0.5, -0.25), 0.5);
        assert_eq!(stepped_speed(1.1, -0.25), 0.75);
    }

    #[test]
    fn marks_from_rows() {
        assert_eq!(Mark::from_row(0.0, None, true), Some(Mark::Played));
        assert_eq!(Mark::from_row(0.2, Some(60.0), false), None);
        assert_eq!(
            Mark::from_row(723.0, Some(1446.0), false).map(Mark::label),
            Some("◐ 12:03 left".into())
        );
    }
}
