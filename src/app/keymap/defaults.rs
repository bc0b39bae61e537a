//! The default bindings of every mode, in the order help shows them: one table per mode
//! (what is on top decides which table a key is looked up in).

use super::KeyMode;
use crate::app::action::Action;

/// One default binding: the action, its keys, and the catalog id of what help and README say
/// it does (looked up when shown, so help speaks the language of the moment).
pub type Row = (Action, &'static [&'static str], &'static str);

/// The default bindings, in the order help shows them.
/// Normal mode: the lists and the article.
pub const DEFAULTS: &[Row] = &[
    (Action::Down, &["j", "Down"], "action-down"),
    (Action::Up, &["k", "Up"], "action-up"),
    (
        Action::PageDown,
        &["PageDown", "ctrl-d", "Space"],
        "action-page-down",
    ),
    (Action::PageUp, &["PageUp", "ctrl-u"], "action-page-up"),
    (Action::Home, &["Home", "g"], "action-home"),
    (Action::End, &["End", "G"], "action-end"),
    (Action::Open, &["Enter", "Right"], "action-open"),
    (Action::Back, &["q", "Left"], "action-back"),
    (Action::Cancel, &["Esc"], "action-cancel"),
    (Action::Quit, &["Q"], "action-quit"),
    (Action::SwitchPane, &["Tab"], "action-switch-pane"),
    (Action::NextArticle, &["J"], "action-next-article"),
    (Action::PrevArticle, &["K"], "action-prev-article"),
    (Action::NextUnread, &["n"], "action-next-unread"),
    (Action::ToggleRead, &["u"], "action-toggle-read"),
    (Action::MarkAllRead, &["A"], "action-mark-all-read"),
    (Action::Undo, &["U"], "action-undo"),
    (
        Action::DeleteArticle,
        &["X", "Delete"],
        "action-delete-article",
    ),
    (Action::ToggleBookmark, &["b"], "action-toggle-bookmark"),
    (Action::Download, &["d"], "action-download"),
    (Action::ShowDownloads, &["D"], "action-show-downloads"),
    (Action::ShowBookmarks, &["B"], "action-show-bookmarks"),
    (Action::Search, &["/"], "action-search"),
    (Action::Filter, &["F"], "action-filter"),
    (Action::PrevMatch, &["N"], "action-prev-match"),
    (Action::EditTags, &["T"], "action-edit-tags"),
    (Action::CycleSort, &["O"], "action-cycle-sort"),
    (Action::RefreshFeed, &["r"], "action-refresh-feed"),
    (Action::RefreshAll, &["R"], "action-refresh-all"),
    (Action::ReloadConfig, &["ctrl-r"], "action-reload-config"),
    (Action::OpenInBrowser, &["o"], "action-open-in-browser"),
    (Action::CopyLink, &["y"], "action-copy-link"),
    (Action::Share, &["s"], "action-share"),
    (Action::ShowQr, &["S"], "action-show-qr"),
    (Action::PipeTo, &["|"], "action-pipe-to"),
    (Action::Help, &["?", "F1"], "action-help"),
    (Action::NarrowList, &["<"], "action-narrow-list"),
    (Action::WidenList, &[">"], "action-widen-list"),
    (Action::RenameFeed, &["E"], "action-rename-feed"),
    (Action::MoveFeedUp, &["["], "action-move-feed-up"),
    (Action::MoveFeedDown, &["]"], "action-move-feed-down"),
    (Action::Maximize, &["z"], "action-maximize"),
    (Action::FullText, &["x"], "action-full-text"),
    (Action::Redraw, &["ctrl-l"], "action-redraw"),
    (Action::Play, &["p"], "action-play"),
    (Action::StopPlayer, &["P"], "action-stop-player"),
    (Action::StepBack, &["h"], "action-step-back"),
    (Action::StepForward, &["l"], "action-step-forward"),
    (Action::PrevChapter, &["H"], "action-prev-chapter"),
    (Action::NextChapter, &["L"], "action-next-chapter"),
    (Action::SpeedDown, &["{"], "action-speed-down"),
    (Action::SpeedUp, &["}"], "action-speed-up"),
    (Action::VolumeDown, &["9"], "action-volume-down"),
    (Action::VolumeUp, &["0"], "action-volume-up"),
    (Action::Mute, &["m"], "action-mute"),
    (Action::Enqueue, &["a"], "action-enqueue"),
];

