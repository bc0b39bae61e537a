//! The headlines in memory, compact: one fixed-size row per article and its texts in arenas.
//!
//! A headline as separate `String`s cost about 100 bytes of struct, three heap blocks and
//! their allocator overhead; at 250,000 articles that was most of the reader's memory. Here
//! a row is 40 bytes (id, date, feed and author as small indexes, flags, where its title and
//! link lie in one text arena), titles and links are stored end to end, authors once each,
//! and feeds as indexes into a short table.

use crate::model::{ArticleId, FeedId, Flags, Headline, HeadlineParts, IdMap};
use std::collections::HashMap;

/// `link_len` of a headline without a link.
const NO_LINK: u32 = u32::MAX;
/// `author` of a headline without an author.
const NO_AUTHOR: u32 = u32::MAX;
/// Garbage below this is never worth a compaction.
pub(super) const MIN_GARBAGE: usize = 64 * 1024;

#[derive(Clone, Copy, Debug)]
struct Row {
    id: ArticleId,
    date: i64,
    /// Where the title starts in `text`; the link follows it.
    text: u32,
    title_len: u32,
    link_len: u32,
    author: u32,
    feed: u32,
    flags: Flags,
}

impl Row {
    fn text_len(&self) -> usize {
        self.title_len as usize + self.link_len_or_zero()
    }
    fn link_len_or_zero(&self) -> usize {
        if self.link_len == NO_LINK {
            0
        } else {
            self.link_len as usize
        }
    }
}

#[derive(Default)]
pub(super) struct Table {
    rows: Vec<Row>,
    index: IdMap<ArticleId, u32>,
    /// Titles and links, end to end.
    text: String,
    /// Bytes of `text` no row points at any more (replaced or removed headlines).
    garbage: usize,
    authors: Vec<Box<str>>,
    author_ids: HashMap<Box<str>, u32>,
    feeds: Vec<FeedId>,
    feed_slots: IdMap<FeedId, u32>,
}

/// One headline in the store, borrowed: what callers read instead of a `Headline`.
#[derive(Clone, Copy)]
pub struct HeadlineRef<'a> {
    table: &'a Table,
    row: &'a Row,
}

impl<'a> HeadlineRef<'a> {
    pub fn id(self) -> ArticleId {
        self.row.id
    }
    pub fn feed_id(self) -> FeedId {
        self.table.feeds[self.row.feed as usize]
    }
    /// The feed's place in [`Table::feed_ids`]: a pass over many headlines can keep what
    /// it needs per feed in a short vector instead of a map lookup per article.
    pub fn feed_slot(self) -> u32 {
        self.row.feed
    }
    pub fn title(self) -> &'a str {
        let start = self.row.text as usize;
        &self.table.text[start..start + self.row.title_len as usize]
    }
    pub fn link(self) -> Option<&'a str> {
        if self.row.link_len == NO_LINK {
            return None;
        }
        let start = self.row.text as usize + self.row.title_len as usize;
        Some(&self.table.text[start..start + self.row.link_len as usize])
    }
    pub fn author(self) -> Option<&'a str> {
        self.table
            .authors
            .get(self.row.author as usize)
            .map(|a| &**a)
    }
    /// Unix seconds UTC: the published date, else updated, else when it was first seen.
    pub fn date(self) -> i64 {
        self.row.date
    }
    pub fn flags(self) -> Flags {
        self.row.flags
    }
    pub fn parts(self) -> HeadlineParts<'a> {
        HeadlineParts {
            id: self.id(),
            feed_id: self.feed_id(),
            title: self.title(),
            link: self.link(),
            author: self.author(),
            date: self.date(),
            flags: self.flags(),
        }
    }
    pub fn to_headline(self) -> Headline {
        self.parts().to_headline()
    }
}

impl std::fmt::Debug for HeadlineRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts().fmt(f)
    }
}

