//! The bytes of the evaluation files: four CSVs and a Markdown summary. Pure: no output.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::interval::{Interval, RESAMPLES};
use super::{Counts, DocEval, Evaluation, MIN_SUPPORT, SetKey};
use crate::report::csv::safe_cell;

/// Column names of `eval-mirrors.csv`.
pub const MIRROR_COLUMNS: [&str; 13] = [
    "mirror",
    "title",
    "support",
    "predicted",
    "true_positives",
    "gold_found",
    "precision",
    "recall",
    "f1",
    "share_spearman",
    "set",
    "f1_low",
    "f1_high",
];

/// A ratio with three decimals, or empty when undefined.
fn fixed(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_default()
}

fn counts_cells(c: &Counts) -> Vec<String> {
    let mut row: Vec<String> = [c.gold, c.predicted, c.predicted_right, c.gold_found].map(|n| n.to_string()).into();
    row.extend([fixed(c.precision()), fixed(c.recall()), fixed(Some(c.f1()))]);
    row
}

fn to_csv(header: &[&str], rows: Vec<Vec<String>>) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// `eval-mirrors.csv`: per set (check first), one row per mirror, then `macro` (the five
/// mirrors) and `macro_supported` (mirrors with at least [`MIN_SUPPORT`] gold sentences).
/// `f1_low` and `f1_high` are the 95% interval of the F1 (of the mirror, or of the supported
/// macro-F1), drawing whole documents; empty for a set of fewer than two documents.
pub fn mirrors_csv(eval: &Evaluation, titles: &[String]) -> std::io::Result<Vec<u8>> {
    let mut rows = Vec::new();
    for key in eval.sets() {
        let sub = eval.subset(key);
        let spearman = |k: usize| if key.sampled { String::new() } else { fixed(sub.share_spearman(k)) };
        let intervals = sub.mirror_f1_intervals();
        for (k, c) in sub.mirror_totals().iter().enumerate() {
            let mut row = vec![(k + 1).to_string(), safe_cell(titles.get(k).map_or("", String::as_str))];
            row.extend(counts_cells(c));
            row.push(spearman(k));
            row.push(key.label());
            row.extend(interval_cells(intervals.map(|i| i[k])));
            rows.push(row);
        }
        let mut macro_row = vec![String::new(); MIRROR_COLUMNS.len()];
        macro_row[0] = "macro".into();
        macro_row[8] = fixed(Some(sub.macro_f1()));
        macro_row[9] = spearman(5);
        macro_row[10] = key.label();
        rows.push(macro_row.clone());
        let (supported, kept) = sub.macro_f1_supported();
        macro_row[0] = "macro_supported".into();
        macro_row[1] = kept.iter().map(|m| format!("m{m}")).collect::<Vec<_>>().join(" ");
        macro_row[8] = fixed(supported);
        let [low, high] = interval_cells(sub.macro_f1_interval());
        (macro_row[11], macro_row[12]) = (low, high);
        rows.push(macro_row);
    }
    to_csv(&MIRROR_COLUMNS, rows)
}

/// The two cells of an interval, empty when there is none.
fn interval_cells(i: Option<Interval>) -> [String; 2] {
    i.map_or([String::new(), String::new()], |i| [fixed(Some(i.low)), fixed(Some(i.high))])
}

/// `eval-questions.csv`: per set, one row per codebook question.
pub fn questions_csv(eval: &Evaluation) -> std::io::Result<Vec<u8>> {
    let header =
        ["question", "support", "predicted", "true_positives", "gold_found", "precision", "recall", "f1", "set"];
    let mut rows = Vec::new();
    for key in eval.sets() {
        for (q, c) in eval.subset(key).question_totals() {
            rows.push(std::iter::once(q).chain(counts_cells(&c)).chain([key.label()]).collect());
        }
    }
    to_csv(&header, rows)
}

/// `eval-shares.csv`: per document and mirror (`any` for any mirror) the predicted and gold share of words.
pub fn shares_csv(eval: &Evaluation) -> std::io::Result<Vec<u8>> {
    let header = ["doc", "file", "words", "mirror", "predicted_pct", "gold_pct", "set"];
    let mut rows = Vec::new();
    for d in eval.docs.iter().filter(|d| !d.sampled) {
        for k in 0..6 {
            let mirror = if k == 5 { "any".to_string() } else { (k + 1).to_string() };
            let (p, g) = (d.predicted_share[k], d.gold_share[k]);
            let set = d.split.label().to_string();
            rows.push(vec![safe_cell(&d.stem), safe_cell(&d.file), d.words.to_string(), mirror, pct(p), pct(g), set]);
        }
    }
    to_csv(&header, rows)
}

fn pct(x: f64) -> String {
    format!("{x:.2}")
}

