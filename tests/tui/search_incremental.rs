//! The list shown while a query is typed is narrowed from the previous list when the new query
//! implies the old one (`Filter::implies`). These tests compare that shortcut with a fresh
//! evaluation of the active queries over the whole view, keystroke by keystroke.

use crate::common;

use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use std::collections::{BTreeSet, HashMap, HashSet};
use tidings::app::keymap::Keymap;
use tidings::app::{ActiveQuery, App, BodyHits, Effect, HeadlineSubject, Msg};
use tidings::db::writer::DbEvent;
use tidings::filter::{self, Filter};
use tidings::model::{Flags, Headline, IngestReport};
use tidings::store::{Counts, HeadlineRef, Store};
use tidings::timefmt::Zone;

/// What the list must hold: every article of All articles that the active filter and search
/// match, each with the body hits it has so far.
fn fresh(app: &App) -> BTreeSet<i64> {
    let store = app.store();
    let matches = |q: Option<&ActiveQuery>, h: HeadlineRef<'_>| {
        q.is_none_or(|q| {
            q.filter.matches(
                &HeadlineSubject {
                    h,
                    feed: store.feed(h.feed_id()),
                    categories: store.categories(),
                    hits: q.body_hits.as_ref(),
                    folded: None,
                },
                app.now(),
            )
        })
    };
    store
        .headlines()
        .filter(|h| matches(app.filter(), *h) && matches(app.search(), *h))
        .map(|h| h.id())
        .collect()
}

fn shown(app: &App) -> BTreeSet<i64> {
    app.list().iter().copied().collect()
}

/// The answer the index would give: articles whose body holds each term.
fn hits_for(bodies: &HashMap<i64, String>, terms: &[String]) -> BodyHits {
    terms
        .iter()
        .map(|t| {
            let ids: HashSet<i64> = bodies
                .iter()
                .filter(|(_, b)| filter::contains_folded(b, t))
                .map(|(id, _)| *id)
                .collect();
            (t.clone(), ids)
        })
        .collect()
}

fn open_all_articles(store: Store) -> App {
    let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (80, 24));
    press(&mut app, "\n");
    app
}

/// The report: `F unread` typed letter by letter kept only the article whose title held
/// "unrea", because `unrea` → `unread` was taken for a narrowing.
#[test]
fn typing_unread_letter_by_letter_gives_every_unread_article() {
    let mut hs: Vec<Headline> = world().headlines().map(|h| h.to_headline()).collect();
    // A read article whose title holds "unrea" makes the wrong narrowing visible.
    let mut h = headline(7, 1, 100, "Unreal engine powers new museum tour");
    h.flags = Flags::new(true, false, false);
    hs.push(h);
    let feeds = world().feeds().to_vec();
    let mut app = open_all_articles(Store::new(feeds, hs));
    press(&mut app, "F");
    press(&mut app, "unread");
    app.update(code(KeyCode::Enter));
    let unread: BTreeSet<i64> = app
        .store()
        .headlines()
        .filter(|h| !h.flags().read())
        .map(|h| h.id())
        .collect();
    assert_eq!(unread.len(), 5, "world() has five unread articles");
    assert_eq!(shown(&app), unread);

    // The same for `read` (`re` → `read`) and `bookmarked` (`book` → `bookmarked`).
    for (word, want) in [("read", 2), ("bookmarked", 1)] {
        press(&mut app, "F");
        for _ in 0..12 {
            app.update(code(KeyCode::Backspace));
        }
        press(&mut app, word);
        app.update(code(KeyCode::Enter));
        assert_eq!(app.list().len(), want, "F {word}");
        assert_eq!(shown(&app), fresh(&app), "F {word}");
    }
}

/// Words typed one after another, a keyword completed, a field, quotes, `or`, `-`: each
/// keystroke's list equals a fresh evaluation, for `/` and for `F`.
#[test]
fn every_prefix_of_a_few_queries_matches_a_fresh_evaluation() {
    let bodies: HashMap<i64, String> = [(2, "визит министра"), (4, "unread mail"), (6, "Harbour")]
        .into_iter()
        .map(|(id, b)| (id, b.to_string()))
        .collect();
    for query in [
        "unread",
        "harb unread",
        "read or harbour",
        "feed:bbc -harbour",
        "\"council approves\" unr",
        "-визит",
        "not read",
        "title:museum bookmarked",
    ] {
        for prompt in ['/', 'F'] {
            let mut app = open_all_articles(world());
            press(&mut app, &prompt.to_string());
            for c in query.chars() {
                let fx = app.update(key(c));
                assert_eq!(shown(&app), fresh(&app), "{prompt}{query:?} at {c:?}");
                for e in fx {
                    if let Effect::BodySearch { seq, terms } = e {
                        app.update(Msg::BodyHits {
                            seq,
                            hits: hits_for(&bodies, &terms),
                        });
                        assert_eq!(shown(&app), fresh(&app), "{prompt}{query:?} hits");
                    }
                }
            }
        }
    }
}

