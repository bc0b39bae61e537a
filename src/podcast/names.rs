//! Where a downloaded episode goes: the download folder, and a relative path made from the
//! `filename` template. Everything from the feed (feed name, title, URL, MIME type) is
//! hostile here: each piece becomes one safe file-name component, so no value can climb
//! out of the folder, name a device, hide as a dot file, pass for an option, or carry a
//! terminal escape into a listing.

use std::path::{Path, PathBuf};

/// The default `filename` template.
pub const DEFAULT_TEMPLATE: &str = "{feed}/{date} {title}.{ext}";

/// Most bytes of one component before the extension. Linux allows 255 a name; the rest
/// is room for ` (12345)`, the extension and `.part`.
const MAX_STEM_BYTES: usize = 180;
/// Extensions longer than this are not extensions (`.php?id=…`, random tokens).
const MAX_EXT_LEN: usize = 5;
/// Names Windows (and so FAT and SMB shares) reserves, with any extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// What the template is filled with.
#[derive(Clone, Debug, Default)]
pub struct Episode<'a> {
    pub feed: &'a str,
    pub title: &'a str,
    /// Unix seconds, UTC.
    pub date: Option<i64>,
    pub url: &'a str,
    pub mime: Option<&'a str>,
}

/// The download folder: `configured` (with `~/` for home) if set, else
/// `$XDG_MUSIC_DIR/tidings` if that variable holds an absolute path, else `podcasts` in
/// the data folder (`$XDG_DATA_HOME/tidings/podcasts`).
pub fn download_dir(
    configured: &str,
    env: impl Fn(&str) -> Option<String>,
    data_dir: &Path,
) -> PathBuf {
    let configured = configured.trim();
    let home = || env("HOME").map(PathBuf::from).filter(|h| h.is_absolute());
    if !configured.is_empty() {
        if configured == "~"
            && let Some(h) = home()
        {
            return h;
        }
        if let (Some(rest), Some(h)) = (configured.strip_prefix("~/"), home()) {
            return h.join(rest);
        }
        return PathBuf::from(configured);
    }
    if let Some(music) = env("XDG_MUSIC_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return music.join("tidings");
    }
    data_dir.join("podcasts")
}

/// The episode's path relative to the download folder, before collisions are numbered.
/// Each `/`-separated part of the template is one component; placeholders are `{feed}`,
/// `{title}`, `{date}` (YYYY-MM-DD, UTC), `{ext}`. A template whose last part leaves out
/// `{ext}` still gets the extension, so players recognise the file.
pub fn relative_path(template: &str, episode: &Episode<'_>) -> PathBuf {
    let template = if template.trim().is_empty() {
        DEFAULT_TEMPLATE
    } else {
        template
    };
    let ext = extension(episode.url, episode.mime);
    let date = episode
        .date
        .and_then(|d| chrono::DateTime::from_timestamp(d, 0))
        .map_or_else(
            || "undated".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
    let feed = component(episode.feed, "feed");
    let title = component(episode.title, "episode");
    let parts: Vec<&str> = template
        .split(['/', '\\'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut path = PathBuf::new();
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let filled = part
            .replace("{feed}", &feed)
            .replace("{title}", &title)
            .replace("{date}", &date);
        if i == last {
            let stem = filled
                .strip_suffix(".{ext}")
                .unwrap_or(&filled)
                .replace("{ext}", &ext);
            path.push(format!("{}.{ext}", component(&stem, "episode")));
        } else {
            path.push(component(&filled.replace("{ext}", &ext), "feed"));
        }
    }
    if parts.is_empty() {
        path.push(format!("{title}.{ext}"));
    }
    path
}

/// `rel`, or `rel` numbered ` (2)`, ` (3)` … before its extension, whichever is first not
/// `taken`. Callers compare case-insensitively, for filesystems that do.
pub fn numbered(rel: &Path, taken: impl Fn(&Path) -> bool) -> PathBuf {
    if !taken(rel) {
        return rel.to_path_buf();
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    let mut n: u64 = 2;
    loop {
        let candidate = rel.with_file_name(format!("{stem} ({n}){ext}"));
        if !taken(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// One safe file-name component from hostile text: no separators, control or invisible
/// formatting characters; no leading dot, dash or space (hidden files, options); no
/// trailing dot or space (Windows drops them, which would merge names); not a reserved
/// device name; at most [`MAX_STEM_BYTES`] bytes, cut on a character boundary.
pub fn component(text: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_STEM_BYTES));
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_whitespace() => ' ',
            c if c.is_control() || invisible(c) => continue,
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if out.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        out.push(c);
    }
    let trimmed = out
        .trim_start_matches(['.', '-', ' '])
        .trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        return fallback.to_string();
    }
    let device = trimmed.split('.').next().unwrap_or(trimmed).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        return format!("_{trimmed}");
    }
    trimmed.to_string()
}

/// Characters that render as nothing or reorder text: a name holding them can look like
/// another (`\u{202e}` turns `gpj.exe` around).
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
    )
}

