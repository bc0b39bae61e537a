//! How an article's summary and content are stored in `article_bodies` (schema 8 on):
//! a zstd frame (a BLOB) when that is smaller than the text, else the text itself
//! (TEXT, as every version before stored it). A value's SQLite type says which, so both
//! forms read alike and a short text needs no frame around it.
//!
//! Bodies were half the file, and feed HTML repeats itself (tags, attributes, addresses):
//! a frame holds about half of its text's bytes, and decoding one takes microseconds,
//! well below what turning its HTML into lines costs when an article opens
//! (`tidings-bench dbsize` measures both).

use rusqlite::Row;
use rusqlite::types::{ToSqlOutput, ValueRef};
use std::borrow::Cow;
use std::cell::RefCell;

/// The most a stored frame may unpack to. Feed documents are bounded well below this; a
/// frame claiming more is damaged, and must not make the reader allocate what it claims.
const MAX_UNPACKED: usize = 256 << 20;

thread_local! {
    // One context per thread, made on first use.
    static UNPACKER: RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { RefCell::new(None) };
}

/// What to store for a text: its frame when compressing pays, else the text.
pub(super) fn pack(text: &str) -> ToSqlOutput<'_> {
    match pack_bytes(text.as_bytes()) {
        Some(frame) => ToSqlOutput::from(frame),
        None => ToSqlOutput::from(text),
    }
}

pub(super) use crate::compress::pack as pack_bytes;

/// What to store for a text a parse worker packed already (`ParsedItem::pack_bodies`):
/// the frame it made, else the text as it is.
pub(super) fn prepacked<'a>(text: &'a str, frame: Option<&'a [u8]>) -> ToSqlOutput<'a> {
    match frame {
        Some(frame) => ToSqlOutput::Borrowed(ValueRef::Blob(frame)),
        None => ToSqlOutput::from(text),
    }
}

/// Why a stored body could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("{}", crate::t!("error-body-damaged", error = .0.to_string()))]
    Damaged(std::io::Error),
    #[error("{}", crate::t!("error-body-too-large", bytes = .0.to_string()))]
    TooLarge(usize),
    #[error("{}", crate::t!("error-body-not-text"))]
    NotText,
}

/// The bytes a stored value holds: a frame unpacked, text as it is; None for NULL.
pub(super) fn unpack_bytes(value: ValueRef<'_>) -> Result<Option<Cow<'_, [u8]>>, UnpackError> {
    let frame = match value {
        ValueRef::Null => return Ok(None),
        ValueRef::Text(t) => return Ok(Some(Cow::Borrowed(t))),
        ValueRef::Integer(_) | ValueRef::Real(_) => return Err(UnpackError::NotText),
        ValueRef::Blob(frame) => frame,
    };
    let size = zstd::bulk::Decompressor::upper_bound(frame).ok_or_else(|| {
        UnpackError::Damaged(std::io::Error::other(crate::t!("error-body-no-size")))
    })?;
    if size > MAX_UNPACKED {
        return Err(UnpackError::TooLarge(size));
    }
    UNPACKER.with(|u| {
        let mut u = u.borrow_mut();
        let unpacker = match u.as_mut() {
            Some(unpacker) => unpacker,
            None => u.insert(zstd::bulk::Decompressor::new().map_err(UnpackError::Damaged)?),
        };
        let bytes = unpacker
            .decompress(frame, size)
            .map_err(UnpackError::Damaged)?;
        Ok(Some(Cow::Owned(bytes)))
    })
}

/// Column `i` of `r` as text, unpacked if it is a frame. Bytes that are not UTF-8 (which
/// only a damaged file or another program could have stored) come back with replacement
/// characters instead of making the article unreadable.
pub(super) fn column(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    let value = r.get_ref(i)?;
    let bytes = unpack_bytes(value).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e))
    })?;
    Ok(bytes.map(|b| match String::from_utf8(b.into_owned()) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }))
}

