//! Automatic downloads, per feed in config.toml: `download = "new"` queues every episode
//! that arrives after the setting was first seen, `download_latest = N` the N newest and
//! then each newer one, and `keep = N` deletes the files of older episodes once N newer
//! ones are downloaded (bookmarked articles' files stay).
//!
//! "Arrives after" is by article id (SQLite rowids only grow): per feed, the highest id
//! already considered is kept in `auto_downloads.json` beside the database, with the
//! setting it was taken for. So subscribing, or turning `download = "new"` on, does not
//! fetch the back catalogue; a changed setting starts again; and an episode whose file
//! `keep` deleted, or that was cancelled, is not queued again.

use super::queue;
use crate::db::{Db, DbError, DownloadedEpisode};
use crate::model::FeedConfig;
use crate::t;
use std::collections::BTreeMap;
use std::path::Path;

/// A feed's automatic download settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub url: String,
    /// Queue the N newest, then each newer one; `download = "new"` is `Some(0)`.
    pub latest: Option<usize>,
    pub keep: Option<usize>,
}

pub fn policies(feeds: &[FeedConfig]) -> Vec<Policy> {
    feeds
        .iter()
        .filter_map(|f| {
            let latest = match (f.download, f.download_latest) {
                (_, Some(n)) => Some(n),
                (Some(crate::model::AutoDownload::New), None) => Some(0),
                (None, None) => None,
            };
            (latest.is_some() || f.keep.is_some()).then(|| Policy {
                url: f.url.clone(),
                latest,
                keep: f.keep,
            })
        })
        .collect()
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Mark {
    /// The setting the mark was taken for (`latest:N`).
    setting: String,
    /// Articles up to this id were considered.
    after: i64,
}

type Marks = BTreeMap<String, Mark>;

fn read_marks(file: &Path) -> Marks {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
pub enum AutoError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{}", t!("file-cannot-write", path = .path.display().to_string(), why = .source.to_string()))]
    Marks {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Queues what the policies ask for since the last pass; how many enclosures were queued.
pub fn queue_new(
    db: &mut Db,
    marks_file: &Path,
    policies: &[Policy],
    dir: &Path,
    template: &str,
    now: i64,
) -> Result<usize, AutoError> {
    let old = read_marks(marks_file);
    let mut marks = Marks::new();
    let mut queued = 0;
    let mut taken = None;
    for p in policies {
        let Some(latest) = p.latest else { continue };
        let Some(feed) = db.feed_id_by_url(&p.url)? else {
            continue;
        };
        let setting = format!("latest:{latest}");
        let last = db.last_article_id(feed)?;
        let after = match old.get(&p.url) {
            Some(m) if m.setting == setting => m.after,
            // First seen: "new" starts from what is stored now, `latest` from the start.
            _ if latest == 0 => last,
            _ => 0,
        };
        let limit = (latest > 0).then_some(latest);
        let arrived = db.episodes_after(feed, after, None)?;
        let chosen: Vec<i64> = match limit {
            // Of what arrived, those among the feed's N newest.
            Some(n) => {
                let newest = db.episodes_after(feed, 0, Some(n))?;
                arrived
                    .iter()
                    .copied()
                    .filter(|a| newest.contains(a))
                    .collect()
            }
            None => arrived.clone(),
        };
        for article in chosen {
            let Some(info) = db.episode_info(article)? else {
                continue;
            };
            let media = queue::media(db.body(article)?.map(|b| b.enclosures).unwrap_or_default());
            let taken = match &mut taken {
                Some(t) => t,
                None => taken.insert(queue::taken(db)?),
            };
            for enc in &media {
                let outcome = queue::enclosure(
                    db,
                    dir,
                    template,
                    taken,
                    article,
                    &info.feed,
                    &info.title,
                    info.date,
                    enc,
                    now,
                )?;
                if matches!(outcome, queue::Queued::New(_)) {
                    queued += 1;
                }
            }
        }
        let after = arrived.iter().copied().fold(last.max(after), i64::max);
        marks.insert(p.url.clone(), Mark { setting, after });
    }
    // Feeds whose setting went are dropped: turned on again, they start afresh.
    if marks != old {
        let text = serde_json::to_string_pretty(&marks).unwrap_or_default();
        crate::fsutil::replace(marks_file, text.as_bytes()).map_err(|source| AutoError::Marks {
            path: marks_file.to_path_buf(),
            source,
        })?;
    }
    Ok(queued)
}

/// The downloads `keep` removes: beyond the `keep` newest (by the article's date, then
/// the newer download), oldest first, and never a bookmarked article's.
pub fn beyond_keep(episodes: &[DownloadedEpisode], keep: usize) -> Vec<i64> {
    let mut sorted: Vec<&DownloadedEpisode> = episodes.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then(b.download.cmp(&a.download)));
    let mut out: Vec<i64> = sorted
        .into_iter()
        .skip(keep)
        .filter(|e| !e.bookmarked)
        .map(|e| e.download)
        .collect();
    out.reverse();
    out
}

/// After `article`'s episode was downloaded: its feed's files beyond `keep` go, with their
/// rows. Returns the paths deleted (relative to `dir`).
pub fn apply_keep(
    db: &mut Db,
    dir: &Path,
    policies: &[Policy],
    article: i64,
) -> Result<Vec<String>, DbError> {
    let Some(feed) = db.feed_of_article(article)? else {
        return Ok(Vec::new());
    };
    let Some(url) = db.feed_url(feed)? else {
        return Ok(Vec::new());
    };
    let Some(keep) = policies.iter().find(|p| p.url == url).and_then(|p| p.keep) else {
        return Ok(Vec::new());
    };
    let episodes = db.downloaded_episodes(feed)?;
    let mut deleted = Vec::new();
    for id in beyond_keep(&episodes, keep) {
        let Some(e) = episodes.iter().find(|e| e.download == id) else {
            continue;
        };
        match std::fs::remove_file(dir.join(&e.path)) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            // A file that cannot go keeps its row, so the next pass tries again.
            Err(_) => continue,
        }
        db.remove_download(id)?;
        deleted.push(e.path.clone());
    }
    Ok(deleted)
}
