//! Where SQLite keeps a savepoint's journal.
//!
//! The writer commits each batch with a savepoint per command (`db::writer`), so SQLite
//! copies every page a command changes that existed before it into the savepoint's journal
//! first. That journal lives in memory only up to 64 KiB (SQLite's default); an ingest of
//! one feed changes more, so it spilled to a temporary file: in a first refresh's profile,
//! writing it was a third of the writer thread's time, mostly system calls. Raising the
//! bound keeps it in memory; SQLite empties it when the command's savepoint is released,
//! so at most one command's worth is held.

/// A savepoint's journal stays in memory up to this many bytes, then spills as before.
pub const IN_MEMORY_UP_TO: i32 = 16 << 20;

/// Sets the bound for the process. SQLite takes it only before its first connection is
/// opened, and only while no other thread uses SQLite: call it first thing in `main`.
/// True if SQLite took it.
pub fn keep_in_memory() -> bool {
    // SAFETY: sqlite3_config with SQLITE_CONFIG_STMTJRNL_SPILL reads one int argument and
    // sets a global; it returns SQLITE_MISUSE (changing nothing) once SQLite is initialised.
    // Called from `main` before any thread or connection exists, nothing else reads it meanwhile.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_config(
            rusqlite::ffi::SQLITE_CONFIG_STMTJRNL_SPILL,
            std::ffi::c_int::from(IN_MEMORY_UP_TO),
        )
    };
    rc == rusqlite::ffi::SQLITE_OK
}

#[cfg(test)]
mod tests {
    /// Once SQLite runs, the setting is refused and nothing else changes: a late call (a
    /// second `main`, a library user) is harmless.
    #[test]
    fn a_late_call_is_refused_harmlessly() {
        let conn = rusqlite::Connection::open_in_memory().expect("open");
        assert!(!super::keep_in_memory());
        let one: i64 = conn.query_row("SELECT 1", [], |r| r.get(0)).expect("query");
        assert_eq!(one, 1);
    }
}
