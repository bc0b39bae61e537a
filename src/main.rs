//! tidings: wiring only. See docs/ARCHITECTURE.md.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, IsTerminal, Write};
use tidings::cli::Command;
use tidings::setup::{Fallback, NewConfig, Setup, SetupError};
use tidings::t;

fn main() {
    // Before any connection: SQLite takes this only then (db::subjournal).
    tidings::db::subjournal::keep_in_memory();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help and errors of the command line are already in the user's language, so the config's
    // `language` is read before the arguments are.
    tidings::i18n::set(tidings::i18n::choose(
        tidings::setup::peek_language(&args).as_deref(),
    ));
    let cli = tidings::cli::localize::parse_from(args);
    // Neither writes a config nor opens the database.
    match &cli.command {
        Some(Command::Man) => {
            exit_on_write_error(tidings::cli::generate::man(&mut std::io::stdout()))
        }
        Some(Command::Completions { shell }) => {
            tidings::cli::generate::completions(*shell, &mut std::io::stdout());
            std::process::exit(0);
        }
        _ => {}
    }
    // A first `add` or `import` writes a config with the user's feeds only.
    let new = match &cli.command {
        Some(Command::Add { .. } | Command::Import { .. }) => NewConfig::Template,
        _ => NewConfig::Starter,
    };
    let setup = match Setup::open_with(cli.config.as_deref(), cli.data_dir.as_deref(), new) {
        Ok(s) => s,
        Err(SetupError::Config(e)) if cli.command.is_none() && interactive() => {
            eprintln!("tidings: {e}");
            let fallback = Setup::fallback(cli.config.as_deref(), cli.data_dir.as_deref());
            if !ask(&question(&fallback)) {
                std::process::exit(2);
            }
            let error = e.to_string();
            Setup::open_on_fallback(
                cli.config.as_deref(),
                cli.data_dir.as_deref(),
                error,
                fallback,
            )
            .unwrap_or_else(|e| {
                eprintln!("tidings: {e}");
                std::process::exit(2);
            })
        }
        Err(e) => {
            eprintln!("tidings: {e}");
            std::process::exit(2);
        }
    };
    tidings::i18n::set(tidings::i18n::choose(Some(&setup.config.general.language)));
    tidings::timefmt::set_style(setup.config.general.date_style());
    let _log = init_logging(&setup.paths.log_dir);
    let code = match cli.command {
        None => match tidings::tui::run(setup) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("tidings: {e}");
                1
            }
        },
        Some(cmd) => match tidings::commands::run(cmd, setup) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("tidings: {e}");
                1
            }
        },
    };
    std::process::exit(code);
}

fn exit_on_write_error(written: std::io::Result<()>) -> ! {
    match written {
        Ok(()) => std::process::exit(0),
        // A closed pipe (`tidings man | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("tidings: {e}");
            std::process::exit(1);
        }
    }
}

/// Says what running anyway would mean, and asks whether to.
fn question(fallback: &Fallback) -> String {
    match fallback {
        Fallback::Salvaged { config, broken } => {
            let mut q = String::new();
            if !broken.is_empty() {
                q.push_str(&t!("config-salvage-broken"));
                q.push('\n');
            }
            for b in broken {
                q.push_str(&format!("  - {}\n", b.message));
            }
            q.push_str(&t!("config-salvage-ask", count = config.feeds.len()));
            q.push(' ');
            q
        }
        Fallback::Defaults => format!("{} ", t!("config-salvage-ask-defaults")),
    }
}

/// Someone can answer a question: the reader is about to take this terminal anyway.
fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Asks on stderr, reads one line in cooked mode (before the reader enters raw mode).
fn ask(question: &str) -> bool {
    let mut err = std::io::stderr();
    let _ = err
        .write_all(question.as_bytes())
        .and_then(|()| err.flush());
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    // The English answer is taken in every language: [y/N] says so.
    let answer = answer.trim().to_lowercase();
    matches!(answer.as_str(), "y" | "yes")
        || t!("config-salvage-yes")
            .split('|')
            .any(|yes| !yes.is_empty() && yes == answer)
}

/// Logs go to a file: the terminal belongs to the UI.
fn init_logging(dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, "tidings.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("TIDINGS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_env_filter(filter)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}
