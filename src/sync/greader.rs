//! The Google Reader API as FreshRSS (`…/api/greader.php`) and Miniflux serve it: log in
//! with `accounts/ClientLogin` (the `Auth` token goes in `Authorization: GoogleLogin
//! auth=…`), a second token `T` for writes (`reader/api/0/token`, renewed when refused),
//! ids of a stream since a time (`stream/items/ids`, `ot`, `xt`, continuation), the items
//! themselves in batches (`stream/items/contents`), and marks for many items in one
//! `edit-tag`.

use super::backend::{Answer, Backend, Counts};
use super::remote::{self, READ_TAG, READING_LIST, RemoteArticle, RemoteFeed, STARRED_TAG};
use super::{SyncError, View};
use crate::model::SyncMark as Mark;
use serde_json::Value;

/// An answer larger than this is not an API answer.
const MAX_ANSWER: usize = 64 * 1024 * 1024;
/// Ids asked for per `stream/items/ids` call.
const IDS_PAGE: usize = 1000;
/// Items per `stream/items/contents` or `edit-tag` call: FreshRSS and Miniflux take this
/// many `i=` at once.
pub const BATCH: usize = 250;

pub struct Client {
    http: reqwest::Client,
    base: String,
    user: String,
    auth: Option<String>,
    token: std::sync::Mutex<Option<String>>,
}

/// A request body of `key=value` pairs, form-encoded.
fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
}

impl Client {
    /// A client for the API at `base` (FreshRSS: `https://host/api/greader.php`;
    /// Miniflux: `https://host`).
    pub fn new(http: reqwest::Client, base: &str, user: &str) -> Self {
        Client {
            http,
            base: base.trim().trim_end_matches('/').to_string(),
            user: user.to_string(),
            auth: None,
            token: std::sync::Mutex::new(None),
        }
    }

    pub fn with_session(mut self, auth: String) -> Self {
        self.auth = Some(auth);
        self
    }

    pub fn session(&self) -> Option<&str> {
        self.auth.as_deref()
    }

