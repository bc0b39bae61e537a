//! `tidings refresh`: polls the feeds that are due (all with `--force`), stores what came
//! back and prints a line per feed and a summary. What an answer does to a feed is decided
//! by `feed::outcome`, as in the reader; [`Tally`] only carries it out and counts.

use crate::db::Limits;
use crate::db::writer::{DbCmd, DbEvent, DbWriter};
use crate::feed::backoff;
use crate::feed::hints::ServerHints;
use crate::feed::outcome::{self, Heard, Write as Store};
use crate::feed::poller::{PollEvent, PollJob, PollOutcome, Poller};
use crate::model::{Feed, FeedId};
use crate::sanitize;
use crate::setup::{Setup, now};
use crate::t;
use crate::text::fit;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::{Duration, Instant};

/// What `tidings refresh` knows while answers come back: the feed rows as the pipeline
/// leaves them, the documents still being stored, and the counts for the summary.
pub struct Tally {
    feeds: Vec<Feed>,
    force: bool,
    limits: Limits,
    title_w: usize,
    /// Documents sent to the writer: their heard outcome and the seconds the poll took.
    storing: HashMap<FeedId, (Heard, f64)>,
    /// Polls and documents not settled yet.
    outstanding: usize,
    pub ok: usize,
    pub failed: usize,
    /// Failures of feeds other than the built-in demo: they decide the exit code.
    pub failed_real: usize,
    pub new: usize,
}

impl Tally {
    /// `outstanding`: how many polls were started.
    pub fn new(feeds: Vec<Feed>, force: bool, limits: Limits, outstanding: usize) -> Tally {
        let title_w = feeds
            .iter()
            .map(|f| sanitize::line(&f.title).chars().count())
            .max()
            .unwrap_or(10)
            .clamp(10, 32);
        Tally {
            feeds,
            force,
            limits,
            title_w,
            storing: HashMap::new(),
            outstanding,
            ok: 0,
            failed: 0,
            failed_real: 0,
            new: 0,
        }
    }

    pub fn feed(&self, id: FeedId) -> Option<&Feed> {
        self.feeds.iter().find(|f| f.id == id)
    }

    /// Whether every poll started has been answered and every document stored or lost.
    pub fn settled(&self) -> bool {
        self.outstanding == 0
    }

    fn title(&self, id: FeedId) -> String {
        let title = self
            .feed(id)
            .map_or(String::new(), |f| sanitize::line(&f.title));
        fit(&title, self.title_w)
    }

    /// A poll's answer at `now`: the commands for the database writer, and the line to
    /// print when the feed is settled (a document's line waits for its ingest).
    pub fn on_poll(
        &mut self,
        feed_id: FeedId,
        outcome: PollOutcome,
        hints: &ServerHints,
        elapsed: Duration,
        now: i64,
    ) -> (Vec<DbCmd>, Option<String>) {
        let Some(feed) = self.feeds.iter_mut().find(|f| f.id == feed_id) else {
            self.outstanding = self.outstanding.saturating_sub(1);
            return (Vec::new(), None);
        };
        let demo = feed.url == crate::demo::DEMO_URL;
        let applied = outcome::apply(feed, outcome, hints, self.force, now);
        let cmds = applied
            .writes
            .into_iter()
            .map(|write| match write {
                Store::Schedule(schedule) => DbCmd::Schedule { feed_id, schedule },
                Store::Status(status) => DbCmd::Status { feed_id, status },
                Store::Ingest {
                    parsed,
                    validators,
                    moved_to,
                } => DbCmd::Ingest {
                    feed_id,
                    parsed,
                    validators,
                    moved_to,
                    limits: self.limits,
                    now,
                },
            })
            .collect();
        let secs = elapsed.as_secs_f64();
        let line = match applied.heard {
            heard @ Heard::Document { .. } => {
                self.storing.insert(feed_id, (heard, secs));
                None
            }
            heard => {
                self.outstanding = self.outstanding.saturating_sub(1);
                if let Heard::Failed(_) = heard {
                    self.failed += 1;
                    if !demo {
                        self.failed_real += 1;
                    }
                } else {
                    self.ok += 1;
                }
                Some(outcome::line(&self.title(feed_id), &heard, 0, secs))
            }
        };
        (cmds, line)
    }

