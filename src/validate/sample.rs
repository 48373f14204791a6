//! The stratified random sample of coding units: strata are party × (a rule matched or not),
//! each stratum gets an equal share of the sample (as far as it has units), and every unit
//! carries its sampling weight, stratum size over units drawn, so estimates generalise.

use std::collections::BTreeMap;

use crate::model::DocResult;

use super::rng::Rng;

/// One stratum of the population.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stratum {
    /// The party (the file name when the party is unknown).
    pub party: String,
    /// True for units on which a rule matched.
    pub matched: bool,
    /// The units: (document index, sentence index).
    pub units: Vec<(usize, usize)>,
}

impl Stratum {
    /// `CDA|match` or `CDA|miss`: the stratum's name in the key file.
    pub fn label(&self) -> String {
        format!("{}|{}", self.party, if self.matched { "match" } else { "miss" })
    }
}

/// One drawn unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// `u001`, in the (random) order the coder sees.
    pub id: String,
    /// Index of the document in the run.
    pub doc: usize,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Index of the stratum.
    pub stratum: usize,
}

/// The sample: the strata of the population and the drawn units.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Every non-empty stratum, sorted by party, matched first.
    pub strata: Vec<Stratum>,
    /// Units drawn per stratum.
    pub drawn_per_stratum: Vec<usize>,
    /// The drawn units in the order the coder sees them.
    pub units: Vec<Drawn>,
}

impl Sample {
    /// The sampling weight of a unit of stratum `h`: units in the stratum per unit drawn.
    pub fn weight(&self, h: usize) -> f64 {
        self.strata[h].units.len() as f64 / self.drawn_per_stratum[h].max(1) as f64
    }
}

/// The party a document counts for in the strata.
pub fn party_of(d: &DocResult) -> String {
    if d.meta.party.trim().is_empty() { d.file.clone() } else { d.meta.party.clone() }
}

/// Draws `n` units (all units when there are fewer) from the scored documents with `seed`.
pub fn draw(docs: &[DocResult], n: usize, seed: u64) -> Sample {
    let strata = strata(docs);
    let mut rng = Rng::new(seed);
    let drawn_per_stratum = allocate(&strata, n, &mut rng);
    let mut units: Vec<Drawn> = Vec::new();
    for (h, (s, &k)) in strata.iter().zip(&drawn_per_stratum).enumerate() {
        for i in rng.choose(s.units.len(), k) {
            let (doc, sentence) = s.units[i];
            units.push(Drawn { id: String::new(), doc, sentence, stratum: h });
        }
    }
    rng.shuffle(&mut units);
    let width = units.len().to_string().len().max(3);
    for (i, u) in units.iter_mut().enumerate() {
        u.id = format!("u{:0width$}", i + 1);
    }
    Sample { strata, drawn_per_stratum, units }
}

/// The strata of the scored documents, sorted by party and matched first; empty strata are left out.
pub fn strata(docs: &[DocResult]) -> Vec<Stratum> {
    let mut by_key: BTreeMap<(String, bool), Vec<(usize, usize)>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate().filter(|(_, doc)| doc.status.is_ok()) {
        let mut matched = vec![false; doc.sentences.len()];
        for p in &doc.passages {
            matched[p.sentence] = true;
        }
        let party = party_of(doc);
        for (s, m) in matched.into_iter().enumerate() {
            by_key.entry((party.clone(), !m)).or_default().push((d, s));
        }
    }
    by_key.into_iter().map(|((party, miss), units)| Stratum { party, matched: !miss, units }).collect()
}

