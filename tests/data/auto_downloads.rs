//! Automatic downloads on a real SQLite file: `download = "new"` queues only what arrives
//! after the setting was first seen, `download_latest = N` the N newest, and `keep = N`
//! deletes exactly the files a plain computation says (oldest first, bookmarked never).

use proptest::prelude::*;
use std::path::Path;
use tidings::db::{Change, Db, DownloadState, Limits};
use tidings::model::{Enclosure, FeedConfig, ParsedFeed, ParsedItem, Validators};
use tidings::podcast::auto::{self, Policy};

const URL: &str = "https://pod.test/feed.xml";

fn item(n: usize, date: i64) -> ParsedItem {
    ParsedItem {
        guid: Some(format!("ep{n}")),
        title: format!("Episode {n}"),
        published: Some(date),
        enclosures: vec![Enclosure {
            url: format!("https://pod.test/{n}.mp3"),
            mime: Some("audio/mpeg".into()),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn open(path: &Path) -> (Db, i64) {
    let mut db = Db::open(path).unwrap();
    let feeds = db
        .sync_feeds(
            &[FeedConfig {
                url: URL.into(),
                title: Some("Pod".into()),
                ..Default::default()
            }],
            1800,
        )
        .unwrap();
    (db, feeds[0].id)
}

fn ingest(db: &mut Db, feed: i64, items: Vec<ParsedItem>) {
    let doc = ParsedFeed {
        title: Some("Pod".into()),
        items,
        ..Default::default()
    };
    db.ingest(
        feed,
        &doc,
        &Validators::default(),
        None,
        Limits {
            max_articles: 1000,
            max_age_days: 0,
        },
        1_700_000_000,
    )
    .unwrap();
}

fn policy(latest: Option<usize>, keep: Option<usize>) -> Vec<Policy> {
    vec![Policy {
        url: URL.into(),
        latest,
        keep,
    }]
}

fn queued_urls(db: &Db) -> Vec<String> {
    db.downloads().unwrap().into_iter().map(|d| d.url).collect()
}

#[test]
fn new_queues_only_what_arrives_after_the_setting_was_first_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, feed) = open(&dir.path().join("tidings.db"));
    let marks = dir.path().join("auto_downloads.json");
    let pods = dir.path().join("pods");
    let t = "{feed}/{date} {title}.{ext}";
    ingest(&mut db, feed, vec![item(1, 100), item(2, 200)]);
    let new = policy(Some(0), None);
    assert_eq!(
        auto::queue_new(&mut db, &marks, &new, &pods, t, 1).unwrap(),
        0
    );
    assert!(queued_urls(&db).is_empty(), "no back catalogue");
    ingest(
        &mut db,
        feed,
        vec![item(1, 100), item(2, 200), item(3, 300)],
    );
    assert_eq!(
        auto::queue_new(&mut db, &marks, &new, &pods, t, 2).unwrap(),
        1
    );
    assert_eq!(queued_urls(&db), vec!["https://pod.test/3.mp3"]);
    // Nothing new: nothing queued, and a cancelled episode does not come back.
    let id = db.downloads().unwrap()[0].id;
    db.remove_download(id).unwrap();
    assert_eq!(
        auto::queue_new(&mut db, &marks, &new, &pods, t, 3).unwrap(),
        0
    );
    assert!(queued_urls(&db).is_empty());

    // download_latest = 2: the two newest, once.
    let latest = policy(Some(2), None);
    assert_eq!(
        auto::queue_new(&mut db, &marks, &latest, &pods, t, 4).unwrap(),
        2
    );
    let mut urls = queued_urls(&db);
    urls.sort();
    assert_eq!(
        urls,
        vec!["https://pod.test/2.mp3", "https://pod.test/3.mp3"]
    );
    assert_eq!(
        auto::queue_new(&mut db, &marks, &latest, &pods, t, 5).unwrap(),
        0
    );

    // Turned off, then on again: it starts from what is stored then.
    auto::queue_new(&mut db, &marks, &[], &pods, t, 6).unwrap();
    for d in db.downloads().unwrap() {
        db.remove_download(d.id).unwrap();
    }
    assert_eq!(
        auto::queue_new(&mut db, &marks, &new, &pods, t, 7).unwrap(),
        0
    );
    assert!(queued_urls(&db).is_empty());
}

#[test]
fn feed_settings_parse_from_config_toml() {
    let config = tidings::config::parse(
        "[[feed]]\nurl = \"https://a.test/f.xml\"\ndownload = \"new\"\nkeep = 3\n\n\
         [[feed]]\nurl = \"https://b.test/f.xml\"\ndownload_latest = 2\n\n\
         [[feed]]\nurl = \"https://c.test/f.xml\"\n",
    )
    .unwrap();
    let p = auto::policies(&config.feeds);
    assert_eq!(
        p,
        vec![
            Policy {
                url: "https://a.test/f.xml".into(),
                latest: Some(0),
                keep: Some(3)
            },
            Policy {
                url: "https://b.test/f.xml".into(),
                latest: Some(2),
                keep: None
            },
        ]
    );
    assert!(
        tidings::config::parse("[[feed]]\nurl = \"https://a.test/f.xml\"\ndownload = \"all\"\n")
            .is_err()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn keep_deletes_exactly_the_older_unbookmarked_files(
        episodes in prop::collection::vec((0i64..6, any::<bool>()), 1..10),
        keep in 0usize..6,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, feed) = open(&dir.path().join("tidings.db"));
        let pods = dir.path().join("pods");
        std::fs::create_dir_all(&pods).unwrap();
        let items = episodes.iter().enumerate().map(|(n, (d, _))| item(n, 1000 + d)).collect();
        ingest(&mut db, feed, items);
        // (download id, date, bookmarked, file)
        let mut rows = Vec::new();
        for (n, (d, marked)) in episodes.iter().enumerate() {
            let article = db
                .episodes_after(feed, 0, None)
                .unwrap()
                .into_iter()
                .find(|&a| db.episode_info(a).unwrap().unwrap().title == format!("Episode {n}"))
                .unwrap();
            let file = format!("ep{n}.mp3");
            std::fs::write(pods.join(&file), b"x").unwrap();
            let id = db
                .queue_download(Some(article), &format!("https://pod.test/{n}.mp3"), &file, 1)
                .unwrap();
            db.set_download_state(id, DownloadState::Done, None, 2).unwrap();
            if *marked {
                db.apply(&[Change::Bookmark(article, true)]).unwrap();
            }
            rows.push((id, 1000 + d, *marked, file, article));
        }
        let any_article = rows[0].4;
        auto::apply_keep(&mut db, &pods, &policy(None, Some(keep)), any_article).unwrap();
        // Plain: a file goes when it is not bookmarked and `keep` or more are newer (by
        // date, then by the later download).
        for (id, date, marked, file, _) in &rows {
            let newer = rows
                .iter()
                .filter(|(i, d, ..)| (d, i) > (date, id))
                .count();
            let gone = !marked && newer >= keep;
            prop_assert_eq!(!pods.join(file).exists(), gone, "{} of {:?}", file, rows);
            prop_assert_eq!(db.download(*id).unwrap().is_none(), gone);
        }
    }
}
