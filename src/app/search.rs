//! `/` search and `F` filter: one grammar (`crate::filter`), evaluated over the in-memory
//! headlines at every keystroke. Words found only in bodies come from the full-text index,
//! asked off the UI loop (`Effect::BodySearch`); the answer narrows the list again when it
//! arrives, so typing never waits for it.

use super::input::{InputEvent, LineInput};
use super::{App, Effect, Focus, Screen};
use crate::categories::Categories;
use crate::filter::{self, Filter, FilterError, Subject};
use crate::model::{ArticleId, Feed};
use crate::store::HeadlineRef;
use crate::subject::NO_AUTHOR;
pub use crate::subject::{BodyHits, FeedScan, Folded, HeadlineSubject, TextScan};
use crate::t;
use ratatui::crossterm::event::KeyEvent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Filter,
    /// The tags of a feed, space separated.
    Tags(crate::model::FeedId),
    /// `/` on the feed list: the cursor jumps to the first row whose name holds the text.
    /// Holds the row the cursor was on, restored on Esc.
    FeedJump(usize),
    /// A command to pipe this article's text to (`|`).
    Pipe(ArticleId),
    /// "Unsubscribe from this feed?": `y` or not.
    ConfirmRemove(crate::model::FeedId),
    /// A feed's name (empty: the feed's own title).
    RenameFeed(crate::model::FeedId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    pub error: Option<FilterError>,
    /// What was active when the prompt opened, restored on Esc.
    before: Option<ActiveQuery>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActiveQuery {
    pub text: String,
    pub filter: Filter,
    /// Folded free words and phrases that count for a match, for highlighting.
    pub terms: Vec<String>,
    pub seq: u64,
    pub body_hits: Option<BodyHits>,
}

/// The filter's view of a headline without the fold cache (saved view counts).
pub(super) fn subject<'a>(
    h: HeadlineRef<'a>,
    feed: Option<&'a Feed>,
    categories: &'a Categories,
    hits: Option<&'a BodyHits>,
) -> impl Subject + 'a {
    HeadlineSubject {
        h,
        feed,
        categories,
        hits,
        folded: None,
    }
}

/// Folded titles, authors and feed names, built when a search or filter starts and kept in
/// step with the store's content generation: matching then skips folding 100,000 titles per
/// key. The articles' folded text lies in one string, by store position (`Store::position`):
/// a keystroke over 250,000 headlines reads it in order instead of hashing every id into a
/// map of 250,000 boxed strings, whose cache misses were most of a keystroke's time.
#[derive(Default)]
pub struct FoldCache {
    pub(super) generation: Option<u64>,
    text: String,
    /// Per store position: where its title starts, where its author starts (the title's
    /// end) and where it ends, with [`NO_AUTHOR`] set when the article has none.
    spans: Vec<[u32; 3]>,
    pub(super) feeds: crate::model::IdMap<crate::model::FeedId, (Box<str>, Box<str>)>,
    /// The last scanning pass's scans ([`FoldCache::scan_all`]), one per free word: the next
    /// keystroke mostly keeps its words (`harbour s` after `harbour `), and a scan of a
    /// dense word over 250,000 headlines is milliseconds. About 31 KB each at 250,000.
    scans: Vec<TextScan>,
}

impl FoldCache {
    /// Folds every title and author of the store (once per content generation), split
    /// across threads from `from` headlines on (folding 250,000 mixed-script titles takes
    /// about 100 ms on one core here).
    pub(super) fn refresh(&mut self, store: &crate::store::Store, from: usize) {
        if self.generation == Some(store.content_generation()) {
            return;
        }
        self.generation = None;
        self.text.clear();
        self.spans.clear();
        // Bits by position and answers by feed slot of the text being replaced.
        self.scans.clear();
        self.spans.reserve(store.len());
        let parts = crate::split::parts(store.len(), from);
        let folded = crate::split::map_ranges(store.len(), parts, |range| fold_part(store, range));
        // Folding rarely changes a length: one allocation instead of doubling a 20 MB string.
        self.text.reserve(folded.iter().map(|p| p.0.len()).sum());
        for (text, spans) in folded {
            // Offsets are u32 with a flag bit: past 2 GB of titles, match without the cache.
            let Some(spans) = spans else {
                self.clear();
                return;
            };
            let base = self.text.len();
            self.text.push_str(&text);
            for [start, mid, end] in spans {
                let flag = end & NO_AUTHOR;
                let shifted = [start, mid, end & !NO_AUTHOR].map(|o| {
                    u32::try_from(base + o as usize)
                        .ok()
                        .filter(|&o| o < NO_AUTHOR)
                });
                let [Some(start), Some(mid), Some(end)] = shifted else {
                    self.clear();
                    return;
                };
                self.spans.push([start, mid, end | flag]);
            }
        }
        self.feeds = store
            .feeds()
            .iter()
            .map(|f| {
                (
                    f.id,
                    (filter::fold(&f.title).into(), filter::fold(&f.url).into()),
                )
            })
            .collect();
        self.generation = Some(store.content_generation());
    }

