//! `Store::set_feeds` followed by a snapshot merge (config.toml read again while the reader
//! runs) must leave the store as a fresh start on the new config would build it.

use crate::common;

use common::{feed, headline};
use proptest::prelude::*;
use std::collections::BTreeSet;
use tidings::model::{Flags, Headline};
use tidings::store::{Store, View};

fn feeds_of(ids: &[i64]) -> Vec<tidings::model::Feed> {
    ids.iter()
        .map(|&id| feed(id, &format!("Feed {id}")))
        .collect()
}

/// What a start on `configured` loads: their headlines and every bookmarked one.
fn fresh(configured: &[i64], all: &[Headline]) -> Store {
    let rows = all
        .iter()
        .filter(|h| configured.contains(&h.feed_id) || h.flags.bookmarked())
        .cloned()
        .collect();
    Store::new(feeds_of(configured), rows)
}

fn arb_feed_list() -> impl Strategy<Value = Vec<i64>> {
    prop::sample::subsequence((1..=6).collect::<Vec<i64>>(), 0..=6).prop_shuffle()
}

proptest! {
    #[test]
    fn reading_the_config_again_equals_a_fresh_start(
        before in arb_feed_list(),
        after in arb_feed_list(),
        rows in prop::collection::vec((1..=6i64, any::<(bool, bool, bool)>()), 0..40),
    ) {
        let all: Vec<Headline> = rows
            .iter()
            .enumerate()
            .map(|(i, &(feed_id, (r, b, e)))| {
                let mut h = headline(i as i64 + 1, feed_id, i as i64, "t");
                h.flags = Flags::new(r, b, e);
                h
            })
            .collect();
        let mut store = fresh(&before, &all);
        store.set_feeds(feeds_of(&after));
        store.merge_snapshot(all.clone(), |_, _| false);
        let want = fresh(&after, &all);

        let ids = |s: &Store| s.feeds().iter().map(|f| f.id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&store), ids(&want), "feeds in config order");
        let rows = |s: &Store| s.headlines().map(|h| (h.id(), h.flags().read(), h.flags().bookmarked())).collect::<BTreeSet<_>>();
        prop_assert_eq!(rows(&store), rows(&want));
        for view in [View::All, View::Unread, View::Bookmarks] {
            prop_assert_eq!(store.counts(view), want.counts(view), "{:?}", view);
        }
        for &id in &after {
            prop_assert_eq!(store.counts(View::Feed(id)), want.counts(View::Feed(id)));
        }
    }
}
