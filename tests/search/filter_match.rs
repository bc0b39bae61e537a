//! Matching: each term against articles, Unicode case folding, dates against a fixed `now`,
//! bodies known or not, and highlight ranges in the original text.

use std::ops::Range;
use std::time::Instant;

use tidings::filter::{Filter, Subject, contains_folded, find_all, fold, folded_eq};

/// 2025-06-15 12:00:00 UTC
const NOW: i64 = 1_749_988_800;
const DAY: i64 = 86_400;

#[derive(Clone, Debug)]
struct Art {
    title: String,
    feed: String,
    feed_url: String,
    author: Option<String>,
    tags: Vec<String>,
    categories: Vec<String>,
    read: bool,
    bookmarked: bool,
    enclosure: bool,
    date: i64,
    body: Option<String>,
}

fn art(title: &str) -> Art {
    Art {
        title: title.to_string(),
        feed: "Morning Post".to_string(),
        feed_url: "https://post.example/rss.xml".to_string(),
        author: None,
        tags: Vec::new(),
        categories: Vec::new(),
        read: false,
        bookmarked: false,
        enclosure: false,
        date: NOW - DAY,
        body: None,
    }
}

impl Subject for Art {
    fn title(&self) -> &str {
        &self.title
    }
    fn feed(&self) -> &str {
        &self.feed
    }
    fn feed_url(&self) -> &str {
        &self.feed_url
    }
    fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
    fn tags(&self) -> &[String] {
        &self.tags
    }
    fn has_category(&self, folded: &str) -> bool {
        self.categories
            .iter()
            .any(|c| tidings::filter::folded_eq(c, folded))
    }
    fn read(&self) -> bool {
        self.read
    }
    fn bookmarked(&self) -> bool {
        self.bookmarked
    }
    fn has_enclosure(&self) -> bool {
        self.enclosure
    }
    fn date(&self) -> i64 {
        self.date
    }
    fn body_contains(&self, folded_needle: &str) -> Option<bool> {
        self.body
            .as_deref()
            .map(|b| contains_folded(b, folded_needle))
    }
}

fn hits(query: &str, a: &Art) -> bool {
    match Filter::parse(query) {
        Ok(f) => f.matches(a, NOW),
        Err(e) => panic!("{query:?}: {e:?}"),
    }
}

#[test]
fn a_filter_can_be_sent_to_a_search_thread() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<Filter>();
    let f = Filter::parse("climate").unwrap();
    let a = art("Climate");
    let hit = std::thread::spawn(move || f.matches(&a, NOW))
        .join()
        .unwrap();
    assert!(hit);
}

#[test]
fn long_and_huge_haystacks_fold_too() {
    let mut a = art(&("x".repeat(300) + " Climate"));
    assert!(hits("climate", &a));
    a.body = Some("é".repeat(1 << 20) + " ПОБЕДА");
    a.title = "x".into();
    assert!(hits("победа", &a));
    assert!(!hits("поражение", &a));
}

#[test]
fn the_empty_filter_matches_everything() {
    let mut a = art("");
    a.read = true;
    a.date = i64::MIN;
    assert!(hits("", &a));
    assert!(Filter::default().matches(&a, NOW));
}

#[test]
fn flags() {
    let mut a = art("x");
    assert!(hits("unread", &a) && !hits("read", &a) && !hits("bookmarked", &a));
    a.read = true;
    a.bookmarked = true;
    assert!(!hits("unread", &a) && hits("read", &a) && hits("bookmarked", &a));
    assert!(!hits("has:enclosure", &a));
    a.enclosure = true;
    assert!(hits("has:enclosure", &a));
}

#[test]
fn feed_matches_title_or_url_substring() {
    let a = art("x");
    assert!(hits("feed:morning", &a));
    assert!(hits("feed:\"MORNING POST\"", &a));
    assert!(hits("feed:post.example", &a));
    assert!(hits("feed:RSS.XML", &a));
    assert!(!hits("feed:evening", &a));
    // a free word looks at the feed title but not at its URL
    assert!(hits("morning", &a));
    assert!(!hits("rss.xml", &a));
}

