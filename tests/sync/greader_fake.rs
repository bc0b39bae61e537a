//! The Google Reader client against a loopback server that keeps its own state the way
//! FreshRSS does: ClientLogin, the write token (which it rotates once, as tokens expire),
//! subscriptions with labels, ids with `ot`/`xt` and continuations, contents by batch
//! (answered in the long id form), edit-tag and mark-all-as-read.

use crate::support::{Request, Response, TestServer};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use tidings::model::SyncMark as Mark;
use tidings::sync::SyncError;
use tidings::sync::View;
use tidings::sync::greader::{BATCH, Client};
use tidings::sync::remote::{READ_TAG, READING_LIST, STARRED_TAG};

const ITEMS: i64 = 1200;

#[derive(Default)]
struct State {
    read: HashSet<i64>,
    starred: HashSet<i64>,
    token: String,
    /// Writes refused once with the old token, to see the client fetch a new one.
    rotated: bool,
    contents_calls: Vec<usize>,
    edit_calls: usize,
    /// `subscription/edit` calls: the action and the stream.
    subscriptions: Vec<(String, String)>,
    /// `mark-all-as-read` calls: the stream and `ts`.
    catch_ups: Vec<(String, i64)>,
    /// Items that came after the first `ITEMS`, and when the server got each (unix seconds).
    arrived: BTreeMap<i64, i64>,
    /// Miniflux's shapes where they differ from FreshRSS's.
    miniflux: bool,
    /// `unread-count` calls.
    count_calls: usize,
}

impl State {
    fn items(&self) -> std::ops::RangeInclusive<i64> {
        1..=ITEMS + self.arrived.len() as i64
    }

    /// When the server got the item (FreshRSS's ids and `timestampUsec` are this, in
    /// microseconds; `ot` and `mark-all-as-read` compare with it).
    fn crawled(&self, id: i64) -> i64 {
        self.arrived.get(&id).copied().unwrap_or(1_796_000_000 + id)
    }

    /// A new item on the server, got now.
    fn arrive(&mut self) -> i64 {
        let id = *self.items().end() + 1;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.arrived.insert(id, now);
        id
    }
}

