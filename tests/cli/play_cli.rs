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
