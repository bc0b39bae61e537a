//! Dates as the user reads them, in a time zone fixed at startup (so screens are testable).

use crate::i18n::dates;
use chrono::{DateTime, Datelike, FixedOffset, Local, Offset, Utc};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// The system's zone (honours TZ), with its daylight-saving rules.
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(Utc.fix())
    }

    fn at(self, ts: i64) -> Option<DateTime<FixedOffset>> {
        let utc = DateTime::<Utc>::from_timestamp(ts, 0)?;
        Some(match self {
            Zone::Local => utc.with_timezone(&Local).fixed_offset(),
            Zone::Fixed(off) => utc.with_timezone(&off),
        })
    }

    /// `29 Jan 2025 00:38` (`29 янв 2025 00:38`), or `date_format` from the config.
    pub fn full(self, ts: i64) -> String {
        match self.at(ts) {
            Some(d) => dates::format(&d, &style().full),
            None => crate::t!("date-unknown"),
        }
    }

    /// `29 Jan 2025`: a day, for lists that are read later (`tidings export`-like output).
    pub fn day(self, ts: i64) -> String {
        self.at(ts)
            .map(|d| dates::format(&d, "%-d %b %Y"))
            .unwrap_or_default()
    }

    /// For lists: `29 Jan 00:38` this year, `29 Jan 2024` before; 12 columns at most.
    /// With relative dates: `5 min`, `3 h`, `yesterday`, a weekday this week.
    pub fn short(self, ts: i64, now: i64) -> String {
        let (Some(d), Some(n)) = (self.at(ts), self.at(now)) else {
            return String::new();
        };
        if style().relative
            && let Some(r) = relative(&d, &n, false)
        {
            return r;
        }
        if d.year() == n.year() {
            dates::format(&d, "%d %b %H:%M")
        } else {
            dates::format(&d, "%d %b %Y")
        }
    }

    /// For narrow lists: `00:38` today, `29 Jan` this year, `2024` before; 6 columns at most.
    /// With relative dates: `5m`, `3h`, `2d` in the last week.
    pub fn compact(self, ts: i64, now: i64) -> String {
        let (Some(d), Some(n)) = (self.at(ts), self.at(now)) else {
            return String::new();
        };
        if style().relative
            && let Some(r) = relative(&d, &n, true)
        {
            return r;
        }
        if d.date_naive() == n.date_naive() {
            dates::format(&d, "%H:%M")
        } else if d.year() == n.year() {
            dates::format(&d, "%d %b")
        } else {
            dates::format(&d, "%Y")
        }
    }
}

/// How dates are written, set once at startup from the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateStyle {
    /// strftime for full dates (article header, feed status); checked by the config.
    pub full: String,
    /// `5 min`, `yesterday` in lists instead of dates, for the last week.
    pub relative: bool,
}

impl Default for DateStyle {
    fn default() -> Self {
        DateStyle {
            full: "%d %b %Y %H:%M".into(),
            relative: false,
        }
    }
}

static STYLE: OnceLock<DateStyle> = OnceLock::new();

/// Sets the date style for the process (once, at startup; later calls are ignored).
pub fn set_style(style: DateStyle) {
    let _ = STYLE.set(style);
}

fn style() -> &'static DateStyle {
    static DEFAULT: OnceLock<DateStyle> = OnceLock::new();
    STYLE
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(DateStyle::default))
}

/// `d` relative to `now` when it is in the last week (and not in the future); None for older.
pub fn relative(
    d: &DateTime<FixedOffset>,
    now: &DateTime<FixedOffset>,
    narrow: bool,
) -> Option<String> {
    let secs = now.signed_duration_since(d).num_seconds();
    if !(0..7 * 86_400).contains(&secs) {
        return None;
    }
    let minutes = (secs / 60) as u64;
    let hours = (secs / 3_600) as u64;
    let days_back = (now.date_naive() - d.date_naive()).num_days();
    Some(match (narrow, secs) {
        (false, 0..60) => crate::t!("date-just-now"),
        (true, 0..60) => crate::t!("date-just-now-narrow"),
        (false, ..3_600) => crate::t!("date-minutes-ago", count = minutes),
        (true, ..3_600) => crate::t!("date-minutes-narrow", count = minutes),
        (false, _) if days_back == 0 => crate::t!("date-hours-ago", count = hours),
        (true, ..86_400) => crate::t!("date-hours-narrow", count = hours),
        (false, _) if days_back == 1 => crate::t!("date-yesterday"),
        (false, _) => dates::format(d, "%A"),
        (true, _) => crate::t!("date-days-narrow", count = days_back.max(1) as u64),
    })
}

