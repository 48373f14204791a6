//! Reads a LIWC 2015 or LIWC-22 `.dic`: a header between two `%` lines with one
//! `number<TAB>name` per category, then one `entry<TAB>number...` per line. Entries may end
//! in `*` and may hold spaces (LIWC-22 multi-word entries, which become phrases).

use std::collections::BTreeMap;

use super::{Category, Dictionary, Note};

/// Parses the dictionary; an error when the `%` header is missing or not closed.
pub fn parse(text: &str) -> Result<Dictionary, Note> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let opening = lines.by_ref().find(|(_, l)| !l.trim().is_empty());
    if opening.is_none_or(|(_, l)| l.trim() != "%") {
        let line = opening.map_or(1, |(n, _)| n);
        return Err(Note { line, message: "a LIWC dictionary starts with a line holding only `%`".into() });
    }
    let mut dict = Dictionary::default();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut closed = false;
    for (n, line) in lines.by_ref() {
        if line.trim() == "%" {
            closed = true;
            break;
        }
        if let Some((id, name)) = header_line(line) {
            by_id.insert(id.clone(), dict.categories.len());
            dict.categories.push(Category { names: vec![id, name.clone()], label: name, entries: Vec::new() });
        } else if !line.trim().is_empty() {
            dict.notes
                .push(Note { line: n, message: format!("header line `{}` left out: not `number name`", line.trim()) });
        }
    }
    if !closed {
        return Err(Note { line: 1, message: "the `%` header block is not closed by a second `%` line".into() });
    }
    for (n, line) in lines {
        entry_line(line, n, &by_id, &mut dict);
    }
    Ok(dict)
}

fn header_line(line: &str) -> Option<(String, String)> {
    let mut parts = line.trim().splitn(2, char::is_whitespace);
    let id = parts.next()?;
    let name = parts.next()?.trim();
    (id.chars().all(|c| c.is_ascii_digit()) && !name.is_empty()).then(|| (id.to_string(), name.to_string()))
}

/// One `entry<TAB>ids` line: the entry goes to each category it names.
fn entry_line(line: &str, n: usize, by_id: &BTreeMap<String, usize>, dict: &mut Dictionary) {
    if line.trim().is_empty() {
        return;
    }
    let (entry, ids) = split_entry(line);
    if entry.is_empty() || ids.is_empty() {
        dict.notes
            .push(Note { line: n, message: format!("line `{}` left out: no entry with categories", line.trim()) });
        return;
    }
    for id in ids {
        match by_id.get(id) {
            Some(&c) => dict.categories[c].entries.push((entry.clone(), n)),
            None => dict.notes.push(Note {
                line: n,
                message: format!("entry `{entry}`: category `{id}` left out: not in the header (LIWC's conditional entries are not read)"),
            }),
        }
    }
}

/// The entry and its category ids: before and after the first tab; without a tab, the trailing
/// words that are numbers are the ids.
fn split_entry(line: &str) -> (String, Vec<&str>) {
    if let Some((entry, ids)) = line.split_once('\t') {
        return (entry.split_whitespace().collect::<Vec<_>>().join(" "), ids.split_whitespace().collect());
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let first_id = words.iter().rposition(|w| !w.chars().all(|c| c.is_ascii_digit())).map_or(0, |p| p + 1);
    (words[..first_id].join(" "), words[first_id..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_entries_wildcards_and_phrases() {
        let text =
            "%\n1\tparticipatie\n2\tsteun\n%\ninspraak*\t1\nwijkbudget\t2\t1\nsamen met inwoners\t1\nbuurthuis 2\n";
        let dict = parse(text).unwrap();
        let entries = |i: usize| dict.categories[i].entries.iter().map(|(e, _)| e.as_str()).collect::<Vec<_>>();
        assert_eq!(dict.categories[0].names, ["1", "participatie"]);
        assert_eq!(entries(0), ["inspraak*", "wijkbudget", "samen met inwoners"]);
        assert_eq!(entries(1), ["wijkbudget", "buurthuis"]);
        assert!(dict.notes.is_empty(), "{:?}", dict.notes);
    }

    #[test]
    fn unknown_ids_and_conditional_entries_are_noted() {
        let dict = parse("%\n1\tx\n%\nkind\t(02 134)53/253\t1\nfoo\t9\n").unwrap();
        assert_eq!(dict.categories[0].entries.len(), 1);
        let lines: Vec<usize> = dict.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [4, 4, 5]);
    }

    #[test]
    fn a_missing_header_is_an_error() {
        assert_eq!(parse("\nfoo\t1\n").unwrap_err().line, 2);
        assert!(parse("%\n1\tx\nfoo\t1\n").is_err());
    }
}
