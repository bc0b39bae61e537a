//! The filter grammar: each term and operator, precedence, normalized display, and every error
//! with the exact characters it points at.

use proptest::prelude::*;
use tidings::filter::{AgeCmp, AgeUnit, Expr, Filter, FilterError};

/// A fully parenthesized rendering of the tree, so precedence is visible in assertions.
fn shape(e: &Expr) -> String {
    let list = |op: &str, items: &[Expr]| {
        let inner: Vec<String> = items.iter().map(shape).collect();
        format!("({op} {})", inner.join(" "))
    };
    match e {
        Expr::Unread => "unread".into(),
        Expr::Read => "read".into(),
        Expr::Bookmarked => "bookmarked".into(),
        Expr::HasEnclosure => "has:enclosure".into(),
        Expr::Text(n) => format!("'{}'", n.folded()),
        Expr::Feed(n) => format!("feed='{}'", n.folded()),
        Expr::Tag(n) => format!("tag='{}'", n.folded()),
        Expr::Category(n) => format!("category='{}'", n.folded()),
        Expr::Author(n) => format!("author='{}'", n.folded()),
        Expr::Title(n) => format!("title='{}'", n.folded()),
        Expr::Age(a) => format!("age{:?}{}{:?}", a.cmp, a.amount, a.unit),
        Expr::After(d) => format!("after={}@{}", d.date, d.start),
        Expr::Before(d) => format!("before={}@{}", d.date, d.start),
        Expr::Not(inner) => format!("(not {})", shape(inner)),
        Expr::And(items) => list("and", items),
        Expr::Or(items) => list("or", items),
    }
}

fn tree(input: &str) -> String {
    match Filter::parse(input) {
        Ok(f) => f.expr().map_or_else(|| "EMPTY".to_string(), shape),
        Err(e) => panic!("{input:?} should parse, got {e:?}"),
    }
}

fn error(input: &str) -> FilterError {
    match Filter::parse(input) {
        Ok(f) => panic!("{input:?} should fail, parsed as {f:?}"),
        Err(e) => e,
    }
}

fn assert_error(input: &str, pos: usize, len: usize, message: &str) {
    let e = error(input);
    assert_eq!(
        (e.pos, e.len, e.message.as_str()),
        (pos, len, message),
        "error for {input:?}"
    );
}

#[test]
fn empty_and_blank_queries_are_the_empty_filter() {
    for q in ["", "   ", "\t\n"] {
        let f = Filter::parse(q).unwrap();
        assert!(f.is_empty());
        assert_eq!(f.to_string(), "");
        assert_eq!(f, Filter::default());
    }
    assert!(!Filter::parse("a").unwrap().is_empty());
}

#[test]
fn flags_and_fields_parse_to_their_terms() {
    assert_eq!(tree("unread"), "unread");
    assert_eq!(tree("read"), "read");
    assert_eq!(tree("bookmarked"), "bookmarked");
    assert_eq!(tree("has:enclosure"), "has:enclosure");
    assert_eq!(tree("feed:Example.COM"), "feed='example.com'");
    assert_eq!(tree("tag:Tech"), "tag='tech'");
    assert_eq!(tree("category:World"), "category='world'");
    assert_eq!(tree("author:Smith"), "author='smith'");
    assert_eq!(tree("title:Budget"), "title='budget'");
    assert_eq!(tree("title:\"two  words\""), "title='two words'");
    assert_eq!(
        tree("feed:https://a.example/rss?x=1"),
        "feed='https://a.example/rss?x=1'"
    );
    assert_eq!(tree("climate"), "'climate'");
    assert_eq!(tree("\"Climate   Talks\""), "'climate talks'");
}

#[test]
fn keywords_and_field_names_are_case_insensitive() {
    assert_eq!(tree("a OR b"), "(or 'a' 'b')");
    assert_eq!(tree("a AnD b"), "(and 'a' 'b')");
    assert_eq!(tree("Not a"), "(not 'a')");
    assert_eq!(tree("UNREAD"), "unread");
    assert_eq!(tree("Feed:x"), "feed='x'");
    assert_eq!(tree("HAS:Enclosure"), "has:enclosure");
    assert_eq!(tree("AGE:<3D"), "ageYounger3Days");
}

#[test]
fn keywords_inside_quotes_are_words() {
    assert_eq!(tree("\"or\""), "'or'");
    assert_eq!(tree("\"not\" \"unread\""), "(and 'not' 'unread')");
    assert_eq!(tree("\"a or b\""), "'a or b'");
    assert_eq!(tree("title:\"not read\""), "title='not read'");
    // right after '-', a keyword is the word it spells
    assert_eq!(tree("-or"), "(not 'or')");
}

