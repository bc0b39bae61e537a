//! Whole screens on a TestBackend at 80×24 and 160×48, with a fixed clock and zone.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use tidings::app::App;

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

const BODY: &str = "<p>The storm surge <em>peaked</em> at <strong>4.2 m</strong> on Tuesday, \
    <a href=\"https://news.example/live\">the live page</a> reports.</p>\
    <p><img src=\"https://news.example/p.jpg\" alt=\"Flooded quay\"></p>\
    <ul><li>Rail services suspended</li><li>Schools closed</li></ul>";

#[test]
fn feed_list_80x24() {
    let app = app(80, 24);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn feed_list_marks_errors_in_red() {
    let mut app = app(80, 24);
    press(&mut app, "jjjjj"); // Der Spiegel, which failed
    let t = draw(&app);
    let buf = t.backend().buffer();
    // Row 1 is the title bar; feed rows start at y=1: three views, then BBC, Meduza, Spiegel.
    assert_eq!(buf[(1, 6)].symbol(), "!");
    assert_eq!(buf[(1, 6)].fg, Color::LightRed);
    let footer: String = (0..80).map(|x| buf[(x, 22)].symbol().to_string()).collect();
    assert!(footer.contains("HTTP 503 Service Unavailable"), "{footer}");
}

#[test]
fn headlines_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn article_stacked_80x24() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, BODY);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn article_side_by_side_160x48() {
    let mut app = app(160, 48);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, BODY);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn selected_headline_is_highlighted() {
    let mut app = app(80, 24);
    press(&mut app, "\nj");
    let t = draw(&app);
    let buf = t.backend().buffer();
    assert_eq!(buf[(20, 2)].bg, Color::Blue, "second row selected");
    assert_ne!(buf[(20, 1)].bg, Color::Blue);
}

#[test]
fn tiny_terminal_does_not_panic() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 10)] {
        let mut app = app(w, h);
        let fx = press(&mut app, "\n\n");
        answer_bodies(&mut app, &fx, BODY);
        draw(&app);
        press(&mut app, "?");
        draw(&app);
    }
}

#[test]
fn an_empty_feed_that_failed_says_why() {
    use tidings::store::Store;
    let world = world();
    let feeds = world.feeds().to_vec();
    let hs: Vec<_> = world
        .headlines()
        .filter(|h| h.feed_id != 3)
        .cloned()
        .collect();
    let mut app = tidings::app::App::new(
        Store::new(feeds, hs),
        tidings::app::keymap::Keymap::default(),
        tidings::timefmt::Zone::utc(),
        NOW,
        (80, 24),
    );
    press(&mut app, "jjjjj\n");
    let t = draw(&app);
    let row: String = (0..80)
        .map(|x| t.backend().buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert!(
        row.contains("The last refresh failed (29 Jan 2025 00:36): HTTP 503"),
        "{row}"
    );
}
