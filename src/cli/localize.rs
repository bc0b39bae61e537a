//! The command line in the user's language: the clap definition with every about, argument
//! help, value name and heading taken from the catalog, and clap's errors said again in the
//! catalog's words.
//!
//! Message ids follow the definition: `cli-about` for tidings itself, `cli-<command>` for a
//! subcommand (`cli-sync-login`), `cli-<command>-<argument>` for its arguments
//! (`cli-list-unread`), `cli-<argument>` for the global ones, `cli-value-<name>` for value
//! names (`FILE`). A test walks the definition and fails on any that a catalog lacks.

use super::Cli;
use crate::i18n;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The catalog id of a command's about text (`path` without "tidings").
pub fn about_id(path: &[&str]) -> String {
    if path.is_empty() {
        "cli-about".into()
    } else {
        format!("cli-{}", path.join("-"))
    }
}

/// The catalog id of an argument's help.
pub fn arg_id(path: &[&str], arg: &str) -> String {
    let arg = arg.replace('_', "-");
    if path.is_empty() {
        format!("cli-{arg}")
    } else {
        format!("cli-{}-{arg}", path.join("-"))
    }
}

/// The catalog id of a value name (`FILE`, `URL|TITLE`).
pub fn value_id(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("cli-value-{slug}")
}

/// The catalog id of a possible value's help (`export --format markdown`).
pub fn possible_id(path: &[&str], arg: &str, value: &str) -> String {
    format!("{}-{value}", arg_id(path, arg))
}

fn text(id: &str) -> Option<String> {
    let loader = i18n::loader();
    loader.has(id).then(|| loader.get(id))
}

/// `tidings`' clap command in the current language.
pub fn command() -> clap::Command {
    let cmd = localized(Cli::command(), &[]);
    // `[OPTIONS]` is written by clap's usage; where the language words it otherwise, the usage
    // is rendered once (a second build of the command: start-up time) and fixed on each one.
    if crate::t!("cli-usage-options") == "[OPTIONS]" {
        return cmd;
    }
    with_usage(cmd.clone(), &usage_of(cmd), &[])
}

fn localized(mut cmd: clap::Command, names: &[String]) -> clap::Command {
    let path: Vec<&str> = names.iter().map(String::as_str).collect();
    let path = path.as_slice();
    if let Some(about) = text(&about_id(path)) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    if path.is_empty() {
        // `--help` and the man page's DESCRIPTION say what tidings is and how to start.
        cmd = cmd.long_about(crate::t!("cli-description"));
    }
    let options = crate::t!("cli-heading-options");
    let arguments = crate::t!("cli-heading-arguments");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help_id = arg_id(path, &id);
        let (options, arguments) = (options.clone(), arguments.clone());
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let mut a = match text(&help_id) {
                Some(help) => a.help(help).long_help(None::<&str>),
                None => a,
            };
            let names: Option<Vec<String>> = a.get_value_names().map(|names| {
                names
                    .iter()
                    .map(|n| text(&value_id(n)).unwrap_or_else(|| n.to_string()))
                    .collect()
            });
            if let Some(names) = names {
                a = a.value_names(names);
            }
            a = explain_values(a, path, &id);
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            a.help_heading(heading)
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(crate::t!("cli-help"))
                .help_heading(options.clone()),
        )
        .disable_help_subcommand(true)
        .subcommand_help_heading(crate::t!("cli-heading-commands"))
        .subcommand_value_name(crate::t!("cli-value-command"));
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(crate::t!("cli-version"))
                .help_heading(options),
        );
    }
    cmd = each_subcommand(cmd, names, localized);
    cmd.help_template(format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        crate::t!("cli-heading-usage")
    ))
}

