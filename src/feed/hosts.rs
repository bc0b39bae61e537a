//! How many connections one server gets from this process at once: the poller's feed
//! fetches and the reader's episode downloads take their turns from the same table, so a
//! server hosting both a feed and its 300 MB episodes never sees more than `per_host`
//! connections from us.
//!
//! Semaphores are fair: a fetch waiting for a host is served before a later one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Host semaphores are dropped once unused and the table holds more than this many.
const TABLE_TRIM: usize = 256;

pub struct HostLimits {
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl std::fmt::Debug for HostLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostLimits")
            .field("per_host", &self.per_host)
            .finish_non_exhaustive()
    }
}

impl HostLimits {
    pub fn new(per_host: usize) -> Arc<HostLimits> {
        Arc::new(HostLimits {
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        })
    }

    /// The semaphore of `url`'s host (see [`host_key`]).
    pub fn semaphore(&self, url: &str) -> Arc<Semaphore> {
        let key = host_key(url);
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        if hosts.len() > TABLE_TRIM {
            // Only the table holds these: nobody is using them.
            hosts.retain(|_, s| Arc::strong_count(s) > 1);
        }
        Arc::clone(
            hosts
                .entry(key)
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host))),
        )
    }

    /// A turn with `url`'s host, waiting for it.
    pub async fn acquire(&self, url: &str) -> Option<OwnedSemaphorePermit> {
        self.semaphore(url).acquire_owned().await.ok()
    }

    /// A turn with `url`'s host if one is free now (and nobody waits before us).
    pub fn try_acquire(&self, url: &str) -> Option<OwnedSemaphorePermit> {
        self.semaphore(url).try_acquire_owned().ok()
    }
}

/// Host and port: what a server would see as one client hammering it. Local sources share
/// one key.
pub fn host_key(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) if u.has_host() => format!(
            "{}:{}",
            u.host_str().unwrap_or_default().to_ascii_lowercase(),
            u.port_or_known_default().unwrap_or(0)
        ),
        _ => String::from("(local)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keys() {
        assert_eq!(host_key("https://Example.org/feed"), "example.org:443");
        assert_eq!(host_key("http://example.org:8080/a"), "example.org:8080");
        assert_eq!(host_key("http://example.org/a"), "example.org:80");
        assert_eq!(host_key("file:///tmp/x.xml"), "(local)");
        assert_eq!(host_key("tidings:demo"), "(local)");
    }

    #[test]
    fn one_table_for_every_user_of_a_host() {
        let limits = HostLimits::new(2);
        let a = limits.try_acquire("http://h.example/feed.xml");
        let b = limits.try_acquire("http://H.example:80/ep.mp3");
        assert!(a.is_some() && b.is_some());
        assert!(limits.try_acquire("http://h.example/other").is_none());
        assert!(limits.try_acquire("http://h.example:8080/x").is_some());
        drop(a);
        assert!(limits.try_acquire("http://h.example/other").is_some());
    }
}
