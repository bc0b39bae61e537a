use super::*;
use crate::i18n::{Lang, with};

/// Every id the definition asks the catalog for, with where it is used.
fn wanted(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<String>) {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    out.push(about_id(&p));
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if matches!(id, "help" | "version") {
            continue;
        }
        out.push(arg_id(&p, id));
        if a.get_action().takes_values() {
            for n in a.get_value_names().unwrap_or_default() {
                out.push(value_id(n));
            }
        }
        if a.get_action().takes_values() {
            for v in a.get_possible_values().iter().filter(|v| !v.is_hide_set()) {
                // Enum values document themselves; free choices (shells) need no help.
                if v.get_help().is_some() {
                    out.push(possible_id(&p, id, v.get_name()));
                }
            }
        }
    }
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name().to_string());
        wanted(sub, path, out);
        path.pop();
    }
}

#[test]
fn every_command_argument_and_value_name_is_in_every_catalog() {
    let mut ids = Vec::new();
    wanted(&Cli::command(), &mut Vec::new(), &mut ids);
    assert!(ids.len() > 60, "{}", ids.len());
    for lang in Lang::ALL {
        let missing: Vec<_> = with(lang, || {
            ids.iter()
                .filter(|id| !crate::i18n::loader().has(id))
                .cloned()
                .collect()
        });
        assert!(missing.is_empty(), "{}: {missing:#?}", lang.code());
    }
}

fn help_of(args: &[&str]) -> String {
    let mut cmd = command();
    let e = cmd
        .try_get_matches_from_mut(args.iter().copied())
        .expect_err("help is an early exit");
    e.to_string()
}

#[test]
fn russian_help_has_no_english_left() {
    // Words clap or the definition would bring in English; none may show in Russian.
    let english = [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print",
        "default",
        "possible",
        "OPTIONS",
        "COMMAND",
        "help",
        "Poll",
        "List",
    ];
    with(Lang::Ru, || {
        for args in [
            &["tidings", "--help"][..],
            &["tidings", "list", "--help"],
            &["tidings", "search", "--help"],
            &["tidings", "export", "--help"],
            &["tidings", "sync", "login", "--help"],
            &["tidings", "completions", "--help"],
        ] {
            let help = help_of(args);
            assert!(help.contains("Использование:"), "{help}");
            for word in english {
                // Argument names (--help) and command names stay as they are typed.
                let prose = help
                    .split_whitespace()
                    .filter(|w| !w.starts_with('-') && !w.starts_with('['));
                let prose: Vec<&str> = prose.collect();
                assert!(
                    !prose
                        .iter()
                        .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == word),
                    "{args:?}: {word:?} in\n{help}"
                );
            }
        }
    });
}

#[test]
fn english_help_reads_as_before() {
    with(Lang::En, || {
        let help = help_of(&["tidings", "search", "--help"]);
        assert!(
            help.contains("Usage: tidings search [OPTIONS] <QUERY>..."),
            "{help}"
        );
        assert!(help.contains("Options:"), "{help}");
        assert!(help.contains("[default: 20]"), "{help}");
        assert!(help.contains("-h, --help"), "{help}");
    });
}

#[test]
fn russian_errors_say_what_is_wrong_and_suggest() {
    with(Lang::Ru, || {
        let e = command()
            .try_get_matches_from(["tidings", "lst"])
            .expect_err("no such command");
        let said = say_error(&e).expect("said in Russian");
        assert!(said.contains("«lst»"), "{said}");
        assert!(said.contains("list"), "{said}");
        let e = command()
            .try_get_matches_from(["tidings", "list", "--unred"])
            .expect_err("no such option");
        let said = say_error(&e).expect("said in Russian");
        assert!(
            said.contains("--unred") && said.contains("--unread"),
            "{said}"
        );
        assert!(!said.contains("error:"), "{said}");
    });
    with(Lang::En, || {
        let e = command()
            .try_get_matches_from(["tidings", "lst"])
            .expect_err("no such command");
        assert_eq!(say_error(&e), None);
    });
}
