//! What the UI, the runner and tests may read of the app, and the settings the runner
//! gives it at start. Fields stay private so only `update` changes state while running.

use super::{
    ActiveQuery, App, Cursor, Focus, Message, OpenArticle, Refresh, Screen, Sharing, View,
    keymap::Keymap,
};
use crate::model::ArticleId;
use crate::store::Store;
use crate::timefmt::Zone;

impl App {
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// For set-up and tests that seed the store directly; running, the store changes only
    /// through `update`.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The clock as of the last tick (unix seconds).
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the clock without a tick (a tick may start a scheduled refresh): for drivers
    /// that decide themselves when polls happen, such as the pipeline's property test.
    pub fn set_now(&mut self, now: i64) {
        self.now = now;
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The view the headline list shows (or last showed).
    pub fn view(&self) -> &View {
        &self.headlines.view
    }

    /// The headline list's ids, in order, as narrowed by search and filter.
    pub fn list(&self) -> &[ArticleId] {
        &self.headlines.list
    }

    pub fn list_cursor(&self) -> Cursor {
        self.headlines.cursor
    }

    pub fn feeds_cursor(&self) -> Cursor {
        self.feed_list.cursor
    }

    /// Puts the feed-list cursor on row `row` (as if moved there), kept on screen.
    pub fn select_feed_row(&mut self, row: usize) {
        self.feed_list.cursor.sel = row;
        self.relayout();
        self.dirty = true;
    }

    /// The active `/` search.
    pub fn search(&self) -> Option<&ActiveQuery> {
        self.headlines.query(super::PromptKind::Search)
    }

    /// The active `F` filter.
    pub fn filter(&self) -> Option<&ActiveQuery> {
        self.headlines.query(super::PromptKind::Filter)
    }

    /// Tags of the configured feeds, sorted.
    pub fn tags(&self) -> &[String] {
        self.feed_list.tags()
    }

    /// The article open (or previewed) in the article pane.
    pub fn article(&self) -> Option<&OpenArticle> {
        self.pane.article()
    }

    pub fn maximized(&self) -> bool {
        self.pane.maximized()
    }

    pub fn list_percent(&self) -> u16 {
        self.list_percent
    }

    pub fn set_list_percent(&mut self, percent: u16) {
        self.list_percent = crate::layout::clamp_percent(percent);
    }

    pub fn set_wide_min_width(&mut self, width: u16) {
        self.wide_min_width = width;
    }

    /// The status-bar message on show.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Shown in the title bar all session (config.toml has an error and is not used).
    pub fn set_notice(&mut self, notice: Option<String>) {
        self.notice = notice;
        self.dirty = true;
    }

    pub fn refresh(&self) -> &Refresh {
        &self.refresh
    }

    pub fn sharing(&self) -> &Sharing {
        &self.sharing
    }

    pub fn set_sharing(&mut self, sharing: Sharing) {
        self.sharing = sharing;
    }

    pub fn hyperlinks(&self) -> bool {
        self.hyperlinks
    }

    /// `images` and `image_height`: whether pictures show and how tall they may be.
    pub fn set_picture_settings(&mut self, settings: crate::app::pictures::PictureSettings) {
        self.pictures = crate::app::pictures::Pictures::new(settings);
        self.render_article();
    }

    /// `[sync]` is on: feeds come from the server and the reader does not poll them; it
    /// syncs at start, every `every_secs` and on R.
    pub fn set_sync_mode(&mut self, on: bool, every_secs: u64) {
        self.sync_mode = on;
        self.sync_every = i64::try_from(every_secs).unwrap_or(i64::MAX).max(60);
    }

    /// A sync with the server is running.
    pub fn syncing(&self) -> bool {
        self.syncing
    }

    /// Why the last sync failed, until one goes through.
    pub fn sync_progress(&self) -> Option<crate::sync::cycle::Progress> {
        self.sync_progress
    }

    pub fn sync_error(&self) -> Option<&str> {
        self.sync_error.as_deref()
    }

    pub fn set_hyperlinks(&mut self, on: bool) {
        self.hyperlinks = on;
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }

    pub fn set_no_color(&mut self, on: bool) {
        self.no_color = on;
    }

    /// Ask on every tick whether another process changed the database.
    pub fn set_watch_others(&mut self, on: bool) {
        self.watch_others = on;
    }

    /// Something visible changed since the last draw.
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// The runner drew (false) or wants a full draw (true).
    pub fn set_dirty(&mut self, dirty: bool) {
        self.dirty = dirty;
    }

    /// The user asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }
}
