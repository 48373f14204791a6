//! Integration tests of issue 5: bad input never takes the batch down, and every output is safe.

mod common;

use std::path::Path;

use common::{caleido, cell, read_csv};

/// The status of `file` in `scores.csv` under `out`.
fn status_of(out: &Path, file: &str) -> String {
    let (headers, rows) = read_csv(&out.join("scores.csv"));
    let row = rows.iter().find(|r| r[0] == file).unwrap_or_else(|| panic!("{file} missing from scores.csv"));
    cell(&headers, row, "status").to_string()
}

#[test]
fn every_bad_kind_gets_its_status_and_exit_code() {
    let cases = [
        ("bomb.pdf", "too-large", 1),
        ("corrupted.pdf", "no-text", 1),
        ("cut.pdf", "damaged: ", 1),
        ("empty-password.pdf", "ok", 0),
        ("empty-password-aes.pdf", "ok", 0),
        ("identity-crypt-filters.pdf", "ok", 0),
        ("linearized-encrypted-leading-junk.pdf", "ok", 0),
        ("aes-no-key-length.pdf", "ok", 0),
        ("encrypted-no-id-blank.pdf", "no-text", 1),
        ("encrypted-blank-page.pdf", "no-text", 1),
        ("empty.pdf", "empty", 1),
        ("encrypted.pdf", "encrypted", 1),
        ("junk.pdf", "not-a-pdf", 1),
        ("pdf-named.txt", "ok", 0),
        ("scanned.pdf", "no-text", 1),
        ("text-named.pdf", "not-a-pdf", 1),
        ("user-password.pdf", "encrypted", 1),
    ];
    for (file, status, code) in cases {
        let out = tempfile::tempdir().unwrap();
        let path = format!("tests/fixtures/bad/{file}");
        caleido().args(["score", &path, "--max-memory", "128", "--out"]).arg(out.path()).assert().code(code);
        let got = status_of(out.path(), file);
        assert!(got == status || (status.ends_with(": ") && got.starts_with(status)), "{file}: {got}");
    }
}

#[test]
fn a_batch_mixing_bad_and_good_files_scores_the_good_ones() {
    let out = tempfile::tempdir().unwrap();
    let assert = caleido()
        .args(["score", "tests/fixtures/bad", "tests/fixtures/text", "-j", "2", "--max-memory", "128", "--out"])
        .arg(out.path())
        .assert()
        .code(1);
    let (_, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(rows.len(), 19, "every input file has a row");
    assert_eq!(status_of(out.path(), "dorp-2026/Groen.txt"), "ok");
    assert_eq!(status_of(out.path(), "dorp-2026/Blauw.txt"), "ok");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("failed: scanned.pdf: no-text"), "{stderr}");
    assert!(stderr.contains("OCR"), "{stderr}");
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "uses a test hook only debug builds have")]
fn a_hanging_file_times_out_and_its_worker_is_replaced() {
    let out = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    caleido()
        .env("CALEIDO_TEST_HANG", "Blauw.txt")
        .args(["score", "tests/fixtures/text", "-j", "1", "--timeout", "2", "--out"])
        .arg(out.path())
        .assert()
        .code(1);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert_eq!(status_of(out.path(), "dorp-2026/Blauw.txt"), "timeout");
    // Groen.txt comes after Blauw.txt: with one worker it was scored by the replacement.
    assert_eq!(status_of(out.path(), "dorp-2026/Groen.txt"), "ok");
}

