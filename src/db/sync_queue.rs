//! The sync action queue (schema 14): local marks on articles tied to a sync server wait
//! here until the server took them, and the server's state is written around them.
//!
//! The cycle a sync runs: [`Db::sync_checkpoint`] (the queue's position before the server's
//! lists are read), [`Db::pending_marks`] → send → [`Db::marks_sent`], read the server's
//! unread and starred lists, then [`Db::apply_server_state`] with the checkpoint: an article
//! with a mark made after the checkpoint, or one not sent yet, keeps the local mark (the
//! lists may predate it); every other tied article takes the server's state.

use super::{Db, Result};
use crate::model::{ArticleId, FeedId};
use rusqlite::{Connection, params};
use std::collections::HashSet;

pub use crate::model::SyncMark;

/// The latest unsent mark of one article: what to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMark {
    pub remote_id: String,
    pub mark: SyncMark,
    pub value: bool,
    /// When the user made it (unix seconds): the later change wins on a conflict.
    pub made_at: i64,
}

/// A feed marked read as a whole, waiting to go to the server as one catch-up call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatchUp {
    pub seq: i64,
    /// The server's id of the feed.
    pub remote_feed: String,
    /// The newest server time stamp among the feed's articles when the user marked it.
    pub until: i64,
}

/// Queues a catch-up of `feed` when it is the server's and its articles carry the server's
/// time stamps (Google Reader); after the marks of the same transaction.
pub(super) fn queue_catch_up(conn: &Connection, feed: FeedId) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO sync_catchups(feed_id, remote_feed, until, up_to_action)
             SELECT f.id, s.remote_id, u.until,
                    (SELECT coalesce(max(seq), 0) FROM sync_actions)
             FROM feeds f JOIN sync_feeds s ON s.url = f.url,
                  (SELECT max(t.stamp) AS until FROM sync_articles t
                       JOIN articles a ON a.id = t.article_id WHERE a.feed_id = ?1) u
             WHERE f.id = ?1 AND u.until IS NOT NULL",
        )?
        .execute([feed])?)
}

