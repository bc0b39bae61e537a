//! Contains panics of third-party parsers (feed-rs, quick-xml, html2text) on hostile input.
//!
//! The fuzzer found inputs on which they panic (a second `<?xml … encoding=…?>` inside a
//! document, an assertion in html2text's layout). [`catch`] turns such a panic into an error
//! value; while it runs, [`active`] is true so that the TUI's panic hook leaves the terminal
//! alone instead of restoring it for a crash that is not happening.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

static HOOK: std::sync::Once = std::sync::Once::new();

/// Makes the current panic hook skip panics that [`catch`] contains. The TUI calls this after
/// ratatui installed its terminal-restoring hook; [`catch`] calls it once for everyone else.
pub fn quiet_contained_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !active() {
            previous(info);
        }
    }));
}

/// A third-party parser panicked; `detail` is the panic's message (logged, not shown: it
/// may quote the hostile input).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("error-parser-panicked"))]
pub struct Panicked {
    pub detail: String,
}

/// Runs `f`; a panic inside becomes `Err`.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    HOOK.call_once(quiet_contained_panics);
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    result.map_err(|payload| {
        let detail = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown");
        tracing::error!("contained a panic on untrusted input: {detail}");
        Panicked {
            detail: detail.to_string(),
        }
    })
}

/// True on this thread while [`catch`] runs.
pub fn active() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_flag_is_scoped() {
        assert!(!active());
        let r: Result<(), Panicked> = catch(|| {
            assert!(active());
            panic!("boom")
        });
        assert!(r.is_err());
        assert!(!active());
        assert_eq!(catch(|| 7), Ok(7));
    }
}
