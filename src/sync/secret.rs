//! The sync password, taken when a login needs it and then forgotten: from
//! `password_command` (argv, no shell, a timeout, its first line), else the environment
//! variable `password_env` names, else a prompt without echo on the terminal. tidings never
//! writes it anywhere; what it keeps between runs is the server's session (`session`).

use super::{SyncConfig, SyncError};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `password_command` may take (a password manager may ask for a passphrase).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// More than a password: the command printed something else.
const MAX_OUTPUT: usize = 64 * 1024;

/// Where the password comes from, for messages.
pub fn source(config: &SyncConfig) -> String {
    match (config.password_command.first(), &config.password_env) {
        (Some(program), _) => format!("password_command ({program})"),
        (None, Some(var)) => format!("${var}"),
        (None, None) => crate::t!("sync-password-prompt-source"),
    }
}

/// The password, from the first source the settings name. `prompt` asks on the
/// terminal; None when there is none to ask on.
pub fn password(
    config: &SyncConfig,
    prompt: impl FnOnce(&str) -> Option<String>,
) -> Result<String, SyncError> {
    if !config.password_command.is_empty() {
        return from_command(&config.password_command);
    }
    if let Some(var) = &config.password_env {
        return std::env::var(var).map_err(|_| {
            SyncError::Password(crate::t!("sync-password-env-unset", var = var.as_str()))
        });
    }
    let question = crate::t!(
        "prompt-sync-password",
        user = config.user.as_str(),
        url = config.url.as_str()
    );
    prompt(&format!("{question} "))
        .ok_or_else(|| SyncError::Password(crate::t!("sync-password-none")))
}

/// The first line `argv` prints, without its line end.
pub fn from_command(argv: &[String]) -> Result<String, SyncError> {
    let Some((program, args)) = argv.split_first() else {
        return Err(SyncError::Password(crate::t!(
            "sync-password-command-empty"
        )));
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| {
            SyncError::Password(crate::t!(
                "sync-password-cannot-run",
                program = program.as_str(),
                error = e.to_string()
            ))
        })?;
    let mut out = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = stdout.take(MAX_OUTPUT as u64 + 1).read_to_end(&mut out);
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > COMMAND_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SyncError::Password(crate::t!(
                    "sync-password-timeout",
                    program = program.as_str(),
                    secs = COMMAND_TIMEOUT.as_secs().to_string()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(SyncError::Password(format!("{program}: {e}"))),
        }
    };
    if !status.success() {
        return Err(SyncError::Password(crate::t!(
            "sync-password-failed",
            program = program.as_str(),
            status = status.to_string()
        )));
    }
    if out.len() > MAX_OUTPUT {
        return Err(SyncError::Password(crate::t!(
            "sync-password-too-long",
            program = program.as_str()
        )));
    }
    let text = String::from_utf8(out).map_err(|_| {
        SyncError::Password(crate::t!(
            "sync-password-not-utf8",
            program = program.as_str()
        ))
    })?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(SyncError::Password(crate::t!(
            "sync-password-empty",
            program = program.as_str()
        )));
    }
    Ok(line.to_string())
}

/// Asks on the terminal with echo off; None without one.
pub fn prompt_on_terminal(question: &str) -> Option<String> {
    use std::io::{IsTerminal, Write};
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    if !tty.is_terminal() {
        return None;
    }
    let fd = std::os::fd::AsRawFd::as_raw_fd(&tty);
    // SAFETY: termios of an open terminal; restored below.
    let mut term: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut term) } != 0 {
        return None;
    }
    let saved = term;
    term.c_lflag &= !libc::ECHO;
    term.c_lflag |= libc::ECHONL;
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &term) };
    let mut writer = &tty;
    let _ = writer.write_all(question.as_bytes());
    let _ = writer.flush();
    let mut line = String::new();
    let read = std::io::BufRead::read_line(&mut std::io::BufReader::new(&tty), &mut line);
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    read.ok()?;
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    (!line.is_empty()).then_some(line)
}
