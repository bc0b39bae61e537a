//! `tidings sync login` and `tidings sync logout`: the account in `[sync]` checked against
//! the server, and the session kept (or forgotten) in the data directory.

use crate::cli::SyncCommand;
use crate::feed::fetch;
use crate::headless::CommandError;
use crate::setup::Setup;
use crate::sync::{SyncError, secret, session};

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
    let poller = setup.poller_config();
    let http = fetch::client(&poller.limits, &poller.user_agent);
    let mut server = crate::sync::cycle::Server::new(&config, http);
    let level = crate::sync::runtime()?.block_on(server.log_in(
        &config,
        &password,
        &poller.user_agent,
        &setup.paths.data_dir,
    ))?;
    let level = level.map_or(String::new(), |l| format!(" (API level {l})"));
    let path = session::path_in(&setup.paths.data_dir);
    Ok(format!(
        "Logged in to {} at {} as {}{level}; the session is kept in {} (the password is not)",
        config.kind.name(),
        crate::sanitize::line(&config.url),
        crate::sanitize::line(&config.user),
        path.display()
    ))
}
