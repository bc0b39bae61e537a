//! The help screen's text, built from the keymap alone so it always tells the truth: every
//! mode's keys as a section, what they do, and the names config.toml uses. It lives on the
//! app's side because the app needs its length to keep the scroll offset in range; `ui::help`
//! only styles and draws it.

use super::keymap::{Binding, KeyMode, Keymap};
use crate::t;
use crate::text::fit;
use unicode_width::UnicodeWidthStr;

/// Below this the description column is too narrow to read; the name column goes first.
const MIN_DESC_W: usize = 16;
const KEY_W_MAX: usize = 24;

/// What a piece of a help line is, for the drawing to style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Heading,
    Section,
    Key,
    /// The key column of an action left without a key.
    NoKey,
    Text,
    Name,
    Warning,
    Note,
}

pub type HelpLine = Vec<(String, Part)>;

/// The help box for a screen: its lines and outer size (border included).
pub struct HelpBox {
    pub lines: Vec<HelpLine>,
    pub width: u16,
    pub height: u16,
    /// How many lines show at once.
    pub visible: usize,
}

struct Columns {
    key: usize,
    desc: usize,
    /// 0 when the names do not fit beside the descriptions.
    name: usize,
}

fn keys_label(b: &Binding) -> String {
    if b.keys.is_empty() {
        return t!("help-no-key");
    }
    b.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns for a box of at most `max_inner` cells inside its border.
fn columns(bindings: &[Binding], max_inner: usize) -> Columns {
    let key = bindings
        .iter()
        .map(|b| keys_label(b).width())
        .max()
        .unwrap_or(8)
        .min(KEY_W_MAX);
    let name = bindings
        .iter()
        .map(|b| b.action.name().len())
        .max()
        .unwrap_or(0);
    let desc_natural = bindings
        .iter()
        .map(|b| b.description().width())
        .max()
        .unwrap_or(0);
    // " keys  description  name "
    let fixed = 1 + key + 2 + 2 + name + 1;
    if max_inner >= fixed + MIN_DESC_W {
        Columns {
            key,
            desc: desc_natural.min(max_inner - fixed),
            name,
        }
    } else {
        let fixed = 1 + key + 2 + 1;
        Columns {
            key,
            desc: max_inner.saturating_sub(fixed).max(1),
            name: 0,
        }
    }
}

fn binding_lines(b: &Binding, cols: &Columns, lines: &mut Vec<HelpLine>) {
    let indent = " ".repeat(1 + cols.key + 2);
    let label = keys_label(b);
    let first = if b.keys.is_empty() {
        Part::NoKey
    } else {
        Part::Key
    };
    for (i, part) in crate::render::wrap(&b.description(), cols.desc)
        .iter()
        .enumerate()
    {
        let mut line = if i == 0 {
            vec![(format!(" {}  ", fit(&label, cols.key)), first)]
        } else {
            vec![(indent.clone(), Part::Text)]
        };
        line.push((fit(part, cols.desc), Part::Text));
        if i == 0 && cols.name > 0 {
            line.push((
                format!("  {} ", fit(&b.action.name(), cols.name)),
                Part::Name,
            ));
        }
        lines.push(line);
    }
    if cols.name == 0 {
        lines.push(vec![
            (indent.clone(), Part::Text),
            (fit(&b.action.name(), cols.desc), Part::Name),
        ]);
    }
    // The conflict, named where the user looks for the missing key.
    for (key, to) in &b.lost {
        let note = t!(
            "help-key-given-to",
            key = key.label(),
            action = to.name(),
            section = b.mode.section()
        );
        for part in crate::render::wrap(&note, cols.desc + 2 + cols.name) {
            lines.push(vec![(indent.clone(), Part::Text), (part, Part::Warning)]);
        }
    }
}

fn help_lines(keymap: &Keymap, cols: &Columns) -> Vec<HelpLine> {
    let mut head = vec![
        (
            format!(" {}  ", fit(&t!("help-heading-keys"), cols.key)),
            Part::Heading,
        ),
        (fit(&t!("help-heading-what"), cols.desc), Part::Heading),
    ];
    if cols.name > 0 {
        head.push((
            format!("  {} ", fit(&t!("help-heading-name"), cols.name)),
            Part::Heading,
        ));
    }
    let full = 1 + cols.key + 2 + cols.desc + 2 + cols.name - 1;
    let mut lines = vec![head];
    for mode in KeyMode::ALL {
        if mode != KeyMode::Normal {
            lines.push(Vec::new());
        }
        let title = format!("{} · {}", mode.title(), mode.section());
        for part in crate::render::wrap(&title, full) {
            lines.push(vec![(format!(" {part}"), Part::Section)]);
        }
        if let Some(note) = mode.note() {
            for part in crate::render::wrap(&note, full) {
                lines.push(vec![(format!(" {part}"), Part::Note)]);
            }
        }
        for b in keymap.bindings_in(mode) {
            binding_lines(b, cols, &mut lines);
        }
    }
    lines.push(Vec::new());
    for part in crate::render::wrap(&t!("help-tail"), full) {
        lines.push(vec![(format!(" {part}"), Part::Note)]);
    }
    lines
}

fn line_width(line: &HelpLine) -> usize {
    line.iter().map(|(s, _)| s.width()).sum()
}

/// The help box on a screen of `width`×`height`: as wide as the text needs and the screen
/// allows, as tall as it fits.
pub fn layout(keymap: &Keymap, width: u16, height: u16) -> HelpBox {
    let max_inner = usize::from(width.saturating_sub(4));
    let cols = columns(keymap.bindings(), max_inner);
    let lines = help_lines(keymap, &cols);
    let inner_w = lines
        .iter()
        .map(line_width)
        .max()
        .unwrap_or(0)
        .min(max_inner);
    let w = (inner_w as u16 + 2).min(width);
    let h = (height.saturating_sub(2)).min(lines.len() as u16 + 2);
    HelpBox {
        visible: usize::from(h.saturating_sub(2)),
        lines,
        width: w,
        height: h,
    }
}

/// The farthest help scrolls on a screen of `size`.
pub fn max_scroll(keymap: &Keymap, size: (u16, u16)) -> usize {
    let b = layout(keymap, size.0, size.1);
    b.lines.len().saturating_sub(b.visible.max(1))
}
