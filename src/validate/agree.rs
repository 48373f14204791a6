//! Agreement between coders (Krippendorff's alpha) and between the tool and the coders
//! (precision, recall, F1 with sampling weights), with stratified bootstrap intervals.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::alpha;
use super::rng::Rng;
use super::sheet::{CoderCodes, KeyUnit};

/// Bootstrap replicates behind every interval.
pub const REPLICATES: usize = 1000;

/// Precision, recall and F1 of the tool for one label, from weighted counts.
///
/// As in `caleido eval`: a unit the tool labels m is a true positive when the coder coded it m;
/// precision = true positives / units the tool labels m, recall = true positives / units the coder
/// coded m, F1 their harmonic mean, 0 when either is 0 or undefined. Each unit counts with its
/// sampling weight, so the figures estimate the whole corpus; with weight 1 they are `eval`'s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Weighted units the tool labels m.
    pub predicted: f64,
    /// Weighted units both label m.
    pub true_positives: f64,
    /// Weighted units the coder coded m.
    pub coded: f64,
    /// Units (unweighted) on which both tool and coder have a label.
    pub units: usize,
}

impl Prf {
    fn add(&mut self, tool: bool, coder: bool, weight: f64) {
        self.units += 1;
        if tool {
            self.predicted += weight;
        }
        if coder {
            self.coded += weight;
        }
        if tool && coder {
            self.true_positives += weight;
        }
    }

    /// True positives over predicted; `None` when the tool labels nothing.
    pub fn precision(&self) -> Option<f64> {
        (self.predicted > 0.0).then(|| self.true_positives / self.predicted)
    }

    /// True positives over coded; `None` when the coder coded nothing.
    pub fn recall(&self) -> Option<f64> {
        (self.coded > 0.0).then(|| self.true_positives / self.coded)
    }

    /// Harmonic mean of precision and recall; 0 when either is 0 or undefined.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision().unwrap_or(0.0), self.recall().unwrap_or(0.0));
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// The tool against one set of codes: per mirror, for "any mirror", and the macro-F1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToolScores {
    /// Mirrors 1 to 5.
    pub mirrors: [Prf; 5],
    /// Any mirror (the unit is about citizen initiative at all).
    pub any: Prf,
}

impl ToolScores {
    /// Unweighted mean of the five mirrors' F1, as `caleido eval`'s macro-F1.
    pub fn macro_f1(&self) -> f64 {
        self.mirrors.iter().map(Prf::f1).sum::<f64>() / 5.0
    }
}

/// A 95% percentile interval from the bootstrap.
pub type Interval = Option<(f64, f64)>;

/// One coder: how many units they coded and how the tool does against them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoderResult {
    /// The coder's name (file stem).
    pub name: String,
    /// Units coded (a `mirrors` cell filled).
    pub coded: usize,
    /// The tool against this coder.
    pub tool: ToolScores,
}

/// One party: the tool's and the coders' share of units about citizen initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyEstimate {
    /// The party.
    pub party: String,
    /// Units of the party in the corpus (its strata in the sample).
    pub units: usize,
    /// Units sampled.
    pub sampled: usize,
    /// Share of its units the tool matched to any mirror.
    pub tool_share: f64,
    /// Share the agreed codes put in any mirror, estimated with the weights; `None` without codes.
    pub coder_share: Option<f64>,
}

/// Everything `caleido agree` finds; `agree.json` holds it for `caleido score --validation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Units in the sample.
    pub units: usize,
    /// The rule set that labelled the sample.
    pub rule_set: String,
    /// Each coder.
    pub coders: Vec<CoderResult>,
    /// Alpha per mirror, then for any mirror (index 5); `None` with one coder or no variation.
    pub alpha: [Option<f64>; 6],
    /// Intervals of `alpha`.
    pub alpha_interval: [Interval; 6],
    /// Units coded by two coders or more.
    pub pairable: usize,
    /// The tool against the agreed codes (the majority; ties left out).
    pub agreed: ToolScores,
    /// Interval of the macro-F1 against the agreed codes.
    pub macro_f1_interval: Interval,
    /// Intervals of the F1 per mirror, then any mirror.
    pub f1_interval: [Interval; 6],
    /// Per party: tool share and the coders' share.
    pub parties: Vec<PartyEstimate>,
    /// Spearman's rank correlation of the two shares across parties; `None` for fewer than 3.
    pub ranking_spearman: Option<f64>,
    /// The bootstrap's seed.
    pub seed: u64,
    /// The bootstrap's replicates.
    pub replicates: usize,
}

