//! JSON Feed clean-up before feed-rs, which rejects numeric ids and attachments without a
//! MIME type, and ignores `duration_in_seconds`.

use super::{NotAFeed, ParseError, resolve};
use serde_json::Value;
use std::collections::HashMap;
use url::Url;

/// The normalized document, and per item its attachments' durations and, when
/// `take_bodies`, the texts taken out of it ([`Bodies`]).
pub type Normalized = (String, Vec<HashMap<String, u64>>, Vec<Bodies>);

/// With `take_bodies`, each item's `content_html`, `content_text` and `summary` are replaced
/// by a one-letter stand-in and kept aside: feed-rs reads JSON through `serde_json::from_reader`,
/// byte by byte, and the bodies are most of the bytes. [`Bodies::restore`] puts them back.
pub fn normalize(
    text: &str,
    base: Option<&Url>,
    take_bodies: bool,
) -> Result<Normalized, ParseError> {
    let mut doc: Value = serde_json::from_str(text).map_err(ParseError::Json)?;
    let Some(obj) = doc.as_object_mut() else {
        return Err(ParseError::NotAFeed(NotAFeed::JsonNotJsonFeed));
    };
    if !obj.get("version").is_some_and(Value::is_string) {
        return Err(ParseError::NotAFeed(NotAFeed::JsonWithoutVersion));
    }
    if !obj.get("title").is_some_and(Value::is_string) {
        obj.insert("title".into(), Value::String(String::new()));
    }
    if !obj.get("items").is_some_and(Value::is_array) {
        obj.insert("items".into(), Value::Array(Vec::new()));
    }
    let mut durations = Vec::new();
    let mut bodies = Vec::new();
    if let Some(Value::Array(items)) = obj.get_mut("items") {
        items.retain(Value::is_object);
        items.truncate(super::MAX_ITEMS);
        for item in items.iter_mut() {
            durations.push(normalize_item(item, base));
            if take_bodies {
                bodies.push(Bodies::take(item));
            }
        }
    }
    let normalized = serde_json::to_string(&doc).map_err(ParseError::Json)?;
    Ok((normalized, durations, bodies))
}

/// An item's texts taken out before feed-rs reads the document. Each field's stand-in is
/// its own letter, so wherever feed-rs puts a field (`content_text` becomes the content or
/// the summary), the stand-in says which text goes there.
#[derive(Debug, Default)]
pub struct Bodies {
    html: Option<String>,
    text: Option<String>,
    summary: Option<String>,
}

impl Bodies {
    const FIELDS: [(&'static str, &'static str); 3] = [
        ("content_html", "h"),
        ("content_text", "t"),
        ("summary", "s"),
    ];

    /// Only strings are taken: anything else stays for feed-rs to accept or reject.
    fn take(item: &mut Value) -> Bodies {
        let mut taken = Bodies::default();
        let Some(item) = item.as_object_mut() else {
            return taken;
        };
        for (key, stand_in) in Self::FIELDS {
            if let Some(Value::String(s)) = item.get_mut(key) {
                let text = std::mem::replace(s, stand_in.to_string());
                match stand_in {
                    "h" => taken.html = Some(text),
                    "t" => taken.text = Some(text),
                    _ => taken.summary = Some(text),
                }
            }
        }
        taken
    }

    fn by_stand_in(&mut self, stand_in: &str) -> Option<String> {
        match stand_in {
            "h" => self.html.take(),
            "t" => self.text.take(),
            "s" => self.summary.take(),
            _ => None,
        }
    }

    /// Puts the texts back where feed-rs put their stand-ins, as feed-rs stores them
    /// (trimmed; a content's length is that of the untrimmed text).
    pub fn restore(mut self, entry: &mut feed_rs::model::Entry) {
        if let Some(content) = entry.content.as_mut()
            && let Some(body) = content.body.as_mut()
            && let Some(text) = self.by_stand_in(body)
        {
            content.length = Some(text.len() as u64);
            *body = text.trim().to_string();
        }
        if let Some(summary) = entry.summary.as_mut()
            && let Some(text) = self.by_stand_in(&summary.content)
        {
            summary.content = text.trim().to_string();
        }
    }
}

fn normalize_item(item: &mut Value, base: Option<&Url>) -> HashMap<String, u64> {
    let mut durations = HashMap::new();
    let Some(item) = item.as_object_mut() else {
        return durations;
    };
    match item.get("id") {
        Some(Value::Number(n)) => {
            let id = n.to_string();
            item.insert("id".into(), Value::String(id));
        }
        Some(Value::String(_)) | None => {}
        Some(_) => {
            item.remove("id");
        }
    }
    for key in [
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
    ] {
        if item.get(key).is_some_and(|v| !v.is_string()) {
            item.remove(key);
        }
    }
    if let Some(Value::Array(tags)) = item.get_mut("tags") {
        tags.retain(Value::is_string);
    }
    if let Some(Value::Array(attachments)) = item.get_mut("attachments") {
        attachments.retain(|a| a.get("url").is_some_and(Value::is_string));
        for att in attachments.iter_mut() {
            let Some(att) = att.as_object_mut() else {
                continue;
            };
            if !att.get("mime_type").is_some_and(Value::is_string) {
                att.insert(
                    "mime_type".into(),
                    Value::String("application/octet-stream".into()),
                );
            }
            if !att.get("size_in_bytes").is_some_and(Value::is_u64) {
                att.remove("size_in_bytes");
            }
            let secs = att
                .get("duration_in_seconds")
                .and_then(Value::as_f64)
                .filter(|s| s.is_finite() && *s >= 1.0 && *s < u64::MAX as f64)
                .map(|s| s as u64);
            let url = att
                .get("url")
                .and_then(Value::as_str)
                .and_then(|u| resolve(base, u));
            if let (Some(url), Some(secs)) = (url, secs) {
                durations.insert(url, secs);
            }
        }
    } else {
        item.remove("attachments");
    }
    durations
}