/// `eval-errors.csv`: every false positive and negative, by document, mirror, kind and page;
/// only of *tune* documents unless `with_check`.
pub fn errors_csv(eval: &Evaluation, with_check: bool) -> std::io::Result<Vec<u8>> {
    let header = ["doc", "page", "mirror", "kind", "rules", "sentence", "gold_note", "set"];
    let mut rows = Vec::new();
    for d in eval.docs.iter().filter(|d| with_check || d.split == super::Split::Tune) {
        let set = SetKey { split: d.split, sampled: d.sampled }.label();
        for e in &d.errors {
            rows.push(vec![
                safe_cell(&d.stem),
                e.page.to_string(),
                e.mirror.to_string(),
                e.kind.label().to_string(),
                safe_cell(&e.rules.join(" ")),
                safe_cell(&e.sentence),
                safe_cell(&e.note),
                set.clone(),
            ]);
        }
    }
    to_csv(&header, rows)
}

/// The per-mirror table in Markdown, with the macro-F1 below it.
pub fn mirror_table(eval: &Evaluation, titles: &[String]) -> String {
    let intervals = eval.mirror_f1_intervals();
    let mut s = String::from("| mirror | title | support | predicted | P | R | F1 |");
    s.push_str(if intervals.is_some() { " F1 95% interval |\n" } else { "\n" });
    s.push_str(if intervals.is_some() {
        "|---|---|--:|--:|--:|--:|--:|--:|\n"
    } else {
        "|---|---|--:|--:|--:|--:|--:|\n"
    });
    for (k, c) in eval.mirror_totals().iter().enumerate() {
        let title = titles.get(k).map_or("", String::as_str);
        let (p, r) = (fixed(c.precision()), fixed(c.recall()));
        let _ = write!(s, "| {} | {title} | {} | {} | {p} | {r} | {:.3} |", k + 1, c.gold, c.predicted, c.f1());
        let _ = match &intervals {
            Some(i) => writeln!(s, " {:.3} to {:.3} |", i[k].low, i[k].high),
            None => writeln!(s),
        };
    }
    let (supported, kept) = eval.macro_f1_supported();
    let kept: Vec<String> = kept.iter().map(|m| format!("m{m}")).collect();
    let _ = writeln!(
        s,
        "\nmacro-F1 over mirrors with >= {MIN_SUPPORT} gold sentences ({}): {}",
        if kept.is_empty() { "none".to_string() } else { kept.join(", ") },
        supported.map_or("n/a".to_string(), |v| format!("{v:.3}"))
    );
    if let Some(i) = eval.macro_f1_interval() {
        let _ = writeln!(
            s,
            "95% interval of that macro-F1, drawing the {} documents again {RESAMPLES} times: {:.3} to {:.3}",
            eval.docs.len(),
            i.low,
            i.high
        );
    }
    let _ = writeln!(s, "macro-F1 over the five mirrors: {:.3}", eval.macro_f1());
    s
}

/// The section comparing these rules with `old` (the same gold scored with the baseline rules,
/// labelled `old_label`): per set, both macro-F1 figures, their difference and its 95% interval
/// from paired resamples of whole documents.
pub fn baseline_section(eval: &Evaluation, old: &Evaluation, old_label: &str) -> String {
    let mut s = format!(
        "\n## Against the baseline rules\n\nBaseline: {old_label}. Per set, macro-F1 over the mirrors with >= {MIN_SUPPORT} gold \
         sentences; the interval and the shares come from {RESAMPLES} resamples that draw the same documents for both rule sets.\n\n"
    );
    s.push_str("| set | documents | baseline | these rules | difference | 95% interval | ahead: these / baseline |\n");
    s.push_str("|---|--:|--:|--:|--:|--:|--:|\n");
    for key in eval.sets() {
        let (new, old) = (eval.subset(key), old.subset(key));
        let cell = |e: &Evaluation| e.macro_f1_supported().0.map_or("n/a".to_string(), |v| format!("{v:.3}"));
        let (base, these) = (cell(&old), cell(&new));
        let _ = match new.difference_from(&old) {
            Some(d) => writeln!(
                s,
                "| {} | {} | {base} | {these} | {:+.3} | {:+.3} to {:+.3} | {:.0}% / {:.0}% |",
                key.label(),
                new.docs.len(),
                d.difference,
                d.interval.low,
                d.interval.high,
                d.new_ahead * 100.0,
                d.old_ahead * 100.0
            ),
            None => writeln!(s, "| {} | {} | {base} | {these} | | | |", key.label(), new.docs.len()),
        };
    }
    s
}

