use super::*;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};

/// Every message of a catalog with the variables it uses (in its value, its variants and its
/// attributes).
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let source = catalog_source(lang).expect("catalog is embedded");
    let resource = match fluent_syntax::parser::parse(source.as_str()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{} catalog does not parse: {errors:?}", lang.code()),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars);
            }
            let dup = out.insert(m.id.name.to_string(), vars);
            assert!(dup.is_none(), "{}: {} twice", lang.code(), m.id.name);
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_catalog_has_every_message_with_the_same_arguments() {
    let english = messages(Lang::En);
    assert!(english.len() > 1);
    for lang in Lang::ALL {
        let other = messages(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{} has ids English lacks: {extra:?}",
            lang.code()
        );
        for (id, vars) in &english {
            // A translation may leave an argument out (a plural that spells out "one"), never
            // use one the code does not pass.
            let unknown: Vec<_> = other[id].difference(vars).collect();
            assert!(unknown.is_empty(), "{}: {id} uses {unknown:?}", lang.code());
        }
    }
}

#[test]
fn russian_plurals_follow_cldr() {
    with(Lang::Ru, || {
        let said: Vec<String> = [
            0u64, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1_000, 20_000,
        ]
        .iter()
        .map(|n| crate::t!("articles", count = *n))
        .collect();
        assert_eq!(
            said,
            [
                "0 статей",
                "1 статья",
                "2 статьи",
                "4 статьи",
                "5 статей",
                "11 статей",
                "12 статей",
                "21 статья",
                "22 статьи",
                "25 статей",
                "101 статья",
                "111 статей",
                "1\u{a0}000 статей",
                "20\u{a0}000 статей",
            ]
        );
    });
    with(Lang::En, || {
        assert_eq!(crate::t!("articles", count = 1u64), "1 article");
        assert_eq!(crate::t!("articles", count = 20_000u64), "20,000 articles");
    });
}

#[test]
fn arguments_are_not_wrapped_in_bidi_isolation_marks() {
    for lang in Lang::ALL {
        let s = with(lang, || crate::t!("feeds", count = 3u64));
        assert!(!s.contains(['\u{2068}', '\u{2069}']), "{s:?}");
    }
}

#[test]
fn the_language_comes_from_config_then_lc_all_lc_messages_lang() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(from_env(env(&[])), Lang::En);
    assert_eq!(from_env(env(&[("LANG", "ru_RU.UTF-8")])), Lang::Ru);
    assert_eq!(
        from_env(env(&[("LANG", "ru_RU.UTF-8"), ("LC_MESSAGES", "C")])),
        Lang::En
    );
    assert_eq!(
        from_env(env(&[("LC_ALL", "ru"), ("LC_MESSAGES", "en_GB.UTF-8")])),
        Lang::Ru
    );
    // An empty variable is unset, as in gettext.
    assert_eq!(
        from_env(env(&[("LC_ALL", ""), ("LANG", "ru_RU.KOI8-R")])),
        Lang::Ru
    );
    assert_eq!(from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_code("RU"), Some(Lang::Ru));
    assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
    assert_eq!(Lang::from_code("russian"), None);
}

#[test]
fn months_are_in_the_language() {
    use chrono::TimeZone;
    let d = chrono::Utc
        .with_ymd_and_hms(2025, 1, 29, 0, 38, 0)
        .single()
        .expect("a date");
    assert_eq!(
        with(Lang::En, || dates::format(&d, "%d %b %Y %H:%M")),
        "29 Jan 2025 00:38"
    );
    let ru = with(Lang::Ru, || dates::format(&d, "%d %b %Y %H:%M"));
    assert!(ru.starts_with("29 янв"), "{ru}");
    assert!(!dates::valid_pattern("%Q %d"));
    assert!(dates::valid_pattern("%d.%m.%Y"));
}

mod numbers_written {
    use super::super::numbers::written;
    use proptest::prelude::*;

    proptest! {
        /// The grouping is the one `text::thousands` (the plain loop English screens used)
        /// gives, in both separators.
        #[test]
        fn grouping_matches_the_plain_one(n in any::<u64>()) {
            let plain = crate::text::thousands(n);
            prop_assert_eq!(written(&n.to_string(), ',', '.'), plain.clone());
            prop_assert_eq!(written(&n.to_string(), '\u{a0}', ','), plain.replace(',', "\u{a0}"));
        }

        #[test]
        fn fractions_and_signs_keep_their_digits(int in 0u64..10_000_000, frac in 0u32..1000) {
            let s = format!("-{int}.{frac}");
            let ru = written(&s, '\u{a0}', ',');
            let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
            prop_assert_eq!(digits(&ru), digits(&s));
            prop_assert!(ru.starts_with('-'));
            let frac_part = format!(",{frac}");
            prop_assert!(ru.ends_with(&frac_part));
        }
    }
}
