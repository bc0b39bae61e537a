//! App behaviour driven by key sequences through `update`, asserting state and effects.

use crate::common;

use common::*;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use std::time::Duration;
use tidings::app::App;
use tidings::app::View;
use tidings::app::keymap::Keymap;
use tidings::app::{Effect, Focus, Msg, Screen};
use tidings::db::Change;
use tidings::db::IngestReport;
use tidings::db::writer::DbEvent;
use tidings::feed::poller::{PollEvent, PollOutcome};
use tidings::model::{FeedStatus, ParsedFeed, Validators};
use tidings::store::Store;
use tidings::timefmt::Zone;

#[test]
fn enter_opens_all_articles_newest_first() {
    let mut app = app(80, 24);
    assert_eq!(app.screen(), Screen::Feeds);
    press(&mut app, "\n");
    assert_eq!(app.screen(), Screen::Headlines);
    assert_eq!(*app.view(), View::All);
    assert_eq!(app.list(), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn opening_an_article_marks_it_read_and_loads_its_body() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\nj\n");
    assert_eq!(
        fx,
        vec![
            Effect::LoadBody(2),
            Effect::Persist(vec![Change::Read(2, true)])
        ]
    );
    assert!(app.store().headline(2).is_some_and(|h| h.flags().read()));
    assert_eq!(app.focus(), Focus::Article);
    answer_bodies(&mut app, &fx, "<p>Body text</p>");
    let rendered = app
        .article()
        .and_then(|a| a.rendered.as_ref())
        .expect("rendered");
    assert!(tidings::render::to_plain(&rendered.lines).contains("Body text"));
}

#[test]
fn q_goes_back_step_by_step_then_quits() {
    let mut app = app(80, 24);
    press(&mut app, "\n\n");
    assert!(app.article().is_some());
    assert!(press(&mut app, "q").is_empty());
    assert!(app.article().is_none());
    assert_eq!(app.screen(), Screen::Headlines);
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Feeds);
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
    assert!(app.quitting());
}

/// Esc clears the innermost state (search, then filter, then the open article), goes back,
/// and never quits: a stray Esc on the feed list only says how to quit.
#[test]
fn esc_clears_search_and_filter_then_goes_back_and_never_quits() {
    let mut app = app(80, 24);
    press(&mut app, "\nFfeed:bbc");
    app.update(code(KeyCode::Enter));
    press(&mut app, "/");
    press(&mut app, "council");
    app.update(code(KeyCode::Enter));
    assert_eq!(app.list(), vec![3]);
    app.update(code(KeyCode::Esc));
    assert!(app.search().is_none(), "first the search");
    assert_eq!(app.list(), vec![1, 3, 6], "the filter stays");
    app.update(code(KeyCode::Esc));
    assert!(app.filter().is_none(), "then the filter");
    assert_eq!(app.screen(), Screen::Headlines);
    assert_eq!(app.list().len(), 6);
    press(&mut app, "\n");
    assert!(app.article().is_some());
    app.update(code(KeyCode::Esc));
    assert!(app.article().is_none(), "then the article");
    app.update(code(KeyCode::Esc));
    assert_eq!(app.screen(), Screen::Feeds);
    for _ in 0..3 {
        assert!(app.update(code(KeyCode::Esc)).is_empty());
    }
    assert!(!app.quitting(), "Esc never quits");
    let said = app.message().map(|m| m.text.clone());
    assert_eq!(said.as_deref(), Some("Press q to quit"));
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
}

#[test]
fn capital_q_quits_from_anywhere() {
    let mut app = app(80, 24);
    press(&mut app, "\n\n");
    assert_eq!(press(&mut app, "Q"), vec![Effect::Quit]);
}

#[test]
fn j_and_k_next_and_previous_article() {
    let mut app = app(80, 24);
    press(&mut app, "\n\n");
    let fx = press(&mut app, "J");
    assert_eq!(app.article().map(|a| a.id), Some(2));
    assert!(fx.contains(&Effect::LoadBody(2)));
    press(&mut app, "JK");
    assert_eq!(app.article().map(|a| a.id), Some(2));
    assert_eq!(app.list_cursor().sel, 1);
}

