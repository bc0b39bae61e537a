//! Sync against a real Tiny Tiny RSS (Debian's tt-rss, PHP + PostgreSQL) on loopback,
//! set up by `ttrss/ttrss-up.sh` (which installs the packages when they are missing: run as
//! root, as CI does). Feeds it fetches are served by a loopback server of the test's own.
#[path = "../support/mod.rs"]
mod support;
#[path = "../tmux/mod.rs"]
mod tmux;

mod greader_fake;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{Response, TestServer};
use tidings::model::SyncMark as Mark;
use tidings::sync::SyncError;
use tidings::sync::View;
use tidings::sync::ttrss::Client;

struct Instance {
    dir: PathBuf,
    url: String,
}

impl Instance {
    fn up() -> Instance {
        let dir = std::env::temp_dir().join(format!("tidings-ttrss-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = Command::new("bash")
            .arg(script("ttrss-up.sh"))
            .arg(&dir)
            .output()
            .expect("run ttrss-up.sh");
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "ttrss-up.sh failed:\n{said}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = said
            .split_whitespace()
            .find_map(|w| w.strip_prefix("TTRSS_URL="))
            .expect("TTRSS_URL")
            .to_string();
        Instance { dir, url }
    }
}

/// Subscribes admin of the instance in `dir` to `feed` in `category` and fetches it now;
/// how many articles it has.
fn subscribe(dir: &Path, feed: &str, category: &str) -> usize {
    let out = Command::new("bash")
        .arg(script("ttrss-feed.sh"))
        .arg(dir)
        .arg(feed)
        .arg(category)
        .output()
        .expect("run ttrss-feed.sh");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    said.split_whitespace()
        .find_map(|w| w.strip_prefix("ARTICLES="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "ttrss-feed.sh: {said}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script("ttrss-down.sh"))
            .arg(&self.dir)
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sync/ttrss")
        .join(name)
}

fn rss(title: &str, items: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title><link>http://127.0.0.1/</link><description>x</description>"
    );
    for i in 0..items {
        xml.push_str(&format!(
            "<item><title>{title} story {i} &amp; more</title><link>http://127.0.0.1/{title}/{i}</link><guid>{title}-{i}</guid><pubDate>Tue, 01 Dec 2026 {:02}:{:02}:00 +0000</pubDate><description>&lt;p&gt;Body {i}&lt;/p&gt;</description></item>",
            i / 60 % 24,
            i % 60
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// The built binary on `dir`'s config.toml and data.
pub(crate) fn tidings_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tidings"));
    cmd.env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args);
    cmd
}

/// [`tidings_cmd`] run; its stdout (it must succeed).
pub(crate) fn run_tidings(dir: &Path, args: &[&str]) -> String {
    let out = tidings_cmd(dir, args).output().expect("run tidings");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent("tidings-test")
        .build()
        .expect("client")
}

/// One instance for the whole flow: setting one up takes seconds.
#[tokio::test(flavor = "multi_thread")]
async fn a_real_ttrss_login_feeds_articles_and_marks() {
    let (tech, extra) = (rss("Tech", 3), rss("Extra", 2));
    // The Wire grows later: articles that arrive after a "mark all read".
    let wire = std::sync::Arc::new(std::sync::Mutex::new(rss("Wire", 250)));
    let served = std::sync::Arc::clone(&wire);
    let feeds = TestServer::start(move |req| match req.path.as_str() {
        "/extra.xml" => Response::ok(extra.clone()).header("Content-Type", "application/rss+xml"),
        "/wire.xml" => Response::ok(served.lock().map(|w| w.clone()).unwrap_or_default())
            .header("Content-Type", "application/rss+xml"),
        "/tech.xml" => Response::ok(tech.clone()).header("Content-Type", "application/rss+xml"),
        _ => Response::status(404),
    });
    let server = tokio::task::spawn_blocking(Instance::up).await.expect("up");
    let (wire_url, tech_url) = (feeds.url("/wire.xml"), feeds.url("/tech.xml"));
    let (dir, w, t) = (server.dir.clone(), wire_url.clone(), tech_url.clone());
    let counts = tokio::task::spawn_blocking(move || {
        (subscribe(&dir, &w, "World"), subscribe(&dir, &t, "Tech"))
    })
    .await
    .expect("subscribe");
    assert_eq!(counts, (250, 3));

    // Wrong password, then right.
    let mut client = Client::new(http(), &server.url, "admin");
    assert!(matches!(
        client.login("nope").await,
        Err(SyncError::Credentials { .. })
    ));
    assert_eq!(client.login("password").await.expect("login"), 15);
    // The session is bound to the User-Agent of the login.
    let sid = client.session().expect("sid").to_string();
    let other = Client::new(
        reqwest::Client::builder()
            .user_agent("someone-else")
            .build()
            .expect("client"),
        &server.url,
        "admin",
    )
    .with_session(sid.clone());
    assert!(!other.check_session().await.expect("answer"));
    let again = Client::new(http(), &server.url, "admin").with_session(sid);
    assert!(again.check_session().await.expect("answer"));

    let mut remote = client.feeds().await.expect("feeds");
    remote.sort_by(|a, b| a.url.cmp(&b.url));
    let summary: Vec<(&str, Option<&str>)> = remote
        .iter()
        .map(|f| (f.url.as_str(), f.category.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (tech_url.as_str(), Some("Tech")),
            (wire_url.as_str(), Some("World"))
        ]
    );

    // Every article, over two pages of 200, each page handed over on its own.
    let mut pages = Vec::new();
    let mut seen = Vec::new();
    let highest = client
        .articles_since(0, |page| {
            pages.push(page.len());
            seen.extend(page);
        })
        .await
        .expect("articles");
    assert_eq!(pages, [200, 53]);
    let mut ids: Vec<i64> = seen.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 253);
    assert_eq!(highest, *ids.last().expect("ids"));
    let one = seen
        .iter()
        .find(|a| a.item.title == "Tech story 1 & more")
        .expect("a Tech article, its title unescaped");
    assert_eq!(one.item.content.as_deref(), Some("<p>Body 1</p>"));
    assert!(one.unread && !one.starred);
    // Nothing newer: one call, nothing handed over.
    let mut none = 0;
    let same = client
        .articles_since(highest, |p| none += p.len())
        .await
        .expect("since");
    assert_eq!((none, same), (0, highest));

    // Marks go out in one call per 500 ids and come back in the id lists.
    assert_eq!(client.ids(View::Unread).await.expect("unread").len(), 253);
    let first: Vec<i64> = ids[..210].to_vec();
    assert_eq!(
        client.set(&first, Mark::Read, true).await.expect("read"),
        210
    );
    let unread = client.ids(View::Unread).await.expect("unread");
    assert_eq!(unread.len(), 43);
    assert!(first.iter().all(|id| !unread.contains(id)));
    assert_eq!(
        client
            .set(&first[..2], Mark::Starred, true)
            .await
            .expect("star"),
        2
    );
    let mut starred = client.ids(View::Starred).await.expect("starred");
    starred.sort_unstable();
    assert_eq!(starred, first[..2]);
    assert_eq!(
        client
            .set(&first[..5], Mark::Read, false)
            .await
            .expect("unread"),
        5
    );
    assert_eq!(client.ids(View::Unread).await.expect("unread").len(), 48);

    // The command line on the same server: tidings sync stores every article with the
    // server's state; a local mark goes up; a mark made on the server comes down.
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[sync]\nkind = \"ttrss\"\nurl = \"{}\"\nuser = \"admin\"\npassword_command = [\"printf\", \"password\"]\n",
            server.url
        ),
    )
    .expect("config");
    // Blocking calls on this multi-threaded runtime: the servers are other processes.
    let data = dir.path().to_path_buf();
    let tidings = |args: &[&str]| run_tidings(&data, args);
    let said = tidings(&["sync"]);
    assert!(said.contains("2 feeds, 253 new articles"), "{said}");
    let count = |args: &[&str]| tidings(args).lines().count();
    assert_eq!(count(&["list", "--unread", "--limit", "1000"]), 48);
    assert_eq!(count(&["list", "--bookmarked", "--limit", "1000"]), 2);
    tidings(&["mark-read", "--feed", "Tech"]);
    // Another device stars one article meanwhile.
    client
        .set(&[ids[250]], Mark::Starred, true)
        .await
        .expect("star");
    let said = tidings(&["sync"]);
    assert!(said.contains("0 new articles"), "{said}");
    let unread = client.ids(View::Unread).await.expect("unread");
    let tech: Vec<i64> = seen
        .iter()
        .filter(|a| a.item.title.starts_with("Tech "))
        .map(|a| a.id)
        .collect();
    assert!(
        tech.iter().all(|id| !unread.contains(id)),
        "Tech read on the server"
    );
    let tech_unread_before = tech.iter().filter(|id| !first.contains(id)).count();
    assert_eq!(unread.len(), 48 - tech_unread_before);
    assert_eq!(count(&["list", "--bookmarked", "--limit", "1000"]), 3);

    // Subscriptions live on the server: add subscribes there (the server fetches it), and
    // remove unsubscribes; each then syncs.
    let extra_url = feeds.url("/extra.xml");
    let said = tidings(&["add", &extra_url, "--no-check"]);
    assert!(said.contains("Subscribed to"), "{said}");
    assert!(said.contains("3 feeds, 2 new articles"), "{said}");
    assert!(tidings(&["feeds"]).contains("Extra"));
    let said = tidings(&["remove", &extra_url]);
    assert!(said.contains("2 feeds"), "{said}");
    assert!(said.contains("Unsubscribed from"), "{said}");
    assert!(!tidings(&["feeds"]).contains("Extra"));
    assert_eq!(client.feeds().await.expect("feeds").len(), 2);

    // Offline: with the server's web side stopped, marks made here wait in the queue (the
    // sync fails and says why) and go up once it is back.
    let wire_ids: Vec<i64> = seen
        .iter()
        .filter(|a| a.item.title.starts_with("Wire "))
        .map(|a| a.id)
        .collect();
    let web = Web::stop(&server.dir);
    let offline = tidings_fails(&data, &["sync"]);
    assert!(offline.contains("cannot reach"), "{offline}");
    tidings(&["mark-read", "--feed", "Wire"]);
    let offline = tidings_fails(&data, &["sync"]);
    assert!(offline.contains("cannot reach"), "{offline}");
    web.start(&server.dir);
    // Killed at any moment of a sync (here the one sending the offline marks, and a first
    // sync into a new store), the next one finishes the work: nothing lost, nothing twice,
    // the store intact.
    let fresh = tempfile::tempdir().expect("tmp");
    std::fs::copy(data.join("config.toml"), fresh.path().join("config.toml")).expect("config");
    for (i, ms) in [40, 120, 250, 400, 700, 100, 200, 300, 450, 600]
        .into_iter()
        .enumerate()
    {
        let on = if i < 5 { data.as_path() } else { fresh.path() };
        let mut child = tidings_cmd(on, &["sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    let again = run_tidings(fresh.path(), &["sync"]);
    assert!(again.contains("Synced with TT-RSS"), "{again}");
    let fresh_list = run_tidings(fresh.path(), &["list", "--limit", "1000"]);
    assert_eq!(fresh_list.lines().count(), 253, "{fresh_list}");
    let said = tidings(&["sync"]);
    assert!(said.contains("Synced with TT-RSS"), "{said}");
    let unread = client.ids(View::Unread).await.expect("unread");
    assert!(
        wire_ids.iter().all(|id| !unread.contains(id)),
        "the Wire read offline is read on the server"
    );
    assert_eq!(
        count(&["list", "--unread", "--limit", "1000"]),
        unread.len()
    );
    // The marks sent since come down to the other store too.
    run_tidings(fresh.path(), &["sync"]);
    assert_eq!(
        run_tidings(fresh.path(), &["list", "--unread", "--limit", "1000"])
            .lines()
            .count(),
        unread.len()
    );
    assert_eq!(count(&["list", "--limit", "1000"]), 253);
    let db = rusqlite::Connection::open(data.join("data/tidings.db")).expect("db");
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    drop(db);

    // Mark all read, then the server gets new Wire articles before the next sync: they
    // stay unread, here and there.
    if let Ok(mut w) = wire.lock() {
        *w = rss("Wire", 252);
    }
    let (dir_w, url_w) = (server.dir.clone(), wire_url.clone());
    let now_on_server = tokio::task::spawn_blocking(move || subscribe(&dir_w, &url_w, "World"))
        .await
        .expect("fetch");
    assert_eq!(now_on_server, 252);
    let said = tidings(&["sync"]);
    assert!(said.contains("2 new articles"), "{said}");
    let unread_here = tidings(&["list", "--unread", "--limit", "1000"]);
    assert!(
        unread_here.contains("Wire story 250 & more") && unread_here.contains("Wire story 251"),
        "{unread_here}"
    );
    assert!(!unread_here.contains("Wire story 249 "), "{unread_here}");
    let unread = client.ids(View::Unread).await.expect("unread");
    assert_eq!(
        count(&["list", "--unread", "--limit", "1000"]),
        unread.len()
    );
    drop(server);
}

/// The built binary that must fail; its stderr.
fn tidings_fails(dir: &Path, args: &[&str]) -> String {
    let out = tidings_cmd(dir, args).output().expect("run tidings");
    assert!(!out.status.success(), "{args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// tt-rss's web server (PHP's, started by ttrss-up.sh) stopped, to be started again as it
/// was: the database and its sessions stay up.
struct Web {
    argv: Vec<String>,
}

impl Web {
    fn pid(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("pids"))
            .expect("pids")
            .lines()
            .find_map(|l| l.strip_suffix(" php-server").map(str::to_string))
            .expect("php-server pid")
    }

    fn stop(dir: &Path) -> Web {
        let pid = Web::pid(dir);
        let argv: Vec<String> = std::fs::read(format!("/proc/{pid}/cmdline"))
            .expect("cmdline")
            .split(|&b| b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{pid}")])
            .status();
        let gone = std::time::Instant::now();
        while Path::new(&format!("/proc/{pid}")).exists() && gone.elapsed().as_secs() < 10 {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Web { argv }
    }

    // Never waited for: ttrss-down.sh stops it with the rest of the instance.
    #[allow(clippy::zombie_processes)]
    fn start(self, dir: &Path) {
        let log = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join("logs/php-server.log"))
            .expect("log");
        let child = Command::new("setsid")
            .args([
                "setpriv",
                "--reuid=www-data",
                "--regid=www-data",
                "--init-groups",
            ])
            .args(["env", "PHP_CLI_SERVER_WORKERS=4"])
            .args(&self.argv)
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("php -S again");
        // ttrss-down.sh stops what pids lists.
        let pids = std::fs::read_to_string(dir.join("pids")).expect("pids");
        let old = Web::pid(dir);
        std::fs::write(
            dir.join("pids"),
            pids.replace(
                &format!("{old} php-server"),
                &format!("{} php-server", child.id()),
            ),
        )
        .expect("pids");
        let url = std::fs::read_to_string(dir.join("env"))
            .expect("env")
            .lines()
            .find_map(|l| {
                l.strip_prefix("TTRSS_URL='")
                    .map(|u| u.trim_end_matches('\'').to_string())
            })
            .expect("url");
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        let up = std::time::Instant::now();
        while up.elapsed().as_secs() < 10 {
            if std::net::TcpStream::connect(&addr).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("php -S did not come back on {url}");
    }
}