/// An age as users write it on the command line: `30d`, `2w`, `12h`, `90m`, or a plain number
/// of days. None for anything else (and for absurd values).
pub fn parse_age(text: &str) -> Option<i64> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().last()? {
        (i, c) if c.is_ascii_alphabetic() => (&t[..i], c.to_ascii_lowercase()),
        _ => (t, 'd'),
    };
    let n: i64 = digits.parse().ok().filter(|n| *n >= 0)?;
    let unit = match unit {
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    n.checked_mul(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_given_zone() {
        let z = Zone::Fixed(FixedOffset::east_opt(3 * 3600).expect("valid"));
        // 2025-01-28T21:38:00Z is 00:38 on the 29th at UTC+3.
        assert_eq!(z.full(1738100280), "29 Jan 2025 00:38");
        assert_eq!(z.short(1738100280, 1738100280 + 86400), "29 Jan 00:38");
        assert_eq!(z.short(1738100280, 1738100280 + 400 * 86400), "29 Jan 2025");
        assert_eq!(z.compact(1738100280, 1738100280 + 60), "00:38");
        assert_eq!(z.compact(1738100280, 1738100280 + 86400), "29 Jan");
        assert_eq!(z.compact(1738100280, 1738100280 + 400 * 86400), "2025");
    }

    #[test]
    fn lists_and_article_dates_speak_russian() {
        use crate::i18n::{Lang, with};
        let z = Zone::Fixed(FixedOffset::east_opt(3 * 3600).expect("valid"));
        with(Lang::Ru, || {
            assert_eq!(z.full(1738100280), "29 янв 2025 00:38");
            assert_eq!(z.short(1738100280, 1738100280 + 86400), "29 янв 00:38");
            assert_eq!(z.compact(1738100280, 1738100280 + 86400), "29 янв");
        });
    }

    #[test]
    fn relative_dates_cover_the_last_week_only() {
        use crate::i18n::{Lang, with};
        let z = FixedOffset::east_opt(0).expect("valid");
        let now = DateTime::<Utc>::from_timestamp(1738100280 + 20 * 3600, 0)
            .expect("valid")
            .with_timezone(&z);
        let ago = |secs: i64| now - chrono::Duration::seconds(secs);
        let rel = |secs: i64, narrow: bool| relative(&ago(secs), &now, narrow);
        with(Lang::En, || {
            assert_eq!(rel(30, false).as_deref(), Some("just now"));
            assert_eq!(rel(5 * 60, false).as_deref(), Some("5 min ago"));
            assert_eq!(rel(3 * 3600, false).as_deref(), Some("3 hours ago"));
            assert_eq!(rel(3 * 3600, true).as_deref(), Some("3h"));
            assert_eq!(rel(30 * 3600, false).as_deref(), Some("yesterday"));
            assert_eq!(rel(3 * 86_400, true).as_deref(), Some("3d"));
            assert_eq!(rel(8 * 86_400, false), None);
            assert_eq!(rel(-60, false), None);
        });
        let fits = || {
            for secs in (0..7 * 86_400).step_by(1_357).chain([0, 59, 3_599, 86_399]) {
                for narrow in [false, true] {
                    if let Some(r) = rel(secs, narrow) {
                        let w = unicode_width::UnicodeWidthStr::width(r.as_str());
                        assert!(w <= if narrow { 6 } else { 12 }, "{r:?}");
                    }
                }
            }
        };
        with(Lang::En, fits);
        with(Lang::Ru, fits);
        with(Lang::Ru, || {
            assert_eq!(rel(3 * 3600, false).as_deref(), Some("3 ч назад"));
            assert_eq!(rel(30 * 3600, false).as_deref(), Some("вчера"));
        });
    }
}
