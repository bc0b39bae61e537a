//! Sharing through the app: the menu, `o` with a number, the QR overlay, SSH behaviour,
//! OSC 8 link regions. Keys go through `update`; screens are drawn on a TestBackend.

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;
use tidings::app::{App, Effect, Mode, Msg, Sharing};
use tidings::config::ShareTarget;
use tidings::share::{ShareContext, ShareKind};

const BODY: &str = "<p>See <a href=\"https://news.example/live\">the live page</a> and \
    <a href=\"https://news.example/map\">the map</a>.</p>";

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

fn with_sharing(app: &mut App, remote: bool, targets: Vec<ShareTarget>) {
    app.set_sharing(Sharing::new(
        targets,
        ShareContext {
            remote,
            mastodon_instance: None,
            save_dir: PathBuf::from("/tmp/tidings-saved"),
            mailer: Vec::new(),
        },
    ));
}

/// All articles, first one open with its body loaded.
fn reading(remote: bool) -> App {
    let mut app = app(80, 24);
    with_sharing(&mut app, remote, Vec::new());
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, BODY);
    app
}

fn answer_share_bodies(app: &mut App, fx: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for e in fx {
        match e {
            Effect::LoadBodyForShare(id, kind) => out.extend(app.update(Msg::ShareBody {
                id,
                kind,
                body: Ok(Some(body(BODY))),
            })),
            other => out.push(other),
        }
    }
    out
}

#[test]
fn s_opens_the_menu_and_a_key_picks_a_target() {
    let mut app = reading(false);
    assert!(press(&mut app, "s").is_empty());
    assert_eq!(app.mode(), &Mode::Share);
    let fx = press(&mut app, "t");
    assert!(!app.mode().is_overlay());
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text == "Storm closes harbour as river floods city centre https://news.example/articles/1"),
        "{fx:?}"
    );
    press(&mut app, "s");
    let fx = press(&mut app, "m");
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text.starts_with("[Storm closes harbour") && text.ends_with("](https://news.example/articles/1)")),
        "{fx:?}"
    );
    press(&mut app, "s");
    let esc = app.update(code(KeyCode::Esc));
    assert!(esc.is_empty());
    assert!(!app.mode().is_overlay());
}

#[test]
fn sharing_from_the_list_loads_the_body_first() {
    let mut app = app(80, 24);
    with_sharing(&mut app, false, Vec::new());
    press(&mut app, "\nj");
    let fx = press(&mut app, "ss");
    assert_eq!(
        fx,
        vec![Effect::LoadBodyForShare(2, ShareKind::SaveMarkdown)]
    );
    let fx = answer_share_bodies(&mut app, fx);
    match &fx[..] {
        [Effect::Save(saved, dir)] => {
            assert_eq!(saved.title, "Переговоры о границе продолжатся в четверг");
            assert_eq!(saved.feed, "Meduza");
            assert_eq!(dir, &PathBuf::from("/tmp/tidings-saved"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn intents_open_in_the_browser_locally() {
    let mut app = reading(false);
    let fx = press(&mut app, "sg");
    assert!(
        matches!(&fx[..], [Effect::OpenUrl(u)] if u.starts_with("https://t.me/share/url?url=https%3A%2F%2Fnews.example%2Farticles%2F1")),
        "{fx:?}"
    );
}

#[test]
fn over_ssh_nothing_launches_a_browser() {
    let mut app = reading(true);
    // `o` then Enter: the article's own link.
    let mut fx = press(&mut app, "o");
    fx.extend(app.update(code(KeyCode::Enter)));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::OpenUrl(_))),
        "{fx:?}"
    );
    assert_eq!(
        fx,
        vec![Effect::Copy {
            text: "https://news.example/articles/1".into(),
            what: "link".into()
        }]
    );
    assert!(matches!(app.mode(), Mode::Qr { url, .. } if url == "https://news.example/articles/1"));
    assert!(app.message().is_some_and(|m| m.text.contains("SSH")));
    press(&mut app, "x"); // any key closes the code
    assert!(!app.mode().is_overlay());
    // A social intent over SSH: a QR code of the intent, and it is copied.
    let fx = press(&mut app, "sx");
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::OpenUrl(_))),
        "{fx:?}"
    );
    assert!(
        matches!(app.mode(), Mode::Qr { url, .. } if url.starts_with("https://x.com/intent/post?"))
    );
    // From the headline list as well.
    let mut app = app_remote_list();
    let fx = press(&mut app, "o");
    assert!(matches!(&fx[..], [Effect::Copy { .. }]), "{fx:?}");
}

fn app_remote_list() -> App {
    let mut app = app(80, 24);
    with_sharing(&mut app, true, Vec::new());
    press(&mut app, "\n");
    app
}

#[test]
fn o_then_a_number_opens_that_link() {
    let mut app = reading(false);
    assert!(press(&mut app, "o").is_empty(), "waits for a number");
    assert_eq!(app.mode().pending_link(), Some(""));
    assert_eq!(
        press(&mut app, "2"),
        vec![Effect::OpenUrl("https://news.example/map".into())]
    );
    assert_eq!(app.mode().pending_link(), None);
    press(&mut app, "o");
    assert_eq!(
        press(&mut app, "o"),
        vec![Effect::OpenUrl("https://news.example/articles/1".into())]
    );
    press(&mut app, "o");
    assert!(app.update(code(KeyCode::Esc)).is_empty());
    assert_eq!(app.mode().pending_link(), None);
    press(&mut app, "o");
    assert!(press(&mut app, "7").is_empty());
    assert!(
        app.message()
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("no link 7"))
    );
    // From the menu, a digit opens that link too.
    assert_eq!(
        press(&mut app, "s1"),
        vec![Effect::OpenUrl("https://news.example/live".into())]
    );
}

