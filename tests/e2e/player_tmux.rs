//! The reader's player as a user meets it: the real binary in tmux with a real mpv
//! (`--ao=null`), a podcast feed whose episode is a WAV served from loopback. `p` plays and
//! the bar counts, `l` steps, closing the terminal (a hang-up) saves the position and ends
//! mpv, and `p` in a new reader resumes there. Waits are for what the screen shows.

use crate::support::{Response, TestServer, ranged, wav};
use crate::tmux::Tmux;
use std::path::Path;
use std::time::{Duration, Instant};

/// The bar's position, in seconds, from `▶ 0:36 / 1:00`.
fn bar_secs(screen: &str) -> Option<u64> {
    let line = screen.lines().find(|l| l.contains(" / 1:00"))?;
    let after = line.split(['▶', '⏸']).nth(1)?.trim_start();
    let (m, s) = after.split(' ').next()?.split_once(':')?;
    Some(m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?)
}

fn mpv_running(marker: &str) -> bool {
    std::process::Command::new("pgrep")
        .args(["-f", marker])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn position(db: &Path) -> Option<f64> {
    rusqlite::Connection::open(db)
        .ok()?
        .query_row("SELECT position FROM playback", [], |r| r.get(0))
        .ok()
}

/// A loopback server with the episode, a feed naming it, and a config for the reader.
struct Setup {
    server: TestServer,
    dir: tempfile::TempDir,
    config: std::path::PathBuf,
    data_dir: std::path::PathBuf,
    run: std::path::PathBuf,
}

impl Setup {
    fn new(extra: &str) -> Setup {
        Setup::with(extra, "/ep.wav", "audio/wav")
    }

    fn with(extra: &str, path: &str, mime: &str) -> Setup {
        let data = wav(60);
        let server = TestServer::start(move |req| {
            if req.path == "/ep.wav" {
                ranged(req, &data, "\"e\"")
            } else {
                Response::status(404)
            }
        });
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed.xml");
        std::fs::write(
            &feed,
            format!(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Radio</title>
<link>http://127.0.0.1/</link><description>x</description>
<item><title>Episode one</title><guid>e1</guid><pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate>
<enclosure url="{}" type="{mime}" length="960044"/></item></channel></rss>"#,
                server.url(path)
            ),
        )
        .expect("feed");
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "[general]\nplayer = [\"mpv\", \"--no-config\", \"--ao=null\", \"--title={}\"]\ndownload_dir = \"{}\"\n{extra}\n[[feed]]\nurl = \"file://{}\"\n",
                dir.path().join("run").join("tidings-mpv").display(),
                dir.path().join("podcasts").display(),
                feed.display()
            ),
        )
        .expect("config");
        // mpv's title names a path under this directory: it finds our mpv and no other.
        let run = dir.path().join("run");
        std::fs::create_dir(&run).expect("run dir");
        let data_dir = dir.path().join("data");
        Setup {
            server,
            config,
            data_dir,
            run,
            dir,
        }
    }

    fn cmdline(&self, env: &str) -> String {
        format!(
            "XDG_RUNTIME_DIR={} TZ=UTC {env} {} --config {} --data-dir {}",
            self.run.display(),
            env!("CARGO_BIN_EXE_tidings"),
            self.config.display(),
            self.data_dir.display()
        )
    }

    fn marker(&self) -> String {
        format!("{}/tidings-mpv", self.run.display())
    }
}

