//! The reader's download runner: a thread of its own with a small tokio runtime, owning
//! `downloads.lock`, its own SQLite connection for the `downloads` rows, and one task per
//! transfer. The app sends it `DownloadCmd`s (`Effect::Download`); it answers with
//! `Msg::Downloads`, at most four a second while bytes arrive, and `Msg::Done` for what the
//! status bar should say. Nothing here runs on the event loop.
//!
//! Pause and cancel abort the transfer's task: the engine writes the `.part` only between
//! awaits, so an aborted task leaves whole chunks, and the next attempt asks for the rest
//! with Range (the engine measures the `.part` itself). Rows are written only when their
//! state changes, never per chunk: the bytes done are the `.part`'s length, and a write per
//! second would make the reader's own writer see "another process" changing the file and
//! reload every headline.
//!
//! When another process (a cron `tidings download`) holds the lock, this runner runs
//! nothing: it shows the rows with the `.part` sizes and tries the lock again each second,
//! so it takes over the queue once the other run ends.

use crate::app::{DownloadCmd, DownloadRow, DownloadsView, Msg};
use crate::db::{Db, Download, DownloadLabel, DownloadState};
use crate::feed::hosts::HostLimits;
use crate::podcast::download::{self as engine, DownloadError, Event, Finished, Job};
use crate::podcast::{lock, queue};
use crate::setup::now;
use crate::t;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::OwnedSemaphorePermit;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// How often the screen hears of progress, at most.
const REPORT_EVERY: Duration = Duration::from_millis(250);
/// How often the rows are read again and the lock tried (another process's queue).
const LOOK_EVERY: Duration = Duration::from_secs(1);

pub use crate::podcast::RunnerSettings as Settings;

enum Cmd {
    User(DownloadCmd),
    /// config.toml was read again: the feeds' automatic download settings.
    Policies(Vec<crate::podcast::auto::Policy>),
    Quit,
}

/// The handle the effect runner keeps.
pub struct Downloads {
    tx: UnboundedSender<Cmd>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Downloads {
    /// `hosts` is the poller's table of turns with each server: a download holds one of
    /// its host's turns for as long as it runs, and a feed fetch from that host waits for it.
    pub fn spawn(
        settings: Settings,
        hosts: Arc<HostLimits>,
        app: UnboundedSender<Msg>,
    ) -> Downloads {
        let (tx, rx) = unbounded_channel();
        let thread = std::thread::Builder::new()
            .name("downloads".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = app.send(Msg::Done(Err(t!(
                            "download-cannot-run",
                            why = e.to_string()
                        ))));
                        return;
                    }
                };
                runtime.block_on(run(settings, hosts, app, rx));
            })
            .ok();
        Downloads { tx, thread }
    }

    pub fn send(&self, cmd: DownloadCmd) {
        let _ = self.tx.send(Cmd::User(cmd));
    }

    pub fn set_policies(&self, policies: Vec<crate::podcast::auto::Policy>) {
        let _ = self.tx.send(Cmd::Policies(policies));
    }

    /// Stops every transfer (their `.part` files stay for the next start) and lets go of
    /// the lock.
    pub fn shutdown(&mut self) {
        let _ = self.tx.send(Cmd::Quit);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        self.shutdown();
    }
}

enum Report {
    Event(i64, Event),
    Done(i64, Result<Finished, DownloadError>),
}

struct Active {
    task: tokio::task::JoinHandle<()>,
    /// The host's turn, given back when the transfer ends, pauses or is cancelled.
    _host: OwnedSemaphorePermit,
    done: u64,
    total: Option<u64>,
    /// Bytes and time when the server answered, for the speed.
    start: Option<(u64, Instant)>,
}

