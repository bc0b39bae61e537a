//! The demo feed compiled into the binary: it needs no network and teaches the keys.

/// The URL that names the demo feed in config.toml.
pub const DEMO_URL: &str = "tidings:demo";
/// The demo feed document (RSS 2.0).
pub const DEMO_FEED: &str = include_str!("../assets/demo.xml");
