//! The one thread that writes to SQLite. Commands are batched: everything queued
//! when the thread wakes is committed in one transaction.
//!
//! Each command runs in its own savepoint, so one failing command is reported and the
//! rest of the batch still commits. Events go out only after the commit, so whoever
//! reacts to `Ingested` can rely on the rows being on disk (WAL, synchronous=NORMAL:
//! safe against a killed process, which is what the product promises).
//!
//! Read and bookmark changes that cannot be saved (disk full, read-only file, a lock held
//! too long by another process) are kept and tried again every few seconds, before any
//! newer command, so nothing the user did is silently dropped; [`DbWriter::shutdown`]
//! says what was still unsaved at exit.
//!
//! Other processes (a cron `tidings refresh`, a second reader) write the same file.
//! `CheckExternal` asks whether they did: `PRAGMA data_version` on this thread's own
//! connection changes only for other connections' commits, so the reader's own writes
//! never look foreign. When it changed, every headline is sent back for the app to merge.
//!
//! Once the queue has been quiet for a moment, the thread brings the search index up to
//! date in small transactions ([`Db::index_pending`]); a command arriving meanwhile
//! waits for one chunk at most. After a catch-up of more than one chunk it empties the
//! WAL ([`Db::checkpoint_truncate`]), which the catch-up grew. Then, if over a quarter of
//! the file is free pages (pruned articles, an unsubscribed feed, the bodies schema 8
//! packed), it runs `VACUUM` to give them back: the UI never waits for this thread, only
//! its later commands do, once.

use super::{Change, Db, DbError, IngestReport, Limits, articles, feeds, ingest};
use crate::model::{FeedId, FeedStatus, Flags, ParsedFeed, PollSchedule, Validators};
use rusqlite::Connection;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub enum DbCmd {
    Ingest {
        feed_id: FeedId,
        parsed: ParsedFeed,
        validators: Validators,
        moved_to: Option<String>,
        limits: Limits,
        now: i64,
    },
    Status {
        feed_id: FeedId,
        status: FeedStatus,
    },
    /// When the feed may be polled automatically again (backoff, Retry-After).
    Schedule {
        feed_id: FeedId,
        schedule: PollSchedule,
    },
    Changes(Vec<Change>),
    /// Answer with `DbEvent::External` if another connection committed since the last
    /// check. `seq` is echoed back, so the app knows which of its own changes the answer
    /// already includes.
    CheckExternal {
        seq: u64,
    },
    /// config.toml changed under a running reader: make rows for new feeds and answer
    /// `DbEvent::FeedsSynced` with every configured feed and every stored headline, as of
    /// the commit of everything queued before (`seq` as for `CheckExternal`).
    SyncFeeds {
        seq: u64,
        feeds: Vec<crate::model::FeedConfig>,
        default_refresh_secs: u64,
    },
    /// `x` in the reader: what reading an article's page gave (`db::fulltext::save`).
    SaveFullText {
        id: crate::model::ArticleId,
        fetched_at: i64,
        result: std::result::Result<crate::fulltext::Extracted, String>,
    },
    /// Unsubscribed in the reader: the feed's articles go, bookmarked ones stay.
    ForgetFeed {
        url: String,
    },
    /// The feed categories of what the reader loaded at start, asked for after its first
    /// frame; answered before any later command's event, so ingests keep their own.
    LoadCategories {
        feeds: Vec<FeedId>,
    },
}

#[derive(Debug)]
pub enum DbEvent {
    Ingested {
        feed_id: FeedId,
        report: IngestReport,
    },
    /// Something could not be saved. `feeds` names the feeds whose documents were lost
    /// with it, so callers waiting for their `Ingested` stop waiting.
    Failed { feeds: Vec<FeedId>, message: String },
    /// Read/bookmark changes that had failed are now saved.
    Recovered { changes: usize },
    /// Another process changed the database: every stored headline, with the changes
    /// this writer still holds for retry applied, as of the `CheckExternal` with `seq`.
    External { seq: u64, snapshot: super::Snapshot },
    /// The answer to `DbCmd::SyncFeeds`.
    FeedsSynced {
        seq: u64,
        feeds: Vec<crate::model::Feed>,
        snapshot: super::Snapshot,
    },
    /// The answer to `DbCmd::LoadCategories`.
    Categories(crate::model::CategoryLists),
}

