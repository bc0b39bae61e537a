//! One sync with the server, headless (`tidings sync`, and `tidings refresh` with `[sync]`):
//! the session, the subscriptions, local marks out, new articles in, the server's read and
//! starred state in. The order keeps every local mark: the queue's checkpoint is taken
//! first, marks are sent before the server's lists are read, and the lists are written
//! around any mark made since (`db::sync_queue`).

use super::remote::{READING_LIST, RemoteArticle, RemoteFeed};
use super::session::{self, Session};
use super::{SyncConfig, SyncError, SyncKind, View, greader, secret, ttrss};
use crate::db::{Db, Limits};
use crate::model::FeedId;
use crate::model::SyncMark;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Either server's client.
pub enum Server {
    Ttrss(ttrss::Client),
    Greader(greader::Client),
}

/// What one sync did, for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synced {
    pub feeds: usize,
    pub new: usize,
    pub marks_sent: usize,
    pub marks_taken: usize,
}

impl std::fmt::Display for Synced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} feed{}, {} new article{}, {} mark{} sent, {} taken from the server",
            self.feeds,
            plural(self.feeds),
            self.new,
            plural(self.new),
            self.marks_sent,
            plural(self.marks_sent),
            self.marks_taken
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

const SINCE_ID: &str = "ttrss.since_id";
const SINCE_TIME: &str = "greader.since";

impl Server {
    /// A client for the account in `config`, not logged in.
    pub fn new(config: &SyncConfig, http: reqwest::Client) -> Server {
        match config.kind {
            SyncKind::Ttrss => Server::Ttrss(ttrss::Client::new(http, &config.url, &config.user)),
            SyncKind::Greader => {
                Server::Greader(greader::Client::new(http, &config.url, &config.user))
            }
        }
    }

    /// A client with the kept session if it still works, else logged in again (asking
    /// for the password) and the new session kept.
    pub async fn connect(
        config: &SyncConfig,
        http: reqwest::Client,
        user_agent: &str,
        data_dir: &Path,
        prompt: impl FnOnce(&str) -> Option<String>,
    ) -> Result<Server, SyncError> {
        let kept = session::load(&session::path_in(data_dir)).filter(|s| {
            s.is_for(config.kind, &config.url, &config.user) && s.user_agent == user_agent
        });
        let mut server = Server::new(config, http);
        if let Some(kept) = kept {
            server = server.with_session(kept.token);
            if server.check_session().await? {
                return Ok(server);
            }
        }
        let password = secret::password(config, prompt)?;
        server
            .log_in(config, &password, user_agent, data_dir)
            .await?;
        Ok(server)
    }

    /// Logs in with `password` and keeps the new session (never the password); the
    /// TT-RSS API level.
    pub async fn log_in(
        &mut self,
        config: &SyncConfig,
        password: &str,
        user_agent: &str,
        data_dir: &Path,
    ) -> Result<Option<i64>, SyncError> {
        let (token, level) = match self {
            Server::Ttrss(c) => {
                let level = c.login(password).await?;
                (c.session().unwrap_or_default().to_string(), Some(level))
            }
            Server::Greader(c) => {
                c.login(password).await?;
                // The login alone does not show that the reading API answers.
                if !c.check_session().await? {
                    return Err(SyncError::SessionExpired);
                }
                (c.session().unwrap_or_default().to_string(), None)
            }
        };
        session::save(
            &session::path_in(data_dir),
            &Session::new(config.kind, &config.url, &config.user, token, user_agent),
        )?;
        Ok(level)
    }

    fn with_session(self, token: String) -> Server {
        match self {
            Server::Ttrss(c) => Server::Ttrss(c.with_session(token)),
            Server::Greader(c) => Server::Greader(c.with_session(token)),
        }
    }

    pub async fn subscribe(&self, url: &str) -> Result<(), SyncError> {
        match self {
            Server::Ttrss(c) => c.subscribe(url).await,
            Server::Greader(c) => c.subscribe(url).await,
        }
    }

    pub async fn unsubscribe(&self, feed_id: &str) -> Result<(), SyncError> {
        match self {
            Server::Ttrss(c) => c.unsubscribe(feed_id).await,
            Server::Greader(c) => c.unsubscribe(feed_id).await,
        }
    }

    async fn check_session(&self) -> Result<bool, SyncError> {
        match self {
            Server::Ttrss(c) => c.check_session().await,
            Server::Greader(c) => c.check_session().await,
        }
    }

    async fn feeds(&self) -> Result<Vec<RemoteFeed>, SyncError> {
        match self {
            Server::Ttrss(c) => c.feeds().await,
            Server::Greader(c) => c.feeds().await,
        }
    }

