//! Article bodies as the pane and `tidings show` print them: what HTML turns into, and what
//! hostile HTML must never leave behind.

use crate::cli_env;
use crate::common;
use crate::support;

use cli_env::Env;
use common::*;
use support::{Response, TestServer};
use tidings::app::Effect;

fn plain(html: &str, width: usize) -> (String, Vec<String>) {
    let mut links = Vec::new();
    let (lines, _) = tidings::render::html_lines(html, width, &mut links);
    (tidings::render::to_plain(&lines), links)
}

/// Each way of writing an escape sequence with character references, in text and in an
/// image's alt text.
const SEQUENCES: &[&str] = &[
    "&#27;[31m",
    "&#x1b;[31m",
    "&#X1B;[1;31m",
    "&#0000027;[31m",
    "&#x9b;31m",
    "&#155;31m",
    "&#27;]52;c;UFdORUQ=&#7;",
    "&#x1b;]52;c;UFdORUQ=&#27;\\",
    "&#x9d;0;evil title&#x9c;",
    "&#27;Pq#0;2;0;0;0&#27;\\",
    "&#27;_Gf=100;AAAA&#27;&bsol;",
    "&#27;&lbrack;31m",
];

/// Pieces of the sequences above that must not survive on their own.
fn assert_no_remnant(text: &str, what: &str) {
    for bad in [
        "[31m",
        "31m",
        "52;",
        "UFdORUQ",
        "evil title",
        "#0;2",
        "Gf=100",
        "AAAA",
    ] {
        assert!(!text.contains(bad), "{what}: {bad:?} left in {text:?}");
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: control character in {text:?}"
    );
}

#[test]
fn escape_sequences_written_as_references_leave_nothing_behind() {
    for seq in SEQUENCES {
        let html = format!(
            "<p>before{seq}after</p><p><img src=\"https://img.example/a.png\" alt=\"cat{seq} photo\"></p>"
        );
        let (text, links) = plain(&html, 80);
        assert_no_remnant(&text, seq);
        assert!(text.contains("beforeafter"), "{seq}: {text}");
        assert!(text.contains("[image: cat photo]"), "{seq}: {text}");
        for l in &links {
            assert_no_remnant(l, seq);
        }
    }
}

const FEED_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback Lab</title><link>http://127.0.0.1/</link><description>x</description>"#;

fn item(guid: &str, title: &str, html: &str) -> String {
    let escaped = html
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<item><title>{title}</title><link>https://lab.example/{guid}</link><guid>{guid}</guid>\
         <pubDate>Wed, 29 Jan 2025 00:38:00 +0000</pubDate><description>{escaped}</description></item>"
    )
}

/// Serves `items` as one RSS feed on 127.0.0.1, refreshes into a real database and returns
/// `tidings show` of each article by title.
fn show_all(items: &[(&str, &str)], width: u16) -> Vec<(String, String)> {
    let mut doc = FEED_HEAD.to_string();
    for (i, (title, html)) in items.iter().enumerate() {
        doc.push_str(&item(&format!("g{i}"), title, html));
    }
    doc.push_str("</channel></rss>");
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/feed.xml" => Response::ok(doc.clone()).header("Content-Type", "application/rss+xml"),
        _ => Response::status(404),
    });
    let env = Env::new(&[]);
    let config = env.path("config.toml");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(&format!(
        "\n[[feed]]\nurl = \"{}\"\n",
        server.url("/feed.xml")
    ));
    std::fs::write(&config, text).expect("config");
    env.stdout(&["refresh"]);
    let list = env.stdout(&["list", "--json"]);
    let mut out = Vec::new();
    for row in list.lines() {
        let row: serde_json::Value = serde_json::from_str(row).expect("json");
        let id = row["id"].as_i64().expect("id").to_string();
        let title = row["title"].as_str().expect("title").to_string();
        let shown = env.run(&["show", &id, "--width", &width.to_string()]);
        assert!(shown.status.success(), "show {id}");
        out.push((title, String::from_utf8(shown.stdout).expect("utf-8")));
    }
    assert_eq!(out.len(), items.len());
    out
}

