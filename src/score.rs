//! Scoring: the share of a programme's words that sentences matched to each mirror take up.

use std::collections::BTreeSet;

use crate::model::{DocScore, Passage, Sentence};

/// Computes a document's figures from its sentences and passages.
pub fn score(pages: usize, sentences: &[Sentence], passages: &[Passage]) -> DocScore {
    let words: usize = sentences.iter().map(|s| s.words).sum();
    let words_of = |idx: &BTreeSet<usize>| -> usize { idx.iter().map(|&i| sentences[i].words).sum() };
    let any: BTreeSet<usize> = passages.iter().map(|p| p.sentence).collect();
    let mut mirror_pct = [0.0; 5];
    let mut mirror_sentences = [0; 5];
    for m in 0..5 {
        let set: BTreeSet<usize> =
            passages.iter().filter(|p| usize::from(p.mirror) == m + 1).map(|p| p.sentence).collect();
        mirror_sentences[m] = set.len();
        mirror_pct[m] = percent(words_of(&set), words);
    }
    let questions: BTreeSet<&str> = passages.iter().flat_map(|p| p.questions.iter().map(String::as_str)).collect();
    DocScore {
        pages,
        sentences: sentences.len(),
        words,
        initiative_pct: percent(words_of(&any), words),
        mirror_pct,
        mirror_sentences,
        questions_addressed: questions.len(),
        ..DocScore::default()
    }
}

/// `part / whole` in percent, rounded to two decimals; 0 when `whole` is 0.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 10000.0 / whole as f64).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Stance;

    fn sentence(index: usize, words: usize) -> Sentence {
        Sentence { index, page: 1, text: "x".into(), words, heading: false, section: None, line: 0 }
    }

    fn passage(sentence: usize, mirror: u8, q: &str) -> Passage {
        Passage {
            sentence,
            page: 1,
            line: 0,
            mirror,
            questions: vec![q.into()],
            rules: vec![],
            terms: vec![],
            stance: Stance::Pro,
            text: String::new(),
        }
    }

    #[test]
    fn each_sentence_counts_once() {
        let s = [sentence(0, 10), sentence(1, 30), sentence(2, 60)];
        let p = [passage(0, 1, "1.2"), passage(0, 4, "4.1"), passage(1, 4, "4.1")];
        let d = score(2, &s, &p);
        assert_eq!(d.words, 100);
        assert_eq!(d.initiative_pct, 40.0);
        assert_eq!(d.mirror_pct, [10.0, 0.0, 0.0, 40.0, 0.0]);
        assert_eq!(d.mirror_sentences, [1, 0, 0, 2, 0]);
        assert_eq!(d.questions_addressed, 2);
    }

    #[test]
    fn percent_rounds_and_handles_zero() {
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(5, 0), 0.0);
    }
}
