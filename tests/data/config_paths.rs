//! Where tidings keeps its files. The environment is passed in, so these tests never touch
//! (or race on) the process environment.
#![cfg(not(any(target_os = "macos", target_os = "windows")))]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tidings::paths::Paths;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn xdg_variables_are_honoured() {
    let p = Paths::resolve_with(
        env(&[
            ("HOME", "/home/u"),
            ("XDG_CONFIG_HOME", "/xdg/config"),
            ("XDG_DATA_HOME", "/xdg/data"),
            ("XDG_STATE_HOME", "/xdg/state"),
            ("XDG_CACHE_HOME", "/xdg/cache"),
        ]),
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        p.config_file,
        PathBuf::from("/xdg/config/tidings/config.toml")
    );
    assert_eq!(p.data_dir, PathBuf::from("/xdg/data/tidings"));
    assert_eq!(p.log_dir, PathBuf::from("/xdg/state/tidings"));
    assert_eq!(p.cache_dir, PathBuf::from("/xdg/cache/tidings"));
    assert_eq!(p.db_file(), PathBuf::from("/xdg/data/tidings/tidings.db"));
}

#[test]
fn unset_empty_or_relative_xdg_variables_fall_back_to_home() {
    let p = Paths::resolve_with(
        env(&[
            ("HOME", "/home/u"),
            ("XDG_CONFIG_HOME", ""),
            ("XDG_DATA_HOME", "relative/data"),
        ]),
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        p.config_file,
        PathBuf::from("/home/u/.config/tidings/config.toml")
    );
    assert_eq!(p.data_dir, PathBuf::from("/home/u/.local/share/tidings"));
    assert_eq!(p.log_dir, PathBuf::from("/home/u/.local/state/tidings"));
    assert_eq!(p.cache_dir, PathBuf::from("/home/u/.cache/tidings"));
}

#[test]
fn overrides_win_and_data_dir_override_keeps_logs_with_it() {
    let p = Paths::resolve_with(
        env(&[("HOME", "/home/u"), ("XDG_STATE_HOME", "/xdg/state")]),
        Some(Path::new("/etc/my.toml")),
        Some(Path::new("/tmp/profile")),
    )
    .unwrap();
    assert_eq!(p.config_file, PathBuf::from("/etc/my.toml"));
    assert_eq!(p.data_dir, PathBuf::from("/tmp/profile"));
    assert_eq!(p.log_dir, PathBuf::from("/tmp/profile/logs"));
    assert_eq!(p.cache_dir, PathBuf::from("/tmp/profile/cache"));
    assert_eq!(p.db_file(), PathBuf::from("/tmp/profile/tidings.db"));
}

#[test]
fn config_override_alone_keeps_xdg_data() {
    let p = Paths::resolve_with(
        env(&[("HOME", "/home/u")]),
        Some(Path::new("/etc/my.toml")),
        None,
    )
    .unwrap();
    assert_eq!(p.config_file, PathBuf::from("/etc/my.toml"));
    assert_eq!(p.data_dir, PathBuf::from("/home/u/.local/share/tidings"));
    assert_eq!(p.log_dir, PathBuf::from("/home/u/.local/state/tidings"));
}

#[test]
fn both_overrides_need_no_home() {
    let p = Paths::resolve_with(
        env(&[]),
        Some(Path::new("/c/config.toml")),
        Some(Path::new("/d")),
    )
    .unwrap();
    assert_eq!(p.log_dir, PathBuf::from("/d/logs"));
}
