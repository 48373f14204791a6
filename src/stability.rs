//! Is a ranking robust? Intervals for each party's initiative share and a verdict per adjacent pair.
//!
//! Two checks, both pure and deterministic (see `docs/scoring.md`):
//! - **leave one rule out**: the share recomputed with each rule that fired switched off in turn;
//! - **bootstrap**: the programme's sentences resampled with replacement, with a fixed-seed RNG.
//!
//! A pair is a clear difference when the upper party stays strictly above the lower one whichever
//! single rule is left out, and in at least 97.5% of the bootstrap resamples (the 95% interval of
//! the difference excludes zero); otherwise it is too close to call.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::model::DocResult;

/// Settings of the robustness checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StabilityConfig {
    /// Number of bootstrap resamples per programme.
    pub resamples: usize,
    /// Seed of the random number generator; the same seed gives the same figures.
    pub seed: u64,
    /// Share of resamples in which the upper party must stay strictly above the lower one.
    pub required_above: f64,
}

impl Default for StabilityConfig {
    fn default() -> Self {
        StabilityConfig { resamples: 1000, seed: 0x00ca_1e1d_05c0_0b00, required_above: 0.975 }
    }
}

/// A programme reduced to what the checks need: per sentence its words and the rules that fired.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Units {
    /// Identifies the programme; seeds its resamples so the order of programmes does not matter.
    pub key: String,
    /// Words per sentence.
    pub words: Vec<u32>,
    /// Distinct rule ids that fired, by sentence number; only matched sentences are present
    /// (a large run has millions of sentences, few of them matched).
    pub rules: BTreeMap<usize, BTreeSet<String>>,
}

impl Units {
    /// The units of a scored document.
    pub fn from_doc(d: &DocResult) -> Units {
        Units::from_doc_where(d, |_| true)
    }

    /// The units of a scored document counting only the passages `keep` accepts (those of one
    /// mirror, say); the key stays the file, so the resamples draw the same sentences.
    pub fn from_doc_where(d: &DocResult, keep: impl Fn(&crate::model::Passage) -> bool) -> Units {
        let words = d.words_per_sentence();
        let mut rules: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for p in d.passages.iter().filter(|p| p.sentence < words.len() && !p.rules.is_empty() && keep(p)) {
            rules.entry(p.sentence).or_default().extend(p.rules.iter().cloned());
        }
        Units { key: d.file.clone(), words, rules }
    }

    /// The share of words in matched sentences, in percent (unrounded).
    pub fn share(&self) -> f64 {
        share(self.matched_words(), self.total_words())
    }

    fn total_words(&self) -> u64 {
        self.words.iter().map(|&w| u64::from(w)).sum()
    }

    fn matched_words(&self) -> u64 {
        self.matched().map(|(w, _)| u64::from(w)).sum()
    }

    /// Words that stop counting when `rule` is left out: sentences where it is the only rule.
    fn words_lost_per_rule(&self) -> BTreeMap<&str, u64> {
        let mut lost = BTreeMap::new();
        for (w, rules) in self.matched() {
            if rules.len() == 1 {
                let rule = rules.iter().next().map(String::as_str).unwrap_or_default();
                *lost.entry(rule).or_insert(0) += u64::from(w);
            }
        }
        lost
    }

    /// The words and rules of every matched sentence.
    fn matched(&self) -> impl Iterator<Item = (u32, &BTreeSet<String>)> {
        self.rules.iter().filter(|(_, r)| !r.is_empty()).filter_map(|(&i, r)| Some((*self.words.get(i)?, r)))
    }
}

/// A share with the ranges the two checks give, all in percent (unrounded).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShareInterval {
    /// The initiative share as scored.
    pub share: f64,
    /// 2.5th percentile of the bootstrap shares.
    pub low: f64,
    /// 97.5th percentile of the bootstrap shares.
    pub high: f64,
    /// Lowest share with one rule left out.
    pub without_rule_min: f64,
    /// Highest share with one rule left out.
    pub without_rule_max: f64,
}

