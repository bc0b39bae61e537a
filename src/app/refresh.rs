//! Refresh bookkeeping: which feeds are being polled and progress for the status bar.
//! What a poll's answer does to the feed row is `feed::outcome`'s decision, shared with
//! `tidings refresh`; here its writes become effects.
//!
//! The rule for waiting feeds (backoff after failures, a server's Retry-After or cache
//! lifetime, see `feed::backoff`): scheduled refreshes and `R` (refresh all) skip a feed
//! until its `not_before` has passed; `r` on one feed is the user asking for that feed
//! now, so it polls at once whatever the schedule says, and its failure does not count as
//! another step of backoff (`backoff::after_forced_failure`).

use super::{App, Effect};
use crate::db::writer::DbEvent;
use crate::feed::backoff;
use crate::feed::outcome::{self, Write};
use crate::feed::poller::{PollEvent, PollJob};
use crate::model::FeedId;
use crate::store::View;
use crate::t;
use std::collections::HashSet;

/// Whether a refresh may poll feeds that are waiting to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// The clock or `R`: feeds in backoff or under Retry-After are skipped.
    Scheduled,
    /// The user asked for these feeds by name (`r` on a feed): poll them now.
    Forced,
}

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
    /// Feeds a refresh-all left alone because they wait to retry.
    pub waiting: usize,
    /// Polls the user forced (`r`): a failure of one does not deepen the backoff
    /// (`backoff::after_forced_failure`).
    pub forced: HashSet<FeedId>,
}

impl Refresh {
    pub fn active(&self) -> bool {
        !self.in_flight.is_empty() || !self.storing.is_empty()
    }
}

impl App {
    /// Starts polling the given feeds, skipping those already under way and, unless
    /// forced, those waiting to retry.
    pub fn start_refresh(&mut self, feeds: Vec<FeedId>, trigger: Trigger) -> Vec<Effect> {
        self.start_counting_waiting(feeds, trigger).0
    }

    /// `R`: every feed that is not waiting to retry; says so when all of them are.
    pub(super) fn refresh_all(&mut self) -> Vec<Effect> {
        if self.sync_mode {
            return self.start_sync();
        }
        let all: Vec<FeedId> = self.store.feeds().iter().map(|f| f.id).collect();
        let (fx, waiting) = self.start_counting_waiting(all, Trigger::Scheduled);
        if fx.is_empty() && waiting > 0 {
            let key = self.keymap.hint(super::Action::RefreshFeed);
            self.say(t!("status-all-waiting", count = waiting, key = key));
        } else {
            self.refresh.waiting += waiting;
        }
        fx
    }

    fn start_counting_waiting(
        &mut self,
        feeds: Vec<FeedId>,
        trigger: Trigger,
    ) -> (Vec<Effect>, usize) {
        // The sync server polls these feeds; polling them here too would store every
        // article twice.
        if self.sync_mode {
            if trigger == Trigger::Forced {
                self.say_synced();
            }
            return (Vec::new(), 0);
        }
        let mut jobs = Vec::new();
        let mut waiting = 0;
        for id in feeds {
            if self.refresh.in_flight.contains(&id) {
                continue;
            }
            let Some(feed) = self.store.feed(id) else {
                continue;
            };
            if trigger == Trigger::Scheduled && !backoff::may_poll(&feed.schedule, self.now) {
                waiting += 1;
                continue;
            }
            jobs.push(PollJob {
                feed_id: id,
                url: feed.fetch_url.clone(),
                validators: feed.validators.clone(),
                pack_bodies: self.store.counts(View::Feed(id)).total == 0,
            });
        }
        if jobs.is_empty() {
            return (Vec::new(), waiting);
        }
        if !self.refresh.active() {
            self.refresh = super::Refresh::default();
        }
        for j in &jobs {
            if trigger == Trigger::Forced {
                self.refresh.forced.insert(j.feed_id);
            }
            self.refresh.in_flight.insert(j.feed_id);
            self.last_poll.insert(j.feed_id, self.now);
        }
        self.refresh.total += jobs.len();
        self.dirty = true;
        (vec![Effect::Poll(jobs)], waiting)
    }

    fn say_synced(&mut self) {
        let key = self.keymap.hint(super::Action::RefreshAll);
        self.say(t!("status-feeds-from-sync", key = key));
    }

    /// Seconds from one sync to the next: `sync_every`, or after failures 30 s doubling
    /// each time up to it (marks wait in the queue meanwhile, so a server back soon gets
    /// them soon).
    pub(super) fn sync_wait(&self) -> i64 {
        if self.sync_failures == 0 {
            return self.sync_every;
        }
        let backoff = 30i64.saturating_mul(1 << (self.sync_failures - 1).min(20));
        backoff.min(self.sync_every)
    }

