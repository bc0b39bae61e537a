//! `tidings download` and `tidings downloads`: the built binary on a temp dir, a file://
//! feed whose enclosures are on a loopback server.

use crate::cli_env::Env;
use crate::support::{Response, TestServer, random_bytes, ranged};
use crate::tmux;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn feed(title: &str, items: &[(&str, String)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://p.test/</link><description>x</description>"
    );
    for (i, (name, url)) in items.iter().enumerate() {
        xml.push_str(&format!(
            "<item><title>{name}</title><guid>g{i}</guid>\
             <pubDate>Wed, 29 Jan 2025 0{i}:00:00 +0000</pubDate>\
             <enclosure url=\"{url}\" length=\"1\" type=\"audio/mpeg\"/></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// An Env whose downloads go to `<dir>/pods`, refreshed, with the article ids by title.
pub(crate) fn setup(xml: &str) -> (Env, Vec<(String, i64)>) {
    let env = Env::new(&[("pod.xml", xml)]);
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let config = config.replacen(
        "[general]\n",
        &format!(
            "[general]\ndownload_dir = \"{}\"\n",
            env.path("pods").display()
        ),
        1,
    );
    std::fs::write(env.path("config.toml"), config).unwrap();
    env.stdout(&["refresh"]);
    let ids = env
        .stdout(&["list", "--json"])
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["title"].as_str().unwrap().to_string(),
                v["id"].as_i64().unwrap(),
            )
        })
        .collect();
    (env, ids)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn downloads_json(env: &Env) -> Vec<serde_json::Value> {
    env.stdout(&["downloads", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn download_saves_hostile_names_inside_the_folder_and_lists_them() {
    let one = random_bytes(50_000, 21);
    let two = random_bytes(70_000, 22);
    let (a, b) = (one.clone(), two.clone());
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/1.mp3" => ranged(r, &a, "\"a\""),
        "/x" => ranged(r, &b, "\"b\""),
        _ => Response::status(404),
    });
    let xml = feed(
        "../../etc",
        &[
            ("../../.bashrc", server.url("/1.mp3")),
            ("../../.bashrc", server.url("/x")),
            ("Gone", server.url("/missing.mp3")),
        ],
    );
    let (env, ids) = setup(&xml);
    let all: Vec<String> = ids.iter().map(|(_, id)| id.to_string()).collect();
    let mut args = vec!["download"];
    args.extend(all.iter().map(String::as_str));
    let out = env.run(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "one failed: {text}");
    assert!(text.contains("FAIL") && text.contains("404"), "{text}");
    assert!(text.contains("3 downloads: 2 done, 1 failed"), "{text}");
    let files = files_under(&env.path("pods"));
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        assert!(f.starts_with(env.path("pods")), "{f:?}");
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(!name.starts_with('.') && !name.ends_with(".part"), "{f:?}");
    }
    assert!(!env.path(".bashrc").exists());
    let bodies: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(bodies.contains(&one) && bodies.contains(&two));
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(env.path("pods"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        names.contains(&"_.._etc/2025-01-29 _.._.bashrc.mp3".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"_.._etc/2025-01-29 _.._.bashrc (2).mp3".to_string()),
        "{names:?}"
    );

    let rows = downloads_json(&env);
    assert_eq!(rows.len(), 3);
    let states: Vec<&str> = rows.iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(
        states.iter().filter(|s| **s == "done").count(),
        2,
        "{rows:?}"
    );
    let failed = rows.iter().find(|r| r["state"] == "failed").unwrap();
    assert!(
        failed["reason"].as_str().unwrap().contains("404"),
        "{failed}"
    );
    let done = rows.iter().find(|r| r["state"] == "done").unwrap();
    assert_eq!(done["bytes_done"], done["bytes_total"]);

    // Again: the done ones stay done, the failed one is tried again and fails again.
    let out = env.run(&["download"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.path != "/missing.mp3")
            .count(),
        2
    );
    let plain = env.stdout(&["downloads"]);
    assert_eq!(plain.lines().count(), 3, "{plain}");
}

#[test]
fn download_feed_new_queues_only_unread_episodes_of_matching_feeds() {
    let data = random_bytes(1000, 23);
    let served = data.clone();
    let server = TestServer::start(move |r| ranged(r, &served, "\"a\""));
    let xml = feed(
        "Harbour Cast",
        &[("One", server.url("/1.mp3")), ("Two", server.url("/2.mp3"))],
    );
    let (env, ids) = setup(&xml);
    assert_eq!(ids.len(), 2);
    let out = env.run(&["mark-read", "--filter", "title:Two"]);
    assert!(out.status.success(), "{out:?}");
    let out = env.run(&["download", "--feed", "nomatch", "--new"]);
    assert!(out.status.success());
    assert!(downloads_json(&env).is_empty());
    let text = env.stdout(&["download", "--feed", "harbour", "--new"]);
    assert!(text.contains("1 download: 1 done, 0 failed"), "{text}");
    let rows = downloads_json(&env);
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("Harbour Cast/2025-01-29 One.mp3")
    );
}

/// kill -9 of `tidings download` in the middle of a file, then a second run: the file is
/// the source byte for byte, and the second run asked only for the rest.
#[test]
fn a_download_killed_mid_file_resumes_to_an_identical_file() {
    const SIZE: usize = 4 << 20;
    let data = random_bytes(SIZE, 24);
    let served = data.clone();
    // Slow enough to be killed part-way: 64 KB every 25 ms is about 1.6 s for the file.
    let server = TestServer::start(move |r| {
        ranged(r, &served, "\"k1\"").chunked(64 * 1024, Duration::from_millis(25))
    });
    let xml = feed("Slow Cast", &[("Long episode", server.url("/long.mp3"))]);
    let (env, ids) = setup(&xml);
    let id = ids[0].1.to_string();
    let dest = env
        .path("pods")
        .join("Slow Cast")
        .join("2025-01-29 Long episode.mp3");
    let part = dest.with_file_name("2025-01-29 Long episode.mp3.part");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(env.path("config.toml"))
        .arg("--data-dir")
        .arg(env.path("data"))
        .args(["download", &id])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Not a timed assertion: a generous bound on a wait for the .part to grow.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let len = std::fs::metadata(&part).map_or(0, |m| m.len());
        if len >= 1 << 20 {
            break;
        }
        assert!(Instant::now() < deadline, "the .part never grew");
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let kept = std::fs::metadata(&part).unwrap().len();
    assert!(kept < SIZE as u64, "killed after the end");
    assert!(!dest.exists());
    let rows = downloads_json(&env);
    assert_eq!(rows[0]["state"], "downloading");
    let plain = env.stdout(&["downloads"]);
    assert!(plain.contains("interrupted"), "{plain}");

    let text = env.stdout(&["download"]);
    assert!(text.contains("1 download: 1 done, 0 failed"), "{text}");
    assert!(
        std::fs::read(&dest).unwrap() == data,
        "the resumed file differs"
    );
    assert!(!part.exists());
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    let from: u64 = reqs[1]
        .header("Range")
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|n| n.parse().ok())
        .expect("the second run asked for a range");
    assert!(from >= 1 << 20, "resumed from {from}");
    assert_eq!(reqs[1].header("If-Range"), Some("\"k1\""));
    let rows = downloads_json(&env);
    assert_eq!(rows[0]["state"], "done");
    assert_eq!(rows[0]["bytes_done"], SIZE as u64);
}

