//! Custom share commands: placeholders per argument, never a shell, timeouts that kill.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use tidings::config::ShareTarget;
use tidings::share::{
    Fields, Plan, ShareArticle, ShareContext, ShareKind, argv, plan, run_background, run_foreground,
};

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|a| a.to_string()).collect()
}

/// A command that writes each of its arguments after the first, NUL-terminated, to `out`.
/// `sh` only passes "$@" on; it never evaluates the arguments' text.
fn dump_args(out: &Path) -> Vec<String> {
    s(&[
        "sh",
        "-c",
        r#"out="$1"; shift; for a in "$@"; do printf '%s\0' "$a"; done > "$out""#,
        "sh",
        &out.display().to_string(),
    ])
}

fn read_args(out: &Path) -> Vec<String> {
    let bytes = fs::read(out).expect("the command wrote its arguments");
    let text = String::from_utf8(bytes).unwrap();
    let mut args: Vec<String> = text.split('\0').map(str::to_owned).collect();
    assert_eq!(args.pop().as_deref(), Some(""), "NUL-terminated");
    args
}

fn hostile_title(dir: &Path) -> String {
    let x = dir.join("x").display().to_string();
    format!("$(touch {x}); touch {x}; `touch {x}` \"quoted\" 'single' {{url}} \\ & | > {x}")
}

#[test]
fn argv_substitutes_inside_each_argument_only() {
    let fields = Fields {
        url: "https://e.com/a?b=1&c=2".into(),
        title: "T {url} {file}".into(),
        feed: "F".into(),
        author: "A".into(),
        file: None,
    };
    let got = argv(
        &s(&[
            "prog",
            "--url={url}",
            "{title}",
            "{feed}/{author}",
            "{unknown}",
            "{",
            "{title",
        ]),
        &fields,
    );
    assert_eq!(
        got,
        s(&[
            "prog",
            "--url=https://e.com/a?b=1&c=2",
            // Substituted text is not scanned again.
            "T {url} {file}",
            "F/A",
            "{unknown}",
            "{",
            "{title",
        ])
    );
}

#[tokio::test]
async fn hostile_title_arrives_as_one_literal_argument() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("args");
    let title = hostile_title(dir.path());
    let mut template = dump_args(&out);
    template.extend(s(&["{title}", "{url}", "{feed}"]));
    let target = ShareTarget {
        name: "Dump".into(),
        key: "p".into(),
        command: template,
        terminal: false,
        timeout_secs: 10,
    };
    let article = ShareArticle {
        title: title.clone(),
        link: Some("https://example.com/a?x=1&y=2".into()),
        feed: "Feed; rm -rf ~".into(),
        ..ShareArticle::default()
    };
    let Plan::Run {
        argv,
        terminal,
        timeout,
        name,
        file,
    } = plan(
        &ShareKind::Custom(0),
        &article,
        &ShareContext::default(),
        &[target],
    )
    else {
        panic!("custom target plans a Run");
    };
    assert!(!terminal);
    assert_eq!(timeout, Duration::from_secs(10));
    assert_eq!(file, None, "no {{file}} placeholder, no file");
    let message = run_background(&name, &argv, timeout).await.unwrap();
    assert_eq!(message, "share 'Dump' done");
    assert_eq!(
        read_args(&out),
        vec![
            title,
            "https://example.com/a?x=1&y=2".to_string(),
            "Feed; rm -rf ~".to_string()
        ]
    );
    assert!(
        !dir.path().join("x").exists(),
        "the title was run by a shell"
    );
}

#[tokio::test]
async fn file_placeholder_gets_the_article_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.md");
    let target = ShareTarget {
        name: "Keep".into(),
        key: "K".into(),
        command: s(&["cp", "{file}", &copy.display().to_string()]),
        terminal: false,
        timeout_secs: 10,
    };
    let article = ShareArticle {
        title: "Saved for later".into(),
        link: None,
        feed: "F".into(),
        date: 0,
        html: Some("<p>Body</p>".into()),
        ..ShareArticle::default()
    };
    let Plan::Run {
        argv, name, file, ..
    } = plan(
        &ShareKind::Custom(0),
        &article,
        &ShareContext::default(),
        &[target],
    )
    else {
        panic!("custom target plans a Run");
    };
    let file = file.expect("{file} asks for a file");
    assert_eq!(argv[1], file.path.display().to_string());
    file.write().unwrap();
    // A second write into the same place is refused rather than following whatever is there.
    assert!(file.write().is_err());
    run_background(&name, &argv, Duration::from_secs(10))
        .await
        .unwrap();
    let text = fs::read_to_string(&copy).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Saved for later\"\n"),
        "{text}"
    );
    assert!(text.ends_with("# Saved for later\n\nBody\n"), "{text}");
    let _ = fs::remove_dir_all(&file.dir);
}

