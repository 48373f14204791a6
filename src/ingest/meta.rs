//! Party, place and year: from `metadata.csv` in an input folder, else from folder and file names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::Meta;

/// File names read for metadata, in order of preference; columns `file,party,place,year` or
/// `bestand,partij,plaats,jaar`, separated by commas or semicolons, in UTF-8 or Windows-1252
/// (other columns are ignored, so the shared corpus's `MANIFEST.csv` works as it is).
pub const META_FILES: [&str; 2] = ["metadata.csv", "MANIFEST.csv"];

/// Header names accepted for each column, English or Dutch (case and spaces ignored).
const FILE_NAMES: [&str; 2] = ["file", "bestand"];
const PARTY_NAMES: [&str; 2] = ["party", "partij"];
const PLACE_NAMES: [&str; 3] = ["place", "plaats", "gemeente"];
const YEAR_NAMES: [&str; 2] = ["year", "jaar"];

/// One used metadata row, and where it came from.
#[derive(Debug, Clone)]
struct Row {
    meta: Meta,
    /// `path:line` of the row, for warnings.
    origin: String,
}

/// Metadata rows by relative path, plus warnings about rows that could not be used.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    rows: BTreeMap<String, Row>,
    /// Problems found while reading; never fatal. Every row that is not used has one.
    pub warnings: Vec<String>,
}

impl MetaTable {
    /// Reads the metadata file of each input folder, and of each folder below it, that has one;
    /// a row's `file` is relative to the folder its metadata file stands in.
    pub fn load(roots: &[&Path]) -> MetaTable {
        let found = super::discover::discover_all(&roots.iter().map(|r| r.to_path_buf()).collect::<Vec<_>>());
        MetaTable::load_folders(&found.folders)
    }

    /// Reads the metadata file of each folder (folder, its path relative to its input folder).
    pub fn load_folders(folders: &[(std::path::PathBuf, String)]) -> MetaTable {
        let mut table = MetaTable::default();
        for (dir, prefix) in folders {
            if let Some(path) = META_FILES.iter().map(|f| dir.join(f)).find(|p| p.is_file()) {
                table.read(&path, prefix);
            }
        }
        table
    }

    /// Warns about every row whose file was not found among `files` (relative paths).
    pub fn warn_missing<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) {
        let present: std::collections::BTreeSet<&str> = files.into_iter().collect();
        for (file, row) in &self.rows {
            if !present.contains(file.as_str()) {
                self.warnings.push(format!("{}: no file {file} was found; row not used", row.origin));
            }
        }
    }

    fn read(&mut self, path: &Path, prefix: &str) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return self.warnings.push(format!("{}: cannot be read: {e}; metadata ignored", path.display())),
        };
        let text = self.decode(&bytes, path);
        let (records, unclosed) = records(&text);
        for n in unclosed {
            let origin = format!("{}:{}", path.display(), n + 1);
            self.warnings.push(format!("{origin}: a quote is not closed; row not used (fix the quote)"));
        }
        let mut lines = records.into_iter();
        let Some((_, header)) = lines.next() else { return };
        let delimiter = csv_delimiter(&header);
        let headers = split_line(&header, delimiter);
        let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()));
        let Some(file_col) = col(&FILE_NAMES) else {
            return self.warnings.push(format!(
                "{}: no `file` (or `bestand`) column in the first line; metadata ignored",
                path.display()
            ));
        };
        let (party, place, year) = (col(&PARTY_NAMES), col(&PLACE_NAMES), col(&YEAR_NAMES));
        for (n, line) in lines {
            let origin = format!("{}:{}", path.display(), n + 1);
            let record = split_line(&line, delimiter);
            // A line break inside a quoted cell (Alt+Enter in Excel) is a space in the name.
            let get = |c: Option<usize>| {
                c.and_then(|c| record.get(c))
                    .map_or(String::new(), |s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            let name = get(Some(file_col)).replace('\\', "/");
            if name.is_empty() {
                self.warnings.push(format!("{origin}: the file column is empty; row not used"));
                continue;
            }
            let file = format!("{prefix}{name}");
            if let Some(first) = self.rows.get(&file) {
                let why = format!("{origin}: {file} already has a row ({}); row not used", first.origin);
                self.warnings.push(why);
                continue;
            }
            let meta = Meta { party: get(party), place: get(place), year: get(year), ..Meta::default() };
            self.rows.insert(file, Row { meta, origin });
        }
    }

    /// UTF-8 (a byte-order mark is dropped), else Windows-1252 with a warning.
    fn decode(&mut self, bytes: &[u8], path: &Path) -> String {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                self.warnings.push(format!("{}: not UTF-8; read as Windows-1252", path.display()));
                encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
            }
        }
    }

    /// Metadata for a file: the table's row completed from names, or names alone.
    pub fn lookup(&self, rel: &str) -> Meta {
        let guessed = guess(rel);
        let Some(row) = self.rows.get(rel).map(|r| &r.meta) else { return guessed };
        let pick = |a: &str, b: String| if a.is_empty() { b } else { a.to_string() };
        Meta {
            party: pick(&row.party, guessed.party),
            place: pick(&row.place, guessed.place),
            year: pick(&row.year, guessed.year),
            ..Meta::default()
        }
    }
}

