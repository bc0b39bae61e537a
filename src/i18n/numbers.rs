//! Numbers in messages as each language writes them: `20,000` and `1.5` in English,
//! `20 000` and `1,5` in Russian (CLDR: a no-break space groups, a comma separates).
//! Fluent itself prints `20000` in every language.

use fluent_bundle::FluentValue;

pub fn english<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    number(value, ',', '.')
}

pub fn russian<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    number(value, '\u{a0}', ',')
}

fn number(value: &FluentValue<'_>, group: char, decimal: char) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    Some(written(&n.as_string(), group, decimal))
}

/// `plain` as Fluent prints a number (`-12345.5`), grouped by threes with `group` and with
/// `decimal` for the point.
pub fn written(plain: &str, group: char, decimal: char) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 && int.bytes().all(|b| b.is_ascii_digit()) {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(f);
    }
    out
}
