//! The headless subcommands: refresh (in `refresh`), list, search, show, add, import,
//! export, feeds (remove, rename and mark-read are in `manage`).
//! Everything printed from a feed was sanitized at ingest; titles from config pass
//! `sanitize::line` here, since a user's file can hold escapes too.

pub mod download;
pub mod full_text;
pub mod play;
pub mod refresh;
pub mod sync;

use crate::cli::{Command, ExportFormat};
use crate::config;
use crate::feed::backoff;
use crate::headless::{
    CommandError, FilterCheck, IndexGap, catch_up_index, load_store, parse_filter,
    try_catch_up_index,
};
use crate::model::FeedStatus;
use crate::render::{self, ArticleSource};
use crate::sanitize;
use crate::setup::{Setup, now};
use crate::store::{HeadlineRef, Store, View};
use crate::t;
use crate::text::fit;
use crate::timefmt::Zone;
use std::io::Write;

/// Exit codes: 0 done, 1 nothing could be done, 2 bad input.
pub fn run(cmd: Command, setup: Setup) -> Result<i32, CommandError> {
    match cmd {
        Command::Refresh { force } => refresh::run(setup, force),
        Command::List {
            unread,
            bookmarked,
            feed,
            filter,
            limit,
            json,
        } => list(setup, unread, bookmarked, feed, filter, limit, json),
        Command::Search { query, limit, json } => search(setup, &query.join(" "), limit, json),
        Command::Show { id, width, full } => show(setup, id, width, full),
        Command::Add {
            url,
            title,
            tags,
            pick,
            no_check,
        } => crate::add::run(
            &setup,
            crate::add::Request {
                url,
                title,
                tags,
                pick,
                check: !no_check,
            },
        ),
        Command::Import { file } => import(setup, &file),
        Command::Purge { older_than } => purge(setup, &older_than),
        Command::Export {
            bookmarks: false, ..
        } => {
            print!("{}", crate::opml::export(&titled_feeds(&setup)));
            Ok(0)
        }
        Command::Export {
            bookmarks: true,
            format,
        } => export_bookmarks(setup, format.unwrap_or_default()),
        Command::Feeds { json } => feeds(setup, json),
        Command::Remove { feed } => crate::manage::remove(setup, &feed),
        Command::Rename { feed, name } => crate::manage::rename(setup, &feed, &name),
        Command::MarkRead {
            feed,
            filter,
            older_than,
        } => crate::manage::mark_read(setup, feed, filter, older_than),
        Command::Download { feed, new, ids } => download::download(setup, feed, new, ids),
        Command::Downloads { json } => download::list(setup, json),
        Command::Play { id } => play::play(setup, id),
        Command::Sync { what } => sync::run(setup, what),
        // main answers these before the config is read.
        Command::Completions { .. } | Command::Man => Ok(0),
    }
}

/// The configured feeds, each without a title of its own in config.toml named by the
/// title its document gave (stored at the last refresh), so an export reads as the
/// reader's feed list does rather than as a list of URLs.
fn titled_feeds(setup: &Setup) -> Vec<config::FeedConfig> {
    setup
        .config
        .feeds
        .iter()
        .map(|cfg| {
            let mut cfg = cfg.clone();
            if cfg.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                cfg.title = setup
                    .feeds
                    .iter()
                    .find(|f| f.url == cfg.url && f.title != f.url)
                    .map(|f| f.title.clone());
            }
            cfg
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn list(
    mut setup: Setup,
    unread: bool,
    bookmarked: bool,
    feed: Option<String>,
    filter: Option<String>,
    limit: Option<usize>,
    json: bool,
) -> Result<i32, CommandError> {
    let Ok(parsed) = parse_filter(filter.as_deref()) else {
        return Ok(2);
    };
    let mut store = load_store(&setup)?;
    if parsed
        .as_ref()
        .is_some_and(crate::filter::Filter::uses_categories)
    {
        let ids: Vec<_> = setup.feeds.iter().map(|f| f.id).collect();
        let lists = setup.db.load_categories(&ids)?;
        store.set_categories(lists);
    }
    let needle = feed.map(|f| f.to_lowercase());
    let feed_ok = |h: HeadlineRef<'_>| -> bool {
        let Some(n) = &needle else { return true };
        store
            .feed(h.feed_id())
            .is_some_and(|f| f.title.to_lowercase().contains(n) || f.url.to_lowercase().contains(n))
    };
    let view = if bookmarked {
        View::Bookmarks
    } else {
        View::All
    };
    if parsed.as_ref().is_some_and(|f| !f.body_terms().is_empty()) {
        // Words in bodies come from the index: bring it up to date first, as `search` does.
        catch_up_index(&mut setup);
    }
    let checker = match &parsed {
        Some(f) => Some(FilterCheck::new(&setup, f)?),
        None => None,
    };
    let now = now();
    let rows = store
        .view_ids(view)
        .into_iter()
        .filter_map(|id| store.headline(id))
        .filter(|h| !unread || !h.flags().read())
        .filter(|h| feed_ok(*h))
        .filter(|h| match (&parsed, &checker) {
            (Some(f), Some(c)) => c.matches(f, *h, &store, now),
            _ => true,
        })
        .take(limit.unwrap_or(usize::MAX));
    print_rows(&setup, &store, rows, json);
    Ok(0)
}

/// Articles as `list` prints them: a line each, or a JSON object each with `json`.
fn print_rows<'a>(
    setup: &Setup,
    store: &Store,
    rows: impl IntoIterator<Item = HeadlineRef<'a>>,
    json: bool,
) {
    let zone = Zone::Local;
    let width = terminal_width();
    let mut out = std::io::stdout().lock();
    for h in rows {
        let feed_title = store
            .feed(h.feed_id())
            .map(|f| sanitize::line(&f.title))
            .unwrap_or_default();
        let line = if json {
            json_row(setup, h, &feed_title).to_string()
        } else {
            list_line(h, &feed_title, &zone.short(h.date(), now()), width)
        };
        if writeln!(out, "{line}").is_err() {
            break; // stdout closed (e.g. piped into head)
        }
    }
}

