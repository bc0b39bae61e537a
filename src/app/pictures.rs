//! Pictures in the article pane: which ones are asked for, which arrived, and the article's
//! lines with them in place.
//!
//! `render::article` gives the text with a `PictureSlot` per picture (the line of its
//! `[image: alt]`). [`compose`] puts a block of lines under each slot: the picture's half
//! blocks once it is ready, a reserved box while it loads (so the text below does not jump
//! when it lands), one line saying why when it failed. Pictures are asked for only as they
//! come near the screen ([`App::picture_effects`]), and fetched, decoded and encoded off the
//! loop (`effects::pictures`); scrolling is drawing lines, whatever the pictures.

use super::{App, Effect};
use crate::pictures::shown::Shown;
use crate::render::{self, PictureSlot, Rendered};
use crate::t;
use ratatui::text::Line;
use std::collections::HashMap;
use std::sync::Arc;

/// `images`, `image_height` from config.toml, as the app uses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureSettings {
    /// False with `images = "off"`: slots stay `[image: alt]` lines.
    pub on: bool,
    /// The most rows a picture takes.
    pub max_rows: u16,
}

impl Default for PictureSettings {
    /// Off until the reader says it can load pictures (`tui` does, from config.toml):
    /// nothing would answer the asks.
    fn default() -> Self {
        PictureSettings {
            on: false,
            max_rows: 12,
        }
    }
}

/// The answer to `Effect::LoadPicture`.
#[derive(Debug)]
pub struct PictureAnswer {
    pub url: String,
    pub cols: u16,
    pub rows: u16,
    pub result: Result<Arc<Shown>, String>,
}

#[derive(Clone, Debug)]
enum State {
    Asked,
    Ready(Arc<Shown>),
    Failed(String),
}

/// What is known of each picture of the open article, for the box it was asked for.
#[derive(Default)]
pub struct Pictures {
    pub(super) settings: PictureSettings,
    states: HashMap<String, ((u16, u16), State)>,
}

/// A picture's block of lines in the composed article.
#[derive(Clone, Debug)]
pub struct Block {
    /// The slot's line in the article without pictures.
    pub slot_line: usize,
    /// The block's first line in the composed article (the line after the slot's).
    pub start: usize,
    pub rows: usize,
    pub url: String,
    /// Set once the picture is ready.
    pub shown: Option<Arc<Shown>>,
    /// Neither ready nor failed, nor asked for yet.
    pub wanted: bool,
}

impl Pictures {
    pub fn new(settings: PictureSettings) -> Self {
        Pictures {
            settings,
            states: HashMap::new(),
        }
    }

    fn state(&self, url: &str, cells: (u16, u16)) -> Option<&State> {
        self.states
            .get(url)
            .filter(|(asked, _)| *asked == cells)
            .map(|(_, s)| s)
    }

    /// Forgets every picture but those of `keep` (the article now open).
    pub(super) fn retain(&mut self, keep: &[PictureSlot]) {
        self.states
            .retain(|url, _| keep.iter().any(|slot| &slot.url == url));
    }

    /// Marks `url` as asked for in a box of `cells`.
    fn ask(&mut self, url: &str, cells: (u16, u16)) {
        self.states.insert(url.to_string(), (cells, State::Asked));
    }

    /// Takes an answer; false when nobody waits for it any more (another article, another
    /// width).
    pub(super) fn answer(&mut self, answer: PictureAnswer) -> bool {
        let cells = (answer.cols, answer.rows);
        match self.states.get_mut(&answer.url) {
            Some((asked, state)) if *asked == cells => {
                *state = match answer.result {
                    Ok(shown) => State::Ready(shown),
                    Err(why) => State::Failed(why),
                };
                true
            }
            _ => false,
        }
    }
}

/// The box a picture of a pane `width` columns wide is fitted into.
pub fn cells(settings: PictureSettings, width: u16) -> (u16, u16) {
    let cols = width.min(render::MAX_TEXT_WIDTH as u16).max(1);
    (cols, settings.max_rows.max(1))
}

