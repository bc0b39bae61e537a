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

/// Pieces of an RSS or Atom body around what the pre-pass looks for.
fn xml_piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "<item>",
        "</item>",
        "<item/>",
        "<entry>",
        "</entry>",
        "<title>item entry</title>",
        "<guid>g1</guid>",
        "<guid>g2</guid>",
        "<id>g1</id>",
        "<itunes:duration>1:02</itunes:duration>",
        "<duration>5</duration>",
        "<description>duration &amp; item</description>",
        "<enclosure url=\"https://e.test/a.mp3\" type=\"audio/mpeg\"/>",
        "<link>https://e.test/1</link>",
    ])
}

proptest::proptest! {
    #[test]
    fn xml_skipping_the_pre_pass_parses_as_running_it(
        pieces in proptest::collection::vec(xml_piece(), 0..24),
        atom in proptest::bool::ANY,
    ) {
        let body = pieces.concat();
        let doc = if atom {
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><title>t</title>{body}</feed>")
        } else {
            format!("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>t</title>{body}</channel></rss>")
        };
        let base = "https://example.org/feed.xml";
        let plain = parse_with(doc.as_bytes(), None, base, false);
        let fast = parse_with(doc.as_bytes(), None, base, true);
        proptest::prop_assert_eq!(format!("{plain:?}"), format!("{fast:?}"), "{}", doc);
    }
}

#[test]
fn a_document_over_max_items_is_still_cut_without_the_word_duration() {
    let items = "<item><title>x</title></item>".repeat(MAX_ITEMS + 1);
    let doc = format!("<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>");
    let scan = xml_meta::scan_if_needed(&doc);
    assert!(scan.cut.is_some());
    assert_eq!(scan.items.len(), MAX_ITEMS);
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

#[test]
fn a_rejected_json_feed_quotes_the_document_with_its_bodies() {
    // proptest's first find: the error's position must be the one in the document as sent.
    let doc = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"content_text":" h ","summary":0}]}"#;
    let base = "https://example.org/feed.json";
    let plain = format!("{:?}", parse_with(doc.as_bytes(), None, base, false));
    assert!(plain.contains("Err"), "{plain}");
    assert_eq!(format!("{:?}", parse(doc.as_bytes(), None, base)), plain);
}

#[test]
fn an_items_own_picture_comes_from_media_thumbnail_itunes_image_or_an_image_content() {
    let doc = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>T</title><link>https://site.example/</link>
<item><title>thumb</title><guid>1</guid>
  <media:thumbnail url="/img/thumb.jpg" width="240" height="135"/></item>
<item><title>itunes</title><guid>2</guid>
  <itunes:image href="https://cdn.example/ep2.png"/></item>
<item><title>content</title><guid>3</guid>
  <media:content url="https://cdn.example/v.mp4" type="video/mp4"/>
  <media:content url="https://cdn.example/photo.jpg" type="IMAGE/jpeg"/></item>
<item><title>scheme</title><guid>4</guid>
  <media:thumbnail url="javascript:alert(1)"/></item>
<item><title>none</title><guid>5</guid></item>
</channel></rss>"#;
    let feed = parse(doc.as_bytes(), None, "https://site.example/feed.xml").expect("parsed");
    let pictures: Vec<Option<&str>> = feed.items.iter().map(|i| i.picture.as_deref()).collect();
    assert_eq!(
        pictures,
        [
            Some("https://site.example/img/thumb.jpg"),
            Some("https://cdn.example/ep2.png"),
            Some("https://cdn.example/photo.jpg"),
            None,
            None
        ]
    );
    // The feed-rs path reads the same pictures as the streaming one.
    let plain =
        parse_with(doc.as_bytes(), None, "https://site.example/feed.xml", false).expect("parsed");
    let plain: Vec<Option<&str>> = plain.items.iter().map(|i| i.picture.as_deref()).collect();
    assert_eq!(plain, pictures);
}

proptest::proptest! {
    #[test]
    fn trimming_in_place_is_trim(s in "[ \\t\\n\\u{a0}\\u{3000}a-zé]{0,12}") {
        proptest::prop_assert_eq!(trim_in_place(s.clone()), s.trim());
    }

    #[test]
    fn sanitizing_an_owned_body_is_sanitizing_it(s in "(.|[\\u{1b}\\u{9b}\\u{202e}\\r\\t\\u{2028}]){0,24}") {
        proptest::prop_assert_eq!(sanitize::text_owned(s.clone()), sanitize::text(&s));
    }
}
