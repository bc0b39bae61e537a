//! `tidings download` (queue enclosures, run the queue) and `tidings downloads` (list it).
//!
//! The queue lives in SQLite (`db/downloads.rs`); this process owns its rows while it runs
//! them and writes what the engine (`podcast::download`) reports: the validator and
//! length as soon as the server answers, the byte count about once a second, the outcome.
//! A killed run leaves its rows `downloading` with their `.part` files; the next run picks
//! them up and resumes.

use crate::db::{Download, DownloadState};
use crate::headless::{CommandError, load_store};
use crate::podcast::download::{self as engine, Event, Job, Limits};
use crate::podcast::names;
use crate::podcast::{self, Queued, Report};
use crate::sanitize;
use crate::setup::{Setup, now};
use crate::store::View;
use crate::t;
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a running download's byte count is written to the database.
const SAVE_EVERY: Duration = Duration::from_secs(1);
/// How often the progress bars are drawn.
const DRAW_EVERY: Duration = Duration::from_millis(200);

pub fn download_dir(setup: &Setup) -> PathBuf {
    names::download_dir(
        &setup.config.general.download_dir,
        |k| std::env::var(k).ok(),
        &setup.paths.data_dir,
    )
}

fn limits(g: &crate::config::General) -> Limits {
    Limits {
        read_timeout: Duration::from_secs(g.timeout_secs.max(1)),
        max_bytes: g.max_download_mb.max(1).saturating_mul(1024 * 1024),
        ..Limits::default()
    }
}

/// What the reader's download runner needs, from the same settings as this command.
pub fn reader_settings(setup: &Setup) -> podcast::RunnerSettings {
    let g = &setup.config.general;
    podcast::RunnerSettings {
        db_file: setup.paths.db_file(),
        lock_file: setup.paths.data_dir.join("downloads.lock"),
        dir: download_dir(setup),
        template: g.filename.clone(),
        limits: limits(g),
        max_downloads: g.max_downloads,
        user_agent: setup.poller_config().user_agent,
        policies: podcast::auto::policies(&setup.config.feeds),
        marks_file: marks_file(setup),
    }
}

pub fn marks_file(setup: &Setup) -> PathBuf {
    setup.paths.data_dir.join("auto_downloads.json")
}

/// `tidings download [--feed TEXT] [--new] [ID...]`.
pub fn download(
    mut setup: Setup,
    feed: Option<String>,
    new: bool,
    ids: Vec<i64>,
) -> Result<i32, CommandError> {
    let dir = download_dir(&setup);
    if feed.is_some() || new || !ids.is_empty() {
        match queue_articles(&mut setup, &dir, feed.as_deref(), new, &ids)? {
            Some(0) if ids.is_empty() => println!("{}", t!("cmd-download-nothing-new")),
            Some(_) => {}
            None => return Ok(2),
        }
    }
    run(setup, &dir)
}

/// Queues the enclosures of the chosen articles; how many rows were added or requeued,
/// or None (said on stderr) when an id is not an article.
fn queue_articles(
    setup: &mut Setup,
    dir: &Path,
    feed: Option<&str>,
    new: bool,
    ids: &[i64],
) -> Result<Option<usize>, CommandError> {
    let store = load_store(setup)?;
    let needle = feed.map(str::to_lowercase);
    let chosen: Vec<i64> = if ids.is_empty() {
        store
            .view_ids(View::All)
            .into_iter()
            .filter(|&id| {
                store.headline(id).is_some_and(|h| {
                    h.flags().enclosure()
                        && (!new || !h.flags().read())
                        && needle.as_ref().is_none_or(|n| {
                            store.feed(h.feed_id()).is_some_and(|f| {
                                f.title.to_lowercase().contains(n)
                                    || f.url.to_lowercase().contains(n)
                            })
                        })
                })
            })
            .collect()
    } else {
        for &id in ids {
            if store.headline(id).is_none() {
                eprintln!(
                    "tidings: {}",
                    t!("cmd-download-no-article", id = id.to_string())
                );
                return Ok(None);
            }
        }
        ids.to_vec()
    };
    let mut taken = podcast::queue::taken(&setup.db)?;
    let template = setup.config.general.filename.clone();
    let mut queued = 0;
    for id in chosen {
        let Some(h) = store.headline(id) else {
            continue;
        };
        let feed_title = store
            .feed(h.feed_id())
            .map(|f| f.title.clone())
            .unwrap_or_default();
        let (title, date) = (h.title().to_string(), h.date());
        let enclosures = setup.db.body(id)?.map(|b| b.enclosures).unwrap_or_default();
        let media = podcast::queue::media(enclosures);
        if media.is_empty() && !ids.is_empty() {
            eprintln!(
                "tidings: {}",
                t!(
                    "cmd-download-no-enclosure",
                    id = id.to_string(),
                    title = sanitize::line(&title)
                )
            );
        }
        for enc in media {
            let outcome = podcast::queue::enclosure(
                &mut setup.db,
                dir,
                &template,
                &mut taken,
                id,
                &feed_title,
                &title,
                date,
                &enc,
                now(),
            )?;
            if !matches!(outcome, podcast::queue::Queued::Already(_)) {
                queued += 1;
            }
        }
    }
    Ok(Some(queued))
}