enum Msg {
    Cmd(DbCmd),
    /// Answered once everything queued before it is committed and its events sent.
    Flush(SyncSender<()>),
}

/// Bounds the work of one transaction, so a flood of commands still reaches the
/// disk in steps of well under a second.
const MAX_BATCH: usize = 256;

pub struct DbWriter {
    tx: Option<Sender<Msg>>,
    thread: Option<JoinHandle<Option<ShutdownError>>>,
}

/// What [`DbWriter::shutdown`] could not do.
#[derive(Debug, thiserror::Error)]
pub enum ShutdownError {
    /// Read/bookmark changes still failing after a last try; `error` is the database's
    /// last word on them.
    #[error("{}", crate::t!("db-unsaved", count = *.count, error = .error.as_str()))]
    Unsaved { count: usize, error: String },
    #[error("{}", crate::t!("db-writer-stopped"))]
    Panicked,
}

impl DbWriter {
    pub fn spawn<F>(db: Db, sink: F) -> Self
    where
        F: Fn(DbEvent) + Send + 'static,
    {
        Self::spawn_with(db, sink, true)
    }

    /// `index`: whether the thread brings the search index up to date when its queue is
    /// quiet. A one-shot `tidings refresh` leaves that to the next search or reader.
    pub fn spawn_with<F>(db: Db, sink: F, index: bool) -> Self
    where
        F: Fn(DbEvent) + Send + 'static,
    {
        Self::spawn_after(db, |_| {}, sink, index)
    }

    /// Like [`DbWriter::spawn_with`], but the thread first runs `first` on the connection:
    /// the reader loads its headlines there while the first frame is drawn, and the
    /// version they were read at (`Db::loaded_version`) stays with the connection that
    /// compares it. Commands sent meanwhile wait in the queue.
    pub fn spawn_after<F, J>(db: Db, first: J, sink: F, index: bool) -> Self
    where
        F: Fn(DbEvent) + Send + 'static,
        J: FnOnce(&Db) + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("tidings-db-writer".into())
            .spawn(move || {
                first(&db);
                run(db, rx, sink, index)
            });
        match thread {
            Ok(handle) => DbWriter {
                tx: Some(tx),
                thread: Some(handle),
            },
            Err(e) => {
                tracing::error!("cannot start the database writer thread: {e}");
                DbWriter {
                    tx: None,
                    thread: None,
                }
            }
        }
    }

    /// Queues a command; it is committed within milliseconds unless the file is locked.
    pub fn send(&self, cmd: DbCmd) {
        self.post(Msg::Cmd(cmd));
    }

    /// Queues commands from elsewhere (a task of the runner's), as [`DbWriter::send`].
    pub fn sender(&self) -> impl Fn(DbCmd) + Send + Sync + 'static {
        let tx = self.tx.clone();
        move |cmd| {
            if let Some(tx) = &tx {
                let _ = tx.send(Msg::Cmd(cmd));
            }
        }
    }

    /// Blocks until every command sent before is committed (or failed) and its events
    /// went to the sink. False if the writer thread is gone.
    pub fn flush(&self) -> bool {
        let (ack_tx, ack_rx) = mpsc::sync_channel(1);
        self.post(Msg::Flush(ack_tx)) && ack_rx.recv().is_ok()
    }

    /// Commits everything queued and stops the thread. Err says what could not be saved
    /// (read/bookmark changes still failing after a last try).
    pub fn shutdown(mut self) -> Result<(), ShutdownError> {
        match self.stop() {
            Some(unsaved) => Err(unsaved),
            None => Ok(()),
        }
    }

    fn post(&self, msg: Msg) -> bool {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(msg).is_ok());
        if !sent {
            tracing::error!("the database writer has stopped; a change was not saved");
        }
        sent
    }

    fn stop(&mut self) -> Option<ShutdownError> {
        // Closing the channel lets the thread drain what is queued, then return.
        self.tx = None;
        let handle = self.thread.take()?;
        match handle.join() {
            Ok(unsaved) => unsaved,
            Err(_) => {
                tracing::error!("the database writer thread panicked");
                Some(ShutdownError::Panicked)
            }
        }
    }
}

impl Drop for DbWriter {
    fn drop(&mut self) {
        if let Some(unsaved) = self.stop() {
            tracing::error!("{unsaved}");
        }
    }
}

