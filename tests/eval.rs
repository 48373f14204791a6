//! Integration tests of `caleido eval` on a small gold fixture whose figures were computed by hand.

mod common;

use common::{caleido, cell, read_csv};

/// Runs `caleido eval` with the fixture rules and returns the output folder.
fn run_eval(gold: &str, code: i32) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["eval", "--gold", gold, "tests/fixtures/eval/programmes", "--rules", "tests/fixtures/rules", "--out"])
        .arg(out.path())
        .assert()
        .code(code);
    out
}

fn row<'a>(rows: &'a [Vec<String>], first: &str) -> &'a [String] {
    rows.iter().find(|r| r[0] == first).unwrap_or_else(|| panic!("no row {first}"))
}

// The fixture, sentence by sentence (rules fired -> gold):
// 1 inspraak (m1) -> m1; 2 inspraak (m1) -> hard negative; 3 wijkbudget (m4) -> m4;
// 4 faciliteert (m2) -> m2 and m4; 5 nothing -> m2; 6 wijkwethouder (m3) -> not listed;
// 7 nothing -> not listed; a gold m5 sentence that is not in the programme (unaligned).
#[test]
fn per_mirror_precision_recall_f1_match_the_hand_count() {
    let out = run_eval("tests/fixtures/eval/gold", 0);
    let (h, rows) = read_csv(&out.path().join("eval-mirrors.csv"));
    let expect = [
        // mirror, support, predicted, tp, found, P, R, F1
        ("1", "1", "2", "1", "1", "0.500", "1.000", "0.667"),
        ("2", "2", "1", "1", "1", "1.000", "0.500", "0.667"),
        ("3", "0", "1", "0", "0", "0.000", "", "0.000"),
        ("4", "2", "1", "1", "1", "1.000", "0.500", "0.667"),
        ("5", "1", "0", "0", "0", "", "0.000", "0.000"),
    ];
    for (m, support, predicted, tp, found, p, r, f1) in expect {
        let row = row(&rows, m);
        assert_eq!(cell(&h, row, "support"), support, "mirror {m}");
        assert_eq!(cell(&h, row, "predicted"), predicted, "mirror {m}");
        assert_eq!(cell(&h, row, "true_positives"), tp, "mirror {m}");
        assert_eq!(cell(&h, row, "gold_found"), found, "mirror {m}");
        assert_eq!(
            (cell(&h, row, "precision"), cell(&h, row, "recall"), cell(&h, row, "f1")),
            (p, r, f1),
            "mirror {m}"
        );
    }
    // (0.667 + 0.667 + 0 + 0.667 + 0) / 5
    assert_eq!(cell(&h, row(&rows, "macro"), "f1"), "0.400");
}

#[test]
fn per_question_counts_match_the_hand_count() {
    let out = run_eval("tests/fixtures/eval/gold", 0);
    let (h, rows) = read_csv(&out.path().join("eval-questions.csv"));
    assert_eq!(rows.len(), 15);
    let q = row(&rows, "4.1");
    assert_eq!((cell(&h, q, "support"), cell(&h, q, "predicted"), cell(&h, q, "true_positives")), ("2", "1", "1"));
    assert_eq!((cell(&h, q, "precision"), cell(&h, q, "recall"), cell(&h, q, "f1")), ("1.000", "0.500", "0.667"));
    let q = row(&rows, "2.3");
    assert_eq!((cell(&h, q, "support"), cell(&h, q, "gold_found"), cell(&h, q, "f1")), ("1", "0", "0.000"));
}

