//! Where files live: config in $XDG_CONFIG_HOME/tidings, data in $XDG_DATA_HOME/tidings,
//! logs in $XDG_STATE_HOME/tidings, pictures in $XDG_CACHE_HOME/tidings; `--config` and
//! `--data-dir` override.

use std::path::{Path, PathBuf};

const APP: &str = "tidings";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
    /// What can be fetched again (pictures): safe to delete at any time.
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The paths for this process, from the real environment. See [`Paths::resolve_with`].
    pub fn resolve(
        config_override: Option<&Path>,
        data_override: Option<&Path>,
    ) -> Result<Paths, PathsError> {
        Self::resolve_with(
            |name| std::env::var(name).ok(),
            config_override,
            data_override,
        )
    }

    /// The paths given a way to read environment variables (tests pass a map, so they
    /// never race on the process environment).
    ///
    /// - config file: `config_override`, else `$XDG_CONFIG_HOME/tidings/config.toml`
    ///   (`~/.config/tidings/config.toml` when the variable is unset, empty or relative).
    /// - data dir: `data_override`, else `$XDG_DATA_HOME/tidings` (`~/.local/share/tidings`).
    /// - log dir: `<data dir>/logs` when `--data-dir` is given, so a separate data dir
    ///   (a test run, a second profile) keeps its logs with it and never writes into the
    ///   user's real state dir; else `$XDG_STATE_HOME/tidings` (`~/.local/state/tidings`).
    /// - cache dir: `<data dir>/cache` when `--data-dir` is given, for the same reason; else
    ///   `$XDG_CACHE_HOME/tidings` (`~/.cache/tidings`).
    ///
    /// On macOS and Windows the platform directories from the `directories` crate are used
    /// instead of XDG ones; they have no state dir, so logs go to `<data dir>/logs`.
    ///
    /// The home directory is only needed for what is not overridden; both overrides together
    /// resolve without one.
    pub fn resolve_with(
        env: impl Fn(&str) -> Option<String>,
        config_override: Option<&Path>,
        data_override: Option<&Path>,
    ) -> Result<Paths, PathsError> {
        let base = Base { env: &env };
        let config_file = match config_override {
            Some(p) => p.to_path_buf(),
            None => base.config_home()?.join(APP).join("config.toml"),
        };
        let (data_dir, log_dir, cache_dir) = match data_override {
            Some(d) => (d.to_path_buf(), d.join("logs"), d.join("cache")),
            None => {
                let data_dir = base.data_home()?.join(APP);
                let log_dir = match base.state_home()? {
                    Some(state) => state.join(APP),
                    None => data_dir.join("logs"),
                };
                let cache_dir = base.cache_home()?.join(APP);
                (data_dir, log_dir, cache_dir)
            }
        };
        Ok(Paths {
            config_file,
            data_dir,
            log_dir,
            cache_dir,
        })
    }

    pub fn db_file(&self) -> PathBuf {
        self.data_dir.join("tidings.db")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathsError {
    /// A default location is needed and there is no home directory to put it under.
    #[error("{}", crate::t!("error-no-home"))]
    NoHome,
}

struct Base<'a, F: Fn(&str) -> Option<String>> {
    env: &'a F,
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
impl<F: Fn(&str) -> Option<String>> Base<'_, F> {
    fn config_home(&self) -> Result<PathBuf, PathsError> {
        self.xdg("XDG_CONFIG_HOME", ".config")
    }

    fn data_home(&self) -> Result<PathBuf, PathsError> {
        self.xdg("XDG_DATA_HOME", ".local/share")
    }

    fn state_home(&self) -> Result<Option<PathBuf>, PathsError> {
        self.xdg("XDG_STATE_HOME", ".local/state").map(Some)
    }

    fn cache_home(&self) -> Result<PathBuf, PathsError> {
        self.xdg("XDG_CACHE_HOME", ".cache")
    }

    /// The XDG Base Directory rule: the variable if it holds an absolute path, else a
    /// directory under home.
    fn xdg(&self, var: &str, fallback: &str) -> Result<PathBuf, PathsError> {
        match absolute((self.env)(var)) {
            Some(dir) => Ok(dir),
            None => Ok(self.home()?.join(fallback)),
        }
    }

    fn home(&self) -> Result<PathBuf, PathsError> {
        absolute((self.env)("HOME"))
            // HOME unset (some service managers): the password database knows.
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
            .ok_or(PathsError::NoHome)
    }
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn absolute(value: Option<String>) -> Option<PathBuf> {
    value
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && !p.as_os_str().is_empty())
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
impl<F: Fn(&str) -> Option<String>> Base<'_, F> {
    fn dirs(&self) -> Result<directories::BaseDirs, PathsError> {
        let _ = self.env;
        directories::BaseDirs::new().ok_or(PathsError::NoHome)
    }

    fn config_home(&self) -> Result<PathBuf, PathsError> {
        Ok(self.dirs()?.config_dir().to_path_buf())
    }

    fn data_home(&self) -> Result<PathBuf, PathsError> {
        Ok(self.dirs()?.data_local_dir().to_path_buf())
    }

    fn state_home(&self) -> Result<Option<PathBuf>, PathsError> {
        Ok(self.dirs()?.state_dir().map(Path::to_path_buf))
    }

    fn cache_home(&self) -> Result<PathBuf, PathsError> {
        Ok(self.dirs()?.cache_dir().to_path_buf())
    }
}
