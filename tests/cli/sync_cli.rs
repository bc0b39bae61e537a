//! `tidings sync login` against a loopback server speaking TT-RSS's envelope: the session is
//! kept with mode 0600 and without the password; every kind of failure says what is wrong;
//! the password comes from the command, the environment, and never from the file.

use crate::support::{Response, TestServer};
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

/// A TT-RSS API at /tt-rss/api/ for admin/secret: login, getApiLevel; `api_on` false
/// answers every login with API_DISABLED.
fn fake_ttrss(api_on: bool) -> TestServer {
    TestServer::start(move |req| {
        if req.path != "/tt-rss/api/" || req.method != "POST" {
            return Response::status(404);
        }
        let Ok(call) = serde_json::from_slice::<Value>(&req.body) else {
            return Response::status(500);
        };
        let (status, content) = match call["op"].as_str() {
            Some("login") if !api_on => (1, json!({"error": "API_DISABLED"})),
            Some("login") if call["user"] == "admin" && call["password"] == "secret" => {
                (0, json!({"session_id": "sid-42", "api_level": 15}))
            }
            Some("login") => (1, json!({"error": "LOGIN_ERROR"})),
            Some("getApiLevel") if call["sid"] == "sid-42" => (0, json!({"level": 15})),
            _ => (1, json!({"error": "NOT_LOGGED_IN"})),
        };
        Response::ok(json!({"seq": 0, "status": status, "content": content}).to_string())
            .header("Content-Type", "text/json;charset=UTF-8")
    })
}

struct Account {
    dir: tempfile::TempDir,
}

