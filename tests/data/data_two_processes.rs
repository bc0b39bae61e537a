//! Two tidings on one data dir: each App with its own writer on the same real SQLite file
//! (two connections, as two processes have), and the real binary's read commands while
//! another connection holds the write lock.

use crate::cli_env;
use crate::common;

use cli_env::Env;
use common::{NOW, press};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Msg};
use tidings::config::FeedConfig;
use tidings::db::writer::{DbCmd, DbEvent, DbWriter};
use tidings::db::{Change, Db, Limits};
use tidings::model::{ParsedFeed, ParsedItem, Validators};
use tidings::store::{Store, View};
use tidings::timefmt::Zone;

const LIMITS: Limits = Limits {
    max_articles: 1000,
    max_age_days: 0,
};

fn config() -> Vec<FeedConfig> {
    vec![FeedConfig {
        url: "https://shared.test/feed.xml".into(),
        title: Some("Shared".into()),
        tags: Vec::new(),
        refresh_minutes: Some(600),
        ..Default::default()
    }]
}

fn parsed(titles: &[&str]) -> ParsedFeed {
    ParsedFeed {
        title: Some("Shared".into()),
        site_link: None,
        items: titles
            .iter()
            .enumerate()
            .map(|(i, t)| ParsedItem {
                guid: Some(format!("g-{t}")),
                title: (*t).into(),
                published: Some(NOW - i as i64 * 60),
                summary: Some(format!("<p>{t} body</p>")),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// One reader: an App, its writer thread, and the writer's events.
struct Peer {
    app: App,
    writer: DbWriter,
    events: Receiver<DbEvent>,
}

impl Peer {
    fn open(path: &Path) -> Peer {
        let mut db = Db::open(path).unwrap();
        let feeds = db.sync_feeds(&config(), 36_000).unwrap();
        let ids: Vec<i64> = feeds.iter().map(|f| f.id).collect();
        let store = Store::new(feeds, db.load_headlines(&ids).unwrap());
        let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (100, 30));
        app.set_watch_others(true);
        let (tx, events) = mpsc::channel();
        let writer = DbWriter::spawn(db, move |e| {
            let _ = tx.send(e);
        });
        Peer {
            app,
            writer,
            events,
        }
    }

    fn feed_id(&self) -> i64 {
        self.app.store().feeds()[0].id
    }

    /// Carries out the database effects as the runner does, then hands the app the answers.
    fn carry_out(&mut self, fx: Vec<Effect>) {
        for e in fx {
            match e {
                Effect::Persist(changes) => self.writer.send(DbCmd::Changes(changes)),
                Effect::CheckExternal(seq) => self.writer.send(DbCmd::CheckExternal { seq }),
                _ => {}
            }
        }
        assert!(self.writer.flush());
        let events: Vec<DbEvent> = self.events.try_iter().collect();
        for ev in events {
            let more = self.app.update(Msg::Db(ev));
            self.carry_out(more);
        }
    }

    /// The clock ticks: the app asks whether another process wrote.
    fn tick(&mut self) {
        let fx = self.app.update(Msg::Tick(NOW));
        assert!(
            fx.iter().any(|e| matches!(e, Effect::CheckExternal(_))),
            "{fx:?}"
        );
        self.carry_out(fx);
    }

    fn keys(&mut self, keys: &str) {
        let fx = press(&mut self.app, keys);
        self.carry_out(fx);
    }

    /// A refresh of this reader stored `titles`.
    fn store_document(&mut self, titles: &[&str]) {
        self.writer.send(DbCmd::Ingest {
            feed_id: self.feed_id(),
            parsed: parsed(titles),
            validators: Validators::default(),
            moved_to: None,
            limits: LIMITS,
            now: NOW,
        });
        self.carry_out(Vec::new());
    }

    fn id_of(&self, title: &str) -> i64 {
        self.app
            .store()
            .headlines()
            .find(|h| h.title() == title)
            .unwrap_or_else(|| panic!("{title} is not in the store"))
            .id()
    }

    fn read(&self, title: &str) -> bool {
        self.app
            .store()
            .headline(self.id_of(title))
            .is_some_and(|h| h.flags().read())
    }
}

#[test]
fn each_reader_sees_the_others_articles_and_read_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut a = Peer::open(&path);
    let mut b = Peer::open(&path);

    // A cron refresh (here: reader B's writer) stores articles; A learns of them on a tick.
    b.store_document(&["Tide tables", "Ferry strike"]);
    assert_eq!(a.app.store().len(), 0);
    a.tick();
    assert_eq!(a.app.store().len(), 2, "A merged B's new articles");
    assert_eq!(a.app.store().counts(View::All).unread, 2);

    // A reads one; B sees the mark after its next tick, its selection kept.
    b.keys("\n"); // B: All articles
    b.keys("j"); // B selects the second row
    let selected = b.app.list()[b.app.list_cursor().sel];
    let id = a.id_of("Ferry strike");
    a.app.store_mut().set_read(id, true);
    a.carry_out(vec![Effect::Persist(vec![Change::Read(id, true)])]);
    assert!(!b.read("Ferry strike"));
    b.tick();
    assert!(b.read("Ferry strike"), "B shows A's read mark");
    assert_eq!(
        b.app.list()[b.app.list_cursor().sel],
        selected,
        "selection kept"
    );

    // A tick with nothing new from others changes nothing and sends nothing.
    let before = b.app.store().generation();
    b.tick();
    assert_eq!(b.app.store().generation(), before);

    // Own writes never come back as foreign: A's own mark does not trigger a merge.
    let before = a.app.store().generation();
    a.tick();
    assert_eq!(a.app.store().generation(), before);
}

#[test]
fn an_own_change_still_queued_keeps_its_flag_against_an_older_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut a = Peer::open(&path);
    let mut b = Peer::open(&path);
    b.store_document(&["One", "Two"]);
    a.tick();
    a.keys("\n"); // All articles, "One" selected (newest)
    let one = a.id_of("One");

    // The tick's question goes out first; then the user marks "One" read (a Persist
    // numbered after it). B's write makes the answer a real snapshot, taken before A's
    // mark reaches the database.
    b.app.store_mut().set_bookmarked(one, true);
    b.carry_out(vec![Effect::Persist(vec![Change::Bookmark(one, true)])]);
    let check = a.app.update(Msg::Tick(NOW));
    let mark = press(&mut a.app, "u");
    assert!(matches!(mark.as_slice(), [Effect::Persist(_)]), "{mark:?}");
    // Deliver the snapshot before A's own mark is written.
    a.carry_out(check);
    assert!(
        a.read("One"),
        "the older snapshot did not undo the newer read mark"
    );
    assert!(
        a.app.store().headline(one).unwrap().flags().bookmarked(),
        "B's bookmark merged"
    );
    a.carry_out(mark);
    let db = Db::open(&path).unwrap();
    let (h, _) = db.article(one).unwrap().unwrap();
    assert!(h.flags.read() && h.flags.bookmarked());
}

#[test]
fn another_process_refreshing_keeps_read_and_bookmark_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut a = Peer::open(&path);
    let mut b = Peer::open(&path);
    a.store_document(&["Kept", "Other"]);
    let kept = a.id_of("Kept");
    a.carry_out(vec![Effect::Persist(vec![
        Change::Read(kept, true),
        Change::Bookmark(kept, true),
    ])]);
    // B's refresh brings the same article with new content: an update, flags untouched.
    let mut doc = parsed(&["Kept", "Other", "Fresh"]);
    doc.items[0].summary = Some("<p>corrected</p>".into());
    b.writer.send(DbCmd::Ingest {
        feed_id: b.feed_id(),
        parsed: doc,
        validators: Validators::default(),
        moved_to: None,
        limits: LIMITS,
        now: NOW + 60,
    });
    b.carry_out(Vec::new());
    a.tick();
    let h = a.app.store().headline(kept).unwrap();
    assert!(h.flags().read() && h.flags().bookmarked(), "{h:?}");
    assert_eq!(a.app.store().len(), 3);
    let db = Db::open(&path).unwrap();
    let (h, body) = db.article(kept).unwrap().unwrap();
    assert!(h.flags.read() && h.flags.bookmarked());
    assert_eq!(body.summary.as_deref(), Some("<p>corrected</p>"));
}

