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
man-file-config = Настройки: ленты, клавиши, отправка, синхронизация. Создаётся с комментариями при первом запуске; tidings сохраняет ваши комментарии, когда меняет его.
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
share-qr-too-long-plain = ссылка слишком длинная для QR-кода
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

## Читалка: справка и клавиши (app/help.rs, app/keymap)

help-mode-normal = Списки и статьи
help-mode-help = Справка
help-mode-share = Меню «Поделиться»
help-mode-qr = QR-код
help-mode-prompt = Ввод (поиск, фильтр, теги, имя, команда)
help-mode-confirm = Вопросы «да/нет»
help-mode-link = Номер ссылки (после o)
help-mode-downloads = Экран загрузок (D)
help-note-share = Буквы в меню выбирают, куда отправить (задаются в [[share]]); 1–9 открывают ссылку N.
help-note-prompt = Остальные клавиши вводят текст.
help-note-link = Цифры набирают номер ссылки.
help-no-key = (нет клавиши)
help-key-given-to = ⚠ { $key } отдана { $action } в { $section }
help-heading-keys = Клавиши
help-heading-what = Что делает
help-heading-name = имя в [keys]
help-tail = Клавиши меняются в config.toml по именам из этого списка, в разделе, названном над ними: [keys] для списков и статей, [keys.help], [keys.prompt] … для остальных.
config-keys-no-such-mode = [keys.{ $name }]: нет такого режима (help, share, qr, prompt, confirm, link)
config-keys-unknown-action = { $section }: неизвестное действие '{ $name }'
config-keys-not-a-key = { $section } { $name }: нужна клавиша или список клавиш
config-keys-bound-to-both = { $section }: { $keys } назначена и { $action }, и { $other }; остаётся у { $other }
config-keys-taken-none-left = { $section }: { $other } забрало { $keys } у { $action }, и у того не осталось клавиш
config-keys-taken = { $section }: { $other } забрало { $keys } у { $action }
config-keys-unknown-key = неизвестная клавиша '{ $key }'
action-down = Вниз / прокрутить статью
action-up = Вверх / прокрутить статью
action-page-down = Страница вниз
action-page-up = Страница вверх
action-home = В начало списка / статьи
action-end = В конец списка / статьи
action-open = Открыть ленту или статью
action-back = Сбросить поиск или фильтр, закрыть, назад (наверху — выход)
action-cancel = Сбросить поиск или фильтр, закрыть, назад (не выходит)
action-quit = Выйти
action-switch-pane = Переключиться между списком и статьёй
action-next-article = Следующая статья (после открытой)
action-prev-article = Предыдущая статья (перед открытой)
action-next-unread = Следующая непрочитанная (при поиске — следующее совпадение)
action-toggle-read = Прочитано / не прочитано
action-mark-all-read = Отметить весь вид прочитанным
action-undo = Отменить последнюю отметку (u, A, b, X)
action-delete-article = Удалить статью (скрыть насовсем; U отменяет); в списке лент — отписаться
action-toggle-bookmark = Закладка: поставить / снять
action-download = Скачать выпуск подкаста (d, затем N: вложение N)
action-show-downloads = Загрузки: ход, пауза, отмена, повтор
action-show-bookmarks = Показать закладки
action-search = Искать в заголовке, ленте, авторе и тексте; в списке лент — перейти к ленте по имени
action-filter = Отфильтровать вид: unread, feed:, tag:, age:<3d, or, not …
action-prev-match = Предыдущее совпадение в статье
action-edit-tags = Изменить теги ленты (сохраняются в config.toml)
action-cycle-sort = Порядок: новые, старые, по ленте, по заголовку, сначала непрочитанные
action-refresh-feed = Обновить выбранную ленту сейчас, даже если она ждёт повтора
action-refresh-all = Обновить все ленты (ждущие повтора продолжают ждать)
action-reload-config = Перечитать config.toml (это делается и само, когда файл меняется)
action-open-in-browser = Открыть ссылку в браузере (o, затем N: ссылка N)
action-copy-link = Скопировать ссылку (OSC 52, работает и по SSH)
action-share = Поделиться: копия, почта, соцсети, сохранение, свои команды
action-show-qr = Показать ссылку QR-кодом
action-pipe-to = Передать текст статьи команде (без оболочки)
action-help = Показать / скрыть эту справку
action-narrow-list = Рядом: сузить список, расширить статью
action-widen-list = Рядом: расширить список, сузить статью
action-rename-feed = Переименовать ленту (сохраняется в config.toml)
action-move-feed-up = Поднять ленту в списке
action-move-feed-down = Опустить ленту в списке
action-maximize = Статья на весь экран или снова со списком
action-full-text = Вся статья с её веб-страницы или снова текст из ленты
action-redraw = Очистить терминал и всё перерисовать
action-play = Играть выпуск (скачанный файл, иначе поток) с места остановки; пауза / продолжить
action-stop-player = Остановить (позиция запоминается)
action-step-back = Плеер: шаг назад (step_back_secs)
action-step-forward = Плеер: шаг вперёд (step_forward_secs)
action-prev-chapter = Плеер: предыдущая глава
action-next-chapter = Плеер: следующая глава
action-speed-down = Плеер: медленнее (до 0.5×)
action-speed-up = Плеер: быстрее (до 3.0×)
action-volume-down = Плеер: тише
action-volume-up = Плеер: громче
action-mute = Плеер: выключить / включить звук
action-enqueue = Добавить выпуск в очередь (заиграет, когда кончится текущий)
action-help-down = Прокрутить вниз
action-help-up = Прокрутить вверх
action-help-page-down = Страница вниз
action-help-page-up = Страница вверх
action-help-home = Начало справки
action-help-end = Конец справки
action-help-close = Закрыть справку
action-share-close = Закрыть меню
action-qr-copy-link = Скопировать ссылку кода (она может быть не ссылкой статьи)
action-qr-close = Закрыть код (как и любая другая клавиша)
action-prompt-submit = Готово: применить или сохранить введённое
action-prompt-cancel = Отмена (поиск или фильтр возвращается к прежнему)
action-prompt-cursor-left = Курсор влево
action-prompt-cursor-right = Курсор вправо
action-prompt-line-start = Курсор в начало
action-prompt-line-end = Курсор в конец
action-prompt-delete-back = Удалить символ перед курсором
action-prompt-delete-forward = Удалить символ под курсором
action-prompt-delete-word = Удалить слово перед курсором
action-prompt-delete-to-start = Удалить всё перед курсором
action-confirm-yes = Да (любая другая клавиша: нет)
action-link-open = Открыть ссылку статьи или, когда набран номер, ссылку N
action-link-close = Отмена (как и любая другая клавиша)
action-downloads-down = Следующая загрузка
action-downloads-up = Предыдущая загрузка
action-downloads-home = Первая загрузка
action-downloads-end = Последняя загрузка
action-downloads-pause-download = Пауза (.part остаётся) / продолжить с места остановки
action-downloads-cancel-download = Отмена: строка и её .part удаляются
action-downloads-retry-download = Повторить неудавшуюся загрузку
action-downloads-delete-download = Удалить скачанный файл (сначала спросит)
action-downloads-copy-link = Скопировать путь к файлу (OSC 52)
action-downloads-play = Играть выпуск (файл, когда скачан) / пауза
action-downloads-open = Открыть статью выпуска
action-downloads-close = Закрыть экран загрузок

