//! Sharing an article: the pure decisions (what a menu key does, which URL, which argv)
//! and the few side effects that belong to sharing alone (saving Markdown, running a
//! custom command). The UI carries out a [`Plan`]; nothing here touches the terminal.

pub mod command;
mod error;
pub mod intents;
pub mod markdown;
pub mod menu;
pub mod plan;
pub mod qr;
pub mod target;

pub use command::{Fields, argv, run_background, run_foreground};
pub use error::{FileAction, ShareError};
pub use intents::{Service, intent_url, mailto};
pub use markdown::{SavedArticle, file_name, markdown_link, save, to_markdown};
pub use menu::{MenuEntry, ShareKind, menu};
pub use plan::{Plan, ShareArticle, ShareContext, TempArticle, mailer_command, plan};
pub use qr::{QrError, modules, qr_lines};
pub use target::ShareTarget;
