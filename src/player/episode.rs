//! Which enclosure of an article plays, and how a video one is handed to `video_player`.

use crate::model::Enclosure;

/// File endings of video enclosures whose feed gave no (or a generic) type.
const VIDEO_ENDINGS: [&str; 5] = [".mp4", ".webm", ".mkv", ".mov", ".m4v"];

fn mime(e: &Enclosure) -> &str {
    e.mime.as_deref().unwrap_or("")
}

/// The path of the URL, lower case, without query or fragment.
fn path_lower(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.path().to_ascii_lowercase())
        .unwrap_or_else(|_| url.to_ascii_lowercase())
}

pub fn is_video(e: &Enclosure) -> bool {
    let m = mime(e);
    if m.starts_with("video/") {
        return true;
    }
    if m.starts_with("audio/") {
        return false;
    }
    let path = path_lower(&e.url);
    VIDEO_ENDINGS.iter().any(|end| path.ends_with(end))
}

/// The episode of an article with several enclosures: the first audio one, else the first
/// that is not an image (a video, or one of unknown type).
pub fn playable(enclosures: &[Enclosure]) -> Option<&Enclosure> {
    enclosures
        .iter()
        .find(|e| mime(e).starts_with("audio/"))
        .or_else(|| enclosures.iter().find(|e| !mime(e).starts_with("image/")))
}

/// `video_player` with `{url}` (the enclosure's URL) and `{file}` (the downloaded file, or
/// the URL when there is none) filled in; without either placeholder the target is added
/// last. Arguments stay arguments: no shell.
pub fn video_argv(template: &[String], url: &str, target: &str) -> Vec<String> {
    use crate::share::command::{substitute, uses};
    // One pass per argument, as share targets are filled: a URL holding `{file}` stays so.
    let mut argv = substitute(template, |name| match name {
        "url" => Some(url.to_string()),
        "file" => Some(target.to_string()),
        _ => None,
    });
    if argv.is_empty() {
        argv.push("mpv".into());
    }
    if !uses(template, "{url}") && !uses(template, "{file}") {
        argv.push(target.to_string());
    }
    argv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(url: &str, mime: Option<&str>) -> Enclosure {
        Enclosure {
            url: url.into(),
            mime: mime.map(str::to_string),
            length: None,
            duration_secs: None,
        }
    }

    #[test]
    fn the_audio_enclosure_plays_and_videos_are_told_apart() {
        let list = [
            enc("https://h/cover.jpg", Some("image/jpeg")),
            enc("https://h/v.mp4", None),
            enc("https://h/a.mp3", Some("audio/mpeg")),
        ];
        assert_eq!(
            playable(&list).map(|e| e.url.as_str()),
            Some("https://h/a.mp3")
        );
        assert_eq!(
            playable(&list[..2]).map(|e| e.url.as_str()),
            Some("https://h/v.mp4")
        );
        assert!(playable(&list[..1]).is_none());
        assert!(is_video(&list[1]));
        assert!(is_video(&enc("https://h/x?f=1", Some("video/webm"))));
        assert!(!is_video(&list[2]));
        assert!(is_video(&enc(
            "https://h/Show.MKV?x=1",
            Some("application/octet-stream")
        )));
    }

    #[test]
    fn the_video_player_gets_the_target_as_an_argument() {
        let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            video_argv(&t(&["mpv"]), "https://h/v.mp4", "/d/v.mp4"),
            t(&["mpv", "/d/v.mp4"])
        );
        assert_eq!(
            video_argv(&t(&["vlc", "--x", "{url}"]), "https://h/v.mp4", "/d/v.mp4"),
            t(&["vlc", "--x", "https://h/v.mp4"])
        );
        assert_eq!(
            video_argv(&t(&["p", "{file}; rm -rf ~"]), "u", "f"),
            t(&["p", "f; rm -rf ~"])
        );
        // What is put in is not filled in again.
        assert_eq!(
            video_argv(&t(&["p", "{url}"]), "https://h/{file}", "f"),
            t(&["p", "https://h/{file}"])
        );
    }
}