/// The file's extension: the URL path's, when it looks like one, else the MIME type's,
/// else `bin`. Lowercase ASCII letters and digits only.
pub fn extension(url: &str, mime: Option<&str>) -> String {
    let from_url = url::Url::parse(url).ok().and_then(|u| {
        let last = u.path_segments()?.next_back()?.to_string();
        let (_, ext) = last.rsplit_once('.')?;
        let ok = (1..=MAX_EXT_LEN).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| ext.to_ascii_lowercase())
    });
    if let Some(ext) = from_url {
        return ext;
    }
    let mime = mime
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ext = match mime.as_str() {
        "audio/mpeg" | "audio/mp3" | "audio/mpeg3" | "audio/x-mpeg" => "mp3",
        "audio/mp4" | "audio/x-m4a" | "audio/m4a" => "m4a",
        "audio/aac" | "audio/x-aac" => "aac",
        "audio/ogg" | "application/ogg" => "ogg",
        "audio/opus" => "opus",
        "audio/flac" | "audio/x-flac" => "flac",
        "audio/wav" | "audio/x-wav" | "audio/wave" => "wav",
        "audio/webm" | "video/webm" => "webm",
        "video/mp4" => "mp4",
        "video/x-m4v" => "m4v",
        "video/quicktime" => "mov",
        "application/pdf" => "pdf",
        _ => "bin",
    };
    ext.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Component;

    fn ep<'a>(feed: &'a str, title: &'a str, url: &'a str) -> Episode<'a> {
        Episode {
            feed,
            title,
            date: Some(1_738_111_080),
            url,
            mime: None,
        }
    }

    #[test]
    fn the_default_template_names_feed_date_title_and_extension() {
        let p = relative_path(
            DEFAULT_TEMPLATE,
            &ep(
                "Harbour Gazette",
                "Storm closes the harbour",
                "https://g.test/a/storm.MP3?x=1",
            ),
        );
        assert_eq!(
            p,
            PathBuf::from("Harbour Gazette/2025-01-29 Storm closes the harbour.mp3")
        );
    }

    #[test]
    fn hostile_names_stay_inside_and_visible() {
        let p = relative_path(
            DEFAULT_TEMPLATE,
            &ep("../..", "../../.bashrc", "https://e.test/x"),
        );
        assert_eq!(p, PathBuf::from("_/2025-01-29 _.._.bashrc.bin"));
        let p = relative_path("{title}", &ep("f", "../../.bashrc", "https://e.test/x"));
        assert_eq!(p, PathBuf::from("_.._.bashrc.bin"));
        let p = relative_path("{title}", &ep("f", "..", "https://e.test/a.mp3"));
        assert_eq!(p, PathBuf::from("episode.mp3"));
        let p = relative_path(
            "/{feed}/{title}",
            &ep(
                "/etc",
                "-rf \u{1b}[2J\u{202e}3pm.exe",
                "https://e.test/a.mp3",
            ),
        );
        assert_eq!(p, PathBuf::from("_etc/rf [2J3pm.exe.mp3"));
        assert_eq!(component("nul", "x"), "_nul");
        assert_eq!(component("Com1.txt", "x"), "_Com1.txt");
        assert_eq!(component("console", "x"), "console");
        assert_eq!(component(" . ", "x"), "x");
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let title = "é".repeat(400);
        let p = relative_path("{title}", &ep("f", &title, "https://e.test/a.mp3"));
        let name = p.to_string_lossy().into_owned();
        assert!(name.len() <= MAX_STEM_BYTES + 4, "{}", name.len());
        assert!(name.ends_with("é.mp3"));
    }

    #[test]
    fn the_extension_comes_from_the_url_else_the_mime_type() {
        assert_eq!(extension("https://e.test/ep.m4a", None), "m4a");
        assert_eq!(
            extension("https://e.test/ep.php", Some("audio/mpeg")),
            "php"
        );
        assert_eq!(
            extension("https://e.test/get?id=7", Some("audio/mpeg; x=y")),
            "mp3"
        );
        assert_eq!(
            extension("https://e.test/a.verylongext", Some("audio/ogg")),
            "ogg"
        );
        assert_eq!(extension("https://e.test/a.mp3%00", None), "bin");
        assert_eq!(extension("not a url", None), "bin");
    }

    #[test]
    fn collisions_are_numbered_before_the_extension() {
        let taken = [PathBuf::from("f/a.mp3"), PathBuf::from("f/a (2).mp3")];
        let p = numbered(Path::new("f/a.mp3"), |c| taken.iter().any(|t| t == c));
        assert_eq!(p, PathBuf::from("f/a (3).mp3"));
    }

    #[test]
    fn download_dir_prefers_the_setting_then_the_music_folder() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let data = Path::new("/d/tidings");
        assert_eq!(
            download_dir("", env(&[]), data),
            PathBuf::from("/d/tidings/podcasts")
        );
        assert_eq!(
            download_dir("", env(&[("XDG_MUSIC_DIR", "/m")]), data),
            PathBuf::from("/m/tidings")
        );
        assert_eq!(
            download_dir("", env(&[("XDG_MUSIC_DIR", "rel")]), data),
            PathBuf::from("/d/tidings/podcasts")
        );
        assert_eq!(
            download_dir(
                "~/pods",
                env(&[("HOME", "/h"), ("XDG_MUSIC_DIR", "/m")]),
                data
            ),
            PathBuf::from("/h/pods")
        );
    }

    fn is_inside(p: &Path) -> bool {
        p.components().all(|c| matches!(c, Component::Normal(_)))
    }

    use proptest::prelude::*;

    fn hostile() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("..".to_string()),
                Just("/".to_string()),
                Just("\\".to_string()),
                Just(".".to_string()),
                Just("-".to_string()),
                Just(" ".to_string()),
                Just("CON".to_string()),
                Just("nul".to_string()),
                Just("\u{202e}".to_string()),
                Just("\u{1b}[31m".to_string()),
                Just("é".to_string()),
                Just("经济".to_string()),
                "[a-c]{1,3}",
                any::<char>().prop_map(String::from),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        /// For any hostile feed, title and URL, and any sequence of episodes: every path
        /// stays under the folder, holds no control character, and no two episodes share
        /// one (compared case-insensitively, as some filesystems do).
        #[test]
        fn hostile_episodes_get_distinct_paths_inside_the_folder(
            episodes in prop::collection::vec((hostile(), hostile(), hostile(), prop::option::of(hostile())), 1..12),
            template in prop_oneof![Just(DEFAULT_TEMPLATE.to_string()), Just("{title}".to_string()), Just("../{feed}/../{title}.{ext}".to_string())],
        ) {
            let mut given: Vec<PathBuf> = Vec::new();
            for (feed, title, url, mime) in &episodes {
                let e = Episode { feed, title, date: None, url: &format!("https://e.test/{url}"), mime: mime.as_deref() };
                let rel = relative_path(&template, &e);
                let lower = |p: &Path| p.to_string_lossy().to_lowercase();
                let path = numbered(&rel, |c| given.iter().any(|g| lower(g) == lower(c)));
                prop_assert!(is_inside(&path), "{:?}", path);
                let text = path.to_string_lossy().into_owned();
                prop_assert!(!text.chars().any(|c| c.is_control() || invisible(c)), "{:?}", text);
                for part in path.components() {
                    let part = part.as_os_str().to_string_lossy();
                    prop_assert!(!part.starts_with(['.', '-', ' ']), "{:?}", path);
                    prop_assert!(part.len() <= 255, "{:?}", path);
                }
                prop_assert!(!given.iter().any(|g| lower(g) == lower(&path)));
                given.push(path);
            }
        }
    }
}