    /// The writer's answer: the lines to print.
    pub fn on_db(&mut self, ev: DbEvent, now: i64) -> Vec<String> {
        match ev {
            DbEvent::Ingested { feed_id, report } => {
                let Some((heard, secs)) = self.storing.remove(&feed_id) else {
                    return Vec::new();
                };
                self.outstanding = self.outstanding.saturating_sub(1);
                self.ok += 1;
                self.new += report.new;
                if let Some(feed) = self.feeds.iter_mut().find(|f| f.id == feed_id) {
                    outcome::stored(feed, now);
                }
                vec![outcome::line(
                    &self.title(feed_id),
                    &heard,
                    report.new,
                    secs,
                )]
            }
            DbEvent::Failed {
                feeds: lost,
                message,
            } => {
                for feed_id in lost {
                    if self.storing.remove(&feed_id).is_some() {
                        self.outstanding = self.outstanding.saturating_sub(1);
                        self.failed += 1;
                        self.failed_real += 1;
                        if let Some(feed) = self.feeds.iter_mut().find(|f| f.id == feed_id) {
                            outcome::not_stored(feed, now, &message);
                        }
                    }
                }
                vec![t!(
                    "cmd-refresh-fail-database",
                    error = sanitize::line(&message)
                )]
            }
            DbEvent::Recovered { .. }
            | DbEvent::External { .. }
            | DbEvent::FeedsSynced { .. }
            | DbEvent::Categories(_) => Vec::new(),
        }
    }

    /// The line for a feed left alone because it waits to retry.
    fn waiting_line(&self, feed: &Feed, left: i64) -> String {
        let wait = backoff::describe_wait(left);
        let why = match feed.schedule.failures {
            0 => t!("cmd-refresh-fresh", wait = wait),
            n => t!("cmd-refresh-retry", wait = wait, count = u64::from(n)),
        };
        t!("cmd-refresh-wait", title = self.title(feed.id), why = why)
    }
}