#[test]
fn show_prints_no_remnant_of_referenced_escape_sequences() {
    let bodies: Vec<(String, String)> = SEQUENCES
        .iter()
        .enumerate()
        .map(|(i, seq)| {
            (
                format!("Seq {i}"),
                format!(
                    "<p>before{seq}after</p><p><img src=\"https://img.example/a.png\" alt=\"cat{seq} photo\"></p>"
                ),
            )
        })
        .collect();
    let items: Vec<(&str, &str)> = bodies
        .iter()
        .map(|(t, b)| (t.as_str(), b.as_str()))
        .collect();
    for (title, text) in show_all(&items, 80) {
        assert_no_remnant(&text, &title);
        assert!(text.contains("beforeafter"), "{title}: {text}");
        assert!(text.contains("[image: cat photo]"), "{title}: {text}");
    }
}

/// Media and rules: a body with each of them, as a feed writes them.
const MEDIA: &str = r#"<p>Intro <a href="https://lab.example/about">about</a>.</p>
<img src="https://lab.example/img/plain.png">
<figure><img src="/img/lab.jpg" alt="A photo"><figcaption>The lab at night</figcaption></figure>
<iframe src="https://www.youtube.com/embed/abc123" width="560"></iframe>
<video src="https://lab.example/launch.mp4" title="Launch day">Your browser cannot play this.</video>
<audio controls><source src="https://lab.example/talk.mp3" type="audio/mpeg"></audio>
<hr>
<p>Unsafe: <img src="javascript:alert(1)" alt="js"> <img src="data:image/png;base64,AAAA"></p>
<p>Counter <img src="https://track.example/p.gif" width="1" height="1">end.</p>"#;

fn rendered_article(html: &str, width: u16) -> tidings::render::Rendered {
    let h = headline(1, 1, 5, "Media");
    let b = body(html);
    tidings::render::article(
        &tidings::render::ArticleSource {
            headline: h.parts(),
            feed_title: "Lab",
            body: &b,
            zone: tidings::timefmt::Zone::utc(),
        },
        width,
    )
}

fn assert_media_shown(text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let has = |want: &str| lines.contains(&want);
    assert!(has("[image][2]"), "an image without alt: {text}");
    assert!(has("[image: A photo][3]"), "{text}");
    assert!(has("The lab at night"), "caption on its own line: {text}");
    assert!(has("[embed: www.youtube.com][4]"), "{text}");
    assert!(has("[video: Launch day][5]"), "{text}");
    assert!(!text.contains("Your browser"), "fallback text: {text}");
    assert!(has("[audio][6]"), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.chars().count() >= 40 && l.chars().all(|c| c == '─')),
        "a rule: {text}"
    );
    assert!(text.contains("Unsafe: [image: js] [image]"), "{text}");
    assert!(text.contains("Counter end."), "no tracking pixel: {text}");
    assert!(!text.contains("[7]"), "{text}");
}

const MEDIA_LINKS: [&str; 6] = [
    "https://lab.example/about",
    "https://lab.example/img/plain.png",
    "https://lab.example/img/lab.jpg",
    "https://www.youtube.com/embed/abc123",
    "https://lab.example/launch.mp4",
    "https://lab.example/talk.mp3",
];

#[test]
fn media_elements_show_placeholders_with_numbered_links() {
    let r = rendered_article(MEDIA, 80);
    let text = tidings::render::to_plain(&r.lines);
    assert_media_shown(&text);
    // Relative sources resolve against the article's link (https://news.example/articles/1),
    // as `<a href>` does.
    assert_eq!(
        r.links,
        MEDIA_LINKS
            .iter()
            .map(|l| l.replace("lab.example/img/lab", "news.example/img/lab"))
            .collect::<Vec<_>>(),
    );
    // The placeholder is the link's text, so terminals can make it clickable.
    assert!(
        r.link_spans
            .iter()
            .any(|s| s.text == "[video: Launch day]" && s.url == "https://lab.example/launch.mp4"),
        "{:?}",
        r.link_spans
    );
}

#[test]
fn o_then_the_number_opens_an_image() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, MEDIA);
    press(&mut app, "o");
    assert_eq!(
        press(&mut app, "3"),
        vec![Effect::OpenUrl("https://news.example/img/lab.jpg".into())]
    );
}

