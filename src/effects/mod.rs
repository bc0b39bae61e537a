//! Effects that leave the process: opening links, the clipboard, questions to the index.

pub mod clipboard;
pub mod files;
pub mod open;
pub mod search;
