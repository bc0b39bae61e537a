//! What the headless subcommands share (`commands` and `manage`): the store loaded from the
//! database, `--filter` parsed and matched with the index's answers, the index caught up.

use crate::config::ConfigError;
use crate::db::DbError;
use crate::filter::Filter;

use crate::sanitize;
use crate::setup::Setup;
use crate::store::{HeadlineRef, Store};
use crate::subject::{BodyHits, HeadlineSubject};
use crate::t;

/// Why a subcommand stopped; printed by `main` as `tidings: …`.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Setting up for a sync failed.
    #[error("{}", t!("sync-failed", error = .0.as_str()))]
    Sync(String),
    #[error(transparent)]
    Db(#[from] DbError),
    /// The player failed mid-way (mpv stopped answering).
    #[error("{}", t!("error-player", error = .0.as_str()))]
    Player(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A file named on the command line could not be read.
    #[error("{}: {source}", path.display())]
    File {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// `import` of a file too large to be a subscription list.
    #[error("{}", t!("error-import-too-large", path = .path.display().to_string()))]
    TooLarge { path: std::path::PathBuf },
    #[error("{}: {source}", path.display())]
    Import {
        path: std::path::PathBuf,
        source: crate::opml::ImportError,
    },
    #[error("{}", t!("error-runtime", error = .0.to_string()))]
    Runtime(std::io::Error),
}

pub(crate) fn load_store(setup: &Setup) -> Result<Store, DbError> {
    let ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
    let mut store = Store::new(setup.feeds.clone(), Vec::new());
    setup.db.each_headline(&ids, |h| store.add(h))?;
    Ok(store)
}

/// A `--filter` argument; a bad one is explained on stderr (with a caret under the
/// place) and is `Err`, exit 2.
pub(crate) fn parse_filter(filter: Option<&str>) -> Result<Option<Filter>, ()> {
    match filter.map(crate::filter::parse) {
        Some(Err(e)) => {
            let input = filter.unwrap_or_default();
            eprintln!(
                "tidings: {}",
                t!("error-bad-filter", error = sanitize::line(&e.message))
            );
            eprintln!("  {}", sanitize::line(input));
            eprintln!("  {}", e.caret_line(input));
            Err(())
        }
        Some(Ok(f)) => Ok(Some(f)),
        None => Ok(None),
    }
}

/// What `list --filter` needs beyond the store: which bodies hold each word (from the
/// full-text index).
#[derive(Default)]
pub(crate) struct FilterCheck {
    hits: BodyHits,
}

impl FilterCheck {
    pub(crate) fn new(setup: &Setup, f: &Filter) -> Result<FilterCheck, DbError> {
        let mut hits = std::collections::HashMap::new();
        for t in f.body_terms() {
            let ids = setup.db.body_matches(std::slice::from_ref(&t), None)?;
            hits.insert(t, ids);
        }
        Ok(FilterCheck { hits })
    }

    pub(crate) fn matches(&self, f: &Filter, h: HeadlineRef<'_>, store: &Store, now: i64) -> bool {
        let subject = HeadlineSubject {
            h,
            feed: store.feed(h.feed_id()),
            categories: store.categories(),
            hits: Some(&self.hits),
            folded: None,
        };
        f.matches(&subject, now)
    }
}

/// How long a reading command waits for another process's write lock before it searches
/// without indexing the rest itself.
const INDEX_LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// Indexes what was stored since the index was last brought up to date, unless another
/// tidings is writing: then the running TUI indexes it shortly and this search sees what
/// is indexed already (a note on stderr says so). A full disk or a read-only file: the
/// same, searching never needs to write. Returns whether the index is complete.
pub(crate) fn catch_up_index(setup: &mut Setup) -> bool {
    let (complete, why) = try_catch_up_index(setup);
    if let Some(why) = why {
        eprintln!(
            "tidings: {}",
            t!("cmd-search-index-partial", why = why.to_string())
        );
    }
    complete
}

/// Why the index could not be brought up to date.
#[derive(Debug)]
pub(crate) enum IndexGap {
    /// Another tidings holds the write lock (and indexes shortly).
    Locked,
    Failed(DbError),
}

impl std::fmt::Display for IndexGap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexGap::Locked => f.write_str(&t!("cmd-search-index-locked")),
            IndexGap::Failed(e) => {
                f.write_str(&t!("cmd-search-index-failed", error = e.to_string()))
            }
        }
    }
}

/// As [`catch_up_index`] without the note: whether the index is complete, and why not
/// when that is worth saying (`tidings search` then reads the waiting articles itself).
pub(crate) fn try_catch_up_index(setup: &mut Setup) -> (bool, Option<IndexGap>) {
    match setup.db.catch_up_index(INDEX_LOCK_WAIT, None) {
        Ok(crate::db::CatchUp::Done { .. }) => (true, None),
        Ok(crate::db::CatchUp::OutOfTime { .. }) => (false, None),
        Ok(crate::db::CatchUp::Locked { .. }) => (false, Some(IndexGap::Locked)),
        Err(e) => (false, Some(IndexGap::Failed(e))),
    }
}
