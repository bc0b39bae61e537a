//! Dates in the user's language: month and day names from CLDR/glibc data (chrono's
//! `unstable-locales`), so `%b` is `Jan` in English and `янв` in Russian.

use super::{Lang, current};
use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Locale, TimeZone};
use std::fmt::{Display, Write};

fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::POSIX,
        Lang::Ru => Locale::ru_RU,
    }
}

/// `d` written with strftime `pattern` in the current language. A pattern chrono cannot
/// format (the config checks `date_format` first) gives an empty string instead of a panic.
pub fn format<Tz: TimeZone>(d: &DateTime<Tz>, pattern: &str) -> String
where
    Tz::Offset: Display,
{
    let mut out = String::new();
    let written = match current() {
        Lang::En => write!(out, "{}", d.format(pattern)),
        lang => write!(out, "{}", d.format_localized(pattern, locale(lang))),
    };
    if written.is_err() {
        out.clear();
    }
    out
}

/// Whether chrono understands every `%` directive in `pattern` (config validation).
pub fn valid_pattern(pattern: &str) -> bool {
    !StrftimeItems::new(pattern).any(|i| matches!(i, Item::Error))
}
