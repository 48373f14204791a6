//! The rules built into the binary: every command works from any folder without `--rules`,
//! and `rules dump` writes them out to edit, giving the same reports with `--rules`.

mod common;

use assert_cmd::Command;
use common::fixture;

/// The binary, run from an empty folder elsewhere (no `keywords/` beside it).
fn caleido_in(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("caleido").expect("binary");
    cmd.current_dir(dir);
    cmd
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn score_works_from_an_empty_folder_without_rules() {
    let here = tempfile::tempdir().unwrap();
    let assert = caleido_in(here.path()).args(["score", "--no-date"]).arg(fixture("text")).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("rules caleido-nl"), "{out}");
    let scores = read(&here.path().join("caleido-report/scores.csv"));
    assert!(scores.contains("dorp-2026/Groen.txt,Groen,Dorp,2026"), "{scores}");
    let passages = read(&here.path().join("caleido-report/passages.csv"));
    assert!(passages.contains("m4.budgetten"), "{passages}");
}

#[test]
fn a_dumped_folder_scores_as_the_builtin_rules_with_the_same_label() {
    let here = tempfile::tempdir().unwrap();
    caleido_in(here.path()).args(["rules", "dump", "mijn-regels"]).assert().code(0);
    for (rel, bytes) in caleido::rules::source::builtin_files() {
        assert_eq!(std::fs::read(here.path().join("mijn-regels").join(rel)).unwrap(), *bytes, "{rel}");
    }
    let inputs = fixture("text");
    caleido_in(here.path()).args(["score", "--no-date", "--out", "a"]).arg(&inputs).assert().code(0);
    caleido_in(here.path())
        .args(["score", "--no-date", "--out", "b", "--rules", "mijn-regels"])
        .arg(&inputs)
        .assert()
        .code(0);
    for file in ["scores.csv", "passages.csv", "scorecard.md"] {
        assert_eq!(read(&here.path().join("a").join(file)), read(&here.path().join("b").join(file)), "{file}");
    }
    let builtin = caleido::rules::RuleSet::builtin().unwrap();
    assert!(read(&here.path().join("a/scorecard.md")).contains(&builtin.label()));
}

#[test]
fn dump_refuses_a_folder_that_is_not_empty_without_force() {
    let here = tempfile::tempdir().unwrap();
    std::fs::create_dir(here.path().join("regels")).unwrap();
    std::fs::write(here.path().join("regels/notitie.txt"), "mijn aantekeningen").unwrap();
    let assert = caleido_in(here.path()).args(["rules", "dump", "regels"]).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("not empty"));
    caleido_in(here.path()).args(["rules", "dump", "regels", "--force"]).assert().code(0);
    assert_eq!(read(&here.path().join("regels/notitie.txt")), "mijn aantekeningen");
    assert!(here.path().join("regels/ruleset.toml").is_file());
}

#[test]
fn the_rule_commands_use_the_builtin_rules_from_any_folder() {
    let here = tempfile::tempdir().unwrap();
    caleido_in(here.path()).args(["rules", "check"]).assert().code(0);
    let assert = caleido_in(here.path()).args(["rules", "explain", "Elke wijk krijgt een wijkbudget."]).assert();
    let out = String::from_utf8_lossy(&assert.code(0).get_output().stdout).into_owned();
    assert!(out.contains("m4.budgetten (mirror 4, 4.1) FIRES   [keywords/m4-"), "{out}");
    caleido_in(here.path()).args(["rules", "export", "--format", "yaml"]).assert().code(0);
    caleido_in(here.path()).args(["kwic", "m4.budgetten"]).arg(fixture("text")).assert().code(0);
    caleido_in(here.path()).args(["extract", "--matches"]).arg(fixture("text/dorp-2026/Groen.txt")).assert().code(0);
}

#[test]
fn a_bad_rules_folder_is_named_with_file_and_line() {
    let here = tempfile::tempdir().unwrap();
    caleido_in(here.path()).args(["rules", "dump", "r"]).assert().code(0);
    let m4 = std::fs::read_dir(here.path().join("r"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("m4-"))
        .unwrap();
    let text = read(&m4).replacen("\"wijkbudget*\"", "\"wijk NEAR6 budget\"", 1);
    std::fs::write(&m4, text).unwrap();
    let assert = caleido_in(here.path()).args(["rules", "check", "r"]).assert().code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("m4-is-er-tastbare-steun.toml:"), "{err}");
    assert!(err.contains("`NEAR6`"), "{err}");
}
