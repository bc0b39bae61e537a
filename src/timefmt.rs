//! Dates as the user reads them, in a time zone fixed at startup (so screens are testable).

use chrono::{DateTime, Datelike, FixedOffset, Local, Offset, Utc};

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

    /// `29 Jan 2025 00:38`
    pub fn full(self, ts: i64) -> String {
        self.at(ts)
            .map(|d| d.format("%d %b %Y %H:%M").to_string())
            .unwrap_or_else(|| "unknown date".into())
    }

    /// For lists: `29 Jan 00:38` this year, `29 Jan 2024` before; 12 columns at most.
    pub fn short(self, ts: i64, now: i64) -> String {
        let (Some(d), Some(n)) = (self.at(ts), self.at(now)) else {
            return String::new();
        };
        if d.year() == n.year() {
            d.format("%d %b %H:%M").to_string()
        } else {
            d.format("%d %b %Y").to_string()
        }
    }

    /// For narrow lists: `00:38` today, `29 Jan` this year, `2024` before; 6 columns at most.
    pub fn compact(self, ts: i64, now: i64) -> String {
        let (Some(d), Some(n)) = (self.at(ts), self.at(now)) else {
            return String::new();
        };
        if d.date_naive() == n.date_naive() {
            d.format("%H:%M").to_string()
        } else if d.year() == n.year() {
            d.format("%d %b").to_string()
        } else {
            d.format("%Y").to_string()
        }
    }
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
}
