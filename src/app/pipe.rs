//! `|`: the article's text, as `tidings show` prints it, on the stdin of a command the user
//! types. The line is split into arguments here (quotes group, no shell), and the share
//! placeholders (`{url}`, `{title}`, `{feed}`, `{author}`) are substituted per argument.

use super::search::Prompt;
use super::{App, Effect, PromptKind};
use crate::model::{ArticleBody, ArticleId};
use crate::render::{self, ArticleSource};
use crate::share::command::{self, Fields};
use crate::t;

/// Width the piped text is wrapped at, whatever the pane's width.
const PIPE_WIDTH: u16 = 80;

impl App {
    pub(super) fn open_pipe_prompt(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            self.warn(t!("status-select-article-to-pipe"));
            return Vec::new();
        };
        self.mode = super::Mode::Prompt(Box::new(Prompt::plain(
            PromptKind::Pipe(id),
            &self.sharing.last_pipe.clone(),
        )));
        self.dirty = true;
        Vec::new()
    }

    pub(super) fn pipe_submit(&mut self, id: ArticleId, line: &str) -> Vec<Effect> {
        let template = match command::split(line) {
            Ok(t) if t.is_empty() => return Vec::new(),
            Ok(t) => t,
            Err(e) => {
                self.warn(t!("status-not-run", error = e.to_string()));
                return Vec::new();
            }
        };
        self.sharing.last_pipe = line.trim().to_string();
        match self.open_body(id) {
            Some(body) => self.pipe_with_body(id, &template, &body),
            None => vec![Effect::LoadBodyForPipe { id, template }],
        }
    }

    pub(super) fn pipe_with_body(
        &mut self,
        id: ArticleId,
        template: &[String],
        body: &ArticleBody,
    ) -> Vec<Effect> {
        let Some(headline) = self.store.headline(id) else {
            return Vec::new();
        };
        let feed_title = self
            .store
            .feed(headline.feed_id())
            .map(|f| f.title.clone())
            .unwrap_or_default();
        let rendered = render::article(
            &ArticleSource {
                headline: headline.parts(),
                feed_title: &feed_title,
                body,
                zone: self.zone,
            },
            PIPE_WIDTH,
        );
        let fields = Fields {
            url: headline
                .link()
                .and_then(|l| crate::share::intents::check_link(l).ok())
                .map(|u| u.to_string())
                .unwrap_or_default(),
            title: crate::sanitize::line(headline.title()),
            feed: crate::sanitize::line(&feed_title),
            author: headline
                .author()
                .map(crate::sanitize::line)
                .unwrap_or_default(),
            file: None,
        };
        vec![Effect::Pipe {
            argv: command::argv(template, &fields),
            text: render::to_plain(&rendered.lines),
        }]
    }
}