// ---- the real binary's read commands while another tidings writes -------------------

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Notes</title><link>https://q.example/</link><description>x</description>
<item><title>Lighthouse relit</title><link>https://q.example/1</link><guid>q1</guid><description>The keeper climbed 120 steps.</description></item>
<item><title>Crane removed</title><link>https://q.example/2</link><guid>q2</guid><description>A barge took it away.</description></item>
</channel></rss>"#;

#[test]
fn read_commands_work_while_another_process_holds_the_write_lock() {
    let env = Env::new(&[("quay.xml", FEED)]);
    let out = env.run(&["refresh"]);
    assert!(out.status.success(), "{out:?}");
    // `refresh` leaves indexing to later: these two articles wait in the index queue.

    // Another tidings in the middle of a long write: the lock is held for the whole test.
    let db_file = env.path("data").join("tidings.db");
    let holder = rusqlite::Connection::open(&db_file).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
        .execute("UPDATE feeds SET last_error = 'held' WHERE 0", [])
        .unwrap();

    let id = {
        let list = env.stdout(&["list"]);
        assert!(list.contains("Lighthouse relit"), "{list}");
        list.split_whitespace()
            .next()
            .unwrap()
            .parse::<i64>()
            .unwrap()
    };
    let id = id.to_string();
    for args in [
        vec!["list", "--json"],
        vec!["feeds"],
        vec!["export"],
        vec!["export", "--bookmarks"],
        vec!["show", id.as_str()],
        vec!["search", "lighthouse"],
        vec!["list", "--filter", "keeper"],
    ] {
        let started = Instant::now();
        let out = env.run(&args);
        let took = started.elapsed();
        // The title word is not indexed yet, but search reads the waiting articles
        // itself (issue 11): the full answer, exit 0, and no note of a partial one.
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if args[0] == "search" {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("indexed so far"), "{err}");
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("Lighthouse relit"),
                "{out:?}"
            );
        }
        assert!(
            took < Duration::from_secs(2),
            "{args:?} waited for the write lock: {took:?}"
        );
        if args.contains(&"--filter") {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("another tidings is writing; searching what is indexed so far"),
                "{args:?}: {err}"
            );
        }
    }
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);

    // With the lock free, search catches up and finds the words in the bodies.
    let found = env.stdout(&["search", "keeper"]);
    assert!(found.contains("Lighthouse relit"), "{found}");
}

