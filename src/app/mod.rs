//! The application state and its one entry point, [`App::update`]: a message in,
//! effects out. No I/O happens here, so every flow is testable by feeding keys.

pub mod action;
mod external;
mod feed_edit;
pub mod help;
pub mod input;
pub mod keymap;
mod mode;
mod pipe;
mod refresh;
mod search;
mod sharing;
mod undo;

use crate::db::Change;
use crate::db::writer::DbEvent;
use crate::feed::poller::{PollEvent, PollJob};
use crate::model::{ArticleBody, ArticleId, FeedId, FeedStatus, ParsedFeed, Validators};
use crate::render::{self, ArticleSource, Rendered};
use crate::store::{SortOrder, Store, View};
use crate::timefmt::Zone;
use crate::ui::layout::{self, Areas, LayoutInput};
use action::Action;
pub use feed_edit::FeedEdit;
use keymap::Keymap;
pub use mode::Mode;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
pub use refresh::{Refresh, Trigger};
pub use search::{ActiveQuery, BodyHits, HeadlineSubject, Prompt, PromptKind};
pub use sharing::Sharing;
use std::collections::HashMap;

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// The clock moved on (unix seconds); drives periodic refresh and message expiry.
    Tick(i64),
    Poll(PollEvent),
    Db(DbEvent),
    Body(ArticleId, Result<Option<ArticleBody>, String>),
    /// The body asked for by `Effect::LoadBodyForShare`.
    ShareBody {
        id: ArticleId,
        kind: crate::share::ShareKind,
        body: Result<Option<ArticleBody>, String>,
    },
    /// The body asked for by `Effect::LoadBodyForPipe`.
    PipeBody {
        id: ArticleId,
        template: Vec<String>,
        body: Result<Option<ArticleBody>, String>,
    },
    /// The full-text index's answer for query `seq`.
    BodyHits {
        seq: u64,
        hits: BodyHits,
    },
    /// An effect finished: the text for the status bar, or its error.
    Done(Result<String, String>),
    /// config.toml was read again (its feeds follow as `DbEvent::FeedsSynced`).
    ConfigRead(Box<ConfigRead>),
    /// An `Effect::EditFeed` was written to config.toml (the message), or not (the error);
    /// `forget` is the URL of a feed unsubscribed, whose articles are to go.
    FeedEdited {
        result: Result<String, String>,
        forget: Option<String>,
    },
}

/// The settings of a config.toml read while the reader runs that the app holds itself.
#[derive(Debug)]
pub struct ConfigRead {
    pub keymap: Keymap,
    /// Key bindings that were refused or that took a key from another action.
    pub warnings: Vec<String>,
    pub views: Vec<crate::config::SavedView>,
    pub wide_min_width: u16,
    pub hyperlinks: bool,
}

/// Work the app asks for; carried out by the runner, which answers with more `Msg`s.
#[derive(Debug, PartialEq)]
pub enum Effect {
    Quit,
    LoadBody(ArticleId),
    Poll(Vec<PollJob>),
    Ingest {
        feed_id: FeedId,
        parsed: ParsedFeed,
        validators: Validators,
        moved_to: Option<String>,
    },
    SaveStatus(FeedId, FeedStatus),
    /// When the feed may be polled automatically again (backoff, Retry-After).
    SaveSchedule(FeedId, crate::model::PollSchedule),
    Persist(Vec<Change>),
    /// Ask the writer whether another process changed the database; `seq` counts the
    /// `Persist` effects sent before (see `App::watch_others`).
    CheckExternal(u64),
    /// Read config.toml again if it changed since it was last read (or anyway when
    /// `forced`); `seq` as for `CheckExternal`.
    CheckConfig {
        seq: u64,
        forced: bool,
    },
    /// An http(s) or mailto: URL for the opener.
    OpenUrl(String),
    /// Put `text` on the clipboard; `what` names it in the status bar.
    Copy {
        text: String,
        what: String,
    },
    LoadBodyForShare(ArticleId, crate::share::ShareKind),
    /// Load the body, then pipe the article into `template` (answered with `Msg::PipeBody`).
    LoadBodyForPipe {
        id: ArticleId,
        template: Vec<String>,
    },
    /// Run `argv` in the terminal with `text` on its stdin (`|`, pipe to a command).
    Pipe {
        argv: Vec<String>,
        text: String,
    },
    /// Save an article as Markdown into the directory.
    Save(crate::share::SavedArticle, std::path::PathBuf),
    /// Which articles' bodies hold each term (answered with `Msg::BodyHits`).
    BodySearch {
        seq: u64,
        terms: Vec<String>,
    },
    /// Write a feed's tags into config.toml (comments and layout kept).
    SaveFeedTags {
        url: String,
        tags: Vec<String>,
    },
    /// Unsubscribe, rename or move a feed in config.toml (answered with `Msg::FeedEdited`).
    EditFeed(FeedEdit),
    /// Delete the articles of a feed no longer subscribed, bookmarked ones kept.
    ForgetFeed {
        url: String,
    },
    /// Remember the sort order of each view (written to the data directory).
    SaveSortOrders(Vec<(crate::views_file::ViewKey, SortOrder)>),
    /// A share command (custom target or mailer).
    Run {
        argv: Vec<String>,
        terminal: bool,
        timeout: std::time::Duration,
        name: String,
        file: Option<crate::share::TempArticle>,
    },
    /// Clear the terminal and draw every cell again (Ctrl-L): whatever another program or
    /// a terminal's own idea of a character's width left on screen goes.
    Redraw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Feeds,
    Headlines,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
}

/// A selection in a list and the first row on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub sel: usize,
    pub offset: usize,
}

