//! `caleido kwic`: keyword in context over fixture programmes.

mod common;

use common::{caleido, fixture};

/// Runs kwic and returns (exit code, CSV header, rows, stderr).
fn kwic(args: &[&str]) -> (i32, Vec<String>, Vec<Vec<String>>, String) {
    let output = caleido().arg("kwic").args(args).output().expect("runs");
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().expect("header").iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.expect("row").iter().map(String::from).collect()).collect();
    (output.status.code().unwrap_or(-1), headers, rows, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn lexicon() -> String {
    fixture("lexicon").display().to_string()
}

#[test]
fn a_wildcard_term_lists_every_match_with_metadata_and_context() {
    let (code, headers, rows, err) = kwic(&["wijkbudget*", &lexicon(), "--window", "3"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(headers, ["file", "party", "place", "year", "page", "line", "left", "match", "right"]);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows[0][..4], ["dorp-2026/Akker.txt", "Akker", "Dorp", "2026"]);
    assert_eq!(rows[0][6..], ["wijk krijgt een", "wijkbudget", "dat de dorpsraad"]);
    assert!(err.contains("      2  dorp-2026/Akker.txt"), "{err}");
    assert!(err.contains("5 hit(s) of term `wijkbudget*` in 3 of 4 document(s); 0 file(s) skipped"), "{err}");
}

#[test]
fn a_near_term_matches_from_its_first_to_its_last_word() {
    let (code, _, rows, err) = kwic(&["dorpsraad NEAR/2 wijkbudget", &lexicon()]);
    assert_eq!(code, 0, "{err}");
    let matched: Vec<&str> = rows.iter().map(|r| r[7].as_str()).collect();
    // "dorpsraad adviseert over het wijkbudget" has three words between: beyond NEAR/2.
    assert_eq!(matched, ["wijkbudget dat de dorpsraad", "dorpsraad en een wijkbudget"]);
}

#[test]
fn a_rule_id_searches_the_rule_with_its_exceptions() {
    let rules = fixture("rules").display().to_string();
    let (_, _, by_term, _) = kwic(&["*initiatie*", &lexicon()]);
    assert!(by_term.iter().any(|r| r[7] == "initiatiefvoorstel"), "the term alone finds it");
    let (code, _, by_rule, err) = kwic(&["t4.budget", &lexicon(), "--rules", &rules]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("7 hit(s) of rule t4.budget"), "{err}");
    assert!(!by_rule.iter().any(|r| r[7] == "initiatiefvoorstel"), "the rule's except keeps it out");
}

#[test]
fn unreadable_files_are_reported_and_skipped() {
    let (code, _, rows, err) = kwic(&["wijkbudget", &fixture("mixed").display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("skipped: junk.pdf: not-a-pdf"), "{err}");
    assert!(err.contains("skipped: empty.txt: empty"), "{err}");
    assert!(rows.iter().any(|r| r[0] == "good.txt"), "{rows:?}");
}

#[test]
fn output_is_the_same_bytes_on_every_run() {
    let run = || caleido().args(["kwic", "*initiatie*", &lexicon()]).output().expect("runs").stdout;
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}

#[test]
fn excel_dialect_uses_semicolons_after_a_byte_order_mark() {
    let out = caleido().args(["kwic", "dorpsraad", &lexicon(), "--csv-dialect", "excel-nl"]).output().unwrap();
    assert!(out.stdout.starts_with("\u{feff}file;party;place;year;page;line;left;match;right".as_bytes()));
}

#[test]
fn a_bad_pattern_stops_before_reading() {
    let (code, _, rows, err) = kwic(&["bu*rt", &lexicon()]);
    assert_eq!(code, 2);
    assert!(rows.is_empty());
    assert!(err.contains("a * may only stand at the start or end of a word"), "{err}");
}

#[test]
fn excluded_documents_are_not_read() {
    let (code, _, rows, err) = kwic(&["dorpsraad", &lexicon(), "--exclude", "Akker", "--exclude", "Beek"]);
    assert_eq!(code, 0, "{err}");
    assert!(rows.iter().all(|r| r[0] == "dorp-2026/Can.txt"), "{rows:?}");
    assert!(err.contains("excluded: 2 file(s) named by --exclude"), "{err}");
    assert!(err.contains("in 1 of 2 document(s)"), "{err}");
}
