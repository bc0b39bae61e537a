//! Sharing from the app: the share menu, `o` with a link number, the QR overlay, and what
//! over SSH means (no browser here: copy the link and show it as a QR code instead).
//! The decisions are `share::plan`'s; this turns them into state and effects.

use super::action::Action;
use super::keymap::KeyMode;
use super::{App, Effect, Mode};
use crate::model::{ArticleBody, ArticleId};
use crate::share::{self, MenuEntry, Plan, ShareArticle, ShareContext, ShareKind, ShareTarget};
use crate::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The share menu and what its plans need, set up once from config.
#[derive(Clone, Debug)]
pub struct Sharing {
    pub entries: Vec<MenuEntry>,
    pub ctx: ShareContext,
    pub targets: Vec<ShareTarget>,
    /// The last command given to `|`, offered again.
    pub last_pipe: String,
}

impl Default for Sharing {
    fn default() -> Self {
        Sharing::new(Vec::new(), ShareContext::default())
    }
}

impl Sharing {
    pub fn new(targets: Vec<ShareTarget>, ctx: ShareContext) -> Sharing {
        Sharing {
            entries: share::menu(&targets),
            ctx,
            targets,
            last_pipe: String::new(),
        }
    }
}

const LEAD_CHARS: usize = 500;

impl App {
    /// A QR code on show: the copy key copies its link (it may not be the article's: a mail
    /// or a share dialog over SSH); any other key closes the code.
    pub(super) fn qr_key(&mut self, url: String, ev: &KeyEvent) -> Vec<Effect> {
        self.dirty = true;
        if self.keymap.action_in(KeyMode::Qr, ev) == Some(Action::CopyLink) {
            vec![Effect::Copy {
                text: url,
                what: t!("copy-what-link"),
            }]
        } else {
            Vec::new()
        }
    }

    /// The share menu: its close key, a link number, or a target's letter; any other key
    /// leaves the menu open.
    pub(super) fn share_menu_key(&mut self, ev: &KeyEvent) -> Vec<Effect> {
        self.dirty = true;
        if self.keymap.action_in(KeyMode::Share, ev) == Some(Action::Close) {
            return Vec::new();
        }
        match ev.code {
            KeyCode::Char(d @ '1'..='9') => self.open_numbered(d),
            KeyCode::Char(c) => match share::menu::find(&self.sharing.entries, c) {
                Some(entry) => {
                    let kind = entry.kind;
                    self.share(kind)
                }
                None => {
                    self.mode = Mode::Share;
                    Vec::new()
                }
            },
            _ => {
                self.mode = Mode::Share;
                Vec::new()
            }
        }
    }

    /// A digit picked in the share menu: link N of the open article.
    fn open_numbered(&mut self, digit: char) -> Vec<Effect> {
        let n = digit.to_digit(10).map(|d| d as usize).unwrap_or(0);
        self.open_link_number(n)
    }

    fn article_links(&self) -> &[String] {
        self.pane
            .article()
            .and_then(|a| a.rendered.as_ref())
            .map(|r| r.links.as_slice())
            .unwrap_or(&[])
    }

    fn open_link_number(&mut self, n: usize) -> Vec<Effect> {
        match n
            .checked_sub(1)
            .and_then(|i| self.article_links().get(i))
            .cloned()
        {
            Some(url) => self.open_url(url),
            None => {
                self.warn(t!("status-no-such-link", number = n.to_string()));
                Vec::new()
            }
        }
    }

    /// `o`: with an article open that has numbered links, wait for a number (or `o`/Enter
    /// for the article's own link); otherwise open the article's link at once.
    pub(super) fn open_in_browser(&mut self) -> Vec<Effect> {
        let reading = self
            .pane
            .article()
            .is_some_and(|a| Some(a.id) == self.selected_article());
        if reading && !self.article_links().is_empty() {
            self.mode = Mode::PendingLink(String::new());
            self.dirty = true;
            return Vec::new();
        }
        self.open_article_link()
    }

    fn open_article_link(&mut self) -> Vec<Effect> {
        match self.link_or_enclosure(ShareKind::OpenBrowser) {
            Ok(url) => self.open_url(url),
            Err(fx) => fx,
        }
    }

    /// `y`: the article's link, else its enclosure's.
    pub(super) fn copy_link(&mut self) -> Vec<Effect> {
        match self.link_or_enclosure(ShareKind::CopyLink) {
            Ok(url) => vec![Effect::Copy {
                text: url,
                what: t!("copy-what-link"),
            }],
            Err(fx) => fx,
        }
    }

    /// The selected article's link; without one, an episode's media URL is in its body, so
    /// `kind` is carried out as a share (body first), which falls back to the enclosure.
    /// `Err` holds what to do instead (a message was set when there is nothing to do).
    fn link_or_enclosure(&mut self, kind: ShareKind) -> Result<String, Vec<Effect>> {
        let Some(id) = self.selected_article() else {
            self.warn(needs_article(kind));
            return Err(Vec::new());
        };
        let Some(h) = self.store.headline(id) else {
            return Err(Vec::new());
        };
        if let Some(link) = h.link() {
            return Ok(link.to_string());
        }
        if h.flags().enclosure() {
            return Err(self.share(kind));
        }
        self.warn(t!("status-article-has-no-link"));
        Err(Vec::new())
    }

