//! The app through `update` and on a `TestBackend`: keys, screens, search, sharing and the
//! store, with a fixed clock and zone; and README's keys table against the keymap.
#[path = "../common/mod.rs"]
mod common;

mod app_flow;
mod downloads_app;
mod first_frame;
mod fulltext_app;
mod keys_modes;
mod layers;
mod navigation;
mod pictures_app;
mod pipe;
mod player_app;
mod readme;
mod russian;
mod screens;
mod search_app;
mod search_incremental;
mod share_app;
mod share_links;
mod store_feeds;
