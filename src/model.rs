//! Plain data shared by every layer: feeds, articles, enclosures, ids.
//!
//! Every `String` in these types that came from a feed has already passed
//! [`crate::sanitize`]; nothing downstream sanitizes again except text that is
//! *derived* from HTML (entity decoding can re-create control characters).

use serde::{Deserialize, Serialize};

/// Row id of a feed in the database.
pub type FeedId = i64;
/// Row id of an article in the database. Small integers, shown to users by `tidings list`.
pub type ArticleId = i64;

/// Row ids are small distinct integers: a multiply spreads them well enough, and costs a
/// fraction of SipHash on the paths that look up every article (search, filter, counts).
#[derive(Clone, Copy, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by article or feed ids.
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

/// A media file attached to an article (podcast episode, video, image).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    /// Size in bytes, as the feed claims it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// Play time in seconds (itunes:duration, media:content duration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_secs: Option<u64>,
}

/// One feed document after parsing and sanitizing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// The site's home page, from the feed's alternate link.
    pub site_link: Option<String>,
    pub items: Vec<ParsedItem>,
    /// The poller's place for this document among those in memory (`feed::poller`).
    pub hold: Hold,
}

/// Keeps one place in a bound on documents in memory until the document is dropped, which
/// is once the database writer stored it. A permit that lives as long as the document cannot
/// be forgotten by any of the paths a document takes (stored, failed, feed gone meanwhile).
/// Not part of the document's value: clones share the place and comparisons ignore it.
#[derive(Clone, Default)]
pub struct Hold(Option<std::sync::Arc<dyn std::any::Any + Send + Sync>>);

impl Hold {
    pub fn new(place: impl std::any::Any + Send + Sync) -> Hold {
        Hold(Some(std::sync::Arc::new(place)))
    }
}

impl PartialEq for Hold {
    fn eq(&self, _: &Hold) -> bool {
        true
    }
}

impl std::fmt::Debug for Hold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Hold(held)"
        } else {
            "Hold(none)"
        })
    }
}

/// One entry of a feed after parsing and sanitizing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedItem {
    pub guid: Option<String>,
    pub link: Option<String>,
    /// Plain text (HTML titles are rendered to text at parse time).
    pub title: String,
    pub author: Option<String>,
    /// Unix seconds, UTC.
    pub published: Option<i64>,
    /// Unix seconds, UTC.
    pub updated: Option<i64>,
    /// HTML (sanitized of control characters, still markup).
    pub summary: Option<String>,
    /// HTML (sanitized of control characters, still markup).
    pub content: Option<String>,
    pub enclosures: Vec<Enclosure>,
    pub categories: Vec<String>,
    /// The item's own picture (media:thumbnail, itunes:image, a media:content image):
    /// an http(s) URL, shown above the text.
    pub picture: Option<String>,
    /// The summary and content compressed already, by [`ParsedItem::pack_bodies`].
    pub packed: Option<PackedBodies>,
    /// The feed gave no title: `title` was made by `derived_title`.
    pub title_derived: bool,
}

/// An item's summary and content as the database stores them (`db::bodies`): a zstd
/// frame, or None where the text is stored as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PackedBodies {
    pub summary: Option<Vec<u8>>,
    pub content: Option<Vec<u8>>,
}

impl ParsedItem {
    /// Compresses the bodies now, on the calling thread. The poller's parse workers do
    /// this for a feed with nothing stored, whose every item the writer will store: in a
    /// first refresh, compression was four tenths of the single writer's time, which set
    /// the pace. For a known feed most items are unchanged and never written, so packing
    /// is left to the writer. The texts stay: the writer fingerprints them.
    pub fn pack_bodies(&mut self) {
        let pack = |t: &Option<String>| {
            t.as_deref()
                .and_then(|t| crate::compress::pack(t.as_bytes()))
        };
        self.packed = Some(PackedBodies {
            summary: pack(&self.summary),
            content: pack(&self.content),
        });
    }

    /// The identity of an item within its feed: guid, else link, else title and date.
    ///
    /// Prefixed so that a guid can never collide with a link of another item.
    pub fn dedupe_key(&self) -> String {
        if let Some(g) = self.guid.as_deref().filter(|g| !g.trim().is_empty()) {
            return format!("g:{}", g.trim());
        }
        if let Some(l) = self.link.as_deref().filter(|l| !l.trim().is_empty()) {
            return format!("l:{}", l.trim());
        }
        // A made title may be made differently by a later version: not an identity.
        let title = if self.title_derived { "" } else { &self.title };
        format!(
            "t:{}|{}",
            title.trim(),
            self.published.or(self.updated).unwrap_or(0)
        )
    }
}

