//! Whole screens on a TestBackend at 80×24 and 160×48, with a fixed clock and zone.

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use tidings::app::App;

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("test backend");
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
        .filter(|h| h.feed_id() != 3)
        .map(|h| h.to_headline())
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

/// A row as a terminal shows it: the blank cell after a wide character is not a space.
fn row_text(t: &Terminal<TestBackend>, y: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let buf = t.backend().buffer();
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += if sym.len() == 1 {
            1
        } else {
            sym.width().max(1) as u16
        };
    }
    out
}

/// Every cell holds a cluster whose width terminals, tmux and ratatui agree on, and a wide
/// cell is followed by exactly the blank cells ratatui reserves for it.
fn assert_cells_settled(t: &Terminal<TestBackend>) {
    use unicode_width::UnicodeWidthStr;
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                tidings::ui::text::settle_grapheme(sym).is_none(),
                "cell ({x},{y}) holds {sym:?}: {}",
                row_text(t, y)
            );
            for c in sym.chars() {
                assert!(
                    !('\u{1F1E6}'..='\u{1F1FF}').contains(&c) && c != '\u{200D}' && c != '\u{FE0F}',
                    "cell ({x},{y}) holds {sym:?}"
                );
            }
            let w = if sym.len() == 1 { 1 } else { sym.width() };
            assert!(w <= 2, "cell ({x},{y}) is {w} wide: {sym:?}");
        }
    }
}

fn emoji_app(w: u16, h: u16) -> App {
    use tidings::store::Store;
    let feeds = vec![feed(1, "Emoji Gazette 🇯🇵")];
    let hs = vec![
        headline(1, 1, 5, "絵文字テスト 🎉🇯🇵"),
        headline(
            2,
            1,
            10,
            "Family 👨\u{200D}👩\u{200D}👧 heart ❤\u{FE0F} thumbs 👍🏽 key 1\u{FE0F}\u{20E3} end",
        ),
        headline(3, 1, 20, "Plain headline"),
    ];
    App::new(
        Store::new(feeds, hs),
        tidings::app::keymap::Keymap::default(),
        tidings::timefmt::Zone::utc(),
        NOW,
        (w, h),
    )
}

#[test]
fn flags_and_emoji_sequences_occupy_the_cells_ratatui_measured() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = emoji_app(w, h);
        press(&mut app, "\n");
        let t = draw(&app);
        assert_cells_settled(&t);
        let row = row_text(&t, 1);
        assert!(row.contains("絵文字テスト 🎉JP"), "{row}");
        let row = row_text(&t, 2);
        assert!(
            row.contains("Family 👨 heart ❤  thumbs 👍 key 1  end"),
            "{row}"
        );
        // Open each article (the title is drawn again in the pane) and come back.
        let fx = press(&mut app, "\n");
        answer_bodies(&mut app, &fx, "<p>Tokyo 🇯🇵 flag</p>");
        let t = draw(&app);
        assert_cells_settled(&t);
        press(&mut app, "j?");
        assert_cells_settled(&draw(&app));
    }
}

#[test]
fn no_color_marks_the_cursor_row_with_reverse_video_and_draws_no_colour() {
    use ratatui::style::Modifier;
    let mut app = app(80, 24);
    app.set_no_color(true);
    press(&mut app, "j");
    let t = draw(&app);
    let buf = t.backend().buffer();
    let reversed = |y: u16| (0..80).all(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(reversed(2), "feed row 2 selected: {}", row_text(&t, 2));
    assert!(
        !(1..23)
            .filter(|y| *y != 2)
            .any(|y| (0..80).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)))
    );
    press(&mut app, "k\nj");
    let t = draw(&app);
    let buf = t.backend().buffer();
    let reversed = |y: u16| (0..80).all(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(reversed(2), "second headline selected: {}", row_text(&t, 2));
    assert!(!reversed(1) && !reversed(3));
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // With colour, the selection is the blue bar and nothing is reversed.
    let mut coloured = common::app(80, 24);
    press(&mut coloured, "\nj");
    let t = draw(&coloured);
    let buf = t.backend().buffer();
    assert_eq!(buf[(20, 2)].bg, Color::Blue);
    assert!(!buf[(20, 2)].modifier.contains(Modifier::REVERSED));
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    (0..t.backend().buffer().area.height)
        .map(|y| row_text(t, y) + "\n")
        .collect()
}