/// `tidings purge`: what it dropped, on stdout.
fn purge(mut setup: Setup, older_than: &str) -> Result<i32, CommandError> {
    let Some(secs) = crate::timefmt::parse_age(older_than) else {
        eprintln!(
            "tidings: {}",
            t!(
                "cmd-purge-bad-age",
                value = format!("{:?}", sanitize::line(older_than))
            )
        );
        return Ok(2);
    };
    let p = setup.db.purge(now().saturating_sub(secs))?;
    println!(
        "{}",
        t!(
            "cmd-purge-done",
            deleted = p.deleted,
            read = p.read,
            age = older_than
        )
    );
    if p.hidden_kept > 0 {
        println!("{}", t!("cmd-purge-hidden-kept", count = p.hidden_kept));
    }
    Ok(0)
}

/// One `list` line: id, flags, date, feed, title. On a terminal of `width` columns the
/// line fits (the feed column narrows first, then the title is cut) instead of wrapping;
/// without one the title is printed whole, as scripts expect.
pub fn list_line(h: HeadlineRef<'_>, feed_title: &str, date: &str, width: Option<usize>) -> String {
    // id (6), flags (2), date (12), three gaps of 2 each before the feed and title.
    const FIXED: usize = 6 + 2 + 2 + 2 + 12 + 2;
    let feed_w = match width {
        Some(w) => 18.min(w.saturating_sub(FIXED + 2 + 20)).max(8),
        None => 18,
    };
    let line = format!(
        "{:>6}  {}{}  {}  {}  {}",
        h.id(),
        if h.flags().read() { ' ' } else { 'N' },
        if h.flags().bookmarked() { '*' } else { ' ' },
        fit(date, 12),
        fit(feed_title, feed_w),
        h.title()
    );
    match width {
        Some(w) => fit(&line, w).trim_end().to_string(),
        None => line,
    }
}

/// Ranked full-text search over the articles `list` shows; nothing found is exit 1.
fn search(mut setup: Setup, query: &str, limit: usize, json: bool) -> Result<i32, CommandError> {
    // Articles stored since the index was last brought up to date (by a `refresh`, or a
    // TUI that quit before it got to them) are indexed first, so they are found. When
    // another process holds the lock (a reader indexing 250,000 articles holds it for
    // minutes), every waiting article is read and matched here instead.
    let (complete, why) = try_catch_up_index(&mut setup);
    let store = load_store(&setup)?;
    // Articles of feeds no longer configured are in the index but not in the store;
    // asking for some more keeps `limit` results when a few of those rank high.
    let want = limit.saturating_add(100);
    let found = if complete {
        setup.db.search(query, want)?
    } else {
        setup.db.search_with_pending(query, want)?.rows
    };
    if let Some(why) = why.filter(|w| !matches!(w, IndexGap::Locked)) {
        eprintln!("tidings: {why}");
    }
    let rows: Vec<HeadlineRef<'_>> = found
        .iter()
        .filter_map(|(id, _)| store.headline(*id))
        .take(limit)
        .collect();
    if rows.is_empty() {
        // As grep: a script can tell "nothing found" from a match, a person is told.
        eprintln!(
            "tidings: {}",
            t!("cmd-search-no-matches", query = sanitize::line(query))
        );
        return Ok(1);
    }
    print_rows(&setup, &store, rows, json);
    Ok(0)
}

