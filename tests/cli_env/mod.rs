//! The built binary on a temp dir: a config of file:// feeds, a data dir, TZ=UTC.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    /// Writes each (file name, document) and a config.toml (with a comment of the user's
    /// on top) subscribing to them.
    pub fn new(feeds: &[(&str, &str)]) -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config =
            String::from("# my own comment, keep me\n[general]\nrefresh_minutes = 60\n");
        for (name, xml) in feeds {
            let path = dir.path().join(name);
            std::fs::write(&path, xml).expect("write feed");
            config.push_str(&format!(
                "\n[[feed]]\nurl = \"file://{}\"\n",
                path.display()
            ));
        }
        std::fs::write(dir.path().join("config.toml"), config).expect("write config");
        Env { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(self.path("config.toml"))
            .arg("--data-dir")
            .arg(self.path("data"))
            .args(args)
            .env("TZ", "UTC")
            .output()
            .expect("run tidings")
    }

    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }
}