/// Per-article flags, stored as bits so the in-memory headline stays small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    pub const READ: u8 = 1;
    pub const BOOKMARKED: u8 = 2;
    pub const ENCLOSURE: u8 = 4;
    /// The title was made by tidings (`derived_title`), not given by the feed.
    pub const DERIVED_TITLE: u8 = 8;

    pub fn new(read: bool, bookmarked: bool, enclosure: bool) -> Self {
        let mut f = Flags(0);
        f.set(Self::READ, read);
        f.set(Self::BOOKMARKED, bookmarked);
        f.set(Self::ENCLOSURE, enclosure);
        f
    }
    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
    pub fn set(&mut self, bit: u8, on: bool) {
        if on { self.0 |= bit } else { self.0 &= !bit }
    }
    pub fn read(self) -> bool {
        self.has(Self::READ)
    }
    pub fn bookmarked(self) -> bool {
        self.has(Self::BOOKMARKED)
    }
    pub fn enclosure(self) -> bool {
        self.has(Self::ENCLOSURE)
    }
    pub fn derived_title(self) -> bool {
        self.has(Self::DERIVED_TITLE)
    }
    /// These flags with `bit` set or cleared.
    pub fn with(mut self, bit: u8, on: bool) -> Self {
        self.set(bit, on);
        self
    }
}

/// What the in-memory store keeps of an article: enough to list it.
/// Bodies stay in the database and are loaded when an article is opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headline {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub title: String,
    pub link: Option<String>,
    pub author: Option<String>,
    /// Unix seconds UTC: the published date, else updated, else when we first saw it.
    pub date: i64,
    pub flags: Flags,
}

impl Headline {
    /// The headline borrowed, as the store takes it.
    pub fn parts(&self) -> HeadlineParts<'_> {
        HeadlineParts {
            id: self.id,
            feed_id: self.feed_id,
            title: &self.title,
            link: self.link.as_deref(),
            author: self.author.as_deref(),
            date: self.date,
            flags: self.flags,
        }
    }
}

/// A headline's fields borrowed from wherever they are (a database row, an owned
/// [`Headline`]), so the store can copy them into its arenas without a `String` each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadlineParts<'a> {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub title: &'a str,
    pub link: Option<&'a str>,
    pub author: Option<&'a str>,
    pub date: i64,
    pub flags: Flags,
}

impl HeadlineParts<'_> {
    pub fn to_headline(self) -> Headline {
        Headline {
            id: self.id,
            feed_id: self.feed_id,
            title: self.title.to_string(),
            link: self.link.map(str::to_string),
            author: self.author.map(str::to_string),
            date: self.date,
            flags: self.flags,
        }
    }
}

/// The part of an article that is only loaded on demand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleBody {
    /// HTML lead/summary.
    pub summary: Option<String>,
    /// HTML full body, when the feed carries one. Later replaced by full-text extraction.
    pub content: Option<String>,
    pub enclosures: Vec<Enclosure>,
    pub categories: Vec<String>,
    /// The item's own picture ([`ParsedItem::picture`]).
    pub picture: Option<String>,
}

/// HTTP cache validators for conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The result of the last poll of a feed, as shown to the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FeedStatus {
    #[default]
    Never,
    Ok {
        at: i64,
    },
    Error {
        at: i64,
        message: String,
    },
}

impl FeedStatus {
    pub fn is_error(&self) -> bool {
        matches!(self, FeedStatus::Error { .. })
    }
}

/// When a feed may be polled automatically again (see `feed::backoff`): persisted, so a
/// restart neither forgets a failing feed's backoff nor a server's Retry-After.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollSchedule {
    /// Polls that failed in a row; 0 after a success.
    pub failures: u32,
    /// Unix seconds before which scheduled refreshes skip the feed.
    pub not_before: Option<i64>,
}

/// A subscribed feed as the app knows it: config plus what polling learned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    pub id: FeedId,
    /// The URL as written in config.toml (the feed's identity).
    pub url: String,
    /// Where to fetch it now: differs from `url` after a permanent redirect.
    pub fetch_url: String,
    /// Title from config, else from the feed document, else the URL.
    pub title: String,
    pub tags: Vec<String>,
    pub site_link: Option<String>,
    pub refresh_secs: u64,
    pub validators: Validators,
    pub status: FeedStatus,
    pub schedule: PollSchedule,
}

/// The feed categories of many articles as read from the file, each distinct name kept
/// once: a `Vec<String>` per article cost about 190 bytes each, 35 MB in flight at
/// 250,000 articles, for a handful of names repeated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryLists {
    names: Vec<Box<str>>,
    name_ids: std::collections::HashMap<Box<str>, u32>,
    /// Article, where its names start in `items`, how many.
    lists: Vec<(ArticleId, u32, u32)>,
    items: Vec<u32>,
}