/// The verdict on two neighbours in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The order survives both checks.
    Clear,
    /// The order flips (or ties) under one of the checks.
    TooClose,
}

/// The check of one adjacent pair in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCheck {
    /// Index of the higher-ranked programme.
    pub upper: usize,
    /// Index of the programme ranked just below it.
    pub lower: usize,
    /// Clear or too close to call.
    pub verdict: Verdict,
    /// Share of bootstrap resamples in which the upper programme stays strictly above.
    pub above: f64,
    /// The first rule (by id) whose removal puts the lower programme level or above, if any.
    pub flipping_rule: Option<String>,
}

/// The checks for one ranking.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stability {
    /// One interval per programme, in the order given.
    pub intervals: Vec<ShareInterval>,
    /// One check per adjacent pair: (0, 1), (1, 2), ...
    pub pairs: Vec<PairCheck>,
}

/// Runs both checks on programmes given in ranking order (highest share first).
pub fn assess(docs: &[Units], cfg: &StabilityConfig) -> Stability {
    let rule_ids: BTreeSet<&str> = docs.iter().flat_map(|d| d.rules.values().flatten().map(String::as_str)).collect();
    let without: Vec<BTreeMap<&str, f64>> = docs.iter().map(|d| shares_without_each_rule(d, &rule_ids)).collect();
    let samples: Vec<Vec<f64>> = docs.par_iter().map(|d| bootstrap(d, cfg)).collect();
    let intervals = docs
        .iter()
        .zip(&without)
        .zip(&samples)
        .map(|((d, w), s)| interval(share(d.matched_words(), d.total_words()), w, s))
        .collect();
    let pairs = (1..docs.len()).map(|i| pair(i - 1, i, &without, &samples, cfg)).collect();
    Stability { intervals, pairs }
}

fn pair(
    upper: usize,
    lower: usize,
    without: &[BTreeMap<&str, f64>],
    samples: &[Vec<f64>],
    cfg: &StabilityConfig,
) -> PairCheck {
    let flipping_rule = without[upper].iter().find(|(r, a)| **a <= without[lower][*r]).map(|(r, _)| r.to_string());
    let (a, b) = (&samples[upper], &samples[lower]);
    let above = if a.is_empty() { 0.0 } else { a.iter().zip(b).filter(|(x, y)| x > y).count() as f64 / a.len() as f64 };
    let verdict =
        if flipping_rule.is_none() && above >= cfg.required_above { Verdict::Clear } else { Verdict::TooClose };
    PairCheck { upper, lower, verdict, above, flipping_rule }
}

fn interval(share: f64, without: &BTreeMap<&str, f64>, samples: &[f64]) -> ShareInterval {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (low, high) = percentiles(&sorted).unwrap_or((share, share));
    let without_rule_min = without.values().copied().fold(share, f64::min);
    let without_rule_max = without.values().copied().fold(share, f64::max);
    ShareInterval { share, low, high, without_rule_min, without_rule_max }
}

/// The 2.5th and 97.5th percentiles (nearest rank) of sorted values.
pub(crate) fn percentiles(sorted: &[f64]) -> Option<(f64, f64)> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = |q: f64| ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
    Some((sorted[rank(0.025)], sorted[rank(0.975)]))
}

/// The share with each rule of `rule_ids` left out in turn.
pub(crate) fn shares_without_each_rule<'a>(d: &Units, rule_ids: &BTreeSet<&'a str>) -> BTreeMap<&'a str, f64> {
    let (matched, total) = (d.matched_words(), d.total_words());
    let lost = d.words_lost_per_rule();
    rule_ids.iter().map(|r| (*r, share(matched - lost.get(r).copied().unwrap_or(0), total))).collect()
}

