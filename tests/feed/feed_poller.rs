//! The poller against a real loopback server: isolation of failures and the per-host limit.

use crate::support;

use std::collections::HashMap;
use std::time::{Duration, Instant};
use support::{Response, TestServer};
use tidings::feed::fetch::FetchLimits;
use tidings::feed::poller::{PollEvent, PollJob, PollOutcome, Poller, PollerConfig};
use tidings::model::Validators;
use tokio::sync::mpsc;

const RSS: &str = r#"<rss version="2.0"><channel><title>Good</title>
<item><title>One</title><guid>1</guid></item></channel></rss>"#;

fn config(per_host: usize, timeout: Duration) -> PollerConfig {
    PollerConfig {
        concurrency: 16,
        per_host,
        limits: FetchLimits {
            connect_timeout: Duration::from_secs(2),
            timeout,
            max_body: 1024 * 1024,
            max_redirects: 3,
        },
        user_agent: "tidings-test".into(),
        max_documents: 16,
    }
}

fn job(feed_id: i64, url: String) -> PollJob {
    PollJob {
        feed_id,
        url,
        validators: Validators::default(),
        pack_bodies: false,
    }
}

/// Starts the jobs and returns a receiver of their events with the time each arrived.
fn start(poller: &Poller, jobs: Vec<PollJob>) -> mpsc::UnboundedReceiver<(Instant, PollEvent)> {
    let (tx, rx) = mpsc::unbounded_channel();
    poller.poll(jobs, move |ev| {
        let _ = tx.send((Instant::now(), ev));
    });
    rx
}

