//! The player in the reader through `update` and on a `TestBackend`: what `p` and the
//! player keys ask the runner for, the bar (snapshots at several widths and states), the
//! list marks, the remote-host question, and a click on the bar seeking.

use crate::common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tidings::app::player::{Mark, NowPlaying, PlayRequest, PlayerCmd, PlayerMsg};
use tidings::app::{App, Effect, Mode, Msg};
use tidings::player::{PlayerState, Status};

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("test backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn now_playing(article: i64, f: impl FnOnce(&mut NowPlaying)) -> Msg {
    let mut np = NowPlaying {
        article,
        url: "http://127.0.0.1:8000/ep.wav".into(),
        feed: "BBC News".into(),
        title: "Storm closes harbour as river floods city centre".into(),
        state: PlayerState {
            status: Status::Playing,
            time_pos: Some(723.0),
            duration: Some(1458.0),
            ..PlayerState::default()
        },
        queued: 0,
    };
    f(&mut np);
    Msg::Player(PlayerMsg::Now(Some(Box::new(np))))
}

fn plays(fx: &[Effect]) -> Vec<&PlayRequest> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Play(r) => Some(r),
            _ => None,
        })
        .collect()
}

#[test]
fn p_plays_the_selected_episode_and_pauses_the_one_playing() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n"); // All articles, first row: article 1
    assert!(plays(&fx).is_empty());
    let fx = press(&mut app, "p");
    let req = plays(&fx);
    assert_eq!(req.len(), 1);
    assert_eq!(
        (req[0].id, req[0].feed.as_str(), req[0].queue, req[0].anyway),
        (1, "BBC News", false, false)
    );
    app.update(now_playing(1, |_| {}));
    assert_eq!(
        press(&mut app, "p"),
        vec![Effect::Player(PlayerCmd::TogglePause)]
    );
    // Another article: that one starts instead.
    let fx = press(&mut app, "jp");
    assert_eq!(plays(&fx)[0].id, 2);
    // In the open article too.
    let fx = press(&mut app, "\n");
    answer_bodies(&mut app, &fx, "<p>x</p>");
    let fx = press(&mut app, "\tp");
    assert_eq!(plays(&fx)[0].id, 2);
}

#[test]
fn the_player_keys_send_commands_and_say_so_when_nothing_plays() {
    let mut app = app(80, 24);
    for k in ["h", "l", "H", "L", "{", "}", "9", "0", "m", "P"] {
        assert!(press(&mut app, k).is_empty(), "{k}");
        let m = app.message().expect("a message").text.clone();
        assert!(m.contains("Nothing is playing"), "{k}: {m}");
    }
    press(&mut app, "\n");
    app.update(now_playing(1, |_| {}));
    let expect = [
        ("h", PlayerCmd::StepBack),
        ("l", PlayerCmd::StepForward),
        ("H", PlayerCmd::Chapter(-1)),
        ("L", PlayerCmd::Chapter(1)),
        ("{", PlayerCmd::SpeedBy(-0.25)),
        ("}", PlayerCmd::SpeedBy(0.25)),
        ("9", PlayerCmd::VolumeBy(-5.0)),
        ("0", PlayerCmd::VolumeBy(5.0)),
        ("m", PlayerCmd::ToggleMute),
    ];
    for (k, cmd) in expect {
        assert_eq!(press(&mut app, k), vec![Effect::Player(cmd)], "{k}");
    }
    // With help open, on the feed list, the keys still drive the player.
    press(&mut app, "q?");
    assert!(matches!(app.mode(), Mode::Help { .. }));
    assert_eq!(
        press(&mut app, "l"),
        vec![Effect::Player(PlayerCmd::StepForward)]
    );
    assert!(matches!(app.mode(), Mode::Help { .. }), "help stays open");
    assert_eq!(press(&mut app, "P"), vec![Effect::Player(PlayerCmd::Stop)]);
    assert!(!app.player_bar_shown(), "the bar goes at once on stop");
}