#[test]
fn tag_and_category_match_whole_names() {
    let mut a = art("x");
    a.tags = vec!["Tech".into(), "Économie".into()];
    a.categories = vec!["World News".into()];
    assert!(hits("tag:tech", &a));
    assert!(hits("tag:TECH", &a));
    assert!(!hits("tag:tec", &a));
    assert!(!hits("tag:technology", &a));
    assert!(hits("tag:ÉCONOMIE", &a));
    assert!(hits("category:\"world news\"", &a));
    assert!(!hits("category:world", &a));
    assert!(!hits("tag:\"world news\"", &a));
    assert!(!hits("category:tech", &a));
}

#[test]
fn author_and_title_are_substrings_of_their_field_only() {
    let mut a = art("Budget vote delayed");
    assert!(!hits("author:smith", &a));
    a.author = Some("Jane Smith".into());
    assert!(hits("author:smith", &a));
    assert!(hits("author:\"jane smith\"", &a));
    assert!(!hits("author:budget", &a));
    assert!(hits("title:VOTE", &a));
    assert!(!hits("title:jane", &a));
    assert!(!hits("title:morning", &a));
}

#[test]
fn free_words_look_at_title_feed_author_and_body() {
    let mut a = art("Budget vote delayed");
    a.author = Some("Jane Smith".into());
    assert!(hits("budget", &a));
    assert!(hits("post", &a));
    assert!(hits("smith", &a));
    assert!(!hits("parliament", &a));
    a.body = Some("<p>The Parliament met late.</p>".into());
    assert!(hits("parliament", &a));
}

#[test]
fn every_free_word_must_match() {
    let a = art("Climate talks resume in Bonn");
    assert!(hits("climate bonn", &a));
    assert!(!hits("climate paris", &a));
}

#[test]
fn phrases_match_words_together() {
    let a = art("Climate talks resume");
    assert!(hits("\"climate talks\"", &a));
    assert!(hits("\"CLIMATE   TALKS\"", &a));
    assert!(!hits("\"talks climate\"", &a));
    assert!(hits("title:\"talks resume\"", &a));
    assert!(!hits("title:\"climate resume\"", &a));
}

#[test]
fn an_unknown_body_is_no_match_in_the_body() {
    let mut a = art("Headline");
    assert!(!hits("secret", &a));
    assert!(hits("-secret", &a));
    a.body = Some("the secret plan".into());
    assert!(hits("secret", &a));
    assert!(!hits("-secret", &a));
    a.body = Some("nothing here".into());
    assert!(!hits("secret", &a));
}

#[test]
fn not_or_and_precedence_in_matching() {
    let a = art("alpha beta");
    assert!(hits("alpha -gamma", &a));
    assert!(!hits("alpha -beta", &a));
    assert!(hits("gamma or alpha", &a));
    assert!(!hits("gamma or delta", &a));
    // (alpha and gamma) or beta
    assert!(hits("alpha gamma or beta", &a));
    // alpha and (gamma or delta)
    assert!(!hits("alpha (gamma or delta)", &a));
    // (not alpha) or beta
    assert!(hits("not alpha or beta", &a));
    assert!(!hits("not (alpha or gamma)", &a));
    assert!(hits("not not alpha", &a));
    assert!(!hits("-(alpha beta)", &a));
    assert!(hits("-(alpha gamma)", &a));
    assert!(hits("unread (gamma or -delta)", &a));
}

#[test]
fn unicode_case_folding() {
    let a = art("Министр финансов ушёл в отставку");
    assert!(hits("МИНИСТР", &a));
    assert!(hits("министр ОТСТАВКУ", &a));
    let a = art("ÉLECTION présidentielle");
    assert!(hits("élection", &a));
    assert!(hits("PRÉSIDENTIELLE", &a));
    // Latin diacritics do not matter, as in the search index
    assert!(hits("election", &a));
    assert!(hits("presidentielle", &a));
    assert!(!hits("elections", &a));
    let a = art("Die Straße bleibt gesperrt");
    assert!(hits("STRASSE", &a));
    assert!(hits("strasse", &a));
    assert!(hits("straße", &a));
    let a = art("STRASSE GESPERRT");
    assert!(hits("straße", &a));
    let a = art("東京都知事選挙の結果");
    assert!(hits("知事選挙", &a));
    assert!(!hits("大阪", &a));
    let a = art("نتائج الانتخابات البرلمانية");
    assert!(hits("الانتخابات", &a));
    assert!(hits("\"الانتخابات البرلمانية\"", &a));
    // full folding, not just lower-casing: final sigma and ligatures
    let a = art("ΣΟΦΟΣ");
    assert!(hits("σοφος", &a));
    assert!(hits("σοφοσ", &a));
    let a = art("The ﬁnal ﬁle");
    assert!(hits("FINAL", &a));
    // fields fold too
    let mut a = art("x");
    a.author = Some("Ольга Петрова".into());
    assert!(hits("author:ПЕТРОВА", &a));
    a.feed = "Le Monde — ÉCONOMIE".into();
    assert!(hits("feed:économie", &a));
}