## Читалка: сообщения в строке состояния (app/*.rs)

status-sync-failed = Сбой синхронизации: { $error }
status-select-article-to-share = Выберите статью, чтобы поделиться ею
status-press-to-quit = Для выхода нажмите { $key }
status-article-gone = этой статьи больше нет в базе
status-select-article-to-delete = Выберите статью, чтобы удалить её
status-article-deleted = Статья удалена · { $key } отменяет
status-bookmark-removed = Закладка снята
status-bookmarked = Закладка поставлена
status-undo-hint = { $what } · { $key } отменяет
status-nothing-to-undo = Нечего отменять
status-undone = Отменено: { $what }
undo-what-marked-read = статья отмечена прочитанной
undo-what-marked-unread = статья отмечена непрочитанной
undo-what-deleted = удалена «{ $title }»
undo-what-bookmark-removed = закладка снята
undo-what-bookmark-added = закладка поставлена
undo-what-view-read = { $count ->
    [one] { $count } статья отмечена прочитанной
    [few] { $count } статьи отмечены прочитанными
    [many] { $count } статей отмечено прочитанными
   *[other] { $count } статьи отмечено прочитанными
} в «{ $view }»
article-fetching-full = загружается полная статья…
article-no-full-text = полного текста нет: { $why }
article-picture-not-shown = (картинка не показана: { $why })
article-picture-loading = картинка загружается…
status-open-article-first = Сначала откройте статью
status-maximized = Статьи на весь экран; { $key } возвращает список
status-list-and-article = Список и статья
status-list-width = Список: { $percent }% ширины
status-list-width-side-by-side = Список: { $percent }% ширины, когда рядом (от { $columns } колонок)
status-select-episode-to-download = Выберите выпуск, чтобы скачать его
status-no-enclosure = У этой статьи нет вложения для загрузки
status-download-which = Что скачать? { $choices }
status-no-such-enclosure = Вложения { $number } нет: от 1 до { $last }
status-retry-only-failed = Повторить можно только неудавшуюся загрузку
status-not-downloaded-yet = Ещё не скачано: { $key } отменяет загрузку
status-its-article-gone = Её статьи больше нет в базе
downloads-elsewhere-pid = загрузками занят другой tidings (pid { $pid })
downloads-elsewhere = загрузками занят другой tidings
copy-what-file-path = путь к файлу
copy-what-episode-url = адрес выпуска
copy-what-link = ссылка
status-feeds-source-sync = подписки сервера синхронизации:
status-feeds-source-config = config.toml перечитан:
status-feeds-added = { $source } { $count ->
    [one] добавлена { $count } лента
    [few] добавлены { $count } ленты
    [many] добавлено { $count } лент
   *[other] добавлено { $count } ленты
}
status-feeds-removed = { $source } { $count ->
    [one] удалена { $count } лента
    [few] удалены { $count } ленты
    [many] удалено { $count } лент
   *[other] удалено { $count } ленты
}
status-feeds-added-removed = { $source } { $count ->
    [one] добавлена { $count } лента
    [few] добавлены { $count } ленты
    [many] добавлено { $count } лент
   *[other] добавлено { $count } ленты
}, удалено { $removed }
status-select-feed-to-unsubscribe = Выберите ленту в списке лент, чтобы отписаться от неё
status-select-feed-to-rename = Выберите ленту в списке лент, чтобы переименовать её
status-select-feed-to-move = Выберите ленту в списке лент, чтобы переместить её
status-feeds-move-on-feed-list = Ленты перемещаются в списке лент
status-feed-kept = Оставлена
view-all = Все статьи
view-unread = Непрочитанные
view-bookmarks = Закладки
status-last-article = Последняя статья
status-first-article = Первая статья
status-no-unread = Непрочитанных статей нет
status-no-unread-in-view = В этом виде нет непрочитанных статей
status-sorted = Порядок: { $order }
status-select-article-to-pipe = Выберите статью, чтобы передать её команде
status-not-run = Не запущено: { $error }
player-mark-left = ◐ ещё { $time }
player-muted = без звука
player-volume = гр. { $volume }
player-queued = +{ $count } в очереди
status-nothing-playing = Ничего не играет: { $key } на выпуске включает его
status-open-feed-to-play = Откройте ленту и выберите выпуск, чтобы его включить
status-select-episode-to-play = Выберите выпуск, чтобы его включить
status-episode-playing-now = Этот выпуск уже играет
status-not-played = Не включено
status-all-waiting = { $count ->
    [one] { $count } лента ждёт повтора; { $key } на ленте обновит её сейчас
    [few] { $count } ленты ждут повтора; { $key } на ленте обновит её сейчас
    [many] { $count } лент ждут повтора; { $key } на ленте обновит её сейчас
   *[other] { $count } ленты ждут повтора; { $key } на ленте обновит её сейчас
}
status-feeds-from-sync = Эти ленты — с сервера синхронизации: { $key } синхронизирует
status-database = База данных: { $message }
status-database-recovered = { $count ->
    [one] База данных: сохранена { $count } несохранённая отметка (прочтение/закладка)
    [few] База данных: сохранены { $count } несохранённые отметки (прочтение/закладки)
   *[other] База данных: сохранено { $count } несохранённых отметок (прочтение/закладки)
}
status-refreshed = Обновлено { $count ->
    [one] { $count } лента
    [few] { $count } ленты
    [many] { $count } лент
   *[other] { $count } ленты
}: { $new ->
    [one] { $new } новая статья
    [few] { $new } новые статьи
    [many] { $new } новых статей
   *[other] { $new } новой статьи
}
status-refreshed-waiting = , { $count } ждут повтора
status-refreshed-failed = , { $count } с ошибкой
status-filter-cleared = Фильтр снят
status-filter = Фильтр: { $filter }
status-no-feed-named = Нет ленты или вида с именем вроде «{ $name }»
status-select-feed-for-tags = Выберите ленту (или её статью), чтобы изменить теги
status-tags = Теги ленты { $title }: { $tags }
status-tags-none = Теги ленты { $title }: нет
status-no-more-matches-below = Ниже совпадений нет
status-no-more-matches-above = Выше совпадений нет
status-no-such-link = В этой статье нет ссылки { $number }
status-article-has-no-link = У этой статьи нет ссылки
status-remote-link-copied = По SSH: ссылка скопирована в буфер (OSC 52); сканируйте код телефоном
status-select-article-to-copy-link = Выберите статью, чтобы скопировать ссылку
status-select-article-to-open-link = Выберите статью, чтобы открыть ссылку
status-select-article-for-qr = Выберите статью, чтобы показать ссылку QR-кодом

