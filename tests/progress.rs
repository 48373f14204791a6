//! Progress a person can follow (issue 13): plain lines when stderr is no terminal, a line for
//! the report stage, the `--stats` figures, and the same report bytes with or without them.

mod common;

use common::caleido;

/// Runs `caleido score` on the text fixtures into a fresh folder; returns (stderr, scores.csv).
fn score(extra: &[&str]) -> (String, Vec<u8>) {
    let out = tempfile::tempdir().unwrap();
    let output = caleido()
        .args(["score", "tests/fixtures/text", "--no-date", "-j", "1", "--out"])
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    (String::from_utf8_lossy(&output.stderr).into_owned(), std::fs::read(out.path().join("scores.csv")).unwrap())
}

#[test]
fn without_a_terminal_progress_comes_as_plain_lines() {
    let (stderr, _) = score(&["--progress-interval", "0"]);
    let files = stderr.lines().filter(|l| l.starts_with("caleido: ") && l.contains(" files, ")).count();
    assert!(files >= 1, "no progress line in:\n{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("caleido: ") && l.ends_with("writing reports ...")), "{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("caleido: reports written in ")), "{stderr}");
}

#[test]
fn a_short_run_without_a_terminal_stays_quiet() {
    let (stderr, _) = score(&[]);
    assert!(!stderr.contains("caleido: "), "{stderr}");
}

#[test]
fn stats_name_stage_times_and_peak_memory_and_reports_stay_the_same() {
    let (quiet, plain_scores) = score(&[]);
    let (stderr, scores) = score(&["--stats", "--progress-interval", "0"]);
    let line = stderr.lines().find(|l| l.starts_with("stats: ")).unwrap_or_else(|| panic!("no stats in:\n{stderr}"));
    for field in ["files ", "after files ", "reports ", "wall ", "parent peak ", "worker peak "] {
        assert!(line.contains(field), "{field} missing in {line}");
    }
    assert!(!quiet.contains("stats: "));
    assert_eq!(scores, plain_scores);
}