#[test]
fn n_skips_read_articles() {
    let mut app = app(80, 24);
    press(&mut app, "\n"); // All: 1 2 3(read) 4 5 6
    press(&mut app, "jn");
    assert_eq!(
        app.list_cursor().sel,
        3,
        "article 3 is read, so n lands on 4"
    );
    press(&mut app, "\n");
    // With an article open, n opens the next unread one.
    let fx = press(&mut app, "n");
    assert_eq!(app.article().map(|a| a.id), Some(5));
    assert!(fx.contains(&Effect::LoadBody(5)));
}

#[test]
fn u_toggles_read_and_persists() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    assert_eq!(
        press(&mut app, "u"),
        vec![Effect::Persist(vec![Change::Read(1, true)])]
    );
    assert!(app.store().headline(1).is_some_and(|h| h.flags().read()));
    assert_eq!(
        press(&mut app, "u"),
        vec![Effect::Persist(vec![Change::Read(1, false)])]
    );
    assert!(app.store().headline(1).is_some_and(|h| !h.flags().read()));
}

#[test]
fn b_bookmarks_and_capital_b_lists_bookmarks() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    assert_eq!(
        press(&mut app, "b"),
        vec![Effect::Persist(vec![Change::Bookmark(1, true)])]
    );
    press(&mut app, "B");
    assert_eq!(*app.view(), View::Bookmarks);
    assert_eq!(app.list(), vec![1, 4]);
    press(&mut app, "b");
    assert!(
        app.store()
            .headline(1)
            .is_some_and(|h| !h.flags().bookmarked())
    );
}

#[test]
fn a_marks_the_view_read() {
    let mut app = app(80, 24);
    press(&mut app, "jjj\n"); // first feed row: BBC News
    assert_eq!(*app.view(), View::Feed(1));
    let fx = press(&mut app, "A");
    // The feed has nothing unread left: caught up (with sync on, one call to the server).
    assert_eq!(
        fx,
        vec![Effect::Persist(vec![
            Change::Read(1, true),
            Change::Read(6, true),
            Change::CaughtUp(1)
        ])]
    );
    assert_eq!(app.store().counts(tidings::store::View::Feed(1)).unread, 0);
    assert_eq!(
        app.store().counts(tidings::store::View::Feed(2)).unread,
        2,
        "other feeds untouched"
    );
}

#[test]
fn o_opens_and_y_copies_the_link() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    assert_eq!(
        press(&mut app, "o"),
        vec![Effect::OpenUrl("https://news.example/articles/1".into())]
    );
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::Copy {
            text: "https://news.example/articles/1".into(),
            what: "link".into()
        }]
    );
}

#[test]
fn r_refreshes_one_feed_and_capital_r_all() {
    let mut app = app(80, 24);
    press(&mut app, "jjj"); // BBC News row
    let fx = press(&mut app, "r");
    match fx.as_slice() {
        [Effect::Poll(jobs)] => {
            assert_eq!(jobs.iter().map(|j| j.feed_id).collect::<Vec<_>>(), vec![1])
        }
        other => panic!("expected one poll, got {other:?}"),
    }
    assert!(
        press(&mut app, "r").is_empty(),
        "a feed already in flight is not polled twice"
    );
    let fx = press(&mut app, "R");
    match fx.as_slice() {
        [Effect::Poll(jobs)] => assert_eq!(
            jobs.iter().map(|j| j.feed_id).collect::<Vec<_>>(),
            vec![2, 3]
        ),
        other => panic!("expected one poll, got {other:?}"),
    }
    assert_eq!(app.refresh().total, 3);
}

/// Only a feed with nothing stored has its bodies compressed by the parse workers (every
/// item of it will be written); a known feed's unchanged items would be packed for nothing.
#[test]
fn only_a_feed_with_nothing_stored_is_polled_with_packing() {
    let mut feeds = world().feeds().to_vec();
    feeds.push(feed(4, "New subscription"));
    let headlines = (1..=6)
        .filter_map(|id| world().headline(id).map(|h| h.to_headline()))
        .collect();
    let store = Store::new(feeds, headlines);
    let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (80, 24));
    let fx = press(&mut app, "R");
    let [Effect::Poll(jobs)] = fx.as_slice() else {
        panic!("expected one poll, got {fx:?}");
    };
    let packing: Vec<(i64, bool)> = jobs.iter().map(|j| (j.feed_id, j.pack_bodies)).collect();
    assert_eq!(packing, vec![(1, false), (2, false), (3, false), (4, true)]);
}

