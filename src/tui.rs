//! The interactive reader: terminal set-up, the event loop, and carrying out effects.
//! One loop owns the App; input, poller and database threads only send it messages.

use crate::app::keymap::Keymap;
use crate::app::{App, Effect, Msg};
use crate::db::writer::{DbCmd, DbWriter};
use crate::db::{Db, Limits};
use crate::effects::clipboard::{self, Multiplexer};
use crate::effects::open;
use crate::feed::poller::Poller;
use crate::setup::{Setup, now};
use crate::store::Store;
use crate::timefmt::Zone;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

struct Runner {
    tx: UnboundedSender<Msg>,
    writer: DbWriter,
    reader: Db,
    poller: Poller,
    limits: Limits,
    browser: Vec<String>,
    osc52: bool,
    system_clipboard: bool,
    remote: bool,
    input: Arc<InputGate>,
    /// Kept for the life of the app: on X11 the clipboard is served by its owner.
    clipboard: Option<arboard::Clipboard>,
    /// The database, for queries run off the UI loop on their own connection.
    db_path: std::path::PathBuf,
    /// config.toml, for the few edits the reader makes (feed tags).
    config_file: std::path::PathBuf,
    /// Set when config.toml has an error and this session runs on the defaults: the file
    /// is then never written.
    config_error: Option<String>,
    /// Where the sort order of each view is remembered.
    views_file: std::path::PathBuf,
    /// Set when the screen must be drawn from scratch (after a program used the terminal).
    redraw_all: bool,
    /// config.toml's modification time and length when last read, to notice edits.
    config_stamp: Option<(std::time::SystemTime, u64)>,
    /// Writes to config.toml (tags) and views.json, off the UI loop and in order.
    files: crate::effects::files::FileWriter,
}

/// Lets the runner take the terminal away from the input thread while a program
/// (an editor, a mail client) uses it: a paused reader neither polls nor reads.
#[derive(Default)]
struct InputGate {
    paused: AtomicBool,
    idle: AtomicBool,
}

pub fn run(setup: Setup) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(run_async(setup))
}

