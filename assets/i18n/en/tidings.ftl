# tidings — English messages (the reference catalog: fl! checks ids and arguments against it).
#
# Conventions
# - Ids are kebab-case and start with the place they are shown: `status-`, `help-`, `cli-`,
#   `error-`, `share-`, `player-` …
# - Counts are numbers and select a plural: `{ $count -> [one] … *[other] … }`. Everything
#   else (titles, paths, keys, years) is passed as text.
# - The Russian catalog (../ru/tidings.ftl) has every id this one has, with the same arguments;
#   a test fails otherwise.

## Counts used in many messages

articles = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
feeds = { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
}

## Dates

date-unknown = unknown date
date-just-now = just now
date-minutes-ago = { $count } min ago
date-minutes-narrow = { $count }m
date-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
date-hours-narrow = { $count }h
date-yesterday = yesterday
date-days-narrow = { $count }d

## The command line (cli/localize.rs): clap's own words, then one message per command and
## argument, named after them

cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-usage-options = [OPTIONS]
cli-value-command = COMMAND
cli-help = Print help
cli-version = Print version
cli-default = [default: { $value }]
cli-possible-values = [possible values: { $values }]
cli-error-unknown-argument = unexpected argument “{ $arg }”
cli-error-unknown-command = unrecognized command “{ $command }”
cli-error-invalid-choice = invalid value “{ $value }” for “{ $arg }”; possible values: { $choices }
cli-error-invalid-value = invalid value “{ $value }” for “{ $arg }”
cli-error-missing-argument = a required argument was not given: { $arg }
cli-error-missing-command = a command is required
cli-error-conflict = “{ $arg }” cannot be used with “{ $other }”
cli-error-value-count = wrong number of values for “{ $arg }”
cli-error-did-you-mean = did you mean “{ $suggestion }”?
cli-error-more-help = For more information, try “--help”.

## The manual page (tidings man)

man-manual = User Commands
man-name = Name
man-synopsis = Synopsis
man-description = Description
man-subcommands = Commands
man-version = Version
man-commands-in-detail = COMMANDS IN DETAIL
man-files = FILES
man-file-config = The configuration: feeds, keys, sharing, sync, theme. Written with comments on first start; tidings keeps your comments when it changes it.
man-file-data = The database (articles, read state, bookmarks, the search index), downloads' state and the sync session.
man-file-state = The log (tidings.log).
man-file-cache = Pictures and full-text pages fetched for articles.
man-environment = ENVIRONMENT
man-env-lang = The language of screens and messages when the configuration does not set “language”: the first one set decides (en, ru; anything else is English).
man-env-no-color = When set and not empty, no colours: selection and unread articles stay visible by reverse video and bold.
man-env-tz = The time zone dates are shown in.
man-env-ssh = Over SSH, links and podcasts offer to go to the machine you sit at (OSC 52 clipboard, QR codes) instead of a browser or speakers on the remote host.
man-see-also = SEE ALSO
man-see-also-text = newsboat(1), mpv(1). The README has the whole configuration reference.

