//! An `<rss>` root of any version read as RSS 2.0.
//!
//! feed-rs dispatches on the root's `version`: "2.0" (or empty) to its RSS 2.0 reader,
//! "0.91"/"0.92" to its RSS 0.9x reader, and anything else, an absent attribute included,
//! to "no feed root". Feeds in the wild declare 0.90, 0.93, 0.94, 2.01 or nothing; every
//! one of them is a channel of items that the RSS 2.0 reader, a superset, reads whole
//! (newsboat reads them too).

use quick_xml::Reader;
use quick_xml::events::Event;

/// The versions feed-rs reads as they are.
const KNOWN: &[&str] = &["2.0", "", "0.91", "0.92"];

/// The document with its root's start tag rewritten to `version="2.0"`, when the root is
/// an `<rss>` of a version feed-rs would refuse; None when nothing needs rewriting.
pub(super) fn as_rss20(text: &str) -> Option<String> {
    let mut reader = Reader::from_str(text);
    loop {
        let start = usize::try_from(reader.buffer_position()).ok()?;
        let (tag, empty) = match reader.read_event().ok()? {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::Eof => return None,
            // The declaration, comments, a doctype, processing instructions, whitespace.
            _ => continue,
        };
        if tag.name().as_ref() != "rss" {
            return None;
        }
        let end = usize::try_from(reader.buffer_position()).ok()?;
        let mut attrs = String::new();
        for attr in tag.attributes().with_checks(false) {
            let attr = attr.ok()?;
            let key: &str = attr.key.as_ref();
            let value: &str = &attr.value;
            if key == "version" {
                if KNOWN.contains(&value.trim()) {
                    return None;
                }
                continue;
            }
            attrs.push_str(&format!(" {key}=\"{}\"", value.replace('"', "&quot;")));
        }
        let close = if empty { "/>" } else { ">" };
        let mut out = String::with_capacity(text.len() + 16);
        out.push_str(&text[..start]);
        out.push_str("<rss version=\"2.0\"");
        out.push_str(&attrs);
        out.push_str(close);
        out.push_str(&text[end..]);
        return Some(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_refused_versions_are_rewritten() {
        for known in ["2.0", "0.91", "0.92", ""] {
            let doc = format!(r#"<rss version="{known}"><channel/></rss>"#);
            assert_eq!(as_rss20(&doc), None, "{known}");
        }
        assert_eq!(
            as_rss20(r#"<feed xmlns="http://www.w3.org/2005/Atom"/>"#),
            None
        );
        assert_eq!(
            as_rss20(r#"<?xml version="1.0"?><!-- <rss> --><rss version='0.94' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/></rss>"#)
                .as_deref(),
            Some(r#"<?xml version="1.0"?><!-- <rss> --><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/></rss>"#)
        );
        assert_eq!(
            as_rss20("<rss>\n<channel/></rss>").as_deref(),
            Some("<rss version=\"2.0\">\n<channel/></rss>")
        );
    }
}