## Читалка: статьи, запуск и порядок (render.rs, tui.rs, store.rs)

article-blocked-scheme = (ссылка { $scheme }: заблокирована)
article-blocked-link = (ссылка заблокирована)
article-no-title = (без заголовка)
article-tags = Теги: { $tags }
article-no-text = (в ленте у этой статьи нет текста)
article-links = Ссылки
article-lead-picture = картинка
article-media-image = картинка
article-media-video = видео
article-media-audio = аудио
article-media-embed = вставка
article-media = медиа
article-render-failed = (не удалось показать эту статью: { $error })
error-tui-runtime = не удалось запустить среду выполнения: { $error }
error-tui-terminal = с этим терминалом работать нельзя ({ $error }); для скриптов есть `tidings list` и `tidings refresh`
error-tui-draw = не удалось отрисовать экран: { $error }
status-config-warnings-more = { $warning } (и ещё { $count }: см. справку и журнал)
status-wrote-starter-config = Начальный конфиг записан в { $path }
sort-newest = сначала новые
sort-oldest = сначала старые
sort-feed = по ленте
sort-title = по заголовку
sort-unread-first = сначала непрочитанные

## Экраны читалки: заголовок, строка состояния, списки, ввод, меню (ui/*.rs)

screen-feeds = Ленты
screen-title-filter = фильтр: { $filter }
screen-title-counts = { $unread ->
    [one] { $unread_n } непрочитанная
    [few] { $unread_n } непрочитанные
   *[other] { $unread_n } непрочитанных
} · { $total ->
    [one] { $total_n } статья
    [few] { $total_n } статьи
    [many] { $total_n } статей
   *[other] { $total_n } статьи
}
status-open-link = Открыть: { $open } ссылку статьи · 1–{ $last } ссылку по номеру · { $cancel } отмена
status-syncing = ⟳ Синхронизация: { $progress } сохранено{ $bar }
status-syncing-start = ⟳ Синхронизация с сервером…
status-last-sync-failed = ⚠ сбой синхронизации: { $error }
status-refreshing = ⟳ Обновление лент: { $done }/{ $total }
status-refreshing-failed = { $count } с ошибкой
status-filter-shown = фильтр: { $filter }  ({ $count ->
    [one] { $n } статья
    [few] { $n } статьи
    [many] { $n } статей
   *[other] { $n } статьи
})
hints-tour = { $open } — начать знакомство · { $refresh } обновить всё · { $quit } выход
hints-feeds = { $open } открыть · { $next } непрочитанное · { $refresh } обновить всё · { $quit } выход
hints-headlines = { $open } читать · { $bookmark } закладка · { $next } непрочитанное · { $back } назад
hints-article = { $next }/{ $prev } след./пред. · { $browser } браузер · { $copy } копировать · { $pane } панель · { $close } закрыть
hints-help = { $key } справка
downloads-title = Загрузки · { $count ->
    [one] { $count } файл
    [few] { $count } файла
    [many] { $count } файлов
   *[other] { $count } файла
}
downloads-elsewhere-progress = { $elsewhere }; ход загрузок читается из базы
downloads-key-pause = { $key } пауза
downloads-key-cancel = { $key } отмена
downloads-key-retry = { $key } повтор
downloads-key-delete = { $key } удалить
downloads-key-path = { $key } путь
downloads-key-play = { $key } играть
downloads-key-open = { $key } открыть
downloads-key-close = { $key } закрыть
downloads-empty = Очередь пуста: { $key } на выпуске скачивает его.
downloads-delete-confirm = Удалить { $file }? y: да, любая другая клавиша: нет
downloads-queued = в очереди
downloads-downloading = скачивается
downloads-paused = на паузе
downloads-done = готово
downloads-failed = ошибка
downloads-unknown-error = неизвестная ошибка
downloads-failed-why = ошибка: { $reason }
downloads-waiting = ждёт своей очереди
downloads-left = осталось { $time }
feeds-start-tour = { $key } — начать знакомство
feeds-not-fetched = ещё не загружалась
feeds-updated = обновлена { $date }
feeds-error = Ошибка ({ $date }): { $message }
feeds-retry-in = повтор через { $wait }
headlines-refresh-failed = Последнее обновление не удалось ({ $date }): { $message }
headlines-no-unread = Непрочитанных статей нет.
headlines-no-bookmarks = Закладок пока нет: нажмите { $key } на статье, чтобы она появилась здесь.
headlines-fetching = Загрузка…
headlines-no-articles = Статей нет.
headlines-time-left = ещё { $time }
prompt-filter = фильтр:
prompt-tags = теги (через пробел):
prompt-feed-jump = перейти к ленте:
prompt-pipe = передать команде:
prompt-unsubscribe = Отписаться от «{ $title }»? Статьи уйдут, закладки останутся. { $key }/n
prompt-rename = имя (пусто — как у ленты):
prompt-matches = { $count ->
    [one] { $n } совпадение
    [few] { $n } совпадения
    [many] { $n } совпадений
   *[other] { $n } совпадения
}
player-remote-question = Играет на { $host }, не здесь: { $play } всё равно играть, { $copy } копировать URL, { $qr } QR-код
help-title = Клавиши · { $key } закрыть
help-scroll = { $shown }/{ $total } { $down }/{ $up } прокрутка
share-open-link-n = открыть ссылку N статьи
share-remote-note = По SSH ссылки не открываются здесь: копия и QR-код.
share-menu-title = Поделиться: { $title } · { $key } закрыть
share-qr-too-long = Ссылка слишком длинная для QR-кода в терминале { $width }×{ $height } (нужно { $needed_width }×{ $needed_height }). Увеличьте терминал или нажмите { $key }, чтобы скопировать её.
share-no-qr = Нет QR-кода: { $error }
share-qr-title = QR-код · любая клавиша закрывает
article-loading = Загрузка…

