//! Configuration: the embedded commented default → the user's config.toml → command-line flags.

// Part of the config vocabulary, defined where sharing needs it so share does not import config.
pub use crate::share::ShareTarget;
// Likewise defined in model, so the database does not import config.
pub use crate::model::FeedConfig;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod error;
mod feeds;
mod file;
mod salvage;
mod validate;
use error::plain_words;
pub use error::{ConfigError, Position};
pub use feeds::{add_feeds, move_feed, remove_feed, set_feed_tags, set_feed_title};
pub use file::{load_existing, load_or_create, missing, template};
pub use salvage::{Broken, salvage};
use validate::{Place, feed_name, validate};

/// The commented default written for a new user. Never overwrites an existing file.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct General {
    /// Minutes between polls of a feed that sets no `refresh_minutes` of its own.
    pub refresh_minutes: u64,
    pub max_articles_per_feed: usize,
    /// 0 keeps articles of any age.
    pub max_age_days: u32,
    /// Feeds fetched at once, in all.
    pub concurrency: usize,
    /// Connections at once to one host: feed fetches and, in the reader, downloads.
    pub per_host: usize,
    pub timeout_secs: u64,
    pub max_body_mb: u64,
    /// Argument list to open a link with; `{url}` is replaced. Empty: $BROWSER, else the platform opener.
    pub browser: Vec<String>,
    /// Copy with OSC 52 (works over SSH and in tmux).
    pub osc52: bool,
    /// Width at which the list and the article sit side by side instead of stacked.
    pub wide_layout_min_width: u16,
    /// Side by side, the share of the width the list takes (percent); `<` and `>` move it.
    pub list_width_percent: u16,
    /// Show tag rows in the feed list even when no article has that tag yet.
    pub show_empty_tags: bool,
    /// Where "save as Markdown" writes. Empty: `$XDG_DOCUMENTS_DIR/tidings`, else `~/tidings`.
    pub save_dir: String,
    /// Host name of the Mastodon instance share intents go to, e.g. `mastodon.social`.
    pub mastodon_instance: String,
    /// Mail command as an argument list with `{mailto}`, `{url}`, `{title}` placeholders.
    /// Empty: `$MAILER` if set, else the `mailto:` link goes to the browser opener.
    pub mailer: Vec<String>,
    /// "auto" (SSH_CONNECTION / SSH_TTY), "yes" or "no": whether to behave as on a remote host.
    pub remote: String,
    /// OSC 8 hyperlinks in the article pane.
    pub hyperlinks: bool,
    /// Use the system clipboard when `osc52` is false and the session is local.
    pub system_clipboard: bool,
    /// Where podcast episodes are downloaded. Empty: `$XDG_MUSIC_DIR/tidings` if that is
    /// set, else `podcasts` in the data folder (`podcast::names::download_dir`).
    pub download_dir: String,
    /// The path of a downloaded episode under `download_dir`: `{feed}`, `{date}`,
    /// `{title}`, `{ext}`; each `/` starts a folder.
    pub filename: String,
    /// Episodes downloaded at once, in all; each holds one of its host's `per_host` turns,
    /// which the reader's feed fetches share.
    pub max_downloads: usize,
    /// Largest episode accepted, in megabytes.
    pub max_download_mb: u64,
    /// The player program and its extra arguments (`player::Player` adds its own).
    /// Empty: `mpv`.
    pub player: Vec<String>,
    /// Seconds the player steps back and forward.
    pub step_back_secs: u32,
    pub step_forward_secs: u32,
    /// Over SSH, `p` would play on the remote host: "ask", "play" (anyway) or "copy"
    /// (the episode's URL, with OSC 52).
    pub remote_player: String,
    /// The program for video enclosures, with `{url}` / `{file}` placeholders (the
    /// target goes last without one); it gets the terminal while it runs.
    pub video_player: Vec<String>,
    /// Pictures in the article pane: "auto" (the terminal's graphics protocol when it
    /// answers, else half blocks), "halfblocks" or "off".
    pub images: crate::pictures::picker::ImagesSetting,
    /// Force a protocol: "kitty", "sixel", "iterm2" or "halfblocks"; empty: as detected.
    pub image_protocol: String,
    /// The most rows a picture takes in the pane.
    pub image_height: u16,
    /// The picture cache's cap on disk, in megabytes.
    pub image_cache_mb: u64,
    /// "en", "ru"; empty: from LC_ALL / LC_MESSAGES / LANG.
    pub language: String,
    /// strftime for full dates (the article header); empty: the language's own.
    pub date_format: String,
    /// Lists say "5 min ago", "yesterday" for the last week instead of dates.
    pub relative_dates: bool,
}

impl General {
    /// How dates are written: `date_format` (empty: the language's own) and `relative_dates`.
    pub fn date_style(&self) -> crate::timefmt::DateStyle {
        let mut style = crate::timefmt::DateStyle {
            relative: self.relative_dates,
            ..Default::default()
        };
        if !self.date_format.trim().is_empty() {
            style.full = self.date_format.clone();
        }
        style
    }
}