impl PartialEq for HeadlineRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Table {
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(super) fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
        self.index.reserve(n);
    }

    pub(super) fn position(&self, id: ArticleId) -> Option<usize> {
        self.index.get(&id).map(|&i| i as usize)
    }

    pub(super) fn contains(&self, id: ArticleId) -> bool {
        self.index.contains_key(&id)
    }

    pub(super) fn at(&self, i: usize) -> HeadlineRef<'_> {
        HeadlineRef {
            table: self,
            row: &self.rows[i],
        }
    }

    pub(super) fn get(&self, id: ArticleId) -> Option<HeadlineRef<'_>> {
        self.position(id).map(|i| self.at(i))
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = HeadlineRef<'_>> {
        self.rows.iter().map(|row| HeadlineRef { table: self, row })
    }

    /// `(date, id, position)` of every row that `keep` accepts, without building a view per
    /// row.
    pub(super) fn dated_positions(
        &self,
        keep: impl Fn(Flags, FeedId) -> bool,
    ) -> Vec<(i64, ArticleId, u32)> {
        self.rows
            .iter()
            .zip(0u32..)
            .filter(|(r, _)| keep(r.flags, self.feeds[r.feed as usize]))
            .map(|(r, i)| (r.date, r.id, i))
            .collect()
    }

    pub(super) fn flags(&self, i: usize) -> Flags {
        self.rows[i].flags
    }

    pub(super) fn set_flags(&mut self, i: usize, flags: Flags) {
        self.rows[i].flags = flags;
    }

    /// Every feed a row has pointed at, by slot (slots are never reused).
    pub(super) fn feed_ids(&self) -> &[FeedId] {
        &self.feeds
    }

    fn feed_slot(&mut self, feed: FeedId) -> u32 {
        if let Some(&slot) = self.feed_slots.get(&feed) {
            return slot;
        }
        let slot = u32::try_from(self.feeds.len()).unwrap_or(u32::MAX);
        self.feeds.push(feed);
        self.feed_slots.insert(feed, slot);
        slot
    }

    fn author_slot(&mut self, author: Option<&str>) -> u32 {
        let Some(a) = author else {
            return NO_AUTHOR;
        };
        if let Some(&slot) = self.author_ids.get(a) {
            return slot;
        }
        let slot = u32::try_from(self.authors.len()).unwrap_or(NO_AUTHOR);
        if slot != NO_AUTHOR {
            self.authors.push(a.into());
            self.author_ids.insert(a.into(), slot);
        }
        slot
    }

    /// Appends a title and link to the arena: (offset, title length, link length). Past
    /// 4 GB of text (far beyond any memory budget) a headline keeps no text rather than a
    /// wrong one.
    fn push_text(&mut self, title: &str, link: Option<&str>) -> (u32, u32, u32) {
        let need = title.len() + link.map_or(0, str::len);
        if self.text.len() + need > u32::MAX as usize - 1 {
            self.compact();
        }
        if self.text.len() + need > u32::MAX as usize - 1 {
            return (0, 0, NO_LINK);
        }
        let at = self.text.len() as u32;
        self.text.push_str(title);
        let link_len = match link {
            Some(l) => {
                self.text.push_str(l);
                l.len() as u32
            }
            None => NO_LINK,
        };
        (at, title.len() as u32, link_len)
    }

    /// Adds a headline whose id is not in the table.
    pub(super) fn push(&mut self, h: HeadlineParts<'_>) {
        let feed = self.feed_slot(h.feed_id);
        let author = self.author_slot(h.author);
        let (text, title_len, link_len) = self.push_text(h.title, h.link);
        let i = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.index.insert(h.id, i);
        self.rows.push(Row {
            id: h.id,
            date: h.date,
            text,
            title_len,
            link_len,
            author,
            feed,
            flags: h.flags,
        });
    }

    /// Whether row `i` holds exactly `h`.
    pub(super) fn equals(&self, i: usize, h: &HeadlineParts<'_>) -> bool {
        self.at(i).parts() == *h
    }

    /// Replaces row `i`'s content (its id stays); text that changed goes to the end of the
    /// arena and the old copy becomes garbage, collected once it outweighs the live text.
    pub(super) fn replace(&mut self, i: usize, h: HeadlineParts<'_>) {
        let same_text = {
            let old = self.at(i);
            old.title() == h.title && old.link() == h.link
        };
        if !same_text {
            self.garbage += self.rows[i].text_len();
            let (text, title_len, link_len) = self.push_text(h.title, h.link);
            let row = &mut self.rows[i];
            row.text = text;
            row.title_len = title_len;
            row.link_len = link_len;
        }
        let author = if self.at(i).author() == h.author {
            self.rows[i].author
        } else {
            self.author_slot(h.author)
        };
        let feed = self.feed_slot(h.feed_id);
        let row = &mut self.rows[i];
        row.author = author;
        row.feed = feed;
        row.date = h.date;
        row.flags = h.flags;
        self.collect_garbage();
    }

    /// Takes a headline out; its row's place goes to the last row.
    pub(super) fn remove(&mut self, id: ArticleId) -> Option<(FeedId, Flags)> {
        let i = self.index.remove(&id)? as usize;
        let row = self.rows.swap_remove(i);
        self.garbage += row.text_len();
        if let Some(moved) = self.rows.get(i) {
            self.index.insert(moved.id, i as u32);
        }
        let gone = (self.feeds[row.feed as usize], row.flags);
        self.collect_garbage();
        Some(gone)
    }

    fn collect_garbage(&mut self) {
        if self.garbage > MIN_GARBAGE && self.garbage > self.text.len() - self.garbage {
            self.compact();
        }
    }

    /// Copies the live text into a fresh arena and keeps only the authors still used.
    fn compact(&mut self) {
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        let mut authors: Vec<Box<str>> = Vec::new();
        let mut author_ids: HashMap<Box<str>, u32> = HashMap::new();
        for row in &mut self.rows {
            let start = row.text as usize;
            let at = text.len() as u32;
            text.push_str(&self.text[start..start + row.text_len()]);
            row.text = at;
            if let Some(a) = self.authors.get(row.author as usize) {
                let next = authors.len() as u32;
                row.author = *author_ids.entry(a.clone()).or_insert_with(|| {
                    authors.push(a.clone());
                    next
                });
            }
        }
        self.text = text;
        self.garbage = 0;
        self.authors = authors;
        self.author_ids = author_ids;
    }

    /// Bytes of the arenas and tables, for the tests that keep them bounded.
    #[cfg(test)]
    pub(super) fn text_bytes(&self) -> (usize, usize) {
        (self.text.len(), self.text.len() - self.garbage)
    }

    #[cfg(test)]
    pub(super) fn authors_kept(&self) -> usize {
        self.authors.len()
    }
}
