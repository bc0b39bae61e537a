//! `tidings add URL`: fetch the URL once; a feed is subscribed to, a web page's advertised
//! feeds (`<link rel="alternate">`) are offered, anything else is refused with the reason.
//!
//! On a terminal the candidates are a numbered menu. Elsewhere (scripts, cron) nothing is
//! guessed: the candidates are printed and the exit code is 1, and `--pick N` chooses.

use crate::config::{self, FeedConfig};
use crate::feed::discover::{self, Candidate};
use crate::feed::fetch::{self, FetchError, Fetched};
use crate::feed::parse::ParseError;
use crate::headless::CommandError;
use crate::model::Validators;
use crate::sanitize;
use crate::setup::Setup;
use crate::t;
use std::io::{BufRead, IsTerminal, Write};

pub struct Request {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// 1-based index into the page's feeds.
    pub pick: Option<usize>,
    /// Fetch the URL first (false: `--no-check`).
    pub check: bool,
}

/// Why an address is not subscribed to. URLs in it are sanitized where it is made.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{}", t!("error-add-no-scheme", typed = .typed.as_str(), full = .full.as_str()))]
    NoScheme { typed: String, full: String },
    #[error("{}", t!("error-add-scheme", scheme = .0.as_str()))]
    Scheme(String),
    #[error("{}", t!("error-add-invalid-url", url = .url.as_str(), error = .source.to_string()))]
    InvalidUrl {
        url: String,
        #[source]
        source: url::ParseError,
    },
    #[error("{}", t!("error-runtime", error = .0.to_string()))]
    Runtime(#[source] std::io::Error),
    #[error("{}", t!("error-add-fetch", url = .url.as_str(), error = .source.to_string()))]
    Fetch {
        url: String,
        #[source]
        source: FetchError,
    },
    #[error("{}", t!("error-add-not-modified"))]
    NotModified,
    #[error("{}", t!("error-add-no-feed-links", url = .url.as_str()))]
    NoFeedLinks { url: String },
    /// Neither a feed nor a page: the parser's reason, when it had one.
    #[error("{}", t!(
        "error-add-not-a-feed",
        url = .url.as_str(),
        reason = .reason.as_ref().map_or_else(|| t!("error-add-not-a-feed-reason"), ToString::to_string)
    ))]
    NotAFeed {
        url: String,
        reason: Option<ParseError>,
    },
}

/// What fetching the URL showed.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    Feed { title: Option<String>, items: usize },
    Page(Vec<Candidate>),
}

/// Exit codes as in `commands`: 0 subscribed (or already), 1 nothing subscribed, 2 bad input.
pub fn run(setup: &Setup, req: Request) -> Result<i32, CommandError> {
    let url = req.url.trim().to_string();
    if let Err(e) = check_scheme(&url) {
        eprintln!("tidings: {e}");
        return Ok(2);
    }
    if !req.check || url == crate::demo::DEMO_URL {
        return subscribe(setup, &url, &req);
    }
    let shown = sanitize::line(&url);
    match check(setup, &url) {
        Err(message) => {
            eprintln!("tidings: {message}");
            Ok(1)
        }
        Ok(Checked::Feed { title, items }) => {
            let found = match title {
                Some(title) => t!("cmd-add-found-titled", title = title, count = items),
                None => t!("cmd-add-found", count = items),
            };
            println!("{found}");
            subscribe(setup, &url, &req)
        }
        Ok(Checked::Page(candidates)) => {
            let n = candidates.len();
            let index = match req.pick {
                Some(p) if (1..=n).contains(&p) => p - 1,
                Some(p) => {
                    print_candidates(&mut std::io::stdout().lock(), &candidates);
                    eprintln!(
                        "tidings: {}",
                        t!("cmd-add-bad-pick", pick = p.to_string(), count = n)
                    );
                    return Ok(2);
                }
                None if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() => {
                    println!(
                        "{}",
                        t!("cmd-add-page-offers", url = shown.as_str(), count = n)
                    );
                    let stdin = std::io::stdin();
                    match prompt(&candidates, &mut stdin.lock(), &mut std::io::stdout()) {
                        Some(i) => i,
                        None => {
                            println!("{}", t!("cmd-add-nothing"));
                            return Ok(1);
                        }
                    }
                }
                None => {
                    print_candidates(&mut std::io::stdout().lock(), &candidates);
                    eprintln!(
                        "tidings: {}",
                        t!("cmd-add-page-not-feed", url = shown.as_str(), count = n)
                    );
                    return Ok(1);
                }
            };
            let chosen = &candidates[index];
            subscribe(setup, &chosen.url, &req)
        }
    }
}

