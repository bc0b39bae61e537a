//! How the C allocator gives memory back, for processes that stream large documents through.
//!
//! glibc serves a block of at least `M_MMAP_THRESHOLD` bytes with a mapping of its own,
//! unmapped when freed. Left alone, it raises that threshold to the size of every such block
//! freed (up to 32 MiB): after the first feed body of a few MB is dropped, later bodies and
//! parsed documents' big strings come from the arenas instead, and what is freed there stays
//! in the process between small live allocations. `tidings refresh`'s peak RSS then grew with
//! the number of feeds (146 MB at 50 feeds of 1,000 items, 170 MB at 250) while the memory it
//! actually used grew by 6 MB (heaptrack: 90 MB, 96 MB). Fixing the threshold turns the
//! raising off, so big blocks come and go with their mappings (100 MB and 111 MB).

/// Blocks of at least this many bytes get a mapping of their own. glibc starts at 128 KiB;
/// twice that leaves SQLite's and the parsers' medium buffers in the arenas, where reusing
/// them costs no system call, and still maps every body and big body string.
pub const MMAP_THRESHOLD: usize = 256 * 1024;

/// Makes the allocator map large blocks on their own at any point of the run (see the module
/// comment). True if it took the setting; false where the allocator is not glibc's.
pub fn map_large_blocks() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let threshold = libc::c_int::try_from(MMAP_THRESHOLD).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets a parameter of the allocator, under the allocator's own
        // lock; no memory is touched and no pointer is passed.
        unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, threshold) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;
    use std::process::Command;

    const MODE: &str = "TIDINGS_HEAP_TEST_MODE";

    /// The allocator's state is the whole process's: the check runs in a process of its own
    /// (this test binary, running only `probe`), once with the setting and once without, so
    /// the test also shows that without it a block freed earlier changes where a later one goes.
    #[test]
    fn large_blocks_stay_mapped_after_a_larger_one_was_freed() {
        let exe = std::env::current_exe().expect("test binary path");
        for (mode, mapped) in [("set", true), ("glibc-default", false)] {
            let mut cmd = Command::new(&exe);
            cmd.args(["--exact", "heap::tests::probe", "--ignored", "--nocapture"])
                .env(MODE, mode);
            for (key, _) in std::env::vars_os() {
                // The allocator's settings from the environment would decide for the probe.
                let key_text = key.to_string_lossy();
                if key_text.starts_with("MALLOC_") || key_text == "GLIBC_TUNABLES" {
                    cmd.env_remove(key);
                }
            }
            let out = cmd.output().expect("run the probe");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{mode}: {stdout}");
            assert!(
                stdout.contains(&format!("probe: mapped={mapped}")),
                "{mode}: expected mapped={mapped}: {stdout}"
            );
        }
    }

    #[test]
    #[ignore = "run by large_blocks_stay_mapped_after_a_larger_one_was_freed in its own process"]
    fn probe() {
        let Ok(mode) = std::env::var(MODE) else {
            return;
        };
        if mode == "set" {
            assert!(map_large_blocks());
        }
        // A fetched body of 8 MB, dropped: glibc would raise its threshold to 8 MB here.
        let body = vec![1u8; 8 << 20];
        std::hint::black_box(&body);
        drop(body);
        let before = libc_mapped();
        let block = vec![1u8; 4 * MMAP_THRESHOLD];
        std::hint::black_box(&block);
        let mapped = libc_mapped() >= before + block.len();
        drop(block);
        println!("probe: mapped={mapped}");
    }

    /// Bytes in blocks that have a mapping of their own.
    fn libc_mapped() -> usize {
        // SAFETY: mallinfo2 only reads the allocator's counters.
        unsafe { libc::mallinfo2() }.hblkhd
    }
}