#[test]
fn age_units_and_directions() {
    let age = |q: &str| match Filter::parse(q).unwrap().expr() {
        Some(Expr::Age(a)) => (a.cmp, a.amount, a.unit, a.seconds()),
        other => panic!("{q}: {other:?}"),
    };
    assert_eq!(
        age("age:<3d"),
        (AgeCmp::Younger, 3, AgeUnit::Days, 3 * 86_400)
    );
    assert_eq!(
        age("age:>2w"),
        (AgeCmp::Older, 2, AgeUnit::Weeks, 14 * 86_400)
    );
    assert_eq!(
        age("age:<90m"),
        (AgeCmp::Younger, 90, AgeUnit::Minutes, 5_400)
    );
    assert_eq!(age("age:>12h"), (AgeCmp::Older, 12, AgeUnit::Hours, 43_200));
}

#[test]
fn dates_are_utc_midnights() {
    assert_eq!(tree("after:2025-01-01"), "after=2025-01-01@1735689600");
    assert_eq!(tree("before:2024-02-29"), "before=2024-02-29@1709164800");
}

#[test]
fn implicit_and_explicit_and_are_the_same() {
    assert_eq!(tree("a b c"), "(and 'a' 'b' 'c')");
    assert_eq!(tree("a and b and c"), tree("a b c"));
    assert_eq!(
        Filter::parse("a and b").unwrap(),
        Filter::parse("a b").unwrap()
    );
}

#[test]
fn or_binds_loosest() {
    assert_eq!(tree("a b or c"), "(or (and 'a' 'b') 'c')");
    assert_eq!(tree("a or b c"), "(or 'a' (and 'b' 'c'))");
    assert_eq!(tree("a or b or c"), "(or 'a' 'b' 'c')");
    assert_eq!(
        tree("a and b or c and d"),
        "(or (and 'a' 'b') (and 'c' 'd'))"
    );
}

#[test]
fn not_binds_tighter_than_and_and_or() {
    assert_eq!(tree("not a or b"), "(or (not 'a') 'b')");
    assert_eq!(tree("not a b"), "(and (not 'a') 'b')");
    assert_eq!(tree("not not a"), "(not (not 'a'))");
    assert_eq!(tree("not (a or b)"), "(not (or 'a' 'b'))");
}

#[test]
fn minus_binds_tightest() {
    assert_eq!(tree("-a b"), "(and (not 'a') 'b')");
    assert_eq!(tree("-a or b"), "(or (not 'a') 'b')");
    assert_eq!(tree("not -a"), "(not (not 'a'))");
    assert_eq!(tree("-feed:x"), "(not feed='x')");
    assert_eq!(tree("-\"two words\""), "(not 'two words')");
    assert_eq!(tree("-(a b)"), "(not (and 'a' 'b'))");
    assert_eq!(tree("-unread"), "(not unread)");
    // a hyphen inside a word is part of it
    assert_eq!(tree("e-mail"), "'e-mail'");
}

#[test]
fn parentheses_group_and_nest() {
    assert_eq!(tree("(a or b) c"), "(and (or 'a' 'b') 'c')");
    assert_eq!(
        tree("a (b or (c -d))"),
        "(and 'a' (or 'b' (and 'c' (not 'd'))))"
    );
    assert_eq!(tree("((a))"), "'a'");
    // grouping of the same operator flattens, so equal meaning gives equal trees
    assert_eq!(tree("(a b) c"), tree("a b c"));
    assert_eq!(tree("a or (b or c)"), tree("a or b or c"));
    assert_eq!(tree("(a)b"), "(and 'a' 'b')");
}

#[test]
fn words_with_colons_that_are_not_fields_are_words() {
    assert_eq!(tree("12:30"), "'12:30'");
    assert_eq!(tree(":x"), "':x'");
}

#[test]
fn display_is_a_normalized_form() {
    let shown = |q: &str| Filter::parse(q).unwrap().to_string();
    assert_eq!(shown("  a   AND  b  OR   c "), "a b or c");
    assert_eq!(shown("not a"), "-a");
    assert_eq!(shown("NOT (a OR b)"), "-(a or b)");
    assert_eq!(shown("(a or b) c"), "(a or b) c");
    assert_eq!(
        shown("\"or\" \"two  words\" \"x\""),
        "\"or\" \"two words\" x"
    );
    assert_eq!(shown("\"12:30\" \"-x\""), "\"12:30\" \"-x\"");
    assert_eq!(
        shown("Feed:Le_Monde TAG:\"a b\" age:<03d after:2025-01-01"),
        "feed:Le_Monde tag:\"a b\" age:<3d after:2025-01-01"
    );
    assert_eq!(shown("has:ENCLOSURE Unread"), "has:enclosure unread");
    assert_eq!(shown("-or"), "-\"or\"");
    assert_eq!(shown("--a"), "--a");
    for q in [
        "a b or c",
        "-(a or b) feed:x",
        "\"two words\" -tag:\"a b\"",
        "-or",
        "--a",
        "not not (a or -b)",
    ] {
        let once = Filter::parse(q).unwrap();
        assert_eq!(Filter::parse(&once.to_string()).unwrap(), once, "{q}");
    }
}

