//! The log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008),
//! "Fightin' Words" (Political Analysis 16(4), 372-403), equations 16 and 20: how much more a
//! term is used in one group of text than in another, shrunk towards the whole corpus's rate,
//! with its z-score.
//!
//! For a term w with counts `y_i` in group i (of `n_i` tokens) and `y_j` in group j (of `n_j`),
//! and prior `a_w = a_0 * f_w` where `f_w` is the term's share of the whole corpus:
//!
//! ```text
//! delta = ln((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - ln((y_j + a_w) / (n_j + a_0 - y_j - a_w))
//! var   = 1 / (y_i + a_w) + 1 / (y_j + a_w)
//! z     = delta / sqrt(var)
//! ```

/// The weight of the prior (`a_0`) used by `rules suggest`: the size of group i. Then `a_w`
/// is the count the term would have in group i if group i used it at the corpus's rate: the
/// prior pulls a term towards "no difference" by one group's worth of evidence. Rare terms
/// get a small `a_w`, a large variance and so a small z, however lopsided their counts.
pub fn prior_weight(totals: Totals) -> f64 {
    totals.group as f64
}

/// A term's counts in the two groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Occurrences in group i (the sentences a rule matches).
    pub group: u64,
    /// Occurrences in group j (all other sentences).
    pub rest: u64,
}

/// The sizes of the two groups, in tokens (or in two-word sequences, for phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Tokens in group i.
    pub group: u64,
    /// Tokens in group j.
    pub rest: u64,
}

/// The estimate for one term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogOdds {
    /// The log-odds ratio, group i over group j (positive: more in group i).
    pub delta: f64,
    /// `delta` over its estimated standard deviation.
    pub z: f64,
}

/// The log-odds ratio of a term between the groups, with the prior `a_0 * corpus share`.
pub fn log_odds(counts: Counts, totals: Totals, prior_weight: f64) -> LogOdds {
    let corpus = (totals.group + totals.rest) as f64;
    let share = if corpus > 0.0 { (counts.group + counts.rest) as f64 / corpus } else { 0.0 };
    let a_w = prior_weight * share;
    let (y_i, y_j) = (counts.group as f64, counts.rest as f64);
    let (n_i, n_j) = (totals.group as f64, totals.rest as f64);
    let odds = |y: f64, n: f64| (y + a_w) / (n + prior_weight - y - a_w);
    let delta = odds(y_i, n_i).ln() - odds(y_j, n_j).ln();
    let variance = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w);
    LogOdds { delta, z: delta / variance.sqrt() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand: group i has 10 tokens, group j 90; the term stands 4 times in i and
    /// 6 times in j, so 10 of the corpus's 100 tokens: share 0.1. With a_0 = 10, a_w = 1.
    ///   delta = ln((4 + 1) / (10 + 10 - 4 - 1)) - ln((6 + 1) / (90 + 10 - 6 - 1))
    ///         = ln(5 / 15) - ln(7 / 93) = -1.098612 + 2.586689 = 1.488077
    ///   var   = 1/5 + 1/7 = 0.342857, sd = 0.585540
    ///   z     = 1.488077 / 0.585540 = 2.541375
    #[test]
    fn matches_the_hand_computed_example() {
        let r = log_odds(Counts { group: 4, rest: 6 }, Totals { group: 10, rest: 90 }, 10.0);
        assert!((r.delta - 1.488077).abs() < 1e-6, "{r:?}");
        assert!((r.z - 2.541375).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn a_term_used_at_the_same_rate_scores_zero() {
        let r = log_odds(Counts { group: 2, rest: 18 }, Totals { group: 100, rest: 900 }, 1000.0);
        assert!(r.delta.abs() < 1e-12 && r.z.abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn the_prior_keeps_rare_terms_from_the_top() {
        let totals = Totals { group: 10_000, rest: 1_000_000 };
        let rare = log_odds(Counts { group: 2, rest: 0 }, totals, prior_weight(totals));
        let common = log_odds(Counts { group: 20, rest: 280 }, totals, prior_weight(totals));
        assert!(rare.delta > common.delta, "the rare term has the larger raw ratio");
        assert!(common.z > rare.z, "but the common one the larger z: {rare:?} {common:?}");
    }

    #[test]
    fn swapping_the_groups_flips_the_sign() {
        let a = log_odds(Counts { group: 7, rest: 3 }, Totals { group: 50, rest: 400 }, 100.0);
        let b = log_odds(Counts { group: 3, rest: 7 }, Totals { group: 400, rest: 50 }, 100.0);
        assert!((a.z + b.z).abs() < 1e-9);
    }
}
