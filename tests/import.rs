//! `caleido rules import`: a LIWC `.dic` and a quanteda YAML dictionary become rule folders that
//! `rules check` accepts and that score; a YAML export imports back to the same scores.

mod common;

use common::{caleido, fixture, read_csv};

fn run(args: &[&str], code: i32) -> (String, String) {
    let assert = caleido().args(args).assert().code(code);
    let o = assert.get_output();
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Scores the test programmes with a rule folder; returns passages.csv as (header, rows).
fn passages(rules: &str, out: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = path(&fixture("text"));
    run(&["score", &text, "--no-date", "--rules", rules, "--out", &path(out)], 0);
    read_csv(&out.join("passages.csv"))
}

fn column(headers: &[String], rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = headers.iter().position(|h| h == name).unwrap();
    rows.iter().map(|r| r[i].clone()).collect()
}

#[test]
fn a_liwc_dictionary_imports_checks_and_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let out = path(&tmp.path().join("liwc"));
    let dic = path(&fixture("import/caleido-test.dic"));
    let map = path(&fixture("import/map.txt"));
    let (said, err) = run(&["rules", "import", "--format", "liwc", &dic, "--out", &out, "--map", &map], 0);
    assert!(said.starts_with("wrote 3 rule(s) with 8 term(s) for mirror(s) 1, 4"), "{said}");
    assert!(
        err.contains("caleido-test.dic:16: note: entry `ab*` left out: `ab*`: a wildcard needs at least 3 letters")
    );
    let (checked, _) = run(&["rules", "check", &out], 0);
    assert!(checked.starts_with("3 rules in 2 mirrors"), "{checked}");
    let (h, rows) = passages(&out, &tmp.path().join("report"));
    assert_eq!(column(&h, &rows, "rules"), ["m4.steun", "m1.participatie", "m4.steun"]);
    assert_eq!(column(&h, &rows, "terms"), ["wijkbudgetten", "inspraak", "wijkbudget"]);
    let m1 = std::fs::read_to_string(tmp.path().join("liwc/m1-import.toml")).unwrap();
    assert!(m1.contains("\"samen met inwoners\""), "a multi-word entry is a phrase: {m1}");
}

#[test]
fn a_quanteda_yaml_dictionary_imports_checks_and_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let out = path(&tmp.path().join("yml"));
    let yml = path(&fixture("import/caleido-test.yml"));
    let map = path(&fixture("import/map-yaml.txt"));
    let (said, err) = run(&["rules", "import", "--format", "yaml", &yml, "--out", &out, "--map", &map], 0);
    assert!(said.starts_with("wrote 4 rule(s) with 8 term(s)"), "{said}");
    assert!(err.contains("warning: category `functiewoorden` (2 entries) is not mapped to a mirror: skipped"), "{err}");
    run(&["rules", "check", &out], 0);
    let (h, rows) = passages(&out, &tmp.path().join("report"));
    assert_eq!(column(&h, &rows, "rules"), ["m4.steun-geld", "m1.participatie-inspraak", "m4.steun-geld"]);
    assert_eq!(column(&h, &rows, "stance"), ["contra", "pro", "pro"], "the built-in stance cues come along");
}

#[test]
fn unmapped_categories_stop_an_import_with_strict_and_flags_map_too() {
    let tmp = tempfile::tempdir().unwrap();
    let out = path(&tmp.path().join("x"));
    let dic = path(&fixture("import/caleido-test.dic"));
    let (_, err) =
        run(&["rules", "import", "--format", "liwc", &dic, "--out", &out, "--category", "steun=4", "--strict"], 2);
    assert!(err.contains("not mapped (--strict); nothing written"), "{err}");
    assert!(!tmp.path().join("x").exists());
    let (_, err) = run(&["rules", "import", "--format", "liwc", &dic, "--out", &out], 2);
    assert!(err.contains("no category is mapped to a mirror"), "{err}");
    let (said, _) = run(&["rules", "import", "--format", "liwc", &dic, "--out", &out, "--category", "2=4.2"], 0);
    assert!(said.starts_with("wrote 1 rule(s) with 3 term(s) for mirror(s) 4"), "{said}");
    run(&["rules", "import", "--format", "liwc", &dic, "--out", &out, "--category", "steun=4"], 2);
    run(&["rules", "import", "--format", "liwc", &dic, "--out", &out, "--category", "steun=4", "--force"], 0);
}

#[test]
fn a_yaml_export_imports_back_to_the_same_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let original = path(&fixture("import/roundtrip"));
    let yml = path(&tmp.path().join("export.yml"));
    run(&["rules", "export", "--format", "yaml", "--rules", &original, "--out", &yml], 0);
    let back = path(&tmp.path().join("back"));
    let (said, err) = run(&["rules", "import", "--format", "yaml", &yml, "--out", &back], 0);
    assert!(!err.contains("warning"), "caleido's own names map themselves: {err}");
    assert!(said.starts_with("wrote 3 rule(s)"), "{said}");
    run(&["rules", "check", &back], 0);
    let (h1, r1) = passages(&original, &tmp.path().join("a"));
    let (h2, r2) = passages(&back, &tmp.path().join("b"));
    for col in ["file", "sentence", "mirror", "questions", "terms"] {
        assert_eq!(column(&h1, &r1, col), column(&h2, &r2, col), "{col}");
    }
    let scores = |dir: &str| std::fs::read_to_string(tmp.path().join(dir).join("scores.csv")).unwrap();
    assert_eq!(scores("a"), scores("b"));
    assert!(r1.len() >= 3, "the fixture rules match: {r1:?}");
}

#[test]
fn a_liwc_export_of_the_builtin_rules_imports_and_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let dic = path(&tmp.path().join("caleido.dic"));
    run(&["rules", "export", "--format", "liwc", "--out", &dic], 0);
    let back = path(&tmp.path().join("back"));
    let (said, err) = run(&["rules", "import", "--format", "liwc", &dic, "--out", &back], 0);
    assert!(!err.contains("warning"), "{err}");
    assert!(said.contains("for mirror(s) 1, 2, 3, 4, 5"), "{said}");
    run(&["rules", "check", &back], 0);
}
