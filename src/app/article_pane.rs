//! The article pane: the open (or previewed) article, rendered for the pane's width, its
//! scroll, and whether it takes the whole screen.

use super::pictures::Pictures;
use super::{Action, App, Effect, Focus, article_text_width};
use crate::db::Change;
use crate::layout;
use crate::model::{ArticleBody, ArticleId};
use crate::render::{self, ArticleSource, Rendered};
use crate::store::Store;
use crate::t;
use crate::timefmt::Zone;

/// The article pane: what is open in it and how it is shown.
#[derive(Default)]
pub struct ArticlePane {
    open: Option<OpenArticle>,
    /// `z`: an open article takes the whole screen, as a news page's expand button does.
    maximized: bool,
}

pub struct OpenArticle {
    pub id: ArticleId,
    pub body: Option<ArticleBody>,
    /// The article laid out with its pictures in place (`pictures::compose`).
    pub rendered: Option<Rendered>,
    /// The same without pictures, when it has any: what they are placed into again as
    /// they arrive.
    pub base: Option<Rendered>,
    /// Where the pictures' blocks are in `rendered`.
    pub blocks: Vec<super::pictures::Block>,
    pub scroll: usize,
    pub error: Option<String>,
    /// Shown because the list cursor moved onto it while the article pane was open; not
    /// opened, so not marked read until Enter (or Tab into the pane).
    pub preview: bool,
    /// `x`: the article from its web page in place of the feed's text.
    pub full: FullText,
    /// The page's article once read, so `x` again and again needs no second fetch.
    pub page: Option<crate::fulltext::Extracted>,
}

/// What `x` shows in the pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FullText {
    /// The feed's own text.
    #[default]
    Off,
    Fetching,
    /// The page's article (`OpenArticle::page`).
    Shown,
    /// The one line that says why there is none; the feed's text is shown below it.
    Failed(String),
}

impl ArticlePane {
    pub(super) fn article(&self) -> Option<&OpenArticle> {
        self.open.as_ref()
    }

    pub(super) fn maximized(&self) -> bool {
        self.maximized
    }

    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    pub(super) fn close(&mut self) {
        self.open = None;
    }

    /// Moving into a previewed article is reading it: its id, once.
    pub(super) fn end_preview(&mut self) -> Option<ArticleId> {
        let a = self.open.as_mut().filter(|a| a.preview)?;
        a.preview = false;
        Some(a.id)
    }

    /// Shows article `id`, not yet loaded; a preview is not read until entered.
    fn show(&mut self, id: ArticleId, preview: bool) {
        self.open = Some(OpenArticle {
            id,
            body: None,
            rendered: None,
            base: None,
            blocks: Vec::new(),
            scroll: 0,
            error: None,
            preview,
            full: FullText::Off,
            page: None,
        });
    }

    /// Article `id`'s body (or why there is none) arrived; false when it is no longer open.
    fn set_body(&mut self, id: ArticleId, result: Result<Option<ArticleBody>, String>) -> bool {
        let Some(a) = self.open.as_mut().filter(|a| a.id == id) else {
            return false;
        };
        match result {
            Ok(Some(body)) => a.body = Some(body),
            Ok(None) => a.error = Some(t!("status-article-gone")),
            Err(e) => a.error = Some(e),
        }
        true
    }