fn check_scheme(url: &str) -> Result<(), AddError> {
    if url == crate::demo::DEMO_URL {
        return Ok(());
    }
    if let Some(full) = with_scheme(url) {
        return Err(AddError::NoScheme {
            typed: sanitize::line(url),
            full: sanitize::line(&full),
        });
    }
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https" | "file") => Ok(()),
        Ok(u) => Err(AddError::Scheme(sanitize::line(u.scheme()))),
        Err(source) => Err(AddError::InvalidUrl {
            url: sanitize::line(url),
            source,
        }),
    }
}

/// The URL someone meant when they typed an address without its scheme
/// (`example.com/feed`, `127.0.0.1:8765/de.xml`, `localhost:8080/x`): https for names,
/// http for IP addresses and localhost, which rarely have certificates.
fn with_scheme(typed: &str) -> Option<String> {
    if typed.contains("://") {
        return None;
    }
    let host_port = typed.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        Some(_) => return None, // a scheme such as mailto: or javascript:
        None => host_port,
    };
    let local = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok();
    let dotted_name = host.contains('.') && !host.starts_with('.') && !host.ends_with('.');
    if !(local || dotted_name) {
        return None;
    }
    let scheme = if local { "http" } else { "https" };
    let full = format!("{scheme}://{typed}");
    url::Url::parse(&full)
        .ok()
        .filter(|u| u.host_str().is_some())
        .map(|_| full)
}

/// Fetches the URL once and says what it is: a feed, or a page with at least one feed link.
/// Anything else is an error worded for the user.
fn check(setup: &Setup, url: &str) -> Result<Checked, AddError> {
    let shown = sanitize::line(url);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(AddError::Runtime)?;
    let poller = setup.poller_config();
    let client = fetch::client(&poller.limits, &poller.user_agent);
    let fetched = rt
        .block_on(fetch::fetch(
            &client,
            url,
            &Validators::default(),
            &poller.limits,
        ))
        .map_err(|source| AddError::Fetch {
            url: shown.clone(),
            source,
        })?;
    let Fetched::Document {
        bytes,
        content_type,
        final_url,
        ..
    } = fetched
    else {
        return Err(AddError::NotModified);
    };
    match classify(&bytes, content_type.as_deref(), &final_url) {
        Checked::Page(c) if c.is_empty() && looks_like_html(&bytes) => {
            Err(AddError::NoFeedLinks { url: shown })
        }
        Checked::Page(c) if c.is_empty() => Err(AddError::NotAFeed {
            url: shown,
            reason: not_a_feed(&bytes, content_type.as_deref(), &final_url),
        }),
        other => Ok(other),
    }
}

/// A fetched document as a feed, or as a web page with its advertised feeds.
pub fn classify(bytes: &[u8], content_type: Option<&str>, final_url: &str) -> Checked {
    match crate::feed::parse::parse(bytes, content_type, final_url) {
        Ok(feed) => Checked::Feed {
            title: feed.title,
            items: feed.items.len(),
        },
        Err(_) => {
            let text = crate::feed::charset::decode(bytes, content_type);
            Checked::Page(if looks_like_html(bytes) {
                discover::alternates(&text, final_url)
            } else {
                Vec::new()
            })
        }
    }
}

fn not_a_feed(bytes: &[u8], content_type: Option<&str>, final_url: &str) -> Option<ParseError> {
    crate::feed::parse::parse(bytes, content_type, final_url).err()
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<head")
}

fn print_candidates(out: &mut impl Write, candidates: &[Candidate]) {
    for (i, c) in candidates.iter().enumerate() {
        let untitled = t!("cmd-add-untitled");
        let title = c.title.as_deref().unwrap_or(&untitled);
        let _ = writeln!(out, "  {}. {title} [{}]\n     {}", i + 1, c.kind, c.url);
    }
}

/// The numbered menu: Enter takes the first, `q` or end of input cancels. Returns an index.
pub fn prompt(
    candidates: &[Candidate],
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Option<usize> {
    print_candidates(out, candidates);
    let n = candidates.len();
    loop {
        let _ = write!(out, "{} ", t!("prompt-add-which", last = n.to_string()));
        let _ = out.flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let answer = line.trim();
        if answer.is_empty() {
            return Some(0);
        }
        if answer.eq_ignore_ascii_case("q") {
            return None;
        }
        match answer.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => return Some(k - 1),
            _ => {
                let _ = writeln!(out, "{}", t!("prompt-add-number", last = n.to_string()));
            }
        }
    }
}

