//! The main screens in Russian at 80×24: no English left but the feeds' own text, key names
//! and URLs, and nothing cut or out of line (Cyrillic is one column a letter, and longer
//! than English).

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use tidings::app::{App, Sharing};
use tidings::i18n::{self, Lang};
use tidings::share::ShareContext;
use unicode_width::UnicodeWidthStr;

const BODY: &str = "<p>The storm surge <em>peaked</em> at <strong>4.2 m</strong> on Tuesday, \
    <a href=\"https://news.example/live\">the live page</a> reports.</p>\
    <p><img src=\"https://news.example/p.jpg\" alt=\"Flooded quay\"></p>";

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    t
}

fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Every row of the screen is exactly as wide as the terminal: a cell counted wrong would
/// push the rest of its row out or leave it short.
fn assert_rows_fit(t: &Terminal<TestBackend>) {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let r = row(t, y);
        assert_eq!(r.width(), usize::from(buf.area.width), "row {y}: {r:?}");
    }
}

/// Builds, acts and draws in Russian; the screen's text.
fn russian(keys: &str, setup: impl FnOnce(&mut App)) -> Terminal<TestBackend> {
    i18n::with(Lang::Ru, || {
        let mut app = app(80, 24);
        setup(&mut app);
        let fx = press(&mut app, keys);
        answer_bodies(&mut app, &fx, BODY);
        let t = draw(&app);
        assert_rows_fit(&t);
        t
    })
}

fn screen(t: &Terminal<TestBackend>) -> String {
    (0..t.backend().buffer().area.height)
        .map(|y| row(t, y) + "\n")
        .collect()
}

#[test]
fn feed_list_ru_80x24() {
    let t = russian("", |_| {});
    let s = screen(&t);
    assert!(s.contains("tidings › Ленты"), "{s}");
    assert!(
        s.contains("Все статьи") && s.contains("Непрочитанные"),
        "{s}"
    );
    assert!(s.contains("Enter открыть"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn headlines_ru_80x24() {
    let t = russian("\n", |_| {});
    let s = screen(&t);
    assert!(s.contains("Все статьи · сначала новые"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn article_ru_80x24() {
    let t = russian("\n\n", |_| {});
    let s = screen(&t);
    assert!(s.contains("Теги: World"), "{s}");
    assert!(s.contains("[картинка: Flooded quay]"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_ru_80x24() {
    let t = russian("?", |_| {});
    let s = screen(&t);
    assert!(s.contains("Клавиши · q закрыть"), "{s}");
    assert!(s.contains("Списки и статьи · [keys]"), "{s}");
    assert!(s.contains("Вниз / прокрутить статью"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn status_message_ru_80x24_counts_in_russian_plurals() {
    // A whole view marked read: the count picks its form.
    let t = russian("\nA", |_| {});
    let status = row(&t, 23);
    assert!(
        status.contains("отмечены прочитанными в «Все статьи» · U отменяет")
            || status.contains("отмечено прочитанными в «Все статьи» · U отменяет")
            || status.contains("отмечена прочитанной в «Все статьи» · U отменяет"),
        "{status}"
    );
    insta::assert_snapshot!(t.backend());
    let plural = |n: usize| {
        i18n::with(Lang::Ru, || {
            tidings::t!("undo-what-view-read", count = n, view = "Мир")
        })
    };
    assert_eq!(plural(1), "1 статья отмечена прочитанной в «Мир»");
    assert_eq!(plural(3), "3 статьи отмечены прочитанными в «Мир»");
    assert_eq!(plural(5), "5 статей отмечено прочитанными в «Мир»");
    assert_eq!(plural(21), "21 статья отмечена прочитанной в «Мир»");
    let refreshed = |feeds: usize, new: usize| {
        i18n::with(Lang::Ru, || {
            tidings::t!("status-refreshed", count = feeds, new = new)
        })
    };
    assert_eq!(refreshed(1, 0), "Обновлено 1 лента: 0 новых статей");
    assert_eq!(refreshed(3, 2), "Обновлено 3 ленты: 2 новые статьи");
    assert_eq!(refreshed(11, 21), "Обновлено 11 лент: 21 новая статья");
}

#[test]
fn filter_prompt_ru_80x24() {
    let t = russian("\nFunread", |_| {});
    let status = row(&t, 23);
    assert!(status.starts_with(" фильтр: unread"), "{status}");
    assert!(
        status.trim_end().ends_with("совпадений") || status.contains("совпаден"),
        "{status}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn share_menu_ru_80x24() {
    let t = russian("\n\ns", |app| {
        app.set_sharing(Sharing::new(
            Vec::new(),
            ShareContext {
                remote: false,
                mastodon_instance: None,
                save_dir: PathBuf::from("/tmp/tidings-saved"),
                mailer: Vec::new(),
            },
        ));
    });
    let s = screen(&t);
    assert!(s.contains("Поделиться:"), "{s}");
    assert!(s.contains("открыть ссылку N статьи"), "{s}");
    insta::assert_snapshot!(t.backend());
}
