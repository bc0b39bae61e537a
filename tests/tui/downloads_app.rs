//! Downloads in the reader, app side: `d` asks the runner to queue (a choice 1..N when the
//! runner says there are several), `D` opens the Downloads screen from anywhere, its keys
//! become commands, and the screen draws what the runner reported (snapshots).

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;
use tidings::app::{App, DownloadCmd, DownloadRow, DownloadsView, Effect, Mode, Msg};
use tidings::db::DownloadState;

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("test backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

fn row(id: i64, title: &str, state: DownloadState, done: u64, total: Option<u64>) -> DownloadRow {
    DownloadRow {
        id,
        article_id: Some(id),
        feed: "BBC News".into(),
        title: title.into(),
        path: PathBuf::from(format!("/home/u/podcasts/BBC News/{title}.mp3")),
        state,
        reason: None,
        done,
        total,
        speed: None,
    }
}

const MB: u64 = 1024 * 1024;

fn mixed() -> DownloadsView {
    let mut downloading = row(
        1,
        "Storm closes harbour",
        DownloadState::Downloading,
        12 * MB + 300 * 1024,
        Some(28 * MB + 600 * 1024),
    );
    downloading.speed = Some(MB + 200 * 1024);
    let mut failed = row(3, "Council approves rail", DownloadState::Failed, 0, None);
    failed.reason = Some("HTTP 404 Not Found".into());
    DownloadsView {
        rows: vec![
            downloading,
            row(2, "Переговоры", DownloadState::Queued, 0, None),
            failed,
            row(
                4,
                "Museum reopens",
                DownloadState::Paused,
                3 * MB,
                Some(10 * MB),
            ),
            row(6, "Brücke", DownloadState::Done, 40 * MB, Some(40 * MB)),
        ],
        elsewhere: None,
    }
}

#[test]
fn d_asks_the_runner_to_queue_the_selected_episode() {
    let mut app = app(80, 24);
    press(&mut app, "\njjj"); // the fourth row: article 4 has an enclosure
    assert_eq!(app.list()[app.list_cursor().sel], 4);
    let fx = press(&mut app, "d");
    assert_eq!(
        fx,
        vec![Effect::Download(DownloadCmd::Queue {
            article: 4,
            choice: None
        })]
    );
    // Article 1 has none: said, nothing asked.
    press(&mut app, "g");
    assert!(press(&mut app, "d").is_empty());
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("no enclosure"), "{said}");
}

#[test]
fn several_enclosures_are_chosen_by_number() {
    let mut app = app(80, 24);
    press(&mut app, "\njjj");
    app.update(Msg::EnclosureChoice {
        article: 4,
        names: vec!["part1.mp3".into(), "part2.mp3".into()],
    });
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        said.contains("1 part1.mp3") && said.contains("2 part2.mp3"),
        "{said}"
    );
    assert!(press(&mut app, "3").is_empty(), "there is no third");
    assert!(matches!(app.mode(), Mode::PendingEnclosure { .. }));
    assert_eq!(
        press(&mut app, "2"),
        vec![Effect::Download(DownloadCmd::Queue {
            article: 4,
            choice: Some(2)
        })]
    );
    assert_eq!(app.mode(), &Mode::Normal);
    // Any other key drops the choice.
    app.update(Msg::EnclosureChoice {
        article: 4,
        names: vec!["a".into(), "b".into()],
    });
    assert!(app.update(code(KeyCode::Esc)).is_empty());
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn the_downloads_screen_keys_become_commands() {
    let mut app = app(80, 24);
    app.update(Msg::Downloads(mixed()));
    // From the feed list, the headlines or an open article alike.
    press(&mut app, "\n\n");
    press(&mut app, "D");
    assert!(matches!(app.mode(), Mode::Downloads { sel: 0, .. }));
    assert_eq!(
        app.update(code(KeyCode::Char(' '))),
        vec![Effect::Download(DownloadCmd::TogglePause(1))]
    );
    assert_eq!(
        press(&mut app, "c"),
        vec![Effect::Download(DownloadCmd::Cancel(1))]
    );
    assert!(
        press(&mut app, "r").is_empty(),
        "only a failed one is retried"
    );
    assert_eq!(
        press(&mut app, "jjr"),
        vec![Effect::Download(DownloadCmd::Retry(3))]
    );
    // X asks first; only yes deletes.
    assert!(press(&mut app, "jjX").is_empty());
    assert!(
        draw(&app)
            .backend()
            .to_string()
            .contains("Delete /home/u/podcasts")
    );
    assert!(press(&mut app, "n").is_empty());
    press(&mut app, "X");
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::Download(DownloadCmd::DeleteFile(6))]
    );
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::Copy {
            text: "/home/u/podcasts/BBC News/Brücke.mp3".into(),
            what: "file's path".into()
        }]
    );
    // Enter opens the episode's article, in its feed's list.
    let fx = press(&mut app, "\n");
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.article().map(|a| a.id), Some(6));
    assert!(fx.contains(&Effect::LoadBody(6)), "{fx:?}");
    press(&mut app, "D");
    assert!(press(&mut app, "q").is_empty(), "q closes, not quits");
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(!app.quitting());
}

