//! Start-up shared by the TUI and the headless commands: paths, config, database, feeds.

use crate::config::{self, Config, ConfigError};
use crate::db::{Db, DbError, Limits};
use crate::feed::fetch::FetchLimits;
use crate::feed::poller::PollerConfig;
use crate::model::Feed;
use crate::paths::{Paths, PathsError};
use std::path::Path;
use std::time::Duration;

pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    /// The config file did not exist and was written now.
    pub created_config: bool,
    /// Set when config.toml has an error and this session runs on the default settings
    /// instead: the error, and the promise that the file is not written.
    pub config_error: Option<String>,
    /// With `config_error`: what the title bar says all session.
    pub config_notice: Option<String>,
    pub db: Db,
    pub feeds: Vec<Feed>,
}

/// What the reader runs on when config.toml does not load.
#[derive(Debug)]
pub enum Fallback {
    /// The file is TOML: the user's feeds and settings, without the `broken` values.
    Salvaged {
        config: Box<Config>,
        broken: Vec<config::Broken>,
    },
    /// Nothing can be read (a syntax error, not UTF-8): the built-in defaults.
    Defaults,
}

/// What a config file written on first run holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewConfig {
    /// The commented default with the starter feeds: someone trying tidings out.
    Starter,
    /// The commented default without feeds, written when the first feed is added: the
    /// first command is `add` or `import`, so the user knows what they want to read.
    Template,
}

/// Why start-up failed. A broken config is set apart: the reader can offer to run on
/// what can be read of it instead ([`Setup::open_on_fallback`]).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// config.toml is there but does not load.
    #[error(transparent)]
    Config(ConfigError),
    /// The `--config` file does not exist.
    #[error(transparent)]
    MissingConfig(ConfigError),
    #[error("{}", crate::t!("config-default-broken", error = .0.to_string()))]
    DefaultConfig(#[source] ConfigError),
    #[error(transparent)]
    Paths(#[from] PathsError),
    #[error(transparent)]
    Db(#[from] DbError),
    /// The database opened, but the configured feeds could not be written to it.
    #[error("{}: {source}", path.display())]
    SyncFeeds {
        path: std::path::PathBuf,
        #[source]
        source: DbError,
    },
}

impl Setup {
    pub fn open(
        config_override: Option<&Path>,
        data_override: Option<&Path>,
    ) -> Result<Setup, SetupError> {
        Self::open_with(config_override, data_override, NewConfig::Starter)
    }

    /// Opens everything; a missing config file at the default location is written with
    /// `new`. A `--config` path must exist.
    pub fn open_with(
        config_override: Option<&Path>,
        data_override: Option<&Path>,
        new: NewConfig,
    ) -> Result<Setup, SetupError> {
        let paths = Paths::resolve(config_override, data_override)?;
        let (config, created_config) = match config_override {
            Some(path) => match config::missing(path) {
                Some(why) => return Err(SetupError::MissingConfig(why)),
                None => (config::load_existing(path), false),
            },
            // Nothing is written yet: `config::add_feeds` writes the template with the
            // feeds, so an add that subscribes nothing leaves no file behind.
            None if new == NewConfig::Template && config::missing(&paths.config_file).is_some() => {
                (config::parse(&config::template()), false)
            }
            None => match config::load_or_create(&paths.config_file) {
                Ok((c, created)) => (Ok(c), created),
                Err(e) => (Err(e), false),
            },
        };
        let config = config.map_err(SetupError::Config)?;
        Self::with_config(paths, config, created_config, None)
    }

    /// What the reader can run on when config.toml has `error`: what can be read of
    /// it ([`config::salvage`]), or the built-in defaults when nothing can.
    pub fn fallback(config_override: Option<&Path>, data_override: Option<&Path>) -> Fallback {
        let text = Paths::resolve(config_override, data_override)
            .ok()
            .and_then(|p| std::fs::read(&p.config_file).ok())
            .and_then(|b| String::from_utf8(b).ok());
        match text.as_deref().and_then(config::salvage) {
            Some((config, broken)) => Fallback::Salvaged {
                config: Box::new(config),
                broken,
            },
            None => Fallback::Defaults,
        }
    }

    /// Starts on `fallback` because config.toml has `error`; the file is neither read
    /// again nor written in this session.
    pub fn open_on_fallback(
        config_override: Option<&Path>,
        data_override: Option<&Path>,
        error: String,
        fallback: Fallback,
    ) -> Result<Setup, SetupError> {
        let paths = Paths::resolve(config_override, data_override)?;
        let file = paths
            .config_file
            .file_name()
            .map_or_else(|| "config.toml".into(), |n| n.to_string_lossy())
            .into_owned();
        let file = crate::sanitize::line(&file);
        // Short: it has to fit the title bar of an 80-column terminal.
        let (config, notice) = match fallback {
            Fallback::Salvaged { config, broken } => {
                let notice = match broken.as_slice() {
                    // The strict reading failed where the lenient one did not.
                    [] => crate::t!("config-notice-error", file = file.as_str()),
                    [one] => crate::t!(
                        "config-notice-one",
                        file = file.as_str(),
                        name = one.name.as_str()
                    ),
                    many => crate::t!(
                        "config-notice-many",
                        file = file.as_str(),
                        count = many.len()
                    ),
                };
                (*config, notice)
            }
            Fallback::Defaults => (
                config::parse(config::DEFAULT_CONFIG).map_err(SetupError::DefaultConfig)?,
                crate::t!("config-notice-defaults", file = file.as_str()),
            ),
        };
        let mut setup = Self::with_config(paths, config, false, Some(error))?;
        setup.config_notice = Some(notice);
        Ok(setup)
    }

    fn with_config(
        paths: Paths,
        config: Config,
        created_config: bool,
        config_error: Option<String>,
    ) -> Result<Setup, SetupError> {
        let mut db = Db::open(&paths.db_file())?;
        let mut config = config;
        use_synced_feeds(&mut config, &db);
        let feeds = db
            .sync_feeds(&config.feeds, config.general.refresh_minutes * 60)
            .map_err(|source| SetupError::SyncFeeds {
                path: paths.db_file(),
                source,
            })?;
        Ok(Setup {
            paths,
            config,
            created_config,
            config_error,
            config_notice: None,
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

/// With `[sync]`, the feeds are the sync server's subscriptions as the last sync stored
/// them, not config.toml's `[[feed]]` tables (which stay in the file, unused meanwhile).
pub fn use_synced_feeds(config: &mut Config, db: &Db) {
    if config.sync.is_none() {
        return;
    }
    match db.synced_feeds() {
        Ok(feeds) => config.feeds = feeds.into_iter().map(|(_, f)| f).collect(),
        Err(e) => {
            tracing::warn!("synced feeds not read: {e}");
            config.feeds.clear();
        }
    }
}

/// `[general] language` from the config file the command line names (`--config FILE`) or
/// the default one, read before the arguments are parsed so that `--help` and argument
/// errors are in that language. Anything unreadable is None: the environment decides.
pub fn peek_language(args: &[std::ffi::OsString]) -> Option<String> {
    let mut config = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a == "--config" {
            config = it.next().map(std::path::PathBuf::from);
        } else if let Some(path) = a.strip_prefix("--config=") {
            config = Some(path.into());
        }
    }
    let file = match config {
        Some(path) => path,
        None => Paths::resolve(None, None).ok()?.config_file,
    };
    let text = std::fs::read_to_string(file).ok()?;
    let doc: toml::Table = toml::from_str(&text).ok()?;
    let lang = doc.get("general")?.get("language")?.as_str()?.trim();
    (!lang.is_empty()).then(|| lang.to_string())
}
