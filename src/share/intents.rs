//! Share-intent URLs of social services, and `mailto:` links.

use super::ShareError;
use crate::t;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded (space as `%20`, never `+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    X,
    Facebook,
    Telegram,
    Vk,
    Ok,
    WhatsApp,
    Reddit,
    LinkedIn,
    HackerNews,
    Mastodon,
}

impl Service {
    pub const ALL: [Service; 10] = [
        Service::X,
        Service::Facebook,
        Service::Telegram,
        Service::Vk,
        Service::Ok,
        Service::WhatsApp,
        Service::Reddit,
        Service::LinkedIn,
        Service::HackerNews,
        Service::Mastodon,
    ];

    /// The name shown in the menu and in messages.
    pub fn label(self) -> String {
        match self {
            // Brand names; VK and OK have the names their Russian users know them by.
            Service::Vk => t!("share-service-vk"),
            Service::Ok => t!("share-service-ok"),
            other => other.brand().to_string(),
        }
    }

    fn brand(self) -> &'static str {
        // i18n: brand names
        match self {
            Service::X => "X",
            Service::Facebook => "Facebook", // i18n: brand
            Service::Telegram => "Telegram", // i18n: brand
            Service::Vk => "VK",
            Service::Ok => "OK",
            Service::WhatsApp => "WhatsApp",
            Service::Reddit => "Reddit", // i18n: brand
            Service::LinkedIn => "LinkedIn",
            Service::HackerNews => "Hacker News", // i18n: brand
            Service::Mastodon => "Mastodon",      // i18n: brand
        }
    }
}

/// Percent-encodes one query value (RFC 3986: only `A-Za-z0-9-._~` stay as they are).
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Checks that `url` is an absolute http(s) URL with a host, as only those are shared.
pub fn check_link(url: &str) -> Result<url::Url, ShareError> {
    let parsed = url::Url::parse(url.trim()).map_err(ShareError::InvalidLink)?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(parsed),
        _ => Err(ShareError::NotHttpLink),
    }
}

/// The URL that opens `service`'s share dialog for `url` with `title`.
pub fn intent_url(
    service: Service,
    url: &str,
    title: &str,
    mastodon_instance: Option<&str>,
) -> Result<String, ShareError> {
    let link = check_link(url)?;
    let u = encode(link.as_str());
    let t = encode(title);
    let both = encode(&format!("{title} {}", link.as_str()));
    Ok(match service {
        Service::X => format!("https://x.com/intent/post?text={t}&url={u}"),
        Service::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        Service::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
        Service::Vk => format!("https://vk.com/share.php?url={u}&title={t}"),
        Service::Ok => format!("https://connect.ok.ru/offer?url={u}&title={t}"),
        Service::WhatsApp => format!("https://wa.me/?text={both}"),
        Service::Reddit => format!("https://www.reddit.com/submit?url={u}&title={t}"),
        Service::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        Service::HackerNews => format!("https://news.ycombinator.com/submitlink?u={u}&t={t}"),
        Service::Mastodon => {
            let host = mastodon_host(mastodon_instance)?;
            format!("https://{host}/share?text={both}")
        }
    })
}

/// The configured instance as a bare host name (`https://` and a trailing `/` forgiven).
fn mastodon_host(instance: Option<&str>) -> Result<String, ShareError> {
    let raw = instance.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(ShareError::NoMastodonInstance);
    }
    let host = raw
        .strip_prefix("https://")
        .unwrap_or(raw)
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if host.len() <= 253 && host.contains('.') && host.split('.').all(label_ok) {
        Ok(host)
    } else {
        Err(ShareError::BadMastodonInstance(crate::sanitize::line(raw)))
    }
}

/// Characters of the lead kept in a mail body; mail clients choke on huge `mailto:` links.
const LEAD_CHARS: usize = 500;

/// `mailto:?subject=<title>&body=<url>\r\n\r\n<lead>` (RFC 6068: values percent-encoded,
/// line breaks as `%0D%0A`). The lead is plain text, cut at a word near 500 characters.
pub fn mailto(title: &str, url: &str, lead: &str) -> String {
    let lead = cut_lead(lead, LEAD_CHARS);
    let mut body = url.to_string();
    if !lead.is_empty() {
        body.push_str("\r\n\r\n");
        body.push_str(&lead);
    }
    format!("mailto:?subject={}&body={}", encode(title), encode(&body))
}

/// The lead with CRLF line ends, at most `max` characters (an ellipsis marks a cut).
fn cut_lead(lead: &str, max: usize) -> String {
    let normalized: Vec<&str> = lead.lines().map(str::trim_end).collect();
    let text = normalized.join("\r\n");
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut[..i].trim_end().to_string(),
        _ => cut,
    };
    format!("{cut}…")
}
