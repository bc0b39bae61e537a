//! Refresh bookkeeping: which feeds are being polled, progress for the status bar,
//! and what poll and database results do to the store.

use super::{App, Effect};
use crate::db::writer::DbEvent;
use crate::feed::poller::{PollEvent, PollJob, PollOutcome};
use crate::model::{FeedId, FeedStatus};
use std::collections::HashSet;

/// One round of refreshing, from the first feed started until the last one is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Polls started and not yet answered.
    pub in_flight: HashSet<FeedId>,
    /// Polled documents on their way into the database.
    pub storing: HashSet<FeedId>,
    pub total: usize,
    pub done: usize,
    pub errors: usize,
    pub new: usize,
}

impl Refresh {
    pub fn active(&self) -> bool {
        !self.in_flight.is_empty() || !self.storing.is_empty()
    }
}

impl App {
    /// Starts polling the given feeds, skipping those already under way.
    pub fn start_refresh(&mut self, feeds: Vec<FeedId>) -> Vec<Effect> {
        let mut jobs = Vec::new();
        for id in feeds {
            if self.refresh.in_flight.contains(&id) {
                continue;
            }
            let Some(feed) = self.store.feed(id) else {
                continue;
            };
            jobs.push(PollJob {
                feed_id: id,
                url: feed.fetch_url.clone(),
                validators: feed.validators.clone(),
            });
        }
        if jobs.is_empty() {
            return Vec::new();
        }
        if !self.refresh.active() {
            self.refresh = super::Refresh::default();
        }
        for j in &jobs {
            self.refresh.in_flight.insert(j.feed_id);
            self.last_poll.insert(j.feed_id, self.now);
        }
        self.refresh.total += jobs.len();
        self.dirty = true;
        vec![Effect::Poll(jobs)]
    }

    pub(super) fn on_poll(&mut self, ev: PollEvent) -> Vec<Effect> {
        let PollEvent::Done {
            feed_id, outcome, ..
        } = ev
        else {
            return Vec::new();
        };
        if !self.refresh.in_flight.remove(&feed_id) {
            return Vec::new();
        }
        self.refresh.done += 1;
        self.dirty = true;
        let mut fx = Vec::new();
        match outcome {
            PollOutcome::Updated {
                feed,
                validators,
                moved_to,
            } => {
                if let Some(f) = self.store.feed_mut(feed_id) {
                    f.validators = validators.clone();
                    if let Some(to) = &moved_to {
                        f.fetch_url = to.clone();
                    }
                    // A feed without a configured title is named by its document.
                    if let Some(t) = feed
                        .title
                        .as_deref()
                        .filter(|t| !t.is_empty() && f.title == f.url)
                    {
                        f.title = t.to_string();
                    }
                    if feed.site_link.is_some() {
                        f.site_link = feed.site_link.clone();
                    }
                }
                self.refresh.storing.insert(feed_id);
                fx.push(Effect::Ingest {
                    feed_id,
                    parsed: feed,
                    validators,
                    moved_to,
                });
            }
            PollOutcome::NotModified => {
                let status = FeedStatus::Ok { at: self.now };
                self.store.set_status(feed_id, status.clone());
                fx.push(Effect::SaveStatus(feed_id, status));
            }
            PollOutcome::Failed(message) => {
                self.refresh.errors += 1;
                let status = FeedStatus::Error {
                    at: self.now,
                    message,
                };
                self.store.set_status(feed_id, status.clone());
                fx.push(Effect::SaveStatus(feed_id, status));
            }
        }
        self.finish_refresh_if_done();
        fx
    }

    pub(super) fn on_db(&mut self, ev: DbEvent) -> Vec<Effect> {
        match ev {
            DbEvent::Ingested { feed_id, report } => {
                self.refresh.storing.remove(&feed_id);
                self.refresh.new += report.new;
                self.store
                    .set_status(feed_id, FeedStatus::Ok { at: self.now });
                let changed = self.store.apply_ingest(&report);
                if changed.any() {
                    self.rebuild_list();
                }
                self.dirty = true;
                self.finish_refresh_if_done();
            }
            DbEvent::Failed { feeds, message } => {
                for feed_id in feeds {
                    // Its document was not stored: without the validators of that poll the
                    // next one fetches it in full again instead of hearing "not modified".
                    if let Some(f) = self.store.feed_mut(feed_id) {
                        f.validators = crate::model::Validators::default();
                    }
                    if self.refresh.storing.remove(&feed_id) {
                        self.refresh.errors += 1;
                    }
                    let status = FeedStatus::Error {
                        at: self.now,
                        message: message.clone(),
                    };
                    self.store.set_status(feed_id, status);
                }
                self.warn(format!("Database: {message}"));
                self.finish_refresh_if_done();
            }
            DbEvent::Recovered { changes } => {
                self.say(format!(
                    "Database: saved the {changes} read/bookmark change(s) that had failed"
                ));
            }
            DbEvent::External { seq, headlines } => self.merge_external(seq, headlines),
        }
        Vec::new()
    }

    fn finish_refresh_if_done(&mut self) {
        if self.refresh.active() || self.refresh.total == 0 {
            return;
        }
        let r = &self.refresh;
        let mut text = format!(
            "Refreshed {} feed{}: {} new article{}",
            r.total,
            if r.total == 1 { "" } else { "s" },
            r.new,
            if r.new == 1 { "" } else { "s" }
        );
        if r.errors > 0 {
            text.push_str(&format!(", {} failed", r.errors));
            self.warn(text);
        } else {
            self.say(text);
        }
    }
}
