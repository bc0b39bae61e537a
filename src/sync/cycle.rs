//! One sync with the server, headless (`tidings sync`, and `tidings refresh` with `[sync]`):
//! the session, the subscriptions, local marks out, new articles in, the server's read and
//! starred state in. The order keeps every local mark: the queue's checkpoint is taken
//! first, marks are sent before the server's lists are read, and the lists are written
//! around any mark made since (`db::sync_queue`).

use super::backend::Backend;
use super::remote::RemoteArticle;
use super::session::{self, Session};
use super::{SyncConfig, SyncError, SyncKind, View, greader, secret, ttrss};
use crate::db::{Db, Limits};
use crate::model::FeedId;
use crate::model::SyncMark;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The configured server's client behind the [`Backend`] trait.
pub struct Server(Box<dyn Backend>);

impl std::ops::Deref for Server {
    type Target = dyn Backend;
    fn deref(&self) -> &Self::Target {
        self.0.as_ref()
    }
}

/// How far a running sync is, for the status line and the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Articles of this pull stored so far (new or not).
    pub articles: usize,
    /// How many the pull brings, where the server said.
    pub total: Option<usize>,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self.total {
            Some(total) => crate::t!("sync-progress-of", done = self.articles, total = total),
            None => crate::t!("sync-progress", count = self.articles),
        };
        f.write_str(&text)
    }
}

/// `done` of `total` as a bar `width` cells wide, in eighths of a cell.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = if total == 0 {
        width * 8
    } else {
        (done.min(total) as u128 * width as u128 * 8 / total as u128) as usize
    };
    let mut out = String::with_capacity(width * 3 + 2);
    out.push('▕');
    for cell in 0..width {
        let filled = eighths.saturating_sub(cell * 8).min(8);
        out.push(if filled == 8 { '█' } else { PARTS[filled] });
    }
    out.push('▏');
    out
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
        f.write_str(&crate::t!(
            "sync-summary",
            feeds = self.feeds,
            new = self.new,
            sent = self.marks_sent,
            taken = self.marks_taken
        ))
    }
}

impl Server {
    /// A client for the account in `config`, not logged in.
    pub fn new(config: &SyncConfig, http: reqwest::Client) -> Server {
        Server(match config.kind {
            SyncKind::Ttrss => Box::new(ttrss::Client::new(http, &config.url, &config.user)),
            SyncKind::Greader => Box::new(greader::Client::new(http, &config.url, &config.user)),
        })
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
            server.0.resume(kept.token);
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
    /// server's API level where it has one.
    pub async fn log_in(
        &mut self,
        config: &SyncConfig,
        password: &str,
        user_agent: &str,
        data_dir: &Path,
    ) -> Result<Option<i64>, SyncError> {
        let level = self.0.log_in(password).await?;
        let token = self.session().unwrap_or_default().to_string();
        session::save(
            &session::path_in(data_dir),
            &Session::new(config.kind, &config.url, &config.user, token, user_agent),
        )?;
        Ok(level)
    }
}

/// When the server's whole read and starred lists were last read.
const FULL_CHECK: &str = "full_check";
/// How often they are read whole even where counts say nothing moved.
const FULL_CHECK_EVERY: i64 = 6 * 3600;

fn full_check_due(db: &Db, now: i64) -> bool {
    db.sync_value(FULL_CHECK)
        .ok()
        .flatten()
        .and_then(|v| v.parse::<i64>().ok())
        .is_none_or(|t| now.saturating_sub(t) >= FULL_CHECK_EVERY || t > now)
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
    progress: &mut dyn FnMut(Progress),
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

    // Local marks out, before the server's lists are read: catch-ups first, then the
    // marks they do not stand for (a mark made after a catch-up goes after it).
    let checkpoint = db.sync_checkpoint().map_err(store_err)?;
    let catch_ups = db.pending_catch_ups().map_err(store_err)?;
    let last_catch_up = catch_ups.last().map(|c| c.seq);
    let mut sent_catch_ups = false;
    for c in &catch_ups {
        match server.catch_up(&c.remote_feed, c.until.saturating_add(1)) {
            Some(call) => {
                call.await?;
                sent_catch_ups = true;
            }
            // The marks go instead.
            None => break,
        }
    }
    let (pending, up_to) = db
        .pending_marks(last_catch_up.filter(|_| sent_catch_ups))
        .map_err(store_err)?;
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
    if let Some(seq) = last_catch_up {
        db.catch_ups_sent(seq).map_err(store_err)?;
    }
    done.marks_sent = pending.len() + catch_ups.len() * usize::from(sent_catch_ups);

    // New articles, a page at a time into the store.
    let key = server.resume_key();
    let since = db
        .sync_value(key)
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok());
    let first_pull = since.is_none();
    let mut stored_err = None;
    let mut new = 0;
    let mut so_far = Progress::default();
    let mut take = |page: Vec<RemoteArticle>, total: Option<usize>| {
        if stored_err.is_some() {
            return;
        }
        let n = page.len();
        match db.store_remote(&feed_ids, page, limits, now) {
            Ok(stored) => new += stored,
            Err(e) => stored_err = Some(e),
        }
        so_far.articles += n;
        so_far.total = total.or(so_far.total);
        progress(so_far);
    };
    let next = server.pull(since, now, &mut take).await?;
    done.new = new;
    if let Some(e) = stored_err {
        return Err(store_err(e));
    }
    db.set_sync_value(key, &next.to_string())
        .map_err(store_err)?;

