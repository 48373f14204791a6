//! `caleido compare`: the same party across elections. The content (per party and place, a row
//! per election with its shares and intervals, and the change to the next election) and
//! `compare.csv`; `compare_text` renders it as Markdown and HTML.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::change::{Change, Measured, change, measure};
use crate::model::{DocResult, Level};
use crate::run::RunSummary;
use crate::stability::{StabilityConfig, Units, Verdict};

use super::csv::{Dialect, safe_cell};

/// The measures compared: initiative (index 0), then mirrors 1 to 5.
pub const MEASURES: usize = 6;

/// One programme of a party at one election.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// Election year.
    pub year: String,
    /// The input file.
    pub file: String,
    /// The party name as the metadata or file name spelled it.
    pub party_as_written: String,
    /// Words in its units (the denominator of every share).
    pub words: usize,
    /// Initiative, then mirrors 1 to 5.
    pub measures: Vec<Measured>,
}

/// The change from one programme to one of the next election.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Index of the earlier programme in [`Line::programmes`].
    pub from: usize,
    /// Index of the later programme.
    pub to: usize,
    /// Initiative, then mirrors 1 to 5.
    pub changes: Vec<Change>,
}

/// A party in one place (or nationally) at two elections or more.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The party's report name (after the alias table).
    pub party: String,
    /// Municipal or national.
    pub level: Level,
    /// The place (`NL` for national programmes).
    pub place: String,
    /// Its programmes by election year (two in one year when the run holds two that are not copies).
    pub programmes: Vec<Programme>,
    /// Every programme of one election against every programme of the next.
    pub steps: Vec<Step>,
}

/// Everything `compare.md`, `.html` and `.csv` show.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// caleido's version.
    pub version: String,
    /// Rule set name, version and hash.
    pub rules_label: String,
    /// Mirror titles, index 0 is mirror 1.
    pub titles: Vec<String>,
    /// The parties, ordered by name, level and place.
    pub lines: Vec<Line>,
    /// Files that could not be scored: (file, reason).
    pub failed: Vec<(String, String)>,
    /// Scored programmes without an election year, left out.
    pub no_year: Vec<String>,
}

impl Comparison {
    /// The comparison of a run: every party (or only those named in `parties`, report names,
    /// case ignored) in a place at two elections or more. Copies of a programme are left out,
    /// as in the rankings.
    pub fn build(summary: &RunSummary, parties: &[String], cfg: &StabilityConfig) -> Comparison {
        let (by_line, no_year) = by_line(summary, parties);
        let mut lines: Vec<Line> =
            by_line.into_iter().map(|((party, level, place), years)| line(party, level, place, years, cfg)).collect();
        lines.sort_by_cached_key(|l| (l.party.to_lowercase(), l.party.clone(), l.level, l.place.clone()));
        Comparison {
            version: crate::VERSION.to_string(),
            rules_label: summary.rules_label.clone(),
            titles: summary.titles.clone(),
            lines,
            failed: summary
                .docs
                .iter()
                .filter(|d| !d.status.is_ok())
                .map(|d| (d.file.clone(), d.status.label()))
                .collect(),
            no_year,
        }
    }
}

/// The report names of the parties found at two elections or more (in one place), sorted.
pub fn parties_to_compare(summary: &RunSummary) -> Vec<String> {
    let mut names: Vec<String> = by_line(summary, &[]).0.into_keys().map(|(party, _, _)| party).collect();
    names.sort_by_cached_key(|n| (n.to_lowercase(), n.clone()));
    names.dedup();
    names
}

/// Programmes by (party, level, place) and year, for the lines with two years or more; and the
/// scored programmes without a year.
type ByLine<'a> = BTreeMap<(String, Level, String), BTreeMap<String, Vec<&'a DocResult>>>;

fn by_line<'a>(summary: &'a RunSummary, parties: &[String]) -> (ByLine<'a>, Vec<String>) {
    let wanted = |p: &str| parties.is_empty() || parties.iter().any(|w| w.to_lowercase() == p.to_lowercase());
    let mut by_line: ByLine = BTreeMap::new();
    let mut no_year = Vec::new();
    for d in summary.docs.iter().filter(|d| d.status.is_ok() && d.score.duplicate_of.is_empty()) {
        if d.meta.year.is_empty() {
            no_year.push(d.file.clone());
        } else if wanted(&d.meta.party) {
            let key = (d.meta.party.clone(), d.meta.level(), d.meta.place.clone());
            by_line.entry(key).or_default().entry(d.meta.year.clone()).or_default().push(d);
        }
    }
    by_line.retain(|_, years| years.len() >= 2);
    (by_line, no_year)
}

