//! Sharing below the UI: share commands, intent URLs, Markdown files, the menu's plans and QR
//! codes.
mod share_command;
mod share_intents;
mod share_markdown;
mod share_plan;
mod share_qr;