    /// Lays the open article out for `width` columns.
    fn render(&mut self, store: &Store, zone: Zone, width: u16, pictures: &Pictures) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let Some(headline) = store.headline(open.id) else {
            return;
        };
        let feed_title = store
            .feed(headline.feed_id())
            .map(|f| f.title.as_str())
            .unwrap_or("");
        let page_body;
        let body = match (&open.full, &open.page, &open.body) {
            (FullText::Shown, Some(page), Some(body)) => {
                page_body = page.body(body);
                Some(&page_body)
            }
            _ => open.body.as_ref(),
        };
        let rendered = match (body, &open.error) {
            (Some(body), _) => {
                let mut r = render::article(
                    &ArticleSource {
                        headline: headline.parts(),
                        feed_title,
                        body,
                        zone,
                    },
                    width,
                );
                let note = match &open.full {
                    FullText::Fetching => Some(t!("article-fetching-full")),
                    FullText::Failed(why) => Some(t!("article-no-full-text", why = why.as_str())),
                    FullText::Off | FullText::Shown => None,
                };
                if let Some(note) = note {
                    // Under the rule that ends the header, where the text starts.
                    let at = r
                        .lines
                        .iter()
                        .position(|l| l.spans.iter().any(|s| s.content.starts_with('─')))
                        .map_or(0, |i| i + 1);
                    r.lines.insert(
                        at,
                        ratatui::text::Line::styled(
                            crate::sanitize::line(&note),
                            render::style::meta(),
                        ),
                    );
                    for span in &mut r.link_spans {
                        if span.line >= at {
                            span.line += 1;
                        }
                    }
                    for slot in &mut r.pictures {
                        if slot.line >= at {
                            slot.line += 1;
                        }
                    }
                }
                r
            }
            (None, Some(err)) => {
                let mut r = render::article(
                    &ArticleSource {
                        headline: headline.parts(),
                        feed_title,
                        body: &ArticleBody::default(),
                        zone,
                    },
                    width,
                );
                r.lines.push(ratatui::text::Line::styled(
                    err.clone(),
                    render::style::meta(),
                ));
                r
            }
            (None, None) => return,
        };
        if let Some(open) = self.open.as_mut() {
            // The text alone is kept apart only when pictures are placed into it.
            match super::pictures::compose(&rendered, pictures) {
                Some((composed, blocks)) => {
                    open.rendered = Some(composed);
                    open.blocks = blocks;
                    open.base = Some(rendered);
                }
                None => {
                    open.rendered = Some(rendered);
                    open.blocks = Vec::new();
                    open.base = None;
                }
            }
        }
    }

    /// Places the pictures again (one arrived), keeping the line at the top of the pane
    /// where it was: a picture landing above the screen does not move the text.
    pub(super) fn compose(&mut self, pictures: &Pictures) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let Some(base) = open.base.as_ref() else {
            return;
        };
        let (line, row) = super::pictures::to_base(&open.blocks, open.scroll);
        let Some((composed, blocks)) = super::pictures::compose(base, pictures) else {
            return;
        };
        open.scroll = super::pictures::to_composed(&blocks, line, row);
        open.rendered = Some(composed);
        open.blocks = blocks;
    }

    /// The pictures at `urls` were asked for: not again.
    pub(super) fn mark_asked(&mut self, urls: &[String]) {
        if let Some(open) = self.open.as_mut() {
            for b in &mut open.blocks {
                if urls.contains(&b.url) {
                    b.wanted = false;
                }
            }
        }
    }

    /// The picture slots of the open article.
    fn slots(&self) -> &[crate::render::PictureSlot] {
        self.open
            .as_ref()
            .and_then(|a| a.base.as_ref())
            .map_or(&[], |r| r.pictures.as_slice())
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        if let Some(a) = self.open.as_mut() {
            a.scroll = a.scroll.saturating_add_signed(delta);
        }
    }

    pub(super) fn scroll_to(&mut self, line: usize) {
        if let Some(a) = self.open.as_mut() {
            a.scroll = line;
        }
    }

    /// Keeps the last screenful of text at the bottom of a pane `height` rows high.
    fn clamp_scroll(&mut self, height: usize) {
        if let Some(a) = self.open.as_mut() {
            let len = a.rendered.as_ref().map(|r| r.lines.len()).unwrap_or(0);
            a.scroll = a.scroll.min(len.saturating_sub(height.max(1)));
        }
    }

    /// `x` on the open article: what to show now, and whether the page must be read.
    fn toggle_full(&mut self) -> Option<(ArticleId, bool)> {
        let a = self.open.as_mut()?;
        let fetch = match a.full {
            FullText::Off | FullText::Failed(_) if a.page.is_some() => {
                a.full = FullText::Shown;
                false
            }
            FullText::Off | FullText::Failed(_) => {
                a.full = FullText::Fetching;
                true
            }
            // Back to the feed's text; a fetch under way still lands in `page`.
            FullText::Fetching | FullText::Shown => {
                a.full = FullText::Off;
                false
            }
        };
        Some((a.id, fetch))
    }

    /// The page of article `id` arrived; false when it is no longer open.
    fn set_full(
        &mut self,
        id: ArticleId,
        result: Result<crate::fulltext::Extracted, String>,
    ) -> bool {
        let Some(a) = self.open.as_mut().filter(|a| a.id == id) else {
            return false;
        };
        let waiting = a.full == FullText::Fetching;
        match result {
            Ok(page) => {
                a.page = Some(page);
                if waiting {
                    a.full = FullText::Shown;
                    a.scroll = 0;
                }
            }
            Err(why) if waiting => a.full = FullText::Failed(why),
            Err(_) => {}
        }
        true
    }

    /// The body of article `id` when it is the one open and loaded.
    fn body_of(&self, id: ArticleId) -> Option<ArticleBody> {
        self.open
            .as_ref()
            .filter(|a| a.id == id)
            .and_then(|a| a.body.clone())
    }
}

