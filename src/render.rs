//! HTML body rendering.