impl Cursor {
    fn clamp(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.sel = self.sel.min(len.saturating_sub(1));
        if self.sel < self.offset {
            self.offset = self.sel;
        }
        if self.sel >= self.offset + height {
            self.offset = self.sel + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

pub struct OpenArticle {
    pub id: ArticleId,
    pub body: Option<ArticleBody>,
    pub rendered: Option<Rendered>,
    pub scroll: usize,
    pub error: Option<String>,
    /// Shown because the list cursor moved onto it while the article pane was open; not
    /// opened, so not marked read until Enter (or Tab into the pane).
    pub preview: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub until: i64,
}

/// Rows of the feed list: the three built-in views, then the feeds.
pub const BUILTIN_VIEWS: [View; 3] = [View::All, View::Unread, View::Bookmarks];

pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub zone: Zone,
    pub now: i64,
    pub size: (u16, u16),
    pub wide_min_width: u16,
    /// Side by side, the list's share of the width in percent (`<`/`>`, for the session).
    pub list_percent: u16,
    /// `z`: an open article takes the whole screen, as a news page's expand button does.
    pub maximized: bool,
    /// The counts of `list` as filtered, with the store generation and length they are for.
    /// Also set by `shown_counts` itself, so a flag change costs one count, not one per frame.
    shown_counts: std::cell::Cell<Option<(u64, usize, crate::store::Counts)>>,
    pub screen: Screen,
    pub feeds_cursor: Cursor,
    pub view: View,
    pub list: Vec<ArticleId>,
    pub list_cursor: Cursor,
    pub article: Option<OpenArticle>,
    pub focus: Focus,
    /// What is on top (help, the share menu, a prompt …) and takes the keys; `App::mode`.
    mode: Mode,
    pub sharing: Sharing,
    /// Write OSC 8 hyperlinks over link text in the article pane.
    pub hyperlinks: bool,
    /// `NO_COLOR` is set: draw no colour, and mark what colour marked (the selection,
    /// matches) with reverse video and underlines instead.
    pub no_color: bool,
    /// Sort order per view, by a key that survives tags and views being added or renamed;
    /// views not listed are newest first.
    sort: HashMap<crate::views_file::ViewKey, SortOrder>,
    /// The view's ids, sorted, before search and filter narrow them.
    base: Vec<ArticleId>,
    fold_cache: search::FoldCache,
    /// `/`: narrows the list, highlights matches; Esc clears it.
    pub search: Option<ActiveQuery>,
    /// `F`: the filter of the current view.
    pub filter: Option<ActiveQuery>,
    query_seq: u64,
    /// Tags of the configured feeds, sorted (`View::Tag` indexes this).
    pub tags: Vec<String>,
    /// The tags that have a row in the feed list (indices into `tags`).
    shown_tags: Vec<usize>,
    shown_tags_gen: Option<u64>,
    show_empty_tags: bool,
    /// Saved views: name and parsed filter, in config order.
    pub saved: Vec<(String, crate::filter::Filter)>,
    saved_counts: Vec<crate::store::Counts>,
    saved_gen: Option<u64>,
    /// Which bodies hold the saved views' words, asked again whenever the store changed.
    saved_hits: search::SavedHits,
    /// The last marking action, for `U`.
    undo: Option<undo::Undo>,
    pub message: Option<Message>,
    pub refresh: Refresh,
    /// When each feed was last polled (attempted), for the periodic schedule.
    pub last_poll: HashMap<FeedId, i64>,
    /// On every tick, ask whether another process (a cron refresh, a second reader)
    /// changed the database, and merge what it did.
    pub watch_others: bool,
    /// Own read/bookmark changes not yet seen in an answer to `CheckExternal`.
    unconfirmed: external::Unconfirmed,
    /// Shown in the title bar all session: something the user must keep in mind
    /// (config.toml has an error and is not used).
    pub notice: Option<String>,
    /// Something visible changed since the last draw.
    pub dirty: bool,
    pub quit: bool,
}

const MESSAGE_SECS: i64 = 6;

impl App {
    pub fn new(store: Store, keymap: Keymap, zone: Zone, now: i64, size: (u16, u16)) -> App {
        let last_poll = store
            .feeds()
            .iter()
            .filter_map(|f| match &f.status {
                FeedStatus::Ok { at } | FeedStatus::Error { at, .. } => Some((f.id, *at)),
                FeedStatus::Never => None,
            })
            .collect();
        let mut app = App {
            store,
            keymap,
            zone,
            now,
            size,
            wide_min_width: 120,
            list_percent: layout::LIST_PERCENT_DEFAULT,
            maximized: false,
            shown_counts: std::cell::Cell::new(None),
            screen: Screen::Feeds,
            feeds_cursor: Cursor::default(),
            view: View::All,
            list: Vec::new(),
            list_cursor: Cursor::default(),
            article: None,
            focus: Focus::List,
            mode: Mode::Normal,
            sharing: Sharing::default(),
            hyperlinks: false,
            no_color: false,
            sort: HashMap::new(),
            base: Vec::new(),
            fold_cache: search::FoldCache::default(),
            search: None,
            filter: None,
            query_seq: 0,
            tags: Vec::new(),
            shown_tags: Vec::new(),
            shown_tags_gen: None,
            show_empty_tags: false,
            saved: Vec::new(),
            saved_counts: Vec::new(),
            saved_gen: None,
            saved_hits: search::SavedHits::default(),
            undo: None,
            message: None,
            refresh: Refresh::default(),
            last_poll,
            watch_others: false,
            unconfirmed: external::Unconfirmed::default(),
            notice: None,
            dirty: true,
            quit: false,
        };
        app.collect_tags();
        app
    }

    pub fn areas(&self) -> Areas {
        layout::areas(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.layout_input(),
        )
    }

    pub fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            article_open: self.article.is_some(),
            feeds_screen: self.screen == Screen::Feeds,
            maximized: self.maximized,
            wide_min_width: self.wide_min_width,
            list_percent: self.list_percent,
        }
    }

    pub fn feed_rows(&self) -> usize {
        BUILTIN_VIEWS.len() + self.saved.len() + self.shown_tags.len() + self.store.feeds().len()
    }

