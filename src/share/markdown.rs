//! Saving an article as a Markdown file with YAML front matter.

use super::{FileAction, ShareError};
use crate::t;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What is written to the file. Text fields are untrusted and are escaped where written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedArticle {
    pub title: String,
    pub link: Option<String>,
    pub feed: String,
    pub author: Option<String>,
    /// Unix seconds.
    pub date: i64,
    pub tags: Vec<String>,
    /// The body as HTML.
    pub html: Option<String>,
}

/// Body text width in the file.
const WIDTH: usize = 80;

/// Front matter, `# Title`, then the body as text with reference-style links.
pub fn to_markdown(article: &SavedArticle) -> String {
    let title = crate::sanitize::line(&article.title);
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_string(&article.title)));
    if let Some(link) = article.link.as_deref().filter(|l| !l.trim().is_empty()) {
        out.push_str(&format!("link: {}\n", yaml_string(link)));
    }
    out.push_str(&format!("feed: {}\n", yaml_string(&article.feed)));
    if let Some(author) = article.author.as_deref().filter(|a| !a.trim().is_empty()) {
        out.push_str(&format!("author: {}\n", yaml_string(author)));
    }
    out.push_str(&format!("date: {}\n", rfc3339(article.date)));
    if article.tags.is_empty() {
        out.push_str("tags: []\n");
    } else {
        out.push_str("tags:\n");
        for tag in &article.tags {
            out.push_str(&format!("  - {}\n", yaml_string(tag)));
        }
    }
    out.push_str("---\n\n");
    out.push_str(&format!(
        "# {}\n",
        if title.is_empty() {
            t!("share-untitled")
        } else {
            title.to_string()
        }
    ));
    let body = article.html.as_deref().map(body_text).unwrap_or_default();
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    }
    out
}

/// The HTML body as wrapped text; links become `[text][n]` with `[n]: url` at the end.
fn body_text(html: &str) -> String {
    let text = crate::panic_guard::catch(|| {
        html2text::from_read(crate::html_guard::prepare(html).as_bytes(), WIDTH).unwrap_or_default()
    })
    .unwrap_or_default();
    let text = crate::sanitize::text(&text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// A YAML double-quoted scalar: `\` and `"` escaped, control characters (newlines too) dropped.
fn yaml_string(s: &str) -> String {
    let clean = crate::sanitize::line(s);
    let mut out = String::with_capacity(clean.len() + 2);
    out.push('"');
    for c in clean.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn rfc3339(ts: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Longest slug, in characters.
const SLUG_MAX: usize = 60;

/// `YYYY-MM-DD-slug.md` (the date in UTC). The slug keeps lowercase letters and digits of any
/// script; everything else becomes one `-`. Never empty, never a path.
pub fn file_name(title: &str, date: i64) -> String {
    let day = chrono::DateTime::<chrono::Utc>::from_timestamp(date, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d");
    format!("{day}-{}.md", slug(title))
}

fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut pending_dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if !c.is_alphanumeric() {
            pending_dash = !out.is_empty();
            continue;
        }
        let needed = if pending_dash { 2 } else { 1 };
        if count + needed > SLUG_MAX {
            break;
        }
        if pending_dash {
            out.push('-');
        }
        out.push(c);
        count += needed;
        pending_dash = false;
    }
    if out.is_empty() {
        "article".to_string()
    } else {
        out
    }
}

/// Writes the article into `dir` (created if needed) under [`file_name`], never replacing a
/// file: `-2`, `-3` … are tried. The content appears whole or not at all.
pub fn save(dir: &Path, article: &SavedArticle) -> Result<PathBuf, ShareError> {
    fs::create_dir_all(dir).map_err(|e| ShareError::io(FileAction::Create, dir, e))?;
    let name = file_name(&article.title, article.date);
    let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
    let tmp = write_temp(dir, to_markdown(article).as_bytes())?;
    let result = place(dir, &stem, &tmp);
    let _ = fs::remove_file(&tmp);
    result
}

/// Links the finished temporary file to the first free name: a hard link never replaces an
/// existing file, so this is atomic and race-free at once.
fn place(dir: &Path, stem: &str, tmp: &Path) -> Result<PathBuf, ShareError> {
    for n in 1..=1000u32 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let target = dir.join(name);
        match fs::hard_link(tmp, &target) {
            Ok(()) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => return place_by_copy(&target, tmp, dir, stem, n),
        }
    }
    Err(ShareError::NoFreeName {
        stem: stem.to_string(),
        dir: dir.to_path_buf(),
    })
}

/// For filesystems without hard links: create_new, then copy. Still never replaces a file.
fn place_by_copy(
    first: &Path,
    tmp: &Path,
    dir: &Path,
    stem: &str,
    from: u32,
) -> Result<PathBuf, ShareError> {
    let bytes = fs::read(tmp).map_err(|e| ShareError::io(FileAction::Read, tmp, e))?;
    let mut target = first.to_path_buf();
    for n in from..=1000u32 {
        if n != from {
            target = dir.join(format!("{stem}-{n}.md"));
        }
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ShareError::io(FileAction::Create, &target, e)),
        };
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| ShareError::io(FileAction::Write, &target, e))?;
        return Ok(target);
    }
    Err(ShareError::NoFreeName {
        stem: stem.to_string(),
        dir: dir.to_path_buf(),
    })
}

fn write_temp(dir: &Path, bytes: &[u8]) -> Result<PathBuf, ShareError> {
    crate::fsutil::write_temp(dir, "tidings-save", bytes, None)
        .map_err(|e| ShareError::io(FileAction::WriteIn, dir, e))
}

/// `[title](url)`: `\`, `[` and `]` in the title are escaped, and `(`, `)` and spaces in the
/// URL percent-encoded, so neither can end the link early.
pub fn markdown_link(title: &str, url: &str) -> String {
    let mut t = String::with_capacity(title.len());
    for c in crate::sanitize::line(title).chars() {
        if matches!(c, '\\' | '[' | ']') {
            t.push('\\');
        }
        t.push(c);
    }
    let u = url
        .trim()
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29");
    format!("[{t}]({u})")
}