/// Initiative shares of `cfg.resamples` resamples of the sentences, with replacement; programmes
/// run in parallel, each with its own seeded generator, so the figures do not depend on threads.
pub(crate) fn bootstrap(d: &Units, cfg: &StabilityConfig) -> Vec<f64> {
    let n = d.words.len();
    if n == 0 {
        return vec![0.0; cfg.resamples];
    }
    let mut matched = vec![false; n];
    for (&i, r) in &d.rules {
        if i < n && !r.is_empty() {
            matched[i] = true;
        }
    }
    let mut rng = SplitMix64::new(cfg.seed ^ fnv1a(d.key.as_bytes()));
    let most = d.words.iter().copied().max().map_or(0, u64::from);
    if most.saturating_mul(n as u64) < 1 << 32 {
        // No resample reaches 2^32 words: a unit's matched words (high half) and words (low
        // half) in one number, summed in one addition per draw.
        let units: Vec<u64> = d
            .words
            .iter()
            .zip(&matched)
            .map(|(&w, &m)| u64::from(w) | if m { u64::from(w) << 32 } else { 0 })
            .collect();
        let (sums, _) = crate::resample::draw_sums(&units, rng.0, cfg.resamples);
        return sums.into_iter().map(|sum| share(sum >> 32, sum & 0xffff_ffff)).collect();
    }
    let units: Vec<(u64, u64)> =
        d.words.iter().zip(&matched).map(|(&w, &m)| (if m { u64::from(w) } else { 0 }, u64::from(w))).collect();
    (0..cfg.resamples)
        .map(|_| {
            let (mut m, mut t) = (0u64, 0u64);
            for _ in 0..n {
                let (matched, words) = units[rng.below(n)];
                m += matched;
                t += words;
            }
            share(m, t)
        })
        .collect()
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 * 100.0 / whole as f64 }
}

