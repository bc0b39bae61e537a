use super::*;

#[test]
fn durations_in_all_formats() {
    assert_eq!(parse_duration("45"), Some(45));
    assert_eq!(parse_duration("3600"), Some(3600));
    assert_eq!(parse_duration("05:30"), Some(330));
    assert_eq!(parse_duration("1:02:03"), Some(3723));
    assert_eq!(parse_duration(" 12:34.5 "), Some(754));
    assert_eq!(parse_duration("1:2:3:4"), None);
    assert_eq!(parse_duration("abc"), None);
    assert_eq!(parse_duration(""), None);
    assert_eq!(parse_duration("-5"), None);
}

#[test]
fn html_detection() {
    assert!(looks_like_html("Tom &amp; Jerry"));
    assert!(looks_like_html("It&#8217;s"));
    assert!(looks_like_html("<b>bold</b>"));
    assert!(looks_like_html("line<br/>break"));
    assert!(!looks_like_html("a < b and c > d"));
    assert!(!looks_like_html("AT&T; rocks"));
    assert!(!looks_like_html("Tom & Jerry"));
}

/// A text field of a JSON Feed item: absent, a stand-in's own letter, padded, or anything.
fn json_text() -> impl proptest::strategy::Strategy<Value = Option<serde_json::Value>> {
    use proptest::strategy::Strategy;
    proptest::option::of(proptest::prop_oneof![
        proptest::sample::select(vec!["h", "t", "s", " h ", "", "  ", "<p>a</p>", "x\n"])
            .prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
        proptest::num::i32::ANY.prop_map(serde_json::Value::from),
    ])
}

proptest::proptest! {
    #[test]
    fn json_bodies_taken_out_parse_as_left_in(
        items in proptest::collection::vec(
            (json_text(), json_text(), json_text(), proptest::option::of(".{0,6}")),
            0..6,
        )
    ) {
        let items: Vec<serde_json::Value> = items
            .into_iter()
            .map(|(html, text, summary, id)| {
                let mut item = serde_json::Map::new();
                for (key, value) in [("content_html", html), ("content_text", text), ("summary", summary)] {
                    if let Some(value) = value {
                        item.insert(key.into(), value);
                    }
                }
                if let Some(id) = id {
                    item.insert("id".into(), id.into());
                }
                serde_json::Value::Object(item)
            })
            .collect();
        let doc = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "t",
            "items": items,
        })
        .to_string();
        let base = "https://example.org/feed.json";
        let plain = parse_with(doc.as_bytes(), None, base, false);
        let taken = parse_with(doc.as_bytes(), None, base, true);
        proptest::prop_assert_eq!(format!("{plain:?}"), format!("{taken:?}"), "{}", doc);
    }
}

#[test]
fn resolve_keeps_only_http() {
    let base = Url::parse("https://example.org/blog/feed.xml").ok();
    assert_eq!(
        resolve(base.as_ref(), "../post/1"),
        Some("https://example.org/post/1".into())
    );
    assert_eq!(resolve(base.as_ref(), "javascript:alert(1)"), None);
    assert_eq!(resolve(base.as_ref(), "data:text/html,x"), None);
    assert_eq!(resolve(base.as_ref(), "file:///etc/passwd"), None);
    assert_eq!(resolve(None, "/relative"), None);
}
