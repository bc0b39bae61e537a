//! Every input the fuzzer (fuzz/fuzz.rs) found a bug with, replayed through its target.
//! The files live in tests/fuzz_regressions/, named `TARGET-what.bin`.

use crate::targets;

#[test]
fn every_saved_fuzz_finding_passes_its_target() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("regressions dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let Some((target, _)) = name.split_once('-') else {
            continue;
        };
        let data = std::fs::read(&path).expect("read");
        let start = std::time::Instant::now();
        targets::run(target, &data);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "{name} is slow"
        );
        count += 1;
    }
    assert!(count >= 4, "{count} regression inputs");
}
