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

/// A headline's entries in the app's fold cache.
#[derive(Clone, Copy)]
pub struct Folded<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    /// Feed title and URL.
    pub feed: Option<&'a (Box<str>, Box<str>)>,
}

impl Subject for HeadlineSubject<'_> {
    fn title(&self) -> &str {
        match self.folded {
            Some(f) => f.title,
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
            Some(f) => f.author,
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
}
