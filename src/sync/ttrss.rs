//! Tiny Tiny RSS's JSON API: every call is a POST of a JSON object (`op`, `sid`, the
//! parameters) to `<installation>/api/`, answered with HTTP 200 and
//! `{"seq":N,"status":0|1,"content":…}`. Quirks seen on the wire (../shared/sync/README.md):
//! the session is bound to the User-Agent of the login, ids go as a comma string (an array
//! makes PHP fail with an empty 500), form bodies are ignored.

use super::backend::{Answer, Backend, Counts};
use super::remote::{self, RemoteArticle, RemoteFeed};
use super::{SyncError, View};
use crate::model::SyncMark as Mark;
use serde_json::{Map, Value, json};

/// The oldest API level whose calls and parameters tidings uses (`since_id`, `skip`,
/// `include_attachments`, string ids).
pub const MIN_API_LEVEL: i64 = 15;
/// An answer larger than this is not an API answer (200 articles with content are a few MB).
const MAX_ANSWER: usize = 64 * 1024 * 1024;
/// Headlines per call: the server's maximum.
pub const PAGE: usize = 200;

pub struct Client {
    http: reqwest::Client,
    api: String,
    user: String,
    sid: Option<String>,
}

/// The API address of an installation: `https://x/tt-rss` → `https://x/tt-rss/api/`; an
/// address that already ends in `/api` or `/api/` is kept.
pub fn api_url(base: &str) -> String {
    let base = base.trim();
    let trimmed = base.trim_end_matches('/');
    if trimmed.ends_with("/api") {
        format!("{trimmed}/")
    } else {
        format!("{trimmed}/api/")
    }
}

impl Client {
    /// A client for the installation at `base` as `user`. `http` must send the same
    /// User-Agent on every call (the session is bound to it).
    pub fn new(http: reqwest::Client, base: &str, user: &str) -> Self {
        Client {
            http,
            api: api_url(base),
            user: user.to_string(),
            sid: None,
        }
    }

    pub fn with_session(mut self, sid: String) -> Self {
        self.sid = Some(sid);
        self
    }

    pub fn session(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// Logs in; the server's API level.
    pub async fn login(&mut self, password: &str) -> Result<i64, SyncError> {
        self.sid = None;
        let content = self
            .call("login", json!({ "user": self.user, "password": password }))
            .await?;
        let sid = content
            .get("session_id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| self.not_the_api(200, &crate::t!("sync-answer-no-session")))?;
        self.sid = Some(sid.to_string());
        let level = match content.get("api_level").and_then(Value::as_i64) {
            Some(level) => level,
            None => self.api_level().await?,
        };
        if level < MIN_API_LEVEL {
            return Err(SyncError::OldServer {
                level,
                need: MIN_API_LEVEL,
            });
        }
        Ok(level)
    }

    pub async fn api_level(&self) -> Result<i64, SyncError> {
        let content = self.call("getApiLevel", json!({})).await?;
        content
            .get("level")
            .and_then(Value::as_i64)
            .ok_or_else(|| self.not_the_api(200, &crate::t!("sync-answer-no-level")))
    }

    /// Whether the stored session is still good (a cheap call that needs one).
    pub async fn check_session(&self) -> Result<bool, SyncError> {
        match self.api_level().await {
            Ok(_) => Ok(true),
            Err(SyncError::SessionExpired) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The subscriptions, with their categories' names.
    pub async fn feeds(&self) -> Result<Vec<RemoteFeed>, SyncError> {
        let cats = self
            .call("getCategories", json!({ "include_empty": true }))
            .await?;
        let names: std::collections::HashMap<i64, String> = cats
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let id = c.get("id")?.as_i64()?;
                let title = crate::sanitize::line(c.get("title")?.as_str()?);
                (id > 0 && !title.is_empty()).then_some((id, title))
            })
            .collect();
        // cat_id -3: every real feed (the default, 0, is only the uncategorized ones).
        let feeds = self.call("getFeeds", json!({ "cat_id": -3 })).await?;
        Ok(feeds
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| remote::ttrss_feed(f, |id| names.get(&id).cloned()))
            .collect())
    }

    /// Every article with an id above `since_id`, oldest first, handed over a page (at most
    /// `PAGE`) at a time so a first sync of a large account is never all in memory. The
    /// highest id seen (`since_id` when there was none).
    pub async fn articles_since(
        &self,
        since_id: i64,
        mut page: impl FnMut(Vec<RemoteArticle>),
    ) -> Result<i64, SyncError> {
        let mut highest = since_id;
        let mut skip = 0usize;
        loop {
            let content = self
                .call(
                    "getHeadlines",
                    json!({
                        "feed_id": -4,
                        "since_id": since_id,
                        "limit": PAGE,
                        "skip": skip,
                        "show_content": true,
                        "include_attachments": true,
                        "view_mode": "all_articles",
                        "order_by": "date_reverse",
                    }),
                )
                .await?;
            let rows = content.as_array().map_or(0, Vec::len);
            let articles: Vec<RemoteArticle> = content
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(remote::ttrss_article)
                .collect();
            highest = articles.iter().map(|a| a.id).fold(highest, i64::max);
            if !articles.is_empty() {
                page(articles);
            }
            if rows < PAGE {
                return Ok(highest);
            }
            skip += rows;
        }
    }

    /// The ids of every article in `view`: `Unread` or `Starred`.
    pub async fn ids(&self, view: View) -> Result<Vec<i64>, SyncError> {
        self.ids_in(-4, view).await
    }

    /// Per feed (its id as a string), how many articles are unread and how many starred:
    /// one `getCounters` call.
    pub async fn counts(&self) -> Result<Counts, SyncError> {
        let content = self
            .call("getCounters", json!({ "output_mode": "f" }))
            .await?;
        let mut counts = Counts::default();
        let starred = counts.starred.insert(Default::default());
        // Feeds: a positive id and no kind (categories say "cat"; labels and the virtual
        // feeds have ids of zero and below).
        for c in content.as_array().into_iter().flatten() {
            let Some(id) = c
                .get("id")
                .and_then(Value::as_i64)
                .filter(|&id| id > 0 && c.get("kind").is_none())
            else {
                continue;
            };
            let count = |k: &str| c.get(k).and_then(Value::as_u64).unwrap_or(0);
            counts.unread.insert(id.to_string(), count("counter"));
            starred.insert(id.to_string(), count("markedcounter"));
        }
        Ok(counts)
    }

    /// The ids of every article of feed `feed_id` (-4: all feeds) in `view`.
    pub async fn ids_in(&self, feed_id: i64, view: View) -> Result<Vec<i64>, SyncError> {
        let mut ids = Vec::new();
        loop {
            let content = self
                .call(
                    "getHeadlines",
                    json!({
                        "feed_id": feed_id,
                        "limit": PAGE,
                        "skip": ids.len(),
                        "show_content": false,
                        "view_mode": match view { View::Unread => "unread", View::Starred => "marked" },
                    }),
                )
                .await?;
            let page = content.as_array().map_or(0, Vec::len);
            ids.extend(
                content
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.get("id")?.as_i64()),
            );
            if page < PAGE {
                return Ok(ids);
            }
        }
    }