#[test]
fn poll_results_flow_into_store_and_status() {
    let mut app = app(80, 24);
    press(&mut app, "R\n"); // refresh all, open All articles
    press(&mut app, "jj"); // select article 3
    let fx = app.update(Msg::Poll(PollEvent::Done {
        feed_id: 3,
        outcome: PollOutcome::Failed("connection refused".into()),
        elapsed: Duration::from_millis(5),
        hints: Default::default(),
    }));
    assert!(
        matches!(&fx[..], [Effect::SaveSchedule(3, schedule), Effect::SaveStatus(3, FeedStatus::Error { message, .. })] if message == "connection refused" && schedule.failures == 1),
        "{fx:?}"
    );
    assert!(app.store().feed(3).is_some_and(|f| f.status.is_error()));

    let validators = Validators {
        etag: Some("\"v2\"".into()),
        last_modified: None,
    };
    let fx = app.update(Msg::Poll(PollEvent::Done {
        feed_id: 1,
        outcome: PollOutcome::Updated {
            feed: ParsedFeed::default(),
            validators: validators.clone(),
            moved_to: Some("https://moved.example/feed.xml".into()),
        },
        elapsed: Duration::from_millis(5),
        hints: Default::default(),
    }));
    assert!(matches!(&fx[..], [Effect::Ingest { feed_id: 1, .. }]));
    assert_eq!(
        app.store().feed(1).map(|f| f.fetch_url.as_str()),
        Some("https://moved.example/feed.xml")
    );
    assert_eq!(
        app.store().feed(1).map(|f| f.validators.clone()),
        Some(validators)
    );

    // The database answers with a new article: it appears, the selection stays on article 3.
    let mut fresh = headline(99, 1, 1, "Breaking: bridge reopens");
    fresh.flags = Default::default();
    app.update(Msg::Db(DbEvent::Ingested {
        feed_id: 1,
        report: IngestReport {
            new: 1,
            categories: vec![],
            upserted: vec![fresh],
            pruned: vec![6],
        },
    }));
    assert_eq!(app.list(), vec![99, 1, 2, 3, 4, 5]);
    assert_eq!(app.list()[app.list_cursor().sel], 3);
    app.update(Msg::Poll(PollEvent::Done {
        feed_id: 2,
        outcome: PollOutcome::NotModified,
        elapsed: Duration::ZERO,
        hints: Default::default(),
    }));
    assert!(!app.refresh().active());
    let msg = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(msg, "Refreshed 3 feeds: 1 new article, 1 failed");
}

#[test]
fn tick_polls_due_feeds_once() {
    let mut app = app(80, 24);
    // Statuses are a minute old and the interval is 30 minutes: nothing is due.
    assert!(app.update(Msg::Tick(NOW)).is_empty());
    let fx = app.update(Msg::Tick(NOW + 1800));
    assert!(matches!(&fx[..], [Effect::Poll(jobs)] if jobs.len() == 3));
    assert!(
        app.update(Msg::Tick(NOW + 1801)).is_empty(),
        "not again while in flight or before the interval"
    );
}

#[test]
fn key_release_events_are_ignored() {
    let mut app = app(80, 24);
    let release = KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    app.update(Msg::Key(release));
    assert_eq!(app.feeds_cursor().sel, 0);
}

#[test]
fn tab_switches_focus_and_j_scrolls_the_article() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    let long: String = (0..80).map(|i| format!("<p>Paragraph {i}</p>")).collect();
    answer_bodies(&mut app, &fx, &long);
    assert_eq!(app.focus(), Focus::Article);
    press(&mut app, "jjj");
    assert_eq!(app.article().map(|a| a.scroll), Some(3));
    assert_eq!(app.list_cursor().sel, 0, "the list did not move");
    press(&mut app, "\tj");
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.list_cursor().sel, 1);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    let list = app.areas().list;
    let click = |row: u16| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(click(list.y + 2));
    assert_eq!(app.list_cursor().sel, 2);
    let fx = app.update(click(list.y + 2));
    assert!(fx.contains(&Effect::LoadBody(3)), "second click opens");
    let wheel = Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: list.y,
        modifiers: KeyModifiers::NONE,
    });
    app.update(wheel);
    assert_eq!(app.list_cursor().sel, 5);
}