/// How long the queue must stay empty before committed pages are checkpointed.
const CHECKPOINT_WHEN_IDLE_FOR: Duration = Duration::from_millis(250);
/// A steady stream of commands still gets checkpointed this often, so the WAL stays small.
const CHECKPOINT_AT_LEAST_EVERY: Duration = Duration::from_secs(2);

/// Articles indexed for search per transaction when idle, about a tenth of a second
/// of work: another process waiting for the write lock (`tidings search` waits 250 ms)
/// gets it between two. A command of this process stops a chunk at once.
const INDEX_CHUNK: usize = 200;

/// How often read/bookmark changes that failed to save are tried again.
const RETRY_EVERY: Duration = Duration::from_secs(2);
/// Beyond this many unsaved changes the oldest are given up (and the user told).
const MAX_RETRY: usize = 100_000;

/// Read/bookmark changes that failed to save, in order, and when they are tried next.
#[derive(Default)]
struct Retry {
    changes: Vec<Change>,
    next: Option<Instant>,
    last_error: String,
}

impl Retry {
    /// Keeps the changes of a failed batch (which began with the previously kept ones).
    fn keep(&mut self, failed: Vec<Change>, error: &str) -> Option<String> {
        self.changes = failed;
        self.last_error = error.to_string();
        self.next = Some(Instant::now() + RETRY_EVERY);
        let over = self.changes.len().saturating_sub(MAX_RETRY);
        (over > 0).then(|| {
            self.changes.drain(..over);
            crate::t!("db-gave-up", count = over, error = error)
        })
    }

    fn due(&self) -> bool {
        !self.changes.is_empty() && self.next.is_some_and(|t| Instant::now() >= t)
    }

    fn wait(&self) -> Option<Duration> {
        self.next
            .filter(|_| !self.changes.is_empty())
            .map(|t| t.saturating_duration_since(Instant::now()))
    }
}

