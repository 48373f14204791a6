//! How a share changed from one programme to another (the same party at two elections): the
//! difference with its 95% interval, and whether it is clear or too close to call.
//!
//! The same two checks as a ranking's (`src/stability.rs`, `docs/scoring.md`): each programme's
//! sentences are resampled 1,000 times with the fixed-seed generator, and the 2.5th and 97.5th
//! percentiles of the paired differences (later minus earlier) give the interval; and each rule
//! that fired in either programme is left out in turn. A change is clear when the interval
//! excludes zero and no single rule left out makes it zero or turns it around.

use std::collections::BTreeSet;

use crate::stability::{StabilityConfig, Units, Verdict, bootstrap, percentiles, shares_without_each_rule};

/// One programme's share with its bootstrap resamples, ready to be compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The sentences and the rules that fired.
    pub units: Units,
    /// The share as scored, in percent (unrounded).
    pub share: f64,
    /// 2.5th percentile of the resampled shares.
    pub low: f64,
    /// 97.5th percentile of the resampled shares.
    pub high: f64,
    /// The resampled shares, in the order drawn (paired by position with another programme's).
    samples: Vec<f64>,
}

/// Resamples a programme (the same resamples as its interval in the scorecard).
pub fn measure(units: Units, cfg: &StabilityConfig) -> Measured {
    let samples = bootstrap(&units, cfg);
    let share = units.share();
    let mut sorted = samples.clone();
    sorted.sort_by(f64::total_cmp);
    let (low, high) = percentiles(&sorted).unwrap_or((share, share));
    Measured { units, share, low, high, samples }
}

/// The change from one programme to a later one, in percentage points.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Later share minus earlier share (unrounded).
    pub diff: f64,
    /// 2.5th percentile of the resampled differences.
    pub low: f64,
    /// 97.5th percentile of the resampled differences.
    pub high: f64,
    /// Clear, or too close to call.
    pub verdict: Verdict,
    /// The first rule (by id) whose removal makes the change zero or turns it around, if any.
    pub flipping_rule: Option<String>,
}

/// The change from `before` to `after`.
pub fn change(before: &Measured, after: &Measured) -> Change {
    let diff = after.share - before.share;
    let mut diffs: Vec<f64> = after.samples.iter().zip(&before.samples).map(|(a, b)| a - b).collect();
    diffs.sort_by(f64::total_cmp);
    let (low, high) = percentiles(&diffs).unwrap_or((diff, diff));
    let flipping_rule = flipping_rule(before, after, diff);
    let excludes_zero = low > 0.0 || high < 0.0;
    let verdict =
        if excludes_zero && diff != 0.0 && flipping_rule.is_none() { Verdict::Clear } else { Verdict::TooClose };
    Change { diff, low, high, verdict, flipping_rule }
}

/// The first rule that, left out of both programmes, makes the change zero or turns it around.
fn flipping_rule(before: &Measured, after: &Measured, diff: f64) -> Option<String> {
    let ids: BTreeSet<&str> = [&before.units, &after.units]
        .into_iter()
        .flat_map(|u| u.rules.values().flatten().map(String::as_str))
        .collect();
    let (b, a) = (shares_without_each_rule(&before.units, &ids), shares_without_each_rule(&after.units, &ids));
    ids.iter().find(|r| (a[*r] - b[*r]) * diff.signum() <= 0.0).map(|r| r.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// A programme of `n` sentences of 10 words; the first `matched` fire rules `r0`, `r1`, ...
    /// taken in turn from `rules`.
    fn programme(key: &str, n: usize, matched: usize, rules: &[&str]) -> Units {
        let fired = (0..matched).map(|i| (i, BTreeSet::from([rules[i % rules.len()].to_string()])));
        Units { key: key.into(), words: vec![10; n], rules: fired.collect::<BTreeMap<_, _>>() }
    }

    fn cfg() -> StabilityConfig {
        StabilityConfig::default()
    }

    #[test]
    fn a_large_rise_spread_over_rules_is_clear() {
        let before = measure(programme("2021.txt", 300, 15, &["a", "b", "c"]), &cfg());
        let after = measure(programme("2025.txt", 300, 90, &["a", "b", "c"]), &cfg());
        let c = change(&before, &after);
        assert_eq!((before.share, after.share), (5.0, 30.0));
        assert_eq!(c.diff, 25.0);
        assert!(c.low > 15.0 && c.high < 35.0 && c.low < 25.0 && c.high > 25.0, "{c:?}");
        assert_eq!(c.verdict, Verdict::Clear);
        assert_eq!(c.flipping_rule, None);
    }

    #[test]
    fn a_small_change_is_too_close_and_its_interval_spans_zero() {
        let before = measure(programme("a.txt", 200, 20, &["a", "b"]), &cfg());
        let after = measure(programme("b.txt", 200, 22, &["a", "b"]), &cfg());
        let c = change(&before, &after);
        assert!(c.low < 0.0 && c.high > 0.0, "{c:?}");
        assert_eq!(c.verdict, Verdict::TooClose);
    }

    #[test]
    fn a_rise_carried_by_one_rule_is_too_close_and_names_it() {
        let before = measure(programme("a.txt", 300, 30, &["a"]), &cfg());
        let after = measure(programme("b.txt", 300, 90, &["new"]), &cfg());
        let c = change(&before, &after);
        assert!(c.low > 0.0, "{c:?}");
        assert_eq!(c.flipping_rule.as_deref(), Some("new"));
        assert_eq!(c.verdict, Verdict::TooClose);
    }

    #[test]
    fn no_change_is_too_close_and_figures_repeat() {
        let a = measure(programme("a.txt", 50, 0, &["a"]), &cfg());
        let b = measure(programme("b.txt", 50, 0, &["a"]), &cfg());
        let c = change(&a, &b);
        assert_eq!((c.diff, c.low, c.high, c.verdict), (0.0, 0.0, 0.0, Verdict::TooClose));
        let again = change(&measure(a.units.clone(), &cfg()), &measure(b.units.clone(), &cfg()));
        assert_eq!(c, again);
    }
}