#[test]
fn a_queues_and_the_keys_can_be_rebound() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    let fx = press(&mut app, "a");
    assert!(plays(&fx)[0].queue);
    // Not the one playing: that would play it twice.
    app.update(now_playing(1, |_| {}));
    assert!(press(&mut app, "a").is_empty());
    assert!(
        app.message()
            .is_some_and(|m| m.text.contains("playing now"))
    );
    let mut keys = std::collections::BTreeMap::new();
    keys.insert(
        "play".to_string(),
        tidings::config::KeySpec::One("ctrl-p".into()),
    );
    let (km, _) = tidings::app::keymap::Keymap::with_overrides(&keys).expect("keymap");
    let mut app = App::new(world(), km, tidings::timefmt::Zone::utc(), NOW, (80, 24));
    press(&mut app, "\n");
    assert!(plays(&press(&mut app, "p")).is_empty());
    let fx = app.update(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('p'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(plays(&fx).len(), 1);
}

#[test]
fn the_bar_takes_a_line_above_the_status_line_on_every_screen() {
    let mut app = app(80, 24);
    let t = draw(&app);
    assert!(!row(&t, 22).contains('▶'));
    app.update(now_playing(1, |_| {}));
    for keys in ["", "\n", "\n", "?"] {
        press(&mut app, keys);
        let t = draw(&app);
        let bar = row(&t, 22);
        assert!(
            bar.contains("▶") && bar.contains("12:03 / 24:18"),
            "{keys:?}: {bar}"
        );
    }
}

fn bar_at(width: u16, f: impl FnOnce(&mut NowPlaying)) -> String {
    let mut app = app(width, 12);
    press(&mut app, "\n");
    app.update(now_playing(1, f));
    row(&draw(&app), 10).trim_end().to_string()
}

#[test]
fn bar_wide() {
    insta::assert_snapshot!(bar_at(120, |n| {
        n.queued = 2;
        n.state.speed = 1.5;
        n.state.volume = 80.0;
    }));
}

#[test]
fn bar_narrow() {
    let at = [20u16, 30, 40, 50, 60, 80]
        .map(|w| {
            format!(
                "{w:>3}|{}|",
                bar_at(w, |n| {
                    n.queued = 1;
                    n.state.speed = 1.25;
                })
            )
        })
        .join("\n");
    insta::assert_snapshot!(at);
}

#[test]
fn bar_paused() {
    insta::assert_snapshot!(bar_at(80, |n| n.state.paused = true));
}

#[test]
fn bar_live() {
    insta::assert_snapshot!(bar_at(80, |n| {
        n.state.duration = None;
        n.state.time_pos = Some(3725.0);
    }));
}

#[test]
fn bar_muted() {
    insta::assert_snapshot!(bar_at(80, |n| n.state.mute = true));
}

#[test]
fn bar_error() {
    insta::assert_snapshot!(bar_at(80, |n| {
        n.state.status = Status::Error(
            "mpv is not installed (apt install mpv), or set player = [...] in config.toml".into(),
        );
    }));
}

#[test]
fn the_bar_never_wraps_or_passes_the_edge() {
    for w in 1..140u16 {
        let mut app = app(w, 8);
        app.update(now_playing(1, |n| n.queued = 3));
        let t = draw(&app);
        let text = row(&t, 6);
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(text.as_str()),
            usize::from(w)
        );
    }
}

#[test]
fn a_click_on_the_progress_part_seeks_there() {
    let mut app = app(100, 24);
    app.update(now_playing(1, |_| {}));
    let t = draw(&app);
    let bar = row(&t, 22);
    let cells: Vec<String> = (0..100)
        .map(|x| t.backend().buffer()[(x, 22)].symbol().to_string())
        .collect();
    let first = cells
        .iter()
        .position(|c| c == "━" || c == "─")
        .expect("a progress bar");
    let last = cells
        .iter()
        .rposition(|c| c == "━" || c == "─")
        .expect("a progress bar");
    let click = |x: u16| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: 22,
            modifiers: KeyModifiers::NONE,
        })
    };
    let fx = app.update(click(((first + last) / 2) as u16));
    match fx.as_slice() {
        [Effect::Player(PlayerCmd::SeekFraction(f))] => {
            assert!((f - 0.5).abs() < 0.05, "{f} {bar}")
        }
        other => panic!("{other:?} {bar}"),
    }
    assert!(matches!(
        app.update(click(first as u16)).as_slice(),
        [Effect::Player(PlayerCmd::SeekFraction(f))] if *f < 0.05
    ));
    // The title is no seek.
    assert!(app.update(click(2)).is_empty());
}