/// Collects events until every job is Done; panics if that takes longer than `limit`.
async fn collect(
    rx: &mut mpsc::UnboundedReceiver<(Instant, PollEvent)>,
    jobs: usize,
    limit: Duration,
) -> Vec<(Instant, PollEvent)> {
    let mut events = Vec::new();
    let mut done = 0;
    while done < jobs {
        let next = tokio::time::timeout(limit, rx.recv()).await;
        let Ok(Some(ev)) = next else {
            panic!("only {done} of {jobs} jobs finished: {events:?}");
        };
        if matches!(ev.1, PollEvent::Done { .. }) {
            done += 1;
        }
        events.push(ev);
    }
    events
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_hanging_and_one_failing_feed_do_not_hold_up_the_rest() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/hang" => Response::ok(RSS).delay(Duration::from_secs(30)),
        "/fail" => Response::status(500),
        _ => Response::ok(RSS),
    });
    let poller = Poller::new(config(4, Duration::from_secs(2)));
    let jobs = vec![
        job(1, server.url("/hang")),
        job(2, server.url("/good-a")),
        job(3, server.url("/fail")),
        job(4, server.url("/good-b")),
        job(5, server.url("/good-c")),
    ];
    let t0 = Instant::now();
    let mut rx = start(&poller, jobs);
    let events = collect(&mut rx, 5, Duration::from_secs(10)).await;

    let mut done_at = HashMap::new();
    let mut outcomes = HashMap::new();
    let mut answered = Vec::new();
    for (at, ev) in events {
        let PollEvent::Done {
            feed_id, outcome, ..
        } = ev;
        answered.push(feed_id);
        assert!(
            done_at.insert(feed_id, at).is_none(),
            "two Done for {feed_id}"
        );
        outcomes.insert(feed_id, outcome);
    }
    answered.sort();
    assert_eq!(answered, [1, 2, 3, 4, 5]);

    for id in [2, 4, 5] {
        match &outcomes[&id] {
            PollOutcome::Updated { feed, moved_to, .. } => {
                assert_eq!(feed.title.as_deref(), Some("Good"));
                assert_eq!(feed.items.len(), 1);
                assert_eq!(*moved_to, None);
            }
            other => panic!("feed {id}: {other:?}"),
        }
        // Well before the hanging feed's 2 s timeout.
        let took = done_at[&id] - t0;
        assert!(took < Duration::from_secs(1), "feed {id} took {took:?}");
        assert!(done_at[&id] < done_at[&1]);
    }
    assert!(
        matches!(&outcomes[&3], PollOutcome::Failed(m) if m == "HTTP 500 Internal Server Error"),
        "{:?}",
        outcomes[&3]
    );
    assert!(
        matches!(&outcomes[&1], PollOutcome::Failed(m) if m == "timed out after 2 s"),
        "{:?}",
        outcomes[&1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_host_limit_is_respected() {
    let server = TestServer::start(|_| Response::ok(RSS).delay(Duration::from_millis(250)));
    let poller = Poller::new(config(2, Duration::from_secs(5)));
    let jobs = (1..=6)
        .map(|i| job(i, server.url(&format!("/f{i}"))))
        .collect();
    let mut rx = start(&poller, jobs);
    let events = collect(&mut rx, 6, Duration::from_secs(10)).await;

    assert_eq!(server.requests().len(), 6);
    // Never more than two at once, and the two slots were really used together.
    assert_eq!(server.max_concurrent(), 2);
    let updated = events
        .iter()
        .filter(|(_, e)| {
            matches!(
                e,
                PollEvent::Done {
                    outcome: PollOutcome::Updated { .. },
                    ..
                }
            )
        })
        .count();
    assert_eq!(updated, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_modified_and_not_a_feed() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/cached" if req.header("If-None-Match") == Some("\"e1\"") => Response::status(304),
        "/cached" => Response::ok(RSS).header("ETag", "\"e1\""),
        _ => Response::ok("<!DOCTYPE html><html><body>hi</body></html>")
            .header("Content-Type", "text/html"),
    });
    let poller = Poller::new(config(4, Duration::from_secs(5)));
    let cached = PollJob {
        feed_id: 1,
        url: server.url("/cached"),
        validators: Validators {
            etag: Some("\"e1\"".into()),
            last_modified: None,
        },
        pack_bodies: false,
    };
    let mut rx = start(&poller, vec![cached, job(2, server.url("/page"))]);
    let events = collect(&mut rx, 2, Duration::from_secs(10)).await;
    for (_, ev) in events {
        let PollEvent::Done {
            feed_id, outcome, ..
        } = ev;
        match (feed_id, outcome) {
            (1, PollOutcome::NotModified) => {}
            (2, PollOutcome::Failed(m)) => {
                assert_eq!(m, "not a feed: the address serves a web page (text/html)")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn poll_from_outside_the_runtime_uses_the_one_new_ran_on() {
    let server = TestServer::start(|_| Response::ok(RSS));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let poller = {
        let _guard = rt.enter();
        Poller::new(config(4, Duration::from_secs(5)))
    };
    let (tx, rx) = std::sync::mpsc::channel();
    poller.poll(vec![job(7, server.url("/f"))], move |ev| {
        let _ = tx.send(ev);
    });
    let done = match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(PollEvent::Done {
            feed_id, outcome, ..
        }) => (feed_id, outcome),
        Err(e) => panic!("no Done: {e}"),
    };
    assert!(matches!(done, (7, PollOutcome::Updated { .. })), "{done:?}");
}

/// A writer that is behind: documents it has not stored yet keep their places, so the
/// poller parses no further one and its fetches pause, however many feeds are queued.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_in_memory_are_bounded_while_the_writer_is_behind() {
    const BOUND: usize = 2;
    const CONCURRENCY: usize = 3;
    const FEEDS: i64 = 12;
    let server = TestServer::start(|_| Response::ok(RSS));
    let poller = Poller::new(PollerConfig {
        concurrency: CONCURRENCY,
        per_host: CONCURRENCY,
        max_documents: BOUND,
        ..config(CONCURRENCY, Duration::from_secs(5))
    });
    let jobs = (1..=FEEDS)
        .map(|i| job(i, server.url(&format!("/f{i}"))))
        .collect();
    let mut rx = start(&poller, jobs);
    // The stub writer: keeps what it received until it is full, then stores (drops) the
    // oldest. The wait only gives a poller that ignored the bound time to show it.
    let mut held = std::collections::VecDeque::new();
    let mut received = 0;
    while received < FEEDS {
        let Ok(Some((_, ev))) = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await
        else {
            panic!("only {received} of {FEEDS} feeds arrived");
        };
        let PollEvent::Done { outcome, .. } = ev;
        assert!(
            matches!(outcome, PollOutcome::Updated { .. }),
            "{outcome:?}"
        );
        received += 1;
        held.push_back(outcome);
        assert!(held.len() <= BOUND, "{} documents held", held.len());
        if held.len() == BOUND {
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert!(
                rx.try_recv().is_err(),
                "a document beyond the bound arrived"
            );
            // Fetched bodies wait with their global permits: nothing more was requested.
            let asked = server.requests().len();
            assert!(
                asked <= received as usize + CONCURRENCY,
                "{asked} feeds fetched, {received} received, {BOUND} waiting to be stored"
            );
            held.pop_front();
        }
    }
    assert_eq!(server.requests().len(), FEEDS as usize);
}

/// A feed with nothing stored gets its bodies compressed by the parse worker, frames that
/// unpack to its texts; any other feed's items go to the writer as parsed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_are_packed_only_for_a_feed_with_nothing_stored() {
    let body = "<p>The harbour board met on Tuesday to discuss the dredging plan.</p>".repeat(8);
    let rss = format!(
        r#"<rss version="2.0"><channel><title>Packed</title>
<item><title>Long</title><guid>1</guid><description><![CDATA[{body}]]></description></item>
<item><title>Short</title><guid>2</guid><description>Brief.</description></item>
</channel></rss>"#
    );
    let server = TestServer::start(move |_| Response::ok(rss.clone()));
    let poller = Poller::new(config(4, Duration::from_secs(5)));
    let mut fresh = job(1, server.url("/a"));
    fresh.pack_bodies = true;
    let mut rx = start(&poller, vec![fresh, job(2, server.url("/b"))]);
    let events = collect(&mut rx, 2, Duration::from_secs(10)).await;
    let mut seen = 0;
    for (_, ev) in events {
        let PollEvent::Done {
            feed_id,
            outcome: PollOutcome::Updated { feed, .. },
            ..
        } = ev
        else {
            panic!("not updated: {ev:?}");
        };
        let [long, short] = &feed.items[..] else {
            panic!("{:?}", feed.items);
        };
        if feed_id == 2 {
            assert!(long.packed.is_none() && short.packed.is_none());
        } else {
            let packed = long.packed.as_ref().expect("packed");
            let frame = packed
                .summary
                .as_deref()
                .expect("a frame for the long body");
            let text = zstd::bulk::decompress(frame, 1 << 20).expect("a zstd frame");
            assert_eq!(text, long.summary.as_deref().unwrap_or_default().as_bytes());
            // Too short to gain: stored as the text.
            assert_eq!(
                short.packed.as_ref().map(|p| p.summary.is_none()),
                Some(true)
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_waits_while_someone_else_holds_its_hosts_turns() {
    let server = TestServer::start(|_| Response::ok(RSS));
    let hosts = tidings::feed::hosts::HostLimits::new(1);
    // What an episode download from the same server holds while it runs.
    let download = hosts.try_acquire(&server.url("/ep.mp3")).unwrap();
    let poller = Poller::with_hosts(config(1, Duration::from_secs(5)), hosts.clone());
    let mut rx = start(&poller, vec![job(1, server.url("/feed"))]);
    let early = tokio::time::timeout(Duration::from_millis(600), rx.recv()).await;
    assert!(early.is_err(), "fetched while the host was busy: {early:?}");
    assert!(server.requests().is_empty());
    drop(download);
    let events = collect(&mut rx, 1, Duration::from_secs(10)).await;
    assert!(matches!(
        events[0].1,
        PollEvent::Done {
            outcome: PollOutcome::Updated { .. },
            ..
        }
    ));
    assert_eq!(server.requests().len(), 1);
    // The poller gave its turn back.
    assert!(hosts.try_acquire(&server.url("/")).is_some());
}