#[tokio::test]
async fn a_hanging_command_is_killed_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let argv = s(&[
        "sh",
        "-c",
        r#"echo $$ > "$0"; exec sleep 10"#,
        &pidfile.display().to_string(),
    ]);
    let started = Instant::now();
    let err = run_background("Slow", &argv, Duration::from_secs(1))
        .await
        .unwrap_err()
        .to_string();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(err, "share 'Slow' timed out after 1 s and was stopped");
    let pid = fs::read_to_string(&pidfile).unwrap();
    let proc_dir = Path::new("/proc").join(pid.trim());
    if Path::new("/proc/self").exists() {
        assert!(!proc_dir.exists(), "sleep {} still running", pid.trim());
    }
}

#[tokio::test]
async fn failures_say_what_went_wrong() {
    let err = run_background(
        "Nope",
        &s(&["tidings-no-such-program-xyz", "a"]),
        Duration::from_secs(5),
    )
    .await
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "share 'Nope' failed: program \"tidings-no-such-program-xyz\" not found"
    );
    let argv = s(&[
        "sh",
        "-c",
        "printf '\\n  bad \\033[31mthing\\033[0m happened\\nsecond line\\n' >&2; exit 3",
    ]);
    let err = run_background("Bad", &argv, Duration::from_secs(5))
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(err, "share 'Bad' failed: exit 3: bad thing happened");
    let err = run_background("Empty", &[], Duration::from_secs(5))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("empty command"), "{err}");
}

#[tokio::test]
async fn chatty_output_does_not_block() {
    let argv = s(&[
        "sh",
        "-c",
        "head -c 3000000 /dev/zero; head -c 3000000 /dev/zero >&2",
    ]);
    let started = Instant::now();
    let ok = run_background("Chatty", &argv, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(ok, "share 'Chatty' done");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn foreground_commands_report_their_exit() {
    assert_eq!(
        run_foreground("Ed", &s(&["true"])).unwrap(),
        "share 'Ed' done"
    );
    assert_eq!(
        run_foreground("Ed", &s(&["false"]))
            .unwrap_err()
            .to_string(),
        "share 'Ed' failed: exit 1"
    );
    let err = run_foreground("Ed", &s(&["tidings-no-such-program-xyz"]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not found"), "{err}");
}

#[test]
fn foreground_keeps_a_hostile_title_literal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("args");
    let title = hostile_title(dir.path());
    let mut template = dump_args(&out);
    template.push("{title}".into());
    let fields = Fields {
        title: title.clone(),
        ..Fields::default()
    };
    run_foreground("Dump", &argv(&template, &fields)).unwrap();
    assert_eq!(read_args(&out), vec![title]);
    assert!(!dir.path().join("x").exists());
}

#[tokio::test]
async fn a_program_that_leaves_something_running_is_done_when_it_exits() {
    // Like xdg-open starting a browser that inherits the pipes and lives on.
    let argv = s(&["sh", "-c", "sleep 5 & echo started >&2; exit 0"]);
    let started = Instant::now();
    let ok = run_background("Opener", &argv, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(ok, "share 'Opener' done");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn share_errors_keep_their_kind() {
    use tidings::share::ShareError;
    use tidings::share::command::split;
    use tidings::share::intents::check_link;
    assert!(matches!(
        split("echo 'open"),
        Err(ShareError::Unclosed('\''))
    ));
    assert!(matches!(
        split("echo \"open"),
        Err(ShareError::Unclosed('"'))
    ));
    assert!(matches!(
        check_link("ftp://e.test/"),
        Err(ShareError::NotHttpLink)
    ));
    assert!(matches!(check_link("no"), Err(ShareError::InvalidLink(_))));
    assert!(matches!(
        tidings::share::intent_url(
            tidings::share::Service::Mastodon,
            "https://e.test/",
            "t",
            None
        ),
        Err(ShareError::NoMastodonInstance)
    ));
    let e = run_background(
        "Nope",
        &s(&["tidings-no-such-program-xyz"]),
        Duration::from_secs(5),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, ShareError::NotFound { .. }), "{e:?}");
    let e = run_background("Bad", &s(&["sh", "-c", "exit 3"]), Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, ShareError::Failed { how, line: None, .. } if how == "exit 3"),
        "{e:?}"
    );
    let e = run_background("Slow", &s(&["sleep", "5"]), Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(e, ShareError::TimedOut { secs: 1, .. }), "{e:?}");
    let e = run_background("Empty", &[], Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(e, ShareError::EmptyCommand { .. }), "{e:?}");
}
