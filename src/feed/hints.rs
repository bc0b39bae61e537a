//! What a response says about when to come back: `Retry-After` on a refusal, and the cache
//! lifetime (`Cache-Control: max-age`, `Expires`) of a document. Header values are
//! server-controlled text: anything unparsable is ignored, never an error.

use chrono::{DateTime, NaiveDateTime};

/// When the server asks to be asked again, relative to the response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServerHints {
    /// From `Retry-After` (429, 503, …): do not poll again sooner.
    pub retry_after_secs: Option<u64>,
    /// From `Cache-Control: max-age` or `Expires` on a 200 or 304: how long the document
    /// stays fresh.
    pub fresh_for_secs: Option<u64>,
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as seconds from `now`.
/// A date in the past means "now" (0).
pub fn retry_after(value: &str, now: i64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long numbers saturate; the backoff policy caps the wait anyway.
        return Some(value.parse::<u64>().unwrap_or(u64::MAX));
    }
    let at = http_date(value)?;
    Some(u64::try_from(at.saturating_sub(now)).unwrap_or(0))
}

/// The remaining freshness of a response: `max-age` minus `Age` when Cache-Control has
/// one, else `Expires` minus `Date` (or `now`). `no-cache`/`no-store` mean none.
pub fn fresh_for(
    cache_control: Option<&str>,
    expires: Option<&str>,
    date: Option<&str>,
    age: Option<&str>,
    now: i64,
) -> Option<u64> {
    if let Some(cc) = cache_control {
        let mut max_age = None;
        for directive in cc.split(',') {
            let directive = directive.trim().to_ascii_lowercase();
            if directive == "no-cache" || directive == "no-store" {
                return None;
            }
            if let Some(v) = directive.strip_prefix("max-age=") {
                max_age = v.trim_matches('"').parse::<u64>().ok();
            }
        }
        if let Some(max_age) = max_age {
            let age = age.and_then(|a| a.trim().parse::<u64>().ok()).unwrap_or(0);
            return Some(max_age.saturating_sub(age));
        }
    }
    let expires = http_date(expires?.trim())?;
    let base = date.and_then(|d| http_date(d.trim())).unwrap_or(now);
    u64::try_from(expires.saturating_sub(base)).ok()
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and other RFC 2822 forms, as unix seconds.
/// The three date forms HTTP recipients must accept (RFC 9110 §5.6.7): IMF-fixdate, and the
/// obsolete RFC 850 and asctime forms some servers still send.
fn http_date(value: &str) -> Option<i64> {
    let value = value.trim();
    if let Ok(d) = DateTime::parse_from_rfc2822(value) {
        return Some(d.timestamp());
    }
    // RFC 850 has two-digit years: 70–99 are 19xx (chrono's %y agrees).
    let rfc850 = value
        .strip_suffix(" GMT")
        .and_then(|v| NaiveDateTime::parse_from_str(v, "%A, %d-%b-%y %H:%M:%S").ok());
    let asctime = || NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y").ok();
    rfc850.or_else(asctime).map(|d| d.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wed, 21 Oct 2015 07:28:00 GMT
    const NOW: i64 = 1_445_412_480;

    #[test]
    fn retry_after_in_both_forms() {
        assert_eq!(retry_after("120", NOW), Some(120));
        assert_eq!(retry_after(" 0 ", NOW), Some(0));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 08:28:00 GMT", NOW),
            Some(3600)
        );
        assert_eq!(retry_after("Wed, 21 Oct 2015 06:28:00 GMT", NOW), Some(0));
        // The obsolete forms: RFC 850 and asctime.
        assert_eq!(
            retry_after("Wednesday, 21-Oct-15 08:28:00 GMT", NOW),
            Some(3600)
        );
        assert_eq!(retry_after("Wed Oct 21 08:28:00 2015", NOW), Some(3600));
        assert_eq!(retry_after("Wed Oct  7 08:28:00 2015", NOW), Some(0));
        assert_eq!(retry_after("Wednesday, 21-Oct-15 08:28:00", NOW), None);
        assert_eq!(retry_after("99999999999999999999999", NOW), Some(u64::MAX));
        assert_eq!(retry_after("soon", NOW), None);
        assert_eq!(retry_after("-5", NOW), None);
        assert_eq!(retry_after("", NOW), None);
    }

    #[test]
    fn freshness_from_cache_control_expires_and_age() {
        assert_eq!(
            fresh_for(Some("public, max-age=3600"), None, None, None, NOW),
            Some(3600)
        );
        assert_eq!(
            fresh_for(Some("max-age=3600"), None, None, Some("600"), NOW),
            Some(3000)
        );
        assert_eq!(
            fresh_for(Some("no-cache, max-age=3600"), None, None, None, NOW),
            None
        );
        assert_eq!(fresh_for(Some("max-age=x"), None, None, None, NOW), None);
        // max-age wins over Expires.
        assert_eq!(
            fresh_for(
                Some("max-age=60"),
                Some("Wed, 21 Oct 2015 09:28:00 GMT"),
                None,
                None,
                NOW
            ),
            Some(60)
        );
        assert_eq!(
            fresh_for(None, Some("Wed, 21 Oct 2015 09:28:00 GMT"), None, None, NOW),
            Some(7200)
        );
        // Measured against the server's own Date, so a skewed clock does not matter.
        assert_eq!(
            fresh_for(
                None,
                Some("Wed, 21 Oct 2015 09:28:00 GMT"),
                Some("Wed, 21 Oct 2015 08:28:00 GMT"),
                None,
                NOW
            ),
            Some(3600)
        );
        assert_eq!(fresh_for(None, Some("0"), None, None, NOW), None);
        assert_eq!(
            fresh_for(None, Some("Wed, 21 Oct 2015 06:28:00 GMT"), None, None, NOW),
            None
        );
    }
}
