//! Fetched picture bytes on disk, under a size cap, least recently used out first.
//!
//! One file per URL, named by a 128-bit FNV-1a hash of it; the file starts with the URL, so a
//! hash collision is a miss, never the wrong picture. Writes go to a temporary file renamed
//! into place: a reader (or a crash) sees the old entry or the new one. An entry whose header
//! does not add up (torn by a crash, written by something else) is removed when read.
//!
//! Recency lives in memory while the cache is open (a counter, exact) and in each file's
//! modification time between runs: every use stamps the file with a time later than any
//! stamp before it, so reopening recovers the same order. One process owns a cache
//! directory at a time; a second one would only make the other's view stale (entries it
//! evicted become misses, entries it added are not counted until the next open).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Default cap on the cache's bytes on disk.
pub const DEFAULT_CAP_BYTES: u64 = 100 * 1024 * 1024;

const MAGIC: &[u8; 8] = b"TDPIC01\n";
const SUFFIX: &str = ".pic";
/// Longest URL stored; a longer one is not cached (it still shows, fetched each time).
const MAX_URL_BYTES: usize = 8 * 1024;
/// Step between consecutive stamps, so that they stay distinct after a round trip through
/// the file system (all common Linux ones keep nanoseconds; this also survives microseconds).
const STAMP_STEP: Duration = Duration::from_micros(1);

#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Bytes on disk, header included: what the cap counts.
    len: u64,
    /// Larger is more recent.
    used: u64,
}

#[derive(Debug)]
pub struct DiskCache {
    dir: PathBuf,
    cap: u64,
    entries: HashMap<u128, Entry>,
    total: u64,
    clock: u64,
    last_stamp: SystemTime,
    temp_seq: u64,
}

