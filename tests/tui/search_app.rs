//! `/` search and `F` filter through `update`, and how they look.

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use std::collections::{HashMap, HashSet};
use tidings::app::{App, Effect, Msg};

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(app.update(key(c)));
    }
    fx
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

#[test]
fn search_narrows_as_you_type_and_esc_restores() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    assert!(app.mode().prompt().is_some());
    let fx = typed(&mut app, "harb");
    assert_eq!(app.list(), vec![1], "only the harbour story");
    assert!(
        matches!(fx.last(), Some(Effect::BodySearch { terms, .. }) if terms == &vec!["harb".to_string()])
    );
    app.update(code(KeyCode::Esc));
    assert!(app.mode().prompt().is_none() && app.search().is_none());
    assert_eq!(app.list(), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn enter_keeps_the_search_and_q_clears_it_before_going_back() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    typed(&mut app, "council");
    app.update(code(KeyCode::Enter));
    assert!(app.mode().prompt().is_none());
    assert_eq!(app.list(), vec![3]);
    press(&mut app, "q");
    assert_eq!(app.list().len(), 6, "q first restores the view");
    assert_eq!(app.screen(), tidings::app::Screen::Headlines);
}

#[test]
fn words_found_only_in_bodies_arrive_from_the_index() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    let fx = typed(&mut app, "surge");
    assert!(app.list().is_empty());
    let seq = match fx.last() {
        Some(Effect::BodySearch { seq, .. }) => *seq,
        other => panic!("{other:?}"),
    };
    let hits = |ids: &[i64]| -> HashMap<String, HashSet<i64>> {
        HashMap::from([("surge".to_string(), ids.iter().copied().collect())])
    };
    app.update(Msg::BodyHits {
        seq: seq - 1,
        hits: hits(&[2]),
    });
    assert!(app.list().is_empty(), "a stale answer is dropped");
    app.set_dirty(false);
    app.update(Msg::BodyHits {
        seq,
        hits: hits(&[4, 6]),
    });
    assert_eq!(app.list(), vec![4, 6]);
    assert!(
        app.dirty(),
        "the new list is drawn without waiting for a key"
    );
}

#[test]
fn search_is_case_insensitive_across_scripts() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    typed(&mut app, "МИНИСТР");
    assert_eq!(app.list(), vec![4]);
    app.update(code(KeyCode::Esc));
    press(&mut app, "/");
    typed(&mut app, "brücke");
    assert_eq!(app.list(), vec![5]);
}

#[test]
fn filter_prompt_applies_the_grammar_and_points_at_errors() {
    let mut app = app(80, 24);
    press(&mut app, "\nF");
    typed(&mut app, "unread feed:bbc");
    assert_eq!(app.list(), vec![1, 6]);
    app.update(code(KeyCode::Enter));
    assert_eq!(
        app.filter().map(|f| f.text.as_str()),
        Some("unread feed:bbc")
    );
    let t = draw(&app);
    let status: String = (0..80)
        .map(|x| t.backend().buffer()[(x, 23)].symbol().to_string())
        .collect();
    assert!(
        status.to_lowercase().contains("filter: unread feed:bbc"),
        "{status}"
    );

    press(&mut app, "F");
    for _ in 0.."unread feed:bbc".len() {
        app.update(code(KeyCode::Backspace));
    }
    typed(&mut app, "(read or bookmarked");
    let err = app
        .mode()
        .prompt()
        .and_then(|p| p.error.clone())
        .expect("an error");
    assert_eq!(err.pos, 0, "points at the unclosed parenthesis: {err:?}");
    assert_eq!(
        app.list().len(),
        6,
        "the list keeps the last valid filter (empty while retyping)"
    );
    app.update(code(KeyCode::Enter));
    assert!(
        app.mode().prompt().is_some(),
        "Enter on an invalid filter keeps the prompt open"
    );
    let t = draw(&app);
    let above: String = (0..80)
        .map(|x| t.backend().buffer()[(x, 22)].symbol().to_string())
        .collect();
    assert!(
        above.contains('^') && above.contains(&err.message),
        "{above}"
    );
    typed(&mut app, ")");
    app.update(code(KeyCode::Enter));
    assert!(app.mode().prompt().is_none());
    assert_eq!(app.list(), vec![3, 4], "read or bookmarked");
}

#[test]
fn n_and_capital_n_step_through_matches_in_the_article() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    typed(&mut app, "storm");
    app.update(code(KeyCode::Enter));
    let fx = press(&mut app, "\n");
    let body: String = (0..40)
        .map(|i| {
            if i % 10 == 9 {
                format!("<p>storm line {i}</p>")
            } else {
                format!("<p>calm line {i}</p>")
            }
        })
        .collect();
    answer_bodies(&mut app, &fx, &body);
    let scroll = |app: &App| app.article().map(|a| a.scroll).unwrap_or(0);
    press(&mut app, "n");
    let first = scroll(&app);
    assert!(first > 0);
    press(&mut app, "n");
    assert!(scroll(&app) > first);
    press(&mut app, "N");
    assert_eq!(scroll(&app), first);
}

