//! The effect runner: carries out the app's `Effect`s (where the running reader touches
//! the world) and answers with `Msg`s. The event loop in `tui` owns it beside the `App`.

use crate::app::keymap::Keymap;
use crate::app::{App, Effect, Msg};
use crate::db::writer::{DbCmd, DbWriter};
use crate::db::{Db, Limits};
use crate::effects::clipboard::{self, Multiplexer};
use crate::effects::open;
use crate::feed::poller::Poller;
use crate::model::ArticleId;
use crate::setup::now;
use crate::t;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// What carrying out effects needs: the writer, a reading connection, the poller, the
/// settings the runner follows itself, and the terminal's input gate.
pub(crate) struct Runner {
    pub(crate) tx: UnboundedSender<Msg>,
    pub(crate) writer: DbWriter,
    pub(crate) reader: Db,
    pub(crate) poller: Poller,
    pub(crate) limits: Limits,
    pub(crate) browser: Vec<String>,
    pub(crate) osc52: bool,
    pub(crate) system_clipboard: bool,
    pub(crate) remote: bool,
    pub(crate) input: Arc<InputGate>,
    /// Kept for the life of the app: on X11 the clipboard is served by its owner.
    pub(crate) clipboard: Option<arboard::Clipboard>,
    /// The database, for queries run off the UI loop on their own connection.
    pub(crate) db_path: std::path::PathBuf,
    /// config.toml, for the few edits the reader makes (feed tags).
    pub(crate) config_file: std::path::PathBuf,
    /// Set when config.toml has an error and this session runs on the defaults: the file
    /// is then never written.
    pub(crate) config_error: Option<String>,
    /// Where the sort order of each view is remembered.
    pub(crate) views_file: std::path::PathBuf,
    /// Set when the screen must be drawn from scratch (after a program used the terminal).
    pub(crate) redraw_all: bool,
    /// config.toml's modification time and length when last read, to notice edits.
    pub(crate) config_stamp: Option<(std::time::SystemTime, u64)>,
    /// Writes to config.toml (tags) and views.json, off the UI loop and in order.
    pub(crate) files: crate::effects::files::FileWriter,
    /// The podcast download queue, run on its own thread.
    pub(crate) downloads: crate::effects::downloads::Downloads,
    /// `Effect::Quit` was carried out: the event loop ends after this batch.
    pub(crate) quit: bool,
    /// The player thread (mpv starts on the first `p`); taken on quit.
    pub(crate) player: Option<crate::effects::player::PlayerThread>,
    pub(crate) play: PlaySettings,
    /// Each feed's full-text settings by URL, as config.toml last read well gave them:
    /// `x` and the pages read after a refresh take them from here, not from the file.
    pub(crate) pages: PageSettings,
    /// Loads the article pane's pictures; None until the terminal was asked which
    /// protocol it speaks (and with `images = "off"`).
    pub(crate) pictures: Option<crate::effects::pictures::PictureLoader>,
    /// What a sync needs, with `[sync]` in config.toml.
    pub(crate) sync: Option<SyncRun>,
}

/// A sync in the reader: run on a thread of its own with its own connection, as
/// `tidings sync` would, so what it stores reaches the store as another process's writes.
#[derive(Clone)]
pub(crate) struct SyncRun {
    pub(crate) config: crate::sync::SyncConfig,
    pub(crate) db_path: std::path::PathBuf,
    pub(crate) data_dir: std::path::PathBuf,
    pub(crate) fetch: crate::feed::fetch::FetchLimits,
    pub(crate) user_agent: String,
    pub(crate) limits: Limits,
    pub(crate) refresh_secs: u64,
}

