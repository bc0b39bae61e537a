# tidings — русские сообщения. Каждый id английского каталога (../en/tidings.ftl) есть и здесь,
# с теми же аргументами; иначе тест не проходит.
#
# Множественное число по CLDR: one (1, 21, 101 …), few (2–4, 22–24 …), many (0, 5–20, 25 …),
# other (дроби).

## Счётчики, общие для многих сообщений

articles = { $count ->
    [one] { $count } статья
    [few] { $count } статьи
    [many] { $count } статей
   *[other] { $count } статьи
}
feeds = { $count ->
    [one] { $count } лента
    [few] { $count } ленты
    [many] { $count } лент
   *[other] { $count } ленты
}

## Даты

date-unknown = дата неизвестна
date-just-now = только что
date-just-now-narrow = сейчас
date-minutes-ago = { $count } мин назад
date-minutes-narrow = { $count } мин
# Короче «часа назад»: колонка даты в списке — 12 знаков.
date-hours-ago = { $count } ч назад
date-hours-narrow = { $count } ч
date-yesterday = вчера
date-days-narrow = { $count } дн

## Командная строка (cli/localize.rs): слова самого clap, затем по сообщению на каждую команду
## и каждый аргумент, с их именами в id

cli-heading-usage = Использование:
cli-heading-options = Параметры
cli-heading-arguments = Аргументы
cli-heading-commands = Команды
cli-usage-options = [ПАРАМЕТРЫ]
cli-value-command = КОМАНДА
cli-help = Показать справку
cli-version = Показать версию
cli-default = [по умолчанию: { $value }]
cli-possible-values = [варианты: { $values }]
cli-error-unknown-argument = неизвестный аргумент «{ $arg }»
cli-error-unknown-command = неизвестная команда «{ $command }»
cli-error-invalid-choice = недопустимое значение «{ $value }» для «{ $arg }»; варианты: { $choices }
cli-error-invalid-value = недопустимое значение «{ $value }» для «{ $arg }»
cli-error-missing-argument = не указан обязательный аргумент: { $arg }
cli-error-missing-command = нужна команда
cli-error-conflict = «{ $arg }» нельзя указывать вместе с «{ $other }»
cli-error-value-count = неверное число значений для «{ $arg }»
cli-error-did-you-mean = может быть, «{ $suggestion }»?
cli-error-more-help = Подробнее: «--help».

## Страница руководства (tidings man)

man-manual = Пользовательские команды
man-name = Имя
man-synopsis = Синтаксис
man-description = Описание
man-subcommands = Команды
man-version = Версия
man-commands-in-detail = КОМАНДЫ ПОДРОБНО
man-files = ФАЙЛЫ
man-file-config = Настройки: ленты, клавиши, отправка, синхронизация, тема. Создаётся с комментариями при первом запуске; tidings сохраняет ваши комментарии, когда меняет его.
man-file-data = База данных (статьи, прочитанное, закладки, поисковый индекс), состояние загрузок и сессия синхронизации.
man-file-state = Журнал (tidings.log).
man-file-cache = Картинки и полные тексты страниц, загруженные для статей.
man-environment = ОКРУЖЕНИЕ
man-env-lang = Язык экранов и сообщений, если в настройках не задан «language»: решает первая заданная переменная (en, ru; любой другой язык — английский).
man-env-no-color = Если задана и не пуста — без цвета: выделение и непрочитанные статьи видны по инверсии и жирному шрифту.
man-env-tz = Часовой пояс, в котором показываются даты.
man-env-ssh = По SSH ссылки и подкасты предлагается передать на машину, за которой вы сидите (буфер обмена OSC 52, QR-коды), а не в браузер или динамики удалённой машины.
man-see-also = СМ. ТАКЖЕ
man-see-also-text = newsboat(1), mpv(1). В README — полный справочник настроек.

