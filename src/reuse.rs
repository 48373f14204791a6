//! Reused text across the programmes of a run: which units of a programme also stand, nearly
//! word for word, in another programme, which programme it shares most with, and which inputs
//! are the same programme twice (a PDF and a text copy).
//!
//! A unit's shingles are its runs of [`SHINGLE`] consecutive words (folded as the rules see
//! them). A unit of at least [`SHINGLE`] words is *reused* from another programme when at least
//! [`UNIT_SHARE`] of its shingles occur in that programme. Shorter units are never reused.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{DocResult, Sentence};
use crate::score::percent;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Share of a unit's shingles that must occur in another programme for the unit to be reused.
pub const UNIT_SHARE: f64 = 0.8;
/// Two inputs of one election are one programme when one holds more than this share of the
/// other's shingles...
pub const DUPLICATE_SHARE: f64 = 0.85;
/// ...and the other at least this share of the first's (text exports lose or repeat some text).
pub const DUPLICATE_SHARE_BACK: f64 = 0.6;

/// Fills `reused_pct`, `reused_from` and `duplicate_of` in the scores of the scored documents,
/// and empties their [`DocResult::shingles`], which nothing needs afterwards.
/// Of two copies, the one with pages (quotable by page) is kept, then the first by file name.
pub fn annotate(docs: &mut [DocResult]) {
    let scored: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].status.is_ok()).collect();
    let (words, shingles): (Vec<Vec<u32>>, Vec<Vec<Vec<u64>>>) =
        scored.iter().map(|&i| take_shingles(&mut docs[i]).into_iter().unzip()).unzip();
    let index = ShingleIndex::new(&shingles);
    mark_duplicates(docs, &scored, &shingle_containment(&shingles, &index));
    // A copy of the same programme is no other programme: reuse is measured against the rest.
    let roots: Vec<String> = scored.iter().map(|&i| programme_of(&docs[i]).to_string()).collect();
    // shared[a][b]: words of programme a in units reused from programme b.
    let mut shared: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); scored.len()];
    let mut reused = vec![0usize; scored.len()];
    for (a, units) in shingles.iter().enumerate() {
        for (s, sh) in units.iter().enumerate() {
            let sources: Vec<usize> = sources_of(a, sh, &index).into_iter().filter(|&b| roots[b] != roots[a]).collect();
            if !sources.is_empty() {
                reused[a] += words[a][s] as usize;
            }
            for b in sources {
                *shared[a].entry(b).or_default() += words[a][s] as usize;
            }
        }
    }
    for (a, &i) in scored.iter().enumerate() {
        let from = shared[a].iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))).map(|(&b, _)| b);
        let from_file = from.map(|b| docs[scored[b]].file.clone()).unwrap_or_default();
        let score = &mut docs[i].score;
        score.reused_pct = percent(reused[a], score.words);
        score.reused_from = from_file;
    }
}

/// The file that stands for a document's programme: the original of a copy, else itself.
fn programme_of(d: &DocResult) -> &str {
    if d.score.duplicate_of.is_empty() { &d.file } else { &d.score.duplicate_of }
}

/// For each programme, per other programme: the share of its distinct shingles that one holds.
fn shingle_containment(shingles: &[Vec<Vec<u64>>], index: &ShingleIndex) -> Vec<BTreeMap<usize, f64>> {
    shingles
        .iter()
        .enumerate()
        .map(|(a, units)| {
            let own: BTreeSet<u64> = units.iter().flatten().copied().collect();
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for h in &own {
                for d in index.docs(*h).filter(|&d| d != a) {
                    *counts.entry(d).or_default() += 1;
                }
            }
            counts.into_iter().map(|(d, n)| (d, n as f64 / own.len().max(1) as f64)).collect()
        })
        .collect()
}

/// Sets `duplicate_of` on the copy that is not kept, for every pair of one place and year whose
/// shingles overlap by [`DUPLICATE_SHARE`] one way and [`DUPLICATE_SHARE_BACK`] the other.
fn mark_duplicates(docs: &mut [DocResult], scored: &[usize], containment: &[BTreeMap<usize, f64>]) {
    let share = |a: usize, b: usize| containment[a].get(&b).copied().unwrap_or(0.0);
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for a in 0..scored.len() {
        for &b in containment[a].keys().filter(|&&b| b > a) {
            let (da, db) = (&docs[scored[a]], &docs[scored[b]]);
            let same_election = da.meta.place == db.meta.place && da.meta.year == db.meta.year;
            let (high, low) =
                if share(a, b) >= share(b, a) { (share(a, b), share(b, a)) } else { (share(b, a), share(a, b)) };
            if same_election && high > DUPLICATE_SHARE && low >= DUPLICATE_SHARE_BACK {
                copies.push(if kept_first(da, db) { (a, b) } else { (b, a) });
            }
        }
    }
    for (keep, drop) in copies {
        let kept_file = original(docs, scored, keep);
        if docs[scored[drop]].score.duplicate_of.is_empty() && kept_file != docs[scored[drop]].file {
            docs[scored[drop]].score.duplicate_of = kept_file;
        }
    }
    // A copy of a copy names the programme that is kept.
    for &i in scored {
        let mut target = docs[i].score.duplicate_of.clone();
        while let Some(next) = docs.iter().find(|d| d.file == target && !d.score.duplicate_of.is_empty()) {
            target = next.score.duplicate_of.clone();
        }
        docs[i].score.duplicate_of = target;
    }
}

/// The file a kept copy stands for: itself, or what it is itself a copy of.
fn original(docs: &[DocResult], scored: &[usize], keep: usize) -> String {
    let d = &docs[scored[keep]];
    if d.score.duplicate_of.is_empty() { d.file.clone() } else { d.score.duplicate_of.clone() }
}