#[test]
fn help_fits_the_terminal_and_names_the_actions() {
    use tidings::app::keymap::DEFAULTS;
    // Tall enough for the whole normal-mode table (with the player's keys).
    let mut app = app(200, 64);
    press(&mut app, "?");
    let s = screen_text(&draw(&app));
    let width = s
        .lines()
        .find(|l| l.contains('╭'))
        .map(|l| l.trim().chars().count())
        .expect("help border");
    assert!(width > 72, "help is {width} wide at 200×64:\n{s}");
    for (action, _, id) in DEFAULTS {
        let description = tidings::i18n::loader().get(id);
        assert!(s.contains(&description), "{description} cut:\n{s}");
        let row = s
            .lines()
            .find(|l| l.contains(&description))
            .expect("its row");
        assert!(row.contains(&action.name()), "no name on {row}");
    }

    // 80×24: everything is reachable by scrolling, names included.
    let mut app = common::app(80, 24);
    press(&mut app, "?");
    let s = screen_text(&draw(&app));
    assert!(s.contains("toggle_read") || s.contains("page_down"), "{s}");
    assert!(s.contains("scroll"), "no scroll hint:\n{s}");
    let mut seen = s.clone();
    for _ in 0..120 {
        press(&mut app, "j");
        seen.push_str(&screen_text(&draw(&app)));
    }
    for (action, _, _) in DEFAULTS {
        assert!(
            seen.contains(&action.name()),
            "{} never shown",
            action.name()
        );
    }
    // Scrolling stopped at the end: one step up moves at once.
    let end = screen_text(&draw(&app));
    press(&mut app, "k");
    assert_ne!(screen_text(&draw(&app)), end);
}

#[test]
fn help_shows_an_action_left_without_a_key_and_why() {
    use std::collections::BTreeMap;
    use tidings::config::KeySpec;
    let mut o = BTreeMap::new();
    o.insert("toggle_read".to_string(), KeySpec::One("r".into()));
    let (keymap, _) = tidings::app::keymap::Keymap::with_overrides(&o).expect("keymap");
    let mut app = App::new(
        world(),
        keymap,
        tidings::timefmt::Zone::utc(),
        NOW,
        (120, 60),
    );
    press(&mut app, "?");
    let s = screen_text(&draw(&app));
    let row = s
        .lines()
        .find(|l| l.contains("refresh_feed"))
        .expect("refresh_feed listed");
    assert!(row.contains("(no key)"), "{row}");
    assert!(s.contains("⚠ r was given to toggle_read"), "{s}");
}

#[test]
fn title_bar_keeps_counts_apart_and_counts_in_the_singular() {
    let mut app = app(80, 24);
    press(&mut app, "\nF");
    press(
        &mut app,
        "not feed:nonexistentfeedname and age:<30d and not tag:long\n",
    );
    let t = draw(&app);
    let title = row_text(&t, 0);
    assert!(title.contains("filter: not fee"), "{title}");
    assert!(title.contains("… 5 unread · 6 articles"), "{title}");
    // One article in Der Spiegel.
    let mut app = common::app(80, 24);
    press(&mut app, "jjjjj\n");
    let title = row_text(&draw(&app), 0);
    assert!(title.contains(" 1 unread · 1 article "), "{title}");
}

#[test]
fn a_long_saved_path_shows_its_file_name() {
    let mut app = app(80, 24);
    app.say("Saved to ~/Documents/news/archive/2025/01/2025-01-29-storm-closes-harbour-as-river-floods-city-centre.md");
    let status = row_text(&draw(&app), 23);
    assert!(status.contains("river-floods-city-centre.md"), "{status}");
    assert!(status.starts_with(" Saved to"), "{status}");
    assert!(status.ends_with(".md ? help "), "{status}");
}

#[test]
fn side_by_side_list_keeps_the_feed_column_and_the_split_moves() {
    let mut app = app(120, 40);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, BODY);
    let t = draw(&app);
    let first = row_text(&t, 1);
    assert!(first.contains("BBC News"), "feed column dropped: {first}");
    let title = "Storm closes harbour as river floods";
    assert!(
        first.contains("Storm closes harbour as river"),
        "title cut short: {first}"
    );
    let list_w = |app: &App| app.areas().list.width;
    let before = list_w(&app);
    assert_eq!(before, 60, "half of 120");
    press(&mut app, ">");
    assert!(list_w(&app) > before);
    let wider = row_text(&draw(&app), 1);
    assert!(wider.contains(title), "{wider}");
    press(&mut app, "<<<");
    assert!(list_w(&app) < before);
    // Remembered for the session: closing and opening another article keeps it.
    let narrow = list_w(&app);
    let fx = press(&mut app, "qj\n");
    answer_bodies(&mut app, &fx, BODY);
    assert!(app.article().is_some());
    assert_eq!(list_w(&app), narrow);
    // Never narrower than 30 columns, whatever the keys.
    press(&mut app, "<<<<<<<<<<<<<<<<");
    assert!(list_w(&app) >= 30);
    assert_cells_settled(&draw(&app));
}

