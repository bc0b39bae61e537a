//! Bytes of a feed document → UTF-8 text, choosing the encoding from BOM, HTTP header, XML declaration.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How far into the document the XML declaration may be looked for.
const DECL_SCAN: usize = 1024;

/// Decodes `bytes` to UTF-8. `content_type` is the HTTP Content-Type header, if any.
/// The returned text has its XML declaration's encoding rewritten to UTF-8.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let (encoding, skip) = choose(bytes, content_type);
    let body = bytes.get(skip..).unwrap_or_default();
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    rewrite_declared_encoding(text.into_owned())
}

/// [`decode`] of bytes the caller is done with: UTF-8 ones become the text in the same
/// buffer, so a body of megabytes is neither copied nor held twice while it is parsed.
pub fn decode_owned(mut bytes: Vec<u8>, content_type: Option<&str>) -> String {
    let (encoding, skip) = choose(&bytes, content_type);
    if encoding != UTF_8 {
        return decode(&bytes, content_type);
    }
    bytes.drain(..skip.min(bytes.len()));
    match String::from_utf8(bytes) {
        Ok(text) => rewrite_declared_encoding(text),
        // Invalid sequences become U+FFFD, as `decode` makes them.
        Err(e) => {
            let (text, _had_errors) = UTF_8.decode_without_bom_handling(e.as_bytes());
            rewrite_declared_encoding(text.into_owned())
        }
    }
}

/// How far into an HTML page a `<meta charset>` may be looked for. The HTML standard's
/// prescan reads 1024 bytes; pages with long comments or scripts before it are common
/// enough that more is read.
const META_SCAN: usize = 4096;