#[test]
fn an_image_inside_a_link_is_shown_with_the_link_number() {
    let (text, links) = plain(
        r#"<p><a href="https://lab.example/full"><img src="https://lab.example/thumb.png"></a> and <a href="https://lab.example/next">next</a></p>"#,
        80,
    );
    assert_eq!(text.trim_end(), "[image][1] and next[2]");
    assert_eq!(
        links,
        ["https://lab.example/full", "https://lab.example/next"]
    );
}

#[test]
fn show_prints_media_placeholders_and_their_links() {
    let shown = show_all(&[("Media", MEDIA)], 80);
    let text = &shown[0].1;
    assert_media_shown(text);
    for (i, url) in MEDIA_LINKS.iter().enumerate() {
        assert!(
            text.contains(&format!("[{}] {url}", i + 1)),
            "[{}] {url} in {text}",
            i + 1
        );
    }
}

fn screen_text(app: &tidings::app::App) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.size().0,
        app.size().1,
    ))
    .expect("backend");
    t.draw(|f| tidings::ui::render(app, f)).expect("draw");
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

const LISTS: &str = "<ul><li>Harbour works close the north quay from Monday while the cranes \
    are replaced one by one</li><li>Short</li></ul>\
    <blockquote><p>A quoted paragraph long enough to wrap onto a second line in the pane</p></blockquote>";

#[test]
fn wrapped_bullets_and_quotes_line_up_on_screen() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    answer_bodies(&mut app, &fx, LISTS);
    let rows = screen_text(&app);
    let first = rows
        .iter()
        .position(|r| r.contains("• Harbour works"))
        .unwrap_or_else(|| panic!("bullet shown:\n{}", rows.join("\n")));
    // Columns, not bytes: `•` is three bytes.
    let col = |row: &str, at: usize| row[..at].chars().count();
    let text_col = col(&rows[first], rows[first].find("Harbour").expect("col"));
    let next = &rows[first + 1];
    let cont_col = col(next, next.find(|c: char| c != ' ').expect("continuation"));
    assert_eq!(
        cont_col, text_col,
        "continuation aligns with the text after the bullet:\n{}\n{}",
        rows[first], next
    );
    assert!(
        rows.iter().any(|r| r.contains("│ A quoted paragraph")),
        "a quote renders:\n{}",
        rows.join("\n")
    );
}

#[test]
fn wrapped_list_items_use_the_whole_width() {
    let (text, _) = plain(
        "<ul><li>aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm</li></ul>",
        40,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "• aaaa bbbb cccc dddd eeee ffff gggg");
    assert_eq!(lines[1], "  hhhh iiii jjjj kkkk llll mmmm");
    let (text, _) = plain("<blockquote><p>quoted</p></blockquote>", 40);
    assert_eq!(text, "│ quoted\n");
}

const LONG_URL: &str = "https://archive.lab.example/2025/01/29/reports/harbour/storm-surge-measurements-by-the-hour.html?source=feed&utm_campaign=winter-storms";

#[test]
fn long_urls_wrap_in_the_links_list_and_stay_whole() {
    let html = format!("<p>Read <a href=\"{LONG_URL}\">the report</a>.</p>");
    let r = rendered_article(&html, 78);
    let text = tidings::render::to_plain(&r.lines);
    let at = text.find("[1] ").expect("links list");
    let list: Vec<&str> = text[at..].lines().collect();
    assert!(list.len() >= 2, "{text}");
    for l in &list {
        assert!(l.chars().count() <= 78, "{l:?} in\n{text}");
    }
    // Continuation lines start under the URL, and the pieces are the URL.
    let joined: String = list
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                &l[4..]
            } else {
                l.strip_prefix("    ").expect("indent")
            }
        })
        .collect();
    assert_eq!(joined, LONG_URL);
    // Each piece is a region of the same link.
    let pieces: Vec<_> = r.link_spans.iter().filter(|s| s.url == LONG_URL).collect();
    assert!(pieces.len() >= list.len(), "{pieces:?}");
}

