//! The one thread that writes to SQLite. Commands are batched: everything queued
//! when the thread wakes is committed in one transaction.

use super::{Change, Db, IngestReport, Limits};
use crate::model::{FeedId, FeedStatus, ParsedFeed, Validators};

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
    Changes(Vec<Change>),
}

#[derive(Debug)]
pub enum DbEvent {
    Ingested { feed_id: FeedId, report: IngestReport },
    Failed(String),
}

pub struct DbWriter {}

impl DbWriter {
    pub fn spawn<F>(db: Db, sink: F) -> Self
    where
        F: Fn(DbEvent) + Send + 'static,
    {
        let _ = (db, sink);
        todo!("H2")
    }

    pub fn send(&self, cmd: DbCmd) {
        let _ = cmd;
        todo!("H2")
    }

    /// Commits everything queued and stops the thread.
    pub fn shutdown(self) {
        todo!("H2")
    }
}