/// Shares `n` out as equally as possible over the strata, none getting more than it has;
/// the remainder that cannot be split evenly goes to strata in a random order.
pub fn allocate(strata: &[Stratum], n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut alloc = vec![0usize; strata.len()];
    let mut left = n.min(strata.iter().map(|s| s.units.len()).sum());
    while left > 0 {
        let mut open: Vec<usize> = (0..strata.len()).filter(|&h| alloc[h] < strata[h].units.len()).collect();
        let share = left / open.len();
        if share == 0 {
            rng.shuffle(&mut open);
            for &h in open.iter().take(left) {
                alloc[h] += 1;
            }
            break;
        }
        for &h in &open {
            let give = share.min(strata[h].units.len() - alloc[h]);
            alloc[h] += give;
            left -= give;
        }
    }
    alloc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocScore, Meta, Passage, Sentence, Status};
    use crate::rules::Stance;

    fn doc(party: &str, sentences: usize, matched: &[usize]) -> DocResult {
        let sentence = |i: usize| Sentence {
            index: i,
            page: 1,
            text: format!("{party} zin {i}"),
            words: 3,
            heading: false,
            section: None,
            line: 0,
        };
        let passage = |&i: &usize| Passage {
            sentence: i,
            page: 1,
            line: 0,
            mirror: 1,
            questions: vec!["1.2".into()],
            rules: vec!["r".into()],
            terms: vec![],
            stance: Stance::Pro,
            text: String::new(),
        };
        DocResult {
            file: format!("{party}.txt"),
            meta: Meta { party: party.into(), ..Meta::default() },
            status: Status::Ok,
            warnings: vec![],
            source_url: String::new(),
            sources: vec![],
            sentences: (0..sentences).map(sentence).collect(),
            sentence_words: Vec::new(),
            shingles: Vec::new(),
            passages: matched.iter().map(passage).collect(),
            score: DocScore::default(),
        }
    }

    #[test]
    fn strata_split_parties_into_matched_and_missed_units() {
        let s = strata(&[doc("A", 10, &[1, 2]), doc("B", 5, &[])]);
        let sizes: Vec<(String, usize)> = s.iter().map(|s| (s.label(), s.units.len())).collect();
        assert_eq!(sizes, vec![("A|match".into(), 2), ("A|miss".into(), 8), ("B|miss".into(), 5)]);
    }

    #[test]
    fn allocation_is_equal_and_small_strata_give_their_share_away() {
        let s = strata(&[doc("A", 100, &[1, 2]), doc("B", 100, &(0..50).collect::<Vec<_>>())]);
        let alloc = allocate(&s, 40, &mut Rng::new(1));
        assert_eq!(alloc[0], 2, "{alloc:?}");
        assert_eq!(alloc.iter().sum::<usize>(), 40);
        let (lo, hi) = (alloc[1..].iter().min().unwrap(), alloc[1..].iter().max().unwrap());
        assert!(*lo >= 12 && *hi <= 13, "{alloc:?}");
        assert_eq!(allocate(&s, 1000, &mut Rng::new(1)), vec![2, 98, 50, 50]);
    }

    #[test]
    fn weights_are_stratum_size_over_units_drawn_and_add_up_to_the_population() {
        let docs = [doc("A", 100, &[1, 2, 3]), doc("B", 60, &[7])];
        let sample = draw(&docs, 20, 3);
        assert_eq!(sample.units.len(), 20);
        let total: f64 = sample.units.iter().map(|u| sample.weight(u.stratum)).sum();
        assert!((total - 160.0).abs() < 1e-9, "{total}");
    }

    #[test]
    fn the_same_seed_draws_the_same_units_and_another_seed_others() {
        let docs = [doc("A", 100, &[1, 2, 3]), doc("B", 60, &[7])];
        assert_eq!(draw(&docs, 20, 3), draw(&docs, 20, 3));
        assert_ne!(draw(&docs, 20, 3).units, draw(&docs, 20, 4).units);
    }

    #[test]
    fn a_census_takes_every_unit_once_with_weight_one() {
        let docs = [doc("A", 7, &[1]), doc("B", 4, &[])];
        let sample = draw(&docs, 100, 1);
        let mut seen: Vec<(usize, usize)> = sample.units.iter().map(|u| (u.doc, u.sentence)).collect();
        seen.sort_unstable();
        assert_eq!(seen.len(), 11);
        seen.dedup();
        assert_eq!(seen.len(), 11);
        assert!(sample.units.iter().all(|u| sample.weight(u.stratum) == 1.0));
    }
}