/// Most lines one quoted cell may span: a quote still open after this many lines is a
/// mistake, and the lines after it are rows of their own.
const MAX_RECORD_LINES: usize = 3;

/// The non-empty records of a CSV text with the 0-based line each starts on; a record spans
/// lines while a quote is open (RFC 4180). Also the lines whose quote does not close within
/// [`MAX_RECORD_LINES`]: those rows are not used, and the lines after them are read again.
pub(crate) fn records(text: &str) -> (Vec<(usize, String)>, Vec<usize>) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut out, mut unclosed) = (Vec::new(), Vec::new());
    let mut n = 0;
    while n < lines.len() {
        if lines[n].trim().is_empty() {
            n += 1;
            continue;
        }
        let mut record = lines[n].to_string();
        let mut end = n;
        while record.matches('"').count() % 2 == 1 && end + 1 < lines.len() && end + 1 - n < MAX_RECORD_LINES {
            end += 1;
            record.push('\n');
            record.push_str(lines[end]);
        }
        if record.matches('"').count() % 2 == 1 {
            unclosed.push(n);
            n += 1;
            continue;
        }
        out.push((n, record));
        n = end + 1;
    }
    (out, unclosed)
}

/// The delimiter of a small CSV table that people edit: `;` (Dutch Excel) when its header line
/// has more semicolons than commas, else `,`.
pub(crate) fn csv_delimiter(header: &str) -> u8 {
    if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' }
}

/// The fields of one CSV record (quotes as in RFC 4180; see [`records`] for quoted line breaks).
pub(crate) fn split_line(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(r)) => r.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Guesses metadata from a relative path: `amsterdam-2026/GroenLinks.pdf` gives place
/// Amsterdam, year 2026, party GroenLinks; `heiloo2026_CDA.txt` gives Heiloo, 2026, CDA;
/// otherwise the file stem is the party.
pub fn guess(rel: &str) -> Meta {
    let path = Path::new(rel);
    let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let folder = path.parent().and_then(|p| p.file_name()).map(|f| f.to_string_lossy().into_owned());
    if let Some((place, year, party)) = split_stem(&stem) {
        return Meta { party, place, year, ..Meta::default() };
    }
    let (place, year) = folder.as_deref().map(split_folder).unwrap_or_default();
    Meta { party: stem.replace('_', " "), place, year, ..Meta::default() }
}