    /// Which tags get a row: those with articles, or all with `show_empty_tags` (a first
    /// run offline would otherwise open on a column of empty tags). Recomputed when the
    /// store changes; the cursor stays on the view it was on.
    fn refresh_shown_tags(&mut self, force: bool) {
        if !force && self.shown_tags_gen == Some(self.store.generation()) {
            return;
        }
        self.shown_tags_gen = Some(self.store.generation());
        let shown: Vec<usize> = (0..self.tags.len())
            .filter(|&i| self.show_empty_tags || self.counts(View::Tag(i)).total > 0)
            .collect();
        if shown != self.shown_tags {
            let selected = self.feed_row_view(self.feeds_cursor.sel);
            self.shown_tags = shown;
            self.relayout_after_rows_changed(selected);
            self.dirty = true;
        }
    }

    /// The getting-started feed, while none of its articles has been read.
    pub fn unstarted_tour(&self) -> Option<FeedId> {
        let f = self
            .store
            .feeds()
            .iter()
            .find(|f| f.url == crate::demo::DEMO_URL)?;
        let c = self.store.counts(View::Feed(f.id));
        (c.unread == c.total).then_some(f.id)
    }

    /// A first start (nothing read yet) opens with the cursor on the tour, not on
    /// "All articles" above a column of starter feeds.
    pub fn start_on_tour(&mut self) {
        if self.store.headlines().any(|h| h.flags.read()) {
            return;
        }
        let Some(id) = self.unstarted_tour() else {
            return;
        };
        if let Some(row) =
            (0..self.feed_rows()).find(|&i| self.feed_row_view(i) == Some(View::Feed(id)))
        {
            self.feeds_cursor.sel = row;
            self.relayout();
        }
    }

    /// Shows tag rows with no articles too (config `show_empty_tags`).
    pub fn set_show_empty_tags(&mut self, show: bool) {
        self.show_empty_tags = show;
        self.refresh_shown_tags(true);
    }

    /// Every tag of the configured feeds, sorted, for the tag rows of the feed list.
    pub fn collect_tags(&mut self) {
        let mut tags: Vec<String> = self
            .store
            .feeds()
            .iter()
            .flat_map(|f| f.tags.iter().cloned())
            .collect();
        tags.sort_by_key(|t| t.to_lowercase());
        tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        self.tags = tags;
        // The caller keeps the cursor (relayout_after_rows_changed); indices changed.
        self.shown_tags = (0..self.tags.len())
            .filter(|&i| self.show_empty_tags || self.counts(View::Tag(i)).total > 0)
            .collect();
        self.shown_tags_gen = Some(self.store.generation());
    }

    /// The view behind row `i` of the feed list.
    pub fn feed_row_view(&self, i: usize) -> Option<View> {
        if i < BUILTIN_VIEWS.len() {
            return Some(BUILTIN_VIEWS[i]);
        }
        let i = i - BUILTIN_VIEWS.len();
        if i < self.saved.len() {
            return Some(View::Saved(i));
        }
        let i = i - self.saved.len();
        if i < self.shown_tags.len() {
            return Some(View::Tag(self.shown_tags[i]));
        }
        self.store
            .feeds()
            .get(i - self.shown_tags.len())
            .map(|f| View::Feed(f.id))
    }

    pub fn view_title(&self, view: View) -> String {
        match view {
            View::All => "All articles".into(),
            View::Unread => "Unread".into(),
            View::Bookmarks => "Bookmarks".into(),
            View::Feed(id) => self
                .store
                .feed(id)
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            View::Saved(i) => self
                .saved
                .get(i)
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            View::Tag(i) => self
                .tags
                .get(i)
                .map(|t| format!("#{t}"))
                .unwrap_or_default(),
        }
    }

