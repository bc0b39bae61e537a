//! Tokens to an [`Expr`], by recursive descent: `or` binds loosest, then `and` (explicit or
//! implied), then `not`, then `-`, which takes only what is written right after it.

use super::ast::{Expr, Needle};
use super::error::FilterError;
use super::lexer::{Lexed, Spanned, Tok, lex};

/// Deeper nesting than any person writes; the limit keeps hostile input from exhausting the
/// stack.
const MAX_DEPTH: usize = 64;

pub(crate) fn parse(input: &str) -> Result<Option<Expr>, FilterError> {
    let Lexed { tokens, error } = lex(input);
    let mut p = Parser {
        tokens: &tokens,
        at: 0,
        lex_error: error,
        depth: 0,
        end: input.chars().count(),
    };
    if p.peek()?.is_none() {
        return Ok(None);
    }
    let expr = p.or()?;
    match p.peek()? {
        None => Ok(Some(expr)),
        Some(t) => Err(FilterError::new(
            t.pos,
            t.len,
            crate::t!("filter-unexpected-paren"),
        )),
    }
}

struct Parser<'a> {
    tokens: &'a [Spanned],
    at: usize,
    lex_error: Option<FilterError>,
    depth: usize,
    /// Length of the input in characters, for errors about its end.
    end: usize,
}

fn both_sides(t: &Spanned, word: &str) -> FilterError {
    FilterError::new(t.pos, t.len, crate::t!("filter-both-sides", word = word))
}

/// Whether a term can start here; otherwise the operator before it has nothing to work on.
fn starts_term(t: Option<&Spanned>) -> bool {
    !matches!(
        t.map(|t| &t.tok),
        None | Some(Tok::RParen | Tok::Or(_) | Tok::And(_))
    )
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Result<Option<&'a Spanned>, FilterError> {
        match self.tokens.get(self.at) {
            Some(t) => Ok(Some(t)),
            None => match &self.lex_error {
                Some(e) => Err(e.clone()),
                None => Ok(None),
            },
        }
    }

    fn deeper(&mut self, t: &Spanned) -> Result<(), FilterError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FilterError::new(
                t.pos,
                t.len,
                crate::t!("filter-too-deep", depth = MAX_DEPTH.to_string()),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, FilterError> {
        let mut items = vec![self.and()?];
        while let Some(t) = self.peek()? {
            if !matches!(t.tok, Tok::Or(_)) {
                break;
            }
            self.at += 1;
            if !starts_term(self.peek()?) {
                return Err(both_sides(t, "or"));
            }
            items.push(self.and()?);
        }
        Ok(join(items, Expr::Or))
    }

    fn and(&mut self) -> Result<Expr, FilterError> {
        let mut items = vec![self.unary()?];
        while let Some(t) = self.peek()? {
            match t.tok {
                Tok::RParen | Tok::Or(_) => break,
                Tok::And(_) => {
                    self.at += 1;
                    if !starts_term(self.peek()?) {
                        return Err(both_sides(t, "and"));
                    }
                }
                _ => {}
            }
            items.push(self.unary()?);
        }
        Ok(join(items, Expr::And))
    }

    fn unary(&mut self) -> Result<Expr, FilterError> {
        let Some(t) = self.peek()? else {
            return self.primary(false);
        };
        match t.tok {
            Tok::Not(_) => {
                self.at += 1;
                if !starts_term(self.peek()?) {
                    return Err(FilterError::new(
                        t.pos,
                        t.len,
                        crate::t!("filter-not-alone"),
                    ));
                }
                self.deeper(t)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Tok::Minus => {
                self.at += 1;
                self.deeper(t)?;
                let inner = self.primary(true)?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            _ => self.primary(false),
        }
    }

    /// A term or a group; right after `-`, keywords are plain words (`-or` excludes "or").
    fn primary(&mut self, after_minus: bool) -> Result<Expr, FilterError> {
        let Some(t) = self.peek()? else {
            return Err(FilterError::new(
                self.end,
                1,
                crate::t!("filter-expected-term"),
            ));
        };
        match &t.tok {
            Tok::Term(e) => {
                self.at += 1;
                Ok(e.clone())
            }
            Tok::Or(w) | Tok::And(w) | Tok::Not(w) if after_minus => {
                self.at += 1;
                Ok(Expr::Text(Needle::new(w)))
            }
            Tok::Minus => self.unary(),
            Tok::LParen => {
                self.at += 1;
                let unclosed = || FilterError::new(t.pos, 1, crate::t!("filter-unclosed-paren"));
                match self.peek()? {
                    None => return Err(unclosed()),
                    Some(close) if matches!(close.tok, Tok::RParen) => {
                        return Err(FilterError::new(
                            t.pos,
                            close.pos + 1 - t.pos,
                            crate::t!("filter-empty-parens"),
                        ));
                    }
                    Some(_) => {}
                }
                self.deeper(t)?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.peek()? {
                    Some(close) if matches!(close.tok, Tok::RParen) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(unclosed()),
                }
            }
            Tok::RParen => Err(FilterError::new(
                t.pos,
                t.len,
                crate::t!("filter-unexpected-paren"),
            )),
            Tok::Or(_) => Err(both_sides(t, "or")),
            Tok::And(_) => Err(both_sides(t, "and")),
            Tok::Not(_) => self.unary(),
        }
    }
}

/// One item stays itself; nested items of the same kind are merged, so `(a b) c` and `a b c`
/// are the same tree.
fn join(items: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Expr {
    let items = match <[Expr; 1]>::try_from(items) {
        Ok([only]) => return only,
        Err(items) => items,
    };
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match (make(Vec::new()), item) {
            (Expr::And(_), Expr::And(v)) | (Expr::Or(_), Expr::Or(v)) => flat.extend(v),
            (_, other) => flat.push(other),
        }
    }
    make(flat)
}