## Единицы и ожидание (загрузки, картинки, ограничения лент, время до повтора)

unit-b = Б
unit-kb = КБ
unit-mb = МБ
unit-gb = ГБ
unit-bytes = байт
unit-per-second = { $size }/с
wait-seconds = { $seconds } с
wait-minutes = { $minutes } мин
wait-hours = { $hours } ч
wait-hours-minutes = { $hours } ч { $minutes } мин
wait-days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[other] { $count } дней
}

## Вывод команд, ошибки, настройки и синхронизация (commands, add, manage, opml, sync, db)

error-import-too-large = { $path }: больше 16 МБ, это не список подписок
error-runtime = не удалось запустить среду выполнения: { $error }
error-bad-filter = ошибка в фильтре: { $error }
cmd-search-index-partial = { $why }; ищу по уже проиндексированному
cmd-search-index-locked = пишет другой процесс tidings
cmd-search-index-failed = не удалось обновить поисковый индекс ({ $error })
article-untitled = Без названия
cmd-purge-bad-age = --older-than ждёт возраст вида 30d, 2w или 12h, а не { $value }
cmd-purge-done = Стёрты статьи старше { $age }: удалённых { $deleted }, прочитанных { $read }
cmd-purge-hidden-kept = { $count ->
    [one] { $count } удалённая статья ещё есть в ленте: она скрыта (текст стёрт), чтобы обновление её не вернуло
    [few] { $count } удалённые статьи ещё есть в ленте: они скрыты (текст стёрт), чтобы обновление их не вернуло
   *[other] { $count } удалённых статей ещё есть в ленте: они скрыты (текст стёрт), чтобы обновление их не вернуло
}
cmd-search-no-matches = ничего не найдено по запросу { $query }
cmd-show-no-article = нет статьи с id { $id } (см. `tidings list`)
cmd-show-no-full-text = нет полного текста: { $why }
cmd-import-skipped = {"  "}пропущено  { $entry }
cmd-import-done = Импорт в { $file }: { $count ->
    [one] { $count } новая лента
    [few] { $count } новые ленты
   *[other] { $count } новых лент
}, уже в подписках { $known }, пропущено { $skipped }
cmd-feeds-never = ещё не загружалась
cmd-feeds-ok = ок { $at }
cmd-feeds-error = ОШИБКА { $at }: { $error }
cmd-feeds-error-retry = ОШИБКА { $at }: { $error } (повтор через { $wait })
cmd-feeds-line = { $title }  { $unread } непрочит. { $total } всего  { $status }  { $url }
config-salvage-broken = Эти настройки использовать нельзя:
config-salvage-ask = { $count ->
    [one] { $count } лента и все остальные настройки в порядке.
    [few] { $count } ленты и все остальные настройки в порядке.
   *[other] { $count } лент и все остальные настройки в порядке.
}
    Запустить с ними, а вместо испорченных взять значения по умолчанию, на этот сеанс? [y/N]
