//! Text helpers shared by the stages: Unicode clean-up, accent folding and word tokens.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Replaces ligatures, soft hyphens, odd spaces and control characters so that
/// later stages see plain letters and single spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        // Already composed (nearly every text): NFC would give the same characters.
        clean_chars(text.chars(), &mut out);
    } else {
        clean_chars(text.nfc(), &mut out);
    }
    out
}

/// The work of [`clean`] on the composed characters of a text.
fn clean_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
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
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] appended to `out`, without a string of its own.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // NFD leaves ASCII alone and it has no combining marks: the same result, faster.
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    out.extend(word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase));
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
    word_spans(text)
        .map(|(start, end, open_hyphen)| Token { start, end, norm: normal_word(&text[start..end]), open_hyphen })
        .collect()
}

/// The words of `text` as [`tokenize`] finds them, without their folded forms: byte range and
/// whether an open hyphen follows. Allocates nothing.
pub fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans { text, pos: 0 }
}

/// Iterator of [`word_spans`].
pub struct WordSpans<'a> {
    text: &'a str,
    pos: usize,
}

/// The character at byte `k` of `text` and its length in bytes.
fn char_at(text: &str, k: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(k) {
        None => None,
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => text[k..].chars().next().map(|c| (c, c.len_utf8())),
    }
}

fn word_at(text: &str, k: usize) -> bool {
    char_at(text, k).is_some_and(|(c, _)| is_word_char(c))
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.pos;
        loop {
            // ASCII without decoding: a word character is an ASCII letter or digit.
            match bytes.get(i) {
                None => return None,
                Some(b) if b.is_ascii_alphanumeric() => break,
                Some(b) if b.is_ascii() => i += 1,
                Some(_) => {
                    let (c, n) = char_at(text, i)?;
                    if is_word_char(c) {
                        break;
                    }
                    i += n;
                }
            }
        }
        let start = i;
        let mut j = i;
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii_alphanumeric() {
                j += 1;
                continue;
            }
            let Some((c, n)) = char_at(text, j) else { break };
            if is_word_char(c) || (is_joiner(c) && word_at(text, j + n)) {
                j += n;
            } else {
                break;
            }
        }
        let open_hyphen = text.as_bytes().get(j) == Some(&b'-') && !word_at(text, j + 1);
        self.pos = j + usize::from(open_hyphen);
        Some((start, j, open_hyphen))
    }
}

/// The folded form of one word: lower case, no accents, apostrophes and
/// hyphens dropped (`Buurt-initiatief` and `buurtinitiatief` are one word).
pub fn normal_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normal_word_into(raw, &mut out);
    out
}

/// [`normal_word`] into a buffer that is emptied first, to reuse its allocation.
pub fn normal_word_into(raw: &str, out: &mut String) {
    out.clear();
    push_normal_word(raw, out);
}

/// [`normal_word`] appended to `out`.
fn push_normal_word(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        // What `fold` does to ASCII, and the same filter, in one pass.
        out.extend(raw.bytes().filter(|b| !matches!(b, b'-' | b'\'')).map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    out.extend(fold(raw).chars().filter(|c| !matches!(c, '-' | '\'' | '’' | '‘')));
}

/// Appends the folded form ([`normal_word`]) of every word of `text` to `out`, each followed by
/// a NUL (no folded word holds one): the words of [`tokenize`] without a string and a token
/// each.
pub fn push_norms(text: &str, out: &mut String) {
    for (start, end, _) in word_spans(text) {
        push_normal_word(&text[start..end], out);
        out.push('\0');
    }
}

/// Counts the words of a text as the scores count them.
pub fn word_count(text: &str) -> usize {
    word_spans(text).count()
}

/// Whether a text has a word at all.
pub fn has_words(text: &str) -> bool {
    word_spans(text).next().is_some()
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
    fn clean_composes_decomposed_text() {
        // e + combining acute, and a combining mark after a starter that has no composition.
        assert_eq!(clean("Caf\u{65}\u{301} a\u{0328}\u{0301} x\u{301}"), "Caf\u{e9} \u{105}\u{301} x\u{301}");
        assert_eq!(clean("Café\tﬁ"), "Café fi");
    }

    #[test]
    fn fold_into_appends_what_fold_gives() {
        for w in ["Coöperatie", "ÉÉN", "wijk-Budget", "İstanbul", "ﬁets", ""] {
            let mut out = String::from("x ");
            fold_into(w, &mut out);
            // The definition: accents stripped after NFD, then lower case.
            let want: String = w.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
            assert_eq!(out, format!("x {want}"), "{w}");
            assert_eq!(fold(w), want, "{w}");
        }
    }

    #[test]
    fn push_norms_holds_the_tokens_norms_each_ended_by_nul() {
        for text in ["Bewoners- en buurtinitiatieven, e-mail en programma's (o.a. G1000).", "Één ‘t Zand", "", "..."]
        {
            let mut out = String::from("keep");
            push_norms(text, &mut out);
            let want: String = tokenize(text).into_iter().map(|t| t.norm + "\0").collect();
            assert_eq!(out, format!("keep{want}"), "{text}");
        }
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
    fn word_spans_agree_with_a_char_by_char_reading() {
        let samples = [
            "Bewoners- en buurtinitiatieven, e-mail en programma's (o.a. G1000).",
            "Één wijkbudget—coöperatie’s -- a- -b x--y ‘t Zand & Co / t/m ...",
            "ﬁnanciën 3.5% 1.000.000 euro; naïef ‘quoted’ CDA-VERKIEZINGSPROGRAMMA 2021-2025 80-",
            "",
            "   ",
            "a",
            "-a- 'b' a'",
        ];
        for text in samples {
            assert_eq!(tokenize(text).len(), word_count(text), "{text}");
            assert_eq!(
                tokenize(text).into_iter().map(|t| (t.start, t.end, t.open_hyphen)).collect::<Vec<_>>(),
                reference_spans(text),
                "{text}"
            );
        }
    }

    /// The former tokenizer over a vector of characters, as the reference.
    fn reference_spans(text: &str) -> Vec<(usize, usize, bool)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let next_is_word = |k: usize| chars.get(k).is_some_and(|c| is_word_char(c.1));
        let (mut out, mut i) = (Vec::new(), 0);
        while i < chars.len() {
            if !is_word_char(chars[i].1) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && (is_word_char(chars[j].1) || (is_joiner(chars[j].1) && next_is_word(j + 1))) {
                j += 1;
            }
            let open = j < chars.len() && chars[j].1 == '-' && !next_is_word(j + 1);
            out.push((chars[i].0, chars.get(j).map_or(text.len(), |c| c.0), open));
            i = j + usize::from(open);
        }
        out
    }

    #[test]
    fn normal_word_folds_ascii_and_other_text_alike() {
        assert_eq!(normal_word("Buurt-Initiatief's"), "buurtinitiatiefs");
        assert_eq!(normal_word("Coöp-eratie’s"), "cooperaties");
    }

    #[test]
    fn token_ranges_point_into_original() {
        let text = "Één wijkbudget";
        let t = tokenize(text);
        assert_eq!(&text[t[1].start..t[1].end], "wijkbudget");
        assert_eq!(&text[t[0].start..t[0].end], "Één");
    }
}
