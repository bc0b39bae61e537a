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
date-just-now-narrow = now
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
man-file-config = The configuration: feeds, keys, sharing, sync. Written with comments on first start; tidings keeps your comments when it changes it.
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

## Feeds: why a fetch failed (shown on the feed and by tidings refresh)

fetch-client-setup = could not set up HTTP: { $why }
fetch-invalid-url = invalid URL: { $why }
fetch-unsupported-scheme = unsupported URL scheme '{ $scheme }'
fetch-invalid-file-url = invalid file URL: { $url }
fetch-redirect-without-location = HTTP { $status } without a Location header
fetch-bad-redirect = bad redirect location: { $why }
fetch-redirect-loop = redirect loop back to { $url }
fetch-too-many-redirects = too many redirects (more than { $max })
fetch-redirect-not-http = redirect to a non-http URL refused
fetch-too-large = body larger than { $size }
fetch-unwanted-type = not the kind of file asked for ({ $content_type })
fetch-unwanted = not the kind of file asked for
fetch-timed-out = timed out after { $seconds } s
fetch-dns = DNS lookup failed
fetch-connection-refused = connection refused
fetch-tls = TLS error: { $why }
fetch-tls-closed = TLS error: the server closed the connection during the TLS handshake
fetch-connect = connection failed: { $why }
fetch-reset = connection lost: reset by the server in the middle of the body
fetch-closed-early = connection lost: the server closed the connection before the end of the body
fetch-decode = could not decode the body: { $why }
fetch-body-lost = connection lost: { $why }
fetch-request = request failed: { $why }
fetch-file-not-found = file not found: { $path }
fetch-read-file = could not read { $path }: { $why }
fetch-task-failed = internal error: file read task failed

## Feeds: why a document is not a feed we can read

parse-empty = empty document
parse-html-page = HTML page
parse-xml-without-root = XML without an RSS, Atom or RDF root element
parse-neither-xml-nor-json = neither XML nor JSON
parse-json-not-json-feed = JSON, but not a JSON Feed
parse-json-without-version = JSON without a JSON Feed version
parse-not-a-feed = not a feed ({ $what })
parse-gave-up = malformed feed: the XML parser gave up on this document
parse-xml = malformed XML: { $why }
parse-feed = malformed feed: { $why }
parse-json = malformed JSON: { $why }
parse-json-feed = malformed JSON Feed: { $why }
parse-json-version = unsupported JSON Feed version: { $version }
parse-read = could not read the document: { $why }
poll-no-runtime = internal error: no async runtime
poll-internal = internal error while polling
poll-parse-internal = internal error while parsing
poll-closed = internal error: poller closed
poll-web-page = not a feed: the address serves a web page (text/html)

## tidings refresh: a line per feed (the marks are padded to 6 columns)

refresh-ok = ok
refresh-fail = FAIL
refresh-not-modified = not modified  { $seconds } s
refresh-new-of = { $new } new of { $items } { $seconds } s

## Sharing (the share menu, its plans and their errors)

share-menu-copy-link = copy link
share-menu-copy-title-link = copy title and link
share-menu-copy-markdown-link = copy as Markdown link
share-menu-open-browser = open in browser
share-menu-email = email
share-menu-save-markdown = save as Markdown
share-menu-qr = QR code
share-service-vk = VK
share-service-ok = OK
share-what-link = link
share-what-title-link = title and link
share-what-markdown-link = Markdown link
share-qr-remote-open = over SSH: scan to open on your phone (link also copied)
share-qr-open = scan to open on your phone
share-qr-remote-mail = over SSH: scan to write the mail on your phone
share-qr-remote-service = over SSH: scan to share on { $service } from your phone
share-qr-too-long-here = this link is too long for a QR code here: it needs { $width }×{ $height } cells
share-qr-too-long-plain = this link is too long for a QR code
share-no-such-target = no such share target
share-no-link = this article has no link
share-untitled = Untitled
share-press-enter = press Enter to return
share-piped = Piped the article to { $program }
share-invalid-link = the link is not a valid URL
share-not-http = only http and https links can be shared
share-no-mastodon = no Mastodon instance: set general.mastodon_instance in config.toml (e.g. "mastodon.social")
share-bad-mastodon = general.mastodon_instance "{ $instance }" is not a host name like "mastodon.social"
share-no-free-name = too many files named { $stem }*.md in { $dir }
share-unclosed = a { $quote } is not closed
share-empty-command = share '{ $name }' has an empty command
share-not-found = share '{ $name }' failed: program "{ $program }" not found
share-cannot-start = share '{ $name }' failed: cannot start "{ $program }": { $why }
share-failed = share '{ $name }' failed: { $why }
share-failed-said = share '{ $name }' failed: { $how }: { $said }
share-timed-out = share '{ $name }' timed out after { $seconds } s and was stopped
share-nothing-to-pipe = nothing to pipe to
share-pipe-not-found = Pipe failed: program "{ $program }" not found
share-pipe-cannot-start = Pipe failed: cannot start "{ $program }": { $why }
share-pipe-wait = pipe failed: { $why }
share-pipe-failed = Pipe to { $program } failed: { $how }

## How a program ended, and file errors (used in several places)

process-exit = exit { $code }
process-killed = killed by a signal
file-cannot-create = cannot create { $path }: { $why }
file-cannot-read = cannot read { $path }: { $why }
file-cannot-write = cannot write { $path }: { $why }
file-cannot-write-in = cannot write in { $path }: { $why }

## What the reader's background work answers (effects/runner.rs): status-bar messages

