//! Imports another tool's dictionary as a rule folder: a LIWC 2015 / LIWC-22 `.dic` or a
//! quanteda YAML dictionary. Each category the user maps to a mirror (or a codebook question)
//! becomes one rule whose terms are the category's entries.

mod liwc;
mod mapping;
mod write;
mod yaml;

use std::collections::BTreeMap;

pub use mapping::{Mapping, Target};
pub use write::write_folder;

use super::pattern;

/// A dictionary as read: its categories in file order, and what could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    /// The categories, in the order the file first names them.
    pub categories: Vec<Category>,
    /// Entries or lines left out, each with its line.
    pub notes: Vec<Note>,
}

/// One category of a dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    /// The names it may be mapped by: its name or path (`Country/Bigger`, `Country.Bigger`),
    /// its leaf key, its LIWC number.
    pub names: Vec<String>,
    /// The name shown in messages and notes.
    pub label: String,
    /// Its entries, as written, with their lines.
    pub entries: Vec<(String, usize)>,
}

/// Something of the dictionary file left out, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line in the dictionary file.
    pub line: usize,
    /// What was left out and why.
    pub message: String,
}

/// Parses a LIWC `.dic` (the `%` block of numbered categories, then `entry<TAB>ids`).
pub fn parse_liwc(text: &str) -> Result<Dictionary, Note> {
    liwc::parse(text)
}

/// Parses a quanteda YAML dictionary (nested keys, lists of glob patterns).
pub fn parse_yaml(text: &str) -> Result<Dictionary, Note> {
    yaml::parse(text)
}

/// A rule made from one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRule {
    /// The rule's id, unique in the folder (`m4.wijkbudget`).
    pub id: String,
    /// The mirror it belongs to.
    pub mirror: u8,
    /// Its codebook questions.
    pub questions: Vec<String>,
    /// Its terms in the rule language, without repeats.
    pub terms: Vec<String>,
    /// Where it came from, for the rule's `note`.
    pub source: String,
}

/// What the categories became.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The rules, by mirror, then in category order.
    pub rules: Vec<ImportedRule>,
    /// Categories no mapping names, with their number of entries.
    pub unmapped: Vec<(String, usize)>,
    /// Categories mapped to `skip`.
    pub skipped: Vec<String>,
    /// Entries left out (not a valid term), with their lines.
    pub notes: Vec<Note>,
}

/// Turns the mapped categories into rules: one rule per category and target. An entry that is
/// not a valid term is left out with a note. A term that a category mapped to a whole mirror
/// shares with a category mapped to one of that mirror's questions counts for the question only.
pub fn to_rules(dict: &Dictionary, mapping: &Mapping) -> Imported {
    let mut out = Imported { notes: dict.notes.clone(), ..Imported::default() };
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for cat in &dict.categories {
        let targets = mapping.targets(cat);
        if targets.is_empty() {
            out.unmapped.push((cat.label.clone(), cat.entries.len()));
            continue;
        }
        let terms = valid_terms(cat, &mut out.notes);
        for target in targets {
            let Target::Mirror { mirror, question } = target else {
                out.skipped.push(cat.label.clone());
                continue;
            };
            let questions = match question {
                Some(q) => vec![format!("{mirror}.{q}")],
                None => (1..=3).map(|q| format!("{mirror}.{q}")).collect(),
            };
            let id = unique_id(&format!("m{mirror}.{}", slug(&cat.label)), &mut ids);
            let n = cat.entries.len();
            let source = format!("`{}` ({n} {})", cat.label, if n == 1 { "entry" } else { "entries" });
            out.rules.push(ImportedRule { id, mirror, questions, terms: terms.clone(), source });
        }
    }
    drop_question_terms_from_mirror_rules(&mut out.rules);
    out.rules.sort_by_key(|r| r.mirror);
    out
}

/// The category's entries that parse as terms, without repeats; the others as notes.
fn valid_terms(cat: &Category, notes: &mut Vec<Note>) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for (entry, line) in &cat.entries {
        let term = entry.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        match pattern::parse(&term) {
            Ok(_) if !terms.contains(&term) => terms.push(term),
            Ok(_) => {}
            Err(m) => {
                let note = Note { line: *line, message: format!("entry `{entry}` left out: {m}") };
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
    terms
}

fn drop_question_terms_from_mirror_rules(rules: &mut Vec<ImportedRule>) {
    let by_question: Vec<(u8, String)> = rules
        .iter()
        .filter(|r| r.questions.len() == 1)
        .flat_map(|r| r.terms.iter().map(move |t| (r.mirror, t.clone())))
        .collect();
    for r in rules.iter_mut().filter(|r| r.questions.len() > 1) {
        r.terms.retain(|t| !by_question.contains(&(r.mirror, t.clone())));
    }
    rules.retain(|r| !r.terms.is_empty());
}

/// A rule id from a category name: lower-case ASCII letters and digits, `-` between words.
pub fn slug(name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "category".into() } else { out }
}

fn unique_id(base: &str, seen: &mut BTreeMap<String, usize>) -> String {
    let n = seen.entry(base.to_string()).or_insert(0);
    *n += 1;
    if *n == 1 { base.to_string() } else { format!("{base}-{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_rule_ids() {
        assert_eq!(slug("Burger Participatie (lokaal)"), "burger-participatie-lokaal");
        assert_eq!(slug("mirror 1: Wie maken de programma's?/1.2"), "mirror-1-wie-maken-de-programma-s-1-2");
        assert_eq!(slug("***"), "category");
    }

    #[test]
    fn a_mirror_rule_gives_up_terms_its_question_rules_have() {
        let dict = Dictionary {
            categories: vec![
                Category {
                    names: vec!["mirror4".into()],
                    label: "mirror4".into(),
                    entries: entries(&["wijkbudget*", "buurthuis"]),
                },
                Category { names: vec!["q4_1".into()], label: "q4_1".into(), entries: entries(&["wijkbudget*"]) },
                Category { names: vec!["x".into()], label: "x".into(), entries: entries(&["abc"]) },
                Category { names: vec!["y".into()], label: "y".into(), entries: entries(&["ab*", "wijk"]) },
            ],
            notes: Vec::new(),
        };
        let mapping = Mapping::parse("y=4.2\n", "map").unwrap();
        let got = to_rules(&dict, &mapping);
        let rules: Vec<(&str, Vec<String>, Vec<String>)> =
            got.rules.iter().map(|r| (r.id.as_str(), r.questions.clone(), r.terms.clone())).collect();
        assert_eq!(
            rules,
            [
                ("m4.mirror4", vec!["4.1".into(), "4.2".into(), "4.3".into()], vec!["buurthuis".into()]),
                ("m4.q4-1", vec!["4.1".into()], vec!["wijkbudget*".into()]),
                ("m4.y", vec!["4.2".into()], vec!["wijk".into()]),
            ]
        );
        assert_eq!(got.unmapped, [("x".to_string(), 1)]);
        assert!(got.notes[0].message.starts_with("entry `ab*` left out: "), "{:?}", got.notes);
    }

    fn entries(list: &[&str]) -> Vec<(String, usize)> {
        list.iter().enumerate().map(|(i, e)| (e.to_string(), i + 1)).collect()
    }
}
