//! Property tests over the fuzz targets (fuzz/targets.rs): feed parsing and sanitizing, HTML
//! rendering, OPML import, the filter parser and feed autodiscovery. Inputs are built from
//! each target's dictionary of risky tokens mixed with arbitrary text, so a small number of
//! cases reaches deep; `PROPTEST_CASES=5000 cargo test --test feed fuzz_props::` runs longer.

use crate::targets;

use proptest::prelude::*;

/// Arbitrary text including controls, C1, bidi and invisibles.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\u{1b}', '\u{7}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{202e}', '\u{2066}',
                '\u{200b}', '\u{feff}', '\u{0}', '\n', '<', '>', '&', '"', ';', '#',
            ]),
        ],
        0..40,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// A document made of a target's tokens and nasty text, in any order.
fn document(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let tokens: Vec<&'static str> = targets::dictionary(target).to_vec();
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(tokens).prop_map(str::to_string),
            1 => nasty_text(),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat().into_bytes())
}

/// A seed of the target with a piece replaced by generated text.
fn mutated_seed(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = targets::seeds(target);
    (
        prop::sample::select(seeds),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        document(target),
    )
        .prop_map(|(seed, a, b, insert)| {
            let (a, b) = (a.index(seed.len() + 1), b.index(seed.len() + 1));
            let (a, b) = (a.min(b), a.max(b).min(a.min(b) + 64));
            let mut out = seed[..a].to_vec();
            out.extend(insert);
            out.extend_from_slice(&seed[b..]);
            out
        })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn feed_parsing_is_clean_or_a_clear_error(data in prop_oneof![mutated_seed("parse"), document("parse")]) {
        targets::run("parse", &data);
    }

    #[test]
    fn feed_parsing_survives_any_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        targets::run("parse", &data);
    }

    #[test]
    fn html_rendering_is_clean(data in prop_oneof![mutated_seed("render"), document("render")]) {
        targets::run("render", &data);
    }

    #[test]
    fn opml_import_keeps_only_feed_urls(data in prop_oneof![mutated_seed("opml"), document("opml")]) {
        targets::run("opml", &data);
    }

    #[test]
    fn the_filter_parser_survives_hostile_queries(data in prop_oneof![mutated_seed("filter"), document("filter")]) {
        targets::run("filter", &data);
    }

    #[test]
    fn discovery_offers_only_clean_http_feeds(data in prop_oneof![mutated_seed("discover"), document("discover")]) {
        targets::run("discover", &data);
    }

    #[test]
    fn sanitized_lines_hold_no_control_or_bidi(s in nasty_text()) {
        let line = tidings::sanitize::line(&s);
        prop_assert!(!line.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)), "{line:?}");
        let text = tidings::sanitize::text(&s);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    }
}
