//! Start-up shared by the TUI and the headless commands: paths, config, database, feeds.

use crate::config::{self, Config};
use crate::db::{Db, Limits};
use crate::feed::fetch::FetchLimits;
use crate::feed::poller::PollerConfig;
use crate::model::Feed;
use crate::paths::Paths;
use std::path::Path;
use std::time::Duration;

pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    /// The config file did not exist and was written now.
    pub created_config: bool,
    pub db: Db,
    pub feeds: Vec<Feed>,
}

impl Setup {
    pub fn open(
        config_override: Option<&Path>,
        data_override: Option<&Path>,
    ) -> Result<Setup, String> {
        let paths = Paths::resolve(config_override, data_override)?;
        let (config, created_config) =
            config::load_or_create(&paths.config_file).map_err(|e| e.to_string())?;
        let mut db = Db::open(&paths.db_file())
            .map_err(|e| format!("{}: {e}", paths.db_file().display()))?;
        let feeds = db
            .sync_feeds(&config.feeds, config.general.refresh_minutes * 60)
            .map_err(|e| e.to_string())?;
        Ok(Setup {
            paths,
            config,
            created_config,
            db,
            feeds,
        })
    }

    pub fn limits(&self) -> Limits {
        Limits {
            max_articles: self.config.general.max_articles_per_feed,
            max_age_days: self.config.general.max_age_days,
        }
    }

    pub fn poller_config(&self) -> PollerConfig {
        let g = &self.config.general;
        PollerConfig {
            concurrency: g.concurrency.max(1),
            per_host: g.per_host.max(1),
            limits: FetchLimits {
                timeout: Duration::from_secs(g.timeout_secs.max(1)),
                max_body: usize::try_from(g.max_body_mb.saturating_mul(1024 * 1024))
                    .unwrap_or(usize::MAX),
                ..FetchLimits::default()
            },
            ..PollerConfig::default()
        }
    }
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
