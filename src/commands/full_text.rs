//! `full_text = true` in `tidings refresh`: after the feeds are stored, the page of each
//! article of those feeds not read yet is fetched (the feeds' client and limits, at most
//! `concurrency` at once and `per_host` per server) and stored, so it can be read offline.

use crate::db::Db;
use crate::feed::fetch;
use crate::feed::hosts::HostLimits;
use crate::feed::poller::PollerConfig;
use crate::fulltext::{self, Rules};
use crate::model::{ArticleId, Feed, FeedConfig};
use futures_util::StreamExt;

use crate::fulltext::PAGES_PER_REFRESH as PER_FEED;

/// What a pass did, for the refresh's output.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Done {
    pub read: usize,
    pub failed: usize,
}

/// Reads the pages still wanted for the feeds configured with `full_text = true`.
pub fn run(
    rt: &tokio::runtime::Runtime,
    db: &mut Db,
    feeds: &[Feed],
    configs: &[FeedConfig],
    poller: &PollerConfig,
    now: i64,
) -> crate::db::Result<Done> {
    let mut todo: Vec<(ArticleId, String, Rules)> = Vec::new();
    for config in configs.iter().filter(|c| c.full_text) {
        let Some(feed) = feeds.iter().find(|f| f.url == config.url) else {
            continue;
        };
        let rules = Rules::of(config);
        for (id, link) in db.full_text_wanted(feed.id, PER_FEED)? {
            todo.push((id, link, rules.clone()));
        }
    }
    if todo.is_empty() {
        return Ok(Done::default());
    }
    let client = fetch::client(&poller.limits, &poller.user_agent);
    let hosts = HostLimits::new(poller.per_host);
    let limits = poller.limits.clone();
    let results = rt.block_on(
        futures_util::stream::iter(todo)
            .map(|(id, link, rules)| {
                let (client, hosts, limits) = (client.clone(), hosts.clone(), limits.clone());
                async move {
                    let _turn = hosts.acquire(&link).await;
                    let got = fulltext::fetch_article(&client, Some(&link), &limits, &rules).await;
                    (id, got.map_err(|e| e.to_string()))
                }
            })
            .buffer_unordered(poller.concurrency.max(1))
            .collect::<Vec<_>>(),
    );
    let mut done = Done::default();
    for (id, result) in results {
        db.save_full_text(id, now, result.as_ref().map_err(String::as_str))?;
        if result.is_ok() {
            done.read += 1;
        } else {
            done.failed += 1;
        }
    }
    Ok(done)
}
