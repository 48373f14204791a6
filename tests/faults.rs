//! Fault injection (issue 12): no run loses a report. Long cells, empty runs, FIFOs, unreadable
//! and looping folders, killed and concurrent runs, metadata variants and looped PDF forms.

mod common;

use std::path::{Path, PathBuf};

use common::{caleido, cell, fixture, read_csv};

const GROEN: &str = "tests/fixtures/text/dorp-2026/Groen.txt";

/// Runs `caleido score` on `inputs` into `out` and returns (exit code, stderr).
fn score(inputs: &[&Path], out: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let output = caleido().arg("score").args(inputs).arg("--out").arg(out).args(extra).output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A folder holding a copy of `Groen.txt` under `name`.
fn folder_with_groen(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(GROEN, dir.path().join(name)).unwrap();
    dir
}

fn files_of(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walk(dir).iter().map(|p| p.strip_prefix(dir).unwrap().display().to_string()).collect();
    names.sort();
    names
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and only reads this process's user id.
    unsafe { libc::geteuid() == 0 }
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: c is a valid NUL-terminated path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

#[test]
fn a_sentence_and_a_party_name_over_excels_cell_limit_are_cut_in_the_workbook_only() {
    let input = tempfile::tempdir().unwrap();
    let filler = ", en groene straten met bomen".repeat(1_500);
    let sentence = format!("Elke wijk krijgt een eigen wijkbudget dat bewoners zelf besteden{filler}.");
    assert!(sentence.len() > 43_000);
    std::fs::write(input.path().join("lang.txt"), format!("{sentence}\n")).unwrap();
    let party = "P".repeat(40_000);
    std::fs::write(input.path().join("metadata.csv"), format!("file,party\nlang.txt,{party}\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (h, rows) = read_csv(&out.path().join("passages.csv"));
    assert!(cell(&h, &rows[0], "text").len() > 43_000, "the CSV keeps the whole sentence");
    assert_eq!(cell(&h, &rows[0], "party").len(), 40_000);
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(out.path().join("scorecard.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Bewijs").unwrap();
    let text = sheet.get_value((1, 7)).unwrap().to_string();
    assert!(
        text.ends_with("[ingekort: volledige tekst in scores.csv of passages.csv]"),
        "{}",
        &text[text.len() - 80..]
    );
    assert!(text.encode_utf16().count() <= 32_767);
    for f in ["scorecard.md", "scorecard.html", "scores.csv"] {
        assert!(out.path().join(f).is_file(), "{f}");
    }
}

#[test]
fn a_run_with_nothing_to_score_exits_2_and_leaves_the_previous_reports() {
    let out = tempfile::tempdir().unwrap();
    let good = folder_with_groen("Groen.txt");
    assert_eq!(score(&[good.path()], out.path(), &[]).0, Some(0));
    let before: Vec<Vec<u8>> =
        files_of(out.path()).iter().map(|f| std::fs::read(out.path().join(f)).unwrap()).collect();
    let nothing = tempfile::tempdir().unwrap();
    std::fs::write(nothing.path().join("prog.rtf"), b"PK").unwrap();
    std::fs::write(nothing.path().join(".verborgen.txt"), b"tekst").unwrap();
    let (code, stderr) = score(&[nothing.path()], out.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("prog.rtf: unsupported format"), "{stderr}");
    assert!(stderr.contains(".verborgen.txt: hidden"), "{stderr}");
    assert!(stderr.contains("left as they were"), "{stderr}");
    let after: Vec<Vec<u8>> = files_of(out.path()).iter().map(|f| std::fs::read(out.path().join(f)).unwrap()).collect();
    assert_eq!(before, after);
}

#[test]
fn skipped_files_are_listed_on_stderr_and_in_skipped_csv() {
    let input = folder_with_groen("Groen.txt");
    std::fs::write(input.path().join("prog.rtf"), b"PK").unwrap();
    std::fs::write(input.path().join("README.md"), b"# notes").unwrap();
    std::fs::create_dir(input.path().join("oud-rapport")).unwrap();
    std::fs::write(input.path().join("oud-rapport/.caleido-report"), b"").unwrap();
    std::fs::write(input.path().join("oud-rapport/scorecard.md"), b"# old").unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (h, rows) = read_csv(&out.path().join("skipped.csv"));
    let reasons: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (Path::new(cell(&h, r, "path")).file_name().unwrap().to_string_lossy().into(), cell(&h, r, "reason").into())
        })
        .collect();
    for (name, reason) in [("prog.rtf", "unsupported"), ("README.md", "note"), ("oud-rapport", "report folder")] {
        assert!(reasons.iter().any(|(n, r)| n == name && r.starts_with(reason)), "{name}: {reasons:?}");
        assert!(stderr.contains(&format!("{name}: {reason}")), "{stderr}");
    }
}

#[test]
fn a_named_unsupported_file_and_a_report_folder_as_input_are_reported() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("prog.rtf"), b"PK").unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[&input.path().join("prog.rtf")], out.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("prog.rtf: unsupported format"), "{stderr}");
    // A report folder given as the input is not scored (its scorecard.md is no programme).
    let reports = tempfile::tempdir().unwrap();
    assert_eq!(score(&[Path::new(GROEN)], reports.path(), &[]).0, Some(0));
    let (code, stderr) = score(&[reports.path()], out.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("report folder"), "{stderr}");
}