    async fn ids(&self, view: View) -> Result<Vec<i64>, SyncError> {
        match self {
            Server::Ttrss(c) => c.ids(view).await,
            Server::Greader(c) => c.state_ids(view).await,
        }
    }

    async fn set(&self, ids: &[i64], mark: SyncMark, on: bool) -> Result<(), SyncError> {
        match self {
            Server::Ttrss(c) => c.set(ids, mark, on).await.map(|_| ()),
            Server::Greader(c) => c.set(ids, mark, on).await,
        }
    }

    /// New articles since the last sync, a page at a time into `take`; the state to
    /// continue from next time.
    /// Where the last pull left off: the key it is kept under and its value.
    fn since(&self, db: &Db) -> (&'static str, Option<i64>) {
        let key = match self {
            Server::Ttrss(_) => SINCE_ID,
            Server::Greader(_) => SINCE_TIME,
        };
        (
            key,
            db.sync_value(key)
                .ok()
                .flatten()
                .and_then(|v| v.parse().ok()),
        )
    }

    async fn pull(
        &self,
        since: Option<i64>,
        mut take: impl FnMut(Vec<RemoteArticle>),
        now: i64,
    ) -> Result<String, SyncError> {
        match self {
            Server::Ttrss(c) => {
                let highest = c.articles_since(since.unwrap_or(0), &mut take).await?;
                Ok(highest.to_string())
            }
            Server::Greader(c) => {
                // A margin for clocks that disagree: what comes twice is stored once.
                let ids = c.ids(READING_LIST, since.map(|t| t - 3600), None).await?;
                c.contents(&ids, &mut take).await?;
                Ok(now.to_string())
            }
        }
    }
}

fn store_err(e: crate::db::DbError) -> SyncError {
    SyncError::Store(e.to_string())
}

/// One full sync into `db`.
pub async fn run(
    server: &Server,
    db: &mut Db,
    limits: Limits,
    default_refresh_secs: u64,
    now: i64,
) -> Result<Synced, SyncError> {
    let mut done = Synced::default();
    // Subscriptions: the server's list becomes the feed list.
    let remote_feeds = server.feeds().await?;
    db.set_synced_feeds(&remote_feeds).map_err(store_err)?;
    let configs: Vec<_> = db
        .synced_feeds()
        .map_err(store_err)?
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let rows = db
        .sync_feeds(&configs, default_refresh_secs)
        .map_err(store_err)?;
    let by_url: HashMap<&str, FeedId> = rows.iter().map(|f| (f.url.as_str(), f.id)).collect();
    let feed_ids: HashMap<String, FeedId> = remote_feeds
        .iter()
        .filter_map(|f| Some((f.id.clone(), *by_url.get(f.url.as_str())?)))
        .collect();
    done.feeds = feed_ids.len();

    // Local marks out, before the server's lists are read.
    let checkpoint = db.sync_checkpoint().map_err(store_err)?;
    let (pending, up_to) = db.pending_marks().map_err(store_err)?;
    let mut groups: HashMap<(SyncMark, bool), Vec<i64>> = HashMap::new();
    for p in &pending {
        if let Ok(id) = p.remote_id.parse::<i64>() {
            groups.entry((p.mark, p.value)).or_default().push(id);
        }
    }
    for ((mark, value), ids) in &groups {
        server.set(ids, *mark, *value).await?;
    }
    db.marks_sent(up_to).map_err(store_err)?;
    done.marks_sent = pending.len();

    // New articles, a page at a time into the store.
    let (key, since) = server.since(db);
    let mut stored_err = None;
    let mut new = 0;
    let next = server
        .pull(
            since,
            |page| {
                if stored_err.is_some() {
                    return;
                }
                match db.store_remote(&feed_ids, page, limits, now) {
                    Ok(n) => new += n,
                    Err(e) => stored_err = Some(e),
                }
            },
            now,
        )
        .await?;
    done.new = new;
    if let Some(e) = stored_err {
        return Err(store_err(e));
    }
    db.set_sync_value(key, &next).map_err(store_err)?;

    // The server's read and starred state, around marks made meanwhile.
    let unread: HashSet<String> = server
        .ids(View::Unread)
        .await?
        .iter()
        .map(i64::to_string)
        .collect();
    let starred: HashSet<String> = server
        .ids(View::Starred)
        .await?
        .iter()
        .map(i64::to_string)
        .collect();
    done.marks_taken = db
        .apply_server_state(checkpoint, &unread, &starred)
        .map_err(store_err)?;
    Ok(done)
}