impl CategoryLists {
    /// Adds an article's names (an article without any is left out).
    pub fn push<'a>(&mut self, article: ArticleId, names: impl IntoIterator<Item = &'a str>) {
        let start = self.items.len();
        for name in names {
            let id = match self.name_ids.get(name) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                    self.names.push(name.into());
                    self.name_ids.insert(name.into(), id);
                    id
                }
            };
            self.items.push(id);
        }
        let len = self.items.len() - start;
        if len > 0 {
            self.lists.push((article, start as u32, len as u32));
        }
    }

    pub fn len(&self) -> usize {
        self.lists.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Each article with its names, in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = (ArticleId, impl Iterator<Item = &str>)> {
        self.lists.iter().map(|&(id, start, len)| {
            let items = &self.items[start as usize..(start + len) as usize];
            (id, items.iter().map(|&n| &*self.names[n as usize]))
        })
    }
}

impl From<Vec<(ArticleId, Vec<String>)>> for CategoryLists {
    fn from(lists: Vec<(ArticleId, Vec<String>)>) -> Self {
        let mut out = CategoryLists::default();
        for (id, names) in &lists {
            out.push(*id, names.iter().map(String::as_str));
        }
        out
    }
}

/// What another process left in the file, for a running reader to merge.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub headlines: Vec<Headline>,
    /// The feed categories of every article that has any.
    pub categories: CategoryLists,
    pub feeds: Vec<FeedState>,
}

/// What polling stored about a feed: a cron `tidings refresh` changes it under a reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedState {
    pub id: FeedId,
    pub fetch_url: Option<String>,
    pub validators: Validators,
    pub status: FeedStatus,
    pub schedule: PollSchedule,
}

/// What an ingest stored, for the store to merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// How many of `upserted` are new articles.
    pub new: usize,
    /// New articles and articles whose content changed, with their stored flags.
    pub upserted: Vec<Headline>,
    /// The feed categories of those of `upserted` that have any.
    pub categories: Vec<(ArticleId, Vec<String>)>,
    pub pruned: Vec<ArticleId>,
}

/// One `[[feed]]` table of config.toml: what the database keeps a feed row for. Build one
/// with `..Default::default()` for the settings not named.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub refresh_minutes: Option<u64>,
    /// `download = "new"`: every episode that arrives from now on is queued.
    #[serde(default)]
    pub download: Option<AutoDownload>,
    /// `download_latest = N`: the N newest episodes are queued (then each newer one).
    #[serde(default)]
    pub download_latest: Option<usize>,
    /// `keep = N`: downloaded files of older episodes go once N newer ones are downloaded
    /// (bookmarked articles' files stay).
    #[serde(default)]
    pub keep: Option<usize>,
    /// `scrape_selector = "article .body"`: full text keeps only what this CSS selector
    /// matches on the article's page (`fulltext::Rules`).
    #[serde(default)]
    pub scrape_selector: Option<String>,
    /// `scrape_remove = [".share", ".related"]`: full text drops what these match.
    #[serde(default)]
    pub scrape_remove: Vec<String>,
    /// `full_text = true`: `tidings refresh` reads the page of each new article, so the
    /// whole article is there offline.
    #[serde(default)]
    pub full_text: bool,
}

/// The value of a feed's `download` setting.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AutoDownload {
    New,
}

/// A subscription on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteFeed {
    /// The server's id for it (TT-RSS: a number; Google Reader: `feed/…`).
    pub id: String,
    /// The feed's own address (http(s)).
    pub url: String,
    pub title: String,
    /// The server's category: a tag here. None for uncategorized.
    pub category: Option<String>,
}

/// An article on the server and its state there.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteArticle {
    /// The server's id (both APIs number articles; a Google Reader long id is converted).
    pub id: i64,
    /// [`RemoteFeed::id`] of its feed.
    pub feed_id: String,
    pub unread: bool,
    pub starred: bool,
    /// The server's own time stamp of the article in microseconds, where its catch-up
    /// call compares with one (Google Reader's `timestampUsec`).
    pub stamp: Option<i64>,
    pub item: ParsedItem,
}

/// A mark that syncs with a server: read, or starred (a bookmark here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyncMark {
    Read,
    Starred,
}

impl SyncMark {
    /// The word the sync queue stores it as.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncMark::Read => "read",
            SyncMark::Starred => "starred",
        }
    }

    pub fn parse(text: &str) -> Option<SyncMark> {
        match text {
            "read" => Some(SyncMark::Read),
            "starred" => Some(SyncMark::Starred),
            _ => None,
        }
    }
}
