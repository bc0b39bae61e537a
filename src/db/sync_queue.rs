//! The sync action queue (schema 14): local marks on articles tied to a sync server wait
//! here until the server took them, and the server's state is written around them.
//!
//! The cycle a sync runs: [`Db::sync_checkpoint`] (the queue's position before the server's
//! lists are read), [`Db::pending_marks`] → send → [`Db::marks_sent`], read the server's
//! unread and starred lists, then [`Db::apply_server_state`] with the checkpoint: an article
//! with a mark made after the checkpoint, or one not sent yet, keeps the local mark (the
//! lists may predate it); every other tied article takes the server's state.

use super::{Db, Result};
use crate::model::ArticleId;
use rusqlite::params;
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

impl Db {
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
    /// they cover (for [`Db::marks_sent`]).
    pub fn pending_marks(&self) -> Result<(Vec<PendingMark>, i64)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.remote_id, a.mark, a.value, a.made_at, a.seq FROM sync_actions a
             WHERE a.sent = 0 AND a.seq = (SELECT max(seq) FROM sync_actions b
                 WHERE b.remote_id = a.remote_id AND b.mark = a.mark AND b.sent = 0)
             ORDER BY a.seq",
        )?;
        let mut up_to = 0;
        let mut marks = Vec::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (remote_id, mark, value, made_at, seq) = row?;
            up_to = up_to.max(seq);
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
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("INSERT INTO sync_quiet(x) VALUES (1)", [])?;
        let mut changed = 0;
        {
            let mut tied = tx.prepare_cached(
                "SELECT t.article_id, t.remote_id, a.read, a.bookmarked
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
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, remote, read, bookmarked) in rows {
                let server_read = !unread.contains(&remote);
                if read != server_read
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
    use std::collections::HashMap;

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
                    let (pending, up_to) = db.pending_marks().unwrap();
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
        assert_eq!(db.pending_marks().unwrap().0, Vec::new());
        let unread: HashSet<String> = HashSet::new();
        let starred: HashSet<String> = ["r1".to_string()].into();
        assert_eq!(
            db.apply_server_state(0, &unread, &starred).unwrap(),
            ARTICLES
        );
        assert_eq!(db.pending_marks().unwrap().0, Vec::new());
        assert_eq!(flags(&db, ids[1]), (true, true));
        // A later local mark queues one action, the latest value per mark.
        db.apply(&[Change::Read(ids[1], false)]).unwrap();
        db.apply(&[Change::Read(ids[1], true)]).unwrap();
        db.apply(&[Change::Read(ids[1], false)]).unwrap();
        let (pending, _) = db.pending_marks().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            (pending[0].remote_id.as_str(), pending[0].value),
            ("r1", false)
        );
    }
}
