//! Share-intent and mailto URLs: exact strings, and round trips of hostile titles.

use tidings::share::{Service, intent_url, mailto};

const TITLES: &[&str] = &[
    "Путин и Зеленский: что дальше?",
    "日本語のニュース 速報",
    "Tom & Jerry #1 + 2 = 100% \"quoted\" 'single'",
    "line one\nline two\ttab",
    "a=b&c=d?e#f/g;h,i:j@k$l!m*n(o)p[q]r{s}t|u\\v^w`x<y>z",
    "emoji 🎉 and spaces   ",
];

const LINK: &str = "https://example.com/news/a?id=1&lang=ru#top";

fn pairs(url: &str) -> Vec<(String, String)> {
    url::Url::parse(url)
        .expect("intent is a URL")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn get(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no {key} in {pairs:?}"))
}

/// Only unreserved characters and %XX may appear in a query value.
fn assert_strictly_encoded(url: &str) {
    let query = url.split_once('?').expect("has a query").1;
    for part in query.split('&') {
        let (_, value) = part.split_once('=').expect("key=value");
        let bytes = value.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'%' {
                assert!(
                    bytes.len() > i + 2
                        && bytes[i + 1].is_ascii_hexdigit()
                        && bytes[i + 2].is_ascii_hexdigit(),
                    "bad escape in {url}"
                );
                i += 3;
                continue;
            }
            assert!(
                b.is_ascii_alphanumeric() || b"-._~".contains(&b),
                "unencoded {:?} in {url}",
                b as char
            );
            i += 1;
        }
    }
}

#[test]
fn every_service_round_trips_every_title() {
    for title in TITLES {
        for service in Service::ALL {
            let intent = intent_url(service, LINK, title, Some("mastodon.social")).unwrap();
            assert_strictly_encoded(&intent);
            let p = pairs(&intent);
            let both = format!("{title} {LINK}");
            match service {
                Service::X => {
                    assert_eq!(get(&p, "text"), *title);
                    assert_eq!(get(&p, "url"), LINK);
                }
                Service::Facebook => assert_eq!(get(&p, "u"), LINK),
                Service::Telegram => {
                    assert_eq!(get(&p, "url"), LINK);
                    assert_eq!(get(&p, "text"), *title);
                }
                Service::Vk | Service::Ok | Service::Reddit => {
                    assert_eq!(get(&p, "url"), LINK);
                    assert_eq!(get(&p, "title"), *title);
                }
                Service::WhatsApp | Service::Mastodon => assert_eq!(get(&p, "text"), both),
                Service::LinkedIn => assert_eq!(get(&p, "url"), LINK),
                Service::HackerNews => {
                    assert_eq!(get(&p, "u"), LINK);
                    assert_eq!(get(&p, "t"), *title);
                }
            }
        }
    }
}

#[test]
fn exact_intent_strings() {
    let t = "Tom & Jerry: 100% #1";
    let u = "https://example.com/a_b?x=1&y=~2";
    let eu = "https%3A%2F%2Fexample.com%2Fa_b%3Fx%3D1%26y%3D~2";
    let et = "Tom%20%26%20Jerry%3A%20100%25%20%231";
    let cases = [
        (
            Service::X,
            format!("https://x.com/intent/post?text={et}&url={eu}"),
        ),
        (
            Service::Facebook,
            format!("https://www.facebook.com/sharer/sharer.php?u={eu}"),
        ),
        (
            Service::Telegram,
            format!("https://t.me/share/url?url={eu}&text={et}"),
        ),
        (
            Service::Vk,
            format!("https://vk.com/share.php?url={eu}&title={et}"),
        ),
        (
            Service::Ok,
            format!("https://connect.ok.ru/offer?url={eu}&title={et}"),
        ),
        (
            Service::WhatsApp,
            format!("https://wa.me/?text={et}%20{eu}"),
        ),
        (
            Service::Reddit,
            format!("https://www.reddit.com/submit?url={eu}&title={et}"),
        ),
        (
            Service::LinkedIn,
            format!("https://www.linkedin.com/sharing/share-offsite/?url={eu}"),
        ),
        (
            Service::HackerNews,
            format!("https://news.ycombinator.com/submitlink?u={eu}&t={et}"),
        ),
        (
            Service::Mastodon,
            format!("https://fosstodon.org/share?text={et}%20{eu}"),
        ),
    ];
    for (service, expected) in cases {
        assert_eq!(
            intent_url(service, u, t, Some("fosstodon.org")).unwrap(),
            expected,
            "{service:?}"
        );
    }
}

#[test]
fn cyrillic_and_cjk_are_utf8_percent_encoded() {
    assert_eq!(
        intent_url(Service::Telegram, "https://e.com/", "Привет 世界", None).unwrap(),
        "https://t.me/share/url?url=https%3A%2F%2Fe.com%2F&text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%E4%B8%96%E7%95%8C"
    );
}

#[test]
fn only_http_links_are_shared() {
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://e.com/x",
        "not a url",
        "",
    ] {
        assert!(intent_url(Service::X, bad, "t", None).is_err(), "{bad}");
    }
}

#[test]
fn mastodon_needs_a_host_name() {
    let err = intent_url(Service::Mastodon, LINK, "t", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("general.mastodon_instance"), "{err}");
    let err = intent_url(Service::Mastodon, LINK, "t", Some("  "))
        .unwrap_err()
        .to_string();
    assert!(err.contains("general.mastodon_instance"), "{err}");
    for bad in [
        "evil.com/phish?x=",
        "user@evil.com",
        "evil.com:8080",
        "localhost",
        "-bad.com",
        "a..b",
        "ma stodon.social",
    ] {
        assert!(
            intent_url(Service::Mastodon, LINK, "t", Some(bad)).is_err(),
            "{bad} accepted"
        );
    }
    let ok = intent_url(
        Service::Mastodon,
        LINK,
        "t",
        Some("https://Mastodon.Social/"),
    )
    .unwrap();
    assert!(
        ok.starts_with("https://mastodon.social/share?text="),
        "{ok}"
    );
}

#[test]
fn mailto_exact_and_round_trip() {
    assert_eq!(
        mailto("Tom & Jerry", "https://e.com/a?b=1", "Lead text."),
        "mailto:?subject=Tom%20%26%20Jerry&body=https%3A%2F%2Fe.com%2Fa%3Fb%3D1%0D%0A%0D%0ALead%20text."
    );
    for title in TITLES {
        let lead = "First line.\nSecond & last #line.";
        let m = mailto(title, LINK, lead);
        let p = pairs(&m);
        assert_eq!(get(&p, "subject"), *title);
        assert_eq!(
            get(&p, "body"),
            format!("{LINK}\r\n\r\nFirst line.\r\nSecond & last #line.")
        );
    }
}

#[test]
fn mailto_cuts_a_long_lead() {
    let lead = "word ".repeat(400);
    let m = mailto("t", LINK, &lead);
    let body = get(&pairs(&m), "body");
    let lead_part = body.split_once("\r\n\r\n").unwrap().1;
    assert!(lead_part.chars().count() <= 501, "{}", lead_part.len());
    assert!(lead_part.ends_with("word…"), "{lead_part}");
    // Without a lead, the body is the link alone.
    assert_eq!(get(&pairs(&mailto("t", LINK, "  ")), "body"), LINK);
}
