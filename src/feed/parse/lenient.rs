//! feed-rs 3.0's readings of dates and of RSS people, for the streaming reader (`stream`),
//! which must read them exactly as feed-rs does.
//!
//! The lenient readers are copied from feed-rs (MIT, `parser/util/mod.rs`): a chain of
//! regular-expression repairs, then chrono. Most feeds write one of two canonical forms;
//! those are read directly (`canonical_rfc3339`, `canonical_rfc2822`), and only when the
//! text is exactly such a form, with values chrono takes as they are. A property test
//! compares both with the copied chain.

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use std::sync::OnceLock;

/// A date as feed-rs's default timestamp parser reads it, in Unix seconds.
pub(super) fn timestamp(text: &str) -> Option<i64> {
    let t = text.trim();
    if let Some(fast) = canonical_rfc3339(t).or_else(|| canonical_rfc2822(t)) {
        return Some(fast);
    }
    timestamp_lenient(text).map(|d| d.timestamp())
}

/// feed-rs's `parse_timestamp_lenient`.
pub(super) fn timestamp_lenient(original: &str) -> Option<DateTime<Utc>> {
    rfc3339_lenient(original)
        .or_else(|| rfc2822_lenient(original))
        .or_else(|| rfc1123_lenient(original))
}

struct PatSub(Regex, &'static str);

fn pats(cell: &'static OnceLock<Vec<PatSub>>, table: &[(&str, &'static str)]) -> &'static [PatSub] {
    cell.get_or_init(|| {
        table
            .iter()
            .filter_map(|(re, sub)| Some(PatSub(Regex::new(re).ok()?, sub)))
            .collect()
    })
}

fn repaired(original: &str, fixes: &[PatSub]) -> String {
    let mut cleaned = original.trim().to_string();
    for PatSub(regex, replacement) in fixes {
        cleaned = regex.replace(&cleaned, *replacement).to_string();
    }
    cleaned
}

fn rfc1123_lenient(original: &str) -> Option<DateTime<Utc>> {
    static FIXES: OnceLock<Vec<PatSub>> = OnceLock::new();
    let fixes = pats(&FIXES, &[(" Z$", " +0000"), ("^[[:alpha:]]{3}, ", "")]);
    DateTime::parse_from_str(&repaired(original, fixes), "%d %b %Y %H:%M:%S %z")
        .map(|t| t.with_timezone(&Utc))
        .ok()
}

fn rfc2822_lenient(original: &str) -> Option<DateTime<Utc>> {
    static FIXES: OnceLock<Vec<PatSub>> = OnceLock::new();
    let fixes = pats(
        &FIXES,
        &[
            ("(UTC|-0000$)", "+0000"),
            ("(Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]*, ", ""),
            (
                "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*",
                "$1",
            ),
            (
                "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{1,2}) (\\d{4})",
                "$2 $1 $3",
            ),
            (" 24:", " 00:"),
            (" ([0-9]):", " 0${1}:"),
        ],
    );
    DateTime::parse_from_rfc2822(&repaired(original, fixes))
        .map(|t| t.with_timezone(&Utc))
        .ok()
}

fn rfc3339_lenient(original: &str) -> Option<DateTime<Utc>> {
    static FIXES: OnceLock<Vec<PatSub>> = OnceLock::new();
    let fixes = pats(
        &FIXES,
        &[
            (r"(\+|-)(\d{2})(\d{2})", "${1}${2}:${3}"),
            (r"-\d{2}$", "${0}T00:00:00+00:00"),
        ],
    );
    DateTime::parse_from_rfc3339(repaired(original, fixes).trim())
        .map(|t| t.with_timezone(&Utc))
        .ok()
}

/// Digits at `at..at + n`, as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Seconds since the epoch of a date and time whose every field is in range.
fn seconds(y: u32, mo: u32, d: u32, h: u32, mi: u32, s: u32, offset_secs: i64) -> Option<i64> {
    if h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, mo, d)?;
    let local = date.and_hms_opt(h, mi, s)?.and_utc().timestamp();
    Some(local - offset_secs)
}

/// `±HH:MM` or `±HHMM` (with `colon`) as seconds east of UTC, hours below 24.
fn offset(b: &[u8], colon: bool) -> Option<i64> {
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = if colon {
        (b.len() == 6 && b[3] == b':').then_some(())?;
        (digits(b, 1, 2)?, digits(b, 4, 2)?)
    } else {
        (b.len() == 5).then_some(())?;
        (digits(b, 1, 2)?, digits(b, 3, 2)?)
    };
    (h < 24 && m < 60).then(|| sign * i64::from(h * 3600 + m * 60))
}

/// `2026-11-02T10:00:00Z`, `…+01:00`, with an optional fraction of up to nine digits.
fn canonical_rfc3339(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    let (h, mi, s) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset_secs = if rest == b"Z" { 0 } else { offset(rest, true)? };
    seconds(y, mo, d, h, mi, s, offset_secs)
}

const MONTHS: [&[u8; 3]; 12] = [
    // i18n: RFC 822 names, parsed
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];
// i18n: RFC 822 names, parsed
const DAYS: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];

