//! When a feed may be polled again: exponential backoff with jitter after failures,
//! the server's Retry-After, and its cache lifetime after a success.
//!
//! Pure functions: the clock (`now`) and the randomness (`seed`) are passed in, so every
//! decision is reproducible in tests. The TUI, `tidings refresh` and later sync or podcast
//! downloads share this one policy.

use crate::model::PollSchedule;
use crate::t;

/// Limits of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// No wait (backoff, Retry-After or cache lifetime) is ever longer than this, so a
    /// hostile header cannot silence a feed for a year.
    pub max_wait_secs: i64,
    /// The shortest base interval backoff doubles from, for feeds polled very often.
    pub min_base_secs: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_wait_secs: 24 * 3600,
            min_base_secs: 60,
        }
    }
}

/// How a poll ended, for [`after_poll`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polled {
    /// A document or a 304.
    Ok,
    Failed,
    /// Failed on a poll the user forced (`r`, `tidings refresh --force`).
    ForcedFailed,
}

impl Polled {
    pub fn of(failed: bool, forced: bool) -> Polled {
        match (failed, forced) {
            (false, _) => Polled::Ok,
            (true, false) => Polled::Failed,
            (true, true) => Polled::ForcedFailed,
        }
    }
}

/// The schedule after a poll, as the reader and `tidings refresh` both apply it.
pub fn after_poll(
    policy: &Policy,
    previous: &PollSchedule,
    now: i64,
    refresh_secs: u64,
    polled: Polled,
    hints: &crate::feed::hints::ServerHints,
    seed: u64,
) -> PollSchedule {
    let retry_after = hints.retry_after_secs;
    match polled {
        Polled::Ok => after_success(policy, now, refresh_secs, hints.fresh_for_secs),
        Polled::Failed => after_failure(policy, previous, now, refresh_secs, retry_after, seed),
        Polled::ForcedFailed => {
            after_forced_failure(policy, previous, now, refresh_secs, retry_after, seed)
        }
    }
}

/// The schedule after a failed poll.
///
/// With `n` consecutive failures (counting this one) the wait is drawn uniformly from
/// `[d/2, d)` where `d = min(max_wait, interval · 2^n)`: the first retry comes after one to
/// two normal intervals, each further failure doubles it, and feeds that failed together
/// spread out instead of retrying in step. A Retry-After from the server is a lower bound.
pub fn after_failure(
    policy: &Policy,
    previous: &PollSchedule,
    now: i64,
    refresh_secs: u64,
    retry_after_secs: Option<u64>,
    seed: u64,
) -> PollSchedule {
    let failures = previous.failures.saturating_add(1);
    let base = i64::try_from(refresh_secs)
        .unwrap_or(i64::MAX)
        .max(policy.min_base_secs)
        .max(1);
    let doubled = base.saturating_mul(1i64 << failures.min(40));
    let d = doubled.min(policy.max_wait_secs).max(1);
    let wait = d / 2 + jitter(seed, (d - d / 2) as u64) as i64;
    let server = retry_after_secs
        .map(|s| {
            i64::try_from(s)
                .unwrap_or(i64::MAX)
                .min(policy.max_wait_secs)
        })
        .unwrap_or(0);
    PollSchedule {
        failures,
        not_before: Some(now.saturating_add(wait.max(server))),
    }
}

/// The schedule after a poll the user forced (`r` on a feed, `tidings refresh --force`)
/// failed. A feed already waiting after failures is known to be down, so one more failure
/// is no news: the count and the automatic retry stay as they were (a server's
/// Retry-After still delays it). Otherwise it is an ordinary failure, one step of
/// [`after_failure`]. So retrying by hand never pushes the automatic retry further out
/// than one step of the plain policy.
pub fn after_forced_failure(
    policy: &Policy,
    previous: &PollSchedule,
    now: i64,
    refresh_secs: u64,
    retry_after_secs: Option<u64>,
    seed: u64,
) -> PollSchedule {
    if previous.failures == 0 || wait_left(previous, now).is_none() {
        return after_failure(policy, previous, now, refresh_secs, retry_after_secs, seed);
    }
    let server = retry_after_secs.map(|s| {
        now.saturating_add(
            i64::try_from(s)
                .unwrap_or(i64::MAX)
                .min(policy.max_wait_secs),
        )
    });
    PollSchedule {
        failures: previous.failures,
        not_before: previous.not_before.max(server),
    }
}

/// The schedule after a successful poll (a document or 304): failures are forgotten.
///
/// A cache lifetime (`Cache-Control: max-age`, `Expires`) longer than the feed's own
/// interval delays the next automatic poll to its end; a shorter one changes nothing.
pub fn after_success(
    policy: &Policy,
    now: i64,
    refresh_secs: u64,
    fresh_for_secs: Option<u64>,
) -> PollSchedule {
    let not_before = fresh_for_secs
        .filter(|&fresh| fresh > refresh_secs)
        .map(|fresh| {
            let fresh = i64::try_from(fresh)
                .unwrap_or(i64::MAX)
                .min(policy.max_wait_secs);
            now.saturating_add(fresh)
        });
    PollSchedule {
        failures: 0,
        not_before,
    }
}

/// Whether an automatic (scheduled) poll may run now. Manual refreshes of a single feed
/// do not ask.
pub fn may_poll(schedule: &PollSchedule, now: i64) -> bool {
    schedule.not_before.is_none_or(|t| now >= t)
}

/// Seconds until the feed may be polled again, if it has to wait.
pub fn wait_left(schedule: &PollSchedule, now: i64) -> Option<i64> {
    schedule
        .not_before
        .map(|t| t.saturating_sub(now))
        .filter(|&s| s > 0)
}

