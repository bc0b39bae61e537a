//! Drives the real binary in a private tmux server: keys in, screen out. Shared by the
//! end-to-end tests; CI installs tmux (.ci/run), and without it these tests fail rather
//! than pretend to pass.
#![allow(dead_code)] // each test file uses its own part

use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of its own (`-L`), named after the test and this process.
    pub fn new(name: &str) -> Tmux {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is needed for this test (.ci/run installs it)"
        );
        Tmux {
            socket: format!("tidings-{name}-{}", std::process::id()),
        }
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        // The server the first command starts passes its environment to the programs in it:
        // English screens whatever language the machine running the tests speaks.
        Command::new("tmux")
            .env("LC_ALL", "C.UTF-8")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Runs `cmdline` (a shell line) in a detached session `t` of `width`×`height`, in `dir`
    /// when given.
    pub fn start(&self, cmdline: &str, (width, height): (u16, u16), dir: Option<&str>) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", "t", "-x", &w, "-y", &h];
        if let Some(dir) = dir {
            args.extend(["-c", dir]);
        }
        args.push(cmdline);
        let out = self.cmd(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Sends each key (tmux key names) with a short pause, as a person types.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// The screen once it shows `text`; fails after 10 s.
    /// Types `text` literally (tmux's `-l`), as one paste of keys.
    pub fn type_text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "t", "-l", text]);
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Waits (10 s at most) until the screen satisfies `ok`, and returns it.
    pub fn wait_for_fn(&self, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the screen never became as expected:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{text}' never appeared:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pane_pid(&self) -> i32 {
        let out = self.cmd(&["list-panes", "-t", "t", "-F", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// The shell line that runs the reader on `config` and `data` (UTC), then says how it
/// exited and keeps the pane open for capture.
pub fn reader_line(config: &std::path::Path, data: &std::path::Path) -> String {
    format!(
        "TZ=UTC {} --config {} --data-dir {}; echo EXITED $?; sleep 30",
        env!("CARGO_BIN_EXE_tidings"),
        config.display(),
        data.display()
    )
}
