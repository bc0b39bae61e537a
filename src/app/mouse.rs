//! Mouse wheel and clicks, hit-tested against the same layout that draws.

use super::{App, Effect, Focus, Screen};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    pub(super) fn mouse(&mut self, ev: MouseEvent) -> Vec<Effect> {
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
                    self.pane.scroll_by(delta);
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
                if areas.player.is_some_and(|a| a.contains(pos)) {
                    return self.click_player_bar(ev.column);
                }
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
                        let i = self.feed_list.cursor.offset + row;
                        if i >= self.feed_rows() {
                            return Vec::new();
                        }
                        if i == self.feed_list.cursor.sel {
                            return self.open();
                        }
                        self.feed_list.cursor.sel = i;
                        Vec::new()
                    }
                    Screen::Headlines => {
                        let i = self.headlines.cursor.offset + row;
                        let Some(&id) = self.headlines.list.get(i) else {
                            return Vec::new();
                        };
                        let again = i == self.headlines.cursor.sel;
                        self.headlines.cursor.sel = i;
                        self.focus = Focus::List;
                        if again || self.pane.is_open() {
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
