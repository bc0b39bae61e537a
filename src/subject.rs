//! The filter's view of a headline, shared by the reader and `tidings list --filter`, so both
//! match the same way without the commands importing the app.

use crate::categories::Categories;
use crate::filter::Subject;
use crate::model::{ArticleId, Feed};
use crate::store::HeadlineRef;
use std::collections::{HashMap, HashSet};

/// Articles whose body contains each term, from the full-text index.
pub type BodyHits = HashMap<String, HashSet<ArticleId>>;

/// The filter's view of a headline: its feed, the store's categories, which bodies hold
/// each word, and its folded fields when the fold cache has them.
pub struct HeadlineSubject<'a> {
    pub h: HeadlineRef<'a>,
    pub feed: Option<&'a Feed>,
    pub categories: &'a Categories,
    pub hits: Option<&'a BodyHits>,
    pub folded: Option<Folded<'a>>,
}

/// A headline's entries in the app's fold cache: the cache's text and where this headline's
/// title and author lie in it, read only when a field is matched (a pass answered by
/// [`TextScan`]s never touches the text: at 250,000 headlines those reads were cache misses).
#[derive(Clone, Copy)]
pub struct Folded<'a> {
    pub text: &'a str,
    /// Where the title starts, where the author starts (the title's end) and where it ends,
    /// with [`NO_AUTHOR`] set when the article has none.
    pub span: [u32; 3],
    /// Feed title and URL.
    pub feed: Option<&'a (Box<str>, Box<str>)>,
    /// The pass's scans of every folded title and author, and where this headline is in
    /// them (its store position).
    pub scanned: Option<(&'a [TextScan], u32)>,
    /// The pass's `feed:` answers per feed slot.
    pub feeds_scanned: &'a [FeedScan],
}

/// Marks a span's end when the article has no author (as opposed to an empty one).
pub const NO_AUTHOR: u32 = 1 << 31;

impl<'a> Folded<'a> {
    pub fn title(&self) -> &'a str {
        self.text
            .get(self.span[0] as usize..self.span[1] as usize)
            .unwrap_or("")
    }
    pub fn author(&self) -> Option<&'a str> {
        let end = self.span[2];
        (end & NO_AUTHOR == 0).then(|| {
            self.text
                .get(self.span[1] as usize..end as usize)
                .unwrap_or("")
        })
    }
}

/// Which store positions' folded title or author holds a needle (one pass of the needle's
/// searcher over the fold cache's text instead of one search per headline), and which feed
/// slots' folded titles do.
pub struct TextScan {
    /// The needle, folded.
    pub folded: Box<str>,
    /// One bit per store position.
    pub bits: Vec<u64>,
    /// Per feed slot (`HeadlineRef::feed_slot`): whether the feed's folded title holds it.
    pub feeds: Vec<bool>,
}

impl TextScan {
    /// Whether the title or author at this store position holds the needle.
    pub fn has(&self, position: u32) -> bool {
        let p = position as usize;
        self.bits
            .get(p / 64)
            .is_some_and(|w| w >> (p % 64) & 1 == 1)
    }
}

/// Which feed slots' folded title or URL holds a `feed:` needle: the same for every article
/// of a feed, so a pass answers it once per feed instead of searching two strings per article.
pub struct FeedScan {
    /// The needle, folded.
    pub folded: Box<str>,
    /// Per feed slot (`HeadlineRef::feed_slot`).
    pub feeds: Vec<bool>,
}

impl Subject for HeadlineSubject<'_> {
    fn title(&self) -> &str {
        match self.folded {
            Some(f) => f.title(),
            None => self.h.title(),
        }
    }
    fn feed(&self) -> &str {
        match self.folded {
            Some(f) => f.feed.map(|f| &*f.0).unwrap_or(""),
            None => self.feed.map(|f| f.title.as_str()).unwrap_or(""),
        }
    }
    fn feed_url(&self) -> &str {
        match self.folded {
            Some(f) => f.feed.map(|f| &*f.1).unwrap_or(""),
            None => self.feed.map(|f| f.url.as_str()).unwrap_or(""),
        }
    }
    fn author(&self) -> Option<&str> {
        match self.folded {
            Some(f) => f.author(),
            None => self.h.author(),
        }
    }
    fn tags(&self) -> &[String] {
        self.feed.map(|f| f.tags.as_slice()).unwrap_or(&[])
    }
    fn has_category(&self, folded: &str) -> bool {
        self.categories.has(self.h.id(), folded)
    }
    fn read(&self) -> bool {
        self.h.flags().read()
    }
    fn bookmarked(&self) -> bool {
        self.h.flags().bookmarked()
    }
    fn has_enclosure(&self) -> bool {
        self.h.flags().enclosure()
    }
    fn date(&self) -> i64 {
        self.h.date()
    }
    fn body_contains(&self, folded_needle: &str) -> Option<bool> {
        self.hits?
            .get(folded_needle)
            .map(|ids| ids.contains(&self.h.id()))
    }
    fn prefolded(&self) -> bool {
        self.folded.is_some()
    }
    fn feed_has(&self, needle: &crate::filter::Needle) -> Option<bool> {
        let scans = self.folded?.feeds_scanned;
        let scan = scans.iter().find(|s| *s.folded == *needle.folded())?;
        scan.feeds.get(self.h.feed_slot() as usize).copied()
    }
    fn text_has(&self, needle: &crate::filter::Needle) -> Option<bool> {
        let (scans, position) = self.folded?.scanned?;
        let scan = scans.iter().find(|s| *s.folded == *needle.folded())?;
        let feed = *scan.feeds.get(self.h.feed_slot() as usize)?;
        Some(feed || scan.has(position))
    }
}