cli-about = Быстрая и безопасная программа для чтения новостей в терминале
cli-config = Брать настройки из этого файла (он должен существовать), а не из $XDG_CONFIG_HOME/tidings/config.toml
cli-value-file = ФАЙЛ
cli-data-dir = Хранить базу данных здесь, а не в $XDG_DATA_HOME/tidings
cli-value-dir = КАТАЛОГ
cli-refresh = Опросить каждую ленту один раз, напечатать по строке на ленту и итог. Ленты, которые недавно не загрузились или чей сервер попросил паузу (Retry-After), ждут своей очереди
cli-refresh-force = Опросить и ленты, ожидающие повторной попытки
cli-list = Показать статьи, новые сначала
cli-list-unread = Только непрочитанные статьи
cli-list-bookmarked = Только статьи в закладках
cli-list-feed = Только ленты, в названии или адресе которых есть ТЕКСТ (регистр не важен)
cli-value-text = ТЕКСТ
cli-list-filter = Только статьи, подходящие под ВЫРАЖЕНИЕ на языке фильтров клавиши F: unread, read, bookmarked, feed:, tag:, category:, author:, title:, has:enclosure, age:<3d, after:2025-01-01, before:…, слова, "фразы", -слово, not, or, ( )
cli-value-expr = ВЫРАЖЕНИЕ
cli-list-limit = Не больше N статей
cli-value-n = N
cli-list-json = По объекту JSON на строку
cli-search = Искать в заголовках, авторах, лентах, категориях и текстах, лучшие совпадения сначала
cli-search-query = Слова и "фразы в кавычках"; должны совпасть все (регистр и диакритика не важны)
cli-value-query = ЗАПРОС
cli-search-limit = Не больше N статей
cli-search-json = По объекту JSON на строку, как `list --json`
cli-show = Напечатать статью так, как её показывает панель статьи
cli-show-id = Номер статьи, как его печатает `tidings list`
cli-value-id = НОМЕР
cli-show-width = Переносить текст по ширине N столбцов
cli-show-full = Полный текст статьи с её веб-страницы (загружается один раз и сохраняется со статьёй) вместо текста из ленты
cli-add = Подписаться на ленту (добавляется в config.toml); если это веб-страница, предлагаются её ленты
cli-add-url = Адрес ленты (http, https или file) или веб-страницы, которая объявляет ленты
cli-value-url = АДРЕС
cli-add-title = Показывать ленту под этим названием вместо её собственного
cli-value-title = НАЗВАНИЕ
cli-add-tags = Метка для ленты; повторите, чтобы добавить ещё
cli-value-tag = МЕТКА
cli-add-pick = Если АДРЕС — веб-страница: подписаться на N-ю из объявленных ею лент
cli-add-no-check = Подписаться, не загружая АДРЕС (без сети или если лента недоступна)
cli-purge = Удалить удалённые и прочитанные статьи старше заданного срока (статьи в закладках остаются, как и те, что ещё есть в ленте: обновление вернуло бы их как новые)
cli-purge-older-than = Возраст: 30d, 2w, 12h или число дней
cli-value-age = ВОЗРАСТ
cli-import = Подписаться на ленты из файла OPML или файла urls от newsboat
cli-import-file = Файл OPML (экспорт из другой программы) или файл `urls` от newsboat
cli-export = Напечатать подписки в OPML 2.0, а с --bookmarks — статьи из закладок
cli-export-bookmarks = Напечатать статьи из закладок, новые сначала, вместо подписок
cli-export-format = Как печатать закладки
cli-value-format = ФОРМАТ
cli-export-format-markdown = строки `- [Заголовок](ссылка) — Лента, 29 янв 2025`
cli-export-format-json = по объекту JSON на строку, как `list --json`
cli-feeds = Показать ленты с числом статей и последним состоянием
cli-feeds-json = По объекту JSON на строку
cli-remove = Отписаться: лента уходит из config.toml (комментарии остаются), её статьи — из базы, кроме статей в закладках
cli-remove-feed = Адрес ленты или её полное название, как его показывает `tidings feeds` (регистр не важен)
cli-value-url-title = АДРЕС|НАЗВАНИЕ
cli-rename = Показывать ленту под другим названием (её title в config.toml)
cli-rename-feed = Адрес ленты или её полное название, как его показывает `tidings feeds` (регистр не важен)
cli-rename-name = Новое название; "" возвращает название, которое лента даёт себе сама
cli-value-new = НОВОЕ
cli-mark-read = Отметить статьи прочитанными: все непрочитанные или подходящие под все указанные параметры; печатает, сколько отмечено
cli-mark-read-feed = Только ленты, в названии или адресе которых есть ТЕКСТ (регистр не важен)
cli-mark-read-filter = Только статьи, подходящие под ВЫРАЖЕНИЕ, как в `list --filter`
cli-mark-read-older-than = Только статьи старше этого: число и m, h, d или w (минуты, часы, дни, недели), например 7d
cli-download = Скачать вложения (выпуски подкастов) статей в download_dir, затем выполнить очередь: все ожидающие, прерванные и неудавшиеся загрузки, докачивая начатые файлы. В терминале — полосы прогресса, иначе строка на файл; код выхода 1, если что-то не скачалось
cli-download-feed = Поставить в очередь вложения статей лент, в названии или адресе которых есть ТЕКСТ (регистр не важен)
cli-download-new = Поставить в очередь вложения только непрочитанных статей (с --feed — этих лент)
cli-download-ids = Поставить в очередь вложения этих статей (номера, как их печатает `tidings list`)
cli-downloads = Показать очередь загрузок: состояние, скачано и всего байт, файл и причину неудачи
cli-downloads-json = По объекту JSON на строку
cli-play = Проиграть вложение статьи в mpv (настройка `player`): скачанный файл, если он есть, иначе поток, с того места, где остановились. Код выхода 1, если проиграть нельзя
cli-play-id = Статья (номер, как его печатает `tidings list`)
cli-sync = Синхронизироваться с сервером лент из [sync] (TT-RSS или Google Reader API): свои отметки — на сервер, подписки и новые статьи — с сервера, затем прочитанное и избранное с сервера
cli-sync-login = Проверить учётную запись из [sync] на сервере и сохранить сессию (пароль берётся из password_command, password_env или запрашивается и не сохраняется); точно говорит, что не так: адрес, учётные данные, выключенный API, TLS
cli-sync-logout = Забыть сохранённую сессию
cli-completions = Напечатать дополнение команд для bash, zsh, fish, elvish или PowerShell
cli-completions-shell = Оболочка, для которой нужно дополнение
cli-value-shell = ОБОЛОЧКА
cli-man = Напечатать страницу руководства (roff) для `man -l -`
cli-description = Быстрая и безопасная программа для чтения новостей в терминале.

    Без команды tidings открывает читалку: ленты слева или на отдельном экране, заголовки, статью и строку состояния, где сказано, что делают клавиши. Клавиша ? в читалке показывает все клавиши. Ленты перечислены в файле настроек (tidings add АДРЕС добавляет ленту); при первом запуске создаются настройки с комментариями.

    С командой tidings работает как инструмент командной строки для скриптов и cron: обновить ленты, показать и найти статьи, подписаться, экспортировать, скачать подкасты, синхронизироваться с сервером TT-RSS или Google Reader API.