#[test]
fn the_list_shows_played_and_in_progress_episodes() {
    let mut app = app(100, 24);
    let mut marks = std::collections::HashMap::new();
    marks.insert(3, Mark::Played);
    app.set_play_marks(marks);
    press(&mut app, "\n");
    app.update(now_playing(1, |_| {}));
    let t = draw(&app);
    let first = row(&t, 1);
    assert!(
        first.contains('◐') && first.contains("12:15 left"),
        "{first}"
    );
    assert!(row(&t, 3).contains('✓'), "{}", row(&t, 3));
    // Played to the end: marked, and the bar goes.
    app.update(now_playing(1, |n| n.state.status = Status::Ended));
    assert_eq!(app.play_mark(1), Some(Mark::Played));
    assert!(!app.player_bar_shown());
}

#[test]
fn over_ssh_the_reader_asks_and_p_plays_anyway_or_y_copies() {
    let mut app = app(80, 24);
    press(&mut app, "\n");
    let req = plays(&press(&mut app, "p"))[0].clone();
    let ask = |app: &mut App| {
        app.update(Msg::Player(PlayerMsg::Ask {
            request: req.clone(),
            url: "https://news.example/audio/1.mp3".into(),
            host: "box".into(),
        }))
    };
    ask(&mut app);
    let t = draw(&app);
    let status = row(&t, 23);
    assert!(
        status.contains("Plays on box, not here: p play anyway, y copy the URL, S QR code"),
        "{status}"
    );
    let fx = press(&mut app, "p");
    assert!(plays(&fx)[0].anyway);
    ask(&mut app);
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::Copy {
            text: "https://news.example/audio/1.mp3".into(),
            what: "episode URL".into()
        }]
    );
    ask(&mut app);
    assert!(press(&mut app, "S").is_empty());
    assert!(
        matches!(app.mode(), Mode::Qr { url, .. } if url == "https://news.example/audio/1.mp3"),
        "{:?}",
        app.mode()
    );
    press(&mut app, "q");
    ask(&mut app);
    assert!(press(&mut app, "n").is_empty());
    assert_eq!(app.mode(), &Mode::Normal);
}

/// `p` on the Downloads screen plays the row's episode, as `p` on its article does.
#[test]
fn p_on_the_downloads_screen_plays_the_rows_episode() {
    use tidings::app::downloads::{DownloadRow, DownloadsView};
    use tidings::db::DownloadState;
    let mut app = app(80, 24);
    let row = DownloadRow {
        id: 1,
        article_id: Some(4),
        feed: "Meduza".into(),
        title: "Министр экономики представил доклад".into(),
        path: "Meduza/episode.mp3".into(),
        state: DownloadState::Done,
        reason: None,
        done: 9,
        total: Some(9),
        speed: None,
    };
    app.update(Msg::Downloads(DownloadsView {
        rows: vec![row],
        ..DownloadsView::default()
    }));
    press(&mut app, "D");
    let fx = press(&mut app, "p");
    let req = plays(&fx);
    assert_eq!(req.len(), 1, "{fx:?}");
    assert_eq!(req[0].id, 4);
    assert!(matches!(app.mode(), Mode::Downloads { .. }));
}

/// The bar stays in sight on the full screens whose keys the player keys share: on help
/// above the status line, on the Downloads screen as the bottom line under its footer.
#[test]
fn the_bar_shows_on_help_and_on_the_downloads_screen() {
    let mut app = app(80, 24);
    app.update(now_playing(1, |_| {}));
    let bar = |t: &Terminal<TestBackend>| (0..24).find(|&y| row(t, y).contains("▶ 12:03 / 24:18"));
    press(&mut app, "?");
    assert!(matches!(app.mode(), Mode::Help { .. }));
    assert_eq!(bar(&draw(&app)), Some(22));
    press(&mut app, "q");
    press(&mut app, "D");
    assert!(matches!(app.mode(), Mode::Downloads { .. }));
    let t = draw(&app);
    assert_eq!(
        bar(&t),
        Some(23),
        "{}",
        (0..24).map(|y| row(&t, y) + "\n").collect::<String>()
    );
    assert!(row(&t, 22).contains("Esc close"), "{}", row(&t, 22));
}
