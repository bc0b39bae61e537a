//! `tidings play ID`: the built binary driving a real mpv (`--ao=null`, no config) on a
//! WAV served from loopback, or on the file `tidings download` saved.

use crate::cli_env::Env;
use crate::support::{Response, TestServer, ranged, wav};

fn served(seconds: u32) -> TestServer {
    let data = wav(seconds);
    TestServer::start(move |req| {
        if req.path == "/ep.wav" {
            ranged(req, &data, "\"e1\"")
        } else {
            Response::status(404)
        }
    })
}

/// A refreshed Env with one episode whose enclosure is `url`; its article id.
fn setup(url: &str, player: &str) -> (Env, i64) {
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cast</title>\
         <link>https://p.test/</link><description>x</description>\
         <item><title>Episode</title><guid>g1</guid>\
         <pubDate>Wed, 29 Jan 2025 01:00:00 +0000</pubDate>\
         <enclosure url=\"{url}\" length=\"1\" type=\"audio/wav\"/></item></channel></rss>"
    );
    let env = Env::new(&[("pod.xml", &xml)]);
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let config = config.replacen(
        "[general]\n",
        &format!(
            "[general]\ndownload_dir = \"{}\"\nplayer = {player}\n",
            env.path("pods").display()
        ),
        1,
    );
    std::fs::write(env.path("config.toml"), config).unwrap();
    env.stdout(&["refresh"]);
    let line = env.stdout(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    (env, v["id"].as_i64().unwrap())
}

const MPV: &str = r#"["mpv", "--no-config", "--ao=null"]"#;

fn read(env: &Env) -> bool {
    let line = env.stdout(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    v["read"].as_bool().unwrap()
}

#[test]
fn play_streams_to_the_end_and_marks_the_article_read() {
    let server = served(2);
    let (env, id) = setup(&server.url("/ep.wav"), MPV);
    assert!(!read(&env));
    let out = env.run(&["play", &id.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Playing Episode (stream)"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Played to the end: Episode"), "{stdout}");
    assert!(read(&env));
}

#[test]
fn play_uses_the_downloaded_file() {
    let server = served(1);
    let (env, id) = setup(&server.url("/ep.wav"), MPV);
    env.stdout(&["download", &id.to_string()]);
    let fetched = server.requests().len();
    let out = env.run(&["play", &id.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("(downloaded file)"), "{stderr}");
    assert_eq!(server.requests().len(), fetched, "nothing streamed");
}

#[test]
fn play_says_what_went_wrong() {
    let server = served(1);
    let (env, id) = setup(&server.url("/missing.wav"), MPV);
    let out = env.run(&["play", &id.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot play"), "{stderr}");

    let (env, id) = setup(&server.url("/ep.wav"), r#"["/nonexistent/mpv"]"#);
    let out = env.run(&["play", &id.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("install mpv"), "{stderr}");

    let out = env.run(&["play", "999999"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Ingest already drops such an enclosure; `Source::url` refuses one again (unit-tested).
#[test]
fn play_refuses_enclosures_that_are_not_http() {
    let (env, id) = setup("file:///etc/passwd", MPV);
    let out = env.run(&["play", &id.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("Playing"), "{stderr}");
}

/// The position mpv last reported for the episode, once `tidings play` saved one.
fn saved_position(env: &Env) -> Option<f64> {
    let conn = rusqlite::Connection::open(env.path("data").join("tidings.db")).ok()?;
    conn.query_row("SELECT position FROM playback", [], |r| r.get(0))
        .ok()
}

/// Closing the terminal (SIGHUP) or `kill` (SIGTERM) stops the player the way Ctrl-C does:
/// the position is saved and mpv, which runs in its own process group, does not play on.
/// Even SIGKILL, which tidings cannot catch, takes mpv with it (its IPC connection closes),
/// keeping the position of the last save.
#[test]
fn a_hang_up_or_kill_saves_the_position_and_stops_mpv() {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};
    for (signal, code) in [("-HUP", Some(129)), ("-TERM", Some(143)), ("-KILL", None)] {
        let server = served(60);
        let (env, id) = setup(&server.url("/ep.wav"), MPV);
        let runtime = env.path("run");
        std::fs::create_dir_all(&runtime).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(env.path("config.toml"))
            .arg("--data-dir")
            .arg(env.path("data"))
            .args(["play", &id.to_string()])
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The session saves every 5 s: wait for a saved position past the start.
        let started = Instant::now();
        let before = loop {
            if let Some(p) = saved_position(&env).filter(|&p| p > 0.0) {
                break p;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "never saved");
            std::thread::sleep(Duration::from_millis(100));
        };
        let players = mpv_children(child.id());
        assert_eq!(players.len(), 1, "{signal}: {players:?}");
        let killed = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), code, "{signal}");
        if code.is_none() {
            assert_eq!(status.signal(), Some(9));
        }
        let after = saved_position(&env).unwrap();
        assert!(after >= before, "{signal}: saved {after} after {before}");
        // No socket was left behind, and mpv is gone.
        let left: Vec<_> = std::fs::read_dir(&runtime).unwrap().collect();
        assert!(left.is_empty(), "{signal}: {left:?}");
        let waited = Instant::now();
        while players.iter().any(|&pid| alive(pid)) {
            assert!(
                waited.elapsed() < Duration::from_secs(10),
                "{signal}: mpv plays on"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The mpv processes whose parent is `parent`, from /proc.
fn mpv_children(parent: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
            let (head, rest) = stat.rsplit_once(')')?;
            let comm = head.split_once('(')?.1;
            let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
            (comm == "mpv" && ppid == parent).then_some(pid)
        })
        .collect()
}

/// Whether `pid` runs (a zombie is not running).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .is_some_and(|zombie| !zombie)
}
