//! The filter language (grammar and matching) and the full-text index, with their speed checks.
mod filter_match;
mod filter_parse;
mod search_index;
mod search_model;
mod search_pending;
mod search_perf;
