//! Fetching an article's page: the feeds' own fetch (`feed::fetch`: timeouts, redirects
//! that stay on http(s), a size cap), for http(s) addresses only, then [`super::extract`].

use super::{ExtractError, Extracted, MAX_PAGE_BYTES, Rules};
use crate::feed::fetch::{self, FetchError, FetchLimits, Fetched};
use crate::model::Validators;
use crate::t;

/// Why an article's page gave no article. `Display` is one line for the pane or the CLI.
#[derive(Debug, thiserror::Error)]
pub enum FullTextError {
    #[error("{}", t!("fulltext-no-link"))]
    NoLink,
    #[error("{}", t!("fulltext-not-http"))]
    NotHttp,
    #[error("{}", t!("fulltext-fetch", why = .0.to_string()))]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Extract(#[from] ExtractError),
}

/// Fetches `link` and extracts its article, with the feeds' `limits` (the body cap no
/// larger than [`MAX_PAGE_BYTES`]).
pub async fn fetch_article(
    client: &reqwest::Client,
    link: Option<&str>,
    limits: &FetchLimits,
    rules: &Rules,
) -> Result<Extracted, FullTextError> {
    let link = link
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .ok_or(FullTextError::NoLink)?;
    let url = url::Url::parse(link).map_err(|e| FullTextError::Fetch(FetchError::InvalidUrl(e)))?;
    // `feed::fetch` also reads file:// and the demo feed; a page link from a feed must not.
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FullTextError::NotHttp);
    }
    let limits = FetchLimits {
        max_body: limits.max_body.min(MAX_PAGE_BYTES),
        ..limits.clone()
    };
    match fetch::fetch(client, url.as_str(), &Validators::default(), &limits).await? {
        Fetched::Document {
            bytes,
            content_type,
            final_url,
            ..
        } => {
            // Extraction is CPU work on a page of up to megabytes: off the async threads.
            let rules = rules.clone();
            tokio::task::spawn_blocking(move || {
                super::extract(&bytes, &final_url, content_type.as_deref(), &rules)
            })
            .await
            .map_err(|_| FullTextError::Fetch(FetchError::TaskFailed))?
            .map_err(FullTextError::from)
        }
        // No validators were sent, so a 304 is a server's mistake.
        Fetched::NotModified => Err(FullTextError::Fetch(FetchError::Status(304))),
    }
}
