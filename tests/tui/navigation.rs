//! Moving between articles: J/K from the open article, and the article pane following the
//! list cursor when it is shown beside the list. Keys go through `update`.

use crate::common;

use common::*;
use tidings::app::{App, Effect, Focus, Screen};
use tidings::db::Change;

fn loaded(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadBody(id) => Some(*id),
            _ => None,
        })
        .collect()
}

fn read_changes(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .flat_map(|e| match e {
            Effect::Persist(changes) => changes
                .iter()
                .filter_map(|c| match c {
                    Change::Read(id, true) => Some(*id),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn open_id(app: &App) -> Option<i64> {
    app.article().map(|a| a.id)
}

fn is_read(app: &App, id: i64) -> bool {
    app.store().headline(id).is_some_and(|h| h.flags().read())
}

/// All articles (ids 1..=6, newest first), the first one open.
fn reading(w: u16, h: u16) -> App {
    let mut app = app(w, h);
    press(&mut app, "\n\n");
    assert_eq!(app.screen(), Screen::Headlines);
    assert_eq!(open_id(&app), Some(1));
    app
}

#[test]
fn capital_j_and_k_go_from_the_open_article_not_the_list_cursor() {
    // 80×24: the article is stacked under the list, whose cursor moves on its own.
    let mut app = reading(80, 24);
    press(&mut app, "\tjjj\t"); // cursor on 4, article 1 still open
    assert_eq!(open_id(&app), Some(1));
    let fx = press(&mut app, "J");
    assert_eq!(loaded(&fx), vec![2], "the article after the open one");
    assert_eq!(open_id(&app), Some(2));
    assert_eq!(
        app.list()[app.list_cursor().sel],
        2,
        "the cursor follows it"
    );

    press(&mut app, "\tjjj\t"); // cursor on 5, article 2 open
    let fx = press(&mut app, "K");
    assert_eq!(loaded(&fx), vec![1], "the article before the open one");
    assert_eq!(open_id(&app), Some(1));
    press(&mut app, "K");
    let said = app.message().map(|m| m.text.clone());
    assert_eq!(said.as_deref(), Some("First article"));
}

#[test]
fn wide_article_pane_previews_the_article_under_the_cursor_without_reading_it() {
    let mut app = reading(160, 48);
    assert!(
        app.areas()
            .article
            .is_some_and(|a| a.x > app.areas().list.x)
    );
    press(&mut app, "\t");
    assert_eq!(app.focus(), Focus::List);

    let fx = press(&mut app, "j");
    assert_eq!(
        loaded(&fx),
        vec![2],
        "the pane shows the article under the cursor"
    );
    assert_eq!(open_id(&app), Some(2));
    assert!(read_changes(&fx).is_empty(), "{fx:?}");
    assert!(!is_read(&app, 2), "a preview is not reading");
    assert_eq!(app.focus(), Focus::List, "the cursor stays in the list");

    let fx = press(&mut app, "j");
    assert_eq!(loaded(&fx), vec![3]);
    let fx = press(&mut app, "j");
    assert_eq!((loaded(&fx), open_id(&app)), (vec![4], Some(4)));
    assert!(!is_read(&app, 2) && !is_read(&app, 4));

    // Enter opens it: now it is read.
    let fx = press(&mut app, "\n");
    assert_eq!(read_changes(&fx), vec![4]);
    assert_eq!(app.focus(), Focus::Article);

    // Tab into a previewed article is reading it too.
    press(&mut app, "\tj");
    assert_eq!(open_id(&app), Some(5));
    assert!(!is_read(&app, 5));
    let fx = press(&mut app, "\t");
    assert_eq!(read_changes(&fx), vec![5]);
    assert!(is_read(&app, 5));
}

#[test]
fn stacked_article_pane_stays_while_the_cursor_moves() {
    let mut app = reading(80, 24);
    let fx = press(&mut app, "\tj");
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(open_id(&app), Some(1));
}
