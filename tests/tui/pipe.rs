//! `|`: pipe the article's text to a command typed at a prompt, split into arguments
//! without a shell.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tidings::app::{Effect, Msg, PromptKind};
use tidings::share::command::split;

fn typed(app: &mut tidings::app::App, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(app.update(key(c)));
    }
    fx.extend(app.update(code(KeyCode::Enter)));
    fx
}

#[test]
fn split_groups_words_like_a_shell_and_does_nothing_else() {
    let s = |l: &str| split(l).expect(l);
    assert_eq!(s("wc -w"), ["wc", "-w"]);
    assert_eq!(s("  less   -R "), ["less", "-R"]);
    assert_eq!(
        s(r#"sh -c "cat > 'a b.txt'" x"#),
        ["sh", "-c", "cat > 'a b.txt'", "x"]
    );
    assert_eq!(
        s(r#"echo 'it''s' "say \"hi\"" a\ b"#),
        ["echo", "its", "say \"hi\"", "a b"]
    );
    assert_eq!(
        s("grep $HOME *.txt | wc; rm"),
        ["grep", "$HOME", "*.txt", "|", "wc;", "rm"]
    );
    assert_eq!(s("''"), [""]);
    assert!(s("").is_empty());
    assert!(split("echo 'open").is_err());
    assert!(split("echo \"open").is_err());
}

#[test]
fn pipe_prompt_runs_the_command_with_the_article_text() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, "<p>The surge peaked at 4.2 m.</p>");
    assert!(press(&mut app, "|").is_empty());
    assert!(matches!(
        app.mode().prompt().map(|p| p.kind),
        Some(PromptKind::Pipe(1))
    ));
    let fx = typed(&mut app, "grep -c {title}");
    let [Effect::Pipe { argv, text }] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert_eq!(
        argv,
        &[
            "grep",
            "-c",
            "Storm closes harbour as river floods city centre"
        ]
    );
    assert!(text.contains("Storm closes harbour"), "{text}");
    assert!(text.contains("The surge peaked at 4.2 m."), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(!text.contains('\x1b'));

    // The command is offered again; Esc runs nothing.
    press(&mut app, "|");
    assert_eq!(
        app.mode().prompt().map(|p| p.input.text.clone()).as_deref(),
        Some("grep -c {title}")
    );
    assert!(app.update(code(KeyCode::Esc)).is_empty());
    assert!(app.mode().prompt().is_none());
}

#[test]
fn from_the_list_the_body_is_loaded_first() {
    let mut app = app(80, 24);
    press(&mut app, "\nj|");
    let fx = typed(&mut app, "less");
    assert_eq!(
        fx,
        vec![Effect::LoadBodyForPipe {
            id: 2,
            template: vec!["less".into()]
        }]
    );
    let fx = app.update(Msg::PipeBody {
        id: 2,
        template: vec!["less".into()],
        body: Ok(Some(body("<p>Body two</p>"))),
    });
    assert!(
        matches!(&fx[..], [Effect::Pipe { argv, text }] if argv == &["less"] && text.contains("Body two")),
        "{fx:?}"
    );
}

#[test]
fn an_unclosed_quote_runs_nothing_and_says_why() {
    let mut app = app(80, 24);
    press(&mut app, "\n|");
    let fx = typed(&mut app, "sh -c 'oops");
    assert!(fx.is_empty(), "{fx:?}");
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("not closed"), "{said}");
}

#[test]
fn on_the_feed_list_pipe_says_what_it_needs() {
    let mut app = app(80, 24);
    assert!(press(&mut app, "|").is_empty());
    assert!(app.mode().prompt().is_none());
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(said, "Select an article to pipe it to a command");
}

#[test]
fn hostile_article_text_reaches_the_command_without_control_characters() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(
        &mut app,
        &fx,
        "<p>a&#27;]52;c;aGk=&#7; b \u{202e}evil\u{202c} \x1b[2J c&#155;31m</p>",
    );
    press(&mut app, "|");
    let fx = typed(&mut app, "cat");
    let [Effect::Pipe { text, .. }] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert!(
        text.chars()
            .all(|c| c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))),
        "{text:?}"
    );
    assert!(text.contains("evil"), "{text:?}");
}
