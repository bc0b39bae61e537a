//! What one poll's outcome does to its feed: the row's status, schedule, address,
//! validators and title, and what goes into the database.
//!
//! The reader (`App::on_poll`) and `tidings refresh` both go through [`apply`], so a 304, a
//! redirect, an error and a parsed document mean the same in both; each only carries the
//! [`Write`]s out its own way (effects for the runner, commands for the database writer).
//! No UI, no I/O: the clock is passed in.

use super::backoff::{self, Policy};
use super::hints::ServerHints;
use super::poller::PollOutcome;
use crate::model::{Feed, FeedStatus, ParsedFeed, PollSchedule, Validators};
use crate::t;

/// Salt of the backoff jitter, the same in every process. The seed already mixes the feed
/// id (so feeds that fail together spread out) and the moment. A per-process salt would
/// only make a reader and a cron `tidings refresh` that both saw the same failure at the
/// same second disagree about one stored `feeds.not_before`, and it would make the
/// reader's and the command's decisions impossible to compare in tests.
const JITTER_SALT: u64 = 0;

/// Something to store about the feed, in the order given.
#[derive(Debug, PartialEq)]
pub enum Write {
    /// When the feed may be polled automatically again; only when it changed.
    Schedule(PollSchedule),
    Status(FeedStatus),
    /// A parsed document; the feed's status becomes Ok when it is stored ([`stored`]).
    Ingest {
        parsed: ParsedFeed,
        validators: Validators,
        moved_to: Option<String>,
    },
}

/// What the poll heard, for the line a user reads about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    NotModified,
    Failed(String),
    /// A document of this many items, on its way into the database.
    Document {
        items: usize,
    },
}

/// The decision about one poll.
#[derive(Debug, PartialEq)]
pub struct Applied {
    pub writes: Vec<Write>,
    pub heard: Heard,
}

/// Applies a poll's outcome to the in-memory feed row and says what to store. `forced`:
/// the user asked for this feed now (`r`, `tidings refresh --force`), so a failure while
/// it already waits is no further step of backoff.
pub fn apply(
    feed: &mut Feed,
    outcome: PollOutcome,
    hints: &ServerHints,
    forced: bool,
    now: i64,
) -> Applied {
    let failed = matches!(outcome, PollOutcome::Failed(_));
    let mut writes = Vec::new();
    let schedule = backoff::after_poll(
        &Policy::default(),
        &feed.schedule,
        now,
        feed.refresh_secs,
        backoff::Polled::of(failed, forced),
        hints,
        backoff::seed(feed.id, now, JITTER_SALT),
    );
    if schedule != feed.schedule {
        feed.schedule = schedule.clone();
        writes.push(Write::Schedule(schedule));
    }
    let heard = match outcome {
        PollOutcome::Updated {
            feed: parsed,
            validators,
            moved_to,
        } => {
            feed.validators = validators.clone();
            // Only a permanent redirect reaches here: the next poll goes straight there.
            if let Some(to) = &moved_to {
                feed.fetch_url = to.clone();
            }
            // A feed without a configured title is named by its document.
            if let Some(t) = parsed
                .title
                .as_deref()
                .filter(|t| !t.is_empty() && feed.title == feed.url)
            {
                feed.title = t.to_string();
            }
            if parsed.site_link.is_some() {
                feed.site_link = parsed.site_link.clone();
            }
            let items = parsed.items.len();
            writes.push(Write::Ingest {
                parsed,
                validators,
                moved_to,
            });
            Heard::Document { items }
        }
        PollOutcome::NotModified => {
            feed.status = FeedStatus::Ok { at: now };
            writes.push(Write::Status(feed.status.clone()));
            Heard::NotModified
        }
        PollOutcome::Failed(message) => {
            feed.status = FeedStatus::Error {
                at: now,
                message: message.clone(),
            };
            writes.push(Write::Status(feed.status.clone()));
            Heard::Failed(message)
        }
    };
    Applied { writes, heard }
}

/// The document of the last poll is in the database.
pub fn stored(feed: &mut Feed, now: i64) {
    feed.status = FeedStatus::Ok { at: now };
}

/// The document of the last poll could not be stored.
pub fn not_stored(feed: &mut Feed, now: i64, message: &str) {
    // Without the validators of that poll the next one fetches the document in full again
    // instead of hearing "not modified" about articles that were never stored.
    feed.validators = Validators::default();
    feed.status = FeedStatus::Error {
        at: now,
        message: message.to_string(),
    };
}

/// The line `tidings refresh` prints about a feed once its poll is settled; `new` is the
/// ingest's count of new articles for a document. `title` is fitted already.
pub fn line(title: &str, heard: &Heard, new: usize, secs: f64) -> String {
    match heard {
        Heard::NotModified => format!(
            "  {:<6}{title}  {}",
            t!("refresh-ok"),
            t!(
                "refresh-not-modified",
                seconds = crate::i18n::decimal(secs, 2)
            )
        ),
        Heard::Failed(message) => format!(
            "  {:<6}{title}  {}",
            t!("refresh-fail"),
            crate::sanitize::line(message)
        ),
        // Counts padded as text: the columns line up whatever the language.
        Heard::Document { items } => format!(
            "  {:<6}{title}  {}",
            t!("refresh-ok"),
            t!(
                "refresh-new-of",
                new = format!("{new:>4}"),
                items = format!("{items:<4}"),
                seconds = crate::i18n::decimal(secs, 2)
            )
        ),
    }
}
