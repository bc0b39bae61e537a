//! Saving an article as Markdown: exact content, safe file names, never overwriting.

use std::fs;
use tidings::share::{SavedArticle, file_name, markdown_link, save, to_markdown};

/// 2025-01-29T10:30:00Z
const DATE: i64 = 1_738_146_600;

fn fixture() -> SavedArticle {
    SavedArticle {
        title: "Rust 2025: \"safe\" \\ fast".to_string(),
        link: Some("https://example.com/rust-2025".to_string()),
        feed: "Example News".to_string(),
        author: Some("Ann \u{1b}[31mRed".to_string()),
        date: DATE,
        tags: vec!["tech".to_string(), "rust \"lang\"".to_string()],
        html: Some(
            "<p>The <a href=\"https://rust-lang.org/\">Rust</a> team shipped a release.</p>\
             <p>Read the <a href=\"https://example.com/notes\">notes</a>.</p>"
                .to_string(),
        ),
    }
}

#[test]
fn markdown_content_is_exact() {
    let expected = "\
---
title: \"Rust 2025: \\\"safe\\\" \\\\ fast\"
link: \"https://example.com/rust-2025\"
feed: \"Example News\"
author: \"Ann Red\"
date: 2025-01-29T10:30:00Z
tags:
  - \"tech\"
  - \"rust \\\"lang\\\"\"
---

# Rust 2025: \"safe\" \\ fast

The [Rust][1] team shipped a release.

Read the [notes][2].

[1]: https://rust-lang.org/
[2]: https://example.com/notes
";
    assert_eq!(to_markdown(&fixture()), expected);
}

#[test]
fn front_matter_without_optional_fields() {
    let a = SavedArticle {
        title: "Line\nbreak\u{7}".to_string(),
        feed: "F".to_string(),
        date: 0,
        ..SavedArticle::default()
    };
    assert_eq!(
        to_markdown(&a),
        "---\ntitle: \"Line break\"\nfeed: \"F\"\ndate: 1970-01-01T00:00:00Z\ntags: []\n---\n\n# Line break\n"
    );
}

#[test]
fn file_names_are_slugs() {
    assert_eq!(
        file_name("Hello, World!", DATE),
        "2025-01-29-hello-world.md"
    );
    assert_eq!(file_name("Привет, Мир", DATE), "2025-01-29-привет-мир.md");
    assert_eq!(
        file_name("東京 ニュース", DATE),
        "2025-01-29-東京-ニュース.md"
    );
    assert_eq!(file_name("", DATE), "2025-01-29-article.md");
    assert_eq!(file_name("!!!", DATE), "2025-01-29-article.md");
    let long = file_name(&"abc ".repeat(50), DATE);
    let slug = long
        .strip_prefix("2025-01-29-")
        .unwrap()
        .strip_suffix(".md")
        .unwrap();
    assert!(slug.chars().count() <= 60, "{slug}");
    assert!(!slug.ends_with('-'));
}

#[test]
fn hostile_titles_give_safe_names_inside_dir() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        "../../etc/passwd",
        "..",
        "$(touch x)",
        "`rm -rf /`; echo pwned",
        "line\nbreak\r\0nul",
        "\u{1b}]52;c;aGk=\u{7}title",
        "/absolute/path",
        "C:\\windows\\system32",
        "\u{202e}evil\u{202d}",
    ];
    for title in hostile {
        let name = file_name(title, DATE);
        assert!(!name.contains('/') && !name.contains('\\'), "{name}");
        assert!(!name.contains(".."), "{name}");
        assert!(
            name.chars()
                .all(|c| !c.is_control() && c != '$' && c != '`'),
            "{name:?}"
        );
        let a = SavedArticle {
            title: title.to_string(),
            feed: "f".to_string(),
            date: DATE,
            ..SavedArticle::default()
        };
        let path = save(dir.path(), &a).unwrap();
        assert_eq!(path.parent().unwrap(), dir.path(), "{title:?} -> {path:?}");
        assert!(path.is_file());
    }
    assert!(!dir.path().join("x").exists());
    assert!(!std::path::Path::new("x").exists());
}

#[test]
fn save_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes").join("deeper");
    let first = save(&target, &fixture()).unwrap();
    assert_eq!(first, target.join("2025-01-29-rust-2025-safe-fast.md"));
    fs::write(&first, "my edits").unwrap();
    let second = save(&target, &fixture()).unwrap();
    let third = save(&target, &fixture()).unwrap();
    assert_eq!(second, target.join("2025-01-29-rust-2025-safe-fast-2.md"));
    assert_eq!(third, target.join("2025-01-29-rust-2025-safe-fast-3.md"));
    assert_eq!(fs::read_to_string(&first).unwrap(), "my edits");
    assert_eq!(
        fs::read_to_string(&second).unwrap(),
        to_markdown(&fixture())
    );
    // No temporary files are left behind.
    let mut names: Vec<_> = fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[cfg(unix)]
#[test]
fn save_does_not_follow_a_planted_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("2025-01-29-rust-2025-safe-fast.md")).unwrap();
    let path = save(&out, &fixture()).unwrap();
    assert_eq!(path, out.join("2025-01-29-rust-2025-safe-fast-2.md"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn save_into_an_unwritable_place_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let err = save(&file.join("sub"), &fixture()).unwrap_err().to_string();
    assert!(err.contains("cannot create"), "{err}");
}

#[test]
fn markdown_links_escape_brackets() {
    assert_eq!(
        markdown_link("A [big] \\ deal", "https://e.com/wiki/Rust_(lang)"),
        "[A \\[big\\] \\\\ deal](https://e.com/wiki/Rust_%28lang%29)"
    );
}