#[test]
fn search_prompt_with_highlighted_results_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "\n/");
    typed(&mut app, "ri");
    let t = draw(&app);
    insta::assert_snapshot!(t.backend());
    // "ri" is highlighted in the titles that hold it ("river", "restoration" has no "ri").
    let buf = t.backend().buffer();
    let row: Vec<(String, Color)> = (0..80)
        .map(|x| (buf[(x, 1)].symbol().to_string(), buf[(x, 1)].bg))
        .collect();
    let marked: String = row
        .iter()
        .filter(|(_, bg)| *bg == Color::Yellow)
        .map(|(s, _)| s.as_str())
        .collect();
    assert!(marked.contains("ri"), "{row:?}");
}

#[test]
fn saved_views_list_their_articles_and_counts_follow_new_ones() {
    use tidings::app::View;
    use tidings::config::SavedView;
    use tidings::db::IngestReport;
    use tidings::db::writer::DbEvent;
    let mut app = app(80, 24);
    app.set_saved_views(&[
        SavedView {
            name: "Russian news".into(),
            filter: "feed:meduza".into(),
        },
        SavedView {
            name: "Fresh".into(),
            filter: "unread age:<20m".into(),
        },
    ]);
    assert_eq!(
        app.feed_row_view(3),
        Some(View::Saved("Russian news".into()))
    );
    assert_eq!(app.feed_row_view(5), Some(View::Feed(1)));
    assert_eq!(app.counts(&View::Saved("Russian news".into())).total, 2);
    assert_eq!(
        app.counts(&View::Saved("Fresh".into())).unread,
        2,
        "articles 1 and 2 are under 20 minutes old"
    );
    let t = draw(&app);
    let row: String = (0..80)
        .map(|x| t.backend().buffer()[(x, 4)].symbol().to_string())
        .collect();
    assert!(row.contains("Russian news") && row.contains("2/2"), "{row}");

    // A new Meduza article arrives: the count follows without opening the view.
    let mut fresh = headline(50, 2, 1, "Новая статья");
    fresh.flags = Default::default();
    app.update(Msg::Db(DbEvent::Ingested {
        feed_id: 2,
        report: IngestReport {
            new: 1,
            categories: vec![],
            upserted: vec![fresh],
            pruned: vec![],
        },
    }));
    assert_eq!(app.counts(&View::Saved("Russian news".into())).total, 3);
    assert_eq!(app.counts(&View::Saved("Fresh".into())).unread, 3);

    press(&mut app, "jjj\n");
    assert_eq!(*app.view(), View::Saved("Russian news".into()));
    assert_eq!(app.list(), vec![50, 2, 4]);
    press(&mut app, "\n"); // reading marks it read; the unread count follows
    assert_eq!(
        app.counts(&View::Saved("Russian news".into())).unread,
        2,
        "50 is read now; 2 and 4 are not"
    );
}

#[test]
fn tags_have_rows_with_counts_and_t_edits_them() {
    use tidings::app::View;
    let world = world();
    let mut feeds = world.feeds().to_vec();
    feeds[0].tags = vec!["news".into(), "en".into()];
    feeds[1].tags = vec!["news".into(), "ru".into()];
    let hs: Vec<_> = world.headlines().map(|h| h.to_headline()).collect();
    let mut app = App::new(
        tidings::store::Store::new(feeds, hs),
        tidings::app::keymap::Keymap::default(),
        tidings::timefmt::Zone::utc(),
        NOW,
        (80, 24),
    );
    assert_eq!(app.tags(), vec!["en", "news", "ru"]);
    assert_eq!(app.feed_row_view(4), Some(View::Tag("news".into())));
    assert_eq!(
        app.counts(&View::Tag("news".into())).total,
        5,
        "BBC (3) and Meduza (2)"
    );
    press(&mut app, "jjjj\n");
    assert_eq!(*app.view(), View::Tag("news".into()));
    assert_eq!(app.list(), vec![1, 2, 3, 4, 6]);

    // T on a feed row: the prompt holds its tags; Enter saves the new ones.
    press(&mut app, "q");
    for _ in 0..4 {
        press(&mut app, "j");
    }
    assert_eq!(
        app.feed_row_view(app.feeds_cursor().sel),
        Some(View::Feed(3)),
        "Der Spiegel"
    );
    press(&mut app, "T");
    typed(&mut app, "news de");
    let fx = app.update(code(KeyCode::Enter));
    assert_eq!(
        fx,
        vec![Effect::SaveFeedTags {
            url: "https://news.example/3.xml".into(),
            tags: vec!["news".into(), "de".into()]
        }]
    );
    assert_eq!(app.tags(), vec!["de", "en", "news", "ru"]);
    assert_eq!(
        app.counts(&View::Tag("news".into())).total,
        6,
        "news now includes Der Spiegel"
    );
}

