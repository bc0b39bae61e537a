//! Effects that leave the process: opening links, the clipboard.

pub mod clipboard;
pub mod open;