## Ленты: почему не удалось загрузить (видно у ленты и в tidings refresh)

fetch-client-setup = не удалось настроить HTTP: { $why }
fetch-invalid-url = неверный адрес: { $why }
fetch-unsupported-scheme = схема адреса «{ $scheme }» не поддерживается
fetch-invalid-file-url = неверный адрес файла: { $url }
fetch-redirect-without-location = HTTP { $status } без заголовка Location
fetch-bad-redirect = неверный адрес перенаправления: { $why }
fetch-redirect-loop = перенаправление по кругу обратно на { $url }
fetch-too-many-redirects = слишком много перенаправлений (больше { $max })
fetch-redirect-not-http = перенаправление на адрес не http отклонено
fetch-too-large = ответ больше { $size }
fetch-unwanted-type = не тот тип файла, что запрошен ({ $content_type })
fetch-unwanted = не тот тип файла, что запрошен
fetch-timed-out = нет ответа за { $seconds } с
fetch-dns = не удалось найти адрес сервера (DNS)
fetch-connection-refused = в соединении отказано
fetch-tls = ошибка TLS: { $why }
fetch-tls-closed = ошибка TLS: сервер закрыл соединение во время согласования TLS
fetch-connect = не удалось соединиться: { $why }
fetch-reset = соединение потеряно: сервер сбросил его посреди ответа
fetch-closed-early = соединение потеряно: сервер закрыл его до конца ответа
fetch-decode = не удалось распаковать ответ: { $why }
fetch-body-lost = соединение потеряно: { $why }
fetch-request = запрос не удался: { $why }
fetch-file-not-found = файл не найден: { $path }
fetch-read-file = не удалось прочитать { $path }: { $why }
fetch-task-failed = внутренняя ошибка: задача чтения файла не выполнилась

