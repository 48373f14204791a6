//! Aligns gold sentences with caleido's sentences, whose segmentation differs.
//!
//! The rule, per gold sentence `g` (words normalized as the rules see them, as a set):
//! 1. Candidates are caleido sentences on the same page or a neighbouring page
//!    (all sentences when either side has no page, as in web text).
//! 2. The anchor is the candidate sharing the most words with `g` (ties: the larger
//!    share of its own words in `g`, then the earlier sentence).
//! 3. Neighbouring sentences join while at least [`JOIN_SHARE`] of their own words occur
//!    in `g` (caleido split `g` where the coder did not).
//! 4. `g` is aligned when the joined sentences hold at least [`MIN_COVERAGE`] of its words,
//!    and, for a gold sentence of fewer than [`SHORT`] shared words, the anchor is mostly `g`
//!    (so a one-word heading does not align with any long sentence containing that word).
//!
//! Failure modes: text the extractor lost or garbled (split glyphs, headers glued to
//! words) lowers coverage and leaves `g` unaligned; a sentence repeated within a page
//! window aligns with its first best occurrence; when caleido glues several gold
//! sentences into one, they all align with that one sentence.
//!
//! Repeats: a caleido sentence with exactly the words of an aligned sentence (at least
//! [`SHORT`] of them) within the page window aligns too, since web pages repeat text
//! (menus, teasers) that the coder listed once.

use std::collections::BTreeSet;

use crate::ingest::gold::GoldSentence;
use crate::model::Sentence;
use crate::text::tokenize;

/// Share of a gold sentence's words that its aligned sentences must hold.
pub const MIN_COVERAGE: f64 = 0.6;
/// Share of a neighbouring sentence's own words that must occur in the gold sentence for it to join.
pub const JOIN_SHARE: f64 = 0.6;
/// Below this many shared words the anchor must also be mostly the gold sentence.
pub const SHORT: usize = 4;
/// How many pages before or after the gold page a candidate may stand.
pub const PAGE_SLACK: u32 = 1;

/// Where one gold sentence landed.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Indices of the caleido sentences it aligned with, ascending; empty when unaligned.
    pub sentences: Vec<usize>,
    /// Share of the gold sentence's words found in them (0 to 1).
    pub coverage: f64,
}

impl Alignment {
    /// True when the gold sentence found its caleido sentences.
    pub fn is_aligned(&self) -> bool {
        !self.sentences.is_empty()
    }
}

/// The set of normalized words of a text.
pub fn word_set(text: &str) -> BTreeSet<String> {
    tokenize(text).into_iter().map(|t| t.norm).collect()
}

/// Aligns every gold sentence with caleido's sentences of the same document.
pub fn align(gold: &[GoldSentence], sentences: &[Sentence]) -> Vec<Alignment> {
    let sets: Vec<BTreeSet<String>> = sentences.iter().map(|s| word_set(&s.text)).collect();
    gold.iter().map(|g| align_one(g, sentences, &sets)).collect()
}

fn near(gold_page: u32, page: u32) -> bool {
    gold_page == 0 || page == 0 || gold_page.abs_diff(page) <= PAGE_SLACK
}

fn shared(a: &BTreeSet<String>, b: &BTreeSet<String>) -> usize {
    a.intersection(b).count()
}

fn own_share(g: &BTreeSet<String>, s: &BTreeSet<String>) -> f64 {
    if s.is_empty() { 0.0 } else { shared(g, s) as f64 / s.len() as f64 }
}

fn anchor(
    g: &GoldSentence,
    words: &BTreeSet<String>,
    sentences: &[Sentence],
    sets: &[BTreeSet<String>],
) -> Option<usize> {
    let mut best: Option<(usize, f64, usize)> = None;
    for i in (0..sentences.len()).filter(|&i| near(g.page, sentences[i].page)) {
        let n = shared(words, &sets[i]);
        let share = own_share(words, &sets[i]);
        let better = match best {
            None => n > 0,
            Some((bn, bs, _)) => n > bn || (n == bn && share > bs),
        };
        if better {
            best = Some((n, share, i));
        }
    }
    best.map(|(_, _, i)| i)
}

fn joins(
    i: usize,
    g: &GoldSentence,
    words: &BTreeSet<String>,
    sentences: &[Sentence],
    sets: &[BTreeSet<String>],
) -> bool {
    near(g.page, sentences[i].page) && shared(words, &sets[i]) >= 2 && own_share(words, &sets[i]) >= JOIN_SHARE
}