/// `heiloo2026_CDA` -> (`Heiloo`, `2026`, `CDA`).
fn split_stem(stem: &str) -> Option<(String, String, String)> {
    let letters: String = stem.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &stem[letters.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let mut after = &rest[digits.len()..];
    // An election month may follow the year: `tk2017-03_CDA`.
    if let Some(month) =
        after.strip_prefix('-').filter(|m| m.len() > 2 && m.as_bytes()[..2].iter().all(u8::is_ascii_digit))
    {
        after = &month[2..];
    }
    let party = after.strip_prefix(['_', '-', ' '])?;
    if letters.is_empty() || !is_year(&digits) || party.is_empty() {
        return None;
    }
    Some((place_name(&letters), digits, party.replace('_', " ")))
}

/// `amsterdam-2026` -> (`Amsterdam`, `2026`), `place001-2026` -> (`Place001`, `2026`); words
/// such as `gr`, `tk`, `pdf` are dropped, digits that are no year stay in the place's name.
fn split_folder(folder: &str) -> (String, String) {
    let mut year = String::new();
    let mut place = Vec::new();
    for part in folder.split(['-', '_', ' ']).filter(|p| !p.is_empty()) {
        let digits: String = part.chars().filter(char::is_ascii_digit).collect();
        let word: String = if is_year(&digits) {
            year = digits;
            part.chars().filter(|c| c.is_alphabetic()).collect()
        } else {
            part.chars().filter(|c| c.is_alphanumeric()).collect()
        };
        let noise = ["gr", "tk", "pdf", "txt", "web", "dev", "md"];
        if !word.is_empty() && !noise.contains(&word.to_lowercase().as_str()) {
            place.push(place_name(&word));
        }
    }
    (place.join(" "), year)
}

/// More programmes than this in one place and election get a warning: usually folder names
/// that were not read as places.
pub const MAX_PER_PLACE: usize = 60;

/// A warning for each place and election with more than [`MAX_PER_PLACE`] programmes.
pub fn crowded_places<'a>(metas: impl IntoIterator<Item = &'a Meta>) -> Vec<String> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for m in metas {
        *counts.entry((m.place.as_str(), m.year.as_str())).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n > MAX_PER_PLACE)
        .map(|((place, year), n)| {
            let name = match (place, year) {
                ("", "") => "unknown place and year".to_string(),
                (p, "") => format!("place {p:?} (year unknown)"),
                ("", y) => format!("unknown place, {y}"),
                (p, y) => format!("place {p:?} {y}"),
            };
            format!(
                "{name} has {n} programmes (more than {MAX_PER_PLACE}): check that each place has its own \
folder `<place>-<year>` (or a metadata.csv row), else its scorecard and chart compare them all as one place"
            )
        })
        .collect()
}

fn place_name(s: &str) -> String {
    match s.to_lowercase().as_str() {
        "tk" => "NL".into(),
        lower => {
            let mut c = lower.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && (s.starts_with("19") || s.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(party: &str, place: &str, year: &str) -> Meta {
        Meta { party: party.into(), place: place.into(), year: year.into(), ..Meta::default() }
    }

    #[test]
    fn a_quoted_line_break_joins_two_lines_into_one_record() {
        let (records, unclosed) = records("file,party\na.txt,\"Lijst\nDorp\"\n\nb.txt,PvdA\n");
        assert_eq!(records, [(0, "file,party".into()), (1, "a.txt,\"Lijst\nDorp\"".into()), (4, "b.txt,PvdA".into())]);
        assert!(unclosed.is_empty());
    }

    #[test]
    fn a_quote_that_never_closes_costs_one_row_only() {
        let (records, unclosed) = records("file,party\na.txt,\"Lijst\nb.txt,PvdA\nc.txt,CDA\nd.txt,VVD\n");
        assert_eq!(unclosed, [1]);
        let rows: Vec<&str> = records.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(rows, ["file,party", "b.txt,PvdA", "c.txt,CDA", "d.txt,VVD"]);
    }

    #[test]
    fn guesses_from_folder() {
        assert_eq!(guess("amsterdam-2026/GroenLinks.pdf"), m("GroenLinks", "Amsterdam", "2026"));
    }

    #[test]
    fn guesses_from_stem() {
        assert_eq!(guess("gr2026-heiloo-web/heiloo2026_Heiloo-2000.txt"), m("Heiloo-2000", "Heiloo", "2026"));
        assert_eq!(guess("tk2017-03_CDA.pdf"), m("CDA", "NL", "2017"));
        assert_eq!(guess("tk2025_D66_Concept.pdf"), m("D66 Concept", "NL", "2025"));
    }

    #[test]
    fn place_folders_keep_their_digits() {
        assert_eq!(guess("place001-2026/CDA.pdf"), m("CDA", "Place001", "2026"));
        assert_ne!(guess("place001-2026/CDA.pdf").place, guess("place002-2026/CDA.pdf").place);
        assert_eq!(guess("den-haag-2026/D66.txt"), m("D66", "Den Haag", "2026"));
        assert_eq!(guess("wijk-3-2022/SP.txt"), m("SP", "Wijk 3", "2022"));
        assert_eq!(guess("gr2026-heiloo-web/CDA.txt"), m("CDA", "Heiloo", "2026"));
    }

    #[test]
    fn a_crowded_place_gets_a_warning() {
        let metas: Vec<Meta> = (0..=MAX_PER_PLACE).map(|i| m(&format!("P{i}"), "Place", "2026")).collect();
        let warnings = crowded_places(&metas);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("place \"Place\" 2026 has 61 programmes"), "{}", warnings[0]);
        assert!(crowded_places(&metas[1..]).is_empty());
    }

    #[test]
    fn stem_alone_is_the_party() {
        assert_eq!(guess("Programma.pdf"), m("Programma", "", ""));
    }
}
