//! zstd frames for the bodies the database stores (`db::bodies` says how they are kept).
//! A leaf of its own because two sides make them: the database writer, and a parse worker
//! when it knows every item of a document will be written (`ParsedItem::pack_bodies`),
//! which takes the compression off the single writer's thread in a first refresh.

use std::cell::RefCell;

/// zstd's own default. Decoding is as fast at every level; on feed bodies of a few KB,
/// level 1 packed as small (46 % of the text either way, README's dbsize notes) but was
/// no faster in the refresh profile, so it stays.
const LEVEL: i32 = 3;

/// Texts shorter than this stay as they are: a frame's header and the missing context
/// leave nothing to gain on a line of text.
const PACK_FROM: usize = 64;

thread_local! {
    // One context per thread, made on first use: setting one up costs more than
    // compressing a body.
    static PACKER: RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { RefCell::new(None) };
}

/// The zstd frame of `bytes` if it is smaller; None to store them as they are (also when
/// zstd cannot be set up: a body stored plain is still a body).
pub fn pack(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < PACK_FROM {
        return None;
    }
    PACKER.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_none() {
            *p = zstd::bulk::Compressor::new(LEVEL)
                .map_err(|e| tracing::warn!("cannot compress bodies: {e}"))
                .ok();
        }
        let frame = p.as_mut()?.compress(bytes).ok()?;
        (frame.len() < bytes.len()).then_some(frame)
    })
}
