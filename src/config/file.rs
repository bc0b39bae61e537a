//! config.toml on disk: loading, a starter file written only where none exists, and
//! atomic replacement that keeps permissions and writes through symlinks.

use super::error::IoAction;
use super::{Config, ConfigError, DEFAULT_CONFIG, parse_named};
use crate::fsutil::sync_dir;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Loads `path`, first writing [`DEFAULT_CONFIG`] there (atomically) if no file exists.
/// Returns the config and whether the file was created now.
pub fn load_or_create(path: &Path) -> Result<(Config, bool), ConfigError> {
    let created = match fs::symlink_metadata(path) {
        Ok(_) => false,
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_default(path, DEFAULT_CONFIG)?,
        Err(e) => return Err(ConfigError::io(IoAction::Read, path, e)),
    };
    let text = read_text(path)?;
    let config = parse_named(&text, &path.display().to_string())?;
    Ok((config, created))
}

/// Why a config file the user named cannot be used as it does not exist; `None` when it
/// exists (or cannot be checked: reading it then says why). A named path is never
/// created behind the user's back: a typo would become a new directory tree and a
/// reader full of starter feeds.
pub fn missing(path: &Path) -> Option<ConfigError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(ConfigError::Missing {
            path: path.to_path_buf(),
        }),
        _ => None,
    }
}

/// Loads a file that exists; see [`missing`].
pub fn load_existing(path: &Path) -> Result<Config, ConfigError> {
    let text = read_text(path)?;
    parse_named(&text, &path.display().to_string())
}

/// Where the starter feeds begin in [`DEFAULT_CONFIG`].
// i18n: a line of the English config template, found in it
const STARTER_MARK: &str = "# Below are some starter feeds";

/// The commented default without the starter feeds: what a first `add` or `import`
/// writes, so the file holds only the feeds the user asked for.
pub fn template() -> String {
    match DEFAULT_CONFIG.find(STARTER_MARK) {
        Some(i) => DEFAULT_CONFIG[..i].trim_end().to_string() + "\n",
        None => DEFAULT_CONFIG.to_string(),
    }
}

pub(super) fn read_text(path: &Path) -> Result<String, ConfigError> {
    let bytes = fs::read(path).map_err(|e| ConfigError::io(IoAction::Read, path, e))?;
    String::from_utf8(bytes).map_err(|_| ConfigError::NotUtf8 {
        path: path.to_path_buf(),
    })
}

/// Writes `initial` to `path` unless a file appeared there meanwhile.
/// Returns whether this call created it.
fn create_default(path: &Path, initial: &str) -> Result<bool, ConfigError> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir).map_err(|e| ConfigError::io(IoAction::CreateDir, &dir, e))?;
    let tmp = write_temp(&dir, path, initial.as_bytes(), None)?;
    // A hard link is an atomic "create if absent": it never replaces an existing file,
    // so a config written by another process (or the user) in the meantime survives.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    let created = match linked {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => false,
        // Filesystems without hard links: still never overwrite, at the cost of atomicity.
        Err(_) => write_new_file(path, initial.as_bytes())?,
    };
    sync_dir(&dir);
    Ok(created)
}

fn write_new_file(path: &Path, bytes: &[u8]) -> Result<bool, ConfigError> {
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(ConfigError::io(IoAction::Create, path, e)),
    };
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| ConfigError::io(IoAction::Write, path, e))?;
    Ok(true)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_temp(
    dir: &Path,
    target: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<PathBuf, ConfigError> {
    let stem = target
        .file_name()
        .map_or_else(|| "config".into(), |n| n.to_string_lossy().into_owned());
    crate::fsutil::write_temp(dir, &stem, bytes, permissions)
        .map_err(|e| ConfigError::io(IoAction::WriteTemp, dir, e))
}

/// Writes `text` to `target` through a temp file and a rename, keeping the permissions of
/// the file it replaces (`existing`, already resolved through symlinks).
pub(super) fn replace_file(
    existing: Option<&Path>,
    target: &Path,
    text: &str,
) -> Result<(), ConfigError> {
    let dir = parent_dir(target);
    let permissions = match existing {
        Some(real) => Some(
            fs::metadata(real)
                .map_err(|e| ConfigError::io(IoAction::Read, real, e))?
                .permissions(),
        ),
        None => {
            fs::create_dir_all(&dir).map_err(|e| ConfigError::io(IoAction::CreateDir, &dir, e))?;
            None
        }
    };
    let tmp = write_temp(&dir, target, text.as_bytes(), permissions)?;
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(ConfigError::io(IoAction::Replace, target, e));
    }
    sync_dir(&dir);
    Ok(())
}