#[test]
fn narrow_stacks_and_wide_splits_and_resize_rerenders() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, "<p>Some text that wraps</p>");
    let a = app.areas();
    let art = a.article.expect("article pane");
    assert!(
        art.y > a.list.y && art.x == a.list.x,
        "stacked at 80 columns: {a:?}"
    );
    app.update(Msg::Resize(160, 48));
    let a = app.areas();
    let art = a.article.expect("article pane");
    assert!(
        art.x > a.list.x && art.y == a.list.y,
        "side by side at 160 columns: {a:?}"
    );
    let width = app
        .article()
        .and_then(|o| o.rendered.as_ref())
        .map(|r| r.width);
    assert_eq!(width, Some(art.width - 2), "re-rendered for the new width");
}

#[test]
fn help_opens_and_closes() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    assert!(app.mode().help_scroll().is_some());
    press(&mut app, "j"); // scrolls help, not the list
    assert_eq!(app.feeds_cursor().sel, 0);
    press(&mut app, "q");
    assert!(app.mode().help_scroll().is_none());
    assert!(!app.quitting());
}

#[test]
fn capital_o_cycles_the_sort_order_and_asks_to_remember_it() {
    use tidings::store::SortOrder;
    let mut app = app(80, 24);
    press(&mut app, "\nj"); // All, article 2 selected
    let fx = press(&mut app, "O");
    assert_eq!(
        fx,
        vec![Effect::SaveSortOrders(vec![(
            tidings::views_file::ViewKey::All,
            SortOrder::Oldest
        )])]
    );
    assert_eq!(app.list(), vec![6, 5, 4, 3, 2, 1]);
    assert_eq!(
        app.list()[app.list_cursor().sel],
        2,
        "the selection follows its article"
    );
    press(&mut app, "OO"); // by feed, then by title
    assert_eq!(app.order(), SortOrder::Title);
    assert_eq!(app.list()[0], 3, "Council approves… comes first by title");
    press(&mut app, "O");
    assert_eq!(app.order(), SortOrder::UnreadFirst);
    assert_eq!(app.list().last(), Some(&3), "the only read article is last");
    // Another view keeps its own order; coming back restores this one.
    press(&mut app, "qjjj\n");
    assert_eq!(app.order(), SortOrder::Newest);
    press(&mut app, "qkkk\n");
    assert_eq!(*app.view(), View::All);
    assert_eq!(app.order(), SortOrder::UnreadFirst);
}

/// `/` on the feed list jumps to a feed by name (the letters no longer run commands: "meduza"
/// holds `u`, `a`…); Enter opens it, Esc puts the cursor back. `F` there filters All articles.
#[test]
fn slash_on_the_feed_list_jumps_to_a_feed_and_f_filters_everything() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "/medu");
    assert!(fx.is_empty(), "no command ran: {fx:?}");
    assert_eq!(
        app.feed_row_view(app.feeds_cursor().sel),
        Some(View::Feed(2))
    );
    assert!(
        app.store().headlines().filter(|h| h.flags().read()).count() == 1,
        "nothing marked"
    );
    app.update(code(KeyCode::Esc));
    assert_eq!(app.feeds_cursor().sel, 0, "Esc puts the cursor back");
    assert!(app.mode().prompt().is_none());
    press(&mut app, "/SPIEGEL");
    app.update(code(KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Headlines);
    assert_eq!(*app.view(), View::Feed(3));
    assert_eq!(app.list(), vec![5]);

    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Feeds);
    press(&mut app, "jj");
    press(&mut app, "Fbookmarked");
    assert_eq!(
        *app.view(),
        View::All,
        "F on the feed list filters All articles"
    );
    assert_eq!(app.list(), vec![4]);
}

