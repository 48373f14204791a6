//! `caleido compare` and the party alias table end to end: one party under three spellings in
//! three national elections (`tests/fixtures/compare`).

mod common;

use std::path::Path;

use common::{caleido, cell, read_csv};

fn compare(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    caleido().args(["compare", "tests/fixtures/compare", "--out"]).arg(out).args(extra).assert()
}

fn row<'a>(rows: &'a [Vec<String>], h: &[String], year: &str, measure: &str) -> &'a [String] {
    rows.iter()
        .find(|r| cell(h, r, "year") == year && cell(h, r, "measure") == measure)
        .unwrap_or_else(|| panic!("no row {year} {measure}"))
}

#[test]
fn one_party_under_three_spellings_is_compared_across_national_elections() {
    let out = tempfile::tempdir().unwrap();
    compare(out.path(), &["-j", "1"]).code(0).stdout(predicates::str::contains("compared 1 party (3 programmes)"));
    let (h, rows) = read_csv(&out.path().join("compare.csv"));
    assert_eq!(rows.len(), 3 * 6, "three programmes, six measures; Blauw and the municipal one left out");
    assert!(rows.iter().all(|r| cell(&h, r, "party") == "ChristenUnie" && cell(&h, r, "level") == "national"));
    let first = row(&rows, &h, "2021", "initiative");
    assert_eq!(cell(&h, first, "party_as_written"), "CU");
    assert_eq!(cell(&h, first, "previous_year"), "");
    let up = row(&rows, &h, "2025", "initiative");
    assert_eq!(cell(&h, up, "previous_year"), "2023");
    assert_eq!(cell(&h, up, "verdict"), "clear");
    let low: f64 = cell(&h, up, "change_low_pts").parse().unwrap();
    assert!(low > 0.0, "a clear rise: its interval excludes zero ({low})");
    let flat = row(&rows, &h, "2023", "initiative");
    assert_eq!(cell(&h, flat, "party_as_written"), "Christen Unie");
    assert_eq!(cell(&h, flat, "verdict"), "too_close");
    let md = std::fs::read_to_string(out.path().join("compare.md")).unwrap();
    assert!(md.contains("## ChristenUnie · Tweede Kamer\n"), "{md}");
    assert!(md.contains("(geschreven als CU)"), "{md}");
    assert!(md.contains("- 2023 → 2025: initiatief van 0,63% naar 5,96%, +5,33 procentpunt"), "{md}");
    assert!(md.contains("): duidelijk.\n"), "{md}");
    let html = std::fs::read_to_string(out.path().join("compare.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">")
            && html.contains("<h2>ChristenUnie · Tweede Kamer</h2>")
    );
}

#[test]
fn english_and_reruns_on_more_threads_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    compare(a.path(), &["-j", "1", "--lang", "en"]).code(0);
    compare(b.path(), &["-j", "2", "--lang", "en"]).code(0);
    for f in ["compare.md", "compare.html", "compare.csv"] {
        assert_eq!(std::fs::read(a.path().join(f)).unwrap(), std::fs::read(b.path().join(f)).unwrap(), "{f}");
    }
    let md = std::fs::read_to_string(a.path().join("compare.md")).unwrap();
    assert!(md.contains("## ChristenUnie · House of Representatives\n"), "{md}");
    assert!(
        md.contains("(written as CU)") && md.contains("percentage points (95% interval +2.20 to +8.35): clear."),
        "{md}"
    );
}

#[test]
fn party_filter_takes_any_spelling_and_names_the_choices_when_it_finds_none() {
    let out = tempfile::tempdir().unwrap();
    compare(out.path(), &["--party", "cu", "--no-isolation"]).code(0);
    let (_, rows) = read_csv(&out.path().join("compare.csv"));
    assert_eq!(rows.len(), 18);
    let other = tempfile::tempdir().unwrap();
    compare(other.path(), &["--party", "Blauw", "--no-isolation"]).code(2).stderr(predicates::str::contains(
        "--party Blauw: not found at two elections or more; parties that are: ChristenUnie",
    ));
    assert!(!other.path().join("compare.md").exists());
}

#[test]
fn a_folder_with_score_reports_is_refused() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("scores.csv"), "file\n").unwrap();
    compare(out.path(), &[]).code(2).stderr(predicates::str::contains("holds the reports of `caleido score`"));
    assert_eq!(std::fs::read_to_string(out.path().join("scores.csv")).unwrap(), "file\n");
}

#[test]
fn scores_use_the_report_name_and_keep_the_spelling() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/compare", "--no-isolation", "--out"]).arg(out.path()).assert().code(0);
    let (h, rows) = read_csv(&out.path().join("scores.csv"));
    let cu = rows.iter().find(|r| r[0] == "tk2021_CU.txt").unwrap();
    assert_eq!((cell(&h, cu, "party"), cell(&h, cu, "party_as_written")), ("ChristenUnie", "CU"));
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    assert!(!md.contains("| CU |") && md.contains("| ChristenUnie |"), "{md}");
}

#[test]
fn a_spelling_with_two_names_stops_the_run_with_file_and_line() {
    let rules = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(common::root().join("keywords")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), rules.path().join(e.file_name())).unwrap();
    }
    std::fs::write(rules.path().join("partijen.csv"), "alias,naam\nGL,GroenLinks\nGL,GroenLinks-PvdA\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["score", "tests/fixtures/compare", "--rules"])
        .arg(rules.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("partijen.csv:3: `GL` is already the spelling of `GroenLinks` (line 2)"));
}