#[test]
fn text_terms_are_positive_free_words_and_phrases_folded() {
    let f =
        Filter::parse("Climate \"PEACE Talks\" -war title:x feed:y unread (Rain or SNOW) climate")
            .unwrap();
    assert_eq!(
        f.text_terms(),
        vec!["climate", "peace talks", "rain", "snow"]
    );
    assert!(Filter::parse("unread").unwrap().text_terms().is_empty());
    assert!(Filter::default().text_terms().is_empty());
}

#[test]
fn parse_is_also_from_str() {
    let f: Filter = "a or b".parse().unwrap();
    assert_eq!(f, tidings::filter::parse("a or b").unwrap());
}

// ---- errors: message and the characters they point at ----

#[test]
fn missing_field_value_points_at_the_field() {
    assert_error("feed:", 0, 5, "expected a value after 'feed:'");
    assert_error("a  tag: b", 3, 4, "expected a value after 'tag:'");
    assert_error("(title:)", 1, 6, "expected a value after 'title:'");
    assert_error("-AUTHOR:", 1, 7, "expected a value after 'author:'");
    assert_error(
        "category:\"  \"",
        0,
        9,
        "expected a value after 'category:'",
    );
}

#[test]
fn unknown_field_lists_the_fields() {
    assert_error(
        "unread fed:x",
        7,
        4,
        "unknown field 'fed:' (fields: unread, read, bookmarked, feed:, tag:, category:, \
         author:, title:, has:enclosure, age:, after:, before:)",
    );
    assert_eq!(error("http://example.com").pos, 0);
    assert_eq!(error("http://example.com").len, 5);
}

#[test]
fn quote_errors() {
    assert_error("a \"climate talks", 2, 1, "unclosed quote");
    assert_error("title:\"x", 6, 1, "unclosed quote");
    assert_error("a \"\" b", 2, 2, "empty quotes: put words between them");
    assert_error("\" \"", 0, 3, "empty quotes: put words between them");
}

#[test]
fn parenthesis_errors() {
    assert_error("(a b", 0, 1, "unclosed '('");
    assert_error("x (a (b) c", 2, 1, "unclosed '('");
    assert_error("a (", 2, 1, "unclosed '('");
    assert_error("a b)", 3, 1, "unexpected ')'");
    assert_error(")", 0, 1, "unexpected ')'");
    assert_error("(a)) b", 3, 1, "unexpected ')'");
    assert_error("a ( ) b", 2, 3, "nothing between '(' and ')'");
}

#[test]
fn operator_errors() {
    assert_error("or a", 0, 2, "'or' needs something on both sides");
    assert_error("a OR", 2, 2, "'or' needs something on both sides");
    assert_error("a or or b", 2, 2, "'or' needs something on both sides");
    assert_error("(a or) b", 3, 2, "'or' needs something on both sides");
    assert_error("a or and b", 2, 2, "'or' needs something on both sides");
    assert_error("and a", 0, 3, "'and' needs something on both sides");
    assert_error("a and", 2, 3, "'and' needs something on both sides");
    assert_error("a not", 2, 3, "'not' needs something after it");
    assert_error("not or b", 0, 3, "'not' needs something after it");
    assert_error(
        "a - b",
        2,
        1,
        "'-' needs something right after it, like -word",
    );
    assert_error(
        "a -",
        2,
        1,
        "'-' needs something right after it, like -word",
    );
    assert_error(
        "(a -)",
        3,
        1,
        "'-' needs something right after it, like -word",
    );
}

#[test]
fn age_errors_point_at_the_whole_term() {
    let msg = "'age:' needs < or > and a number with m, h, d or w, like age:<3d";
    assert_error("age:3d", 0, 6, msg);
    assert_error("x age:<3", 2, 6, msg);
    assert_error("age:<d", 0, 6, msg);
    assert_error("age:<3y", 0, 7, msg);
    assert_error("age:<3dd", 0, 8, msg);
    assert_error("age:=3d", 0, 7, msg);
    assert_error("age:<-3d", 0, 8, msg);
    assert_error("age:<99999999999d", 0, 17, msg);
}

#[test]
fn date_errors_point_at_the_date() {
    assert_error(
        "after:2025-13-01",
        6,
        10,
        "bad date '2025-13-01', expected YYYY-MM-DD",
    );
    assert_error(
        "x before:2025-02-30",
        9,
        10,
        "bad date '2025-02-30', expected YYYY-MM-DD",
    );
    assert_error(
        "after:2025-1-1",
        6,
        8,
        "bad date '2025-1-1', expected YYYY-MM-DD",
    );
    assert_error(
        "after:yesterday",
        6,
        9,
        "bad date 'yesterday', expected YYYY-MM-DD",
    );
    assert_error(
        "after:\"2025-01-01 x\"",
        6,
        14,
        "bad date '2025-01-01 x', expected YYYY-MM-DD",
    );
}