#[test]
fn shares_use_the_programme_word_count() {
    let out = run_eval("tests/fixtures/eval/gold", 0);
    let (h, rows) = read_csv(&out.path().join("eval-shares.csv"));
    assert_eq!(rows.len(), 6);
    let get = |m: &str| rows.iter().find(|r| cell(&h, r, "mirror") == m).unwrap();
    // 54 words; m1 predicted in sentences 1 and 2 (10 + 8 words), gold in sentence 1 only.
    assert_eq!(cell(&h, get("1"), "words"), "54");
    assert_eq!((cell(&h, get("1"), "predicted_pct"), cell(&h, get("1"), "gold_pct")), ("33.33", "18.52"));
    // m2 gold: sentences 4 and 5 (9 + 7 words); m5's only gold sentence is unaligned, so 0.
    assert_eq!(cell(&h, get("2"), "gold_pct"), "29.63");
    assert_eq!(cell(&h, get("5"), "gold_pct"), "0.00");
    // any mirror: predicted 1, 2, 3, 4, 6 (39 words); gold 1, 3, 4, 5 (32 words).
    assert_eq!((cell(&h, get("any"), "predicted_pct"), cell(&h, get("any"), "gold_pct")), ("72.22", "59.26"));
}

#[test]
fn errors_list_false_positives_and_negatives_with_notes() {
    let out = run_eval("tests/fixtures/eval/gold", 0);
    let (h, rows) = read_csv(&out.path().join("eval-errors.csv"));
    let kinds: Vec<(&str, &str)> = rows.iter().map(|r| (cell(&h, r, "mirror"), cell(&h, r, "kind"))).collect();
    assert_eq!(kinds, [("1", "fp"), ("2", "fn"), ("3", "fp"), ("4", "fn"), ("5", "fn")]);
    assert_eq!(cell(&h, &rows[0], "gold_note"), "party membership");
    assert_eq!(cell(&h, &rows[0], "rules"), "t1.inspraak");
    assert_eq!(cell(&h, &rows[3], "rules"), "t2.faciliteren");
    assert_eq!(cell(&h, &rows[4], "gold_note"), "unaligned");
    let summary = std::fs::read_to_string(out.path().join("eval-summary.md")).unwrap();
    assert!(summary.contains("1 of 6 gold sentences could not be aligned"), "{summary}");
    assert!(summary.contains("macro-F1 over the five mirrors: 0.400"), "{summary}");
}

#[test]
fn summary_goes_to_stdout_and_outputs_are_reproducible() {
    let a = run_eval("tests/fixtures/eval/gold", 0);
    let b = run_eval("tests/fixtures/eval/gold", 0);
    for name in ["eval-mirrors.csv", "eval-questions.csv", "eval-shares.csv", "eval-errors.csv", "eval-summary.md"] {
        let (x, y) = (std::fs::read(a.path().join(name)).unwrap(), std::fs::read(b.path().join(name)).unwrap());
        assert_eq!(x, y, "{name} differs between runs");
    }
    caleido()
        .args(["eval", "--gold", "tests/fixtures/eval/gold", "tests/fixtures/eval/programmes"])
        .args(["--rules", "tests/fixtures/rules", "--out"])
        .arg(a.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("| 1 | Wie maken de programma's? | 1 | 2 | 0.500 | 1.000 | 0.667 |"));
}

#[test]
fn a_gold_file_without_its_programme_is_reported_and_exits_1() {
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["eval", "--gold", "tests/fixtures/eval/gold-missing", "tests/fixtures/eval/programmes"])
        .args(["--rules", "tests/fixtures/rules", "--out"])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("gold nergens2026_X: no programme with this file stem"));
    let (h, rows) = read_csv(&out.path().join("eval-mirrors.csv"));
    assert_eq!(cell(&h, row(&rows, "1"), "support"), "1");
}

#[test]
fn a_missing_gold_folder_is_fatal() {
    caleido().args(["eval", "--gold", "tests/fixtures/eval/none", "tests/fixtures/eval/programmes"]).assert().code(2);
}

/// Runs `caleido eval` on the split fixture (a check document and a sampled tune document).
fn run_split(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["eval", "--gold", "tests/fixtures/eval/split", "tests/fixtures/eval", "--rules", "tests/fixtures/rules"])
        .args(extra)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Check split (from README.md): dorp2026_Eval."))
        .stdout(predicates::str::contains("## Mirrors: check split, whole documents (headline)"));
    out
}