## Ленты: почему документ — не лента, которую можно прочитать

parse-empty = пустой документ
parse-html-page = HTML-страница
parse-xml-without-root = XML без корневого элемента RSS, Atom или RDF
parse-neither-xml-nor-json = ни XML, ни JSON
parse-json-not-json-feed = JSON, но не JSON Feed
parse-json-without-version = JSON без версии JSON Feed
parse-not-a-feed = не лента ({ $what })
parse-gave-up = испорченная лента: разбор XML этого документа не удался
parse-xml = испорченный XML: { $why }
parse-feed = испорченная лента: { $why }
parse-json = испорченный JSON: { $why }
parse-json-feed = испорченный JSON Feed: { $why }
parse-json-version = версия JSON Feed не поддерживается: { $version }
parse-read = не удалось прочитать документ: { $why }
poll-no-runtime = внутренняя ошибка: нет асинхронной среды
poll-internal = внутренняя ошибка при опросе
poll-parse-internal = внутренняя ошибка при разборе
poll-closed = внутренняя ошибка: опрос остановлен
poll-web-page = не лента: по адресу веб-страница (text/html)

## tidings refresh: строка на ленту (отметки дополняются до 6 столбцов)

refresh-ok = ок
refresh-fail = СБОЙ
refresh-not-modified = без изменений  { $seconds } с
refresh-new-of = { $new } новых из { $items } { $seconds } с

## Отправка (меню «Поделиться», его действия и ошибки)

share-menu-copy-link = копировать ссылку
share-menu-copy-title-link = копировать заголовок и ссылку
share-menu-copy-markdown-link = копировать ссылку Markdown
share-menu-open-browser = открыть в браузере
share-menu-email = по почте
share-menu-save-markdown = сохранить в Markdown
share-menu-qr = QR-код
share-service-vk = ВКонтакте
share-service-ok = Одноклассники
share-what-link = ссылка
share-what-title-link = заголовок и ссылка
share-what-markdown-link = ссылка Markdown
share-qr-remote-open = по SSH: отсканируйте, чтобы открыть на телефоне (ссылка тоже скопирована)
share-qr-open = отсканируйте, чтобы открыть на телефоне
share-qr-remote-mail = по SSH: отсканируйте, чтобы написать письмо на телефоне
share-qr-remote-service = по SSH: отсканируйте, чтобы поделиться в { $service } с телефона
share-qr-too-long-here = ссылка слишком длинная для QR-кода на этом экране: нужно { $width }×{ $height } клеток
share-qr-too-long = ссылка слишком длинная для QR-кода
share-no-such-target = такого способа отправки нет
share-no-link = у этой статьи нет ссылки
share-untitled = Без заголовка
share-press-enter = нажмите Enter, чтобы вернуться
share-piped = Статья передана в { $program }
share-invalid-link = неверная ссылка: это не URL
share-not-http = поделиться можно только ссылками http и https
share-no-mastodon = не задан сервер Mastodon: укажите general.mastodon_instance в config.toml (например, "mastodon.social")
share-bad-mastodon = general.mastodon_instance "{ $instance }" — не имя сервера вида "mastodon.social"
share-no-free-name = слишком много файлов { $stem }*.md в { $dir }
share-unclosed = не закрыта кавычка { $quote }
share-empty-command = у способа отправки «{ $name }» пустая команда
share-not-found = отправка «{ $name }» не удалась: программа "{ $program }" не найдена
share-cannot-start = отправка «{ $name }» не удалась: не запускается "{ $program }": { $why }
share-failed = отправка «{ $name }» не удалась: { $why }
share-failed-said = отправка «{ $name }» не удалась: { $how }: { $said }
share-timed-out = отправка «{ $name }» не завершилась за { $seconds } с и остановлена
share-nothing-to-pipe = некуда передать
share-pipe-not-found = Передача не удалась: программа "{ $program }" не найдена
share-pipe-cannot-start = Передача не удалась: не запускается "{ $program }": { $why }
share-pipe-wait = передача не удалась: { $why }
share-pipe-failed = Передача в { $program } не удалась: { $how }

