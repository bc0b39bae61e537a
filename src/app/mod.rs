//! App state and update.
