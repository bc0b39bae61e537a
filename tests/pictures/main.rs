//! Pictures (src/pictures): fetched over loopback with limits, decoded with limits, cached
//! on disk under a cap, drawn as half blocks.
#[path = "../support/mod.rs"]
mod support;

mod images;

mod cache;
mod decode;
mod fetch;
mod halfblocks;
mod loader;
mod picker;
