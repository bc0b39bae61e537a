//! The source's top-level modules depend on each other without cycles, and the inner
//! layers never reach outward: model ← store ← app ← ui, with commands using the same lower
//! layers as the app, not the app. Read from the source, as `crate::` paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its files name with `crate::`.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let first = rel.components().next().expect("component");
            let name = first.as_os_str().to_string_lossy();
            let module = name.trim_end_matches(".rs").to_string();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            // Unit tests may reach anywhere.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (i, _) in text.match_indices("crate::") {
                let used: String = text[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !used.is_empty() && used != module {
                    edges.entry(module.clone()).or_default().insert(used);
                }
            }
        }
    }
    edges
}

fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(m) = stack.pop() {
        for next in edges.get(&m).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

#[test]
fn top_level_modules_have_no_import_cycles() {
    let edges = edges();
    assert!(
        edges.contains_key("app") && edges.contains_key("ui"),
        "{edges:?}"
    );
    let cycles: Vec<String> = edges
        .iter()
        .flat_map(|(from, tos)| {
            tos.iter()
                .filter(|to| reaches(&edges, to, from))
                .map(move |to| format!("{from} → {to} → … → {from}"))
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}

#[test]
fn inner_layers_do_not_reach_outward() {
    let edges = edges();
    for (inner, outer) in [
        ("model", "store"),
        ("store", "db"),
        ("store", "app"),
        ("db", "config"),
        ("db", "app"),
        ("app", "ui"),
        ("app", "tui"),
        ("app", "effects"),
        ("commands", "app"),
        ("commands", "ui"),
        ("feed", "app"),
        ("layout", "app"),
    ] {
        assert!(
            !reaches(&edges, inner, outer),
            "{inner} reaches {outer}: {:?}",
            edges.get(inner)
        );
    }
}
