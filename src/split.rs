//! One pass over many rows split across the machine's cores: a search keystroke or a fold of
//! every title at 250,000 headlines is a pass of tens of milliseconds on one core, and the
//! reader is otherwise idle while the user waits for it.

use std::ops::Range;
use std::sync::OnceLock;

/// Below this many rows a pass stays on the calling thread: starting threads costs more
/// than it saves (about 20 µs each against a few ms of work).
pub const PARALLEL_FROM: usize = 32_768;

/// How many threads a pass may use: the cores the process may run on, at most 8.
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8)))
}

/// How many parts `len` rows are split into when passes start splitting at `from` rows.
pub fn parts(len: usize, from: usize) -> usize {
    if len < from.max(1) {
        1
    } else {
        threads().min(len)
    }
}

/// `f` on `parts` consecutive ranges covering `0..len`, the first on this thread and the
/// others on scoped threads; the results in range order. A thread that cannot be started
/// leaves its range to this thread, so the answer never depends on the split.
pub fn map_ranges<T, F>(len: usize, parts: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(Range<usize>) -> T + Sync,
{
    let parts = parts.clamp(1, len.max(1));
    let ranges: Vec<Range<usize>> = (0..parts)
        .map(|i| (len * i / parts)..(len * (i + 1) / parts))
        .collect();
    if parts == 1 {
        return ranges.into_iter().map(&f).collect();
    }
    std::thread::scope(|s| {
        let f = &f;
        let started: Vec<_> = ranges[1..]
            .iter()
            .map(|r| {
                let r = r.clone();
                std::thread::Builder::new()
                    .name("tidings-pass".into())
                    .spawn_scoped(s, move || f(r))
                    .map_err(|_| ())
            })
            .collect();
        let mut out = Vec::with_capacity(parts);
        out.push(f(ranges[0].clone()));
        for (handle, r) in started.into_iter().zip(&ranges[1..]) {
            out.push(match handle {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                Err(()) => f(r.clone()),
            });
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Split or not, the ranges cover every row once, in order.
        #[test]
        fn ranges_cover_every_row_once_in_order(len in 0usize..5000, parts in 1usize..12) {
            let got: Vec<usize> = map_ranges(len, parts, |r| r.collect::<Vec<_>>())
                .into_iter()
                .flatten()
                .collect();
            prop_assert_eq!(got, (0..len).collect::<Vec<_>>());
        }
    }
}