#[test]
fn p_plays_with_a_bar_and_a_hang_up_saves_the_place_p_resumes_from() {
    let setup = Setup::new("remote_player = \"play\"");
    let cmdline = setup.cmdline("");
    let marker = setup.marker();
    let data_dir = setup.data_dir.clone();
    let tmux = Tmux::new("player");
    tmux.start(&cmdline, (120, 35), None);
    tmux.wait_for("1/1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Episode one");
    tmux.keys(&["p"]);
    let s = tmux.wait_for_fn(|s| bar_secs(s).is_some_and(|t| t >= 1));
    assert!(s.contains("Loopback Radio — Episode one ▶"), "{s}");
    tmux.keys(&["l"]);
    let s = tmux.wait_for_fn(|s| bar_secs(s).is_some_and(|t| t >= 30));
    let at = bar_secs(&s).expect("a position");
    assert!(mpv_running(&marker));
    // Closing the terminal: the reader saves the position and mpv goes with it.
    tmux.cmd(&["kill-session", "-t", "t"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while mpv_running(&marker) {
        assert!(Instant::now() < deadline, "mpv outlived the reader");
        std::thread::sleep(Duration::from_millis(100));
    }
    let saved = position(&data_dir.join("tidings.db")).expect("a saved position");
    assert!(saved >= at as f64 - 1.0, "{saved} < {at}");

    // A new reader: the list shows it begun, p resumes there.
    tmux.start(&cmdline, (120, 35), None);
    tmux.wait_for("1/1");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("left");
    assert!(s.contains('◐'), "{s}");
    tmux.keys(&["p"]);
    tmux.wait_for_fn(|s| bar_secs(s).is_some_and(|t| t + 1 >= saved as u64));
    tmux.keys(&["P"]);
    tmux.wait_for_fn(|s| bar_secs(s).is_none());
    tmux.keys(&["q", "q"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while mpv_running(&marker) {
        assert!(Instant::now() < deadline, "mpv outlived q");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn over_ssh_p_asks_and_y_copies_the_url_a_downloaded_file_plays_without_the_server() {
    let setup = Setup::new("");
    let url = setup.server.url("/ep.wav");
    let tmux = Tmux::new("player-ssh");
    tmux.start(
        &setup.cmdline("SSH_CONNECTION='10.0.0.1 5 10.0.0.2 22'"),
        (120, 35),
        None,
    );
    tmux.wait_for("1/1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Episode one");
    tmux.keys(&["p"]);
    let s = tmux.wait_for("not here: p play anyway, y copy the URL");
    assert!(s.contains("Plays on "), "{s}");
    tmux.cmd(&["set", "-g", "set-clipboard", "on"]);
    tmux.keys(&["y"]);
    let s = tmux.wait_for("episode URL");
    // What reached the clipboard (tmux's buffer) is the enclosure's URL.
    let deadline = Instant::now() + Duration::from_secs(10);
    while String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout) != url {
        assert!(
            Instant::now() < deadline,
            "buffer: {:?}",
            tmux.cmd(&["show-buffer"])
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!mpv_running(&setup.marker()), "nothing played:\n{s}");
    tmux.keys(&["q", "q"]);
    tmux.cmd(&["kill-session", "-t", "t"]);

    // Downloaded, then the server gone: p plays the file.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .args(["--config", &setup.config.display().to_string()])
        .args(["--data-dir", &setup.data_dir.display().to_string()])
        .args(["download", "--new"])
        .output()
        .expect("tidings download");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cmdline = setup.cmdline("");
    let marker = setup.marker();
    drop(setup.server);
    assert!(setup.dir.path().join("podcasts").exists());
    tmux.start(&cmdline, (120, 35), None);
    tmux.wait_for("1/1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Episode one");
    tmux.keys(&["p"]);
    let s = tmux.wait_for_fn(|s| bar_secs(s).is_some_and(|t| t >= 1));
    assert!(!s.contains("✗"), "{s}");
    tmux.keys(&["q", "q"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while mpv_running(&marker) {
        assert!(Instant::now() < deadline, "mpv outlived q");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_video_enclosure_goes_to_video_player_with_its_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("video-args");
    // A stand-in for a video player: it writes down what it was given.
    let setup = Setup::with(
        &format!(
            "video_player = [\"sh\", \"-c\", \"printf %s \\\"$1\\\" > {}\", \"sh\", \"{{url}}\"]",
            out.display()
        ),
        "/clip.mp4",
        "video/mp4",
    );
    let tmux = Tmux::new("player-video");
    tmux.start(&setup.cmdline(""), (120, 35), None);
    tmux.wait_for("1/1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Episode one");
    tmux.keys(&["p"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(&out).unwrap_or_default() != setup.server.url("/clip.mp4") {
        assert!(Instant::now() < deadline, "{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    // The reader takes the terminal back, and no audio player started.
    tmux.wait_for("Episode one");
    assert!(!mpv_running(&setup.marker()));
    tmux.keys(&["q", "q"]);
}