fn run<F: Fn(DbEvent)>(
    mut db: Db,
    rx: Receiver<Msg>,
    sink: F,
    index: bool,
) -> Option<ShutdownError> {
    // Commits with synchronous=NORMAL do not fsync; checkpoints do, twice. Left to
    // SQLite they happen inside a commit and hold back its events, so this thread
    // runs them itself once the queue is quiet.
    if let Err(e) = db.conn.pragma_update(None, "wal_autocheckpoint", 0) {
        tracing::warn!("cannot turn off automatic WAL checkpoints: {e}");
    }
    let mut unchecked_since: Option<Instant> = None;
    // Search indexing waits for a quiet queue too, so a refresh stores everything
    // first; the queue may hold work from before (a migration, a cron refresh).
    let mut index_due = index;
    let mut indexing = false;
    // Articles indexed since the index was last up to date.
    let mut caught_up = 0;
    let mut retry = Retry::default();
    // The version the app's headlines were read at (`Db::each_headline`): a commit by
    // another process since then still differs. Unknown when the store was filled another
    // way; then the first check always answers (a merge that usually changes nothing).
    let mut seen_version: Option<i64> = db.loaded_version();
    // A message that ended an indexing transaction early, handled next.
    let mut arrived: Option<Msg> = None;
    loop {
        let first = if let Some(msg) = arrived.take() {
            indexing = false;
            Some(msg)
        } else if retry.due() {
            None
        } else if indexing {
            match rx.try_recv() {
                Ok(msg) => {
                    indexing = false;
                    Some(msg)
                }
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {
                    // Checked before every article: a command never waits for a chunk.
                    let mut gone = false;
                    let indexed = db.index_pending_while(INDEX_CHUNK, || match rx.try_recv() {
                        Ok(msg) => {
                            arrived = Some(msg);
                            false
                        }
                        Err(TryRecvError::Empty) => true,
                        Err(TryRecvError::Disconnected) => {
                            gone = true;
                            false
                        }
                    });
                    if gone {
                        break;
                    }
                    match indexed {
                        Ok(n) => {
                            if n > 0 {
                                unchecked_since.get_or_insert_with(Instant::now);
                            }
                            caught_up += n;
                            if arrived.is_some() {
                                continue;
                            }
                            if n < INDEX_CHUNK {
                                indexing = false;
                                index_due = false;
                                // A long catch-up grew the WAL; it need not stay that size.
                                if caught_up > INDEX_CHUNK {
                                    match db.checkpoint_truncate() {
                                        Ok(()) => unchecked_since = None,
                                        Err(e) => tracing::debug!("WAL not emptied yet: {e}"),
                                    }
                                }
                                caught_up = 0;
                                // Up to date and idle: the moment to give back what
                                // pruning, an unsubscribe or the schema-8 packing freed.
                                match db.vacuum_if_worth_it() {
                                    Ok(true) => unchecked_since = None,
                                    Ok(false) => {}
                                    Err(e) => tracing::info!("free pages not given back: {e}"),
                                }
                            }
                        }
                        Err(e) => {
                            tracing::warn!("could not update the search index: {e}");
                            indexing = false;
                            index_due = false;
                        }
                    }
                    if unchecked_since.is_some_and(|t| t.elapsed() >= CHECKPOINT_AT_LEAST_EVERY) {
                        checkpoint(&db);
                        unchecked_since = None;
                    }
                    continue;
                }
            }
        } else if unchecked_since.is_none() && !index_due && retry.changes.is_empty() {
            match rx.recv() {
                Ok(msg) => Some(msg),
                Err(_) => break,
            }
        } else {
            let idle = if unchecked_since.is_some() || index_due {
                CHECKPOINT_WHEN_IDLE_FOR
            } else {
                RETRY_EVERY
            };
            let wait = retry.wait().map_or(idle, |w| w.min(idle));
            match rx.recv_timeout(wait) {
                Ok(msg) => Some(msg),
                Err(RecvTimeoutError::Timeout) => {
                    if retry.due() {
                        None
                    } else {
                        if unchecked_since.is_some() {
                            checkpoint(&db);
                            unchecked_since = None;
                        }
                        indexing = index_due;
                        continue;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
        let mut batch: Vec<Msg> = first.into_iter().collect();
        while !batch.is_empty() && batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(msg) => batch.push(msg),
                Err(_) => break,
            }
        }
        let mut acks = Vec::new();
        let mut check: Option<u64> = None;
        let mut cmds: Vec<DbCmd> = Vec::new();
        // Changes kept from a failed batch go first: they are older than anything queued.
        if !retry.changes.is_empty() {
            cmds.push(DbCmd::Changes(std::mem::take(&mut retry.changes)));
        }
        let retried = cmds.first().map_or(0, cmd_changes);
        for msg in batch {
            match msg {
                Msg::Cmd(DbCmd::CheckExternal { seq }) => check = Some(seq),
                Msg::Cmd(cmd) => cmds.push(cmd),
                Msg::Flush(ack) => acks.push(ack),
            }
        }
        if !cmds.is_empty() {
            // An unsubscribe frees pages for the idle pass's VACUUM, as ingests do.
            index_due |= index
                && cmds
                    .iter()
                    .any(|c| ingested_feed(c).is_some() || matches!(c, DbCmd::ForgetFeed { .. }));
            let outcome = commit_batch(&mut db.conn, cmds);
            if outcome.unsaved.is_empty() {
                retry.next = None;
                if retried > 0 {
                    sink(DbEvent::Recovered { changes: retried });
                }
            } else if let Some(gave_up) = retry.keep(outcome.unsaved, &outcome.error) {
                sink(DbEvent::Failed {
                    feeds: Vec::new(),
                    message: gave_up,
                });
            }
            for event in outcome.events {
                sink(event);
            }
            unchecked_since.get_or_insert_with(Instant::now);
        }
        if let Some(seq) = check {
            match external_snapshot(&db, &mut seen_version, &retry.changes) {
                Ok(Some(snapshot)) => {
                    index_due |= index;
                    sink(DbEvent::External { seq, snapshot });
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("could not look for other processes' changes: {e}"),
            }
        }
        for ack in acks {
            let _ = ack.send(());
        }
        if unchecked_since.is_some_and(|t| t.elapsed() >= CHECKPOINT_AT_LEAST_EVERY) {
            checkpoint(&db);
            unchecked_since = None;
        }
    }
    // A last try for changes that kept failing; what still fails is reported.
    if !retry.changes.is_empty() {
        let count = retry.changes.len();
        let outcome = commit_batch(&mut db.conn, vec![DbCmd::Changes(retry.changes)]);
        if !outcome.unsaved.is_empty() {
            checkpoint(&db);
            return Some(ShutdownError::Unsaved {
                count,
                error: outcome.error,
            });
        }
        unchecked_since.get_or_insert_with(Instant::now);
    }
    if unchecked_since.is_some() {
        checkpoint(&db);
    }
    None
}

fn cmd_changes(cmd: &DbCmd) -> usize {
    match cmd {
        DbCmd::Changes(c) => c.len(),
        _ => 0,
    }
}

/// Everything stored when another connection committed since `seen`, else None. Changes
/// still waiting for a retry are applied over what is stored: they are the newer state.
fn external_snapshot(
    db: &Db,
    seen: &mut Option<i64>,
    pending: &[Change],
) -> super::Result<Option<super::Snapshot>> {
    let now = db.data_version()?;
    if *seen == Some(now) {
        return Ok(None);
    }
    let mut snapshot = db.snapshot()?;
    let headlines = &mut snapshot.headlines;
    *seen = Some(now);
    if !pending.is_empty() {
        let at: std::collections::HashMap<i64, usize> = headlines
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id, i))
            .collect();
        let mut gone = std::collections::HashSet::new();
        for change in pending {
            let (id, bit, on) = match *change {
                Change::Read(id, on) => (id, Flags::READ, on),
                Change::Bookmark(id, on) => (id, Flags::BOOKMARKED, on),
                Change::CaughtUp(_) => continue,
                Change::Deleted(id, on) => {
                    if on {
                        gone.insert(id);
                    } else {
                        gone.remove(&id);
                    }
                    continue;
                }
            };
            if let Some(&i) = at.get(&id) {
                headlines[i].flags.set(bit, on);
            }
        }
        if !gone.is_empty() {
            headlines.retain(|h| !gone.contains(&h.id));
        }
    }
    Ok(Some(snapshot))
}

fn checkpoint(db: &Db) {
    if let Err(e) = db.checkpoint() {
        tracing::warn!("WAL checkpoint failed (will retry): {e}");
    }
}

/// What a batch left to do: events to emit, and read/bookmark changes that were not
/// saved (to be tried again), with the error that stopped them.
struct Outcome {
    events: Vec<DbEvent>,
    unsaved: Vec<Change>,
    error: String,
}

/// Runs the commands in one transaction and returns the events to emit now that it
/// is over: the results of the commands if the commit succeeded, failures otherwise.
fn commit_batch(conn: &mut Connection, cmds: Vec<DbCmd>) -> Outcome {
    let count = cmds.len();
    let all_feeds: Vec<FeedId> = cmds.iter().filter_map(ingested_feed).collect();
    // Kept aside so that a failure can hand them back for a retry.
    let all_changes: Vec<Change> = cmds
        .iter()
        .flat_map(|c| match c {
            DbCmd::Changes(ch) => ch.clone(),
            _ => Vec::new(),
        })
        .collect();
    let whole_batch_failed = |e: &DbError| {
        let message = if all_changes.is_empty() {
            crate::t!("db-batch-failed", count = count, error = e.to_string())
        } else {
            crate::t!("db-batch-failed-kept", count = count, error = e.to_string())
        };
        Outcome {
            events: vec![DbEvent::Failed {
                feeds: all_feeds.clone(),
                message,
            }],
            unsaved: all_changes.clone(),
            error: e.to_string(),
        }
    };
    let mut tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(e) => return whole_batch_failed(&DbError::from(e)),
    };
    let mut events = Vec::new();
    let mut failures = Vec::new();
    let mut unsaved = Vec::new();
    let mut saved_read = Vec::new();
    let mut error = String::new();
    for cmd in cmds {
        let what = describe(&cmd);
        let feed = ingested_feed(&cmd);
        let changes = match &cmd {
            DbCmd::Changes(ch) => ch.clone(),
            _ => Vec::new(),
        };
        let outcome = tx.savepoint().map_err(DbError::from).and_then(|sp| {
            let event = run_cmd(&sp, cmd)?;
            sp.commit()?;
            Ok(event)
        });
        // A failed command's savepoint rolled back when dropped.
        match outcome {
            Ok(Some(event)) => events.push(event),
            Ok(None) => saved_read.extend(changes),
            Err(e) => {
                // Some errors (disk full, I/O) roll back the whole transaction: then
                // nothing of the batch is saved, and saying otherwise would be a lie.
                if tx.is_autocommit() {
                    return whole_batch_failed(&e);
                }
                let message = if changes.is_empty() {
                    crate::t!("db-cmd-failed", what = what.as_str(), error = e.to_string())
                } else {
                    crate::t!(
                        "db-cmd-failed-kept",
                        what = what.as_str(),
                        error = e.to_string()
                    )
                };
                failures.push(DbEvent::Failed {
                    feeds: feed.into_iter().collect(),
                    message,
                });
                error = e.to_string();
                unsaved.extend(changes);
            }
        }
    }
    match tx.commit() {
        Ok(()) => {
            log_saved(&saved_read);
            events.extend(failures);
            Outcome {
                events,
                unsaved,
                error,
            }
        }
        Err(e) => whole_batch_failed(&DbError::from(e)),
    }
}