/// True when `a` rather than `b` should stand for their programme: pages first, then file name.
fn kept_first(a: &DocResult, b: &DocResult) -> bool {
    let rank = |d: &DocResult| (d.score.pages == 0, d.file.clone());
    rank(a) < rank(b)
}

/// A document's units as [`unit_shingles`] gives them: taken out of [`DocResult::shingles`] when
/// the sentences were thinned for the reports, else made from the sentences.
fn take_shingles(d: &mut DocResult) -> Vec<(u32, Vec<u64>)> {
    if d.shingles.is_empty() { unit_shingles(&d.sentences) } else { std::mem::take(&mut d.shingles) }
}

/// Per sentence, its words and the distinct shingles of its folded words (none for a heading).
pub fn unit_shingles(sentences: &[Sentence]) -> Vec<(u32, Vec<u64>)> {
    sentences
        .iter()
        .map(|s| {
            let words = u32::try_from(s.words).unwrap_or(u32::MAX);
            if s.heading {
                return (words, Vec::new());
            }
            let folded: Vec<String> = crate::text::tokenize(&s.text).into_iter().map(|t| t.norm).collect();
            let set: BTreeSet<u64> = folded.windows(SHINGLE).map(hash).collect();
            (words, set.into_iter().collect())
        })
        .collect()
}

/// Each shingle and the programmes (by position) that hold it: one sorted list of pairs, a
/// fifth of the memory of a map from shingle to programmes.
struct ShingleIndex {
    pairs: Vec<(u64, u32)>,
}

impl ShingleIndex {
    fn new(shingles: &[Vec<Vec<u64>>]) -> Self {
        let mut pairs: Vec<(u64, u32)> = shingles
            .iter()
            .enumerate()
            .flat_map(|(d, units)| units.iter().flatten().map(move |&h| (h, d as u32)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        ShingleIndex { pairs }
    }

    /// The programmes that hold shingle `h`, ascending.
    fn docs(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let start = self.pairs.partition_point(|p| p.0 < h);
        self.pairs[start..].iter().take_while(move |p| p.0 == h).map(|p| p.1 as usize)
    }
}

/// The other programmes holding at least [`UNIT_SHARE`] of a unit's shingles.
fn sources_of(doc: usize, shingles: &[u64], index: &ShingleIndex) -> Vec<usize> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for h in shingles {
        for d in index.docs(*h).filter(|&d| d != doc) {
            *counts.entry(d).or_default() += 1;
        }
    }
    let need = UNIT_SHARE * shingles.len() as f64;
    counts.into_iter().filter(|&(_, n)| n as f64 >= need).map(|(d, _)| d).collect()
}

/// FNV-1a over the words and a separator: the same on every machine and run.
fn hash(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocScore;

    fn doc(file: &str, pages: usize, units: &[&str]) -> DocResult {
        let sentences: Vec<Sentence> = units
            .iter()
            .enumerate()
            .map(|(index, t)| Sentence {
                index,
                page: 1,
                text: (*t).into(),
                words: crate::text::word_count(t),
                heading: false,
                section: None,
                line: 0,
            })
            .collect();
        let words = sentences.iter().map(|s| s.words).sum();
        DocResult {
            score: DocScore { pages, words, ..DocScore::default() },
            ..DocResult::scored(file, sentences, vec![])
        }
    }

    const NATIONAL: [&str; 3] = [
        "Wij geven inwoners het recht om zelf voorzieningen in hun buurt over te nemen.",
        "Elke gemeente krijgt een burgerberaad over de grote keuzes van de komende jaren.",
        "De belasting op arbeid gaat omlaag zodat werken meer oplevert voor iedereen.",
    ];

    #[test]
    fn a_local_programme_copying_national_text_is_reused_not_a_duplicate() {
        let local = doc(
            "heiloo.txt",
            0,
            &[NATIONAL[0], "In Heiloo houden we de bibliotheek open en bouwen we een nieuw zwembad aan de rand."],
        );
        let mut docs = vec![doc("nl.pdf", 40, &NATIONAL), local];
        annotate(&mut docs);
        let (words0, words1) = (crate::text::word_count(NATIONAL[0]), docs[1].score.words);
        assert_eq!(docs[1].score.reused_pct, percent(words0, words1));
        assert_eq!(docs[1].score.reused_from, "nl.pdf");
        assert_eq!(docs[1].score.duplicate_of, "");
        assert_eq!(docs[0].score.reused_from, "heiloo.txt");
    }

    #[test]
    fn a_text_copy_of_a_pdf_is_a_duplicate_of_the_pdf() {
        // The copy differs in a few words, as text exports do.
        let copy =
            [NATIONAL[0], NATIONAL[1], "De belasting op arbeid gaat omlaag zodat werken meer oplevert voor iedereen!"];
        let mut docs = vec![doc("a/vvd.txt", 0, &copy), doc("b/vvd.pdf", 30, &NATIONAL)];
        annotate(&mut docs);
        assert_eq!(docs[0].score.duplicate_of, "b/vvd.pdf");
        assert_eq!(docs[1].score.duplicate_of, "");
        // Copies of one programme do not count as reuse of each other.
        assert_eq!(docs[0].score.reused_pct, 0.0);
        assert_eq!(docs[1].score.reused_from, "");
    }

    #[test]
    fn short_units_and_unrelated_programmes_share_nothing() {
        let mut docs = vec![doc("a.pdf", 3, &["Wij willen dat.", NATIONAL[2]]), doc("b.pdf", 3, &["Wij willen dat."])];
        annotate(&mut docs);
        assert_eq!(docs[0].score.reused_pct, 0.0);
        assert_eq!(docs[1].score.reused_from, "");
    }
}