struct Service {
    s: Settings,
    hosts: Arc<HostLimits>,
    app: UnboundedSender<Msg>,
    db: Option<Db>,
    lock: Option<std::fs::File>,
    held: bool,
    /// Who holds the lock when this process does not.
    elsewhere: Option<Option<u32>>,
    client: Option<reqwest::Client>,
    rows: Vec<Download>,
    labels: HashMap<i64, DownloadLabel>,
    active: HashMap<i64, Active>,
    reports: UnboundedSender<Report>,
    /// Something changed since the screen last heard.
    changed: bool,
    /// `PRAGMA data_version` when automatic downloads were last looked for: it moves when
    /// another connection (the reader's writer storing a refresh) commits.
    auto_seen: Option<i64>,
}

async fn run(
    s: Settings,
    hosts: Arc<HostLimits>,
    app: UnboundedSender<Msg>,
    mut rx: UnboundedReceiver<Cmd>,
) {
    let (reports, mut report_rx) = unbounded_channel();
    let mut svc = Service {
        db: match Db::open(&s.db_file) {
            Ok(db) => Some(db),
            Err(e) => {
                let _ = app.send(Msg::Done(Err(t!(
                    "download-cannot-run",
                    why = e.to_string()
                ))));
                None
            }
        },
        lock: lock::open(&s.lock_file).ok(),
        client: engine::client(&s.limits, &s.user_agent).ok(),
        s,
        hosts,
        app,
        held: false,
        elsewhere: None,
        rows: Vec::new(),
        labels: HashMap::new(),
        active: HashMap::new(),
        reports,
        changed: true,
        auto_seen: None,
    };
    svc.look();
    let mut report_tick = tokio::time::interval(REPORT_EVERY);
    let mut look_tick = tokio::time::interval(LOOK_EVERY);
    loop {
        tokio::select! {
            cmd = rx.recv() => match cmd {
                Some(Cmd::User(cmd)) => {
                    svc.command(cmd);
                    svc.send_view();
                }
                Some(Cmd::Policies(policies)) => {
                    if policies != svc.s.policies {
                        svc.s.policies = policies;
                        // A feed just set to download: look now, not at the next refresh.
                        svc.auto_seen = None;
                    }
                }
                Some(Cmd::Quit) | None => break,
            },
            Some(report) = report_rx.recv() => svc.report(report),
            _ = report_tick.tick() => svc.send_view(),
            _ = look_tick.tick() => svc.look(),
        }
    }
    for (_, a) in svc.active.drain() {
        a.task.abort();
        let _ = a.task.await;
    }
    // Closing the file lets go of the lock; the rows stay `downloading`, which the next
    // run (this reader restarted, or `tidings download`) resumes.
    svc.lock = None;
}

impl Service {
    fn say(&self, text: Result<String, String>) {
        let _ = self.app.send(Msg::Done(text));
    }

    /// Reads the rows again, takes the lock if it is free, and starts what may start.
    fn look(&mut self) {
        if !self.held
            && let Some(file) = &self.lock
        {
            match lock::try_take(file) {
                Ok(true) => {
                    self.held = true;
                    self.elsewhere = None;
                }
                Ok(false) => self.elsewhere = Some(lock::holder(&self.s.lock_file)),
                Err(e) => tracing::warn!("cannot take downloads.lock: {e}"),
            }
            self.changed = true;
        }
        self.auto_queue();
        self.reload();
        self.start_due();
    }

    /// Automatic downloads, after something else wrote the database (a refresh stored).
    fn auto_queue(&mut self) {
        if self.s.policies.is_empty() {
            return;
        }
        let Some(db) = &mut self.db else { return };
        let version = db.data_version().ok();
        if version.is_some() && version == self.auto_seen {
            return;
        }
        self.auto_seen = version;
        match crate::podcast::auto::queue_new(
            db,
            &self.s.marks_file,
            &self.s.policies,
            &self.s.dir,
            &self.s.template,
            now(),
        ) {
            Ok(0) => {}
            Ok(n) => self.say(Ok(t!("download-auto-queued", count = n))),
            Err(e) => self.say(Err(t!("download-auto-failed", why = e.to_string()))),
        }
    }