#[test]
fn age_against_a_fixed_now() {
    let mut a = art("x");
    a.date = NOW - 2 * DAY;
    assert!(hits("age:<3d", &a));
    assert!(!hits("age:>3d", &a));
    assert!(hits("age:>47h", &a));
    assert!(!hits("age:<47h", &a));
    a.date = NOW - 3 * DAY;
    assert!(
        !hits("age:<3d", &a),
        "exactly 3 days is not younger than 3 days"
    );
    assert!(!hits("age:>3d", &a), "nor older");
    a.date = NOW - 15 * DAY;
    assert!(hits("age:>2w", &a));
    assert!(!hits("age:<2w", &a));
    a.date = NOW - 30 * 60;
    assert!(hits("age:<31m", &a));
    assert!(!hits("age:<30m", &a));
    // dated in the future: younger than anything
    a.date = NOW + DAY;
    assert!(hits("age:<1m", &a));
    // absurd dates from hostile feeds do not overflow
    a.date = i64::MIN;
    assert!(hits("age:>1w", &a));
    a.date = i64::MAX;
    assert!(hits("age:<1w", &a));
}

#[test]
fn after_is_inclusive_of_the_day_and_before_exclusive() {
    // 2025-01-01T00:00:00Z
    let jan1 = 1_735_689_600;
    let mut a = art("x");
    a.date = jan1;
    assert!(hits("after:2025-01-01", &a));
    assert!(!hits("before:2025-01-01", &a));
    assert!(hits("after:2025-01-01 before:2025-01-02", &a));
    a.date = jan1 - 1;
    assert!(!hits("after:2025-01-01", &a));
    assert!(hits("before:2025-01-01", &a));
    a.date = jan1 + DAY - 1;
    assert!(hits("after:2025-01-01 before:2025-01-02", &a));
    a.date = jan1 + DAY;
    assert!(!hits("after:2025-01-01 before:2025-01-02", &a));
}

#[test]
fn fold_is_full_case_folding() {
    assert_eq!(fold("Hello WORLD"), "hello world");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("ẞ"), "ss");
    assert_eq!(fold("МИНИСТР"), "министр");
    assert_eq!(fold("ΣΟΦΟΣ σοφος"), "σοφοσ σοφοσ");
    assert_eq!(fold("ﬁ"), "fi");
    assert_eq!(fold("東京"), "東京");
}

#[test]
fn contains_and_eq_helpers() {
    assert!(contains_folded(
        "Die STRASSE",
        "straße".replace('ß', "ss").as_str()
    ));
    assert!(contains_folded("anything", ""));
    assert!(!contains_folded("plain ascii", "é"));
    assert!(folded_eq("Straße", "strasse"));
    assert!(folded_eq("TECH", "tech"));
    assert!(!folded_eq("Tech", "tec"));
    assert!(!folded_eq("Tec", "tech"));
    assert!(!folded_eq("Straße", "strass"));
}

fn slices<'a>(hay: &'a str, needle: &str) -> Vec<&'a str> {
    find_all(hay, &fold(needle))
        .into_iter()
        .map(|r| &hay[r])
        .collect()
}

