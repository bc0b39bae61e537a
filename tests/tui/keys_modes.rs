//! Every mode's keys come from the keymap: rebinding them in config.toml works, the old key
//! is then free, help and the status bar name the new one; and whatever is on top, Esc
//! brings the lists back without quitting.

use crate::common;

use common::*;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use tidings::app::keymap::Keymap;
use tidings::app::{App, Effect, Mode, Msg};
use tidings::timefmt::Zone;

const BODY: &str = "<p>See <a href=\"https://news.example/live\">the live page</a> and \
    <a href=\"https://news.example/map\">the map</a>.</p>";

fn keymap(toml: &str) -> (Keymap, Vec<String>) {
    let config = tidings::config::parse(toml).expect("config parses");
    Keymap::with_overrides(&config.keys).expect("keymap")
}

fn app_with(toml: &str) -> App {
    let (km, warnings) = keymap(toml);
    assert!(warnings.is_empty(), "{warnings:?}");
    App::new(world(), km, Zone::utc(), NOW, (80, 24))
}

/// All articles, the first one open with its two links.
fn reading(toml: &str) -> App {
    let mut app = app_with(toml);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, BODY);
    app
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_share_menus_close_key_can_be_rebound() {
    let mut app = reading("[keys.share]\nclose = \"Backspace\"\n");
    press(&mut app, "s");
    assert_eq!(app.mode(), &Mode::Share);
    assert!(app.update(code(KeyCode::Esc)).is_empty());
    assert_eq!(
        app.mode(),
        &Mode::Share,
        "Esc is no longer bound in the menu"
    );
    assert!(screen(&app).contains("Backspace close"), "{}", screen(&app));
    app.update(code(KeyCode::Backspace));
    assert_eq!(app.mode(), &Mode::Normal);

    // Kept alongside the new key, the old one still works.
    let mut app = reading("[keys.share]\nclose = [\"Backspace\", \"Esc\"]\n");
    press(&mut app, "s");
    app.update(code(KeyCode::Esc));
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn prompt_keys_can_be_rebound() {
    let mut app =
        app_with("[keys.prompt]\ncancel = \"ctrl-g\"\nsubmit = [\"Enter\", \"ctrl-j\"]\n");
    press(&mut app, "\n/harb");
    assert_eq!(
        app.mode().prompt().map(|p| p.input.text.as_str()),
        Some("harb")
    );
    app.update(code(KeyCode::Esc));
    assert!(app.mode().prompt().is_some(), "Esc no longer cancels");
    app.update(ctrl('j'));
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.search().map(|q| q.text.as_str()), Some("harb"));

    press(&mut app, "/x");
    app.update(ctrl('g'));
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(
        app.search().map(|q| q.text.as_str()),
        Some("harb"),
        "cancel puts back the search from before"
    );

    // An editing key moved: Ctrl-W types nothing and deletes nothing any more.
    let mut app = app_with("[keys.prompt]\ndelete_word = \"alt-Backspace\"\n");
    press(&mut app, "\n/storm harb");
    app.update(ctrl('w'));
    assert_eq!(
        app.mode().prompt().map(|p| p.input.text.as_str()),
        Some("storm harb")
    );
    app.update(Msg::Key(KeyEvent {
        code: KeyCode::Backspace,
        modifiers: KeyModifiers::ALT,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }));
    assert_eq!(
        app.mode().prompt().map(|p| p.input.text.as_str()),
        Some("storm ")
    );
}

