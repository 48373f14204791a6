//! Words split by a stray space: text exports of some PDFs put a space inside words
//! ("partic ipatie", "samenle ving", "L andbouw"), so no rule finds them and quotes read badly.
//! Two neighbouring fragments are joined again when the document itself writes the joined word
//! whole elsewhere and neither fragment is a word the document uses often.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::model::Page;

/// The joined word must stand whole in the document at least this many times ...
const MIN_WHOLE: u32 = 2;

/// ... and each fragment at most this many times (as a word of its own), unless it is a lone
/// letter: "samen werken" stays two words where the document writes "samen" often, though it
/// also writes "samenwerken".
const MAX_FRAGMENT: u32 = 3;

/// A joined word is at least this many letters: short joins ("de ze") are too often two words.
const MIN_JOINED_LETTERS: usize = 6;

/// How often each word (small letters, letters only) stands whole in the document.
type Counts<'a> = FxHashMap<Cow<'a, str>, u32>;

/// Joins split words in every line of `pages` and returns how many joins it made.
pub fn rejoin_split_words(pages: &mut [Page]) -> usize {
    // (page, line, joined text, joins); nothing changes until all are known.
    let edits: Vec<(usize, usize, String, usize)> = {
        let counts = word_counts(pages);
        let mut scratch = String::new();
        let mut edits = Vec::new();
        for (p, page) in pages.iter().enumerate() {
            for (l, line) in page.lines.iter().enumerate() {
                if let Some((text, n)) = rejoined(&line.text, &counts, &mut scratch) {
                    edits.push((p, l, text, n));
                }
            }
        }
        edits
    };
    let mut joins = 0;
    for (p, l, text, n) in edits {
        pages[p].lines[l].text = text;
        joins += n;
    }
    joins
}

