//! What a share does, decided without side effects; the UI carries the [`Plan`] out.

use super::command::{self, Fields};
use super::intents::{self, Service};
use super::markdown::{self, SavedArticle};
use super::menu::ShareKind;
use super::target::ShareTarget;
use super::{FileAction, ShareError};
use crate::t;
use std::path::PathBuf;
use std::time::Duration;

/// Where and how the user is sharing from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareContext {
    /// An SSH session: no browser may be launched here, the user's screen is elsewhere.
    pub remote: bool,
    pub mastodon_instance: Option<String>,
    pub save_dir: PathBuf,
    /// Mail command with `{mailto}`, `{url}`, `{title}` placeholders; empty: the opener.
    pub mailer: Vec<String>,
}

/// The article being shared, as the UI knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareArticle {
    pub title: String,
    pub link: Option<String>,
    pub feed: String,
    pub author: Option<String>,
    /// Unix seconds.
    pub date: i64,
    pub tags: Vec<String>,
    /// Plain-text lead, for the mail body.
    pub lead: String,
    /// Body HTML, for saving.
    pub html: Option<String>,
}

impl ShareArticle {
    fn saved(&self) -> SavedArticle {
        SavedArticle {
            title: self.title.clone(),
            link: self.link.clone(),
            feed: self.feed.clone(),
            author: self.author.clone(),
            date: self.date,
            tags: self.tags.clone(),
            html: self.html.clone(),
        }
    }
}

/// The article written to a private temporary file for a `{file}` placeholder. The runner
/// calls [`TempArticle::write`] before starting the command; the file is left for the
/// command to use after it returns (the system's temp cleaning removes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TempArticle {
    /// A directory that must not exist yet; created private (0700).
    pub dir: PathBuf,
    /// The file inside `dir` that the argv names.
    pub path: PathBuf,
    pub article: SavedArticle,
}

impl TempArticle {
    pub fn write(&self) -> Result<(), ShareError> {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        // create, not create_all: an existing directory (someone else's, or a symlink) is refused.
        builder
            .create(&self.dir)
            .map_err(|e| ShareError::io(FileAction::Create, &self.dir, e))?;
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&self.path)
            .map_err(|e| ShareError::io(FileAction::Create, &self.path, e))?;
        file.write_all(markdown::to_markdown(&self.article).as_bytes())
            .map_err(|e| ShareError::io(FileAction::Write, &self.path, e))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Put `text` on the clipboard; `what` names it for the status bar ("link").
    Copy { text: String, what: String },
    /// Hand `url` (http(s) or mailto) to the opener.
    Open { url: String },
    /// Show `url` as a QR code, with `why` as the caption; with `copy`, also put the
    /// link on the clipboard (opening over SSH: the QR and the clipboard both reach the
    /// user's own devices).
    ShowQr {
        url: String,
        why: String,
        copy: bool,
    },
    /// Save into `ShareContext::save_dir` with [`markdown::save`].
    Save(SavedArticle),
    /// Run a command: suspended UI and [`command::run_foreground`] when `terminal`, else
    /// [`command::run_background`] with `timeout`. Write `file` first when it is set.
    Run {
        argv: Vec<String>,
        terminal: bool,
        timeout: Duration,
        name: String,
        file: Option<TempArticle>,
    },
    /// Nothing to do; the message says why.
    Refuse(String),
}

/// The caption of the QR shown instead of a browser over SSH (the plan also copies the link).
pub fn remote_open_why() -> String {
    t!("share-qr-remote-open")
}

/// How long the mailer may run before it is given up (it runs in the terminal, so rarely).
const MAILER_TIMEOUT: Duration = Duration::from_secs(30);

pub fn plan(
    kind: &ShareKind,
    article: &ShareArticle,
    ctx: &ShareContext,
    targets: &[ShareTarget],
) -> Plan {
    let title = crate::sanitize::line(&article.title);
    let link = article
        .link
        .as_deref()
        .and_then(|l| intents::check_link(l).ok())
        .map(|u| u.to_string());
    match kind {
        ShareKind::SaveMarkdown => Plan::Save(article.saved()),
        ShareKind::Custom(i) => match targets.get(*i) {
            Some(target) => custom(target, article, link.as_deref()),
            None => Plan::Refuse(t!("share-no-such-target")),
        },
        _ => match link {
            Some(link) => linked(kind, &title, &link, article, ctx),
            None => no_link(),
        },
    }
}

fn no_link() -> Plan {
    Plan::Refuse(t!("share-no-link"))
}

