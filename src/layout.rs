//! Where each pane goes: pure geometry over plain data. Shared by drawing and by the app
//! (cursor clamping, mouse hits), so both always agree; it sits above both so the app does
//! not import the UI.

use ratatui::layout::Rect;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    /// The feed list or the headline list.
    pub list: Rect,
    /// A one-line footer under the list (feed status details), when there is room.
    pub list_footer: Option<Rect>,
    /// The article pane, when one is open.
    pub article: Option<Rect>,
    /// The line between list and article (vertical when wide, horizontal when stacked).
    pub divider: Option<Rect>,
    pub status: Rect,
    /// The player bar above the status line, while something plays.
    pub player: Option<Rect>,
}

/// Least rows the headline list keeps when the article is stacked under it.
const STACKED_LIST_MIN: u16 = 5;

/// Side by side, the list's share of the width: half, so the feed column and a readable
/// title fit from 120 columns on.
pub const LIST_PERCENT_DEFAULT: u16 = 50;
pub const LIST_PERCENT_STEP: i16 = 5;
/// Least columns either side keeps, whatever the percentage.
const SIDE_MIN: u16 = 30;

pub fn clamp_percent(p: u16) -> u16 {
    p.clamp(20, 80)
}

/// What the panes depend on besides the screen size, built by the app (`App::layout_input`)
/// so this module does not import the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutInput {
    pub article_open: bool,
    /// The feed list is shown, which keeps a footer line when there is room.
    pub feeds_screen: bool,
    pub maximized: bool,
    /// Something plays: the player bar takes a line above the status line.
    pub player_bar: bool,
    /// From this many columns the article goes beside the list, not under it.
    pub wide_min_width: u16,
    pub list_percent: u16,
}

pub fn areas(area: Rect, input: LayoutInput) -> Areas {
    let title = Rect {
        height: area.height.min(1),
        ..area
    };
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.saturating_sub(1).min(1),
        ..area
    };
    // The bar only when the lists keep a line of their own.
    let player = (input.player_bar && area.height >= 4).then(|| Rect {
        y: status.y - 1,
        height: 1,
        ..area
    });
    let bar = player.map_or(0, |p| p.height);
    let main = Rect {
        y: title.bottom(),
        height: area
            .height
            .saturating_sub(title.height + status.height + bar),
        ..area
    };
    if !input.article_open {
        let (list, footer) = if input.feeds_screen && main.height > 6 {
            (
                Rect {
                    height: main.height - 2,
                    ..main
                },
                Some(Rect {
                    y: main.bottom() - 1,
                    height: 1,
                    ..main
                }),
            )
        } else {
            (main, None)
        };
        return Areas {
            title,
            list,
            list_footer: footer,
            article: None,
            divider: None,
            status,
            player,
        };
    }
    if input.maximized {
        return Areas {
            title,
            list: Rect { height: 0, ..main },
            list_footer: None,
            article: Some(main),
            divider: None,
            status,
            player,
        };
    }
    if area.width >= input.wide_min_width {
        let share = u32::from(main.width) * u32::from(clamp_percent(input.list_percent)) / 100;
        let list_w = (share as u16)
            .min(main.width.saturating_sub(SIDE_MIN + 1))
            .max(SIDE_MIN)
            .min(main.width);
        let list = Rect {
            width: list_w,
            ..main
        };
        let divider = Rect {
            x: list.right(),
            width: 1.min(main.width - list_w),
            ..main
        };
        let article = Rect {
            x: divider.right(),
            width: main.width.saturating_sub(list_w + divider.width),
            ..main
        };
        Areas {
            title,
            list,
            list_footer: None,
            article: Some(article),
            divider: Some(divider),
            status,
            player,
        }
    } else {
        let list_h = (main.height / 3).max(STACKED_LIST_MIN).min(main.height);
        let list = Rect {
            height: list_h,
            ..main
        };
        let divider = Rect {
            y: list.bottom(),
            height: 1.min(main.height - list_h),
            ..main
        };
        let article = Rect {
            y: divider.bottom(),
            height: main.height.saturating_sub(list_h + divider.height),
            ..main
        };
        Areas {
            title,
            list,
            list_footer: None,
            article: Some(article),
            divider: Some(divider),
            status,
            player,
        }
    }
}