    /// The article at a store position in the cache, its text read when a field is
    /// matched ([`Folded::title`]).
    pub(super) fn article<'a>(
        &'a self,
        position: u32,
        feed: Option<&'a (Box<str>, Box<str>)>,
    ) -> Option<Folded<'a>> {
        let &span = self.spans.get(position as usize)?;
        Some(Folded {
            text: &self.text,
            span,
            feed,
            scanned: None,
            feeds_scanned: &[],
        })
    }

    pub(super) fn clear(&mut self) {
        *self = FoldCache::default();
    }

    /// The scans of `needles` (see [`FoldCache::scan`]), kept for the next pass: one the last
    /// pass made for the same folded word is reused (it is for this cache's text and feed
    /// slots: a new content generation rebuilds the cache and drops them), the others are
    /// dropped.
    pub(super) fn scan_all(
        &mut self,
        needles: &[&filter::Needle],
        slots: &[crate::model::FeedId],
        from: usize,
    ) {
        let mut earlier = std::mem::take(&mut self.scans);
        let scans = needles
            .iter()
            .filter_map(
                |n| match earlier.iter().position(|s| *s.folded == *n.folded()) {
                    Some(i) => Some(earlier.swap_remove(i)),
                    None => self.scan(n, slots, from),
                },
            )
            .collect();
        self.scans = scans;
    }

    /// Which feed slots' folded title or URL holds `needle` (as matching `feed:` against
    /// this cache's folded names finds it): None for a cache not built.
    pub(super) fn scan_feeds(
        &self,
        needle: &filter::Needle,
        slots: &[crate::model::FeedId],
    ) -> Option<FeedScan> {
        self.generation?;
        let feeds = slots
            .iter()
            .map(|id| {
                let (title, url) = self.feeds.get(id).map_or(("", ""), |f| (&*f.0, &*f.1));
                needle.finder().find(title.as_bytes()).is_some()
                    || needle.finder().find(url.as_bytes()).is_some()
            })
            .collect();
        Some(FeedScan {
            folded: needle.folded().into(),
            feeds,
        })
    }

    /// What the last [`FoldCache::scan_all`] made.
    pub(super) fn scans(&self) -> &[TextScan] {
        &self.scans
    }

    /// The store positions whose folded title or author holds `needle`, found by running its
    /// searcher once over the whole text (SIMD over 20 MB at 250,000 headlines) instead of
    /// once per headline; and the feed slots (`Store::feed_slots`) whose folded title holds
    /// it. None for an empty needle or a cache not built. From `from` headlines on the text
    /// is split across threads by whole words of bits: a one-letter word matches nearly
    /// every headline, and resuming the search after each match was a single core's 5 ms.
    pub(super) fn scan(
        &self,
        needle: &filter::Needle,
        slots: &[crate::model::FeedId],
        from: usize,
    ) -> Option<TextScan> {
        if needle.folded().is_empty() || self.generation.is_none() {
            return None;
        }
        let len = self.spans.len();
        let words = len.div_ceil(64);
        let parts = crate::split::parts(len, from).min(words.max(1));
        let bits = crate::split::map_ranges(words, parts, |w| {
            self.scan_range(needle, w.start * 64..(w.end * 64).min(len))
        })
        .concat();
        let feeds = slots
            .iter()
            .map(|id| {
                let title = self.feeds.get(id).map_or("", |f| &*f.0);
                needle.finder().find(title.as_bytes()).is_some()
            })
            .collect();
        Some(TextScan {
            folded: needle.folded().into(),
            bits,
            feeds,
        })
    }

    /// [`FoldCache::scan`]'s bits for the positions of `range` (starting at a multiple of 64),
    /// from the part of the text that holds their titles and authors.
    fn scan_range(&self, needle: &filter::Needle, range: std::ops::Range<usize>) -> Vec<u64> {
        let n = needle.folded().len();
        let text = self.text.as_bytes();
        let mut bits = vec![0u64; range.len().div_ceil(64)];
        let (Some(first), Some(last)) = (
            self.spans.get(range.start),
            range.end.checked_sub(1).and_then(|l| self.spans.get(l)),
        ) else {
            return bits;
        };
        let limit = (last[2] & !NO_AUTHOR) as usize;
        let (mut from, mut p) = (first[0] as usize, range.start);
        // A one-byte needle (the first letter of a word, matching nearly every headline) is
        // looked for with memchr: the searcher's set-up per call cost more than the search.
        let find = |t: &[u8]| match needle.folded().as_bytes() {
            &[b] => memchr::memchr(b, t),
            _ => needle.finder().find(t),
        };
        while let Some(i) = text.get(from..limit).and_then(find) {
            let at = from + i;
            // The headline whose text holds `at`: spans lie end to end in position order.
            while self
                .spans
                .get(p)
                .is_some_and(|s| (s[2] & !NO_AUTHOR) as usize <= at)
            {
                p += 1;
            }
            let Some(&[_, mid, end]) = self.spans.get(p) else {
                break;
            };
            let (mid, end) = (mid as usize, (end & !NO_AUTHOR) as usize);
            // A match across the title's end and the author, or into the next headline,
            // is no match: the search goes on from that boundary.
            let field_end = if at < mid { mid } else { end };
            if at + n <= field_end {
                let q = p - range.start;
                if let Some(w) = bits.get_mut(q / 64) {
                    *w |= 1 << (q % 64);
                }
                from = end;
                p += 1;
            } else {
                from = field_end;
            }
        }
        bits
    }
}