impl App {
    pub(super) fn open_article(&mut self, id: ArticleId) -> Vec<Effect> {
        self.pane.show(id, false);
        self.focus = Focus::Article;
        self.relayout();
        let mut fx = vec![Effect::LoadBody(id)];
        fx.extend(self.mark_opened(id));
        fx
    }

    pub(super) fn mark_opened(&mut self, id: ArticleId) -> Option<Effect> {
        self.store
            .set_read(id, true)
            .then(|| Effect::Persist(vec![Change::Read(id, true)]))
    }

    /// The article under the list cursor shown in the open pane, focus staying on the list.
    pub(super) fn preview_article(&mut self, id: ArticleId) -> Vec<Effect> {
        if self.pane.open.as_ref().is_some_and(|a| a.id == id) {
            return Vec::new();
        }
        self.pane.show(id, true);
        self.relayout();
        vec![Effect::LoadBody(id)]
    }

    pub(super) fn render_article(&mut self) {
        let Some(width) = self.areas().article.map(|a| article_text_width(a.width)) else {
            return;
        };
        self.pane
            .render(&self.store, self.zone, width, &self.pictures);
        self.pictures.retain(self.pane.slots());
        self.clamp_article_scroll();
    }

    /// The answer to `Effect::LoadBody`.
    pub(super) fn on_body(&mut self, id: ArticleId, result: Result<Option<ArticleBody>, String>) {
        if self.pane.set_body(id, result) {
            self.render_article();
            self.dirty = true;
        }
    }

    /// `x`: the article from its page (stored, else fetched off the loop), or the feed's
    /// text again.
    pub(super) fn toggle_full_text(&mut self) -> Vec<Effect> {
        let Some((id, fetch)) = self.pane.toggle_full() else {
            self.say(t!("status-open-article-first"));
            return Vec::new();
        };
        self.render_article();
        self.dirty = true;
        if !fetch {
            return Vec::new();
        }
        let Some(headline) = self.store.headline(id) else {
            return Vec::new();
        };
        let feed_url = self
            .store
            .feed(headline.feed_id())
            .map(|f| f.url.clone())
            .unwrap_or_default();
        vec![Effect::FullText {
            id,
            link: headline.link().map(str::to_string),
            feed_url,
        }]
    }

    /// The answer to `Effect::FullText`.
    pub(super) fn on_full_text(
        &mut self,
        id: ArticleId,
        result: Result<crate::fulltext::Extracted, String>,
    ) {
        if self.pane.set_full(id, result) {
            self.render_article();
            self.dirty = true;
        }
    }

    pub(super) fn article_height(&self) -> usize {
        self.areas()
            .article
            .map(|a| usize::from(a.height))
            .unwrap_or(0)
    }

    pub(super) fn clamp_article_scroll(&mut self) {
        let h = self.article_height();
        self.pane.clamp_scroll(h);
    }

    /// `z`: the article alone, or beside/under the list again. Kept for the session, so
    /// the next article opens the same way.
    pub(super) fn toggle_maximized(&mut self) -> Vec<Effect> {
        self.pane.maximized = !self.pane.maximized;
        if self.pane.maximized && self.pane.open.is_some() {
            self.focus = Focus::Article;
        }
        let key = self.keymap.hint(Action::Maximize);
        self.say(if self.pane.maximized {
            t!("status-maximized", key = key)
        } else {
            t!("status-list-and-article")
        });
        self.relayout();
        Vec::new()
    }

    /// `<`/`>`: the list's share of a side-by-side screen, kept for the session.
    pub(super) fn move_split(&mut self, by: i16) -> Vec<Effect> {
        self.list_percent = layout::clamp_percent(self.list_percent.saturating_add_signed(by));
        if self.size.0 >= self.wide_min_width {
            self.say(t!(
                "status-list-width",
                percent = self.list_percent.to_string()
            ));
        } else {
            self.say(t!(
                "status-list-width-side-by-side",
                percent = self.list_percent.to_string(),
                columns = self.wide_min_width.to_string()
            ));
        }
        self.relayout();
        Vec::new()
    }

    /// The body of article `id` when it is the one open and loaded.
    pub(super) fn open_body(&self, id: ArticleId) -> Option<ArticleBody> {
        self.pane.body_of(id)
    }
}
