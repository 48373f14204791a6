//! Exports the rule set to other tools' dictionary formats: a quanteda YAML dictionary
//! (mirror -> question -> terms) and a LIWC `.dic`. Both carry words, phrases and `*`
//! wildcards; neither carries `NEAR/n`, `except`, `unless`, accent folding or stance.

use std::collections::BTreeMap;

use super::RuleSet;
use super::pattern::Pattern;

/// A rule set in another format, with what could not be carried over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The file's text.
    pub text: String,
    /// One line per thing lost, for the user.
    pub lost: Vec<String>,
}

/// A term as written, on one line and in lower case (but `NEAR/n`).
fn written(source: &str) -> String {
    let word = |w: &str| if w.to_uppercase().starts_with("NEAR/") { w.to_uppercase() } else { w.to_lowercase() };
    source.split_whitespace().map(word).collect::<Vec<_>>().join(" ")
}

/// Per question (`1.2`), the terms that count for it, in rule and term order, without repeats.
fn terms_by_question(rules: &RuleSet) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let mut by_question: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lost = Vec::new();
    for rule in &rules.rules {
        for term in &rule.terms {
            if matches!(term.value, Pattern::Near { .. }) {
                lost.push(format!("rule `{}`: NEAR term `{}` left out", rule.id, written(&term.source)));
                continue;
            }
            for q in &rule.questions {
                let list = by_question.entry(q.clone()).or_default();
                let t = written(&term.source);
                if !list.contains(&t) {
                    list.push(t);
                }
            }
        }
        if !rule.except.is_empty() || !rule.unless.is_empty() {
            let n = rule.except.len() + rule.unless.len();
            lost.push(format!("rule `{}`: {n} except/unless term(s) left out", rule.id));
        }
    }
    (by_question, lost)
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The rule set as a quanteda YAML dictionary: `mirror N: title` -> `question` -> terms.
/// A header comment says what the format cannot carry.
pub fn to_yaml(rules: &RuleSet) -> Export {
    let (by_question, lost) = terms_by_question(rules);
    let mut out = format!("# {} as a quanteda dictionary (caleido rules export --format yaml).\n", rules.label());
    out.push_str("# Carried over: words, phrases (multi-word values), * wildcards.\n");
    out.push_str("# Lost: NEAR/n terms, except and unless terms, accent and hyphen folding, stance cues.\n");
    for line in &lost {
        out.push_str(&format!("# lost: {line}\n"));
    }
    for (mirror, title) in &rules.titles {
        out.push_str(&format!("{}:\n", yaml_string(&format!("mirror {mirror}: {title}"))));
        for (q, terms) in by_question.iter().filter(|(q, _)| q.starts_with(&format!("{mirror}."))) {
            out.push_str(&format!("  {}:\n", yaml_string(q)));
            for t in terms {
                out.push_str(&format!("    - {}\n", yaml_string(t)));
            }
        }
    }
    Export { text: out, lost }
}

/// The rule set as a LIWC dictionary: categories 1 to 5 are the mirrors, `10 * mirror + n` the
/// questions (`12` is question 1.2); each term on its own line with its category numbers.
/// LIWC takes a `*` only at the end of a word, so words with a `*` in front are left out too.
pub fn to_liwc(rules: &RuleSet) -> Export {
    let (by_question, mut lost) = terms_by_question(rules);
    let mut categories: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (q, terms) in &by_question {
        let Some(number) = question_number(q) else { continue };
        for t in terms {
            if t.split(' ').any(|w| w.starts_with('*')) {
                let note = format!("term `{t}` left out (LIWC has no * in front of a word)");
                if !lost.contains(&note) {
                    lost.push(note);
                }
                continue;
            }
            let cats = categories.entry(t.clone()).or_default();
            cats.extend([number / 10, number]);
            cats.sort_unstable();
            cats.dedup();
        }
    }
    let mut out = String::from("%\n");
    for mirror in rules.titles.keys() {
        out.push_str(&format!("{mirror}\tmirror{mirror}\n"));
    }
    for q in by_question.keys() {
        if let Some(n) = question_number(q) {
            out.push_str(&format!("{n}\tq{}\n", q.replace('.', "_")));
        }
    }
    out.push_str("%\n");
    for (term, cats) in &categories {
        let nums: Vec<String> = cats.iter().map(u32::to_string).collect();
        out.push_str(&format!("{term}\t{}\n", nums.join("\t")));
    }
    Export { text: out, lost }
}

fn question_number(q: &str) -> Option<u32> {
    let (m, n) = q.split_once('.')?;
    Some(m.parse::<u32>().ok()? * 10 + n.parse::<u32>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture() -> RuleSet {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-export");
        RuleSet::load(&dir).expect("fixture loads")
    }

    #[test]
    fn yaml_nests_mirror_question_terms() {
        let rules = fixture();
        let e = to_yaml(&rules);
        let body: String = e.text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
        assert_eq!(
            body,
            "\"mirror 1: Wie maken de programma's?\":\n  \"1.2\":\n    - \"inspraak*\"\n    - \"samen met inwoners\"\n\
             \"mirror 4: Is er tastbare steun?\":\n  \"4.1\":\n    - \"wijkbudget*\"\n    - \"*initiatief\"\n\
             \x20 \"4.3\":\n    - \"wijkbudget*\"\n    - \"*initiatief\"\n"
        );
        assert_eq!(
            e.lost,
            [
                "rule `x4.steun`: NEAR term `subsidie* NEAR/6 initiatie*` left out",
                "rule `x4.steun`: 1 except/unless term(s) left out"
            ]
        );
        assert!(e.text.contains("# Lost: NEAR/n terms, except and unless terms"), "{}", e.text);
    }

    #[test]
    fn liwc_numbers_categories_and_drops_leading_wildcards() {
        let rules = fixture();
        let e = to_liwc(&rules);
        assert_eq!(
            e.text,
            "%\n1\tmirror1\n4\tmirror4\n12\tq1_2\n41\tq4_1\n43\tq4_3\n%\n\
             inspraak*\t1\t12\nsamen met inwoners\t1\t12\nwijkbudget*\t4\t41\t43\n"
        );
        assert!(e.lost.contains(&"term `*initiatief` left out (LIWC has no * in front of a word)".to_string()));
    }
}
