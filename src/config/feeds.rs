//! Editing the `[[feed]]` tables of config.toml with toml_edit, so the user's comments
//! and layout stay as written: adding, tagging, renaming, removing and moving feeds.

use super::error::{ByHand, IoAction};
use super::file::{read_text, replace_file};
use super::{ConfigError, FeedConfig, feed_name, is_supported_feed_url, parse_named, template};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// Appends feeds to the config file with toml_edit, keeping the user's comments and layout.
/// URLs already present are skipped. Atomic write. Returns how many were added.
///
/// A missing file starts from [`template`] (no starter feeds). A file that does not parse is left alone
/// (the error says why), so a broken config is never made worse. A symlinked config
/// (dotfile managers) is written through: the link's target is replaced, not the link.
pub fn add_feeds(path: &Path, feeds: &[FeedConfig]) -> Result<usize, ConfigError> {
    let existing = match fs::symlink_metadata(path) {
        Ok(_) => {
            Some(fs::canonicalize(path).map_err(|e| ConfigError::io(IoAction::Read, path, e))?)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(ConfigError::io(IoAction::Read, path, e)),
    };
    let (target, text) = match &existing {
        Some(real) => (real.clone(), read_text(real)?),
        None => (path.to_path_buf(), template()),
    };
    let name = path.display().to_string();
    parse_named(&text, &name)?;
    for (i, feed) in feeds.iter().enumerate() {
        if !is_supported_feed_url(&feed.url) {
            return Err(ConfigError::UnsupportedUrl {
                feed: feed_name(i, feed),
                url: crate::sanitize::line(feed.url.trim()),
            });
        }
    }

    let (new_text, added) = append_feeds(&text, &name, feeds)?;
    if added == 0 && existing.is_some() {
        return Ok(0);
    }
    // Never write something tidings itself would refuse to load.
    parse_named(&new_text, &name)?;

    replace_file(existing.as_deref(), &target, &new_text)?;
    Ok(added)
}

/// Sets the tags of the feed with this URL, editing only that table's `tags` value:
/// every comment and the rest of the layout stay as the user wrote them.
pub fn set_feed_tags(path: &Path, url: &str, tags: &[String]) -> Result<(), ConfigError> {
    let mut array = toml_edit::Array::new();
    for t in tags {
        array.push(crate::sanitize::line(t));
    }
    edit_feed(path, url, |tables, i| {
        if let Some(table) = tables.get_mut(i) {
            set_value(table, "tags", toml_edit::Value::Array(array));
        }
        None
    })
}

/// Sets the configured title of the feed with this URL (`None` or blank: removes it, so
/// the feed's own title is shown), keeping every comment.
pub fn set_feed_title(path: &Path, url: &str, title: Option<&str>) -> Result<(), ConfigError> {
    let title = title
        .map(crate::sanitize::line)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    edit_feed(path, url, |tables, i| {
        let table = tables.get_mut(i)?;
        match title {
            Some(t) => set_value(table, "title", toml_edit::Value::from(t)),
            None => {
                table.remove("title");
            }
        }
        None
    })
}

/// Removes the `[[feed]]` table with this URL. Comments above it stay in the file (they
/// move to the next feed, or to the end): a comment may be about more than one feed.
pub fn remove_feed(path: &Path, url: &str) -> Result<(), ConfigError> {
    edit_feed(path, url, |tables, i| {
        let prefix = tables
            .get(i)?
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .map(str::to_string)
            .unwrap_or_default();
        tables.remove(i);
        let comments = prefix.trim_end();
        if comments.trim().is_empty() {
            return None;
        }
        match tables.get_mut(i) {
            Some(next) => {
                let after = next
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or_default()
                    .to_string();
                next.decor_mut()
                    .set_prefix(format!("{comments}\n{}", after.trim_start_matches('\n')));
                None
            }
            None => Some(comments.to_string()),
        }
    })
}

/// Moves the `[[feed]]` table with this URL `by` places among the feeds (up when
/// negative), with the comments above it; the feed list shows feeds in file order.
pub fn move_feed(path: &Path, url: &str, by: isize) -> Result<(), ConfigError> {
    edit_feed(path, url, |tables, i| {
        let j = i
            .checked_add_signed(by)?
            .min(tables.len().saturating_sub(1));
        if j == i {
            return None;
        }
        // Tables are written out by their document position: the contents move, the
        // positions stay where they were.
        let positions: Vec<Option<isize>> = tables.iter().map(|t| t.position()).collect();
        let moved = tables.get(i)?.clone();
        // Shift the ones in between by one place, then put the moved table at j.
        if j > i {
            for k in i..j {
                let next = tables.get(k + 1)?.clone();
                *tables.get_mut(k)? = next;
            }
        } else {
            for k in (j..i).rev() {
                let prev = tables.get(k)?.clone();
                *tables.get_mut(k + 1)? = prev;
            }
        }
        *tables.get_mut(j)? = moved;
        for (k, pos) in positions.into_iter().enumerate() {
            if let Some(t) = tables.get_mut(k) {
                t.set_position(pos);
            }
        }
        None
    })
}

/// A value replaced in place, keeping the comment after it on the same line.
fn set_value(table: &mut toml_edit::Table, key: &str, new: toml_edit::Value) {
    match table.get_mut(key).and_then(|v| v.as_value_mut()) {
        Some(value) => {
            let decor = value.decor().clone();
            *value = new;
            *value.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(new));
        }
    }
}