// Sampled gold: only listed sentences count. Listed: inspraak (m1, predicted m1), faciliteert
// (coded 0, predicted m2), "meer huizen" (coded m4, predicted nothing). The wijkbudget sentence
// is predicted m4 but not listed, so it counts nowhere.
#[test]
fn check_comes_first_and_sampled_gold_counts_only_listed_sentences() {
    let out = run_split(&[]);
    let (h, rows) = read_csv(&out.path().join("eval-mirrors.csv"));
    assert_eq!(cell(&h, &rows[0], "set"), "check");
    let tune = |m: &str| rows.iter().find(|r| r[0] == m && cell(&h, r, "set") == "tune-sampled").unwrap();
    let counts = |m: &str| {
        let r = tune(m);
        ["support", "predicted", "true_positives"].map(|c| cell(&h, r, c).to_string())
    };
    assert_eq!(counts("1"), ["1", "1", "1"]);
    assert_eq!(counts("2"), ["0", "1", "0"]);
    assert_eq!(counts("4"), ["1", "0", "0"]);
    let check = rows.iter().find(|r| r[0] == "macro" && cell(&h, r, "set") == "check").unwrap();
    assert_eq!(cell(&h, check, "f1"), "0.400");
}

#[test]
fn errors_of_check_documents_are_written_only_when_asked() {
    let out = run_split(&[]);
    let (h, rows) = read_csv(&out.path().join("eval-errors.csv"));
    let kinds: Vec<(&str, &str, &str)> =
        rows.iter().map(|r| (cell(&h, r, "mirror"), cell(&h, r, "kind"), cell(&h, r, "set"))).collect();
    assert_eq!(kinds, [("2", "fp", "tune-sampled"), ("4", "fn", "tune-sampled")]);
    let out = run_split(&["--all-errors"]);
    let (h, rows) = read_csv(&out.path().join("eval-errors.csv"));
    assert_eq!(rows.iter().filter(|r| cell(&h, r, "set") == "check").count(), 5);
}

// Two programmes; the baseline rules lack `wijkbudget*`. These rules find 4 of the 6 mirror 4
// sentences and are never wrong (F1 0.8); the baseline finds none (F1 0). Only mirror 4 has
// 5 or more gold sentences, so it alone makes the macro-F1.
#[test]
fn a_baseline_gets_the_difference_with_an_interval_from_paired_resamples() {
    let out = tempfile::tempdir().unwrap();
    let assert = caleido()
        .args(["eval", "--gold", "tests/fixtures/eval/pair/gold", "tests/fixtures/eval/pair/programmes"])
        .args(["--rules", "tests/fixtures/rules", "--baseline", "tests/fixtures/eval/pair/baseline-rules", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("95% interval of that macro-F1, drawing the 2 documents again 2000 times: "), "{stdout}");
    assert!(stdout.contains("## Against the baseline rules"), "{stdout}");
    assert!(stdout.contains("Baseline: test-rules-old 1.0"), "{stdout}");
    assert!(stdout.contains("| tune | 2 | 0.000 | 0.800 | +0.800 | "), "{stdout}");
    assert!(stdout.contains(" | 100% / 0% |"), "{stdout}");
    let summary = std::fs::read_to_string(out.path().join("eval-summary.md")).unwrap();
    assert!(stdout.starts_with(&summary), "the summary file is what was printed");
    // The CSV carries the intervals the summary prints.
    let (h, rows) = read_csv(&out.path().join("eval-mirrors.csv"));
    let supported = row(&rows, "macro_supported");
    let line = format!("2000 times: {} to {}\n", cell(&h, supported, "f1_low"), cell(&h, supported, "f1_high"));
    assert!(!cell(&h, supported, "f1_low").is_empty() && stdout.contains(&line), "{line} in {stdout}");
}

#[test]
fn a_broken_baseline_folder_is_fatal_before_any_programme_is_scored() {
    caleido()
        .args(["eval", "--gold", "tests/fixtures/eval/pair/gold", "tests/fixtures/eval/pair/programmes"])
        .args(["--rules", "tests/fixtures/rules", "--baseline", "tests/fixtures/eval/none"])
        .assert()
        .code(2)
        .stdout(predicates::str::is_empty())
        .stderr(predicates::str::contains("tests/fixtures/eval/none"));
}