    /// Logs in with ClientLogin; the `Auth` token is the session.
    pub async fn login(&mut self, password: &str) -> Result<(), SyncError> {
        let url = format!("{}/accounts/ClientLogin", self.base);
        // i18n: the ClientLogin form's field names
        let body = form(&[("Email", &self.user), ("Passwd", password)]);
        let (status, text) = self.send(&url, Some(body), false).await?;
        if status == 401 || status == 403 {
            return Err(SyncError::Credentials {
                user: self.user.clone(),
            });
        }
        if status != 200 {
            return Err(self.not_the_api(status, ""));
        }
        let text = String::from_utf8_lossy(&text);
        let auth = text
            .lines()
            .find_map(|l| l.strip_prefix("Auth="))
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| self.not_the_api(status, &crate::t!("sync-answer-no-auth")))?;
        self.auth = Some(auth.to_string());
        Ok(())
    }

    /// Whether the stored session still works.
    pub async fn check_session(&self) -> Result<bool, SyncError> {
        match self.get_json("reader/api/0/user-info", &[]).await {
            Ok(_) => Ok(true),
            Err(SyncError::SessionExpired) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub async fn feeds(&self) -> Result<Vec<RemoteFeed>, SyncError> {
        let list = self
            .get_json("reader/api/0/subscription/list", &[("output", "json")])
            .await?;
        Ok(list
            .get("subscriptions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(remote::greader_feed)
            .collect())
    }

    /// The ids in `stream` (newer than `since` unix seconds, and not carrying `exclude`),
    /// following the continuation to the end.
    pub async fn ids(
        &self,
        stream: &str,
        since: Option<i64>,
        exclude: Option<&str>,
    ) -> Result<Vec<i64>, SyncError> {
        let mut ids = Vec::new();
        let mut continuation: Option<String> = None;
        let n = IDS_PAGE.to_string();
        let since = since.map(|s| s.to_string());
        loop {
            let mut query: Vec<(&str, &str)> = vec![("s", stream), ("n", &n), ("output", "json")];
            if let Some(ot) = &since {
                query.push(("ot", ot));
            }
            if let Some(xt) = exclude {
                query.push(("xt", xt));
            }
            if let Some(c) = &continuation {
                query.push(("c", c));
            }
            let page = self
                .get_json("reader/api/0/stream/items/ids", &query)
                .await?;
            let before = ids.len();
            ids.extend(
                page.get("itemRefs")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|r| remote::greader_item_id(r.get("id")?.as_str()?)),
            );
            // FreshRSS sends a string, Miniflux a number as a string ("1000"), some a bare
            // number; a page without ids or the same continuation again ends it too.
            let next = page
                .get("continuation")
                .and_then(|c| {
                    c.as_str()
                        .map(str::to_string)
                        .or_else(|| c.as_i64().map(|n| n.to_string()))
                })
                .filter(|c| !c.is_empty() && c != "0");
            if next.is_none() || next == continuation || ids.len() == before {
                return Ok(ids);
            }
            continuation = next;
        }
    }

    /// The ids of unread or starred items.
    pub async fn state_ids(&self, view: View) -> Result<Vec<i64>, SyncError> {
        match view {
            View::Unread => self.ids(READING_LIST, None, Some(READ_TAG)).await,
            View::Starred => self.ids(STARRED_TAG, None, None).await,
        }
    }

    /// The items `ids`, fetched `BATCH` at a time and handed over a batch at a time.
    pub async fn contents(
        &self,
        ids: &[i64],
        mut batch: impl FnMut(Vec<RemoteArticle>),
    ) -> Result<(), SyncError> {
        for chunk in ids.chunks(BATCH) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let mut pairs: Vec<(&str, &str)> = list.iter().map(|i| ("i", i.as_str())).collect();
            pairs.push(("output", "json"));
            let answer = self
                .post_json("reader/api/0/stream/items/contents", &pairs)
                .await?;
            let items: Vec<RemoteArticle> = answer
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(remote::greader_article)
                .collect();
            if !items.is_empty() {
                batch(items);
            }
        }
        Ok(())
    }

    /// Sets read or starred on many items: one `edit-tag` per `BATCH` ids.
    pub async fn set(&self, ids: &[i64], mark: Mark, on: bool) -> Result<(), SyncError> {
        let tag = match mark {
            Mark::Read => READ_TAG,
            Mark::Starred => STARRED_TAG,
        };
        for chunk in ids.chunks(BATCH) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let mut pairs: Vec<(&str, &str)> = list.iter().map(|i| ("i", i.as_str())).collect();
            pairs.push((if on { "a" } else { "r" }, tag));
            self.write("reader/api/0/edit-tag", &pairs).await?;
        }
        Ok(())
    }

    /// Unread per feed (`unread-count`; a feed with none may be left out). Stars are not
    /// counted there: their list is read whole (ids alone, and few).
    pub async fn unread_counts(&self) -> Result<Counts, SyncError> {
        let answer = self
            .get_json("reader/api/0/unread-count", &[("output", "json")])
            .await?;
        let unread = answer
            .get("unreadcounts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let id = c.get("id")?.as_str()?;
                let count = c.get("count")?;
                let n = count
                    .as_u64()
                    .or_else(|| count.as_str()?.trim().parse().ok())?;
                id.starts_with("feed/")
                    .then(|| (crate::sanitize::line(id), n))
            })
            .collect();
        Ok(Counts {
            unread,
            starred: None,
        })
    }

    /// Marks everything in `stream` read up to `until_usec` (microseconds): what arrived
    /// after the user looked stays unread.
    pub async fn mark_all_read(&self, stream: &str, until_usec: i64) -> Result<(), SyncError> {
        let ts = until_usec.to_string();
        self.write(
            "reader/api/0/mark-all-as-read",
            &[("s", stream), ("ts", &ts)],
        )
        .await
    }

    /// Subscribes to the feed at `url`.
    pub async fn subscribe(&self, url: &str) -> Result<(), SyncError> {
        let stream = format!("feed/{url}");
        self.write(
            "reader/api/0/subscription/edit",
            &[("ac", "subscribe"), ("s", &stream)],
        )
        .await
    }

    /// Unsubscribes from the server's feed `feed_id` (`feed/…`).
    pub async fn unsubscribe(&self, feed_id: &str) -> Result<(), SyncError> {
        self.write(
            "reader/api/0/subscription/edit",
            &[("ac", "unsubscribe"), ("s", feed_id)],
        )
        .await
    }

    /// A write with the `T` token, fetched first and once more if the server refuses it.
    async fn write(&self, path: &str, pairs: &[(&str, &str)]) -> Result<(), SyncError> {
        for attempt in 0..2 {
            let token = self.token(attempt > 0).await?;
            let mut all = pairs.to_vec();
            all.push(("T", &token));
            let url = format!("{}/{path}", self.base);
            let (status, _) = self.send(&url, Some(form(&all)), true).await?;
            match status {
                200 => return Ok(()),
                // A write token expires on its own (FreshRSS answers 401, Google added
                // X-Reader-Google-Bad-Token): once more with a fresh one.
                400 | 401 | 403 if attempt == 0 => continue,
                401 | 403 => return Err(SyncError::SessionExpired),
                s => return Err(self.not_the_api(s, "")),
            }
        }
        Err(SyncError::Server {
            op: path.to_string(),
            error: crate::t!("sync-answer-token-refused"),
        })
    }

    async fn token(&self, fresh: bool) -> Result<String, SyncError> {
        if !fresh && let Some(t) = self.token.lock().ok().and_then(|t| t.clone()) {
            return Ok(t);
        }
        let url = format!("{}/reader/api/0/token", self.base);
        let (status, body) = self.send(&url, None, true).await?;
        match status {
            200 => {}
            401 | 403 => return Err(SyncError::SessionExpired),
            s => return Err(self.not_the_api(s, "")),
        }
        let token = String::from_utf8_lossy(&body).trim().to_string();
        if let Ok(mut t) = self.token.lock() {
            *t = Some(token.clone());
        }
        Ok(token)
    }

    async fn get_json(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, SyncError> {
        let mut url = url::Url::parse(&format!("{}/{path}", self.base))
            .map_err(|e| self.not_the_api(0, &e.to_string()))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        self.json(url.as_str(), None).await
    }

    async fn post_json(&self, path: &str, pairs: &[(&str, &str)]) -> Result<Value, SyncError> {
        let url = format!("{}/{path}", self.base);
        self.json(&url, Some(form(pairs))).await
    }

    async fn json(&self, url: &str, body: Option<String>) -> Result<Value, SyncError> {
        let (status, bytes) = self.send(url, body, true).await?;
        match status {
            200 => serde_json::from_slice(&bytes)
                .map_err(|_| self.not_the_api(status, &crate::t!("sync-answer-not-json"))),
            401 | 403 => Err(SyncError::SessionExpired),
            s => Err(self.not_the_api(s, "")),
        }
    }

    /// GET (no body) or POST (a form), with the session when `authed`.
    async fn send(
        &self,
        url: &str,
        body: Option<String>,
        authed: bool,
    ) -> Result<(u16, Vec<u8>), SyncError> {
        let mut request = match body {
            Some(body) => self
                .http
                .post(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body),
            None => self.http.get(url),
        };
        if authed && let Some(auth) = &self.auth {
            // i18n: an HTTP header
            request = request.header("Authorization", format!("GoogleLogin auth={auth}"));
        }
        let response = request
            .send()
            .await
            .map_err(|e| super::transport(&self.base, &e))?;
        let status = response.status().as_u16();
        let body = super::read_capped(response, MAX_ANSWER)
            .await
            .map_err(|e| super::transport(&self.base, &e))?
            .ok_or_else(|| self.not_the_api(status, &crate::t!("sync-answer-too-large")))?;
        Ok((status, body))
    }

    fn not_the_api(&self, status: u16, detail: &str) -> SyncError {
        // i18n: the API's name
        SyncError::not_the_api(self.base.clone(), "Google Reader API", status, detail)
    }
}