#[test]
fn long_urls_are_all_on_screen_at_80_columns() {
    let mut app = app(80, 24);
    let fx = press(&mut app, "\n\n");
    let html = format!("<p>Read <a href=\"{LONG_URL}\">the report</a>.</p>");
    answer_bodies(&mut app, &fx, &html);
    press(&mut app, "G");
    let rows = screen_text(&app);
    let at = rows
        .iter()
        .position(|r| r.contains("[1] https://archive"))
        .unwrap_or_else(|| panic!("links list on screen:\n{}", rows.join("\n")));
    let shown: String = rows[at..]
        .iter()
        .take_while(|r| r.contains("[1] ") || r.starts_with("     "))
        .map(|r| {
            r.trim_end_matches([' ', '█', '║', '│'])
                .trim_start()
                .trim_start_matches("[1] ")
        })
        .collect();
    assert_eq!(shown, LONG_URL, "\n{}", rows.join("\n"));
}

/// Media elements without their end tag: looking for `</video>` from each of them again
/// was quadratic (20,000 unclosed `<iframe>`s: seconds before html2text even started).
#[test]
fn unclosed_media_floods_are_rewritten_in_linear_time() {
    for tag in [
        "<video src=v.mp4>x ",
        "<iframe src=https://e.example/>x ",
        "<audio>",
    ] {
        let html = tag.repeat(40_000);
        let start = common::CpuTimer::start();
        let out = tidings::html_media::rewrite(&html);
        let took = start.elapsed();
        assert!(out.len() >= html.len() / 2);
        assert!(
            took < std::time::Duration::from_secs(4),
            "{took:?} for {tag}"
        );
        let (text, _) = plain(&tag.repeat(500), 80);
        assert!(!text.is_empty());
    }
}

/// The pane draws pictures under these lines: every `<img>` with an http(s) address (a
/// relative one resolved), none for blocked schemes or tracking pixels, nor for video,
/// audio and embeds.
#[test]
fn picture_slots_are_the_images_with_http_addresses() {
    let r = rendered_article(MEDIA, 100);
    let text = tidings::render::to_plain(&r.lines);
    let lines: Vec<&str> = text.lines().collect();
    let slots: Vec<(&str, &str)> = r
        .pictures
        .iter()
        .map(|s| (lines[s.line].trim_end(), s.url.as_str()))
        .collect();
    assert_eq!(
        slots,
        [
            ("[image][2]", "https://lab.example/img/plain.png"),
            ("[image: A photo][3]", "https://news.example/img/lab.jpg"),
        ],
        "{text}"
    );
}

/// The feed's own picture (media:thumbnail …) leads the text, numbered after the body's
/// links so `o N` opens it; not twice when the body shows it already.
#[test]
fn the_feeds_picture_leads_unless_the_text_shows_it() {
    let h = headline(1, 1, 5, "Lead");
    let draw = |html: &str, picture: &str| {
        let mut b = body(html);
        b.picture = Some(picture.to_string());
        tidings::render::article(
            &tidings::render::ArticleSource {
                headline: h.parts(),
                feed_title: "Lab",
                body: &b,
                zone: tidings::timefmt::Zone::utc(),
            },
            100,
        )
    };
    let r = draw(
        r#"<p>Text with <a href="https://lab.example/x">a link</a>.</p>"#,
        "https://cdn.example/lead.jpg",
    );
    let text = tidings::render::to_plain(&r.lines);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let rule = lines.iter().position(|l| l.starts_with('─')).expect("rule");
    assert_eq!(lines[rule + 1], "[picture][2]", "{text}");
    assert_eq!(r.pictures.len(), 1);
    assert_eq!(r.pictures[0].line, rule + 1);
    assert_eq!(r.pictures[0].url, "https://cdn.example/lead.jpg");
    assert_eq!(
        r.links,
        ["https://lab.example/x", "https://cdn.example/lead.jpg"]
    );
    assert!(lines[rule + 2].starts_with("Text with a link[1]"), "{text}");

    let r = draw(
        r#"<p><img src="https://cdn.example/lead.jpg" alt="Same"></p>"#,
        "https://cdn.example/lead.jpg",
    );
    assert_eq!(r.pictures.len(), 1, "{:?}", r.pictures);
    assert!(!tidings::render::to_plain(&r.lines).contains("[picture]"));

    let r = draw("<p>x</p>", "javascript:alert(1)");
    assert!(r.pictures.is_empty());
}