#[test]
fn capital_s_shows_the_link_as_a_qr_code() {
    let mut app = reading(false);
    assert!(press(&mut app, "S").is_empty());
    assert!(matches!(app.mode(), Mode::Qr { url, .. } if url == "https://news.example/articles/1"));
}

#[test]
fn custom_targets_get_the_title_as_one_literal_argument() {
    let mut app = app(80, 24);
    let target = ShareTarget {
        name: "Notes".into(),
        key: "N".into(),
        command: vec!["notes-add".into(), "--title={title}".into(), "{url}".into()],
        terminal: false,
        timeout_secs: 5,
    };
    with_sharing(&mut app, false, vec![target]);
    let mut store_title = "$(touch x); `id` \"q\" 'r'".to_string();
    store_title.push_str(" & more");
    // Give the first article a hostile title.
    let world = world();
    let feeds = world.feeds().to_vec();
    let hs: Vec<_> = world
        .headlines()
        .map(|h| {
            let mut h = h.to_headline();
            if h.id == 1 {
                h.title = store_title.clone();
            }
            h
        })
        .collect();
    *app.store_mut() = tidings::store::Store::new(feeds, hs);
    press(&mut app, "\n");
    let fx = press(&mut app, "sN");
    let fx = answer_share_bodies(&mut app, fx);
    match &fx[..] {
        [
            Effect::Run {
                argv,
                terminal: false,
                name,
                ..
            },
        ] => {
            assert_eq!(name, "Notes");
            assert_eq!(
                argv,
                &vec![
                    "notes-add".to_string(),
                    format!("--title={store_title}"),
                    "https://news.example/articles/1".to_string(),
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn menu_80x24() {
    let mut app = reading(false);
    press(&mut app, "s");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn qr_overlay_80x24_encodes_the_link() {
    let mut app = reading(false);
    press(&mut app, "S");
    let t = draw(&app);
    insta::assert_snapshot!(t.backend());
    // Read the drawn half blocks back into modules and compare with the encoder's matrix.
    let buf = t.backend().buffer();
    let url = "https://news.example/articles/1";
    let want = tidings::share::modules(url).expect("encodes");
    let rows: Vec<String> = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect();
    // The code's rows are the ones made only of block characters between the borders.
    let block_rows: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let inner: String = r.split('│').nth(1)?.to_string();
            let t = inner.trim_matches(' ').to_string();
            (!t.is_empty() && t.chars().all(|c| matches!(c, '█' | '▀' | '▄' | ' '))).then_some(t)
        })
        .collect();
    assert!(!block_rows.is_empty(), "no QR drawn:\n{}", rows.join("\n"));
    // Light modules are drawn; each text row holds two module rows (upper, lower).
    let mut light: Vec<Vec<bool>> = Vec::new();
    for r in &block_rows {
        let (mut up, mut down) = (Vec::new(), Vec::new());
        for c in r.chars() {
            up.push(matches!(c, '█' | '▀'));
            down.push(matches!(c, '█' | '▄'));
        }
        light.push(up);
        light.push(down);
    }
    // Find the matrix inside the drawn grid (it sits inside a light quiet zone).
    let n = want.len();
    let found = (0..light.len().saturating_sub(n - 1)).any(|oy| {
        (0..light[0].len().saturating_sub(n - 1)).any(|ox| {
            (0..n).all(|y| {
                (0..n).all(|x| {
                    light.get(oy + y).and_then(|row| row.get(ox + x)).copied() == Some(!want[y][x])
                })
            })
        })
    });
    assert!(found, "the drawn code is not the link's QR matrix");
}

#[test]
fn hyperlink_regions_cover_visible_links_and_write_osc8() {
    let mut app = reading(false);
    app.set_hyperlinks(true);
    let regions = tidings::ui::hyperlinks::regions(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
    let urls: Vec<&str> = regions.iter().map(|r| r.url.as_str()).collect();
    assert!(
        urls.contains(&"https://news.example/articles/1"),
        "{regions:?}"
    );
    assert!(urls.contains(&"https://news.example/live"), "{regions:?}");
    let t = draw(&app);
    for r in &regions {
        let drawn: String = (0..r.text.chars().count() as u16)
            .map(|i| t.backend().buffer()[(r.x + i, r.y)].symbol().to_string())
            .collect();
        assert_eq!(drawn, r.text, "region sits exactly on its text");
    }
    let mut out = Vec::new();
    tidings::ui::hyperlinks::write(&mut out, &regions[..1]).expect("write");
    let s = String::from_utf8(out).expect("utf-8");
    let r = &regions[0];
    assert!(
        s.contains(&format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", r.url, r.text)),
        "{s:?}"
    );
    // Over the menu, no links are written (they would show through it).
    press(&mut app, "s");
    assert!(
        tidings::ui::hyperlinks::regions(&app, ratatui::layout::Rect::new(0, 0, 80, 24)).is_empty()
    );
}
