//! Backoff, Retry-After and cache lifetimes decide when a feed is polled again: through
//! `App::update` with a fixed clock, and through the real binary on a real SQLite file
//! against a loopback server (the state must survive restarts).

use crate::common;
use crate::support;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::process::{Command, Output};
use std::time::Duration;
use support::{Response, TestServer};
use tidings::app::{App, Effect, Msg};
use tidings::feed::hints::ServerHints;
use tidings::feed::poller::{PollEvent, PollOutcome};
use tidings::model::{ParsedFeed, PollSchedule};

fn polled(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .flat_map(|e| match e {
            Effect::Poll(jobs) => jobs.iter().map(|j| j.feed_id).collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn done(app: &mut App, feed_id: i64, outcome: PollOutcome, hints: ServerHints) -> Vec<Effect> {
    app.update(Msg::Poll(PollEvent::Done {
        feed_id,
        outcome,
        elapsed: Duration::from_millis(5),
        hints,
    }))
}

fn schedule(app: &App, id: i64) -> PollSchedule {
    app.store()
        .feed(id)
        .map(|f| f.schedule.clone())
        .unwrap_or_default()
}

fn footer(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    let buf = t.backend().buffer();
    let y = app.size().1 - 2;
    (0..app.size().0)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Feed 3 answers 429 with Retry-After: an hour. Refreshes from the clock and `R` leave it
/// alone until then; `r` on it polls at once; the feed list says when it will be retried.
#[test]
fn retry_after_holds_scheduled_refreshes_but_r_forces() {
    let mut app = app(80, 24);
    assert_eq!(polled(&press(&mut app, "R")), vec![1, 2, 3]);
    done(
        &mut app,
        1,
        PollOutcome::NotModified,
        ServerHints::default(),
    );
    done(
        &mut app,
        2,
        PollOutcome::NotModified,
        ServerHints::default(),
    );
    let fx = done(
        &mut app,
        3,
        PollOutcome::Failed("HTTP 429 Too Many Requests".into()),
        ServerHints {
            retry_after_secs: Some(3600),
            fresh_for_secs: None,
        },
    );
    let s = schedule(&app, 3);
    assert_eq!(s.failures, 1);
    assert_eq!(s.not_before, Some(NOW + 3600));
    assert!(fx.contains(&Effect::SaveSchedule(3, s.clone())), "{fx:?}");

    press(&mut app, "jjjjj"); // the feed list cursor on feed 3
    let line = footer(&app);
    assert!(line.contains("HTTP 429 Too Many Requests"), "{line}");
    assert!(line.contains("retry in 1 h"), "{line}");

    // Past the 30 minute interval: feeds 1 and 2 are due, feed 3 still waits.
    assert_eq!(
        polled(&app.update(Msg::Tick(NOW + 1900))),
        vec![1, 2],
        "the clock skips a feed under Retry-After"
    );
    for id in [1, 2] {
        done(
            &mut app,
            id,
            PollOutcome::NotModified,
            ServerHints::default(),
        );
    }
    // `R` refreshes all feeds that may be polled, and says one waits.
    assert_eq!(polled(&press(&mut app, "R")), vec![1, 2]);
    for id in [1, 2] {
        done(
            &mut app,
            id,
            PollOutcome::NotModified,
            ServerHints::default(),
        );
    }
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(
        said,
        "Refreshed 2 feeds: 0 new articles, 1 waiting to retry"
    );

    // The user asks for this feed by name: it is polled now.
    assert_eq!(polled(&press(&mut app, "r")), vec![3]);
    done(
        &mut app,
        3,
        PollOutcome::Updated {
            feed: ParsedFeed::default(),
            validators: Default::default(),
            moved_to: None,
        },
        ServerHints::default(),
    );
    assert_eq!(schedule(&app, 3), PollSchedule::default(), "success resets");
}

#[test]
fn r_on_all_waiting_feeds_says_how_to_force_one() {
    let mut app = app(80, 24);
    press(&mut app, "R");
    for id in 1..=3 {
        let hints = ServerHints {
            retry_after_secs: Some(600),
            fresh_for_secs: None,
        };
        done(&mut app, id, PollOutcome::Failed("HTTP 503".into()), hints);
    }
    assert!(polled(&press(&mut app, "R")).is_empty());
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(
        said,
        "3 feeds are waiting to retry; r on a feed retries it now"
    );
}

/// Retrying a failing feed by hand, again and again, leaves its automatic retry where the
/// plain policy put it (the issue: 33 min, then 1 h 47, then 3 h 43).
#[test]
fn r_on_a_failing_feed_does_not_push_its_retry_further_out() {
    let mut app = app(80, 24);
    press(&mut app, "R");
    for id in [1, 2] {
        done(
            &mut app,
            id,
            PollOutcome::NotModified,
            ServerHints::default(),
        );
    }
    done(
        &mut app,
        3,
        PollOutcome::Failed("connection refused".into()),
        ServerHints::default(),
    );
    let after_one = schedule(&app, 3);
    assert_eq!(after_one.failures, 1);
    press(&mut app, "jjjjj"); // the feed list cursor on feed 3
    for minute in 1..=3 {
        app.update(Msg::Tick(NOW + minute * 60));
        assert_eq!(polled(&press(&mut app, "r")), vec![3], "r polls it now");
        let fx = done(
            &mut app,
            3,
            PollOutcome::Failed("connection refused".into()),
            ServerHints::default(),
        );
        assert_eq!(schedule(&app, 3), after_one, "retry {minute} by hand");
        assert!(
            !fx.iter().any(|e| matches!(e, Effect::SaveSchedule(..))),
            "{fx:?}"
        );
    }
    // The server's own Retry-After still counts.
    press(&mut app, "r");
    done(
        &mut app,
        3,
        PollOutcome::Failed("HTTP 429".into()),
        ServerHints {
            retry_after_secs: Some(6 * 3600),
            fresh_for_secs: None,
        },
    );
    let held = schedule(&app, 3);
    assert_eq!(held.failures, 1);
    assert_eq!(held.not_before, Some(NOW + 180 + 6 * 3600));
}

#[test]
fn failures_back_off_exponentially_and_reset_on_success() {
    let mut app = app(80, 24);
    let mut now = NOW;
    let mut waits = Vec::new();
    for n in 1..=5u32 {
        press(&mut app, "jjjjjr"); // force feed 3 (cursor stays on it after the first)
        press(&mut app, "kkkkk");
        done(
            &mut app,
            3,
            PollOutcome::Failed("connection refused".into()),
            ServerHints::default(),
        );
        let s = schedule(&app, 3);
        assert_eq!(s.failures, n);
        let wait = s.not_before.unwrap_or_default() - now;
        // Between one and two doubled intervals of 30 minutes.
        let d = 1800i64 << n;
        assert!(wait >= d / 2 && wait < d, "failure {n}: waited {wait}");
        waits.push(wait);
        now = s.not_before.unwrap_or_default();
        app.update(Msg::Tick(now));
    }
    assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
}

#[test]
fn a_long_cache_lifetime_delays_the_next_automatic_poll() {
    let mut app = app(80, 24);
    press(&mut app, "R");
    done(
        &mut app,
        1,
        PollOutcome::NotModified,
        ServerHints {
            retry_after_secs: None,
            fresh_for_secs: Some(7200),
        },
    );
    // A lifetime shorter than the interval changes nothing.
    done(
        &mut app,
        2,
        PollOutcome::NotModified,
        ServerHints {
            retry_after_secs: None,
            fresh_for_secs: Some(60),
        },
    );
    done(
        &mut app,
        3,
        PollOutcome::NotModified,
        ServerHints::default(),
    );
    assert_eq!(schedule(&app, 1).not_before, Some(NOW + 7200));
    assert_eq!(schedule(&app, 2), PollSchedule::default());
    assert_eq!(polled(&app.update(Msg::Tick(NOW + 1900))), vec![2, 3]);
}

// --- The real binary on a real SQLite file -------------------------------------------

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Served</title>
<item><title>First story</title><guid>1</guid></item>
<item><title>Second story</title><guid>2</guid></item></channel></rss>"#;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new(urls: &[String]) -> Cli {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = String::from("[general]\nrefresh_minutes = 1\n");
        for url in urls {
            config.push_str(&format!("\n[[feed]]\nurl = \"{url}\"\n"));
        }
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        Cli { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(args)
            .env("TZ", "UTC")
            .output()
            .expect("run tidings")
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// (failures, not_before, etag, last_modified) of the only feed, read from the file.
    fn row(&self) -> (i64, Option<i64>, Option<String>, Option<String>) {
        let conn =
            rusqlite::Connection::open(self.dir.path().join("data/tidings.db")).expect("open db");
        conn.query_row(
            "SELECT failures, not_before, etag, last_modified FROM feeds",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("feed row")
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[test]
fn backoff_survives_restarts_and_force_overrides_it() {
    let healthy = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = healthy.clone();
    let server = TestServer::start(move |_| {
        if flag.load(std::sync::atomic::Ordering::SeqCst) {
            Response::ok(RSS)
        } else {
            Response::status(503).header("Retry-After", "7200")
        }
    });
    let cli = Cli::new(&[server.url("/feed")]);
    assert!(
        cli.dir.path().join("data").read_dir().is_err(),
        "fresh data dir"
    );

    let out = cli.stdout(&["refresh"]);
    assert!(out.contains("FAIL") && out.contains("HTTP 503"), "{out}");
    let (failures, not_before, ..) = cli.row();
    assert_eq!(failures, 1);
    let wait = not_before.expect("a retry time is stored") - unix_now();
    assert!((7190..=7200).contains(&wait), "{wait}");

    // A new process: the server is not asked again before its Retry-After.
    let out = cli.stdout(&["refresh"]);
    assert!(
        out.contains("  wait  ") && out.contains("retry in 2 h"),
        "{out}"
    );
    assert!(out.contains("0 failed, 1 waiting, 0 new"), "{out}");
    assert_eq!(server.requests().len(), 1);
    let feeds = cli.stdout(&["feeds"]);
    assert!(
        feeds.contains("HTTP 503 Service Unavailable (retry in 2 h)"),
        "{feeds}"
    );

    // --force asks anyway; failing again while waiting is no news: the count stays, and
    // the retry moves only as far as the server's Retry-After says.
    cli.stdout(&["refresh", "--force"]);
    assert_eq!(server.requests().len(), 2);
    let (failures, not_before, ..) = cli.row();
    assert_eq!(failures, 1);
    let wait = not_before.expect("a retry time is stored") - unix_now();
    assert!((7190..=7200).contains(&wait), "{wait}");

    // Back up: a forced refresh succeeds and the backoff is forgotten, on disk too.
    healthy.store(true, std::sync::atomic::Ordering::SeqCst);
    let out = cli.stdout(&["refresh", "--force"]);
    assert!(out.contains("2 new of 2"), "{out}");
    assert_eq!(cli.row().0, 0);
    assert_eq!(cli.row().1, None);
    let out = cli.stdout(&["refresh"]);
    assert!(!out.contains("wait"), "{out}");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn a_304_keeps_articles_and_validators() {
    const ETAG: &str = "\"v1\"";
    let server = TestServer::start(|req| {
        if req.path == "/feed" && req.header("If-None-Match").is_none() {
            Response::ok(RSS).header("ETag", ETAG)
        } else {
            // 304 with no validators of its own, whatever we sent.
            Response::status(304)
        }
    });
    let cli = Cli::new(&[server.url("/feed")]);
    cli.stdout(&["refresh"]);
    let out = cli.stdout(&["refresh"]);
    assert!(out.contains("not modified"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    let list = cli.stdout(&["list"]);
    assert!(
        list.contains("First story") && list.contains("Second story"),
        "{list}"
    );
    assert_eq!(cli.row().2.as_deref(), Some(ETAG), "validators are kept");
    cli.stdout(&["refresh"]);
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2].header("If-None-Match"), Some(ETAG));
    assert_eq!(cli.row().0, 0);
}

#[test]
fn only_validators_the_server_gave_are_sent_back() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/bare" => Response::ok(RSS),
        _ => Response::ok(RSS).header("Last-Modified", "Tue, 05 Mar 2024 14:30:00 GMT"),
    });
    for (path, lm) in [
        ("/bare", None),
        ("/lm", Some("Tue, 05 Mar 2024 14:30:00 GMT")),
    ] {
        let cli = Cli::new(&[server.url(path)]);
        cli.stdout(&["refresh"]);
        cli.stdout(&["refresh"]);
        let second = server
            .requests()
            .into_iter()
            .filter(|r| r.path == path)
            .nth(1)
            .expect("two requests");
        assert_eq!(second.header("If-None-Match"), None, "{path}");
        assert_eq!(second.header("If-Modified-Since"), lm, "{path}");
    }
}

#[test]
fn the_binary_sends_its_version_and_honours_max_age() {
    let server = TestServer::start(|_| Response::ok(RSS).header("Cache-Control", "max-age=5400"));
    let cli = Cli::new(&[server.url("/feed")]);
    cli.stdout(&["refresh"]);
    assert_eq!(
        server.requests()[0].header("User-Agent"),
        Some(
            format!(
                "tidings/{} (+https://github.com/tidings-reader/tidings)",
                env!("CARGO_PKG_VERSION")
            )
            .as_str()
        )
    );
    // Interval 1 minute, but the server said the document stays fresh for 90 minutes.
    let (failures, not_before, ..) = cli.row();
    assert_eq!(failures, 0);
    let wait = not_before.expect("fresh until") - unix_now();
    assert!((5390..=5400).contains(&wait), "{wait}");
    let out = cli.stdout(&["refresh"]);
    assert!(out.contains("fresh for another 1 h 30 min"), "{out}");
    assert_eq!(server.requests().len(), 1);
}

mod forced_retries {
    use proptest::prelude::*;
    use tidings::feed::backoff::{self, Policy};
    use tidings::model::PollSchedule;

    const T0: i64 = 1_700_000_000;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any burst of manual retries that fail, from any schedule, ends where one step of
        /// the plain policy (or none, for a feed already waiting after failures) put it.
        #[test]
        fn a_burst_of_forced_failures_is_at_most_one_plain_step(
            failures in 0u32..12,
            wait in proptest::option::of(-100_000i64..100_000),
            refresh in 60u64..86_400,
            gaps in proptest::collection::vec(0i64..4000, 1..8),
            seeds in proptest::collection::vec(any::<u64>(), 8),
        ) {
            let p = Policy::default();
            let previous = PollSchedule { failures, not_before: wait.map(|w| T0 + w) };
            let waiting = failures > 0 && backoff::wait_left(&previous, T0).is_some();
            let plain = if waiting {
                previous.clone()
            } else {
                backoff::after_failure(&p, &previous, T0, refresh, None, seeds[0])
            };
            let mut s = backoff::after_forced_failure(&p, &previous, T0, refresh, None, seeds[0]);
            prop_assert_eq!(&s, &plain);
            let mut now = T0;
            for (gap, seed) in gaps.iter().zip(&seeds[1..]) {
                now += gap;
                if backoff::may_poll(&plain, now) {
                    break; // due again: the plain policy would poll too
                }
                s = backoff::after_forced_failure(&p, &s, now, refresh, None, *seed);
                prop_assert_eq!(&s, &plain);
            }
            prop_assert!(s.failures <= failures + 1);
        }
    }
}
