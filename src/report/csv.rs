//! `scores.csv`, `passages.csv`, `counts.csv` and `skipped.csv`: UTF-8, safe to open in a
//! spreadsheet, in one of two dialects.

use std::collections::BTreeMap;

use super::counts;
use super::scorecard::Scorecard;
use crate::model::DocResult;
use crate::run::RunSummary;
use crate::stability::{ShareInterval, Verdict};

/// How the CSV files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Dialect {
    /// RFC 4180: commas between fields, a point in numbers, no byte-order mark.
    #[default]
    Rfc4180,
    /// What Excel expects in a Dutch locale: semicolons, a decimal comma, and a UTF-8 byte-order mark.
    ExcelNl,
}

impl Dialect {
    fn delimiter(self) -> u8 {
        match self {
            Dialect::Rfc4180 => b',',
            Dialect::ExcelNl => b';',
        }
    }

    /// The bytes a file starts with.
    fn preamble(self) -> &'static [u8] {
        match self {
            Dialect::Rfc4180 => b"",
            Dialect::ExcelNl => "\u{feff}".as_bytes(),
        }
    }

    /// A percentage in this dialect: `3.42` or `3,42`.
    pub fn number(self, x: f64) -> String {
        let n = number(x);
        match self {
            Dialect::Rfc4180 => n,
            Dialect::ExcelNl => n.replace('.', ","),
        }
    }

    /// A CSV writer in this dialect, its preamble written.
    pub(crate) fn writer(self) -> ::csv::Writer<Vec<u8>> {
        ::csv::WriterBuilder::new().delimiter(self.delimiter()).from_writer(self.preamble().to_vec())
    }
}

/// Column names of `scores.csv`, in order.
pub const SCORE_COLUMNS: [&str; 24] = [
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
    "set_aside_words",
    "reused_pct",
    "reused_from",
    "duplicate_of",
];

/// Column names appended to `scores.csv` after [`SCORE_COLUMNS`]: the share of each codebook
/// question (`q1.1_pct` .. `q5.3_pct`), then the place ranking: rank, the 95% interval of the
/// initiative share, the next party and the verdict on the gap to it; last the party name as
/// the metadata or file name spelled it (`party_as_written`).
pub fn score_columns_appended() -> Vec<String> {
    let mut cols: Vec<String> = counts::question_ids().map(|q| format!("q{q}_pct")).collect();
    cols.extend(["rank", "initiative_low", "initiative_high", "next_party", "gap_to_next"].map(String::from));
    cols.push("party_as_written".into());
    cols
}

/// Column names of `passages.csv`, in order.
pub const PASSAGE_COLUMNS: [&str; 14] = [
    "file",
    "party",
    "page",
    "sentence",
    "mirror",
    "questions",
    "rules",
    "terms",
    "stance",
    "text",
    "heading",
    "line",
    "source_url",
    "words",
];

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

/// A programme's place in its place's ranking: rank (1 is highest), interval, next party, verdict.
type Ranked<'a> = (usize, Option<ShareInterval>, &'a str, Option<Verdict>);

/// The ranking of every ranked programme, by (file, party, place, year).
fn rankings(card: &Scorecard) -> BTreeMap<[&str; 4], Ranked<'_>> {
    let mut out = BTreeMap::new();
    for g in &card.groups {
        for ((i, p), rank) in g.parties.iter().enumerate().zip(group_ranks(g)) {
            let next = g.parties.get(i + 1).map_or("", |n| n.party.as_str());
            let verdict = g.stability.pairs.get(i).map(|c| c.verdict);
            let key = [p.file.as_str(), p.party.as_str(), g.place.as_str(), g.year.as_str()];
            out.insert(key, (rank, g.stability.intervals.get(i).copied(), next, verdict));
        }
    }
    out
}

/// The rank of each party of a place's ranking, in its order (see [`ranks`]).
pub(crate) fn group_ranks(g: &super::scorecard::Group) -> Vec<usize> {
    let shares: Vec<f64> = g.parties.iter().map(|p| p.score.initiative_pct).collect();
    ranks(&shares)
}

/// Ranks of shares sorted from high to low, shared by shares that print the same
/// (two decimals): `1, 2, 2, 4`. A reader who sees 0.53 twice expects one rank.
fn ranks(sorted_shares: &[f64]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(sorted_shares.len());
    for (i, share) in sorted_shares.iter().enumerate() {
        let tied = i > 0 && number(*share) == number(sorted_shares[i - 1]);
        out.push(if tied { out[i - 1] } else { i + 1 });
    }
    out
}

/// The appended cells of one row of `scores.csv`.
fn score_row_appended(d: &DocResult, ranked: Option<&Ranked>, dialect: Dialect) -> Vec<String> {
    let c = counts::count(d);
    let mut row: Vec<String> = counts::question_ids()
        .map(|q| dialect.number(c.questions.get(q).copied().unwrap_or_default().pct(d.score.words)))
        .collect();
    match ranked {
        Some((rank, iv, next, verdict)) => {
            row.push(rank.to_string());
            row.extend(match iv {
                Some(iv) => [dialect.number(iv.low), dialect.number(iv.high)],
                None => [String::new(), String::new()],
            });
            row.push(safe_cell(next));
            row.push(verdict.map_or("", verdict_label).to_string());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 5)),
    }
    row.push(safe_cell(as_written(d)));
    row
}

