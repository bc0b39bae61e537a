//! The parsed form of a filter, and its normalized text.

use std::fmt;

use chrono::NaiveDate;
use memchr::memmem::Finder;

use super::fold::fold;

/// A search string as typed (whitespace runs collapsed) and folded once, at parse time.
#[derive(Clone)]
pub struct Needle {
    text: String,
    folded: String,
    // Boxed: a searcher is a few hundred bytes and would bloat every `Expr`.
    finder: Box<Finder<'static>>,
}

impl Needle {
    pub fn new(text: &str) -> Needle {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = fold(&text);
        let finder = Box::new(Finder::new(folded.as_bytes()).into_owned());
        Needle {
            text,
            folded,
            finder,
        }
    }

    /// As the user typed it, for display.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Folded with [`super::fold`], for matching and highlighting.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    pub(crate) fn finder(&self) -> &Finder<'static> {
        &self.finder
    }
}

impl fmt::Debug for Needle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)
    }
}

impl PartialEq for Needle {
    fn eq(&self, other: &Needle) -> bool {
        self.text == other.text
    }
}

impl Eq for Needle {}

/// Whether `age:` asks for articles younger (`<`) or older (`>`) than the span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeCmp {
    Younger,
    Older,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl AgeUnit {
    pub fn seconds(self) -> i64 {
        match self {
            AgeUnit::Minutes => 60,
            AgeUnit::Hours => 3_600,
            AgeUnit::Days => 86_400,
            AgeUnit::Weeks => 7 * 86_400,
        }
    }

    pub fn letter(self) -> char {
        match self {
            AgeUnit::Minutes => 'm',
            AgeUnit::Hours => 'h',
            AgeUnit::Days => 'd',
            AgeUnit::Weeks => 'w',
        }
    }
}

/// `age:<3d`: `amount` units, kept as typed so the normalized form keeps the user's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Age {
    pub cmp: AgeCmp,
    pub amount: u32,
    pub unit: AgeUnit,
}

impl Age {
    pub fn seconds(self) -> i64 {
        i64::from(self.amount) * self.unit.seconds()
    }
}

/// A calendar day in UTC and the unix second at which it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub start: i64,
}

/// One node of a parsed filter. `And`/`Or` never hold a single child or a child of their own
/// kind (the parser flattens them), so equal meaning parses to equal trees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Unread,
    Read,
    Bookmarked,
    HasEnclosure,
    /// A free word or quoted phrase: title, feed title, author or body.
    Text(Needle),
    /// Feed title or feed URL, substring.
    Feed(Needle),
    /// One whole tag.
    Tag(Needle),
    /// One whole category.
    Category(Needle),
    Author(Needle),
    Title(Needle),
    Age(Age),
    /// On or after the start of the day (UTC).
    After(Day),
    /// Before the start of the day (UTC).
    Before(Day),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    /// Whether a `category:` term occurs anywhere in the tree, negated or not.
    pub fn uses_categories(&self) -> bool {
        match self {
            Expr::Category(_) => true,
            Expr::Not(inner) => inner.uses_categories(),
            Expr::And(items) | Expr::Or(items) => items.iter().any(Expr::uses_categories),
            _ => false,
        }
    }
}

/// Words the lexer reads as something other than a free word; a free word spelled like one
/// must be quoted to mean the word.
pub(crate) const RESERVED: [&str; 6] = ["or", "and", "not", "unread", "read", "bookmarked"];

fn needs_quotes(text: &str, free_word: bool) -> bool {
    text.is_empty()
        || text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
        || (free_word
            && (text.starts_with('-')
                || text.contains(':')
                || RESERVED.iter().any(|r| r.eq_ignore_ascii_case(text))))
}

fn write_value(f: &mut fmt::Formatter<'_>, text: &str, free_word: bool) -> fmt::Result {
    if needs_quotes(text, free_word) {
        write!(f, "\"{text}\"")
    } else {
        f.write_str(text)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Unread => f.write_str("unread"),
            Expr::Read => f.write_str("read"),
            Expr::Bookmarked => f.write_str("bookmarked"),
            Expr::HasEnclosure => f.write_str("has:enclosure"),
            Expr::Text(n) => write_value(f, n.text(), true),
            Expr::Feed(n) => field(f, "feed", n),
            Expr::Tag(n) => field(f, "tag", n),
            Expr::Category(n) => field(f, "category", n),
            Expr::Author(n) => field(f, "author", n),
            Expr::Title(n) => field(f, "title", n),
            Expr::Age(a) => {
                let cmp = match a.cmp {
                    AgeCmp::Younger => '<',
                    AgeCmp::Older => '>',
                };
                write!(f, "age:{cmp}{}{}", a.amount, a.unit.letter())
            }
            Expr::After(d) => write!(f, "after:{}", d.date.format("%Y-%m-%d")),
            Expr::Before(d) => write!(f, "before:{}", d.date.format("%Y-%m-%d")),
            Expr::Not(inner) => match inner.as_ref() {
                Expr::And(_) | Expr::Or(_) => write!(f, "-({inner})"),
                _ => write!(f, "-{inner}"),
            },
            Expr::And(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    match item {
                        Expr::Or(_) => write!(f, "({item})")?,
                        _ => write!(f, "{item}")?,
                    }
                }
                Ok(())
            }
            Expr::Or(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}

fn field(f: &mut fmt::Formatter<'_>, name: &str, n: &Needle) -> fmt::Result {
    write!(f, "{name}:")?;
    write_value(f, n.text(), false)
}