fn line(
    party: String,
    level: Level,
    place: String,
    years: BTreeMap<String, Vec<&DocResult>>,
    cfg: &StabilityConfig,
) -> Line {
    let mut programmes = Vec::new();
    let mut elections: Vec<Vec<usize>> = Vec::new();
    for docs in years.values() {
        elections.push((programmes.len()..programmes.len() + docs.len()).collect());
        programmes.extend(docs.par_iter().map(|d| programme(d, cfg)).collect::<Vec<_>>());
    }
    let mut steps = Vec::new();
    for pair in elections.windows(2) {
        for &from in &pair[0] {
            for &to in &pair[1] {
                let (a, b) = (&programmes[from].measures, &programmes[to].measures);
                steps.push(Step { from, to, changes: a.iter().zip(b).map(|(a, b)| change(a, b)).collect() });
            }
        }
    }
    Line { party, level, place, programmes, steps }
}

fn programme(d: &DocResult, cfg: &StabilityConfig) -> Programme {
    let units =
        std::iter::once(Units::from_doc(d)).chain((1..=5u8).map(|m| Units::from_doc_where(d, |p| p.mirror == m)));
    let as_written = if d.meta.party_as_written.is_empty() { &d.meta.party } else { &d.meta.party_as_written };
    Programme {
        year: d.meta.year.clone(),
        file: d.file.clone(),
        party_as_written: as_written.clone(),
        words: d.score.words,
        measures: units.map(|u| measure(u, cfg)).collect(),
    }
}

/// Column names of `compare.csv`, in order.
pub const COMPARE_COLUMNS: [&str; 18] = [
    "party",
    "party_as_written",
    "level",
    "place",
    "year",
    "file",
    "words",
    "measure",
    "share_pct",
    "low_pct",
    "high_pct",
    "previous_year",
    "previous_file",
    "change_pts",
    "change_low_pts",
    "change_high_pts",
    "verdict",
    "flipping_rule",
];

/// `initiative`, `m1` ... `m5`.
pub fn measure_code(m: usize) -> String {
    if m == 0 { "initiative".into() } else { format!("m{m}") }
}

/// `national` or `municipal`.
pub fn level_code(level: Level) -> &'static str {
    match level {
        Level::National => "national",
        Level::Municipal => "municipal",
    }
}

/// `clear` or `too_close`.
pub fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Clear => "clear",
        Verdict::TooClose => "too_close",
    }
}

/// The bytes of `compare.csv`: one row per programme and measure, and per earlier programme it
/// is compared with (the change columns are empty for a party's first election).
pub fn csv(cmp: &Comparison, dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = dialect.writer();
    w.write_record(COMPARE_COLUMNS)?;
    for l in &cmp.lines {
        for (i, p) in l.programmes.iter().enumerate() {
            let steps: Vec<&Step> = l.steps.iter().filter(|s| s.to == i).collect();
            for m in 0..MEASURES {
                let first = [None];
                let before: Vec<Option<&Step>> =
                    if steps.is_empty() { first.to_vec() } else { steps.iter().map(|s| Some(*s)).collect() };
                for s in before {
                    w.write_record(csv_row(l, p, m, s, dialect))?;
                }
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error())
}

fn csv_row(l: &Line, p: &Programme, m: usize, s: Option<&Step>, dialect: Dialect) -> Vec<String> {
    let v = &p.measures[m];
    let mut row = vec![
        safe_cell(&l.party),
        safe_cell(&p.party_as_written),
        level_code(l.level).to_string(),
        safe_cell(&l.place),
        safe_cell(&p.year),
        safe_cell(&p.file),
        p.words.to_string(),
        measure_code(m),
    ];
    row.extend([v.share, v.low, v.high].map(|x| dialect.number(x)));
    match s {
        Some(s) => {
            let (prev, c) = (&l.programmes[s.from], &s.changes[m]);
            row.extend([safe_cell(&prev.year), safe_cell(&prev.file)]);
            row.extend([c.diff, c.low, c.high].map(|x| dialect.number(x)));
            row.push(verdict_code(c.verdict).to_string());
            row.push(c.flipping_rule.clone().unwrap_or_default());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 7)),
    }
    row
}
