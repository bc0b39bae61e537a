//! Which link `y`, `o`, `S` and the share menu use: the article's, else an episode's media
//! file; and what they say when there is nothing to act on.

use crate::common;

use common::*;
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Mode, Msg, Screen};
use tidings::model::{ArticleBody, Enclosure, Flags};
use tidings::store::Store;
use tidings::timefmt::Zone;

const MP3: &str = "https://cdn.example/episodes/42.mp3";

/// One podcast feed whose only episode has an enclosure and no `<link>`.
fn podcast(enclosure_url: &str) -> (App, ArticleBody) {
    let mut h = headline(1, 1, 5, "Episode 42: Tides");
    h.link = None;
    h.flags = Flags::new(false, false, true);
    let store = Store::new(vec![feed(1, "Harbour Podcast")], vec![h]);
    let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (80, 24));
    // All articles, the episode selected.
    press(&mut app, "\n");
    assert_eq!(app.screen(), Screen::Headlines);
    let body = ArticleBody {
        summary: Some("<p>Show notes.</p>".into()),
        content: None,
        enclosures: vec![Enclosure {
            url: enclosure_url.into(),
            mime: Some("audio/mpeg".into()),
            length: None,
            duration_secs: None,
        }],
        categories: Vec::new(),
        picture: None,
    };
    (app, body)
}

/// Carries out LoadBodyForShare the way the runner does.
fn with_body(app: &mut App, fx: Vec<Effect>, body: &ArticleBody) -> Vec<Effect> {
    let mut out = Vec::new();
    for e in fx {
        match e {
            Effect::LoadBodyForShare(id, kind) => out.extend(app.update(Msg::ShareBody {
                id,
                kind,
                body: Ok(Some(body.clone())),
            })),
            other => out.push(other),
        }
    }
    out
}

fn message(app: &App) -> String {
    app.message()
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_episode_without_a_link_shares_its_media_url() {
    let (mut app, body) = podcast(MP3);
    let fx = press(&mut app, "y");
    let fx = with_body(&mut app, fx, &body);
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text == MP3),
        "y from the list: {fx:?} {}",
        message(&app)
    );
    let fx = press(&mut app, "o");
    let fx = with_body(&mut app, fx, &body);
    assert_eq!(fx, vec![Effect::OpenUrl(MP3.into())], "{}", message(&app));
    let fx = press(&mut app, "S");
    with_body(&mut app, fx, &body);
    assert!(
        matches!(app.mode(), Mode::Qr { url, .. } if url == MP3),
        "{:?}",
        app.mode()
    );
    press(&mut app, "x");
    press(&mut app, "s");
    let fx = press(&mut app, "c");
    let fx = with_body(&mut app, fx, &body);
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text == MP3),
        "s c: {fx:?}"
    );

    // The same with the episode open.
    let fx = press(&mut app, "\n");
    for e in &fx {
        if let Effect::LoadBody(id) = e {
            app.update(Msg::Body(*id, Ok(Some(body.clone()))));
        }
    }
    let fx = press(&mut app, "y");
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text == MP3),
        "y while reading: {fx:?}"
    );
}

#[test]
fn only_an_http_enclosure_stands_in_for_the_link() {
    let (mut app, body) = podcast("file:///etc/passwd");
    let fx = press(&mut app, "y");
    let fx = with_body(&mut app, fx, &body);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(message(&app).contains("no link"), "{}", message(&app));
    let fx = press(&mut app, "o");
    let fx = with_body(&mut app, fx, &body);
    assert!(fx.is_empty(), "{fx:?}");
}

#[test]
fn on_the_feed_list_article_keys_say_what_they_need() {
    let mut app = app(80, 24);
    assert_eq!(app.screen(), Screen::Feeds);
    for (k, want) in [
        ("y", "Select an article to copy its link"),
        ("o", "Select an article to open its link"),
        ("S", "Select an article to show its link as a QR code"),
        ("s", "Select an article to share it"),
    ] {
        let fx = press(&mut app, k);
        assert!(fx.is_empty(), "{k}: {fx:?}");
        assert_eq!(message(&app), want, "{k}");
        assert!(!app.mode().is_overlay(), "{k}");
    }
}

#[test]
fn the_copy_key_on_a_qr_code_copies_the_link_shown() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\nS");
    let fx = with_body(&mut app, fx, &body("<p>x</p>"));
    assert!(fx.is_empty(), "{fx:?}");
    let Mode::Qr { url, .. } = app.mode().clone() else {
        panic!("no QR: {:?}", app.mode());
    };
    let fx = press(&mut app, "y");
    assert_eq!(
        fx,
        vec![Effect::Copy {
            text: url,
            what: "link".into()
        }]
    );
    assert!(!app.mode().is_overlay());
}

#[test]
fn a_link_too_long_for_a_qr_code_offers_the_key_that_copies_it() {
    let mut app = app(80, 24);
    let url = format!("https://news.example/{}", "a".repeat(900));
    app.show_qr(
        url.clone(),
        "over SSH: scan to write the mail on your phone".into(),
    );
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tb");
    t.draw(|f| tidings::ui::render(&app, f)).expect("draw");
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>();
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("too long for a QR code"), "{flat}");
    assert!(flat.contains("press y to copy it"), "{flat}");
    assert!(!flat.contains("copy it with y"), "{flat}");
    let fx = press(&mut app, "y");
    assert_eq!(
        fx,
        vec![Effect::Copy {
            text: url,
            what: "link".into()
        }]
    );
}