## Как завершилась программа, ошибки файлов (в нескольких местах)

process-exit = код выхода { $code }
process-killed = прервана сигналом
file-cannot-create = не удалось создать { $path }: { $why }
file-cannot-read = не удалось прочитать { $path }: { $why }
file-cannot-write = не удалось записать { $path }: { $why }
file-cannot-write-in = не удалось записать в { $path }: { $why }

## Ответы фоновой работы читалки (effects/runner.rs): сообщения в строке состояния

effect-synced = Синхронизировано с { $server }: { $what }
effect-full-text-read = { $count ->
    [one] Полный текст: прочитана { $count } страница
    [few] Полный текст: прочитаны { $count } страницы
   *[other] Полный текст: прочитано { $count } страниц
}
effect-config-broken-not-changed = Не изменено: в { $file } ошибка; сначала исправьте её
effect-unsubscribed = Подписка отменена (статьи из закладок остаются в Закладках)
effect-renamed = Переименовано в «{ $title }»
effect-own-title = Снова показано собственное название ленты
effect-config-not-reread = { $file } не перечитан: { $why }
effect-config-not-reread-kept = { $file } не перечитан, текущие настройки остаются: { $why }
effect-search-failed = поиск: { $why }
effect-config-broken-tags = Метки не сохранены: в { $file } ошибка; сначала исправьте её
effect-tags-saved = Метки сохранены в { $file }
effect-sort-not-kept = не удалось запомнить порядок сортировки: { $why }
effect-saved-to = Сохранено в { $path }
effect-article-not-written = не удалось записать статью: { $why }
effect-article-gone = этой статьи больше нет в базе
effect-no-episode = В этой статье нет выпуска для проигрывания
effect-back-from = Возврат из { $program }
effect-opened = Открыто: { $url }
effect-terminal-write-failed = не удалось писать в терминал: { $why }
effect-not-copied = Не скопировано: { $why }
effect-copy-sent-tmux = Отправлено в буфер; tmux может отбросить это без '{ $setting }'
effect-copied-remote = По SSH: в ваш собственный буфер обмена (OSC 52) — { $what }
effect-copied = В буфере — { $what }: { $text }
effect-copying-off = Копирование выключено (general.osc52 = false, а локального буфера нет)
effect-no-clipboard-why = нет системного буфера обмена: { $why }
effect-no-clipboard = нет системного буфера обмена
effect-copy-failed = не удалось скопировать: { $why }
effect-terminal-back-failed = не удалось вернуть терминал: { $why }
share-what-episode-url = адрес выпуска
remote-host-unnamed = удалённая машина
pictures-off = картинки выключены

## Загрузки, проигрыватель и открытие ссылок (effects/)