impl SyncRun {
    fn spawn(self, tx: UnboundedSender<Msg>) {
        let spawned = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let progress = tx.clone();
                let done = self.run(&mut |p| {
                    let _ = progress.send(Msg::SyncProgress(p));
                });
                let _ = tx.send(Msg::Synced(done));
            });
        if let Err(e) = spawned {
            tracing::warn!("sync thread not started: {e}");
        }
    }

    fn run(self, progress: &mut dyn FnMut(crate::sync::cycle::Progress)) -> Result<String, String> {
        let rt = crate::sync::runtime().map_err(|e| e.to_string())?;
        let mut db = Db::open(&self.db_path).map_err(|e| e.to_string())?;
        let http = crate::feed::fetch::client(&self.fetch, &self.user_agent);
        let done = rt
            .block_on(async {
                // No prompt: the terminal belongs to the reader.
                let server = crate::sync::cycle::Server::connect(
                    &self.config,
                    http,
                    &self.user_agent,
                    &self.data_dir,
                    |_| None,
                )
                .await?;
                crate::sync::cycle::run(
                    &server,
                    &mut db,
                    self.limits,
                    self.refresh_secs,
                    now(),
                    progress,
                )
                .await
            })
            .map_err(|e| e.to_string())?;
        Ok(t!(
            "effect-synced",
            server = self.config.kind.name(),
            what = done.to_string()
        ))
    }
}

/// `full_text` and the scrape rules of each feed, by URL.
pub(crate) type PageSettings = std::collections::HashMap<String, (bool, crate::fulltext::Rules)>;

pub(crate) fn page_settings(feeds: &[crate::model::FeedConfig]) -> PageSettings {
    feeds
        .iter()
        .map(|f| (f.url.clone(), (f.full_text, crate::fulltext::Rules::of(f))))
        .collect()
}

/// What finding and starting an episode needs besides the player thread.
#[derive(Clone, Debug)]
pub(crate) struct PlaySettings {
    pub(crate) download_dir: std::path::PathBuf,
    /// `remote_player`: "ask", "play" or "copy".
    pub(crate) remote_player: String,
    pub(crate) video_player: Vec<String>,
}

impl PlaySettings {
    pub(crate) fn from_config(g: &crate::config::General, data_dir: &std::path::Path) -> Self {
        PlaySettings {
            download_dir: crate::podcast::names::download_dir(
                &g.download_dir,
                |k| std::env::var(k).ok(),
                data_dir,
            ),
            remote_player: g.remote_player.trim().to_string(),
            video_player: g.video_player.clone(),
        }
    }
}

/// Lets the runner take the terminal away from the input thread while a program
/// (an editor, a mail client) uses it: a paused reader neither polls nor reads.
#[derive(Default)]
pub(crate) struct InputGate {
    pub(crate) paused: AtomicBool,
    pub(crate) idle: AtomicBool,
}

