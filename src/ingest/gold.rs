//! Reads hand-coded gold files: one CSV per programme, `doc,page,mirrors,questions,stance,sentence,note`.

use std::path::Path;

/// One hand-coded sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// 1-based physical PDF page; 0 for text without pages.
    pub page: u32,
    /// Mirrors 1 to 5, sorted; empty for a hard negative (`0`).
    pub mirrors: Vec<u8>,
    /// Codebook question ids (`4.1`), sorted.
    pub questions: Vec<String>,
    /// `pro`, `contra`, `neutral` or empty.
    pub stance: String,
    /// The sentence as the coder found it.
    pub text: String,
    /// The coder's remark.
    pub note: String,
}

impl GoldSentence {
    /// True for a sentence the coder considered and rejected (`mirrors` = `0`).
    pub fn is_hard_negative(&self) -> bool {
        self.mirrors.is_empty()
    }
}

/// The gold of one programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// The file stem of the programme (and of the gold CSV).
    pub stem: String,
    /// The listed sentences, in file order.
    pub sentences: Vec<GoldSentence>,
}

const COLUMNS: [&str; 7] = ["doc", "page", "mirrors", "questions", "stance", "sentence", "note"];

/// Reads every `*.csv` in `dir`, sorted by name; an error names the file and the line.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no gold CSV files", dir.display()));
    }
    paths.iter().map(|p| load_gold_file(p)).collect()
}

/// Reads one gold CSV.
pub fn load_gold_file(path: &Path) -> Result<GoldDoc, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    parse_gold(&stem, &bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses the bytes of a gold CSV for the programme `stem`.
pub fn parse_gold(stem: &str, bytes: &[u8]) -> Result<GoldDoc, String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let index = |name: &str| headers.iter().position(|h| h.trim() == name);
    let cols: Vec<usize> =
        COLUMNS.iter().map(|c| index(c).ok_or_else(|| format!("missing column `{c}`"))).collect::<Result<_, _>>()?;
    let mut sentences = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |k: usize| record.get(cols[k]).unwrap_or("").trim().to_string();
        let line = i + 2;
        let page = field(1).parse().map_err(|_| format!("line {line}: page `{}` is not a number", field(1)))?;
        let mirrors = parse_mirrors(&field(2)).map_err(|e| format!("line {line}: {e}"))?;
        let mut questions: Vec<String> =
            field(3).split(';').map(str::trim).filter(|q| !q.is_empty()).map(String::from).collect();
        questions.sort();
        questions.dedup();
        let text = crate::text::clean(&field(5)).replace('\n', " ");
        sentences.push(GoldSentence { page, mirrors, questions, stance: field(4), text, note: field(6) });
    }
    Ok(GoldDoc { stem: stem.to_string(), sentences })
}

/// `1;4` to `[1, 4]`; `0` to `[]` (hard negative).
fn parse_mirrors(field: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for part in field.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<u8>() {
            Ok(0) => {}
            Ok(m @ 1..=5) => out.push(m),
            _ => return Err(format!("mirror `{part}` is not 0 to 5")),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "doc,page,mirrors,questions,stance,sentence,note\n";

    #[test]
    fn parses_mirrors_questions_and_hard_negatives() {
        let csv =
            format!("{HEADER}d,3,4;1,4.1;1.2,pro,\"Een wijkbudget, voor bewoners.\",\nd,0,0,,,Participatiewet.,work\n");
        let doc = parse_gold("d", csv.as_bytes()).unwrap();
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.sentences[0].mirrors, [1, 4]);
        assert_eq!(doc.sentences[0].questions, ["1.2", "4.1"]);
        assert_eq!(doc.sentences[0].page, 3);
        assert!(doc.sentences[1].is_hard_negative());
        assert_eq!(doc.sentences[1].note, "work");
    }

    #[test]
    fn rejects_bad_mirror_and_missing_column() {
        let bad = format!("{HEADER}d,1,7,,,x,\n");
        assert!(parse_gold("d", bad.as_bytes()).unwrap_err().contains("line 2"));
        assert!(parse_gold("d", b"doc,page\n").unwrap_err().contains("missing column"));
    }
}