pub fn run(setup: Setup, force: bool) -> Result<i32, crate::headless::CommandError> {
    // With [sync] the server polls the feeds: a refresh is a sync.
    if setup.config.sync.is_some() {
        return Ok(crate::sync_now::sync_now(setup));
    }
    // Documents of a few MB pass through by the hundred: without this, the memory they
    // leave behind makes the peak grow with the number of feeds.
    crate::heap::map_large_blocks();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(crate::headless::CommandError::Runtime)?;
    let limits = setup.limits();
    let poller_config = setup.poller_config();
    let poller_config_for_pages = poller_config.clone();
    let feeds = setup.feeds.clone();
    let start_time = now();
    // Feeds left waiting are not tried, so they neither fail nor save the run.
    let due: Vec<&Feed> = feeds
        .iter()
        .filter(|f| force || backoff::may_poll(&f.schedule, start_time))
        .collect();
    // A hint only (which side compresses the bodies): without the counts, the writer does.
    let stocked: HashSet<FeedId> = setup
        .db
        .stored_counts()
        .map(|counts| counts.into_iter().map(|(feed, _, _)| feed).collect())
        .unwrap_or_else(|_| feeds.iter().map(|f| f.id).collect());
    let jobs: Vec<PollJob> = due
        .iter()
        .map(|f| PollJob {
            feed_id: f.id,
            url: f.fetch_url.clone(),
            validators: f.validators.clone(),
            pack_bodies: !stocked.contains(&f.id),
        })
        .collect();
    let real = due
        .iter()
        .filter(|f| f.url != crate::demo::DEMO_URL)
        .count();
    let mut tally = Tally::new(feeds.clone(), force, limits, jobs.len());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Result<PollEvent, DbEvent>>();
    let db_tx = tx.clone();
    // Storing comes first; the search index catches up in the reader or at the next search.
    let writer = DbWriter::spawn_with(
        setup.db,
        move |ev| {
            let _ = db_tx.send(Err(ev));
        },
        false,
    );
    let started = Instant::now();
    let mut out = std::io::stdout().lock();
    let mut waited = 0usize;
    for f in &feeds {
        if let Some(left) = backoff::wait_left(&f.schedule, start_time).filter(|_| !force) {
            waited += 1;
            let _ = writeln!(out, "{}", tally.waiting_line(f, left));
        }
    }
    rt.block_on(async {
        let poller = Poller::new(poller_config);
        let sink_tx = tx.clone();
        poller.poll(jobs, move |ev| {
            let _ = sink_tx.send(Ok(ev));
        });
        drop(tx);
        while !tally.settled() {
            let Some(ev) = rx.recv().await else { break };
            let lines = match ev {
                Ok(PollEvent::Done {
                    feed_id,
                    outcome,
                    elapsed,
                    hints,
                }) => {
                    let (cmds, line) = tally.on_poll(feed_id, outcome, &hints, elapsed, now());
                    for cmd in cmds {
                        writer.send(cmd);
                    }
                    line.into_iter().collect()
                }
                Err(ev) => tally.on_db(ev, now()),
            };
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    });
    if let Err(e) = writer.shutdown() {
        let _ = writeln!(
            out,
            "{}",
            t!(
                "cmd-refresh-fail-database",
                error = sanitize::line(&e.to_string())
            )
        );
    }
    // Pages of new articles of `full_text = true` feeds, once everything is stored.
    if setup.config.feeds.iter().any(|f| f.full_text) {
        let read = crate::db::Db::open(&setup.paths.db_file()).and_then(|mut db| {
            crate::commands::full_text::run(
                &rt,
                &mut db,
                &feeds,
                &setup.config.feeds,
                &poller_config_for_pages,
                now(),
            )
        });
        match read {
            Ok(done) if done.read + done.failed == 0 => {}
            Ok(done) => {
                let line = if done.failed > 0 {
                    t!(
                        "cmd-refresh-full-text-failed",
                        count = done.read,
                        failed = done.failed
                    )
                } else {
                    t!("cmd-refresh-full-text", count = done.read)
                };
                let _ = writeln!(out, "{line}");
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "{}",
                    t!(
                        "cmd-refresh-fail-full-text",
                        error = sanitize::line(&e.to_string())
                    )
                );
            }
        }
    }
    // Automatic downloads are queued here and run by `tidings download` or the reader.
    let policies = crate::podcast::auto::policies(&setup.config.feeds);
    if !policies.is_empty() {
        let queued = crate::db::Db::open(&setup.paths.db_file())
            .map_err(crate::podcast::auto::AutoError::from)
            .and_then(|mut db| {
                crate::podcast::auto::queue_new(
                    &mut db,
                    &setup.paths.data_dir.join("auto_downloads.json"),
                    &policies,
                    &crate::podcast::names::download_dir(
                        &setup.config.general.download_dir,
                        |k| std::env::var(k).ok(),
                        &setup.paths.data_dir,
                    ),
                    &setup.config.general.filename,
                    now(),
                )
            });
        match queued {
            Ok(0) => {}
            Ok(n) => {
                let _ = writeln!(out, "{}", t!("cmd-refresh-queued", count = n));
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "{}",
                    t!(
                        "cmd-refresh-fail-downloads",
                        error = sanitize::line(&e.to_string())
                    )
                );
            }
        }
    }
    let total = feeds.len();
    // Two decimals always, as the per-feed lines show them.
    let secs = crate::i18n::decimal(started.elapsed().as_secs_f64(), 2);
    let summary = if waited > 0 {
        t!(
            "cmd-refresh-summary-waiting",
            count = total,
            ok = tally.ok,
            failed = tally.failed,
            waiting = waited,
            new = tally.new,
            secs = secs
        )
    } else {
        t!(
            "cmd-refresh-summary",
            count = total,
            ok = tally.ok,
            failed = tally.failed,
            new = tally.new,
            secs = secs
        )
    };
    let _ = writeln!(out, "{summary}");
    Ok(if real > 0 && tally.failed_real == real {
        1
    } else {
        0
    })
}