#[test]
fn another_runner_is_named_and_its_rows_are_not_ours_to_stop() {
    let mut app = app(80, 24);
    let mut view = mixed();
    view.elsewhere = Some(Some(4242));
    app.update(Msg::Downloads(view));
    press(&mut app, "D");
    let screen = draw(&app).backend().to_string();
    assert!(
        screen.contains("downloads are running in another tidings (pid 4242)"),
        "{screen}"
    );
    assert!(app.update(code(KeyCode::Char(' '))).is_empty());
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("pid 4242"), "{said}");
    // The screen covers the status bar: what the app says shows above its keys.
    let screen = draw(&app).backend().to_string();
    assert_eq!(screen.matches("pid 4242").count(), 2, "{screen}");
}

#[test]
fn delete_and_x_still_delete_and_user_keymaps_rebind() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    let fx = app.update(code(KeyCode::Delete));
    assert!(
        matches!(fx.as_slice(), [Effect::Persist(_)]),
        "Delete deletes the article: {fx:?}"
    );
    let mut app = app_with_keys("[keys]\ndelete_article = \"D\"\nshow_downloads = \"W\"\n");
    press(&mut app, "\n");
    assert!(matches!(
        press(&mut app, "D").as_slice(),
        [Effect::Persist(_)]
    ));
    press(&mut app, "W");
    assert!(matches!(app.mode(), Mode::Downloads { .. }));
}

fn app_with_keys(toml: &str) -> App {
    let config = tidings::config::parse(toml).expect("config parses");
    let (keymap, warnings) =
        tidings::app::keymap::Keymap::with_overrides(&config.keys).expect("keymap");
    assert!(warnings.is_empty(), "{warnings:?}");
    App::new(
        world(),
        keymap,
        tidings::timefmt::Zone::utc(),
        NOW,
        (80, 24),
    )
}

#[test]
fn downloads_empty_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "D");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn downloads_mixed_80x24() {
    let mut app = app(80, 24);
    app.update(Msg::Downloads(mixed()));
    press(&mut app, "Dj");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn downloads_mixed_narrow_40x16() {
    let mut app = app(40, 16);
    app.update(Msg::Downloads(mixed()));
    press(&mut app, "D");
    insta::assert_snapshot!(draw(&app).backend());
}

/// In Russian: the state column and the footer are measured, so longer words still line up.
#[test]
fn downloads_mixed_ru_80x24_and_40x16() {
    use tidings::i18n::{self, Lang};
    for (w, h) in [(80, 24), (40, 16)] {
        let t = i18n::with(Lang::Ru, || {
            let mut app = app(w, h);
            app.update(Msg::Downloads(mixed()));
            press(&mut app, "Dj");
            draw(&app)
        });
        let buf = t.backend().buffer();
        let text: String = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect();
        assert!(text.contains("Загрузки ·"), "{text}");
        assert!(text.contains("пауза") && text.contains("закрыть"), "{text}");
        insta::assert_snapshot!(format!("downloads_mixed_ru_{w}x{h}"), t.backend());
    }
}