/// The kinds that all need the article's link.
fn linked(
    kind: &ShareKind,
    title: &str,
    link: &str,
    article: &ShareArticle,
    ctx: &ShareContext,
) -> Plan {
    match kind {
        ShareKind::CopyLink => Plan::Copy {
            text: link.to_string(),
            what: t!("share-what-link"),
        },
        ShareKind::CopyTitleLink => Plan::Copy {
            text: if title.is_empty() {
                link.to_string()
            } else {
                format!("{title} {link}")
            },
            what: t!("share-what-title-link"),
        },
        ShareKind::CopyMarkdownLink => Plan::Copy {
            text: markdown::markdown_link(title, link),
            what: t!("share-what-markdown-link"),
        },
        ShareKind::OpenBrowser if ctx.remote => Plan::ShowQr {
            url: link.to_string(),
            why: remote_open_why(),
            copy: true,
        },
        ShareKind::OpenBrowser => Plan::Open {
            url: link.to_string(),
        },
        ShareKind::Email => email(title, link, article, ctx),
        ShareKind::Intent(service) => intent(*service, title, link, ctx),
        ShareKind::Qr => Plan::ShowQr {
            url: link.to_string(),
            why: t!("share-qr-open"),
            copy: false,
        },
        // Decided in `plan` before the link is looked at.
        ShareKind::SaveMarkdown | ShareKind::Custom(_) => no_link(),
    }
}

fn email(title: &str, link: &str, article: &ShareArticle, ctx: &ShareContext) -> Plan {
    let mailto = intents::mailto(title, link, &article.lead);
    if !ctx.mailer.is_empty() {
        let argv = command::substitute(&ctx.mailer, |name| match name {
            "mailto" => Some(mailto.clone()),
            "url" => Some(link.to_string()),
            "title" => Some(title.to_string()),
            _ => None,
        });
        return Plan::Run {
            argv,
            terminal: true,
            timeout: MAILER_TIMEOUT,
            name: "email".to_string(),
            file: None,
        };
    }
    if ctx.remote {
        Plan::ShowQr {
            url: mailto,
            why: t!("share-qr-remote-mail"),
            copy: false,
        }
    } else {
        Plan::Open { url: mailto }
    }
}

fn intent(service: Service, title: &str, link: &str, ctx: &ShareContext) -> Plan {
    match intents::intent_url(service, link, title, ctx.mastodon_instance.as_deref()) {
        Ok(url) if ctx.remote => Plan::ShowQr {
            url,
            why: t!("share-qr-remote-service", service = service.label()),
            copy: false,
        },
        Ok(url) => Plan::Open { url },
        Err(e) => Plan::Refuse(e.to_string()),
    }
}

fn custom(target: &ShareTarget, article: &ShareArticle, link: Option<&str>) -> Plan {
    let name = crate::sanitize::line(&target.name);
    if target.command.is_empty() {
        return Plan::Refuse(t!("share-empty-command", name = name.as_str()));
    }
    if command::uses(&target.command, "{url}") && link.is_none() {
        return no_link();
    }
    let file = command::uses(&target.command, "{file}").then(|| temp_article(article));
    let fields = Fields {
        url: link.unwrap_or_default().to_string(),
        title: crate::sanitize::line(&article.title),
        feed: crate::sanitize::line(&article.feed),
        author: article
            .author
            .as_deref()
            .map(crate::sanitize::line)
            .unwrap_or_default(),
        file: file.as_ref().map(|f| f.path.display().to_string()),
    };
    Plan::Run {
        argv: command::argv(&target.command, &fields),
        terminal: target.terminal,
        timeout: Duration::from_secs(target.timeout_secs.max(1)),
        name,
        file,
    }
}

/// A fresh private directory under the system temp dir, named so two shares never meet.
fn temp_article(article: &ShareArticle) -> TempArticle {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir =
        std::env::temp_dir().join(format!("tidings-share-{}-{nanos}-{n}", std::process::id()));
    let path = dir.join(markdown::file_name(&article.title, article.date));
    TempArticle {
        dir,
        path,
        article: article.saved(),
    }
}

/// The mail command for [`ShareContext::mailer`]: `general.mailer` when set, else `$MAILER`
/// (split on whitespace, with the `mailto:` link appended), else empty (the opener).
pub fn mailer_command(configured: &[String], env_mailer: Option<&str>) -> Vec<String> {
    if !configured.is_empty() {
        return configured.to_vec();
    }
    let mut argv: Vec<String> = env_mailer
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if !argv.is_empty() && !command::uses(&argv, "{mailto}") {
        argv.push("{mailto}".to_string());
    }
    argv
}
