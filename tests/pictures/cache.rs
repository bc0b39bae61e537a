use proptest::prelude::*;
use std::path::Path;
use tidings::pictures::cache::DiskCache;

const URLS: [&str; 6] = [
    "https://a.example/1.png",
    "https://a.example/2.png",
    "https://b.example/3.jpg",
    "https://b.example/4.jpg",
    "https://c.example/5.webp",
    "https://c.example/6.gif",
];

/// What an entry costs on disk beyond its bytes: magic, URL length, URL, byte length.
fn overhead(url: &str) -> u64 {
    (8 + 4 + url.len() + 8) as u64
}

/// The plain computation: a list, most recently used first, trimmed from the back.
#[derive(Default)]
struct Model {
    entries: Vec<(usize, Vec<u8>)>,
}

impl Model {
    fn size(&self) -> u64 {
        self.entries
            .iter()
            .map(|(u, b)| overhead(URLS[*u]) + b.len() as u64)
            .sum()
    }
    fn put(&mut self, url: usize, bytes: Vec<u8>, cap: u64) {
        self.entries.retain(|(u, _)| *u != url);
        if overhead(URLS[url]) + bytes.len() as u64 > cap {
            return;
        }
        self.entries.insert(0, (url, bytes));
        while self.size() > cap {
            self.entries.pop();
        }
    }
    fn get(&mut self, url: usize) -> Option<Vec<u8>> {
        let at = self.entries.iter().position(|(u, _)| *u == url)?;
        let entry = self.entries.remove(at);
        let bytes = entry.1.clone();
        self.entries.insert(0, entry);
        Some(bytes)
    }
}

#[derive(Clone, Debug)]
enum Op {
    Put(usize, usize),
    Get(usize),
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..URLS.len(), 0usize..400).prop_map(|(u, n)| Op::Put(u, n)),
        4 => (0..URLS.len()).prop_map(Op::Get),
        1 => Just(Op::Reopen),
    ]
}

fn disk_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").metadata().expect("meta").len())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After any sequence of puts, gets and reopenings the cache holds exactly what an LRU
    /// list with the same cap holds, and the disk never more than the cap.
    #[test]
    fn the_cache_is_an_lru_within_its_cap(cap in 100u64..1200, ops in proptest::collection::vec(op(), 1..60)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cache = DiskCache::open(dir.path(), cap).expect("open");
        let mut model = Model::default();
        for (step, op) in ops.iter().enumerate() {
            match *op {
                Op::Put(url, n) => {
                    let bytes = vec![(step % 251) as u8; n];
                    let stored = cache.put(URLS[url], &bytes).expect("put");
                    prop_assert_eq!(stored, overhead(URLS[url]) + n as u64 <= cap);
                    model.put(url, bytes, cap);
                }
                Op::Get(url) => {
                    prop_assert_eq!(cache.get(URLS[url]).expect("get"), model.get(url), "get {}", url);
                }
                Op::Reopen => {
                    drop(cache);
                    cache = DiskCache::open(dir.path(), cap).expect("reopen");
                }
            }
            prop_assert!(cache.total_bytes() <= cap);
            prop_assert_eq!(cache.total_bytes(), model.size());
            prop_assert_eq!(disk_bytes(dir.path()), model.size());
            for (u, url) in URLS.iter().enumerate() {
                prop_assert_eq!(cache.contains(url), model.entries.iter().any(|(m, _)| *m == u), "after {:?}: {}", op, url);
            }
        }
    }
}

#[test]
fn a_smaller_cap_at_reopening_drops_the_oldest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cache = DiskCache::open(dir.path(), 10_000).expect("open");
    for url in &URLS[..3] {
        cache.put(url, &[1u8; 100]).expect("put");
    }
    // The first is used last: the second is now the oldest.
    assert!(cache.get(URLS[0]).expect("get").is_some());
    drop(cache);
    let one = overhead(URLS[0]) + 100;
    let cache = DiskCache::open(dir.path(), 2 * one + 10).expect("reopen");
    assert!(cache.contains(URLS[0]));
    assert!(!cache.contains(URLS[1]));
    assert!(cache.contains(URLS[2]));
}

#[test]
fn damaged_and_stray_files_are_handled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cache = DiskCache::open(dir.path(), 10_000).expect("open");
    cache.put(URLS[0], b"picture").expect("put");
    drop(cache);
    let entry = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "pic"))
        .expect("an entry");
    // Torn: cut short.
    let bytes = std::fs::read(&entry).expect("read");
    std::fs::write(&entry, &bytes[..bytes.len() - 2]).expect("write");
    std::fs::write(dir.path().join(".tmp-1-1"), b"left by a crash").expect("write");
    std::fs::write(dir.path().join("README"), b"not ours").expect("write");
    let mut cache = DiskCache::open(dir.path(), 10_000).expect("reopen");
    assert!(!dir.path().join(".tmp-1-1").exists());
    assert_eq!(cache.get(URLS[0]).expect("get"), None);
    assert!(!entry.exists());
    assert_eq!(cache.total_bytes(), 0);
    assert!(dir.path().join("README").exists());
}