clipboard-tmux-needs = tmux нужна настройка '{ $setting }' (сейчас { $current })
download-cannot-run = загрузки не запускаются: { $why }
download-auto-queued = { $count ->
    [one] В очереди { $count } новый выпуск (D: загрузки)
    [few] В очереди { $count } новых выпуска (D: загрузки)
   *[other] В очереди { $count } новых выпусков (D: загрузки)
}
download-auto-failed = автоматические загрузки: { $why }
download-keep-deleted = { $count ->
    [one] keep: удалён { $count } старый выпуск
    [few] keep: удалено { $count } старых выпуска
   *[other] keep: удалено { $count } старых выпусков
}
download-keep-failed = keep: { $why }
download-queue-not-saved = не удалось сохранить очередь загрузок: { $why }
download-failed = Загрузка не удалась: { $name }: { $why }
download-already-done = Уже скачано: X удаляет файл
download-cannot-delete = не удалось удалить { $path }: { $why }
download-no-enclosure = В этой статье нечего скачивать
download-no-such-enclosure = Вложения { $number } нет
download-queued = В очереди: { $title } (D: загрузки)
download-already-queued = Уже в очереди или скачано: { $title }
download-not-queued = не удалось поставить в очередь: { $why }
open-invalid-url = неверный URL
open-scheme = ссылки { $scheme }: не открываются; открываются только http и https
open-invalid-mailto = неверная ссылка mailto:
open-not-mailto = не ссылка mailto:
open-no-command = не задана команда браузера
open-cannot-start = не удалось запустить { $program }: { $why }
player-mpv-missing = mpv не установлен (apt install mpv); или задайте player = [...] в config.toml
player-missing = { $program } не установлен; или задайте player = [...] в config.toml
player-already-queued = Уже в очереди проигрывания
player-positions-failed = не удалось запомнить места остановки: { $why }
player-no-chapters = в этом выпуске нет глав

## Загрузка подкастов, проигрыватель, картинки и полный текст

download-unsupported-scheme = скачивать можно только по http и https, а не '{ $scheme }'
download-too-large = файл весит { $size }, а max_download_mb разрешает { $max }; ничего не записано
download-longer-than-declared = сервер прислал больше объявленных { $declared } байт; лишнее отрезано
download-incomplete = { $why } после { $got } из { $total } байт (сохранено; следующий запуск докачает)
download-bad-range = сервер ответил на запрос части файла неверно: { $why }
download-disk-full = диск заполнен при записи { $path }; начатый файл сохранён до следующего раза
download-restarts-exhausted = нет пригодного ответа и после { $times } попыток начать заново
download-connection-closed = соединение закрыто
player-socket = сокет mpv: { $why }
player-timeout = mpv не ответил за { $seconds } с
player-gone = mpv завершился
player-cannot-connect = не удаётся подключиться: { $why }
player-no-command = команда проигрывателя пуста
player-refused = проиграть нельзя: { $why }
player-not-http = { $scheme }: проигрываются только адреса http и https
player-no-such-file = { $path }: файла нет
player-exited-at-start = завершился сразу после запуска
player-exited = mpv завершился ({ $status })
player-stopped-answering = mpv перестал отвечать
player-cannot-play-why = не удаётся проиграть: { $why }
player-cannot-play = не удаётся проиграть
picture-not-http = адрес картинки не http(s): { $url }
picture-fetch = картинка не загрузилась: { $why }
picture-not-a-picture = не картинка PNG, JPEG, GIF или WebP{ $content_type }
picture-too-many-pixels = картинка слишком большая: { $width }x{ $height } точек
picture-too-much-memory = для декодирования картинки нужно больше памяти, чем разрешено
picture-decode = картинку не удалось декодировать: { $why }
picture-decoder-failed = сбой декодера
fulltext-no-link = у статьи нет веб-адреса
fulltext-not-http = загружаются только страницы http(s)
fulltext-fetch = не удалось загрузить страницу: { $why }
fulltext-not-html = страница не в HTML ({ $content_type })
fulltext-too-large = страница слишком большая ({ $bytes } байт)
fulltext-too-many-elements = на странице слишком много элементов ({ $found }, читается не больше { $max })
fulltext-nothing-readable = на странице не найден текст статьи
fulltext-bad-selector = правило CSS ленты { $rule } — не селектор
fulltext-panicked = страницу не удалось прочитать (сбой разбора HTML)
fulltext-no-type-not-markup = нет типа содержимого, и это не разметка
