//! Pictures in the article pane: asked for as they come near the screen, a reserved box
//! while they load, half blocks once ready (drawn on a TestBackend), one line when they
//! fail, nothing asked with `images = "off"`, and the text at the top of the pane stays
//! put when a picture above it lands.

use crate::common::*;
use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};
use ratatui::style::Color;
use ratatui::{Terminal, backend::TestBackend};
use std::sync::Arc;
use tidings::app::pictures::{PictureAnswer, PictureSettings};
use tidings::app::{App, Effect, Msg};
use tidings::pictures::decode::DecodeLimits;
use tidings::pictures::shown::prepare;

const RED: Rgba<u8> = Rgba([255, 0, 0, 255]);
const BLUE: Rgba<u8> = Rgba([0, 0, 255, 255]);

/// Stripes one pixel high, red over blue: every cell is `▀`, red on blue.
fn striped_png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |_, y| if y % 2 == 0 { RED } else { BLUE });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(img)
        .write_to(&mut out, ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

fn asks(fx: &[Effect]) -> Vec<(String, u16, u16)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadPicture { url, cols, rows } => Some((url.clone(), *cols, *rows)),
            _ => None,
        })
        .collect()
}

/// Opens the first article with `html` as its body; the effects that follow the body.
fn open_with(app: &mut App, html: &str) -> Vec<Effect> {
    let fx = press(app, "\n\n");
    let mut out = Vec::new();
    for e in &fx {
        if let Effect::LoadBody(id) = e {
            out.extend(app.update(Msg::Body(*id, Ok(Some(body(html))))));
        }
    }
    out
}

/// The runner's answer: the picture made ready for the box asked for.
fn ready(app: &mut App, (url, cols, rows): &(String, u16, u16), png: &[u8]) -> Vec<Effect> {
    let shown = prepare(png, *cols, *rows, None, &DecodeLimits::default()).expect("picture");
    app.update(Msg::Picture(Box::new(PictureAnswer {
        url: url.clone(),
        cols: *cols,
        rows: *rows,
        result: Ok(Arc::new(shown)),
    })))
}

/// An app whose reader can load pictures, `max_rows` high at most.
fn app_with_pictures(max_rows: u16) -> App {
    let mut app = app(100, 30);
    app.set_picture_settings(PictureSettings { on: true, max_rows });
    app
}

fn lines(app: &App) -> Vec<String> {
    let rendered = app
        .article()
        .and_then(|a| a.rendered.as_ref())
        .expect("rendered");
    tidings::render::to_plain(&rendered.lines)
        .lines()
        .map(str::to_string)
        .collect()
}

