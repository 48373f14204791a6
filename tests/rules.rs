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
fn explain_says_why_an_exception_stops_a_rule() {
    let assert = caleido()
        .args(["rules", "explain", "Het Europees burgerinitiatief is een instrument van de EU."])
        .assert()
        .code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("m1.referendum (mirror 1, 1.2) does not fire"), "{out}");
    assert!(out.contains("except `europees burgerinitiatief`"), "{out}");
}
