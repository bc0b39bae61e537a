//! `downloads.lock` beside the database: one process runs the queue at a time (two would
//! write the same `.part`). The holder writes its pid into the file, so another process can
//! say who runs the queue; the lock itself is the kernel's (`flock`), released when the
//! holder exits however it exits.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

pub fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .read(true)
        .write(true)
        .truncate(false)
        .open(path)
}

/// Takes the lock on `file` without waiting: true when this process now holds it.
pub fn try_take(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => {
            write_pid(file);
            Ok(true)
        }
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Best effort: the pid only names the holder in a message.
fn write_pid(mut file: &File) {
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = write!(file, "{}", std::process::id());
    let _ = file.flush();
}

/// The pid the holder wrote, if the file names one.
pub fn holder(path: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(32)
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}