impl DiskCache {
    /// Opens (creating) the cache in `dir` with a cap of `cap` bytes: reads what is there,
    /// removes temporary files left by a crash, and evicts down to the cap.
    pub fn open(dir: impl Into<PathBuf>, cap: u64) -> io::Result<DiskCache> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        let mut found: Vec<(SystemTime, u128, u64)> = Vec::new();
        for item in fs::read_dir(&dir)? {
            let item = item?;
            let name = item.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with(".tmp-") {
                let _ = fs::remove_file(item.path());
                continue;
            }
            let Some(key) = parse_name(name) else {
                continue;
            };
            let meta = item.metadata()?;
            if !meta.is_file() {
                continue;
            }
            let stamp = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            found.push((stamp, key, meta.len()));
        }
        // Oldest first; equal stamps (files copied in) in a fixed order.
        found.sort();
        let mut cache = DiskCache {
            dir,
            cap,
            entries: HashMap::with_capacity(found.len()),
            total: 0,
            clock: 0,
            last_stamp: SystemTime::UNIX_EPOCH,
            temp_seq: 0,
        };
        for (stamp, key, len) in found {
            cache.clock += 1;
            cache.last_stamp = cache.last_stamp.max(stamp);
            cache.total += len;
            cache.entries.insert(
                key,
                Entry {
                    len,
                    used: cache.clock,
                },
            );
        }
        cache.evict_to(cap)?;
        Ok(cache)
    }

    /// The dir under the user's cache dir (`Paths::cache_dir`) where pictures go.
    pub fn dir_in(cache_dir: &Path) -> PathBuf {
        cache_dir.join("pictures")
    }

    /// Bytes on disk, as counted; never more than the cap after a call returns.
    pub fn total_bytes(&self) -> u64 {
        self.total
    }

    pub fn cap(&self) -> u64 {
        self.cap
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, url: &str) -> bool {
        self.entries.contains_key(&key(url))
    }

    /// The bytes stored for `url`, marking it used. A damaged entry is removed: `None`.
    pub fn get(&mut self, url: &str) -> io::Result<Option<Vec<u8>>> {
        let key = key(url);
        if !self.entries.contains_key(&key) {
            return Ok(None);
        }
        let path = self.path(key);
        match read_entry(&path, url) {
            Ok(Some(bytes)) => {
                self.touch(key, &path);
                Ok(Some(bytes))
            }
            // Another URL with the same hash: a miss, the entry stays.
            Ok(None) => Ok(None),
            Err(e) => {
                let _ = fs::remove_file(&path);
                self.forget(key);
                if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::InvalidData {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Stores `bytes` for `url` as the most recently used entry and evicts the least
    /// recently used ones until the cache is within its cap. An entry larger than the cap on
    /// its own is not stored (and an older entry for the URL goes): `Ok(false)`.
    pub fn put(&mut self, url: &str, bytes: &[u8]) -> io::Result<bool> {
        let key = key(url);
        let len = entry_len(url, bytes);
        if url.len() > MAX_URL_BYTES || len > self.cap {
            self.remove_key(key)?;
            return Ok(false);
        }
        // Room first, so the disk never holds more than the cap, not even for a moment
        // (the entry being replaced counts as gone).
        self.remove_key(key)?;
        self.evict_to(self.cap - len)?;
        self.temp_seq += 1;
        let tmp = self
            .dir
            .join(format!(".tmp-{}-{}", std::process::id(), self.temp_seq));
        let path = self.path(key);
        let written = write_entry(&tmp, url, bytes).and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        self.clock += 1;
        self.entries.insert(
            key,
            Entry {
                len,
                used: self.clock,
            },
        );
        self.total += len;
        self.stamp(&path);
        Ok(true)
    }

    fn touch(&mut self, key: u128, path: &Path) {
        self.clock += 1;
        if let Some(entry) = self.entries.get_mut(&key) {
            entry.used = self.clock;
        }
        self.stamp(path);
    }

    /// Best effort: a failed stamp only loses this use's recency at the next open.
    fn stamp(&mut self, path: &Path) {
        let next = self
            .last_stamp
            .checked_add(STAMP_STEP)
            .unwrap_or(self.last_stamp);
        let stamp = SystemTime::now().max(next);
        self.last_stamp = stamp;
        if let Ok(file) = fs::File::options().write(true).open(path) {
            let _ = file.set_modified(stamp);
        }
    }

    fn remove_key(&mut self, key: u128) -> io::Result<()> {
        if self.entries.contains_key(&key) {
            match fs::remove_file(self.path(key)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            self.forget(key);
        }
        Ok(())
    }

    fn forget(&mut self, key: u128) {
        if let Some(entry) = self.entries.remove(&key) {
            self.total -= entry.len;
        }
    }

    fn evict_to(&mut self, target: u64) -> io::Result<()> {
        if self.total <= target {
            return Ok(());
        }
        let mut by_age: Vec<(u64, u128)> = self.entries.iter().map(|(k, e)| (e.used, *k)).collect();
        by_age.sort_unstable();
        for (_, key) in by_age {
            if self.total <= target {
                break;
            }
            self.remove_key(key)?;
        }
        Ok(())
    }

    fn path(&self, key: u128) -> PathBuf {
        self.dir.join(format!("{key:032x}{SUFFIX}"))
    }
}

fn parse_name(name: &str) -> Option<u128> {
    let hex = name.strip_suffix(SUFFIX)?;
    if hex.len() != 32 {
        return None;
    }
    u128::from_str_radix(hex, 16).ok()
}

/// FNV-1a, 128 bits: stable across builds and Rust versions (std's hashers are not promised
/// to be), and collisions are harmless here (see the module comment).
fn key(url: &str) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    url.bytes()
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

fn entry_len(url: &str, bytes: &[u8]) -> u64 {
    (MAGIC.len() + 4 + url.len() + 8 + bytes.len()) as u64
}

fn write_entry(path: &Path, url: &str, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    let url_len = u32::try_from(url.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    let mut header = Vec::with_capacity(MAGIC.len() + 12 + url.len());
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&url_len.to_le_bytes());
    header.extend_from_slice(url.as_bytes());
    header.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    file.write_all(&header)?;
    file.write_all(bytes)
}

/// `Ok(None)`: a whole entry for another URL. `Err(InvalidData)`: not a whole entry.
fn read_entry(path: &Path, url: &str) -> io::Result<Option<Vec<u8>>> {
    let bad = || io::Error::from(io::ErrorKind::InvalidData);
    let mut data = Vec::new();
    fs::File::open(path)?.read_to_end(&mut data)?;
    let rest = data.strip_prefix(MAGIC.as_slice()).ok_or_else(bad)?;
    let (len, rest) = rest.split_first_chunk::<4>().ok_or_else(bad)?;
    let url_len = u32::from_le_bytes(*len) as usize;
    if rest.len() < url_len {
        return Err(bad());
    }
    let (stored_url, rest) = rest.split_at(url_len);
    let (len, body) = rest.split_first_chunk::<8>().ok_or_else(bad)?;
    if u64::from_le_bytes(*len) != body.len() as u64 {
        return Err(bad());
    }
    if stored_url != url.as_bytes() {
        return Ok(None);
    }
    let start = data.len() - body.len();
    data.drain(..start);
    Ok(Some(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_stable() {
        // Changing the hash orphans every cached file: this pins it.
        assert_eq!(key(""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(key("a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }
}
