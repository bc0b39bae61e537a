//! The application state and its one entry point, [`App::update`]: a message in,
//! effects out. No I/O happens here, so every flow is testable by feeding keys.

mod accessors;
pub mod action;
mod article_pane;
pub mod downloads;
mod external;
mod feed_edit;
mod feed_list;
mod headline_list;
pub mod help;
pub mod input;
pub mod keymap;
mod marking;
mod mode;
mod mouse;
pub mod pictures;
mod pipe;
pub mod player;
mod refresh;
mod search;
mod sharing;
mod undo;
mod view;

use crate::db::Change;
use crate::db::writer::DbEvent;
use crate::feed::poller::{PollEvent, PollJob};
use crate::layout::{self, Areas, LayoutInput};
use crate::model::{ArticleBody, ArticleId, FeedId, FeedStatus, ParsedFeed, Validators};
use crate::store::{SortOrder, Store};
use crate::t;
use crate::timefmt::Zone;
use action::Action;
pub use article_pane::{ArticlePane, OpenArticle};
pub use downloads::{DownloadCmd, DownloadRow, DownloadsView};
pub use feed_edit::FeedEdit;
pub use feed_list::FeedList;
pub use headline_list::HeadlineList;
use keymap::Keymap;
pub use mode::Mode;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};
use ratatui::layout::Rect;
pub use refresh::{Refresh, Trigger};
pub use search::{ActiveQuery, BodyHits, HeadlineSubject, Prompt, PromptKind};
pub use sharing::Sharing;
use std::collections::HashMap;
pub use view::View;

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Msg {
    /// The rows of a store that held only counts (`Store::counted`), read on the
    /// database writer's thread while the first frame was drawn.
    Loaded(Loaded),
    /// The rows could not be read: the reader ends with this error (`tui`).
    LoadFailed(crate::db::DbError),
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// The clock moved on (unix seconds); drives periodic refresh and message expiry.
    Tick(i64),
    Poll(PollEvent),
    Db(DbEvent),
    Body(ArticleId, Result<Option<ArticleBody>, String>),
    /// The answer to `Effect::FullText`: the article read from its page, or the one line
    /// that says why not.
    FullText(ArticleId, Result<crate::fulltext::Extracted, String>),
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
    /// The download queue as it stands (at most a few a second while bytes arrive).
    Downloads(DownloadsView),
    /// `d` on an article with several enclosures: their names, for a choice 1..N.
    EnclosureChoice {
        article: ArticleId,
        names: Vec<String>,
    },
    /// The player thread's state, or the runner's question before playing.
    Player(player::PlayerMsg),
    /// A picture of the open article, ready to draw or failed (`Effect::LoadPicture`).
    Picture(Box<pictures::PictureAnswer>),
    /// How far the running sync is.
    SyncProgress(crate::sync::cycle::Progress),
    /// The answer to `Effect::Sync`: its summary, or why it failed.
    Synced(Result<String, String>),
}

/// A loaded store, as `Msg::Loaded` carries it.
pub struct Loaded(pub Box<Store>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({} headlines)", self.0.len())
    }
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
    /// One sync with the `[sync]` server, off the loop (answered with `Msg::Synced`; what
    /// it stores reaches the store as another process's writes do).
    Sync,
    /// A picture of the open article, for a box of `cols` x `rows` cells (answered with
    /// `Msg::Picture`).
    LoadPicture {
        url: String,
        cols: u16,
        rows: u16,
    },
    /// New articles of a feed were stored: with `full_text = true` in config.toml, the
    /// runner reads their pages in the background and stores them.
    ReadPages {
        feed_id: crate::model::FeedId,
        feed_url: String,
    },
    /// `x`: the article's page, stored or fetched (off the UI loop) and stored.
    FullText {
        id: ArticleId,
        link: Option<String>,
        /// The feed's URL as config.toml has it, for its `scrape_*` rules.
        feed_url: String,
    },
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
    /// Queue, pause, cancel, retry or delete a download (`effects::downloads`).
    Download(DownloadCmd),
    /// Clear the terminal and draw every cell again (Ctrl-L): whatever another program or
    /// a terminal's own idea of a character's width left on screen goes.
    Redraw,
    /// Play an article's episode, or queue it (`p`, `a`; answered with `Msg::Player`).
    Play(player::PlayRequest),
    /// Drive what plays (pause, steps, speed, volume, stop …).
    Player(player::PlayerCmd),
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub until: i64,
}

