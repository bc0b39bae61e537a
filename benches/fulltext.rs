//! `tidings-bench fulltext`: extracting the article from a 300 KB news page (issue 13's
//! budget: 20 ms), and drawing it as the pane does.
//!
//! The page is the tabloid test page grown the way real pages are: a long article, an
//! inline script of page state, a mega-menu, and rows of teasers and comments.

use std::time::{Duration, Instant};
use tidings::fulltext::{self, Rules};

const TABLOID: &str = include_str!("../tests/fixtures/pages/tabloid.html");
const TARGET: usize = 300 * 1024;

/// The tabloid page grown to about 300 KB.
pub fn page() -> String {
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!(
            "<p>Paragraph {i} of the story: neighbours in Barnsley said the win was the talk of \
             the street, and the newsagent has put a sign in the window to say so. Edna's \
             grandson has promised to help her with the paperwork before the holiday.</p>\n"
        ));
    }
    let mut menu = String::from("<nav class=\"mega-menu\"><ul>");
    for i in 0..400 {
        menu.push_str(&format!(
            "<li class=\"menu-item\"><a href=\"/section/{i}\" data-track=\"nav-{i}\">Section {i}</a></li>"
        ));
    }
    menu.push_str("</ul></nav>");
    let mut page = TABLOID
        .replace(
            "<div class=\"newsletter-signup\">",
            &format!("{body}<div class=\"newsletter-signup\">"),
        )
        .replace(
            "<div class=\"page\">",
            &format!("{menu}<div class=\"page\">"),
        );
    let mut teasers = String::from("<section class=\"related-articles\">");
    let mut state = String::from("<script>window.__STATE__={\"articles\":[");
    let mut i = 0;
    while page.len() + teasers.len() + state.len() < TARGET {
        teasers.push_str(&format!(
            "<div class=\"teaser\"><a href=\"/news/{i}\"><img src=\"/t/{i}.jpg\" alt=\"\">\
             <span class=\"teaser-title\">Teaser headline number {i} about a thing that happened</span>\
             </a><span class=\"comment-count\"><i class=\"icon icon-comment\"></i> {i}</span></div>\n"
        ));
        state.push_str(&format!(
            "{{\"id\":{i},\"title\":\"Teaser headline number {i}\",\"url\":\"/news/{i}\",\"tags\":[\"a\",\"b\"]}},"
        ));
        i += 1;
    }
    teasers.push_str("</section>");
    state.push_str("{}]};</script>");
    page = page.replace("<footer>", &format!("{teasers}{state}<footer>"));
    page
}

/// The median of `runs` timings of `f`, in ms.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2].as_secs_f64() * 1000.0
}

pub fn bench_fulltext() {
    let page = page();
    let url = "https://klaxon.example/news/pensioner-scratchcard";
    // Where the time goes: building the tree alone, and readability alone on it.
    let parse = median(30, || {
        std::hint::black_box(dom_query::Document::from(page.as_str()));
    });
    let readability = median(30, || {
        let doc = dom_query::Document::from(page.as_str());
        let mut r = dom_smoothie::Readability::with_document(doc, Some(url), None)
            .expect("an absolute URL");
        std::hint::black_box(r.parse().ok());
    });
    println!(
        "fulltext: parsing the page {parse:.1} ms; parsing and readability alone {readability:.1} ms"
    );
    let mut times = Vec::new();
    let mut html = String::new();
    for _ in 0..30 {
        let start = Instant::now();
        let ex = fulltext::extract(page.as_bytes(), url, Some("text/html"), &Rules::default());
        times.push(start.elapsed());
        html = ex.map(|e| e.html).unwrap_or_default();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "fulltext: a {} KB page: extract median {:.1} ms, min {:.1} ms, max {:.1} ms (30 runs); article HTML {} KB{}",
        page.len() / 1024,
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        html.len() / 1024,
        // The figure is only meaningful for the right answer.
        if html.contains("Paragraph 39") && !html.contains("Teaser headline") {
            ""
        } else {
            " (WRONG ARTICLE)"
        }
    );
}