    /// A sync with the server, unless one is running.
    pub(super) fn start_sync(&mut self) -> Vec<Effect> {
        self.last_sync = Some(self.now);
        if self.syncing {
            return Vec::new();
        }
        self.syncing = true;
        self.dirty = true;
        vec![Effect::Sync]
    }

    /// A poll's answer goes through `feed::outcome`, as `tidings refresh`'s does; the app
    /// only counts it for the status bar and turns the writes into effects.
    pub(super) fn on_poll(&mut self, ev: PollEvent) -> Vec<Effect> {
        let PollEvent::Done {
            feed_id,
            outcome,
            hints,
            ..
        } = ev;
        if !self.refresh.in_flight.remove(&feed_id) {
            return Vec::new();
        }
        self.refresh.done += 1;
        self.dirty = true;
        let forced = self.refresh.forced.remove(&feed_id);
        let now = self.now;
        // A feed unsubscribed while it was polled: nothing of it is kept.
        let Some(feed) = self.store.feed_mut(feed_id) else {
            self.finish_refresh_if_done();
            return Vec::new();
        };
        let applied = outcome::apply(feed, outcome, &hints, forced, now);
        if let outcome::Heard::Failed(_) = applied.heard {
            self.refresh.errors += 1;
        }
        let fx = applied
            .writes
            .into_iter()
            .map(|write| match write {
                Write::Schedule(schedule) => Effect::SaveSchedule(feed_id, schedule),
                Write::Status(status) => Effect::SaveStatus(feed_id, status),
                Write::Ingest {
                    parsed,
                    validators,
                    moved_to,
                } => {
                    self.refresh.storing.insert(feed_id);
                    Effect::Ingest {
                        feed_id,
                        parsed,
                        validators,
                        moved_to,
                    }
                }
            })
            .collect();
        self.finish_refresh_if_done();
        fx
    }

    /// When the feed's next automatic poll may happen, if it must wait (for status lines).
    pub fn retry_in(&self, feed_id: FeedId) -> Option<i64> {
        let feed = self.store.feed(feed_id)?;
        backoff::wait_left(&feed.schedule, self.now)
    }

    pub(super) fn on_db(&mut self, ev: DbEvent) -> Vec<Effect> {
        let mut fx = Vec::new();
        match ev {
            DbEvent::Ingested { feed_id, report } => {
                if report.new > 0
                    && let Some(feed) = self.store.feed(feed_id)
                {
                    fx.push(Effect::ReadPages {
                        feed_id,
                        feed_url: feed.url.clone(),
                    });
                }
                self.refresh.storing.remove(&feed_id);
                self.refresh.new += report.new;
                if let Some(feed) = self.store.feed_mut(feed_id) {
                    outcome::stored(feed, self.now);
                }
                let changed = self.store.apply_ingest(&report);
                if changed.any() {
                    self.rebuild_list();
                }
                self.dirty = true;
                self.finish_refresh_if_done();
            }
            DbEvent::Failed { feeds, message } => {
                for feed_id in feeds {
                    if let Some(feed) = self.store.feed_mut(feed_id) {
                        outcome::not_stored(feed, self.now, &message);
                    }
                    if self.refresh.storing.remove(&feed_id) {
                        self.refresh.errors += 1;
                    }
                }
                self.warn(t!("status-database", message = message.to_string()));
                self.finish_refresh_if_done();
            }
            DbEvent::Recovered { changes } => {
                self.say(t!("status-database-recovered", count = changes));
            }
            DbEvent::External { seq, snapshot } => self.merge_external(seq, snapshot),
            DbEvent::FeedsSynced {
                seq,
                feeds,
                snapshot,
            } => self.on_feeds_synced(seq, feeds, snapshot),
            DbEvent::Categories(lists) => {
                // Saved views' counts follow the store's generation in `update`.
                self.store.set_categories(lists);
                self.rebuild_list();
                self.dirty = true;
            }
        }
        fx
    }

    fn finish_refresh_if_done(&mut self) {
        if self.refresh.active() || self.refresh.total == 0 {
            return;
        }
        let r = &self.refresh;
        let mut text = t!("status-refreshed", count = r.total, new = r.new);
        if r.waiting > 0 {
            text.push_str(&t!("status-refreshed-waiting", count = r.waiting));
        }
        if r.errors > 0 {
            text.push_str(&t!("status-refreshed-failed", count = r.errors));
            self.warn(text);
        } else {
            self.report(text);
        }
    }
}