/// The folded titles and authors of the headlines at `range`'s store positions, end to end,
/// with their spans from the part's start (None past the spans' 2 GB reach).
fn fold_part(
    store: &crate::store::Store,
    range: std::ops::Range<usize>,
) -> (String, Option<Vec<[u32; 3]>>) {
    let at = |p: usize| u32::try_from(p).ok().and_then(|p| store.at(p));
    let bytes: usize = range
        .clone()
        .filter_map(at)
        .map(|h| h.title().len() + h.author().map_or(0, str::len))
        .sum();
    let mut text = String::with_capacity(bytes);
    let mut spans = Vec::with_capacity(range.len());
    for h in range.filter_map(at) {
        let start = text.len();
        filter::fold_into(h.title(), &mut text);
        let mid = text.len();
        if let Some(a) = h.author() {
            filter::fold_into(a, &mut text);
        }
        let end = text.len();
        let (Ok(start), Ok(mid), Ok(end)) =
            (u32::try_from(start), u32::try_from(mid), u32::try_from(end))
        else {
            return (text, None);
        };
        if end >= NO_AUTHOR {
            return (text, None);
        }
        spans.push([
            start,
            mid,
            if h.author().is_some() {
                end
            } else {
                end | NO_AUTHOR
            },
        ]);
    }
    (text, Some(spans))
}

impl Prompt {
    /// A yes/no question rather than a line of text: its keys are `[keys.confirm]`'s.
    pub fn is_question(&self) -> bool {
        matches!(self.kind, PromptKind::ConfirmRemove(_))
    }

