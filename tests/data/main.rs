//! The data on real files: the config file, the SQLite store and its writer, a full disk,
//! two processes on one data directory.
#[path = "../cli_env/mod.rs"]
mod cli_env;
#[path = "../common/mod.rs"]
mod common;
#[path = "../tmux/mod.rs"]
mod tmux;

mod auto_downloads;
mod config_file;
mod config_paths;
mod config_salvage;
mod config_tags;
mod data_full_disk;
mod data_two_processes;
mod db_errors;
mod db_perf;
mod db_store;
mod db_store_load;
mod db_vacuum;
mod db_writer;