/// One article as `list --json` and `export --bookmarks --format json` print it.
fn json_row(setup: &Setup, h: HeadlineRef<'_>, feed_title: &str) -> serde_json::Value {
    let enclosures = setup
        .db
        .body(h.id())
        .ok()
        .flatten()
        .map(|b| b.enclosures)
        .unwrap_or_default();
    let published = chrono::DateTime::<chrono::Utc>::from_timestamp(h.date(), 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    serde_json::json!({
        "id": h.id(),
        "feed": feed_title,
        "feed_id": h.feed_id(),
        "title": h.title(),
        "title_derived": h.flags().derived_title(),
        "link": h.link(),
        "author": h.author(),
        "published": published,
        "read": h.flags().read(),
        "bookmarked": h.flags().bookmarked(),
        "enclosures": enclosures,
    })
}

/// Bookmarked articles, newest first, as a Markdown list or JSON lines.
fn export_bookmarks(setup: Setup, format: ExportFormat) -> Result<i32, CommandError> {
    let store = load_store(&setup)?;
    let zone = Zone::Local;
    let mut out = std::io::stdout().lock();
    for h in store
        .view_ids(View::Bookmarks)
        .into_iter()
        .filter_map(|id| store.headline(id))
    {
        let feed_title = store
            .feed(h.feed_id())
            .map(|f| sanitize::line(&f.title))
            .unwrap_or_default();
        let line = match format {
            ExportFormat::Json => json_row(&setup, h, &feed_title).to_string(),
            ExportFormat::Markdown => bookmark_line(h, &feed_title, zone),
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(0)
}

/// `- [Title](link) — Feed, 29 Jan 2025`; without an http(s) link, the title alone.
fn bookmark_line(h: HeadlineRef<'_>, feed_title: &str, zone: Zone) -> String {
    let title = sanitize::line(h.title());
    let title = if title.is_empty() {
        t!("article-untitled")
    } else {
        title
    };
    let link = h
        .link()
        .and_then(|l| crate::share::intents::check_link(l).ok());
    let item = match link {
        Some(url) => crate::share::markdown_link(&title, url.as_str()),
        None => escape_meta(&title),
    };
    let day = if h.date() > 0 {
        zone.day(h.date())
    } else {
        String::new()
    };
    match (feed_title.is_empty(), day.is_empty()) {
        (false, false) => format!("- {item} — {}, {day}", escape_meta(feed_title)),
        (false, true) => format!("- {item} — {}", escape_meta(feed_title)),
        (true, false) => format!("- {item} — {day}"),
        (true, true) => format!("- {item}"),
    }
}

/// Plain text in a Markdown list line: characters that would start markup are escaped.
fn escape_meta(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn show(mut setup: Setup, id: i64, width: u16, full: bool) -> Result<i32, CommandError> {
    let Some((headline, mut body)) = setup.db.article(id)? else {
        eprintln!(
            "tidings: {}",
            t!("cmd-show-no-article", id = id.to_string())
        );
        return Ok(1);
    };
    let feed = setup.feeds.iter().find(|f| f.id == headline.feed_id);
    let feed_title = feed.map(|f| sanitize::line(&f.title)).unwrap_or_default();
    let mut parts = headline.parts();
    let page = if full {
        let rules = feed
            .and_then(|f| setup.config.feeds.iter().find(|c| c.url == f.url))
            .map(crate::fulltext::Rules::of)
            .unwrap_or_default();
        match full_text(&mut setup, id, headline.link.as_deref(), &rules)? {
            Ok(page) => Some(page),
            // One line, then the feed's own text.
            Err(why) => {
                eprintln!(
                    "tidings: {}",
                    t!("cmd-show-no-full-text", why = why.as_str())
                );
                None
            }
        }
    } else {
        None
    };
    if let Some(page) = &page {
        body = page.body(&body);
        // The page's byline and date stand in for what the feed did not give.
        if parts.author.is_none_or(|a| a.trim().is_empty()) {
            parts.author = page.byline.as_deref();
        }
        if let Some(date) = page.published
            && !setup.db.feed_dated(id)?
        {
            parts.date = date;
        }
    }
    let rendered = render::article(
        &ArticleSource {
            headline: parts,
            feed_title: &feed_title,
            body: &body,
            zone: Zone::Local,
        },
        width.max(20),
    );
    print!("{}", render::to_plain(&rendered.lines));
    Ok(0)
}

/// The article's page: as stored, else fetched now (and stored, success or failure).
/// The inner error is the one line to show.
fn full_text(
    setup: &mut Setup,
    id: i64,
    link: Option<&str>,
    rules: &crate::fulltext::Rules,
) -> Result<Result<crate::fulltext::Extracted, String>, CommandError> {
    if let Some(stored) = setup.db.full_text(id)?
        && let Ok(page) = stored.result
    {
        return Ok(Ok(page));
    }
    let poller = setup.poller_config();
    let client = crate::feed::fetch::client(&poller.limits, &poller.user_agent);
    let fetched = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt
            .block_on(crate::fulltext::fetch_article(
                &client,
                link,
                &poller.limits,
                rules,
            ))
            .map_err(|e| e.to_string()),
        Err(e) => Err(t!("error-runtime", error = e.to_string())),
    };
    setup
        .db
        .save_full_text(id, now(), fetched.as_ref().map_err(String::as_str))?;
    Ok(fetched)
}

fn import(setup: Setup, file: &std::path::Path) -> Result<i32, CommandError> {
    const MAX: u64 = 16 * 1024 * 1024;
    let unreadable = |source| CommandError::File {
        path: file.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.len() > MAX {
        return Err(CommandError::TooLarge {
            path: file.to_path_buf(),
        });
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let text = String::from_utf8_lossy(&bytes);
    let imported = crate::opml::import(&text).map_err(|source| CommandError::Import {
        path: file.to_path_buf(),
        source,
    })?;
    let found = imported.feeds.len();
    if setup.config.sync.is_some() {
        // The server holds the subscriptions: each is subscribed there, then one sync.
        for s in &imported.skipped {
            println!("{}", t!("cmd-import-skipped", entry = sanitize::line(s)));
        }
        let urls: Vec<String> = imported.feeds.iter().map(|f| f.url.clone()).collect();
        return Ok(crate::sync_now::with_server(
            setup,
            crate::sync_now::Change::SubscribeAll(&urls),
        ));
    }
    let added = config::add_feeds(&setup.paths.config_file, &imported.feeds)?;
    for s in &imported.skipped {
        println!("{}", t!("cmd-import-skipped", entry = sanitize::line(s)));
    }
    println!(
        "{}",
        t!(
            "cmd-import-done",
            count = added,
            known = found - added,
            skipped = imported.skipped.len(),
            file = setup.paths.config_file.display().to_string()
        )
    );
    Ok(if found == 0 && !imported.skipped.is_empty() {
        1
    } else {
        0
    })
}

fn feeds(setup: Setup, json: bool) -> Result<i32, CommandError> {
    let store = load_store(&setup)?;
    let zone = Zone::Local;
    let title_w = store
        .feeds()
        .iter()
        .map(|f| f.title.chars().count())
        .max()
        .unwrap_or(10)
        .clamp(10, 32);
    let width = terminal_width();
    let mut out = std::io::stdout().lock();
    for f in store.feeds() {
        let c = store.counts(View::Feed(f.id));
        let retry = backoff::wait_left(&f.schedule, now());
        let line = if json {
            feed_json(f, c, retry).to_string()
        } else {
            let status = match &f.status {
                FeedStatus::Never => t!("cmd-feeds-never"),
                FeedStatus::Ok { at } => t!("cmd-feeds-ok", at = zone.full(*at)),
                FeedStatus::Error { at, message } => {
                    let error = sanitize::line(message);
                    match retry {
                        Some(left) => t!(
                            "cmd-feeds-error-retry",
                            at = zone.full(*at),
                            error = error,
                            wait = backoff::describe_wait(left)
                        ),
                        None => t!("cmd-feeds-error", at = zone.full(*at), error = error),
                    }
                }
            };
            // Counts as digits, not grouped: the columns line up at five wide.
            let line = t!(
                "cmd-feeds-line",
                title = fit(&sanitize::line(&f.title), title_w),
                unread = format!("{:>5}", c.unread),
                total = format!("{:>5}", c.total),
                status = status,
                url = sanitize::line(&f.fetch_url)
            );
            match width {
                Some(w) => fit(&line, w).trim_end().to_string(),
                None => line,
            }
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(0)
}

/// One feed as `feeds --json` prints it.
fn feed_json(
    f: &crate::model::Feed,
    c: crate::store::Counts,
    retry: Option<i64>,
) -> serde_json::Value {
    let time = |at: i64| {
        chrono::DateTime::<chrono::Utc>::from_timestamp(at, 0)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    let (status, at, error) = match &f.status {
        FeedStatus::Never => ("never", None, None),
        FeedStatus::Ok { at } => ("ok", time(*at), None),
        FeedStatus::Error { at, message } => ("error", time(*at), Some(sanitize::line(message))),
    };
    serde_json::json!({
        "id": f.id,
        "title": sanitize::line(&f.title),
        "url": sanitize::line(&f.url),
        "fetch_url": sanitize::line(&f.fetch_url),
        "tags": f.tags.iter().map(|t| sanitize::line(t)).collect::<Vec<_>>(),
        "unread": c.unread,
        "total": c.total,
        "bookmarked": c.bookmarked,
        "status": status,
        "checked": at,
        "error": error,
        "retry_in_secs": retry,
    })
}

/// The width of the terminal stdout is, or `None` when it is a pipe or a file: then
/// lines are printed whole, for scripts.
pub(crate) fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0)
}