config-salvage-ask-defaults = В файле ничего не удалось прочитать, так что списка лент нет.
    Запустить на этот сеанс с настройками по умолчанию? [y/N]
# Ответы, означающие «да», кроме y и yes, через |.
config-salvage-yes = д|да
cmd-refresh-fail-database = {"  "}СБОЙ  база данных: { $error }
cmd-refresh-fail-full-text = {"  "}СБОЙ  полный текст: { $error }
cmd-refresh-fail-downloads = {"  "}СБОЙ  автоскачивание: { $error }
cmd-refresh-fresh = свежая ещё { $wait } (столько сервер велит кешировать)
cmd-refresh-retry = повтор через { $wait } ({ $count ->
    [one] { $count } сбой
    [few] { $count } сбоя
   *[other] { $count } сбоев
} подряд)
cmd-refresh-wait = {"  "}ждёт  { $title }  { $why }; --force загрузит её сейчас
cmd-refresh-full-text = Полный текст: { $count ->
    [one] прочитана { $count } страница
    [few] прочитаны { $count } страницы
   *[other] прочитано { $count } страниц
}
cmd-refresh-full-text-failed = Полный текст: { $count ->
    [one] прочитана { $count } страница
    [few] прочитаны { $count } страницы
   *[other] прочитано { $count } страниц
}, не удалось { $failed } (x в читалке пробует снова)
cmd-refresh-queued = { $count ->
    [one] В очередь на скачивание поставлен { $count } выпуск
    [few] В очередь на скачивание поставлены { $count } выпуска
   *[other] В очередь на скачивание поставлено { $count } выпусков
} (их скачает tidings download или читалка)
cmd-refresh-summary = { $count ->
    [one] { $count } лента
    [few] { $count } ленты
   *[other] { $count } лент
}: успешно { $ok }, сбоев { $failed }, { $new ->
    [one] { $new } новая статья
    [few] { $new } новые статьи
   *[other] { $new } новых статей
} за { $secs } с
cmd-refresh-summary-waiting = { $count ->
    [one] { $count } лента
    [few] { $count } ленты
   *[other] { $count } лент
}: успешно { $ok }, сбоев { $failed }, ждут { $waiting }, { $new ->
    [one] { $new } новая статья
    [few] { $new } новые статьи
   *[other] { $new } новых статей
} за { $secs } с
cmd-download-nothing-new = Новых вложений для очереди нет
cmd-download-no-article = нет статьи { $id } (см. tidings list)
cmd-download-no-enclosure = у статьи { $id } нет вложения для скачивания: { $title }
cmd-download-running-elsewhere = Скачивание уже идёт в другом процессе tidings; он заберёт и эту очередь
cmd-download-nothing = Скачивать нечего
cmd-download-summary = { $count ->
    [one] { $count } загрузка
    [few] { $count } загрузки
   *[other] { $count } загрузок
}: готово { $ok }, сбоев { $failed }
cmd-download-save-failed = не удалось сохранить ход скачивания: { $error }
cmd-download-kept-deleted = удалён { $file } (keep)
cmd-play-no-enclosure = у статьи { $id } нет вложения для воспроизведения: { $title }
cmd-play-no-player = { $error }; установите mpv или укажите проигрыватель в config.toml (player = ["mpv"])
cmd-play-file = скачанный файл
cmd-play-stream = поток
cmd-play-start = Играет { $title } ({ $what })
cmd-play-from = Играет { $title } ({ $what }) с { $at }
cmd-play-stopped = Остановлено на { $at }
cmd-play-ended = Дослушано до конца: { $title }
cmd-sync-logged-out = Выход выполнен: сеанс в { $path } удалён
cmd-sync-login-failed = вход для синхронизации: { $error }
error-add-no-scheme = у { $typed } нет http:// или https:// в начале; может быть, так:
    {"  "}tidings add { $full }
error-add-scheme = поддерживаются только ленты http, https и file, а не { $scheme }:
error-add-invalid-url = { $url } — неверный URL ({ $error })
error-add-fetch = не удалось загрузить { $url }: { $error }
    Проверьте адрес или подпишитесь без проверки: --no-check.
error-add-not-modified = сервер ответил 304 Not Modified на обычный запрос
error-add-no-feed-links = { $url } — веб-страница, на которой не указано ни одной ленты (нет <link rel="alternate">).
    Найдите на сайте адрес RSS или Atom и добавьте его.
error-add-not-a-feed = { $url } — не лента: { $reason }
    Проверьте адрес или подпишитесь без проверки: --no-check.
