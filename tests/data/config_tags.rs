//! Tags edited from the reader are written into config.toml without touching anything else.

const CONFIG: &str = r#"# my reading list
[general]
refresh_minutes = 45 # not too often

# news first
[[feed]]
url = "https://a.example/feed.xml"
title = "A"   # the first one
tags = ["news", "en"]   # keep this comment

[[feed]]
# no tags yet
url = "https://b.example/feed.xml"
"#;

#[test]
fn replacing_tags_keeps_comments_and_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, CONFIG).expect("write");
    tidings::config::set_feed_tags(
        &path,
        "https://a.example/feed.xml",
        &["world".into(), "de".into()],
    )
    .expect("set");
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text,
        CONFIG.replace(
            r#"tags = ["news", "en"]   # keep this comment"#,
            r#"tags = ["world", "de"]   # keep this comment"#
        )
    );
    let config = tidings::config::parse(&text).expect("still valid");
    assert_eq!(config.feeds[0].tags, vec!["world", "de"]);
}

#[test]
fn adding_tags_to_a_feed_without_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, CONFIG).expect("write");
    tidings::config::set_feed_tags(&path, "https://b.example/feed.xml", &["tech".into()])
        .expect("set");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with(&CONFIG[..CONFIG.find("# no tags yet").expect("marker")]),
        "{text}"
    );
    assert!(text.contains("# no tags yet"));
    let config = tidings::config::parse(&text).expect("valid");
    assert_eq!(config.feeds[1].tags, vec!["tech"]);
    assert!(tidings::config::set_feed_tags(&path, "https://nope.example/", &[]).is_err());
}