#[test]
fn find_all_gives_ranges_in_the_original_text() {
    assert_eq!(
        slices("Climate: the CLIMATE", "climate"),
        ["Climate", "CLIMATE"]
    );
    assert_eq!(find_all("ab ab", "ab"), [0..2, 3..5]);
    assert!(find_all("abc", "").is_empty());
    assert!(find_all("abc", "x").is_empty());
    // folding changes lengths: ß is two bytes and folds to two chars; ẞ is three bytes
    let hay = "Große STRASSE, grosse Straße, ẞ";
    assert_eq!(slices(hay, "straße"), ["STRASSE", "Straße"]);
    assert_eq!(slices(hay, "grosse"), ["Große", "grosse"]);
    assert_eq!(slices(hay, "ss"), ["ß", "SS", "ss", "ß", "ẞ"]);
    // a match inside one character's expansion covers the character, once
    assert_eq!(slices("ß", "s"), ["ß"]);
    assert_eq!(find_all("aßb", "s"), vec![Range { start: 1, end: 3 }]);
    // mixed scripts
    let hay = "Министр (МИНИСТР) 東京 élection ÉLECTION الانتخابات";
    assert_eq!(slices(hay, "министр"), ["Министр", "МИНИСТР"]);
    assert_eq!(slices(hay, "東京"), ["東京"]);
    assert_eq!(slices(hay, "élection"), ["élection", "ÉLECTION"]);
    assert_eq!(slices(hay, "الانتخابات"), ["الانتخابات"]);
    // İ folds to i + a combining dot, which is dropped: both match, ranges line up
    let hay = "İzmir izmir";
    assert_eq!(slices(hay, "izmir"), ["İzmir", "izmir"]);
    assert_eq!(
        find_all(hay, "izmir"),
        vec![Range { start: 0, end: 6 }, Range { start: 7, end: 12 }]
    );
    // accents stripped, marks dropped: the original characters are highlighted
    assert_eq!(slices("Café, cafe\u{301}", "cafe"), ["Café", "cafe\u{301}"]);
}

#[test]
fn text_terms_feed_highlighting() {
    let f = Filter::parse("Straße \"ÉLECTION présidentielle\"").unwrap();
    let hay = "STRASSE: élection Présidentielle";
    let ranges: Vec<&str> = f
        .text_terms()
        .iter()
        .flat_map(|t| find_all(hay, t))
        .map(|r| &hay[r])
        .collect();
    assert_eq!(ranges, ["STRASSE", "élection Présidentielle"]);
}