/// Runs every queued, interrupted or failed download; exit 1 if any failed.
///
/// One process runs the queue at a time (a lock file beside the database): two runs would
/// write the same `.part`. A run started meanwhile queues its articles and leaves them to
/// the running one, which looks for new rows before it ends, and again after letting go
/// of the lock, so none is left behind.
fn run(mut setup: Setup, dir: &Path) -> Result<i32, CommandError> {
    let lock_path = setup.paths.data_dir.join("downloads.lock");
    let file_error = |source| CommandError::File {
        path: lock_path.clone(),
        source,
    };
    let lock = podcast::lock::open(&lock_path).map_err(file_error)?;
    let mut attempted: HashSet<i64> = HashSet::new();
    let (mut ok, mut failed) = (0usize, 0usize);
    loop {
        if !podcast::lock::try_take(&lock).map_err(file_error)? {
            if attempted.is_empty() {
                println!("{}", t!("cmd-download-running-elsewhere"));
                return Ok(0);
            }
            break;
        }
        loop {
            let rows = pending(&setup, &attempted)?;
            if rows.is_empty() {
                break;
            }
            attempted.extend(rows.iter().map(|d| d.id));
            let (o, f) = batch(&mut setup, dir, rows)?;
            ok += o;
            failed += f;
        }
        lock.unlock().map_err(file_error)?;
        if pending(&setup, &attempted)?.is_empty() {
            break;
        }
    }
    if attempted.is_empty() {
        println!("{}", t!("cmd-download-nothing"));
        return Ok(0);
    }
    let n = ok + failed;
    println!(
        "{}",
        t!("cmd-download-summary", count = n, ok = ok, failed = failed)
    );
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Rows to run that this process has not tried yet.
fn pending(setup: &Setup, attempted: &HashSet<i64>) -> Result<Vec<Download>, CommandError> {
    Ok(setup
        .db
        .downloads()?
        .into_iter()
        .filter(|d| {
            matches!(
                d.state,
                DownloadState::Queued | DownloadState::Downloading | DownloadState::Failed
            ) && !attempted.contains(&d.id)
        })
        .collect())
}

/// Runs `rows` to their end; how many finished and how many failed.
fn batch(
    setup: &mut Setup,
    dir: &Path,
    rows: Vec<Download>,
) -> Result<(usize, usize), CommandError> {
    let g = &setup.config.general;
    let limits = limits(g);
    let (max_downloads, per_host) = (g.max_downloads, g.per_host);
    let user_agent = setup.poller_config().user_agent;
    let jobs: Vec<Queued> = rows
        .iter()
        .map(|d| Queued {
            id: d.id,
            job: Job {
                url: d.url.clone(),
                dest: dir.join(&d.path),
                validators: d.validators.clone(),
                total: d.bytes_total,
            },
        })
        .collect();
    let client = match engine::client(&limits, &user_agent) {
        Ok(c) => c,
        Err(e) => {
            let reason = e.to_string();
            eprintln!("tidings: {reason}");
            for d in &rows {
                setup
                    .db
                    .set_download_state(d.id, DownloadState::Failed, Some(&reason), now())?;
            }
            return Ok((0, rows.len()));
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(CommandError::Runtime)?;
    let mut view = Progress::new(&rows, std::io::stdout().is_terminal());
    let failed = runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let queue = tokio::spawn(podcast::run_queue(
            client,
            jobs,
            limits,
            max_downloads,
            per_host,
            tx,
        ));
        let mut failed = 0usize;
        let mut said = false;
        while let Some(report) = rx.recv().await {
            if let Err(e) = record(setup, &mut view, report, &mut failed)
                && !said
            {
                // The files are still written; only their rows lag.
                eprintln!(
                    "tidings: {}",
                    t!("cmd-download-save-failed", error = e.to_string())
                );
                said = true;
            }
        }
        let _ = queue.await;
        failed
    });
    view.clear();
    Ok((view.ok, failed))
}

/// Stores one report and shows it.
fn record(
    setup: &mut Setup,
    view: &mut Progress,
    report: Report,
    failed: &mut usize,
) -> Result<(), CommandError> {
    match report {
        Report::Event(
            id,
            Event::Started {
                from,
                total,
                validators,
            },
        ) => {
            // Stored before the bytes land, so a kill from here on resumes with If-Range.
            setup
                .db
                .set_download_progress(id, from, total, &validators, now())?;
            setup
                .db
                .set_download_state(id, DownloadState::Downloading, None, now())?;
            view.started(id, from, total);
        }
        Report::Event(id, Event::Progress { done }) => {
            if view.progress(id, done)
                && let Some(row) = setup.db.download(id)?
            {
                setup.db.set_download_progress(
                    id,
                    done,
                    row.bytes_total,
                    &row.validators,
                    now(),
                )?;
            }
        }
        Report::Done(id, Ok(finished)) => {
            if let Some(row) = setup.db.download(id)? {
                setup.db.set_download_progress(
                    id,
                    finished.bytes,
                    Some(finished.bytes),
                    &row.validators,
                    now(),
                )?;
            }
            setup
                .db
                .set_download_state(id, DownloadState::Done, None, now())?;
            view.finished(id, Ok(finished.bytes));
            if let Some(article) = setup.db.download(id)?.and_then(|d| d.article_id) {
                let policies = podcast::auto::policies(&setup.config.feeds);
                let dir = download_dir(setup);
                for gone in podcast::auto::apply_keep(&mut setup.db, &dir, &policies, article)? {
                    view.note(&t!(
                        "cmd-download-kept-deleted",
                        file = sanitize::line(&gone)
                    ));
                }
            }
        }
        Report::Done(id, Err(e)) => {
            *failed += 1;
            let reason = e.to_string();
            setup
                .db
                .set_download_state(id, DownloadState::Failed, Some(&reason), now())?;
            view.finished(id, Err(reason));
        }
    }
    Ok(())
}

struct Item {
    name: String,
    done: u64,
    total: Option<u64>,
    /// Bytes and time when this run's transfer began, for speed and ETA.
    start: Option<(u64, Instant)>,
    saved_at: Option<Instant>,
    active: bool,
}

/// Progress bars on a terminal; a line per finished file otherwise (cron, logs).
struct Progress {
    items: HashMap<i64, Item>,
    order: Vec<i64>,
    tty: bool,
    drawn: usize,
    drawn_at: Option<Instant>,
    ok: usize,
}

impl Progress {
    fn new(rows: &[Download], tty: bool) -> Self {
        let items = rows
            .iter()
            .map(|d| {
                (
                    d.id,
                    Item {
                        name: sanitize::line(&d.path),
                        done: d.bytes_done,
                        total: d.bytes_total,
                        start: None,
                        saved_at: None,
                        active: false,
                    },
                )
            })
            .collect();
        Progress {
            items,
            order: rows.iter().map(|d| d.id).collect(),
            tty,
            drawn: 0,
            drawn_at: None,
            ok: 0,
        }
    }

    fn started(&mut self, id: i64, from: u64, total: Option<u64>) {
        if let Some(item) = self.items.get_mut(&id) {
            item.done = from;
            item.total = total;
            item.start = Some((from, Instant::now()));
            item.saved_at = Some(Instant::now());
            item.active = true;
        }
        self.draw(false);
    }

    /// Records the count; true when it is time to save it.
    fn progress(&mut self, id: i64, done: u64) -> bool {
        let mut save = false;
        if let Some(item) = self.items.get_mut(&id) {
            item.done = done;
            save = item.saved_at.is_none_or(|t| t.elapsed() >= SAVE_EVERY);
            if save {
                item.saved_at = Some(Instant::now());
            }
        }
        if self.drawn_at.is_none_or(|t| t.elapsed() >= DRAW_EVERY) {
            self.draw(false);
        }
        save
    }

    /// A line above the bars.
    fn note(&mut self, line: &str) {
        self.clear();
        println!("{line}");
        self.draw(true);
    }

    fn finished(&mut self, id: i64, outcome: Result<u64, String>) {
        let Some(item) = self.items.get_mut(&id) else {
            return;
        };
        item.active = false;
        let line = match &outcome {
            Ok(bytes) => {
                self.ok += 1;
                format!("ok    {}  {}", item.name, size(*bytes))
            }
            Err(reason) => format!("FAIL  {}: {reason}", item.name),
        };
        self.clear();
        println!("{line}");
        self.draw(true);
    }

    /// Takes the bars off the screen, so a finished line can go above them.
    fn clear(&mut self) {
        if self.tty && self.drawn > 0 {
            print!("\x1b[{}F\x1b[J", self.drawn);
            self.drawn = 0;
        }
    }

    fn draw(&mut self, force: bool) {
        if !self.tty || (!force && self.drawn_at.is_some_and(|t| t.elapsed() < DRAW_EVERY)) {
            return;
        }
        self.clear();
        let width = crate::commands::terminal_width().unwrap_or(80).max(40);
        let mut out = std::io::stdout().lock();
        let mut lines = 0;
        for id in &self.order {
            let Some(item) = self.items.get(id).filter(|i| i.active) else {
                continue;
            };
            let _ = writeln!(out, "{}", bar_line(item, width));
            lines += 1;
        }
        let _ = out.flush();
        self.drawn = lines;
        self.drawn_at = Some(Instant::now());
    }
}

/// `name  [#####-----]  12.3 MB/45.6 MB  1.2 MB/s  ETA 0:27`, fitted to `width`: the
/// file's own name (its folder is the feed, which the finished line shows), padded so the
/// bars of several files line up and do not move as the numbers change.
fn bar_line(item: &Item, width: usize) -> String {
    let rate = item.start.and_then(|(from, at)| {
        let secs = at.elapsed().as_secs_f64();
        (secs > 0.5).then(|| item.done.saturating_sub(from) as f64 / secs)
    });
    let amounts = match item.total {
        Some(t) => format!("{}/{}", size(item.done), size(t)),
        None => size(item.done),
    };
    let speed = rate.map_or_else(String::new, |r| format!("{}/s", size(r as u64)));
    let eta = match (rate, item.total) {
        (Some(r), Some(t)) if r > 0.0 => {
            let secs = (t.saturating_sub(item.done) as f64 / r) as u64;
            format!("ETA {}:{:02}", secs / 60, secs % 60)
        }
        _ => String::new(),
    };
    let cells = if width >= 110 { 20 } else { 10 };
    let filled = match item.total {
        Some(t) if t > 0 => ((item.done.min(t) as f64 / t as f64) * cells as f64) as usize,
        _ => 0,
    };
    let bar = format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled));
    let tail = format!("  {bar}  {amounts:<17}  {speed:>10}  {eta:<9}");
    let room = width
        .saturating_sub(unicode_width::UnicodeWidthStr::width(tail.as_str()) + 1)
        .max(8);
    let name = item.name.rsplit('/').next().unwrap_or(&item.name);
    let name = crate::text::fit(name, room);
    let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
    format!("{name}{}{tail}", " ".repeat(pad))
}

fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB * KB {
        format!("{:.1} GB", b / (KB * KB * KB))
    } else if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} B")
    }
}

/// `tidings downloads [--json]`.
pub fn list(setup: Setup, json: bool) -> Result<i32, CommandError> {
    let dir = download_dir(&setup);
    let rows = setup.db.downloads()?;
    // A `downloading` row with no run holding the lock was left by a run that died; the
    // next `tidings download` resumes it.
    let runner = std::fs::File::open(setup.paths.data_dir.join("downloads.lock"))
        .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)));
    let mut out = std::io::stdout().lock();
    for d in rows {
        let path = dir.join(&d.path);
        // A running download's bytes are in its .part, ahead of the last saved count.
        let done = match d.state {
            DownloadState::Done => d.bytes_done,
            _ => std::fs::metadata(engine::part_path(&path)).map_or(d.bytes_done, |m| m.len()),
        };
        let line = if json {
            let time = |t: i64| {
                chrono::DateTime::<chrono::Utc>::from_timestamp(t, 0)
                    .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            };
            serde_json::json!({
                "id": d.id,
                "article_id": d.article_id,
                "url": d.url,
                "path": path.to_string_lossy(),
                "state": d.state.as_str(),
                "reason": d.reason,
                "bytes_done": done,
                "bytes_total": d.bytes_total,
                "queued_at": time(d.queued_at),
                "finished_at": d.finished_at.and_then(time),
            })
            .to_string()
        } else {
            let amount = match d.bytes_total {
                Some(t) if t > 0 => format!(
                    "{}/{} {:>3}%",
                    size(done),
                    size(t),
                    done.min(t).saturating_mul(100) / t
                ),
                _ => size(done),
            };
            let reason = d
                .reason
                .map(|r| format!("  ({})", sanitize::line(&r)))
                .unwrap_or_default();
            let state = match d.state {
                DownloadState::Downloading if !runner => "interrupted",
                other => other.as_str(),
            };
            format!(
                "{:>5}  {:<11}  {:<22}  {}{reason}",
                d.id,
                state,
                amount,
                sanitize::line(&path.to_string_lossy())
            )
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(0)
}
