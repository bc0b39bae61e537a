//! Custom share targets: an argument list from config with placeholders, run without a shell.

use super::ShareError;
use crate::t;
use std::process::Stdio;
use std::time::Duration;

/// The values placeholders stand for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub url: String,
    pub title: String,
    pub feed: String,
    pub author: String,
    /// Path of the article saved as Markdown; only set when the template uses `{file}`.
    pub file: Option<String>,
}

impl Fields {
    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "url" => Some(&self.url),
            "title" => Some(&self.title),
            "feed" => Some(&self.feed),
            "author" => Some(&self.author),
            "file" => Some(self.file.as_deref().unwrap_or_default()),
            _ => None,
        }
    }
}

/// Whether any argument of `template` holds `placeholder` (e.g. `"{file}"`).
pub fn uses(template: &[String], placeholder: &str) -> bool {
    template.iter().any(|a| a.contains(placeholder))
}

/// The argument list: each template argument with its placeholders replaced. The template is
/// already split, so a value (however hostile) stays inside the one argument it was put in.
pub fn argv(template: &[String], fields: &Fields) -> Vec<String> {
    substitute(template, |name| fields.get(name).map(str::to_owned))
}

/// Replaces `{name}` where `lookup` knows the name, in one left-to-right pass per argument:
/// text that was substituted in is never scanned again, so a title holding `{url}` stays so.
pub fn substitute(template: &[String], lookup: impl Fn(&str) -> Option<String>) -> Vec<String> {
    template
        .iter()
        .map(|arg| {
            let mut out = String::with_capacity(arg.len());
            let mut rest = arg.as_str();
            while let Some(open) = rest.find('{') {
                out.push_str(&rest[..open]);
                let after = &rest[open + 1..];
                let replaced = after
                    .find('}')
                    .and_then(|close| lookup(&after[..close]).map(|value| (value, close)));
                match replaced {
                    Some((value, close)) => {
                        out.push_str(&value);
                        rest = &after[close + 1..];
                    }
                    None => {
                        out.push('{');
                        rest = after;
                    }
                }
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// Splits a command line typed by the user into arguments the way a shell would group
/// words, and nothing more: whitespace separates, `'…'` is literal, `"…"` groups (with `\"`
/// and `\\` escaped), a backslash outside quotes takes the next character as is. No
/// variables, globs, pipes or redirections: the first word is the program.
pub fn split(line: &str) -> Result<Vec<String>, ShareError> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    args.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                        None => return Err(ShareError::Unclosed('\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => cur.push(c),
                            Some(c) => {
                                cur.push('\\');
                                cur.push(c);
                            }
                            None => return Err(ShareError::Unclosed('"')),
                        },
                        Some(c) => cur.push(c),
                        None => return Err(ShareError::Unclosed('"')),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    cur.push(c);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        args.push(cur);
    }
    Ok(args)
}

/// Output kept from a background command, in bytes.
const OUTPUT_CAP: usize = 64 * 1024;
/// How long output is still read after the program exited.
const OUTPUT_GRACE: Duration = Duration::from_millis(300);
/// Characters of an error line shown in the status bar.
const MESSAGE_CHARS: usize = 120;

/// Runs a target that does not need the terminal: stdin and stdout closed, stderr captured
/// (capped), killed after `timeout`. The answer is a status-bar message either way.
pub async fn run_background(
    name: &str,
    argv: &[String],
    timeout: Duration,
) -> Result<String, ShareError> {
    let name = crate::sanitize::line(name);
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| ShareError::EmptyCommand { name: name.clone() })?;
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        // Nothing may reach the terminal the UI owns; only stderr is read, for the message.
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| start_error(&name, program, e))?;
    let mut drain_err = tokio::spawn(read_capped(child.stderr.take()));
    let status = match tokio::time::timeout(timeout, child.wait()).await {
        Ok(Ok(status)) => status,
        Ok(Err(source)) => return Err(ShareError::Wait { name, source }),
        Err(_) => {
            let _ = child.kill().await;
            drain_err.abort();
            return Err(ShareError::TimedOut {
                name,
                secs: timeout.as_secs().max(1),
            });
        }
    };
    // A program that started something long-lived (a browser, a daemon) may have handed it
    // our pipes; its own exit is what counts, so the rest of the output gets a short grace.
    let stderr = match tokio::time::timeout(OUTPUT_GRACE, &mut drain_err).await {
        Ok(Ok(bytes)) => bytes,
        _ => Vec::new(),
    };
    drain_err.abort();
    if status.success() {
        Ok(format!("share '{name}' done"))
    } else {
        Err(failure(&name, status, &stderr))
    }
}

/// Runs a target that needs the terminal (the caller has suspended the UI) and waits for it.
pub fn run_foreground(name: &str, argv: &[String]) -> Result<String, ShareError> {
    let name = crate::sanitize::line(name);
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| ShareError::EmptyCommand { name: name.clone() })?;
    let status = std::process::Command::new(program)
        .args(args)
        .status()
        .map_err(|e| start_error(&name, program, e))?;
    if status.success() {
        Ok(format!("share '{name}' done"))
    } else {
        Err(failure(&name, status, &[]))
    }
}

