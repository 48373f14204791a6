//! Words split by a stray space: text exports of some PDFs put a space inside words
//! ("partic ipatie", "samenle ving", "L andbouw"), so no rule finds them and quotes read badly.
//! Two neighbouring fragments are joined again when the document itself writes the joined word
//! whole elsewhere and neither fragment is a word the document uses often.

use std::collections::HashMap;

use crate::model::Page;

/// The joined word must stand whole in the document at least this many times ...
const MIN_WHOLE: u32 = 2;

/// ... and each fragment at most this many times (as a word of its own), unless it is a lone
/// letter: "samen werken" stays two words where the document writes "samen" often, though it
/// also writes "samenwerken".
const MAX_FRAGMENT: u32 = 3;

/// A joined word is at least this many letters: short joins ("de ze") are too often two words.
const MIN_JOINED_LETTERS: usize = 6;

/// Joins split words in every line of `pages` and returns how many joins it made.
pub fn rejoin_split_words(pages: &mut [Page]) -> usize {
    let counts = word_counts(pages);
    let mut joins = 0;
    for line in pages.iter_mut().flat_map(|p| p.lines.iter_mut()) {
        if let Some((text, n)) = rejoined(&line.text, &counts) {
            line.text = text;
            joins += n;
        }
    }
    joins
}

/// How often each word (small letters, letters only) stands whole in the document.
fn word_counts(pages: &[Page]) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        for token in line.text.split_whitespace() {
            let core = token.trim_matches(|c: char| !c.is_alphabetic());
            if !core.is_empty() && core.chars().all(char::is_alphabetic) {
                *counts.entry(core.to_lowercase()).or_default() += 1;
            }
        }
    }
    counts
}

/// The line with its split words joined, and the number of joins; `None` when it has none.
fn rejoined(text: &str, counts: &HashMap<String, u32>) -> Option<(String, usize)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut joins = 0;
    let mut i = 0;
    while i < tokens.len() {
        let current = tokens[i];
        if let Some(next) = tokens.get(i + 1).filter(|next| is_split(current, next, counts)) {
            out.push(format!("{current}{next}"));
            joins += 1;
            i += 2;
        } else {
            out.push(current.to_string());
            i += 1;
        }
    }
    (joins > 0).then(|| (out.join(" "), joins))
}

/// True when `left` and `right` are two pieces of one word the document writes whole.
fn is_split(left: &str, right: &str, counts: &HashMap<String, u32>) -> bool {
    let head = left.trim_start_matches(|c: char| !c.is_alphabetic());
    let tail = right.trim_end_matches(|c: char| !c.is_alphabetic());
    let letters_only = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    if !letters_only(head) || !letters_only(tail) || !tail.starts_with(char::is_lowercase) {
        return false;
    }
    if head.chars().count() + tail.chars().count() < MIN_JOINED_LETTERS {
        return false;
    }
    let count = |w: &str| counts.get(w).copied().unwrap_or(0);
    let (head, tail) = (head.to_lowercase(), tail.to_lowercase());
    let fragment = |w: &str| count(w) <= MAX_FRAGMENT || is_lone_letter(w);
    count(&format!("{head}{tail}")) >= MIN_WHOLE && fragment(&head) && fragment(&tail)
}

/// A single letter that is no Dutch word (`u` is one): a piece, however often the document has
/// it. Where a text splits many words, it has many such letters (`belangrij k`, `inrichtin g`).
fn is_lone_letter(piece: &str) -> bool {
    let mut chars = piece.chars();
    chars.next().is_some_and(|c| c != 'u') && chars.next().is_none()
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