/// A seed for [`after_failure`] that differs per feed and per moment.
pub fn seed(feed_id: i64, now: i64, salt: u64) -> u64 {
    splitmix(splitmix(feed_id as u64 ^ salt) ^ now as u64)
}

/// A number in `0..range` from the seed (0 when `range` is 0).
fn jitter(seed: u64, range: u64) -> u64 {
    if range == 0 {
        0
    } else {
        splitmix(seed) % range
    }
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// "40 s", "40 min", "3 h 20 min", "2 days": how long until a retry, for status lines.
pub fn describe_wait(secs: i64) -> String {
    let secs = secs.max(0);
    let text = |n: i64| n.to_string();
    if secs < 60 {
        t!("wait-seconds", seconds = text(secs))
    } else if secs < 3600 {
        t!("wait-minutes", minutes = text((secs + 59) / 60))
    } else if secs < 48 * 3600 {
        let mins = (secs + 59) / 60;
        match (mins / 60, mins % 60) {
            (h, 0) => t!("wait-hours", hours = text(h)),
            (h, m) => t!("wait-hours-minutes", hours = text(h), minutes = text(m)),
        }
    } else {
        t!("wait-days", count = secs / 86400)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000;

    fn fail_n(n: u32, refresh: u64, seed: u64) -> PollSchedule {
        let mut s = PollSchedule::default();
        for _ in 0..n {
            s = after_failure(&Policy::default(), &s, NOW, refresh, None, seed);
        }
        s
    }

    fn wait(s: &PollSchedule) -> i64 {
        s.not_before.unwrap_or(NOW) - NOW
    }

    #[test]
    fn waits_double_within_jitter_bounds() {
        for seed in 0..200 {
            for n in 1..=4u32 {
                let w = wait(&fail_n(n, 600, seed));
                let d = 600i64 << n;
                assert!(w >= d / 2 && w < d, "n={n} seed={seed} wait={w}");
            }
        }
    }

    #[test]
    fn jitter_spreads_feeds_that_fail_together() {
        let waits: std::collections::HashSet<i64> = (0..50)
            .map(|id| wait(&fail_n(1, 1800, seed(id, NOW, 7))))
            .collect();
        assert!(waits.len() > 40, "only {} distinct waits", waits.len());
    }

    #[test]
    fn capped_at_the_policy_maximum() {
        let s = fail_n(60, 3600, 3);
        assert_eq!(s.failures, 60);
        let w = wait(&s);
        assert!((12 * 3600..=24 * 3600).contains(&w), "{w}");
        let hostile = after_failure(
            &Policy::default(),
            &PollSchedule::default(),
            NOW,
            60,
            Some(u64::MAX),
            1,
        );
        assert_eq!(wait(&hostile), 24 * 3600);
    }

    #[test]
    fn retry_after_is_a_lower_bound() {
        let s = after_failure(
            &Policy::default(),
            &PollSchedule::default(),
            NOW,
            60,
            Some(7200),
            1,
        );
        assert_eq!(wait(&s), 7200);
        let short = after_failure(
            &Policy::default(),
            &PollSchedule::default(),
            NOW,
            3600,
            Some(5),
            1,
        );
        assert!(wait(&short) >= 3600);
    }

    #[test]
    fn success_resets_and_honours_long_cache_lifetimes_only() {
        let p = Policy::default();
        assert_eq!(after_success(&p, NOW, 1800, None), PollSchedule::default());
        assert_eq!(after_success(&p, NOW, 1800, Some(600)).not_before, None);
        assert_eq!(
            after_success(&p, NOW, 1800, Some(7200)).not_before,
            Some(NOW + 7200)
        );
        assert_eq!(
            after_success(&p, NOW, 1800, Some(10_000_000)).not_before,
            Some(NOW + 24 * 3600)
        );
    }

    #[test]
    fn may_poll_and_wait_left() {
        let s = PollSchedule {
            failures: 2,
            not_before: Some(NOW + 100),
        };
        assert!(!may_poll(&s, NOW));
        assert!(may_poll(&s, NOW + 100));
        assert_eq!(wait_left(&s, NOW), Some(100));
        assert_eq!(wait_left(&s, NOW + 100), None);
        assert!(may_poll(&PollSchedule::default(), NOW));
    }

    #[test]
    fn a_forced_failure_while_waiting_changes_nothing_but_retry_after() {
        let p = Policy::default();
        let waiting = fail_n(2, 1800, 5);
        let later = NOW + 60;
        assert_eq!(
            after_forced_failure(&p, &waiting, later, 1800, None, 9),
            waiting
        );
        let held = after_forced_failure(&p, &waiting, later, 1800, Some(24 * 3600), 9);
        assert_eq!(held.failures, 2);
        assert_eq!(held.not_before, Some(later + 24 * 3600));
        // A healthy feed, or one whose retry is due, takes the ordinary step.
        let ok = PollSchedule::default();
        assert_eq!(
            after_forced_failure(&p, &ok, NOW, 1800, None, 9),
            after_failure(&p, &ok, NOW, 1800, None, 9)
        );
        let due = waiting.not_before.unwrap_or(NOW);
        assert_eq!(
            after_forced_failure(&p, &waiting, due, 1800, None, 9),
            after_failure(&p, &waiting, due, 1800, None, 9)
        );
    }

    #[test]
    fn waits_read_well() {
        assert_eq!(describe_wait(40), "40 s");
        assert_eq!(describe_wait(40 * 60 - 10), "40 min");
        assert_eq!(describe_wait(3600), "1 h");
        assert_eq!(describe_wait(3 * 3600 + 20 * 60), "3 h 20 min");
        assert_eq!(describe_wait(5 * 86400), "5 days");
    }
}