/// `A` marks the view read; `U` takes it back (and `u`, `b`), and the title bar counts the
/// rows the list shows.
#[test]
fn undo_takes_back_the_last_marking_and_the_header_counts_what_is_shown() {
    use ratatui::{Terminal, backend::TestBackend};
    let header = |app: &tidings::app::App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        t.draw(|f| tidings::ui::render(app, f)).expect("draw");
        (0..80)
            .map(|x| t.backend().buffer()[(x, 0)].symbol().to_string())
            .collect::<String>()
    };
    let mut app = app(80, 24);
    press(&mut app, "j\n"); // Unread: five articles
    assert_eq!(app.list().len(), 5);
    assert!(
        header(&app).contains("5 unread · 5 articles"),
        "{}",
        header(&app)
    );
    let fx = press(&mut app, "A");
    // Five marks, then every feed left without unread articles caught up.
    assert!(
        matches!(fx.as_slice(), [Effect::Persist(c)]
            if c.iter().filter(|c| matches!(c, Change::Read(_, true))).count() == 5
                && c[5..].iter().all(|c| matches!(c, Change::CaughtUp(_)))),
        "{fx:?}"
    );
    assert_eq!(
        app.list().len(),
        5,
        "read rows stay in Unread until it is reopened"
    );
    assert!(
        header(&app).contains("0 unread · 5 articles"),
        "{}",
        header(&app)
    );

    let fx = press(&mut app, "U");
    match fx.as_slice() {
        [Effect::Persist(c)] => {
            assert_eq!(c.len(), 5);
            assert!(c.iter().all(|c| matches!(c, Change::Read(_, false))));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.store().counts(tidings::store::View::Unread).total, 5);
    assert!(header(&app).contains("5 unread · 5 articles"));
    press(&mut app, "U");
    let said = app.message().map(|m| m.text.clone());
    assert_eq!(said.as_deref(), Some("Nothing to undo"));

    // b then U: the bookmark is gone again.
    let id = app.list()[0];
    press(&mut app, "b");
    assert!(
        app.store()
            .headline(id)
            .is_some_and(|h| h.flags().bookmarked())
    );
    press(&mut app, "U");
    assert!(
        app.store()
            .headline(id)
            .is_some_and(|h| !h.flags().bookmarked())
    );

    // A filter narrows the header's counts with the list.
    press(&mut app, "qk\nFfeed:bbc");
    app.update(code(KeyCode::Enter));
    assert!(
        header(&app).contains("2 unread · 3 articles"),
        "{}",
        header(&app)
    );
}

/// `X` deletes the article under the cursor (or the open one) from every list and saves
/// that; `U` brings it back where it was.
#[test]
fn x_deletes_an_article_and_u_brings_it_back() {
    let mut app = app(80, 24);
    press(&mut app, "\nj");
    assert_eq!(app.list(), vec![1, 2, 3, 4, 5, 6]);
    let fx = press(&mut app, "X");
    assert_eq!(fx, vec![Effect::Persist(vec![Change::Deleted(2, true)])]);
    assert_eq!(app.list(), vec![1, 3, 4, 5, 6]);
    assert!(app.store().headline(2).is_none());
    assert_eq!(
        app.list()[app.list_cursor().sel],
        3,
        "the cursor moves to the next one"
    );
    assert_eq!(app.store().counts(tidings::store::View::Feed(2)).total, 1);

    press(&mut app, "\n");
    assert_eq!(app.article().map(|a| a.id), Some(3));
    // The Delete key does what X does.
    let fx = app.update(code(KeyCode::Delete));
    assert_eq!(fx, vec![Effect::Persist(vec![Change::Deleted(3, true)])]);
    assert!(app.article().is_none(), "the open article closes");

    let fx = press(&mut app, "U");
    assert_eq!(fx, vec![Effect::Persist(vec![Change::Deleted(3, false)])]);
    assert_eq!(app.list(), vec![1, 3, 4, 5, 6]);
    assert!(
        app.store().headline(3).is_some_and(|h| h.flags().read()),
        "flags as before"
    );
    press(&mut app, "q");
    assert_eq!(app.store().counts(tidings::store::View::All).total, 5);
}

