//! The default bindings of every mode, in the order help shows them: one table per mode
//! (what is on top decides which table a key is looked up in).

use super::KeyMode;
use crate::app::action::Action;

/// One default binding: the action, its keys, what help and README say it does.
pub type Row = (Action, &'static [&'static str], &'static str);

/// The default bindings, in the order help shows them.
/// Normal mode: the lists and the article.
pub const DEFAULTS: &[Row] = &[
    (
        Action::Down,
        &["j", "Down"],
        "Move down / scroll the article",
    ),
    (Action::Up, &["k", "Up"], "Move up / scroll the article"),
    (
        Action::PageDown,
        &["PageDown", "ctrl-d", "Space"],
        "Page down",
    ),
    (Action::PageUp, &["PageUp", "ctrl-u"], "Page up"),
    (
        Action::Home,
        &["Home", "g"],
        "First item / top of the article",
    ),
    (Action::End, &["End", "G"], "Last item / end of the article"),
    (
        Action::Open,
        &["Enter", "Right"],
        "Open the feed or article",
    ),
    (
        Action::Back,
        &["q", "Left"],
        "Clear the search or filter, close, go back (quits at the top)",
    ),
    (
        Action::Cancel,
        &["Esc"],
        "Clear the search or filter, close, go back (never quits)",
    ),
    (Action::Quit, &["Q"], "Quit"),
    (
        Action::SwitchPane,
        &["Tab"],
        "Switch between list and article",
    ),
    (
        Action::NextArticle,
        &["J"],
        "Next article (after the open one)",
    ),
    (
        Action::PrevArticle,
        &["K"],
        "Previous article (before the open one)",
    ),
    (
        Action::NextUnread,
        &["n"],
        "Next unread article (next match while searching)",
    ),
    (Action::ToggleRead, &["u"], "Toggle read / unread"),
    (Action::MarkAllRead, &["A"], "Mark the whole view read"),
    (Action::Undo, &["U"], "Undo the last marking (u, A, b, X)"),
    (
        Action::DeleteArticle,
        &["X", "Delete"],
        "Delete the article (hidden for good; U undoes); on the feed list, unsubscribe",
    ),
    (Action::ToggleBookmark, &["b"], "Toggle bookmark"),
    (
        Action::Download,
        &["d"],
        "Download the podcast episode (d then N: enclosure N)",
    ),
    (
        Action::ShowDownloads,
        &["D"],
        "Downloads: progress, pause, cancel, retry",
    ),
    (Action::ShowBookmarks, &["B"], "Show bookmarks"),
    (
        Action::Search,
        &["/"],
        "Search title, feed, author and text; on the feed list, go to a feed by name",
    ),
    (
        Action::Filter,
        &["F"],
        "Filter this view: unread, feed:, tag:, age:<3d, or, not …",
    ),
    (
        Action::PrevMatch,
        &["N"],
        "Previous search match in the article",
    ),
    (
        Action::EditTags,
        &["T"],
        "Edit the tags of the feed (saved in config.toml)",
    ),
    (
        Action::CycleSort,
        &["O"],
        "Sort: newest, oldest, by feed, by title, unread first",
    ),
    (
        Action::RefreshFeed,
        &["r"],
        "Refresh the selected feed now, even if it is waiting to retry",
    ),
    (
        Action::RefreshAll,
        &["R"],
        "Refresh all feeds (those waiting to retry keep waiting)",
    ),
    (
        Action::ReloadConfig,
        &["ctrl-r"],
        "Read config.toml again (also done by itself when the file changes)",
    ),
    (
        Action::OpenInBrowser,
        &["o"],
        "Open the link in the browser (o then N: link N)",
    ),
    (
        Action::CopyLink,
        &["y"],
        "Copy the link (OSC 52, works over SSH)",
    ),
    (
        Action::Share,
        &["s"],
        "Share: copy, mail, social sites, save, your own commands",
    ),
    (Action::ShowQr, &["S"], "Show the link as a QR code"),
    (
        Action::PipeTo,
        &["|"],
        "Pipe the article's text to a command (no shell)",
    ),
    (Action::Help, &["?", "F1"], "Show / hide this help"),
    (
        Action::NarrowList,
        &["<"],
        "Side by side: narrow the list, widen the article",
    ),
    (
        Action::WidenList,
        &[">"],
        "Side by side: widen the list, narrow the article",
    ),
    (
        Action::RenameFeed,
        &["E"],
        "Rename the feed (saved in config.toml)",
    ),
    (Action::MoveFeedUp, &["["], "Move the feed up the list"),
    (Action::MoveFeedDown, &["]"], "Move the feed down the list"),
    (
        Action::Maximize,
        &["z"],
        "The article alone on screen, or with the list again",
    ),
    (
        Action::FullText,
        &["x"],
        "The whole article from its web page, or the feed's text again",
    ),
    (
        Action::Redraw,
        &["ctrl-l"],
        "Clear the terminal and draw everything anew",
    ),
    (
        Action::Play,
        &["p"],
        "Play the episode (downloaded file, else the stream) from where it was left; pause / resume it",
    ),
    (
        Action::StopPlayer,
        &["P"],
        "Stop playing (the position is kept)",
    ),
    (
        Action::StepBack,
        &["h"],
        "Player: step back (step_back_secs)",
    ),
    (
        Action::StepForward,
        &["l"],
        "Player: step forward (step_forward_secs)",
    ),
    (Action::PrevChapter, &["H"], "Player: previous chapter"),
    (Action::NextChapter, &["L"], "Player: next chapter"),
    (Action::SpeedDown, &["{"], "Player: slower (down to 0.5×)"),
    (Action::SpeedUp, &["}"], "Player: faster (up to 3.0×)"),
    (Action::VolumeDown, &["9"], "Player: volume down"),
    (Action::VolumeUp, &["0"], "Player: volume up"),
    (Action::Mute, &["m"], "Player: mute / unmute"),
    (
        Action::Enqueue,
        &["a"],
        "Add the episode to the play queue (plays when the current one ends)",
    ),
];

