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
    /// Article → its list in `lists`. Lists are interned too: most articles of a feed
    /// carry the same one or two, and a boxed list each cost 8 MB at 250,000 articles.
    of: IdMap<ArticleId, u32>,
    lists: Vec<Box<[u32]>>,
    list_ids: HashMap<Box<[u32]>, u32>,
}

impl Categories {
    /// Replaces the categories of an article (none removes it).
    pub fn set(&mut self, article: ArticleId, names: &[String]) {
        self.set_names(article, names.iter().map(String::as_str));
    }

    fn set_names<'a>(&mut self, article: ArticleId, names: impl Iterator<Item = &'a str>) {
        let mut list: Vec<u32> = Vec::new();
        for name in names.take(MAX_PER_ARTICLE) {
            let id = match self.raw.get(name) {
                Some(id) => *id,
                None => {
                    let id = self.intern(name);
                    self.raw.insert(name.into(), id);
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
            let list = self.intern_list(list.into_boxed_slice());
            self.of.insert(article, list);
        }
    }

    /// Lists no article uses any more stay until the next [`Categories::replace_all`].
    fn intern_list(&mut self, list: Box<[u32]>) -> u32 {
        if let Some(&id) = self.list_ids.get(&list) {
            return id;
        }
        let id = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
        self.lists.push(list.clone());
        self.list_ids.insert(list, id);
        id
    }

    fn list(&self, article: ArticleId) -> Option<&[u32]> {
        let &l = self.of.get(&article)?;
        self.lists.get(l as usize).map(|l| &**l)
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
    pub fn replace_all<'a, N: Iterator<Item = &'a str>>(
        &mut self,
        lists: impl IntoIterator<Item = (ArticleId, N)>,
    ) -> bool {
        let fresh = IdMap::with_capacity_and_hasher(self.of.len(), Default::default());
        let before = Categories {
            ids: HashMap::new(),
            raw: HashMap::new(),
            of: std::mem::replace(&mut self.of, fresh),
            lists: std::mem::take(&mut self.lists),
            list_ids: std::mem::take(&mut self.list_ids),
        };
        for (id, names) in lists {
            self.set_names(id, names);
        }
        self.of.len() != before.of.len() || self.of.keys().any(|&a| self.list(a) != before.list(a))
    }

    pub fn remove(&mut self, article: ArticleId) {
        self.of.remove(&article);
    }

    /// Removes an article's categories and hands them back, for [`Categories::put`] (undoing
    /// a delete).
    pub fn take(&mut self, article: ArticleId) -> Option<Taken> {
        let list = self.list(article).map(Box::from);
        self.of.remove(&article);
        list.map(Taken)
    }

    pub fn put(&mut self, article: ArticleId, taken: Taken) {
        let list = self.intern_list(taken.0);
        self.of.insert(article, list);
    }

    /// Whether the article has a category whose folded name is `folded`.
    pub fn has(&self, article: ArticleId, folded: &str) -> bool {
        let Some(id) = self.ids.get(folded) else {
            return false;
        };
        self.list(article).is_some_and(|l| l.contains(id))
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
        assert_eq!(c.list(1).map(|l| l.len()), Some(2));
        c.set(1, &["Sport".into()]);
        assert!(!c.has(1, "politik"));
        assert!(c.has(1, "sport"));
        c.set(1, &[]);
        assert!(!c.has(1, "sport"));
        assert_eq!(c.articles(), 1);
    }

    #[test]
    fn lists_are_shared_and_survive_a_replace() {
        let mut c = Categories::default();
        let names = |l: &[&str]| l.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        for id in 1..=100 {
            c.set(id, &names(&["World", "Sport"]));
        }
        c.set(101, &names(&["Arts"]));
        assert_eq!(c.lists.len(), 2, "one list per distinct set of names");
        let taken = c.take(101).expect("had some");
        let same = || (1..=100).map(|id| (id, ["world", "SPORT"].into_iter()));
        assert!(!c.replace_all(same()), "the same names, folded alike");
        assert!(c.replace_all(same().take(50)), "50 lost theirs");
        assert!(!c.replace_all(same().take(50)));
        assert_eq!(c.lists.len(), 1, "unused lists go at a replace");
        c.put(101, taken);
        assert!(c.has(101, "arts") && c.has(7, "sport") && !c.has(7, "arts"));
        assert!(!c.has(70, "sport"));
    }
}
