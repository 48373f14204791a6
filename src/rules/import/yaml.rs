//! Reads a quanteda dictionary written in YAML: nested keys, each leaf a list of glob
//! patterns (block `- item` lines or a one-line `[a, b]`), or a single pattern. This is the
//! subset of YAML that quanteda writes and that dictionaries use; anchors, multi-line strings
//! and multi-line flow lists are refused with their line.

use std::collections::BTreeMap;

use super::{Category, Dictionary, Note};

/// Parses the dictionary; an error with its line for a construct outside the subset.
pub fn parse(text: &str) -> Result<Dictionary, Note> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::default();
    for (i, raw) in text.lines().enumerate() {
        reader.line(i + 1, raw.trim_end_matches('\r')).map_err(|message| Note { line: i + 1, message })?;
    }
    Ok(reader.dict)
}

#[derive(Default)]
struct Reader {
    /// The keys above the current line, with their indentation.
    stack: Vec<(usize, String)>,
    /// Category index by key path.
    by_path: BTreeMap<Vec<String>, usize>,
    dict: Dictionary,
}

impl Reader {
    fn line(&mut self, n: usize, raw: &str) -> Result<(), String> {
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        if content.starts_with('\t') {
            return Err("indent with spaces, not tabs".into());
        }
        let content = content.trim_end();
        if content.is_empty() || content.starts_with('#') || content == "---" || content == "..." {
            return Ok(());
        }
        if content == "-" || content.starts_with("- ") {
            while self.stack.last().is_some_and(|(i, _)| *i > indent) {
                self.stack.pop();
            }
            let (value, _) = scalar(content[1..].trim_start())?;
            return self.add(n, vec![value]);
        }
        while self.stack.last().is_some_and(|(i, _)| *i >= indent) {
            self.stack.pop();
        }
        let (key, rest) = key(content)?;
        self.stack.push((indent, key));
        let rest = rest.trim();
        if rest.is_empty() || rest.starts_with('#') {
            return Ok(());
        }
        let values = if rest.starts_with('[') { flow_list(rest)? } else { vec![scalar(rest)?.0] };
        self.add(n, values)
    }

    fn add(&mut self, n: usize, values: Vec<String>) -> Result<(), String> {
        if self.stack.is_empty() {
            return Err("a pattern needs a category key above it".into());
        }
        let path: Vec<String> = self.stack.iter().map(|(_, k)| k.clone()).collect();
        let next = self.dict.categories.len();
        let at = *self.by_path.entry(path.clone()).or_insert(next);
        if at == next {
            let leaf = path.last().cloned().unwrap_or_default();
            let label = path.join("/");
            let names = vec![label.clone(), path.join("."), leaf];
            self.dict.categories.push(Category { names, label, entries: Vec::new() });
        }
        let entries = &mut self.dict.categories[at].entries;
        entries.extend(values.into_iter().filter(|v| !v.is_empty()).map(|v| (v, n)));
        Ok(())
    }
}

/// A mapping key (plain or quoted) and what follows its colon.
fn key(content: &str) -> Result<(String, &str), String> {
    let (k, rest) = if content.starts_with(['"', '\'']) {
        let (k, rest) = scalar(content)?;
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(':').ok_or_else(|| format!("`{content}`: a `:` must follow the key"))?;
        (k, rest)
    } else {
        let at = content
            .char_indices()
            .find(|&(i, c)| c == ':' && content[i + 1..].chars().next().is_none_or(char::is_whitespace))
            .map(|(i, _)| i)
            .ok_or_else(|| format!("`{content}`: expected `key:` or `- pattern`"))?;
        (content[..at].trim().to_string(), &content[at + 1..])
    };
    if k.starts_with(['&', '*', '!', '|', '>']) {
        return Err(format!("`{k}`: YAML anchors, tags and block strings are not read"));
    }
    Ok((k, rest))
}