struct Plain<'a>(
    &'a tidings::model::Headline,
    Option<&'a tidings::model::Feed>,
);

impl tidings::filter::Subject for Plain<'_> {
    fn title(&self) -> &str {
        &self.0.title
    }
    fn feed(&self) -> &str {
        self.1.map(|f| f.title.as_str()).unwrap_or("")
    }
    fn feed_url(&self) -> &str {
        self.1.map(|f| f.url.as_str()).unwrap_or("")
    }
    fn author(&self) -> Option<&str> {
        self.0.author.as_deref()
    }
    fn tags(&self) -> &[String] {
        &[]
    }
    fn has_category(&self, _: &str) -> bool {
        false
    }
    fn read(&self) -> bool {
        self.0.flags.read()
    }
    fn bookmarked(&self) -> bool {
        self.0.flags.bookmarked()
    }
    fn has_enclosure(&self) -> bool {
        self.0.flags.enclosure()
    }
    fn date(&self) -> i64 {
        self.0.date
    }
    fn body_contains(&self, _: &str) -> Option<bool> {
        None
    }
}

#[test]
fn narrowing_as_you_type_gives_what_a_fresh_search_gives() {
    let store = world();
    for query in [
        "storm closes",
        "co",
        "council app",
        "fe",
        "feed:bbc",
        "b or m",
        "-river",
        "ri ver",
    ] {
        let mut app = app(80, 24);
        press(&mut app, "\n/");
        let mut so_far = String::new();
        for c in query.chars() {
            so_far.push(c);
            app.update(key(c));
            let Ok(f) = tidings::filter::parse(&so_far) else {
                continue;
            };
            let expect: Vec<i64> = store
                .view_ids(tidings::store::View::All)
                .into_iter()
                .filter(|id| {
                    let h = store.headline(*id).expect("headline").to_headline();
                    f.matches(&Plain(&h, store.feed(h.feed_id)), NOW)
                })
                .collect();
            assert_eq!(app.list(), expect, "after typing {so_far:?}");
        }
    }
}

/// The feeds' own `<category>` values are in memory: `F category:…` narrows the reader,
/// a saved view on a category counts articles as they arrive, and pruned ones leave it.
#[test]
fn category_filters_work_in_the_reader_and_follow_ingest() {
    use tidings::app::View;
    use tidings::config::SavedView;
    use tidings::db::IngestReport;
    use tidings::db::writer::DbEvent;
    let mut app = app(80, 24);
    app.store_mut()
        .set_categories(vec![(1, vec!["Politik".into()]), (4, vec!["Économie".into()])].into());
    app.set_saved_views(&[SavedView {
        name: "Economy".into(),
        filter: "category:economie".into(),
    }]);
    assert_eq!(app.counts(&View::Saved("Economy".into())).total, 1);

    press(&mut app, "\nF");
    typed(&mut app, "category:POLITIK");
    app.update(code(KeyCode::Enter));
    assert_eq!(app.list(), vec![1]);

    let mut fresh = headline(60, 2, 1, "Рынки растут");
    fresh.flags = Default::default();
    app.update(Msg::Db(DbEvent::Ingested {
        feed_id: 2,
        report: IngestReport {
            new: 1,
            categories: vec![(60, vec!["economie".into(), "Markets".into()])],
            upserted: vec![fresh],
            pruned: vec![4],
        },
    }));
    assert_eq!(
        app.counts(&View::Saved("Economy".into())).total,
        1,
        "60 came in with the category, 4 was pruned"
    );
    let economy = app
        .store()
        .headlines()
        .filter(|h| app.store().categories().has(h.id(), "economie"))
        .map(|h| h.id())
        .collect::<Vec<_>>();
    assert_eq!(economy, vec![60]);
}

/// The reader draws its first frame before the categories are read; when they arrive, a
/// saved view on a category counts them and an open `category:` filter narrows to them.
#[test]
fn categories_arriving_after_the_first_frame_update_views_and_filters() {
    use tidings::app::View;
    use tidings::config::SavedView;
    use tidings::db::writer::DbEvent;
    let mut app = app(80, 24);
    app.set_saved_views(&[SavedView {
        name: "Economy".into(),
        filter: "category:economie".into(),
    }]);
    assert_eq!(app.counts(&View::Saved("Economy".into())).total, 0);
    press(&mut app, "\nF");
    typed(&mut app, "category:POLITIK");
    app.update(code(KeyCode::Enter));
    assert_eq!(app.list(), Vec::<i64>::new());

    app.update(Msg::Db(DbEvent::Categories(
        vec![
            (1, vec!["Politik".into()]),
            (3, vec!["politik".into(), "Économie".into()]),
            (4, vec!["Économie".into()]),
            (999, vec!["Économie".into()]),
        ]
        .into(),
    )));
    assert_eq!(app.counts(&View::Saved("Economy".into())).total, 2);
    assert_eq!(app.list(), vec![1, 3]);
    assert!(app.dirty());
}
