//! Party, place and year: from `metadata.csv` in an input folder, else from folder and file names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::Meta;

/// File names read for metadata, in order of preference; columns `file,party,place,year`
/// (others are ignored, so the shared corpus's `MANIFEST.csv` works as it is).
pub const META_FILES: [&str; 2] = ["metadata.csv", "MANIFEST.csv"];

/// Metadata rows by relative path, plus warnings about rows that could not be used.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    rows: BTreeMap<String, Meta>,
    /// Problems found while reading; never fatal.
    pub warnings: Vec<String>,
}

impl MetaTable {
    /// Reads the metadata file of each input folder, and of each folder below it, that has one;
    /// a row's `file` is relative to the folder its metadata file stands in.
    pub fn load(roots: &[&Path]) -> MetaTable {
        let mut table = MetaTable::default();
        for root in roots {
            table.read_tree(root, "");
        }
        table
    }

    fn read_tree(&mut self, dir: &Path, prefix: &str) {
        if let Some(path) = META_FILES.iter().map(|f| dir.join(f)).find(|p| p.is_file()) {
            self.read(&path, prefix);
        }
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut subdirs: Vec<_> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        subdirs.sort();
        for name in subdirs {
            self.read_tree(&dir.join(&name), &format!("{prefix}{name}/"));
        }
    }

    fn read(&mut self, path: &Path, prefix: &str) {
        let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
            Ok(r) => r,
            Err(e) => return self.warnings.push(format!("{}: {e}", path.display())),
        };
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return self.warnings.push(format!("{}: {e}", path.display())),
        };
        let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
        let Some(file_col) = col("file") else {
            return self.warnings.push(format!("{}: no `file` column; metadata ignored", path.display()));
        };
        let (party, place, year) = (col("party"), col("place"), col("year"));
        for (n, record) in reader.records().enumerate() {
            let Ok(record) = record else {
                self.warnings.push(format!("{}: row {} unreadable, skipped", path.display(), n + 2));
                continue;
            };
            let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim().to_string();
            let file = format!("{prefix}{}", get(Some(file_col)).replace('\\', "/"));
            let meta = Meta { party: get(party), place: get(place), year: get(year) };
            self.rows.insert(file, meta);
        }
    }

    /// Metadata for a file: the table's row completed from names, or names alone.
    pub fn lookup(&self, rel: &str) -> Meta {
        let guessed = guess(rel);
        let Some(row) = self.rows.get(rel) else { return guessed };
        let pick = |a: &str, b: String| if a.is_empty() { b } else { a.to_string() };
        Meta {
            party: pick(&row.party, guessed.party),
            place: pick(&row.place, guessed.place),
            year: pick(&row.year, guessed.year),
        }
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
        return Meta { party, place, year };
    }
    let (place, year) = folder.as_deref().map(split_folder).unwrap_or_default();
    Meta { party: stem.replace('_', " "), place, year }
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

/// `amsterdam-2026` -> (`Amsterdam`, `2026`); words such as `gr`, `tk`, `pdf` are dropped.
fn split_folder(folder: &str) -> (String, String) {
    let mut year = String::new();
    let mut place = Vec::new();
    for part in folder.split(['-', '_', ' ']).filter(|p| !p.is_empty()) {
        let digits: String = part.chars().filter(char::is_ascii_digit).collect();
        let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
        if is_year(&digits) {
            year = digits;
        }
        let noise = ["gr", "tk", "pdf", "txt", "web", "dev", "md"];
        if !letters.is_empty() && !noise.contains(&letters.to_lowercase().as_str()) {
            place.push(place_name(&letters));
        }
    }
    (place.join(" "), year)
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
        Meta { party: party.into(), place: place.into(), year: year.into() }
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
    fn stem_alone_is_the_party() {
        assert_eq!(guess("Programma.pdf"), m("Programma", "", ""));
    }
}
