//! `x` in the reader: the article from its page in place of the feed's text, fetched off
//! the loop (an effect), "fetching…" meanwhile, a failure as one line over the feed's
//! text, and `x` again the feed's text.

use crate::common::*;
use tidings::app::{App, Effect, Msg};
use tidings::fulltext::Extracted;

fn shown(app: &App) -> String {
    let rendered = app
        .article()
        .and_then(|a| a.rendered.as_ref())
        .expect("rendered");
    tidings::render::to_plain(&rendered.lines)
}

fn page() -> Extracted {
    Extracted {
        title: Some("Storm closes harbour".into()),
        byline: Some("Ann Reporter".into()),
        published: None,
        lead: None,
        html: "<p>The whole article, from the page.</p><p>Second paragraph.</p>".into(),
    }
}

#[test]
fn x_shows_the_page_article_and_x_again_the_feeds_text() {
    let mut app = app(100, 30);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, "<p>Only the lead. Read more</p>");
    assert!(shown(&app).contains("Only the lead."));

    let fx = press(&mut app, "x");
    assert_eq!(
        fx,
        vec![Effect::FullText {
            id: 1,
            link: Some("https://news.example/articles/1".into()),
            feed_url: "https://news.example/1.xml".into(),
        }]
    );
    let text = shown(&app);
    assert!(text.contains("fetching the full article…"), "{text}");
    assert!(
        text.contains("Only the lead."),
        "the feed's text meanwhile: {text}"
    );

    app.update(Msg::FullText(1, Ok(page())));
    let text = shown(&app);
    assert!(text.contains("The whole article, from the page."), "{text}");
    assert!(text.contains("Second paragraph."), "{text}");
    assert!(!text.contains("fetching"), "{text}");

    // Back to the feed's text, and to the page again without a second fetch.
    assert!(press(&mut app, "x").is_empty());
    let text = shown(&app);
    assert!(!text.contains("from the page"), "{text}");
    assert!(text.contains("Only the lead."), "{text}");
    assert!(press(&mut app, "x").is_empty());
    assert!(shown(&app).contains("from the page"));
}

#[test]
fn a_failure_is_one_line_over_the_feeds_text() {
    let mut app = app(100, 30);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, "<p>Only the lead.</p>");
    assert_eq!(press(&mut app, "x").len(), 1);
    app.update(Msg::FullText(
        1,
        Err("could not fetch the page: HTTP 404 Not Found".into()),
    ));
    let text = shown(&app);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("404")).collect();
    assert_eq!(
        lines,
        ["no full text: could not fetch the page: HTTP 404 Not Found"],
        "{text}"
    );
    assert!(text.contains("Only the lead."), "{text}");
    // `x` tries again.
    assert_eq!(press(&mut app, "x").len(), 1);
    assert!(shown(&app).contains("fetching the full article…"));
}

#[test]
fn an_answer_for_another_article_changes_nothing() {
    let mut app = app(100, 30);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, "<p>Only the lead.</p>");
    press(&mut app, "x");
    app.update(Msg::FullText(2, Ok(page())));
    assert!(!shown(&app).contains("from the page"));
    assert!(shown(&app).contains("fetching the full article…"));
    // Without an open article, `x` asks for nothing.
    let mut app2 = app_closed();
    assert!(press(&mut app2, "x").is_empty());
}

fn app_closed() -> App {
    app(100, 30)
}

#[test]
fn new_articles_stored_ask_for_their_pages() {
    use tidings::db::IngestReport;
    use tidings::db::writer::DbEvent;
    let mut app = app(100, 30);
    let mut fresh = headline(99, 1, 1, "Breaking: bridge reopens");
    fresh.flags = Default::default();
    let fx = app.update(Msg::Db(DbEvent::Ingested {
        feed_id: 1,
        report: IngestReport {
            new: 1,
            categories: vec![],
            upserted: vec![fresh.clone()],
            pruned: vec![],
        },
    }));
    assert_eq!(
        fx,
        vec![Effect::ReadPages {
            feed_id: 1,
            feed_url: "https://news.example/1.xml".into()
        }]
    );
    // Only changed articles: nothing to read.
    let fx = app.update(Msg::Db(DbEvent::Ingested {
        feed_id: 1,
        report: IngestReport {
            new: 0,
            categories: vec![],
            upserted: vec![fresh],
            pruned: vec![],
        },
    }));
    assert!(fx.is_empty(), "{fx:?}");
}