/// The party name as the metadata or file name spelled it (the alias table may have renamed it).
fn as_written(d: &DocResult) -> &str {
    if d.meta.party_as_written.is_empty() { &d.meta.party } else { &d.meta.party_as_written }
}

/// `clear` or `too_close`, as in `gap_to_next`.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Clear => "clear",
        Verdict::TooClose => "too_close",
    }
}

fn score_row(d: &DocResult, dialect: Dialect) -> Vec<String> {
    let s = &d.score;
    let mut row = vec![safe_cell(&d.file), safe_cell(&d.meta.party), safe_cell(&d.meta.place), safe_cell(&d.meta.year)];
    row.extend([s.pages, s.sentences, s.words].map(|n| n.to_string()));
    row.push(dialect.number(s.initiative_pct));
    row.extend(s.mirror_pct.iter().map(|p| dialect.number(*p)));
    row.extend(s.mirror_sentences.iter().map(usize::to_string));
    row.push(s.questions_addressed.to_string());
    row.push(safe_cell(&d.status.label()));
    row.push(s.set_aside_words.to_string());
    row.push(dialect.number(s.reused_pct));
    row.push(safe_cell(&s.reused_from));
    row.push(safe_cell(&s.duplicate_of));
    row
}

/// The bytes of `scores.csv`: one row per input file; the ranking columns come from `card`.
pub fn scores(summary: &RunSummary, card: &Scorecard, dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = dialect.writer();
    let mut header: Vec<String> = SCORE_COLUMNS.map(String::from).to_vec();
    header.extend(score_columns_appended());
    w.write_record(&header)?;
    let ranks = rankings(card);
    for d in &summary.docs {
        let ranked = d.status.is_ok().then(|| ranks.get(&[&*d.file, &*d.meta.party, &*d.meta.place, &*d.meta.year]));
        let mut row = score_row(d, dialect);
        row.extend(score_row_appended(d, ranked.flatten(), dialect));
        w.write_record(row)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The bytes of `counts.csv`: one row per input file, hit counts and their words per mirror,
/// question and rule (see [`counts::columns`]).
pub fn counts(summary: &RunSummary, dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = dialect.writer();
    let rules = counts::rule_ids(summary);
    w.write_record(counts::columns(&rules))?;
    for d in &summary.docs {
        let mut row =
            vec![safe_cell(&d.file), safe_cell(&d.meta.party), safe_cell(&d.meta.place), safe_cell(&d.meta.year)];
        row.push(safe_cell(&d.status.label()));
        row.extend(counts::row_numbers(d, &rules).iter().map(usize::to_string));
        w.write_record(row)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The bytes of `passages.csv`: one row per matched sentence and mirror.
pub fn passages(summary: &RunSummary, dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = dialect.writer();
    w.write_record(PASSAGE_COLUMNS)?;
    for d in &summary.docs {
        let words = d.words_per_sentence();
        for p in &d.passages {
            let heading = d.heading_of(p.sentence);
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
                p.line.to_string(),
                safe_cell(d.source_at(p.line)),
                words.get(p.sentence).copied().unwrap_or(0).to_string(),
            ])?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Column names of `skipped.csv`, in order.
pub const SKIPPED_COLUMNS: [&str; 2] = ["path", "reason"];

/// The bytes of `skipped.csv`: every file or folder under the inputs that was not scored, and why.
pub fn skipped(summary: &RunSummary, dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = dialect.writer();
    w.write_record(SKIPPED_COLUMNS)?;
    for s in &summary.skipped {
        w.write_record([safe_cell(&s.path), safe_cell(&s.reason.label())])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_that_print_the_same_share_a_rank() {
        assert_eq!(ranks(&[4.2, 0.531, 0.529, 0.1, 0.0, 0.0, 0.0]), vec![1, 2, 2, 4, 5, 5, 5]);
        assert_eq!(ranks(&[]), Vec::<usize>::new());
    }

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

    fn summary() -> RunSummary {
        let d = DocResult {
            file: "a;b.txt".into(),
            meta: crate::model::Meta { party: "=Partij; \"A\"".into(), ..Default::default() },
            status: crate::model::Status::Ok,
            warnings: vec![],
            source_url: String::new(),
            sources: vec![],
            sentences: vec![],
            sentence_words: Vec::new(),
            shingles: Vec::new(),
            passages: vec![],
            score: crate::model::DocScore { initiative_pct: 12.5, ..Default::default() },
        };
        RunSummary {
            docs: vec![d],
            rules_label: "r".into(),
            titles: vec![],
            rule_ids: vec![],
            warnings: vec![],
            skipped: vec![],
        }
    }

    #[test]
    fn rfc4180_uses_commas_and_points_without_bom() {
        let bytes = scores(&summary(), &Scorecard::build(&summary()), Dialect::Rfc4180).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("a;b.txt,\"'=Partij; \"\"A\"\"\",,,0,0,0,12.5,0,"), "{row}");
    }

    #[test]
    fn excel_nl_uses_semicolons_decimal_commas_and_a_bom() {
        let bytes = scores(&summary(), &Scorecard::build(&summary()), Dialect::ExcelNl).unwrap();
        assert_eq!(&bytes[..3], [0xef, 0xbb, 0xbf]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("file;party;place;"), "{text}");
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("\"a;b.txt\";\"'=Partij; \"\"A\"\"\";;;0;0;0;12,5;0;"), "{row}");
    }
}
