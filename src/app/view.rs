//! What a row of the feed list opens. The store evaluates only the views it can (all,
//! unread, bookmarks, one feed); saved views and tags are the app's, named as `views.json`
//! names them, so an identity survives views and tags being added or reordered.

use crate::model::FeedId;
use crate::store;
use crate::views_file::ViewKey;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    All,
    Unread,
    Bookmarks,
    Feed(FeedId),
    /// A saved view from config, by name; the app evaluates its filter.
    Saved(String),
    /// The feeds with a tag (compared without ASCII case), by name.
    Tag(String),
}

impl View {
    /// The store's view with the same articles, or the whole store for a saved view or a
    /// tag (the app narrows those itself).
    pub fn in_store(&self) -> store::View {
        match self {
            View::All | View::Saved(_) | View::Tag(_) => store::View::All,
            View::Unread => store::View::Unread,
            View::Bookmarks => store::View::Bookmarks,
            View::Feed(id) => store::View::Feed(*id),
        }
    }

    /// How `views.json` names it.
    pub fn key(&self) -> ViewKey {
        match self {
            View::All => ViewKey::All,
            View::Unread => ViewKey::Unread,
            View::Bookmarks => ViewKey::Bookmarks,
            View::Feed(id) => ViewKey::Feed(*id),
            View::Saved(name) => ViewKey::Saved(name.clone()),
            View::Tag(name) => ViewKey::Tag(name.clone()),
        }
    }
}

impl From<store::View> for View {
    fn from(v: store::View) -> View {
        match v {
            store::View::All => View::All,
            store::View::Unread => View::Unread,
            store::View::Bookmarks => View::Bookmarks,
            store::View::Feed(id) => View::Feed(id),
        }
    }
}
