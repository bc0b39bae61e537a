//! README must tell the truth: its keys tables (one per mode) are the keymap's, and its quick start runs what CI runs.

#[test]
fn readme_keys_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("<!-- keys:start -->\n")
        .expect("keys:start marker")
        + "<!-- keys:start -->\n".len();
    let end = readme.find("<!-- keys:end -->").expect("keys:end marker");
    let expected = tidings::app::keymap::Keymap::default().markdown_table();
    // `UPDATE_README=1 cargo test --test tui readme` writes the tables in (then review the diff).
    if std::env::var_os("UPDATE_README").is_some() && readme[start..end] != expected {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated)
            .expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "regenerate README's keys table; expected:\n{expected}"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(readme.contains("cargo run --release"));
    assert!(
        readme.contains("\ncargo test\n"),
        "README quick start names `cargo test`"
    );
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs `cargo test`"
    );
}