#[test]
fn isolation_and_in_process_give_identical_bytes_at_any_job_count() {
    let runs: [&[&str]; 3] = [&["-j", "1"], &["-j", "3"], &["--no-isolation", "-j", "2"]];
    let dirs: Vec<tempfile::TempDir> = runs.iter().map(|_| tempfile::tempdir().unwrap()).collect();
    for (args, dir) in runs.iter().zip(&dirs) {
        let inputs = ["tests/fixtures/mixed", "tests/fixtures/pdf", "tests/fixtures/text", "tests/fixtures/inject"];
        caleido().arg("score").args(inputs).args(*args).arg("--out").arg(dir.path()).assert().code(1);
    }
    for f in ["scores.csv", "passages.csv", "scorecard.md", "scorecard.html"] {
        let first = std::fs::read(dirs[0].path().join(f)).unwrap();
        for dir in &dirs[1..] {
            assert_eq!(first, std::fs::read(dir.path().join(f)).unwrap(), "{f}");
        }
    }
}

#[test]
fn files_over_the_size_limit_are_not_read() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/text", "--max-size", "0", "--out"]).arg(out.path()).assert().code(1);
    assert_eq!(status_of(out.path(), "dorp-2026/Groen.txt"), "too-large");
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "uses a test hook only debug builds have")]
fn an_unwritable_output_stops_the_run_before_any_document_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let started = std::time::Instant::now();
    // A worker would hang for 10 minutes on Groen.txt: a quick exit proves nothing was read.
    let assert = caleido()
        .env("CALEIDO_TEST_HANG", "Groen.txt")
        .args(["score", "tests/fixtures/text", "--timeout", "600", "--out"])
        .arg(blocker.join("report"))
        .assert()
        .code(2);
    assert!(started.elapsed().as_secs() < 60);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("not writable") && stderr.contains("nothing was read"), "{stderr}");
}

#[test]
fn the_output_folder_is_never_an_input_folder_nor_read_back() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/text/dorp-2026/Groen.txt", input.path().join("Groen.txt")).unwrap();
    caleido().arg("score").arg(input.path()).arg("--out").arg(input.path()).assert().code(2);
    assert!(!input.path().join("scores.csv").exists());
    let report = input.path().join("report");
    for _ in 0..2 {
        caleido().arg("score").arg(input.path()).arg("--out").arg(&report).assert().code(0);
    }
    let (_, rows) = read_csv(&report.join("scores.csv"));
    assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["Groen.txt"]);
}

#[test]
fn a_failed_run_leaves_the_previous_reports_whole() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/text", "--out"]).arg(out.path()).assert().code(0);
    let before: Vec<Vec<u8>> =
        ["scores.csv", "passages.csv"].iter().map(|f| std::fs::read(out.path().join(f)).unwrap()).collect();
    std::fs::remove_file(out.path().join("scorecard.html")).unwrap();
    std::fs::create_dir(out.path().join("scorecard.html")).unwrap();
    caleido().args(["score", "tests/fixtures/mixed", "--out"]).arg(out.path()).assert().code(2);
    for (f, old) in ["scores.csv", "passages.csv"].iter().zip(before) {
        assert_eq!(std::fs::read(out.path().join(f)).unwrap(), old, "{f}");
    }
    let names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn formulas_and_markup_in_a_programme_stay_text() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/inject", "--out"]).arg(out.path()).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("passages.csv"));
    let texts: Vec<&str> = rows.iter().map(|r| cell(&headers, r, "text")).collect();
    assert!(texts.contains(
        &"'=HYPERLINK(\"http://x\",\"y\") Elke wijk krijgt een eigen wijkbudget dat bewoners zelf besteden."
    ));
    assert!(texts.iter().any(|t| t.starts_with("'+SUM(A1:A9)")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.starts_with(['=', '+', '-', '@'])), "{texts:?}");
    let html = std::fs::read_to_string(out.path().join("scorecard.html")).unwrap();
    assert!(!html.contains("<script>alert"), "the programme's script tag reached the HTML unescaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http://x&quot;"));
}

#[test]
fn help_documents_limits_and_exit_codes() {
    let assert = caleido().args(["score", "--help"]).assert().code(0);
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for want in ["--timeout", "--max-memory", "--max-size", "--no-isolation", "Exit codes", "0  every file scored"] {
        assert!(help.contains(want), "{want} missing from:\n{help}");
    }
}