effect-synced = Synced with { $server }: { $what }
effect-full-text-read = { $count ->
    [one] Full text: read { $count } page
   *[other] Full text: read { $count } pages
}
effect-config-broken-not-changed = Not changed: { $file } has an error; fix it first
effect-unsubscribed = Unsubscribed (bookmarked articles stay in Bookmarks)
effect-renamed = Renamed to “{ $title }”
effect-own-title = The feed's own title is shown again
effect-config-not-reread = { $file } not read again: { $why }
effect-config-not-reread-kept = { $file } not read again, the current settings stay: { $why }
effect-search-failed = search: { $why }
effect-config-broken-tags = Tags not saved: { $file } has an error; fix it first
effect-tags-saved = Tags saved in { $file }
effect-sort-not-kept = could not remember the sort order: { $why }
effect-saved-to = Saved to { $path }
effect-article-not-written = could not write the article: { $why }
effect-article-gone = this article is no longer stored
effect-no-episode = This article has no episode to play
effect-back-from = Back from { $program }
effect-opened = Opened { $url }
effect-terminal-write-failed = could not write to the terminal: { $why }
effect-not-copied = Not copied: { $why }
effect-copy-sent-tmux = Copy sent; tmux may drop it without '{ $setting }'
effect-copied-remote = Over SSH: copied the { $what } to your own clipboard (OSC 52)
effect-copied = Copied { $what }: { $text }
effect-copying-off = Copying is off (general.osc52 = false, and no local clipboard)
effect-no-clipboard-why = no system clipboard: { $why }
effect-no-clipboard = no system clipboard
effect-copy-failed = could not copy: { $why }
effect-terminal-back-failed = could not take the terminal back: { $why }
share-what-episode-url = episode URL
remote-host-unnamed = the remote host
pictures-off = pictures are off

## Downloads, the player and opening links (effects/)

clipboard-tmux-needs = tmux needs '{ $setting }' (it is { $current })
download-cannot-run = downloads cannot run: { $why }
download-auto-queued = { $count ->
    [one] Queued { $count } new episode for download (D: downloads)
   *[other] Queued { $count } new episodes for download (D: downloads)
}
download-auto-failed = automatic downloads: { $why }
download-keep-deleted = { $count ->
    [one] keep: deleted { $count } older episode
   *[other] keep: deleted { $count } older episodes
}
download-keep-failed = keep: { $why }
download-queue-not-saved = could not save the download queue: { $why }
download-failed = Download failed: { $name }: { $why }
download-already-done = Already downloaded: X deletes the file
download-cannot-delete = cannot delete { $path }: { $why }
download-no-enclosure = This article has no enclosure to download
download-no-such-enclosure = There is no enclosure { $number }
download-queued = Queued { $title } (D: downloads)
download-already-queued = Already queued or downloaded: { $title }
download-not-queued = could not queue the download: { $why }
open-invalid-url = not a valid URL
open-scheme = refusing to open a { $scheme }: link; only http and https are opened
open-invalid-mailto = not a valid mailto: link
open-not-mailto = not a mailto: link
open-no-command = no browser command
open-cannot-start = could not start { $program }: { $why }
player-mpv-missing = mpv is not installed (apt install mpv), or set player = [...] in config.toml
player-missing = { $program } is not installed, or set player = [...] in config.toml
player-already-queued = Already in the play queue
player-positions-failed = cannot remember positions: { $why }
player-no-chapters = this episode has no chapters

## Podcast downloads, the player, pictures and full text

download-unsupported-scheme = only http and https downloads are allowed, not '{ $scheme }'
download-too-large = the file is { $size } and max_download_mb allows { $max }; nothing was written
download-longer-than-declared = the server sent more than the { $declared } bytes it announced; cut there
download-incomplete = { $why } after { $got } of { $total } bytes (kept; the next run resumes)
download-bad-range = the server answered a bad range: { $why }
download-disk-full = the disk is full writing { $path }; the partial file is kept for a later run
download-restarts-exhausted = still no usable answer after starting over { $times } times
download-connection-closed = connection closed
player-socket = mpv's socket: { $why }
player-timeout = mpv did not answer within { $seconds } s
player-gone = mpv is gone
player-cannot-connect = cannot connect: { $why }
player-no-command = the player command is empty
player-refused = not playable: { $why }
player-not-http = { $scheme }: only http and https URLs play
player-no-such-file = { $path }: no such file
player-exited-at-start = it exited at start
player-exited = mpv exited ({ $status })
player-stopped-answering = mpv stopped answering
player-cannot-play-why = cannot play: { $why }
player-cannot-play = cannot play
picture-not-http = picture URL is not http(s): { $url }
picture-fetch = picture fetch failed: { $why }
picture-not-a-picture = not a PNG, JPEG, GIF or WebP picture{ $content_type }
picture-too-many-pixels = picture too large: { $width }x{ $height } pixels
picture-too-much-memory = picture needs more memory than allowed to decode
picture-decode = picture could not be decoded: { $why }
picture-decoder-failed = the decoder failed
fulltext-no-link = the article has no web address
fulltext-not-http = only http(s) pages are fetched
fulltext-fetch = could not fetch the page: { $why }
fulltext-not-html = the page is not HTML ({ $content_type })
fulltext-too-large = the page is too large ({ $bytes } bytes)
fulltext-too-many-elements = the page has too many elements ({ $found }, at most { $max } are read)
fulltext-nothing-readable = no article text was found on the page
fulltext-bad-selector = the feed's CSS rule { $rule } is not a selector
fulltext-panicked = the page could not be read (the HTML parser failed)
fulltext-no-type-not-markup = no content type, and not markup

## The reader: help and keys (app/help.rs, app/keymap)

