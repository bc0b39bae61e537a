//! What a config.toml that parses may still get wrong (a zero where at least one is
//! needed, a feed URL tidings cannot poll, a share target without a command …), and where
//! in the file the value is, for the error's line and column.

use super::{Config, FeedConfig, Remote, ShareTarget, is_supported_feed_url};
use crate::t;
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
                t!("config-at-least-one", field = format!("[general] {field}")),
            ));
        }
    }
    if Remote::parse(&g.remote).is_none() {
        return Err((
            Place::General("remote"),
            t!("config-remote", value = g.remote.as_str()),
        ));
    }
    if g.player.first().is_some_and(|p| p.trim().is_empty()) {
        return Err((
            Place::General("player"),
            t!("config-program", field = "[general] player"),
        ));
    }
    if !matches!(g.remote_player.trim(), "ask" | "play" | "copy") {
        return Err((
            Place::General("remote_player"),
            t!("config-remote-player", value = g.remote_player.as_str()),
        ));
    }
    if g.video_player.first().is_none_or(|p| p.trim().is_empty()) {
        return Err((
            Place::General("video_player"),
            t!("config-program", field = "[general] video_player"),
        ));
    }
    if !matches!(
        g.image_protocol.trim(),
        "" | "kitty" | "sixel" | "iterm2" | "halfblocks"
    ) {
        return Err((
            Place::General("image_protocol"),
            t!("config-image-protocol", value = g.image_protocol.as_str()),
        ));
    }
    if !g.language.trim().is_empty() && crate::i18n::Lang::from_code(&g.language).is_none() {
        let known: Vec<_> = crate::i18n::Lang::ALL.iter().map(|l| l.code()).collect();
        return Err((
            Place::General("language"),
            t!(
                "config-language",
                known = known.join(", "),
                value = g.language.as_str()
            ),
        ));
    }
    if !crate::i18n::dates::valid_pattern(&g.date_format) {
        return Err((
            Place::General("date_format"),
            t!("config-date-format", value = g.date_format.as_str()),
        ));
    }
    if g.image_height > 200 {
        return Err((Place::General("image_height"), t!("config-image-height")));
    }
    if let Some(problem) = config.sync.as_ref().and_then(|s| s.problem()) {
        return Err((Place::Sync, problem));
    }
    validate_share(&config.share)?;
    for (i, view) in config.views.iter().enumerate() {
        if view.name.trim().is_empty() {
            return Err((
                Place::View(i, "name"),
                t!("config-view-no-name", index = (i + 1).to_string()),
            ));
        }
        if let Err(e) = crate::filter::parse(&view.filter) {
            return Err((
                Place::View(i, "filter"),
                t!(
                    "config-view-filter",
                    name = view.name.as_str(),
                    error = e.message.as_str(),
                    at = (e.pos + 1).to_string()
                ),
            ));
        }
    }
    let mut first_with_url: HashMap<&str, usize> = HashMap::new();
    for (i, feed) in config.feeds.iter().enumerate() {
        let name = feed_name(i, feed);
        if !is_supported_feed_url(&feed.url) {
            let problem = if feed.url.trim().is_empty() {
                t!("config-feed-empty-url", name = name.as_str())
            } else {
                t!(
                    "config-feed-bad-url",
                    name = name.as_str(),
                    url = feed.url.trim(),
                    demo = crate::demo::DEMO_URL
                )
            };
            return Err((Place::Feed(i, "url"), problem));
        }
        if let Some(first) = first_with_url.insert(feed.url.trim(), i) {
            return Err((
                Place::Feed(i, "url"),
                t!(
                    "config-feed-repeated",
                    name = name.as_str(),
                    first = feed_name(first, &config.feeds[first])
                ),
            ));
        }
        if feed.refresh_minutes == Some(0) {
            return Err((
                Place::Feed(i, "refresh_minutes"),
                t!(
                    "config-at-least-one",
                    field = format!("{name}: refresh_minutes")
                ),
            ));
        }
        if let Some(sel) = &feed.scrape_selector
            && dom_query::Matcher::new(sel).is_err()
        {
            return Err((
                Place::Feed(i, "scrape_selector"),
                t!(
                    "config-feed-selector",
                    name = name.as_str(),
                    selector = format!("{sel:?}")
                ),
            ));
        }
        if let Some(sel) = feed
            .scrape_remove
            .iter()
            .find(|s| dom_query::Matcher::new(s).is_err())
        {
            return Err((
                Place::Feed(i, "scrape_remove"),
                t!(
                    "config-feed-remove-selector",
                    name = name.as_str(),
                    selector = format!("{sel:?}")
                ),
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
            return Err((
                Place::Share(i, "name"),
                t!("config-share-empty-name", name = name.as_str()),
            ));
        }
        if target.command.is_empty() || target.command[0].trim().is_empty() {
            return Err((
                Place::Share(i, "command"),
                t!("config-share-command", name = name.as_str()),
            ));
        }
        if target.timeout_secs == 0 {
            return Err((
                Place::Share(i, "timeout_secs"),
                t!(
                    "config-at-least-one",
                    field = format!("{name}: timeout_secs")
                ),
            ));
        }
        let Some(key) = target
            .key_char()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        else {
            return Err((
                Place::Share(i, "key"),
                t!("config-share-key-char", name = name.as_str()),
            ));
        };
        if key.is_ascii_digit() {
            return Err((
                Place::Share(i, "key"),
                t!(
                    "config-share-key-digit",
                    name = name.as_str(),
                    key = key.to_string()
                ),
            ));
        }
        if let Some((_, label, _)) = crate::share::menu::BUILTIN
            .iter()
            .find(|(k, _, _)| *k == key)
        {
            return Err((
                Place::Share(i, "key"),
                t!(
                    "config-share-key-builtin",
                    name = name.as_str(),
                    key = key.to_string(),
                    label = *label
                ),
            ));
        }
        if let Some(first) = keys.insert(key, i) {
            return Err((
                Place::Share(i, "key"),
                t!(
                    "config-share-key-taken",
                    name = name.as_str(),
                    key = key.to_string(),
                    other = share_name(first, &targets[first])
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
        t!(
            "config-share-name",
            name = name.as_str(),
            index = (index + 1).to_string()
        )
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
        Some(title) => t!(
            "config-feed-name",
            title = title,
            index = (index + 1).to_string()
        ),
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
