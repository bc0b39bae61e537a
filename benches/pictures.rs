//! `tidings-bench pictures`: decoding a 2000x1500 JPEG and drawing it as half blocks in
//! 80x20 cells, the two CPU steps between a fetched picture and the pane.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};
use std::time::{Duration, Instant};
use tidings::pictures::decode::{DecodeLimits, decode};
use tidings::pictures::halfblocks;

const RUNS: usize = 15;

/// A photo-like picture: gradients with noise, so the JPEG is the size a news photo is.
fn photo(w: u32, h: u32) -> DynamicImage {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let img = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % 32) as u32;
        Rgb([
            ((x * 255 / w + noise) % 256) as u8,
            ((y * 255 / h + noise) % 256) as u8,
            (((x + y) * 128 / (w + h) + noise) % 256) as u8,
        ])
    });
    DynamicImage::ImageRgb8(img)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn run() {
    let picture = photo(2000, 1500);
    let mut jpeg = Vec::new();
    if let Err(e) = JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&picture) {
        println!("pictures: could not encode the test JPEG: {e}");
        return;
    }
    let limits = DecodeLimits::default();
    let mut decode_times = Vec::new();
    let mut decoded = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let image = decode(&jpeg, &limits);
        decode_times.push(start.elapsed());
        decoded = image.ok();
    }
    let Some(decoded) = decoded else {
        println!("pictures: the test JPEG did not decode");
        return;
    };
    let mut draw_times = Vec::new();
    let mut rows = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        rows = halfblocks::lines(&decoded, 80, 20).len();
        draw_times.push(start.elapsed());
    }
    println!(
        "pictures: decode 2000x1500 JPEG ({} KB, q85): median {:.1} ms of {RUNS}",
        jpeg.len() / 1024,
        median(decode_times).as_secs_f64() * 1000.0
    );
    println!(
        "pictures: half blocks into 80x20 cells ({rows} rows): median {:.2} ms of {RUNS}",
        median(draw_times).as_secs_f64() * 1000.0
    );
}

/// `tidings-bench pictures` part two: a key press (`j`, then the frame drawn) in an open
/// article of 20 paragraphs, once with 20 pictures ready under them and once without.
/// The pictures are lines like any other, so the two should cost the same.
pub fn scroll() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend};
    use std::sync::Arc;
    use tidings::app::pictures::{PictureAnswer, PictureSettings};
    use tidings::app::{App, Effect, Msg};
    use tidings::model::{ArticleBody, Feed, Headline};

    let key = |c: char| {
        Msg::Key(KeyEvent {
            code: if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            },
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    };
    let picture = {
        let mut png = std::io::Cursor::new(Vec::new());
        if photo(640, 480)
            .write_to(&mut png, image::ImageFormat::Png)
            .is_err()
        {
            println!("pictures: could not encode the test PNG");
            return;
        }
        png.into_inner()
    };
    let html = |with: bool| -> String {
        (1..=20)
            .map(|i| {
                let img = if with {
                    format!("<p><img src=\"https://pics.example/{i}.png\" alt=\"Picture {i}\"></p>")
                } else {
                    String::new()
                };
                format!("<p>Paragraph {i} of the article, long enough to wrap over more than one line of the pane, as news paragraphs do.</p>{img}")
            })
            .collect()
    };
    for with in [false, true] {
        let feed = Feed {
            id: 1,
            url: "https://pics.example/feed.xml".into(),
            title: "Pictures".into(),
            ..Feed::default()
        };
        let headline = Headline {
            id: 1,
            feed_id: 1,
            title: "Twenty pictures".into(),
            link: Some("https://pics.example/a".into()),
            author: None,
            date: 1_767_225_600,
            flags: Default::default(),
        };
        let store = tidings::store::Store::new(vec![feed], vec![headline]);
        let mut app = App::new(
            store,
            tidings::app::keymap::Keymap::default(),
            tidings::timefmt::Zone::utc(),
            1_767_225_600,
            (160, 48),
        );
        app.set_picture_settings(PictureSettings {
            on: true,
            max_rows: 12,
        });
        let mut pending: Vec<Effect> = Vec::new();
        for c in ['\n', '\n'] {
            pending.extend(app.update(key(c)));
        }
        let body = ArticleBody {
            content: Some(html(with)),
            ..ArticleBody::default()
        };
        pending.extend(app.update(Msg::Body(1, Ok(Some(body)))));
        // Every picture answered, as the runner would, while reading down the article.
        for _ in 0..400 {
            while let Some(effect) = pending.pop() {
                if let Effect::LoadPicture { url, cols, rows } = effect {
                    let shown = tidings::pictures::shown::prepare(
                        &picture,
                        cols,
                        rows,
                        None,
                        &tidings::pictures::decode::DecodeLimits::default(),
                    );
                    let answer = PictureAnswer {
                        url,
                        cols,
                        rows,
                        result: shown.map(Arc::new).map_err(|e| e.to_string()),
                    };
                    pending.extend(app.update(Msg::Picture(Box::new(answer))));
                }
            }
            pending.extend(app.update(key('j')));
        }
        pending.extend(app.update(key('g')));
        let lines = app
            .article()
            .and_then(|a| a.rendered.as_ref())
            .map_or(0, |r| r.lines.len());
        let mut term = match Terminal::new(TestBackend::new(160, 48)) {
            Ok(t) => t,
            Err(e) => {
                println!("pictures: {e}");
                return;
            }
        };
        let (mut keys, mut frames) = (Vec::new(), Vec::new());
        for i in 0..300 {
            let start = Instant::now();
            let _ = app.update(key(if (i / 100) % 2 == 0 { 'j' } else { 'k' }));
            let drawn = Instant::now();
            let _ = term.draw(|f| tidings::ui::render(&app, f));
            keys.push(drawn - start);
            frames.push(drawn.elapsed());
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let worst = |t: &[Duration]| t.iter().max().copied().unwrap_or_default();
        println!(
            "pictures: article of {lines} lines {}: key press median {:.3} ms, worst {:.3} ms; frame median {:.3} ms, worst {:.3} ms ({} presses)",
            if with {
                "with 20 pictures"
            } else {
                "without pictures"
            },
            ms(median(keys.clone())),
            ms(worst(&keys)),
            ms(median(frames.clone())),
            ms(worst(&frames)),
            keys.len()
        );
    }
}