#[test]
fn an_output_folder_that_contains_an_input_is_refused() {
    let top = tempfile::tempdir().unwrap();
    std::fs::create_dir(top.path().join("sub")).unwrap();
    std::fs::copy(GROEN, top.path().join("sub/Groen.txt")).unwrap();
    let (code, stderr) = score(&[&top.path().join("sub")], top.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("contains the input"), "{stderr}");
    assert!(!top.path().join(".caleido-report").exists(), "the parent was not marked");
}

#[test]
fn an_output_folder_that_holds_programmes_is_refused_and_not_marked() {
    let top = tempfile::tempdir().unwrap();
    std::fs::create_dir(top.path().join("sub")).unwrap();
    std::fs::copy(GROEN, top.path().join("sub/Groen.txt")).unwrap();
    let (code, stderr) = score(&[top.path()], &top.path().join("sub"), &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("holds a programme (Groen.txt)"), "{stderr}");
    assert!(!top.path().join("sub/.caleido-report").exists(), "the programme folder was not marked");
    let out = top.path().join("reports");
    assert_eq!(score(&[&top.path().join("sub")], &out, &[]).0, Some(0));
    assert_eq!(score(&[&top.path().join("sub")], &out, &[]).0, Some(0), "a report folder is reused");
}

#[test]
fn symlinked_folders_are_followed_and_loops_are_listed() {
    let input = tempfile::tempdir().unwrap();
    let elsewhere = folder_with_groen("Groen.txt");
    std::os::unix::fs::symlink(elsewhere.path(), input.path().join("link")).unwrap();
    std::fs::create_dir(input.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(input.path(), input.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(input.path().join("nowhere"), input.path().join("dangling.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (_, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["link/Groen.txt"]);
    assert!(stderr.contains("sub/loop: symlink loop"), "{stderr}");
    assert!(stderr.contains("dangling.txt: unreadable"), "{stderr}");
}

#[test]
fn an_unreadable_subfolder_is_listed_and_the_rest_is_scored() {
    if is_root() {
        eprintln!("skipped: tests run as root, and root reads a folder without permissions");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let input = folder_with_groen("Groen.txt");
    let locked = input.path().join("dicht");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("dicht: unreadable"), "{stderr}");
}

#[test]
fn a_fifo_is_skipped_at_once_not_read() {
    let input = folder_with_groen("Groen.txt");
    mkfifo(&input.path().join("x.txt"));
    let out = tempfile::tempdir().unwrap();
    // A read of the FIFO would block for the whole --timeout (600 s): the test would hang.
    let (code, stderr) = score(&[input.path()], out.path(), &["--timeout", "600"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("x.txt: not a regular file (FIFO)"), "{stderr}");
    let (code, stderr) = score(&[&input.path().join("x.txt")], out.path(), &["--timeout", "600"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("x.txt: not a regular file (FIFO)"), "{stderr}");
}

#[test]
fn many_jobs_are_lowered_not_fatal() {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[Path::new("tests/fixtures/text")], out.path(), &["-j", "100"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("-j 100 lowered to"), "{stderr}");
}

/// The bytes of every report file (the lock file aside) under `dir`.
fn report_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_of(dir)
        .into_iter()
        .filter(|f| f != ".caleido.lock")
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "uses a test hook only debug builds have")]
fn a_run_killed_during_the_commit_leaves_one_whole_set() {
    let places = fixture("places");
    let text = fixture("text");
    // The sets a clean run makes of each input.
    let clean_text = tempfile::tempdir().unwrap();
    assert_eq!(score(&[&text], clean_text.path(), &["--no-date"]).0, Some(0));
    for (step, expected) in [("staged", &places), ("journal", &text), ("renaming", &text)] {
        let out = tempfile::tempdir().unwrap();
        let (code, _) = score(&[&places], out.path(), &["--no-date"]);
        assert!(code == Some(0) || code == Some(1));
        let old = report_bytes(out.path());
        let killed = caleido()
            .env("CALEIDO_TEST_ABORT_AT", step)
            .args(["score", "--no-date", "--out"])
            .arg(out.path())
            .arg(&text)
            .output()
            .unwrap();
        assert_eq!(killed.status.code(), None, "{step}: the hook aborts the run");
        // The next run, even one that scores nothing, repairs the folder before anything else.
        let nothing = tempfile::tempdir().unwrap();
        let (code, stderr) = score(&[nothing.path()], out.path(), &[]);
        assert_eq!(code, Some(2), "{stderr}");
        let now = report_bytes(out.path());
        if expected == &places {
            assert_eq!(now, old, "{step}: the previous set stays whole");
        } else {
            assert_eq!(now, report_bytes(clean_text.path()), "{step}: the new set is completed");
        }
        assert!(now.iter().all(|(f, _)| !f.ends_with(".tmp") && !f.starts_with(".caleido-staging")), "{step}");
    }
}

#[test]
fn files_of_earlier_runs_are_removed() {
    let out = tempfile::tempdir().unwrap();
    score(&[&fixture("places"), &fixture("text")], out.path(), &[]);
    assert!(files_of(out.path()).iter().any(|f| f.starts_with("places/")));
    assert_eq!(score(&[&fixture("text")], out.path(), &[]).0, Some(0));
    let files = files_of(out.path());
    assert!(!files.iter().any(|f| f.starts_with("places/")), "{files:?}");
    assert_eq!(files.iter().filter(|f| f.starts_with("charts/")).count(), 2, "{files:?}");
}

#[test]
fn a_second_run_on_a_locked_folder_refuses_and_names_it() {
    let out = tempfile::tempdir().unwrap();
    let lock = std::fs::File::create(out.path().join(".caleido.lock")).unwrap();
    lock.try_lock().unwrap();
    let (code, stderr) = score(&[Path::new(GROEN)], out.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains(&out.path().display().to_string()) && stderr.contains("another caleido run"), "{stderr}");
    assert!(!out.path().join("scores.csv").exists());
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "uses a test hook only debug builds have")]
fn two_concurrent_runs_on_one_folder_do_not_mix() {
    let out = tempfile::tempdir().unwrap();
    // The first run hangs on Blauw.txt until its 3-second time limit, holding the lock.
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("caleido"))
        .current_dir(common::root())
        .env("CALEIDO_TEST_HANG", "Blauw.txt")
        .args(["score", "tests/fixtures/text", "-j", "1", "--timeout", "3", "--out"])
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lock_path = out.path().join(".caleido.lock");
    loop {
        let taken = std::fs::File::open(&lock_path).is_ok_and(|f| f.try_lock().is_err());
        if taken {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (code, stderr) = score(&[&fixture("places")], out.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(first.wait().unwrap().code(), Some(1), "the first run finishes (Blauw.txt timed out)");
    let (_, rows) = read_csv(&out.path().join("scores.csv"));
    assert!(rows.iter().all(|r| r[0].starts_with("dorp-2026/")), "only the first run's files: {rows:?}");
}

#[test]
fn metadata_in_dutch_with_semicolons_and_windows_1252_is_read_and_unused_rows_are_warned() {
    let input = folder_with_groen("Groen.txt");
    std::fs::copy(GROEN, input.path().join("Rood.txt")).unwrap();
    let mut csv = b"bestand;partij;plaats;jaar\r\n".to_vec();
    csv.extend_from_slice(b"Groen.txt;Co\xf6peratieve Partij;Dorp;2026\r\n");
    csv.extend_from_slice(b"Groen.txt;Dubbel;Dorp;2026\r\n");
    csv.extend_from_slice(b"Rood.txt;\"Rood;Dorp;2026\r\n");
    csv.extend_from_slice(b"Weg.txt;Weg;Dorp;2026\r\n");
    std::fs::write(input.path().join("metadata.csv"), csv).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (h, rows) = read_csv(&out.path().join("scores.csv"));
    let party = |f: &str| cell(&h, rows.iter().find(|r| r[0] == f).unwrap(), "party").to_string();
    assert_eq!(party("Groen.txt"), "Coöperatieve Partij");
    assert_eq!(party("Rood.txt"), "Rood", "the row with the open quote is not used: the name comes from the file");
    for warning in
        ["read as Windows-1252", ":3: Groen.txt already has a row", ":4: a quote is not closed", "no file Weg.txt"]
    {
        assert!(stderr.contains(warning), "{warning}: {stderr}");
    }
}

#[test]
fn metadata_in_english_with_commas_still_works() {
    let input = folder_with_groen("Groen.txt");
    std::fs::write(input.path().join("metadata.csv"), "file,party,place,year\nGroen.txt,\"Groen, Links\",Dorp,2026\n")
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (h, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(cell(&h, &rows[0], "party"), "Groen, Links");
    assert_eq!(cell(&h, &rows[0], "place"), "Dorp");
}

#[test]
fn a_pdf_with_looped_forms_gives_the_same_text_in_every_process() {
    let pdf = fixture("loop/looped-xobjects.pdf");
    let runs: Vec<Vec<u8>> =
        (0..20).map(|_| caleido().args(["extract", "--plain"]).arg(&pdf).output().unwrap().stdout).collect();
    assert!(runs.iter().all(|r| r == &runs[0]), "every process gives the same text");
    let text = String::from_utf8_lossy(&runs[0]);
    assert!(text.contains("Bewoners beheren samen het buurthuis"), "the form the page draws keeps its text: {text}");
}

#[test]
fn names_with_line_breaks_and_bytes_that_are_not_utf8_stay_apart_and_keep_tables_whole() {
    use std::os::unix::ffi::OsStrExt;
    let input = tempfile::tempdir().unwrap();
    for name in [&b"caf\xe9.txt"[..], b"caf\xe8.txt", b"twee\nregels.txt"] {
        std::fs::copy(GROEN, input.path().join(std::ffi::OsStr::from_bytes(name))).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = score(&[input.path()], out.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (_, rows) = read_csv(&out.path().join("scores.csv"));
    let mut files: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    files.sort();
    assert_eq!(files, ["caf\\xE8.txt", "caf\\xE9.txt", "twee\nregels.txt"]);
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    assert!(md.lines().filter(|l| l.starts_with('|')).all(|l| l.ends_with('|')), "{md}");
}

#[test]
fn direction_controls_do_not_reach_the_reports() {
    let input = tempfile::tempdir().unwrap();
    let text = "Elke wijk krijgt een eigen \u{202E}wijkbudget\u{202C} dat bewoners zelf besteden.\n";
    std::fs::write(input.path().join("Groen.txt"), text).unwrap();
    std::fs::write(input.path().join("metadata.csv"), "file,party\nGroen.txt,\u{2067}Groen\u{2069}\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(score(&[input.path()], out.path(), &[]).0, Some(0));
    for f in ["scores.csv", "passages.csv", "scorecard.md", "scorecard.html"] {
        let s = std::fs::read_to_string(out.path().join(f)).unwrap();
        assert!(!s.chars().any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')), "{f}");
        assert!(s.contains("Groen"), "{f}");
    }
}

#[test]
fn rules_check_warns_about_a_term_of_common_words_only() {
    let dir = shipped_rules_copy();
    let m1 = dir.path().join("m1-wie-maken-de-programmas.toml");
    let text = std::fs::read_to_string(&m1).unwrap()
        + "\n[[rule]]\nid = \"m1.traag\"\nquestions = [\"1.2\"]\nterms = [\"ver*\"]\n";
    std::fs::write(&m1, text).unwrap();
    let output = caleido().args(["rules", "check"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "a warning, not an error: {stderr}");
    assert!(stderr.contains("rule `m1.traag`") && stderr.contains("much slower"), "{stderr}");
}

#[test]
fn rules_check_warns_about_a_lift_term_no_rule_uses() {
    let dir = shipped_rules_copy();
    let meta = dir.path().join("ruleset.toml");
    let text =
        std::fs::read_to_string(&meta).unwrap().replace("unless = [\"ondernemer*\",", "unless = [\"ondernemer\",");
    std::fs::write(&meta, text).unwrap();
    let output = caleido().args(["rules", "check"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("[lift] unless `ondernemer` is in no rule's `unless` list"), "{stderr}");
    // The warning says why; the example that needs the lift then fails, which is the error.
    assert!(stderr.contains("does not match its example \"De gemeente helpt inwoners, ondernemers"), "{stderr}");
    let shipped = caleido().args(["rules", "check"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&shipped.stderr).contains("[lift]"), "every shipped lift term is used");
}

/// A temporary copy of the shipped rule folder, to break.
fn shipped_rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("keywords").unwrap().map(Result::unwrap) {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}