const WORDS: &[&str] = &[
    "harbour",
    "storm",
    "unreal",
    "reader",
    "book",
    "museum",
    "визит",
    "Straße",
    "STRASSE",
    "café",
    "cafe",
    "tunnel",
    "rail",
];

const TOKENS: &[&str] = &[
    "u",
    "un",
    "unrea",
    "unread",
    "read",
    "re",
    "book",
    "bookmarked",
    "or",
    "and",
    "not",
    "-",
    "(",
    ")",
    "\"",
    "feed:",
    "tag:",
    "title:",
    "author:",
    "age:<3d",
    "age:>2h",
    "has:enclosure",
    "har",
    "harbour",
    "storm",
    "museum",
    "визит",
    "виз",
    "strasse",
    "straße",
    "caf",
    "café",
    "news",
    "after:2025-01-28",
    "before:2025-01-29",
    "category:world",
    "ann",
];

fn arb_headline(id: i64) -> impl Strategy<Value = (Headline, String)> {
    (
        1..=3i64,
        0..3000i64,
        prop::collection::vec(prop::sample::select(WORDS), 1..4),
        prop::option::of(prop::sample::select(vec![
            "Ann Lee",
            "Борис",
            "Harbour Desk",
        ])),
        any::<(bool, bool, bool)>(),
        prop::collection::vec(prop::sample::select(WORDS), 0..4),
    )
        .prop_map(move |(feed, minutes, title, author, (r, b, e), body)| {
            let mut h = headline(id, feed, minutes, &title.join(" "));
            h.author = author.map(str::to_string);
            h.flags = Flags::new(r, b, e);
            (h, body.join(" "))
        })
}

/// One keystroke of a session: a character of the query, a backspace, the index answering
/// the latest (or an older) body search, or a refresh storing articles meanwhile (which
/// moves articles in the store: what the list's kept store positions must survive).
#[derive(Clone, Debug)]
enum Step {
    Type(char),
    Backspace,
    Answer { stale: bool },
    Ingest(Arrival),
}

/// A refresh's report: one new article, one whose title changed, one pruned (picked among
/// the stored ones by these numbers).
#[derive(Clone, Debug)]
struct Arrival {
    title: Vec<&'static str>,
    body: Vec<&'static str>,
    changed: usize,
    pruned: usize,
}

