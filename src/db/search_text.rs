//! The text the search index holds: HTML bodies as plain text, everything folded.
//!
//! Folding happens here, in Rust, for both the indexed text and the query, rather than in
//! the tokenizer: the short-term fallback (`search_scan`) folds the article's text again
//! and compares, and it must agree with the index on what "the same letter" means.

/// Plain text indexed per article is cut here: a hostile feed may send megabytes of body,
/// and what matters for finding an article is in its first pages.
pub const MAX_BODY_CHARS: usize = 24_000;

/// [`crate::filter::fold`] (full case folding, Latin diacritics removed, marks and invisible
/// characters dropped), with whitespace runs collapsed to one space: the index and the
/// reader must agree on what "the same letter" is.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true; // no leading space
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c.is_ascii_control() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else {
                out.push(c.to_ascii_lowercase());
                space = false;
            }
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        let mut any = false;
        crate::filter::fold_char(c, |l| {
            out.push(l);
            any = true;
        });
        if !any {
            continue;
        }
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Scripts written without spaces between words: each character is made a word of its
/// own, so the word tokenizer indexes characters and a query of several becomes a phrase
/// of adjacent characters, which finds any substring (`经济` in `经济政策`).
pub fn is_spaceless_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables (particles attach to words)
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x3FFFF) // CJK extensions B and later
}

/// Puts spaces around every character of [`is_spaceless_script`].
pub fn segment(folded: &str) -> String {
    if !folded.chars().any(is_spaceless_script) {
        return folded.to_string();
    }
    let mut out = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        if is_spaceless_script(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push(c);
            out.push(' ');
        } else if !(c == ' ' && (out.is_empty() || out.ends_with(' '))) {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Arabic words carry their conjunctions, prepositions and article in front
/// (`والوزير`, "and the minister"). For each such word, the forms without them
/// (`الوزير`, `وزير`), space-separated, so a search for the bare word finds it.
pub fn arabic_variants(folded: &str) -> String {
    const PREFIXES: [&str; 11] = [
        "وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
    ];
    let mut out = String::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.starts_with(|c: char| ('\u{0620}'..='\u{064A}').contains(&c)) {
            continue;
        }
        for p in PREFIXES {
            if let Some(rest) = word.strip_prefix(p)
                && rest.chars().count() >= 2
            {
                out.push_str(rest);
                out.push(' ');
                // `والوزير` also gives `الوزير`: the article belongs to the noun.
                if (p.ends_with("ال") && p != "ال") || p == "لل" {
                    out.push_str("ال");
                    out.push_str(rest);
                    out.push(' ');
                }
                break;
            }
        }
    }
    out
}

/// The text of an HTML fragment: tags dropped (with the contents of `script`, `style` and
/// comments), entities decoded, whitespace collapsed. Block-level tags become a space so
/// that `<p>one</p><p>two</p>` does not read as `onetwo`. Not a parser: it only has to
/// find words, fast. A `<` not followed by a tag-like character is text (`a < b`).
pub fn html_to_text(html: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(html.len().min(max_chars * 2));
    let mut chars = 0usize;
    let mut rest = html;
    while !rest.is_empty() && chars < max_chars {
        let Some(pos) = rest.find(['<', '&']) else {
            push_text(&mut out, rest, max_chars - chars);
            break;
        };
        chars += push_text(&mut out, &rest[..pos], max_chars - chars);
        rest = &rest[pos..];
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            match decoded {
                Some(c) => chars += push_text(&mut out, c.encode_utf8(&mut [0; 4]), 1),
                None => chars += push_text(&mut out, "&", 1),
            }
            rest = &rest[used..];
            continue;
        }
        let next = rest[1..].chars().next();
        if !next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            chars += push_text(&mut out, "<", 1);
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = tag_name(&rest[1..end]);
        rest = &rest[end..];
        if !tag.closing
            && (tag.name.eq_ignore_ascii_case("script") || tag.name.eq_ignore_ascii_case("style"))
        {
            rest = skip_past_close(rest, tag.name);
        }
        if !is_inline(tag.name) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Appends `text` with whitespace collapsed, at most `budget` characters; returns how many.
fn push_text(out: &mut String, text: &str, budget: usize) -> usize {
    let mut n = 0;
    for c in text.chars() {
        if n >= budget {
            break;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                n += 1;
            }
        } else {
            out.push(c);
            n += 1;
        }
    }
    n
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
}

fn tag_name(inner: &str) -> Tag<'_> {
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    Tag {
        name: &inner[..len],
        closing,
    }
}

fn skip_past_close<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(i) = rest[from..].find("</") {
        let at = from + i + 2;
        if bytes.len() >= at + name.len()
            && bytes[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return rest[at..].find('>').map_or("", |e| &rest[at + e + 1..]);
        }
        from = at;
    }
    ""
}

fn is_inline(name: &str) -> bool {
    const INLINE: [&str; 16] = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "mark", "q", "s", "small",
        "span", "strong", "u",
    ];
    INLINE.iter().any(|t| t.eq_ignore_ascii_case(name))
        || ["sub", "sup", "time", "font"]
            .iter()
            .any(|t| t.eq_ignore_ascii_case(name))
}

/// Decodes the entity at the start of `s` (which starts with `&`): the character and how
/// many bytes it used, or `None` and 1 when it is not an entity we know.
fn entity(s: &str) -> (Option<char>, usize) {
    let body_end = s[1..]
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i + 1);
    let Some(semi) = body_end else {
        return (None, 1);
    };
    let name = &s[1..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        code.and_then(char::from_u32)
    } else {
        named_entity(name)
    };
    match c {
        Some(c) => (Some(c), semi + 1),
        None => (None, 1),
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "shy" => '\u{AD}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowers_and_strips_latin_diacritics() {
        assert_eq!(fold("Élection  à Zürich"), "election a zurich");
        assert_eq!(fold("ŁÓDŹ Øresund"), "lodz oresund");
        assert_eq!(fold("Переговоры МИНИСТР"), "переговоры министр");
        assert_eq!(fold("e\u{301}lection"), "election");
        assert_eq!(fold("经济 وزير"), "经济 وزير");
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        assert_eq!(fold("elec\u{AD}tion"), "election");
    }

    #[test]
    fn spaceless_scripts_become_one_word_per_character() {
        assert_eq!(segment("经济政策 talks"), "经 济 政 策 talks");
        assert_eq!(segment("plain"), "plain");
        assert_eq!(segment("정부는"), "정 부 는");
        assert_eq!(segment("a 经 b"), "a 经 b");
    }

    #[test]
    fn arabic_words_also_stand_without_their_prefixes() {
        assert_eq!(
            arabic_variants("التقى والوزير بالوفد"),
            "تقى وزير الوزير وفد الوفد "
        );
        assert_eq!(arabic_variants("وزير talks"), "زير ");
    }

    #[test]
    fn html_becomes_words() {
        assert_eq!(
            html_to_text(
                "<p>One&nbsp;<b>two</b></p><p>three &amp; four&#33; &#x263A;</p>",
                100
            ),
            "One two three & four! ☺"
        );
        assert_eq!(html_to_text("a < b and c>d", 100), "a < b and c>d");
        assert_eq!(
            html_to_text(
                "x<script>var a = '<p>no</p>';</script>y<!-- <p>hidden</p> -->z",
                100
            ),
            "x yz"
        );
        assert_eq!(html_to_text("&bogus; &#xZZ; &", 100), "&bogus; &#xZZ; &");
        assert_eq!(html_to_text("<p>abcdef</p>", 3), "abc");
        assert_eq!(html_to_text("<p", 100), "");
    }
}
