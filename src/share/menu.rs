//! The share menu: built-in targets with fixed keys, then the user's `[[share]]` targets.

use super::intents::Service;
use super::target::ShareTarget;
use crate::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareKind {
    CopyLink,
    CopyTitleLink,
    CopyMarkdownLink,
    OpenBrowser,
    Email,
    Intent(Service),
    SaveMarkdown,
    Qr,
    /// Index into `Config.share`.
    Custom(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuEntry {
    pub key: char,
    pub label: String,
    pub kind: ShareKind,
}

/// The built-in entries in menu order, with their English labels (config errors name them;
/// the menu shows [`builtin_label`]). Their keys are reserved: config validation refuses a
/// custom target on one of them.
// i18n: English names; the menu's come from the catalog
pub const BUILTIN: [(char, &str, ShareKind); 17] = [
    // i18n: English labels, for config errors
    ('c', "copy link", ShareKind::CopyLink),
    ('t', "copy title and link", ShareKind::CopyTitleLink), // i18n: English
    ('m', "copy as Markdown link", ShareKind::CopyMarkdownLink), // i18n: English
    ('o', "open in browser", ShareKind::OpenBrowser),       // i18n: English
    ('e', "email", ShareKind::Email),
    ('x', "X", ShareKind::Intent(Service::X)),
    ('f', "Facebook", ShareKind::Intent(Service::Facebook)), // i18n: English
    ('g', "Telegram", ShareKind::Intent(Service::Telegram)), // i18n: English
    ('v', "VK", ShareKind::Intent(Service::Vk)),
    ('k', "OK", ShareKind::Intent(Service::Ok)),
    ('w', "WhatsApp", ShareKind::Intent(Service::WhatsApp)),
    ('r', "Reddit", ShareKind::Intent(Service::Reddit)), // i18n: English
    ('l', "LinkedIn", ShareKind::Intent(Service::LinkedIn)),
    ('h', "Hacker News", ShareKind::Intent(Service::HackerNews)), // i18n: English
    ('d', "Mastodon", ShareKind::Intent(Service::Mastodon)),      // i18n: English
    ('s', "save as Markdown", ShareKind::SaveMarkdown),           // i18n: English
    ('q', "QR code", ShareKind::Qr),                              // i18n: English
];

/// A built-in entry's label in the user's language (BUILTIN's own is the English one).
pub fn builtin_label(kind: ShareKind) -> String {
    match kind {
        ShareKind::CopyLink => t!("share-menu-copy-link"),
        ShareKind::CopyTitleLink => t!("share-menu-copy-title-link"),
        ShareKind::CopyMarkdownLink => t!("share-menu-copy-markdown-link"),
        ShareKind::OpenBrowser => t!("share-menu-open-browser"),
        ShareKind::Email => t!("share-menu-email"),
        ShareKind::Intent(service) => service.label(),
        ShareKind::SaveMarkdown => t!("share-menu-save-markdown"),
        ShareKind::Qr => t!("share-menu-qr"),
        ShareKind::Custom(_) => String::new(),
    }
}

/// Every entry of the menu, built-ins first. A custom target whose key is not one character
/// (config validation prevents that) is left out.
pub fn menu(share_targets: &[ShareTarget]) -> Vec<MenuEntry> {
    let builtin = BUILTIN.iter().map(|(key, _, kind)| MenuEntry {
        key: *key,
        label: builtin_label(*kind),
        kind: *kind,
    });
    let custom = share_targets.iter().enumerate().filter_map(|(i, t)| {
        Some(MenuEntry {
            key: t.key_char()?,
            label: crate::sanitize::line(&t.name),
            kind: ShareKind::Custom(i),
        })
    });
    builtin.chain(custom).collect()
}

/// The entry picked by `key`, if any.
pub fn find(entries: &[MenuEntry], key: char) -> Option<&MenuEntry> {
    entries.iter().find(|e| e.key == key)
}
