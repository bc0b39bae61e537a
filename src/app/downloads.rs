//! The reader's side of podcast downloads: `d` asks for an article's enclosure (with a
//! choice when it has several), `D` shows the Downloads screen, whose keys become
//! `Effect::Download` commands. The queue itself runs in `effects::downloads`; what it
//! reports arrives as `Msg::Downloads` and is only kept here to be drawn.

use super::action::Action;
use super::keymap::KeyMode;
use super::{App, Effect, Mode};
use crate::db::DownloadState;
use crate::model::ArticleId;
use crate::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::PathBuf;

/// One row of the Downloads screen, as the runner last reported it.
#[derive(Clone, Debug, PartialEq)]
pub struct DownloadRow {
    pub id: i64,
    pub article_id: Option<ArticleId>,
    pub feed: String,
    pub title: String,
    /// Where the file is (or will be) on disk.
    pub path: PathBuf,
    pub state: DownloadState,
    pub reason: Option<String>,
    pub done: u64,
    pub total: Option<u64>,
    /// Bytes per second over this transfer, once it ran long enough to tell.
    pub speed: Option<u64>,
}

/// The queue as the runner sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DownloadsView {
    pub rows: Vec<DownloadRow>,
    /// Another process holds `downloads.lock` (its pid when it wrote one): the rows are
    /// read from SQLite and the `.part` files, and this reader runs nothing.
    pub elsewhere: Option<Option<u32>>,
}

/// What the download runner is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DownloadCmd {
    /// Queue the article's enclosure: `choice` (1-based) among several, else the only one.
    Queue {
        article: ArticleId,
        choice: Option<usize>,
    },
    /// Stop the transfer, keeping the `.part` for a later resume; or resume a paused one.
    TogglePause(i64),
    /// Stop and forget: the row and its `.part` go.
    Cancel(i64),
    Retry(i64),
    /// Delete the downloaded file and its row.
    DeleteFile(i64),
}

impl DownloadRow {
    /// Seconds left at the current speed.
    pub fn eta(&self) -> Option<u64> {
        let (speed, total) = (self.speed?, self.total?);
        (speed > 0).then(|| total.saturating_sub(self.done) / speed)
    }
}

impl App {
    /// The last report of the download queue.
    pub fn downloads(&self) -> &DownloadsView {
        &self.downloads
    }

    pub(super) fn on_downloads(&mut self, view: DownloadsView) {
        self.downloads = view;
        if let Mode::Downloads { sel, .. } = &mut self.mode {
            *sel = (*sel).min(self.downloads.rows.len().saturating_sub(1));
        }
        self.dirty = true;
    }

    /// `d`: the selected article's enclosure; the runner answers with a choice when there
    /// are several (`Msg::EnclosureChoice`).
    pub(super) fn download_selected(&mut self) -> Vec<Effect> {
        let Some(article) = self.selected_article() else {
            self.warn(t!("status-select-episode-to-download"));
            return Vec::new();
        };
        if self
            .store
            .headline(article)
            .is_some_and(|h| !h.flags().enclosure())
        {
            self.warn(t!("status-no-enclosure"));
            return Vec::new();
        }
        vec![Effect::Download(DownloadCmd::Queue {
            article,
            choice: None,
        })]
    }

