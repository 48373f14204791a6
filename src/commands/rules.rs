//! `caleido rules check|explain`: for the people who write and edit the rules.

use std::io::Write;
use std::path::Path;

use crate::rules::RuleSet;

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// Checks the rule folder: load errors (all at once), then every rule's examples.
pub fn check(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(dir, err) else { return EXIT_FATAL };
    let failures = example_failures(&rules);
    for f in &failures {
        let _ = writeln!(err, "error: {f}");
    }
    let examples: usize = rules.rules.iter().map(|r| r.examples.len() + r.counterexamples.len()).sum();
    let _ = writeln!(
        out,
        "{} rules in {} mirrors, {examples} examples, {} failing; {}",
        rules.rules.len(),
        rules.titles.len(),
        failures.len(),
        rules.label()
    );
    if failures.is_empty() { EXIT_OK } else { EXIT_FATAL }
}

/// Every example a rule fails to match and every counterexample it matches, as
/// `file:line: rule `id`: ...` messages.
pub fn example_failures(rules: &RuleSet) -> Vec<String> {
    let mut matcher = rules.matcher();
    let mut out = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let mut fires = |s: &str| matcher.match_sentence(s).iter().any(|h| h.rule == i);
        for ex in &rule.examples {
            if !fires(&ex.value) {
                out.push(format!(
                    "{}:{}: rule `{}` does not match its example \"{}\"",
                    rule.file.display(),
                    ex.line,
                    rule.id,
                    ex.value
                ));
            }
        }
        for ex in &rule.counterexamples {
            if fires(&ex.value) {
                out.push(format!(
                    "{}:{}: rule `{}` matches its counterexample \"{}\"",
                    rule.file.display(),
                    ex.line,
                    rule.id,
                    ex.value
                ));
            }
        }
    }
    out
}

/// Shows which rules fire on a sentence, on which words, and what stopped the others.
pub fn explain(sentence: &str, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(dir, err) else { return EXIT_FATAL };
    let mut matcher = rules.matcher();
    let words: Vec<String> = crate::text::tokenize(sentence).into_iter().map(|t| t.norm).collect();
    let _ = writeln!(out, "words: {}", words.join(" "));
    let explanations = matcher.explain(sentence);
    if explanations.is_empty() {
        let _ = writeln!(out, "no rule has a matching term");
    }
    for e in explanations {
        let rule = &rules.rules[e.rule];
        let verdict = if e.fired { "FIRES" } else { "does not fire" };
        let _ = writeln!(
            out,
            "{} (mirror {}, {}) {verdict}   [{}:{}]",
            rule.id,
            rule.mirror,
            rule.questions.join(";"),
            rule.file.display(),
            rule.line
        );
        for (term, words) in &e.matched {
            let _ = writeln!(out, "    term `{term}` matched: {}", words.join(", "));
        }
        for x in &e.excepted {
            let _ = writeln!(out, "    except `{x}` cancels matches on its words");
        }
        for x in &e.blocked {
            let _ = writeln!(out, "    unless `{x}` stops the rule for this sentence");
        }
    }
    EXIT_OK
}
