#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! tidings: a terminal news reader. The binary in `main.rs` only wires these together.

pub mod add;
pub mod app;
pub mod categories;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod effects;
pub mod feed;
pub mod filter;
pub mod fsutil;
pub mod html_guard;
pub mod model;
pub mod opml;
pub mod panic_guard;
pub mod paths;
pub mod render;
pub mod sanitize;
pub mod setup;
pub mod share;
pub mod store;
pub mod timefmt;
pub mod tui;
pub mod ui;
