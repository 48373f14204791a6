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
    /// Each rule element left out, in rule order.
    pub lost: Vec<Lost>,
}

/// The kinds of rule element a dictionary format cannot carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LostKind {
    /// A `NEAR/n` term (neither format has proximity).
    Near,
    /// An `except` term.
    Except,
    /// An `unless` term.
    Unless,
    /// A term of a rule that fires only under a heading (it would count everywhere).
    UnderHeading,
    /// A term of a rule with `beside_match` (it counts only next to a matched sentence).
    BesideMatch,
    /// A term of a rule with `heading_only` (it counts only in headings).
    HeadingOnly,
    /// A rule's `lend_to_section` (its terms are kept, the lending is lost).
    LendToSection,
    /// A term with a `*` in front of a word (LIWC only).
    LeadingWildcard,
}

impl LostKind {
    /// The name in the summary line.
    pub fn label(self) -> &'static str {
        match self {
            LostKind::Near => "NEAR terms",
            LostKind::Except => "except terms",
            LostKind::Unless => "unless terms",
            LostKind::UnderHeading => "under_heading rule terms",
            LostKind::BesideMatch => "beside_match rule terms",
            LostKind::HeadingOnly => "heading_only rule terms",
            LostKind::LendToSection => "lend_to_section rules",
            LostKind::LeadingWildcard => "terms with * in front (LIWC)",
        }
    }
}

/// One rule element left out of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// What kind of element.
    pub kind: LostKind,
    /// The rule it belongs to (empty for a term left out of every rule that has it).
    pub rule: String,
    /// The term as written (or the rule's id for a rule-level loss).
    pub what: String,
}

impl std::fmt::Display for Lost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = self.kind.label().trim_end_matches(" (LIWC)");
        match self.rule.as_str() {
            "" => write!(f, "{kind}: `{}` left out", self.what),
            rule => write!(f, "rule `{rule}`: {kind}: `{}` left out", self.what),
        }
    }
}

/// One line: how many elements of each kind were left out, and how many terms were carried.
pub fn summary(export: &Export, carried: usize) -> String {
    let mut counts: BTreeMap<LostKind, usize> = BTreeMap::new();
    for l in &export.lost {
        *counts.entry(l.kind).or_default() += 1;
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
    let lost = if parts.is_empty() { "nothing".to_string() } else { parts.join(", ") };
    format!(
        "{carried} term(s) written; left out: {lost}; stance cues, accent and hyphen folding and \
         coordination ellipsis are never carried (--verbose lists each element; docs/rules.md)"
    )
}

/// A term as written, on one line and in lower case (but `NEAR/n`).
fn written(source: &str) -> String {
    let word = |w: &str| if w.to_uppercase().starts_with("NEAR/") { w.to_uppercase() } else { w.to_lowercase() };
    source.split_whitespace().map(word).collect::<Vec<_>>().join(" ")
}

fn lose(kind: LostKind, rule: &str, what: &str) -> Lost {
    Lost { kind, rule: rule.to_string(), what: written(what) }
}

/// Per question (`1.2`), the terms that count for it, in rule and term order, without repeats;
/// and what was left out.
fn terms_by_question(rules: &RuleSet) -> (BTreeMap<String, Vec<String>>, Vec<Lost>) {
    let mut by_question: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lost = Vec::new();
    for rule in &rules.rules {
        let id = rule.id.as_str();
        let conditional = !rule.under_heading.is_empty() || rule.beside_match || rule.heading_only;
        for term in &rule.terms {
            if conditional {
                let kind = if rule.beside_match {
                    LostKind::BesideMatch
                } else if rule.heading_only {
                    LostKind::HeadingOnly
                } else {
                    LostKind::UnderHeading
                };
                lost.push(lose(kind, id, &term.source));
                continue;
            }
            if matches!(term.value, Pattern::Near { .. }) {
                lost.push(lose(LostKind::Near, id, &term.source));
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
        lost.extend(rule.except.iter().map(|t| lose(LostKind::Except, id, &t.source)));
        lost.extend(rule.unless.iter().map(|t| lose(LostKind::Unless, id, &t.source)));
        if rule.lend_to_section && !conditional {
            lost.push(lose(LostKind::LendToSection, id, id));
        }
    }
    (by_question, lost)
}

/// How many distinct terms an export carries.
pub fn carried(export: &Export, format_is_liwc: bool) -> usize {
    if format_is_liwc {
        let body = export.text.split("%\n").nth(2).unwrap_or("");
        body.lines().count()
    } else {
        let mut terms: Vec<&str> = export.text.lines().filter_map(|l| l.trim().strip_prefix("- ")).collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    }
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
    out.push_str(
        "# Lost: NEAR/n terms, except and unless terms, rules that fire only under a heading, accent and hyphen \
         folding, stance cues.\n",
    );
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
                let note = Lost { kind: LostKind::LeadingWildcard, rule: String::new(), what: t.clone() };
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
        let lost: Vec<String> = e.lost.iter().map(ToString::to_string).collect();
        assert_eq!(
            lost,
            [
                "rule `x4.steun`: NEAR terms: `subsidie* NEAR/6 initiatie*` left out",
                "rule `x4.steun`: except terms: `initiatiefvoorstel*` left out"
            ]
        );
        assert!(e.text.contains("# Lost: NEAR/n terms, except and unless terms"), "{}", e.text);
        assert_eq!(carried(&e, false), 4);
        assert!(summary(&e, 4).starts_with("4 term(s) written; left out: 1 NEAR terms, 1 except terms; "));
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
        let lost: Vec<String> = e.lost.iter().map(ToString::to_string).collect();
        assert!(lost.contains(&"terms with * in front: `*initiatief` left out".to_string()), "{lost:?}");
        assert_eq!(carried(&e, true), 3);
    }
}
