//! `feed::outcome`, the one pipeline from a poll's outcome to the feed row and the store:
//! each kind of answer on its own, then random sequences of answers through the reader
//! (`App::update`) and through `tidings refresh` (`commands::refresh::Tally`), which must
//! leave the same rows and ask for the same writes, checked against a plain model.

use crate::common::{NOW, world};
use proptest::prelude::*;
use std::time::Duration;
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Msg, Trigger};
use tidings::commands::refresh::Tally;
use tidings::db::Limits;
use tidings::db::writer::{DbCmd, DbEvent};
use tidings::feed::hints::ServerHints;
use tidings::feed::outcome::{self, Heard, Write};
use tidings::feed::poller::{PollEvent, PollOutcome};
use tidings::model::{
    Feed, FeedStatus, IngestReport, ParsedFeed, ParsedItem, PollSchedule, Validators,
};
use tidings::timefmt::Zone;

const DAY: i64 = 24 * 3600;

/// A feed without a title of its own in config.toml: named by the URL until a document names it.
fn untitled() -> Feed {
    Feed {
        id: 7,
        url: "https://news.example/7.xml".into(),
        fetch_url: "https://news.example/7.xml".into(),
        title: "https://news.example/7.xml".into(),
        refresh_secs: 1800,
        ..Feed::default()
    }
}