help-mode-normal = Lists and articles
help-mode-help = Help
help-mode-share = Share menu
help-mode-qr = QR code
help-mode-prompt = Prompts (search, filter, tags, rename, pipe)
help-mode-confirm = Yes/no questions
help-mode-link = Link number (after o)
help-mode-downloads = Downloads screen (D)
help-note-share = The letters shown in the menu pick a target (set in [[share]]); 1–9 open link N.
help-note-prompt = Other keys type text.
help-note-link = Digits type the link number.
help-no-key = (no key)
help-key-given-to = ⚠ { $key } was given to { $action } in { $section }
help-heading-keys = Keys
help-heading-what = What it does
help-heading-name = [keys] name
help-tail = Keys can be changed in config.toml by the names in this list, in the section named above them: [keys] for lists and articles, [keys.help], [keys.prompt] … for the others.
config-keys-no-such-mode = [keys.{ $name }]: no such mode (help, share, qr, prompt, confirm, link)
config-keys-unknown-action = { $section }: unknown action '{ $name }'
config-keys-not-a-key = { $section } { $name }: expected a key or a list of keys
config-keys-bound-to-both = { $section }: { $keys } is bound to both { $action } and { $other }; { $other } keeps it
config-keys-taken-none-left = { $section }: { $other } took { $keys } from { $action }, which now has no key
config-keys-taken = { $section }: { $other } took { $keys } from { $action }
config-keys-unknown-key = unknown key '{ $key }'
action-down = Move down / scroll the article
action-up = Move up / scroll the article
action-page-down = Page down
action-page-up = Page up
action-home = First item / top of the article
action-end = Last item / end of the article
action-open = Open the feed or article
action-back = Clear the search or filter, close, go back (quits at the top)
action-cancel = Clear the search or filter, close, go back (never quits)
action-quit = Quit
action-switch-pane = Switch between list and article
action-next-article = Next article (after the open one)
action-prev-article = Previous article (before the open one)
action-next-unread = Next unread article (next match while searching)
action-toggle-read = Toggle read / unread
action-mark-all-read = Mark the whole view read
action-undo = Undo the last marking (u, A, b, X)
action-delete-article = Delete the article (hidden for good; U undoes); on the feed list, unsubscribe
action-toggle-bookmark = Toggle bookmark
action-download = Download the podcast episode (d then N: enclosure N)
action-show-downloads = Downloads: progress, pause, cancel, retry
action-show-bookmarks = Show bookmarks
action-search = Search title, feed, author and text; on the feed list, go to a feed by name
action-filter = Filter this view: unread, feed:, tag:, age:<3d, or, not …
action-prev-match = Previous search match in the article
action-edit-tags = Edit the tags of the feed (saved in config.toml)
action-cycle-sort = Sort: newest, oldest, by feed, by title, unread first
action-refresh-feed = Refresh the selected feed now, even if it is waiting to retry
action-refresh-all = Refresh all feeds (those waiting to retry keep waiting)
action-reload-config = Read config.toml again (also done by itself when the file changes)
action-open-in-browser = Open the link in the browser (o then N: link N)
action-copy-link = Copy the link (OSC 52, works over SSH)
action-share = Share: copy, mail, social sites, save, your own commands
action-show-qr = Show the link as a QR code
action-pipe-to = Pipe the article's text to a command (no shell)
action-help = Show / hide this help
action-narrow-list = Side by side: narrow the list, widen the article
action-widen-list = Side by side: widen the list, narrow the article
action-rename-feed = Rename the feed (saved in config.toml)
action-move-feed-up = Move the feed up the list
action-move-feed-down = Move the feed down the list
action-maximize = The article alone on screen, or with the list again
action-full-text = The whole article from its web page, or the feed's text again
action-redraw = Clear the terminal and draw everything anew
action-play = Play the episode (downloaded file, else the stream) from where it was left; pause / resume it
action-stop-player = Stop playing (the position is kept)
action-step-back = Player: step back (step_back_secs)
action-step-forward = Player: step forward (step_forward_secs)
action-prev-chapter = Player: previous chapter
action-next-chapter = Player: next chapter
action-speed-down = Player: slower (down to 0.5×)
action-speed-up = Player: faster (up to 3.0×)
action-volume-down = Player: volume down
action-volume-up = Player: volume up
action-mute = Player: mute / unmute
action-enqueue = Add the episode to the play queue (plays when the current one ends)
action-help-down = Scroll down
action-help-up = Scroll up
action-help-page-down = Scroll a page down
action-help-page-up = Scroll a page up
action-help-home = Top of the help
action-help-end = End of the help
action-help-close = Close the help
action-share-close = Close the menu
action-qr-copy-link = Copy the code's link (it may not be the article's)
action-qr-close = Close the code (so does any other key)
action-prompt-submit = Done: apply or save what was typed
action-prompt-cancel = Cancel (a search or filter goes back to what it was)
action-prompt-cursor-left = Cursor left
action-prompt-cursor-right = Cursor right
action-prompt-line-start = Cursor to the start
action-prompt-line-end = Cursor to the end
action-prompt-delete-back = Delete the character before the cursor
action-prompt-delete-forward = Delete the character under the cursor
action-prompt-delete-word = Delete the word before the cursor
action-prompt-delete-to-start = Delete everything before the cursor
action-confirm-yes = Yes (any other key: no)
action-link-open = Open the article's own link, or link N once typed
action-link-close = Cancel (so does any other key)
action-downloads-down = Next download
action-downloads-up = Previous download
action-downloads-home = First download
action-downloads-end = Last download
action-downloads-pause-download = Pause (the .part is kept) / resume where it stopped
action-downloads-cancel-download = Cancel: the row and its .part go
action-downloads-retry-download = Retry a failed download
action-downloads-delete-download = Delete the downloaded file (asks first)
action-downloads-copy-link = Copy the file's path (OSC 52)
action-downloads-play = Play the episode (the file when it is done) / pause it
action-downloads-open = Open the episode's article
action-downloads-close = Close the Downloads screen

## The reader: status messages (app/*.rs)

