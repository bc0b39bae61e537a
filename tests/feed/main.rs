//! Feeds from the outside in: fetching over loopback (feeds and podcast downloads), parsing, polling and backoff, OPML,
//! rendering article HTML, the hostile corpus and the fuzz targets.
#[path = "../cli_env/mod.rs"]
mod cli_env;
#[path = "../common/mod.rs"]
mod common;
#[path = "../hostile/mod.rs"]
mod hostile;
#[path = "../support/mod.rs"]
mod support;
#[path = "../../fuzz/targets.rs"]
mod targets;

mod download_engine;
mod feed_errors;
mod feed_fetch;
mod feed_hostile_servers;
mod feed_parse;
mod feed_poller;
mod fulltext_pages;
mod fuzz_props;
mod fuzz_regressions;
mod hostile_corpus;
mod hostile_fetch;
mod opml_import;
mod player_mpv;
mod player_reader;
mod refresh_backoff;
mod refresh_pipeline;
mod render_html;
mod russian_messages;