/// `Mon, 02 Nov 2026 10:00:00 +0000` (or `GMT`). feed-rs drops the weekday unread.
fn canonical_rfc2822(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() < 29 || &b[3..5] != b", " || b[7] != b' ' || b[11] != b' ' || b[16] != b' ' {
        return None;
    }
    if b[19] != b':' || b[22] != b':' || b[25] != b' ' {
        return None;
    }
    if !DAYS.iter().any(|d| &b[..3] == *d) {
        return None;
    }
    let month = MONTHS.iter().position(|m| &b[8..11] == *m)?;
    let (d, y) = (digits(b, 5, 2)?, digits(b, 12, 4)?);
    let (h, mi, s) = (digits(b, 17, 2)?, digits(b, 20, 2)?, digits(b, 23, 2)?);
    let zone = &b[26..];
    let offset_secs = if zone == b"GMT" {
        0
    } else {
        offset(zone, false)?
    };
    let month = u32::try_from(month).ok()? + 1;
    seconds(y, month, d, h, mi, s, offset_secs)
}

/// feed-rs's `parse_person_name_email`: (name, email).
pub(super) fn person(raw: &str) -> (Option<String>, Option<String>) {
    // The pattern needs an `@`: without one the whole text is the name.
    if !raw.contains('@') {
        return (Some(raw.trim().to_string()), None);
    }
    static EMAIL: OnceLock<Option<Regex>> = OnceLock::new();
    let regex = EMAIL.get_or_init(|| {
        Regex::new(r"\b(<\[\()?(mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})(>]\))?\b")
            .ok()
    });
    let mut email = None;
    let mut name = None;
    if let Some(captures) = regex.as_ref().and_then(|r| r.captures(raw))
        && let Some(email_group) = captures.get(3)
    {
        email = Some(email_group.as_str().trim().to_string());
        if let Some(span) = captures.get(0) {
            let prefix_len = span.start();
            let suffix_len = raw.len() - span.end();
            let name_str = if prefix_len > suffix_len {
                raw.get(..span.start() - 1).unwrap_or("")
            } else if span.end() < raw.len() {
                raw.get(span.end() + 1..).unwrap_or("")
            } else {
                ""
            };
            let name_str = name_str.trim();
            if !name_str.is_empty() {
                name = Some(name_str.to_string());
            }
        }
    }
    if email.is_none() {
        name = Some(raw.trim().to_string());
    }
    (name, email)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canonical_forms_read_directly() {
        assert_eq!(
            canonical_rfc2822("Mon, 02 Nov 2026 10:00:00 +0000"),
            Some(1_793_613_600)
        );
        assert_eq!(
            canonical_rfc3339("2026-11-02T10:00:00Z"),
            Some(1_793_613_600)
        );
        assert_eq!(
            canonical_rfc3339("2026-11-02T11:00:00.25+01:00"),
            Some(1_793_613_600)
        );
        assert_eq!(canonical_rfc2822("Mon, 02 Nov 2026 24:00:00 +0000"), None);
        assert_eq!(canonical_rfc3339("2026-02-30T10:00:00Z"), None);
    }

    #[test]
    fn people_as_feed_rs_reads_them() {
        assert_eq!(person(" Jane Doe "), (Some("Jane Doe".into()), None));
        assert_eq!(
            person("jane@example.com (Jane Doe)"),
            (Some("(Jane Doe)".into()), Some("jane@example.com".into()))
        );
    }

    fn date_text() -> impl Strategy<Value = String> {
        let day = prop::sample::select(vec!["Mon", "Tue", "Sun", "Thurs", "Xyz", "mon"]);
        let month = prop::sample::select(vec!["Jan", "Feb", "Nov", "Dec", "June", "nov"]);
        let zone = prop::sample::select(vec![
            "+0000", "-0000", "+0130", "-0930", "+2400", "+0099", "GMT", "UTC", "Z", "EST", "",
        ]);
        let rfc2822 = (
            day,
            0u32..33,
            month,
            1890u32..2100,
            0u32..26,
            0u32..61,
            0u32..61,
            zone,
        )
            .prop_map(|(w, d, m, y, h, mi, s, z)| {
                format!("{w}, {d:02} {m} {y} {h:02}:{mi:02}:{s:02} {z}")
            });
        let zone3339 = prop::sample::select(vec![
            "Z", "+01:00", "-05:30", "+0100", "+24:00", "+00:60", "z", "", "-00:00",
        ]);
        let frac = prop::sample::select(vec!["", ".5", ".123456789", ".1234567890", "."]);
        let rfc3339 = (
            1890u32..2100,
            0u32..14,
            0u32..33,
            0u32..26,
            0u32..61,
            0u32..61,
            frac,
            zone3339,
        )
            .prop_map(|(y, mo, d, h, mi, s, f, z)| {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{f}{z}")
            });
        prop_oneof![
            rfc2822,
            rfc3339,
            ".{0,30}",
            (
                prop::sample::select(vec![" ", "\n", ""]),
                "[0-9A-Za-z:, +-]{0,32}"
            )
                .prop_map(|(pad, t)| format!("{pad}{t}{pad}")),
        ]
    }

    proptest! {
        #[test]
        fn shortcut_reads_dates_as_the_lenient_chain(text in date_text()) {
            prop_assert_eq!(timestamp(&text), timestamp_lenient(&text).map(|d| d.timestamp()));
        }
    }
}