fn word_counts(pages: &[Page]) -> Counts<'_> {
    let mut counts = Counts::default();
    for line in pages.iter().flat_map(|p| &p.lines) {
        for token in line.text.split_whitespace() {
            let core = token.trim_matches(|c: char| !c.is_alphabetic());
            let (letters, upper) = letters_and_capitals(core);
            if letters && !core.is_empty() {
                let key = if upper { Cow::Owned(core.to_lowercase()) } else { Cow::Borrowed(core) };
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    counts
}

/// Whether `word` has letters only, and whether it has a capital; one pass, ASCII first.
fn letters_and_capitals(word: &str) -> (bool, bool) {
    let mut upper = false;
    if word.is_ascii() {
        for b in word.bytes() {
            if !b.is_ascii_alphabetic() {
                return (false, upper);
            }
            upper |= b.is_ascii_uppercase();
        }
    } else {
        for c in word.chars() {
            if !c.is_alphabetic() {
                return (false, upper);
            }
            upper |= c.is_uppercase();
        }
    }
    (true, upper)
}

/// How often `word` stands whole in the document, whatever its capitals.
fn count_of(word: &str, counts: &Counts, scratch: &mut String) -> u32 {
    let lower = if word.bytes().all(|b| b.is_ascii_lowercase()) {
        word
    } else {
        scratch.clear();
        push_lower(word, scratch);
        scratch.as_str()
    };
    counts.get(lower).copied().unwrap_or(0)
}

/// Appends `word` in small letters to `out`. Not [`crate::text::fold_into`]: that also strips
/// accents, which would join pieces the document writes with other letters (`Isra ël`).
fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The line with its split words joined, and the number of joins; `None` when it has none.
fn rejoined(text: &str, counts: &Counts, scratch: &mut String) -> Option<(String, usize)> {
    let mut tokens = text.split(' ');
    let mut previous = tokens.next()?;
    // The byte offsets of the spaces to take out; found before anything is copied.
    let mut cuts = Vec::new();
    let mut offset = previous.len();
    for token in tokens {
        if is_split(previous, token, counts, scratch) {
            cuts.push(offset);
            // A joined word does not join the next piece too.
            previous = "";
        } else {
            previous = token;
        }
        offset += 1 + token.len();
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &cut in &cuts {
        out.push_str(&text[from..cut]);
        from = cut + 1;
    }
    out.push_str(&text[from..]);
    Some((out, cuts.len()))
}

/// True when `left` and `right` are two pieces of one word the document writes whole. The
/// cheap tests come first: most neighbours are common words.
fn is_split(left: &str, right: &str, counts: &Counts, scratch: &mut String) -> bool {
    let head = left.trim_start_matches(|c: char| !c.is_alphabetic());
    let tail = right.trim_end_matches(|c: char| !c.is_alphabetic());
    if head.is_empty() || !tail.starts_with(char::is_lowercase) || head.len() + tail.len() < MIN_JOINED_LETTERS {
        return false;
    }
    let fragment =
        |piece: &str, scratch: &mut String| is_lone_letter(piece) || count_of(piece, counts, scratch) <= MAX_FRAGMENT;
    if !fragment(head, scratch) || !fragment(tail, scratch) {
        return false;
    }
    if !letters_and_capitals(head).0 || !letters_and_capitals(tail).0 {
        return false;
    }
    if head.chars().count() + tail.chars().count() < MIN_JOINED_LETTERS {
        return false;
    }
    scratch.clear();
    push_lower(head, scratch);
    push_lower(tail, scratch);
    counts.get(scratch.as_str()).copied().unwrap_or(0) >= MIN_WHOLE
}

/// A single letter that is no Dutch word (`u` is one): a piece, however often the document has
/// it. Where a text splits many words, it has many such letters (`belangrij k`, `inrichtin g`).
fn is_lone_letter(piece: &str) -> bool {
    let mut chars = piece.chars();
    chars.next().is_some_and(|c| !matches!(c, 'u' | 'U')) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Line;

    fn pages(lines: &[&str]) -> Vec<Page> {
        vec![Page { number: 1, lines: lines.iter().map(|l| Line::body(*l)).collect() }]
    }

    #[test]
    fn a_word_split_by_a_space_is_joined_where_the_document_writes_it_whole() {
        let mut p = pages(&[
            "Burgerparticipatie en participatie zijn belangrijk.",
            "Wij willen meer partic ipatie (L andbouw) in de samenle ving.",
            "De samenleving en de landbouw, landbouw en samenleving.",
            "Ook participatie.",
        ]);
        assert_eq!(rejoin_split_words(&mut p), 3);
        assert_eq!(p[0].lines[1].text, "Wij willen meer participatie (Landbouw) in de samenleving.");
    }

    #[test]
    fn a_lone_letter_is_a_piece_however_often_it_stands() {
        let mut p = pages(&["k k k k belangrijk belangrijk", "Dat is belangrij k."]);
        assert_eq!(rejoin_split_words(&mut p), 1);
        assert_eq!(p[0].lines[1].text, "Dat is belangrijk.");
        assert!(is_lone_letter("k") && !is_lone_letter("u") && !is_lone_letter("ab") && !is_lone_letter(""));
    }

    #[test]
    fn two_words_stay_two_where_a_piece_is_a_common_word_or_the_whole_is_unknown() {
        let common = "samen samen samen samen werken samenwerken samenwerken";
        let mut p = pages(&[common, "We gaan samen werken.", "Een refe rendum."]);
        assert_eq!(rejoin_split_words(&mut p), 0);
        assert_eq!(p[0].lines[1].text, "We gaan samen werken.");
        assert_eq!(p[0].lines[2].text, "Een refe rendum.");
    }

    #[test]
    fn short_joins_punctuation_and_capital_tails_are_left_alone() {
        let mut p = pages(&["deze deze", "de ze", "de Ze", "particip, atie participatie participatie"]);
        assert_eq!(rejoin_split_words(&mut p), 0);
        // Punctuation after the second piece is kept after the joined word.
        let mut p = pages(&["particip atie, participatie participatie"]);
        assert_eq!(rejoin_split_words(&mut p), 1);
        assert_eq!(p[0].lines[0].text, "participatie, participatie participatie");
    }
}