/// A corpus shaped like a real store: short titles, a few dozen feeds, some non-English.
fn corpus(n: usize) -> Vec<Art> {
    let words = [
        "climate", "talks", "budget", "election", "minister", "storm", "market", "rally", "court",
        "ruling", "energy", "prices", "summit", "peace", "vote", "report",
    ];
    let foreign = [
        "Министр финансов ушёл в отставку",
        "Élection présidentielle : les résultats",
        "東京都知事選挙の結果",
        "نتائج الانتخابات البرلمانية",
        "Die Straße bleibt gesperrt",
    ];
    (0..n)
        .map(|i| {
            let title = if i % 10 == 0 {
                foreign[(i / 10) % foreign.len()].to_string()
            } else {
                (0..8)
                    .map(|k| words[(i * 7 + k * 3 + i / 13) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let mut a = art(&title);
            a.feed = format!("Feed number {}", i % 40);
            a.feed_url = format!("https://feed{}.example/rss", i % 40);
            a.author = (i % 3 == 0).then(|| format!("Author {}", i % 97));
            a.tags = vec![["tech", "world", "news"][i % 3].to_string()];
            a.read = i % 4 == 0;
            a.bookmarked = i % 50 == 0;
            a.date = NOW - (i as i64) * 600;
            a
        })
        .collect()
}

#[test]
fn corpus_counts_are_what_the_queries_say() {
    let c = corpus(1000);
    let count = |q: &str| {
        let f = Filter::parse(q).unwrap();
        c.iter().filter(|a| f.matches(*a, NOW)).count()
    };
    assert_eq!(count(""), 1000);
    assert_eq!(count("unread") + count("read"), 1000);
    assert_eq!(count("read"), 250);
    assert_eq!(count("bookmarked"), 20);
    assert_eq!(count("министр"), 20);
    assert_eq!(count("feed:feed1.example"), 25);
    assert_eq!(count("age:<1d"), 144);
    assert_eq!(count("unread or read"), 1000);
    assert_eq!(count("-unread -read"), 0);
}

/// `cargo test --release --test search filter_match:: -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_100k_headlines() {
    let c = corpus(100_000);
    for q in [
        "unread",
        "climate",
        "unread climate",
        "\"peace talks\"",
        "storm or election -court",
        "feed:feed7 tag:tech",
        "МИНИСТР",
        "straße",
        "title:budget age:<1w",
        "nothing-matches-this",
    ] {
        let f = Filter::parse(q).unwrap();
        let mut best = u128::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = c.iter().filter(|a| f.matches(*a, NOW)).count();
            best = best.min(t.elapsed().as_micros());
        }
        println!(
            "{q:>28}: {n:>6} matches in {:>6.2} ms",
            best as f64 / 1000.0
        );
    }
}

mod implies {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "unread",
        "read",
        "bookmarked",
        "has:enclosure",
        "or",
        "-",
        "not",
        "(",
        ")",
        "storm",
        "stor",
        "torm",
        "Straße",
        "strasse",
        "title:storm",
        "title:sto",
        "author:ann",
        "author:an",
        "feed:post",
        "feed:po",
        "tag:news",
        "category:world",
        "age:<2d",
        "age:>1d",
        "after:2025-06-13",
        "after:2025-06-10",
        "before:2025-06-14",
        "before:2025-06-20",
        "\"storm warning\"",
        "warning",
        "-storm",
        "-warning",
        "not storm",
        "-unread",
    ];

    fn arb_query() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 1..6).prop_map(|t| t.join(" "))
    }

    fn arb_art() -> impl Strategy<Value = Art> {
        let words = prop::sample::select(vec!["storm", "warning", "STRASSE", "Ann", "post"]);
        (
            prop::collection::vec(words.clone(), 0..3),
            prop::option::of(prop::sample::select(vec!["Ann Lee", "Bo"])),
            any::<(bool, bool, bool)>(),
            0..5 * DAY,
            prop::option::of(prop::collection::vec(words, 0..3)),
            any::<(bool, bool)>(),
        )
            .prop_map(|(title, author, (r, b, e), age, body, (tag, cat))| {
                let mut a = art(&title.join(" "));
                a.author = author.map(str::to_string);
                (a.read, a.bookmarked, a.enclosure) = (r, b, e);
                a.date = NOW - age;
                a.body = body.map(|w| w.join(" "));
                if tag {
                    a.tags.push("News".into());
                }
                if cat {
                    a.categories.push("World".into());
                }
                a
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// `new.implies(old)` promises: whatever `new` matches before its body hits are known,
        /// `old` matches with or without them, now or a little later.
        #[test]
        fn implies_is_sound(
            old in arb_query(),
            more in arb_query(),
            glue in prop::sample::select(vec!["", " "]),
            arts in prop::collection::vec(arb_art(), 1..8),
        ) {
            // Mostly the typed case: the new query is the old one with more at the end.
            let new = if more.len() % 3 == 0 { more.clone() } else { format!("{old}{glue}{more}") };
            let (Ok(n), Ok(o)) = (Filter::parse(&new), Filter::parse(&old)) else {
                return Ok(());
            };
            if !n.implies(&o) {
                return Ok(());
            }
            for a in arts {
                let unknown = Art { body: None, ..a.clone() };
                if n.matches(&unknown, NOW) {
                    prop_assert!(o.matches(&a, NOW), "{new:?} ⇒ {old:?} on {:?}", a.title);
                    prop_assert!(o.matches(&unknown, NOW), "{new:?} ⇒ {old:?}");
                }
            }
        }
    }

    #[test]
    fn typical_narrowings_are_recognised() {
        let implies = |new: &str, old: &str| {
            Filter::parse(new)
                .expect("new")
                .implies(&Filter::parse(old).expect("old"))
        };
        assert!(implies("storm", "sto"));
        assert!(implies("storm warning", "storm warn"));
        assert!(implies("feed:post unread", "unread"));
        assert!(implies("title:storm", "storm"));
        assert!(!implies("unread", "unrea"), "a word that became a keyword");
        assert!(!implies("read", "re"));
        assert!(
            !implies("storm -warning", "storm -warn"),
            "negations flip with body hits"
        );
        assert!(!implies("age:<2d", "age:<2d"), "the clock moves");
        assert!(!implies("storm or rain", "storm"));
    }
}

mod fold_runs {
    use proptest::prelude::*;
    use tidings::filter::{fold, fold_by_char};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Folding copies ASCII runs in bulk: the same text as folding each character, for
        /// runs of ASCII mixed with Latin letters with diacritics, Cyrillic, Greek, `ß`,
        /// ligatures, marks, soft hyphens, CJK and emoji.
        #[test]
        fn folding_in_runs_equals_folding_each_character(
            s in "([A-Za-z0-9 .,:'-]{0,6}|[ÀÉßŁĳǅ]|[А-Яа-яЁё]{1,3}|[ΑΣσςΐ]|[ﬁﬃ]|\u{301}|\u{AD}|\u{200B}|[漢字]|😀){0,12}"
        ) {
            prop_assert_eq!(fold(&s), fold_by_char(&s));
        }
    }
}