/// A snapshot of other processes' writes read before this reader's own failed poll was
/// stored must not make the feed look "not fetched yet" again; a newer one is taken.
#[test]
fn an_older_snapshot_does_not_undo_a_feed_status_this_reader_knows() {
    use tidings::db::{FeedState, Snapshot};
    let mut app = app(80, 24);
    let headlines: Vec<_> = app.store().headlines().map(|h| h.to_headline()).collect();
    let snapshot = |status: FeedStatus| Snapshot {
        headlines: headlines.clone(),
        categories: Default::default(),
        feeds: vec![FeedState {
            id: 3,
            status,
            ..Default::default()
        }],
    };
    let known = app.store().feed(3).map(|f| f.status.clone());
    assert!(matches!(known, Some(FeedStatus::Error { .. })));
    app.update(Msg::Db(DbEvent::External {
        seq: 0,
        snapshot: snapshot(FeedStatus::Never),
    }));
    assert_eq!(app.store().feed(3).map(|f| f.status.clone()), known);
    app.update(Msg::Db(DbEvent::External {
        seq: 0,
        snapshot: snapshot(FeedStatus::Ok { at: NOW }),
    }));
    assert_eq!(
        app.store().feed(3).map(|f| f.status.clone()),
        Some(FeedStatus::Ok { at: NOW }),
        "polled since by another process"
    );
}

/// `z`: the open article takes the whole screen (the list is hidden, keys scroll the
/// article), the next article opens the same way, and `z` again brings the list back.
#[test]
fn z_gives_the_article_the_whole_screen_and_back() {
    let mut app = app(80, 24);
    press(&mut app, "\n\n");
    let stacked = app.areas().article.expect("article pane");
    assert!(stacked.height < 20);
    press(&mut app, "z");
    let full = app.areas().article.expect("article pane");
    assert_eq!((full.y, full.height, full.width), (1, 22, 80));
    assert_eq!(app.areas().list.height, 0);
    assert_eq!(app.focus(), Focus::Article);
    press(&mut app, "J");
    assert_eq!(
        app.areas().article.map(|a| a.height),
        Some(22),
        "stays for the next one"
    );
    press(&mut app, "z");
    assert_eq!(app.areas().article, Some(stacked));
    // Side by side as well.
    app.update(Msg::Resize(160, 40));
    press(&mut app, "z");
    assert_eq!(app.areas().article.map(|a| a.width), Some(160));
}

/// On the feed list: `X` asks before unsubscribing (only `y` does), `E` edits the name in
/// place, `[`/`]` move the feed; each is an edit of config.toml for the runner.
#[test]
fn feeds_are_unsubscribed_renamed_and_moved_from_the_feed_list() {
    use tidings::app::FeedEdit;
    let mut app = app(80, 24);
    press(&mut app, "jjjj"); // Meduza, the second feed
    assert_eq!(
        app.feed_row_view(app.feeds_cursor().sel),
        Some(View::Feed(2))
    );
    assert!(press(&mut app, "X").is_empty(), "nothing before the answer");
    assert!(app.mode().prompt().is_some());
    assert!(press(&mut app, "n").is_empty(), "n keeps the feed");
    assert!(app.mode().prompt().is_none());
    press(&mut app, "X");
    let url = "https://news.example/2.xml".to_string();
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::EditFeed(FeedEdit::Remove { url: url.clone() })]
    );

    press(&mut app, "E");
    assert_eq!(
        app.mode().prompt().map(|p| p.input.text.as_str()),
        Some("Meduza")
    );
    for _ in 0.."Meduza".len() {
        app.update(code(KeyCode::Backspace));
    }
    press(&mut app, "Медуза");
    assert_eq!(
        app.update(code(KeyCode::Enter)),
        vec![Effect::EditFeed(FeedEdit::Rename {
            url: url.clone(),
            title: Some("Медуза".into())
        })]
    );
    assert_eq!(
        press(&mut app, "["),
        vec![Effect::EditFeed(FeedEdit::Move {
            url: url.clone(),
            by: -1
        })]
    );
    assert_eq!(
        press(&mut app, "]"),
        vec![Effect::EditFeed(FeedEdit::Move { url, by: 1 })]
    );
    // Written: the file is read again at once, and an unsubscribed feed's articles go.
    let fx = app.update(Msg::FeedEdited {
        result: Ok("Unsubscribed".into()),
        forget: Some("https://news.example/2.xml".into()),
    });
    assert_eq!(
        fx,
        vec![
            Effect::CheckConfig {
                seq: 0,
                forced: true
            },
            Effect::ForgetFeed {
                url: "https://news.example/2.xml".into()
            }
        ]
    );
    let fx = app.update(Msg::FeedEdited {
        result: Err("config.toml: cannot replace".into()),
        forget: Some("https://news.example/2.xml".into()),
    });
    assert!(
        fx.is_empty(),
        "nothing is forgotten when the file was not changed"
    );
    // Not on a feed row: says what it needs.
    press(&mut app, "gX");
    assert!(app.mode().prompt().is_none());
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("Select a feed"), "{said}");
}

