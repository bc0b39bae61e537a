//! Loading the article pane's pictures off the UI loop: the disk cache, else a fetch (with
//! a turn from the host's per-host limit, a few pictures at once), then decoded and made
//! ready for the box of cells asked for (`pictures::shown`), on the blocking pool. Each
//! answer is a `Msg::Picture`.

use crate::app::Msg;
use crate::app::pictures::PictureAnswer;
use crate::feed::fetch::FetchLimits;
use crate::feed::hosts::HostLimits;
use crate::pictures::cache::DiskCache;
use crate::pictures::decode::DecodeLimits;
use crate::pictures::{PictureError, fetch, shown};
use ratatui_image::picker::Picker;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedSender;

/// Pictures loading at once: an article with 40 images asks for the few near the screen,
/// but a jump to its end must not open 40 connections.
const AT_ONCE: usize = 4;

#[derive(Clone)]
pub struct PictureLoader {
    tx: UnboundedSender<Msg>,
    /// The disk cache, opened by the first picture (reading its directory is no work for
    /// start-up); None inside when there is none or it could not be opened: pictures are
    /// then fetched each time.
    cache: Arc<Cache>,
    client: reqwest::Client,
    limits: FetchLimits,
    hosts: Arc<HostLimits>,
    picker: Option<Arc<Picker>>,
    places: Arc<Semaphore>,
    decode: DecodeLimits,
}

impl PictureLoader {
    /// `client` is the feed client (its timeouts, redirects and user agent); `picker` the
    /// protocol chosen at start-up, None for half blocks only.
    /// `cache` is the cache's directory and cap in bytes.
    pub fn new(
        tx: UnboundedSender<Msg>,
        cache: Option<(PathBuf, u64)>,
        client: reqwest::Client,
        hosts: Arc<HostLimits>,
        picker: Option<Picker>,
    ) -> Self {
        PictureLoader {
            tx,
            cache: Arc::new(Cache {
                at: cache,
                open: OnceLock::new(),
            }),
            client,
            limits: fetch::limits(),
            hosts,
            picker: picker.map(Arc::new),
            places: Arc::new(Semaphore::new(AT_ONCE)),
            decode: DecodeLimits::default(),
        }
    }

    /// Loads `url` for a box of `cols` x `rows` cells and answers with `Msg::Picture`.
    /// Must be called inside the tokio runtime.
    pub fn load(&self, url: String, cols: u16, rows: u16) {
        let this = self.clone();
        tokio::spawn(async move {
            let result = this
                .bytes(&url)
                .await
                .map(|bytes| (bytes, this.picker.clone(), this.decode.clone()));
            let result = match result {
                Ok((bytes, picker, limits)) => tokio::task::spawn_blocking(move || {
                    shown::prepare(&bytes, cols, rows, picker.as_deref(), &limits)
                })
                .await
                .unwrap_or_else(|e| Err(PictureError::Decode(e.to_string()))),
                Err(e) => Err(e),
            };
            let _ = this.tx.send(Msg::Picture(Box::new(PictureAnswer {
                url,
                cols,
                rows,
                result: result.map(Arc::new).map_err(|e| e.to_string()),
            })));
        });
    }

    /// The picture's bytes from the cache, else fetched (and then cached).
    async fn bytes(&self, url: &str) -> Result<Vec<u8>, PictureError> {
        let _place = self.places.acquire().await.ok();
        let (cache, key) = (Arc::clone(&self.cache), url.to_string());
        let hit = tokio::task::spawn_blocking(move || cache.get(&key))
            .await
            .ok()
            .flatten();
        if let Some(bytes) = hit {
            return Ok(bytes);
        }
        let turn = self.hosts.acquire(url).await;
        let fetched = fetch::fetch_picture(&self.client, url, &self.limits).await?;
        drop(turn);
        let (cache, key, bytes) = (
            Arc::clone(&self.cache),
            url.to_string(),
            fetched.bytes.clone(),
        );
        let _ = tokio::task::spawn_blocking(move || cache.put(&key, &bytes)).await;
        Ok(fetched.bytes)
    }
}

/// The disk cache, opened on first use (on the blocking pool).
struct Cache {
    at: Option<(PathBuf, u64)>,
    open: OnceLock<Option<Mutex<DiskCache>>>,
}

impl Cache {
    fn cache(&self) -> Option<&Mutex<DiskCache>> {
        self.open
            .get_or_init(|| {
                let (dir, cap) = self.at.as_ref()?;
                DiskCache::open(dir, *cap)
                    .map_err(|e| tracing::warn!("picture cache {} not opened: {e}", dir.display()))
                    .ok()
                    .map(Mutex::new)
            })
            .as_ref()
    }

    fn get(&self, url: &str) -> Option<Vec<u8>> {
        let mut cache = self.cache()?.lock().ok()?;
        cache.get(url).ok().flatten()
    }

    fn put(&self, url: &str, bytes: &[u8]) {
        if let Some(Ok(mut cache)) = self.cache().map(Mutex::lock)
            && let Err(e) = cache.put(url, bytes)
        {
            tracing::info!("picture not cached: {e}");
        }
    }
}