    /// Sets read or starred on many articles in one call per 500 ids (ids go as a comma
    /// string: an array makes the server fail). How many rows the server changed.
    pub async fn set(&self, ids: &[i64], mark: Mark, on: bool) -> Result<u64, SyncError> {
        let mut changed = 0;
        for chunk in ids.chunks(500) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let (field, mode) = match mark {
                // field 2 is "unread": read means unread off.
                Mark::Read => (2, u8::from(!on)),
                Mark::Starred => (0, u8::from(on)),
            };
            let content = self
                .call(
                    "updateArticle",
                    json!({ "article_ids": list, "field": field, "mode": mode }),
                )
                .await?;
            changed += content.get("updated").and_then(Value::as_u64).unwrap_or(0);
        }
        Ok(changed)
    }

    /// Subscribes to `url` and has the server fetch it now.
    pub async fn subscribe(&self, url: &str) -> Result<(), SyncError> {
        let content = self
            .call("subscribeToFeed", json!({ "feed_url": url }))
            .await?;
        let status = content.get("status").unwrap_or(&Value::Null);
        let code = status.get("code").and_then(Value::as_i64).unwrap_or(-1);
        let why = match code {
            0 | 1 => None,
            2 => Some(crate::t!("sync-subscribe-invalid")),
            3 => Some(crate::t!("sync-subscribe-no-feed")),
            4 => Some(crate::t!("sync-subscribe-several")),
            5 => Some(crate::t!(
                "sync-subscribe-fetch-failed",
                error = crate::sanitize::line_capped(
                    status.get("message").and_then(Value::as_str).unwrap_or(""),
                    200
                )
            )),
            other => Some(crate::t!("sync-subscribe-code", code = other.to_string())),
        };
        if let Some(error) = why {
            return Err(SyncError::Server {
                op: "subscribeToFeed".into(),
                error,
            });
        }
        if let Some(id) = status.get("feed_id").and_then(Value::as_i64) {
            // The subscription alone fetches nothing.
            self.call("updateFeed", json!({ "feed_id": id })).await?;
        }
        Ok(())
    }

    /// Unsubscribes from the server's feed `feed_id`.
    pub async fn unsubscribe(&self, feed_id: &str) -> Result<(), SyncError> {
        let id: i64 = feed_id.parse().map_err(|_| SyncError::Server {
            op: "unsubscribeFeed".into(),
            error: crate::t!("sync-not-a-feed-id", id = feed_id),
        })?;
        self.call("unsubscribeFeed", json!({ "feed_id": id }))
            .await
            .map(|_| ())
    }

    /// One API call: `op` with `params` (an object), the answer's `content`.
    pub async fn call(&self, op: &str, params: Value) -> Result<Value, SyncError> {
        let mut body = match params {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        body.insert("op".into(), Value::String(op.into()));
        if let Some(sid) = &self.sid {
            body.insert("sid".into(), Value::String(sid.clone()));
        }
        let bytes = serde_json::to_vec(&Value::Object(body)).unwrap_or_default();
        let response = self
            .http
            .post(&self.api)
            .header("Content-Type", "application/json")
            .body(bytes)
            .send()
            .await
            .map_err(|e| super::transport(&self.api, &e))?;
        let status = response.status().as_u16();
        let answer = super::read_capped(response, MAX_ANSWER)
            .await
            .map_err(|e| super::transport(&self.api, &e))?;
        if status != 200 {
            return Err(self.not_the_api(status, ""));
        }
        let Some(answer) = answer else {
            return Err(self.not_the_api(status, &crate::t!("sync-answer-too-large")));
        };
        let envelope: Value = serde_json::from_slice(&answer)
            .map_err(|_| self.not_the_api(status, &crate::t!("sync-answer-not-json")))?;
        let (Some(code), Some(content)) = (
            envelope.get("status").and_then(Value::as_i64),
            envelope.get("content"),
        ) else {
            return Err(self.not_the_api(status, &crate::t!("sync-answer-no-status")));
        };
        if code == 0 {
            return Ok(content.clone());
        }
        let unknown = crate::t!("sync-answer-unknown-error");
        let error = content
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or(&unknown);
        Err(match error {
            "LOGIN_ERROR" => SyncError::Credentials {
                user: self.user.clone(),
            },
            "API_DISABLED" => SyncError::ApiDisabled {
                user: self.user.clone(),
            },
            "NOT_LOGGED_IN" => SyncError::SessionExpired,
            other => SyncError::Server {
                op: op.to_string(),
                error: crate::sanitize::line_capped(other, 200),
            },
        })
    }

    fn not_the_api(&self, status: u16, detail: &str) -> SyncError {
        SyncError::not_the_api(self.api.clone(), "TT-RSS API", status, detail)
    }
}

