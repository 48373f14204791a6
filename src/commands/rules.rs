//! `caleido rules check|explain`: for the people who write and edit the rules.

use std::io::Write;
use std::path::Path;

use crate::cli::CheckArgs;
use crate::rules::{Explanation, RuleSet, RuleSource};

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// Checks the rule folder: load errors (all at once), then every rule's examples; with
/// `--corpus`, warnings from running the rules over a corpus (they do not change the exit code).
pub fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.folder(), err) else { return EXIT_FATAL };
    let mut failures = example_failures(&rules);
    failures.extend(stance_failures(&rules));
    for f in &failures {
        let _ = writeln!(err, "error: {f}");
    }
    for w in crate::rules::cost::slow_terms(&rules) {
        let _ = writeln!(err, "warning: {w}");
    }
    for t in rules.meta.lift.unused(&rules.rules) {
        let file = rules.meta.file.display();
        let _ = writeln!(
            err,
            "{file}: warning: [lift] unless `{t}` is in no rule's `unless` list, written the same way: it lifts nothing"
        );
    }
    for w in crate::rules::version::warnings(&rules, &RuleSource::from_arg(args.folder())) {
        let _ = writeln!(err, "{w}");
    }
    let examples: usize = rules.rules.iter().map(|r| r.examples.len() + r.counterexamples.len()).sum();
    // The label's hash covers every byte of the files (it is printed beside every figure);
    // `content_hash` leaves out the version lines, so it is the one `ruleset.toml` records.
    let content = crate::rules::version::content_hash(&RuleSource::from_arg(args.folder()))
        .map_or(String::new(), |h| format!("; content_hash {h}"));
    let _ = writeln!(
        out,
        "{} rules in {} mirrors, {examples} examples, {} failing; {}{content}",
        rules.rules.len(),
        rules.titles.len(),
        failures.len(),
        rules.label()
    );
    if let Some(corpus) = &args.corpus
        && !super::rules_audit::run(&rules, corpus, args, out, err)
    {
        return EXIT_FATAL;
    }
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

/// Shows which rules fire on a sentence, on which words, with which stance, what stopped the
/// others, and which words almost matched a term.
pub fn explain(sentence: &str, dir: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(dir, err) else { return EXIT_FATAL };
    let mut matcher = rules.matcher();
    let words: Vec<String> = crate::text::tokenize(sentence).into_iter().map(|t| t.norm).collect();
    let _ = writeln!(out, "words: {}", words.join(" "));
    let explanations = matcher.explain(sentence);
    if explanations.is_empty() {
        let _ = writeln!(out, "no rule has a matching term");
    }
    for e in &explanations {
        print_explanation(&rules, e, out);
    }
    if !explanations.iter().any(|e| e.fired) {
        let misses = matcher.near_misses(sentence);
        if !misses.is_empty() {
            let _ = writeln!(out, "near misses (one change away, closest first):");
        }
        for m in misses.iter().take(crate::rules::explain::MAX_NEAR_MISSES) {
            let rule = &rules.rules[m.rule];
            let _ = writeln!(
                out,
                "    rule `{}` term `{}`: {}   [{}:{}]",
                rule.id,
                m.term,
                m.advice,
                rule.file.display(),
                rule.line
            );
        }
        if misses.len() > crate::rules::explain::MAX_NEAR_MISSES {
            let _ = writeln!(out, "    ... and {} more", misses.len() - crate::rules::explain::MAX_NEAR_MISSES);
        }
    }
    EXIT_OK
}

fn print_explanation(rules: &RuleSet, e: &Explanation, out: &mut dyn Write) {
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
    for x in &e.lifted {
        let _ =
            writeln!(out, "    unless `{x}` is lifted: the sentence also names residents or civil society ([lift] by)");
    }
    for note in context_notes(rule) {
        let _ = writeln!(out, "    {note}");
    }
    if e.fired {
        let window = rules.meta.stance.window;
        let _ = writeln!(out, "    stance: {}", e.stance.as_str());
        if e.cues.is_empty() {
            let _ = writeln!(out, "    no contra cue within {window} words of the match");
        }
        for c in &e.cues {
            let _ = writeln!(out, "    {c}");
        }
    }
}

/// What a rule needs besides the sentence, which `explain` does not see: the unit's kind,
/// its heading or its neighbours.
fn context_notes(rule: &crate::rules::RuleDef) -> Vec<String> {
    let mut notes = Vec::new();
    if rule.heading_only {
        notes.push("in a document it fires only on a heading (heading_only)".to_string());
    }
    if !rule.under_heading.is_empty() {
        notes.push("in a document it fires only under a heading with one of its under_heading terms".to_string());
    }
    if rule.beside_match {
        notes.push(format!(
            "in a document it fires only next to a sentence another mirror {} rule matched (beside_match)",
            rule.mirror
        ));
    }
    notes
}

/// `caleido rules dump DIR`: writes the built-in rules into `DIR` to edit.
pub fn dump(args: &crate::cli::DumpArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match crate::rules::source::dump(&args.dir, args.force) {
        Ok(written) => {
            let _ = writeln!(
                out,
                "wrote {} file(s) of the built-in rules to {}; edit them, then `caleido rules check {}` \
                 and `caleido score --rules {} ...`",
                written.len(),
                args.dir.display(),
                args.dir.display(),
                args.dir.display()
            );
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FATAL
        }
    }
}

/// Every stance example of `ruleset.toml` that no rule fires on with the stance it should have,
/// as `file:line: ...` messages.
pub fn stance_failures(rules: &RuleSet) -> Vec<String> {
    use crate::rules::Stance;
    let stance = &rules.meta.stance;
    let expected = stance.contra_examples.iter().map(|x| (x, Stance::Contra));
    let expected = expected.chain(stance.pro_examples.iter().map(|x| (x, Stance::Pro)));
    let mut matcher = rules.matcher();
    let mut out = Vec::new();
    for ((sentence, want), line) in expected.zip(rules.meta.example_lines.iter().chain(std::iter::repeat(&0))) {
        let hits = matcher.match_sentence(sentence);
        let got = if hits.is_empty() {
            None
        } else if hits.iter().any(|h| h.stance == Stance::Contra) {
            Some(Stance::Contra)
        } else {
            Some(Stance::Pro)
        };
        let problem = match got {
            None => "no rule fires on it".to_string(),
            Some(s) if s != want => format!("its stance is {}", s.as_str()),
            Some(_) => continue,
        };
        out.push(format!(
            "{}:{line}: stance example \"{sentence}\" should be {}, but {problem}",
            rules.meta.file.display(),
            want.as_str()
        ));
    }
    out
}
