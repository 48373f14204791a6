//! How `caleido agree` shows an agreement: the summary (English, like the CLI), its last line,
//! and the per-unit CSV.

use std::fmt::Write;

use super::agree::{Agreement, Interval, Prf};
use super::sheet::{CoderCodes, KeyUnit, mirrors_label};

/// `alpha=0.812 tool_f1=0.534`: alpha for any mirror and the macro-F1 against the agreed codes
/// (`NA` when there is no alpha, for one coder, or no agreed code).
pub fn headline(a: &Agreement) -> String {
    let f1 = if a.agreed.any.units > 0 { format!("{:.3}", a.agreed.macro_f1()) } else { "NA".into() };
    format!("alpha={} tool_f1={f1}", a.alpha_any().map_or("NA".into(), |x| format!("{x:.3}")))
}

fn num(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{x:.3}"))
}

fn interval(i: Interval) -> String {
    i.map_or("-".into(), |(lo, hi)| format!("{lo:.3} to {hi:.3}"))
}

const LABELS: [&str; 6] = ["mirror 1", "mirror 2", "mirror 3", "mirror 4", "mirror 5", "any mirror"];

pub(super) fn prf_of(s: &super::agree::ToolScores, k: usize) -> Prf {
    if k == 5 { s.any } else { s.mirrors[k] }
}

/// The summary `caleido agree` prints and writes to `agree-summary.md`.
pub fn summary_md(a: &Agreement) -> String {
    let mut out = String::from("# Agreement\n\n");
    let _ = writeln!(
        out,
        "{} units in the sample; rules {}; intervals: 95% stratified bootstrap, {} replicates, seed {}.\n",
        a.units, a.rule_set, a.replicates, a.seed
    );
    out.push_str("## Coders\n\n| coder | units coded | tool precision (any) | recall (any) | F1 (any) | macro-F1 |\n|---|---:|---:|---:|---:|---:|\n");
    for c in &a.coders {
        let any = c.tool.any;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.3} | {:.3} |",
            c.name,
            c.coded,
            num(any.precision()),
            num(any.recall()),
            any.f1(),
            c.tool.macro_f1()
        );
    }
    let _ = write!(
        out,
        "\n## Coders with each other: Krippendorff's alpha (nominal)\n\n{} units coded by two coders or more.\n\n\
| label | alpha | 95% interval |\n|---|---:|---|\n",
        a.pairable
    );
    for (k, label) in LABELS.iter().enumerate() {
        let _ = writeln!(out, "| {label} | {} | {} |", num(a.alpha[k]), interval(a.alpha_interval[k]));
    }
    out.push_str(
        "\n## The tool against the agreed codes (majority; ties left out), weighted\n\n\
| label | units | precision | recall | F1 | 95% interval |\n|---|---:|---:|---:|---:|---|\n",
    );
    for (k, label) in LABELS.iter().enumerate() {
        let p = prf_of(&a.agreed, k);
        let (pr, re) = (num(p.precision()), num(p.recall()));
        let _ =
            writeln!(out, "| {label} | {} | {pr} | {re} | {:.3} | {} |", p.units, p.f1(), interval(a.f1_interval[k]));
    }
    let _ = writeln!(out, "| macro-F1 | | | | {:.3} | {} |", a.agreed.macro_f1(), interval(a.macro_f1_interval));
    out.push_str("\n## Parties: share of units in any mirror\n\n| party | units | sampled | tool | coders (estimate) |\n|---|---:|---:|---:|---:|\n");
    for p in &a.parties {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.3} | {} |",
            p.party,
            p.units,
            p.sampled,
            p.tool_share,
            num(p.coder_share)
        );
    }
    let _ =
        writeln!(out, "\nSpearman's rank correlation of the two shares across parties: {}", num(a.ranking_spearman));
    out
}

/// `agree-units.csv`: per unit its stratum, weight, the tool's mirrors, each coder's and the agreed ones.
pub fn units_csv(key: &[KeyUnit], coders: &[CoderCodes]) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["id", "file", "party", "stratum", "weight", "tool"].map(String::from).to_vec();
    header.extend(coders.iter().map(|c| c.name.clone()));
    w.write_record(&header)?;
    for k in key {
        let mut row = vec![k.id.clone(), k.file.clone(), k.party.clone(), k.stratum.clone(), format!("{}", k.weight)];
        row.push(mirrors_label(&k.tool));
        for c in coders {
            row.push(c.codes.get(&k.id).and_then(Option::as_ref).map_or(String::new(), mirrors_label));
        }
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::agree::test_agreement as agreement;

    #[test]
    fn the_headline_has_three_decimals_or_na() {
        // precision 0.75, recall 0.5: F1 0.6 for every mirror, so macro-F1 0.6.
        assert_eq!(headline(&agreement(Some(0.81234), 10)), "alpha=0.812 tool_f1=0.600");
        assert_eq!(headline(&agreement(None, 10)), "alpha=NA tool_f1=0.600");
        assert_eq!(headline(&agreement(None, 0)), "alpha=NA tool_f1=NA");
    }
}