error-add-not-a-feed-reason = это не лента
cmd-add-found = Лента найдена: { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}
cmd-add-found-titled = Лента найдена: «{ $title }», { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}
cmd-add-bad-pick = --pick { $pick }: на странице ленты с 1 по { $count }
cmd-add-page-offers = { $url } — веб-страница, на ней { $count ->
    [one] { $count } лента
    [few] { $count } ленты
   *[other] { $count } лент
}:
cmd-add-nothing = Подписка не оформлена.
cmd-add-page-not-feed = { $url } — веб-страница, а не лента; { $count ->
    [one] на ней есть лента, она показана выше.
   *[other] на ней есть ленты, они показаны выше.
}
    Подписаться: tidings add { $url } --pick N   (или tidings add АДРЕС-ЛЕНТЫ)
cmd-add-untitled = (без названия)
prompt-add-which = На какую подписаться? [1-{ $last }, Enter = 1, q = отмена]:
prompt-add-number = Введите число от 1 до { $last }.
cmd-add-already = Подписка на { $url } уже есть
cmd-add-subscribed = Подписка на { $url } оформлена (в { $file })
error-feed-unknown = нет ленты с названием «{ $name }» (названия и адреса показывает `tidings feeds`)
error-feed-near = нет ленты с названием «{ $name }»; может быть, одна из этих? Укажите полное название или адрес:
    { $candidates }
error-feed-ambiguous = лент с названием «{ $name }» несколько ({ $count }); укажите адрес нужной:
    { $candidates }