    /// Keys while choosing a link number after `o`. No timers: a number that cannot grow
    /// into another valid one opens at once; otherwise `open` (`[keys.link]`, Enter) ends it.
    pub(super) fn pending_link_key(&mut self, ev: &KeyEvent, mut digits: String) -> Vec<Effect> {
        self.dirty = true;
        let count = self.article_links().len();
        if self.keymap.action_in(KeyMode::Link, ev) == Some(Action::Open) {
            return match digits.parse::<usize>() {
                Ok(n) => self.open_link_number(n),
                Err(_) => self.open_article_link(),
            };
        }
        match ev.code {
            KeyCode::Char(d) if d.is_ascii_digit() => {
                digits.push(d);
                let n: usize = digits.parse().unwrap_or(0);
                if n == 0 || n > count {
                    self.warn(t!("status-no-such-link", number = digits.as_str()));
                    return Vec::new();
                }
                if n * 10 > count {
                    return self.open_link_number(n);
                }
                self.mode = Mode::PendingLink(digits);
                Vec::new()
            }
            // The close key, or any other: the number is dropped.
            _ => Vec::new(),
        }
    }

    /// Opens a link here, or over SSH copies it and shows it as a QR code instead.
    pub(super) fn open_url(&mut self, url: String) -> Vec<Effect> {
        if self.sharing.ctx.remote {
            self.say(t!("status-remote-link-copied"));
            self.mode = Mode::Qr {
                url: url.clone(),
                caption: share::plan::remote_open_why(),
            };
            return vec![Effect::Copy {
                text: url,
                what: t!("copy-what-link"),
            }];
        }
        vec![Effect::OpenUrl(url)]
    }

    /// A share target picked: plans need the body, which is loaded first unless it is open.
    pub(super) fn share(&mut self, kind: ShareKind) -> Vec<Effect> {
        self.dirty = true;
        let Some(id) = self.selected_article() else {
            self.warn(needs_article(kind));
            return Vec::new();
        };
        match self.open_body(id) {
            Some(body) => self.share_with_body(kind, id, &body),
            None => vec![Effect::LoadBodyForShare(id, kind)],
        }
    }

    pub(super) fn share_with_body(
        &mut self,
        kind: ShareKind,
        id: ArticleId,
        body: &ArticleBody,
    ) -> Vec<Effect> {
        let Some(article) = self.share_article(id, body) else {
            return Vec::new();
        };
        match share::plan(&kind, &article, &self.sharing.ctx, &self.sharing.targets) {
            Plan::Copy { text, what } => vec![Effect::Copy { text, what }],
            Plan::Open { url } => vec![Effect::OpenUrl(url)],
            Plan::ShowQr { url, why, copy } => {
                self.mode = Mode::Qr {
                    url: url.clone(),
                    caption: why,
                };
                if copy {
                    self.say(t!("status-remote-link-copied"));
                    vec![Effect::Copy {
                        text: url,
                        what: t!("copy-what-link"),
                    }]
                } else {
                    Vec::new()
                }
            }
            Plan::Save(saved) => vec![Effect::Save(saved, self.sharing.ctx.save_dir.clone())],
            Plan::Run {
                argv,
                terminal,
                timeout,
                name,
                file,
            } => {
                vec![Effect::Run {
                    argv,
                    terminal,
                    timeout,
                    name,
                    file,
                }]
            }
            Plan::Refuse(why) => {
                self.warn(why);
                Vec::new()
            }
        }
    }

    fn share_article(&self, id: ArticleId, body: &ArticleBody) -> Option<ShareArticle> {
        let h = self.store.headline(id)?;
        let feed = self.store.feed(h.feed_id());
        let lead_html = body
            .summary
            .as_deref()
            .or(body.content.as_deref())
            .unwrap_or("");
        let lead: String = crate::panic_guard::catch(|| {
            html2text::config::plain_no_decorate()
                .link_footnotes(false)
                .string_from_read(crate::html_guard::prepare(lead_html).as_bytes(), 10_000)
                .map(|t| crate::sanitize::line(&t))
                .unwrap_or_default()
        })
        .unwrap_or_default()
        .chars()
        .take(LEAD_CHARS)
        .collect();
        // A podcast episode may have no page, only its media file: that is what to share.
        let enclosure = || {
            body.enclosures
                .iter()
                .find(|e| share::intents::check_link(&e.url).is_ok())
                .map(|e| e.url.clone())
        };
        Some(ShareArticle {
            title: h.title().to_string(),
            link: h.link().map(str::to_string).or_else(enclosure),
            feed: feed.map(|f| f.title.clone()).unwrap_or_default(),
            author: h.author().map(str::to_string),
            date: h.date(),
            tags: feed.map(|f| f.tags.clone()).unwrap_or_default(),
            lead,
            html: body.content.clone().or_else(|| body.summary.clone()),
        })
    }
}

/// What to say when a key that acts on an article is pressed on the feed list.
pub(super) fn needs_article(kind: ShareKind) -> String {
    match kind {
        ShareKind::CopyLink => t!("status-select-article-to-copy-link"),
        ShareKind::OpenBrowser => t!("status-select-article-to-open-link"),
        ShareKind::Qr => t!("status-select-article-for-qr"),
        _ => t!("status-select-article-to-share"),
    }
}
