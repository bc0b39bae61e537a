//! `tidings-bench dbsize [ARTICLES]`: how large the data directory grows for the text it
//! holds. Synthetic articles (titles, 1–3 KB HTML bodies in mixed scripts) go through the
//! real writer thread, which indexes them as a reader would; the figures are the bytes of
//! text stored, the database and WAL once the index caught up, and the time it took.

use super::Rng;
use std::path::Path;
use std::time::{Duration, Instant};
use tidings::db::writer::{DbCmd, DbWriter};
use tidings::db::{Db, Limits};
use tidings::model::{FeedConfig, ParsedFeed, ParsedItem, Validators};

const PER_FEED: usize = 1_000;

const WORDS: &[&str] = &[
    "market",
    "energy",
    "minister",
    "talks",
    "border",
    "trade",
    "council",
    "report",
    "city",
    "river",
    "election",
    "court",
    "science",
    "climate",
    "budget",
    "harbour",
    "rail",
    "storm",
    "museum",
    "the",
    "of",
    "and",
    "a",
    "in",
    "on",
    "with",
    "after",
    "before",
    "government",
    "said",
    "would",
    "could",
    "people",
    "year",
    "week",
    "2026",
    "3.5%",
    "переговоры",
    "министр",
    "экономика",
    "правительство",
    "会谈",
    "部长",
    "经济政策",
    "محادثات",
    "والوزير",
    "Brücke",
    "Regierung",
    "élection",
    "Zürich",
    "Straße",
    "🚆",
];