impl Backend for Client {
    fn log_in<'a>(&'a mut self, password: &'a str) -> Answer<'a, Option<i64>> {
        Box::pin(async move { self.login(password).await.map(Some) })
    }

    fn session(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    fn resume(&mut self, session: String) {
        self.sid = Some(session);
    }

    fn check_session(&self) -> Answer<'_, bool> {
        Box::pin(Client::check_session(self))
    }

    fn feeds(&self) -> Answer<'_, Vec<RemoteFeed>> {
        Box::pin(Client::feeds(self))
    }

    fn resume_key(&self) -> &'static str {
        "ttrss.since_id"
    }

    fn pull<'a>(
        &'a self,
        since: Option<i64>,
        _now: i64,
        page: &'a mut dyn FnMut(Vec<RemoteArticle>, Option<usize>),
    ) -> Answer<'a, i64> {
        // The API tells no count ahead: the bar shows what came so far.
        Box::pin(self.articles_since(since.unwrap_or(0), |p| page(p, None)))
    }

    fn ids(&self, view: View) -> Answer<'_, Vec<i64>> {
        Box::pin(Client::ids(self, view))
    }

    fn counts(&self) -> Option<Answer<'_, Counts>> {
        Some(Box::pin(Client::counts(self)))
    }

    fn feed_ids<'a>(&'a self, feed: &'a str, view: View) -> Answer<'a, Vec<i64>> {
        Box::pin(async move {
            let id: i64 = feed.parse().map_err(|_| SyncError::Server {
                op: "getHeadlines".into(),
                error: crate::t!("sync-not-a-feed-id", id = feed),
            })?;
            self.ids_in(id, view).await
        })
    }

    fn set<'a>(&'a self, ids: &'a [i64], mark: Mark, on: bool) -> Answer<'a, ()> {
        Box::pin(async move { Client::set(self, ids, mark, on).await.map(|_| ()) })
    }

    /// `catchupFeed` has no time: it would mark read what arrived after the user looked.
    fn catch_up<'a>(&'a self, _feed: &'a str, _until: i64) -> Option<Answer<'a, ()>> {
        None
    }

    fn subscribe<'a>(&'a self, url: &'a str) -> Answer<'a, ()> {
        Box::pin(Client::subscribe(self, url))
    }

    fn unsubscribe<'a>(&'a self, feed: &'a str) -> Answer<'a, ()> {
        Box::pin(Client::unsubscribe(self, feed))
    }
}

#[cfg(test)]
mod tests {
    use super::api_url;

    #[test]
    fn the_api_address_is_under_the_installation() {
        assert_eq!(
            api_url("https://rss.example/tt-rss"),
            "https://rss.example/tt-rss/api/"
        );
        assert_eq!(
            api_url("https://rss.example/tt-rss/"),
            "https://rss.example/tt-rss/api/"
        );
        assert_eq!(api_url("https://rss.example/"), "https://rss.example/api/");
        assert_eq!(
            api_url("https://rss.example/tt-rss/api"),
            "https://rss.example/tt-rss/api/"
        );
        assert_eq!(
            api_url(" http://127.0.0.1:8080/tt-rss/api/ "),
            "http://127.0.0.1:8080/tt-rss/api/"
        );
    }
}
