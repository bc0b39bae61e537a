//! What a sync server must answer, as a trait: the cycle (`cycle::run`), the command line
//! and the reader only speak to this. A third API (Miniflux's REST, Nextcloud News) is one
//! file with an `impl Backend` and a `SyncKind` value.
//!
//! The futures are boxed so the server can be chosen at run time (`Box<dyn Backend>`);
//! every caller drives them with `block_on`, so they need not be `Send`.

use super::remote::{RemoteArticle, RemoteFeed};
use super::{SyncError, View};
use crate::model::SyncMark;
use std::future::Future;
use std::pin::Pin;

/// A server's answer, later.
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, SyncError>> + 'a>>;

/// Per server feed id, its unread articles, and its starred ones where the API counts
/// them. A feed left out has none.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub unread: std::collections::HashMap<String, u64>,
    pub starred: Option<std::collections::HashMap<String, u64>>,
}

pub trait Backend {
    /// Logs in with `password`; the server's API level where it has one.
    fn log_in<'a>(&'a mut self, password: &'a str) -> Answer<'a, Option<i64>>;
    /// The session token to keep (never the password).
    fn session(&self) -> Option<&str>;
    /// Uses a kept session instead of logging in.
    fn resume(&mut self, session: String);
    /// Whether the session still works: `Ok(false)` when the server forgot it.
    fn check_session(&self) -> Answer<'_, bool>;
    /// The subscriptions, with their categories.
    fn feeds(&self) -> Answer<'_, Vec<RemoteFeed>>;
    /// The key the resume point of [`Backend::pull`] is kept under (`sync_state`).
    fn resume_key(&self) -> &'static str;
    /// Articles new since the resume point `since` (None: all), handed to `page` a page at
    /// a time so a large account is never all in memory, with how many the whole pull
    /// brings where the server said so first (for the progress bar); the next resume
    /// point.
    fn pull<'a>(
        &'a self,
        since: Option<i64>,
        now: i64,
        page: &'a mut dyn FnMut(Vec<RemoteArticle>, Option<usize>),
    ) -> Answer<'a, i64>;
    /// Every id in `view`.
    fn ids(&self, view: View) -> Answer<'_, Vec<i64>>;
    /// Per server feed id, how many of its articles are unread (and starred, where the
    /// API tells), where one cheap call tells. A sync then reads only the lists of the
    /// feeds whose counts moved: at 20,000 unread, TT-RSS's whole unread list is 100 calls
    /// of whole headlines, Google Reader's 20 of ids.
    fn counts(&self) -> Option<Answer<'_, Counts>>;
    /// The ids in `view` of the server's feed `feed`; other feeds' ids may come along
    /// (they are written only to that feed's articles).
    fn feed_ids<'a>(&'a self, feed: &'a str, view: View) -> Answer<'a, Vec<i64>>;
    /// Sets or clears `mark` on many articles, in as few calls as the API allows.
    fn set<'a>(&'a self, ids: &'a [i64], mark: SyncMark, on: bool) -> Answer<'a, ()>;
    /// Marks every article of the server's feed `feed` read up to `until` (the server's
    /// own time stamp of the newest article the user saw, microseconds) in one call. None
    /// when the API has no call that spares what arrived after `until`: the cycle then
    /// sends the ids the user saw, which is exact.
    fn catch_up<'a>(&'a self, feed: &'a str, until: i64) -> Option<Answer<'a, ()>>;
    fn subscribe<'a>(&'a self, url: &'a str) -> Answer<'a, ()>;
    /// Unsubscribes from the server's feed `feed` (its id as `RemoteFeed::id` gives it).
    fn unsubscribe<'a>(&'a self, feed: &'a str) -> Answer<'a, ()>;
}