fn document(title: &str, items: usize) -> ParsedFeed {
    ParsedFeed {
        title: Some(title.into()),
        site_link: Some("https://news.example/".into()),
        items: (0..items)
            .map(|i| ParsedItem {
                guid: Some(format!("g{i}")),
                title: format!("Item {i}"),
                ..ParsedItem::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn updated(title: &str, items: usize, moved_to: Option<&str>) -> PollOutcome {
    PollOutcome::Updated {
        feed: document(title, items),
        validators: Validators {
            etag: Some("\"v1\"".into()),
            last_modified: None,
        },
        moved_to: moved_to.map(str::to_string),
    }
}

fn none() -> ServerHints {
    ServerHints::default()
}

fn retry_after(secs: u64) -> ServerHints {
    ServerHints {
        retry_after_secs: Some(secs),
        fresh_for_secs: None,
    }
}

#[test]
fn not_modified_is_ok_and_forgets_failures() {
    let mut feed = untitled();
    feed.schedule = PollSchedule {
        failures: 3,
        not_before: Some(NOW - 10),
    };
    feed.validators.etag = Some("\"v0\"".into());
    let applied = outcome::apply(&mut feed, PollOutcome::NotModified, &none(), false, NOW);
    assert_eq!(applied.heard, Heard::NotModified);
    assert_eq!(
        applied.writes,
        vec![
            Write::Schedule(PollSchedule::default()),
            Write::Status(FeedStatus::Ok { at: NOW }),
        ]
    );
    assert_eq!(feed.status, FeedStatus::Ok { at: NOW });
    assert_eq!(
        feed.validators.etag.as_deref(),
        Some("\"v0\""),
        "kept for the next poll"
    );
    assert_eq!(
        outcome::line("Feed", &applied.heard, 0, 0.25),
        "  ok    Feed  not modified  0.25 s"
    );
}

#[test]
fn a_permanent_redirect_moves_the_address_a_temporary_one_does_not() {
    let mut feed = untitled();
    let applied = outcome::apply(
        &mut feed,
        updated("News", 2, Some("https://new.example/feed")),
        &none(),
        false,
        NOW,
    );
    assert_eq!(feed.fetch_url, "https://new.example/feed");
    assert_eq!(
        feed.url, "https://news.example/7.xml",
        "config's URL stays the identity"
    );
    assert!(matches!(
        applied.writes.as_slice(),
        [Write::Ingest { moved_to: Some(to), .. }] if to == "https://new.example/feed"
    ));
    // The fetcher reports only permanent moves; a temporary one arrives as no move.
    let mut feed = untitled();
    let applied = outcome::apply(&mut feed, updated("News", 2, None), &none(), false, NOW);
    assert_eq!(feed.fetch_url, "https://news.example/7.xml");
    assert!(matches!(
        applied.writes.as_slice(),
        [Write::Ingest { moved_to: None, .. }]
    ));
}

#[test]
fn fetch_errors_back_off_doubling_up_to_the_cap() {
    let mut feed = untitled();
    let mut now = NOW;
    let mut last = 0;
    for n in 1..=12u32 {
        let applied = outcome::apply(
            &mut feed,
            PollOutcome::Failed("HTTP 503 Service Unavailable".into()),
            &none(),
            false,
            now,
        );
        assert_eq!(
            applied.heard,
            Heard::Failed("HTTP 503 Service Unavailable".into())
        );
        assert_eq!(feed.schedule.failures, n);
        assert_eq!(
            feed.status,
            FeedStatus::Error {
                at: now,
                message: "HTTP 503 Service Unavailable".into()
            }
        );
        let wait = feed.schedule.not_before.expect("waits") - now;
        // Drawn from [d/2, d), d doubling from the feed's interval up to a day.
        let d = (1800i64 << n).min(DAY);
        assert!(wait >= d / 2 && wait < d, "n={n} wait={wait}");
        assert!(matches!(
            applied.writes.as_slice(),
            [Write::Schedule(s), Write::Status(FeedStatus::Error { .. })] if *s == feed.schedule
        ));
        now += wait;
        last = wait;
    }
    assert!(last >= DAY / 2, "capped, not shrunk: {last}");
}

#[test]
fn a_parse_error_is_a_failure_with_its_message() {
    let mut feed = untitled();
    let message = "not a feed: the address serves a web page (text/html)";
    let applied = outcome::apply(
        &mut feed,
        PollOutcome::Failed(message.into()),
        &none(),
        false,
        NOW,
    );
    assert_eq!(applied.heard, Heard::Failed(message.into()));
    assert_eq!(feed.schedule.failures, 1);
    assert_eq!(
        feed.status,
        FeedStatus::Error {
            at: NOW,
            message: message.into()
        }
    );
    assert_eq!(
        outcome::line("Feed", &applied.heard, 0, 0.0),
        format!("  FAIL  Feed  {message}")
    );
}

#[test]
fn a_parsed_feed_is_ingested_and_names_an_untitled_feed() {
    let mut feed = untitled();
    feed.status = FeedStatus::Error {
        at: NOW - 60,
        message: "down".into(),
    };
    feed.schedule.failures = 2;
    let applied = outcome::apply(
        &mut feed,
        updated("Daily News", 3, None),
        &none(),
        false,
        NOW,
    );
    assert_eq!(applied.heard, Heard::Document { items: 3 });
    let [
        Write::Schedule(s),
        Write::Ingest {
            parsed,
            validators,
            moved_to,
        },
    ] = applied.writes.as_slice()
    else {
        panic!("{:?}", applied.writes);
    };
    assert_eq!(*s, PollSchedule::default());
    assert_eq!(parsed.items.len(), 3);
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(*moved_to, None);
    assert_eq!(feed.title, "Daily News");
    assert_eq!(feed.site_link.as_deref(), Some("https://news.example/"));
    assert_eq!(feed.validators.etag.as_deref(), Some("\"v1\""));
    // The status says Ok only once the document is stored.
    assert!(matches!(feed.status, FeedStatus::Error { .. }));
    outcome::stored(&mut feed, NOW + 1);
    assert_eq!(feed.status, FeedStatus::Ok { at: NOW + 1 });
    assert_eq!(
        outcome::line("Daily News", &applied.heard, 2, 0.5),
        "  ok    Daily News     2 new of 3    0.50 s"
    );
    // A title from config.toml is the user's and stays.
    let mut named = untitled();
    named.title = "Mine".into();
    outcome::apply(
        &mut named,
        updated("Daily News", 1, None),
        &none(),
        false,
        NOW,
    );
    assert_eq!(named.title, "Mine");
    // A document that could not be stored leaves no validators to hear "not modified" with.
    outcome::not_stored(&mut named, NOW, "disk full");
    assert_eq!(named.validators, Validators::default());
    assert!(
        matches!(named.status, FeedStatus::Error { ref message, .. } if message == "disk full")
    );
}

#[test]
fn retry_after_is_honoured_and_capped() {
    let mut feed = untitled();
    outcome::apply(
        &mut feed,
        PollOutcome::Failed("HTTP 429 Too Many Requests".into()),
        &retry_after(7 * 3600),
        false,
        NOW,
    );
    assert_eq!(feed.schedule.not_before, Some(NOW + 7 * 3600));
    let mut feed = untitled();
    outcome::apply(
        &mut feed,
        PollOutcome::Failed("HTTP 429 Too Many Requests".into()),
        &retry_after(u64::MAX),
        false,
        NOW,
    );
    assert_eq!(feed.schedule.not_before, Some(NOW + DAY));
    // Forced while already waiting: no further step, but the server's word still holds.
    let before = feed.schedule.failures;
    outcome::apply(
        &mut feed,
        PollOutcome::Failed("HTTP 429 Too Many Requests".into()),
        &retry_after(2 * DAY as u64),
        true,
        NOW + 60,
    );
    assert_eq!(feed.schedule.failures, before);
    assert_eq!(feed.schedule.not_before, Some(NOW + 60 + DAY));
}

/// What one answer asks to store, in a form both paths can be compared in.
#[derive(Debug, PartialEq)]
enum Stored {
    Schedule(PollSchedule),
    Status(FeedStatus),
    Ingest {
        title: Option<String>,
        items: usize,
        validators: Validators,
        moved_to: Option<String>,
    },
}

fn from_effects(fx: Vec<Effect>, id: i64) -> Vec<Stored> {
    fx.into_iter()
        .filter_map(|e| match e {
            Effect::SaveSchedule(f, s) if f == id => Some(Stored::Schedule(s)),
            Effect::SaveStatus(f, s) if f == id => Some(Stored::Status(s)),
            Effect::Ingest {
                feed_id,
                parsed,
                validators,
                moved_to,
            } if feed_id == id => Some(Stored::Ingest {
                title: parsed.title,
                items: parsed.items.len(),
                validators,
                moved_to,
            }),
            _ => None,
        })
        .collect()
}

fn from_cmds(cmds: Vec<DbCmd>) -> Vec<Stored> {
    cmds.into_iter()
        .filter_map(|c| match c {
            DbCmd::Schedule { schedule, .. } => Some(Stored::Schedule(schedule)),
            DbCmd::Status { status, .. } => Some(Stored::Status(status)),
            DbCmd::Ingest {
                parsed,
                validators,
                moved_to,
                ..
            } => Some(Stored::Ingest {
                title: parsed.title,
                items: parsed.items.len(),
                validators,
                moved_to,
            }),
            _ => None,
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Answer {
    NotModified,
    Failed,
    NotAFeed,
    Document { moved: bool, stored: bool },
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::NotModified),
        Just(Answer::Failed),
        Just(Answer::NotAFeed),
        any::<(bool, bool)>().prop_map(|(moved, stored)| Answer::Document { moved, stored }),
    ]
}

fn outcome_of(a: &Answer, step: usize) -> PollOutcome {
    match a {
        Answer::NotModified => PollOutcome::NotModified,
        Answer::Failed => PollOutcome::Failed("HTTP 500 Internal Server Error".into()),
        Answer::NotAFeed => PollOutcome::Failed("not a feed: malformed XML".into()),
        Answer::Document { moved, .. } => {
            let to = format!("https://moved.example/{step}.xml");
            updated(
                &format!("Title {step}"),
                step % 4,
                moved.then_some(to.as_str()),
            )
        }
    }
}

/// The row fields an answer may change.
fn row(
    f: &Feed,
) -> (
    String,
    String,
    Option<String>,
    Validators,
    FeedStatus,
    PollSchedule,
) {
    (
        f.fetch_url.clone(),
        f.title.clone(),
        f.site_link.clone(),
        f.validators.clone(),
        f.status.clone(),
        f.schedule.clone(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Random answers to random feeds at random moments: the reader and `tidings refresh`
    /// end with the same rows and ask for the same writes, and both match a plain model of
    /// the policy (failures counted, statuses, addresses, waits within the cap and never
    /// before a Retry-After).
    #[test]
    fn the_reader_and_the_command_decide_alike(
        force in any::<bool>(),
        steps in proptest::collection::vec(
            (1i64..=3, answer(), proptest::option::of(0u64..200_000), 0i64..20_000),
            1..40,
        ),
    ) {
        let store = world();
        let feeds: Vec<Feed> = store.feeds().to_vec();
        let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (80, 24));
        let limits = Limits { max_articles: 100, max_age_days: 0 };
        let mut tally = Tally::new(feeds.clone(), force, limits, usize::MAX);
        let mut model: Vec<Feed> = feeds;
        let trigger = if force { Trigger::Forced } else { Trigger::Scheduled };
        let mut now = NOW;
        for (step, (id, a, retry, gap)) in steps.into_iter().enumerate() {
            now += gap;
            let before = model.iter().find(|f| f.id == id).cloned().expect("feed");
            if !force && let Some(t) = before.schedule.not_before {
                // Not due: a scheduled run would leave it alone; come back when it is.
                now = now.max(t);
            }
            app.set_now(now);
            let started = app.start_refresh(vec![id], trigger);
            prop_assert!(matches!(started.as_slice(), [Effect::Poll(jobs)] if jobs[0].feed_id == id));
            let hints = ServerHints { retry_after_secs: retry, fresh_for_secs: None };
            let fx = app.update(Msg::Poll(PollEvent::Done {
                feed_id: id,
                outcome: outcome_of(&a, step),
                elapsed: Duration::from_millis(3),
                hints,
            }));
            let (cmds, _line) = tally.on_poll(id, outcome_of(&a, step), &hints, Duration::from_millis(3), now);
            let reader_writes = from_effects(fx, id);
            prop_assert_eq!(&reader_writes, &from_cmds(cmds));

            if let Answer::Document { stored, .. } = a {
                let ev = |ok: bool| if ok {
                    DbEvent::Ingested { feed_id: id, report: IngestReport::default() }
                } else {
                    DbEvent::Failed { feeds: vec![id], message: "disk full".into() }
                };
                app.update(Msg::Db(ev(stored)));
                tally.on_db(ev(stored), now);
            }
            let reader = app.store().feed(id).expect("reader's feed");
            let cli = tally.feed(id).expect("command's feed");
            prop_assert_eq!(row(reader), row(cli));

            // The plain model.
            let m = model.iter_mut().find(|f| f.id == id).expect("feed");
            let waited = before.schedule.failures > 0
                && before.schedule.not_before.is_some_and(|t| t > now);
            match &a {
                Answer::NotModified => {
                    m.status = FeedStatus::Ok { at: now };
                    m.schedule.failures = 0;
                }
                Answer::Failed | Answer::NotAFeed => {
                    let PollOutcome::Failed(message) = outcome_of(&a, step) else { unreachable!() };
                    m.status = FeedStatus::Error { at: now, message };
                    if !(force && waited) {
                        m.schedule.failures += 1;
                    }
                    let floor = retry.map_or(0, |r| (r as i64).min(DAY));
                    let nb = reader.schedule.not_before.expect("a failure waits");
                    prop_assert!(nb >= now + floor, "Retry-After not honoured");
                    prop_assert!(nb <= (now + DAY).max(before.schedule.not_before.unwrap_or(0)), "over the cap");
                }
                Answer::Document { moved, stored } => {
                    m.schedule.failures = 0;
                    if *moved {
                        m.fetch_url = format!("https://moved.example/{step}.xml");
                    }
                    if *stored {
                        m.status = FeedStatus::Ok { at: now };
                        m.validators.etag = Some("\"v1\"".into());
                    } else {
                        m.status = FeedStatus::Error { at: now, message: "disk full".into() };
                        m.validators = Validators::default();
                    }
                    let ingested = matches!(
                        reader_writes.last(),
                        Some(Stored::Ingest { items, .. }) if *items == step % 4
                    );
                    prop_assert!(ingested, "{:?}", reader_writes);
                }
            }
            prop_assert_eq!(&reader.status, &m.status);
            prop_assert_eq!(reader.schedule.failures, m.schedule.failures);
            prop_assert_eq!(&reader.fetch_url, &m.fetch_url);
            prop_assert_eq!(&reader.validators, &m.validators);
            m.schedule = reader.schedule.clone();
        }
    }
}
