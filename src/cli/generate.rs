//! `tidings man` and `tidings completions`: made from the clap definition, so they never
//! disagree with what the binary accepts. The man page is in the current language.

use super::localize;
use std::io::Write;

/// The manual page, roff for `man -l -`: clap_mangen's page of the top command, a section per
/// subcommand with its options, and the files and environment tidings reads.
pub fn man(out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = localize::command();
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone())
        .title("TIDINGS")
        .section("1")
        // Without a date the .TH line loses a field and man shows its own English manual name.
        .date(chrono::Local::now().format("%Y-%m-%d").to_string())
        .manual(crate::t!("man-manual"))
        .source(format!("tidings {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    page.render(&mut roff)?;
    let mut text = headings(&String::from_utf8_lossy(&roff));
    // clap_mangen points at a page per subcommand; this page has them all below.
    for sub in cmd.get_subcommands() {
        let name = roff_escape(sub.get_name());
        text = text.replace(
            &format!("\ntidings\\-{name}(1)\n"),
            &format!("\n\\fBtidings {name}\\fR\n"),
        );
    }

    text.push_str(&format!(
        ".SH \"{}\"\n",
        crate::t!("man-commands-in-detail")
    ));
    for sub in cmd.get_subcommands() {
        subcommand(&mut text, sub, &["tidings"])?;
    }
    let files = [
        (
            "$XDG_CONFIG_HOME/tidings/config.toml",
            crate::t!("man-file-config"),
        ),
        ("$XDG_DATA_HOME/tidings/", crate::t!("man-file-data")),
        ("$XDG_STATE_HOME/tidings/", crate::t!("man-file-state")),
        ("$XDG_CACHE_HOME/tidings/", crate::t!("man-file-cache")),
    ];
    tagged_section(&mut text, &crate::t!("man-files"), "I", &files);
    let environment = [
        ("LC_ALL, LC_MESSAGES, LANG", crate::t!("man-env-lang")),
        ("NO_COLOR", crate::t!("man-env-no-color")),
        ("TZ", crate::t!("man-env-tz")),
        ("SSH_CONNECTION, SSH_TTY", crate::t!("man-env-ssh")),
    ];
    tagged_section(&mut text, &crate::t!("man-environment"), "B", &environment);
    text.push_str(&format!(
        ".SH \"{}\"\n{}\n",
        crate::t!("man-see-also"),
        roff_escape(&crate::t!("man-see-also-text"))
    ));
    out.write_all(text.as_bytes())
}

/// A `.SH` section of `.TP` paragraphs: each tag in `font` (roff's I or B), then its text.
fn tagged_section(text: &mut String, heading: &str, font: &str, items: &[(&str, String)]) {
    text.push_str(&format!(".SH \"{heading}\"\n"));
    for (tag, what) in items {
        text.push_str(&format!(
            ".TP\n\\f{font}{}\\fR\n{}\n",
            roff_escape(tag),
            roff_escape(what)
        ));
    }
}

/// clap_mangen writes its section headings in English.
fn headings(roff: &str) -> String {
    let commands = crate::t!("cli-heading-commands");
    let names = [
        ("NAME", crate::t!("man-name")),
        ("SYNOPSIS", crate::t!("man-synopsis")),
        ("DESCRIPTION", crate::t!("man-description")),
        ("SUBCOMMANDS", crate::t!("man-subcommands")),
        (commands.as_str(), crate::t!("man-subcommands")),
        ("VERSION", crate::t!("man-version")),
    ];
    roff.lines()
        .map(|line| {
            let renamed = names.iter().find_map(|(en, local)| {
                (line == format!(".SH {en}")).then(|| format!(".SH \"{}\"", local.to_uppercase()))
            });
            renamed.unwrap_or_else(|| line.to_string()) + "\n"
        })
        .collect()
}

fn subcommand(text: &mut String, cmd: &clap::Command, parents: &[&str]) -> std::io::Result<()> {
    let mut path = parents.to_vec();
    path.push(cmd.get_name());
    text.push_str(&format!(".SS \"{}\"\n", path.join(" ")));
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
    text.push_str(&format!("\\fB{}\\fR\n.br\n", roff_escape(usage)));
    if let Some(about) = cmd.get_about() {
        text.push_str(&format!("{}\n", roff_escape(&about.to_string())));
    }
    // The options of the subcommand, under clap_mangen's own headings turned into paragraphs.
    // The global options and --help are on the page once, above.
    let mut own = cmd.clone();
    for global in ["config", "data_dir", "help"] {
        if own.get_arguments().any(|a| a.get_id() == global) {
            own = own.mut_arg(global, |a| a.hide(true));
        }
    }
    let mut roff = Vec::new();
    clap_mangen::Man::new(own).render_options_section(&mut roff)?;
    for line in String::from_utf8_lossy(&roff).lines() {
        if line.starts_with(".SH ") {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    for sub in cmd.get_subcommands() {
        subcommand(text, sub, &path)?;
    }
    Ok(())
}

fn roff_escape(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('-', "\\-");
    // A line starting with . or ' is a roff request.
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Completions for `shell`, for the binary named `tidings`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    let mut cmd = localize::command();
    clap_complete::generate(shell, &mut cmd, "tidings", out);
}
