//! Reading what can be read of a config.toml that does not load: the reader runs on the
//! user's feeds and settings, with only the broken values left at their defaults.
//!
//! The file is parsed as plain TOML, then each value is tried on its own: a value that
//! does not deserialize, or that validation refuses, is dropped (a setting takes its
//! default, a feed without a usable URL is left out) and named in a [`Broken`].

use super::{Config, Place, validate};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// One value that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// Short, for the title bar: `per_host`, `[[feed]] #3`.
    pub name: String,
    /// The whole story, for the terminal before the reader starts.
    pub message: String,
}

/// The config with every broken value dropped, and what was dropped; `None` when the
/// text is not TOML at all (a syntax error): then no feed list can be read.
pub fn salvage(text: &str) -> Option<(Config, Vec<Broken>)> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let mut broken = Vec::new();
    let mut config = Config::default();
    for (section, value) in table {
        match section.as_str() {
            "general" => {
                if let Some(g) = fields(value, &[], "[general]", &mut broken) {
                    config.general = g;
                }
            }
            "keys" => config.keys = keys(value, &mut broken),
            "feed" => config.feeds = tables(value, "feed", &["url"], &mut broken),
            "share" => {
                config.share = tables(value, "share", &["name", "key", "command"], &mut broken)
            }
            "view" => config.views = tables(value, "view", &["name", "filter"], &mut broken),
            // Sync goes wrong as a whole: a half-read account would log in elsewhere.
            "sync" => match value.try_into::<crate::sync::SyncConfig>() {
                Ok(sync) => config.sync = Some(sync),
                Err(e) => broken.push(Broken {
                    name: "[sync]".to_string(),
                    message: crate::t!(
                        "config-salvage-sync-off",
                        error = super::plain_words(e.message())
                    ),
                }),
            },
            other => broken.push(Broken {
                name: crate::sanitize::line(other),
                message: crate::t!(
                    "config-salvage-unknown-section",
                    section = crate::sanitize::line(other)
                ),
            }),
        }
    }
    // Each round removes or resets the value validation refused, so this ends; the bound
    // is for safety only.
    let rounds = 16 + config.feeds.len() + config.share.len() + config.views.len();
    for _ in 0..rounds {
        let Err((place, problem)) = validate(&config) else {
            break;
        };
        let name = fix(&mut config, place);
        broken.push(Broken {
            name,
            message: crate::sanitize::line(&problem),
        });
    }
    for feed in &mut config.feeds {
        feed.url = feed.url.trim().to_string();
    }
    // Names and messages quote the file, which may hold escapes.
    for b in &mut broken {
        b.name = crate::sanitize::line(&b.name);
        b.message = crate::sanitize::line(&b.message);
    }
    Some((config, broken))
}

/// Drops or resets what validation refused; returns its short name.
fn fix(config: &mut Config, place: Place) -> String {
    let defaults = super::General::default();
    let g = &mut config.general;
    match place {
        Place::General(field) => {
            match field {
                "refresh_minutes" => g.refresh_minutes = defaults.refresh_minutes,
                "concurrency" => g.concurrency = defaults.concurrency,
                "per_host" => g.per_host = defaults.per_host,
                "timeout_secs" => g.timeout_secs = defaults.timeout_secs,
                "max_body_mb" => g.max_body_mb = defaults.max_body_mb,
                "max_downloads" => g.max_downloads = defaults.max_downloads,
                "max_download_mb" => g.max_download_mb = defaults.max_download_mb,
                "step_back_secs" => g.step_back_secs = defaults.step_back_secs,
                "step_forward_secs" => g.step_forward_secs = defaults.step_forward_secs,
                "player" => g.player = defaults.player,
                "remote_player" => g.remote_player = defaults.remote_player,
                "video_player" => g.video_player = defaults.video_player,
                "image_protocol" => g.image_protocol = defaults.image_protocol,
                "image_height" => g.image_height = defaults.image_height,
                "image_cache_mb" => g.image_cache_mb = defaults.image_cache_mb,
                "language" => g.language = defaults.language,
                "date_format" => g.date_format = defaults.date_format,
                // remote, and any field added later: the whole section's defaults are
                // valid, so resetting it always ends the loop.
                "remote" => g.remote = defaults.remote,
                _ => *g = defaults,
            }
            field.to_string()
        }
        Place::Feed(i, "refresh_minutes") => {
            if let Some(f) = config.feeds.get_mut(i) {
                f.refresh_minutes = None;
            }
            format!("[[feed]] #{} refresh_minutes", i + 1)
        }
        Place::Feed(i, _) => {
            remove(&mut config.feeds, i);
            format!("[[feed]] #{}", i + 1)
        }
        Place::Share(i, _) => {
            remove(&mut config.share, i);
            format!("[[share]] #{}", i + 1)
        }
        Place::Sync => {
            config.sync = None;
            "[sync]".to_string()
        }
        Place::View(i, _) => {
            remove(&mut config.views, i);
            format!("[[view]] #{}", i + 1)
        }
    }
}