impl Default for General {
    fn default() -> Self {
        General {
            refresh_minutes: 30,
            max_articles_per_feed: 1000,
            max_age_days: 0,
            concurrency: 16,
            per_host: 4,
            timeout_secs: 30,
            max_body_mb: 16,
            browser: Vec::new(),
            osc52: true,
            wide_layout_min_width: 120,
            list_width_percent: 50,
            show_empty_tags: false,
            save_dir: String::new(),
            mastodon_instance: String::new(),
            mailer: Vec::new(),
            remote: "auto".to_string(),
            hyperlinks: true,
            system_clipboard: true,
            download_dir: String::new(),
            filename: crate::podcast::names::DEFAULT_TEMPLATE.to_string(),
            max_downloads: 2,
            max_download_mb: 4096,
            player: Vec::new(),
            step_back_secs: 10,
            step_forward_secs: 30,
            remote_player: "ask".to_string(),
            video_player: vec!["mpv".to_string()],
            images: crate::pictures::picker::ImagesSetting::Auto,
            image_protocol: String::new(),
            image_height: 12,
            image_cache_mb: 100,
            language: String::new(),
            date_format: String::new(),
            relative_dates: false,
        }
    }
}

/// One key or several, as written in `[keys]`; or a mode's own table (`[keys.prompt]`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
    Table(BTreeMap<String, KeySpec>),
}

impl KeySpec {
    /// The keys written; none for a table.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(k) => vec![k.as_str()],
            KeySpec::Many(ks) => ks.iter().map(String::as_str).collect(),
            KeySpec::Table(_) => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub general: General,
    /// Action name → key(s), overriding that action's default keys; a mode's name → its
    /// table of the same (`[keys.prompt]`).
    pub keys: BTreeMap<String, KeySpec>,
    #[serde(rename = "feed")]
    pub feeds: Vec<FeedConfig>,
    /// Custom share targets, `[[share]]` tables.
    pub share: Vec<ShareTarget>,
    /// Saved views, `[[view]]` tables: a name and a filter, listed with the feeds.
    #[serde(rename = "view")]
    pub views: Vec<SavedView>,
    /// `[sync]`: the feed server to sync with (issue 14).
    pub sync: Option<crate::sync::SyncConfig>,
}

/// A query feed: every article that matches the filter, whatever its feed.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    /// In the filter language of `F` and `tidings list --filter`.
    pub filter: String,
}

/// `[general] remote`: whether tidings behaves as on a remote host (no browser, the link
/// copied and shown as a QR code instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remote {
    /// When SSH_CONNECTION, SSH_TTY or SSH_CLIENT is set.
    Auto,
    Yes,
    No,
}

impl Remote {
    /// The setting as written, surrounding spaces allowed (as validation always allowed them).
    pub fn parse(text: &str) -> Option<Remote> {
        match text.trim() {
            "auto" => Some(Remote::Auto),
            "yes" => Some(Remote::Yes),
            "no" => Some(Remote::No),
            _ => None,
        }
    }
}

impl General {
    /// `image_protocol` as ratatui-image's type; None when empty (or, past validation,
    /// unknown).
    pub fn image_protocol(&self) -> Option<ratatui_image::picker::ProtocolType> {
        use ratatui_image::picker::ProtocolType;
        match self.image_protocol.trim() {
            "kitty" => Some(ProtocolType::Kitty),
            "sixel" => Some(ProtocolType::Sixel),
            "iterm2" => Some(ProtocolType::Iterm2),
            "halfblocks" => Some(ProtocolType::Halfblocks),
            _ => None,
        }
    }

    /// `remote` as the enum; a value validation would refuse reads as `auto`.
    pub fn remote_mode(&self) -> Remote {
        Remote::parse(&self.remote).unwrap_or(Remote::Auto)
    }
}

/// The directory "save as Markdown" writes to: `save_dir` (a leading `~/` is the home
/// directory), else `$XDG_DOCUMENTS_DIR/tidings`, else `~/tidings`.
pub fn resolve_save_dir(general: &General) -> PathBuf {
    let dirs = directories::UserDirs::new();
    let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
    let configured = general.save_dir.trim();
    if !configured.is_empty() {
        if configured == "~"
            && let Some(h) = home.clone()
        {
            return h;
        }
        if let (Some(rest), Some(h)) = (configured.strip_prefix("~/"), home.as_ref()) {
            return h.join(rest);
        }
        return PathBuf::from(configured);
    }
    if let Some(docs) = dirs.as_ref().and_then(|d| d.document_dir()) {
        return docs.join("tidings");
    }
    match home {
        Some(h) => h.join("tidings"),
        None => PathBuf::from("tidings"),
    }
}

/// The name errors from [`parse`] start with; [`load_or_create`] uses the real path instead.
const DEFAULT_NAME: &str = "config.toml";

/// Parses config text; errors name the line and column.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    parse_named(text, DEFAULT_NAME)
}

fn parse_named(text: &str, name: &str) -> Result<Config, ConfigError> {
    let mut config: Config =
        toml::from_str(text).map_err(|e| ConfigError::syntax(text, name, e.span(), e.message()))?;
    if let Err((place, problem)) = validate(&config) {
        let span = validate::span_of(text, place);
        return Err(ConfigError::invalid(text, name, span, &problem));
    }
    // The URL is the feed's identity: stray spaces must not make it a different feed.
    for feed in &mut config.feeds {
        let trimmed = feed.url.trim();
        if trimmed.len() != feed.url.len() {
            feed.url = trimmed.to_string();
        }
    }
    Ok(config)
}

/// Whether tidings can poll this URL: http(s) with a host, file, or the built-in demo.
pub fn is_supported_feed_url(url: &str) -> bool {
    let url = url.trim();
    if url == crate::demo::DEMO_URL {
        return true;
    }
    match url::Url::parse(url) {
        Ok(u) => match u.scheme() {
            "http" | "https" => u.host_str().is_some_and(|h| !h.is_empty()),
            "file" => true,
            _ => false,
        },
        Err(_) => false,
    }
}