// The bench's one generator, with what this corpus needs (as scale.rs extends it).
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A word: mostly from the list, sometimes a made-up one so the vocabulary grows
    /// with the corpus as real text's does.
    fn word(&mut self) -> String {
        if self.below(4) == 0 {
            let len = 3 + self.below(8);
            (0..len)
                .map(|_| char::from(b'a' + self.below(26) as u8))
                .collect()
        } else {
            WORDS[self.below(WORDS.len())].to_string()
        }
    }
    fn sentence(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

fn item(r: &mut Rng, feed: usize, i: usize) -> ParsedItem {
    let target = 1_000 + r.below(2_000);
    let mut body = String::new();
    let mut p = 0;
    while body.len() < target {
        body.push_str(&format!(
            "<p>{} <a href=\"https://example.com/f{feed}/i{i}/l{p}\">{}</a> {}.</p>",
            r.sentence(20),
            r.sentence(2),
            r.sentence(15)
        ));
        p += 1;
    }
    ParsedItem {
        guid: Some(format!("f{feed}-{i}")),
        link: Some(format!("https://example.com/f{feed}/{i}")),
        title: r.sentence(8),
        author: Some(format!("Writer {}", r.below(50))),
        published: Some(1_767_225_600 - (feed * PER_FEED + i) as i64 * 60),
        updated: None,
        summary: None,
        content: Some(body),
        enclosures: Vec::new(),
        categories: vec![format!("Section {}", r.below(12)), "World".into()],
        picture: None,
        packed: None,
        title_derived: false,
    }
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

pub fn bench_dbsize(work: &Path, articles: usize) {
    let dir = work.join("dbsize");
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("tidings.db");
    let feeds: Vec<FeedConfig> = (0..articles.div_ceil(PER_FEED))
        .map(|f| FeedConfig {
            url: format!("https://example.com/f{f}.xml"),
            title: None,
            tags: Vec::new(),
            refresh_minutes: None,
            ..Default::default()
        })
        .collect();
    let (rows, writer) = match Db::open(&path).and_then(|mut db| {
        let rows = db.sync_feeds(&feeds, 3600)?;
        Ok((rows, DbWriter::spawn_with(db, |_| {}, true)))
    }) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("dbsize: {e}");
            return;
        }
    };
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = 0u64;
    let start = Instant::now();
    for (f, feed) in rows.iter().enumerate() {
        let n = PER_FEED.min(articles - f * PER_FEED);
        let items: Vec<ParsedItem> = (0..n).map(|i| item(&mut r, f, i)).collect();
        text += items
            .iter()
            .map(|it| {
                (it.title.len()
                    + it.content.as_deref().map_or(0, str::len)
                    + it.author.as_deref().map_or(0, str::len)
                    + it.categories.iter().map(String::len).sum::<usize>()) as u64
            })
            .sum::<u64>();
        writer.send(DbCmd::Ingest {
            feed_id: feed.id,
            parsed: ParsedFeed {
                title: Some(format!("Feed {f}")),
                site_link: None,
                items,
                ..Default::default()
            },
            validators: Validators::default(),
            moved_to: None,
            limits: Limits {
                max_articles: PER_FEED,
                max_age_days: 0,
            },
            now: 1_767_225_600,
        });
    }
    writer.flush();
    let stored = start.elapsed();
    let (Ok(probe), mut peak_wal) = (Db::open_reader(&path), 0) else {
        return;
    };
    loop {
        peak_wal = peak_wal.max(size(&dir.join("tidings.db-wal")));
        if probe.unindexed().unwrap_or(0) == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let indexed = start.elapsed();
    let at_catch_up = size(&dir.join("tidings.db-wal"));
    // The writer empties the WAL once its last chunk is in.
    std::thread::sleep(Duration::from_secs(1));
    let db = size(&path);
    let wal = size(&dir.join("tidings.db-wal"));
    println!(
        "dbsize: {articles} articles, {} of text (titles, bodies, authors, categories)",
        mb(text)
    );
    println!(
        "  stored in {:.1} s, indexed {:.1} s after the start",
        stored.as_secs_f64(),
        indexed.as_secs_f64()
    );
    println!(
        "  caught up: db {} + WAL {} = {} ({:.2}x the text); WAL {} at catch-up, peak {}",
        mb(db),
        mb(wal),
        mb(db + wal),
        (db + wal) as f64 / text as f64,
        mb(at_catch_up),
        mb(peak_wal)
    );
    drop(probe);
    let _ = writer.shutdown();
    let db = size(&path);
    let wal = size(&dir.join("tidings.db-wal"));
    println!(
        "  after the writer stopped: db {} + WAL {}",
        mb(db),
        mb(wal)
    );
    breakdown(&path, db + wal, wal, text);
    body_open(&path, articles);
    // BENCH_KEEP=DIR keeps a copy of the database there, for a look with sqlite3 (the
    // bench's own directory goes when it ends).
    if let Some(keep) = std::env::var_os("BENCH_KEEP") {
        let to = Path::new(&keep).join("tidings.db");
        match std::fs::create_dir_all(&keep).and_then(|()| std::fs::copy(&path, &to)) {
            Ok(_) => println!("  kept: {}", to.display()),
            Err(e) => println!("  could not keep {}: {e}", to.display()),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Where the file's bytes go, by what they hold, and the whole against the stored text.
fn breakdown(path: &Path, total: u64, wal: u64, text: u64) {
    let Ok(conn) = rusqlite::Connection::open(path) else {
        return;
    };
    let parts = conn.prepare(
        "SELECT CASE WHEN name = 'article_bodies' THEN 'bodies (article_bodies)'
                     WHEN name LIKE 'article_search%' THEN 'search index (article_search*)'
                     WHEN name = 'articles' OR name LIKE 'articles_%'
                          OR name LIKE 'sqlite_autoindex_articles%' THEN 'articles and their indexes'
                     ELSE 'the rest (feeds, queues, schema)' END AS part,
                sum(pgsize)
         FROM dbstat GROUP BY part ORDER BY 2 DESC",
    );
    let Ok(mut parts) = parts else {
        return;
    };
    let rows: Vec<(String, i64)> = parts
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default();
    let pragma = |name: &str| -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap_or(0)
    };
    let free = pragma("freelist_count") * pragma("page_size");
    if text > 0 {
        println!(
            "  breakdown ({} in all, {:.2}x the {} of text):",
            mb(total),
            total as f64 / text as f64,
            mb(text)
        );
    } else {
        println!("  breakdown ({} in all):", mb(total));
    }
    for (part, bytes) in rows {
        println!("    {part:<36} {}", mb(bytes as u64));
    }
    println!("    {:<36} {}", "free pages", mb(free as u64));
    println!("    {:<36} {}", "WAL", mb(wal));
}

/// What opening an article costs the database: its body read by id on the reader's
/// connection (as the reader does), in random order over the whole archive.
fn body_open(path: &Path, articles: usize) {
    let Ok(db) = Db::open_reader(path) else {
        return;
    };
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut times: Vec<f64> = Vec::with_capacity(2_000);
    let mut bytes = 0;
    for _ in 0..2_000 {
        let id = 1 + r.below(articles.max(1)) as i64;
        let t = Instant::now();
        let body = db.body(id);
        times.push(t.elapsed().as_secs_f64() * 1e6);
        if let Ok(Some(b)) = body {
            bytes += b.content.map_or(0, |c| c.len());
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "  opening a body (2,000 random articles, {} of content): mean {:.1} µs, median {:.1} µs, p99 {:.1} µs",
        mb(bytes as u64),
        times.iter().sum::<f64>() / times.len() as f64,
        times[times.len() / 2],
        times[times.len() * 99 / 100]
    );
}

/// `tidings-bench migrate FILE`: brings FILE (a copy: it is changed) to this build's
/// schema, then lets the writer give back what the migration freed, timing both.
pub fn bench_migrate(path: &Path) {
    let files = |p: &Path| size(p) + size(&p.with_extension("db-wal"));
    let before = files(path);
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .unwrap_or(-1)
    };
    let from = version(path);
    let t = Instant::now();
    let db = match Db::open(path) {
        Ok(db) => db,
        Err(e) => {
            println!("migrate: {e}");
            return;
        }
    };
    let migrated = t.elapsed();
    println!(
        "migrate: schema {from} to {} in {:.2} s; db + WAL {} before, {} after",
        version(path),
        migrated.as_secs_f64(),
        mb(before),
        mb(files(path))
    );
    let free = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .and_then(|c| c.query_row("PRAGMA freelist_count", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let writer = DbWriter::spawn_with(db, |_| {}, true);
    let t = Instant::now();
    while free(path) * 16_384 > 8 << 20 && t.elapsed() < Duration::from_secs(600) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = writer.shutdown();
    println!(
        "  the idle writer gave the free pages back (VACUUM) {:.2} s after: db + WAL {}",
        t.elapsed().as_secs_f64(),
        mb(files(path))
    );
    let total = files(path);
    breakdown(path, total, size(&path.with_extension("db-wal")), 0);
    let articles: i64 = rusqlite::Connection::open(path)
        .and_then(|c| c.query_row("SELECT max(id) FROM articles", [], |r| r.get(0)))
        .unwrap_or(0);
    body_open(path, articles.max(1) as usize);
}
