//! Podcasts: where episodes are saved (`names`).

pub mod names;
