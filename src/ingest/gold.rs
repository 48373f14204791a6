//! Reads hand-coded gold: whole documents (one CSV per programme,
//! `doc,page,mirrors,questions,stance,sentence,note`, every unlisted sentence negative) and
//! sampled sentences (one CSV with a `file` column; only listed sentences count), and the
//! split of documents into *tune* and *check*.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
    /// For sampled gold: how many sentences of the document the sentence's stratum holds (its weight).
    pub stratum_size: Option<usize>,
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
    /// The file stem of the programme (and of the gold CSV), or the `doc` of sampled rows.
    pub stem: String,
    /// For sampled gold: the programme's path under the corpus folder (`file` column).
    pub file: Option<String>,
    /// The listed sentences, in file order.
    pub sentences: Vec<GoldSentence>,
}

impl GoldDoc {
    /// True for sampled gold, where only the listed sentences count.
    pub fn is_sampled(&self) -> bool {
        self.file.is_some()
    }
}

/// Everything found under a gold path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldSet {
    /// Whole documents: every sentence considered.
    pub whole: Vec<GoldDoc>,
    /// Sampled documents: only the listed sentences count.
    pub sampled: Vec<GoldDoc>,
    /// Document names (stems) of the *check* split; every other document is *tune*.
    pub check: BTreeSet<String>,
    /// Where the check list came from (`README.md`, `--check`), or empty when there is none.
    pub check_source: String,
}

/// Reads a gold path: a sampled CSV file, or a folder whose CSV files (and those of its
/// subfolders, one level deep) are whole documents or, with a `file` column, sampled
/// sentences. The check split is read from a `README.md` line ``- `check`: a, b, c.``
/// in the folder, unless `check` names it.
pub fn load_gold(path: &Path, check: Option<&[String]>) -> Result<GoldSet, String> {
    let mut set = GoldSet::default();
    for p in gold_files(path)? {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let stem = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if has_file_column(&bytes) {
            set.sampled.extend(parse_sampled(&bytes).map_err(|e| format!("{}: {e}", p.display()))?);
        } else {
            set.whole.push(parse_gold(&stem, &bytes).map_err(|e| format!("{}: {e}", p.display()))?);
        }
    }
    if let Some(names) = check {
        set.check = names.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
        set.check_source = "--check".into();
    } else if let Some(names) = readme_check(path) {
        set.check = names;
        set.check_source = "README.md".into();
    }
    Ok(set)
}

fn gold_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = csv_files(path)?;
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for d in subdirs {
        out.extend(csv_files(&d)?);
    }
    if out.is_empty() {
        return Err(format!("{}: no gold CSV files", path.display()));
    }
    Ok(out)
}

fn csv_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    paths.sort();
    Ok(paths)
}

fn has_file_column(bytes: &[u8]) -> bool {
    let mut reader = csv::Reader::from_reader(bytes);
    reader.headers().is_ok_and(|h| h.iter().any(|c| c.trim() == "file"))
}

/// The names on the README line that starts ``- `check`:``, up to its full stop.
fn readme_check(path: &Path) -> Option<BTreeSet<String>> {
    let dir = if path.is_file() { path.parent()? } else { path };
    let text = std::fs::read_to_string(dir.join("README.md")).ok()?;
    parse_check_line(&text)
}

