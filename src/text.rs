//! Text helpers shared by the stages: Unicode clean-up, accent folding and word tokens.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Replaces ligatures, soft hyphens, odd spaces and control characters so that
/// later stages see plain letters and single spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
            c if is_bidi_control(c) => {}
            c if ligature(c).is_some() => out.push_str(ligature(c).unwrap_or_default()),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\t' => out.push(' '),
            c if c.is_whitespace() && c != '\n' => out.push(' '),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Unicode's explicit direction controls (embeddings, overrides, isolates and marks): they can
/// make a report show text in another order than it is stored, so no report carries them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without direction controls (see [`is_bidi_control`]).
pub fn strip_bidi(text: &str) -> String {
    text.chars().filter(|&c| !is_bidi_control(c)).collect()
}

/// The letters a typographic ligature stands for (`ﬁ` is `fi`), or `None` for other characters.
pub fn ligature(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
}

/// Lower-cases and strips accents: `Coöperatie` becomes `cooperatie`.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        // NFD leaves ASCII alone and it has no combining marks: the same result, faster.
        return word.to_ascii_lowercase();
    }
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// A word of a sentence with its place in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the original text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// Folded form used for matching: lower case, no accents, no inner hyphens.
    pub norm: String,
    /// True when the word ends in a hyphen (`bewoners-` in `bewoners- en buurtinitiatieven`).
    pub open_hyphen: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‘' | '&' | '/' | '.')
}

/// Splits text into words. Hyphens, apostrophes, ampersands, slashes and dots
/// inside a word keep it together (`e-mail`, `programma's`, `t/m`, `o.a`);
/// a hyphen at the end of a word is recorded as an open compound.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) || (is_joiner(c) && next_is_word(&chars, j + 1)) {
                j += 1;
            } else {
                break;
            }
        }
        let open_hyphen = j < chars.len() && chars[j].1 == '-' && !next_is_word(&chars, j + 1);
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let raw = &text[start..end];
        tokens.push(Token { start, end, norm: normal_word(raw), open_hyphen });
        i = j + usize::from(open_hyphen);
    }
    tokens
}

fn next_is_word(chars: &[(usize, char)], k: usize) -> bool {
    chars.get(k).is_some_and(|c| is_word_char(c.1))
}

/// The folded form of one word: lower case, no accents, apostrophes and
/// hyphens dropped (`Buurt-initiatief` and `buurtinitiatief` are one word).
pub fn normal_word(raw: &str) -> String {
    fold(raw).chars().filter(|c| !matches!(c, '-' | '\'' | '’' | '‘')).collect()
}

/// Counts the words of a text as the scores count them.
pub fn word_count(text: &str) -> usize {
    tokenize(text).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_replaces_ligatures_and_soft_hyphens() {
        assert_eq!(clean("de\u{FB01}nitie van be\u{00AD}leid"), "definitie van beleid");
        assert_eq!(clean("a\u{00A0}b"), "a b");
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Coöperatie Één"), "cooperatie een");
    }

    #[test]
    fn tokenize_keeps_compounds_and_open_hyphens() {
        let t = tokenize("Bewoners- en buurtinitiatieven, e-mail en programma's (o.a. G1000).");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["bewoners", "en", "buurtinitiatieven", "email", "en", "programmas", "o.a", "g1000"]);
        assert!(t[0].open_hyphen);
        assert!(!t[3].open_hyphen);
    }

    #[test]
    fn token_ranges_point_into_original() {
        let text = "Één wijkbudget";
        let t = tokenize(text);
        assert_eq!(&text[t[1].start..t[1].end], "wijkbudget");
        assert_eq!(&text[t[0].start..t[0].end], "Één");
    }
}