fn arb_steps() -> impl Strategy<Value = Vec<Step>> {
    let arrival = (
        prop::collection::vec(prop::sample::select(WORDS), 1..4),
        prop::collection::vec(prop::sample::select(WORDS), 0..3),
        any::<usize>(),
        any::<usize>(),
    )
        .prop_map(|(title, body, changed, pruned)| Arrival {
            title,
            body,
            changed,
            pruned,
        });
    prop::collection::vec(
        (
            prop::sample::select(TOKENS),
            any::<bool>(),
            0..12u8,
            any::<bool>(),
            arrival,
        ),
        1..6,
    )
    .prop_map(|tokens| {
        let mut steps = Vec::new();
        for (tok, space, extra, stale, arrival) in tokens {
            for c in tok.chars() {
                steps.push(Step::Type(c));
            }
            if space {
                steps.push(Step::Type(' '));
            }
            match extra {
                0 => steps.push(Step::Backspace),
                1..=3 => steps.push(Step::Answer { stale }),
                4 | 5 => steps.push(Step::Ingest(arrival)),
                _ => {}
            }
        }
        steps
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn typed_queries_match_a_fresh_evaluation(
        items in prop::collection::vec(any::<u8>(), 1..30)
            .prop_flat_map(|v| {
                (0..v.len() as i64).map(|i| arb_headline(i + 1)).collect::<Vec<_>>()
            }),
        first in prop::sample::select(vec!['/', 'F']),
        second in prop::option::of(prop::sample::select(vec!['/', 'F'])),
        steps in arb_steps(),
        steps2 in arb_steps(),
        split in any::<bool>(),
    ) {
        let feeds = vec![feed(1, "BBC News"), feed(2, "Meduza"), feed(3, "Café Straße")];
        let mut bodies: HashMap<i64, String> =
            items.iter().map(|(h, b)| (h.id, b.clone())).collect();
        let mut next_id = 1_000;
        let store = Store::new(feeds, items.into_iter().map(|(h, _)| h).collect());
        let mut app = open_all_articles(store);
        // Narrowing and folding split across threads from one row on, or as the reader
        // does (whole below `split::PARALLEL_FROM`): both must give the fresh answer.
        if split {
            app.split_passes_from(1);
        }
        let mut searches: Vec<(u64, Vec<String>)> = Vec::new();
        let sessions = [(first, steps)].into_iter().chain(second.map(|p| (p, steps2)));
        for (prompt, steps) in sessions {
            // Close the open prompt: Enter keeps a valid query, Esc leaves an invalid one.
            app.update(code(KeyCode::Enter));
            if app.mode().prompt().is_some() {
                app.update(code(KeyCode::Esc));
            }
            press(&mut app, &prompt.to_string());
            let mut typed = match prompt {
                '/' => app.search(),
                _ => app.filter(),
            }
            .map(|q| q.text.clone())
            .unwrap_or_default();
            for step in steps {
                let fx = match step {
                    Step::Type(c) => {
                        typed.push(c);
                        app.update(key(c))
                    }
                    Step::Backspace => {
                        typed.pop();
                        app.update(code(KeyCode::Backspace))
                    }
                    Step::Answer { stale } => {
                        let pick = if stale { searches.first() } else { searches.last() };
                        match pick {
                            Some((seq, terms)) => app.update(Msg::BodyHits {
                                seq: *seq,
                                hits: hits_for(&bodies, terms),
                            }),
                            None => Vec::new(),
                        }
                    }
                    Step::Ingest(arrival) => {
                        next_id += 1;
                        let stored: Vec<Headline> =
                            app.store().headlines().map(|h| h.to_headline()).collect();
                        let mut fresh = headline(next_id, 1 + next_id % 3, next_id % 50, &arrival.title.join(" "));
                        fresh.flags = Flags::default();
                        bodies.insert(next_id, arrival.body.join(" "));
                        let mut upserted = vec![fresh];
                        let mut pruned = Vec::new();
                        if !stored.is_empty() {
                            let mut changed = stored[arrival.changed % stored.len()].clone();
                            changed.title = format!("{} {}", arrival.title.join(" "), changed.title);
                            let gone = stored[arrival.pruned % stored.len()].id;
                            if gone != changed.id {
                                pruned.push(gone);
                            }
                            upserted.push(changed);
                        }
                        app.update(Msg::Db(DbEvent::Ingested {
                            feed_id: 1,
                            report: IngestReport {
                                new: 1,
                                upserted,
                                categories: vec![],
                                pruned,
                            },
                        }))
                    }
                };
                for e in fx {
                    if let Effect::BodySearch { seq, terms } = e {
                        searches.push((seq, terms));
                    }
                }
                prop_assert_eq!(shown(&app), fresh(&app), "after {:?} in {}", typed, prompt);
                // The title bar's counts, taken in the narrowing pass, are the list's.
                let want = fresh(&app).iter().fold(Counts::default(), |mut c, id| {
                    if let Some(h) = app.store().headline(*id) {
                        c.add(h.flags());
                    }
                    c
                });
                prop_assert_eq!(app.shown_counts(), want, "counts after {:?}", typed);
                // The active query is the typed text whenever that parses.
                let active = match prompt {
                    '/' => app.search(),
                    _ => app.filter(),
                };
                if let Ok(f) = Filter::parse(&typed) {
                    if f.is_empty() {
                        prop_assert!(active.is_none());
                    } else {
                        prop_assert_eq!(active.map(|q| &q.filter), Some(&f), "{:?}", typed);
                    }
                }
            }
        }
    }
}

/// `-word` in `/` and `F`: once the index answers, articles whose body holds the word go too.
#[test]
fn a_negated_word_drops_articles_whose_body_holds_it() {
    let bodies: HashMap<i64, String> = [(4, "Визит министра в Берлин".to_string())].into();
    for prompt in ["/", "F"] {
        let mut app = open_all_articles(world());
        press(&mut app, prompt);
        let mut fx = Vec::new();
        for c in "-визит".chars() {
            fx = app.update(key(c));
        }
        let (seq, terms) = fx
            .iter()
            .find_map(|e| match e {
                Effect::BodySearch { seq, terms } => Some((*seq, terms.clone())),
                _ => None,
            })
            .expect("the index is asked about the negated word");
        assert_eq!(terms, ["визит"]);
        app.update(Msg::BodyHits {
            seq,
            hits: hits_for(&bodies, &terms),
        });
        assert!(!app.list().contains(&4), "{prompt}: {:?}", app.list());
        assert_eq!(app.list().len(), 5);
    }
}

/// Saved views see article text too: their words are asked of the index, and the counts and
/// the list follow the answer (`visits -визит`: BBC articles without the word anywhere).
#[test]
fn saved_views_ask_the_index_for_their_words() {
    use tidings::app::View;
    use tidings::config::SavedView;
    let bodies: HashMap<i64, String> = [
        (1, "Визит мэра".to_string()),
        (6, "A museum visit".to_string()),
    ]
    .into();
    let mut app = App::new(world(), Keymap::default(), Zone::utc(), NOW, (80, 24));
    app.set_saved_views(&[
        SavedView {
            name: "BBC without visits".into(),
            filter: "feed:bbc -визит".into(),
        },
        SavedView {
            name: "Visits".into(),
            filter: "visit".into(),
        },
    ]);
    let fx = app.update(Msg::Tick(NOW));
    let (seq, terms) = fx
        .iter()
        .find_map(|e| match e {
            Effect::BodySearch { seq, terms } => Some((*seq, terms.clone())),
            _ => None,
        })
        .expect("the saved views' words go to the index");
    assert_eq!(terms, ["визит", "visit"]);
    assert_eq!(
        app.update(Msg::Tick(NOW)),
        vec![],
        "asked once per store change"
    );
    app.update(Msg::BodyHits {
        seq,
        hits: hits_for(&bodies, &terms),
    });
    assert_eq!(
        app.counts(&View::Saved("BBC without visits".into())).total,
        2,
        "BBC 3 and 6, not 1"
    );
    assert_eq!(
        app.counts(&View::Saved("Visits".into())).total,
        1,
        "article 6 by its body"
    );
    press(&mut app, "jjj\n");
    assert_eq!(*app.view(), View::Saved("BBC without visits".into()));
    assert_eq!(shown(&app), BTreeSet::from([3, 6]));
}

/// What the title bar counts (`App::shown_counts`, read from the store when no query is
/// active) is what a count over the rows of the list gives, whatever keys came before.
fn counted(app: &App) -> (usize, usize) {
    let unread = app
        .list()
        .iter()
        .filter_map(|id| app.store().headline(*id))
        .filter(|h| !h.flags().read())
        .count();
    (app.list().len(), unread)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_title_bar_counts_the_rows_shown(
        items in prop::collection::vec(any::<u8>(), 1..20)
            .prop_flat_map(|v| {
                (0..v.len() as i64).map(|i| arb_headline(i + 1)).collect::<Vec<_>>()
            }),
        keys in prop::collection::vec(
            prop::sample::select(vec![
                "j", "k", "u", "A", "U", "X", "b", "q", "\n", "Funread\n", "/harb\n", "\u{1b}",
            ]),
            1..30,
        ),
    ) {
        let feeds = vec![feed(1, "BBC News"), feed(2, "Meduza"), feed(3, "Café Straße")];
        let store = Store::new(feeds, items.into_iter().map(|(h, _)| h).collect());
        let mut app = App::new(store, Keymap::default(), Zone::utc(), NOW, (80, 24));
        for k in keys {
            for c in k.chars() {
                let msg = match c {
                    '\n' => code(KeyCode::Enter),
                    '\u{1b}' => code(KeyCode::Esc),
                    c => key(c),
                };
                app.update(msg);
            }
            if app.screen() == tidings::app::Screen::Headlines {
                let c = app.shown_counts();
                prop_assert_eq!((c.total, c.unread), counted(&app), "after {:?} in {:?}", k, *app.view());
            }
        }
    }
}
