//! The shipped rule folder: loads without errors, every example passes, and the
//! `rules` subcommands report as documented.

mod common;

use caleido::commands::rules::example_failures;
use caleido::rules::RuleSet;
use common::{caleido, root};

#[test]
fn shipped_rules_load_and_pass_their_examples() {
    let rules = RuleSet::load(&root().join("keywords")).expect("shipped rules load");
    let failures = example_failures(&rules);
    assert!(failures.is_empty(), "{failures:#?}");
    for m in 1..=5u8 {
        for q in 1..=3 {
            let id = format!("{m}.{q}");
            assert!(rules.rules.iter().any(|r| r.questions.contains(&id)), "no rule for question {id}");
        }
    }
    assert!(rules.rules.iter().all(|r| !r.examples.is_empty()), "every rule has an example");
}

#[test]
fn rules_check_passes_on_shipped_rules() {
    caleido().args(["rules", "check"]).assert().code(0);
}

#[test]
fn rules_explain_names_rule_and_words() {
    let assert =
        caleido().args(["rules", "explain", "Bewoners- en buurtinitiatieven krijgen een wijkbudget."]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("m4.budgetten (mirror 4, 4.1) FIRES"), "{out}");
    assert!(out.contains("wijkbudget"), "{out}");
}

#[test]
fn explain_says_what_a_context_rule_needs_in_a_document() {
    let assert = caleido().args(["rules", "explain", "Participatie"]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("m1.kop-deelname (mirror 1, 1.2) FIRES"), "{out}");
    assert!(out.contains("in a document it fires only on a heading (heading_only)"), "{out}");
    assert!(out.contains("only next to a sentence another mirror 1 rule matched (beside_match)"), "{out}");
}

#[test]
fn explain_says_why_an_exception_stops_a_rule() {
    let assert = caleido()
        .args(["rules", "explain", "Het Europees burgerinitiatief is een instrument van de EU."])
        .assert()
        .code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("m1.referendum (mirror 1, 1.2) does not fire"), "{out}");
    assert!(out.contains("except `europees burgerinitiatief`"), "{out}");
}

fn run_ok(args: &[&str]) -> (String, String) {
    let assert = caleido().args(args).assert().code(0);
    let o = assert.get_output();
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn check_with_corpus_warns_but_exits_zero() {
    let (out, err) = run_ok(&[
        "rules",
        "check",
        "tests/fixtures/rules-stance",
        "--corpus",
        "tests/fixtures/rules-corpus",
        "--words",
    ]);
    assert!(err.contains("m1.toml:4: warning: rule `s1.participatie` never fires on the corpus"), "{err}");
    assert!(err.contains("warning: rule `s4.initiatief`: wildcard `buurt*`"), "{err}");
    assert!(out.contains("rule `s4.initiatief`: `buurt*` accepts"), "{out}");
    assert!(out.contains("corpus: 1 documents"), "{out}");
}

#[test]
fn check_with_a_missing_corpus_fails() {
    caleido().args(["rules", "check", "--corpus", "tests/fixtures/no-such-folder"]).assert().code(2);
}

#[test]
fn explain_shows_stance_cue_and_near_misses() {
    let (out, _) =
        run_ok(&["rules", "explain", "Wij zijn tegen wijkbudgetten.", "--rules", "tests/fixtures/rules-stance"]);
    assert!(out.contains("stance: contra"), "{out}");
    assert!(out.contains("cue `zijn tegen`"), "{out}");
    let (out, _) = run_ok(&["rules", "explain", "Het participatiebeleid.", "--rules", "tests/fixtures/rules-stance"]);
    assert!(out.contains("no rule has a matching term\nnear misses (one change away, closest first):"), "{out}");
    assert!(out.contains("`participatiebeleid` would match `participatie*`"), "{out}");
}

#[test]
fn export_writes_yaml_to_a_file_and_liwc_to_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("rules.yml");
    let file_arg = file.to_string_lossy().into_owned();
    let rules = "tests/fixtures/rules-export";
    let (_, err) = run_ok(&["rules", "export", "--format", "yaml", "--rules", rules, "--out", &file_arg]);
    let yaml = std::fs::read_to_string(&file).expect("yaml written");
    assert!(yaml.contains("  \"4.3\":\n    - \"wijkbudget*\""), "{yaml}");
    assert_eq!(err.lines().count(), 1, "one summary line: {err}");
    assert!(err.starts_with("note: 4 term(s) written; left out: 1 NEAR terms, 1 except terms;"), "{err}");
    let (liwc, err) = run_ok(&["rules", "export", "--format", "liwc", "--rules", rules, "--verbose"]);
    assert!(liwc.starts_with("%\n1\tmirror1\n"), "{liwc}");
    assert!(err.contains("note: rule `x4.steun`: NEAR terms: `subsidie* NEAR/6 initiatie*` left out\n"), "{err}");
    assert!(err.contains("1 terms with * in front (LIWC)"), "{err}");
}

#[test]
fn a_stance_example_with_the_wrong_stance_fails_the_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("r");
    caleido::rules::source::dump(&rules, false).expect("dump");
    let meta = rules.join("ruleset.toml");
    let text = std::fs::read_to_string(&meta).unwrap();
    let text =
        text.replace("contra_examples = [\n", "contra_examples = [\n    \"Elke wijk krijgt een wijkbudget.\",\n");
    let line = text.lines().position(|l| l.contains("\"Elke wijk krijgt een wijkbudget.\"")).unwrap() + 1;
    std::fs::write(&meta, text).unwrap();
    let assert = caleido().args(["rules", "check"]).arg(&rules).assert().code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains(&format!("ruleset.toml:{line}: stance example \"Elke wijk krijgt een wijkbudget.\" should be contra, but its stance is pro")),
        "{err}"
    );
    assert!(err.contains("warning: the rule files changed since content_hash"), "{err}");
}