    /// The article has several enclosures: the next key, a digit, picks one.
    pub(super) fn on_enclosure_choice(&mut self, article: ArticleId, names: Vec<String>) {
        let list: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} {}", i + 1, n))
            .collect();
        self.say(t!("status-download-which", choices = list.join("  ")));
        self.mode = Mode::PendingEnclosure {
            article,
            count: names.len(),
        };
    }

    pub(super) fn pending_enclosure_key(
        &mut self,
        ev: &KeyEvent,
        article: ArticleId,
        count: usize,
    ) -> Vec<Effect> {
        self.dirty = true;
        match ev.code {
            KeyCode::Char(d) if d.is_ascii_digit() => {
                let n = d.to_digit(10).unwrap_or(0) as usize;
                if n == 0 || n > count {
                    self.warn(t!(
                        "status-no-such-enclosure",
                        number = d.to_string(),
                        last = count.to_string()
                    ));
                    self.mode = Mode::PendingEnclosure { article, count };
                    return Vec::new();
                }
                self.message = None;
                vec![Effect::Download(DownloadCmd::Queue {
                    article,
                    choice: Some(n),
                })]
            }
            _ => {
                self.message = None;
                Vec::new()
            }
        }
    }

    pub(super) fn show_downloads(&mut self) -> Vec<Effect> {
        self.mode = Mode::Downloads {
            sel: 0,
            confirm: false,
        };
        Vec::new()
    }

    pub(super) fn downloads_key(
        &mut self,
        ev: &KeyEvent,
        sel: usize,
        confirm: bool,
    ) -> Vec<Effect> {
        self.dirty = true;
        let row = self.downloads.rows.get(sel).cloned();
        if confirm {
            self.mode = Mode::Downloads {
                sel,
                confirm: false,
            };
            return match (self.keymap.action_in(KeyMode::Confirm, ev), row) {
                (Some(Action::Yes), Some(row)) => {
                    vec![Effect::Download(DownloadCmd::DeleteFile(row.id))]
                }
                _ => Vec::new(),
            };
        }
        let last = self.downloads.rows.len().saturating_sub(1);
        let stay = |sel: usize| Mode::Downloads {
            sel: sel.min(last),
            confirm: false,
        };
        let action = self.keymap.action_in(KeyMode::Downloads, ev);
        self.mode = stay(sel);
        let Some(action) = action else {
            return Vec::new();
        };
        match action {
            Action::Close => self.mode = Mode::Normal,
            Action::Quit => return self.quit(),
            Action::Down => self.mode = stay(sel + 1),
            Action::Up => self.mode = stay(sel.saturating_sub(1)),
            Action::Home => self.mode = stay(0),
            Action::End => self.mode = stay(last),
            Action::Redraw => return vec![Effect::Redraw],
            _ => {}
        }
        let Some(row) = row else {
            return Vec::new();
        };
        if let Some(pid) = self.downloads.elsewhere
            && matches!(
                action,
                Action::PauseDownload | Action::CancelDownload | Action::RetryDownload
            )
        {
            self.warn(elsewhere_text(pid));
            return Vec::new();
        }
        match action {
            Action::PauseDownload => vec![Effect::Download(DownloadCmd::TogglePause(row.id))],
            Action::CancelDownload => vec![Effect::Download(DownloadCmd::Cancel(row.id))],
            Action::RetryDownload if row.state == DownloadState::Failed => {
                vec![Effect::Download(DownloadCmd::Retry(row.id))]
            }
            Action::RetryDownload => {
                self.warn(t!("status-retry-only-failed"));
                Vec::new()
            }
            Action::DeleteDownload if row.state == DownloadState::Done => {
                self.mode = Mode::Downloads { sel, confirm: true };
                Vec::new()
            }
            Action::DeleteDownload => {
                self.warn(t!(
                    "status-not-downloaded-yet",
                    key = self
                        .keymap
                        .hint_in(KeyMode::Downloads, Action::CancelDownload)
                ));
                Vec::new()
            }
            Action::CopyLink => vec![Effect::Copy {
                text: row.path.to_string_lossy().into_owned(),
                what: t!("copy-what-file-path"),
            }],
            Action::Play => match row.article_id.filter(|&a| self.store.headline(a).is_some()) {
                // The file when it is done, else the stream: as `p` anywhere.
                Some(article) => self.play_article(article, false),
                None => {
                    self.warn(t!("status-its-article-gone"));
                    Vec::new()
                }
            },
            Action::Open => match row.article_id.filter(|&a| self.store.headline(a).is_some()) {
                Some(article) => {
                    self.mode = Mode::Normal;
                    self.open_from_anywhere(article)
                }
                None => {
                    self.warn(t!("status-its-article-gone"));
                    Vec::new()
                }
            },
            _ => Vec::new(),
        }
    }

    /// Opens `article` in the list of its feed, cursor on it.
    fn open_from_anywhere(&mut self, article: ArticleId) -> Vec<Effect> {
        let Some(feed) = self.store.headline(article).map(|h| h.feed_id()) else {
            return Vec::new();
        };
        self.enter_view(super::View::Feed(feed));
        if let Some(pos) = self.headlines.list.iter().position(|&a| a == article) {
            self.headlines.cursor.sel = pos;
        }
        self.relayout();
        self.open_article(article)
    }
}

/// The Downloads screen's line when another process runs the queue.
pub fn elsewhere_text(pid: Option<u32>) -> String {
    match pid {
        Some(pid) => t!("downloads-elsewhere-pid", pid = pid.to_string()),
        None => t!("downloads-elsewhere"),
    }
}