    /// `keep = N` for the feed of a download that just completed.
    fn apply_keep(&mut self, id: i64) {
        let Some(article) = self.row(id).and_then(|d| d.article_id) else {
            return;
        };
        let Some(db) = &mut self.db else { return };
        match crate::podcast::auto::apply_keep(db, &self.s.dir, &self.s.policies, article) {
            Ok(gone) if gone.is_empty() => {}
            Ok(gone) => {
                self.say(Ok(t!("download-keep-deleted", count = gone.len())));
                self.reload();
            }
            Err(e) => self.say(Err(t!("download-keep-failed", why = e.to_string()))),
        }
    }

    fn reload(&mut self) {
        let Some(db) = &self.db else {
            return;
        };
        match (db.downloads(), db.download_labels()) {
            (Ok(rows), Ok(labels)) => {
                if rows != self.rows || labels != self.labels {
                    self.changed = true;
                }
                self.rows = rows;
                self.labels = labels;
            }
            (Err(e), _) | (_, Err(e)) => tracing::warn!("cannot read the download queue: {e}"),
        }
        // Another process's transfers show through their `.part` sizes.
        if !self.held {
            self.changed = true;
        }
    }

    fn write(&mut self, f: impl FnOnce(&mut Db) -> crate::db::Result<()>) {
        if let Some(db) = &mut self.db
            && let Err(e) = f(db)
        {
            self.say(Err(t!("download-queue-not-saved", why = e.to_string())));
        }
        self.reload();
        self.changed = true;
    }

    /// Starts queued and interrupted rows, oldest first, within `max_downloads` and the
    /// per-host limit shared with the poller. A row whose host is busy (with feed fetches
    /// or other downloads) stays queued and is tried again at the next look, each second.
    fn start_due(&mut self) {
        if !self.held {
            return;
        }
        let Some(client) = self.client.clone() else {
            return;
        };
        let due: Vec<Download> = self
            .rows
            .iter()
            .filter(|d| {
                matches!(d.state, DownloadState::Queued | DownloadState::Downloading)
                    && !self.active.contains_key(&d.id)
            })
            .cloned()
            .collect();
        for d in due {
            if self.active.len() >= self.s.max_downloads.max(1) {
                break;
            }
            let Some(host) = self.hosts.try_acquire(&d.url) else {
                continue;
            };
            let job = Job {
                url: d.url.clone(),
                dest: self.s.dir.join(&d.path),
                validators: d.validators.clone(),
                total: d.bytes_total,
            };
            let (limits, reports, client, id) = (
                self.s.limits.clone(),
                self.reports.clone(),
                client.clone(),
                d.id,
            );
            let task = tokio::spawn(async move {
                let events = reports.clone();
                let mut on = move |e: Event| {
                    let _ = events.send(Report::Event(id, e));
                };
                let result = engine::download(&client, &job, &limits, &mut on).await;
                let _ = reports.send(Report::Done(id, result));
            });
            let done = part_len(&self.s.dir.join(&d.path)).unwrap_or(d.bytes_done);
            self.active.insert(
                d.id,
                Active {
                    task,
                    _host: host,
                    done,
                    total: d.bytes_total,
                    start: None,
                },
            );
            self.changed = true;
        }
    }

