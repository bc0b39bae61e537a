//! Writes to the user's files (config.toml's tags and feeds, views.json, saved articles) on
//! a thread of their own, in the order they were asked for, so a slow disk never holds up a
//! keystroke and a later write never lands before an earlier one.

use crate::app::Msg;
use std::sync::mpsc;
use std::thread::JoinHandle;
use tokio::sync::mpsc::UnboundedSender;

type Job = Box<dyn FnOnce() -> Option<Msg> + Send>;

pub struct FileWriter {
    tx: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl FileWriter {
    /// Each job's answer (a status message, an error) is sent to `out`.
    pub fn spawn(out: UnboundedSender<Msg>) -> FileWriter {
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            for job in rx {
                if let Some(msg) = job() {
                    let _ = out.send(msg);
                }
            }
        });
        FileWriter {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn run(&self, job: impl FnOnce() -> Option<Msg> + Send + 'static) {
        let sent = self.tx.as_ref().map(|tx| tx.send(Box::new(job)));
        if !matches!(sent, Some(Ok(()))) {
            tracing::warn!("the file writer has stopped; a write was dropped");
        }
    }

    /// Waits for every write asked for so far: called on the way out, so a change made just
    /// before quitting is on disk.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
