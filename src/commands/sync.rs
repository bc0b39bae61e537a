//! `tidings sync login` and `tidings sync logout`: the account in `[sync]` checked against
//! the server, and the session kept (or forgotten) in the data directory.

use crate::cli::SyncCommand;
use crate::feed::fetch;
use crate::headless::CommandError;
use crate::setup::Setup;
use crate::sync::{SyncError, SyncKind, greader, secret, session, ttrss};

pub fn run(setup: Setup, what: Option<SyncCommand>) -> Result<i32, CommandError> {
    match what {
        None => Ok(crate::sync_now::sync_now(setup)),
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