/// A tag's sort order belongs to the tag, not to its row: a tag added before it (tags are
/// sorted) does not move the order to another tag, and a views.json that still names tags
/// by position is read by the positions of the session that loads it.
#[test]
fn a_tags_sort_order_stays_with_the_tag_when_tags_change() {
    use tidings::store::SortOrder;
    use tidings::views_file::ViewKey;
    let mut app = app(80, 24);
    app.store_mut().feed_mut(1).expect("feed 1").tags = vec!["world".into()];
    app.store_mut().feed_mut(2).expect("feed 2").tags = vec!["world".into()];
    app.collect_tags();
    app.update(Msg::Tick(NOW));
    let world = (0..app.feed_rows())
        .find(|&i| {
            app.feed_row_view(i)
                .is_some_and(|v| app.view_title(&v) == "#world")
        })
        .expect("tag row");
    app.select_feed_row(world);
    press(&mut app, "\n");
    let fx = press(&mut app, "O");
    assert_eq!(
        fx,
        vec![Effect::SaveSortOrders(vec![(
            ViewKey::Tag("world".into()),
            SortOrder::Oldest
        )])]
    );
    press(&mut app, "q");
    // A new tag sorts before "world": the rows move, the order stays with "world".
    app.store_mut().feed_mut(3).expect("feed 3").tags = vec!["aardvark".into()];
    app.collect_tags();
    app.update(Msg::Tick(NOW));
    let row = |app: &tidings::app::App, name: &str| {
        (0..app.feed_rows())
            .find(|&i| {
                app.feed_row_view(i)
                    .is_some_and(|v| app.view_title(&v) == format!("#{name}"))
            })
            .expect("tag row")
    };
    app.select_feed_row(row(&app, "aardvark"));
    press(&mut app, "\n");
    assert_eq!(
        app.order(),
        SortOrder::Newest,
        "the new tag has no order of its own"
    );
    press(&mut app, "q");
    app.select_feed_row(row(&app, "world"));
    press(&mut app, "\n");
    assert_eq!(app.order(), SortOrder::Oldest);

    // An old file: "tag:0" is the first tag row of this session.
    app.load_sort_orders(vec![(ViewKey::TagAt(0), SortOrder::Title)]);
    press(&mut app, "q");
    app.select_feed_row(row(&app, "aardvark"));
    press(&mut app, "\n");
    assert_eq!(app.order(), SortOrder::Title);
}

/// `A` on a tag's or a saved view's row marks what that row lists, not every article.
#[test]
fn a_on_a_tag_or_saved_view_row_marks_only_its_articles() {
    use tidings::config::SavedView;
    let mut app = app(80, 24);
    app.store_mut().feed_mut(1).expect("feed 1").tags = vec!["world".into()];
    app.collect_tags();
    app.set_saved_views(&[SavedView {
        name: "Russian news".into(),
        filter: "feed:meduza".into(),
    }]);
    app.update(Msg::Tick(NOW));
    let row = |app: &tidings::app::App, title: &str| {
        (0..app.feed_rows())
            .find(|&i| {
                app.feed_row_view(i)
                    .is_some_and(|v| app.view_title(&v) == title)
            })
            .expect("row")
    };
    let all_before = app.store().counts(tidings::store::View::All).unread;
    let world = app.counts(&View::Tag("world".into()));
    assert!(world.unread > 0 && world.unread < all_before);
    app.select_feed_row(row(&app, "#world"));
    let fx = press(&mut app, "A");
    assert_eq!(
        fx,
        vec![Effect::Persist(vec![
            Change::Read(1, true),
            Change::Read(6, true),
            Change::CaughtUp(1)
        ])],
        "the tag's feed (BBC News) only"
    );
    assert_eq!(app.counts(&View::Tag("world".into())).unread, 0);
    assert_eq!(
        app.store().counts(tidings::store::View::All).unread,
        all_before - world.unread
    );

    let saved = app.counts(&View::Saved("Russian news".into()));
    assert!(saved.unread > 0);
    let before = app.store().counts(tidings::store::View::All).unread;
    app.select_feed_row(row(&app, "Russian news"));
    press(&mut app, "A");
    assert_eq!(app.counts(&View::Saved("Russian news".into())).unread, 0);
    assert_eq!(
        app.store().counts(tidings::store::View::All).unread,
        before - saved.unread,
        "only the saved view's matches"
    );
}