fn index_of(lines: &[String], needle: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {lines:#?}"))
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

const ONE_PICTURE: &str = "<p>Before the picture.</p>\
    <p><img src=\"/img/harbour.png\" alt=\"The harbour\"></p><p>After the picture.</p>";

#[test]
fn a_picture_loads_in_a_reserved_box_then_draws_as_half_blocks() {
    let mut app = app_with_pictures(12);
    let fx = open_with(&mut app, ONE_PICTURE);
    let asked = asks(&fx);
    assert_eq!(asked.len(), 1, "{fx:?}");
    let ask = &asked[0];
    assert_eq!(ask.0, "https://news.example/img/harbour.png");
    assert_eq!(ask.2, 12, "image_height");

    // Meanwhile the box is kept, so the text below does not move when it lands.
    let text = lines(&app);
    let slot = index_of(&text, "[image: The harbour]");
    assert!(text[slot + 1].contains("loading picture…"), "{text:#?}");
    assert_eq!(index_of(&text, "After the picture."), slot + 1 + 12 + 1);
    assert!(press(&mut app, "j").is_empty(), "asked once");

    // 24 x 12 pixels: never enlarged, 24 columns by 6 rows of `▀`, red over blue.
    assert!(ready(&mut app, ask, &striped_png(24, 12)).is_empty());
    let text = lines(&app);
    let slot = index_of(&text, "[image: The harbour]");
    for row in 1..=6 {
        assert_eq!(text[slot + row].trim(), "▀".repeat(24), "{text:#?}");
    }
    assert_eq!(index_of(&text, "After the picture."), slot + 6 + 2);

    let t = draw(&app, 100, 30);
    let buf = t.backend().buffer();
    let (x, y) = (0..100u16)
        .flat_map(|x| (0..30u16).map(move |y| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "▀")
        .expect("half blocks on screen");
    assert_eq!(buf[(x, y)].fg, Color::Rgb(255, 0, 0));
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0, 0, 255));
    insta::assert_snapshot!("picture_half_blocks", t.backend());
}

#[test]
fn a_failed_picture_is_one_line_and_its_link_stays() {
    let mut app = app_with_pictures(12);
    let ask = asks(&open_with(&mut app, ONE_PICTURE)).remove(0);
    app.update(Msg::Picture(Box::new(PictureAnswer {
        url: ask.0.clone(),
        cols: ask.1,
        rows: ask.2,
        result: Err("picture fetch failed: HTTP 404".into()),
    })));
    let text = lines(&app);
    let slot = index_of(&text, "[image: The harbour]");
    assert!(
        text[slot].contains("[1]"),
        "its link number: {}",
        text[slot]
    );
    assert_eq!(
        text[slot + 1].trim(),
        "(picture not shown: picture fetch failed: HTTP 404)"
    );
    assert_eq!(index_of(&text, "After the picture."), slot + 3);
    let rendered = app.article().and_then(|a| a.rendered.as_ref()).expect("r");
    assert_eq!(rendered.links[0], ask.0, "o 1 opens the picture");
}

#[test]
fn with_images_off_nothing_is_fetched_and_the_alt_line_stays() {
    let mut app = app(100, 30);
    app.set_picture_settings(PictureSettings {
        on: false,
        max_rows: 12,
    });
    let fx = open_with(&mut app, ONE_PICTURE);
    assert!(asks(&fx).is_empty(), "{fx:?}");
    let text = lines(&app);
    let slot = index_of(&text, "[image: The harbour]");
    assert_eq!(index_of(&text, "After the picture."), slot + 2);
    assert!(!text.iter().any(|l| l.contains("loading picture")));
}

fn twenty_pictures() -> String {
    (1..=20)
        .map(|i| {
            format!("<p>Paragraph {i}.</p><p><img src=\"/img/{i}.png\" alt=\"Picture {i}\"></p>")
        })
        .collect()
}

#[test]
fn pictures_are_asked_for_as_they_come_near_the_screen() {
    let mut app = app_with_pictures(6);
    let first = asks(&open_with(&mut app, &twenty_pictures()));
    let n = first.len();
    assert!(
        (2..20).contains(&n),
        "only those within a screen of the pane: {first:?}"
    );
    assert_eq!(first[0].0, "https://news.example/img/1.png");
    // The end of the article: the last pictures are asked for, none twice.
    let later = asks(&press(&mut app, "G"));
    assert!(
        later
            .iter()
            .any(|a| a.0 == "https://news.example/img/20.png"),
        "{later:?}"
    );
    assert!(later.iter().all(|a| !first.contains(a)), "{later:?}");
    // Back to the top: those were asked for already.
    assert!(asks(&press(&mut app, "g")).is_empty());
}

#[test]
fn a_picture_landing_above_the_screen_does_not_move_the_text() {
    let mut app = app_with_pictures(6);
    let first = asks(&open_with(&mut app, &twenty_pictures()));
    // Scrolled down past the first picture, which has not arrived yet.
    press(&mut app, &"j".repeat(20));
    let top = |app: &App| {
        let open = app.article().expect("open");
        lines(app)[open.scroll].clone()
    };
    let before = top(&app);
    // 24 x 4 pixels: two rows instead of the six reserved.
    ready(&mut app, &first[0], &striped_png(24, 4));
    assert_eq!(top(&app), before);
    assert_eq!(
        app.article().expect("open").blocks[0].rows,
        2,
        "the box shrank"
    );
}

#[test]
fn with_every_picture_ready_a_key_press_asks_for_nothing() {
    let mut app = app_with_pictures(4);
    let png = striped_png(16, 8);
    // Read down the article, each picture answered as it is asked for.
    let mut pending = asks(&open_with(&mut app, &twenty_pictures()));
    for _ in 0..200 {
        while let Some(ask) = pending.pop() {
            pending.extend(asks(&ready(&mut app, &ask, &png)));
        }
        pending.extend(asks(&press(&mut app, "j")));
    }
    let open = app.article().expect("open");
    assert!(open.blocks.iter().all(|b| b.shown.is_some()), "all ready");
    assert_eq!(open.blocks.len(), 20);
    for key in ["g", "j", "j", "G", "k"] {
        assert!(press(&mut app, key).is_empty(), "{key}");
    }
}

#[test]
fn a_resized_pane_asks_again_for_its_new_box() {
    let mut app = app_with_pictures(12);
    let ask = asks(&open_with(&mut app, ONE_PICTURE)).remove(0);
    ready(&mut app, &ask, &striped_png(24, 12));
    let fx = app.update(Msg::Resize(140, 30));
    let again = asks(&fx);
    assert_eq!(again.len(), 1, "{fx:?}");
    assert_ne!(again[0].1, ask.1, "{again:?} after {ask:?}");
    // The answer for the old box, arriving late, changes nothing.
    assert!(ready(&mut app, &ask, &striped_png(24, 12)).is_empty());
    assert!(lines(&app).iter().any(|l| l.contains("loading picture")));
}

/// With a terminal that speaks kitty's protocol, a picture all on screen is drawn by it
/// (unicode placeholders in the cells), over its half blocks; scrolled partly off, the half
/// blocks show instead.
#[test]
fn a_protocol_picture_is_drawn_whole_or_as_half_blocks() {
    use ratatui_image::picker::{Picker, ProtocolType};
    let mut picker = Picker::halfblocks();
    picker.set_protocol_type(ProtocolType::Kitty);
    let mut app = app_with_pictures(12);
    let long = format!(
        "{ONE_PICTURE}{}",
        (1..=30)
            .map(|i| format!("<p>More {i}.</p>"))
            .collect::<String>()
    );
    let ask = asks(&open_with(&mut app, &long)).remove(0);
    let shown = prepare(
        &striped_png(40, 12),
        ask.1,
        ask.2,
        Some(&picker),
        &DecodeLimits::default(),
    )
    .expect("picture");
    assert!(shown.protocol.is_some());
    app.update(Msg::Picture(Box::new(PictureAnswer {
        url: ask.0.clone(),
        cols: ask.1,
        rows: ask.2,
        result: Ok(Arc::new(shown)),
    })));
    let placeholders = |app: &App| {
        let t = draw(app, 100, 30);
        let buf = t.backend().buffer();
        (0..30u16)
            .flat_map(|y| (0..100u16).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].symbol().starts_with('\u{10EEEE}'))
            .count()
    };
    assert!(placeholders(&app) > 0, "drawn with kitty's placeholders");
    // The picture's first rows scrolled off the top of the pane.
    let slot = index_of(&lines(&app), "[image: The harbour]");
    press(&mut app, &"j".repeat(slot + 2));
    assert_eq!(placeholders(&app), 0);
    let t = draw(&app, 100, 30);
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains('▀'), "half blocks instead: {screen}");
}