/// Schema 8: every body stored as text is stored again, packed, in a new table whose
/// pages are full (rewriting rows in place would leave each page half empty), within the
/// migration's transaction: a process killed meanwhile leaves the version-7 file as it
/// was. The old table's pages go to the free list, which the writer gives back to the
/// file system once it is idle (`Db::vacuum_if_worth_it`).
pub(super) fn pack_stored(tx: &rusqlite::Transaction<'_>) -> super::Result<()> {
    tx.execute_batch(
        "CREATE TABLE article_bodies_v8(
             article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
             summary, content, enclosures TEXT, categories TEXT
         );",
    )?;
    {
        let mut read = tx.prepare(
            "SELECT article_id, summary, content, enclosures, categories FROM article_bodies",
        )?;
        let mut write = tx.prepare(
            "INSERT INTO article_bodies_v8(article_id, summary, content, enclosures, categories)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            write.execute(rusqlite::params![
                ToSqlOutput::Borrowed(r.get_ref(0)?),
                repack(r.get_ref(1)?),
                repack(r.get_ref(2)?),
                ToSqlOutput::Borrowed(r.get_ref(3)?),
                ToSqlOutput::Borrowed(r.get_ref(4)?)
            ])?;
        }
    }
    tx.execute_batch(
        "DROP TABLE article_bodies;
         ALTER TABLE article_bodies_v8 RENAME TO article_bodies;",
    )?;
    Ok(())
}