cli-about = A fast, safe terminal news reader
cli-config = Use this config file (it must exist) instead of $XDG_CONFIG_HOME/tidings/config.toml
cli-value-file = FILE
cli-data-dir = Keep the database here instead of $XDG_DATA_HOME/tidings
cli-value-dir = DIR
cli-refresh = Poll every feed once, print a line per feed and a summary. Feeds that failed recently, or whose server asked for a pause (Retry-After), wait their turn
cli-refresh-force = Also poll feeds that are waiting to retry
cli-list = List articles, newest first
cli-list-unread = Only unread articles
cli-list-bookmarked = Only bookmarked articles
cli-list-feed = Only feeds whose title or URL contains TEXT (case-insensitive)
cli-value-text = TEXT
cli-list-filter = Only articles matching EXPR, in the filter language of the reader's F key: unread, read, bookmarked, feed:, tag:, category:, author:, title:, has:enclosure, age:<3d, after:2025-01-01, before:…, words, "phrases", -word, not, or, ( )
cli-value-expr = EXPR
cli-list-limit = At most N articles
cli-value-n = N
cli-list-json = One JSON object per line
cli-search = Search titles, authors, feeds, categories and bodies, best match first
cli-search-query = Words and "quoted phrases", all of which must match (case and accents do not matter)
cli-value-query = QUERY
cli-search-limit = At most N articles
cli-search-json = One JSON object per line, as `list --json`
cli-show = Print an article as the article pane shows it
cli-show-id = The article id, as `tidings list` prints it
cli-value-id = ID
cli-show-width = Wrap the text to N columns
cli-show-full = The whole article from its web page (fetched once, then kept with the article) instead of the feed's text
cli-add = Subscribe to a feed (appended to config.toml); a web page's advertised feeds are offered
cli-add-url = The feed's address (http, https or file), or a web page that advertises feeds
cli-value-url = URL
cli-add-title = Show the feed under this name instead of the title it gives itself
cli-value-title = TITLE
cli-add-tags = A tag for the feed; repeat for more
cli-value-tag = TAG
cli-add-pick = When URL is a web page: subscribe to the Nth feed it advertises
cli-add-no-check = Subscribe without fetching URL first (offline, or a feed that is down)
cli-purge = Drop deleted and read articles older than a while (bookmarked ones are kept, and so are those the feed still lists, which a refresh would bring back as new)
cli-purge-older-than = Age: 30d, 2w, 12h, or a number of days
cli-value-age = AGE
cli-import = Subscribe to the feeds of an OPML file or a newsboat urls file
cli-import-file = An OPML file (from another reader's export) or a newsboat `urls` file
cli-export = Print the subscriptions as OPML 2.0, or with --bookmarks the bookmarked articles
cli-export-bookmarks = Print the bookmarked articles, newest first, instead of the subscriptions
cli-export-format = How bookmarks are printed
cli-value-format = FORMAT
cli-export-format-markdown = `- [Title](link) — Feed, 29 Jan 2025` lines
cli-export-format-json = One JSON object per line, as `list --json`
cli-feeds = List the feeds with article counts and their last status
cli-feeds-json = One JSON object per line
cli-remove = Unsubscribe: the feed leaves config.toml (comments stay) and its articles leave the database, except bookmarked ones
cli-remove-feed = The feed's URL, or its whole title as `tidings feeds` shows it (any case)
cli-value-url-title = URL|TITLE
cli-rename = Show a feed under another name (its title in config.toml)
cli-rename-feed = The feed's URL, or its whole title as `tidings feeds` shows it (any case)
cli-rename-name = The new name; "" goes back to the title the feed gives itself
cli-value-new = NEW
cli-mark-read = Mark articles read: every unread one, or those matching all the options given; prints how many
cli-mark-read-feed = Only feeds whose title or URL contains TEXT (case-insensitive)
cli-mark-read-filter = Only articles matching EXPR, as `list --filter`
cli-mark-read-older-than = Only articles older than this: a number and m, h, d or w (minutes, hours, days, weeks), like 7d
cli-download = Download the enclosures (podcast episodes) of articles into download_dir, then run the queue: every queued, interrupted or failed download, resuming partial files. Progress bars on a terminal, a line per file otherwise; exit 1 if any failed
cli-download-feed = Queue the enclosures of articles of feeds whose title or URL contains TEXT (case-insensitive)
cli-download-new = Queue the enclosures of unread articles only (with --feed: of those feeds)
cli-download-ids = Queue the enclosures of these articles (ids as `tidings list` prints them)
cli-downloads = List the download queue: state, bytes done and total, file, and why one failed
cli-downloads-json = One JSON object per line
cli-play = Play an article's enclosure with mpv (the `player` setting): the downloaded file if there is one, else the stream, from where it was left. Exit 1 if it cannot play
cli-play-id = The article (ids as `tidings list` prints them)
cli-sync = Sync with the feed server in [sync] (TT-RSS or the Google Reader API): local marks out, the subscriptions and new articles in, then the server's read and starred state
cli-sync-login = Check the account in [sync] against the server and keep its session (the password comes from password_command, password_env or a prompt, and is not stored); says exactly what is wrong: the URL, the credentials, the API switched off, TLS
cli-sync-logout = Forget the kept session
cli-completions = Print shell completions for bash, zsh, fish, elvish or PowerShell
cli-completions-shell = The shell to complete in
cli-value-shell = SHELL
cli-man = Print the manual page (roff) for `man -l -`
cli-description = A fast, safe terminal news reader.

    Without a command, tidings opens the reader: feeds on the left or on their own screen, headlines, the article, and a status line that says what the keys do. Press ? in the reader for every key. Feeds are listed in the configuration file (tidings add URL appends one); the first start writes a commented configuration.

    With a command, tidings works as a command-line tool that scripts and cron can use: refresh the feeds, list and search articles, subscribe, export, download podcasts, sync with a TT-RSS or Google Reader API server.