/// A first run offline: the tour (with its articles, it is built in), starter feeds that
/// failed, and their tags.
fn first_run(show_empty_tags: bool) -> App {
    use tidings::model::FeedStatus;
    use tidings::store::Store;
    let mut tour = feed(1, "tidings: getting started");
    tour.url = "tidings:demo".into();
    tour.tags = vec!["tidings".into()];
    let mut feeds = vec![tour];
    for (i, tag) in ["news", "tech", "en", "de"].iter().enumerate() {
        let mut f = feed(i as i64 + 2, &format!("Starter {i}"));
        f.tags = vec![tag.to_string()];
        f.status = FeedStatus::Error {
            at: NOW - 10,
            message: "dns error".into(),
        };
        feeds.push(f);
    }
    let hs = vec![
        headline(1, 1, 5, "Welcome to tidings"),
        headline(2, 1, 6, "Keys you will use"),
    ];
    let mut app = App::new(
        Store::new(feeds, hs),
        tidings::app::keymap::Keymap::default(),
        tidings::timefmt::Zone::utc(),
        NOW,
        (80, 24),
    );
    app.set_show_empty_tags(show_empty_tags);
    app.start_on_tour();
    app
}

#[test]
fn first_run_starts_on_the_tour_without_empty_tag_rows() {
    let mut app = first_run(false);
    let t = draw(&app);
    let s = screen_text(&t);
    assert!(s.contains("#tidings"), "the tour's tag has articles:\n{s}");
    for tag in ["#news", "#tech", "#en", "#de"] {
        assert!(!s.contains(tag), "{tag} has no articles:\n{s}");
    }
    let selected = (1..23)
        .find(|&y| t.backend().buffer()[(10, y)].bg == Color::Blue)
        .expect("a selected row");
    let row = row_text(&t, selected);
    assert!(
        row.contains("tidings: getting started · press Enter to start the tour"),
        "{row}"
    );
    assert!(row_text(&t, 23).contains("Press Enter to start the tour"));
    // Enter opens the tour.
    press(&mut app, "\n");
    assert!(screen_text(&draw(&app)).contains("Welcome to tidings"));

    let app = first_run(true);
    let s = screen_text(&draw(&app));
    assert!(s.contains("#news") && s.contains("#de"), "{s}");
    assert!(s.contains("press Enter to start the tour"), "{s}");

    // A starter feed comes back online: its tag's row appears above the feeds, and the
    // cursor stays on the feed it was on.
    let mut app = first_run(false);
    press(&mut app, "jj");
    let on = app.feed_row_view(app.feeds_cursor().sel);
    assert_eq!(on, Some(tidings::app::View::Feed(3)));
    app.update(tidings::app::Msg::Db(
        tidings::db::writer::DbEvent::Ingested {
            feed_id: 3,
            report: tidings::db::IngestReport {
                new: 1,
                categories: vec![],
                upserted: vec![headline(50, 3, 1, "Back online")],
                pruned: vec![],
            },
        },
    ));
    let s = screen_text(&draw(&app));
    assert!(s.contains("#tech"), "{s}");
    assert_eq!(app.feed_row_view(app.feeds_cursor().sel), on);
}

/// A title tidings made (the feed gave none) is drawn in italics and a quieter colour, so it
/// is not mistaken for a feed's own; feed titles are not.
#[test]
fn a_made_title_is_drawn_apart_from_the_feeds_own() {
    use ratatui::style::Modifier;
    use tidings::model::Flags;
    let world = world();
    let mut headlines: Vec<_> = (1..=6)
        .filter_map(|id| world.headline(id).map(|h| h.to_headline()))
        .collect();
    let mut made = headline(7, 1, 1, "A gentle introduction to testing");
    made.flags = made.flags.with(Flags::DERIVED_TITLE, true);
    headlines.push(made);
    let store = tidings::store::Store::new(world.feeds().to_vec(), headlines);
    let mut app = App::new(
        store,
        tidings::app::keymap::Keymap::default(),
        tidings::timefmt::Zone::utc(),
        NOW,
        (100, 24),
    );
    press(&mut app, "\nj"); // All articles, the cursor off the first row
    let t = draw(&app);
    let buf = t.backend().buffer();
    let row = |needle: &str| {
        (0..24)
            .find(|&y| row_text(&t, y).contains(needle))
            .unwrap_or_else(|| panic!("no row with {needle}:\n{}", screen_text(&t)))
    };
    let column = |y: u16, needle: &str| {
        let text = row_text(&t, y);
        let byte = text.find(needle).unwrap();
        text[..byte].chars().count() as u16
    };
    let y = row("A gentle");
    let x = column(y, "A gentle");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::ITALIC),
        "{:?}",
        buf[(x, y)]
    );
    assert_eq!(buf[(x, y)].fg, Color::Gray);
    let y = row("Storm closes harbour");
    let x = column(y, "Storm closes harbour");
    assert!(!buf[(x, y)].modifier.contains(Modifier::ITALIC));
    assert_eq!(buf[(x, y)].fg, Color::White);
}
