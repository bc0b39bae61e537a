//! Where each pane goes. Shared by drawing and by the app (cursor clamping, mouse hits),
//! so both always agree.

use crate::app::App;
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
}

/// Least rows the headline list keeps when the article is stacked under it.
const STACKED_LIST_MIN: u16 = 5;

pub fn areas(area: Rect, app: &App) -> Areas {
    let title = Rect {
        height: area.height.min(1),
        ..area
    };
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.saturating_sub(1).min(1),
        ..area
    };
    let main = Rect {
        y: title.bottom(),
        height: area.height.saturating_sub(title.height + status.height),
        ..area
    };
    if app.article.is_none() {
        let (list, footer) = if app.screen == crate::app::Screen::Feeds && main.height > 6 {
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
        };
    }
    if area.width >= app.wide_min_width {
        let list_w = (main.width * 2 / 5).max(30).min(main.width);
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
        }
    }
}
