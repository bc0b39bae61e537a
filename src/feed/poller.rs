//! Runs fetch+parse jobs on tokio with bounded concurrency overall and per host.
//! Results go to a sink callback; the poller never touches app state.
//!
//! Memory is bounded by the work in flight, not by the number of feeds: a fetched body
//! waits for a place among [`PollerConfig::max_documents`] before it is parsed, and the
//! parsed document keeps that place (`model::Hold`) until it is dropped, which is once the
//! database writer stored it. When the writer is behind, parsed documents wait, then parses,
//! then fetches (they keep their global permit while they wait). Parses run at most
//! [`parse_slots`] at a time, and a body over [`BIG_BODY`] takes every slot: feed-rs builds
//! the whole document before we see it, several times the size of the body.

use super::fetch::{self, Fetched};
use super::hints::ServerHints;
use super::hosts::HostLimits;
use super::parse;
use crate::model::{FeedId, Hold, ParsedFeed, ParsedItem, Validators};
use crate::t;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::runtime::Handle;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollJob {
    pub feed_id: FeedId,
    pub url: String,
    pub validators: Validators,
    /// The feed has nothing stored, so every item will be written: the parse worker
    /// compresses the bodies (`ParsedItem::pack_bodies`) instead of the writer.
    pub pack_bodies: bool,
}

#[derive(Debug)]
pub enum PollOutcome {
    Updated {
        feed: ParsedFeed,
        validators: Validators,
        moved_to: Option<String>,
    },
    NotModified,
    Failed(String),
}

#[derive(Debug)]
pub enum PollEvent {
    Done {
        feed_id: FeedId,
        outcome: PollOutcome,
        /// From the moment the job got its permits (time spent queued is not counted).
        elapsed: Duration,
        /// What the server said about when to come back, for `feed::backoff`.
        hints: ServerHints,
    },
}

#[derive(Clone, Debug)]
pub struct PollerConfig {
    pub concurrency: usize,
    pub per_host: usize,
    pub limits: super::fetch::FetchLimits,
    pub user_agent: String,
    /// Documents fetched for parsing, being parsed or parsed and not yet dropped (stored).
    pub max_documents: usize,
}

impl Default for PollerConfig {
    fn default() -> Self {
        PollerConfig {
            concurrency: 16,
            per_host: 4,
            limits: Default::default(),
            user_agent: format!(
                "tidings/{} (+https://github.com/tidings-reader/tidings)",
                env!("CARGO_PKG_VERSION")
            ),
            max_documents: 8,
        }
    }
}

/// A body larger than this is parsed alone (it takes every parse slot).
pub const BIG_BODY: usize = 4 * 1024 * 1024;

/// Parses at once: one per core, at most 4 (parsing is CPU work; more only adds memory).
pub fn parse_slots() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4))
}

/// How many parse slots a body of `len` bytes takes.
fn slots_for(len: usize, slots: usize) -> u32 {
    let n = if len > BIG_BODY { slots } else { 1 };
    u32::try_from(n).unwrap_or(1)
}

pub struct Poller {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    limits: fetch::FetchLimits,
    global: Arc<Semaphore>,
    /// Places for documents in memory ([`PollerConfig::max_documents`]).
    documents: Arc<Semaphore>,
    parse: Arc<Semaphore>,
    parse_slots: usize,
    /// Shared with whatever else talks to the same servers (the reader's downloads).
    hosts: Arc<HostLimits>,
    /// The runtime `new` was called on, for `poll` calls made from outside any runtime.
    handle: Option<Handle>,
}

impl Poller {
    /// Call from inside a tokio runtime (or call `poll` from one): jobs run on it.
    pub fn new(config: PollerConfig) -> Self {
        let hosts = HostLimits::new(config.per_host);
        Self::with_hosts(config, hosts)
    }

    /// A poller taking its turns with each server from `hosts` (its `per_host` wins over
    /// the config's).
    pub fn with_hosts(config: PollerConfig, hosts: Arc<HostLimits>) -> Self {
        Poller {
            inner: Arc::new(Inner {
                client: fetch::client(&config.limits, &config.user_agent),
                limits: config.limits,
                global: Arc::new(Semaphore::new(config.concurrency.max(1))),
                documents: Arc::new(Semaphore::new(config.max_documents.max(1))),
                parse: Arc::new(Semaphore::new(parse_slots())),
                parse_slots: parse_slots(),
                hosts,
                handle: Handle::try_current().ok(),
            }),
        }
    }

    /// The table of turns with each server, for others who talk to the same servers.
    pub fn hosts(&self) -> Arc<HostLimits> {
        Arc::clone(&self.inner.hosts)
    }

    /// The client and limits feeds are fetched with, for an article's page (`x`).
    pub fn client(&self) -> (reqwest::Client, fetch::FetchLimits) {
        (self.inner.client.clone(), self.inner.limits.clone())
    }

    /// The places for fetches at once (`concurrency`), for pages read beside the feeds;
    /// taken after the host's turn, as the poller takes them.
    pub fn global(&self) -> Arc<Semaphore> {
        Arc::clone(&self.inner.global)
    }

