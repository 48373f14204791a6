//! Unicode clean-up of extracted text and undoing of end-of-line hyphenation.

use unicode_normalization::UnicodeNormalization;

/// Normalise one line: ligatures to letters, soft hyphens and zero-width
/// characters removed, odd spaces to a plain space, control characters
/// dropped, runs of spaces collapsed, trimmed, NFC.
///
/// A soft hyphen between two letters is kept as `-`: in a PDF only drawn
/// glyphs reach the text, and some fonts map their visible hyphen glyph to
/// U+00AD (`dual\u{AD}use` is printed as `dual-use`). Line-end soft hyphens
/// are handled before this by [`dehyphenate`].
pub fn normalize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{00AD}'
                if out.chars().last().is_some_and(char::is_alphanumeric)
                    && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push('-')
            }
            c if crate::text::ligature(c).is_some() => out.push_str(crate::text::ligature(c).unwrap_or_default()),
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{FFFD}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let nfc: String = if out.is_ascii() {
        out
    } else {
        match unicode_normalization::is_nfc_quick(out.chars()) {
            unicode_normalization::IsNormalized::Yes => out,
            _ => out.nfc().collect(),
        }
    };
    let mut collapsed = String::with_capacity(nfc.len());
    for word in nfc.split(' ').filter(|w| !w.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// How two lines of one paragraph meet when the first ends in a hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Not a hyphenated line end: keep both lines as they are.
    Keep,
    /// Hyphenation: drop the hyphen and glue the next word on (`oplossin-` + `gen`).
    Dehyphenate,
    /// Real hyphen inside a compound: glue on and keep it (`Noord-` + `Holland`).
    Glue,
}

/// Conjunctions after which a line-final hyphen is an elided compound part
/// (`bewoners- en buurtinitiatieven`).
const CONJUNCTIONS: &[&str] = &["en", "of", "tot", "noch", "and", "or", "to", "t/m"];

/// Vowel pairs that Dutch spelling separates with a real hyphen (`zee-egel`, `auto-industrie`).
const VOWEL_CLASHES: &[&str] = &["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui"];

/// Decide how `prev` (a line) and `next_word` (first word of the next line) join.
pub fn join_kind(prev: &str, next_word: &str) -> Join {
    let soft = prev.ends_with('\u{00AD}');
    let trimmed = prev.trim_end_matches(['-', '\u{00AD}', '\u{2010}']);
    if !soft && trimmed.len() == prev.len() {
        return Join::Keep;
    }
    let Some(before) = trimmed.chars().last() else {
        return Join::Keep;
    };
    let Some(after) = next_word.chars().next() else {
        return Join::Keep;
    };
    if soft && before.is_alphabetic() && after.is_alphabetic() {
        return Join::Dehyphenate;
    }
    // "- " dash used as punctuation at the line end, or a bare hyphen.
    if !before.is_alphanumeric() || prev.ends_with(" -") {
        return Join::Keep;
    }
    let word = next_word.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if CONJUNCTIONS.contains(&word.as_str()) {
        return Join::Keep;
    }
    if !after.is_alphabetic() || after.is_uppercase() || before.is_numeric() {
        return Join::Glue;
    }
    // Acronyms (`EU-`, `AOW-`) keep their hyphen.
    if before.is_uppercase() {
        return Join::Glue;
    }
    // A single letter before the hyphen: `e-mail`, `A-locatie`.
    let stem = trimmed.rsplit(' ').next().unwrap_or("");
    if stem.chars().count() == 1 {
        return Join::Glue;
    }
    let pair: String = [before, after].iter().flat_map(|c| c.to_lowercase()).collect();
    if VOWEL_CLASHES.contains(&pair.as_str()) {
        return Join::Glue;
    }
    Join::Dehyphenate
}

/// Undo hyphenation between consecutive lines of one paragraph in place:
/// the continuation word moves up to the previous line.
pub fn dehyphenate(lines: &mut [String]) {
    for i in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let prev = &mut head[i - 1];
        let next = &mut tail[0];
        let next_trim = next.trim_start();
        let word_end = next_trim.find(' ').unwrap_or(next_trim.len());
        let word = &next_trim[..word_end];
        let kind = join_kind(prev.trim_end(), word);
        if kind == Join::Keep {
            continue;
        }
        let mut base = prev.trim_end().to_string();
        if kind == Join::Dehyphenate {
            base = base.trim_end_matches(['-', '\u{00AD}', '\u{2010}']).to_string();
        }
        base.push_str(word);
        let rest = next_trim[word_end..].trim_start().to_string();
        *prev = base;
        *next = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_spaces_and_soft_hyphens() {
        assert_eq!(normalize_line("e\u{FB03}ci\u{00EB}nt"), "efficiënt");
        assert_eq!(normalize_line("de\u{FB02}uw  \u{00A0}x"), "defluw x");
        assert_eq!(normalize_line("verkiezing\u{00AD}"), "verkiezing");
        assert_eq!(normalize_line("dual\u{00AD}use"), "dual-use");
        assert_eq!(normalize_line("e\u{0301}e\u{0301}n"), "één");
        assert_eq!(normalize_line(" a\u{2009}b\tc "), "a b c");
    }

    #[test]
    fn hyphen_kinds() {
        assert_eq!(join_kind("de oplossin-", "gen"), Join::Dehyphenate);
        assert_eq!(join_kind("bewoners-", "en"), Join::Keep);
        assert_eq!(join_kind("in Noord-", "Holland"), Join::Glue);
        assert_eq!(join_kind("2021-", "2025"), Join::Glue);
        assert_eq!(join_kind("de auto-", "industrie"), Join::Glue);
        assert_eq!(join_kind("zo is het -", "niet"), Join::Keep);
        assert_eq!(join_kind("gewoon", "door"), Join::Keep);
        assert_eq!(join_kind("stuur een e-", "mail"), Join::Glue);
        assert_eq!(join_kind("het EU-", "associatieakkoord"), Join::Glue);
        assert_eq!(join_kind("verkie\u{00AD}", "zingen"), Join::Dehyphenate);
    }

    #[test]
    fn dehyphenate_moves_the_word_up() {
        let mut lines = vec![
            "wij willen oplossin-".to_string(),
            "gen voor bewoners-".to_string(),
            "en buurtinitiatieven in Noord-".to_string(),
            "Holland.".to_string(),
        ];
        dehyphenate(&mut lines);
        assert_eq!(
            lines,
            vec!["wij willen oplossingen", "voor bewoners-", "en buurtinitiatieven in Noord-Holland.", "",]
        );
    }
}
