//! The engine alone: `podcast::download::download` against loopback servers.

use crate::common::SmallDisk;
use crate::support::{Response, TestServer, random_bytes, ranged};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tidings::model::Validators;
use tidings::podcast::download::{self, DownloadError, Event, Finished, Job, Limits, part_path};

fn limits() -> Limits {
    Limits {
        attempts: 1,
        ..Limits::default()
    }
}

fn run(job: &Job, limits: &Limits) -> (Result<Finished, DownloadError>, Vec<Event>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = download::client(limits, "tidings-test").unwrap();
    let mut events = Vec::new();
    let mut on = |e: Event| events.push(e);
    let result = rt.block_on(download::download(&client, job, limits, &mut on));
    (result, events)
}

fn job(url: String, dest: &Path) -> Job {
    Job {
        url,
        dest: dest.to_path_buf(),
        validators: Validators::default(),
        total: None,
    }
}

fn etag(v: &str) -> Validators {
    Validators {
        etag: Some(v.to_string()),
        last_modified: None,
    }
}

fn dest(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("feed").join("episode.mp3")
}

#[test]
fn a_fresh_download_lands_whole_without_compression_asked_for() {
    let data = random_bytes(300_000, 1);
    let served = data.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"v1\""));
    let dir = tempfile::tempdir().unwrap();
    let (result, events) = run(&job(server.url("/ep.mp3"), &dest(&dir)), &limits());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 300_000,
            resumed: false
        }
    );
    assert_eq!(std::fs::read(dest(&dir)).unwrap(), data);
    assert!(!part_path(&dest(&dir)).exists());
    assert_eq!(
        events[0],
        Event::Started {
            from: 0,
            total: Some(300_000),
            validators: etag("\"v1\"")
        }
    );
    let req = &server.requests()[0];
    assert_eq!(req.header("Accept-Encoding"), Some("identity"));
    assert_eq!(req.header("Range"), None);
}

#[test]
fn a_part_file_is_resumed_with_range_and_if_range() {
    let data = random_bytes(200_000, 2);
    let served = data.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"v1\""));
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(part_path(&dest), &data[..70_000]).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    j.total = Some(200_000);
    let (result, _) = run(&j, &limits());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 200_000,
            resumed: true
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].header("Range"), Some("bytes=70000-"));
    assert_eq!(reqs[0].header("If-Range"), Some("\"v1\""));
}

#[test]
fn a_server_that_ignores_range_starts_the_file_over() {
    let data = random_bytes(100_000, 3);
    let served = data.clone();
    let server = TestServer::start(move |_| Response::ok(served.clone()).header("ETag", "\"v1\""));
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    // Bytes that are not the file's: a resume would keep them.
    std::fs::write(part_path(&dest), vec![0xAA; 40_000]).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    let (result, _) = run(&j, &limits());
    assert_eq!(result.unwrap().bytes, 100_000);
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert_eq!(server.requests()[0].header("Range"), Some("bytes=40000-"));
}

#[test]
fn a_file_changed_between_attempts_is_fetched_whole_again() {
    let old = random_bytes(100_000, 4);
    let new = random_bytes(120_000, 5);
    let served = new.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"v2\""));
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(part_path(&dest), &old[..50_000]).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    j.total = Some(100_000);
    let (result, events) = run(&j, &limits());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 120_000,
            resumed: false
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), new);
    assert_eq!(server.requests()[0].header("If-Range"), Some("\"v1\""));
    assert_eq!(
        events[0],
        Event::Started {
            from: 0,
            total: Some(120_000),
            validators: etag("\"v2\"")
        }
    );
}