    pub fn selected_article(&self) -> Option<ArticleId> {
        match (self.focus, &self.article) {
            (Focus::Article, Some(a)) => Some(a.id),
            _ if self.screen == Screen::Headlines => self.list.get(self.list_cursor.sel).copied(),
            _ => None,
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            until: self.now + MESSAGE_SECS,
        });
        self.dirty = true;
    }

    /// Like [`App::say`] for news nobody asked for (a background refresh finished): it
    /// does not hide a warning still on show, such as a `[keys]` conflict at start.
    pub fn report(&mut self, text: impl Into<String>) {
        if self.message.as_ref().is_some_and(|m| m.error) {
            return;
        }
        self.say(text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
            until: self.now + 2 * MESSAGE_SECS,
        });
        self.dirty = true;
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.handle(msg);
        self.unconfirmed.record(&effects);
        self.refresh_saved_counts();
        effects.extend(self.saved_body_search());
        self.refresh_shown_tags(false);
        effects
    }

    /// Sets the saved views (`[[view]]` from config); their filters were checked at load.
    pub fn set_saved_views(&mut self, views: &[crate::config::SavedView]) {
        self.saved = views
            .iter()
            .filter_map(|v| Some((v.name.clone(), crate::filter::parse(&v.filter).ok()?)))
            .collect();
        self.saved_gen = None;
        self.saved_hits = search::SavedHits::default();
        self.refresh_saved_counts();
    }

    /// Saved view counts follow the store: recounted whenever it changed.
    fn refresh_saved_counts(&mut self) {
        if self.saved.is_empty() || self.saved_gen == Some(self.store.generation()) {
            return;
        }
        let now = self.now;
        let mut counts = vec![crate::store::Counts::default(); self.saved.len()];
        let hits = self.saved_hits.hits.as_ref();
        for h in self.store.headlines() {
            let feed = self.store.feed(h.feed_id);
            for (i, (_, f)) in self.saved.iter().enumerate() {
                let subject = search::subject(h, feed, self.store.categories(), hits);
                if f.matches(&subject, now) {
                    counts[i].total += 1;
                    counts[i].unread += usize::from(!h.flags.read());
                }
            }
        }
        self.saved_counts = counts;
        self.saved_gen = Some(self.store.generation());
        self.dirty = true;
    }

    /// Counts of the rows the headline list shows, so the title bar agrees with the list
    /// (a filter narrows it; articles read in Unread stay until it is reopened).
    pub fn shown_counts(&self) -> crate::store::Counts {
        // Without a query the list is the view (Unread also keeps the rows read since it
        // opened, all of them read): the store's live counts say it without a pass over
        // 100,000 rows per frame.
        if self.search.is_none() && self.filter.is_none() {
            match self.view {
                // Bookmarks keeps a row unbookmarked while it is open: counted below.
                View::All | View::Feed(_) => return self.counts(self.view),
                View::Unread => {
                    let mut c = self.counts(View::Unread);
                    c.total = self.list.len();
                    return c;
                }
                _ => {}
            }
        }
        // Taken when the list was filtered, and nothing changed since.
        let key = (self.store.generation(), self.list.len());
        if let Some((generation, len, c)) = self.shown_counts.get()
            && (generation, len) == key
        {
            return c;
        }
        let mut c = crate::store::Counts::default();
        for h in self.list.iter().filter_map(|id| self.store.headline(*id)) {
            let (unread, marked) = (!h.flags.read(), h.flags.bookmarked());
            c.total += 1;
            c.unread += usize::from(unread);
            c.bookmarked += usize::from(marked);
            c.bookmarked_unread += usize::from(unread && marked);
        }
        self.shown_counts.set(Some((key.0, key.1, c)));
        c
    }

    /// Counts of any view, saved views included.
    pub fn counts(&self, view: View) -> crate::store::Counts {
        match view {
            View::Saved(i) => self.saved_counts.get(i).copied().unwrap_or_default(),
            View::Tag(i) => {
                let mut c = crate::store::Counts::default();
                let Some(tag) = self.tags.get(i) else {
                    return c;
                };
                for f in self
                    .store
                    .feeds()
                    .iter()
                    .filter(|f| f.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
                {
                    let fc = self.store.counts(View::Feed(f.id));
                    c.total += fc.total;
                    c.unread += fc.unread;
                    c.bookmarked += fc.bookmarked;
                    c.bookmarked_unread += fc.bookmarked_unread;
                }
                c
            }
            other => self.store.counts(other),
        }
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(ev) => {
                // Release and repeat-less terminals: act on Press (and Repeat) only, never twice.
                if ev.kind == KeyEventKind::Release {
                    return Vec::new();
                }
                self.key(&ev)
            }
            Msg::Mouse(ev) => self.mouse(ev),
            Msg::FeedEdited { result, forget } => self.on_feed_edited(result, forget),
            Msg::ConfigRead(read) => {
                let read = *read;
                self.keymap = read.keymap;
                self.wide_min_width = read.wide_min_width;
                self.hyperlinks = read.hyperlinks;
                self.notice = None;
                self.set_saved_views(&read.views);
                if let Some(w) = read.warnings.first() {
                    self.warn(w.clone());
                }
                self.relayout();
                self.dirty = true;
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.relayout();
                self.dirty = true;
                Vec::new()
            }
            Msg::Tick(now) => self.tick(now),
            Msg::Poll(ev) => self.on_poll(ev),
            Msg::Db(ev) => self.on_db(ev),
            Msg::Body(id, result) => {
                if let Some(a) = self.article.as_mut().filter(|a| a.id == id) {
                    match result {
                        Ok(Some(body)) => a.body = Some(body),
                        Ok(None) => a.error = Some("this article is no longer stored".into()),
                        Err(e) => a.error = Some(e),
                    }
                    self.render_article();
                    self.dirty = true;
                }
                Vec::new()
            }
            Msg::ShareBody { id, kind, body } => {
                self.with_loaded_body(body, |app, body| app.share_with_body(kind, id, body))
            }
            Msg::PipeBody { id, template, body } => {
                self.with_loaded_body(body, |app, body| app.pipe_with_body(id, &template, body))
            }
            Msg::BodyHits { seq, hits } => {
                self.on_body_hits(seq, hits);
                Vec::new()
            }
            Msg::Done(Ok(text)) => {
                self.say(text);
                Vec::new()
            }
            Msg::Done(Err(text)) => {
                self.warn(text);
                Vec::new()
            }
        }
    }

    fn tick(&mut self, now: i64) -> Vec<Effect> {
        self.now = now;
        if self.message.as_ref().is_some_and(|m| m.until <= now) {
            self.message = None;
            self.dirty = true;
        }
        let due: Vec<FeedId> = self
            .store
            .feeds()
            .iter()
            .filter(|f| {
                let last = self.last_poll.get(&f.id).copied().unwrap_or(i64::MIN / 2);
                now.saturating_sub(last) >= f.refresh_secs as i64
            })
            .map(|f| f.id)
            .collect();
        let mut fx = self.start_refresh(due, Trigger::Scheduled);
        if self.watch_others {
            fx.push(Effect::CheckExternal(self.unconfirmed.seq()));
            // `tidings add` in another terminal, or an edit: the list follows within a tick.
            fx.push(Effect::CheckConfig {
                seq: self.unconfirmed.seq(),
                forced: false,
            });
        }
        fx
    }

    /// The feed list gained or lost rows (tags): keep the cursor on the view it was on.
    fn relayout_after_rows_changed(&mut self, selected: Option<View>) {
        if let Some(row) = (0..self.feed_rows()).find(|&i| self.feed_row_view(i) == selected) {
            self.feeds_cursor.sel = row;
        }
        self.relayout();
    }

    /// Keeps cursors on screen and the article rendered for the current pane size.
    fn relayout(&mut self) {
        let areas = self.areas();
        let h = usize::from(areas.list.height);
        let rows = self.feed_rows();
        self.feeds_cursor.clamp(rows, h);
        self.list_cursor.clamp(self.list.len(), h);
        let width = areas.article.map(|a| article_text_width(a.width));
        if let (Some(a), Some(w)) = (&self.article, width)
            && a.rendered.as_ref().is_none_or(|r| r.width != w)
        {
            self.render_article();
        }
        self.clamp_article_scroll();
    }

    fn render_article(&mut self) {
        let Some(width) = self.areas().article.map(|a| article_text_width(a.width)) else {
            return;
        };
        let Some(open) = self.article.as_ref() else {
            return;
        };
        let Some(headline) = self.store.headline(open.id) else {
            return;
        };
        let feed_title = self
            .store
            .feed(headline.feed_id)
            .map(|f| f.title.as_str())
            .unwrap_or("");
        let rendered = match (&open.body, &open.error) {
            (Some(body), _) => render::article(
                &ArticleSource {
                    headline,
                    feed_title,
                    body,
                    zone: self.zone,
                },
                width,
            ),
            (None, Some(err)) => {
                let mut r = render::article(
                    &ArticleSource {
                        headline,
                        feed_title,
                        body: &ArticleBody::default(),
                        zone: self.zone,
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
        if let Some(open) = self.article.as_mut() {
            open.rendered = Some(rendered);
        }
        self.clamp_article_scroll();
    }

    fn article_height(&self) -> usize {
        self.areas()
            .article
            .map(|a| usize::from(a.height))
            .unwrap_or(0)
    }

    fn clamp_article_scroll(&mut self) {
        let h = self.article_height();
        if let Some(a) = self.article.as_mut() {
            let len = a.rendered.as_ref().map(|r| r.lines.len()).unwrap_or(0);
            a.scroll = a.scroll.min(len.saturating_sub(h.max(1)));
        }
    }

    /// `z`: the article alone, or beside/under the list again. Kept for the session, so
    /// the next article opens the same way.
    fn toggle_maximized(&mut self) -> Vec<Effect> {
        self.maximized = !self.maximized;
        if self.maximized && self.article.is_some() {
            self.focus = Focus::Article;
        }
        let key = self.keymap.hint(Action::Maximize);
        self.say(if self.maximized {
            format!("Articles take the whole screen; {key} shows the list again")
        } else {
            "List and article".to_string()
        });
        self.relayout();
        Vec::new()
    }

    /// `<`/`>`: the list's share of a side-by-side screen, kept for the session.
    fn move_split(&mut self, by: i16) -> Vec<Effect> {
        self.list_percent = layout::clamp_percent(self.list_percent.saturating_add_signed(by));
        if self.size.0 >= self.wide_min_width {
            self.say(format!("List: {}% of the width", self.list_percent));
        } else {
            self.say(format!(
                "List: {}% of the width when side by side (from {} columns)",
                self.list_percent, self.wide_min_width
            ));
        }
        self.relayout();
        Vec::new()
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        self.dirty = true;
        if action == Action::Redraw {
            return vec![Effect::Redraw];
        }
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Home => self.step(isize::MIN / 2),
            Action::End => self.step(isize::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(true),
            Action::Cancel => self.back(false),
            Action::Quit => self.quit(),
            Action::SwitchPane => {
                if self.article.is_some() {
                    self.focus = match self.focus {
                        Focus::List => Focus::Article,
                        Focus::Article => Focus::List,
                    };
                }
                // Moving into a previewed article is reading it.
                match self.article.as_mut() {
                    Some(a) if a.preview && self.focus == Focus::Article => {
                        a.preview = false;
                        let id = a.id;
                        self.mark_opened(id).into_iter().collect()
                    }
                    _ => Vec::new(),
                }
            }
            Action::NextArticle => self.neighbour(1),
            Action::PrevArticle => self.neighbour(-1),
            Action::NextUnread => {
                if self.step_match(true) {
                    Vec::new()
                } else {
                    self.next_unread()
                }
            }
            Action::ToggleRead => self.toggle_read(),
            Action::Undo => self.undo(),
            Action::ReloadConfig => vec![Effect::CheckConfig {
                seq: self.unconfirmed.seq(),
                forced: true,
            }],
            // On the feed list, what is under the cursor is a feed.
            Action::DeleteArticle if self.screen == Screen::Feeds => self.ask_remove_feed(),
            Action::DeleteArticle => self.delete_article(),
            Action::RenameFeed => self.ask_rename_feed(),
            Action::MoveFeedUp => self.move_feed(-1),
            Action::MoveFeedDown => self.move_feed(1),
            Action::MarkAllRead => self.mark_all_read(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ShowBookmarks => {
                self.enter_view(View::Bookmarks);
                Vec::new()
            }
            Action::RefreshFeed => self.refresh_selected(),
            Action::RefreshAll => self.refresh_all(),
            Action::OpenInBrowser => self.open_in_browser(),
            Action::CopyLink => self.copy_link(),
            Action::Share => {
                if self.selected_article().is_some() {
                    self.mode = Mode::Share;
                } else {
                    self.warn("Select an article to share it");
                }
                Vec::new()
            }
            Action::ShowQr => self.share(crate::share::ShareKind::Qr),
            Action::PipeTo => self.open_pipe_prompt(),
            Action::CycleSort => self.cycle_sort(),
            Action::Search => self.open_prompt(PromptKind::Search),
            Action::EditTags => self.edit_tags(),
            Action::Filter => self.open_prompt(PromptKind::Filter),
            Action::PrevMatch => {
                self.step_match(false);
                Vec::new()
            }
            Action::Help => {
                self.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            Action::Redraw => vec![Effect::Redraw],
            Action::Maximize => self.toggle_maximized(),
            Action::NarrowList => self.move_split(-layout::LIST_PERCENT_STEP),
            Action::WidenList => self.move_split(layout::LIST_PERCENT_STEP),
            // The keys of the modes on top (`mode.rs`) never reach normal mode.
            Action::Close
            | Action::Submit
            | Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::DeleteToStart
            | Action::Yes => Vec::new(),
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    fn list_height(&self) -> usize {
        usize::from(self.areas().list.height).max(1)
    }

    fn step(&mut self, delta: isize) -> Vec<Effect> {
        let h = self.list_height();
        if self.focus == Focus::Article && self.article.is_some() {
            if let Some(a) = self.article.as_mut() {
                a.scroll = a.scroll.saturating_add_signed(delta);
            }
            self.clamp_article_scroll();
            return Vec::new();
        }
        match self.screen {
            Screen::Feeds => {
                let rows = self.feed_rows();
                self.feeds_cursor.sel = self.feeds_cursor.sel.saturating_add_signed(delta);
                self.feeds_cursor.clamp(rows, h);
            }
            Screen::Headlines => {
                self.list_cursor.sel = self.list_cursor.sel.saturating_add_signed(delta);
                self.list_cursor.clamp(self.list.len(), h);
                // With the article pane beside the list, it follows the cursor (stacked
                // under a short list it stays put; J/K go on from it).
                if self.article.is_some()
                    && self.size.0 >= self.wide_min_width
                    && let Some(&id) = self.list.get(self.list_cursor.sel)
                {
                    return self.preview_article(id);
                }
            }
        }
        Vec::new()
    }

    fn page(&mut self, dir: isize) -> Vec<Effect> {
        let h = if self.focus == Focus::Article && self.article.is_some() {
            self.article_height()
        } else {
            self.list_height()
        };
        self.step(dir * (h.saturating_sub(1).max(1) as isize))
    }

    fn enter_view(&mut self, view: View) {
        if view != self.view {
            self.search = None;
            self.filter = None;
        }
        self.view = view;
        self.screen = Screen::Headlines;
        let mut ids = self.store.view_ids(view);
        self.store.sort(&mut ids, self.order());
        self.base = ids.clone();
        self.sync_fold_cache();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.list_cursor = Cursor::default();
        self.article = None;
        self.focus = Focus::List;
        if let Some(row) = (0..self.feed_rows()).find(|&i| self.feed_row_view(i) == Some(view)) {
            self.feeds_cursor.sel = row;
        }
        self.relayout();
    }

    /// The list shown, with its counts when the pass that made it took them.
    fn set_list(&mut self, ids: Vec<ArticleId>, counts: Option<crate::store::Counts>) {
        self.shown_counts
            .set(counts.map(|c| (self.store.generation(), ids.len(), c)));
        self.list = ids;
    }

    /// Narrows the view's list again after a search or filter changed (the view itself did
    /// not: its sorted ids are reused), keeping the selected article selected.
    fn requery(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        let selected = self.list.get(self.list_cursor.sel).copied();
        self.sync_fold_cache();
        let mut ids = self.base.clone();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.list_cursor.sel = selected
            .and_then(|id| self.list.iter().position(|&x| x == id))
            .unwrap_or(0);
        self.relayout();
    }

    /// Like `requery`, but only within the current list (the query got narrower).
    fn requery_within_list(&mut self) {
        let selected = self.list.get(self.list_cursor.sel).copied();
        let mut ids = std::mem::take(&mut self.list);
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        self.list_cursor.sel = selected
            .and_then(|id| self.list.iter().position(|&x| x == id))
            .unwrap_or(0);
        self.relayout();
    }

    /// Rebuilds the visible list after the store changed, keeping the selected article selected.
    fn rebuild_list(&mut self) {
        if self.screen != Screen::Headlines {
            return;
        }
        let selected = self.list.get(self.list_cursor.sel).copied();
        let mut ids = self.store.view_ids(self.view);
        // Articles read while this list was open stay in an Unread list until it is reopened.
        if self.view == View::Unread {
            let keep: std::collections::HashSet<ArticleId> = self
                .list
                .iter()
                .copied()
                .filter(|id| self.store.headline(*id).is_some())
                .collect();
            let fresh: std::collections::HashSet<ArticleId> = ids.iter().copied().collect();
            for id in keep {
                if !fresh.contains(&id) {
                    ids.push(id);
                }
            }
            ids.sort_by(|a, b| {
                let da = self.store.headline(*a).map(|h| (h.date, h.id));
                let db = self.store.headline(*b).map(|h| (h.date, h.id));
                db.cmp(&da)
            });
        }
        self.store.sort(&mut ids, self.order());
        self.base = ids.clone();
        self.sync_fold_cache();
        let counts = self.apply_queries(&mut ids);
        self.set_list(ids, counts);
        if let Some(sel) = selected.and_then(|id| self.list.iter().position(|&x| x == id)) {
            self.list_cursor.sel = sel;
        }
        if self
            .article
            .as_ref()
            .is_some_and(|a| self.store.headline(a.id).is_none())
        {
            self.article = None;
            self.focus = Focus::List;
        }
        self.relayout();
    }

    pub fn order(&self) -> SortOrder {
        self.sort
            .get(&self.view_key(self.view))
            .copied()
            .unwrap_or_default()
    }

    /// How `views.json` names a view: saved views and tags by name, not by position.
    fn view_key(&self, view: View) -> crate::views_file::ViewKey {
        use crate::views_file::ViewKey;
        match view {
            View::All => ViewKey::All,
            View::Unread => ViewKey::Unread,
            View::Bookmarks => ViewKey::Bookmarks,
            View::Feed(id) => ViewKey::Feed(id),
            View::Saved(i) => match self.saved.get(i) {
                Some((name, _)) => ViewKey::Saved(name.clone()),
                None => ViewKey::SavedAt(i),
            },
            View::Tag(i) => match self.tags.get(i) {
                Some(name) => ViewKey::Tag(name.clone()),
                None => ViewKey::TagAt(i),
            },
        }
    }

    /// Takes the remembered sort orders (after the saved views and tags are known: a file
    /// that still names them by position is read by the positions they have now).
    pub fn load_sort_orders(&mut self, orders: Vec<(crate::views_file::ViewKey, SortOrder)>) {
        use crate::views_file::ViewKey;
        self.sort = orders
            .into_iter()
            .map(|(key, order)| {
                let key = match key {
                    ViewKey::SavedAt(i) => self.view_key(View::Saved(i)),
                    ViewKey::TagAt(i) => self.view_key(View::Tag(i)),
                    k => k,
                };
                (key, order)
            })
            .collect();
    }

    fn cycle_sort(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Headlines {
            return Vec::new();
        }
        let next = self.order().next();
        self.sort.insert(self.view_key(self.view), next);
        self.rebuild_list();
        self.say(format!("Sorted {}", next.label()));
        let mut all: Vec<_> = self.sort.iter().map(|(v, o)| (v.clone(), *o)).collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        vec![Effect::SaveSortOrders(all)]
    }

    fn open(&mut self) -> Vec<Effect> {
        match self.screen {
            Screen::Feeds => {
                if let Some(view) = self.feed_row_view(self.feeds_cursor.sel) {
                    self.enter_view(view);
                }
                Vec::new()
            }
            Screen::Headlines => match self.list.get(self.list_cursor.sel).copied() {
                Some(id) => self.open_article(id),
                None => Vec::new(),
            },
        }
    }

    fn open_article(&mut self, id: ArticleId) -> Vec<Effect> {
        self.article = Some(OpenArticle {
            id,
            body: None,
            rendered: None,
            scroll: 0,
            error: None,
            preview: false,
        });
        self.focus = Focus::Article;
        self.relayout();
        let mut fx = vec![Effect::LoadBody(id)];
        fx.extend(self.mark_opened(id));
        fx
    }

    fn mark_opened(&mut self, id: ArticleId) -> Option<Effect> {
        self.store
            .set_read(id, true)
            .then(|| Effect::Persist(vec![Change::Read(id, true)]))
    }

    /// The article under the list cursor shown in the open pane, focus staying on the list.
    fn preview_article(&mut self, id: ArticleId) -> Vec<Effect> {
        if self.article.as_ref().is_some_and(|a| a.id == id) {
            return Vec::new();
        }
        self.article = Some(OpenArticle {
            id,
            body: None,
            rendered: None,
            scroll: 0,
            error: None,
            preview: true,
        });
        self.relayout();
        vec![Effect::LoadBody(id)]
    }

    /// q and Esc: undo the innermost state first (search, filter, open article), then go
    /// back a screen. At the top only q quits: a stray Esc must not end the session.
    fn back(&mut self, may_quit: bool) -> Vec<Effect> {
        if self.article.is_none() && (self.clear_search() || self.clear_filter()) {
            return Vec::new();
        }
        if self.article.is_some() {
            self.article = None;
            self.focus = Focus::List;
            self.relayout();
            return Vec::new();
        }
        match self.screen {
            Screen::Headlines => {
                self.screen = Screen::Feeds;
                self.relayout();
                Vec::new()
            }
            Screen::Feeds if may_quit => self.quit(),
            Screen::Feeds => {
                let quit = self.keymap.hint(Action::Back);
                self.say(format!("Press {quit} to quit"));
                Vec::new()
            }
        }
    }

    /// J/K: the article after or before the open one (else the list cursor's), opened.
    fn neighbour(&mut self, dir: isize) -> Vec<Effect> {
        if self.screen != Screen::Headlines || self.list.is_empty() {
            return Vec::new();
        }
        let cur = self
            .article
            .as_ref()
            .and_then(|a| self.list.iter().position(|&id| id == a.id))
            .unwrap_or(self.list_cursor.sel);
        let next = cur.saturating_add_signed(dir).min(self.list.len() - 1);
        if next == cur && self.article.is_some() {
            self.say(if dir > 0 {
                "Last article"
            } else {
                "First article"
            });
            return Vec::new();
        }
        self.list_cursor.sel = next;
        let h = self.list_height();
        self.list_cursor.clamp(self.list.len(), h);
        let id = self.list[next];
        self.open_article(id)
    }

    fn next_unread(&mut self) -> Vec<Effect> {
        match self.screen {
            Screen::Feeds => {
                let rows = self.feed_rows();
                let start = self.feeds_cursor.sel;
                let found = (1..=rows).map(|d| (start + d) % rows).find(|&i| {
                    matches!(self.feed_row_view(i), Some(View::Feed(id)) if self.store.counts(View::Feed(id)).unread > 0)
                });
                match found {
                    Some(i) => {
                        self.feeds_cursor.sel = i;
                        let h = self.list_height();
                        self.feeds_cursor.clamp(rows, h);
                    }
                    None => self.say("No unread articles"),
                }
                Vec::new()
            }
            Screen::Headlines => {
                let n = self.list.len();
                let start = self.list_cursor.sel;
                let found = (1..=n).map(|d| (start + d) % n).find(|&i| {
                    self.store
                        .headline(self.list[i])
                        .is_some_and(|h| !h.flags.read())
                });
                match found {
                    Some(i) => {
                        self.list_cursor.sel = i;
                        let h = self.list_height();
                        self.list_cursor.clamp(n, h);
                        if self.article.is_some() {
                            let id = self.list[i];
                            return self.open_article(id);
                        }
                    }
                    None => self.say("No unread articles in this view"),
                }
                Vec::new()
            }
        }
    }

    fn toggle_read(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            return Vec::new();
        };
        let Some(read) = self.store.headline(id).map(|h| h.flags.read()) else {
            return Vec::new();
        };
        self.store.set_read(id, !read);
        let changes = vec![Change::Read(id, !read)];
        let what = if read { "marked unread" } else { "marked read" };
        self.remember_marking(format!("article {what}"), &changes);
        vec![Effect::Persist(changes)]
    }

    /// `D`: hides the article for good (a refresh does not bring it back); `U` undoes.
    fn delete_article(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            self.warn("Select an article to delete it");
            return Vec::new();
        };
        let Some(deleted) = self.store.delete(id) else {
            return Vec::new();
        };
        let title = crate::text::fit(&deleted.headline.title, 40);
        self.remember_deletion(format!("deleted “{}”", title.trim_end()), vec![deleted]);
        if self.article.as_ref().is_some_and(|a| a.id == id) {
            self.article = None;
            self.focus = Focus::List;
        }
        self.list.retain(|&x| x != id);
        self.base.retain(|&x| x != id);
        self.relayout();
        let undo = self.keymap.hint(Action::Undo);
        self.say(format!("Article deleted · {undo} undoes"));
        vec![Effect::Persist(vec![Change::Deleted(id, true)])]
    }

    fn toggle_bookmark(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_article() else {
            return Vec::new();
        };
        let Some(on) = self.store.headline(id).map(|h| h.flags.bookmarked()) else {
            return Vec::new();
        };
        self.store.set_bookmarked(id, !on);
        self.say(if on { "Bookmark removed" } else { "Bookmarked" });
        let changes = vec![Change::Bookmark(id, !on)];
        let what = if on {
            "bookmark removed"
        } else {
            "bookmark added"
        };
        self.remember_marking(what, &changes);
        vec![Effect::Persist(changes)]
    }

    fn mark_all_read(&mut self) -> Vec<Effect> {
        let view = match self.screen {
            Screen::Headlines => self.view,
            Screen::Feeds => match self.feed_row_view(self.feeds_cursor.sel) {
                Some(v) => v,
                None => return Vec::new(),
            },
        };
        let ids: Vec<ArticleId> = match self.screen {
            Screen::Headlines => self.list.clone(),
            Screen::Feeds => self.store.view_ids(view),
        };
        let changes: Vec<Change> = ids
            .into_iter()
            .filter(|&id| self.store.set_read(id, true))
            .map(|id| Change::Read(id, true))
            .collect();
        let n = changes.len();
        let what = format!(
            "{n} article{} marked read in {}",
            if n == 1 { "" } else { "s" },
            self.view_title(view)
        );
        self.remember_marking(what.clone(), &changes);
        let undo = self.keymap.hint(Action::Undo);
        self.say(format!("{what} · {undo} undoes"));
        if changes.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Persist(changes)]
        }
    }

    /// The body of article `id` when it is the one open and loaded.
    fn open_body(&self, id: ArticleId) -> Option<ArticleBody> {
        self.article
            .as_ref()
            .filter(|a| a.id == id)
            .and_then(|a| a.body.clone())
    }

    /// A body loaded for a share or a pipe: `then` with it, or say why there is none.
    fn with_loaded_body(
        &mut self,
        body: Result<Option<ArticleBody>, String>,
        then: impl FnOnce(&mut App, &ArticleBody) -> Vec<Effect>,
    ) -> Vec<Effect> {
        match body {
            Ok(Some(body)) => then(self, &body),
            Ok(None) => {
                self.warn("this article is no longer stored");
                Vec::new()
            }
            Err(e) => {
                self.warn(e);
                Vec::new()
            }
        }
    }

    /// The feed the cursor means: a feed row, the feed whose view is open, or (with
    /// `via_article`) the feed of the selected article in a view that spans feeds.
    fn cursor_feed(&self, via_article: bool) -> Option<crate::model::FeedId> {
        match self.screen {
            Screen::Feeds => match self.feed_row_view(self.feeds_cursor.sel) {
                Some(View::Feed(id)) => Some(id),
                _ => None,
            },
            Screen::Headlines => match self.view {
                View::Feed(id) => Some(id),
                _ if via_article => self
                    .selected_article()
                    .and_then(|id| self.store.headline(id))
                    .map(|h| h.feed_id),
                _ => None,
            },
        }
    }

    fn refresh_selected(&mut self) -> Vec<Effect> {
        match self.cursor_feed(true) {
            Some(id) => self.start_refresh(vec![id], Trigger::Forced),
            None => self.refresh_all(),
        }
    }

    fn mouse(&mut self, ev: MouseEvent) -> Vec<Effect> {
        let areas = self.areas();
        let pos = Position::new(ev.column, ev.row);
        let in_article = areas.article.is_some_and(|a| a.contains(pos));
        let in_list = areas.list.contains(pos);
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if in_article {
                    if let Some(a) = self.article.as_mut() {
                        a.scroll = a.scroll.saturating_add_signed(delta);
                    }
                    self.clamp_article_scroll();
                } else if in_list {
                    let focus = self.focus;
                    self.focus = Focus::List;
                    self.step(delta);
                    self.focus = focus;
                }
                self.dirty = true;
                Vec::new()
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.dirty = true;
                if in_article {
                    self.focus = Focus::Article;
                    return Vec::new();
                }
                if !in_list || self.mode.help_scroll().is_some() {
                    return Vec::new();
                }
                let row = usize::from(ev.row - areas.list.y);
                match self.screen {
                    Screen::Feeds => {
                        let i = self.feeds_cursor.offset + row;
                        if i >= self.feed_rows() {
                            return Vec::new();
                        }
                        if i == self.feeds_cursor.sel {
                            return self.open();
                        }
                        self.feeds_cursor.sel = i;
                        Vec::new()
                    }
                    Screen::Headlines => {
                        let i = self.list_cursor.offset + row;
                        let Some(&id) = self.list.get(i) else {
                            return Vec::new();
                        };
                        let again = i == self.list_cursor.sel;
                        self.list_cursor.sel = i;
                        self.focus = Focus::List;
                        if again || self.article.is_some() {
                            return self.open_article(id);
                        }
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        }
    }
}

/// The article text keeps one column of margin on each side.
pub fn article_text_width(pane_width: u16) -> u16 {
    pane_width.saturating_sub(2).max(1)
}