cmd-remove-not-on-server = { $url } — не лента сервера синхронизации
cmd-remove-unsubscribed = Подписка на { $url } на сервере отменена; здесь { $count ->
    [one] удалена { $count } статья
    [few] удалены { $count } статьи
   *[other] удалено { $count } статей
}
cmd-remove-done = { $feed } убрана из { $file }, из базы { $count ->
    [one] удалена { $count } статья
    [few] удалены { $count } статьи
   *[other] удалено { $count } статей
}
cmd-remove-kept = ; { $count ->
    [one] { $count } статья из Закладок остаётся
    [few] { $count } статьи из Закладок остаются
   *[other] { $count } статей из Закладок остаются
}
cmd-remove-config-only = { $feed } убрана из { $file }
cmd-remove-articles-left = её статьи остались в базе ({ $error }); они больше не видны, и `tidings remove` эту ленту уже не найдёт
cmd-rename-cleared = { $url } снова показывается под собственным названием
cmd-rename-done = { $url } теперь показывается как «{ $name }» (в { $file })
cmd-mark-read-bad-age = --older-than { $value }: нужно число и m, h, d или w, например 7d
cmd-mark-read-done = { $count ->
    [one] Прочитанной отмечена { $count } статья
    [few] Прочитанными отмечены { $count } статьи
   *[other] Прочитанными отмечено { $count } статей
}
sync-progress = { $count ->
    [one] { $count } статья
    [few] { $count } статьи
   *[other] { $count } статей
}
sync-progress-of = { $done } из { $total ->
    [one] { $total } статьи
   *[other] { $total } статей
}
sync-summary = { $feeds ->
    [one] { $feeds } лента
    [few] { $feeds } ленты
   *[other] { $feeds } лент
}, { $new ->
    [one] { $new } новая статья
    [few] { $new } новые статьи
   *[other] { $new } новых статей
}, отправлено отметок: { $sent }, получено с сервера: { $taken }
sync-failed = синхронизация: { $error }
sync-subscribed = Подписка на { $url } оформлена на сервере { $server }
sync-not-subscribed = {"  "}не подписано  { $url }: { $error }
sync-subscribed-all = На сервере { $server } оформлено подписок: { $done } из { $count }
sync-done = Синхронизировано с { $server }: { $summary }
sync-progress-line = Синхронизация: сохранено { $progress }
sync-logged-in = Вход в { $server } по адресу { $url } как { $user } выполнен; сеанс хранится в { $path } (пароль — нет)
sync-logged-in-level = Вход в { $server } по адресу { $url } как { $user } выполнен (уровень API { $level }); сеанс хранится в { $path } (пароль — нет)
config-io-read = не удалось прочитать
config-io-create-dir = не удалось создать каталог
config-io-create = не удалось создать
config-io-write = не удалось записать
config-io-write-temp = не удалось записать временный файл в
config-io-replace = не удалось заменить
config-by-hand-edit = правьте файл вручную
config-by-hand-add = добавьте их вручную
config-io-error = { $action } { $path }: { $error }
config-missing = { $path } не существует. Начальные настройки создаются только в обычном месте; создайте этот файл или уберите --config
config-not-utf8 = { $path } — не текст в UTF-8
config-feeds-not-tables = { $file }: ленты записаны не таблицами [[feed]]; { $by_hand }
config-feed-not-list = { $file }: `feed` — не список таблиц
config-no-such-feed = { $file }: нет ленты с url { $url }
config-unsupported-url = нельзя добавить { $feed }: url «{ $url }» — не http(s) и не file
config-refresh-too-large = refresh_minutes { $value } — слишком много
config-error-at = { $file }, строка { $line }, столбец { $column }: { $message }
config-expected-key = нужна клавиша, например "j", или список клавиш, например ["j", "Down"]
config-salvage-sync-off = [sync]: { $error }; синхронизация в этом сеансе выключена
config-salvage-unknown-section = неизвестный раздел `{ $section }` пропущен (бывают general, keys, feed, share, view и sync)
config-salvage-key = [keys] { $action }: { $error }; берутся клавиши по умолчанию
config-salvage-left-out = { $what } пропущено: { $error }
config-salvage-field-default = { $what } { $key }: { $error }; берётся значение по умолчанию
config-salvage-field-ignored = { $what } { $key }: { $error }; пропущено
config-salvage-not-a-table = { $what } записано не таблицей; пропущено
config-at-least-one = { $field } должно быть не меньше 1
config-remote = [general] remote может быть "auto", "yes" или "no", а не "{ $value }"
config-program = { $field } должен начинаться с программы, например ["mpv"]
config-remote-player = [general] remote_player может быть "ask", "play" или "copy", а не "{ $value }"
config-image-protocol = [general] image_protocol может быть "kitty", "sixel", "iterm2", "halfblocks" или пустым, а не "{ $value }"
config-language = [general] language может быть одним из: { $known } (или пустым: из LANG), а не "{ $value }"
config-date-format = [general] date_format "{ $value }" — не шаблон strftime, известный chrono (например, "%d.%m.%Y %H:%M")
config-image-height = [general] image_height — не больше 200 строк
config-view-no-name = у [[view]] #{ $index } нет имени
config-view-filter = вид «{ $name }»: фильтр: { $error } (символ { $at })
config-feed-empty-url = у { $name } пустой url
config-feed-bad-url = { $name }: url "{ $url }" — не http(s), не file и не { $demo }
config-feed-repeated = у { $name } тот же url, что у { $first }; укажите каждую ленту один раз
config-feed-selector = { $name }: scrape_selector { $selector } — не селектор CSS
config-feed-remove-selector = { $name }: в scrape_remove есть { $selector }, а это не селектор CSS
config-share-empty-name = у { $name } пустое имя
config-share-command = { $name }: command должен быть списком, начинающимся с программы, например ["prog", "{"{"}url{"}"}"]
config-share-key-char = { $name }: key должен быть одним символом, например "p"
config-share-key-digit = { $name }: key "{ $key }" — цифра; цифры открывают ссылку N
config-share-key-builtin = { $name }: key "{ $key }" уже занят в меню «Поделиться»: «{ $label }»
config-share-key-taken = { $name }: key "{ $key }" уже занят: { $other }
config-share-name = цель «{ $name }» ([[share]] #{ $index })
config-feed-name = лента «{ $title }» ([[feed]] #{ $index })
error-opml-xml = файл OPML — не правильный XML (строка { $line }, столбец { $column }): { $error }
error-opml-root = это не файл OPML: он начинается с <{ $root }>, а не с <opml>
error-opml-none = это не файл OPML: в нём нет элемента <opml>
error-opml-outline = в файле OPML испорчен <outline> (около строки { $line }, столбец { $column }): { $error }
opml-no-url = нет URL; не импортировано
opml-no-host = в URL нет хоста; не импортировано
opml-scheme = адреса { $scheme } — не ленты (импортируются только http, https и file)
opml-not-a-url = не URL (импортируются только http, https и file)
opml-more-skipped = { $count ->
    [one] пропущена ещё { $count } запись
    [few] пропущены ещё { $count } записи
   *[other] пропущено ещё { $count } записей
}
opml-too-many = в файле больше { $limit } лент: импортированы только первые { $limit }
opml-line = строка { $line }: «{ $text }»
opml-commented-out = закомментировано; не импортировано
opml-exec = записи { $kind } запускают команды; не импортировано
opml-query = записи query: — поиски newsboat, а не ленты; не импортировано
error-db-not-a-database = это не база данных tidings ({ $error })
error-db-corrupt = база данных повреждена ({ $error })
error-db-busy = база данных занята: другой процесс tidings держит блокировку ({ $error })
error-db-full = диск заполнен ({ $error })
error-db-read-only = не удаётся записать базу данных ({ $error })
error-db-sqlite = ошибка базы данных: { $error }
error-db-newer-schema = база данных записана более новой версией tidings (схема { $found }, эта сборка знает { $known }); обновите tidings
error-db-foreign = это база SQLite другой программы, а не база tidings
error-db-no-such-feed = ленты { $feed } нет в базе данных
error-db-create-dir = не удалось создать каталог { $dir } для базы данных: { $error }
error-body-damaged = сохранённый текст статьи повреждён ({ $error })
error-body-too-large = сохранённый текст статьи повреждён (заявлено байт: { $bytes })
error-body-not-text = сохранённый текст статьи — число, а не текст
error-body-no-size = в кадре не записан размер
db-upgrade-compressing = сжимаю тексты сохранённых статей: { $count } (один раз, для базы этой версии)…
db-upgrade-reindexing = поисковый индекс по статьям ({ $count }) строится заново в фоне (один раз, для базы этой версии)
db-unsaved = { $count ->
    [one] не удалось сохранить { $count } изменение прочтения или закладок
    [few] не удалось сохранить { $count } изменения прочтения или закладок
   *[other] не удалось сохранить { $count } изменений прочтения или закладок
}: { $error }
db-writer-stopped = запись в базу данных неожиданно остановилась
db-gave-up = { $count ->
    [one] отброшено { $count } несохранённое изменение прочтения или закладок
    [few] отброшены { $count } несохранённых изменения прочтения или закладок
   *[other] отброшено { $count } несохранённых изменений прочтения или закладок
}: { $error }
db-batch-failed = { $count ->
    [one] не удалось сохранить { $count } изменение
    [few] не удалось сохранить { $count } изменения
   *[other] не удалось сохранить { $count } изменений
}: { $error }
db-batch-failed-kept = { $count ->
    [one] не удалось сохранить { $count } изменение
    [few] не удалось сохранить { $count } изменения
   *[other] не удалось сохранить { $count } изменений
}: { $error }; изменения прочтения и закладок сохранятся при повторной попытке
db-cmd-failed = не удалось сохранить { $what }: { $error }
db-cmd-failed-kept = не удалось сохранить { $what }: { $error }; изменения оставлены, попытка повторится
db-what-articles = статьи ленты { $feed }
db-what-status = состояние ленты { $feed }
db-what-schedule = расписание опроса ленты { $feed }
db-what-changes = { $count ->
    [one] { $count } изменение прочтения или закладок
    [few] { $count } изменения прочтения или закладок
   *[other] { $count } изменений прочтения или закладок
}
db-what-external = проверку изменений других процессов
db-what-feeds = ленты из config.toml
db-what-forget = статьи ленты, от которой отписались
db-what-full-text = полный текст статьи { $id }
db-what-categories = категории лент
config-sync-url = [sync] url должен быть адресом http(s), а не "{ $value }"
config-sync-user = [sync] user пуст
config-sync-password-command = [sync] password_command должен начинаться с программы, например ["pass", "show", "rss"]
sync-error-not-configured = в { $file } нет раздела [sync]
sync-error-unreachable = не удаётся связаться с { $url }: { $why }
sync-error-tls = ошибка TLS для { $url }: { $why }
sync-error-not-the-api = { $url } — не { $kind } (HTTP { $status }{ $detail }); проверьте [sync] url: { $hint }
sync-error-credentials = сервер не принял имя пользователя или пароль для { $user }
sync-error-api-disabled = API для { $user } на сервере выключен: включите его в настройках TT-RSS («Enable API access»)
sync-error-old-server = уровень API сервера — { $level }; tidings нужен { $need } или выше
sync-error-server = сервер ответил на { $op } ошибкой: { $error }
sync-error-session-expired = сеанс на сервере закончился; войдите снова (tidings sync login)
sync-error-store = не удалось сохранить присланное сервером: { $error }
sync-error-password = пароль: { $error }
sync-error-session = файл сеанса { $path }: { $why }
sync-hint-ttrss = для TT-RSS это адрес установки, например https://example.org/tt-rss/
sync-hint-greader = у FreshRSS это https://host/api/greader.php, у Miniflux — https://host
sync-password-prompt-source = запрос на терминале
sync-password-env-unset = переменная окружения { $var } не задана
prompt-sync-password = Пароль для { $user } на { $url }:
sync-password-none = пароль не введён: задайте password_command или password_env в [sync] или запустите tidings sync login в терминале
sync-password-command-empty = password_command пуст
sync-password-cannot-run = не удалось запустить { $program }: { $error }
sync-password-timeout = { $program } не завершилась за { $secs } с
sync-password-failed = { $program } завершилась с ошибкой ({ $status })
sync-password-too-long = { $program } вывела больше, чем пароль
sync-password-not-utf8 = { $program } вывела что-то не в UTF-8
sync-password-empty = { $program } ничего не вывела
sync-answer-no-auth = в ответе нет Auth=
sync-answer-token-refused = токен записи отвергнут дважды
sync-answer-not-json = ответ — не JSON
sync-answer-too-large = ответ больше 64 МБ
sync-answer-no-session = login не вернул session_id
sync-answer-no-level = getApiLevel не вернул level
sync-answer-no-status = в ответе нет status и content
sync-answer-unknown-error = неизвестная ошибка
sync-subscribe-invalid = сервер считает адрес неверным
sync-subscribe-no-feed = сервер не нашёл ленты по этому адресу
sync-subscribe-several = на странице несколько лент: подпишитесь на одну из них
sync-subscribe-fetch-failed = сервер не смог её загрузить: { $error }
sync-subscribe-code = код { $code }
sync-not-a-feed-id = не id ленты TT-RSS: { $id }
filter-minus-alone = сразу после «-» должно что-то стоять, например -слово
filter-empty-quotes = пустые кавычки: впишите между ними слова
filter-unclosed-quote = незакрытая кавычка
filter-unknown-field = неизвестное поле «{ $field }:» (поля: unread, read, bookmarked, feed:, tag:, category:, author:, title:, has:enclosure, age:, after:, before:)
filter-no-value = после «{ $field }:» нужно значение
filter-has = «has:» знает только «enclosure», а не «{ $value }»
filter-age = «age:» ждёт < или > и число с m, h, d или w, например age:<3d
filter-bad-date = неверная дата «{ $value }», нужно ГГГГ-ММ-ДД
filter-unexpected-paren = лишняя «)»
filter-both-sides = у «{ $word }» должно быть что-то с обеих сторон
filter-too-deep = вложенность глубже { $depth }
filter-not-alone = после «not» должно что-то стоять
filter-expected-term = в конце ожидается слово, поле или «(»
filter-unclosed-paren = незакрытая «(»
filter-empty-parens = между «(» и «)» ничего нет
config-default-broken = встроенные настройки по умолчанию: { $error }
config-notice-error = в { $file } ошибка: теги не сохраняются
config-notice-one = { $file }: { $name } пропущено (ошибка)
config-notice-many = { $file }: пропущено испорченных настроек: { $count }
config-notice-defaults = { $file } не читается: настройки по умолчанию
error-no-home = не найден домашний каталог: задайте HOME или укажите --config и --data-dir
error-parser-panicked = документ вызвал сбой парсера
error-no-temp-name = нет свободного имени для временного файла
error-player = проигрыватель: { $error }
