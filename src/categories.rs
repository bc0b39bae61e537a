//! The feeds' own `<category>` values of every article in memory, for `category:`.
//!
//! Interned: a feed repeats a handful of categories over thousands of articles, so each
//! article keeps small ids and each name is stored once, folded, which is also how
//! `category:` compares them.

use crate::model::{ArticleId, IdMap};
use std::collections::HashMap;

/// Longest category list kept per article: a hostile feed may send thousands.
const MAX_PER_ARTICLE: usize = 32;

/// One article's categories, taken out of the map (interned ids, valid for the same map).
#[derive(Clone, Debug, PartialEq)]
pub struct Taken(Box<[u32]>);

#[derive(Default)]
pub struct Categories {
    /// Folded name → id.
    ids: HashMap<Box<str>, u32>,
    /// Name as the feed wrote it → id: folding each of 40,000 names at start cost more
    /// than reading them.
    raw: HashMap<Box<str>, Option<u32>>,
    of: IdMap<ArticleId, Box<[u32]>>,
}

impl Categories {
    /// Replaces the categories of an article (none removes it).
    pub fn set(&mut self, article: ArticleId, names: &[String]) {
        if names.is_empty() {
            self.of.remove(&article);
            return;
        }
        let mut list: Vec<u32> = Vec::with_capacity(names.len().min(MAX_PER_ARTICLE));
        for name in names.iter().take(MAX_PER_ARTICLE) {
            let id = match self.raw.get(name.as_str()) {
                Some(id) => *id,
                None => {
                    let id = self.intern(name);
                    self.raw.insert(name.as_str().into(), id);
                    id
                }
            };
            if let Some(id) = id
                && !list.contains(&id)
            {
                list.push(id);
            }
        }
        if list.is_empty() {
            self.of.remove(&article);
        } else {
            self.of.insert(article, list.into_boxed_slice());
        }
    }

    fn intern(&mut self, name: &str) -> Option<u32> {
        let folded = crate::filter::fold(name.trim());
        if folded.is_empty() {
            return None;
        }
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        Some(*self.ids.entry(folded.into_boxed_str()).or_insert(next))
    }

    /// Replaces every article's categories; true when anything changed.
    pub fn replace_all(
        &mut self,
        lists: impl IntoIterator<Item = (ArticleId, Vec<String>)>,
    ) -> bool {
        let fresh = IdMap::with_capacity_and_hasher(self.of.len(), Default::default());
        let before = std::mem::replace(&mut self.of, fresh);
        for (id, names) in lists {
            self.set(id, &names);
        }
        self.of != before
    }

    pub fn remove(&mut self, article: ArticleId) {
        self.of.remove(&article);
    }

    /// Removes an article's categories and hands them back, for [`Categories::put`] (undoing
    /// a delete).
    pub fn take(&mut self, article: ArticleId) -> Option<Taken> {
        self.of.remove(&article).map(Taken)
    }

    pub fn put(&mut self, article: ArticleId, taken: Taken) {
        self.of.insert(article, taken.0);
    }

    /// Whether the article has a category whose folded name is `folded`.
    pub fn has(&self, article: ArticleId, folded: &str) -> bool {
        let Some(id) = self.ids.get(folded) else {
            return false;
        };
        self.of.get(&article).is_some_and(|l| l.contains(id))
    }

    /// How many articles have categories.
    pub fn articles(&self) -> usize {
        self.of.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_interned_and_replaced() {
        let mut c = Categories::default();
        c.set(
            1,
            &["Politik".into(), " Économie ".into(), "POLITIK".into()],
        );
        c.set(2, &["politik".into()]);
        assert!(c.has(1, "politik"));
        assert!(c.has(1, "economie"));
        assert!(c.has(2, "politik"));
        assert!(!c.has(2, "economie"));
        assert!(!c.has(3, "politik"));
        assert_eq!(c.ids.len(), 2);
        assert_eq!(c.of.get(&1).map(|l| l.len()), Some(2));
        c.set(1, &["Sport".into()]);
        assert!(!c.has(1, "politik"));
        assert!(c.has(1, "sport"));
        c.set(1, &[]);
        assert!(!c.has(1, "sport"));
        assert_eq!(c.articles(), 1);
    }
}