/// `base` with each picture's block of lines under its slot, and where the blocks are;
/// None when there is nothing to place (pictures off, or none in the article).
pub fn compose(base: &Rendered, pictures: &Pictures) -> Option<(Rendered, Vec<Block>)> {
    if !pictures.settings.on || base.pictures.is_empty() {
        return None;
    }
    let box_cells = cells(pictures.settings, base.width);
    let mut lines = Vec::with_capacity(base.lines.len() + base.pictures.len() * 4);
    let mut blocks = Vec::with_capacity(base.pictures.len());
    let mut next = 0;
    for slot in &base.pictures {
        if slot.line < next || slot.line >= base.lines.len() {
            continue;
        }
        lines.extend_from_slice(&base.lines[next..=slot.line]);
        next = slot.line + 1;
        let start = lines.len();
        let (block, shown, wanted): (Vec<Line<'static>>, _, _) =
            match pictures.state(&slot.url, box_cells) {
                Some(State::Ready(shown)) => {
                    let mut block = shown.lines.clone();
                    block.resize(usize::from(shown.rows).max(block.len()), Line::default());
                    (block, Some(Arc::clone(shown)), false)
                }
                Some(State::Failed(why)) => {
                    let why = crate::sanitize::line_capped(
                        &t!("article-picture-not-shown", why = why.as_str()),
                        200,
                    );
                    let block = render::wrap(&why, usize::from(box_cells.0))
                        .into_iter()
                        .map(|l| Line::styled(l, render::style::meta()))
                        .collect();
                    (block, None, false)
                }
                state => {
                    // The whole box, so that the text below stays put when it arrives
                    // (most news pictures are landscape and fill the height).
                    let mut block = vec![Line::default(); usize::from(box_cells.1)];
                    block[0] = Line::styled(
                        format!("  {}", t!("article-picture-loading")),
                        render::style::meta(),
                    );
                    (block, None, state.is_none())
                }
            };
        blocks.push(Block {
            slot_line: slot.line,
            start,
            rows: block.len(),
            url: slot.url.clone(),
            shown,
            wanted,
        });
        lines.extend(block);
    }
    lines.extend_from_slice(&base.lines[next..]);
    let mut link_spans = base.link_spans.clone();
    for span in &mut link_spans {
        span.line = to_composed(&blocks, span.line, None);
    }
    let composed = Rendered {
        lines,
        links: base.links.clone(),
        width: base.width,
        link_spans,
        pictures: base
            .pictures
            .iter()
            .map(|s| PictureSlot {
                line: to_composed(&blocks, s.line, None),
                url: s.url.clone(),
            })
            .collect(),
    };
    Some((composed, blocks))
}

/// Where composed line `line` comes from: a base line, and the row inside the picture
/// block under it when the line is one of the block's.
pub fn to_base(blocks: &[Block], line: usize) -> (usize, Option<usize>) {
    let mut added = 0;
    for b in blocks {
        if line < b.start {
            break;
        }
        if line < b.start + b.rows {
            return (b.slot_line, Some(line - b.start));
        }
        added += b.rows;
    }
    (line - added, None)
}

/// The composed line of base line `line` (and of `row` of the block under it, clamped to
/// the block; the slot's own line when it has no block).
pub fn to_composed(blocks: &[Block], line: usize, row: Option<usize>) -> usize {
    let mut added = 0;
    for b in blocks {
        if b.slot_line > line {
            break;
        }
        if b.slot_line == line {
            return match row {
                Some(r) if b.rows > 0 => b.start + r.min(b.rows - 1),
                _ => line + added,
            };
        }
        added += b.rows;
    }
    line + added
}

impl App {
    /// Asks for the pictures of the open article that are on screen or within a screen
    /// below or above it, and not asked for yet.
    pub(super) fn picture_effects(&mut self) -> Vec<Effect> {
        let wants = self
            .pane
            .article()
            .is_some_and(|a| a.blocks.iter().any(|b| b.wanted));
        if !self.pictures.settings.on || !wants {
            return Vec::new();
        }
        let height = self.article_height().max(1);
        let Some(open) = self.pane.article() else {
            return Vec::new();
        };
        let Some(rendered) = open.rendered.as_ref() else {
            return Vec::new();
        };
        let top = open.scroll.saturating_sub(height);
        let bottom = open.scroll + 2 * height;
        let cells = cells(self.pictures.settings, rendered.width);
        let wanted: Vec<String> = open
            .blocks
            .iter()
            .filter(|b| b.wanted && b.start < bottom && b.start + b.rows > top)
            .map(|b| b.url.clone())
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        self.pane.mark_asked(&wanted);
        wanted
            .into_iter()
            .map(|url| {
                self.pictures.ask(&url, cells);
                Effect::LoadPicture {
                    url,
                    cols: cells.0,
                    rows: cells.1,
                }
            })
            .collect()
    }

    /// The answer to `Effect::LoadPicture`.
    pub(super) fn on_picture(&mut self, answer: PictureAnswer) {
        if self.pictures.answer(answer) {
            self.pane.compose(&self.pictures);
            self.clamp_article_scroll();
            self.dirty = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn block(slot_line: usize, rows: usize, before: usize) -> Block {
        Block {
            slot_line,
            start: slot_line + 1 + before,
            rows,
            url: String::new(),
            shown: None,
            wanted: false,
        }
    }

    /// Blocks under sorted distinct slots, as `compose` lays them out.
    fn blocks_for(slots: &[(usize, usize)]) -> Vec<Block> {
        let mut added = 0;
        slots
            .iter()
            .map(|&(line, rows)| {
                let b = block(line, rows, added);
                added += rows;
                b
            })
            .collect()
    }

    proptest! {
        /// The two mappings agree with a plain list of where every composed line comes from.
        #[test]
        fn line_mappings_match_the_composed_list(
            mut slots in proptest::collection::vec((0usize..60, 0usize..6), 0..8),
            base_len in 60usize..80,
        ) {
            slots.sort_by_key(|s| s.0);
            slots.dedup_by_key(|s| s.0);
            let blocks = blocks_for(&slots);
            let mut plain: Vec<(usize, Option<usize>)> = Vec::new();
            for line in 0..base_len {
                plain.push((line, None));
                if let Some(&(_, rows)) = slots.iter().find(|s| s.0 == line) {
                    plain.extend((0..rows).map(|r| (line, Some(r))));
                }
            }
            for (composed, &(line, row)) in plain.iter().enumerate() {
                prop_assert_eq!(to_base(&blocks, composed), (line, row));
                prop_assert_eq!(to_composed(&blocks, line, row), composed);
            }
        }
    }
}