/// Decodes a web page (not a feed) to UTF-8: the BOM, then the HTTP header, then
/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`, else
/// UTF-8. As for feeds, a blanket `charset=utf-8` header loses to the page's own
/// declaration when the bytes are not UTF-8.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let (encoding, skip) = choose_html(bytes, content_type);
    let body = bytes.get(skip..).unwrap_or_default();
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    text.into_owned()
}

fn choose_html(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, usize) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (enc, bom_len);
    }
    (settle(bytes, content_type, meta_charset(bytes)), 0)
}

/// The encoding a `<meta>` tag near the start of a page names, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_SCAN)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(at) = rest.windows(5).position(|w| w == b"<meta") {
        rest = &rest[at + 5..];
        let end = rest.iter().position(|b| *b == b'>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(k) = tag.windows(8).position(|w| w == b"charset=") {
            let value = &tag[k + 8..];
            let value = value
                .strip_prefix(b"\"")
                .or_else(|| value.strip_prefix(b"'"))
                .unwrap_or(value);
            let len = value
                .iter()
                .position(|b| {
                    matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                })
                .unwrap_or(value.len());
            if let Some(enc) = Encoding::for_label(&value[..len]) {
                return Some(enc.output_encoding());
            }
        }
        rest = &rest[end..];
    }
    None
}

/// The encoding to use and how many leading bytes (a BOM) to skip.
fn choose(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, usize) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (enc, bom_len);
    }
    // UTF-16 without a BOM still starts with `<?` in its own encoding.
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return (UTF_16LE, 0);
    }
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return (UTF_16BE, 0);
    }
    (settle(bytes, content_type, declared_encoding(bytes)), 0)
}

/// The header's charset, else what the document `declared`, else UTF-8.
fn settle(
    bytes: &[u8],
    content_type: Option<&str>,
    declared: Option<&'static Encoding>,
) -> &'static Encoding {
    let Some(from_header) = content_type.and_then(header_charset) else {
        return declared.unwrap_or(UTF_8);
    };
    // Servers often send a blanket `charset=utf-8` for files in another encoding; when the
    // bytes prove the header wrong and the document names its own encoding, the document wins.
    // Validating megabytes is the expensive test, so it comes last.
    match declared {
        Some(declared)
            if from_header == UTF_8 && declared != UTF_8 && std::str::from_utf8(bytes).is_err() =>
        {
            declared
        }
        _ => from_header,
    }
}

/// `charset=` from a Content-Type header value.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        // `output_encoding` maps UTF-16 labels to UTF-8: bytes without a UTF-16 BOM or
        // `<\0?\0` start that reached here are ASCII-compatible, whatever the label says.
        Encoding::for_label(value.as_bytes()).map(Encoding::output_encoding)
    })
}

/// `encoding="…"` from an XML declaration at the start of the document.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECL_SCAN)];
    let (start, end) = declaration_span(head)?;
    let decl = &head[start..end];
    let (value_start, value_end) = encoding_value_span(decl)?;
    Encoding::for_label(&decl[value_start..value_end]).map(Encoding::output_encoding)
}

/// Byte range of `<?xml … ?>` when it opens the document (after optional whitespace).
fn declaration_span(head: &[u8]) -> Option<(usize, usize)> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    if !head[start..].starts_with(b"<?xml") {
        return None;
    }
    let close = head[start..].windows(2).position(|w| w == b"?>")?;
    Some((start, start + close + 2))
}

/// Byte range of the value of `encoding=` inside a declaration, without the quotes.
fn encoding_value_span(decl: &[u8]) -> Option<(usize, usize)> {
    let key = decl.windows(8).position(|w| w == b"encoding")?;
    let mut i = key + 8;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let quote = *decl.get(i).filter(|q| **q == b'"' || **q == b'\'')?;
    let value_start = i + 1;
    let len = decl.get(value_start..)?.iter().position(|b| *b == quote)?;
    Some((value_start, value_start + len))
}

/// Makes the declaration say UTF-8, so that the XML parser does not decode a second time.
fn rewrite_declared_encoding(mut text: String) -> String {
    // The spans found are delimited by ASCII bytes, so they fall on char boundaries.
    let head = &text.as_bytes()[..text.len().min(DECL_SCAN)];
    let Some((start, end)) = declaration_span(head) else {
        return text;
    };
    let Some((value_start, value_end)) = encoding_value_span(&text.as_bytes()[start..end]) else {
        return text;
    };
    text.replace_range(start + value_start..start + value_end, "UTF-8");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Привет" in windows-1251.
    const PRIVET_1251: &[u8] = &[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];
    /// "Привет" in KOI8-R.
    const PRIVET_KOI8: &[u8] = &[0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4];

    fn doc(decl_encoding: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("<?xml version=\"1.0\" encoding=\"{decl_encoding}\"?><t>").into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"</t>");
        v
    }

    fn page(head: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("<!doctype html><html><head>{head}</head><body><p>").into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"</p></body></html>");
        v
    }

    #[test]
    fn html_pages_name_their_encoding_in_meta() {
        let text = |b: &[u8], ct| decode_html(b, ct);
        let b = page("<meta charset=\"windows-1251\">", PRIVET_1251);
        assert!(text(&b, None).contains("<p>Привет</p>"));
        let b = page(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
            PRIVET_KOI8,
        );
        assert!(text(&b, Some("text/html")).contains("<p>Привет</p>"));
        // The header wins, unless it claims UTF-8 for bytes that are not.
        let b = page("<meta charset=utf-8>", PRIVET_1251);
        assert!(text(&b, Some("text/html; charset=windows-1251")).contains("Привет"));
        let b = page("<META CHARSET='Windows-1251'>", PRIVET_1251);
        assert!(text(&b, Some("text/html; charset=utf-8")).contains("Привет"));
        // Nothing declared: UTF-8, lossily.
        assert!(text(&page("", "é".as_bytes()), None).contains("<p>é</p>"));
        assert!(text(&page("", PRIVET_1251), None).contains('\u{fffd}'));
    }

    #[test]
    fn declaration_is_used_without_header() {
        let out = decode(&doc("windows-1251", PRIVET_1251), None);
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>Привет</t>"
        );
        let out = decode(&doc("KOI8-R", PRIVET_KOI8), Some("application/xml"));
        assert!(out.contains("<t>Привет</t>"), "{out}");
    }

    #[test]
    fn header_charset_beats_declaration() {
        let bytes = doc("utf-8", PRIVET_1251);
        let out = decode(&bytes, Some("text/xml; charset=\"windows-1251\""));
        assert!(out.contains("<t>Привет</t>"), "{out}");
    }

    #[test]
    fn wrong_utf8_header_yields_to_declaration() {
        let out = decode(&doc("koi8-r", PRIVET_KOI8), Some("text/xml; charset=UTF-8"));
        assert!(out.contains("<t>Привет</t>"), "{out}");
    }

    #[test]
    fn bom_beats_everything() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend(doc("windows-1251", "é".as_bytes()));
        let out = decode(&bytes, Some("text/xml; charset=koi8-r"));
        assert_eq!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>é</t>");

        let utf16: Vec<u8> = [0xfeff_u16]
            .into_iter()
            .chain("<?xml version='1.0' encoding='UTF-16'?><t>ж</t>".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&utf16, None),
            "<?xml version='1.0' encoding='UTF-8'?><t>ж</t>"
        );
    }

    #[test]
    fn latin1_and_default_utf8() {
        let out = decode(&doc("ISO-8859-1", &[0x63, 0x61, 0x66, 0xe9]), None);
        assert!(out.contains("<t>café</t>"), "{out}");
        assert_eq!(decode("<t>ü</t>".as_bytes(), None), "<t>ü</t>");
        // Invalid UTF-8 with nothing else to go on is decoded lossily, not rejected.
        assert_eq!(decode(b"<t>\xff</t>", None), "<t>\u{fffd}</t>");
    }

    #[test]
    fn unknown_labels_fall_back() {
        let out = decode(
            &doc("no-such-charset", b"abc"),
            Some("text/xml; charset=bogus"),
        );
        assert!(out.contains("<t>abc</t>"), "{out}");
    }

    proptest::proptest! {
        /// The shortcut against the plain path: BOMs, declarations, headers, invalid bytes.
        #[test]
        fn decode_owned_is_decode(
            bom in proptest::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
            decl in proptest::option::of(proptest::sample::select(vec!["utf-8", "UTF-8", "windows-1251", "koi8-r", "iso-8859-1", "bogus"])),
            body in proptest::collection::vec(proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(b"<t>a \xD0\x9F\xE2\x82\xAC".to_vec()),
            ], 0..64),
            header in proptest::option::of(proptest::sample::select(vec![
                "text/xml", "text/xml; charset=utf-8", "application/rss+xml; charset=windows-1251",
                "text/xml; charset=bogus", "text/html; charset=UTF-16",
            ])),
        ) {
            let mut bytes = bom.to_vec();
            match decl {
                Some(enc) => bytes.extend(doc(enc, &body)),
                None => bytes.extend(&body),
            }
            proptest::prop_assert_eq!(decode_owned(bytes.clone(), header), decode(&bytes, header));
        }
    }
}
