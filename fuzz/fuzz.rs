//! A time-bounded mutation fuzzer on stable Rust (cargo-fuzz needs nightly).
//!
//! `tidings-fuzz TARGET SECONDS [SEED]` mutates a seed corpus (built in `targets.rs` plus the
//! files in `fuzz/corpus/TARGET/`) with byte flips, inserts, deletions, duplications, splices
//! and dictionary tokens; each input runs under `catch_unwind`. A panic, or an input slower
//! than `SLOW`, is written to `fuzz/crashes/TARGET/` and counted. Exit code 1 if any was found.
//! No coverage feedback: the pool keeps a random sample of mutants so that mutations stack.

#[path = "targets.rs"]
mod targets;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MAX_INPUT: usize = 64 * 1024;
const MAX_POOL: usize = 2000;
/// An input that takes longer than this is a finding too (a hang in the reader).
const SLOW: Duration = Duration::from_secs(2);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(target), Some(secs)) = (args.get(1), args.get(2).and_then(|s| s.parse::<u64>().ok()))
    else {
        eprintln!(
            "usage: tidings-fuzz TARGET SECONDS [SEED]\ntargets: {}",
            targets::TARGETS.join(", ")
        );
        std::process::exit(2);
    };
    if !targets::TARGETS.contains(&target.as_str()) {
        eprintln!(
            "unknown target {target}; targets: {}",
            targets::TARGETS.join(", ")
        );
        std::process::exit(2);
    }
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let found = fuzz(target, Duration::from_secs(secs), seed, &root);
    std::process::exit(i32::from(found > 0));
}

/// Runs one target; returns the number of distinct findings.
fn fuzz(target: &str, budget: Duration, seed: u64, root: &Path) -> usize {
    let mut pool = targets::seeds(target);
    let corpus_dir = root.join("corpus").join(target);
    if let Ok(entries) = std::fs::read_dir(&corpus_dir) {
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                pool.push(bytes);
            }
        }
    }
    let crash_dir = root.join("crashes").join(target);
    let dict = targets::dictionary(target);
    let mut rng = Rng(seed | 1);

    // Panics are expected and reported here, not on stderr once each.
    let last_panic = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let hook_panic = std::sync::Arc::clone(&last_panic);
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut p) = hook_panic.lock() {
            *p = format!(
                "{location}: {}",
                payload.chars().take(300).collect::<String>()
            );
        }
    }));

    let start = Instant::now();
    let mut execs: u64 = 0;
    let mut seen: HashSet<String> = HashSet::new();
    let mut slowest = Duration::ZERO;
    // The seeds themselves first.
    let mut queue: Vec<Vec<u8>> = pool.clone();
    while start.elapsed() < budget {
        let input = queue.pop().unwrap_or_else(|| mutate(&pool, dict, &mut rng));
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| targets::run(target, &input)));
        let took = t.elapsed();
        slowest = slowest.max(took);
        execs += 1;
        let finding = match outcome {
            Err(_) => last_panic.lock().map(|p| p.clone()).ok(),
            Ok(()) if took > SLOW => Some(format!("slow: {took:?}")),
            Ok(()) => None,
        };
        if let Some(what) = finding {
            let key = what.split(": ").next().unwrap_or("").to_string();
            let name = format!(
                "{}-{:016x}.bin",
                if what.starts_with("slow") {
                    "slow"
                } else {
                    "crash"
                },
                hash(&input)
            );
            let _ = std::fs::create_dir_all(&crash_dir);
            let _ = std::fs::write(crash_dir.join(&name), &input);
            if seen.insert(key) {
                println!(
                    "[{target}] finding ({} bytes) -> fuzz/crashes/{target}/{name}\n    {what}",
                    input.len()
                );
            }
        } else if pool.len() < MAX_POOL && rng.below(16) == 0 {
            pool.push(input);
        } else if rng.below(64) == 0 {
            let i = rng.below(pool.len());
            pool[i] = input;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "[{target}] {execs} execs in {secs:.0} s = {:.0}/s, slowest {slowest:.2?}, {} distinct finding(s), seed {seed}",
        execs as f64 / secs,
        seen.len()
    );
    seen.len()
}

fn mutate(pool: &[Vec<u8>], dict: &[&str], rng: &mut Rng) -> Vec<u8> {
    let mut data = pool[rng.below(pool.len())].clone();
    for _ in 0..=rng.below(4) {
        let len = data.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                data.insert(i, rng.byte());
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                data.drain(a..b);
            }
            3 if len > 0 => {
                // Duplicate a slice, sometimes many times (nesting, floods).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                let piece = data[a..b].to_vec();
                let times = if rng.below(8) == 0 {
                    1 + rng.below(500)
                } else {
                    1
                };
                let at = rng.below(data.len() + 1);
                for _ in 0..times {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            4 | 5 if !dict.is_empty() => {
                let token = dict[rng.below(dict.len())].as_bytes();
                let at = rng.below(len + 1);
                let times = if rng.below(16) == 0 {
                    1 + rng.below(200)
                } else {
                    1
                };
                for _ in 0..times {
                    data.splice(at..at, token.iter().copied());
                }
            }
            6 => {
                // Splice in part of another input.
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(256)).min(other.len());
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[a..b].iter().copied());
                }
            }
            7 if len > 0 => data.truncate(rng.below(len)),
            _ => {
                let i = rng.below(len + 1);
                let c = [
                    0x1b, 0x9b, 0xc2, 0xe2, 0x80, 0xae, b'<', b'&', b'"', 0, 0xff,
                ][rng.below(11)];
                data.insert(i, c);
            }
        }
    }
    data.truncate(MAX_INPUT);
    data
}

fn hash(data: &[u8]) -> u64 {
    // FNV-1a: stable across runs, so a crash file's name identifies its input.
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// xorshift64*: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}
