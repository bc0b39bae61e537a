//! Effects that leave the process: the runner that carries out every `Effect`, and what it
//! hands work to (opening links, the clipboard, the user's files, questions to the index).

pub mod clipboard;
pub mod downloads;
pub mod files;
pub mod open;
pub mod pictures;
pub mod player;
pub mod runner;
pub mod search;
