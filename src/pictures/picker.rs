//! Which terminal graphics protocol pictures use, decided once at start-up.

use ratatui_image::picker::{Picker, ProtocolType};

/// The `images` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImagesSetting {
    /// Ask the terminal; half blocks when it does not answer.
    #[default]
    Auto,
    /// Half blocks without asking: works everywhere, tmux and SSH included.
    Halfblocks,
    /// No pictures: `[image: alt]` stays.
    Off,
}

/// The picker for `setting`, or `None` when pictures are off.
///
/// `Auto` queries the terminal (ratatui-image writes escape sequences and reads the answer
/// from stdin for up to 2 s), and only when both stdin and stdout are terminals: with a pipe
/// or a file there is nobody to answer, and a read on it could block or eat input. Call it
/// after entering the alternate screen and before the event loop reads input. `protocol`
/// forces a protocol over what the terminal said (the cell size still comes from the query).
pub fn choose(setting: ImagesSetting, protocol: Option<ProtocolType>) -> Option<Picker> {
    use std::io::IsTerminal;
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    choose_with(setting, protocol, tty, Picker::from_query_stdio)
}

/// [`choose`] with the terminal check and the query passed in (tests).
pub fn choose_with<E: std::fmt::Display>(
    setting: ImagesSetting,
    protocol: Option<ProtocolType>,
    tty: bool,
    query: impl FnOnce() -> Result<Picker, E>,
) -> Option<Picker> {
    let mut picker = match setting {
        ImagesSetting::Off => return None,
        ImagesSetting::Halfblocks => return Some(Picker::halfblocks()),
        ImagesSetting::Auto if !tty => Picker::halfblocks(),
        ImagesSetting::Auto => query().unwrap_or_else(|e| {
            tracing::info!("terminal graphics query failed ({e}); using half blocks");
            Picker::halfblocks()
        }),
    };
    if let Some(protocol) = protocol {
        picker.set_protocol_type(protocol);
    }
    Some(picker)
}
