//! Putting an article's enclosures on the download queue: what `tidings download ID`, the
//! reader's `d` and automatic downloads share. Naming follows `names`; a row that exists is
//! queued again only when that can help (failed, paused, or done with its file gone).

use super::download::part_path;
use super::names::{self, Episode};
use crate::db::{Db, DbError, DownloadState};
use crate::model::{ArticleId, Enclosure};
use std::collections::HashSet;
use std::path::Path;

/// The enclosures worth downloading: everything but images (a feed's artwork).
pub fn media(enclosures: Vec<Enclosure>) -> Vec<Enclosure> {
    enclosures
        .into_iter()
        .filter(|e| !e.mime.as_deref().unwrap_or("").starts_with("image/"))
        .collect()
}

/// Names already used, lowercased: new names are numbered around them.
pub fn taken(db: &Db) -> Result<HashSet<String>, DbError> {
    Ok(db
        .download_paths()?
        .into_iter()
        .map(|p| p.to_lowercase())
        .collect())
}

/// What became of one enclosure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    /// A new row, by id.
    New(i64),
    /// An existing row queued again.
    Again(i64),
    /// Already queued, running or downloaded.
    Already(i64),
}

/// Queues `enc` of `article`: a new row named by `template` under `dir`, or the row it has.
#[allow(clippy::too_many_arguments)]
pub fn enclosure(
    db: &mut Db,
    dir: &Path,
    template: &str,
    taken: &mut HashSet<String>,
    article: ArticleId,
    feed_title: &str,
    title: &str,
    date: i64,
    enc: &Enclosure,
    now: i64,
) -> Result<Queued, DbError> {
    if let Some(row) = db.download_of(article, &enc.url)? {
        let file_gone = !dir.join(&row.path).exists();
        let again = match row.state {
            DownloadState::Failed | DownloadState::Paused => true,
            DownloadState::Done => file_gone,
            DownloadState::Queued | DownloadState::Downloading => false,
        };
        if again {
            db.set_download_state(row.id, DownloadState::Queued, None, now)?;
            return Ok(Queued::Again(row.id));
        }
        return Ok(Queued::Already(row.id));
    }
    let rel = names::relative_path(
        template,
        &Episode {
            feed: feed_title,
            title,
            date: Some(date),
            url: &enc.url,
            mime: enc.mime.as_deref(),
        },
    );
    let rel = names::numbered(&rel, |c| {
        let text = c.to_string_lossy().to_lowercase();
        taken.contains(&text) || dir.join(c).exists() || part_path(&dir.join(c)).exists()
    });
    let text = rel.to_string_lossy().into_owned();
    taken.insert(text.to_lowercase());
    Ok(Queued::New(db.queue_download(
        Some(article),
        &enc.url,
        &text,
        now,
    )?))
}