/// Parses ``- `check`: a, b, c. More prose`` (the line may wrap onto the next ones).
pub fn parse_check_line(readme: &str) -> Option<BTreeSet<String>> {
    let start = readme.find("`check`:")? + "`check`:".len();
    let rest = &readme[start..];
    // The list ends at the first full stop followed by white space (names hold dots too: `a.pdf`).
    let end = rest
        .char_indices()
        .find(|&(i, c)| c == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map_or(rest.len(), |(i, _)| i);
    let names: BTreeSet<String> = rest[..end]
        .split(',')
        .map(|n| n.trim().trim_end_matches(';').trim().to_string())
        .filter(|n| !n.is_empty() && !n.contains(' '))
        .collect();
    (!names.is_empty()).then_some(names)
}

const SAMPLED_COLUMNS: [&str; 8] = ["doc", "file", "page", "mirrors", "questions", "stance", "sentence", "note"];

/// Parses a sampled gold CSV into one [`GoldDoc`] per `file`, in order of first appearance.
pub fn parse_sampled(bytes: &[u8]) -> Result<Vec<GoldDoc>, String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let index = |name: &str| headers.iter().position(|h| h.trim() == name);
    let cols: Vec<usize> = SAMPLED_COLUMNS
        .iter()
        .map(|c| index(c).ok_or_else(|| format!("missing column `{c}`")))
        .collect::<Result<_, _>>()?;
    let size_col = index("stratum_size");
    let mut order: Vec<String> = Vec::new();
    let mut docs: BTreeMap<String, GoldDoc> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |k: usize| record.get(cols[k]).unwrap_or("").trim().to_string();
        let line = i + 2;
        let (stem, file) = (field(0), field(1));
        let page = field(2).parse().map_err(|_| format!("line {line}: page `{}` is not a number", field(2)))?;
        let mirrors = parse_mirrors(&field(3)).map_err(|e| format!("line {line}: {e}"))?;
        let stratum_size = size_col.and_then(|c| record.get(c)).and_then(|v| v.trim().parse().ok());
        let sentence = GoldSentence {
            page,
            mirrors,
            questions: parse_questions(&field(4)),
            stance: field(5),
            text: crate::text::clean(&field(6)).replace('\n', " "),
            note: field(7),
            stratum_size,
        };
        if !docs.contains_key(&file) {
            order.push(file.clone());
        }
        docs.entry(file.clone())
            .or_insert_with(|| GoldDoc { stem, file: Some(file), sentences: Vec::new() })
            .sentences
            .push(sentence);
    }
    Ok(order.into_iter().filter_map(|f| docs.remove(&f)).collect())
}

fn parse_questions(field: &str) -> Vec<String> {
    let mut questions: Vec<String> =
        field.split(';').map(str::trim).filter(|q| !q.is_empty()).map(String::from).collect();
    questions.sort();
    questions.dedup();
    questions
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
        let questions = parse_questions(&field(3));
        let text = crate::text::clean(&field(5)).replace('\n', " ");
        let (stance, note) = (field(4), field(6));
        sentences.push(GoldSentence { page, mirrors, questions, stance, text, note, stratum_size: None });
    }
    Ok(GoldDoc { stem: stem.to_string(), file: None, sentences })
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

    #[test]
    fn sampled_rows_group_by_file_and_keep_their_weight() {
        let csv = "doc,file,page,mirrors,questions,stance,sentence,note,stratum,stratum_size\n\
                   a,x/a.pdf,2,0,,,Een zin.,,A,358\n\
                   b,y/a.pdf,3,1,1.2,pro,Inspraak.,,A,10\n\
                   a,x/a.pdf,9,4,4.1,pro,Een wijkbudget.,,B,920\n";
        let docs = parse_sampled(csv.as_bytes()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].file.as_deref(), Some("x/a.pdf"));
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[1].stratum_size, Some(920));
        assert!(docs[0].is_sampled() && docs[0].sentences[0].is_hard_negative());
        assert_eq!(docs[1].sentences[0].mirrors, [1]);
    }

    #[test]
    fn the_check_split_is_read_from_the_readme_line() {
        let readme = "## Split\n\n- `check`: tk2021-03_CDA, tk2021-03_Volt, tk2021-03_SP,\n  tk2023_SGP. Report their\n  figures.\n- `tune`: every other.\n";
        let names = parse_check_line(readme).unwrap();
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["tk2021-03_CDA", "tk2021-03_SP", "tk2021-03_Volt", "tk2023_SGP"]
        );
        assert_eq!(parse_check_line("no split here"), None);
    }
}
