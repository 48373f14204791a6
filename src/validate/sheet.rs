//! The files of a check: the coder's sheet (the units, blind: no tool labels), the key (the tool's
//! labels and the sampling weights, for `caleido agree` only), and reading both back, also after
//! Excel has saved a sheet with semicolons, a byte-order mark or in Windows-1252.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::model::DocResult;
use crate::report::csv::{Dialect, safe_cell};

use super::sample::{Sample, party_of};

/// Columns of the coder's sheet; the last four are left empty for the coder.
pub const SHEET_COLUMNS: [&str; 13] = [
    "id",
    "file",
    "party",
    "page",
    "line",
    "heading",
    "before",
    "unit",
    "after",
    "mirrors",
    "questions",
    "stance",
    "note",
];

/// Columns of the key file.
pub const KEY_COLUMNS: [&str; 14] = [
    "id",
    "file",
    "party",
    "sentence",
    "stratum",
    "stratum_units",
    "stratum_sampled",
    "weight",
    "tool_mirrors",
    "tool_questions",
    "tool_stance",
    "rules",
    "rule_set",
    "unit",
];

fn writer(dialect: Dialect) -> csv::Writer<Vec<u8>> {
    let (delimiter, preamble): (u8, &[u8]) = match dialect {
        Dialect::Rfc4180 => (b',', b""),
        Dialect::ExcelNl => (b';', "\u{feff}".as_bytes()),
    };
    csv::WriterBuilder::new().delimiter(delimiter).from_writer(preamble.to_vec())
}

/// The coder's sheet: one row per unit in the sample's order, with context, and empty coder columns.
pub fn coder_sheet(sample: &Sample, docs: &[DocResult], dialect: Dialect) -> std::io::Result<Vec<u8>> {
    let mut w = writer(dialect);
    w.write_record(SHEET_COLUMNS)?;
    for u in &sample.units {
        let d = &docs[u.doc];
        let s = &d.sentences[u.sentence];
        let text = |i: Option<usize>| i.and_then(|i| d.sentences.get(i)).map_or(String::new(), |s| safe_cell(&s.text));
        w.write_record([
            u.id.clone(),
            safe_cell(&d.file),
            safe_cell(&party_of(d)),
            s.page.to_string(),
            s.line.to_string(),
            text(s.section),
            text(u.sentence.checked_sub(1)),
            safe_cell(&s.text),
            text(Some(u.sentence + 1)),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The key: per unit, its stratum and weight, and what the tool said (always RFC 4180, for machines).
pub fn key_file(sample: &Sample, docs: &[DocResult], rule_set: &str) -> std::io::Result<Vec<u8>> {
    let mut w = writer(Dialect::Rfc4180);
    w.write_record(KEY_COLUMNS)?;
    for u in &sample.units {
        let d = &docs[u.doc];
        let passages: Vec<_> = d.passages.iter().filter(|p| p.sentence == u.sentence).collect();
        let mirrors: BTreeSet<u8> = passages.iter().map(|p| p.mirror).collect();
        let questions: BTreeSet<&str> = passages.iter().flat_map(|p| p.questions.iter().map(String::as_str)).collect();
        let stances: BTreeSet<&str> = passages.iter().map(|p| p.stance.as_str()).collect();
        let rules: BTreeSet<&str> = passages.iter().flat_map(|p| p.rules.iter().map(String::as_str)).collect();
        let stratum = &sample.strata[u.stratum];
        w.write_record([
            u.id.clone(),
            d.file.clone(),
            party_of(d),
            u.sentence.to_string(),
            stratum.label(),
            stratum.units.len().to_string(),
            sample.drawn_per_stratum[u.stratum].to_string(),
            format!("{}", sample.weight(u.stratum)),
            mirrors_label(&mirrors),
            join(questions),
            join(stances),
            join(rules),
            rule_set.to_string(),
            d.sentences[u.sentence].text.clone(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(";")
}

/// `0` for no mirror, else `1;4`.
pub fn mirrors_label(mirrors: &BTreeSet<u8>) -> String {
    if mirrors.is_empty() { "0".into() } else { mirrors.iter().map(u8::to_string).collect::<Vec<_>>().join(";") }
}

/// One unit of the key, as `caleido agree` reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyUnit {
    /// The unit's id in the sheets.
    pub id: String,
    /// The programme.
    pub file: String,
    /// The party.
    pub party: String,
    /// The stratum's name (`party|match`).
    pub stratum: String,
    /// Units in the stratum.
    pub stratum_units: usize,
    /// The sampling weight.
    pub weight: f64,
    /// The tool's mirrors.
    pub tool: BTreeSet<u8>,
    /// The rule set that labelled it.
    pub rule_set: String,
}

/// A coder's codes: file stem and, per unit id, the mirrors (`None`: the unit was left empty).
#[derive(Debug, Clone, PartialEq)]
pub struct CoderCodes {
    /// The coder's name: the file stem.
    pub name: String,
    /// Mirrors per unit id; units missing from the file are absent.
    pub codes: BTreeMap<String, Option<BTreeSet<u8>>>,
}

/// A table read from a CSV file in either dialect: header and rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
    }
}

/// Reads a CSV file written by caleido or saved by a spreadsheet: UTF-8 (with or without
/// byte-order mark) or Windows-1252, commas or semicolons (whichever the header has more of).
fn read_table(path: &Path) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header = r.headers().map_err(|e| format!("{}: {e}", path.display()))?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        rows.push(rec.map_err(|e| format!("{}: {e}", path.display()))?.iter().map(String::from).collect());
    }
    Ok(Table { header, rows })
}

fn required(t: &Table, name: &str, path: &Path) -> Result<usize, String> {
    t.column(name).ok_or_else(|| format!("{}: no column `{name}`", path.display()))
}

fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", |s| s.trim())
}

/// Reads the key file written by `caleido sample`.
pub fn read_key(path: &Path) -> Result<Vec<KeyUnit>, String> {
    let t = read_table(path)?;
    let col = |name: &str| required(&t, name, path);
    let (id, file, party, stratum, size, weight, tool, rule_set) = (
        col("id")?,
        col("file")?,
        col("party")?,
        col("stratum")?,
        col("stratum_units")?,
        col("weight")?,
        col("tool_mirrors")?,
        col("rule_set")?,
    );
    let mut out = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let at = || format!("{} row {}", path.display(), i + 2);
        let number =
            |c: usize| cell(row, c).parse::<f64>().map_err(|_| format!("{}: `{}` is not a number", at(), cell(row, c)));
        out.push(KeyUnit {
            id: cell(row, id).to_string(),
            file: cell(row, file).to_string(),
            party: cell(row, party).to_string(),
            stratum: cell(row, stratum).to_string(),
            stratum_units: number(size)? as usize,
            weight: number(weight)?,
            tool: parse_mirrors(cell(row, tool)).map_err(|e| format!("{}: {e}", at()))?.unwrap_or_default(),
            rule_set: cell(row, rule_set).to_string(),
        });
    }
    Ok(out)
}

/// Reads a coder's sheet: the `id` and `mirrors` columns; every bad `mirrors` cell is an error.
pub fn read_coder(path: &Path) -> Result<CoderCodes, Vec<String>> {
    let t = read_table(path).map_err(|e| vec![e])?;
    let id = required(&t, "id", path).map_err(|e| vec![e])?;
    let mirrors = required(&t, "mirrors", path).map_err(|e| vec![e])?;
    let mut codes = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        match parse_mirrors(cell(row, mirrors)) {
            Ok(m) => {
                codes.insert(cell(row, id).to_string(), m);
            }
            Err(e) => errors.push(format!("{} row {} (id {}): {e}", path.display(), i + 2, cell(row, id))),
        }
    }
    let name = path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
    if errors.is_empty() { Ok(CoderCodes { name, codes }) } else { Err(errors) }
}