fn subscribe(setup: &Setup, url: &str, req: &Request) -> Result<i32, CommandError> {
    if setup.config.sync.is_some() {
        // The server holds the subscriptions (a title or tags of our own are not sent).
        let fresh = Setup::open(Some(&setup.paths.config_file), Some(&setup.paths.data_dir))
            .map_err(|e| CommandError::Sync(e.to_string()))?;
        return Ok(crate::sync_now::with_server(
            fresh,
            crate::sync_now::Change::Subscribe(url),
        ));
    }
    let feed = FeedConfig {
        url: url.to_string(),
        title: req.title.clone(),
        tags: req.tags.clone(),
        refresh_minutes: None,
        ..Default::default()
    };
    let added = config::add_feeds(&setup.paths.config_file, &[feed])?;
    if added == 0 {
        println!("{}", t!("cmd-add-already", url = sanitize::line(url)));
    } else {
        println!(
            "{}",
            t!(
                "cmd-add-subscribed",
                url = sanitize::line(url),
                file = setup.paths.config_file.display().to_string()
            )
        );
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(n: usize) -> Vec<Candidate> {
        (1..=n)
            .map(|i| Candidate {
                url: format!("https://s.example/{i}.xml"),
                title: Some(format!("Feed {i}")),
                kind: "RSS",
            })
            .collect()
    }

    fn answer(input: &str, n: usize) -> (Option<usize>, String) {
        let mut out = Vec::new();
        let picked = prompt(&candidates(n), &mut input.as_bytes(), &mut out);
        (picked, String::from_utf8(out).unwrap_or_default())
    }

    #[test]
    fn refused_addresses_keep_their_kind() {
        assert!(matches!(
            check_scheme("example.com/feed"),
            Err(AddError::NoScheme { full, .. }) if full == "https://example.com/feed"
        ));
        assert!(matches!(check_scheme("ftp://e.test/f"), Err(AddError::Scheme(s)) if s == "ftp"));
        assert!(matches!(
            check_scheme("http://[oops"),
            Err(AddError::InvalidUrl { .. })
        ));
        assert!(check_scheme("https://e.test/feed").is_ok());
    }

    #[test]
    fn prompt_takes_a_number_enter_or_q() {
        assert_eq!(answer("2\n", 3).0, Some(1));
        assert_eq!(answer("\n", 3).0, Some(0));
        assert_eq!(answer("q\n", 3).0, None);
        assert_eq!(answer("", 3).0, None);
        let (picked, shown) = answer("7\nx\n3\n", 3);
        assert_eq!(picked, Some(2));
        assert_eq!(shown.matches("Type a number from 1 to 3.").count(), 2);
        assert!(shown.contains("  1. Feed 1 [RSS]\n     https://s.example/1.xml"));
    }

    #[test]
    fn the_menu_asks_in_russian() {
        crate::i18n::with(crate::i18n::Lang::Ru, || {
            let (picked, shown) = answer("7\n2\n", 3);
            assert_eq!(picked, Some(1));
            assert!(
                shown.contains("На какую подписаться? [1-3, Enter = 1, q = отмена]: "),
                "{shown}"
            );
            assert!(shown.contains("Введите число от 1 до 3.\n"), "{shown}");
            let refused = check_scheme("example.com/feed").map_err(|e| e.to_string());
            assert_eq!(
                refused,
                Err(
                    "у example.com/feed нет http:// или https:// в начале; может быть, так:\n  \
                     tidings add https://example.com/feed"
                        .to_string()
                )
            );
        });
    }

    #[test]
    fn addresses_without_a_scheme_get_a_suggestion() {
        let s = |t: &str| with_scheme(t);
        assert_eq!(
            s("example.com/rss").as_deref(),
            Some("https://example.com/rss")
        );
        assert_eq!(s("example.com").as_deref(), Some("https://example.com"));
        assert_eq!(s("10.0.0.2:80/x").as_deref(), Some("http://10.0.0.2:80/x"));
        assert_eq!(
            s("localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        for none in [
            "https://a.example/x",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "feed",
            "tidings:demo",
            "",
        ] {
            assert_eq!(s(none), None, "{none}");
        }
    }

    #[test]
    fn classify_tells_feeds_pages_and_neither_apart() {
        let rss = b"<rss version=\"2.0\"><channel><title>T</title><item><title>a</title></item></channel></rss>";
        assert_eq!(
            classify(rss, None, "https://s.example/f"),
            Checked::Feed {
                title: Some("T".into()),
                items: 1
            }
        );
        let page = b"<!doctype html><html><head><link rel=alternate type=application/atom+xml href=/a></head></html>";
        assert!(
            matches!(classify(page, None, "https://s.example/p"), Checked::Page(c) if c.len() == 1)
        );
        assert_eq!(
            classify(b"just text", None, "https://s.example/t"),
            Checked::Page(Vec::new())
        );
    }
}