#[test]
fn search_answers_in_full_from_waiting_articles_while_another_process_writes() {
    let env = Env::new(&[("quay.xml", FEED)]);
    assert!(env.run(&["refresh"]).status.success());
    // A search with the lock free indexes both articles.
    assert!(
        env.stdout(&["search", "keeper"])
            .contains("Lighthouse relit")
    );
    // The feed changes: one article's text is new (its index row is now stale) and one
    // article is new (never indexed); refresh only queues them.
    let changed = FEED
        .replace("The keeper climbed 120 steps.", "The warden climbed 120 steps.")
        .replace(
            "<item><title>Crane",
            "<item><title>Ferry resumes</title><link>https://q.example/3</link><guid>q3</guid><description>Boats again.</description></item>\n<item><title>Crane",
        );
    std::fs::write(env.path("quay.xml"), changed).unwrap();
    assert!(env.run(&["refresh"]).status.success());

    let holder = rusqlite::Connection::open(env.path("data").join("tidings.db")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
        .execute("UPDATE feeds SET last_error = 'held' WHERE 0", [])
        .unwrap();
    let waiting: i64 = holder
        .query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(waiting, 2, "the changed and the new article wait");

    let search = |word: &str| {
        let out = env.run(&["search", word]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!err.contains("indexed so far"), "{word}: {err}");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, out) = search("warden");
    assert_eq!(code, Some(0), "the changed text is found: {out}");
    assert!(out.contains("Lighthouse relit"), "{out}");
    let (code, out) = search("ferry");
    assert_eq!(code, Some(0), "the new article is found: {out}");
    assert!(out.contains("Ferry resumes"), "{out}");
    let (code, out) = search("keeper");
    assert_eq!(code, Some(1), "the stale index row answers nothing: {out}");
    let (code, out) = search("relit");
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 1, "one answer, not old and new: {out}");
    // Indexed and untouched: found by the index as before.
    let (code, out) = search("barge");
    assert_eq!(code, Some(0));
    assert!(out.contains("Crane removed"), "{out}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn opening_needs_no_write_when_the_feed_rows_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    Db::open(&path).unwrap().sync_feeds(&config(), 60).unwrap();
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
        .execute("UPDATE feeds SET last_error = 'held' WHERE 0", [])
        .unwrap();
    let started = Instant::now();
    let mut db = Db::open(&path).unwrap();
    let feeds = db.sync_feeds(&config(), 60).unwrap();
    assert_eq!(feeds.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
    // A new feed does need the lock, and gets it once the other writer is done.
    let mut more = config();
    more.push(FeedConfig {
        url: "https://new.test/feed.xml".into(),
        title: None,
        tags: Vec::new(),
        refresh_minutes: None,
        ..Default::default()
    });
    drop(holder); // the lock goes with the connection
    assert_eq!(db.sync_feeds(&more, 60).unwrap().len(), 2);
}

/// A cron refresh also leaves the feed's state (last success or error, when to retry,
/// validators) and the articles' categories: a running reader shows them without restart.
#[test]
fn feed_state_and_categories_from_another_process_reach_the_reader() {
    use tidings::model::{FeedStatus, PollSchedule};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut a = Peer::open(&path);
    let mut b = Peer::open(&path);
    let feed_id = b.feed_id();
    let mut doc = parsed(&["Budget passes"]);
    doc.items[0].categories = vec!["Politik".into()];
    b.writer.send(DbCmd::Ingest {
        feed_id,
        parsed: doc,
        validators: Validators {
            etag: Some("\"v7\"".into()),
            last_modified: None,
        },
        moved_to: None,
        limits: LIMITS,
        now: NOW,
    });
    b.writer.send(DbCmd::Status {
        feed_id,
        status: FeedStatus::Error {
            at: NOW + 5,
            message: "HTTP 503 Service Unavailable".into(),
        },
    });
    b.writer.send(DbCmd::Schedule {
        feed_id,
        schedule: PollSchedule {
            failures: 2,
            not_before: Some(NOW + 3600),
        },
    });
    b.carry_out(Vec::new());

    a.tick();
    let feed = a.app.store().feed(feed_id).unwrap();
    assert_eq!(
        feed.status,
        FeedStatus::Error {
            at: NOW + 5,
            message: "HTTP 503 Service Unavailable".into()
        }
    );
    assert_eq!(feed.schedule.not_before, Some(NOW + 3600));
    assert_eq!(feed.validators.etag.as_deref(), Some("\"v7\""));
    let id = a.id_of("Budget passes");
    assert!(a.app.store().categories().has(id, "politik"));
}

/// A cron refresh that commits after the reader loaded its headlines but before its
/// writer thread started is still merged on the first tick.
#[test]
fn a_commit_between_loading_and_the_writer_starting_is_not_missed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let mut db = Db::open(&path).unwrap();
    let feeds = db.sync_feeds(&config(), 36_000).unwrap();
    let ids: Vec<i64> = feeds.iter().map(|f| f.id).collect();
    let store = Store::new(feeds, db.load_headlines(&ids).unwrap());
    let mut cron = Db::open(&path).unwrap();
    cron.ingest(
        ids[0],
        &parsed(&["Night edition"]),
        &Validators::default(),
        None,
        LIMITS,
        NOW,
    )
    .unwrap();
    drop(cron);
    let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (100, 30));
    app.set_watch_others(true);
    let (tx, events) = mpsc::channel();
    let writer = DbWriter::spawn(db, move |e| {
        let _ = tx.send(e);
    });
    let mut reader = Peer {
        app,
        writer,
        events,
    };
    assert_eq!(reader.app.store().len(), 0);
    reader.tick();
    assert_eq!(
        reader.app.store().len(),
        1,
        "the cron refresh's article was merged"
    );
}