/// `""` → not coded; `0` → no mirror; `1;4` (or `1,4`, `1 4`, `1/4`, `1+4`) → mirrors 1 and 4.
pub fn parse_mirrors(cell: &str) -> Result<Option<BTreeSet<u8>>, String> {
    let cell = cell.trim().trim_start_matches('\'');
    if cell.is_empty() {
        return Ok(None);
    }
    let mut out = BTreeSet::new();
    let mut zero = false;
    for token in cell.split(|c: char| matches!(c, ';' | ',' | '/' | '+' | '.') || c.is_whitespace()) {
        match token {
            "" => {}
            "0" => zero = true,
            t => match t.parse::<u8>() {
                Ok(m @ 1..=5) => {
                    out.insert(m);
                }
                _ => return Err(format!("mirrors `{cell}`: write 0 for none, or mirrors 1 to 5 separated by `;`")),
            },
        }
    }
    if zero && !out.is_empty() {
        return Err(format!("mirrors `{cell}`: 0 means no mirror and cannot stand beside {}", mirrors_label(&out)));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_cells_as_coders_and_spreadsheets_write_them() {
        let set = |v: &[u8]| Some(v.iter().copied().collect::<BTreeSet<u8>>());
        assert_eq!(parse_mirrors(""), Ok(None));
        assert_eq!(parse_mirrors(" 0 "), Ok(set(&[])));
        assert_eq!(parse_mirrors("1;4"), Ok(set(&[1, 4])));
        assert_eq!(parse_mirrors("4,1"), Ok(set(&[1, 4])));
        assert_eq!(parse_mirrors("2 / 3"), Ok(set(&[2, 3])));
        assert!(parse_mirrors("6").is_err());
        assert!(parse_mirrors("14").is_err());
        assert!(parse_mirrors("0;2").is_err());
        assert!(parse_mirrors("ja").is_err());
    }

    #[test]
    fn a_sheet_saved_by_dutch_excel_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("anna.csv");
        let mut bytes = "\u{feff}id;unit;mirrors;note\r\n".as_bytes().to_vec();
        bytes.extend(b"u001;\"Caf\xe9, wijk\";1,4;\r\nu002;x;;\r\nu003;y;0;geen\r\n");
        std::fs::write(&path, bytes).unwrap();
        let coder = read_coder(&path).unwrap();
        assert_eq!(coder.name, "anna");
        assert_eq!(coder.codes["u001"], Some([1, 4].into_iter().collect()));
        assert_eq!(coder.codes["u002"], None);
        assert_eq!(coder.codes["u003"], Some(BTreeSet::new()));
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bob.csv");
        std::fs::write(&path, "id,mirrors\nu001,7\nu002,1\nu003,x\n").unwrap();
        let errors = read_coder(&path).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].contains("row 2 (id u001)"), "{errors:?}");
    }
}
