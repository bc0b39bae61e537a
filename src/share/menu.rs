//! The share menu: built-in targets with fixed keys, then the user's `[[share]]` targets.

use super::intents::Service;
use super::target::ShareTarget;

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

/// The built-in entries in menu order. Their keys are reserved: config validation refuses a
/// custom target on one of them.
pub const BUILTIN: [(char, &str, ShareKind); 17] = [
    ('c', "copy link", ShareKind::CopyLink),
    ('t', "copy title and link", ShareKind::CopyTitleLink),
    ('m', "copy as Markdown link", ShareKind::CopyMarkdownLink),
    ('o', "open in browser", ShareKind::OpenBrowser),
    ('e', "email", ShareKind::Email),
    ('x', "X", ShareKind::Intent(Service::X)),
    ('f', "Facebook", ShareKind::Intent(Service::Facebook)),
    ('g', "Telegram", ShareKind::Intent(Service::Telegram)),
    ('v', "VK", ShareKind::Intent(Service::Vk)),
    ('k', "OK", ShareKind::Intent(Service::Ok)),
    ('w', "WhatsApp", ShareKind::Intent(Service::WhatsApp)),
    ('r', "Reddit", ShareKind::Intent(Service::Reddit)),
    ('l', "LinkedIn", ShareKind::Intent(Service::LinkedIn)),
    ('h', "Hacker News", ShareKind::Intent(Service::HackerNews)),
    ('d', "Mastodon", ShareKind::Intent(Service::Mastodon)),
    ('s', "save as Markdown", ShareKind::SaveMarkdown),
    ('q', "QR code", ShareKind::Qr),
];

/// Every entry of the menu, built-ins first. A custom target whose key is not one character
/// (config validation prevents that) is left out.
pub fn menu(share_targets: &[ShareTarget]) -> Vec<MenuEntry> {
    let builtin = BUILTIN.iter().map(|(key, label, kind)| MenuEntry {
        key: *key,
        label: (*label).to_string(),
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