/// Runs `argv` in the terminal (the caller has suspended the UI) with `input` on its stdin,
/// then waits for Enter so its output can be read before the UI comes back.
pub fn run_piped(argv: &[String], input: &[u8]) -> Result<String, ShareError> {
    use std::io::Write;
    let (program, args) = argv.split_first().ok_or(ShareError::NothingToPipe)?;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|source| {
            let program = crate::sanitize::line(program);
            if source.kind() == std::io::ErrorKind::NotFound {
                ShareError::PipeNotFound { program }
            } else {
                ShareError::PipeCannotStart { program, source }
            }
        })?;
    // Written from a thread: a program that reads little (`head`) must not block us, and
    // one that exits early closes the pipe, which is no error of ours.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let status = child.wait().map_err(ShareError::PipeWait)?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    let mut out = std::io::stdout();
    let _ = write!(out, "\r\n[tidings] {} ", t!("share-press-enter"));
    let _ = out.flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    let program = crate::sanitize::line(program);
    if status.success() {
        Ok(t!("share-piped", program = program.as_str()))
    } else {
        let how = match status.code() {
            Some(code) => t!("process-exit", code = code.to_string()),
            None => t!("process-killed"),
        };
        Err(ShareError::PipeFailed { program, how })
    }
}

fn start_error(name: &str, program: &str, source: std::io::Error) -> ShareError {
    let name = name.to_string();
    let program = crate::sanitize::line(program);
    if source.kind() == std::io::ErrorKind::NotFound {
        ShareError::NotFound { name, program }
    } else {
        ShareError::CannotStart {
            name,
            program,
            source,
        }
    }
}

fn failure(name: &str, status: std::process::ExitStatus, stderr: &[u8]) -> ShareError {
    let how = match status.code() {
        Some(code) => t!("process-exit", code = code.to_string()),
        None => t!("process-killed"),
    };
    let text = String::from_utf8_lossy(stderr);
    let first = text
        .lines()
        .map(crate::sanitize::line)
        .find(|l| !l.is_empty());
    ShareError::Failed {
        name: name.to_string(),
        how,
        line: first.map(|line| line.chars().take(MESSAGE_CHARS).collect()),
    }
}

/// Reads a pipe to its end, keeping the first [`OUTPUT_CAP`] bytes; the rest is discarded so a
/// chatty command never blocks on a full pipe.
async fn read_capped(pipe: Option<impl tokio::io::AsyncRead + Unpin>) -> Vec<u8> {
    use tokio::io::AsyncReadExt;
    let Some(mut pipe) = pipe else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = OUTPUT_CAP.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    kept
}
