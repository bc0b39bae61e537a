//! SQLite persistence: feeds, articles, read state, bookmarks, HTTP validators.
//! The UI never calls this directly except through the writer thread and read-only loads.

pub mod writer;

use crate::config::FeedConfig;
use crate::model::{ArticleBody, ArticleId, Feed, FeedId, FeedStatus, Headline, ParsedFeed, Validators};
use std::path::Path;

#[derive(Debug)]
pub struct DbError(pub String);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for DbError {}

pub type Result<T> = std::result::Result<T, DbError>;

/// How much of a feed to keep. Bookmarked articles and articles still in the
/// feed's latest document are never pruned (pruning those would bring them back as unread).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_articles: usize,
    /// 0 keeps articles of any age.
    pub max_age_days: u32,
}

/// A change of user state, applied in batches by the writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Read(ArticleId, bool),
    Bookmark(ArticleId, bool),
}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// How many of `upserted` are new articles.
    pub new: usize,
    /// New articles and articles whose content changed, with their stored flags.
    pub upserted: Vec<Headline>,
    pub pruned: Vec<ArticleId>,
}

pub struct Db {}

impl Db {
    /// Opens or creates the database (WAL, migrations).
    pub fn open(path: &Path) -> Result<Db> {
        let _ = path;
        todo!("H2")
    }

    /// Makes sure every configured feed has a row; returns them in config order.
    pub fn sync_feeds(&mut self, feeds: &[FeedConfig], default_refresh_secs: u64) -> Result<Vec<Feed>> {
        let _ = (feeds, default_refresh_secs);
        todo!("H2")
    }

    /// Headlines of the given feeds plus every bookmarked article.
    pub fn load_headlines(&self, feeds: &[FeedId]) -> Result<Vec<Headline>> {
        let _ = feeds;
        todo!("H2")
    }

    /// Stores a freshly parsed document of a feed in one transaction.
    pub fn ingest(
        &mut self,
        feed_id: FeedId,
        parsed: &ParsedFeed,
        validators: &Validators,
        moved_to: Option<&str>,
        limits: Limits,
        now: i64,
    ) -> Result<IngestReport> {
        let _ = (feed_id, parsed, validators, moved_to, limits, now);
        todo!("H2")
    }

    pub fn set_status(&mut self, feed_id: FeedId, status: &FeedStatus) -> Result<()> {
        let _ = (feed_id, status);
        todo!("H2")
    }

    pub fn apply(&mut self, changes: &[Change]) -> Result<()> {
        let _ = changes;
        todo!("H2")
    }

    /// One article with its body (for `tidings show`).
    pub fn article(&self, id: ArticleId) -> Result<Option<(Headline, ArticleBody)>> {
        let _ = id;
        todo!("H2")
    }

    pub fn body(&self, id: ArticleId) -> Result<Option<ArticleBody>> {
        let _ = id;
        todo!("H2")
    }
}
