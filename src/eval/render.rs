//! The bytes of the evaluation files: four CSVs and a Markdown summary. Pure: no output.

use std::fmt::Write as _;

use super::{Counts, DocEval, Evaluation};
use crate::report::csv::safe_cell;

/// Column names of `eval-mirrors.csv`.
pub const MIRROR_COLUMNS: [&str; 10] = [
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

/// `eval-mirrors.csv`: one row per mirror, then `macro` with the macro-F1.
pub fn mirrors_csv(eval: &Evaluation, titles: &[String]) -> std::io::Result<Vec<u8>> {
    let mut rows = Vec::new();
    for (k, c) in eval.mirror_totals().iter().enumerate() {
        let mut row = vec![(k + 1).to_string(), safe_cell(titles.get(k).map_or("", String::as_str))];
        row.extend(counts_cells(c));
        row.push(fixed(eval.share_spearman(k)));
        rows.push(row);
    }
    let mut macro_row = vec![String::new(); MIRROR_COLUMNS.len()];
    macro_row[0] = "macro".into();
    macro_row[8] = fixed(Some(eval.macro_f1()));
    macro_row[9] = fixed(eval.share_spearman(5));
    rows.push(macro_row);
    to_csv(&MIRROR_COLUMNS, rows)
}

/// `eval-questions.csv`: one row per codebook question.
pub fn questions_csv(eval: &Evaluation) -> std::io::Result<Vec<u8>> {
    let header = ["question", "support", "predicted", "true_positives", "gold_found", "precision", "recall", "f1"];
    let rows = eval
        .question_totals()
        .iter()
        .map(|(q, c)| std::iter::once(q.clone()).chain(counts_cells(c)).collect())
        .collect();
    to_csv(&header, rows)
}

/// `eval-shares.csv`: per document and mirror (`any` for any mirror) the predicted and gold share of words.
pub fn shares_csv(eval: &Evaluation) -> std::io::Result<Vec<u8>> {
    let header = ["doc", "file", "words", "mirror", "predicted_pct", "gold_pct"];
    let mut rows = Vec::new();
    for d in &eval.docs {
        for k in 0..6 {
            let mirror = if k == 5 { "any".to_string() } else { (k + 1).to_string() };
            let (p, g) = (d.predicted_share[k], d.gold_share[k]);
            rows.push(vec![safe_cell(&d.stem), safe_cell(&d.file), d.words.to_string(), mirror, pct(p), pct(g)]);
        }
    }
    to_csv(&header, rows)
}

fn pct(x: f64) -> String {
    format!("{x:.2}")
}

/// `eval-errors.csv`: every false positive and negative, by document, mirror, kind and page.
pub fn errors_csv(eval: &Evaluation) -> std::io::Result<Vec<u8>> {
    let header = ["doc", "page", "mirror", "kind", "rules", "sentence", "gold_note"];
    let mut rows = Vec::new();
    for d in &eval.docs {
        for e in &d.errors {
            rows.push(vec![
                safe_cell(&d.stem),
                e.page.to_string(),
                e.mirror.to_string(),
                e.kind.label().to_string(),
                safe_cell(&e.rules.join(" ")),
                safe_cell(&e.sentence),
                safe_cell(&e.note),
            ]);
        }
    }
    to_csv(&header, rows)
}

/// The per-mirror table in Markdown, with the macro-F1 below it.
pub fn mirror_table(eval: &Evaluation, titles: &[String]) -> String {
    let mut s = String::from("| mirror | title | support | predicted | P | R | F1 |\n|---|---|--:|--:|--:|--:|--:|\n");
    for (k, c) in eval.mirror_totals().iter().enumerate() {
        let title = titles.get(k).map_or("", String::as_str);
        let (p, r) = (fixed(c.precision()), fixed(c.recall()));
        let _ = writeln!(s, "| {} | {title} | {} | {} | {p} | {r} | {:.3} |", k + 1, c.gold, c.predicted, c.f1());
    }
    let _ = writeln!(s, "\nmacro-F1 over the five mirrors: {:.3}", eval.macro_f1());
    s
}

fn alignment_table(docs: &[DocEval]) -> String {
    let mut s = String::from(
        "| doc | gold sentences | aligned | unaligned | split by caleido | mean coverage |\n|---|--:|--:|--:|--:|--:|\n",
    );
    for d in docs {
        let (n, a) = (d.gold_sentences, d.aligned);
        let _ = writeln!(s, "| {} | {n} | {a} | {} | {} | {:.2} |", d.stem, n - a, d.split, d.mean_coverage);
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

/// `eval-summary.md`: alignment, the per-mirror and per-question tables, share correlation, error counts.
pub fn summary(eval: &Evaluation, titles: &[String], rules_label: &str) -> String {
    let mut s = format!("# caleido eval\n\nRules: {rules_label}. Documents evaluated: {}.\n", eval.docs.len());
    for (stem, why) in &eval.skipped {
        let _ = writeln!(s, "Skipped {stem}: {why}.");
    }
    let total: usize = eval.docs.iter().map(|d| d.gold_sentences).sum();
    let _ = writeln!(s, "\n## Alignment\n\n{} of {total} gold sentences could not be aligned.\n", eval.unaligned());
    s.push_str(&alignment_table(&eval.docs));
    let _ = write!(s, "\n## Mirrors\n\n{}", mirror_table(eval, titles));
    let _ = write!(s, "\n## Questions\n\n{}", question_table(eval));
    let _ = write!(s, "\n## Shares\n\n{}", spearman_line(eval));
    let errors: Vec<String> = (1..=5u8)
        .map(|m| {
            let of = |kind: &str| {
                eval.docs.iter().flat_map(|d| &d.errors).filter(|e| e.mirror == m && e.kind.label() == kind).count()
            };
            format!("m{m} {} fp / {} fn", of("fp"), of("fn"))
        })
        .collect();
    let _ = writeln!(s, "\n## Errors\n\n{} (see eval-errors.csv).", errors.join(", "));
    s
}
