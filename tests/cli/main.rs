//! The command line end to end: the built binary on temp dirs, file:// feeds and loopback
//! servers.
#[path = "../cli_env/mod.rs"]
mod cli_env;
#[path = "../hostile/mod.rs"]
mod hostile;
#[path = "../support/mod.rs"]
mod support;
#[path = "../tmux/mod.rs"]
mod tmux;

mod cli;
mod cli_subscriptions;
mod download_cli;
mod download_reader;
mod fulltext_cli;
mod hostile_cli;
mod language_cli;
mod play_cli;
mod search_cli;
mod share_cli;
mod sync_cli;
