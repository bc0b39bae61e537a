//! `tidings sync login` and `tidings sync logout`: the account in `[sync]` checked against
//! the server, and the session kept (or forgotten) in the data directory.

use crate::cli::SyncCommand;
use crate::headless::CommandError;
use crate::setup::Setup;
use crate::sync::{SyncError, session};
use crate::t;

pub fn run(setup: Setup, what: Option<SyncCommand>) -> Result<i32, CommandError> {
    match what {
        None => Ok(crate::sync_now::sync_now(setup)),
        Some(SyncCommand::Login) => Ok(report(crate::sync_now::login(&setup))),
        Some(SyncCommand::Logout) => {
            let path = session::path_in(&setup.paths.data_dir);
            session::remove(&path);
            println!(
                "{}",
                t!("cmd-sync-logged-out", path = path.display().to_string())
            );
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
            eprintln!(
                "tidings: {}",
                t!("cmd-sync-login-failed", error = e.to_string())
            );
            1
        }
    }
}