/// The stream an item is in: feed/1 holds the even ids, feed/2 the odd.
fn origin(id: i64) -> String {
    format!("feed/{}", 1 + id % 2)
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn query(path: &str) -> BTreeMap<String, String> {
    let q = path.split_once('?').map_or("", |(_, q)| q);
    url::form_urlencoded::parse(q.as_bytes())
        .into_owned()
        .collect()
}

fn item(id: i64, state: &State) -> Value {
    let mut cats = vec![json!(READING_LIST), json!("user/-/label/News")];
    if state.read.contains(&id) {
        cats.push(json!("user/-/state/com.google/read"));
    }
    if state.starred.contains(&id) {
        cats.push(json!("user/-/state/com.google/starred"));
    }
    json!({
        "id": format!("tag:google.com,2005:reader/item/{id:016x}"),
        "title": format!("Story {id}"),
        "published": 1_796_000_000 + id,
        "timestampUsec": (state.crawled(id) * 1_000_000).to_string(),
        "crawlTimeMsec": (state.crawled(id) * 1_000).to_string(),
        "canonical": [{"href": format!("https://news.example/{id}")}],
        "summary": {"content": format!("<p>Body {id}</p>")},
        "categories": cats,
        "origin": {"streamId": origin(id), "title": "News"},
    })
}

fn handle(req: &Request, state: &Mutex<State>) -> Response {
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    // FreshRSS serves the API under /api/greader.php, Miniflux at the root.
    let path = req.path.split('?').next().unwrap_or("");
    let path = path.strip_prefix("/api/greader.php").unwrap_or(path);
    if path == "/accounts/ClientLogin" {
        let f = form(&req.body);
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        return if get("Email") == Some("admin") && get("Passwd") == Some("secret") {
            Response::ok("SID=admin/x\nLSID=null\nAuth=admin/auth-1\n")
        } else {
            Response::status(401).body("Error=BadAuthentication\n")
        };
    }
    if req.header("Authorization") != Some("GoogleLogin auth=admin/auth-1") {
        return Response::status(401).body("Unauthorized!");
    }
    let json = |v: Value| Response::ok(v.to_string()).header("Content-Type", "application/json");
    match path {
        "/reader/api/0/user-info" => json(json!({"userName": "admin"})),
        "/reader/api/0/token" => {
            s.token = if s.token.is_empty() {
                "T-1".into()
            } else {
                "T-2".into()
            };
            Response::ok(format!("{}\n", s.token))
        }
        "/reader/api/0/subscription/list" => json(json!({"subscriptions": [
            {"id": "feed/1", "title": "One", "url": "https://one.example/feed.xml",
             "categories": [{"id": "user/-/label/World", "label": "World"}]},
            {"id": "feed/2", "title": "Two", "url": "https://two.example/feed.xml", "categories": []},
            {"id": "feed/3", "title": "Bad", "url": "javascript:alert(1)", "categories": []},
        ]})),
        "/reader/api/0/stream/items/ids" => {
            let q = query(&req.path);
            let n: usize = q.get("n").and_then(|n| n.parse().ok()).unwrap_or(20);
            let from: usize = q.get("c").and_then(|c| c.parse().ok()).unwrap_or(0);
            let ot: i64 = q.get("ot").and_then(|t| t.parse().ok()).unwrap_or(0);
            let stream = q.get("s").cloned().unwrap_or_default();
            let all: Vec<i64> = s
                .items()
                .filter(|id| s.crawled(*id) >= ot)
                .filter(|id| stream != STARRED_TAG || s.starred.contains(id))
                .filter(|id| !stream.starts_with("feed/") || origin(*id) == stream)
                .filter(|id| {
                    q.get("xt").map(String::as_str) != Some(READ_TAG) || !s.read.contains(id)
                })
                .collect();
            let page: Vec<Value> = all
                .iter()
                .skip(from)
                .take(n)
                .map(|id| json!({"id": id.to_string()}))
                .collect();
            let mut answer = json!({"itemRefs": page});
            if from + n < all.len() {
                // Miniflux's continuation is a number, FreshRSS's a string.
                answer["continuation"] = if s.miniflux {
                    json!(from + n)
                } else {
                    json!((from + n).to_string())
                };
            }
            json(answer)
        }
        // FreshRSS counts unread per feed; Miniflux has no such call (404: whole lists).
        "/reader/api/0/unread-count" if !s.miniflux => {
            s.count_calls += 1;
            // A feed with nothing unread is left out, as servers do.
            let counts: Vec<Value> = ["feed/1", "feed/2"]
                .iter()
                .filter_map(|f| {
                    let n = s
                        .items()
                        .filter(|id| origin(*id) == *f && !s.read.contains(id))
                        .count();
                    (n > 0).then(|| json!({"id": f, "count": n, "newestItemTimestampUsec": "0"}))
                })
                .collect();
            json(json!({"max": 1000, "unreadcounts": counts}))
        }
        "/reader/api/0/stream/items/contents" => {
            let ids: Vec<i64> = form(&req.body)
                .into_iter()
                .filter(|(k, _)| k == "i")
                .filter_map(|(_, v)| v.parse().ok())
                .collect();
            s.contents_calls.push(ids.len());
            let items: Vec<Value> = ids.iter().map(|id| item(*id, &s)).collect();
            json(json!({"items": items}))
        }
        "/reader/api/0/edit-tag"
        | "/reader/api/0/mark-all-as-read"
        | "/reader/api/0/subscription/edit" => {
            let f = form(&req.body);
            let token = f.iter().find(|(k, _)| k == "T").map(|(_, v)| v.clone());
            if token.as_deref() != Some(s.token.as_str()) || !s.rotated {
                // The first write finds its token expired.
                s.rotated = true;
                return Response::status(401).body("Unauthorized!");
            }
            s.edit_calls += 1;
            if path.ends_with("subscription/edit") {
                let get = |k: &str| {
                    f.iter()
                        .find(|(n, _)| n == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                let call = (get("ac"), get("s"));
                s.subscriptions.push(call);
                return Response::ok("OK");
            }
            if path.ends_with("mark-all-as-read") {
                let ts: i64 = f
                    .iter()
                    .find(|(k, _)| k == "ts")
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                let stream = f
                    .iter()
                    .find(|(k, _)| k == "s")
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                // Microseconds: items the server got up to that moment.
                for id in s.items() {
                    if s.crawled(id) * 1_000_000 <= ts
                        && (stream == READING_LIST || stream == origin(id))
                    {
                        s.read.insert(id);
                    }
                }
                s.catch_ups.push((stream, ts));
                return Response::ok("OK");
            }
            let ids: Vec<i64> = f
                .iter()
                .filter(|(k, _)| k == "i")
                .filter_map(|(_, v)| v.parse().ok())
                .collect();
            for (k, tag) in f.iter().filter(|(k, _)| k == "a" || k == "r") {
                let set = if tag == READ_TAG {
                    &mut s.read
                } else if tag == STARRED_TAG {
                    &mut s.starred
                } else {
                    continue;
                };
                for id in &ids {
                    if k == "a" {
                        set.insert(*id);
                    } else {
                        set.remove(id);
                    }
                }
            }
            Response::ok("OK")
        }
        _ => Response::status(404),
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent("tidings-test")
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_google_reader_server_login_feeds_items_and_marks() {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let server = TestServer::start(move |req| handle(req, &shared));
    let base = server.url("/api/greader.php");

    let mut client = Client::new(http(), &base, "admin");
    assert!(matches!(
        client.login("wrong").await,
        Err(SyncError::Credentials { .. })
    ));
    client.login("secret").await.expect("login");
    assert_eq!(client.session(), Some("admin/auth-1"));
    assert!(client.check_session().await.expect("answer"));
    let stranger = Client::new(http(), &base, "admin").with_session("nope".into());
    assert!(!stranger.check_session().await.expect("answer"));

    let feeds = client.feeds().await.expect("feeds");
    let summary: Vec<(&str, Option<&str>)> = feeds
        .iter()
        .map(|f| (f.id.as_str(), f.category.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [("feed/1", Some("World")), ("feed/2", None)],
        "javascript: dropped"
    );

    // Every id over continuations (1,000 a page), then only those since a time.
    let ids = client.ids(READING_LIST, None, None).await.expect("ids");
    assert_eq!(ids.len(), ITEMS as usize);
    let recent = client
        .ids(READING_LIST, Some(1_796_000_000 + 501), None)
        .await
        .expect("ids");
    assert_eq!(recent, (501..=ITEMS).collect::<Vec<_>>());

    // Contents in batches of 250, long ids read as the decimal ones.
    let mut got = Vec::new();
    client
        .contents(&ids, |batch| got.extend(batch))
        .await
        .expect("contents");
    assert_eq!(
        state.lock().unwrap().contents_calls,
        [BATCH, BATCH, BATCH, BATCH, 200]
    );
    assert_eq!(got.len(), ITEMS as usize);
    assert_eq!(got[0].id, 1);
    assert_eq!(got[0].item.title, "Story 1");
    assert_eq!(got[0].feed_id, "feed/2");
    assert!(got.iter().all(|a| a.unread && !a.starred));

    // Marks: one edit-tag per 250 ids; the expired token is replaced once.
    client
        .set(&ids[..300], Mark::Read, true)
        .await
        .expect("read");
    client
        .set(&ids[..3], Mark::Starred, true)
        .await
        .expect("star");
    client
        .set(&ids[..1], Mark::Read, false)
        .await
        .expect("unread");
    assert_eq!(state.lock().unwrap().edit_calls, 4);
    assert_eq!(
        client.state_ids(View::Unread).await.expect("unread").len(),
        901
    );
    assert_eq!(
        client.state_ids(View::Starred).await.expect("starred"),
        [1, 2, 3]
    );
    let mut back = Vec::new();
    client
        .contents(&[1, 2, 400], |b| back.extend(b))
        .await
        .expect("contents");
    let flags: Vec<(bool, bool)> = back.iter().map(|a| (a.unread, a.starred)).collect();
    assert_eq!(flags, [(true, true), (false, true), (true, false)]);

    // Mark all read up to what the user saw: what came later stays unread.
    client
        .mark_all_read(READING_LIST, (1_796_000_000 + 550) * 1_000_000)
        .await
        .expect("catch up");
    let unread = client.state_ids(View::Unread).await.expect("unread");
    assert_eq!(unread, (551..=ITEMS).collect::<Vec<_>>());
}

/// `tidings sync` against the same server: every item stored with its state, a local mark
/// sent up with edit-tag, a mark made on the server taken down.
#[test]
fn tidings_sync_with_a_google_reader_server() {
    let state = Arc::new(Mutex::new(State::default()));
    state.lock().unwrap().starred.insert(7);
    let shared = Arc::clone(&state);
    let server = TestServer::start(move |req| handle(req, &shared));
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[sync]\nkind = \"greader\"\nurl = \"{}\"\nuser = \"admin\"\npassword_command = [\"printf\", \"secret\"]\n",
            server.url("/api/greader.php")
        ),
    )
    .expect("config");
    let tidings = |args: &[&str]| crate::run_tidings(dir.path(), args);
    let said = tidings(&["sync"]);
    assert!(said.contains("2 feeds, 1,200 new articles"), "{said}");
    let count = |args: &[&str]| tidings(args).lines().count();
    assert_eq!(count(&["list", "--unread", "--limit", "5000"]), 1200);
    assert_eq!(count(&["list", "--bookmarked"]), 1);
    // Feed "One" is feed/1 (the even ids): marked read as a whole, it goes up as one
    // mark-all-as-read up to the newest item stored, not 600 ids; items the server got
    // meanwhile stay unread. One article read again after it goes up after it.
    tidings(&["mark-read", "--feed", "One"]);
    let db = rusqlite::Connection::open(dir.path().join("data/tidings.db")).expect("db");
    let changed = db
        .execute(
            "UPDATE articles SET read = 0 WHERE id =
                 (SELECT article_id FROM sync_articles WHERE remote_id = '2')",
            [],
        )
        .expect("unread again");
    assert_eq!(changed, 1);
    drop(db);
    let arrived: Vec<i64> = {
        let mut s = state.lock().unwrap();
        s.starred.insert(8);
        (0..4).map(|_| s.arrive()).collect()
    };
    let edits_before = state.lock().unwrap().edit_calls;
    let said = tidings(&["sync"]);
    assert!(said.contains("4 new articles"), "{said}");
    assert!(said.contains("2 marks sent"), "{said}");
    let s = state.lock().unwrap();
    assert_eq!(
        s.catch_ups,
        [("feed/1".to_string(), (1_796_000_000 + 1200) * 1_000_000 + 1)]
    );
    assert_eq!(
        s.edit_calls - edits_before,
        2,
        "the catch-up and one edit-tag"
    );
    assert_eq!(s.read.len(), 599);
    assert!(
        s.read
            .iter()
            .all(|id| id % 2 == 0 && *id <= ITEMS && *id != 2)
    );
    assert!(arrived.iter().all(|id| !s.read.contains(id)));
    drop(s);
    assert_eq!(count(&["list", "--bookmarked"]), 2);
    assert_eq!(count(&["list", "--unread", "--limit", "5000"]), 605);

    // Read on another device: feed/2's unread count moves, so only its list is read (the
    // counts come first, one call); a star made there comes with the whole starred list.
    {
        let mut s = state.lock().unwrap();
        s.read.insert(3);
        s.starred.insert(9);
    }
    let before = server.requests().len();
    let said = tidings(&["sync"]);
    assert!(said.contains("2 taken from the server"), "{said}");
    let streams: Vec<BTreeMap<String, String>> = server.requests()[before..]
        .iter()
        .filter(|r| r.path.contains("/stream/items/ids"))
        .map(|r| query(&r.path))
        .collect();
    let unread_lists: Vec<&str> = streams
        .iter()
        .filter(|q| q.get("xt").map(String::as_str) == Some(READ_TAG))
        .filter_map(|q| q.get("s").map(String::as_str))
        .collect();
    assert_eq!(unread_lists, ["feed/2"], "{streams:?}");
    assert_eq!(count(&["list", "--unread", "--limit", "5000"]), 604);
    assert_eq!(count(&["list", "--bookmarked"]), 3);

    // Everything read and unstarred elsewhere (no counts at all), then one star: unread
    // counts say nothing about stars, so the star still comes down.
    {
        let mut s = state.lock().unwrap();
        let all: Vec<i64> = s.items().collect();
        s.read.extend(all);
        s.starred.clear();
    }
    tidings(&["sync"]);
    assert_eq!(count(&["list", "--unread", "--limit", "5000"]), 0);
    assert_eq!(count(&["list", "--bookmarked"]), 0);
    state.lock().unwrap().starred.insert(11);
    tidings(&["sync"]);
    assert_eq!(count(&["list", "--bookmarked"]), 1);

    // add and remove act on the server.
    let said = tidings(&["add", "https://three.example/feed.xml", "--no-check"]);
    assert!(said.contains("Subscribed to"), "{said}");
    tidings(&["remove", "Two"]);
    assert_eq!(
        state.lock().unwrap().subscriptions,
        [
            (
                "subscribe".to_string(),
                "feed/https://three.example/feed.xml".to_string()
            ),
            ("unsubscribe".to_string(), "feed/2".to_string())
        ]
    );

    // import subscribes each feed of the file on the server, then syncs once.
    let opml = dir.path().join("feeds.opml");
    std::fs::write(
        &opml,
        r#"<opml version="2.0"><body>
<outline text="Four" type="rss" xmlUrl="https://four.example/rss"/>
<outline text="Five" type="rss" xmlUrl="https://five.example/atom.xml"/>
</body></opml>"#,
    )
    .expect("opml");
    let said = tidings(&["import", opml.to_str().expect("path")]);
    assert!(said.contains("Subscribed to 2 of 2 feeds"), "{said}");
    assert!(said.contains("Synced with Google Reader API"), "{said}");
    let subs = state.lock().unwrap().subscriptions.clone();
    assert_eq!(
        subs[2..],
        [
            (
                "subscribe".to_string(),
                "feed/https://four.example/rss".to_string()
            ),
            (
                "subscribe".to_string(),
                "feed/https://five.example/atom.xml".to_string()
            )
        ]
    );
}

/// With the password asked for on the terminal (no command, no variable), the reader asks
/// before it takes the screen, logs in, keeps the session and syncs; the next start asks
/// nothing.
#[test]
fn the_reader_asks_for_the_password_before_it_starts() {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let server = TestServer::start(move |req| handle(req, &shared));
    let dir = tempfile::tempdir().expect("tmp");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[sync]\nkind = \"greader\"\nurl = \"{}\"\nuser = \"admin\"\n",
            server.url("/api/greader.php")
        ),
    )
    .expect("config");
    let data = dir.path().join("data");
    let cmdline = format!(
        "TZ=UTC {} --config {} --data-dir {}; sleep 30",
        env!("CARGO_BIN_EXE_tidings"),
        config.display(),
        data.display()
    );
    let tmux = crate::tmux::Tmux::new("sync-prompt");
    tmux.start(&cmdline, (100, 30), None);
    tmux.wait_for("Password for admin at http://127.0.0.1");
    tmux.type_text("secret");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("1200 unread · 1200 articles");
    assert!(s.contains("One") && s.contains("Two"), "{s}");
    assert!(!s.contains("secret"), "no echo: {s}");
    let logins = || {
        server
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/accounts/ClientLogin"))
            .count()
    };
    assert_eq!(logins(), 1);
    let kept = std::fs::read_to_string(data.join("sync-session.json")).expect("session kept");
    assert!(
        kept.contains("admin/auth-1") && !kept.contains("secret"),
        "{kept}"
    );
    tmux.keys(&["q"]);
    tmux.cmd(&["kill-server"]);

    let tmux = crate::tmux::Tmux::new("sync-prompt-again");
    let before = server.requests().len();
    tmux.start(&cmdline, (100, 30), None);
    let s = tmux.wait_for("1200 unread · 1200 articles");
    assert!(!s.contains("Password for"), "{s}");
    // It synced on the kept session: requests came, no login among them.
    let start = std::time::Instant::now();
    while server.requests().len() == before && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(server.requests().len() > before);
    assert_eq!(logins(), 1);
    tmux.cmd(&["kill-server"]);
}

/// Miniflux's shapes: the API at the server's root, a numeric continuation; the same
/// flows work (1,200 ids over two pages, a catch-up of one feed).
#[test]
fn tidings_sync_with_a_miniflux_shaped_server() {
    let state = Arc::new(Mutex::new(State {
        miniflux: true,
        ..State::default()
    }));
    let shared = Arc::clone(&state);
    let server = TestServer::start(move |req| handle(req, &shared));
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[sync]\nkind = \"greader\"\nurl = \"{}\"\nuser = \"admin\"\npassword_env = \"TIDINGS_TEST_PW\"\n",
            server.url("/")
        ),
    )
    .expect("config");
    let run = |args: &[&str]| {
        let out = crate::tidings_cmd(dir.path(), args)
            .env("TIDINGS_TEST_PW", "secret")
            .output()
            .expect("run tidings");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = run(&["sync"]);
    assert!(said.contains("2 feeds, 1,200 new articles"), "{said}");
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.path.starts_with("/reader/api/0/stream/items/ids")
                && r.path.contains("c=1000")),
        "the numeric continuation was followed"
    );
    run(&["mark-read", "--feed", "Two"]);
    let said = run(&["sync"]);
    assert!(said.contains("1 mark sent"), "{said}");
    let s = state.lock().unwrap();
    assert_eq!(s.catch_ups.len(), 1);
    assert_eq!(s.catch_ups[0].0, "feed/2");
    assert_eq!(s.read.len(), 600);
    assert!(s.read.iter().all(|id| id % 2 == 1));
}
