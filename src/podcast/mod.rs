//! Podcasts: where episodes are saved (`names`), the resumable download of one file
//! (`download`), and running a queue of them with limits on how many at once.

pub mod auto;
pub mod download;
pub mod lock;
pub mod names;
pub mod queue;

use crate::feed::hosts::HostLimits;
use download::{DownloadError, Event, Finished, Job, Limits};
use std::sync::Arc;
use tokio::sync::{Semaphore, mpsc};

/// What a process that runs the queue for long (the reader) needs from the set-up.
#[derive(Clone, Debug)]
pub struct RunnerSettings {
    pub db_file: std::path::PathBuf,
    pub lock_file: std::path::PathBuf,
    pub dir: std::path::PathBuf,
    pub template: String,
    pub limits: Limits,
    pub max_downloads: usize,
    pub user_agent: String,
    /// Automatic downloads and `keep`, per feed.
    pub policies: Vec<auto::Policy>,
    /// Where `podcast::auto` remembers what it considered.
    pub marks_file: std::path::PathBuf,
}

/// One queued download, by its row id.
#[derive(Clone, Debug)]
pub struct Queued {
    pub id: i64,
    pub job: Job,
}

/// What the queue reports, tagged with the row id.
#[derive(Debug)]
pub enum Report {
    Event(i64, Event),
    Done(i64, Result<Finished, DownloadError>),
}

/// Runs `jobs`, at most `max_downloads` at once and `per_host` at once from one host (the
/// poller's politeness limit), in queue order as far as the limits allow. Every job ends
/// with one [`Report::Done`].
pub async fn run_queue(
    client: reqwest::Client,
    jobs: Vec<Queued>,
    limits: Limits,
    max_downloads: usize,
    per_host: usize,
    reports: mpsc::UnboundedSender<Report>,
) {
    let all = Arc::new(Semaphore::new(max_downloads.max(1)));
    let hosts = HostLimits::new(per_host);
    let mut tasks = tokio::task::JoinSet::new();
    for queued in jobs {
        let host_limit = hosts.semaphore(&queued.job.url);
        let all = Arc::clone(&all);
        let client = client.clone();
        let limits = limits.clone();
        let reports = reports.clone();
        tasks.spawn(async move {
            // The host's turn first, so a busy host does not hold a place others could use.
            let _host = host_limit.acquire_owned().await;
            let _slot = all.acquire_owned().await;
            let id = queued.id;
            let events = reports.clone();
            let mut on = move |e: Event| {
                let _ = events.send(Report::Event(id, e));
            };
            let result = download::download(&client, &queued.job, &limits, &mut on).await;
            let _ = reports.send(Report::Done(id, result));
        });
    }
    while tasks.join_next().await.is_some() {}
}