    // The server's read and starred state, around marks made meanwhile.
    let state = server_state(server, db, &remote_feeds, &feed_ids, first_pull, now).await?;
    done.marks_taken = db
        .apply_server_state_in(
            checkpoint,
            &state.unread,
            &state.starred,
            state.read_scope.as_ref(),
            state.star_scope.as_ref(),
        )
        .map_err(store_err)?;
    if state.whole || first_pull {
        db.set_sync_value(FULL_CHECK, &now.to_string())
            .map_err(store_err)?;
    }
    Ok(done)
}

/// The server's unread and starred ids, and the feeds they are complete for (None: all).
struct ServerState {
    unread: HashSet<String>,
    starred: HashSet<String>,
    read_scope: Option<HashSet<FeedId>>,
    star_scope: Option<HashSet<FeedId>>,
    /// The whole lists were read.
    whole: bool,
}

/// Reads the server's state: the lists of the feeds whose counts moved where the server
/// counts cheaply, else (and every few hours, since a read and an unread in one feed leave
/// its counts as they were) the whole lists.
async fn server_state(
    server: &Server,
    db: &Db,
    remote_feeds: &[super::remote::RemoteFeed],
    feed_ids: &HashMap<String, FeedId>,
    first_pull: bool,
    now: i64,
) -> Result<ServerState, SyncError> {
    let counted = match server.counts() {
        // A first pull just stored every article with the server's state.
        Some(counts) if first_pull || !full_check_due(db, now) => match counts.await {
            Ok(counts) => Some(counts),
            // A server without the call (some Google Reader servers): the whole lists.
            Err(e) => {
                tracing::info!("sync: no counts from the server ({e}); reading whole lists");
                None
            }
        },
        _ => None,
    };
    let ids = |list: Vec<i64>| -> HashSet<String> { list.iter().map(i64::to_string).collect() };
    let Some(counts) = counted else {
        return Ok(ServerState {
            unread: ids(server.ids(View::Unread).await?),
            starred: ids(server.ids(View::Starred).await?),
            read_scope: None,
            star_scope: None,
            whole: true,
        });
    };
    let here = db.synced_counts().map_err(store_err)?;
    let (mut unread, mut starred) = (HashSet::new(), HashSet::new());
    let (mut read_feeds, mut star_feeds) = (HashSet::new(), HashSet::new());
    for feed in remote_feeds {
        let Some(&local) = feed_ids.get(&feed.id) else {
            continue;
        };
        let (here_unread, here_starred) = here.get(&feed.id).copied().unwrap_or_default();
        let there = |of: &HashMap<String, u64>| of.get(&feed.id).copied().unwrap_or(0);
        if there(&counts.unread) != here_unread {
            unread.extend(ids(server.feed_ids(&feed.id, View::Unread).await?));
            read_feeds.insert(local);
        }
        if counts
            .starred
            .as_ref()
            .is_some_and(|s| there(s) != here_starred)
        {
            starred.extend(ids(server.feed_ids(&feed.id, View::Starred).await?));
            star_feeds.insert(local);
        }
    }
    // Without star counts the starred list (ids alone, and few) is read whole.
    let star_scope = match counts.starred {
        Some(_) => Some(star_feeds),
        None => {
            starred = ids(server.ids(View::Starred).await?);
            None
        }
    };
    Ok(ServerState {
        unread,
        starred,
        read_scope: Some(read_feeds),
        star_scope,
        whole: false,
    })
}

#[cfg(test)]
mod tests {
    use super::{Progress, bar};

    #[test]
    fn the_bar_fills_in_eighths_and_never_overflows() {
        assert_eq!(bar(0, 100, 4), "▕    ▏");
        assert_eq!(bar(50, 100, 4), "▕██  ▏");
        assert_eq!(bar(1, 32, 4), "▕▏   ▏");
        assert_eq!(bar(100, 100, 4), "▕████▏");
        assert_eq!(bar(300, 100, 4), "▕████▏");
        assert_eq!(bar(0, 0, 2), "▕██▏");
        let p = Progress {
            articles: 3400,
            total: Some(20000),
        };
        assert_eq!(p.to_string(), "3,400 of 20,000 articles");
    }

    #[test]
    fn the_summary_and_progress_count_in_russian() {
        use crate::i18n::{Lang, with};
        let synced = |feeds, new, marks_sent| super::Synced {
            feeds,
            new,
            marks_sent,
            marks_taken: 2,
        };
        assert_eq!(
            synced(1, 1, 1).to_string(),
            "1 feed, 1 new article, 1 mark sent, 2 taken from the server"
        );
        with(Lang::Ru, || {
            let tail = "отправлено отметок: 0, получено с сервера: 2";
            assert_eq!(
                synced(1, 21, 0).to_string(),
                format!("1 лента, 21 новая статья, {tail}")
            );
            assert_eq!(
                synced(3, 2, 0).to_string(),
                format!("3 ленты, 2 новые статьи, {tail}")
            );
            assert_eq!(
                synced(5, 11, 0).to_string(),
                format!("5 лент, 11 новых статей, {tail}")
            );
            let p = Progress {
                articles: 3400,
                total: Some(20000),
            };
            assert_eq!(p.to_string(), "3\u{a0}400 из 20\u{a0}000 статей");
            let p = Progress {
                articles: 22,
                total: None,
            };
            assert_eq!(p.to_string(), "22 статьи");
        });
    }
}