impl Backend for Client {
    fn log_in<'a>(&'a mut self, password: &'a str) -> Answer<'a, Option<i64>> {
        Box::pin(async move {
            self.login(password).await?;
            // The login alone does not show that the reading API answers.
            if !Client::check_session(self).await? {
                return Err(SyncError::SessionExpired);
            }
            Ok(None)
        })
    }

    fn session(&self) -> Option<&str> {
        self.auth.as_deref()
    }

    fn resume(&mut self, session: String) {
        self.auth = Some(session);
    }

    fn check_session(&self) -> Answer<'_, bool> {
        Box::pin(Client::check_session(self))
    }

    fn feeds(&self) -> Answer<'_, Vec<RemoteFeed>> {
        Box::pin(Client::feeds(self))
    }

    fn resume_key(&self) -> &'static str {
        "greader.since"
    }

    fn pull<'a>(
        &'a self,
        since: Option<i64>,
        now: i64,
        page: &'a mut dyn FnMut(Vec<RemoteArticle>, Option<usize>),
    ) -> Answer<'a, i64> {
        Box::pin(async move {
            // A margin for clocks that disagree: what comes twice is stored once.
            let ids = Client::ids(self, READING_LIST, since.map(|t| t - 3600), None).await?;
            let total = ids.len();
            self.contents(&ids, |p| page(p, Some(total))).await?;
            Ok(now)
        })
    }

    fn ids(&self, view: View) -> Answer<'_, Vec<i64>> {
        Box::pin(self.state_ids(view))
    }

    fn counts(&self) -> Option<Answer<'_, Counts>> {
        Some(Box::pin(self.unread_counts()))
    }

    fn feed_ids<'a>(&'a self, feed: &'a str, view: View) -> Answer<'a, Vec<i64>> {
        Box::pin(async move {
            match view {
                View::Unread => Client::ids(self, feed, None, Some(READ_TAG)).await,
                // No stream is one feed's stars: all of them, few and ids alone.
                View::Starred => self.state_ids(View::Starred).await,
            }
        })
    }

    fn set<'a>(&'a self, ids: &'a [i64], mark: Mark, on: bool) -> Answer<'a, ()> {
        Box::pin(Client::set(self, ids, mark, on))
    }

    fn catch_up<'a>(&'a self, feed: &'a str, until: i64) -> Option<Answer<'a, ()>> {
        Some(Box::pin(self.mark_all_read(feed, until)))
    }

    fn subscribe<'a>(&'a self, url: &'a str) -> Answer<'a, ()> {
        Box::pin(Client::subscribe(self, url))
    }

    fn unsubscribe<'a>(&'a self, feed: &'a str) -> Answer<'a, ()> {
        Box::pin(Client::unsubscribe(self, feed))
    }
}
