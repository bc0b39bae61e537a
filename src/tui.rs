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
    let store = Store::new(setup.feeds.clone(), headlines);
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
    };

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
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let mut app = App::new(store, keymap, Zone::Local, now(), size);
    app.wide_min_width = setup.config.general.wide_layout_min_width;
    if let Some(w) = warnings.first() {
        app.warn(w.clone());
    } else if setup.created_config {
        app.say(format!(
            "Wrote a starter config to {}",
            setup.paths.config_file.display()
        ));
    }

    spawn_input(tx.clone());
    spawn_clock(tx.clone());
    let first = app.update(Msg::Tick(now()));
    runner.carry_out(first, &mut app);

    let result = event_loop(&mut app, &mut runner, &mut rx, &mut terminal).await;
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    runner.writer.shutdown();
    result
}

async fn event_loop(
    app: &mut App,
    runner: &mut Runner,
    rx: &mut UnboundedReceiver<Msg>,
    terminal: &mut ratatui::DefaultTerminal,
) -> Result<(), String> {
    loop {
        if app.dirty {
            terminal
                .draw(|f| crate::ui::render(app, f))
                .map_err(|e| format!("drawing failed: {e}"))?;
            app.dirty = false;
        }
        let Some(first) = rx.recv().await else {
            return Ok(());
        };
        // Drain everything pending, then draw once.
        let mut next = Some(first);
        while let Some(msg) = next {
            let effects = app.update(msg);
            runner.carry_out(effects, app);
            if app.quit {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
    }
}

fn spawn_input(tx: UnboundedSender<Msg>) {
    std::thread::spawn(move || {
        loop {
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
                Effect::LoadBody(id) => Some(Msg::Body(
                    id,
                    self.reader.body(id).map_err(|e| e.to_string()),
                )),
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
                Effect::Persist(changes) => {
                    self.writer.send(DbCmd::Changes(changes));
                    None
                }
                Effect::OpenUrl(url) => Some(Msg::Done(
                    open::command(
                        &url,
                        &self.browser,
                        std::env::var("BROWSER").ok().as_deref(),
                    )
                    .and_then(|argv| open::spawn(&argv))
                    .map(|()| format!("Opened {url}")),
                )),
                Effect::Copy(text) => Some(Msg::Done(self.copy(&text))),
            };
            if let Some(msg) = answer {
                queue.extend(app.update(msg));
            }
        }
    }

    fn copy(&self, text: &str) -> Result<String, String> {
        if !self.osc52 {
            return Err("Copying is off (general.osc52 = false)".into());
        }
        let seq = clipboard::osc52(text, Multiplexer::detect(|k| std::env::var(k).ok()));
        let mut out = std::io::stdout();
        out.write_all(seq.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("could not write to the terminal: {e}"))?;
        Ok(format!("Copied {text}"))
    }
}
