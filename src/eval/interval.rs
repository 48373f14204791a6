//! How far macro-F1 could move on other programmes like these: a bootstrap over whole documents
//! (each resample draws as many documents as the set holds, with replacement), and the same
//! draws for two rule sets at once, so their difference gets an interval of its own.
//!
//! Documents are drawn, not sentences: sentences of one programme share its wording, so drawing
//! them one by one would make the interval too narrow. The generator has a fixed seed, so the
//! same evaluation gives the same interval every run.

use super::metrics::{Counts, mean_f1};
use crate::stability::percentiles;
use crate::validate::rng::Rng;

/// Resamples per interval.
pub const RESAMPLES: usize = 2000;

/// The generator's starting state ("caleido" in ASCII, then 1).
const SEED: u64 = 0x6361_6c65_6964_6f01;

/// A 95% interval: the 2.5th and 97.5th percentiles of the resampled values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The 2.5th percentile.
    pub low: f64,
    /// The 97.5th percentile.
    pub high: f64,
}

/// Two rule sets on the same documents: the difference of their macro-F1 (new minus old), its
/// interval, and how often each came out ahead over the resamples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedDifference {
    /// Macro-F1 of the new rules minus that of the old, on the documents as they are.
    pub difference: f64,
    /// The 95% interval of the resampled differences.
    pub interval: Interval,
    /// Share of resamples in which the new rules scored higher.
    pub new_ahead: f64,
    /// Share of resamples in which the old rules scored higher.
    pub old_ahead: f64,
}

/// The 95% interval of macro-F1 over `mirrors`, drawing whole documents; `None` for fewer than
/// two documents or no mirror.
pub fn macro_f1_interval(docs: &[[Counts; 5]], mirrors: &[u8]) -> Option<Interval> {
    if docs.len() < 2 || mirrors.is_empty() {
        return None;
    }
    let mut values: Vec<f64> =
        Draws::new(docs.len()).take(RESAMPLES).map(|d| mean_f1(&sum(docs, &d), mirrors)).collect();
    interval(&mut values)
}

/// The 95% interval of each mirror's F1, drawing whole documents; `None` for fewer than two
/// documents. The draws are those of [`macro_f1_interval`].
pub fn mirror_f1_intervals(docs: &[[Counts; 5]]) -> Option<[Interval; 5]> {
    if docs.len() < 2 {
        return None;
    }
    let mut values: [Vec<f64>; 5] = Default::default();
    for d in Draws::new(docs.len()).take(RESAMPLES) {
        let counts = sum(docs, &d);
        for (v, c) in values.iter_mut().zip(&counts) {
            v.push(c.f1());
        }
    }
    let mut out = [Interval { low: 0.0, high: 0.0 }; 5];
    for (o, v) in out.iter_mut().zip(values.iter_mut()) {
        *o = interval(v)?;
    }
    Some(out)
}

/// The difference of macro-F1 over `mirrors` between two rule sets evaluated on the same
/// documents (`new[i]` and `old[i]` are the same document), each resample drawing the same
/// documents for both; `None` when the lists differ in length, hold fewer than two documents, or
/// `mirrors` is empty.
pub fn paired_difference(new: &[[Counts; 5]], old: &[[Counts; 5]], mirrors: &[u8]) -> Option<PairedDifference> {
    if new.len() != old.len() || new.len() < 2 || mirrors.is_empty() {
        return None;
    }
    let all: Vec<usize> = (0..new.len()).collect();
    let difference = mean_f1(&sum(new, &all), mirrors) - mean_f1(&sum(old, &all), mirrors);
    let mut diffs: Vec<f64> = Draws::new(new.len())
        .take(RESAMPLES)
        .map(|d| mean_f1(&sum(new, &d), mirrors) - mean_f1(&sum(old, &d), mirrors))
        .collect();
    let share = |keep: fn(f64) -> bool| diffs.iter().filter(|&&d| keep(d)).count() as f64 / diffs.len() as f64;
    let (new_ahead, old_ahead) = (share(|d| d > 0.0), share(|d| d < 0.0));
    let interval = interval(&mut diffs)?;
    Some(PairedDifference { difference, interval, new_ahead, old_ahead })
}

