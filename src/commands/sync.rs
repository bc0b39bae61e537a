//! `tidings sync login` and `tidings sync logout`: the account in `[sync]` checked against
//! the server, and the session kept (or forgotten) in the data directory.

use crate::cli::SyncCommand;
use crate::feed::fetch;
use crate::headless::CommandError;
use crate::setup::Setup;
use crate::sync::{SyncError, SyncKind, greader, secret, session, ttrss};

pub fn run(setup: Setup, what: Option<SyncCommand>) -> Result<i32, CommandError> {
    match what {
        None => Ok(sync_now(setup)),
        Some(SyncCommand::Login) => Ok(report(login(&setup))),
        Some(SyncCommand::Logout) => {
            let path = session::path_in(&setup.paths.data_dir);
            session::remove(&path);
            println!("Logged out: the session in {} is gone", path.display());
            Ok(0)
        }
    }
}

fn report(result: Result<String, SyncError>) -> i32 {
    match result {
        Ok(done) => {
            println!("{done}");
            0
        }
        Err(e) => {
            eprintln!("tidings: sync login: {e}");
            1
        }
    }
}

/// Logs in with the configured account and keeps the session; what to print.
fn login(setup: &Setup) -> Result<String, SyncError> {
    let Some(config) = setup.config.sync.clone() else {
        return Err(SyncError::NotConfigured(
            setup.paths.config_file.display().to_string(),
        ));
    };
    let password = secret::password(&config, secret::prompt_on_terminal)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Unreachable {
            url: config.url.clone(),
            why: format!("cannot start the runtime: {e}"),
        })?;
    let poller = setup.poller_config();
    let http = fetch::client(&poller.limits, &poller.user_agent);
    let (token, level) = match config.kind {
        SyncKind::Ttrss => {
            let mut client = ttrss::Client::new(http, &config.url, &config.user);
            let level = rt.block_on(client.login(&password))?;
            let sid = client.session().unwrap_or_default().to_string();
            (sid, format!(" (API level {level})"))
        }
        SyncKind::Greader => {
            let mut client = greader::Client::new(http, &config.url, &config.user);
            rt.block_on(client.login(&password))?;
            // The login alone does not show that the reading API answers.
            if !rt.block_on(client.check_session())? {
                return Err(SyncError::SessionExpired);
            }
            (
                client.session().unwrap_or_default().to_string(),
                String::new(),
            )
        }
    };
    let path = session::path_in(&setup.paths.data_dir);
    session::save(
        &path,
        &session::Session::new(
            config.kind,
            &config.url,
            &config.user,
            token,
            &poller.user_agent,
        ),
    )?;
    Ok(format!(
        "Logged in to {} at {} as {}{level}; the session is kept in {} (the password is not)",
        config.kind.name(),
        crate::sanitize::line(&config.url),
        crate::sanitize::line(&config.user),
        path.display()
    ))
}

/// A change on the server, then a sync: the server's list is the feed list.
pub enum Change<'a> {
    None,
    Subscribe(&'a str),
    Unsubscribe { remote_id: String },
}

/// One sync; the summary line, or the error (exit 1).
pub fn sync_now(setup: Setup) -> i32 {
    with_server(setup, Change::None)
}

/// `change` on the server, then one sync: what happened, or the error (exit 1).
pub fn with_server(mut setup: Setup, change: Change<'_>) -> i32 {
    let Some(config) = setup.config.sync.clone() else {
        eprintln!(
            "tidings: sync: {}",
            SyncError::NotConfigured(setup.paths.config_file.display().to_string())
        );
        return 2;
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tidings: sync: cannot start the runtime: {e}");
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
                    "Subscribed to {} on the {server_name} server",
                    crate::sanitize::line(url)
                );
            }
            Change::Unsubscribe { remote_id } => server.unsubscribe(remote_id).await?,
        }
        crate::sync::cycle::run(
            &server,
            &mut setup.db,
            limits,
            refresh_secs,
            crate::setup::now(),
        )
        .await
    });
    match result {
        Ok(done) => {
            println!("Synced with {server_name}: {done}");
            0
        }
        Err(e) => {
            eprintln!("tidings: sync: {e}");
            1
        }
    }
}
