//! The user's language: every user-visible string comes from a Fluent catalog
//! (assets/i18n/<language>/tidings.ftl) through [`t!`](crate::t), which checks the message id and
//! its arguments against the English catalog at compile time.
//!
//! One loader per language, built on first use. The language is chosen once at startup
//! ([`set`]); tests pick one per thread ([`with`]) so that English and Russian screens can be
//! checked side by side.
//!
//! Arguments: counts go in as numbers (plurals select on them, and they are shown grouped as the
//! language groups digits: `20,000`, `20 000`); everything else goes in as a string, so that a
//! year, a port or a process id is never grouped.

pub mod dates;
mod numbers;
#[cfg(test)]
mod scan;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::FluentLanguageLoader;
use rust_embed::RustEmbed;
use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(RustEmbed)]
#[folder = "assets/i18n/"]
struct Catalogs;

/// The languages tidings speaks. Adding one: a catalog file, a value here, its code in
/// [`Lang::code`]; the catalog test then says what is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// `ru`, `ru_RU.UTF-8`, `ru-RU`, `RU`: the language part decides. None for a language
    /// tidings does not speak (and for `C`/`POSIX`, which mean "no translation").
    pub fn from_code(code: &str) -> Option<Lang> {
        let lang = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == lang)
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Ru => 1,
        }
    }

    fn from_index(i: u8) -> Lang {
        if i == 1 { Lang::Ru } else { Lang::En }
    }
}

/// The language the environment asks for, as gettext reads it: the first set of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` decides; a language tidings does not have means English.
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| var(k).filter(|v| !v.is_empty()))
        .next()
        .and_then(|v| Lang::from_code(&v))
        .unwrap_or(Lang::En)
}

/// `language` from the config wins over the environment; an unknown value there is reported
/// by config validation and falls back to the environment.
pub fn choose(configured: Option<&str>) -> Lang {
    configured
        .and_then(Lang::from_code)
        .unwrap_or_else(|| from_env(|k| std::env::var(k).ok()))
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language for the whole process (at startup, before anything is drawn).
pub fn set(lang: Lang) {
    CURRENT.store(lang.index(), Ordering::Relaxed);
}

/// The language strings are being made in now.
pub fn current() -> Lang {
    OVERRIDE
        .with(|o| o.get())
        .unwrap_or_else(|| Lang::from_index(CURRENT.load(Ordering::Relaxed)))
}

/// Runs `f` with this thread speaking `lang` (tests, and one-off strings in another language).
pub fn with<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    // Restored on unwind too: a failing test must not leave its thread in another language.
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// The catalog of the current language; [`t!`](crate::t) reads through this.
pub fn loader() -> &'static FluentLanguageLoader {
    // One per language, built when first spoken: an English session never parses Russian.
    static LOADERS: [OnceLock<FluentLanguageLoader>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    let lang = current();
    LOADERS[lang.index() as usize].get_or_init(|| build(lang))
}

fn build(lang: Lang) -> FluentLanguageLoader {
    let fallback = Lang::En.code().parse().unwrap_or_default();
    let loader = FluentLanguageLoader::new("tidings", fallback);
    let id = lang.code().parse().unwrap_or_default();
    // The catalogs are compiled in; the catalog tests load every one of them.
    if let Err(e) = loader.load_languages(&Catalogs, &[id]) {
        tracing::error!("catalog {}: {e}", lang.code());
    }
    // Fluent wraps every argument in U+2068/U+2069 by default; terminals give those a width
    // and they would break every column.
    loader.set_use_isolating(false);
    loader.with_bundles_mut(|b| match lang {
        Lang::En => b.set_formatter(Some(numbers::english)),
        Lang::Ru => b.set_formatter(Some(numbers::russian)),
    });
    loader
}

/// `value` with `places` decimals as the current language writes it (`0.25`, `0,25`), for
/// figures shown in columns (durations, speeds) that are not counts.
pub fn decimal(value: f64, places: usize) -> String {
    let plain = format!("{value:.places$}");
    match current() {
        Lang::En => plain,
        Lang::Ru => plain.replace('.', ","),
    }
}

/// The raw text of a catalog, for the tests that compare catalogs.
pub fn catalog_source(lang: Lang) -> Option<String> {
    let file = Catalogs::get(&format!("{}/tidings.ftl", lang.code()))?;
    String::from_utf8(file.data.into_owned()).ok()
}

/// A user-visible string from the catalog of the current language:
/// `t!("sync-failed", error = e.to_string())`, `t!("articles", count = n)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    // Each value in parentheses: fl! writes `value.into()`, which would bind `*n` as `*(n.into())`.
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id, $($name = ($value)),+)
    };
}

#[cfg(test)]
mod tests;