    /// A prompt that is not a query (tags, a command), starting with `text`.
    pub(super) fn plain(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            input: LineInput::new(text),
            error: None,
            before: None,
        }
    }
}

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind) -> Vec<Effect> {
        if self.screen == Screen::Feeds {
            match kind {
                // Jump to a feed by name: the typed letters must not run commands.
                PromptKind::Search => {
                    self.mode = super::Mode::Prompt(Box::new(Prompt {
                        kind: PromptKind::FeedJump(self.feed_list.cursor.sel),
                        input: LineInput::new(""),
                        error: None,
                        before: None,
                    }));
                    self.dirty = true;
                    return Vec::new();
                }
                // A filter on the feed list filters everything: All articles.
                PromptKind::Filter => self.enter_view(super::View::All),
                _ => return Vec::new(),
            }
        }
        if self.screen != Screen::Headlines {
            return Vec::new();
        }
        let before = self.headlines.query(kind).cloned();
        let text = before.as_ref().map(|q| q.text.clone()).unwrap_or_default();
        // Fold every title now, once, so no keystroke of the query pays for it.
        self.headlines.fold_titles(&self.store);
        self.mode = super::Mode::Prompt(Box::new(Prompt {
            kind,
            input: LineInput::new(&text),
            error: None,
            before,
        }));
        self.dirty = true;
        Vec::new()
    }

    pub(super) fn prompt_key(&mut self, mut prompt: Box<Prompt>, ev: &KeyEvent) -> Vec<Effect> {
        self.dirty = true;
        if let PromptKind::FeedJump(from) = prompt.kind {
            return match prompt.input.handle(&self.keymap, ev) {
                InputEvent::Cancel => {
                    self.feed_list.cursor.sel = from;
                    self.relayout();
                    Vec::new()
                }
                InputEvent::Submit => self.act(super::action::Action::Open),
                InputEvent::Changed => {
                    let text = prompt.input.text.clone();
                    self.mode = super::Mode::Prompt(prompt);
                    self.jump_to_feed(&text, from);
                    Vec::new()
                }
                _ => {
                    self.mode = super::Mode::Prompt(prompt);
                    Vec::new()
                }
            };
        }
        if let PromptKind::ConfirmRemove(id) = prompt.kind {
            return self.confirm_remove_key(id, ev);
        }
        if let PromptKind::RenameFeed(id) = prompt.kind {
            return match prompt.input.handle(&self.keymap, ev) {
                InputEvent::Cancel => Vec::new(),
                InputEvent::Submit => self.rename_submit(id, &prompt.input.text),
                _ => {
                    self.mode = super::Mode::Prompt(prompt);
                    Vec::new()
                }
            };
        }
        if let PromptKind::Pipe(id) = prompt.kind {
            return match prompt.input.handle(&self.keymap, ev) {
                InputEvent::Cancel => Vec::new(),
                InputEvent::Submit => self.pipe_submit(id, &prompt.input.text),
                _ => {
                    self.mode = super::Mode::Prompt(prompt);
                    Vec::new()
                }
            };
        }
        if let PromptKind::Tags(feed_id) = prompt.kind {
            return match prompt.input.handle(&self.keymap, ev) {
                InputEvent::Cancel => Vec::new(),
                InputEvent::Submit => self.save_tags(feed_id, &prompt.input.text),
                _ => {
                    self.mode = super::Mode::Prompt(prompt);
                    Vec::new()
                }
            };
        }
        match prompt.input.handle(&self.keymap, ev) {
            InputEvent::Cancel => {
                let kind = prompt.kind;
                self.set_query(kind, prompt.before);
                Vec::new()
            }
            InputEvent::Submit => {
                if prompt.error.is_some() {
                    // Keep the prompt open on an invalid query: the error says what to fix.
                    self.mode = super::Mode::Prompt(prompt);
                    return Vec::new();
                }
                // Typing is over: the list kept for its next keystroke goes.
                self.headlines.end_typing();
                if prompt.kind == PromptKind::Filter {
                    let text = prompt.input.text.trim();
                    if text.is_empty() {
                        self.say(t!("status-filter-cleared"));
                    } else {
                        self.say(t!("status-filter", filter = text));
                    }
                }
                Vec::new()
            }
            InputEvent::Changed => {
                let kind = prompt.kind;
                let text = prompt.input.text.clone();
                match filter::parse(&text) {
                    Ok(f) => {
                        prompt.error = None;
                        self.mode = super::Mode::Prompt(prompt);
                        self.apply_query(kind, &text, f)
                    }
                    Err(e) => {
                        prompt.error = Some(e);
                        self.mode = super::Mode::Prompt(prompt);
                        Vec::new()
                    }
                }
            }
            InputEvent::Moved | InputEvent::Ignored => {
                self.mode = super::Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    fn apply_query(&mut self, kind: PromptKind, text: &str, f: Filter) -> Vec<Effect> {
        if f.is_empty() {
            self.set_query(kind, None);
            return Vec::new();
        }
        let seq = self.headlines.next_seq();
        let terms = f.text_terms();
        // Negated words too: `-word` must also drop articles whose body holds it.
        let index_terms = f.body_terms();
        let old = self.headlines.query(kind);
        // Typing usually only adds to a query: then the next list lies within this one.
        let narrowing = old.is_some_and(|o| f.implies(&o.filter));
        let q = ActiveQuery {
            text: text.trim().to_string(),
            filter: f,
            terms,
            seq,
            body_hits: None,
        };
        if self.screen == Screen::Headlines {
            self.typed_query(kind, q, narrowing);
        } else {
            self.headlines.set_query(kind, Some(q));
        }
        if index_terms.is_empty() {
            Vec::new()
        } else {
            vec![Effect::BodySearch {
                seq,
                terms: index_terms,
            }]
        }
    }

    fn set_query(&mut self, kind: PromptKind, q: Option<ActiveQuery>) {
        if !self.headlines.set_query(kind, q) {
            return;
        }
        self.requery();
        self.dirty = true;
    }

    /// Moves the feed-list cursor to the first row (from the top) whose name holds `text`,
    /// folded as search folds; back to `from` when the text is empty.
    fn jump_to_feed(&mut self, text: &str, from: usize) {
        let needle = filter::fold(text.trim());
        let row = if needle.is_empty() {
            Some(from)
        } else {
            (0..self.feed_rows()).find(|&i| {
                self.feed_row_view(i)
                    .is_some_and(|v| filter::contains_folded(&self.view_title(&v), &needle))
            })
        };
        match row {
            Some(i) => {
                self.feed_list.cursor.sel = i;
                self.relayout();
            }
            None => self.warn(t!("status-no-feed-named", name = text.trim())),
        }
        self.dirty = true;
    }

    /// `T`: the feed under the cursor (feed row, feed view, or the selected article's feed).
    pub(super) fn edit_tags(&mut self) -> Vec<Effect> {
        let Some(feed) = self.cursor_feed(true).and_then(|id| self.store.feed(id)) else {
            self.warn(t!("status-select-feed-for-tags"));
            return Vec::new();
        };
        let text = feed.tags.join(" ");
        self.mode = super::Mode::Prompt(Box::new(Prompt {
            kind: PromptKind::Tags(feed.id),
            input: LineInput::new(&text),
            error: None,
            before: None,
        }));
        self.dirty = true;
        Vec::new()
    }

    fn save_tags(&mut self, feed_id: crate::model::FeedId, text: &str) -> Vec<Effect> {
        let mut tags: Vec<String> = Vec::new();
        for t in text.split_whitespace().map(|t| t.trim_start_matches('#')) {
            if !t.is_empty() && !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.to_string());
            }
        }
        let Some(feed) = self.store.feed_mut(feed_id) else {
            return Vec::new();
        };
        feed.tags = tags.clone();
        let url = feed.url.clone();
        let title = feed.title.clone();
        let selected = self.feed_row_view(self.feed_list.cursor.sel);
        self.collect_tags();
        self.relayout_after_rows_changed(selected);
        self.say(if tags.is_empty() {
            t!("status-tags-none", title = title)
        } else {
            t!("status-tags", title = title, tags = tags.join(", "))
        });
        vec![Effect::SaveFeedTags { url, tags }]
    }

    /// Asks the index about the saved views' words once per store generation: new articles
    /// may hold them.
    pub(super) fn saved_body_search(&mut self) -> Option<Effect> {
        // Flags do not change which bodies hold a word.
        let terms = self
            .feed_list
            .saved_words(self.store.content_generation())?;
        let seq = self.headlines.next_seq();
        self.feed_list.asked_saved_words(seq);
        Some(Effect::BodySearch { seq, terms })
    }

    /// The index answered for query `seq`; stale answers are dropped.
    pub(super) fn on_body_hits(&mut self, seq: u64, hits: BodyHits) {
        let mut changed = false;
        // Recount with the answer, and refilter if a saved view is open.
        changed |= self.feed_list.take_saved_hits(seq, &hits);
        changed |= self.headlines.take_body_hits(seq, &hits);
        if changed {
            self.requery();
            // The list changed with no key pressed: without this the screen would show
            // the old list until the next key.
            self.dirty = true;
        }
    }

    /// Clears an active search (Esc restores the view); true when there was one.
    pub(super) fn clear_search(&mut self) -> bool {
        if self.headlines.take_query(PromptKind::Search) {
            self.requery();
            self.dirty = true;
            return true;
        }
        false
    }

    /// Clears an active filter; true when there was one.
    pub(super) fn clear_filter(&mut self) -> bool {
        if self.headlines.take_query(PromptKind::Filter) {
            self.requery();
            self.say(t!("status-filter-cleared"));
            return true;
        }
        false
    }

    /// The folded words to highlight.
    pub fn highlight_terms(&self) -> Vec<String> {
        self.headlines.highlight_terms()
    }

    /// `n`/`N` in the article pane during a search: scroll to the next line with a match.
    pub(super) fn step_match(&mut self, forward: bool) -> bool {
        let terms = self.highlight_terms();
        if terms.is_empty() || self.focus != Focus::Article {
            return false;
        }
        let Some(open) = self.pane.article() else {
            return false;
        };
        let Some(rendered) = open.rendered.as_ref() else {
            return false;
        };
        let has_match = |i: usize| {
            rendered.lines.get(i).is_some_and(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                terms.iter().any(|t| !filter::find_all(&text, t).is_empty())
            })
        };
        let from = open.scroll;
        let found = if forward {
            (from + 1..rendered.lines.len()).find(|&i| has_match(i))
        } else {
            (0..from).rev().find(|&i| has_match(i))
        };
        match found {
            Some(i) => {
                self.pane.scroll_to(i);
                self.clamp_article_scroll();
            }
            None => self.say(if forward {
                t!("status-no-more-matches-below")
            } else {
                t!("status-no-more-matches-above")
            }),
        }
        self.dirty = true;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Feed, Flags, Headline};
    use crate::store::Store;
    use proptest::prelude::*;

    fn store(items: &[(String, Option<String>)]) -> Store {
        let feeds = vec![Feed {
            id: 1,
            title: "Feed".into(),
            ..Feed::default()
        }];
        let rows = items
            .iter()
            .enumerate()
            .map(|(i, (title, author))| Headline {
                id: i as i64 + 1,
                feed_id: 1,
                title: title.clone(),
                link: None,
                author: author.clone(),
                date: i as i64,
                flags: Flags::default(),
            })
            .collect();
        Store::new(feeds, rows)
    }

    proptest! {
        /// One scan of the whole cache finds exactly the headlines whose own title or author
        /// holds the needle: none from a match across a title's end and its author or the
        /// next headline, none missed after such a match. A two-letter alphabet (and a
        /// case and a mark to fold) makes those boundaries common.
        #[test]
        fn a_scan_of_the_cache_is_a_search_of_each_headline(
            items in prop::collection::vec(
                ("[abAé]{0,6}", prop::option::of("[ab]{0,4}")),
                0..300,
            ),
            needle in "[abA]{1,4}",
            from in 1usize..8,
        ) {
            let store = store(&items);
            let mut cache = FoldCache::default();
            cache.refresh(&store, from);
            let needle = filter::Needle::new(&needle);
            // Split across threads from 20 to 140 headlines (by whole words of 64).
            let scan = cache.scan(&needle, &[], from * 20).expect("a built cache and a needle");
            for (p, h) in store.headlines().enumerate() {
                let plain = filter::contains_folded(h.title(), needle.folded())
                    || h.author().is_some_and(|a| filter::contains_folded(a, needle.folded()));
                prop_assert_eq!(scan.has(p as u32), plain, "{:?} at {}", h.title(), p);
            }
        }
    }
}
