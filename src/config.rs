//! Configuration: the embedded commented default → the user's config.toml → command-line flags.

use crate::fsutil::sync_dir;
// Part of the config vocabulary, defined where sharing needs it so share does not import config.
pub use crate::share::ShareTarget;
// Likewise defined in model, so the database does not import config.
pub use crate::model::FeedConfig;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use toml::Spanned;

mod salvage;
pub use salvage::{Broken, salvage};

/// The commented default written for a new user. Never overwrites an existing file.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

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
    /// Feeds fetched at once from one host.
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ConfigError {}

/// The name errors from [`parse`] start with; [`load_or_create`] uses the real path instead.
const DEFAULT_NAME: &str = "config.toml";

/// Parses config text; errors name the line and column.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    parse_named(text, DEFAULT_NAME)
}

fn parse_named(text: &str, name: &str) -> Result<Config, ConfigError> {
    let mut config: Config = toml::from_str(text)
        .map_err(|e| ConfigError(located(text, name, e.span(), e.message())))?;
    if let Err((place, problem)) = validate(&config) {
        let span = span_of(text, place);
        return Err(ConfigError(located(text, name, span, &problem)));
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

/// `name line L, column C: message`, or `name: message` when nothing says where.
fn located(text: &str, name: &str, span: Option<std::ops::Range<usize>>, message: &str) -> String {
    let message = crate::sanitize::line(&plain_words(message));
    match span {
        Some(span) => {
            let (line, column) = line_and_column(text, span.start);
            format!("{name} line {line}, column {column}: {message}")
        }
        None => format!("{name}: {message}"),
    }
}

/// serde's type names said in words a user knows: "expected usize" is "expected a whole
/// number".
fn plain_words(message: &str) -> String {
    if message.contains("untagged enum KeySpec") {
        return "expected a key such as \"j\", or a list of keys such as [\"j\", \"Down\"]"
            .to_string();
    }
    let mut m = message.to_string();
    for int in [
        "usize", "u64", "u32", "u16", "u8", "isize", "i64", "i32", "i16", "i8",
    ] {
        m = m.replace(&format!("expected {int}"), "expected a whole number");
    }
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: table"),
    ] {
        m = m.replace(from, to);
    }
    // "expected struct FeedConfig": the Rust type's name means nothing in the file.
    while let Some(at) = m.find("expected struct ") {
        let name_end = m[at + "expected struct ".len()..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(m.len(), |i| at + "expected struct ".len() + i);
        m.replace_range(at..name_end, "expected a table");
    }
    m
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Which value a validation problem is about, so its position can be looked up.
#[derive(Clone, Copy, Debug)]
enum Place {
    General(&'static str),
    Feed(usize, &'static str),
    Share(usize, &'static str),
    View(usize, &'static str),
}

fn validate(config: &Config) -> Result<(), (Place, String)> {
    let g = &config.general;
    let at_least_one = [
        ("refresh_minutes", g.refresh_minutes == 0),
        ("concurrency", g.concurrency == 0),
        ("per_host", g.per_host == 0),
        ("timeout_secs", g.timeout_secs == 0),
        ("max_body_mb", g.max_body_mb == 0),
    ];
    for (field, is_zero) in at_least_one {
        if is_zero {
            return Err((
                Place::General(field),
                format!("[general] {field} must be at least 1"),
            ));
        }
    }
    if Remote::parse(&g.remote).is_none() {
        return Err((
            Place::General("remote"),
            format!(
                "[general] remote must be \"auto\", \"yes\" or \"no\", not \"{}\"",
                g.remote
            ),
        ));
    }
    validate_share(&config.share)?;
    for (i, view) in config.views.iter().enumerate() {
        if view.name.trim().is_empty() {
            return Err((
                Place::View(i, "name"),
                format!("[[view]] #{} has no name", i + 1),
            ));
        }
        if let Err(e) = crate::filter::parse(&view.filter) {
            return Err((
                Place::View(i, "filter"),
                format!(
                    "view \"{}\": filter: {} (at character {})",
                    view.name,
                    e.message,
                    e.pos + 1
                ),
            ));
        }
    }
    let mut first_with_url: HashMap<&str, usize> = HashMap::new();
    for (i, feed) in config.feeds.iter().enumerate() {
        let name = feed_name(i, feed);
        if !is_supported_feed_url(&feed.url) {
            let problem = if feed.url.trim().is_empty() {
                format!("{name} has an empty url")
            } else {
                format!(
                    "{name}: url \"{}\" is not an http(s) or file URL (nor {})",
                    feed.url.trim(),
                    crate::demo::DEMO_URL
                )
            };
            return Err((Place::Feed(i, "url"), problem));
        }
        if let Some(first) = first_with_url.insert(feed.url.trim(), i) {
            return Err((
                Place::Feed(i, "url"),
                format!(
                    "{name} repeats the url of {}; list each feed once",
                    feed_name(first, &config.feeds[first])
                ),
            ));
        }
        if feed.refresh_minutes == Some(0) {
            return Err((
                Place::Feed(i, "refresh_minutes"),
                format!("{name}: refresh_minutes must be at least 1"),
            ));
        }
    }
    Ok(())
}

fn validate_share(targets: &[ShareTarget]) -> Result<(), (Place, String)> {
    let mut keys: HashMap<char, usize> = HashMap::new();
    for (i, target) in targets.iter().enumerate() {
        let name = share_name(i, target);
        if target.name.trim().is_empty() {
            return Err((Place::Share(i, "name"), format!("{name} has an empty name")));
        }
        if target.command.is_empty() || target.command[0].trim().is_empty() {
            return Err((
                Place::Share(i, "command"),
                format!(
                    "{name}: command must be a list starting with a program, e.g. [\"prog\", \"{{url}}\"]"
                ),
            ));
        }
        if target.timeout_secs == 0 {
            return Err((
                Place::Share(i, "timeout_secs"),
                format!("{name}: timeout_secs must be at least 1"),
            ));
        }
        let Some(key) = target
            .key_char()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        else {
            return Err((
                Place::Share(i, "key"),
                format!("{name}: key must be one character, like \"p\""),
            ));
        };
        if key.is_ascii_digit() {
            return Err((
                Place::Share(i, "key"),
                format!("{name}: key \"{key}\" is a digit; digits are kept for opening link N"),
            ));
        }
        if let Some((_, label, _)) = crate::share::menu::BUILTIN
            .iter()
            .find(|(k, _, _)| *k == key)
        {
            return Err((
                Place::Share(i, "key"),
                format!("{name}: key \"{key}\" is already the share menu's \"{label}\""),
            ));
        }
        if let Some(first) = keys.insert(key, i) {
            return Err((
                Place::Share(i, "key"),
                format!(
                    "{name}: key \"{key}\" is already used by {}",
                    share_name(first, &targets[first])
                ),
            ));
        }
    }
    Ok(())
}

/// How errors refer to a share target: its name and its position.
fn share_name(index: usize, target: &ShareTarget) -> String {
    let name = crate::sanitize::line(target.name.trim());
    if name.is_empty() {
        format!("[[share]] #{}", index + 1)
    } else {
        format!("share target \"{name}\" ([[share]] #{})", index + 1)
    }
}

/// How errors refer to a feed: its title when it has one, and always its position.
fn feed_name(index: usize, feed: &FeedConfig) -> String {
    match feed
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(title) => format!("feed \"{title}\" ([[feed]] #{})", index + 1),
        None => format!("[[feed]] #{}", index + 1),
    }
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

/// Positions of the values validation looks at. Only parsed when validation fails,
/// and lenient (no unknown-field checks) because the strict parse already passed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanDoc {
    general: SpanGeneral,
    feed: Vec<SpanFeed>,
    share: Vec<SpanShare>,
    view: Vec<SpanView>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanView {
    name: Option<Spanned<toml::Value>>,
    filter: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanShare {
    name: Option<Spanned<toml::Value>>,
    key: Option<Spanned<toml::Value>>,
    command: Option<Spanned<toml::Value>>,
    timeout_secs: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanGeneral {
    refresh_minutes: Option<Spanned<toml::Value>>,
    concurrency: Option<Spanned<toml::Value>>,
    per_host: Option<Spanned<toml::Value>>,
    timeout_secs: Option<Spanned<toml::Value>>,
    max_body_mb: Option<Spanned<toml::Value>>,
    remote: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanFeed {
    url: Option<Spanned<toml::Value>>,
    refresh_minutes: Option<Spanned<toml::Value>>,
}

fn span_of(text: &str, place: Place) -> Option<std::ops::Range<usize>> {
    let doc: SpanDoc = toml::from_str(text).ok()?;
    let value = match place {
        Place::General(field) => {
            let g = doc.general;
            match field {
                "refresh_minutes" => g.refresh_minutes,
                "concurrency" => g.concurrency,
                "per_host" => g.per_host,
                "timeout_secs" => g.timeout_secs,
                "max_body_mb" => g.max_body_mb,
                "remote" => g.remote,
                _ => None,
            }
        }
        Place::Feed(i, field) => {
            let f = doc.feed.into_iter().nth(i)?;
            match field {
                "url" => f.url,
                "refresh_minutes" => f.refresh_minutes,
                _ => None,
            }
        }
        Place::View(i, field) => {
            let v = doc.view.into_iter().nth(i)?;
            match field {
                "name" => v.name,
                "filter" => v.filter,
                _ => None,
            }
        }
        Place::Share(i, field) => {
            let t = doc.share.into_iter().nth(i)?;
            match field {
                "name" => t.name,
                "key" => t.key,
                "command" => t.command,
                "timeout_secs" => t.timeout_secs,
                _ => None,
            }
        }
    };
    value.map(|v| v.span())
}

/// Loads `path`, first writing [`DEFAULT_CONFIG`] there (atomically) if no file exists.
/// Returns the config and whether the file was created now.
pub fn load_or_create(path: &Path) -> Result<(Config, bool), ConfigError> {
    let created = match fs::symlink_metadata(path) {
        Ok(_) => false,
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_default(path, DEFAULT_CONFIG)?,
        Err(e) => return Err(io_error("cannot read", path, &e)),
    };
    let text = read_text(path)?;
    let config = parse_named(&text, &path.display().to_string())?;
    Ok((config, created))
}

/// Why a config file the user named cannot be used as it does not exist; `None` when it
/// exists (or cannot be checked: reading it then says why). A named path is never
/// created behind the user's back: a typo would become a new directory tree and a
/// reader full of starter feeds.
pub fn missing(path: &Path) -> Option<String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
            "{} does not exist. A starter config is only written at the default location; \
             create this file, or leave out --config",
            path.display()
        )),
        _ => None,
    }
}

/// Loads a file that exists; see [`missing`].
pub fn load_existing(path: &Path) -> Result<Config, ConfigError> {
    let text = read_text(path)?;
    parse_named(&text, &path.display().to_string())
}

/// Where the starter feeds begin in [`DEFAULT_CONFIG`].
const STARTER_MARK: &str = "# Below are some starter feeds";

/// The commented default without the starter feeds: what a first `add` or `import`
/// writes, so the file holds only the feeds the user asked for.
pub fn template() -> String {
    match DEFAULT_CONFIG.find(STARTER_MARK) {
        Some(i) => DEFAULT_CONFIG[..i].trim_end().to_string() + "\n",
        None => DEFAULT_CONFIG.to_string(),
    }
}

fn io_error(what: &str, path: &Path, e: &io::Error) -> ConfigError {
    ConfigError(format!("{what} {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, ConfigError> {
    let bytes = fs::read(path).map_err(|e| io_error("cannot read", path, &e))?;
    String::from_utf8(bytes)
        .map_err(|_| ConfigError(format!("{} is not UTF-8 text", path.display())))
}

/// Writes `initial` to `path` unless a file appeared there meanwhile.
/// Returns whether this call created it.
fn create_default(path: &Path, initial: &str) -> Result<bool, ConfigError> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir).map_err(|e| io_error("cannot create directory", &dir, &e))?;
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
        Err(e) => return Err(io_error("cannot create", path, &e)),
    };
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| io_error("cannot write", path, &e))?;
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
        .map_err(|e| io_error("cannot write a temporary file in", dir, &e))
}

/// Appends feeds to the config file with toml_edit, keeping the user's comments and layout.
/// URLs already present are skipped. Atomic write. Returns how many were added.
///
/// A missing file starts from [`template`] (no starter feeds). A file that does not parse is left alone
/// (the error says why), so a broken config is never made worse. A symlinked config
/// (dotfile managers) is written through: the link's target is replaced, not the link.
pub fn add_feeds(path: &Path, feeds: &[FeedConfig]) -> Result<usize, ConfigError> {
    let existing = match fs::symlink_metadata(path) {
        Ok(_) => Some(fs::canonicalize(path).map_err(|e| io_error("cannot read", path, &e))?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error("cannot read", path, &e)),
    };
    let (target, text) = match &existing {
        Some(real) => (real.clone(), read_text(real)?),
        None => (path.to_path_buf(), template()),
    };
    let name = path.display().to_string();
    parse_named(&text, &name)?;
    for (i, feed) in feeds.iter().enumerate() {
        if !is_supported_feed_url(&feed.url) {
            return Err(ConfigError(format!(
                "cannot add {}: url \"{}\" is not an http(s) or file URL",
                feed_name(i, feed),
                crate::sanitize::line(feed.url.trim())
            )));
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

/// Writes `text` to `target` through a temp file and a rename, keeping the permissions of
/// the file it replaces (`existing`, already resolved through symlinks).
fn replace_file(existing: Option<&Path>, target: &Path, text: &str) -> Result<(), ConfigError> {
    let dir = parent_dir(target);
    let permissions = match existing {
        Some(real) => Some(
            fs::metadata(real)
                .map_err(|e| io_error("cannot read", real, &e))?
                .permissions(),
        ),
        None => {
            fs::create_dir_all(&dir).map_err(|e| io_error("cannot create directory", &dir, &e))?;
            None
        }
    };
    let tmp = write_temp(&dir, target, text.as_bytes(), permissions)?;
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(io_error("cannot replace", target, &e));
    }
    sync_dir(&dir);
    Ok(())
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
    let real = fs::canonicalize(path).map_err(|e| io_error("cannot read", path, &e))?;
    let text = read_text(&real)?;
    let name = path.display().to_string();
    parse_named(&text, &name)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        ConfigError(located(&text, &name, e.span(), e.message()))
    })?;
    let tables = doc
        .get_mut("feed")
        .and_then(|f| f.as_array_of_tables_mut())
        .ok_or_else(|| {
            ConfigError(format!(
                "{name}: feeds are not written as [[feed]] tables; edit the file by hand"
            ))
        })?;
    let index = tables
        .iter()
        .position(|t| {
            t.get("url")
                .and_then(|u| u.as_str())
                .is_some_and(|u| u.trim() == url.trim())
        })
        .ok_or_else(|| {
            ConfigError(format!(
                "{name}: no feed with url {}",
                crate::sanitize::line(url)
            ))
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
        ConfigError(located(text, name, e.span(), e.message()))
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
            return Err(ConfigError(format!(
                "{name}: feeds are not written as [[feed]] tables; add them by hand"
            )));
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
            .ok_or_else(|| ConfigError(format!("{name}: `feed` is not a list of tables")))?;
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
        let minutes = i64::try_from(minutes)
            .map_err(|_| ConfigError(format!("refresh_minutes {minutes} is too large")))?;
        t.insert("refresh_minutes", toml_edit::value(minutes));
    }
    Ok(t)
}
