//! Characters to tokens. Terms (words, phrases, fields with their values) are fully built and
//! checked here, so the parser only deals with structure.

use chrono::NaiveDate;

use super::ast::{Age, AgeCmp, AgeUnit, Day, Expr, Needle};
use super::error::FilterError;

#[derive(Clone, Debug)]
pub(crate) enum Tok {
    LParen,
    RParen,
    /// `-` written right before a term or group.
    Minus,
    /// Keywords keep their spelling: after `-` they are read as plain words.
    Or(String),
    And(String),
    Not(String),
    Term(Expr),
}

#[derive(Clone, Debug)]
pub(crate) struct Spanned {
    pub tok: Tok,
    /// Character offset and length.
    pub pos: usize,
    pub len: usize,
}

/// The tokens before the first error, and that error: the parser reports it only when it gets
/// there, so the leftmost problem is the one the user sees.
pub(crate) struct Lexed {
    pub tokens: Vec<Spanned>,
    pub error: Option<FilterError>,
}

pub(crate) fn lex(input: &str) -> Lexed {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match lex_one(&chars, i) {
            Ok(Some(t)) => {
                i = t.pos + t.len;
                tokens.push(t);
            }
            Ok(None) => i += 1,
            Err(error) => {
                return Lexed {
                    tokens,
                    error: Some(error),
                };
            }
        }
    }
    Lexed {
        tokens,
        error: None,
    }
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

/// The token starting at `i`, or None for whitespace.
fn lex_one(chars: &[char], i: usize) -> Result<Option<Spanned>, FilterError> {
    let one = |tok| {
        Ok(Some(Spanned {
            tok,
            pos: i,
            len: 1,
        }))
    };
    match chars[i] {
        c if c.is_whitespace() => Ok(None),
        '(' => one(Tok::LParen),
        ')' => one(Tok::RParen),
        '-' => match chars.get(i + 1) {
            Some(&c) if !c.is_whitespace() && c != ')' => one(Tok::Minus),
            _ => Err(FilterError::new(i, 1, crate::t!("filter-minus-alone"))),
        },
        '"' => {
            let (text, end) = quoted(chars, i)?;
            if text.trim().is_empty() {
                return Err(FilterError::new(
                    i,
                    end - i,
                    crate::t!("filter-empty-quotes"),
                ));
            }
            Ok(Some(Spanned {
                tok: Tok::Term(Expr::Text(Needle::new(&text))),
                pos: i,
                len: end - i,
            }))
        }
        _ => word(chars, i).map(Some),
    }
}

/// The text between the quote at `open` and the next quote, and the offset after the closing
/// quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), FilterError> {
    let rest = &chars[open + 1..];
    match rest.iter().position(|&c| c == '"') {
        Some(n) => Ok((rest[..n].iter().collect(), open + n + 2)),
        None => Err(FilterError::new(
            open,
            1,
            crate::t!("filter-unclosed-quote"),
        )),
    }
}

fn word(chars: &[char], start: usize) -> Result<Spanned, FilterError> {
    let mut end = start;
    while end < chars.len() && !ends_word(chars[end]) {
        end += 1;
    }
    let run = &chars[start..end];
    let colon = run.iter().position(|&c| c == ':');
    if let Some(colon) = colon.filter(|&n| n > 0 && run[..n].iter().all(char::is_ascii_alphabetic))
    {
        return field(chars, start, colon, end);
    }
    let text: String = run.iter().collect();
    let tok = match text.to_ascii_lowercase().as_str() {
        "or" => Tok::Or(text),
        "and" => Tok::And(text),
        "not" => Tok::Not(text),
        "unread" => Tok::Term(Expr::Unread),
        "read" => Tok::Term(Expr::Read),
        "bookmarked" => Tok::Term(Expr::Bookmarked),
        _ => Tok::Term(Expr::Text(Needle::new(&text))),
    };
    Ok(Spanned {
        tok,
        pos: start,
        len: end - start,
    })
}

/// `name:value` where the name is `chars[start..start+colon]` and the unquoted value runs to
/// `end`; a value may instead be a quoted phrase right after the colon.
fn field(chars: &[char], start: usize, colon: usize, end: usize) -> Result<Spanned, FilterError> {
    let typed: String = chars[start..start + colon].iter().collect();
    let name = typed.to_ascii_lowercase();
    let name_len = colon + 1;
    const KNOWN: [&str; 9] = [
        "feed", "tag", "category", "author", "title", "has", "age", "after", "before",
    ];
    if !KNOWN.contains(&name.as_str()) {
        return Err(FilterError::new(
            start,
            name_len,
            crate::t!("filter-unknown-field", field = typed.as_str()),
        ));
    }
    let value_at = start + name_len;
    let (value, token_end) = if value_at == end && chars.get(value_at) == Some(&'"') {
        let (text, after) = quoted(chars, value_at)?;
        (text.split_whitespace().collect::<Vec<_>>().join(" "), after)
    } else {
        (chars[value_at..end].iter().collect::<String>(), end)
    };
    if value.is_empty() {
        return Err(FilterError::new(
            start,
            name_len,
            crate::t!("filter-no-value", field = name.as_str()),
        ));
    }
    let value_len = token_end - value_at;
    let expr =
        match name.as_str() {
            "feed" => Expr::Feed(Needle::new(&value)),
            "tag" => Expr::Tag(Needle::new(&value)),
            "category" => Expr::Category(Needle::new(&value)),
            "author" => Expr::Author(Needle::new(&value)),
            "title" => Expr::Title(Needle::new(&value)),
            "has" if value.eq_ignore_ascii_case("enclosure") => Expr::HasEnclosure,
            "has" => {
                return Err(FilterError::new(
                    value_at,
                    value_len,
                    crate::t!("filter-has", value = value.as_str()),
                ));
            }
            "age" => Expr::Age(age(&value).ok_or_else(|| {
                FilterError::new(start, token_end - start, crate::t!("filter-age"))
            })?),
            _ => {
                let day = day(&value).ok_or_else(|| {
                    FilterError::new(
                        value_at,
                        value_len,
                        crate::t!("filter-bad-date", value = value.as_str()),
                    )
                })?;
                if name == "after" {
                    Expr::After(day)
                } else {
                    Expr::Before(day)
                }
            }
        };
    Ok(Spanned {
        tok: Tok::Term(expr),
        pos: start,
        len: token_end - start,
    })
}

fn age(value: &str) -> Option<Age> {
    let mut chars = value.chars();
    let cmp = match chars.next()? {
        '<' => AgeCmp::Younger,
        '>' => AgeCmp::Older,
        _ => return None,
    };
    let rest = chars.as_str();
    let unit = match rest.chars().last()?.to_ascii_lowercase() {
        'm' => AgeUnit::Minutes,
        'h' => AgeUnit::Hours,
        'd' => AgeUnit::Days,
        'w' => AgeUnit::Weeks,
        _ => return None,
    };
    let digits = &rest[..rest.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Leading zeros are fine; more than a u32 of units is beyond any feed's history.
    let amount = digits.parse::<u32>().ok()?;
    Some(Age { cmp, amount, unit })
}

fn day(value: &str) -> Option<Day> {
    let b = value.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let num = |r: std::ops::Range<usize>| value.get(r)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)?;
    let start = date.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    Some(Day { date, start })
}
