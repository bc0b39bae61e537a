//! One sync from the command line (`tidings sync`, `tidings refresh`, `add` and `remove`
//! with `[sync]`): a change on the server if asked, then the cycle, the summary printed.
//! Its own module so that `add` and `manage` can use it without importing `commands`.

use crate::feed::fetch;
use crate::setup::Setup;
use crate::sync::{SyncError, secret, session};
use crate::t;

/// A change on the server, then a sync: the server's list is the feed list.
pub enum Change<'a> {
    None,
    Subscribe(&'a str),
    /// An import: each subscribed in turn; one that fails is said and the rest go on.
    SubscribeAll(&'a [String]),
    Unsubscribe {
        remote_id: String,
    },
}

/// One sync; the summary line, or the error (exit 1).
pub fn sync_now(setup: Setup) -> i32 {
    with_server(setup, Change::None)
}

/// `change` on the server, then one sync: what happened, or the error (exit 1).
pub fn with_server(mut setup: Setup, change: Change<'_>) -> i32 {
    let Some(config) = setup.config.sync.clone() else {
        let error = SyncError::NotConfigured(setup.paths.config_file.display().to_string());
        eprintln!("tidings: {}", t!("sync-failed", error = error.to_string()));
        return 2;
    };
    let rt = match crate::sync::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tidings: {}", t!("sync-failed", error = e.to_string()));
            return 1;
        }
    };
    let poller = setup.poller_config();
    let http = fetch::client(&poller.limits, &poller.user_agent);
    let limits = setup.limits();
    let refresh_secs = setup.config.general.refresh_minutes * 60;
    let data_dir = setup.paths.data_dir.clone();
    let server_name = config.kind.name();
    let result = rt.block_on(async {
        let server = crate::sync::cycle::Server::connect(
            &config,
            http,
            &poller.user_agent,
            &data_dir,
            secret::prompt_on_terminal,
        )
        .await?;
        match &change {
            Change::None => {}
            Change::Subscribe(url) => {
                server.subscribe(url).await?;
                println!(
                    "{}",
                    t!(
                        "sync-subscribed",
                        url = crate::sanitize::line(url),
                        server = server_name
                    )
                );
            }
            Change::SubscribeAll(urls) => {
                let mut done = 0;
                for url in urls.iter() {
                    match server.subscribe(url).await {
                        Ok(()) => done += 1,
                        Err(e) => {
                            eprintln!(
                                "{}",
                                t!(
                                    "sync-not-subscribed",
                                    url = crate::sanitize::line(url),
                                    error = e.to_string()
                                )
                            )
                        }
                    }
                }
                println!(
                    "{}",
                    t!(
                        "sync-subscribed-all",
                        done = done,
                        count = urls.len(),
                        server = server_name
                    )
                );
            }
            Change::Unsubscribe { remote_id } => server.unsubscribe(remote_id).await?,
        }
        let mut bar = TerminalProgress::new();
        let done = crate::sync::cycle::run(
            &server,
            &mut setup.db,
            limits,
            refresh_secs,
            crate::setup::now(),
            &mut |p| bar.show(p),
        )
        .await;
        bar.clear();
        done
    });
    match result {
        Ok(done) => {
            println!(
                "{}",
                t!(
                    "sync-done",
                    server = server_name,
                    summary = done.to_string()
                )
            );
            0
        }
        Err(e) => {
            eprintln!("tidings: {}", t!("sync-failed", error = e.to_string()));
            1
        }
    }
}

/// A long pull's progress on stderr, one line rewritten in place, when stderr is a
/// terminal (cron and pipes get only the summary).
struct TerminalProgress {
    on: bool,
    shown: bool,
    /// The sync's start, then the last redraw.
    last: std::time::Instant,
}

impl TerminalProgress {
    fn new() -> Self {
        use std::io::IsTerminal;
        TerminalProgress {
            on: std::io::stderr().is_terminal(),
            shown: false,
            last: std::time::Instant::now(),
        }
    }

    fn show(&mut self, p: crate::sync::cycle::Progress) {
        // A few redraws a second is plenty, and a sync done within the first 200 ms draws
        // none.
        let now = std::time::Instant::now();
        if !self.on || now.duration_since(self.last) < std::time::Duration::from_millis(200) {
            return;
        }
        self.last = now;
        let bar = p.total.map_or(String::new(), |t| {
            format!(" {}", crate::sync::cycle::bar(p.articles, t, 20))
        });
        eprint!(
            "\r\x1b[2K{}{bar}",
            t!("sync-progress-line", progress = p.to_string())
        );
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }
}

/// Logs in with the configured account and keeps the session; what to print.
pub fn login(setup: &Setup) -> Result<String, SyncError> {
    let Some(config) = setup.config.sync.clone() else {
        return Err(SyncError::NotConfigured(
            setup.paths.config_file.display().to_string(),
        ));
    };
    let password = secret::password(&config, secret::prompt_on_terminal)?;
    let poller = setup.poller_config();
    let http = fetch::client(&poller.limits, &poller.user_agent);
    let mut server = crate::sync::cycle::Server::new(&config, http);
    let level = crate::sync::runtime()?.block_on(server.log_in(
        &config,
        &password,
        &poller.user_agent,
        &setup.paths.data_dir,
    ))?;
    let path = session::path_in(&setup.paths.data_dir);
    let server = config.kind.name();
    let url = crate::sanitize::line(&config.url);
    let user = crate::sanitize::line(&config.user);
    let path = path.display().to_string();
    Ok(match level {
        Some(level) => t!(
            "sync-logged-in-level",
            server = server,
            url = url,
            user = user,
            level = level.to_string(),
            path = path
        ),
        None => t!(
            "sync-logged-in",
            server = server,
            url = url,
            user = user,
            path = path
        ),
    })
}

/// With `[sync]` asking for the password on the terminal and no session kept for the
/// account, logs in now, before the reader takes the screen: it cannot ask later. What
/// happened, for stderr; None when nothing was needed.
pub fn log_in_before_reader(setup: &Setup) -> Option<Result<String, SyncError>> {
    use std::io::IsTerminal;
    let config = setup.config.sync.as_ref()?;
    if !config.password_command.is_empty() || config.password_env.is_some() {
        return None;
    }
    let user_agent = setup.poller_config().user_agent;
    let kept = session::load(&session::path_in(&setup.paths.data_dir))
        .filter(|s| s.is_for(config.kind, &config.url, &config.user) && s.user_agent == user_agent);
    if kept.is_some() || !std::io::stdin().is_terminal() {
        return None;
    }
    Some(login(setup))
}