impl Db {
    /// Per server feed id, how many of its articles stored here are unread and bookmarked:
    /// what the server's counts are compared with.
    pub fn synced_counts(&self) -> Result<std::collections::HashMap<String, (u64, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.remote_id, sum(a.read = 0), sum(a.bookmarked)
             FROM sync_articles t JOIN articles a ON a.id = t.article_id
                 JOIN feeds f ON f.id = a.feed_id JOIN sync_feeds s ON s.url = f.url
             GROUP BY s.remote_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?),
            ))
        })?;
        let mut counts = std::collections::HashMap::new();
        for row in rows {
            let (feed, (unread, starred)) = row?;
            counts.insert(feed, (unread.max(0) as u64, starred.max(0) as u64));
        }
        Ok(counts)
    }

    /// Catch-ups not sent yet, oldest first.
    pub fn pending_catch_ups(&self) -> Result<Vec<CatchUp>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, remote_feed, until FROM sync_catchups ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(CatchUp {
                seq: r.get(0)?,
                remote_feed: r.get(1)?,
                until: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Catch-ups up to `seq` are done with: sent, or (a server without the call) stood in
    /// for by the marks they cover.
    pub fn catch_ups_sent(&self, seq: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM sync_catchups WHERE seq <= ?1")?
            .execute([seq])?;
        Ok(())
    }

    /// Ties articles to their ids on the sync server (a new tie replaces an old one).
    pub fn tie_remote(&self, ties: &[(ArticleId, String)]) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut tie = tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_articles(article_id, remote_id) VALUES (?1, ?2)",
            )?;
            for (id, remote) in ties {
                tie.execute(params![id, remote])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The queue's position now: actions after it were made after this moment.
    pub fn sync_checkpoint(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM sync_actions", [], |r| {
                r.get(0)
            })?)
    }

    /// What to send: per article and mark, the latest unsent value; and the queue position
    /// they cover (for [`Db::marks_sent`]). With `caught_up` (the seq of the last catch-up
    /// the cycle sends first), a read mark such a catch-up stands for is left out: the
    /// article's latest mark, made before the catch-up, the article of its feed and no newer
    /// than its time stamp.
    pub fn pending_marks(&self, caught_up: Option<i64>) -> Result<(Vec<PendingMark>, i64)> {
        // Fixed first, so a mark made while this reads is left whole for the next sync.
        let up_to: i64 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM sync_actions WHERE sent = 0",
            [],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.remote_id, a.mark, a.value, a.made_at FROM sync_actions a
             WHERE a.sent = 0 AND a.seq = (SELECT max(seq) FROM sync_actions b
                 WHERE b.remote_id = a.remote_id AND b.mark = a.mark AND b.sent = 0
                   AND b.seq <= ?2)
             AND NOT (?1 IS NOT NULL AND a.mark = 'read' AND a.value = 1 AND EXISTS (
                 SELECT 1 FROM sync_catchups c, sync_articles t
                     JOIN articles r ON r.id = t.article_id
                 WHERE c.seq <= ?1 AND t.remote_id = a.remote_id AND r.feed_id = c.feed_id
                   AND t.stamp <= c.until AND a.seq <= c.up_to_action))
             ORDER BY a.seq",
        )?;
        let rows = stmt.query_map(params![caught_up, up_to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut marks = Vec::new();
        for row in rows {
            let (remote_id, mark, value, made_at) = row?;
            if let Some(mark) = SyncMark::parse(&mark) {
                marks.push(PendingMark {
                    remote_id,
                    mark,
                    value,
                    made_at,
                });
            }
        }
        Ok((marks, up_to))
    }

    /// The server took every pending mark up to `up_to` (a later one waits for the next
    /// sync). Kept, marked sent, until the next [`Db::apply_server_state`] that no longer
    /// needs them.
    pub fn marks_sent(&self, up_to: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE sync_actions SET sent = 1 WHERE sent = 0 AND seq <= ?1")?
            .execute([up_to])?;
        Ok(())
    }

    /// Writes the server's state (`unread` and `starred` remote ids, read after
    /// `checkpoint`) to every tied article, except where a local mark may be newer than
    /// the lists: one made after `checkpoint`, or one not sent yet. Queues nothing. How
    /// many flags changed.
    pub fn apply_server_state(
        &self,
        checkpoint: i64,
        unread: &HashSet<String>,
        starred: &HashSet<String>,
    ) -> Result<usize> {
        self.apply_server_state_in(checkpoint, unread, starred, None, None)
    }

    /// [`Db::apply_server_state`] with the read state written to the articles of the feeds
    /// in `read_scope` alone and the starred state to those in `star_scope` (None: all),
    /// when the lists are those feeds' only.
    pub fn apply_server_state_in(
        &self,
        checkpoint: i64,
        unread: &HashSet<String>,
        starred: &HashSet<String>,
        read_scope: Option<&HashSet<FeedId>>,
        star_scope: Option<&HashSet<FeedId>>,
    ) -> Result<usize> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("INSERT INTO sync_quiet(x) VALUES (1)", [])?;
        let mut changed = 0;
        {
            let mut tied = tx.prepare_cached(
                "SELECT t.article_id, t.remote_id, a.read, a.bookmarked, a.feed_id
                 FROM sync_articles t JOIN articles a ON a.id = t.article_id",
            )?;
            let mut keeps_local = tx.prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM sync_actions
                     WHERE remote_id = ?1 AND mark = ?2 AND (seq > ?3 OR sent = 0))",
            )?;
            let mut set_read = tx.prepare_cached("UPDATE articles SET read = ?2 WHERE id = ?1")?;
            let mut set_starred =
                tx.prepare_cached("UPDATE articles SET bookmarked = ?2 WHERE id = ?1")?;
            let rows = tied
                .query_map([], |r| {
                    Ok((
                        r.get::<_, ArticleId>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, bool>(3)?,
                        r.get::<_, FeedId>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, remote, read, bookmarked, feed) in rows {
                let server_read = !unread.contains(&remote);
                if read != server_read
                    && read_scope.is_none_or(|s| s.contains(&feed))
                    && !keeps_local
                        .query_row(params![remote, SyncMark::Read.as_str(), checkpoint], |r| {
                            r.get::<_, bool>(0)
                        })?
                {
                    set_read.execute(params![id, server_read])?;
                    changed += 1;
                }
                let server_starred = starred.contains(&remote);
                if bookmarked != server_starred
                    && star_scope.is_none_or(|s| s.contains(&feed))
                    && !keeps_local.query_row(
                        params![remote, SyncMark::Starred.as_str(), checkpoint],
                        |r| r.get::<_, bool>(0),
                    )?
                {
                    set_starred.execute(params![id, server_starred])?;
                    changed += 1;
                }
            }
        }
        tx.execute(
            "DELETE FROM sync_actions WHERE sent = 1 AND seq <= ?1",
            [checkpoint],
        )?;
        tx.execute("DELETE FROM sync_quiet", [])?;
        tx.commit()?;
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Change;
    use crate::model::{FeedConfig, ParsedFeed, ParsedItem, Validators};
    use proptest::prelude::*;
    use std::collections::{BTreeMap, HashMap};

    const ARTICLES: usize = 4;

    /// A file with `ARTICLES` articles tied to remote ids `r0`…; their ids.
    fn tied_db(dir: &std::path::Path) -> (Db, Vec<ArticleId>) {
        let mut db = Db::open(&dir.join("tidings.db")).unwrap();
        let feed = db
            .sync_feeds(
                &[FeedConfig {
                    url: "https://a.test/feed.xml".into(),
                    ..Default::default()
                }],
                1800,
            )
            .unwrap()[0]
            .id;
        let items = (0..ARTICLES)
            .map(|i| ParsedItem {
                guid: Some(format!("ttrss:{i}")),
                title: format!("Item {i}"),
                ..Default::default()
            })
            .collect();
        let parsed = ParsedFeed {
            items,
            ..Default::default()
        };
        let limits = crate::db::Limits {
            max_articles: 100,
            max_age_days: 0,
        };
        let report = db
            .ingest(feed, &parsed, &Validators::default(), None, limits, 0)
            .unwrap();
        let mut ids: Vec<(String, ArticleId)> = report
            .upserted
            .iter()
            .map(|h| (h.title.clone(), h.id))
            .collect();
        ids.sort();
        let ids: Vec<ArticleId> = ids.into_iter().map(|(_, id)| id).collect();
        let ties: Vec<(ArticleId, String)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, format!("r{i}")))
            .collect();
        db.tie_remote(&ties).unwrap();
        (db, ids)
    }

    fn flags(db: &Db, id: ArticleId) -> (bool, bool) {
        db.conn
            .query_row(
                "SELECT read, bookmarked FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    /// Something that happens: a mark here, a mark on another device, or a sync with
    /// local marks made at each of its steps.
    #[derive(Clone, Debug)]
    enum Event {
        Local(usize, SyncMark, bool),
        Remote(usize, SyncMark, bool),
        Sync {
            before_send: Vec<(usize, SyncMark, bool)>,
            before_lists: Vec<(usize, SyncMark, bool)>,
            before_apply: Vec<(usize, SyncMark, bool)>,
            send_fails: bool,
        },
    }

    fn mark() -> impl Strategy<Value = (usize, SyncMark, bool)> {
        (
            0..ARTICLES,
            prop_oneof![Just(SyncMark::Read), Just(SyncMark::Starred)],
            any::<bool>(),
        )
    }

    fn event() -> impl Strategy<Value = Event> {
        let marks = || prop::collection::vec(mark(), 0..3);
        prop_oneof![
            mark().prop_map(|(a, m, v)| Event::Local(a, m, v)),
            mark().prop_map(|(a, m, v)| Event::Remote(a, m, v)),
            (marks(), marks(), marks(), prop::bool::weighted(0.2)).prop_map(
                |(before_send, before_lists, before_apply, send_fails)| Event::Sync {
                    before_send,
                    before_lists,
                    before_apply,
                    send_fails,
                }
            ),
        ]
    }

    type Server = HashMap<(usize, SyncMark), bool>;

    fn local(db: &mut Db, ids: &[ArticleId], (a, m, v): (usize, SyncMark, bool)) {
        let change = match m {
            SyncMark::Read => Change::Read(ids[a], v),
            SyncMark::Starred => Change::Bookmark(ids[a], v),
        };
        db.apply(&[change]).unwrap();
    }

    fn lists(server: &Server) -> (HashSet<String>, HashSet<String>) {
        let set = |m: SyncMark, want: bool| -> HashSet<String> {
            (0..ARTICLES)
                .filter(|a| server.get(&(*a, m)).copied().unwrap_or(false) == want)
                .map(|a| format!("r{a}"))
                .collect()
        };
        // Unread: read is false.
        (set(SyncMark::Read, false), set(SyncMark::Starred, true))
    }

    proptest! {
        /// Against a plain model of who wrote each mark last: a mark made here is never
        /// undone by a sync that read the server's lists before it was sent, a mark made on
        /// another device arrives unless a local one is waiting, and after quiet syncs
        /// both sides agree on each mark's last change.
        #[test]
        fn local_marks_are_never_lost(events in prop::collection::vec(event(), 1..12)) {
            check_marks(&events)?;
        }
    }

    /// The body of `local_marks_are_never_lost`, outside the macro so rustfmt formats it.
    fn check_marks(events: &[Event]) -> std::result::Result<(), TestCaseError> {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, ids) = tied_db(dir.path());
        let mut server: Server = HashMap::new();
        // The value each mark must end with: the latest change by the time it reached
        // the server, where a local change reaches it when sent.
        let mut expected: HashMap<(usize, SyncMark), bool> = HashMap::new();
        let mut waiting: HashMap<(usize, SyncMark), bool> = HashMap::new();
        let run = |db: &mut Db,
                   server: &mut Server,
                   ev: &Event,
                   expected: &mut HashMap<(usize, SyncMark), bool>,
                   waiting: &mut HashMap<(usize, SyncMark), bool>| {
            match ev {
                Event::Local(a, m, v) => {
                    let before = flags(db, ids[*a]);
                    local(db, &ids, (*a, *m, *v));
                    let now = flags(db, ids[*a]);
                    if before != now {
                        waiting.insert((*a, *m), *v);
                    }
                }
                Event::Remote(a, m, v) => {
                    server.insert((*a, *m), *v);
                    expected.insert((*a, *m), *v);
                }
                Event::Sync {
                    before_send,
                    before_lists,
                    before_apply,
                    send_fails,
                } => {
                    let checkpoint = db.sync_checkpoint().unwrap();
                    let mut made_after: Vec<(usize, SyncMark, bool)> = Vec::new();
                    let do_local =
                        |db: &mut Db,
                         waiting: &mut HashMap<(usize, SyncMark), bool>,
                         list: &[(usize, SyncMark, bool)],
                         made_after: &mut Vec<(usize, SyncMark, bool)>| {
                            for &(a, m, v) in list {
                                let before = flags(db, ids[a]);
                                local(db, &ids, (a, m, v));
                                if before != flags(db, ids[a]) {
                                    waiting.insert((a, m), v);
                                    made_after.push((a, m, v));
                                }
                            }
                        };
                    do_local(db, waiting, before_send, &mut made_after);
                    let (pending, up_to) = db.pending_marks(None).unwrap();
                    if !*send_fails {
                        for p in &pending {
                            let a: usize = p.remote_id[1..].parse().unwrap();
                            server.insert((a, p.mark), p.value);
                            expected.insert((a, p.mark), p.value);
                            // Sent: no longer waiting, unless changed again since.
                            if waiting.get(&(a, p.mark)) == Some(&p.value) {
                                waiting.remove(&(a, p.mark));
                            }
                        }
                        db.marks_sent(up_to).unwrap();
                    }
                    do_local(db, waiting, before_lists, &mut made_after);
                    let (unread, starred) = lists(server);
                    do_local(db, waiting, before_apply, &mut made_after);
                    let kept: Vec<((usize, SyncMark), bool)> = made_after
                        .iter()
                        .map(|&(a, m, _)| {
                            ((a, m), {
                                let (read, star) = flags(db, ids[a]);
                                if m == SyncMark::Read { read } else { star }
                            })
                        })
                        .collect();
                    db.apply_server_state(checkpoint, &unread, &starred)
                        .unwrap();
                    // Nothing made during this sync was undone by it.
                    for ((a, m), value) in kept {
                        let (read, star) = flags(db, ids[a]);
                        let now = if m == SyncMark::Read { read } else { star };
                        assert_eq!(now, value, "article {a} {m:?} undone by the sync");
                    }
                }
            }
        };
        for ev in events {
            run(&mut db, &mut server, ev, &mut expected, &mut waiting);
        }
        // Quiet syncs until nothing waits: everything local reaches the server.
        let quiet = Event::Sync {
            before_send: Vec::new(),
            before_lists: Vec::new(),
            before_apply: Vec::new(),
            send_fails: false,
        };
        run(&mut db, &mut server, &quiet, &mut expected, &mut waiting);
        run(&mut db, &mut server, &quiet, &mut expected, &mut waiting);
        prop_assert!(waiting.is_empty(), "still waiting: {:?}", waiting);
        for (a, id) in ids.iter().enumerate() {
            let (read, star) = flags(&db, *id);
            for (m, local_value) in [(SyncMark::Read, read), (SyncMark::Starred, star)] {
                let server_value = server.get(&(a, m)).copied().unwrap_or(false);
                prop_assert_eq!(local_value, server_value, "article {} {:?} differs", a, m);
                let want = expected.get(&(a, m)).copied().unwrap_or(false);
                prop_assert_eq!(
                    local_value,
                    want,
                    "article {} {:?}: not the last change",
                    a,
                    m
                );
            }
        }
        // Nothing sent is kept once a sync no longer needs it.
        let left: i64 = db
            .conn
            .query_row("SELECT count(*) FROM sync_actions", [], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(left, 0);
        Ok(())
    }

    #[test]
    fn marks_of_untied_articles_and_the_servers_own_writes_queue_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, ids) = tied_db(dir.path());
        db.conn
            .execute("DELETE FROM sync_articles WHERE article_id = ?1", [ids[0]])
            .unwrap();
        db.apply(&[Change::Read(ids[0], true)]).unwrap();
        assert_eq!(db.pending_marks(None).unwrap().0, Vec::new());
        let unread: HashSet<String> = HashSet::new();
        let starred: HashSet<String> = ["r1".to_string()].into();
        assert_eq!(
            db.apply_server_state(0, &unread, &starred).unwrap(),
            ARTICLES
        );
        assert_eq!(db.pending_marks(None).unwrap().0, Vec::new());
        assert_eq!(flags(&db, ids[1]), (true, true));
        // A later local mark queues one action, the latest value per mark.
        db.apply(&[Change::Read(ids[1], false)]).unwrap();
        db.apply(&[Change::Read(ids[1], true)]).unwrap();
        db.apply(&[Change::Read(ids[1], false)]).unwrap();
        let (pending, _) = db.pending_marks(None).unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            (pending[0].remote_id.as_str(), pending[0].value),
            ("r1", false)
        );
    }

    /// Two feeds of the server, `PER_FEED` articles each stored with their server time
    /// stamps (article i of feed f: remote id `f*100+i`, stamp `1000+i`).
    const PER_FEED: usize = 5;

    fn stamped_db(dir: &std::path::Path, unread: &[bool]) -> (Db, Vec<(FeedId, ArticleId)>) {
        let mut db = Db::open(&dir.join("tidings.db")).unwrap();
        let remote: Vec<crate::model::RemoteFeed> = (0..2)
            .map(|f| crate::model::RemoteFeed {
                id: format!("feed/{f}"),
                url: format!("https://{f}.test/feed.xml"),
                title: format!("F{f}"),
                category: None,
            })
            .collect();
        db.set_synced_feeds(&remote).unwrap();
        let configs: Vec<FeedConfig> = db
            .synced_feeds()
            .unwrap()
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        let rows = db.sync_feeds(&configs, 1800).unwrap();
        let feeds: HashMap<String, FeedId> = remote
            .iter()
            .map(|r| {
                let row = rows.iter().find(|f| f.url == r.url).unwrap();
                (r.id.clone(), row.id)
            })
            .collect();
        let page = (0..2 * PER_FEED)
            .map(|n| {
                let (f, i) = (n / PER_FEED, n % PER_FEED);
                let id = (f * 100 + i) as i64;
                crate::model::RemoteArticle {
                    id,
                    feed_id: format!("feed/{f}"),
                    unread: unread[n],
                    starred: false,
                    stamp: Some(1000 + i as i64),
                    item: ParsedItem {
                        guid: Some(format!("greader:{id}")),
                        title: format!("Item {id}"),
                        ..Default::default()
                    },
                }
            })
            .collect();
        let limits = crate::db::Limits {
            max_articles: 100,
            max_age_days: 0,
        };
        db.store_remote(&feeds, page, limits, 0).unwrap();
        let articles = (0..2 * PER_FEED)
            .map(|n| {
                let (f, i) = (n / PER_FEED, n % PER_FEED);
                let remote = (f * 100 + i).to_string();
                db.conn
                    .query_row(
                        "SELECT a.feed_id, a.id FROM sync_articles t
                         JOIN articles a ON a.id = t.article_id WHERE t.remote_id = ?1",
                        [remote],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap()
            })
            .collect();
        (db, articles)
    }

    #[derive(Clone, Debug)]
    enum Step {
        /// Article n marked read or unread here.
        Mark(usize, bool),
        /// "Mark all read" on feed f, as the reader does it.
        MarkAll(usize),
        /// An article the server got after everything stored, in feed f (never pulled here).
        Arrive(usize),
        /// A sync: what was pending is sent and the queue moves on.
        Sync,
    }

    /// Server state: remote id → (feed, stamp, unread).
    type ServerModel = BTreeMap<String, (usize, i64, bool)>;

    fn send_marks(server: &mut ServerModel, marks: &[PendingMark]) {
        for m in marks.iter().filter(|m| m.mark == SyncMark::Read) {
            if let Some(a) = server.get_mut(&m.remote_id) {
                a.2 = !m.value;
            }
        }
    }

    /// Both ways of sending what is pending: the catch-ups then the marks they do not stand
    /// for, and every mark alone. The server after each, and whether both marked the same
    /// queue position sent.
    fn both_ways(db: &Db, server: &ServerModel) -> (ServerModel, ServerModel) {
        let catch_ups = db.pending_catch_ups().unwrap();
        let (marks, up_to) = db.pending_marks(catch_ups.last().map(|c| c.seq)).unwrap();
        let mut short = server.clone();
        for c in &catch_ups {
            let feed: usize = c.remote_feed.trim_start_matches("feed/").parse().unwrap();
            for a in short.values_mut() {
                if a.0 == feed && a.1 <= c.until + 1 {
                    a.2 = false;
                }
            }
        }
        send_marks(&mut short, &marks);
        let (all, plain_up_to) = db.pending_marks(None).unwrap();
        assert_eq!(up_to, plain_up_to);
        let mut plain = server.clone();
        send_marks(&mut plain, &all);
        (short, plain)
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..2 * PER_FEED, any::<bool>()).prop_map(|(n, v)| Step::Mark(n, v)),
            2 => (0..2usize).prop_map(Step::MarkAll),
            1 => (0..2usize).prop_map(Step::Arrive),
            1 => Just(Step::Sync),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The catch-up shortcut leaves the server as sending every mark would, articles
        /// that arrived after the user looked unread included. (With the server's state
        /// as of the last sync: an article read here but made unread on another device
        /// since is read by a catch-up, which is what marking the whole feed read means.)
        #[test]
        fn catch_ups_leave_the_server_as_the_marks_would(
            unread in prop::collection::vec(any::<bool>(), 2 * PER_FEED),
            steps in prop::collection::vec(step(), 1..24),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (mut db, articles) = stamped_db(dir.path(), &unread);
            let mut server: ServerModel = (0..2 * PER_FEED)
                .map(|n| {
                    let (f, i) = (n / PER_FEED, n % PER_FEED);
                    ((f * 100 + i).to_string(), (f, 1000 + i as i64, unread[n]))
                })
                .collect();
            let mut arrived = 0;
            for step in steps {
                match step {
                    Step::Mark(n, read) => db.apply(&[Change::Read(articles[n].1, read)]).unwrap(),
                    Step::MarkAll(f) => {
                        let feed = articles[f * PER_FEED].0;
                        let mut changes: Vec<Change> = articles
                            .iter()
                            .filter(|(fid, _)| *fid == feed)
                            .filter(|(_, id)| !flags(&db, *id).0)
                            .map(|(_, id)| Change::Read(*id, true))
                            .collect();
                        changes.push(Change::CaughtUp(feed));
                        db.apply(&changes).unwrap();
                    }
                    Step::Arrive(f) => {
                        arrived += 1;
                        server.insert(format!("new{arrived}"), (f, 5000 + arrived, true));
                    }
                    Step::Sync => {
                        let (short, plain) = both_ways(&db, &server);
                        prop_assert_eq!(&short, &plain);
                        server = plain;
                        let (_, up_to) = db.pending_marks(None).unwrap();
                        db.marks_sent(up_to).unwrap();
                        if let Some(c) = db.pending_catch_ups().unwrap().last() {
                            db.catch_ups_sent(c.seq).unwrap();
                        }
                        let unread_ids: HashSet<String> = server
                            .iter()
                            .filter(|(_, a)| a.2)
                            .map(|(id, _)| id.clone())
                            .collect();
                        let checkpoint = db.sync_checkpoint().unwrap();
                        db.apply_server_state(checkpoint, &unread_ids, &HashSet::new()).unwrap();
                    }
                }
            }
            let (short, plain) = both_ways(&db, &server);
            prop_assert_eq!(short, plain);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Reading the lists of the feeds whose counts moved writes what reading the whole
        /// lists would, except in a feed where changes cancelled out in both counts: that
        /// one keeps what it had until the next whole read (`cycle`'s full check).
        #[test]
        fn lists_of_the_feeds_whose_counts_moved_are_the_whole_lists_there(
            here in prop::collection::vec((any::<bool>(), any::<bool>()), 2 * PER_FEED),
            there in prop::collection::vec((any::<bool>(), any::<bool>()), 2 * PER_FEED),
        ) {
            let unread: Vec<bool> = here.iter().map(|h| h.0).collect();
            let (dirs, mut dbs) = (
                [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()],
                Vec::new(),
            );
            for dir in &dirs {
                let (db, articles) = stamped_db(dir.path(), &unread);
                // Stars here, as a sync left them.
                let marks: Vec<Change> = articles
                    .iter()
                    .zip(&here)
                    .map(|((_, id), h)| Change::Bookmark(*id, h.1))
                    .collect();
                let mut db = db;
                db.apply(&marks).unwrap();
                let (_, up_to) = db.pending_marks(None).unwrap();
                db.marks_sent(up_to).unwrap();
                dbs.push((db, articles));
            }
            let remote = |n: usize| ((n / PER_FEED) * 100 + n % PER_FEED).to_string();
            let lists = |n: &mut dyn Iterator<Item = usize>| {
                let (mut u, mut s) = (HashSet::new(), HashSet::new());
                for n in n {
                    if there[n].0 {
                        u.insert(remote(n));
                    }
                    if there[n].1 {
                        s.insert(remote(n));
                    }
                }
                (u, s)
            };
            let local = dbs[0].0.synced_counts().unwrap();
            let mut server_counts: HashMap<String, (u64, u64)> = HashMap::new();
            for (n, t) in there.iter().enumerate() {
                let c = server_counts.entry(format!("feed/{}", n / PER_FEED)).or_default();
                c.0 += u64::from(t.0);
                c.1 += u64::from(t.1);
            }
            let moved: Vec<usize> = (0..2)
                .filter(|f| {
                    let id = format!("feed/{f}");
                    server_counts.get(&id).copied().unwrap_or_default()
                        != local.get(&id).copied().unwrap_or_default()
                })
                .collect();
            let (db_full, articles) = &dbs[0];
            let (all_u, all_s) = lists(&mut (0..2 * PER_FEED));
            let checkpoint = db_full.sync_checkpoint().unwrap();
            db_full.apply_server_state(checkpoint, &all_u, &all_s).unwrap();
            // Each file numbers its rows in its own order.
            let (db_narrow, narrow_articles) = &dbs[1];
            let (u, s) = lists(&mut (0..2 * PER_FEED).filter(|n| moved.contains(&(n / PER_FEED))));
            let scope: HashSet<FeedId> =
                moved.iter().map(|f| narrow_articles[f * PER_FEED].0).collect();
            let checkpoint = db_narrow.sync_checkpoint().unwrap();
            db_narrow
                .apply_server_state_in(checkpoint, &u, &s, Some(&scope), Some(&scope))
                .unwrap();
            for (n, (_, id)) in articles.iter().enumerate() {
                let (full, narrow) = (flags(db_full, *id), flags(db_narrow, narrow_articles[n].1));
                if moved.contains(&(n / PER_FEED)) {
                    prop_assert_eq!(narrow, full);
                } else {
                    // Counts equal: unchanged here; the same as the whole lists unless the
                    // changes of the feed cancelled out.
                    prop_assert_eq!(narrow, (!here[n].0, here[n].1));
                    let feed: Vec<usize> = (0..2 * PER_FEED).filter(|m| m / PER_FEED == n / PER_FEED).collect();
                    if feed.iter().all(|&m| here[m] == there[m]) {
                        prop_assert_eq!(narrow, full);
                    }
                }
            }
        }
    }
}