    fn report(&mut self, report: Report) {
        match report {
            Report::Event(id, event) => {
                // A report from a transfer paused or cancelled meanwhile is stale.
                let Some(a) = self.active.get_mut(&id) else {
                    return;
                };
                match event {
                    Event::Started {
                        from,
                        total,
                        validators,
                    } => {
                        a.done = from;
                        a.total = total;
                        a.start = Some((from, Instant::now()));
                        // Stored before the bytes land, so a kill from here on resumes
                        // with If-Range.
                        self.write(|db| {
                            db.set_download_progress(id, from, total, &validators, now())?;
                            db.set_download_state(id, DownloadState::Downloading, None, now())
                        });
                    }
                    Event::Progress { done } => {
                        a.done = done;
                        self.changed = true;
                    }
                }
            }
            Report::Done(id, result) => {
                if self.active.remove(&id).is_none() {
                    return;
                }
                let name = self.name(id);
                match result {
                    Ok(finished) => {
                        let validators = self
                            .rows
                            .iter()
                            .find(|d| d.id == id)
                            .map(|d| d.validators.clone())
                            .unwrap_or_default();
                        self.write(|db| {
                            let bytes = finished.bytes;
                            db.set_download_progress(id, bytes, Some(bytes), &validators, now())?;
                            db.set_download_state(id, DownloadState::Done, None, now())
                        });
                        self.say(Ok(format!("Downloaded {name}")));
                        self.apply_keep(id);
                    }
                    Err(e) => {
                        let reason = e.to_string();
                        self.write(|db| {
                            db.set_download_state(id, DownloadState::Failed, Some(&reason), now())
                        });
                        self.say(Err(t!(
                            "download-failed",
                            name = name.to_string(),
                            why = e.to_string()
                        )));
                    }
                }
                self.start_due();
            }
        }
    }

