//! The interactive reader: terminal set-up, the input thread, the clock and the event loop.
//! One loop owns the App and the effect runner (`effects::runner`); input, poller and
//! database threads only send it messages.

use crate::app::keymap::Keymap;
use crate::app::{App, Msg};
use crate::db::Db;
use crate::db::writer::DbWriter;
use crate::effects::runner::{InputGate, Runner, config_stamp, remote};
use crate::feed::poller::Poller;
use crate::setup::{Setup, now};
use crate::store::Store;
use crate::t;
use crate::timefmt::Zone;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// Why the reader could not start or ended badly; printed by `main` as `tidings: …`.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("{}", crate::t!("error-tui-runtime", error = .0.to_string()))]
    Runtime(std::io::Error),
    /// A `[keys]` binding that cannot be used at all (warnings do not stop the reader).
    #[error("{0}")]
    Keys(String),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("{}", crate::t!("error-tui-terminal", error = .0.to_string()))]
    Terminal(std::io::Error),
    #[error("{}", crate::t!("error-tui-draw", error = .0.to_string()))]
    Draw(std::io::Error),
    #[error(transparent)]
    Unsaved(#[from] crate::db::writer::ShutdownError),
}

pub fn run(setup: Setup) -> Result<(), TuiError> {
    // The store's arrays and arena grow to tens of MB at 250,000 articles: from the heap's
    // arenas each doubling copied them and both copies counted toward the peak; mapped,
    // they grow in place (`mremap`) and a dropped fold cache goes back to the system.
    crate::heap::map_large_blocks();
    match crate::sync_now::log_in_before_reader(&setup) {
        Some(Ok(said)) => eprintln!("{said}"),
        // The reader starts anyway: what is stored is readable, and marks wait in the queue.
        // i18n: the program and command name, as main prefixes every error
        Some(Err(e)) => eprintln!("tidings: sync: {e}"),
        None => {}
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(TuiError::Runtime)?;
    rt.block_on(run_async(setup))
}

async fn run_async(setup: Setup) -> Result<(), TuiError> {
    let (keymap, warnings) = Keymap::with_overrides(&setup.config.keys).map_err(TuiError::Keys)?;
    let feed_ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
    // Only reads: `setup.db`, the writer's connection, has created and migrated the file.
    let reader = Db::open_reader(&setup.paths.db_file())?;
    // The first frame is drawn from the stored counts (one pass over a narrow index) while
    // the writer's thread reads the rows: at 250,000 articles that read was most of the
    // time to the first frame. The app holds keys and ticks until the rows are in.
    let counts = reader.stored_counts()?;
    let store = Store::counted(setup.feeds.clone(), &counts);
    let stored: usize = counts.iter().map(|&(_, _, n)| n).sum();

    let (tx, mut rx) = unbounded_channel::<Msg>();
    let limits = setup.limits();
    let poller = Poller::new(setup.poller_config());
    // Feed fetches and episode downloads take turns with each server from one table.
    let hosts = poller.hosts();
    let db_tx = tx.clone();
    let load_tx = tx.clone();
    let (feeds, load_ids) = (setup.feeds.clone(), feed_ids.clone());
    let load = move |db: &Db| {
        let mut store = Store::new(feeds, Vec::new());
        // Sized once from the counts: the id map grown by doubling rehashed every id.
        store.reserve(stored);
        let _ = load_tx.send(match db.each_headline(&load_ids, |h| store.add(h)) {
            Ok(()) => Msg::Loaded(crate::app::Loaded(Box::new(store))),
            Err(e) => Msg::LoadFailed(e),
        });
    };
    let download_settings = crate::commands::download::reader_settings(&setup);
    let sync_run = setup.config.sync.clone().map(|config| {
        let poller = setup.poller_config();
        crate::effects::runner::SyncRun {
            config,
            db_path: setup.paths.db_file(),
            data_dir: setup.paths.data_dir.clone(),
            fetch: poller.limits.clone(),
            user_agent: poller.user_agent.clone(),
            limits: setup.limits(),
            refresh_secs: setup.config.general.refresh_minutes * 60,
        }
    });
    let writer = DbWriter::spawn_after(
        setup.db,
        load,
        move |ev| {
            let _ = db_tx.send(Msg::Db(ev));
        },
        true,
    );
    // Only `category:` needs them, and parsing them took half the start-up at 250,000
    // articles: the writer reads them while the first frame is drawn. Sent before any
    // ingest, so its answer comes first and ingests keep the categories they bring.
    writer.send(crate::db::writer::DbCmd::LoadCategories { feeds: feed_ids });
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
        pages: crate::effects::runner::page_settings(&setup.config.feeds),
        pictures: None,
        sync: sync_run,
        files: crate::effects::files::FileWriter::spawn(tx.clone()),
        downloads: crate::effects::downloads::Downloads::spawn(
            download_settings,
            hosts,
            tx.clone(),
        ),
        quit: false,
        player: Some({
            let player_tx = tx.clone();
            crate::effects::player::PlayerThread::spawn(
                crate::player::PlayerOptions::from_config(&setup.config.general),
                setup.paths.db_file(),
                move |msg| {
                    let _ = player_tx.send(msg);
                },
            )
        }),
        play: crate::effects::runner::PlaySettings::from_config(
            &setup.config.general,
            &setup.paths.data_dir,
        ),
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
        TuiError::Terminal(e)
    })?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    // Outermost, so a parser panic contained on hostile input does not restore the screen.
    crate::panic_guard::quiet_contained_panics();
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    // Asked once, before the input thread reads the terminal: the answer comes on stdin.
    let general = &setup.config.general;
    let graphics = crate::pictures::picker::choose(general.images, general.image_protocol());
    tracing::info!("pictures: {graphics:?}");
    let picker = match graphics {
        crate::pictures::picker::Graphics::Off => None,
        crate::pictures::picker::Graphics::HalfBlocks => Some(None),
        crate::pictures::picker::Graphics::Protocol(p) => Some(Some(p)),
    };
    if let Some(protocol) = picker {
        let cache = (
            crate::pictures::cache::DiskCache::dir_in(&setup.paths.cache_dir),
            general.image_cache_mb.saturating_mul(1024 * 1024),
        );
        runner.pictures = Some(crate::effects::pictures::PictureLoader::new(
            tx.clone(),
            Some(cache),
            runner.poller.client().0,
            runner.poller.hosts(),
            protocol,
        ));
    }
    let mut app = App::new(store, keymap, Zone::Local, now(), size);
    app.set_picture_settings(crate::app::pictures::PictureSettings {
        on: runner.pictures.is_some(),
        max_rows: general.image_height,
    });
    app.set_wide_min_width(setup.config.general.wide_layout_min_width);
    app.set_list_percent(setup.config.general.list_width_percent);
    app.set_hyperlinks(setup.config.general.hyperlinks);
    app.set_sync_mode(
        setup.config.sync.is_some(),
        setup.config.general.refresh_minutes * 60,
    );
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
    // The list's played / in-progress marks: every remembered episode, read once.
    match runner.reader.playback_marks() {
        Ok(rows) => app.set_play_marks(
            rows.into_iter()
                .filter_map(|(id, p)| {
                    crate::app::player::Mark::from_row(p.position, p.duration, p.played)
                        .map(|m| (id, m))
                })
                .collect(),
        ),
        Err(e) => tracing::warn!("playback marks not read: {e}"),
    }
    app.set_notice(setup.config_notice.clone());
    for w in &warnings {
        tracing::warn!("{w}");
    }
    if let Some(w) = warnings.first() {
        app.warn(match warnings.len() {
            1 => w.clone(),
            n => t!(
                "status-config-warnings-more",
                warning = w.as_str(),
                count = n - 1
            ),
        });
    } else if setup.created_config {
        app.say(t!(
            "status-wrote-starter-config",
            path = setup.paths.config_file.display().to_string()
        ));
    }

    spawn_input(tx.clone(), Arc::clone(&runner.input));
    spawn_clock(tx.clone());
    let first = app.update(Msg::Tick(now()));
    runner.carry_out(first, &mut app);

    let result = event_loop(&mut app, &mut runner, &mut rx, &mut terminal).await;
    // First: the position is saved and mpv quits (it runs in its own process group and
    // would otherwise play on). After a hang-up restoring the terminal can panic (ratatui
    // reports its failure with eprintln! to the terminal that is gone).
    if let Some(p) = runner.player.take() {
        p.shutdown();
    }
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // The screen is back: what could not be saved is said where the user sees it.
    runner.files.finish();
    // Transfers stop with their `.part` files kept; the next start resumes them.
    runner.downloads.shutdown();
    let saved = runner.writer.shutdown();
    result.and(saved.map_err(TuiError::from))
}