#[test]
fn help_and_the_status_bar_show_rebound_keys() {
    let mut app =
        app_with("[keys.help]\nclose = \"x\"\ndown = [\"n\", \"j\"]\n[keys.link]\nopen = \"l\"\n");
    press(&mut app, "?");
    let s = screen(&app);
    assert!(s.contains("Keys · x close"), "{s}");
    assert!(s.contains("n/k scroll"), "{s}");
    press(&mut app, "q");
    assert!(
        app.mode().help_scroll().is_some(),
        "q no longer closes help"
    );
    press(&mut app, "x");
    assert_eq!(app.mode(), &Mode::Normal);

    let mut app = reading("[keys.link]\nopen = \"l\"\n");
    press(&mut app, "o");
    let s = screen(&app);
    assert!(s.contains("Open: l the article's link"), "{s}");
    assert_eq!(
        press(&mut app, "l"),
        vec![Effect::OpenUrl("https://news.example/articles/1".into())]
    );
    press(&mut app, "o");
    assert!(
        press(&mut app, "\n").is_empty(),
        "Enter is not bound after o"
    );
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn help_lists_every_modes_keys() {
    let mut app = app_with("[keys.prompt]\nsubmit = \"ctrl-j\"\n");
    app.update(Msg::Resize(160, 200));
    press(&mut app, "?");
    let s = screen(&app);
    for section in [
        "[keys]",
        "[keys.help]",
        "[keys.share]",
        "[keys.qr]",
        "[keys.prompt]",
        "[keys.confirm]",
        "[keys.link]",
    ] {
        assert!(s.contains(section), "{section} missing:\n{s}");
    }
    let row = s
        .lines()
        .find(|l| l.contains("submit"))
        .expect("submit listed");
    assert!(row.contains("Ctrl-j") && !row.contains("Enter"), "{row}");
}

#[test]
fn a_key_taken_in_a_mode_table_is_reported() {
    let (_, warnings) = keymap("[keys.prompt]\nsubmit = \"Esc\"\n");
    assert_eq!(
        warnings,
        vec!["[keys.prompt]: submit took Esc from cancel".to_string()]
    );
    let (_, warnings) = keymap("[keys.qr]\nopen = \"o\"\n");
    assert_eq!(
        warnings,
        vec!["[keys.qr]: unknown action 'open'".to_string()]
    );
}

#[test]
fn the_yes_key_of_a_question_can_be_rebound() {
    let mut app = app_with("[keys.confirm]\nyes = \"j\"\n");
    // The first feed row after the built-in views.
    press(&mut app, "jjjX");
    assert!(app.mode().prompt().is_some_and(|p| p.is_question()));
    assert!(screen(&app).contains("j/n"), "{}", screen(&app));
    let fx = press(&mut app, "j");
    assert!(matches!(fx.as_slice(), [Effect::EditFeed(_)]), "{fx:?}");
    press(&mut app, "X");
    assert!(press(&mut app, "y").is_empty(), "y is no longer yes");
    assert_eq!(app.mode(), &Mode::Normal);
}

/// Keys that open every mode (help, menu, QR, prompts, the question, a link number) and
/// act inside them.
const KEYS: &[&str] = &[
    "j", "k", "\n", "q", "?", "s", "S", "o", "1", "2", "/", "F", "T", "E", "X", "D", "d", "|", "y",
    "x", "a", "c", "\u{1b}", "\t", "\u{8}", "J", "n", "u",
];

fn send(app: &mut App, k: &str) -> Vec<Effect> {
    let msg = match k {
        "\n" => code(KeyCode::Enter),
        "\t" => code(KeyCode::Tab),
        "\u{1b}" => code(KeyCode::Esc),
        "\u{8}" => code(KeyCode::Backspace),
        k => key(k.chars().next().unwrap_or(' ')),
    };
    let fx = app.update(msg);
    // Answer bodies as the runner does, so articles have links and shares complete.
    answer_bodies(app, &fx, BODY);
    let mut out = Vec::new();
    for e in fx {
        if let Effect::LoadBodyForShare(id, kind) = e {
            out.extend(app.update(Msg::ShareBody {
                id,
                kind,
                body: Ok(Some(body(BODY))),
            }));
        } else {
            out.push(e);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn esc_from_any_mode_returns_to_the_lists_without_quitting(
        keys in prop::collection::vec(
            (prop::sample::select(KEYS), prop::bool::weighted(0.25)),
            0..40,
        ),
    ) {
        let mut app = app(80, 24);
        for (k, then_esc) in &keys {
            let fx = send(&mut app, k);
            if app.quitting() {
                prop_assert!(fx.contains(&Effect::Quit));
                break;
            }
            // The drawing shows the one mode on top.
            let s = screen(&app);
            match app.mode() {
                Mode::Help { .. } => prop_assert!(s.contains("Keys ·"), "{}", s),
                Mode::Share => prop_assert!(s.contains("Share:"), "{}", s),
                Mode::Qr { .. } => prop_assert!(s.contains("QR code"), "{}", s),
                Mode::PendingLink(_) => prop_assert!(s.contains("Open:"), "{}", s),
                Mode::Downloads { .. } => prop_assert!(s.contains("Downloads ·"), "{}", s),
                Mode::RemotePlay(_) => prop_assert!(s.contains("Plays on"), "{}", s),
                Mode::Normal | Mode::Prompt(_) | Mode::PendingEnclosure { .. } => {}
            }
            if *then_esc {
                let mode = app.mode().clone();
                let fx = app.update(code(KeyCode::Esc));
                prop_assert_eq!(app.mode(), &Mode::Normal, "Esc from {:?}", mode);
                prop_assert!(
                    !app.quitting() && !fx.contains(&Effect::Quit),
                    "Esc quit from {:?}",
                    mode
                );
            }
        }
    }
}