async fn run_async(setup: Setup) -> Result<(), String> {
    let (keymap, warnings) = Keymap::with_overrides(&setup.config.keys)?;
    let feed_ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
    let headlines = setup
        .db
        .load_headlines(&feed_ids)
        .map_err(|e| e.to_string())?;
    let mut store = Store::new(setup.feeds.clone(), headlines);
    // A failure here only costs `category:` its matches; the reader still starts.
    match setup.db.load_categories(&feed_ids) {
        Ok(lists) => store.set_categories(lists),
        Err(e) => tracing::warn!("feed categories not loaded: {e}"),
    }
    let reader = Db::open(&setup.paths.db_file()).map_err(|e| e.to_string())?;

    let (tx, mut rx) = unbounded_channel::<Msg>();
    let limits = setup.limits();
    let poller = Poller::new(setup.poller_config());
    let db_tx = tx.clone();
    let writer = DbWriter::spawn(setup.db, move |ev| {
        let _ = db_tx.send(Msg::Db(ev));
    });
    let mut runner = Runner {
        tx: tx.clone(),
        writer,
        reader,
        poller,
        limits,
        browser: setup.config.general.browser.clone(),
        osc52: setup.config.general.osc52,
        system_clipboard: setup.config.general.system_clipboard,
        remote: remote(setup.config.general.remote_mode()),
        input: Arc::new(InputGate::default()),
        clipboard: None,
        redraw_all: false,
        views_file: setup.paths.data_dir.join("views.json"),
        db_path: setup.paths.db_file(),
        config_file: setup.paths.config_file.clone(),
        config_error: setup.config_error.clone(),
        config_stamp: None,
        files: crate::effects::files::FileWriter::spawn(tx.clone()),
    };
    runner.config_stamp = config_stamp(&runner.config_file);

    // ratatui's hook restores the screen on panic; this one (called after it) also ends mouse capture.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init().map_err(|e| {
        // Raw mode may already be on when the alternate screen failed.
        ratatui::restore();
        format!(
            "cannot use this terminal ({e}); for scripts, see `tidings list` and `tidings refresh`"
        )
    })?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    // Outermost, so a parser panic contained on hostile input does not restore the screen.
    crate::panic_guard::quiet_contained_panics();
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let mut app = App::new(store, keymap, Zone::Local, now(), size);
    app.set_wide_min_width(setup.config.general.wide_layout_min_width);
    app.set_list_percent(setup.config.general.list_width_percent);
    app.set_hyperlinks(setup.config.general.hyperlinks);
    // https://no-color.org: set and not empty.
    app.set_no_color(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    app.set_saved_views(&setup.config.views);
    app.set_show_empty_tags(setup.config.general.show_empty_tags);
    app.start_on_tour();
    if let Ok(text) = std::fs::read_to_string(&runner.views_file) {
        app.load_sort_orders(crate::views_file::from_json(&text));
    }
    app.set_sharing(crate::app::Sharing::new(
        setup.config.share.clone(),
        crate::share::ShareContext {
            remote: runner.remote,
            mastodon_instance: Some(setup.config.general.mastodon_instance.trim().to_string())
                .filter(|s| !s.is_empty()),
            save_dir: crate::config::resolve_save_dir(&setup.config.general),
            mailer: crate::share::plan::mailer_command(
                &setup.config.general.mailer,
                std::env::var("MAILER").ok().as_deref(),
            ),
        },
    ));
    app.set_watch_others(true);
    app.set_notice(setup.config_notice.clone());
    for w in &warnings {
        tracing::warn!("{w}");
    }
    if let Some(w) = warnings.first() {
        app.warn(match warnings.len() {
            1 => w.clone(),
            n => format!("{w} (and {} more: see help and the log)", n - 1),
        });
    } else if setup.created_config {
        app.say(format!(
            "Wrote a starter config to {}",
            setup.paths.config_file.display()
        ));
    }

    spawn_input(tx.clone(), Arc::clone(&runner.input));
    spawn_clock(tx.clone());
    let first = app.update(Msg::Tick(now()));
    runner.carry_out(first, &mut app);

    let result = event_loop(&mut app, &mut runner, &mut rx, &mut terminal).await;
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // The screen is back: what could not be saved is said where the user sees it.
    runner.files.finish();
    let saved = runner.writer.shutdown();
    result.and(saved)
}