fn alignment_table(docs: &[DocEval]) -> String {
    let mut s = String::from(
        "| doc | set | gold sentences | aligned | unaligned | split by caleido | mean coverage |\n|---|---|--:|--:|--:|--:|--:|\n",
    );
    let mut sampled = (0, 0, 0);
    for d in docs {
        let (n, a) = (d.gold_sentences, d.aligned);
        if d.sampled {
            sampled = (sampled.0 + 1, sampled.1 + n, sampled.2 + a);
            continue;
        }
        let (set, split) = (d.split.label(), d.split_by_caleido);
        let _ = writeln!(s, "| {} | {set} | {n} | {a} | {} | {split} | {:.2} |", d.stem, n - a, d.mean_coverage);
    }
    if sampled.0 > 0 {
        let (docs, n, a) = sampled;
        let _ = writeln!(s, "| {docs} documents | sampled | {n} | {a} | {} | | |", n - a);
    }
    s
}

fn question_table(eval: &Evaluation) -> String {
    let mut s = String::from("| question | support | predicted | P | R | F1 |\n|---|--:|--:|--:|--:|--:|\n");
    for (q, c) in eval.question_totals() {
        let (p, r) = (fixed(c.precision()), fixed(c.recall()));
        let _ = writeln!(s, "| {q} | {} | {} | {p} | {r} | {:.3} |", c.gold, c.predicted, c.f1());
    }
    s
}

fn spearman_line(eval: &Evaluation) -> String {
    let cell = |k: usize| eval.share_spearman(k).map_or("n/a".to_string(), |v| format!("{v:.3}"));
    let per: Vec<String> = (0..5).map(|k| format!("m{} {}", k + 1, cell(k))).collect();
    format!(
        "Spearman rank correlation of predicted and gold share across {} documents: any mirror {}; {}.\n",
        eval.docs.len(),
        cell(5),
        per.join(", ")
    )
}

fn error_counts(eval: &Evaluation) -> String {
    let counts: Vec<String> = (1..=5u8)
        .map(|m| {
            let of = |kind: &str| {
                eval.docs.iter().flat_map(|d| &d.errors).filter(|e| e.mirror == m && e.kind.label() == kind).count()
            };
            format!("m{m} {} fp / {} fn", of("fp"), of("fn"))
        })
        .collect();
    counts.join(", ")
}

fn set_section(s: &mut String, eval: &Evaluation, key: SetKey, titles: &[String], headline: bool) {
    let sub = eval.subset(key);
    let sentences: usize = sub.docs.iter().map(|d| d.gold_sentences).sum();
    let mark = if headline { " (headline)" } else { "" };
    let _ = writeln!(s, "\n## Mirrors: {}{mark}\n", key.title());
    let _ = writeln!(s, "{} documents, {sentences} gold sentences.\n", sub.docs.len());
    s.push_str(&mirror_table(&sub, titles));
    if !key.sampled {
        let _ = write!(s, "\n{}", spearman_line(&sub));
    }
    let _ = writeln!(s, "\nErrors: {}.", error_counts(&sub));
}

/// `eval-summary.md`: per set (the check split first, as the headline), the per-mirror table
/// with macro-F1 and share correlation; then alignment, per-question tables and where the errors are.
pub fn summary(eval: &Evaluation, titles: &[String], rules_label: &str, check_source: &str) -> String {
    let mut s = format!("# caleido eval\n\nRules: {rules_label}. Documents evaluated: {}.\n", eval.docs.len());
    if check_source.is_empty() {
        s.push_str("No check split given: every document is tune, and no figure here is a held-out result.\n");
    } else {
        let check: BTreeSet<&str> =
            eval.docs.iter().filter(|d| d.split == super::Split::Check).map(|d| d.stem.as_str()).collect();
        let names: Vec<&str> = check.into_iter().collect();
        let _ = writeln!(s, "Check split (from {check_source}): {}.", names.join(", "));
    }
    for (stem, why) in &eval.skipped {
        let _ = writeln!(s, "Skipped {stem}: {why}.");
    }
    let sets = eval.sets();
    for (i, key) in sets.iter().enumerate() {
        set_section(&mut s, eval, *key, titles, i == 0 && key.split == super::Split::Check);
    }
    if sets.iter().filter(|k| k.sampled).count() > 1 {
        let all = Evaluation { docs: eval.docs.iter().filter(|d| d.sampled).cloned().collect(), skipped: Vec::new() };
        let (f1, _) = all.macro_f1_supported();
        let f1 = f1.map_or("n/a".to_string(), |v| format!("{v:.3}"));
        let _ = writeln!(
            s,
            "\nAll sampled sentences together (check and tune): macro-F1 over mirrors with >= {MIN_SUPPORT} gold sentences {f1}."
        );
    }
    let total: usize = eval.docs.iter().map(|d| d.gold_sentences).sum();
    let _ = writeln!(s, "\n## Alignment\n\n{} of {total} gold sentences could not be aligned.\n", eval.unaligned());
    s.push_str(&alignment_table(&eval.docs));
    for key in &sets {
        let _ = write!(s, "\n## Questions: {}\n\n{}", key.title(), question_table(&eval.subset(*key)));
    }
    s
}