/// On disk now: logged (target `tidings::saved`, level info) so a test that kills the
/// process can check that every change reported saved survived.
fn log_saved(changes: &[Change]) {
    if changes.is_empty() || !tracing::enabled!(target: "tidings::saved", tracing::Level::INFO) {
        return;
    }
    let list: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Read(id, on) => format!("r{id}={}", u8::from(*on)),
            Change::Bookmark(id, on) => format!("b{id}={}", u8::from(*on)),
            Change::Deleted(id, on) => format!("d{id}={}", u8::from(*on)),
            Change::CaughtUp(feed) => format!("c{feed}"),
        })
        .collect();
    tracing::info!(target: "tidings::saved", "saved {}", list.join(" "));
}

fn ingested_feed(cmd: &DbCmd) -> Option<FeedId> {
    match cmd {
        DbCmd::Ingest { feed_id, .. } => Some(*feed_id),
        _ => None,
    }
}

fn describe(cmd: &DbCmd) -> String {
    match cmd {
        DbCmd::Ingest { feed_id, .. } => {
            crate::t!("db-what-articles", feed = feed_id.to_string())
        }
        DbCmd::Status { feed_id, .. } => crate::t!("db-what-status", feed = feed_id.to_string()),
        DbCmd::Schedule { feed_id, .. } => {
            crate::t!("db-what-schedule", feed = feed_id.to_string())
        }
        DbCmd::Changes(changes) => crate::t!("db-what-changes", count = changes.len()),
        DbCmd::CheckExternal { .. } => crate::t!("db-what-external"),
        DbCmd::SyncFeeds { .. } => crate::t!("db-what-feeds"),
        DbCmd::ForgetFeed { .. } => crate::t!("db-what-forget"),
        DbCmd::SaveFullText { id, .. } => crate::t!("db-what-full-text", id = id.to_string()),
        DbCmd::LoadCategories { .. } => crate::t!("db-what-categories"),
    }
}

