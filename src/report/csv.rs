//! `scores.csv` and `passages.csv`: RFC 4180, UTF-8, safe to open in a spreadsheet.

use crate::model::DocResult;
use crate::run::RunSummary;

/// Column names of `scores.csv`, in order.
pub const SCORE_COLUMNS: [&str; 20] = [
    "file",
    "party",
    "place",
    "year",
    "pages",
    "sentences",
    "words",
    "initiative_pct",
    "m1_pct",
    "m2_pct",
    "m3_pct",
    "m4_pct",
    "m5_pct",
    "m1_sentences",
    "m2_sentences",
    "m3_sentences",
    "m4_sentences",
    "m5_sentences",
    "questions_addressed",
    "status",
];

/// Column names of `passages.csv`, in order.
pub const PASSAGE_COLUMNS: [&str; 11] =
    ["file", "party", "page", "sentence", "mirror", "questions", "rules", "terms", "stance", "text", "heading"];

/// Neutralises a text cell that a spreadsheet would read as a formula (OWASP: a leading
/// `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front).
pub fn safe_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// A percentage as a plain number: `3.42`, `0`.
pub fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" { "0".into() } else { s.to_string() }
}

fn score_row(d: &DocResult) -> Vec<String> {
    let s = &d.score;
    let mut row = vec![safe_cell(&d.file), safe_cell(&d.meta.party), safe_cell(&d.meta.place), safe_cell(&d.meta.year)];
    row.extend([s.pages, s.sentences, s.words].map(|n| n.to_string()));
    row.push(number(s.initiative_pct));
    row.extend(s.mirror_pct.iter().map(|p| number(*p)));
    row.extend(s.mirror_sentences.iter().map(usize::to_string));
    row.push(s.questions_addressed.to_string());
    row.push(safe_cell(&d.status.label()));
    row
}

/// The bytes of `scores.csv`: one row per input file.
pub fn scores(summary: &RunSummary) -> std::io::Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(SCORE_COLUMNS)?;
    for d in &summary.docs {
        w.write_record(score_row(d))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The bytes of `passages.csv`: one row per matched sentence and mirror.
pub fn passages(summary: &RunSummary) -> std::io::Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(PASSAGE_COLUMNS)?;
    for d in &summary.docs {
        for p in &d.passages {
            let heading = d.sentences[p.sentence].section.map(|h| d.sentences[h].text.as_str()).unwrap_or("");
            w.write_record([
                safe_cell(&d.file),
                safe_cell(&d.meta.party),
                p.page.to_string(),
                p.sentence.to_string(),
                p.mirror.to_string(),
                p.questions.join(";"),
                p.rules.join(";"),
                safe_cell(&p.terms.join(";")),
                p.stance.as_str().to_string(),
                safe_cell(&p.text),
                safe_cell(heading),
            ])?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("Wijkbudget"), "Wijkbudget");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number(3.42), "3.42");
        assert_eq!(number(3.4), "3.4");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(12.0), "12");
    }
}
