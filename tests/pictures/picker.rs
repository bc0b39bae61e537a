//! Which graphics the reader uses: asked of the terminal only when allowed, half blocks
//! whenever it does not answer, a forced protocol always, and the answers read right.
use ratatui_image::picker::ProtocolType;
use tidings::pictures::picker::{Answer, Graphics, ImagesSetting, choose_with, interpret};

fn never() -> Option<Answer> {
    panic!("the terminal was queried")
}

fn protocol(g: &Graphics) -> Option<ProtocolType> {
    match g {
        Graphics::Protocol(p) => Some(p.protocol_type()),
        _ => None,
    }
}

#[test]
fn off_is_off_and_asks_nothing() {
    assert!(matches!(
        choose_with(ImagesSetting::Off, None, true, never),
        Graphics::Off
    ));
}

#[test]
fn halfblocks_asks_nothing() {
    assert!(matches!(
        choose_with(ImagesSetting::Halfblocks, None, true, never),
        Graphics::HalfBlocks
    ));
}

#[test]
fn auto_where_asking_is_not_allowed_asks_nothing() {
    // Not a terminal, or inside tmux.
    assert!(matches!(
        choose_with(ImagesSetting::Auto, None, false, never),
        Graphics::HalfBlocks
    ));
}

#[test]
fn auto_on_a_terminal_asks_and_falls_back_when_it_does_not_answer() {
    let kitty = || {
        Some(Answer {
            protocol: Some(ProtocolType::Kitty),
            cell: Some((9, 18)),
        })
    };
    let g = choose_with(ImagesSetting::Auto, None, true, kitty);
    assert_eq!(protocol(&g), Some(ProtocolType::Kitty));
    if let Graphics::Protocol(p) = &g {
        assert_eq!((p.font_size().width, p.font_size().height), (9, 18));
    }
    let silent = choose_with(ImagesSetting::Auto, None, true, || None);
    assert!(matches!(silent, Graphics::HalfBlocks), "{silent:?}");
    let plain = choose_with(ImagesSetting::Auto, None, true, || Some(Answer::default()));
    assert!(matches!(plain, Graphics::HalfBlocks), "{plain:?}");
}

#[test]
fn a_protocol_override_wins_without_asking_where_that_is_not_allowed() {
    let g = choose_with(ImagesSetting::Auto, Some(ProtocolType::Sixel), false, never);
    assert_eq!(protocol(&g), Some(ProtocolType::Sixel));
    let g = choose_with(
        ImagesSetting::Halfblocks,
        Some(ProtocolType::Kitty),
        false,
        never,
    );
    assert_eq!(protocol(&g), Some(ProtocolType::Kitty));
    assert!(matches!(
        choose_with(
            ImagesSetting::Auto,
            Some(ProtocolType::Halfblocks),
            true,
            never
        ),
        Graphics::HalfBlocks
    ));
}

/// Answers as terminals send them: kitty's OK, a DA1 with 4 (sixel), the cell size, and
/// the status report that ends the reading. Nothing before that report is an answer.
#[test]
fn answers_are_read_up_to_the_status_report() {
    let kitty = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4;22c\x1b[6;20;10t\x1b[0n";
    assert_eq!(
        interpret(kitty),
        Some(Answer {
            protocol: Some(ProtocolType::Kitty),
            cell: Some((10, 20)),
        })
    );
    let sixel = b"\x1b[?62;4;22c\x1b[0n";
    assert_eq!(
        interpret(sixel).and_then(|a| a.protocol),
        Some(ProtocolType::Sixel)
    );
    let plain = b"\x1b[?1;2c\x1b[0n";
    assert_eq!(interpret(plain), Some(Answer::default()));
    assert_eq!(interpret(b"\x1b[?62;4;22c"), None, "no status report yet");
}

#[test]
fn the_setting_reads_from_config_words() {
    #[derive(serde::Deserialize)]
    struct C {
        images: ImagesSetting,
    }
    for (word, want) in [
        ("auto", ImagesSetting::Auto),
        ("halfblocks", ImagesSetting::Halfblocks),
        ("off", ImagesSetting::Off),
    ] {
        let c: C = toml::from_str(&format!("images = \"{word}\"")).expect("parse");
        assert_eq!(c.images, want);
    }
    assert!(toml::from_str::<C>("images = \"sometimes\"").is_err());
}