/// Help (`?`): scrolling and closing.
pub const HELP: &[Row] = &[
    (Action::Down, &["j", "Down"], "Scroll down"),
    (Action::Up, &["k", "Up"], "Scroll up"),
    (
        Action::PageDown,
        &["PageDown", "ctrl-d", "Space"],
        "Scroll a page down",
    ),
    (Action::PageUp, &["PageUp", "ctrl-u"], "Scroll a page up"),
    (Action::Home, &["Home", "g"], "Top of the help"),
    (Action::End, &["End", "G"], "End of the help"),
    (
        Action::Close,
        &["q", "Left", "Esc", "?", "F1"],
        "Close the help",
    ),
    (Action::Quit, &["Q"], "Quit"),
    (
        Action::Redraw,
        &["ctrl-l"],
        "Clear the terminal and draw everything anew",
    ),
];

/// The share menu (`s`); the targets' own letters are set in `[[share]]`, not here.
pub const SHARE: &[Row] = &[(Action::Close, &["Esc"], "Close the menu")];

/// A QR code on screen.
pub const QR: &[Row] = &[
    (
        Action::CopyLink,
        &["y"],
        "Copy the code's link (it may not be the article's)",
    ),
    (
        Action::Close,
        &["Esc", "q"],
        "Close the code (so does any other key)",
    ),
];

/// A text prompt: `/`, `F`, tags, rename, pipe. Keys not bound here type text.
pub const PROMPT: &[Row] = &[
    (
        Action::Submit,
        &["Enter"],
        "Done: apply or save what was typed",
    ),
    (
        Action::Cancel,
        &["Esc", "ctrl-c"],
        "Cancel (a search or filter goes back to what it was)",
    ),
    (Action::CursorLeft, &["Left"], "Cursor left"),
    (Action::CursorRight, &["Right"], "Cursor right"),
    (
        Action::LineStart,
        &["Home", "ctrl-a"],
        "Cursor to the start",
    ),
    (Action::LineEnd, &["End", "ctrl-e"], "Cursor to the end"),
    (
        Action::DeleteBack,
        &["Backspace"],
        "Delete the character before the cursor",
    ),
    (
        Action::DeleteForward,
        &["Delete"],
        "Delete the character under the cursor",
    ),
    (
        Action::DeleteWord,
        &["ctrl-w"],
        "Delete the word before the cursor",
    ),
    (
        Action::DeleteToStart,
        &["ctrl-u"],
        "Delete everything before the cursor",
    ),
];

/// A yes/no question (unsubscribe): any key not bound here is no.
pub const CONFIRM: &[Row] = &[(Action::Yes, &["y", "Y"], "Yes (any other key: no)")];

/// After `o` with numbered links: digits type the number.
pub const LINK: &[Row] = &[
    (
        Action::Open,
        &["o", "Enter"],
        "Open the article's own link, or link N once typed",
    ),
    (Action::Close, &["Esc"], "Cancel (so does any other key)"),
];

/// The Downloads screen (`D`).
pub const DOWNLOADS: &[Row] = &[
    (Action::Down, &["j", "Down"], "Next download"),
    (Action::Up, &["k", "Up"], "Previous download"),
    (Action::Home, &["Home", "g"], "First download"),
    (Action::End, &["End", "G"], "Last download"),
    (
        Action::PauseDownload,
        &["Space"],
        "Pause (the .part is kept) / resume where it stopped",
    ),
    (
        Action::CancelDownload,
        &["c"],
        "Cancel: the row and its .part go",
    ),
    (Action::RetryDownload, &["r"], "Retry a failed download"),
    (
        Action::DeleteDownload,
        &["X"],
        "Delete the downloaded file (asks first)",
    ),
    (Action::CopyLink, &["y"], "Copy the file's path (OSC 52)"),
    (
        Action::Play,
        &["p"],
        "Play the episode (the file when it is done) / pause it",
    ),
    (Action::Open, &["Enter"], "Open the episode's article"),
    (
        Action::Close,
        &["Esc", "q", "D"],
        "Close the Downloads screen",
    ),
    (Action::Quit, &["Q"], "Quit"),
    (
        Action::Redraw,
        &["ctrl-l"],
        "Clear the terminal and draw everything anew",
    ),
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