/// A second `tidings download` while one runs does not write the same files: it queues its
/// articles and leaves them to the running one, which fetches them before it ends.
#[test]
fn a_second_run_leaves_its_episodes_to_the_running_one() {
    let slow = random_bytes(1 << 20, 25);
    let fast = random_bytes(30_000, 26);
    let (s, f) = (slow.clone(), fast.clone());
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/slow.mp3" => ranged(r, &s, "\"s\"").chunked(32 * 1024, Duration::from_millis(20)),
        _ => ranged(r, &f, "\"f\""),
    });
    let xml = feed(
        "Two Casts",
        &[
            ("Slow", server.url("/slow.mp3")),
            ("Fast", server.url("/fast.mp3")),
        ],
    );
    let (env, ids) = setup(&xml);
    let id = |t: &str| ids.iter().find(|(n, _)| n == t).unwrap().1.to_string();
    let folder = env.path("pods").join("Two Casts");
    let mut first = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(env.path("config.toml"))
        .arg("--data-dir")
        .arg(env.path("data"))
        .args(["download", &id("Slow")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let part = folder.join("2025-01-29 Slow.mp3.part");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&part).map_or(0, |m| m.len()) == 0 {
        assert!(Instant::now() < deadline, "the first run never started");
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first run ended early"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let text = env.stdout(&["download", &id("Fast")]);
    assert!(
        text.contains("Another tidings is running the downloads"),
        "{text}"
    );
    let out = first.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("2 downloads: 2 done, 0 failed"), "{text}");
    assert!(std::fs::read(folder.join("2025-01-29 Slow.mp3")).unwrap() == slow);
    assert!(std::fs::read(folder.join("2025-01-29 Fast.mp3")).unwrap() == fast);
    assert_eq!(server.requests().len(), 2);
}