impl Agreement {
    /// The headline alpha: any mirror.
    pub fn alpha_any(&self) -> Option<f64> {
        self.alpha[5]
    }
}

/// The codes on one unit: per coder, the mirrors or `None`.
struct UnitCodes<'a> {
    key: &'a KeyUnit,
    coders: Vec<Option<&'a BTreeSet<u8>>>,
}

impl UnitCodes<'_> {
    /// Coder `c`'s value for label `k` (0..5 mirrors, 5 any mirror).
    fn value(&self, c: usize, k: usize) -> Option<bool> {
        self.coders[c].map(|m| label(m, k))
    }

    /// The majority value for label `k` among the coders who coded the unit; `None` on a tie.
    fn agreed(&self, k: usize) -> Option<bool> {
        let yes = (0..self.coders.len()).filter(|&c| self.value(c, k) == Some(true)).count();
        let no = (0..self.coders.len()).filter(|&c| self.value(c, k) == Some(false)).count();
        match yes.cmp(&no) {
            std::cmp::Ordering::Greater => Some(true),
            std::cmp::Ordering::Less => Some(false),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Label `k` of a set of mirrors: mirror `k + 1`, or any mirror for `k` = 5.
fn label(mirrors: &BTreeSet<u8>, k: usize) -> bool {
    if k == 5 { !mirrors.is_empty() } else { mirrors.contains(&(k as u8 + 1)) }
}

/// Compares the coders with each other and the tool with the coders; `seed` drives the bootstrap.
pub fn agree(key: &[KeyUnit], coders: &[CoderCodes], seed: u64) -> Agreement {
    let units: Vec<UnitCodes> = key
        .iter()
        .map(|k| UnitCodes {
            key: k,
            coders: coders.iter().map(|c| c.codes.get(&k.id).and_then(Option::as_ref)).collect(),
        })
        .collect();
    let all: Vec<&UnitCodes> = units.iter().collect();
    let (alpha_interval, macro_f1_interval, f1_interval) = bootstrap(&all, seed);
    let parties = parties(&all);
    let (tool, coded): (Vec<f64>, Vec<Option<f64>>) = parties.iter().map(|p| (p.tool_share, p.coder_share)).unzip();
    let paired: Vec<(f64, f64)> = tool.iter().zip(&coded).filter_map(|(t, c)| c.map(|c| (*t, c))).collect();
    let (t, c): (Vec<f64>, Vec<f64>) = paired.into_iter().unzip();
    Agreement {
        units: key.len(),
        rule_set: key.first().map(|k| k.rule_set.clone()).unwrap_or_default(),
        coders: (0..coders.len()).map(|c| coder_result(&all, c, &coders[c].name)).collect(),
        alpha: alphas(&all),
        alpha_interval,
        pairable: all.iter().filter(|u| u.coders.iter().flatten().count() >= 2).count(),
        agreed: tool_scores(&all, |u, k| u.agreed(k)),
        macro_f1_interval,
        f1_interval,
        parties,
        ranking_spearman: crate::eval::metrics::spearman(&t, &c),
        seed,
        replicates: REPLICATES,
    }
}

fn coder_result(units: &[&UnitCodes], c: usize, name: &str) -> CoderResult {
    CoderResult {
        name: name.to_string(),
        coded: units.iter().filter(|u| u.coders[c].is_some()).count(),
        tool: tool_scores(units, |u, k| u.value(c, k)),
    }
}

/// Alpha per mirror and for any mirror.
fn alphas(units: &[&UnitCodes]) -> [Option<f64>; 6] {
    std::array::from_fn(|k| {
        let data: Vec<Vec<Option<bool>>> =
            units.iter().map(|u| (0..u.coders.len()).map(|c| u.value(c, k)).collect()).collect();
        alpha::nominal(&data)
    })
}

/// The tool against the codes `truth` gives per unit and label (`None`: left out).
fn tool_scores(units: &[&UnitCodes], truth: impl Fn(&UnitCodes, usize) -> Option<bool>) -> ToolScores {
    let mut s = ToolScores::default();
    for u in units {
        for k in 0..6 {
            if let Some(coder) = truth(u, k) {
                let prf = if k == 5 { &mut s.any } else { &mut s.mirrors[k] };
                prf.add(label(&u.key.tool, k), coder, u.key.weight);
            }
        }
    }
    s
}

type Intervals = ([Interval; 6], Interval, [Interval; 6]);

/// Resamples units with replacement within each stratum, `REPLICATES` times, and takes the
/// 2.5th and 97.5th percentiles of alpha, the macro-F1 and each F1.
fn bootstrap(units: &[&UnitCodes], seed: u64) -> Intervals {
    let mut strata: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        strata.entry(u.key.stratum.as_str()).or_default().push(i);
    }
    let mut rng = Rng::new(seed);
    let mut alpha_runs: [Vec<f64>; 6] = Default::default();
    let mut macro_runs = Vec::new();
    let mut f1_runs: [Vec<f64>; 6] = Default::default();
    for _ in 0..REPLICATES {
        let replicate: Vec<&UnitCodes> = strata
            .values()
            .flat_map(|ix| (0..ix.len()).map(|_| units[ix[rng.below(ix.len())]]).collect::<Vec<_>>())
            .collect();
        for (runs, a) in alpha_runs.iter_mut().zip(alphas(&replicate)) {
            runs.extend(a);
        }
        let scores = tool_scores(&replicate, |u, k| u.agreed(k));
        macro_runs.push(scores.macro_f1());
        for (k, runs) in f1_runs.iter_mut().enumerate() {
            runs.push(if k == 5 { scores.any.f1() } else { scores.mirrors[k].f1() });
        }
    }
    let has_codes = units.iter().any(|u| u.coders.iter().any(Option::is_some));
    let f1 = |runs: &mut Vec<f64>| if has_codes { percentiles(runs) } else { None };
    (alpha_runs.each_mut().map(|r| percentiles(r)), f1(&mut macro_runs), f1_runs.each_mut().map(f1))
}

/// The 95% percentile interval; `None` when fewer than half the replicates gave a value.
fn percentiles(runs: &mut [f64]) -> Interval {
    if runs.len() * 2 < REPLICATES {
        return None;
    }
    runs.sort_by(f64::total_cmp);
    let at = |q: f64| runs[((runs.len() - 1) as f64 * q).round() as usize];
    Some((at(0.025), at(0.975)))
}

/// Per party: the tool's share of units matched (exact, from the stratum sizes) and the agreed
/// codes' share of units in any mirror (each stratum's sample share, weighted by its size).
fn parties(units: &[&UnitCodes]) -> Vec<PartyEstimate> {
    let mut strata: BTreeMap<(&str, &str), (usize, usize, Vec<bool>)> = BTreeMap::new();
    for u in units {
        let e = strata.entry((u.key.party.as_str(), u.key.stratum.as_str())).or_insert((
            u.key.stratum_units,
            0,
            Vec::new(),
        ));
        e.1 += 1;
        e.2.extend(u.agreed(5));
    }
    let mut out: BTreeMap<&str, (usize, usize, f64, f64, f64)> = BTreeMap::new();
    for ((party, stratum), (size, sampled, codes)) in strata {
        let e = out.entry(party).or_default();
        e.0 += size;
        e.1 += sampled;
        if stratum.ends_with("|match") {
            e.2 += size as f64;
        }
        if !codes.is_empty() {
            e.3 += size as f64 * codes.iter().filter(|&&c| c).count() as f64 / codes.len() as f64;
            e.4 += size as f64;
        }
    }
    out.into_iter()
        .map(|(party, (units, sampled, matched, coded_yes, coded_size))| PartyEstimate {
            party: party.to_string(),
            units,
            sampled,
            tool_share: matched / units.max(1) as f64,
            coder_share: (coded_size > 0.0).then(|| coded_yes / coded_size),
        })
        .collect()
}

/// An agreement with the same precision and recall for every mirror, for the renderers' tests.
#[cfg(test)]
pub(crate) fn test_agreement(alpha: Option<f64>, coded_units: usize) -> Agreement {
    let prf = Prf { predicted: 4.0, true_positives: 3.0, coded: 6.0, units: coded_units };
    Agreement {
        units: 10,
        rule_set: "test 1 (abc)".into(),
        coders: vec![],
        alpha: [alpha; 6],
        alpha_interval: [None; 6],
        pairable: 0,
        agreed: ToolScores { mirrors: [prf; 5], any: prf },
        macro_f1_interval: None,
        f1_interval: [None; 6],
        parties: vec![],
        ranking_spearman: None,
        seed: 1,
        replicates: 1000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, stratum: &str, weight: f64, tool: &[u8]) -> KeyUnit {
        KeyUnit {
            id: id.into(),
            file: "a.txt".into(),
            party: stratum.split('|').next().unwrap().into(),
            stratum: stratum.into(),
            stratum_units: 10,
            weight,
            tool: tool.iter().copied().collect(),
            rule_set: "test".into(),
        }
    }

    fn coder(name: &str, codes: &[(&str, Option<&[u8]>)]) -> CoderCodes {
        CoderCodes {
            name: name.into(),
            codes: codes.iter().map(|(id, m)| (id.to_string(), m.map(|m| m.iter().copied().collect()))).collect(),
        }
    }

    #[test]
    fn precision_and_recall_by_hand_with_weights() {
        // Tool says mirror 1 on u1 (w 1) and u2 (w 3); the coder says 1 on u1 and u3 (w 2).
        let k = [key("u1", "A|match", 1.0, &[1]), key("u2", "A|match", 3.0, &[1]), key("u3", "A|miss", 2.0, &[])];
        let c = coder("anna", &[("u1", Some(&[1])), ("u2", Some(&[])), ("u3", Some(&[1]))]);
        let a = agree(&k, &[c], 1);
        let m1 = a.coders[0].tool.mirrors[0];
        assert_eq!(m1.precision(), Some(0.25));
        assert_eq!(m1.recall(), Some(1.0 / 3.0));
        assert!((m1.f1() - 2.0 * 0.25 * (1.0 / 3.0) / (0.25 + 1.0 / 3.0)).abs() < 1e-12);
        assert_eq!(a.alpha_any(), None, "one coder: no alpha");
    }

    #[test]
    fn agreed_codes_are_the_majority_and_ties_are_left_out() {
        let k = [key("u1", "A|match", 1.0, &[1]), key("u2", "A|miss", 1.0, &[])];
        let a = coder("a", &[("u1", Some(&[1])), ("u2", Some(&[2]))]);
        let b = coder("b", &[("u1", Some(&[1, 2])), ("u2", Some(&[]))]);
        let r = agree(&k, &[a, b], 1);
        let m1 = r.agreed.mirrors[0];
        assert_eq!((m1.units, m1.true_positives, m1.coded), (2, 1.0, 1.0), "u1 is 1 for both, u2 not 1 for both");
        assert_eq!(r.agreed.mirrors[1].units, 0, "mirror 2: a tie on u1 and on u2");
        assert_eq!(r.pairable, 2);
    }

    #[test]
    fn intervals_come_from_a_fixed_seed_and_hold_the_estimate() {
        let k: Vec<KeyUnit> = (0..40)
            .map(|i| {
                key(
                    &format!("u{i}"),
                    if i % 2 == 0 { "A|match" } else { "A|miss" },
                    1.0,
                    if i % 2 == 0 { &[1] } else { &[] },
                )
            })
            .collect();
        let codes = |flip: usize| -> Vec<(String, Option<Vec<u8>>)> {
            (0..40)
                .map(|i| (format!("u{i}"), Some(if (i % 2 == 0) != (i % flip == 0) { vec![1] } else { vec![] })))
                .collect()
        };
        let to_coder = |name: &str, c: Vec<(String, Option<Vec<u8>>)>| CoderCodes {
            name: name.into(),
            codes: c.into_iter().map(|(id, m)| (id, m.map(|m| m.into_iter().collect()))).collect(),
        };
        let coders = [to_coder("a", codes(7)), to_coder("b", codes(5))];
        let r1 = agree(&k, &coders, 9);
        assert_eq!(r1, agree(&k, &coders, 9));
        let (lo, hi) = r1.alpha_interval[5].unwrap();
        let alpha = r1.alpha_any().unwrap();
        assert!(lo <= alpha && alpha <= hi, "{lo} {alpha} {hi}");
        let (lo, hi) = r1.macro_f1_interval.unwrap();
        assert!(lo <= r1.agreed.macro_f1() && r1.agreed.macro_f1() <= hi);
    }
}