/// Reads config.toml (which must load), lets `edit` change the `[[feed]]` tables with
/// the index of the one with `url`, checks the result loads, and writes it atomically
/// (through a symlink, keeping permissions). Text `edit` returns is put at the end of
/// the file (the comments of a removed last feed).
fn edit_feed(
    path: &Path,
    url: &str,
    edit: impl FnOnce(&mut toml_edit::ArrayOfTables, usize) -> Option<String>,
) -> Result<(), ConfigError> {
    let real = fs::canonicalize(path).map_err(|e| ConfigError::io(IoAction::Read, path, e))?;
    let text = read_text(&real)?;
    let name = path.display().to_string();
    parse_named(&text, &name)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        ConfigError::syntax(&text, &name, e.span(), e.message())
    })?;
    let tables = doc
        .get_mut("feed")
        .and_then(|f| f.as_array_of_tables_mut())
        .ok_or_else(|| ConfigError::FeedsNotTables {
            file: name.clone(),
            by_hand: ByHand::Edit,
        })?;
    let index = tables
        .iter()
        .position(|t| {
            t.get("url")
                .and_then(|u| u.as_str())
                .is_some_and(|u| u.trim() == url.trim())
        })
        .ok_or_else(|| ConfigError::NoSuchFeed {
            file: name.clone(),
            url: crate::sanitize::line(url),
        })?;
    if let Some(keep) = edit(tables, index) {
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing(format!("\n{keep}\n{trailing}"));
    }
    let new_text = doc.to_string();
    parse_named(&new_text, &name)?;
    replace_file(Some(&real), &real, &new_text)
}

/// The text with `[[feed]]` tables appended for the feeds whose URL is not there yet.
fn append_feeds(
    text: &str,
    name: &str,
    feeds: &[FeedConfig],
) -> Result<(String, usize), ConfigError> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        ConfigError::syntax(text, name, e.span(), e.message())
    })?;
    let mut present: HashSet<String> = HashSet::new();
    match doc.get("feed") {
        None => {}
        Some(toml_edit::Item::ArrayOfTables(tables)) => {
            for t in tables.iter() {
                if let Some(url) = t.get("url").and_then(|u| u.as_str()) {
                    present.insert(url.trim().to_string());
                }
            }
        }
        Some(_) => {
            return Err(ConfigError::FeedsNotTables {
                file: name.to_string(),
                by_hand: ByHand::Add,
            });
        }
    }
    // Comments after the last table (the template's "# Feeds" section, or a file whose
    // feeds were all deleted) belong before the feeds appended now, not after them.
    let mut trailing = doc
        .trailing()
        .as_str()
        .map(str::to_string)
        .filter(|t| !t.trim().is_empty());
    let mut added = 0;
    for feed in feeds {
        let url = feed.url.trim();
        if !present.insert(url.to_string()) {
            continue;
        }
        let mut table = feed_table(url, feed)?;
        if let Some(text) = trailing.take() {
            doc.set_trailing("");
            table
                .decor_mut()
                .set_prefix(format!("{}\n\n", text.trim_end()));
        }
        let tables = doc
            .entry("feed")
            .or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()))
            .as_array_of_tables_mut()
            .ok_or_else(|| ConfigError::FeedNotList {
                file: name.to_string(),
            })?;
        tables.push(table);
        added += 1;
    }
    Ok((doc.to_string(), added))
}

fn feed_table(url: &str, feed: &FeedConfig) -> Result<toml_edit::Table, ConfigError> {
    let mut t = toml_edit::Table::new();
    t.insert("url", toml_edit::value(url));
    if let Some(title) = feed.title.as_deref().filter(|t| !t.trim().is_empty()) {
        t.insert("title", toml_edit::value(title));
    }
    if !feed.tags.is_empty() {
        let tags: toml_edit::Array = feed.tags.iter().map(String::as_str).collect();
        t.insert("tags", toml_edit::value(tags));
    }
    if let Some(minutes) = feed.refresh_minutes {
        let minutes = i64::try_from(minutes).map_err(|_| ConfigError::RefreshTooLarge(minutes))?;
        t.insert("refresh_minutes", toml_edit::value(minutes));
    }
    Ok(t)
}
