//! Subscriptions and read state from the command line: `remove`, `rename`, `mark-read`.
//!
//! A feed is named by its URL or by its whole title, in any case. A part of a title is
//! never enough to remove or rename something: it is offered back as a candidate.

use crate::config;
use crate::db::Change;
use crate::headless::{CommandError, FilterCheck, catch_up_index, load_store, parse_filter};
use crate::model::Feed;
use crate::sanitize;
use crate::setup::{Setup, now};
use crate::store::View;
use crate::t;

/// Why `text` names no single configured feed (exit 2, said on stderr). `shown` is the
/// sanitized text; `candidates` the near or equal feeds, one per line.
#[derive(Debug, thiserror::Error)]
enum NoSuchFeed {
    #[error("{}", t!("error-feed-unknown", name = .shown.as_str()))]
    Unknown { shown: String },
    #[error("{}", t!("error-feed-near", name = .shown.as_str(), candidates = .candidates.as_str()))]
    Near { shown: String, candidates: String },
    #[error("{}", t!(
        "error-feed-ambiguous",
        count = *.count,
        name = .shown.as_str(),
        candidates = .candidates.as_str()
    ))]
    Ambiguous {
        count: usize,
        shown: String,
        candidates: String,
    },
}

/// The configured feed `text` names, or why none is.
fn find_feed<'a>(feeds: &'a [Feed], text: &str) -> Result<&'a Feed, NoSuchFeed> {
    let text = text.trim();
    if let Some(f) = feeds
        .iter()
        .find(|f| f.url.trim() == text || f.fetch_url.trim() == text)
    {
        return Ok(f);
    }
    let folded = text.to_lowercase();
    let named: Vec<&Feed> = feeds
        .iter()
        .filter(|f| f.title.trim().to_lowercase() == folded)
        .collect();
    let shown = sanitize::line(text);
    match named.as_slice() {
        [one] => Ok(one),
        [] => {
            let near: Vec<&Feed> = feeds
                .iter()
                .filter(|f| {
                    !folded.is_empty()
                        && (f.title.to_lowercase().contains(&folded)
                            || f.url.to_lowercase().contains(&folded))
                })
                .collect();
            if near.is_empty() {
                Err(NoSuchFeed::Unknown { shown })
            } else {
                Err(NoSuchFeed::Near {
                    shown,
                    candidates: candidates(&near),
                })
            }
        }
        many => Err(NoSuchFeed::Ambiguous {
            count: many.len(),
            shown,
            candidates: candidates(many),
        }),
    }
}