#[test]
fn has_knows_only_enclosure() {
    assert_error(
        "has:image",
        4,
        5,
        "'has:' knows only 'enclosure', not 'image'",
    );
}

#[test]
fn the_leftmost_error_wins() {
    // the ')' comes before the unclosed quote
    assert_error("a ) \"b", 2, 1, "unexpected ')'");
    assert_error("fed:x \"b", 0, 4, error("fed:x").message.as_str());
}

#[test]
fn positions_count_characters_not_bytes() {
    assert_error("министр fed:x", 8, 4, error("fed:x").message.as_str());
    // only ASCII letters make a field name, so this is a word
    assert_eq!(tree("фед:x"), "'фед:x'");
    assert_error("日本 (", 3, 1, "unclosed '('");
    assert_error("élection or", 9, 2, "'or' needs something on both sides");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "(".repeat(100_000) + "a" + &")".repeat(100_000);
    assert_eq!(error(&deep).message, "nested more than 64 deep");
    let nots = "not ".repeat(50_000) + "a";
    assert_eq!(error(&nots).message, "nested more than 64 deep");
    let minus = "-".repeat(50_000) + "a";
    assert_eq!(error(&minus).message, "nested more than 64 deep");
    assert!(Filter::parse(&("(".repeat(60) + "a" + &")".repeat(60))).is_ok());
}

#[test]
fn caret_line_underlines_the_bad_token() {
    let input = "unread fed:x";
    assert_eq!(error(input).caret_line(input), "       ^^^^");
    let input = "a \"b";
    assert_eq!(error(input).caret_line(input), "  ^");
    // CJK characters are two columns wide
    let input = "日本 fed:x";
    assert_eq!(error(input).caret_line(input), "     ^^^^");
    // tabs are copied so the caret lines up whatever the tab width
    let input = "a\tfed:x";
    assert_eq!(error(input).caret_line(input), " \t^^^^");
    // errors at the end of the input get one caret after it
    let e = FilterError {
        pos: 3,
        len: 1,
        message: String::new(),
    };
    assert_eq!(e.caret_line("abc"), "   ^");
}

#[test]
fn byte_range_maps_the_error_into_the_input() {
    let input = "министр fed:x";
    let e = error(input);
    assert_eq!(&input[e.byte_range(input)], "fed:");
    assert_eq!(e.to_string(), e.message);
}

// ---- properties ----

fn query_chars() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "b",
        "Straße",
        "министр",
        "日本",
        " ",
        " ",
        "(",
        ")",
        "\"",
        "-",
        ":",
        "or",
        "OR",
        "and",
        "not",
        "unread",
        "read",
        "feed:",
        "tag:",
        "title:",
        "age:<3d",
        "age:",
        "after:",
        "2025-01-01",
        "has:",
        "enclosure",
        "\t",
        "é",
        "x:y",
    ]);
    prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_arbitrary_text_never_panics(s in any::<String>()) {
        let _ = Filter::parse(&s);
    }

    #[test]
    fn errors_point_inside_or_just_after_the_input(s in query_chars()) {
        if let Err(e) = Filter::parse(&s) {
            let n = s.chars().count();
            prop_assert!(e.pos <= n && e.pos + e.len <= n + 1, "{e:?} for {s:?}");
            let _ = e.caret_line(&s);
            let _ = e.byte_range(&s);
        }
    }

    #[test]
    fn display_parses_back_to_the_same_filter(s in query_chars()) {
        if let Ok(f) = Filter::parse(&s) {
            let shown = f.to_string();
            let again = Filter::parse(&shown);
            prop_assert_eq!(again.as_ref(), Ok(&f), "{:?} shown as {:?}", s, shown);
        }
    }

    #[test]
    fn display_of_arbitrary_accepted_text_parses_back(s in any::<String>()) {
        if let Ok(f) = Filter::parse(&s) {
            let shown = f.to_string();
            let again = Filter::parse(&shown);
            prop_assert_eq!(again.as_ref(), Ok(&f), "{:?} shown as {:?}", s, shown);
        }
    }
}

#[test]
fn category_use_is_found_anywhere_in_the_tree() {
    let uses = |q: &str| q.parse::<Filter>().unwrap().uses_categories();
    assert!(uses("category:rust"));
    assert!(uses("unread (tag:x or -category:\"long word\")"));
    assert!(!uses("tag:x feed:category"));
    // A quoted phrase that spells the field is a free word, not a category term.
    assert!(!uses("\"category:rust\""));
    assert!(!uses(""));
}