fn remove<T>(list: &mut Vec<T>, i: usize) {
    if i < list.len() {
        list.remove(i);
    } else {
        list.clear();
    }
}

/// `[keys]`: each binding on its own.
fn keys(value: toml::Value, broken: &mut Vec<Broken>) -> BTreeMap<String, super::KeySpec> {
    let toml::Value::Table(table) = value else {
        broken.push(not_a_table("keys", "[keys]"));
        return BTreeMap::new();
    };
    let mut keys = BTreeMap::new();
    for (action, spec) in table {
        match spec.try_into::<super::KeySpec>() {
            Ok(spec) => {
                keys.insert(action, spec);
            }
            Err(e) => broken.push(Broken {
                name: crate::sanitize::line(&action),
                message: crate::t!(
                    "config-salvage-key",
                    action = crate::sanitize::line(&action),
                    error = super::plain_words(e.message())
                ),
            }),
        }
    }
    keys
}

/// `[[section]]` tables, each salvaged field by field; a table whose `required` fields
/// do not deserialize is left out.
fn tables<T: DeserializeOwned>(
    value: toml::Value,
    section: &str,
    required: &[&str],
    broken: &mut Vec<Broken>,
) -> Vec<T> {
    let toml::Value::Array(items) = value else {
        broken.push(not_a_table(section, &format!("[[{section}]]")));
        return Vec::new();
    };
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let what = format!("[[{section}]] #{}", i + 1);
            fields(item, required, &what, broken)
        })
        .collect()
}

/// A table deserialized with every field that works: `required` ones first (all or
/// nothing), then the others one by one.
fn fields<T: DeserializeOwned>(
    value: toml::Value,
    required: &[&str],
    what: &str,
    broken: &mut Vec<Broken>,
) -> Option<T> {
    let toml::Value::Table(table) = value else {
        broken.push(not_a_table(what, what));
        return None;
    };
    let (first, rest): (toml::Table, toml::Table) = table
        .into_iter()
        .partition(|(k, _)| required.contains(&k.as_str()));
    let mut good = first.clone();
    let mut last = match toml::Value::Table(first).try_into::<T>() {
        Ok(v) => v,
        Err(e) => {
            broken.push(Broken {
                name: what.to_string(),
                message: crate::t!(
                    "config-salvage-left-out",
                    what = what,
                    error = super::plain_words(e.message())
                ),
            });
            return None;
        }
    };
    for (key, value) in rest {
        let mut candidate = good.clone();
        candidate.insert(key.clone(), value);
        match toml::Value::Table(candidate.clone()).try_into::<T>() {
            Ok(v) => {
                last = v;
                good = candidate;
            }
            Err(e) => {
                let key = crate::sanitize::line(&key);
                let name = if what == "[general]" {
                    key.clone()
                } else {
                    format!("{what} {key}")
                };
                broken.push(Broken {
                    name,
                    message: if what == "[general]" {
                        crate::t!(
                            "config-salvage-field-default",
                            what = what,
                            key = key.as_str(),
                            error = super::plain_words(e.message())
                        )
                    } else {
                        crate::t!(
                            "config-salvage-field-ignored",
                            what = what,
                            key = key.as_str(),
                            error = super::plain_words(e.message())
                        )
                    },
                });
            }
        }
    }
    Some(last)
}

fn not_a_table(name: &str, what: &str) -> Broken {
    Broken {
        name: name.to_string(),
        message: crate::t!("config-salvage-not-a-table", what = what),
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, with};

    /// The question `main` asks before running on a salvaged file: its lines as they read.
    #[test]
    fn the_salvage_question_reads_in_both_languages() {
        assert_eq!(
            crate::t!("config-salvage-ask", count = 1usize),
            "Your 1 feed and every other setting can be.\n\
             Run on them, with defaults for the broken settings, for this session? [y/N]"
        );
        with(Lang::Ru, || {
            assert_eq!(
                crate::t!("config-salvage-ask", count = 3usize),
                "3 ленты и все остальные настройки в порядке.\n\
                 Запустить с ними, а вместо испорченных взять значения по умолчанию, на этот \
                 сеанс? [y/N]"
            );
            assert_eq!(crate::t!("config-salvage-yes"), "д|да");
        });
    }
}
