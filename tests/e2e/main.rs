//! The real binary in tmux, and kill -9 loops of it: what a user at a terminal sees.
#[path = "../support/mod.rs"]
mod support;
#[path = "../tmux/mod.rs"]
mod tmux;

mod data_e2e;
mod data_kill;
mod fulltext_tmux;
mod language_tmux;
mod pictures_tmux;
mod player_tmux;
mod share_tmux;
mod tui_e2e;
