//! `views.json` in the data directory: the sort order the user chose for each view.
//!
//! Views are named by what stays the same: feeds by their database id, saved views and tags by
//! name. (Tags and saved views were once saved by position, `tag:3`; a tag added or renamed
//! moved every remembered order to another tag. Such keys are still read, by the position they
//! had when the file is loaded, and written back by name.)

use crate::model::FeedId;
use crate::store::SortOrder;

/// A view as remembered across sessions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViewKey {
    All,
    Unread,
    Bookmarks,
    Feed(FeedId),
    Saved(String),
    Tag(String),
    /// Read from an old file: the saved view at this position then.
    SavedAt(usize),
    /// Read from an old file: the tag at this position then.
    TagAt(usize),
}

impl ViewKey {
    fn to_key(&self) -> Option<String> {
        Some(match self {
            ViewKey::All => "all".into(),
            ViewKey::Unread => "unread".into(),
            ViewKey::Bookmarks => "bookmarks".into(),
            ViewKey::Feed(id) => format!("feed:{id}"),
            ViewKey::Saved(name) => format!("view={name}"),
            ViewKey::Tag(name) => format!("tag={name}"),
            // Positions are only read, never written.
            ViewKey::SavedAt(_) | ViewKey::TagAt(_) => return None,
        })
    }

    fn from_key(k: &str) -> Option<ViewKey> {
        match k {
            "all" => return Some(ViewKey::All),
            "unread" => return Some(ViewKey::Unread),
            "bookmarks" => return Some(ViewKey::Bookmarks),
            _ => {}
        }
        if let Some((kind, name)) = k.split_once('=') {
            return match kind {
                "view" => Some(ViewKey::Saved(name.to_string())),
                "tag" => Some(ViewKey::Tag(name.to_string())),
                _ => None,
            };
        }
        match k.split_once(':')? {
            ("feed", id) => id.parse().ok().map(ViewKey::Feed),
            ("view", i) => i.parse().ok().map(ViewKey::SavedAt),
            ("tag", i) => i.parse().ok().map(ViewKey::TagAt),
            _ => None,
        }
    }
}

pub fn to_json(orders: &[(ViewKey, SortOrder)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = orders
        .iter()
        .filter_map(|(v, o)| Some((v.to_key()?, serde_json::json!(o))))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// Reads what [`to_json`] wrote (or an older file); anything unreadable is skipped.
pub fn from_json(text: &str) -> Vec<(ViewKey, SortOrder)> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    map.into_iter()
        .filter_map(|(k, v)| Some((ViewKey::from_key(&k)?, serde_json::from_value(v).ok()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_round_trip_by_name() {
        let orders = vec![
            (ViewKey::All, SortOrder::Title),
            (ViewKey::Feed(12), SortOrder::UnreadFirst),
            (
                ViewKey::Saved("Morning: world=news".into()),
                SortOrder::Oldest,
            ),
            (ViewKey::Tag("tech".into()), SortOrder::Feed),
        ];
        let mut back = from_json(&to_json(&orders));
        back.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want = orders.clone();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(back, want);
        assert!(from_json("not json").is_empty());
        assert_eq!(
            from_json(r#"{"all":"bogus","x":"title","unread":"oldest"}"#),
            vec![(ViewKey::Unread, SortOrder::Oldest)]
        );
    }

    #[test]
    fn old_positional_keys_are_read_and_never_written() {
        let mut old = from_json(r#"{"tag:1":"title","view:0":"oldest"}"#);
        old.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            old,
            vec![
                (ViewKey::SavedAt(0), SortOrder::Oldest),
                (ViewKey::TagAt(1), SortOrder::Title)
            ]
        );
        assert_eq!(to_json(&old), "{}");
    }
}
