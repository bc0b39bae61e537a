//! Everything a key can do. The snake_case names are the config vocabulary (`[keys]`,
//! `[keys.help]`, `[keys.prompt]` …).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    Cancel,
    Quit,
    SwitchPane,
    NextArticle,
    PrevArticle,
    NextUnread,
    ToggleRead,
    MarkAllRead,
    Undo,
    DeleteArticle,
    RenameFeed,
    MoveFeedUp,
    MoveFeedDown,
    ToggleBookmark,
    Download,
    ShowDownloads,
    ShowBookmarks,
    CycleSort,
    Search,
    Filter,
    PrevMatch,
    EditTags,
    RefreshFeed,
    RefreshAll,
    ReloadConfig,
    OpenInBrowser,
    CopyLink,
    Share,
    ShowQr,
    PipeTo,
    Help,
    Redraw,
    Maximize,
    FullText,
    NarrowList,
    WidenList,
    // The player's (`app::player`): they work on every screen while something plays.
    Play,
    StopPlayer,
    StepBack,
    StepForward,
    PrevChapter,
    NextChapter,
    SpeedDown,
    SpeedUp,
    VolumeDown,
    VolumeUp,
    Mute,
    Enqueue,
    // The actions below belong to the modes on top (help, menus, prompts); normal mode
    // has none of them, and they share the vocabulary above where the meaning is the same.
    Close,
    Submit,
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    Yes,
    // The Downloads screen.
    PauseDownload,
    CancelDownload,
    RetryDownload,
    DeleteDownload,
}

impl Action {
    /// The name used in config.toml.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
    }
}