fn run_cmd(conn: &Connection, cmd: DbCmd) -> super::Result<Option<DbEvent>> {
    match cmd {
        DbCmd::Ingest {
            feed_id,
            parsed,
            validators,
            moved_to,
            limits,
            now,
        } => {
            let report = ingest::ingest(
                conn,
                feed_id,
                &parsed,
                &validators,
                moved_to.as_deref(),
                limits,
                now,
            )?;
            Ok(Some(DbEvent::Ingested { feed_id, report }))
        }
        DbCmd::Status { feed_id, status } => {
            feeds::set_status(conn, feed_id, &status)?;
            Ok(None)
        }
        DbCmd::Schedule { feed_id, schedule } => {
            feeds::set_schedule(conn, feed_id, &schedule)?;
            Ok(None)
        }
        DbCmd::Changes(changes) => {
            articles::apply(conn, &changes)?;
            Ok(None)
        }
        DbCmd::CheckExternal { .. } => Ok(None),
        DbCmd::SaveFullText {
            id,
            fetched_at,
            result,
        } => {
            super::fulltext::save(
                conn,
                id,
                fetched_at,
                result.as_ref().map_err(String::as_str),
            )?;
            Ok(None)
        }
        DbCmd::ForgetFeed { url } => {
            feeds::forget(conn, &url)?;
            Ok(None)
        }
        DbCmd::LoadCategories { feeds } => Ok(Some(DbEvent::Categories(
            articles::load_categories(conn, Some(&feeds))?,
        ))),
        DbCmd::SyncFeeds {
            seq,
            feeds: configured,
            default_refresh_secs,
        } => {
            feeds::ensure_rows(conn, &configured)?;
            let feeds = feeds::load(conn, &configured, default_refresh_secs)?;
            let snapshot = super::Snapshot {
                headlines: articles::load_all_headlines(conn)?,
                categories: articles::load_categories(conn, None)?,
                feeds: feeds::load_states(conn)?,
            };
            Ok(Some(DbEvent::FeedsSynced {
                seq,
                feeds,
                snapshot,
            }))
        }
    }
}
