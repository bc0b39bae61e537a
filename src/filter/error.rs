//! A filter that does not parse, and where.

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// What is wrong with a filter and which characters of the input it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterError {
    /// Offset in characters (not bytes) of the first character concerned; may equal the input's
    /// length when the error is about the end of the input.
    pub pos: usize,
    /// Length in characters; at least 1.
    pub len: usize,
    pub message: String,
}

impl FilterError {
    pub(crate) fn new(pos: usize, len: usize, message: impl Into<String>) -> FilterError {
        FilterError {
            pos,
            len: len.max(1),
            // Messages quote the query, which may come from a script or a saved view.
            message: crate::sanitize::line(&message.into()),
        }
    }

    /// The byte range in `input` that the error is about, clamped to the input.
    pub fn byte_range(&self, input: &str) -> Range<usize> {
        let byte_at = |chars: usize| {
            input
                .char_indices()
                .nth(chars)
                .map_or(input.len(), |(i, _)| i)
        };
        byte_at(self.pos)..byte_at(self.pos + self.len)
    }

    /// A line to print under `input` with `^` under the characters concerned, in terminal
    /// columns: wide characters (CJK) take two, and tabs are copied so the caret stays aligned.
    pub fn caret_line(&self, input: &str) -> String {
        let mut line = String::new();
        let mut carets = 0;
        for (i, c) in input.chars().enumerate() {
            if i >= self.pos + self.len {
                break;
            }
            let width = c.width().unwrap_or(0);
            if i < self.pos {
                if c == '\t' {
                    line.push('\t');
                } else {
                    line.extend(std::iter::repeat_n(' ', width));
                }
            } else {
                carets += width.max(1);
            }
        }
        line.extend(std::iter::repeat_n('^', carets.max(1)));
        line
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FilterError {}