async fn event_loop(
    app: &mut App,
    runner: &mut Runner,
    rx: &mut UnboundedReceiver<Msg>,
    terminal: &mut ratatui::DefaultTerminal,
) -> Result<(), String> {
    loop {
        if std::mem::take(&mut runner.redraw_all) {
            terminal
                .clear()
                .map_err(|e| format!("drawing failed: {e}"))?;
            app.set_dirty(true);
        }
        if app.dirty() {
            let frame = terminal
                .draw(|f| crate::ui::render(app, f))
                .map_err(|e| format!("drawing failed: {e}"))?;
            let screen = frame.area;
            app.set_dirty(false);
            if app.hyperlinks() {
                let regions = crate::ui::hyperlinks::regions(app, screen);
                if !regions.is_empty() {
                    let _ = crate::ui::hyperlinks::write_styled(
                        terminal.backend_mut(),
                        &regions,
                        !app.no_color(),
                    );
                }
            }
        }
        let Some(first) = rx.recv().await else {
            return Ok(());
        };
        // Drain everything pending, then draw once.
        let mut next = Some(first);
        while let Some(msg) = next {
            let effects = app.update(msg);
            runner.carry_out(effects, app);
            if app.quitting() {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
    }
}

/// config.toml's modification time and length, to notice that it was edited.
fn config_stamp(path: &std::path::Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Runner {
    /// Unsubscribes, renames or moves a feed in config.toml, then reads the file again so
    /// the feed list follows at once (the answer is the edit's message; the new settings
    /// and feeds follow as `ConfigRead` and `FeedsSynced`).
    fn edit_feed(&mut self, edit: crate::app::FeedEdit) -> Option<Msg> {
        use crate::app::FeedEdit;
        if self.config_error.is_some() {
            return Some(Msg::Done(Err(format!(
                "Not changed: {} has an error; fix it first",
                self.config_file.display()
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
                    "Unsubscribed (bookmarked articles stay in Bookmarks)".to_string()
                }),
                FeedEdit::Rename { url, title } => {
                    crate::config::set_feed_title(&file, url, title.as_deref()).map(
                        |()| match title {
                            Some(t) => format!("Renamed to “{}”", crate::sanitize::line(t)),
                            None => "The feed's own title is shown again".to_string(),
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
                return Some(Msg::Done(Err(format!("{name} not read again: {e}"))));
            }
            Err(_) => return None,
        };
        let config = match crate::config::parse(&text) {
            Ok(c) => c,
            Err(e) => {
                return Some(Msg::Done(Err(format!(
                    "{name} not read again, the current settings stay: {}",
                    crate::sanitize::line(&e.to_string())
                ))));
            }
        };
        let (keymap, warnings) = match Keymap::with_overrides(&config.keys) {
            Ok(k) => k,
            Err(e) => return Some(Msg::Done(Err(format!("{name}: {e}")))),
        };
        let g = &config.general;
        self.browser = g.browser.clone();
        self.osc52 = g.osc52;
        self.system_clipboard = g.system_clipboard;
        self.remote = remote(g.remote_mode());
        self.limits = Limits {
            max_articles: g.max_articles_per_feed,
            max_age_days: g.max_age_days,
        };
        // The file is good again: tag edits may write it.
        self.config_error = None;
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

/// Whether to behave as over SSH: config `remote` = "yes" | "no" | "auto" (SSH variables).
fn remote(setting: crate::config::Remote) -> bool {
    use crate::config::Remote;
    match setting {
        Remote::Yes => true,
        Remote::No => false,
        Remote::Auto => ["SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"]
            .iter()
            .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty())),
    }
}

fn spawn_input(tx: UnboundedSender<Msg>, gate: Arc<InputGate>) {
    std::thread::spawn(move || {
        loop {
            if gate.paused.load(Ordering::SeqCst) {
                gate.idle.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            gate.idle.store(false, Ordering::SeqCst);
            match event::poll(Duration::from_millis(50)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(_) => break,
            }
            let msg = match event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Mouse(m)) => Msg::Mouse(m),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => break,
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
}

fn spawn_clock(tx: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(1));
        every.tick().await;
        loop {
            every.tick().await;
            if tx.send(Msg::Tick(now())).is_err() {
                break;
            }
        }
    });
}

impl Runner {
    /// Carries out effects; quick ones answer at once through `app.update`.
    fn carry_out(&mut self, effects: Vec<Effect>, app: &mut App) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let answer = match effect {
                Effect::Quit => None,
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
                Effect::Pipe { argv, text } => {
                    Some(Msg::Done(self.in_terminal(|| {
                        crate::share::command::run_piped(&argv, text.as_bytes())
                    })))
                }
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
                Effect::BodySearch { seq, terms } => {
                    let path = self.db_path.clone();
                    let tx = self.tx.clone();
                    // Off the UI loop: typing goes on while the index answers.
                    tokio::task::spawn_blocking(move || {
                        crate::effects::search::body_search(&path, &terms, |answer| {
                            let _ = tx.send(match answer {
                                Ok(hits) => Msg::BodyHits { seq, hits },
                                Err(e) => Msg::Done(Err(format!("search: {e}"))),
                            });
                        })
                    });
                    None
                }
                Effect::SaveFeedTags { url, tags } => match &self.config_error {
                    Some(_) => Some(Msg::Done(Err(format!(
                        "Tags not saved: {} has an error; fix it first",
                        self.config_file.display()
                    )))),
                    None => {
                        let file = self.config_file.clone();
                        self.files.run(move || {
                            Some(Msg::Done(
                                crate::config::set_feed_tags(&file, &url, &tags)
                                    .map(|()| format!("Tags saved in {}", file.display()))
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
                                Msg::Done(Err(format!("could not remember the sort order: {e}")))
                            })
                    });
                    None
                }
                Effect::Copy { text, what } => Some(Msg::Done(self.copy(&text, &what))),
                Effect::Save(article, dir) => {
                    Some(Msg::Done(crate::share::save(&dir, &article).map(|p| {
                        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
                        format!(
                            "Saved to {}",
                            crate::ui::text::home_relative(&p, home.as_deref())
                        )
                    })))
                }
                Effect::Run {
                    argv,
                    terminal: needs_terminal,
                    timeout,
                    name,
                    file,
                } => {
                    if let Some(Err(e)) = file.as_ref().map(|f| f.write()) {
                        Some(Msg::Done(Err(e)))
                    } else if needs_terminal {
                        Some(Msg::Done(self.run_in_terminal(&name, &argv)))
                    } else {
                        let tx = self.tx.clone();
                        tokio::spawn(async move {
                            let result = crate::share::run_background(&name, &argv, timeout).await;
                            let _ = tx.send(Msg::Done(result));
                        });
                        None
                    }
                }
            };
            if let Some(msg) = answer {
                queue.extend(app.update(msg));
            }
        }
    }

    fn open(&mut self, url: &str) -> Result<String, String> {
        let argv = if url.starts_with("mailto:") {
            open::mail_command(url)?
        } else {
            open::command(url, &self.browser, std::env::var("BROWSER").ok().as_deref())?
        };
        if open::runs_in_terminal(&argv) {
            let name = argv.first().cloned().unwrap_or_default();
            return self
                .run_in_terminal(&name, &argv)
                .map(|_| format!("Back from {name}"));
        }
        open::spawn(&argv)?;
        Ok(format!("Opened {url}"))
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
                .map_err(|e| format!("could not write to the terminal: {e}"))?;
            match verdict {
                clipboard::Verdict::Dropped(why) => return Err(format!("Not copied: {why}")),
                clipboard::Verdict::Unknown => {
                    return Err(format!(
                        "Copy sent; tmux may drop it without '{}'",
                        clipboard::TMUX_HINT
                    ));
                }
                clipboard::Verdict::Sent
                | clipboard::Verdict::TmuxBuffer
                | clipboard::Verdict::Passthrough => {}
            }
            if self.remote {
                return Ok(format!(
                    "Over SSH: copied the {what} to your own clipboard (OSC 52)"
                ));
            }
            return Ok(format!("Copied {what}: {text}"));
        }
        if self.remote || !self.system_clipboard {
            return Err("Copying is off (general.osc52 = false, and no local clipboard)".into());
        }
        if self.clipboard.is_none() {
            self.clipboard =
                Some(arboard::Clipboard::new().map_err(|e| format!("no system clipboard: {e}"))?);
        }
        let board = self.clipboard.as_mut().ok_or("no system clipboard")?;
        board
            .set_text(text.to_string())
            .map_err(|e| format!("could not copy: {e}"))?;
        Ok(format!("Copied {what}: {text}"))
    }

    /// Hands the terminal to a program and takes it back afterwards.
    fn run_in_terminal(&mut self, name: &str, argv: &[String]) -> Result<String, String> {
        self.in_terminal(|| crate::share::run_foreground(name, argv))
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
        back.map_err(|e| format!("could not take the terminal back: {e}"))?;
        result
    }
}
