//! Feed errors, sharing and `tidings refresh` lines in Russian.

#[test]
fn feed_errors_sharing_and_refresh_lines_speak_russian() {
    use tidings::feed::fetch::FetchError;
    use tidings::feed::outcome::{Heard, line};
    use tidings::i18n::{Lang, with};
    with(Lang::Ru, || {
        assert_eq!(
            FetchError::Dns.to_string(),
            "не удалось найти адрес сервера (DNS)"
        );
        assert_eq!(
            tidings::share::ShareError::NotHttpLink.to_string(),
            "поделиться можно только ссылками http и https"
        );
        let menu = tidings::share::menu::menu(&[]);
        let labels: Vec<&str> = menu.iter().map(|e| e.label.as_str()).collect();
        assert!(labels.contains(&"копировать ссылку"), "{labels:?}");
        assert!(labels.contains(&"ВКонтакте"), "{labels:?}");
        assert!(labels.contains(&"Telegram"), "{labels:?}");
    });
    // The title starts in the same column whatever the language and the outcome.
    for lang in Lang::ALL {
        with(lang, || {
            for heard in [
                Heard::NotModified,
                Heard::Failed("x".into()),
                Heard::Document { items: 12 },
            ] {
                let l = line("TITLE", &heard, 3, 0.25);
                let at = l.find("TITLE").map(|i| l[..i].chars().count());
                assert_eq!(at, Some(8), "{l:?}");
            }
        });
    }
    let ru = with(Lang::Ru, || {
        line("T", &Heard::Document { items: 12 }, 3, 0.25)
    });
    assert_eq!(ru, "  ок    T     3 новых из 12   0,25 с");
}