/// Defaults and possible values in the language's words: clap writes `[default: 20]` and
/// `[possible values: …]` itself, in English.
fn explain_values(mut a: Arg, path: &[&str], id: &str) -> Arg {
    let mut extra = Vec::new();
    let possible: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_string())
        .collect();
    let takes_value = a.get_action().takes_values();
    if takes_value && !possible.is_empty() && !matches!(a.get_action(), ArgAction::SetTrue) {
        let described: Vec<String> = possible
            .iter()
            .map(|v| match text(&possible_id(path, id, v)) {
                Some(help) => format!("{v} ({help})"),
                None => v.clone(),
            })
            .collect();
        extra.push(crate::t!(
            "cli-possible-values",
            values = described.join(", ")
        ));
        a = a.hide_possible_values(true);
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        extra.push(crate::t!("cli-default", value = defaults.join(", ")));
        a = a.hide_default_value(true);
    }
    if extra.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    a.help(format!("{help} {}", extra.join(" ")).trim().to_string())
}

/// Every command's usage line as clap renders it, with `[OPTIONS]` in the language's words.
fn usage_of(cmd: clap::Command) -> Vec<(Vec<String>, String)> {
    let mut cmd = cmd;
    cmd.build();
    let mut out = Vec::new();
    collect_usage(&mut cmd, &mut Vec::new(), &mut out);
    out
}

fn collect_usage(
    cmd: &mut clap::Command,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    let rendered = cmd.render_usage().to_string();
    // clap starts it with its own English "Usage: ".
    let usage = rendered
        .split_once(": ")
        .map_or(rendered.as_str(), |(_, u)| u)
        .replace("[OPTIONS]", &crate::t!("cli-usage-options"));
    out.push((path.clone(), usage));
    for sub in cmd.get_subcommands_mut() {
        path.push(sub.get_name().to_string());
        collect_usage(sub, path, out);
        path.pop();
    }
}

fn with_usage(
    mut cmd: clap::Command,
    usages: &[(Vec<String>, String)],
    path: &[String],
) -> clap::Command {
    if let Some((_, usage)) = usages.iter().find(|(p, _)| p == path) {
        cmd = cmd.override_usage(usage.clone());
    }
    each_subcommand(cmd, path, |s, p| with_usage(s, usages, p))
}

/// `cmd` with `f` applied to each of its subcommands, given the subcommand's path.
fn each_subcommand(
    mut cmd: clap::Command,
    path: &[String],
    f: impl Fn(clap::Command, &[String]) -> clap::Command,
) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name.as_str(), |s| f(s, &sub_path));
    }
    cmd
}

/// Parses the command line, printing help, the version or an error in the current language
/// (and exiting) as clap would.
pub fn parse_from(args: Vec<OsString>) -> Cli {
    let matches = command().try_get_matches_from(args);
    let parsed = matches.and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => match say_error(&e) {
            Some(message) => {
                eprintln!("{message}");
                std::process::exit(2);
            }
            None => e.exit(),
        },
    }
}

/// clap's error in the catalog's words; None for help and version output (which clap prints)
/// and, in English, for every error (clap's own English is the reference).
pub fn say_error(e: &clap::Error) -> Option<String> {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) || i18n::current() == i18n::Lang::En
    {
        return None;
    }
    let one = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = one(ContextKind::InvalidArg);
    let value = one(ContextKind::InvalidValue);
    let mut lines = vec![match e.kind() {
        ErrorKind::UnknownArgument => crate::t!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => crate::t!(
            "cli-error-unknown-command",
            command = one(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => crate::t!(
            "cli-error-invalid-choice",
            value = value,
            arg = arg,
            choices = one(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            crate::t!("cli-error-invalid-value", value = value, arg = arg)
        }
        ErrorKind::MissingRequiredArgument => crate::t!("cli-error-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => crate::t!("cli-error-missing-command"),
        ErrorKind::ArgumentConflict => crate::t!(
            "cli-error-conflict",
            arg = arg,
            other = one(ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => crate::t!("cli-error-value-count", arg = arg),
        _ => return None,
    }];
    for k in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let s = one(k);
        if !s.is_empty() {
            lines.push(crate::t!("cli-error-did-you-mean", suggestion = s));
        }
    }
    let usage = one(ContextKind::Usage);
    if !usage.is_empty() {
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        lines.push(String::new());
        lines.push(format!("{} {usage}", crate::t!("cli-heading-usage")));
    }
    lines.push(crate::t!("cli-error-more-help"));
    Some(format!("tidings: {}", lines.join("\n")))
}

#[cfg(test)]
mod tests;
