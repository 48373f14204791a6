//! The party alias table `partijen.csv` of the rule folder: spellings of one party (`FvD`,
//! `Forum voor Democratie`) mapped to the name the reports use (`FVD`), matched case-insensitively.

use std::collections::BTreeMap;
use std::path::Path;

use super::load::RuleError;
use crate::ingest::meta::{csv_delimiter, split_line};
use crate::model::Meta;

/// The alias table's file name in the rule folder.
pub const PARTIES_FILE: &str = "partijen.csv";

/// Accepted headers of the two columns (case ignored): the spelling, then the report name.
const ALIAS_HEADERS: [&str; 2] = ["alias", "spelling"];
const NAME_HEADERS: [&str; 2] = ["naam", "name"];

/// Party names by spelling; empty when the rule folder has no alias table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyAliases {
    /// Folded spelling -> (name in the reports, line of the table it comes from).
    names: BTreeMap<String, (String, usize)>,
}

impl PartyAliases {
    /// Parses the table (`path` appears in error messages); returns every problem at once.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<PartyAliases, Vec<RuleError>> {
        let err = |line, message: String| RuleError { file: path.to_path_buf(), line, message };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| vec![err(0, format!("not UTF-8 ({e}); save as UTF-8"))])?;
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| is_content(l));
        let Some((header_line, header)) = lines.next() else { return Ok(PartyAliases::default()) };
        let delimiter = csv_delimiter(header);
        let header: Vec<String> = split_line(header, delimiter).iter().map(|h| h.trim().to_lowercase()).collect();
        if header.len() != 2
            || !ALIAS_HEADERS.contains(&header[0].as_str())
            || !NAME_HEADERS.contains(&header[1].as_str())
        {
            return Err(vec![err(
                header_line,
                "the first line must be `alias,naam` (spelling, then the name in the reports)".into(),
            )]);
        }
        let mut table = PartyAliases::default();
        let mut errors = Vec::new();
        for (n, line) in lines {
            match split_row(line, delimiter) {
                Ok((alias, name)) => table.add(&alias, &name, n).unwrap_or_else(|m| errors.push(err(n, m))),
                Err(m) => errors.push(err(n, m)),
            }
        }
        table.check_chains(&mut |line, m| errors.push(err(line, m)));
        if errors.is_empty() { Ok(table) } else { Err(errors) }
    }

    fn add(&mut self, alias: &str, name: &str, line: usize) -> Result<(), String> {
        for spelling in [name, alias] {
            let key = fold(spelling);
            match self.names.get(&key) {
                Some((other, at)) if other != name && spelling == alias => {
                    return Err(if fold(other) == key {
                        format!("`{alias}` is a name in the reports (line {at}); map its spellings to `{name}` instead")
                    } else {
                        format!("`{alias}` is already the spelling of `{other}` (line {at}); one spelling, one name")
                    });
                }
                Some(_) => {}
                None => drop(self.names.insert(key, (name.to_string(), line))),
            }
        }
        Ok(())
    }

    /// A report name must not itself be a spelling of another name (`A,B` and `B,C`).
    fn check_chains(&self, report: &mut dyn FnMut(usize, String)) {
        let targets: BTreeMap<&str, usize> = self.names.values().map(|(n, l)| (n.as_str(), *l)).collect();
        for (name, line) in targets {
            if let Some((other, at)) = self.names.get(&fold(name)).filter(|(other, _)| other != name) {
                report(
                    line,
                    format!("the name `{name}` is itself a spelling of `{other}` (line {at}); map to `{other}`"),
                );
            }
        }
    }

    /// The name the reports use for `party`: its table name, or `party` itself.
    pub fn name_of<'a>(&'a self, party: &'a str) -> &'a str {
        self.names.get(&fold(party)).map_or(party, |(name, _)| name.as_str())
    }

    /// Number of spellings in the table (report names count as their own spelling).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when the table is empty or absent.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Sets the party's report name and keeps the spelling it had in [`Meta::party_as_written`].
    pub fn apply(&self, meta: &mut Meta) {
        meta.party_as_written = meta.party.clone();
        meta.party = self.name_of(&meta.party).to_string();
    }
}

/// Neither empty nor a `#` comment.
fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// `alias,naam` -> (alias, naam), trimmed; quotes around a field are allowed.
fn split_row(line: &str, delimiter: u8) -> Result<(String, String), String> {
    let fields: Vec<String> =
        split_line(line, delimiter).iter().map(|f| f.trim().trim_matches('"').trim().to_string()).collect();
    match <[String; 2]>::try_from(fields) {
        Ok([alias, name]) if !alias.is_empty() && !name.is_empty() => Ok((alias, name)),
        Ok(_) => Err("a spelling and a name are both needed".into()),
        Err(fields) => Err(format!("{} fields; write two: spelling{}name", fields.len(), delimiter as char)),
    }
}

/// How spellings are compared: lower case, `_` as a space, runs of spaces as one.
fn fold(name: &str) -> String {
    name.to_lowercase().replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PartyAliases, Vec<RuleError>> {
        PartyAliases::parse(Path::new("partijen.csv"), text.as_bytes())
    }

    #[test]
    fn spellings_map_to_one_name_whatever_their_case() {
        let t = parse("# partijen\nalias,naam\nFvD,FVD\nForum voor Democratie,FVD\nVijftigPLUS,50PLUS\n").unwrap();
        assert_eq!(t.name_of("fvd"), "FVD");
        assert_eq!(t.name_of("FORUM  voor democratie"), "FVD");
        assert_eq!(t.name_of("50plus"), "50PLUS", "a name is its own spelling");
        assert_eq!(t.name_of("Vijftig_PLUS"), "Vijftig_PLUS", "unknown spellings stay");
        assert_eq!(t.name_of("vijftigplus"), "50PLUS");
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_read() {
        let t = PartyAliases::parse(Path::new("p.csv"), "\u{feff}alias;naam\nCU;ChristenUnie\n".as_bytes()).unwrap();
        assert_eq!(t.name_of("cu"), "ChristenUnie");
    }

    #[test]
    fn a_spelling_with_two_names_is_an_error_with_both_lines() {
        let e = parse("alias,naam\nGL,GroenLinks\n\nGL,GroenLinks-PvdA\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 4);
        assert!(e[0].message.contains("line 2"), "{}", e[0].message);
        assert_eq!(e[0].to_string(), format!("partijen.csv:4: {}", e[0].message));
    }

    #[test]
    fn chains_bad_rows_and_headers_are_errors() {
        let e = parse("alias,naam\nA,B\nB,C\nonly one\nx,\n").unwrap_err();
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5], "{e:?}");
        assert!(e[0].message.contains("name in the reports (line 2)"), "{}", e[0].message);
        let e = parse(
            "alias,naam
A,B
X,A
FvD,FVD
Forum,fvd
",
        )
        .unwrap_err();
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 5], "{e:?}");
        assert!(e[0].message.contains("`A` is itself a spelling of `B`"), "{}", e[0].message);
        assert_eq!(parse("naam,alias\nA,B\n").unwrap_err()[0].line, 1);
        assert!(parse("# only a comment\n").unwrap().is_empty());
    }

    #[test]
    fn apply_keeps_the_spelling_as_written() {
        let t = parse("alias,naam\nCU,ChristenUnie\n").unwrap();
        let mut m = Meta { party: "CU".into(), ..Meta::default() };
        t.apply(&mut m);
        assert_eq!((m.party.as_str(), m.party_as_written.as_str()), ("ChristenUnie", "CU"));
    }
}