    fn name(&self, id: i64) -> String {
        match self.labels.get(&id) {
            Some(l) => l.title.clone(),
            None => self
                .rows
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.path.clone())
                .unwrap_or_default(),
        }
    }

    fn row(&self, id: i64) -> Option<Download> {
        self.rows.iter().find(|d| d.id == id).cloned()
    }

    /// Stops a running transfer; the `.part` stays as the last chunk left it.
    fn stop(&mut self, id: i64) {
        if let Some(a) = self.active.remove(&id) {
            a.task.abort();
        }
    }

    fn command(&mut self, cmd: DownloadCmd) {
        // A transfer that already ended has its report on the way: it decides the row.
        if let DownloadCmd::TogglePause(id) | DownloadCmd::Cancel(id) = cmd
            && self.active.get(&id).is_some_and(|a| a.task.is_finished())
        {
            return;
        }
        match cmd {
            DownloadCmd::Queue { article, choice } => self.queue(article, choice),
            DownloadCmd::TogglePause(id) => {
                let Some(row) = self.row(id) else { return };
                match row.state {
                    DownloadState::Queued | DownloadState::Downloading => {
                        self.stop(id);
                        self.write(|db| {
                            db.set_download_state(id, DownloadState::Paused, None, now())
                        });
                    }
                    DownloadState::Paused => {
                        self.write(|db| {
                            db.set_download_state(id, DownloadState::Queued, None, now())
                        });
                        self.start_due();
                    }
                    DownloadState::Done | DownloadState::Failed => {}
                }
            }
            DownloadCmd::Retry(id) => {
                self.write(|db| db.set_download_state(id, DownloadState::Queued, None, now()));
                self.start_due();
            }
            DownloadCmd::Cancel(id) => {
                let Some(row) = self.row(id) else { return };
                if row.state == DownloadState::Done {
                    self.say(Err(t!("download-already-done")));
                    return;
                }
                self.stop(id);
                let _ = std::fs::remove_file(engine::part_path(&self.s.dir.join(&row.path)));
                self.write(|db| db.remove_download(id));
                self.say(Ok(format!("Cancelled {}", self.name_of(&row))));
                self.start_due();
            }
            DownloadCmd::DeleteFile(id) => {
                let Some(row) = self.row(id) else { return };
                let path = self.s.dir.join(&row.path);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        self.say(Err(t!(
                            "download-cannot-delete",
                            path = path.display().to_string(),
                            why = e.to_string()
                        )));
                        return;
                    }
                }
                self.write(|db| db.remove_download(id));
                self.say(Ok(format!("Deleted {}", path.display())));
            }
        }
    }

    fn name_of(&self, row: &Download) -> String {
        self.labels
            .get(&row.id)
            .map_or_else(|| row.path.clone(), |l| l.title.clone())
    }

    /// `d`: the article's enclosure onto the queue, or a choice when it has several.
    fn queue(&mut self, article: crate::model::ArticleId, choice: Option<usize>) {
        let Some(db) = &mut self.db else { return };
        let found = (|| -> crate::db::Result<Result<String, String>> {
            let Some(info) = db.episode_info(article)? else {
                return Ok(Err(t!("effect-article-gone")));
            };
            let media = queue::media(db.body(article)?.map(|b| b.enclosures).unwrap_or_default());
            let enc = match (media.len(), choice) {
                (0, _) => return Ok(Err(t!("download-no-enclosure"))),
                (1, _) => &media[0],
                (_, Some(n)) if (1..=media.len()).contains(&n) => &media[n - 1],
                (_, Some(n)) => {
                    return Ok(Err(t!(
                        "download-no-such-enclosure",
                        number = n.to_string()
                    )));
                }
                (_, None) => {
                    let names = media.iter().map(enclosure_name).collect();
                    let _ = self.app.send(Msg::EnclosureChoice { article, names });
                    return Ok(Ok(String::new()));
                }
            };
            let mut taken = queue::taken(db)?;
            let outcome = queue::enclosure(
                db,
                &self.s.dir,
                &self.s.template,
                &mut taken,
                article,
                &info.feed,
                &info.title,
                info.date,
                enc,
                now(),
            )?;
            let title = crate::sanitize::line(&info.title);
            Ok(Ok(match outcome {
                queue::Queued::New(_) | queue::Queued::Again(_) => {
                    t!("download-queued", title = title.as_str())
                }
                queue::Queued::Already(_) => t!("download-already-queued", title = title.as_str()),
            }))
        })();
        match found {
            Ok(Ok(text)) if text.is_empty() => {}
            Ok(text) => self.say(text),
            Err(e) => self.say(Err(t!("download-not-queued", why = e.to_string()))),
        }
        self.reload();
        self.start_due();
    }

    fn send_view(&mut self) {
        if !self.changed {
            return;
        }
        self.changed = false;
        let rows = self
            .rows
            .iter()
            .map(|d| {
                let path = self.s.dir.join(&d.path);
                let label = self.labels.get(&d.id).cloned().unwrap_or_default();
                let active = self.active.get(&d.id);
                let done = match (active, d.state) {
                    (Some(a), _) => a.done,
                    (None, DownloadState::Done) => d.bytes_done,
                    (None, _) => part_len(&path).unwrap_or(d.bytes_done),
                };
                let speed = active.and_then(|a| a.start).and_then(|(from, at)| {
                    let secs = at.elapsed().as_secs_f64();
                    (secs >= 1.0).then(|| (done.saturating_sub(from) as f64 / secs) as u64)
                });
                DownloadRow {
                    id: d.id,
                    article_id: d.article_id,
                    feed: crate::sanitize::line(&label.feed),
                    title: crate::sanitize::line(&label.title),
                    path,
                    state: d.state,
                    reason: d.reason.as_deref().map(crate::sanitize::line),
                    done,
                    total: active.and_then(|a| a.total).or(d.bytes_total),
                    speed,
                }
            })
            .collect();
        let _ = self.app.send(Msg::Downloads(DownloadsView {
            rows,
            elsewhere: if self.held { None } else { self.elsewhere },
        }));
    }
}

fn part_len(dest: &Path) -> Option<u64> {
    std::fs::metadata(engine::part_path(dest))
        .ok()
        .map(|m| m.len())
}

/// An enclosure as the choice lists it: its file name and size.
fn enclosure_name(e: &crate::model::Enclosure) -> String {
    let name = url::Url::parse(&e.url)
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.next_back().map(str::to_string))
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| e.url.clone());
    crate::sanitize::line_capped(&name, 30)
}