/// Help (`?`): scrolling and closing.
pub const HELP: &[Row] = &[
    (Action::Down, &["j", "Down"], "action-help-down"),
    (Action::Up, &["k", "Up"], "action-help-up"),
    (
        Action::PageDown,
        &["PageDown", "ctrl-d", "Space"],
        "action-help-page-down",
    ),
    (Action::PageUp, &["PageUp", "ctrl-u"], "action-help-page-up"),
    (Action::Home, &["Home", "g"], "action-help-home"),
    (Action::End, &["End", "G"], "action-help-end"),
    (
        Action::Close,
        &["q", "Left", "Esc", "?", "F1"],
        "action-help-close",
    ),
    (Action::Quit, &["Q"], "action-quit"),
    (Action::Redraw, &["ctrl-l"], "action-redraw"),
];

/// The share menu (`s`); the targets' own letters are set in `[[share]]`, not here.
pub const SHARE: &[Row] = &[(Action::Close, &["Esc"], "action-share-close")];

/// A QR code on screen.
pub const QR: &[Row] = &[
    (Action::CopyLink, &["y"], "action-qr-copy-link"),
    (Action::Close, &["Esc", "q"], "action-qr-close"),
];

/// A text prompt: `/`, `F`, tags, rename, pipe. Keys not bound here type text.
pub const PROMPT: &[Row] = &[
    (Action::Submit, &["Enter"], "action-prompt-submit"),
    (Action::Cancel, &["Esc", "ctrl-c"], "action-prompt-cancel"),
    (Action::CursorLeft, &["Left"], "action-prompt-cursor-left"),
    (
        Action::CursorRight,
        &["Right"],
        "action-prompt-cursor-right",
    ),
    (
        Action::LineStart,
        &["Home", "ctrl-a"],
        "action-prompt-line-start",
    ),
    (
        Action::LineEnd,
        &["End", "ctrl-e"],
        "action-prompt-line-end",
    ),
    (
        Action::DeleteBack,
        &["Backspace"],
        "action-prompt-delete-back",
    ),
    (
        Action::DeleteForward,
        &["Delete"],
        "action-prompt-delete-forward",
    ),
    (Action::DeleteWord, &["ctrl-w"], "action-prompt-delete-word"),
    (
        Action::DeleteToStart,
        &["ctrl-u"],
        "action-prompt-delete-to-start",
    ),
];

/// A yes/no question (unsubscribe): any key not bound here is no.
pub const CONFIRM: &[Row] = &[(Action::Yes, &["y", "Y"], "action-confirm-yes")];

/// After `o` with numbered links: digits type the number.
pub const LINK: &[Row] = &[
    (Action::Open, &["o", "Enter"], "action-link-open"),
    (Action::Close, &["Esc"], "action-link-close"),
];

/// The Downloads screen (`D`).
pub const DOWNLOADS: &[Row] = &[
    (Action::Down, &["j", "Down"], "action-downloads-down"),
    (Action::Up, &["k", "Up"], "action-downloads-up"),
    (Action::Home, &["Home", "g"], "action-downloads-home"),
    (Action::End, &["End", "G"], "action-downloads-end"),
    (
        Action::PauseDownload,
        &["Space"],
        "action-downloads-pause-download",
    ),
    (
        Action::CancelDownload,
        &["c"],
        "action-downloads-cancel-download",
    ),
    (
        Action::RetryDownload,
        &["r"],
        "action-downloads-retry-download",
    ),
    (
        Action::DeleteDownload,
        &["X"],
        "action-downloads-delete-download",
    ),
    (Action::CopyLink, &["y"], "action-downloads-copy-link"),
    (Action::Play, &["p"], "action-downloads-play"),
    (Action::Open, &["Enter"], "action-downloads-open"),
    (Action::Close, &["Esc", "q", "D"], "action-downloads-close"),
    (Action::Quit, &["Q"], "action-quit"),
    (Action::Redraw, &["ctrl-l"], "action-redraw"),
];

/// Each mode's table, in the order help and README show them.
pub fn table(mode: KeyMode) -> &'static [Row] {
    match mode {
        KeyMode::Normal => DEFAULTS,
        KeyMode::Help => HELP,
        KeyMode::Share => SHARE,
        KeyMode::Qr => QR,
        KeyMode::Prompt => PROMPT,
        KeyMode::Confirm => CONFIRM,
        KeyMode::Link => LINK,
        KeyMode::Downloads => DOWNLOADS,
    }
}
