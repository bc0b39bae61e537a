//! The first frame is drawn from stored counts (`Store::counted`) while the rows load on
//! another thread; it must look as the loaded store's does, and nothing done before the
//! rows arrive may act on the store without them.

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeMap;
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Loaded, Msg, Screen, View};
use tidings::config::SavedView;
use tidings::model::{FeedId, Flags};
use tidings::store::Store;
use tidings::timefmt::Zone;

/// What `Db::stored_counts` would read for `store`'s rows: articles by feed and flags.
fn counts_of(store: &Store) -> Vec<(FeedId, Flags, usize)> {
    let mut by: BTreeMap<(FeedId, bool, bool), usize> = BTreeMap::new();
    for h in store.headlines() {
        let f = h.flags();
        *by.entry((h.feed_id(), f.read(), f.bookmarked()))
            .or_default() += 1;
    }
    by.into_iter()
        .map(|((feed, r, b), n)| (feed, Flags::new(r, b, false), n))
        .collect()
}

fn counted_app(w: u16, h: u16) -> App {
    let full = world();
    let store = Store::counted(full.feeds().to_vec(), &counts_of(&full));
    App::new(store, Keymap::default(), Zone::utc(), NOW, (w, h))
}

fn loaded() -> Msg {
    Msg::Loaded(Loaded(Box::new(world())))
}

fn screen(app: &App) -> String {
    let (w, h) = app.size();
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn the_first_frame_from_counts_is_the_loaded_frame() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut counted = counted_app(w, h);
        let full = app(w, h);
        assert!(!counted.store().has_rows());
        assert_eq!(screen(&counted), screen(&full));
        counted.update(loaded());
        assert!(counted.store().has_rows());
        assert_eq!(
            screen(&counted),
            screen(&full),
            "no jump when the rows arrive"
        );
    }
}

#[test]
fn keys_and_ticks_before_the_rows_wait_for_them() {
    let mut counted = counted_app(80, 24);
    // Enter, down, Enter: opens the second article of "All articles" once loaded.
    assert!(press(&mut counted, "\nj\n").is_empty());
    assert!(counted.update(Msg::Tick(NOW + 7200)).is_empty());
    assert_eq!(counted.screen(), Screen::Feeds);

    let mut full = app(80, 24);
    let mut want = press(&mut full, "\nj\n");
    want.extend(full.update(Msg::Tick(NOW + 7200)));
    assert!(
        want.iter().any(|e| matches!(e, Effect::Poll(_))),
        "the tick polls: {want:?}"
    );

    let got = counted.update(loaded());
    assert_eq!(
        got, want,
        "the held messages act as they would have, in order"
    );
    assert_eq!(counted.screen(), Screen::Headlines);
    assert_eq!(*counted.view(), View::All);
    assert_eq!(counted.list(), full.list());
    assert_eq!(screen(&counted), screen(&full));
}

#[test]
fn saved_view_counts_wait_for_the_rows_in_their_place() {
    let views = [SavedView {
        name: "Russian news".into(),
        filter: "feed:meduza".into(),
    }];
    let mut counted = counted_app(80, 24);
    counted.set_saved_views(&views);
    let mut full = app(80, 24);
    full.set_saved_views(&views);
    full.update(Msg::Resize(80, 24));

    let before = screen(&counted);
    let after = screen(&full);
    let row = |s: &str| {
        s.lines()
            .find(|l| l.contains("Russian news"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(row(&before).contains("…/…"), "{before}");
    assert!(row(&after).contains("2/2"), "{after}");
    // Only that row differs: the same rows in the same places.
    let differ: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differ.len(), 1, "{differ:?}");

    counted.update(loaded());
    assert_eq!(screen(&counted), screen(&full));
}

#[test]
fn a_resize_before_the_rows_is_drawn_at_once() {
    let mut counted = counted_app(80, 24);
    counted.update(Msg::Resize(100, 30));
    assert_eq!(counted.size(), (100, 30));
    assert_eq!(screen(&counted), screen(&app(100, 30)));
}
