//! The examples in `docs/rules.md` and its Dutch twin `docs/regels.md` are run: every ```toml
//! rule-example block must load and pass its own examples and counterexamples, and every
//! ```toml rule-error block must be refused with the message its `# expect:` line names. So the
//! documentation cannot drift.

mod common;

use caleido::commands::rules::example_failures;
use caleido::rules::RuleSet;
use common::root;

/// The documents whose blocks are run.
const DOCS: [&str; 2] = ["docs/rules.md", "docs/regels.md"];

/// The fenced blocks of both documents whose info string is ```` ```toml <kind> ````.
fn blocks(kind: &str) -> Vec<String> {
    DOCS.iter().flat_map(|doc| blocks_of(doc, kind)).collect()
}

/// The fenced blocks of one document whose info string is ```` ```toml <kind> ````.
fn blocks_of(doc: &str, kind: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(root().join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match &mut current {
            None if line.trim() == format!("```toml {kind}") => current = Some(String::new()),
            Some(_) if line.trim() == "```" => out.extend(current.take()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    out
}

/// A rule folder with the documented `ruleset.toml` and one mirror file.
fn folder(rule_file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = blocks_of("docs/rules.md", "ruleset-example").pop().expect("docs/rules.md has a ruleset-example");
    std::fs::write(dir.path().join("ruleset.toml"), meta).expect("write ruleset");
    std::fs::write(dir.path().join("mirror.toml"), rule_file).expect("write rules");
    dir
}

#[test]
fn every_documented_rule_example_passes() {
    let examples = blocks("rule-example");
    assert!(examples.len() >= 10, "found only {} rule examples", examples.len());
    for block in &examples {
        let dir = folder(block);
        let rules = RuleSet::load(dir.path()).unwrap_or_else(|e| panic!("{block}\n{e:#?}"));
        assert!(rules.rules.iter().all(|r| !r.examples.is_empty()), "a documented rule without examples:\n{block}");
        let failures = example_failures(&rules);
        assert!(failures.is_empty(), "{block}\n{failures:#?}");
    }
}

#[test]
fn every_documented_error_is_the_error_caleido_gives() {
    let errors = blocks("rule-error");
    assert!(!errors.is_empty(), "docs/rules.md shows no rule-error");
    for block in &errors {
        let expect = block.lines().next().and_then(|l| l.strip_prefix("# expect: ")).expect("# expect: line");
        let dir = folder(block);
        let got = RuleSet::load(dir.path()).expect_err("documented error must be refused");
        assert!(got.iter().any(|e| e.message.contains(expect)), "expected {expect:?}, got {got:#?}");
    }
}

#[test]
fn the_dutch_guide_has_examples_and_an_error_of_its_own() {
    assert!(blocks_of("docs/regels.md", "rule-example").len() >= 3);
    assert!(!blocks_of("docs/regels.md", "rule-error").is_empty());
}

#[test]
fn the_two_guides_link_to_each_other() {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    assert!(read("docs/rules.md").contains("(regels.md)"));
    assert!(read("docs/regels.md").contains("(rules.md)"));
}