status-sync-failed = Sync failed: { $error }
status-select-article-to-share = Select an article to share it
status-press-to-quit = Press { $key } to quit
status-article-gone = this article is no longer stored
status-select-article-to-delete = Select an article to delete it
status-article-deleted = Article deleted · { $key } undoes
status-bookmark-removed = Bookmark removed
status-bookmarked = Bookmarked
status-undo-hint = { $what } · { $key } undoes
status-nothing-to-undo = Nothing to undo
status-undone = Undone: { $what }
undo-what-marked-read = article marked read
undo-what-marked-unread = article marked unread
undo-what-deleted = deleted “{ $title }”
undo-what-bookmark-removed = bookmark removed
undo-what-bookmark-added = bookmark added
undo-what-view-read = { $count ->
    [one] { $count } article
   *[other] { $count } articles
} marked read in { $view }
article-fetching-full = fetching the full article…
article-no-full-text = no full text: { $why }
article-picture-not-shown = (picture not shown: { $why })
article-picture-loading = loading picture…
status-open-article-first = Open an article first
status-maximized = Articles take the whole screen; { $key } shows the list again
status-list-and-article = List and article
status-list-width = List: { $percent }% of the width
status-list-width-side-by-side = List: { $percent }% of the width when side by side (from { $columns } columns)
status-select-episode-to-download = Select an episode to download it
status-no-enclosure = This article has no enclosure to download
status-download-which = Download which? { $choices }
status-no-such-enclosure = There is no enclosure { $number }: 1 to { $last }
status-retry-only-failed = Only a failed download is retried
status-not-downloaded-yet = Not downloaded yet: { $key } cancels it
status-its-article-gone = Its article is no longer stored
downloads-elsewhere-pid = downloads are running in another tidings (pid { $pid })
downloads-elsewhere = downloads are running in another tidings
copy-what-file-path = file's path
copy-what-episode-url = episode URL
copy-what-link = link
status-feeds-source-sync = the sync server's subscriptions:
status-feeds-source-config = config.toml read again:
status-feeds-added = { $source } { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
} added
status-feeds-removed = { $source } { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
} removed
status-feeds-added-removed = { $source } { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
} added, { $removed } removed
status-select-feed-to-unsubscribe = Select a feed on the feed list to unsubscribe from it
status-select-feed-to-rename = Select a feed on the feed list to rename it
status-select-feed-to-move = Select a feed on the feed list to move it
status-feeds-move-on-feed-list = Feeds move on the feed list
status-feed-kept = Kept
view-all = All articles
view-unread = Unread
view-bookmarks = Bookmarks
status-last-article = Last article
status-first-article = First article
status-no-unread = No unread articles
status-no-unread-in-view = No unread articles in this view
status-sorted = Sorted { $order }
status-select-article-to-pipe = Select an article to pipe it to a command
status-not-run = Not run: { $error }
player-mark-left = ◐ { $time } left
player-muted = muted
player-volume = vol { $volume }
player-queued = +{ $count } queued
status-nothing-playing = Nothing is playing: { $key } on an episode plays it
status-open-feed-to-play = Open a feed and select an episode to play it
status-select-episode-to-play = Select an episode to play it
status-episode-playing-now = That episode is playing now
status-not-played = Not played
status-all-waiting = { $count ->
    [one] { $count } feed is waiting to retry; { $key } on a feed retries it now
   *[other] { $count } feeds are waiting to retry; { $key } on a feed retries it now
}
status-feeds-from-sync = These feeds come from the sync server: { $key } syncs with it
status-database = Database: { $message }
status-database-recovered = Database: saved the { $count } read/bookmark change(s) that had failed
status-refreshed = Refreshed { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
}: { $new ->
    [one] { $new } new article
   *[other] { $new } new articles
}
status-refreshed-waiting = , { $count } waiting to retry
status-refreshed-failed = , { $count } failed
status-filter-cleared = Filter cleared
status-filter = Filter: { $filter }
status-no-feed-named = No feed or view named like “{ $name }”
status-select-feed-for-tags = Select a feed (or an article of it) to edit its tags
status-tags = Tags of { $title }: { $tags }
status-tags-none = Tags of { $title }: none
status-no-more-matches-below = No more matches below
status-no-more-matches-above = No more matches above
status-no-such-link = There is no link { $number } in this article
status-article-has-no-link = This article has no link
status-remote-link-copied = Over SSH: link copied to your clipboard (OSC 52); scan the code to open it on your phone
status-select-article-to-copy-link = Select an article to copy its link
status-select-article-to-open-link = Select an article to open its link
status-select-article-for-qr = Select an article to show its link as a QR code

## The reader: articles, start-up and sort orders (render.rs, tui.rs, store.rs)

article-blocked-scheme = (blocked { $scheme }: link)
article-blocked-link = (blocked link)
article-no-title = (no title)
article-tags = Tags: { $tags }
article-no-text = (this article has no text in the feed)
article-links = Links
article-lead-picture = picture
article-media-image = image
article-media-video = video
article-media-audio = audio
article-media-embed = embed
article-media = media
article-render-failed = (could not render this article: { $error })
error-tui-runtime = cannot start the runtime: { $error }
error-tui-terminal = cannot use this terminal ({ $error }); for scripts, see `tidings list` and `tidings refresh`
error-tui-draw = drawing failed: { $error }
status-config-warnings-more = { $warning } (and { $count } more: see help and the log)
status-wrote-starter-config = Wrote a starter config to { $path }
sort-newest = newest first
sort-oldest = oldest first
sort-feed = by feed
sort-title = by title
sort-unread-first = unread first

## The reader's screens: title bar, status bar, lists, prompts, menus (ui/*.rs)