/// Rows of the feed list: the three built-in views, then the feeds.
pub const BUILTIN_VIEWS: [View; 3] = [View::All, View::Unread, View::Bookmarks];

/// The reader's state. The lists and the pane own their data (`FeedList`, `HeadlineList`,
/// `ArticlePane`); the app holds what they share and wires them together. Fields are
/// private: the UI and tests read them through the accessors below.
pub struct App {
    store: Store,
    keymap: Keymap,
    zone: Zone,
    now: i64,
    size: (u16, u16),
    wide_min_width: u16,
    /// Side by side, the list's share of the width in percent (`<`/`>`, for the session).
    list_percent: u16,
    screen: Screen,
    focus: Focus,
    feed_list: FeedList,
    headlines: HeadlineList,
    pane: ArticlePane,
    /// The open article's pictures.
    pictures: pictures::Pictures,
    /// `[sync]` is on: the feeds are the server's and are not polled here; the reader
    /// syncs every `sync_every` seconds and on R instead.
    sync_mode: bool,
    sync_every: i64,
    /// A sync is running (`Effect::Sync` sent, `Msg::Synced` not back yet).
    syncing: bool,
    /// How far it is, once its pull began.
    sync_progress: Option<crate::sync::cycle::Progress>,
    /// Syncs failed in a row: the next is tried sooner than `sync_every`, backing off.
    sync_failures: u32,
    /// When the last sync started.
    last_sync: Option<i64>,
    /// Why the last sync failed; None once one went through.
    sync_error: Option<String>,
    /// What is on top (help, the share menu, a prompt …) and takes the keys; `App::mode`.
    mode: Mode,
    sharing: Sharing,
    /// Write OSC 8 hyperlinks over link text in the article pane.
    hyperlinks: bool,
    /// `NO_COLOR` is set: draw no colour, and mark what colour marked (the selection,
    /// matches) with reverse video and underlines instead.
    no_color: bool,
    /// The last marking action, for `U`.
    undo: Option<undo::Undo>,
    message: Option<Message>,
    refresh: Refresh,
    /// When each feed was last polled (attempted), for the periodic schedule.
    last_poll: HashMap<FeedId, i64>,
    /// On every tick, ask whether another process (a cron refresh, a second reader)
    /// changed the database, and merge what it did.
    watch_others: bool,
    /// Own read/bookmark changes not yet seen in an answer to `CheckExternal`.
    unconfirmed: external::Unconfirmed,
    /// Shown in the title bar all session: something the user must keep in mind
    /// (config.toml has an error and is not used).
    notice: Option<String>,
    /// Something visible changed since the last draw.
    dirty: bool,
    quit: bool,
    /// What arrived while the store held only counts (`Store::counted`): handled in order
    /// once its rows are in (`Msg::Loaded`), so no key acts on a list still loading.
    held: Vec<Msg>,
    /// The download queue as last reported, for the Downloads screen.
    downloads: DownloadsView,
    /// What plays, and the list's played / in-progress marks.
    player: player::PlayerUi,
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
            screen: Screen::Feeds,
            focus: Focus::List,
            feed_list: FeedList::default(),
            headlines: HeadlineList::default(),
            pane: ArticlePane::default(),
            pictures: pictures::Pictures::default(),
            sync_mode: false,
            sync_every: 1800,
            syncing: false,
            sync_progress: None,
            sync_failures: 0,
            last_sync: None,
            sync_error: None,
            mode: Mode::Normal,
            sharing: Sharing::default(),
            hyperlinks: false,
            no_color: false,
            undo: None,
            message: None,
            refresh: Refresh::default(),
            last_poll,
            watch_others: false,
            unconfirmed: external::Unconfirmed::default(),
            notice: None,
            dirty: true,
            quit: false,
            held: Vec::new(),
            downloads: DownloadsView::default(),
            player: player::PlayerUi::default(),
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
            article_open: self.pane.is_open(),
            feeds_screen: self.screen == Screen::Feeds,
            maximized: self.pane.maximized(),
            player_bar: self.player_bar_shown(),
            wide_min_width: self.wide_min_width,
            list_percent: self.list_percent,
        }
    }

    pub fn selected_article(&self) -> Option<ArticleId> {
        match (self.focus, self.pane.article()) {
            (Focus::Article, Some(a)) => Some(a.id),
            _ if self.screen == Screen::Headlines => {
                self.headlines.list.get(self.headlines.cursor.sel).copied()
            }
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
        let msg = match msg {
            Msg::Loaded(loaded) => return self.on_loaded(*loaded.0),
            // The size is the screen's, not the store's: the first frame follows it.
            Msg::Resize(..) => msg,
            _ if !self.store.has_rows() => {
                self.held.push(msg);
                return Vec::new();
            }
            msg => msg,
        };
        let mut effects = self.handle(msg);
        self.unconfirmed.record(&effects);
        effects.extend(self.follow_store());
        effects.extend(self.picture_effects());
        effects
    }

    /// What follows the store after every message: saved view counts, their body
    /// search, the tag rows.
    fn follow_store(&mut self) -> Vec<Effect> {
        self.refresh_saved_counts();
        let effects = self.saved_body_search().into_iter().collect();
        self.refresh_shown_tags(false);
        effects
    }

    /// The rows of the store the first frame was drawn from counts: it takes their
    /// store, and what waited for them is handled now, in the order it came.
    fn on_loaded(&mut self, store: Store) -> Vec<Effect> {
        self.store.replace_with(store);
        let selected = self.feed_row_view(self.feed_list.cursor.sel);
        self.refresh_shown_tags(true);
        self.relayout_after_rows_changed(selected);
        self.dirty = true;
        let mut effects = Vec::new();
        effects.extend(self.follow_store());
        for msg in std::mem::take(&mut self.held) {
            effects.extend(self.update(msg));
        }
        effects
    }

    pub(super) fn handle(&mut self, msg: Msg) -> Vec<Effect> {
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
            Msg::Player(msg) => self.on_player(msg),
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
            Msg::Loaded(_) | Msg::LoadFailed(_) => Vec::new(),
            Msg::Poll(ev) => self.on_poll(ev),
            Msg::Db(ev) => self.on_db(ev),
            Msg::Body(id, result) => {
                self.on_body(id, result);
                Vec::new()
            }
            Msg::FullText(id, result) => {
                self.on_full_text(id, result);
                Vec::new()
            }
            Msg::Picture(answer) => {
                self.on_picture(*answer);
                Vec::new()
            }
            Msg::SyncProgress(p) => {
                self.sync_progress = Some(p);
                self.dirty = true;
                Vec::new()
            }
            Msg::Synced(result) => {
                self.syncing = false;
                self.sync_progress = None;
                match result {
                    Ok(done) => {
                        self.sync_error = None;
                        self.sync_failures = 0;
                        self.say(done);
                        // The server's subscriptions may have changed: the feed list is
                        // read again as for an edited config.toml (`use_synced_feeds`).
                        vec![Effect::CheckConfig {
                            seq: self.unconfirmed.seq(),
                            forced: true,
                        }]
                    }
                    Err(e) => {
                        self.warn(t!("status-sync-failed", error = e.to_string()));
                        self.sync_error = Some(crate::sanitize::line(&e));
                        self.sync_failures = self.sync_failures.saturating_add(1);
                        Vec::new()
                    }
                }
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
            Msg::Downloads(view) => {
                self.on_downloads(view);
                Vec::new()
            }
            Msg::EnclosureChoice { article, names } => {
                self.on_enclosure_choice(article, names);
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

    pub(super) fn tick(&mut self, now: i64) -> Vec<Effect> {
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
        if self.sync_mode
            && self
                .last_sync
                .is_none_or(|t| now.saturating_sub(t) >= self.sync_wait())
        {
            fx.extend(self.start_sync());
        }
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

    /// Keeps cursors on screen and the article rendered for the current pane size.
    pub(super) fn relayout(&mut self) {
        let areas = self.areas();
        let h = usize::from(areas.list.height);
        let rows = self.feed_rows();
        self.feed_list.cursor.clamp(rows, h);
        self.headlines.cursor.clamp(self.headlines.list.len(), h);
        let width = areas.article.map(|a| article_text_width(a.width));
        if let (Some(a), Some(w)) = (self.pane.article(), width)
            && a.rendered.as_ref().is_none_or(|r| r.width != w)
        {
            self.render_article();
        }
        self.clamp_article_scroll();
    }

    pub(super) fn act(&mut self, action: Action) -> Vec<Effect> {
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
                if self.pane.is_open() {
                    self.focus = match self.focus {
                        Focus::List => Focus::Article,
                        Focus::Article => Focus::List,
                    };
                }
                // Moving into a previewed article is reading it.
                if self.focus != Focus::Article {
                    return Vec::new();
                }
                match self.pane.end_preview() {
                    Some(id) => self.mark_opened(id).into_iter().collect(),
                    None => Vec::new(),
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
            Action::Download => self.download_selected(),
            Action::ShowDownloads => self.show_downloads(),
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
                    self.warn(t!("status-select-article-to-share"));
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
            Action::FullText => self.toggle_full_text(),
            Action::NarrowList => self.move_split(-layout::LIST_PERCENT_STEP),
            Action::WidenList => self.move_split(layout::LIST_PERCENT_STEP),
            Action::Play
            | Action::StopPlayer
            | Action::StepBack
            | Action::StepForward
            | Action::PrevChapter
            | Action::NextChapter
            | Action::SpeedDown
            | Action::SpeedUp
            | Action::VolumeDown
            | Action::VolumeUp
            | Action::Mute
            | Action::Enqueue => self.player_action(action),
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
            | Action::Yes
            | Action::PauseDownload
            | Action::CancelDownload
            | Action::RetryDownload
            | Action::DeleteDownload => Vec::new(),
        }
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    pub(super) fn open(&mut self) -> Vec<Effect> {
        match self.screen {
            Screen::Feeds => {
                if let Some(view) = self.feed_row_view(self.feed_list.cursor.sel) {
                    self.enter_view(view);
                }
                Vec::new()
            }
            Screen::Headlines => {
                match self.headlines.list.get(self.headlines.cursor.sel).copied() {
                    Some(id) => self.open_article(id),
                    None => Vec::new(),
                }
            }
        }
    }

    /// q and Esc: undo the innermost state first (search, filter, open article), then go
    /// back a screen. At the top only q quits: a stray Esc must not end the session.
    pub(super) fn back(&mut self, may_quit: bool) -> Vec<Effect> {
        if !self.pane.is_open() && (self.clear_search() || self.clear_filter()) {
            return Vec::new();
        }
        if self.pane.is_open() {
            self.pane.close();
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
                self.say(t!("status-press-to-quit", key = quit));
                Vec::new()
            }
        }
    }

    /// A body loaded for a share or a pipe: `then` with it, or say why there is none.
    pub(super) fn with_loaded_body(
        &mut self,
        body: Result<Option<ArticleBody>, String>,
        then: impl FnOnce(&mut App, &ArticleBody) -> Vec<Effect>,
    ) -> Vec<Effect> {
        match body {
            Ok(Some(body)) => then(self, &body),
            Ok(None) => {
                self.warn(t!("status-article-gone"));
                Vec::new()
            }
            Err(e) => {
                self.warn(e);
                Vec::new()
            }
        }
    }
}

/// The article text keeps one column of margin on each side.
pub fn article_text_width(pane_width: u16) -> u16 {
    pane_width.saturating_sub(2).max(1)
}