/// A scalar (double-quoted, single-quoted or plain, without a trailing comment) and the rest.
fn scalar(s: &str) -> Result<(String, &str), String> {
    if let Some(body) = s.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok((out, &body[i + 1..])),
                '\\' => out.push(chars.next().map(|(_, e)| if e == 'n' { '\n' } else { e }).unwrap_or('\\')),
                c => out.push(c),
            }
        }
        return Err(format!("`{s}`: the quote is not closed on this line"));
    }
    if let Some(body) = s.strip_prefix('\'') {
        let mut out = String::new();
        let mut rest = body;
        loop {
            let at = rest.find('\'').ok_or_else(|| format!("`{s}`: the quote is not closed on this line"))?;
            out.push_str(&rest[..at]);
            if rest[at + 1..].starts_with('\'') {
                out.push('\'');
                rest = &rest[at + 2..];
            } else {
                return Ok((out, &rest[at + 1..]));
            }
        }
    }
    if s.starts_with(['&', '!', '|', '>', '{']) || (s.starts_with('*') && !s.contains(char::is_alphanumeric)) {
        return Err(format!("`{s}`: YAML anchors, tags, block strings and inline maps are not read"));
    }
    let end = s.find(" #").unwrap_or(s.len());
    Ok((s[..end].trim().to_string(), ""))
}

/// `[a, "b c", d*]` on one line.
fn flow_list(s: &str) -> Result<Vec<String>, String> {
    let end = s.rfind(']').ok_or_else(|| format!("`{s}`: a `[` list must close with `]` on the same line"))?;
    let mut items = Vec::new();
    let mut rest = s[1..end].trim();
    while !rest.is_empty() {
        let (item, after) = if rest.starts_with(['"', '\'']) {
            scalar(rest)?
        } else {
            let at = rest.find(',').unwrap_or(rest.len());
            (rest[..at].trim().to_string(), &rest[at..])
        };
        items.push(item);
        rest = after.trim_start().strip_prefix(',').unwrap_or(after.trim_start()).trim_start();
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(d: &Dictionary, i: usize) -> Vec<&str> {
        d.categories[i].entries.iter().map(|(e, _)| e.as_str()).collect()
    }

    #[test]
    fn reads_nested_keys_block_and_flow_lists() {
        let text = "# a comment\nparticipatie:\n  - inspraak*\n  - \"samen met inwoners\"\nsteun:\n  geld: [wijkbudget*, 'buurt fonds']\n  plek:\n  - buurthuis # a comment\nlos: referendum\n";
        let d = parse(text).unwrap();
        assert_eq!(d.categories.len(), 4);
        assert_eq!(d.categories[0].names, ["participatie", "participatie", "participatie"]);
        assert_eq!(entries(&d, 0), ["inspraak*", "samen met inwoners"]);
        assert_eq!(d.categories[1].names, ["steun/geld", "steun.geld", "geld"]);
        assert_eq!(entries(&d, 1), ["wijkbudget*", "buurt fonds"]);
        assert_eq!(entries(&d, 2), ["buurthuis"]);
        assert_eq!(entries(&d, 3), ["referendum"]);
        assert_eq!(d.categories[0].entries[1].1, 4, "line of the entry");
    }

    #[test]
    fn reads_caleidos_own_export() {
        let text = "# header\n\"mirror 1: Wie maken de programma's?\":\n  \"1.2\":\n    - \"inspraak*\"\n";
        let d = parse(text).unwrap();
        assert_eq!(d.categories[0].names[2], "1.2");
        assert_eq!(d.categories[0].label, "mirror 1: Wie maken de programma's?/1.2");
    }

    #[test]
    fn constructs_outside_the_subset_are_refused_with_their_line() {
        assert_eq!(parse("a:\n  - x\n\t- y\n").unwrap_err().line, 3);
        assert_eq!(parse("a: [x, y\n").unwrap_err().line, 1);
        assert_eq!(parse("- x\n").unwrap_err().line, 1);
        assert!(parse("a: |\n").is_err());
    }
}