    /// Starts the jobs on the current tokio runtime and returns at once.
    /// `sink` receives one `Done` for every job, from any thread.
    pub fn poll<F>(&self, jobs: Vec<PollJob>, sink: F)
    where
        F: Fn(PollEvent) + Send + Sync + 'static,
    {
        let sink = Arc::new(sink);
        let Some(handle) = Handle::try_current()
            .ok()
            .or_else(|| self.inner.handle.clone())
        else {
            for job in jobs {
                sink(PollEvent::Done {
                    feed_id: job.feed_id,
                    outcome: PollOutcome::Failed(t!("poll-no-runtime")),
                    elapsed: Duration::ZERO,
                    hints: ServerHints::default(),
                });
            }
            return;
        };
        for job in jobs {
            let inner = Arc::clone(&self.inner);
            let sink = Arc::clone(&sink);
            let feed_id = job.feed_id;
            let worker = handle.clone();
            handle.spawn(async move {
                let queued = Instant::now();
                // Every job is queued at once, and a fetch and parse in progress is a future
                // of kilobytes (the client's request, the redirect loop): it is made only
                // once the job has its turn, so a queued job costs its URL and little more,
                // however many feeds there are.
                let (outcome, elapsed, hints) = match Turn::wait(&inner, &job.url).await {
                    Err(closed) => closed,
                    // The job runs in its own task so that even a panic inside it ends in `Done`.
                    Ok(turn) => worker
                        .spawn(async move { run_job(&inner, job, turn).await })
                        .await
                        .unwrap_or_else(|_| {
                            (
                                PollOutcome::Failed(t!("poll-internal")),
                                queued.elapsed(),
                                ServerHints::default(),
                            )
                        }),
                };
                sink(PollEvent::Done {
                    feed_id,
                    outcome,
                    elapsed,
                    hints,
                });
            });
        }
    }
}

/// A job's permits: its host's and one of the global ones.
struct Turn {
    host: OwnedSemaphorePermit,
    global: OwnedSemaphorePermit,
}

impl Turn {
    /// Waits for the permits; Err is the job's outcome when the poller closed meanwhile.
    async fn wait(inner: &Inner, url: &str) -> Result<Turn, (PollOutcome, Duration, ServerHints)> {
        let closed = || {
            (
                PollOutcome::Failed(t!("poll-closed")),
                Duration::ZERO,
                ServerHints::default(),
            )
        };
        // Host first: jobs queued behind one busy host must not sit on global permits that
        // feeds from other hosts could use.
        let host = inner.hosts.acquire(url).await.ok_or_else(closed)?;
        let global = Arc::clone(&inner.global)
            .acquire_owned()
            .await
            .map_err(|_| closed())?;
        Ok(Turn { host, global })
    }
}

/// Fetches and parses with the permits of `turn`; returns the outcome, the time since the
/// permits were granted and the server's hints.
async fn run_job(inner: &Inner, job: PollJob, turn: Turn) -> (PollOutcome, Duration, ServerHints) {
    let Turn {
        host: host_permit,
        global: _global,
    } = turn;
    let started = Instant::now();

    let (fetched, hints) =
        fetch::fetch_with_hints(&inner.client, &job.url, &job.validators, &inner.limits).await;
    // Parsing does not need the host: let the next fetch from it begin.
    drop(host_permit);

    let outcome = match fetched {
        Err(e) => PollOutcome::Failed(e.to_string()),
        Ok(Fetched::NotModified) => PollOutcome::NotModified,
        Ok(Fetched::Document {
            bytes,
            content_type,
            validators,
            moved_to,
            final_url,
        }) => {
            let web_page = content_type.as_deref().is_some_and(is_html_type);
            // Still holding the global permit: while the writer is behind, fetches pause too.
            let Ok(hold) = Arc::clone(&inner.documents).acquire_owned().await else {
                return (
                    PollOutcome::Failed(t!("poll-closed")),
                    started.elapsed(),
                    hints,
                );
            };
            let slots = slots_for(bytes.len(), inner.parse_slots);
            let pack_bodies = job.pack_bodies;
            let Ok(slot) = Arc::clone(&inner.parse).acquire_many_owned(slots).await else {
                return (
                    PollOutcome::Failed(t!("poll-closed")),
                    started.elapsed(),
                    hints,
                );
            };
            let parsed = tokio::task::spawn_blocking(move || {
                // The body becomes the text (when UTF-8) and is gone once parsed.
                let mut parsed = parse::parse_owned(bytes, content_type.as_deref(), &final_url);
                if let (true, Ok(feed)) = (pack_bodies, &mut parsed) {
                    feed.items.iter_mut().for_each(ParsedItem::pack_bodies);
                }
                drop(slot);
                parsed
            })
            .await;
            match parsed {
                Ok(Ok(mut feed)) => {
                    feed.hold = Hold::new(hold);
                    PollOutcome::Updated {
                        feed,
                        validators,
                        moved_to,
                    }
                }
                // Some servers label feeds text/html, so the type only words the error.
                Ok(Err(_)) if web_page => PollOutcome::Failed(t!("poll-web-page")),
                Ok(Err(e)) => PollOutcome::Failed(not_a_feed(&e)),
                Err(_) => PollOutcome::Failed(t!("poll-parse-internal")),
            }
        }
    };
    (outcome, started.elapsed(), hints)
}

fn is_html_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "text/html" || essence == "application/xhtml+xml"
}

fn not_a_feed(e: &parse::ParseError) -> String {
    if e.is_not_a_feed() {
        e.to_string()
    } else {
        format!("not a feed: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_read_as_not_a_feed() {
        assert_eq!(
            not_a_feed(&parse::ParseError::NotAFeed(parse::NotAFeed::HtmlPage)),
            "not a feed (HTML page)"
        );
        assert_eq!(
            not_a_feed(&parse::ParseError::Xml("x".into())),
            "not a feed: malformed XML: x"
        );
    }
}
