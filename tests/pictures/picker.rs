use ratatui_image::picker::{Picker, ProtocolType};
use tidings::pictures::picker::{ImagesSetting, choose_with};

fn never() -> Result<Picker, String> {
    panic!("the terminal was queried")
}

#[test]
fn off_is_off_and_asks_nothing() {
    assert!(choose_with(ImagesSetting::Off, None, true, never).is_none());
}

#[test]
fn halfblocks_asks_nothing() {
    let p = choose_with(ImagesSetting::Halfblocks, None, true, never).expect("picker");
    assert_eq!(p.protocol_type(), ProtocolType::Halfblocks);
}

#[test]
fn auto_without_a_terminal_asks_nothing() {
    let p = choose_with(ImagesSetting::Auto, None, false, never).expect("picker");
    assert_eq!(p.protocol_type(), ProtocolType::Halfblocks);
}

#[test]
fn auto_on_a_terminal_asks_and_falls_back_on_failure() {
    let mut kitty = Picker::halfblocks();
    kitty.set_protocol_type(ProtocolType::Kitty);
    let p =
        choose_with(ImagesSetting::Auto, None, true, || Ok::<_, String>(kitty)).expect("picker");
    assert_eq!(p.protocol_type(), ProtocolType::Kitty);
    let p = choose_with(ImagesSetting::Auto, None, true, || {
        Err("no answer".to_string())
    })
    .expect("picker");
    assert_eq!(p.protocol_type(), ProtocolType::Halfblocks);
}

#[test]
fn a_protocol_override_wins() {
    let p =
        choose_with(ImagesSetting::Auto, Some(ProtocolType::Sixel), false, never).expect("picker");
    assert_eq!(p.protocol_type(), ProtocolType::Sixel);
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