/// A stored value as schema 8 keeps it: text packed when that pays (its bytes as they
/// are, UTF-8 or not, so they read back the same), anything else unchanged.
fn repack(value: ValueRef<'_>) -> ToSqlOutput<'_> {
    match value {
        ValueRef::Text(t) => match pack_bytes(t) {
            Some(frame) => ToSqlOutput::from(frame),
            None => ToSqlOutput::Borrowed(value),
        },
        other => ToSqlOutput::Borrowed(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rusqlite::types::Value;

    /// `bytes` stored as the writer stores them, then read back.
    fn round_trip(bytes: &[u8]) -> Vec<u8> {
        match pack_bytes(bytes) {
            Some(frame) => {
                assert!(frame.len() < bytes.len());
                unpack_bytes(ValueRef::Blob(&frame))
                    .unwrap()
                    .unwrap()
                    .into_owned()
            }
            None => unpack_bytes(ValueRef::Text(bytes))
                .unwrap()
                .unwrap()
                .into_owned(),
        }
    }

    #[test]
    fn huge_and_empty_bodies_come_back_whole() {
        assert_eq!(round_trip(b""), b"");
        let huge = "<p>Сводка 经济 news, item 17.</p>\n".repeat(400_000);
        assert!(huge.len() > 16 << 20);
        let frame = pack_bytes(huge.as_bytes()).unwrap();
        assert!(frame.len() * 20 < huge.len(), "{} bytes", frame.len());
        assert_eq!(round_trip(huge.as_bytes()), huge.as_bytes());
    }

    #[test]
    fn damaged_frames_are_errors_not_allocations() {
        let frame = pack_bytes(
            "<p>a body long enough to be packed, surely</p>"
                .repeat(3)
                .as_bytes(),
        )
        .unwrap();
        let cut = &frame[..frame.len() - 3];
        assert!(matches!(
            unpack_bytes(ValueRef::Blob(cut)),
            Err(UnpackError::Damaged(_))
        ));
        assert!(unpack_bytes(ValueRef::Blob(b"not a frame at all")).is_err());
        assert!(matches!(
            unpack_bytes(ValueRef::Integer(3)),
            Err(UnpackError::NotText)
        ));
        // A header claiming 1 TB: refused before any allocation.
        // (Magic number; one segment, an 8-byte content size; one empty raw last block.)
        let mut claims = vec![0x28, 0xB5, 0x2F, 0xFD, 0xE0];
        claims.extend_from_slice(&(1u64 << 40).to_le_bytes());
        claims.extend_from_slice(&[1, 0, 0]);
        assert!(matches!(
            unpack_bytes(ValueRef::Blob(&claims)),
            Err(UnpackError::TooLarge(_))
        ));
    }

    proptest! {
        /// Whatever bytes a feed's text held, stored packed or plain, they read back the same.
        #[test]
        fn any_bytes_round_trip(
            bytes in prop::collection::vec(any::<u8>(), 0..4096),
            repeat in 1usize..40,
        ) {
            let repeated = bytes.repeat(repeat);
            prop_assert_eq!(round_trip(&bytes), bytes);
            prop_assert_eq!(round_trip(&repeated), repeated);
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Bodies stored through ingest read back as they were sent, whichever form
        /// each took, including the empty text, NULs and replacement characters.
        #[test]
        fn stored_bodies_read_back_as_sent(
            bodies in prop::collection::vec(
                (
                    prop::option::of(any::<String>()),
                    prop::option::of(prop_oneof![
                        any::<String>(),
                        (any::<String>(), 1usize..200).prop_map(|(t, n)| t.repeat(n)),
                        Just(String::new()),
                        Just("\u{0}\u{FFFD}\u{FEFF}<p>é</p>".repeat(30)),
                    ]),
                ),
                1..8,
            ),
            packed_by_parser in prop::collection::vec(any::<bool>(), 8),
        ) {
            use crate::model::{FeedConfig, ParsedFeed, ParsedItem, Validators};
            let dir = tempfile::tempdir().unwrap();
            let mut db = crate::db::Db::open(&dir.path().join("tidings.db")).unwrap();
            let feed = db
                .sync_feeds(
                    &[FeedConfig {
                        url: "https://a.test/feed.xml".into(),
                        title: None,
                        tags: Vec::new(),
                        refresh_minutes: None,
                        ..Default::default()
                    }],
                    1800,
                )
                .unwrap()[0]
                .id;
            let items: Vec<ParsedItem> = bodies
                .iter()
                .enumerate()
                .map(|(i, (summary, content))| {
                    let mut item = ParsedItem {
                        guid: Some(format!("g{i}")),
                        title: format!("Item {i}"),
                        summary: summary.clone(),
                        content: content.clone(),
                        ..Default::default()
                    };
                    if packed_by_parser[i] {
                        item.pack_bodies();
                    }
                    item
                })
                .collect();
            let parsed = ParsedFeed { items, ..Default::default() };
            let limits = crate::db::Limits { max_articles: 100, max_age_days: 0 };
            let report = db
                .ingest(feed, &parsed, &Validators::default(), None, limits, 0)
                .unwrap();
            prop_assert_eq!(report.upserted.len(), bodies.len());
            for (h, (summary, content)) in report.upserted.iter().zip(&bodies) {
                let body = db.body(h.id).unwrap().unwrap();
                prop_assert_eq!(&body.summary, summary);
                prop_assert_eq!(&body.content, content);
                // Packed by a parse worker or by the writer, the same value is stored.
                let stored: (Value, Value) = db
                    .conn
                    .query_row(
                        "SELECT summary, content FROM article_bodies WHERE article_id = ?1",
                        [h.id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                let plain = |t: &Option<String>| match t.as_deref().map(pack) {
                    None => Value::Null,
                    Some(ToSqlOutput::Owned(v)) => v,
                    Some(ToSqlOutput::Borrowed(ValueRef::Text(t))) => {
                        Value::Text(String::from_utf8(t.to_vec()).unwrap())
                    }
                    Some(ToSqlOutput::Borrowed(ValueRef::Blob(b))) => Value::Blob(b.to_vec()),
                    Some(other) => panic!("{other:?}"),
                };
                prop_assert_eq!(stored, (plain(summary), plain(content)));
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in ".{0,3000}", repeat in 1usize..20) {
            let text = text.repeat(repeat);
            prop_assert_eq!(round_trip(text.as_bytes()), text.as_bytes());
        }
    }
}
