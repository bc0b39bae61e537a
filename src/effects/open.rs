//! Opening a link in the browser: only http(s) URLs, and always as an argument list.

use crate::t;
use std::process::{Command, Stdio};

/// Why a link was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{}", t!("open-invalid-url"))]
    InvalidUrl(#[source] url::ParseError),
    /// Only http and https are handed to a browser; this is the scheme refused.
    #[error("{}", t!("open-scheme", scheme = .0.as_str()))]
    Scheme(String),
    #[error("{}", t!("open-invalid-mailto"))]
    InvalidMailto(#[source] url::ParseError),
    #[error("{}", t!("open-not-mailto"))]
    NotMailto,
    #[error("{}", t!("open-no-command"))]
    NoCommand,
    #[error("{}", t!("open-cannot-start", program = .program.as_str(), why = .source.to_string()))]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

/// Checks that `url` is an absolute http or https URL.
pub fn check_url(url: &str) -> Result<url::Url, OpenError> {
    let parsed = url::Url::parse(url).map_err(OpenError::InvalidUrl)?;
    match parsed.scheme() {
        "http" | "https" => Ok(parsed),
        other => Err(OpenError::Scheme(other.to_string())),
    }
}

/// The argument list to run. `configured` is `general.browser` from config (with `{url}`
/// placeholders, or the URL appended when it has none); else $BROWSER (its first entry,
/// split on whitespace, `%s` replaced); else the platform opener.
pub fn command(
    url: &str,
    configured: &[String],
    browser_env: Option<&str>,
) -> Result<Vec<String>, OpenError> {
    let checked = check_url(url)?;
    let url = checked.as_str();
    let template: Vec<String> = if !configured.is_empty() {
        configured.to_vec()
    } else if let Some(b) = browser_env.and_then(|b| b.split(':').find(|s| !s.trim().is_empty())) {
        b.split_whitespace().map(str::to_owned).collect()
    } else if cfg!(target_os = "macos") {
        vec!["open".into()]
    } else {
        vec!["xdg-open".into()]
    };
    // Split first, then substitute per argument: the URL is always exactly one argument.
    let mut placed = false;
    let mut argv: Vec<String> = template
        .iter()
        .map(|arg| {
            if arg.contains("{url}") || arg.contains("%s") {
                placed = true;
                arg.replace("{url}", url).replace("%s", url)
            } else {
                arg.clone()
            }
        })
        .collect();
    if !placed {
        argv.push(url.to_string());
    }
    Ok(argv)
}

/// The platform opener for a `mailto:` link: it hands it to the user's mail program.
pub fn mail_command(mailto: &str) -> Result<Vec<String>, OpenError> {
    let parsed = url::Url::parse(mailto).map_err(OpenError::InvalidMailto)?;
    if parsed.scheme() != "mailto" {
        return Err(OpenError::NotMailto);
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Ok(vec![opener.to_string(), parsed.as_str().to_string()])
}

/// Browsers that draw in the terminal they are started from: these get the terminal
/// (the reader steps aside until they exit) instead of being started detached.
const TERMINAL_BROWSERS: [&str; 12] = [
    "w3m",
    "lynx",
    "links",
    "links2",
    "elinks",
    "browsh",
    "carbonyl",
    "cha",
    "chawan",
    "netrik",
    "edbrowse",
    "www-browser",
];

/// Whether `argv` starts a browser that needs the terminal.
pub fn runs_in_terminal(argv: &[String]) -> bool {
    argv.first()
        .and_then(|prog| std::path::Path::new(prog).file_name())
        .and_then(|name| name.to_str())
        .is_some_and(|name| TERMINAL_BROWSERS.contains(&name))
}

/// Starts the browser detached from the terminal and reaps it in the background.
pub fn spawn(argv: &[String]) -> Result<(), OpenError> {
    let (prog, args) = argv.split_first().ok_or(OpenError::NoCommand)?;
    let mut child = Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| OpenError::Start {
            program: prog.clone(),
            source,
        })?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_keep_their_kind() {
        assert!(matches!(
            check_url("javascript:alert(1)"),
            Err(OpenError::Scheme(s)) if s == "javascript"
        ));
        assert!(matches!(check_url("-x"), Err(OpenError::InvalidUrl(_))));
        assert!(matches!(
            mail_command("https://e.com/"),
            Err(OpenError::NotMailto)
        ));
        assert!(matches!(spawn(&[]), Err(OpenError::NoCommand)));
        assert!(matches!(
            spawn(&["tidings-no-such-browser-xyz".into()]),
            Err(OpenError::Start { .. })
        ));
    }

    #[test]
    fn only_http_and_https() {
        assert!(command("https://example.com/a", &[], None).is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "-x",
            "ftp://x/",
        ] {
            assert!(command(bad, &[], None).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_browsers_get_the_terminal() {
        let argv = |b: &str| command("https://e.com/", &[], Some(b)).expect("valid");
        assert!(runs_in_terminal(&argv("w3m")));
        assert!(runs_in_terminal(&argv("/usr/bin/lynx -accept_all_cookies")));
        assert!(runs_in_terminal(&argv("elinks:firefox")));
        assert!(!runs_in_terminal(&argv("firefox")));
        assert!(!runs_in_terminal(&argv("xdg-open")));
        assert!(!runs_in_terminal(&argv("w3m-wrapper")));
        assert!(!runs_in_terminal(&[]));
    }

    #[test]
    fn url_stays_one_argument() {
        let url = "https://example.com/a?q=$(touch x);b=`id`&c='d'";
        let argv = command(url, &[], Some("firefox --new-tab")).expect("valid");
        assert_eq!(argv.len(), 3);
        assert_eq!(argv[0], "firefox");
        assert_eq!(argv[1], "--new-tab");
        assert!(argv[2].starts_with("https://example.com/a?q="));
        let argv = command(url, &["my-browser".into(), "--url={url}".into()], None).expect("valid");
        assert_eq!(argv.len(), 2);
        assert!(argv[1].starts_with("--url=https://"));
        let argv = command("https://e.com/", &[], Some("w3m %s:lynx")).expect("valid");
        assert_eq!(argv, vec!["w3m".to_string(), "https://e.com/".to_string()]);
    }
}