fn candidates(feeds: &[&Feed]) -> String {
    feeds
        .iter()
        .map(|f| format!("  {}  {}", sanitize::line(&f.title), sanitize::line(&f.url)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `tidings remove`: the `[[feed]]` table leaves config.toml first (so a file that cannot
/// be written leaves the articles alone), then the articles leave the database, except
/// bookmarked ones.
pub fn remove(mut setup: Setup, text: &str) -> Result<i32, CommandError> {
    let feed = match find_feed(&setup.feeds, text) {
        Ok(f) => f.clone(),
        Err(why) => {
            eprintln!("tidings: {why}");
            return Ok(2);
        }
    };
    if setup.config.sync.is_some() {
        let remote_id = setup
            .db
            .synced_feeds()?
            .into_iter()
            .find(|(_, f)| f.url == feed.url)
            .map(|(id, _)| id);
        let Some(remote_id) = remote_id else {
            eprintln!(
                "tidings: {}",
                t!("cmd-remove-not-on-server", url = sanitize::line(&feed.url))
            );
            return Ok(2);
        };
        let db_file = setup.paths.db_file();
        let code =
            crate::sync_now::with_server(setup, crate::sync_now::Change::Unsubscribe { remote_id });
        if code == 0 {
            // As without sync: its articles go, bookmarked ones stay.
            let (deleted, _) = crate::db::Db::open(&db_file)?.forget_feed(&feed.url)?;
            println!(
                "{}",
                t!(
                    "cmd-remove-unsubscribed",
                    url = sanitize::line(&feed.url),
                    count = deleted
                )
            );
        }
        return Ok(code);
    }
    config::remove_feed(&setup.paths.config_file, &feed.url)?;
    let named = match (sanitize::line(&feed.title), sanitize::line(&feed.url)) {
        (title, url) if title == url => url,
        (title, url) => format!("{title} ({url})"),
    };
    match setup.db.forget_feed(&feed.url) {
        Ok((deleted, kept)) => {
            let done = t!(
                "cmd-remove-done",
                feed = named.as_str(),
                file = setup.paths.config_file.display().to_string(),
                count = deleted
            );
            match kept {
                0 => println!("{done}"),
                n => println!("{done}{}", t!("cmd-remove-kept", count = n)),
            }
            Ok(0)
        }
        Err(e) => {
            println!(
                "{}",
                t!(
                    "cmd-remove-config-only",
                    feed = named.as_str(),
                    file = setup.paths.config_file.display().to_string()
                )
            );
            eprintln!(
                "tidings: {}",
                t!(
                    "cmd-remove-articles-left",
                    error = sanitize::line(&e.to_string())
                )
            );
            Ok(1)
        }
    }
}

/// `tidings rename`: the configured title; an empty name removes it.
pub fn rename(setup: Setup, text: &str, name: &str) -> Result<i32, CommandError> {
    let feed = match find_feed(&setup.feeds, text) {
        Ok(f) => f,
        Err(why) => {
            eprintln!("tidings: {why}");
            return Ok(2);
        }
    };
    let name = sanitize::line(name).trim().to_string();
    config::set_feed_title(&setup.paths.config_file, &feed.url, Some(&name))?;
    if name.is_empty() {
        println!(
            "{}",
            t!("cmd-rename-cleared", url = sanitize::line(&feed.url))
        );
    } else {
        println!(
            "{}",
            t!(
                "cmd-rename-done",
                url = sanitize::line(&feed.url),
                name = name.as_str(),
                file = setup.paths.config_file.display().to_string()
            )
        );
    }
    Ok(0)
}

/// `--older-than`: a number and a unit, checked here so that it can only ever become
/// one `age:>` term of the filter language.
fn older_than(age: &str) -> Option<crate::filter::Filter> {
    let age = age.trim();
    let digits = age.strip_suffix(['m', 'h', 'd', 'w'])?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    crate::filter::parse(&format!("age:>{age}")).ok()
}

/// `tidings mark-read`: every unread article matching all the options given, in one
/// transaction.
pub fn mark_read(
    mut setup: Setup,
    feed: Option<String>,
    filter: Option<String>,
    older: Option<String>,
) -> Result<i32, CommandError> {
    let Ok(parsed) = parse_filter(filter.as_deref()) else {
        return Ok(2);
    };
    let age = match older.as_deref().map(|a| (a, older_than(a))) {
        Some((a, None)) => {
            eprintln!(
                "tidings: {}",
                t!("cmd-mark-read-bad-age", value = sanitize::line(a))
            );
            return Ok(2);
        }
        Some((_, Some(f))) => Some(f),
        None => None,
    };
    let mut store = load_store(&setup)?;
    if let Some(f) = &parsed {
        if f.uses_categories() {
            let ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
            let lists = setup.db.load_categories(&ids)?;
            store.set_categories(lists);
        }
        if !f.text_terms().is_empty() {
            catch_up_index(&mut setup);
        }
    }
    let checker = match &parsed {
        Some(f) => Some(FilterCheck::new(&setup, f)?),
        None => None,
    };
    let needle = feed.map(|f| f.to_lowercase());
    let now = now();
    let ids: Vec<_> = store
        .view_ids(View::All)
        .into_iter()
        .filter_map(|id| store.headline(id))
        .filter(|h| !h.flags().read())
        .filter(|h| {
            needle.as_ref().is_none_or(|n| {
                store.feed(h.feed_id()).is_some_and(|f| {
                    f.title.to_lowercase().contains(n) || f.url.to_lowercase().contains(n)
                })
            })
        })
        .filter(|h| match (&parsed, &checker) {
            (Some(f), Some(c)) => c.matches(f, *h, &store, now),
            _ => true,
        })
        .filter(|h| match &age {
            Some(a) => FilterCheck::default().matches(a, *h, &store, now),
            None => true,
        })
        .map(|h| h.id())
        .collect();
    let mut changes: Vec<Change> = ids.iter().map(|id| Change::Read(*id, true)).collect();
    for &id in &ids {
        store.set_read(id, true);
    }
    changes.extend(store.caught_up(&ids).into_iter().map(Change::CaughtUp));
    setup.db.apply(&changes)?;
    println!("{}", t!("cmd-mark-read-done", count = ids.len()));
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(id: i64, title: &str, url: &str) -> Feed {
        Feed {
            id,
            title: title.into(),
            url: url.into(),
            fetch_url: url.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_that_fits_several_feeds_is_refused_in_russian() {
        let feeds = [
            feed(2, "Twin", "https://a.test/"),
            feed(3, "twin", "https://b.test/"),
        ];
        let said = crate::i18n::with(crate::i18n::Lang::Ru, || {
            find_feed(&feeds, "TWIN")
                .map(|f| f.id)
                .map_err(|e| e.to_string())
        });
        assert_eq!(
            said,
            Err(
                "лент с названием «TWIN» несколько (2); укажите адрес нужной:\n  \
                 Twin  https://a.test/\n  twin  https://b.test/"
                    .to_string()
            )
        );
        // The count of marked articles: one, few, many.
        crate::i18n::with(crate::i18n::Lang::Ru, || {
            assert_eq!(
                crate::t!("cmd-mark-read-done", count = 21usize),
                "Прочитанной отмечена 21 статья"
            );
            assert_eq!(
                crate::t!("cmd-mark-read-done", count = 3usize),
                "Прочитанными отмечены 3 статьи"
            );
            assert_eq!(
                crate::t!("cmd-mark-read-done", count = 12usize),
                "Прочитанными отмечено 12 статей"
            );
        });
    }

    #[test]
    fn a_feed_is_named_whole_or_not_at_all() {
        let feeds = [
            feed(1, "Rust Blog", "https://r.test/feed"),
            feed(2, "Twin", "https://a.test/"),
            feed(3, "twin", "https://b.test/"),
        ];
        assert_eq!(find_feed(&feeds, "rust blog").map(|f| f.id).ok(), Some(1));
        assert!(matches!(
            find_feed(&feeds, "nothing"),
            Err(NoSuchFeed::Unknown { .. })
        ));
        assert!(matches!(
            find_feed(&feeds, "Rust"),
            Err(NoSuchFeed::Near { .. })
        ));
        assert!(matches!(
            find_feed(&feeds, "TWIN"),
            Err(NoSuchFeed::Ambiguous { count: 2, .. })
        ));
    }
}
