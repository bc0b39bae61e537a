//! Where files live: config in $XDG_CONFIG_HOME/tidings, data in $XDG_DATA_HOME/tidings,
//! logs in $XDG_STATE_HOME/tidings; `--config` and `--data-dir` override.

use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    pub fn resolve(config_override: Option<&Path>, data_override: Option<&Path>) -> Result<Paths, String> {
        let _ = (config_override, data_override);
        todo!("H3")
    }

    pub fn db_file(&self) -> PathBuf {
        self.data_dir.join("tidings.db")
    }
}