/// FNV-1a, to derive a stable per-programme seed from its key.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// SplitMix64: a small, fast, fully specified generator, so figures never depend on a crate's version.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(crate::resample::GAMMA);
        crate::resample::mix(self.0)
    }

    /// A number in `0..n` (multiply-shift; the bias is below 2^-32 for any programme size).
    fn below(&mut self, n: usize) -> usize {
        crate::resample::below(self.next_u64(), n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A programme of `n` sentences of 10 words; the first `matched` fire `rule`.
    fn programme(key: &str, n: usize, matched: usize, rule: &str) -> Units {
        let rules = (0..matched).map(|i| (i, BTreeSet::from([rule.to_string()])));
        Units { key: key.into(), words: vec![10; n], rules: rules.collect() }
    }

    #[test]
    fn identical_programmes_are_too_close_to_call() {
        let a = programme("a.txt", 200, 40, "m1.x");
        let b = Units { key: "b.txt".into(), ..a.clone() };
        let s = assess(&[a, b], &StabilityConfig::default());
        assert_eq!(s.intervals[0].share, 20.0);
        assert_eq!(s.intervals[1].share, 20.0);
        assert_eq!(s.pairs[0].verdict, Verdict::TooClose);
        assert_eq!(s.pairs[0].flipping_rule.as_deref(), Some("m1.x"));
        assert!(s.pairs[0].above > 0.3 && s.pairs[0].above < 0.7, "{}", s.pairs[0].above);
    }

    #[test]
    fn fifty_against_one_percent_is_clear() {
        let a = Units {
            rules: (0..100)
                .map(|i| match i {
                    0..50 => (i, BTreeSet::from(["m1.x".to_string()])),
                    _ => (i, BTreeSet::from(["m4.y".to_string()])),
                })
                .collect(),
            ..programme("a.txt", 200, 0, "")
        };
        let b = programme("b.txt", 200, 2, "m1.x");
        let s = assess(&[a, b], &StabilityConfig::default());
        assert_eq!(s.intervals[0].share, 50.0);
        assert_eq!(s.intervals[1].share, 1.0);
        assert_eq!(s.pairs[0].verdict, Verdict::Clear);
        assert_eq!(s.pairs[0].above, 1.0);
        assert_eq!(s.intervals[0].without_rule_min, 25.0);
        assert_eq!(s.intervals[1].without_rule_min, 0.0);
        let iv = s.intervals[0];
        assert!(iv.low < 50.0 && iv.low > 38.0 && iv.high > 50.0 && iv.high < 62.0, "{iv:?}");
    }

    #[test]
    fn one_rule_carrying_the_lead_makes_it_too_close() {
        let a = programme("a.txt", 300, 90, "m2.only");
        let b = programme("b.txt", 300, 30, "m1.x");
        let s = assess(&[a, b], &StabilityConfig::default());
        assert_eq!(s.pairs[0].above, 1.0);
        assert_eq!(s.pairs[0].flipping_rule.as_deref(), Some("m2.only"));
        assert_eq!(s.pairs[0].verdict, Verdict::TooClose);
    }

    #[test]
    fn a_sentence_with_two_rules_survives_leaving_one_out() {
        let mut a = programme("a.txt", 4, 0, "");
        a.rules.insert(0, BTreeSet::from(["r1".to_string(), "r2".to_string()]));
        a.rules.insert(1, BTreeSet::from(["r1".to_string()]));
        let s = assess(&[a], &StabilityConfig::default());
        assert_eq!(s.intervals[0].share, 50.0);
        assert_eq!(s.intervals[0].without_rule_min, 25.0);
        assert_eq!(s.intervals[0].without_rule_max, 50.0);
        assert!(s.pairs.is_empty());
    }

    #[test]
    fn same_seed_same_figures_and_order_does_not_matter() {
        let a = programme("a.txt", 120, 30, "m1.x");
        let b = programme("b.txt", 90, 20, "m3.z");
        let cfg = StabilityConfig::default();
        let ab = assess(&[a.clone(), b.clone()], &cfg);
        let ba = assess(&[b, a], &cfg);
        assert_eq!(ab, assess(&[ab_units().0, ab_units().1], &cfg));
        assert_eq!(ab.intervals[0], ba.intervals[1]);
        assert_eq!(ab.intervals[1], ba.intervals[0]);
    }

    fn ab_units() -> (Units, Units) {
        (programme("a.txt", 120, 30, "m1.x"), programme("b.txt", 90, 20, "m3.z"))
    }

    #[test]
    fn empty_programme_gives_zero_without_panicking() {
        let s = assess(&[Units::default(), Units::default()], &StabilityConfig { resamples: 10, ..Default::default() });
        assert_eq!(s.intervals[0], ShareInterval::default());
        assert_eq!(s.pairs[0].verdict, Verdict::TooClose);
    }

    /// The bootstrap as it was first written: a pair of sums per draw.
    fn bootstrap_reference(d: &Units, cfg: &StabilityConfig) -> Vec<f64> {
        let n = d.words.len();
        let units: Vec<(u64, u64)> = d
            .words
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                (if d.rules.get(&i).is_some_and(|r| !r.is_empty()) { u64::from(w) } else { 0 }, u64::from(w))
            })
            .collect();
        let mut rng = SplitMix64::new(cfg.seed ^ fnv1a(d.key.as_bytes()));
        (0..cfg.resamples)
            .map(|_| {
                let (mut m, mut t) = (0u64, 0u64);
                for _ in 0..n {
                    let (matched, words) = units[rng.below(n)];
                    m += matched;
                    t += words;
                }
                share(m, t)
            })
            .collect()
    }

    #[test]
    fn the_packed_bootstrap_draws_what_the_plain_one_draws() {
        let cfg = StabilityConfig { resamples: 200, ..Default::default() };
        let mut a = programme("a.txt", 300, 0, "");
        a.words = (0..300).map(|i| 1 + (i * 7919 % 61)).collect();
        a.rules = (0..300).filter(|i| i % 7 == 0).map(|i| (i, BTreeSet::from(["m1.x".to_string()]))).collect();
        a.rules.insert(3, BTreeSet::new());
        assert_eq!(bootstrap(&a, &cfg), bootstrap_reference(&a, &cfg));
        // Sentences so long that a resample could pass 2^32 words take the plain path.
        let mut b = a.clone();
        b.words[5] = u32::MAX / 4;
        assert_eq!(bootstrap(&b, &cfg), bootstrap_reference(&b, &cfg));
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(percentiles(&v), Some((25.0, 975.0)));
        assert_eq!(percentiles(&[]), None);
    }
}