/// A server that answers 206 for a range other than the one asked: the bytes kept
/// cannot be trusted, so the file starts over.
#[test]
fn a_206_for_the_wrong_range_starts_over() {
    let data = random_bytes(50_000, 6);
    let served = data.clone();
    let server = TestServer::start(move |r| {
        if r.header("Range").is_some() {
            Response::status(206)
                .header(
                    "Content-Range",
                    &format!("bytes 0-{}/{}", served.len() - 1, served.len()),
                )
                .body(served.clone())
        } else {
            Response::ok(served.clone())
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(part_path(&dest), &data[..10_000]).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    let (result, _) = run(&j, &limits());
    assert_eq!(result.unwrap().bytes, 50_000);
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].header("Range"), None);
}

#[test]
fn a_body_cut_mid_way_is_kept_and_the_next_attempt_completes_it() {
    let data = random_bytes(400_000, 7);
    let served = data.clone();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let server = TestServer::start(move |r| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            ranged(r, &served, "\"v1\"").reset_after(150_000)
        } else {
            ranged(r, &served, "\"v1\"")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let j = job(server.url("/ep.mp3"), &dest);
    // One try per call: the cut fails this call and keeps the bytes.
    let (result, _) = run(&j, &limits());
    let err = result.unwrap_err();
    assert!(
        matches!(err, DownloadError::Incomplete { total: 400_000, .. }),
        "{err}"
    );
    let kept = std::fs::read(part_path(&dest)).unwrap();
    assert!(!kept.is_empty() && kept.len() < 400_000, "{}", kept.len());
    assert_eq!(kept[..], data[..kept.len()]);
    assert!(!dest.exists());
    // The next call (a later run: what the queue stored) resumes.
    let mut j = j.clone();
    j.validators = etag("\"v1\"");
    j.total = Some(400_000);
    let (result, _) = run(&j, &limits());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 400_000,
            resumed: true
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    let reqs = server.requests();
    assert_eq!(
        reqs[1].header("Range"),
        Some(format!("bytes={}-", kept.len()).as_str())
    );
}

#[test]
fn a_cut_within_one_call_is_resumed_by_the_next_try() {
    let data = random_bytes(300_000, 8);
    let served = data.clone();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let server = TestServer::start(move |r| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            ranged(r, &served, "\"v1\"").reset_after(100_000)
        } else {
            ranged(r, &served, "\"v1\"")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let (result, _) = run(&job(server.url("/ep.mp3"), &dest), &Limits::default());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 300_000,
            resumed: true
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert!(reqs[1].header("Range").is_some_and(|r| r != "bytes=0-"));
    assert_eq!(reqs[1].header("If-Range"), Some("\"v1\""));
}

#[test]
fn a_416_on_a_complete_part_means_done() {
    let data = random_bytes(60_000, 9);
    let served = data.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"v1\""));
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(part_path(&dest), &data).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    let (result, _) = run(&j, &limits());
    assert_eq!(
        result.unwrap(),
        Finished {
            bytes: 60_000,
            resumed: true
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert!(!part_path(&dest).exists());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_terabyte_content_length_is_refused_before_anything_is_written() {
    let server = TestServer::start(|_| {
        Response::ok(vec![0u8; 1000])
            .without_content_length()
            .header("Content-Length", "1099511627776")
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let (result, events) = run(&job(server.url("/ep.mp3"), &dest), &limits());
    let err = result.unwrap_err();
    assert!(
        matches!(
            err,
            DownloadError::TooLarge {
                size: 1_099_511_627_776,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("max_download_mb"), "{err}");
    assert!(events.is_empty());
    assert!(!dest.exists() && !part_path(&dest).exists());
}

#[test]
fn a_body_without_length_past_the_cap_is_cut_and_dropped() {
    let server = TestServer::start(|_| Response::ok(vec![7u8; 50_000]).without_content_length());
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let small = Limits {
        max_bytes: 20_000,
        ..limits()
    };
    let (result, _) = run(&job(server.url("/ep.mp3"), &dest), &small);
    assert!(
        matches!(result, Err(DownloadError::TooLarge { .. })),
        "{result:?}"
    );
    assert!(!dest.exists() && !part_path(&dest).exists());
}

/// A 206 that announces the rest of the file and then sends more than that.
#[test]
fn a_body_longer_than_declared_is_cut_and_fails() {
    let data = random_bytes(30_000, 10);
    let served = data.clone();
    let server = TestServer::start(move |_| {
        let mut body = served[10_000..].to_vec();
        body.extend_from_slice(&[0u8; 5_000]);
        Response::status(206)
            .header("Content-Range", "bytes 10000-29999/30000")
            .header("ETag", "\"v1\"")
            .body(body)
            .without_content_length()
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(part_path(&dest), &data[..10_000]).unwrap();
    let mut j = job(server.url("/ep.mp3"), &dest);
    j.validators = etag("\"v1\"");
    let (result, _) = run(&j, &limits());
    assert!(
        matches!(
            result,
            Err(DownloadError::LongerThanDeclared { declared: 30_000 })
        ),
        "{result:?}"
    );
    assert!(!dest.exists());
    assert_eq!(std::fs::metadata(part_path(&dest)).unwrap().len(), 30_000);
}

#[test]
fn redirects_to_other_schemes_and_other_schemes_are_refused() {
    let server = TestServer::start(|_| Response::redirect(302, "file:///etc/passwd"));
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let (result, _) = run(&job(server.url("/ep.mp3"), &dest), &limits());
    assert!(
        matches!(result, Err(DownloadError::RedirectNotHttp)),
        "{result:?}"
    );
    let (result, _) = run(&job("file:///etc/passwd".into(), &dest), &limits());
    assert!(
        matches!(result, Err(DownloadError::UnsupportedScheme(_))),
        "{result:?}"
    );
    assert!(!dest.exists() && !part_path(&dest).exists());
}

#[test]
fn a_redirect_to_http_is_followed() {
    let data = random_bytes(10_000, 11);
    let served = data.clone();
    let server = TestServer::start(move |r| {
        if r.path == "/go" {
            Response::redirect(302, "/ep.mp3")
        } else {
            ranged(r, &served, "\"v1\"")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let dest = dest(&dir);
    let (result, _) = run(&job(server.url("/go"), &dest), &limits());
    assert_eq!(result.unwrap().bytes, 10_000);
    assert_eq!(std::fs::read(&dest).unwrap(), data);
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_part() {
    let Some(disk) = SmallDisk::mount(512) else {
        return;
    };
    let data = random_bytes(2_000_000, 12);
    let served = data.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"v1\""));
    let dest = disk.path().join("feed").join("big.mp3");
    let (result, _) = run(&job(server.url("/big.mp3"), &dest), &limits());
    let err = result.unwrap_err();
    assert!(matches!(err, DownloadError::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("disk is full"), "{err}");
    let kept = std::fs::read(part_path(&dest)).unwrap();
    assert!(!kept.is_empty());
    assert_eq!(kept[..], data[..kept.len()]);
    assert!(!dest.exists());
}

fn run_queue(jobs: Vec<Job>, max_downloads: usize, per_host: usize) -> Vec<(i64, bool)> {
    use tidings::podcast::{Queued, Report, run_queue};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let limits = limits();
    let client = download::client(&limits, "tidings-test").unwrap();
    let queued = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| Queued { id: i as i64, job })
        .collect();
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let queue = tokio::spawn(run_queue(
            client,
            queued,
            limits,
            max_downloads,
            per_host,
            tx,
        ));
        let mut done = Vec::new();
        while let Some(report) = rx.recv().await {
            if let Report::Done(id, result) = report {
                done.push((id, result.is_ok()));
            }
        }
        queue.await.unwrap();
        done.sort_unstable();
        done
    })
}

/// The queue never has more than `max_downloads` in flight, nor more than `per_host`
/// from one host; every job reports once.
#[test]
fn the_queue_keeps_to_max_downloads_and_per_host() {
    let data = random_bytes(20_000, 13);
    for (max, per_host, expect) in [(2, 4, 2), (3, 1, 1)] {
        let served = data.clone();
        let server = TestServer::start(move |r| {
            ranged(r, &served, "\"v1\"").delay(std::time::Duration::from_millis(60))
        });
        let dir = tempfile::tempdir().unwrap();
        let jobs: Vec<Job> = (0..6)
            .map(|i| {
                job(
                    server.url(&format!("/{i}.mp3")),
                    &dir.path().join(format!("{i}.mp3")),
                )
            })
            .collect();
        let done = run_queue(jobs, max, per_host);
        assert_eq!(done, (0..6).map(|i| (i, true)).collect::<Vec<_>>());
        assert!(
            server.max_concurrent() <= expect,
            "{max}/{per_host}: {}",
            server.max_concurrent()
        );
        assert_eq!(server.requests().len(), 6);
    }
}

/// The read timeout bounds a stall, not the whole download: a body that keeps coming for
/// several timeouts in all lands; one that stops for longer than the timeout fails, with
/// its bytes kept for a resume.
#[test]
fn a_stall_times_out_but_a_long_steady_body_does_not() {
    let data = random_bytes(40_000, 14);
    let short = Limits {
        read_timeout: std::time::Duration::from_millis(400),
        ..limits()
    };
    let served = data.clone();
    let steady = TestServer::start(move |r| {
        ranged(r, &served, "\"v1\"").chunked(4_000, std::time::Duration::from_millis(100))
    });
    let dir = tempfile::tempdir().unwrap();
    let (result, _) = run(&job(steady.url("/ep.mp3"), &dest(&dir)), &short);
    assert_eq!(result.unwrap().bytes, 40_000);
    assert_eq!(std::fs::read(dest(&dir)).unwrap(), data);

    let served = data.clone();
    let stalling = TestServer::start(move |r| {
        ranged(r, &served, "\"v1\"").chunked(20_000, std::time::Duration::from_secs(30))
    });
    let dir = tempfile::tempdir().unwrap();
    let (result, _) = run(&job(stalling.url("/ep.mp3"), &dest(&dir)), &short);
    let err = result.unwrap_err();
    assert!(err.to_string().contains("timed out"), "{err}");
    assert_eq!(
        std::fs::read(part_path(&dest(&dir))).unwrap(),
        data[..20_000]
    );
}
