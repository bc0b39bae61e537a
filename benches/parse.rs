//! `tidings-bench parse [DIR]`: `feed::parse` alone, per format, on this bench's own feeds
//! (RSS 2.0, Atom, JSON Feed; 100 items each) and on the feed files under `DIR` (a genfeeds
//! corpus's `feeds/`), by file extension and root element. Median of 7 rounds.

use std::time::Instant;

/// Documents with their content types.
type Docs = Vec<(Vec<u8>, &'static str)>;

pub fn run(dir: Option<&str>) {
    let mut groups: Vec<(String, Docs)> = Vec::new();
    let own: Vec<(String, &'static str)> = (0..60).map(super::make_feed).collect();
    for (name, ct) in [
        ("bench rss2", "application/rss+xml"),
        ("bench atom", "application/atom+xml"),
        ("bench json", "application/feed+json"),
    ] {
        let docs = own
            .iter()
            .filter(|(_, c)| *c == ct)
            .map(|(d, c)| (d.clone().into_bytes(), *c))
            .collect();
        groups.push((name.to_string(), docs));
    }
    if let Some(dir) = dir {
        let mut by_kind: std::collections::BTreeMap<&str, Docs> = Default::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            println!("parse: cannot read {dir}");
            return;
        };
        for entry in entries.flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(400)]).into_owned();
            let kind = if head.trim_start().starts_with('{') {
                "corpus json"
            } else if head.contains("<rdf:RDF") {
                "corpus rss1"
            } else if head.contains("<feed") {
                "corpus atom"
            } else {
                "corpus rss2"
            };
            by_kind
                .entry(kind)
                .or_default()
                .push((bytes, "application/xml"));
        }
        groups.extend(by_kind.into_iter().map(|(k, v)| (k.to_string(), v)));
    }
    for (name, docs) in groups {
        let bytes: usize = docs.iter().map(|(d, _)| d.len()).sum();
        let mut times = Vec::new();
        let mut items = 0;
        for _ in 0..7 {
            let t = Instant::now();
            items = 0;
            for (doc, ct) in &docs {
                if let Ok(feed) =
                    tidings::feed::parse::parse(doc, Some(ct), "https://example.com/feed")
                {
                    items += feed.items.len();
                }
            }
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "parse {name}: {} docs, {:.1} MB, {items} items: median {:.1} ms (min {:.1}, max {:.1}), {:.0} MB/s",
            docs.len(),
            bytes as f64 / 1e6,
            median * 1e3,
            times[0] * 1e3,
            times[times.len() - 1] * 1e3,
            bytes as f64 / 1e6 / median
        );
    }
}

/// `tidings-bench pack [DIR]`: the bodies of the parsed feeds (as `parse` reads them)
/// compressed one by one as `compress::pack` does, at several zstd levels: time and size.
pub fn run_pack(dir: Option<&str>) {
    let mut docs: Vec<Vec<u8>> = (0..60)
        .map(|f| super::make_feed(f).0.into_bytes())
        .collect();
    if let Some(dir) = dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        docs.extend(
            entries
                .flatten()
                .filter_map(|e| std::fs::read(e.path()).ok()),
        );
    }
    let mut bodies: Vec<String> = Vec::new();
    for doc in &docs {
        if let Ok(feed) = tidings::feed::parse::parse(doc, None, "https://example.com/feed") {
            for item in feed.items {
                bodies.extend(item.summary.into_iter().chain(item.content));
            }
        }
    }
    let total: usize = bodies.iter().map(String::len).sum();
    println!(
        "pack: {} bodies, {:.1} MB",
        bodies.len(),
        total as f64 / 1e6
    );
    for (level, from) in [
        (3, 64),
        (1, 64),
        (-1, 64),
        (-3, 64),
        (-5, 64),
        (3, 512),
        (3, 1024),
        (3, 2048),
    ] {
        let Ok(mut c) = zstd::bulk::Compressor::new(level) else {
            continue;
        };
        let mut times = Vec::new();
        let mut stored = 0;
        for _ in 0..5 {
            stored = 0;
            let t = Instant::now();
            for b in &bodies {
                let frame = if b.len() < from {
                    None
                } else {
                    c.compress(b.as_bytes()).ok()
                };
                stored += match frame {
                    Some(f) if f.len() < b.len() => f.len(),
                    _ => b.len(),
                };
            }
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "pack level {level}, from {from} bytes: median {:.1} ms (min {:.1}), stored {:.1} % of the text",
            times[2] * 1e3,
            times[0] * 1e3,
            stored as f64 * 100.0 / total as f64
        );
    }
}
