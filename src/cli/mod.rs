//! Command-line types. The subcommand names are part of the product.
//!
//! The doc comments here are the English help; what users see comes from the catalog
//! ([`localize`]), where every argument and subcommand has its `cli-…` message.

pub mod generate;
pub mod localize;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "tidings", version, about = "A fast, safe terminal news reader", long_about = None)]
pub struct Cli {
    /// Use this config file (it must exist) instead of $XDG_CONFIG_HOME/tidings/config.toml
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Keep the database here instead of $XDG_DATA_HOME/tidings
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Poll every feed once, print a line per feed and a summary. Feeds that failed
    /// recently, or whose server asked for a pause (Retry-After), wait their turn
    Refresh {
        /// Also poll feeds that are waiting to retry
        #[arg(long)]
        force: bool,
    },
    /// List articles, newest first
    List {
        /// Only unread articles
        #[arg(long)]
        unread: bool,
        /// Only bookmarked articles
        #[arg(long)]
        bookmarked: bool,
        /// Only feeds whose title or URL contains TEXT (case-insensitive)
        #[arg(long, value_name = "TEXT")]
        feed: Option<String>,
        /// Only articles matching EXPR, in the filter language of the reader's F key:
        /// unread, read, bookmarked, feed:, tag:, category:, author:, title:, has:enclosure,
        /// age:<3d, after:2025-01-01, before:…, words, "phrases", -word, not, or, ( )
        #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
        filter: Option<String>,
        /// At most N articles
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Search titles, authors, feeds, categories and bodies, best match first
    Search {
        /// Words and "quoted phrases", all of which must match (case and accents do not matter)
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// At most N articles
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// One JSON object per line, as `list --json`
        #[arg(long)]
        json: bool,
    },
    /// Print an article as the article pane shows it
    Show {
        /// The article id, as `tidings list` prints it
        id: i64,
        /// Wrap the text to N columns
        #[arg(long, value_name = "N", default_value_t = 80)]
        width: u16,
        /// The whole article from its web page (fetched once, then kept with the article)
        /// instead of the feed's text
        #[arg(long)]
        full: bool,
    },
    /// Subscribe to a feed (appended to config.toml); a web page's advertised feeds are offered
    Add {
        /// The feed's address (http, https or file), or a web page that advertises feeds
        url: String,
        /// Show the feed under this name instead of the title it gives itself
        #[arg(long)]
        title: Option<String>,
        /// A tag for the feed; repeat for more
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// When URL is a web page: subscribe to the Nth feed it advertises
        #[arg(long, value_name = "N")]
        pick: Option<usize>,
        /// Subscribe without fetching URL first (offline, or a feed that is down)
        #[arg(long)]
        no_check: bool,
    },
    /// Drop deleted and read articles older than a while (bookmarked ones are kept, and so
    /// are those the feed still lists, which a refresh would bring back as new)
    Purge {
        /// Age: 30d, 2w, 12h, or a number of days
        #[arg(long, value_name = "AGE", default_value = "30d")]
        older_than: String,
    },
    /// Subscribe to the feeds of an OPML file or a newsboat urls file
    Import {
        /// An OPML file (from another reader's export) or a newsboat `urls` file
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0, or with --bookmarks the bookmarked articles
    Export {
        /// Print the bookmarked articles, newest first, instead of the subscriptions
        #[arg(long)]
        bookmarks: bool,
        /// How bookmarks are printed
        #[arg(long, value_enum, value_name = "FORMAT", requires = "bookmarks")]
        format: Option<ExportFormat>,
    },
    /// List the feeds with article counts and their last status
    Feeds {
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe: the feed leaves config.toml (comments stay) and its articles leave the
    /// database, except bookmarked ones
    Remove {
        /// The feed's URL, or its whole title as `tidings feeds` shows it (any case)
        #[arg(value_name = "URL|TITLE")]
        feed: String,
    },
    /// Show a feed under another name (its title in config.toml)
    Rename {
        /// The feed's URL, or its whole title as `tidings feeds` shows it (any case)
        #[arg(value_name = "URL|TITLE")]
        feed: String,
        /// The new name; "" goes back to the title the feed gives itself
        #[arg(value_name = "NEW")]
        name: String,
    },
    /// Mark articles read: every unread one, or those matching all the options given;
    /// prints how many
    MarkRead {
        /// Only feeds whose title or URL contains TEXT (case-insensitive)
        #[arg(long, value_name = "TEXT")]
        feed: Option<String>,
        /// Only articles matching EXPR, as `list --filter`
        #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
        filter: Option<String>,
        /// Only articles older than this: a number and m, h, d or w (minutes, hours,
        /// days, weeks), like 7d
        #[arg(long, value_name = "AGE")]
        older_than: Option<String>,
    },
    /// Download the enclosures (podcast episodes) of articles into download_dir, then run
    /// the queue: every queued, interrupted or failed download, resuming partial files.
    /// Progress bars on a terminal, a line per file otherwise; exit 1 if any failed
    Download {
        /// Queue the enclosures of articles of feeds whose title or URL contains TEXT
        /// (case-insensitive)
        #[arg(long, value_name = "TEXT")]
        feed: Option<String>,
        /// Queue the enclosures of unread articles only (with --feed: of those feeds)
        #[arg(long)]
        new: bool,
        /// Queue the enclosures of these articles (ids as `tidings list` prints them)
        #[arg(value_name = "ID")]
        ids: Vec<i64>,
    },
    /// List the download queue: state, bytes done and total, file, and why one failed
    Downloads {
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Play an article's enclosure with mpv (the `player` setting): the downloaded file if
    /// there is one, else the stream, from where it was left. Exit 1 if it cannot play
    Play {
        /// The article (ids as `tidings list` prints them)
        #[arg(value_name = "ID")]
        id: i64,
    },
    /// Sync with the feed server in [sync] (TT-RSS or the Google Reader API): local marks
    /// out, the subscriptions and new articles in, then the server's read and starred state
    Sync {
        #[command(subcommand)]
        what: Option<SyncCommand>,
    },
    /// Print shell completions for bash, zsh, fish, elvish or PowerShell
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) for `man -l -`
    Man,
}

#[derive(Subcommand, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncCommand {
    /// Check the account in [sync] against the server and keep its session (the password
    /// comes from password_command, password_env or a prompt, and is not stored); says
    /// exactly what is wrong: the URL, the credentials, the API switched off, TLS
    Login,
    /// Forget the kept session
    Logout,
}

/// How `export --bookmarks` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `- [Title](link) — Feed, 29 Jan 2025` lines
    #[default]
    Markdown,
    /// One JSON object per line, as `list --json`
    Json,
}