impl Account {
    fn new(url: &str, password_source: &str) -> Account {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join("config.toml"),
            format!(
                "[sync]\nkind = \"ttrss\"\nurl = \"{url}\"\nuser = \"admin\"\n{password_source}\n"
            ),
        )
        .expect("config");
        Account { dir }
    }

    fn login_with(&self, env: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(["sync", "login"])
            .envs(env.iter().copied())
            .output()
            .expect("run")
    }

    fn login(&self) -> Output {
        self.login_with(&[])
    }

    fn session(&self) -> std::path::PathBuf {
        self.dir.path().join("data/sync-session.json")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_login_keeps_the_session_for_the_user_alone_and_not_the_password() {
    let server = fake_ttrss(true);
    let account = Account::new(
        &server.url("/tt-rss/"),
        r#"password_command = ["printf", "secret\n"]"#,
    );
    let out = account.login();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Logged in to TT-RSS"), "{said}");
    assert!(said.contains("API level 15"), "{said}");
    let file = std::fs::read_to_string(account.session()).expect("session");
    assert!(file.contains("sid-42"), "{file}");
    assert!(!file.contains("secret"), "the password is not kept: {file}");
    let mode = std::fs::metadata(account.session())
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // The API call carried the password in its JSON body, not in the URL.
    let requests = server.requests();
    assert!(requests.iter().all(|r| !r.path.contains("secret")));
    let ua: Vec<_> = requests
        .iter()
        .filter_map(|r| r.header("User-Agent"))
        .collect();
    assert!(
        !ua.is_empty() && ua.iter().all(|u| u.starts_with("tidings/")),
        "{ua:?}"
    );
}

#[test]
fn the_password_can_come_from_the_environment() {
    let server = fake_ttrss(true);
    let account = Account::new(&server.url("/tt-rss"), r#"password_env = "RSS_PASSWORD""#);
    let out = account.login_with(&[("RSS_PASSWORD", "secret")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = account.login_with(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the environment variable RSS_PASSWORD is not set"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn each_failure_says_what_is_wrong() {
    let server = fake_ttrss(true);
    let cases = [
        (
            server.url("/tt-rss/"),
            r#"password_command = ["printf", "wrong"]"#,
            "the server refused the user name or password for admin",
        ),
        (
            server.url("/elsewhere/"),
            r#"password_command = ["printf", "secret"]"#,
            "/elsewhere/api/ is not a TT-RSS API (HTTP 404)",
        ),
        (
            "http://127.0.0.1:1/tt-rss/".to_string(),
            r#"password_command = ["printf", "secret"]"#,
            "cannot reach http://127.0.0.1:1/tt-rss/api/",
        ),
        (
            server.url("/tt-rss/"),
            r#"password_command = ["false"]"#,
            "password: false failed",
        ),
        (
            server.url("/tt-rss/"),
            r#"password_command = ["/no/such/program"]"#,
            "password: could not run /no/such/program",
        ),
    ];
    for (url, source, want) in cases {
        let account = Account::new(&url, source);
        let out = account.login();
        assert_eq!(out.status.code(), Some(1), "{url} {source}");
        assert!(stderr(&out).contains(want), "{want}: {}", stderr(&out));
        assert!(!account.session().exists(), "no session after a failure");
    }
    let off = fake_ttrss(false);
    let account = Account::new(
        &off.url("/tt-rss/"),
        r#"password_command = ["printf", "secret"]"#,
    );
    let out = account.login();
    assert!(
        stderr(&out).contains("the API is disabled for admin on the server"),
        "{}",
        stderr(&out)
    );
    // HTML where the API should be: a web server's page, not TT-RSS.
    let html = TestServer::start(|_| {
        Response::ok("<html>welcome</html>").header("Content-Type", "text/html")
    });
    let account = Account::new(&html.url("/"), r#"password_command = ["printf", "secret"]"#);
    let out = account.login();
    assert!(
        stderr(&out).contains("is not a TT-RSS API (HTTP 200, the answer is not JSON)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_sync_section_with_a_bad_url_is_a_config_error_and_logout_forgets_the_session() {
    let account = Account::new("ftp://rss.example/", r#"password_env = "X""#);
    let out = account.login();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[sync] url must be an http(s) address"),
        "{}",
        stderr(&out)
    );

    let server = fake_ttrss(true);
    let account = Account::new(
        &server.url("/tt-rss/"),
        r#"password_command = ["printf", "secret"]"#,
    );
    assert!(account.login().status.success());
    assert!(account.session().exists());
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("LC_ALL", "C.UTF-8")
        .arg("--config")
        .arg(account.dir.path().join("config.toml"))
        .arg("--data-dir")
        .arg(account.dir.path().join("data"))
        .args(["sync", "logout"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(!account.session().exists());
}

#[test]
fn a_google_reader_account_logs_in_too() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/api/greader.php/accounts/ClientLogin" => {
            if String::from_utf8_lossy(&req.body).contains("Passwd=secret") {
                Response::ok("SID=x\nLSID=null\nAuth=admin/tok\n")
            } else {
                Response::status(401).body("Error=BadAuthentication\n")
            }
        }
        "/api/greader.php/reader/api/0/user-info"
            if req.header("Authorization") == Some("GoogleLogin auth=admin/tok") =>
        {
            Response::ok("{\"userName\":\"admin\"}")
        }
        _ => Response::status(401),
    });
    let dir = tempfile::tempdir().expect("tmp");
    let write = |password: &str| {
        std::fs::write(
            dir.path().join("config.toml"),
            format!(
                "[sync]\nkind = \"greader\"\nurl = \"{}\"\nuser = \"admin\"\npassword_command = [\"printf\", \"{password}\"]\n",
                server.url("/api/greader.php")
            ),
        )
        .expect("config");
    };
    let login = || {
        Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("LC_ALL", "C.UTF-8")
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(["sync", "login"])
            .output()
            .expect("run")
    };
    write("wrong");
    let out = login();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refused the user name or password"),
        "{}",
        stderr(&out)
    );
    write("secret");
    let out = login();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Logged in to Google Reader API"));
    let file = std::fs::read_to_string(dir.path().join("data/sync-session.json")).expect("session");
    assert!(
        file.contains("admin/tok") && !file.contains("secret"),
        "{file}"
    );
}