/// config.toml's modification time and length, to notice that it was edited.
pub(crate) fn config_stamp(path: &std::path::Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Runner {
    /// New articles of `feed_id` were stored: with `full_text = true`, their pages are
    /// read on the runtime, each with its host's turn and one of the poller's places, and
    /// stored through the writer (`commands::full_text` is the same for `tidings refresh`).
    /// Two refreshes of one feed within a page's fetch could read it twice; feeds are
    /// polled minutes apart.
    fn read_pages(&mut self, feed_id: crate::model::FeedId, feed_url: String) {
        let Some((true, rules)) = self.pages.get(&feed_url).cloned() else {
            return;
        };
        let tx = self.tx.clone();
        let writer = self.writer.sender();
        let (client, limits) = self.poller.client();
        let hosts = self.poller.hosts();
        let global = self.poller.global();
        let db_path = self.db_path.clone();
        tokio::spawn(async move {
            let todo = tokio::task::spawn_blocking(move || {
                Db::open_reader(&db_path)
                    .ok()?
                    .full_text_wanted(feed_id, crate::fulltext::PAGES_PER_REFRESH)
                    .ok()
            })
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
            let mut read = 0;
            let mut tasks = tokio::task::JoinSet::new();
            for (id, link) in todo {
                let (client, limits, rules) = (client.clone(), limits.clone(), rules.clone());
                let (hosts, global) = (hosts.clone(), global.clone());
                tasks.spawn(async move {
                    let _host = hosts.acquire(&link).await;
                    let _place = global.acquire_owned().await;
                    let got = crate::fulltext::fetch_article(&client, Some(&link), &limits, &rules)
                        .await
                        .map_err(|e| e.to_string());
                    (id, got)
                });
            }
            while let Some(Ok((id, result))) = tasks.join_next().await {
                read += usize::from(result.is_ok());
                writer(DbCmd::SaveFullText {
                    id,
                    fetched_at: chrono::Utc::now().timestamp(),
                    result: result.clone(),
                });
                // The open article, if it is this one, takes it when `x` is pressed.
                let _ = tx.send(Msg::FullText(id, result));
            }
            if read > 0 {
                let _ = tx.send(Msg::Done(Ok(t!("effect-full-text-read", count = read))));
            }
        });
    }

    /// `x`: the page read before, else fetched and read on the runtime (the feeds'
    /// client, limits and turn with the host), stored through the writer, answered with
    /// `Msg::FullText`.
    fn full_text(&mut self, id: ArticleId, link: Option<String>, feed_url: String) -> Option<Msg> {
        if let Ok(Some(stored)) = self.reader.full_text(id)
            && let Ok(page) = stored.result
        {
            return Some(Msg::FullText(id, Ok(page)));
        }
        let tx = self.tx.clone();
        let writer = self.writer.sender();
        let (client, limits) = self.poller.client();
        let hosts = self.poller.hosts();
        let rules = self
            .pages
            .get(&feed_url)
            .map(|(_, rules)| rules.clone())
            .unwrap_or_default();
        tokio::spawn(async move {
            let turn = match link.as_deref() {
                Some(l) => hosts.acquire(l).await,
                None => None,
            };
            let result = crate::fulltext::fetch_article(&client, link.as_deref(), &limits, &rules)
                .await
                .map_err(|e| e.to_string());
            drop(turn);
            writer(DbCmd::SaveFullText {
                id,
                fetched_at: chrono::Utc::now().timestamp(),
                result: result.clone(),
            });
            let _ = tx.send(Msg::FullText(id, result));
        });
        None
    }

    /// Unsubscribes, renames or moves a feed in config.toml, then reads the file again so
    /// the feed list follows at once (the answer is the edit's message; the new settings
    /// and feeds follow as `ConfigRead` and `FeedsSynced`).
    fn edit_feed(&mut self, edit: crate::app::FeedEdit) -> Option<Msg> {
        use crate::app::FeedEdit;
        if self.config_error.is_some() {
            return Some(Msg::Done(Err(t!(
                "effect-config-broken-not-changed",
                file = self.config_file.display().to_string()
            ))));
        }
        let file = self.config_file.clone();
        // On the file thread, after any tag edit asked for before: two edits of config.toml
        // must not read it before the other has written it.
        self.files.run(move || {
            let mut forget = None;
            let done = match &edit {
                FeedEdit::Remove { url } => crate::config::remove_feed(&file, url).map(|()| {
                    forget = Some(url.clone());
                    t!("effect-unsubscribed")
                }),
                FeedEdit::Rename { url, title } => {
                    crate::config::set_feed_title(&file, url, title.as_deref()).map(
                        |()| match title {
                            Some(t) => t!("effect-renamed", title = crate::sanitize::line(t)),
                            None => t!("effect-own-title"),
                        },
                    )
                }
                FeedEdit::Move { url, by } => {
                    crate::config::move_feed(&file, url, *by).map(|()| String::new())
                }
            };
            Some(Msg::FeedEdited {
                result: done.map_err(|e| crate::sanitize::line(&e.to_string())),
                forget,
            })
        });
        None
    }

    /// Reads config.toml again when it changed (a stat per tick) or when asked to. A file
    /// that does not parse keeps the current settings and says why, once per edit.
    fn check_config(&mut self, seq: u64, forced: bool) -> Option<Msg> {
        let stamp = config_stamp(&self.config_file);
        if !forced && stamp == self.config_stamp {
            return None;
        }
        self.config_stamp = stamp;
        let name = self.config_file.display();
        let text = match std::fs::read_to_string(&self.config_file) {
            Ok(t) => t,
            Err(e) if forced || stamp.is_some() => {
                return Some(Msg::Done(Err(t!(
                    "effect-config-not-reread",
                    file = name.to_string(),
                    why = e.to_string()
                ))));
            }
            Err(_) => return None,
        };
        let mut config = match crate::config::parse(&text) {
            Ok(c) => c,
            Err(e) => {
                return Some(Msg::Done(Err(t!(
                    "effect-config-not-reread-kept",
                    file = name.to_string(),
                    why = crate::sanitize::line(&e.to_string())
                ))));
            }
        };
        crate::setup::use_synced_feeds(&mut config, &self.reader);
        let (keymap, warnings) = match Keymap::with_overrides(&config.keys) {
            Ok(k) => k,
            Err(e) => return Some(Msg::Done(Err(format!("{name}: {e}")))),
        };
        let g = &config.general;
        self.browser = g.browser.clone();
        self.osc52 = g.osc52;
        self.system_clipboard = g.system_clipboard;
        self.remote = remote(g.remote_mode());
        self.play.remote_player = g.remote_player.trim().to_string();
        if let Some(p) = &self.player {
            p.set_options(crate::player::PlayerOptions::from_config(g));
        }
        self.play.video_player = g.video_player.clone();
        self.limits = Limits {
            max_articles: g.max_articles_per_feed,
            max_age_days: g.max_age_days,
        };
        // The file is good again: tag edits may write it.
        self.config_error = None;
        self.downloads
            .set_policies(crate::podcast::auto::policies(&config.feeds));
        self.pages = page_settings(&config.feeds);
        self.writer.send(DbCmd::SyncFeeds {
            seq,
            feeds: config.feeds.clone(),
            default_refresh_secs: g.refresh_minutes * 60,
        });
        Some(Msg::ConfigRead(Box::new(crate::app::ConfigRead {
            keymap,
            warnings,
            views: config.views.clone(),
            wide_min_width: g.wide_layout_min_width,
            hyperlinks: g.hyperlinks,
        })))
    }
}

/// This machine's name, for "Plays on <host>, not here".
fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|h| crate::sanitize::line(h.trim()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| t!("remote-host-unnamed"))
}

