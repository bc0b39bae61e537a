//! A scan of the source for user-visible English that bypasses the catalog: a string literal
//! with two words in it (or one capitalised word alone) outside tests, logs, SQL and
//! attributes. A literal that is not for users says so with a `// i18n: why` comment on its
//! line or the line before; a file of such literals is in [`EXEMPT`] with the reason.

use std::path::{Path, PathBuf};

/// Files whose literals are not shown to users.
const EXEMPT: &[(&str, &str)] = &[
    (
        "src/fulltext/chrome.rs",
        "CSS selectors and class-name words of page chrome",
    ),
    (
        "src/feed/parse/stream_props.rs",
        "feed element and attribute names",
    ),
    (
        "src/demo.rs",
        "the demo feed's articles: content, like any feed's",
    ),
    ("src/heap.rs", "allocator statistics for benchmarks"),
    (
        "src/app/keymap/defaults.rs",
        "key names as config.toml spells them (the same in every language), and catalog ids",
    ),
    ("src/i18n/scan.rs", "this scan's own rules"),
    (
        "src/store/plain_model.rs",
        "a test-only model (cfg(test) in store.rs): test data and assertion messages",
    ),
];

/// Files not yet moved to the catalog. This list only shrinks: the scan fails for a file
/// that is listed but has nothing left, so it cannot go stale.
pub const NOT_YET: &[&str] = &[];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "tests") {
                continue;
            }
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && p.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(p);
        }
    }
}

/// The code of a file without its test module.
fn code(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    }
}

const SKIP: &[&str] = &[
    "tracing::",
    "debug!(",
    "info!(",
    "warn!(",
    "error!(",
    "trace!(",
    "expect(",
    "panic!(",
    "unreachable!(",
    "assert",
    "#[arg",
    "#[command",
    "#[serde",
    "concat!(",
    "include_str!(",
    "#[error(transparent)]",
    "#[doc",
];

const SQL: &[&str] = &[
    "SELECT ",
    "INSERT ",
    "UPDATE ",
    "DELETE ",
    "CREATE ",
    "PRAGMA ",
    " WHERE ",
    "ALTER ",
    "DROP ",
    "BEGIN",
    "COMMIT",
    "ON CONFLICT",
];

fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' && (i == 0 || b[i - 1] != b'\'') {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j <= b.len() {
                out.push(&line[start..j.min(b.len())]);
            }
            i = j + 1;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            break;
        } else {
            i += 1;
        }
    }
    out
}

fn is_prose(lit: &str) -> bool {
    let words: Vec<&str> = lit.split([' ', '\n']).collect();
    let wordy = |w: &str| {
        let w = w.trim_matches(|c: char| ",.:;!?'()“”«»".contains(c));
        w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic())
    };
    if words.windows(2).any(|p| wordy(p[0]) && wordy(p[1])) {
        return true;
    }
    // A label alone: "Bookmarks", "Feeds:".
    let one = lit.trim().trim_end_matches(':');
    let mut chars = one.chars();
    words.len() == 1
        && one.chars().count() >= 3
        && chars.next().is_some_and(|c| c.is_uppercase())
        && chars.all(|c| c.is_lowercase())
}

/// `path:line: "literal"` for every literal the scan takes for prose.
pub fn findings(root: &Path) -> Vec<(String, usize, String)> {
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        if EXEMPT.iter().any(|(p, _)| *p == rel) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let mut previous = "";
        for (n, line) in code(&text).lines().enumerate() {
            let t = line.trim_start();
            let marked = line.contains("// i18n:") || previous.trim_start().starts_with("// i18n:");
            previous = line;
            if t.starts_with("//")
                || t.starts_with("#[cfg")
                || marked
                || SKIP.iter().any(|s| line.contains(s))
                || SQL.iter().any(|s| line.contains(s))
            {
                continue;
            }
            for lit in literals(line) {
                if is_prose(lit) {
                    out.push((rel.clone(), n + 1, lit.to_string()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_user_visible_english_bypasses_the_catalog() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = findings(root);
        let left: Vec<String> = found
            .iter()
            .filter(|(f, _, _)| !NOT_YET.contains(&f.as_str()))
            .map(|(f, n, l)| format!("{f}:{n}: \"{l}\""))
            .collect();
        assert!(
            left.is_empty(),
            "{} literals bypass the catalog (use t!, or mark a non-user string with // i18n: why):\n{}",
            left.len(),
            left.join("\n")
        );
        let done: Vec<&&str> = NOT_YET
            .iter()
            .filter(|f| !found.iter().any(|(p, _, _)| p == *f))
            .collect();
        assert!(done.is_empty(), "take these off NOT_YET: {done:?}");
    }

    #[test]
    fn the_scan_sees_prose_and_not_code() {
        assert!(is_prose("Sync failed: {e}"));
        assert!(is_prose("Bookmarks"));
        assert!(is_prose("no full text: {why}"));
        assert!(!is_prose("{feed}/{date} {title}.{ext}"));
        assert!(!is_prose("text/html"));
        assert!(!is_prose("ok"));
        assert!(!is_prose("#{tag}"));
        assert_eq!(
            literals(r#"say("a \"b\" c", 'x') // "d e""#),
            [r#"a \"b\" c"#]
        );
    }
}