/// With `[sync]` the server polls the feeds: the reader never polls them; it syncs at
/// the first tick, then every refresh interval and on R, one sync at a time, and says how
/// it went.
#[test]
fn in_sync_mode_the_reader_syncs_instead_of_polling() {
    let is_poll = |fx: &[Effect]| fx.iter().any(|e| matches!(e, Effect::Poll(_)));
    let syncs = |fx: &[Effect]| fx.iter().filter(|e| matches!(e, Effect::Sync)).count();
    let mut app = app(80, 24);
    app.set_sync_mode(true, 1800);
    let fx = app.update(Msg::Tick(NOW));
    assert!(!is_poll(&fx), "{fx:?}");
    assert_eq!(syncs(&fx), 1);
    assert!(app.syncing());
    // R while one runs, and the next ticks: nothing more.
    assert!(press(&mut app, "R").is_empty());
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 60))), 0);
    let fx = app.update(Msg::Synced(Ok(
        "Synced with TT-RSS: 2 feeds, 5 new articles".into(),
    )));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::CheckConfig { forced: true, .. })),
        "the feed list is read again: {fx:?}"
    );
    assert!(!app.syncing());
    assert!(
        app.message()
            .is_some_and(|m| m.text.contains("5 new articles")),
        "{:?}",
        app.message()
    );
    let status = |app: &tidings::app::App| {
        let mut t =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
        t.draw(|f| tidings::ui::render(app, f)).expect("draw");
        (0..80)
            .map(|x| t.backend().buffer()[(x, 23)].symbol().to_string())
            .collect::<String>()
    };
    assert_eq!(syncs(&press(&mut app, "R")), 1);
    // Once the last summary has gone, a long pull shows how far it is (Google Reader says the count first; TT-RSS does
    // not, so only what came so far).
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 60 + 10))), 0);
    app.update(Msg::SyncProgress(tidings::sync::cycle::Progress {
        articles: 3400,
        total: Some(20000),
    }));
    assert!(
        status(&app).contains("⟳ Syncing: 3,400 of 20,000 articles stored ▕██▋ "),
        "{}",
        status(&app)
    );
    app.update(Msg::SyncProgress(tidings::sync::cycle::Progress {
        articles: 600,
        total: None,
    }));
    assert!(
        status(&app).contains("⟳ Syncing: 600 articles stored "),
        "{}",
        status(&app)
    );
    app.update(Msg::Synced(Err("cannot reach the server".into())));
    assert!(
        app.message()
            .is_some_and(|m| m.error && m.text.contains("Sync failed"))
    );
    assert_eq!(app.sync_error(), Some("cannot reach the server"));
    // The status line keeps the last failure once the message has gone.
    app.update(Msg::Tick(NOW + 60 + 25));
    assert!(
        status(&app).contains("last sync failed: cannot reach the server"),
        "{}",
        status(&app)
    );
    // Failures back off from 30 s, doubling, up to the interval (R was at NOW + 60).
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 60 + 29))), 0);
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 60 + 30))), 1);
    app.update(Msg::Synced(Err("cannot reach the server".into())));
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 90 + 59))), 0);
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 90 + 60))), 1);
    // A sync that goes through brings back the interval.
    app.update(Msg::Synced(Ok("Synced with TT-RSS: 2 feeds".into())));
    assert!(
        !status(&app).contains("last sync failed"),
        "{}",
        status(&app)
    );
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 150 + 1799))), 0);
    assert_eq!(syncs(&app.update(Msg::Tick(NOW + 150 + 1800))), 1);
    let mut plain = crate::common::app(80, 24);
    assert!(is_poll(&press(&mut plain, "R")), "without sync R polls");
}