/// The span, plus every other candidate whose words are exactly those of a sentence in the
/// span: text repeated on a web page (a menu, a teaser) is the sentence the coder listed once.
fn with_repeats(
    span: std::ops::RangeInclusive<usize>,
    g: &GoldSentence,
    sentences: &[Sentence],
    sets: &[BTreeSet<String>],
) -> Vec<usize> {
    let mut out: BTreeSet<usize> = span.clone().collect();
    for i in (0..sentences.len()).filter(|i| !span.contains(i) && near(g.page, sentences[*i].page)) {
        if span.clone().any(|k| sets[k].len() >= SHORT && sets[k] == sets[i]) {
            out.insert(i);
        }
    }
    out.into_iter().collect()
}

fn align_one(g: &GoldSentence, sentences: &[Sentence], sets: &[BTreeSet<String>]) -> Alignment {
    let words = word_set(&g.text);
    let unaligned = Alignment { sentences: Vec::new(), coverage: 0.0 };
    let Some(a) = anchor(g, &words, sentences, sets) else { return unaligned };
    let (mut lo, mut hi) = (a, a);
    while lo > 0 && joins(lo - 1, g, &words, sentences, sets) {
        lo -= 1;
    }
    while hi + 1 < sentences.len() && joins(hi + 1, g, &words, sentences, sets) {
        hi += 1;
    }
    let found: BTreeSet<&String> = (lo..=hi).flat_map(|i| sets[i].intersection(&words)).collect();
    let coverage = found.len() as f64 / words.len().max(1) as f64;
    let short_ok = shared(&words, &sets[a]) >= SHORT || own_share(&words, &sets[a]) >= 0.5;
    if coverage >= MIN_COVERAGE && short_ok {
        Alignment { sentences: with_repeats(lo..=hi, g, sentences, sets), coverage }
    } else {
        Alignment { coverage, ..unaligned }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(index: usize, page: u32, text: &str) -> Sentence {
        let words = crate::text::word_count(text);
        Sentence { index, page, text: text.into(), words, heading: false, section: None, line: 0 }
    }

    fn gold(page: u32, text: &str) -> GoldSentence {
        GoldSentence {
            page,
            mirrors: vec![1],
            questions: vec![],
            stance: String::new(),
            text: text.into(),
            note: String::new(),
            stratum_size: None,
        }
    }

    #[test]
    fn a_sentence_split_in_two_aligns_with_both_halves() {
        let s = [
            sentence(0, 2, "Over iets anders."),
            sentence(1, 2, "Inwoners krijgen een wijkbudget"),
            sentence(2, 2, "dat zij zelf besteden in hun buurt."),
            sentence(3, 2, "Verder niets."),
        ];
        let a = align(&[gold(2, "Inwoners krijgen een wijkbudget dat zij zelf besteden in hun buurt.")], &s);
        assert_eq!(a[0].sentences, [1, 2]);
        assert!((a[0].coverage - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_far_page_or_a_lone_shared_word_does_not_align() {
        let s = [
            sentence(0, 9, "Inwoners krijgen een wijkbudget."),
            sentence(1, 2, "Participatie is breder dan inspraak."),
        ];
        let a = align(&[gold(2, "Inwoners krijgen een wijkbudget."), gold(2, "Participatie")], &s);
        assert!(!a[0].is_aligned());
        assert!(!a[1].is_aligned());
        let b = align(&[gold(8, "Inwoners krijgen een wijkbudget.")], &s);
        assert_eq!(b[0].sentences, [0]);
    }

    #[test]
    fn a_repeated_sentence_aligns_with_every_copy() {
        let s = [
            sentence(0, 0, "Inwoners krijgen een eigen wijkbudget."),
            sentence(1, 0, "Iets anders."),
            sentence(2, 0, "Inwoners krijgen een eigen wijkbudget."),
        ];
        let a = align(&[gold(0, "Inwoners krijgen een eigen wijkbudget.")], &s);
        assert_eq!(a[0].sentences, [0, 2]);
    }

    #[test]
    fn web_text_without_pages_searches_everywhere() {
        let s = [sentence(0, 0, "Eerst dit."), sentence(1, 0, "De dorpsraad krijgt een eigen budget.")];
        let a = align(&[gold(0, "De dorpsraad krijgt een eigen budget")], &s);
        assert_eq!(a[0].sentences, [1]);
    }
}