/// Whether to behave as over SSH: config `remote` = "yes" | "no" | "auto" (SSH variables).
pub(crate) fn remote(setting: crate::config::Remote) -> bool {
    use crate::config::Remote;
    match setting {
        Remote::Yes => true,
        Remote::No => false,
        Remote::Auto => ["SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"]
            .iter()
            .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty())),
    }
}

impl Runner {
    /// Carries out effects; quick ones answer at once through `app.update`.
    pub(crate) fn carry_out(&mut self, effects: Vec<Effect>, app: &mut App) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let answer = match effect {
                Effect::Quit => {
                    self.quit = true;
                    None
                }
                Effect::Redraw => {
                    self.redraw_all = true;
                    None
                }
                Effect::LoadBody(id) => Some(Msg::Body(
                    id,
                    self.reader.body(id).map_err(|e| e.to_string()),
                )),
                Effect::LoadBodyForPipe { id, template } => Some(Msg::PipeBody {
                    id,
                    template,
                    body: self.reader.body(id).map_err(|e| e.to_string()),
                }),
                Effect::Pipe { argv, text } => Some(Msg::Done(self.in_terminal(|| {
                    crate::share::command::run_piped(&argv, text.as_bytes())
                        .map_err(|e| e.to_string())
                }))),
                Effect::LoadBodyForShare(id, kind) => Some(Msg::ShareBody {
                    id,
                    kind,
                    body: self.reader.body(id).map_err(|e| e.to_string()),
                }),
                Effect::Poll(jobs) => {
                    let tx = self.tx.clone();
                    self.poller.poll(jobs, move |ev| {
                        let _ = tx.send(Msg::Poll(ev));
                    });
                    None
                }
                Effect::Ingest {
                    feed_id,
                    parsed,
                    validators,
                    moved_to,
                } => {
                    self.writer.send(DbCmd::Ingest {
                        feed_id,
                        parsed,
                        validators,
                        moved_to,
                        limits: self.limits,
                        now: now(),
                    });
                    None
                }
                Effect::SaveStatus(feed_id, status) => {
                    self.writer.send(DbCmd::Status { feed_id, status });
                    None
                }
                Effect::SaveSchedule(feed_id, schedule) => {
                    self.writer.send(DbCmd::Schedule { feed_id, schedule });
                    None
                }
                Effect::Persist(changes) => {
                    self.writer.send(DbCmd::Changes(changes));
                    None
                }
                Effect::CheckExternal(seq) => {
                    self.writer.send(DbCmd::CheckExternal { seq });
                    None
                }
                Effect::CheckConfig { seq, forced } => self.check_config(seq, forced),
                Effect::ForgetFeed { url } => {
                    self.writer.send(DbCmd::ForgetFeed { url });
                    None
                }
                Effect::OpenUrl(url) => Some(Msg::Done(self.open(&url))),
                Effect::FullText { id, link, feed_url } => self.full_text(id, link, feed_url),
                Effect::Sync => {
                    match &self.sync {
                        Some(run) => run.clone().spawn(self.tx.clone()),
                        None => {
                            let _ = self
                                .tx
                                .send(Msg::Synced(Err("no [sync] in config.toml".into())));
                        }
                    }
                    None
                }
                Effect::LoadPicture { url, cols, rows } => {
                    match &self.pictures {
                        Some(loader) => loader.load(url, cols, rows),
                        None => {
                            let _ = self.tx.send(Msg::Picture(Box::new(
                                crate::app::pictures::PictureAnswer {
                                    url,
                                    cols,
                                    rows,
                                    result: Err(t!("pictures-off")),
                                },
                            )));
                        }
                    }
                    None
                }
                Effect::ReadPages { feed_id, feed_url } => {
                    self.read_pages(feed_id, feed_url);
                    None
                }
                Effect::BodySearch { seq, terms } => {
                    let path = self.db_path.clone();
                    let tx = self.tx.clone();
                    // Off the UI loop: typing goes on while the index answers.
                    tokio::task::spawn_blocking(move || {
                        crate::effects::search::body_search(&path, &terms, |answer| {
                            let _ = tx.send(match answer {
                                Ok(hits) => Msg::BodyHits { seq, hits },
                                Err(e) => {
                                    Msg::Done(Err(t!("effect-search-failed", why = e.to_string())))
                                }
                            });
                        })
                    });
                    None
                }
                Effect::SaveFeedTags { url, tags } => match &self.config_error {
                    Some(_) => Some(Msg::Done(Err(t!(
                        "effect-config-broken-tags",
                        file = self.config_file.display().to_string()
                    )))),
                    None => {
                        let file = self.config_file.clone();
                        self.files.run(move || {
                            Some(Msg::Done(
                                crate::config::set_feed_tags(&file, &url, &tags)
                                    .map(|()| {
                                        t!("effect-tags-saved", file = file.display().to_string())
                                    })
                                    .map_err(|e| e.to_string()),
                            ))
                        });
                        None
                    }
                },
                Effect::EditFeed(edit) => self.edit_feed(edit),
                Effect::SaveSortOrders(orders) => {
                    let text = crate::views_file::to_json(&orders);
                    let file = self.views_file.clone();
                    self.files.run(move || {
                        crate::fsutil::replace(&file, text.as_bytes())
                            .err()
                            .map(|e| {
                                Msg::Done(Err(t!("effect-sort-not-kept", why = e.to_string())))
                            })
                    });
                    None
                }
                Effect::Download(cmd) => {
                    self.downloads.send(cmd);
                    None
                }
                Effect::Copy { text, what } => Some(Msg::Done(self.copy(&text, &what))),
                Effect::Play(request) => self.play(request),
                Effect::Player(cmd) => {
                    if let Some(p) = &self.player {
                        p.control(cmd);
                    }
                    None
                }
                Effect::Save(article, dir) => {
                    // A disk write: on the file thread, so a slow disk never holds a keystroke.
                    self.files.run(move || {
                        Some(Msg::Done(
                            crate::share::save(&dir, &article)
                                .map(|p| {
                                    let home =
                                        std::env::var_os("HOME").map(std::path::PathBuf::from);
                                    t!(
                                        "effect-saved-to",
                                        path = crate::ui::text::home_relative(&p, home.as_deref())
                                    )
                                })
                                .map_err(|e| e.to_string()),
                        ))
                    });
                    None
                }
                Effect::Run {
                    argv,
                    terminal: true,
                    name,
                    file,
                    ..
                } => {
                    // The loop waits for the program anyway, so the article is written here.
                    let written = file
                        .as_ref()
                        .map_or(Ok(()), |f| f.write())
                        .map_err(|e| e.to_string());
                    Some(Msg::Done(
                        written.and_then(|()| self.run_in_terminal(&name, &argv)),
                    ))
                }
                Effect::Run {
                    argv,
                    terminal: false,
                    timeout,
                    name,
                    file,
                } => {
                    let tx = self.tx.clone();
                    tokio::spawn(async move {
                        // Off the UI loop, and before the command that reads the file.
                        let written = match file {
                            Some(f) => tokio::task::spawn_blocking(move || {
                                f.write().map_err(|e| e.to_string())
                            })
                            .await
                            .unwrap_or_else(|e| {
                                Err(t!("effect-article-not-written", why = e.to_string()))
                            }),
                            None => Ok(()),
                        };
                        let result = match written {
                            Ok(()) => crate::share::run_background(&name, &argv, timeout)
                                .await
                                .map_err(|e| e.to_string()),
                            Err(e) => Err(e),
                        };
                        let _ = tx.send(Msg::Done(result));
                    });
                    None
                }
            };
            if let Some(msg) = answer {
                queue.extend(app.update(msg));
            }
        }
    }

    /// `p`/`a`: finds the episode (the downloaded file, else the stream) and hands it to
    /// the player thread; a video goes to `video_player` with the terminal; over SSH it
    /// asks first, or copies the URL, as `remote_player` says.
    fn play(&mut self, request: crate::app::player::PlayRequest) -> Option<Msg> {
        use crate::app::player::PlayerMsg;
        use crate::effects::player::Item;
        use crate::player::Source;
        use crate::player::progress::Episode;
        let body = match self.reader.body(request.id) {
            Ok(Some(b)) => b,
            Ok(None) => return Some(Msg::Done(Err(t!("effect-article-gone")))),
            Err(e) => return Some(Msg::Done(Err(e.to_string()))),
        };
        let Some(enc) = crate::player::episode::playable(&body.enclosures) else {
            return Some(Msg::Done(Err(t!("effect-no-episode"))));
        };
        let url = enc.url.clone();
        if self.remote && !request.anyway {
            match self.play.remote_player.as_str() {
                "play" => {}
                "copy" => return Some(Msg::Done(self.copy(&url, &t!("share-what-episode-url")))),
                _ => {
                    return Some(Msg::Player(PlayerMsg::Ask {
                        request,
                        url,
                        host: host_name(),
                    }));
                }
            }
        }
        let downloaded = self
            .reader
            .download_of(request.id, &url)
            .ok()
            .flatten()
            .filter(|row| row.state == crate::db::DownloadState::Done)
            .map(|row| self.play.download_dir.join(row.path))
            .filter(|p| p.is_file());
        let source = match &downloaded {
            Some(path) => Source::file(path),
            None => Source::url(&url),
        };
        let source = match source {
            Ok(s) => s,
            Err(e) => return Some(Msg::Done(Err(crate::sanitize::line(&e.to_string())))),
        };
        if crate::player::episode::is_video(enc) {
            let target = match &source {
                Source::File(p) => p.to_string_lossy().into_owned(),
                Source::Url(u) => u.clone(),
            };
            let argv = crate::player::episode::video_argv(&self.play.video_player, &url, &target);
            let name = argv.first().cloned().unwrap_or_default();
            return Some(Msg::Done(self.run_in_terminal(&name, &argv)));
        }
        let player = self.player.as_ref()?;
        let item = Item {
            episode: Episode {
                article: request.id,
                url,
                source,
            },
            feed: request.feed,
            title: request.title,
        };
        if request.queue {
            player.enqueue(item);
        } else {
            player.play(item);
        }
        None
    }

    fn open(&mut self, url: &str) -> Result<String, String> {
        let argv = if url.starts_with("mailto:") {
            open::mail_command(url).map_err(|e| e.to_string())?
        } else {
            open::command(url, &self.browser, std::env::var("BROWSER").ok().as_deref())
                .map_err(|e| e.to_string())?
        };
        if open::runs_in_terminal(&argv) {
            let name = argv.first().cloned().unwrap_or_default();
            return self
                .run_in_terminal(&name, &argv)
                .map(|_| t!("effect-back-from", program = name.as_str()));
        }
        open::spawn(&argv).map_err(|e| e.to_string())?;
        Ok(t!("effect-opened", url = url))
    }

    /// OSC 52 first (it reaches the user's own clipboard over SSH); the system clipboard
    /// only when OSC 52 is off and the session is local.
    fn copy(&mut self, text: &str, what: &str) -> Result<String, String> {
        if self.osc52 {
            let mux = Multiplexer::detect(|k| std::env::var(k).ok());
            let tmux = if mux == Multiplexer::Tmux {
                clipboard::TmuxSettings::ask(std::env::var("TMUX_PANE").ok().as_deref())
            } else {
                clipboard::TmuxSettings::default()
            };
            let (seq, verdict) = clipboard::plan(text, mux, &tmux);
            let mut out = std::io::stdout();
            out.write_all(seq.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| t!("effect-terminal-write-failed", why = e.to_string()))?;
            match verdict {
                clipboard::Verdict::Dropped(why) => {
                    return Err(t!("effect-not-copied", why = why));
                }
                clipboard::Verdict::Unknown => {
                    return Err(t!("effect-copy-sent-tmux", setting = clipboard::TMUX_HINT));
                }
                clipboard::Verdict::Sent
                | clipboard::Verdict::TmuxBuffer
                | clipboard::Verdict::Passthrough => {}
            }
            if self.remote {
                return Ok(t!("effect-copied-remote", what = what));
            }
            return Ok(t!("effect-copied", what = what, text = text));
        }
        if self.remote || !self.system_clipboard {
            return Err(t!("effect-copying-off"));
        }
        if self.clipboard.is_none() {
            self.clipboard = Some(
                arboard::Clipboard::new()
                    .map_err(|e| t!("effect-no-clipboard-why", why = e.to_string()))?,
            );
        }
        let board = self
            .clipboard
            .as_mut()
            .ok_or_else(|| t!("effect-no-clipboard"))?;
        board
            .set_text(text.to_string())
            .map_err(|e| t!("effect-copy-failed", why = e.to_string()))?;
        Ok(t!("effect-copied", what = what, text = text))
    }

    /// Hands the terminal to a program and takes it back afterwards.
    fn run_in_terminal(&mut self, name: &str, argv: &[String]) -> Result<String, String> {
        self.in_terminal(|| crate::share::run_foreground(name, argv).map_err(|e| e.to_string()))
    }

    /// Runs `run` with the terminal handed over: input thread paused, cooked mode, main
    /// screen; then takes it back with a full redraw.
    fn in_terminal(
        &mut self,
        run: impl FnOnce() -> Result<String, String>,
    ) -> Result<String, String> {
        self.input.paused.store(true, Ordering::SeqCst);
        let start = std::time::Instant::now();
        while !self.input.idle.load(Ordering::SeqCst)
            && start.elapsed() < Duration::from_millis(500)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
        let result = run();
        let back = ratatui::crossterm::terminal::enable_raw_mode().and_then(|()| {
            execute!(
                std::io::stdout(),
                ratatui::crossterm::terminal::EnterAlternateScreen,
                EnableMouseCapture
            )
        });
        self.input.paused.store(false, Ordering::SeqCst);
        self.redraw_all = true;
        back.map_err(|e| t!("effect-terminal-back-failed", why = e.to_string()))?;
        result
    }
}