/// On a terminal: a bar per running file, which gives way to an `ok` line when it ends.
#[test]
fn on_a_terminal_download_draws_progress_bars_then_clears_them() {
    let data = random_bytes(1 << 20, 27);
    let served = data.clone();
    let server = TestServer::start(move |r| {
        ranged(r, &served, "\"t\"").chunked(32 * 1024, Duration::from_millis(40))
    });
    let xml = feed(
        "Tty Cast",
        &[("One", server.url("/1.mp3")), ("Two", server.url("/2.mp3"))],
    );
    let (env, _) = setup(&xml);
    let tmux = tmux::Tmux::new("download-bars");
    tmux.start(
        &format!(
            "{} --config {} --data-dir {} download --feed tty; echo DONE; sleep 30",
            env!("CARGO_BIN_EXE_tidings"),
            env.path("config.toml").display(),
            env.path("data").display()
        ),
        (80, 20),
        None,
    );
    let running = tmux.wait_for_fn(|s| s.contains("[#") || s.contains("DONE"));
    assert!(
        !running.contains("DONE"),
        "no bar was ever drawn:\n{running}"
    );
    let bars: Vec<&str> = running.lines().filter(|l| l.contains(" [")).collect();
    assert!(
        !bars.is_empty() && bars.iter().all(|l| l.contains("/1.0 MB")),
        "{running}"
    );
    let end = tmux.wait_for("DONE");
    assert!(end.contains("2 downloads: 2 done, 0 failed"), "{end}");
    assert_eq!(
        end.lines().filter(|l| l.starts_with("ok ")).count(),
        2,
        "{end}"
    );
    assert!(!end.contains(" [#"), "a bar was left on screen:\n{end}");
}

/// `download = "new"` and `keep = 1` through the binary: `tidings refresh` queues only the
/// episode that arrived after the setting was first seen, `tidings download` fetches it
/// and, once a newer one is downloaded, deletes the older file.
#[test]
fn refresh_queues_new_episodes_and_download_keeps_the_newest() {
    let one = random_bytes(20_000, 41);
    let two = random_bytes(30_000, 42);
    let three = random_bytes(40_000, 43);
    let (a, b, c) = (one.clone(), two.clone(), three.clone());
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/1.mp3" => ranged(r, &a, "\"1\""),
        "/2.mp3" => ranged(r, &b, "\"2\""),
        "/3.mp3" => ranged(r, &c, "\"3\""),
        _ => Response::status(404),
    });
    let first = feed("Auto Cast", &[("One", server.url("/1.mp3"))]);
    let (env, _) = setup(&first);
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let config = config.replacen(
        "pod.xml\"\n",
        "pod.xml\"\ndownload = \"new\"\nkeep = 1\n",
        1,
    );
    std::fs::write(env.path("config.toml"), config).unwrap();
    let text = env.stdout(&["refresh"]);
    assert!(!text.contains("Queued"), "no back catalogue: {text}");
    assert!(env.stdout(&["downloads"]).is_empty());

    let more = |items: &[(&str, String)]| {
        std::fs::write(env.path("pod.xml"), feed("Auto Cast", items)).unwrap();
        env.stdout(&["refresh"])
    };
    let text = more(&[("One", server.url("/1.mp3")), ("Two", server.url("/2.mp3"))]);
    assert!(text.contains("Queued 1 episode for download"), "{text}");
    let text = env.stdout(&["download"]);
    assert!(text.contains("1 download: 1 done"), "{text}");
    let text = more(&[
        ("One", server.url("/1.mp3")),
        ("Two", server.url("/2.mp3")),
        ("Three", server.url("/3.mp3")),
    ]);
    assert!(text.contains("Queued 1 episode for download"), "{text}");
    let text = env.stdout(&["download"]);
    assert!(
        text.contains("deleted Auto Cast/2025-01-29 Two.mp3 (keep)"),
        "{text}"
    );
    let files = files_under(&env.path("pods"));
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(std::fs::read(&files[0]).unwrap() == three);
}
