//! What a config.toml that parses may still get wrong (a zero where at least one is
//! needed, a feed URL tidings cannot poll, a share target without a command …), and where
//! in the file the value is, for the error's line and column.

use super::{Config, FeedConfig, Remote, ShareTarget, is_supported_feed_url};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// Which value a validation problem is about, so its position can be looked up.
#[derive(Clone, Copy, Debug)]
pub(super) enum Place {
    General(&'static str),
    Feed(usize, &'static str),
    Share(usize, &'static str),
    View(usize, &'static str),
    Sync,
}

pub(super) fn validate(config: &Config) -> Result<(), (Place, String)> {
    let g = &config.general;
    let at_least_one = [
        ("refresh_minutes", g.refresh_minutes == 0),
        ("concurrency", g.concurrency == 0),
        ("per_host", g.per_host == 0),
        ("timeout_secs", g.timeout_secs == 0),
        ("max_body_mb", g.max_body_mb == 0),
        ("max_downloads", g.max_downloads == 0),
        ("max_download_mb", g.max_download_mb == 0),
        ("step_back_secs", g.step_back_secs == 0),
        ("step_forward_secs", g.step_forward_secs == 0),
        ("image_height", g.image_height == 0),
        ("image_cache_mb", g.image_cache_mb == 0),
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
    if g.player.first().is_some_and(|p| p.trim().is_empty()) {
        return Err((
            Place::General("player"),
            "[general] player must start with a program, e.g. [\"mpv\"]".to_string(),
        ));
    }
    if !matches!(g.remote_player.trim(), "ask" | "play" | "copy") {
        return Err((
            Place::General("remote_player"),
            format!(
                "[general] remote_player must be \"ask\", \"play\" or \"copy\", not \"{}\"",
                g.remote_player
            ),
        ));
    }
    if g.video_player.first().is_none_or(|p| p.trim().is_empty()) {
        return Err((
            Place::General("video_player"),
            "[general] video_player must start with a program, e.g. [\"mpv\"]".to_string(),
        ));
    }
    if !matches!(
        g.image_protocol.trim(),
        "" | "kitty" | "sixel" | "iterm2" | "halfblocks"
    ) {
        return Err((
            Place::General("image_protocol"),
            format!(
                "[general] image_protocol must be \"kitty\", \"sixel\", \"iterm2\", \"halfblocks\" or empty, not \"{}\"",
                g.image_protocol
            ),
        ));
    }
    if !g.language.trim().is_empty() && crate::i18n::Lang::from_code(&g.language).is_none() {
        let known: Vec<_> = crate::i18n::Lang::ALL.iter().map(|l| l.code()).collect();
        return Err((
            Place::General("language"),
            format!(
                "[general] language must be one of {} (or empty: from LANG), not \"{}\"",
                known.join(", "),
                g.language
            ),
        ));
    }
    if !crate::i18n::dates::valid_pattern(&g.date_format) {
        return Err((
            Place::General("date_format"),
            format!(
                "[general] date_format \"{}\" is not a strftime pattern chrono knows (e.g. \"%d.%m.%Y %H:%M\")",
                g.date_format
            ),
        ));
    }
    if g.image_height > 200 {
        return Err((
            Place::General("image_height"),
            "[general] image_height must be at most 200 rows".to_string(),
        ));
    }
    if let Some(problem) = config.sync.as_ref().and_then(|s| s.problem()) {
        return Err((Place::Sync, problem));
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
        if let Some(sel) = &feed.scrape_selector
            && dom_query::Matcher::new(sel).is_err()
        {
            return Err((
                Place::Feed(i, "scrape_selector"),
                format!("{name}: scrape_selector {sel:?} is not a CSS selector"),
            ));
        }
        if let Some(sel) = feed
            .scrape_remove
            .iter()
            .find(|s| dom_query::Matcher::new(s).is_err())
        {
            return Err((
                Place::Feed(i, "scrape_remove"),
                format!("{name}: scrape_remove has {sel:?}, which is not a CSS selector"),
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
pub(super) fn feed_name(index: usize, feed: &FeedConfig) -> String {
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

/// Positions of the values validation looks at. Only parsed when validation fails,
/// and lenient (no unknown-field checks) because the strict parse already passed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanDoc {
    general: SpanGeneral,
    feed: Vec<SpanFeed>,
    share: Vec<SpanShare>,
    view: Vec<SpanView>,
    sync: Option<Spanned<toml::Value>>,
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
    max_downloads: Option<Spanned<toml::Value>>,
    max_download_mb: Option<Spanned<toml::Value>>,
    step_back_secs: Option<Spanned<toml::Value>>,
    step_forward_secs: Option<Spanned<toml::Value>>,
    player: Option<Spanned<toml::Value>>,
    remote: Option<Spanned<toml::Value>>,
    remote_player: Option<Spanned<toml::Value>>,
    video_player: Option<Spanned<toml::Value>>,
    image_protocol: Option<Spanned<toml::Value>>,
    image_height: Option<Spanned<toml::Value>>,
    image_cache_mb: Option<Spanned<toml::Value>>,
    language: Option<Spanned<toml::Value>>,
    date_format: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SpanFeed {
    url: Option<Spanned<toml::Value>>,
    refresh_minutes: Option<Spanned<toml::Value>>,
    scrape_selector: Option<Spanned<toml::Value>>,
    scrape_remove: Option<Spanned<toml::Value>>,
}

pub(super) fn span_of(text: &str, place: Place) -> Option<std::ops::Range<usize>> {
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
                "max_downloads" => g.max_downloads,
                "max_download_mb" => g.max_download_mb,
                "step_back_secs" => g.step_back_secs,
                "step_forward_secs" => g.step_forward_secs,
                "player" => g.player,
                "remote" => g.remote,
                "remote_player" => g.remote_player,
                "video_player" => g.video_player,
                "image_protocol" => g.image_protocol,
                "image_height" => g.image_height,
                "image_cache_mb" => g.image_cache_mb,
                "language" => g.language,
                "date_format" => g.date_format,
                _ => None,
            }
        }
        Place::Feed(i, field) => {
            let f = doc.feed.into_iter().nth(i)?;
            match field {
                "url" => f.url,
                "refresh_minutes" => f.refresh_minutes,
                "scrape_selector" => f.scrape_selector,
                "scrape_remove" => f.scrape_remove,
                _ => None,
            }
        }
        Place::Sync => doc.sync,
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