screen-feeds = Feeds
screen-title-filter = filter: { $filter }
screen-title-counts = { $unread ->
   *[other] { $unread_n } unread
} · { $total ->
    [one] { $total_n } article
   *[other] { $total_n } articles
}
status-open-link = Open: { $open } the article's link · 1–{ $last } a numbered link · { $cancel } cancel
status-syncing = ⟳ Syncing: { $progress } stored{ $bar }
status-syncing-start = ⟳ Syncing with the server…
status-last-sync-failed = ⚠ last sync failed: { $error }
status-refreshing = ⟳ Refreshing { $done }/{ $total } feeds
status-refreshing-failed = { $count } failed
status-filter-shown = filter: { $filter }  ({ $count ->
    [one] { $n } article
   *[other] { $n } articles
})
hints-tour = Press { $open } to start the tour · { $refresh } refresh all · { $quit } quit
hints-feeds = { $open } open · { $next } next unread · { $refresh } refresh all · { $quit } quit
hints-headlines = { $open } read · { $bookmark } bookmark · { $next } unread · { $back } back
hints-article = { $next }/{ $prev } next/prev · { $browser } browser · { $copy } copy link · { $pane } pane · { $close } close
hints-help = { $key } help
downloads-title = Downloads · { $count ->
    [one] { $count } item
   *[other] { $count } items
}
downloads-elsewhere-progress = { $elsewhere }; progress read from the database
downloads-key-pause = { $key } pause
downloads-key-cancel = { $key } cancel
downloads-key-retry = { $key } retry
downloads-key-delete = { $key } delete
downloads-key-path = { $key } path
downloads-key-play = { $key } play
downloads-key-open = { $key } open
downloads-key-close = { $key } close
downloads-empty = Nothing queued: { $key } on an episode downloads it.
downloads-delete-confirm = Delete { $file }? y: yes, any other key: no
downloads-queued = queued
downloads-downloading = downloading
downloads-paused = paused
downloads-done = done
downloads-failed = failed
downloads-unknown-error = unknown error
downloads-failed-why = failed: { $reason }
downloads-waiting = waiting for its turn
downloads-left = { $time } left
feeds-start-tour = press { $key } to start the tour
feeds-not-fetched = not fetched yet
feeds-updated = updated { $date }
feeds-error = Error ({ $date }): { $message }
feeds-retry-in = retry in { $wait }
headlines-refresh-failed = The last refresh failed ({ $date }): { $message }
headlines-no-unread = No unread articles.
headlines-no-bookmarks = No bookmarks yet: press { $key } on an article to keep it here.
headlines-fetching = Fetching…
headlines-no-articles = No articles.
headlines-time-left = { $time } left
prompt-filter = filter:
prompt-tags = tags (space separated):
prompt-feed-jump = go to feed:
prompt-pipe = pipe to:
prompt-unsubscribe = Unsubscribe from “{ $title }”? Its articles go, bookmarks stay. { $key }/n
prompt-rename = name (empty: the feed's own):
prompt-matches = { $count ->
    [one] { $n } match
   *[other] { $n } matches
}
player-remote-question = Plays on { $host }, not here: { $play } play anyway, { $copy } copy the URL, { $qr } QR code
help-title = Keys · { $key } close
help-scroll = { $shown }/{ $total } { $down }/{ $up } scroll
share-open-link-n = open link N of the article
share-remote-note = Over SSH: links are copied and shown as QR codes, not opened here.
share-menu-title = Share: { $title } · { $key } close
share-qr-too-long = This link is too long for a QR code on a { $width }×{ $height } terminal (it needs { $needed_width }×{ $needed_height }). Enlarge the terminal, or press { $key } to copy it.
share-no-qr = No QR code: { $error }
share-qr-title = QR code · any key closes
article-loading = Loading…

## Units and waits (downloads, pictures, feed limits, retry times)

unit-b = B
unit-kb = KB
unit-mb = MB
unit-gb = GB
unit-bytes = bytes
unit-per-second = { $size }/s
wait-seconds = { $seconds } s
wait-minutes = { $minutes } min
wait-hours = { $hours } h
wait-hours-minutes = { $hours } h { $minutes } min
wait-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## The command line's output, errors, config and sync (commands, add, manage, opml, sync, db)

error-import-too-large = { $path }: larger than 16 MB, not a subscription list
error-runtime = cannot start the runtime: { $error }
error-bad-filter = bad filter: { $error }
cmd-search-index-partial = { $why }; searching what is indexed so far
cmd-search-index-locked = another tidings is writing
cmd-search-index-failed = could not update the search index ({ $error })
article-untitled = Untitled
cmd-purge-bad-age = --older-than wants an age such as 30d, 2w or 12h, not { $value }
cmd-purge-done = Purged { $deleted } deleted and { $read ->
    [one] { $read } read article
   *[other] { $read } read articles
} older than { $age }
cmd-purge-hidden-kept = { $count ->
    [one] { $count } deleted article still in its feed kept hidden (text dropped), so a refresh does not bring it back
   *[other] { $count } deleted articles still in their feed kept hidden (text dropped), so a refresh does not bring them back
}
cmd-search-no-matches = no matches for { $query }
cmd-show-no-article = no article with id { $id } (see `tidings list`)
cmd-show-no-full-text = no full text: { $why }
cmd-import-skipped = {"  "}skipped  { $entry }
cmd-import-done = Imported { $count ->
    [one] { $count } new feed
   *[other] { $count } new feeds
} ({ $known } already subscribed, { $skipped } skipped) into { $file }
cmd-feeds-never = never fetched
cmd-feeds-ok = ok { $at }
cmd-feeds-error = ERROR { $at }: { $error }
cmd-feeds-error-retry = ERROR { $at }: { $error } (retry in { $wait })
cmd-feeds-line = { $title }  { $unread } unread { $total } total  { $status }  { $url }
config-salvage-broken = These settings cannot be used:
config-salvage-ask = { $count ->
    [one] Your { $count } feed and every other setting can be.
   *[other] Your { $count } feeds and every other setting can be.
}
    Run on them, with defaults for the broken settings, for this session? [y/N]
config-salvage-ask-defaults = Nothing in the file can be read, so there is no feed list to keep.
    Run on the default settings for this session? [y/N]
# The answers that mean yes besides y and yes, separated by |.
config-salvage-yes = y|yes
cmd-refresh-fail-database = {"  "}FAIL  database: { $error }
cmd-refresh-fail-full-text = {"  "}FAIL  full text: { $error }
cmd-refresh-fail-downloads = {"  "}FAIL  automatic downloads: { $error }
cmd-refresh-fresh = fresh for another { $wait } (the server's cache lifetime)
cmd-refresh-retry = retry in { $wait } ({ $count ->
    [one] { $count } failure
   *[other] { $count } failures
} in a row)
cmd-refresh-wait = {"  "}wait  { $title }  { $why }; --force polls it now
cmd-refresh-full-text = Full text: read { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
cmd-refresh-full-text-failed = Full text: read { $count ->
    [one] { $count } page
   *[other] { $count } pages
}, { $failed } failed (x in the reader tries again)
cmd-refresh-queued = Queued { $count ->
    [one] { $count } episode
   *[other] { $count } episodes
} for download (tidings download or the reader fetches them)
cmd-refresh-summary = { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
}: { $ok } ok, { $failed } failed, { $new ->
    [one] { $new } new article
   *[other] { $new } new articles
} in { $secs } s
cmd-refresh-summary-waiting = { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
}: { $ok } ok, { $failed } failed, { $waiting } waiting, { $new ->
    [one] { $new } new article
   *[other] { $new } new articles
} in { $secs } s
cmd-download-nothing-new = No new enclosures to queue
cmd-download-no-article = no article { $id } (see tidings list)
cmd-download-no-enclosure = article { $id } has no enclosure to download: { $title }
cmd-download-running-elsewhere = Another tidings is running the downloads; it fetches what is queued
cmd-download-nothing = Nothing to download
cmd-download-summary = { $count ->
    [one] { $count } download
   *[other] { $count } downloads
}: { $ok } done, { $failed } failed
cmd-download-save-failed = could not save download progress: { $error }
cmd-download-kept-deleted = deleted { $file } (keep)
cmd-play-no-enclosure = article { $id } has no enclosure to play: { $title }
cmd-play-no-player = { $error }; install mpv, or name the player in config.toml (player = ["mpv"])
cmd-play-file = downloaded file
cmd-play-stream = stream
cmd-play-start = Playing { $title } ({ $what })
cmd-play-from = Playing { $title } ({ $what }) from { $at }
cmd-play-stopped = Stopped at { $at }
cmd-play-ended = Played to the end: { $title }
cmd-sync-logged-out = Logged out: the session in { $path } is gone
cmd-sync-login-failed = sync login: { $error }
error-add-no-scheme = { $typed } has no http:// or https:// in front; did you mean
    {"  "}tidings add { $full }
error-add-scheme = only http, https and file feeds are supported, not { $scheme }:
error-add-invalid-url = { $url } is not a valid URL ({ $error })
error-add-fetch = could not fetch { $url }: { $error }
    Check the address, or subscribe anyway with --no-check.
error-add-not-modified = the server answered 304 Not Modified to a plain request
error-add-no-feed-links = { $url } is a web page that advertises no feed (no <link rel="alternate">).
    Look on the site for its RSS or Atom address and add that.
error-add-not-a-feed = { $url } is not a feed: { $reason }
    Check the address, or subscribe anyway with --no-check.
error-add-not-a-feed-reason = not a feed
cmd-add-found = Found a feed: { $count ->
    [one] { $count } item
   *[other] { $count } items
}
cmd-add-found-titled = Found a feed: "{ $title }", { $count ->
    [one] { $count } item
   *[other] { $count } items
}
cmd-add-bad-pick = --pick { $pick }: the page offers feeds 1 to { $count }
cmd-add-page-offers = { $url } is a web page offering { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
}:
cmd-add-nothing = Nothing subscribed.
cmd-add-page-not-feed = { $url } is a web page, not a feed; it offers the { $count ->
    [one] feed
   *[other] feeds
} above.
    Subscribe with: tidings add { $url } --pick N   (or tidings add FEED-URL)
cmd-add-untitled = (untitled)
prompt-add-which = Subscribe to which? [1-{ $last }, Enter = 1, q = cancel]:
prompt-add-number = Type a number from 1 to { $last }.
cmd-add-already = Already subscribed to { $url }
cmd-add-subscribed = Subscribed to { $url } (in { $file })
error-feed-unknown = no feed is named "{ $name }" (see `tidings feeds` for titles and URLs)
error-feed-near = no feed is named "{ $name }"; did you mean one of these? Give its whole title or its URL:
    { $candidates }
error-feed-ambiguous = { $count } feeds are named "{ $name }"; give the URL of the one you mean:
    { $candidates }
cmd-remove-not-on-server = { $url } is not a feed of the sync server
cmd-remove-unsubscribed = Unsubscribed from { $url } on the server; { $count ->
    [one] { $count } article
   *[other] { $count } articles
} deleted here
cmd-remove-done = Removed { $feed } from { $file } and { $count ->
    [one] { $count } article
   *[other] { $count } articles
} from the database
cmd-remove-kept = ; its { $count ->
    [one] { $count } bookmarked article stays
   *[other] { $count } bookmarked articles stay
} in Bookmarks
cmd-remove-config-only = Removed { $feed } from { $file }
cmd-remove-articles-left = its articles are still in the database ({ $error }); they are no longer shown, and `tidings remove` cannot find the feed again
cmd-rename-cleared = { $url } is shown under its own title again
cmd-rename-done = { $url } is now shown as "{ $name }" (in { $file })
cmd-mark-read-bad-age = --older-than { $value }: give a number and m, h, d or w, like 7d
cmd-mark-read-done = Marked { $count ->
    [one] { $count } article
   *[other] { $count } articles
} read
sync-progress = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
sync-progress-of = { $done } of { $total ->
    [one] { $total } article
   *[other] { $total } articles
}
sync-summary = { $feeds ->
    [one] { $feeds } feed
   *[other] { $feeds } feeds
}, { $new ->
    [one] { $new } new article
   *[other] { $new } new articles
}, { $sent ->
    [one] { $sent } mark
   *[other] { $sent } marks
} sent, { $taken } taken from the server
sync-failed = sync: { $error }
sync-subscribed = Subscribed to { $url } on the { $server } server
sync-not-subscribed = {"  "}not subscribed  { $url }: { $error }
sync-subscribed-all = Subscribed to { $done } of { $count ->
    [one] { $count } feed
   *[other] { $count } feeds
} on the { $server } server
sync-done = Synced with { $server }: { $summary }
sync-progress-line = Syncing: { $progress } stored
sync-logged-in = Logged in to { $server } at { $url } as { $user }; the session is kept in { $path } (the password is not)
sync-logged-in-level = Logged in to { $server } at { $url } as { $user } (API level { $level }); the session is kept in { $path } (the password is not)
config-io-read = cannot read
config-io-create-dir = cannot create directory
config-io-create = cannot create
config-io-write = cannot write
config-io-write-temp = cannot write a temporary file in
config-io-replace = cannot replace
config-by-hand-edit = edit the file by hand
config-by-hand-add = add them by hand
config-io-error = { $action } { $path }: { $error }
config-missing = { $path } does not exist. A starter config is only written at the default location; create this file, or leave out --config
config-not-utf8 = { $path } is not UTF-8 text
config-feeds-not-tables = { $file }: feeds are not written as [[feed]] tables; { $by_hand }
config-feed-not-list = { $file }: `feed` is not a list of tables
config-no-such-feed = { $file }: no feed with url { $url }
config-unsupported-url = cannot add { $feed }: url "{ $url }" is not an http(s) or file URL
config-refresh-too-large = refresh_minutes { $value } is too large
config-error-at = { $file } line { $line }, column { $column }: { $message }
config-expected-key = expected a key such as "j", or a list of keys such as ["j", "Down"]
config-salvage-sync-off = [sync]: { $error }; sync is off for this session
config-salvage-unknown-section = unknown section `{ $section }` ignored (expected general, keys, feed, share, view or sync)
config-salvage-key = [keys] { $action }: { $error }; its default keys are used
config-salvage-left-out = { $what } left out: { $error }
config-salvage-field-default = { $what } { $key }: { $error }; the default is used
config-salvage-field-ignored = { $what } { $key }: { $error }; ignored
config-salvage-not-a-table = { $what } is not written as a table; ignored
config-at-least-one = { $field } must be at least 1
config-remote = [general] remote must be "auto", "yes" or "no", not "{ $value }"
config-program = { $field } must start with a program, e.g. ["mpv"]
config-remote-player = [general] remote_player must be "ask", "play" or "copy", not "{ $value }"
config-image-protocol = [general] image_protocol must be "kitty", "sixel", "iterm2", "halfblocks" or empty, not "{ $value }"
config-language = [general] language must be one of { $known } (or empty: from LANG), not "{ $value }"
config-date-format = [general] date_format "{ $value }" is not a strftime pattern chrono knows (e.g. "%d.%m.%Y %H:%M")
config-image-height = [general] image_height must be at most 200 rows
config-view-no-name = [[view]] #{ $index } has no name
config-view-filter = view "{ $name }": filter: { $error } (at character { $at })
config-feed-empty-url = { $name } has an empty url
config-feed-bad-url = { $name }: url "{ $url }" is not an http(s) or file URL (nor { $demo })
config-feed-repeated = { $name } repeats the url of { $first }; list each feed once
config-feed-selector = { $name }: scrape_selector { $selector } is not a CSS selector
config-feed-remove-selector = { $name }: scrape_remove has { $selector }, which is not a CSS selector
config-share-empty-name = { $name } has an empty name
config-share-command = { $name }: command must be a list starting with a program, e.g. ["prog", "{"{"}url{"}"}"]
config-share-key-char = { $name }: key must be one character, like "p"
config-share-key-digit = { $name }: key "{ $key }" is a digit; digits are kept for opening link N
config-share-key-builtin = { $name }: key "{ $key }" is already the share menu's "{ $label }"
config-share-key-taken = { $name }: key "{ $key }" is already used by { $other }
config-share-name = share target "{ $name }" ([[share]] #{ $index })
config-feed-name = feed "{ $title }" ([[feed]] #{ $index })
error-opml-xml = the OPML file is not well-formed XML (line { $line }, column { $column }): { $error }
error-opml-root = not an OPML file: it starts with <{ $root }> instead of <opml>
error-opml-none = not an OPML file: there is no <opml> element
error-opml-outline = the OPML file has a malformed <outline> (near line { $line }, column { $column }): { $error }
opml-no-url = no URL; not imported
opml-no-host = the URL has no host; not imported
opml-scheme = { $scheme }: URLs are not feeds (only http, https and file URLs are imported)
opml-not-a-url = not a URL (only http, https and file URLs are imported)
opml-more-skipped = { $count ->
    [one] { $count } more entry was skipped
   *[other] { $count } more entries were skipped
}
opml-too-many = the file lists more than { $limit } feeds: only the first { $limit } were imported
opml-line = line { $line }: "{ $text }"
opml-commented-out = commented out; not imported
opml-exec = { $kind } entries run commands; not imported
opml-query = query: entries are newsboat searches, not feeds; not imported
error-db-not-a-database = not a tidings database ({ $error })
error-db-corrupt = the database is damaged ({ $error })
error-db-busy = the database is busy: another tidings kept it locked ({ $error })
error-db-full = the disk is full ({ $error })
error-db-read-only = cannot write the database ({ $error })
error-db-sqlite = database error: { $error }
error-db-newer-schema = the database was written by a newer version of tidings (schema { $found }, this build knows { $known }); upgrade tidings
error-db-foreign = the file is an SQLite database of another program, not a tidings database
error-db-no-such-feed = feed { $feed } is not in the database
error-db-create-dir = cannot create the directory { $dir } for the database: { $error }
error-body-damaged = a stored body is damaged ({ $error })
error-body-too-large = a stored body is damaged (it claims { $bytes } bytes)
error-body-not-text = a stored body is a number, not text
error-body-no-size = the frame does not record its size
db-upgrade-compressing = compressing the bodies of { $count } stored articles (once, for this version's database)…
db-upgrade-reindexing = the search index of { $count } articles is built again in the background (once, for this version's database)
db-unsaved = { $count } read/bookmark change(s) could not be saved: { $error }
db-writer-stopped = the database writer stopped unexpectedly
db-gave-up = gave up { $count } unsaved read/bookmark change(s): { $error }
db-batch-failed = could not save { $count } change(s): { $error }
db-batch-failed-kept = could not save { $count } change(s): { $error }; read/bookmark changes are kept and saving is retried
db-cmd-failed = could not save { $what }: { $error }
db-cmd-failed-kept = could not save { $what }: { $error }; kept, saving is retried
db-what-articles = the articles of feed { $feed }
db-what-status = the status of feed { $feed }
db-what-schedule = the poll schedule of feed { $feed }
db-what-changes = { $count } read/bookmark change(s)
db-what-external = a check for other processes' changes
db-what-feeds = the feeds of config.toml
db-what-forget = the articles of an unsubscribed feed
db-what-full-text = the full text of article { $id }
db-what-categories = the feed categories
config-sync-url = [sync] url must be an http(s) address, not "{ $value }"
config-sync-user = [sync] user is empty
config-sync-password-command = [sync] password_command must start with a program, e.g. ["pass", "show", "rss"]
sync-error-not-configured = no [sync] section in { $file }
sync-error-unreachable = cannot reach { $url }: { $why }
sync-error-tls = TLS failed for { $url }: { $why }
sync-error-not-the-api = { $url } is not a { $kind } (HTTP { $status }{ $detail }); check [sync] url: { $hint }
sync-error-credentials = the server refused the user name or password for { $user }
sync-error-api-disabled = the API is disabled for { $user } on the server: enable it in TT-RSS's preferences ("Enable API access")
sync-error-old-server = the server's API level is { $level }; tidings needs { $need } or later
sync-error-server = the server answered { $op } with an error: { $error }
sync-error-session-expired = the server's session ended; log in again (tidings sync login)
sync-error-store = storing what the server sent: { $error }
sync-error-password = password: { $error }
sync-error-session = session file { $path }: { $why }
sync-hint-ttrss = for TT-RSS it is the installation's address, e.g. https://example.org/tt-rss/
sync-hint-greader = FreshRSS serves it at https://host/api/greader.php, Miniflux at https://host
sync-password-prompt-source = the prompt
sync-password-env-unset = the environment variable { $var } is not set
prompt-sync-password = Password for { $user } at { $url }:
sync-password-none = none given: set password_command or password_env in [sync], or run tidings sync login on a terminal
sync-password-command-empty = password_command is empty
sync-password-cannot-run = could not run { $program }: { $error }
sync-password-timeout = { $program } did not finish within { $secs } s
sync-password-failed = { $program } failed ({ $status })
sync-password-too-long = { $program } printed more than a password
sync-password-not-utf8 = { $program } printed something not UTF-8
sync-password-empty = { $program } printed nothing
sync-answer-no-auth = no Auth= in the answer
sync-answer-token-refused = the write token was refused twice
sync-answer-not-json = the answer is not JSON
sync-answer-too-large = an answer over 64 MB
sync-answer-no-session = login gave no session_id
sync-answer-no-level = getApiLevel gave no level
sync-answer-no-status = no status and content in the answer
sync-answer-unknown-error = unknown error
sync-subscribe-invalid = the server says the address is invalid
sync-subscribe-no-feed = the server found no feed at that address
sync-subscribe-several = the page offers several feeds: subscribe to one of them
sync-subscribe-fetch-failed = the server could not fetch it: { $error }
sync-subscribe-code = code { $code }
sync-not-a-feed-id = not a TT-RSS feed id: { $id }
filter-minus-alone = '-' needs something right after it, like -word
filter-empty-quotes = empty quotes: put words between them
filter-unclosed-quote = unclosed quote
filter-unknown-field = unknown field '{ $field }:' (fields: unread, read, bookmarked, feed:, tag:, category:, author:, title:, has:enclosure, age:, after:, before:)
filter-no-value = expected a value after '{ $field }:'
filter-has = 'has:' knows only 'enclosure', not '{ $value }'
filter-age = 'age:' needs < or > and a number with m, h, d or w, like age:<3d
filter-bad-date = bad date '{ $value }', expected YYYY-MM-DD
filter-unexpected-paren = unexpected ')'
filter-both-sides = '{ $word }' needs something on both sides
filter-too-deep = nested more than { $depth } deep
filter-not-alone = 'not' needs something after it
filter-expected-term = expected a word, field or '(' at the end
filter-unclosed-paren = unclosed '('
filter-empty-parens = nothing between '(' and ')'
config-default-broken = the built-in default config: { $error }
config-notice-error = { $file } has an error: tags are not saved
config-notice-one = { $file }: { $name } ignored (broken)
config-notice-many = { $file }: { $count } broken settings ignored
config-notice-defaults = { $file } unreadable, not used: default settings
error-no-home = cannot find your home directory: set HOME, or pass --config and --data-dir
error-parser-panicked = the document made a parser fail
error-no-temp-name = no free temporary file name
error-player = player: { $error }