async fn event_loop(
    app: &mut App,
    runner: &mut Runner,
    rx: &mut UnboundedReceiver<Msg>,
    terminal: &mut ratatui::DefaultTerminal,
) -> Result<(), TuiError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut stops = (
        signal(SignalKind::hangup()).ok(),
        signal(SignalKind::terminate()).ok(),
    );
    loop {
        if std::mem::take(&mut runner.redraw_all) {
            terminal.clear().map_err(TuiError::Draw)?;
            app.set_dirty(true);
        }
        if app.dirty() {
            let frame = terminal
                .draw(|f| crate::ui::render(app, f))
                .map_err(TuiError::Draw)?;
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
        // A hang-up (the terminal closed) or a termination request ends the reader as q
        // does, so the player saves its position and quits mpv, which runs in its own
        // process group and would otherwise play on.
        let first = tokio::select! {
            m = rx.recv() => m,
            _ = recv_signal(&mut stops.0) => None,
            _ = recv_signal(&mut stops.1) => None,
        };
        let Some(first) = first else {
            return Ok(());
        };
        // Drain everything pending, then draw once.
        let mut next = Some(first);
        while let Some(msg) = next {
            if let Msg::LoadFailed(e) = msg {
                return Err(TuiError::Db(e));
            }
            let effects = app.update(msg);
            runner.carry_out(effects, app);
            if runner.quit {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
    }
}

/// The next delivery of a signal, or never when it could not be watched.
async fn recv_signal(s: &mut Option<tokio::signal::unix::Signal>) {
    match s {
        Some(s) => {
            s.recv().await;
        }
        None => std::future::pending().await,
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
