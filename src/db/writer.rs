//! The one thread that writes to SQLite. Commands are batched: everything queued
//! when the thread wakes is committed in one transaction.
//!
//! Each command runs in its own savepoint, so one failing command is reported and the
//! rest of the batch still commits. Events go out only after the commit, so whoever
//! reacts to `Ingested` can rely on the rows being on disk (WAL, synchronous=NORMAL:
//! safe against a killed process, which is what the product promises).
//!
//! Once the queue has been quiet for a moment, the thread brings the search index up to
//! date in small transactions ([`Db::index_pending`]); a command arriving meanwhile
//! waits for one chunk at most.

use super::{Change, Db, DbError, IngestReport, Limits, articles, feeds, ingest};
use crate::model::{FeedId, FeedStatus, ParsedFeed, PollSchedule, Validators};
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
    thread: Option<JoinHandle<()>>,
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
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("tidings-db-writer".into())
            .spawn(move || run(db, rx, sink, index));
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

    /// Blocks until every command sent before is committed (or failed) and its events
    /// went to the sink. False if the writer thread is gone.
    pub fn flush(&self) -> bool {
        let (ack_tx, ack_rx) = mpsc::sync_channel(1);
        self.post(Msg::Flush(ack_tx)) && ack_rx.recv().is_ok()
    }

    /// Commits everything queued and stops the thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn post(&self, msg: Msg) -> bool {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(msg).is_ok());
        if !sent {
            tracing::error!("the database writer has stopped; a change was not saved");
        }
        sent
    }

    fn stop(&mut self) {
        // Closing the channel lets the thread drain what is queued, then return.
        self.tx = None;
        if let Some(handle) = self.thread.take()
            && handle.join().is_err()
        {
            tracing::error!("the database writer thread panicked");
        }
    }
}

impl Drop for DbWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How long the queue must stay empty before committed pages are checkpointed.
const CHECKPOINT_WHEN_IDLE_FOR: Duration = Duration::from_millis(250);
/// A steady stream of commands still gets checkpointed this often, so the WAL stays small.
const CHECKPOINT_AT_LEAST_EVERY: Duration = Duration::from_secs(2);

/// Articles indexed for search per transaction when idle: some tens of milliseconds of
/// work, so a command that arrives meanwhile waits no longer than that.
const INDEX_CHUNK: usize = 200;

fn run<F: Fn(DbEvent)>(mut db: Db, rx: Receiver<Msg>, sink: F, index: bool) {
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
    loop {
        let first = if indexing {
            match rx.try_recv() {
                Ok(msg) => {
                    indexing = false;
                    msg
                }
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {
                    match db.index_pending(INDEX_CHUNK) {
                        Ok(n) => {
                            if n > 0 {
                                unchecked_since.get_or_insert_with(Instant::now);
                            }
                            if n < INDEX_CHUNK {
                                indexing = false;
                                index_due = false;
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
        } else if unchecked_since.is_none() && !index_due {
            match rx.recv() {
                Ok(msg) => msg,
                Err(_) => break,
            }
        } else {
            match rx.recv_timeout(CHECKPOINT_WHEN_IDLE_FOR) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => {
                    if unchecked_since.is_some() {
                        checkpoint(&db);
                        unchecked_since = None;
                    }
                    indexing = index_due;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(msg) => batch.push(msg),
                Err(_) => break,
            }
        }
        let mut acks = Vec::new();
        let cmds: Vec<DbCmd> = batch
            .into_iter()
            .filter_map(|msg| match msg {
                Msg::Cmd(cmd) => Some(cmd),
                Msg::Flush(ack) => {
                    acks.push(ack);
                    None
                }
            })
            .collect();
        if !cmds.is_empty() {
            index_due |= index && cmds.iter().any(|c| ingested_feed(c).is_some());
            for event in commit_batch(&mut db.conn, cmds) {
                sink(event);
            }
            unchecked_since.get_or_insert_with(Instant::now);
        }
        for ack in acks {
            let _ = ack.send(());
        }
        if unchecked_since.is_some_and(|t| t.elapsed() >= CHECKPOINT_AT_LEAST_EVERY) {
            checkpoint(&db);
            unchecked_since = None;
        }
    }
    if unchecked_since.is_some() {
        checkpoint(&db);
    }
}

fn checkpoint(db: &Db) {
    if let Err(e) = db.checkpoint() {
        tracing::warn!("WAL checkpoint failed (will retry): {e}");
    }
}

/// Runs the commands in one transaction and returns the events to emit now that it
/// is over: the results of the commands if the commit succeeded, failures otherwise.
fn commit_batch(conn: &mut Connection, cmds: Vec<DbCmd>) -> Vec<DbEvent> {
    let count = cmds.len();
    let all_feeds: Vec<FeedId> = cmds.iter().filter_map(ingested_feed).collect();
    let mut tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(e) => {
            return vec![DbEvent::Failed {
                feeds: all_feeds,
                message: format!("could not save {count} change(s): {}", DbError::from(e)),
            }];
        }
    };
    let mut events = Vec::new();
    let mut failures = Vec::new();
    for cmd in cmds {
        let what = describe(&cmd);
        let feed = ingested_feed(&cmd);
        let outcome = tx.savepoint().map_err(DbError::from).and_then(|sp| {
            let event = run_cmd(&sp, cmd)?;
            sp.commit()?;
            Ok(event)
        });
        // A failed command's savepoint rolled back when dropped.
        match outcome {
            Ok(Some(event)) => events.push(event),
            Ok(None) => {}
            Err(e) => {
                failures.push(DbEvent::Failed {
                    feeds: feed.into_iter().collect(),
                    message: format!("could not save {what}: {e}"),
                });
                // Some errors (disk full, I/O) roll back the whole transaction: then
                // nothing of the batch is saved, and saying otherwise would be a lie.
                if tx.is_autocommit() {
                    return vec![DbEvent::Failed {
                        feeds: all_feeds,
                        message: format!("could not save {count} change(s): {e}"),
                    }];
                }
            }
        }
    }
    match tx.commit() {
        Ok(()) => {
            events.extend(failures);
            events
        }
        Err(e) => vec![DbEvent::Failed {
            feeds: all_feeds,
            message: format!("could not save {count} change(s): {}", DbError::from(e)),
        }],
    }
}

fn ingested_feed(cmd: &DbCmd) -> Option<FeedId> {
    match cmd {
        DbCmd::Ingest { feed_id, .. } => Some(*feed_id),
        _ => None,
    }
}

fn describe(cmd: &DbCmd) -> String {
    match cmd {
        DbCmd::Ingest { feed_id, .. } => format!("the articles of feed {feed_id}"),
        DbCmd::Status { feed_id, .. } => format!("the status of feed {feed_id}"),
        DbCmd::Schedule { feed_id, .. } => format!("the poll schedule of feed {feed_id}"),
        DbCmd::Changes(changes) => format!("{} read/bookmark change(s)", changes.len()),
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
    }
}
