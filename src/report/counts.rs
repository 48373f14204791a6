//! Hit counts per document: how many units (and how many words in them) each mirror, codebook
//! question and rule matched, counted from the passages. `counts.csv` prints them in the
//! document-feature layout of LIWC and quanteda; `scores.csv` takes its question shares from them.

use std::collections::{BTreeMap, BTreeSet};

use super::mirrors::QUESTIONS;
use crate::model::DocResult;
use crate::run::RunSummary;

/// Matched units and the words in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Units (rows of `passages.csv`).
    pub hits: usize,
    /// Words in those units.
    pub words: usize,
}

impl Tally {
    fn add(&mut self, words: usize) {
        self.hits += 1;
        self.words += words;
    }

    /// The words as a percentage of `total` (0 when `total` is 0).
    pub fn pct(&self, total: usize) -> f64 {
        if total == 0 { 0.0 } else { self.words as f64 * 100.0 / total as f64 }
    }
}

/// A document's counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocCounts {
    /// Units matched to any mirror (each unit once).
    pub initiative: Tally,
    /// Per mirror (index 0 is mirror 1): its rows of `passages.csv`.
    pub mirrors: [Tally; 5],
    /// Per codebook question id: rows of `passages.csv` that list it.
    pub questions: BTreeMap<String, Tally>,
    /// Per rule id: rows of `passages.csv` that list it.
    pub rules: BTreeMap<String, Tally>,
}

/// Counts the passages of one document.
pub fn count(d: &DocResult) -> DocCounts {
    let words = d.words_per_sentence();
    let words_of = |i: usize| words.get(i).map_or(0, |&w| w as usize);
    let mut c = DocCounts::default();
    let mut units = BTreeSet::new();
    for p in &d.passages {
        let w = words_of(p.sentence);
        if units.insert(p.sentence) {
            c.initiative.add(w);
        }
        if let Some(t) = c.mirrors.get_mut(usize::from(p.mirror).wrapping_sub(1)) {
            t.add(w);
        }
        for q in &p.questions {
            c.questions.entry(q.clone()).or_default().add(w);
        }
        for r in &p.rules {
            c.rules.entry(r.clone()).or_default().add(w);
        }
    }
    c
}

/// The 15 codebook question ids, in order.
pub fn question_ids() -> impl Iterator<Item = &'static str> {
    QUESTIONS.iter().flatten().map(|q| q.id)
}

/// The rule columns of a run: every rule of the rule set, and any other rule a passage names,
/// sorted by id, so runs with the same rules have the same columns.
pub fn rule_ids(summary: &RunSummary) -> Vec<String> {
    let mut ids: BTreeSet<&str> = summary.rule_ids.iter().map(String::as_str).collect();
    ids.extend(summary.docs.iter().flat_map(|d| d.passages.iter().flat_map(|p| p.rules.iter().map(String::as_str))));
    ids.into_iter().map(str::to_string).collect()
}

/// Column names of `counts.csv`: `file, party, place, year, status, words`, then a pair (hits,
/// `_words`) for `initiative`, each mirror `m1`..`m5`, each question `q1.1`..`q5.3` and each rule
/// `rule:<id>`.
pub fn columns(rules: &[String]) -> Vec<String> {
    let mut cols: Vec<String> = ["file", "party", "place", "year", "status", "words"].map(String::from).to_vec();
    let features = std::iter::once("initiative".to_string())
        .chain((1..=5).map(|m| format!("m{m}")))
        .chain(question_ids().map(|q| format!("q{q}")))
        .chain(rules.iter().map(|r| format!("rule:{r}")));
    for f in features {
        cols.push(format!("{f}_words"));
        cols.insert(cols.len() - 1, f);
    }
    cols
}

/// The counts of one row of `counts.csv`, after its file, party, place, year and status.
pub fn row_numbers(d: &DocResult, rules: &[String]) -> Vec<usize> {
    let c = count(d);
    let tallies = std::iter::once(c.initiative)
        .chain(c.mirrors)
        .chain(question_ids().map(|q| c.questions.get(q).copied().unwrap_or_default()))
        .chain(rules.iter().map(|r| c.rules.get(r).copied().unwrap_or_default()));
    std::iter::once(d.score.words).chain(tallies.flat_map(|t| [t.hits, t.words])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Passage, Sentence};
    use crate::rules::Stance;

    fn passage(sentence: usize, mirror: u8, questions: &[&str], rules: &[&str]) -> Passage {
        Passage {
            sentence,
            page: 0,
            line: 0,
            mirror,
            questions: questions.iter().map(|s| s.to_string()).collect(),
            rules: rules.iter().map(|s| s.to_string()).collect(),
            terms: vec![],
            stance: Stance::Pro,
            text: String::new(),
        }
    }

    #[test]
    fn a_unit_in_two_mirrors_counts_once_for_initiative() {
        let sentence = |index, words| Sentence {
            index,
            page: 0,
            text: String::new(),
            words,
            heading: false,
            section: None,
            line: 0,
        };
        let d = DocResult::scored(
            "a.txt",
            vec![sentence(0, 4), sentence(1, 6), sentence(2, 10)],
            vec![
                passage(0, 1, &["1.2"], &["m1.a"]),
                passage(0, 4, &["4.1", "4.3"], &["m4.b", "m4.c"]),
                passage(2, 4, &["4.1"], &["m4.b"]),
            ],
        );
        let c = count(&d);
        assert_eq!(c.initiative, Tally { hits: 2, words: 14 });
        assert_eq!(c.mirrors[0], Tally { hits: 1, words: 4 });
        assert_eq!(c.mirrors[3], Tally { hits: 2, words: 14 });
        assert_eq!(c.questions["4.1"], Tally { hits: 2, words: 14 });
        assert_eq!(c.questions["4.3"], Tally { hits: 1, words: 4 });
        assert_eq!(c.rules["m4.b"], Tally { hits: 2, words: 14 });
        assert_eq!(Tally { hits: 1, words: 5 }.pct(20), 25.0);
    }

    #[test]
    fn columns_pair_each_feature_with_its_words() {
        let cols = columns(&["m1.a".into()]);
        assert_eq!(
            cols[..10],
            ["file", "party", "place", "year", "status", "words", "initiative", "initiative_words", "m1", "m1_words"]
        );
        assert_eq!(cols.iter().filter(|c| c.starts_with('q')).count(), 30);
        assert_eq!(cols[cols.len() - 2..], ["rule:m1.a", "rule:m1.a_words"]);
    }
}
