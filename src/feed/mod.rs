//! Getting feeds: HTTP/file fetching, charset decoding, parsing, and the poller that schedules it.

pub mod backoff;
pub mod charset;
pub mod discover;
pub mod fetch;
pub mod hints;
pub mod hosts;
pub mod outcome;
pub mod parse;
pub mod poller;