/// The counts of the documents at `indices`, summed per mirror.
fn sum(docs: &[[Counts; 5]], indices: &[usize]) -> [Counts; 5] {
    let mut out = [Counts::default(); 5];
    for &i in indices {
        for (o, c) in out.iter_mut().zip(&docs[i]) {
            o.add(c);
        }
    }
    out
}

fn interval(values: &mut [f64]) -> Option<Interval> {
    values.sort_by(f64::total_cmp);
    percentiles(values).map(|(low, high)| Interval { low, high })
}

/// Endless resamples of `n` document indices each, from the fixed seed.
struct Draws {
    n: usize,
    rng: Rng,
}

impl Draws {
    fn new(n: usize) -> Self {
        Draws { n, rng: Rng::new(SEED) }
    }
}

impl Iterator for Draws {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        Some((0..self.n).map(|_| self.rng.below(self.n)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts with only mirror 1 set: `right` of `predicted` right, `found` of `gold` found.
    fn doc(predicted: usize, right: usize, gold: usize, found: usize) -> [Counts; 5] {
        let mut c = [Counts::default(); 5];
        c[0] = Counts { predicted, predicted_right: right, gold, gold_found: found };
        c
    }

    #[test]
    fn identical_documents_give_a_point_interval() {
        let docs = vec![doc(4, 2, 4, 2); 10];
        let i = macro_f1_interval(&docs, &[1]).unwrap();
        assert_eq!((i.low, i.high), (0.5, 0.5));
    }

    #[test]
    fn the_interval_holds_the_figure_and_widens_with_unlike_documents() {
        let docs = vec![doc(4, 4, 4, 4), doc(4, 0, 4, 0), doc(4, 4, 4, 4), doc(4, 0, 4, 0)];
        let i = macro_f1_interval(&docs, &[1]).unwrap();
        assert!(i.low < 0.5 && i.high > 0.5, "{i:?}");
        assert!(i.low >= 0.0 && i.high <= 1.0);
    }

    #[test]
    fn too_few_documents_or_no_mirror_give_none() {
        assert_eq!(macro_f1_interval(&[doc(1, 1, 1, 1)], &[1]), None);
        assert_eq!(macro_f1_interval(&[doc(1, 1, 1, 1), doc(1, 1, 1, 1)], &[]), None);
    }

    #[test]
    fn mirror_intervals_hold_each_mirror_and_a_point_for_a_steady_one() {
        let mut docs = vec![doc(4, 4, 4, 4), doc(4, 0, 4, 0), doc(4, 2, 4, 2)];
        for d in &mut docs {
            d[1] = Counts { predicted: 2, predicted_right: 1, gold: 2, gold_found: 1 };
        }
        let i = mirror_f1_intervals(&docs).unwrap();
        assert!(i[0].low < 0.5 && i[0].high > 0.5, "{:?}", i[0]);
        assert_eq!((i[1].low, i[1].high), (0.5, 0.5));
        assert_eq!(mirror_f1_intervals(&docs[..1]), None);
    }

    #[test]
    fn the_same_rules_differ_by_nothing() {
        let docs = vec![doc(4, 3, 5, 3), doc(2, 1, 6, 2), doc(7, 5, 5, 4)];
        let d = paired_difference(&docs, &docs, &[1]).unwrap();
        assert_eq!(d.difference, 0.0);
        assert_eq!((d.interval.low, d.interval.high), (0.0, 0.0));
        assert_eq!((d.new_ahead, d.old_ahead), (0.0, 0.0));
    }

    #[test]
    fn better_rules_on_every_document_are_ahead_in_every_resample() {
        let old = vec![doc(4, 2, 4, 2); 5];
        let new = vec![doc(4, 3, 4, 3); 5];
        let d = paired_difference(&new, &old, &[1]).unwrap();
        assert!((d.difference - 0.25).abs() < 1e-12);
        assert_eq!(d.new_ahead, 1.0);
        assert!(d.interval.low > 0.0);
    }

    #[test]
    fn unequal_lists_give_none() {
        assert_eq!(paired_difference(&[doc(1, 1, 1, 1); 3], &[doc(1, 1, 1, 1); 2], &[1]), None);
    }

    #[test]
    fn the_draws_are_the_same_every_run() {
        let a: Vec<Vec<usize>> = Draws::new(7).take(3).collect();
        let b: Vec<Vec<usize>> = Draws::new(7).take(3).collect();
        assert_eq!(a, b);
        assert!(a.iter().flatten().all(|&i| i < 7));
    }
}