/// The reader's start-up remembers the version its rows were read at (`Db::each_headline`):
/// the writer's first look for other processes' changes then merges nothing when there
/// were none (a snapshot of every row was 75 MB in flight at 250,000 articles), and still
/// sees a commit made after the rows were read.
#[test]
fn the_first_look_for_changes_compares_with_the_version_the_rows_were_read_at() {
    for commit_after_load in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let mut db = Db::open(&path).unwrap();
        let feeds = db.sync_feeds(&config(), 36_000).unwrap();
        let ids: Vec<i64> = feeds.iter().map(|f| f.id).collect();
        let doc = |title: &str| parsed(&[title]);
        db.ingest(
            ids[0],
            &doc("Morning"),
            &Validators::default(),
            None,
            LIMITS,
            NOW,
        )
        .unwrap();
        let mut store = Store::new(feeds, Vec::new());
        db.each_headline(&ids, |h| store.add(h)).unwrap();
        if commit_after_load {
            let mut cron = Db::open(&path).unwrap();
            cron.ingest(
                ids[0],
                &doc("Night"),
                &Validators::default(),
                None,
                LIMITS,
                NOW,
            )
            .unwrap();
        }
        let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (100, 30));
        app.set_watch_others(true);
        let (tx, events) = mpsc::channel();
        let writer = DbWriter::spawn(db, move |e| {
            let _ = tx.send(e);
        });
        for e in app.update(Msg::Tick(NOW)) {
            if let Effect::CheckExternal(seq) = e {
                writer.send(DbCmd::CheckExternal { seq });
            }
        }
        assert!(writer.flush());
        let external: Vec<DbEvent> = events
            .try_iter()
            .filter(|e| matches!(e, DbEvent::External { .. }))
            .collect();
        assert_eq!(external.len(), usize::from(commit_after_load));
        for ev in external {
            app.update(Msg::Db(ev));
        }
        assert_eq!(app.store().len(), 1 + usize::from(commit_after_load));
    }
}
