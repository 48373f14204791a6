//! Integration tests of the validation kit: a full round (sample, two coders' sheets, agree,
//! score with validation), the Dutch Excel dialect, and the tool's F1 against `caleido eval`'s.

mod common;

use std::path::Path;

use common::{caleido, cell, fixture, read_csv};

/// What a coder writes for a unit, by words in it (a made-up but fixed coding).
fn code_for(unit: &str, second_coder: bool) -> &'static str {
    let table: [(&str, &str, &str); 6] = [
        ("inspraak bij de plannen", "1", "1"),
        ("wijkbudget", "4", "4"),
        ("faciliteert", "2;4", "2"),
        ("regels voor verenigingen", "2", "2"),
        ("Als lid", "0", "1"),
        ("politie", "0", ""),
    ];
    for (words, first, second) in table {
        if unit.contains(words) {
            return if second_coder { second } else { first };
        }
    }
    "0"
}

/// Writes a coder's sheet: the sample sheet with `mirrors` filled, in the sheet's own dialect.
fn fill_sheet(sheet: &Path, out: &Path, second_coder: bool, delimiter: u8) {
    let text = std::fs::read_to_string(sheet).unwrap();
    let mut r =
        csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_path(out).unwrap();
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let mut row: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        let mirrors = code_for(cell(&headers, &row, "unit"), second_coder);
        let i = headers.iter().position(|h| h == "mirrors").unwrap();
        row[i] = mirrors.to_string();
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

fn sample(inputs: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    let out = caleido()
        .args(["sample", inputs, "--rules", "tests/fixtures/rules", "--n", "100", "--seed", "5", "--out"])
        .arg(dir.join("sample.csv"))
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn a_full_round_sample_two_coders_agree_and_score_with_validation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sample("tests/fixtures/text", d, &["--csv-dialect", "excel-nl"]);
    let sheet = std::fs::read(d.join("sample.csv")).unwrap();
    assert!(sheet.starts_with("\u{feff}id;file;party;page;line;heading;before;unit;after;mirrors;".as_bytes()));
    let key = std::fs::read_to_string(d.join("sample.key.csv")).unwrap();
    assert!(key.contains("t1.inspraak") && key.contains("t4.budget"), "the key holds the rules that fired");
    let sheet_text = String::from_utf8(sheet).unwrap();
    assert!(!sheet_text.contains("t1.") && !sheet_text.contains("t4.") && !sheet_text.contains("tool"), "blind sheet");
    assert!(std::fs::read_to_string(d.join("codeerwijzer.md")).unwrap().contains("Spiegel 4: Is er tastbare steun?"));

    fill_sheet(&d.join("sample.csv"), &d.join("anna.csv"), false, b';');
    fill_sheet(&d.join("sample.csv"), &d.join("bob.csv"), true, b';');
    let out = caleido()
        .arg("agree")
        .arg(d.join("anna.csv"))
        .arg(d.join("bob.csv"))
        .arg("--out")
        .arg(d.join("agree"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().unwrap();
    let re = regex::Regex::new(r"^alpha=-?\d\.\d{3} tool_f1=\d\.\d{3}$").unwrap();
    assert!(re.is_match(last), "{last}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("agree/agree.json")).unwrap()).unwrap();
    assert_eq!(json["coders"][1]["coded"], 8, "bob left the politie unit empty");

    let report = d.join("report");
    caleido()
        .args(["score", "tests/fixtures/text", "--rules", "tests/fixtures/rules", "--no-date", "--validation"])
        .arg(d.join("agree"))
        .arg("--out")
        .arg(&report)
        .assert()
        .success();
    let md = std::fs::read_to_string(report.join("scorecard.md")).unwrap();
    let v = md.find("## Validatie").expect("section in scorecard.md");
    assert!(v < md.find("## Methode").unwrap());
    assert!(md[v..].contains("2 codeurs: anna (9 eenheden), bob (8 eenheden)"), "{}", &md[v..]);
    assert!(std::fs::read_to_string(report.join("scorecard.html")).unwrap().contains("<h2 id=\"validatie\">"));
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook(report.join("scorecard.xlsx")).unwrap();
    assert!(wb.sheet_names().iter().any(|s| s == "Validatie"));
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sample("tests/fixtures/text", a.path(), &[]);
    sample("tests/fixtures/text", b.path(), &[]);
    for f in ["sample.csv", "sample.key.csv", "codeerwijzer.md"] {
        assert_eq!(std::fs::read(a.path().join(f)).unwrap(), std::fs::read(b.path().join(f)).unwrap(), "{f}");
    }
}

/// On a census (every unit coded, so every weight is 1) the tool's F1 per mirror and its macro-F1
/// from `agree` are those of `caleido eval` with the coder's codes as gold.
#[test]
fn tool_f1_matches_caleido_eval_on_the_same_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sample("tests/fixtures/eval/programmes", d, &[]);
    fill_sheet(&d.join("sample.csv"), &d.join("anna.csv"), false, b',');
    let (h, rows) = read_csv(&d.join("anna.csv"));
    let gold = d.join("gold");
    std::fs::create_dir(&gold).unwrap();
    let mut w = csv::Writer::from_path(gold.join("dorp2026_Eval.csv")).unwrap();
    w.write_record(["doc", "page", "mirrors", "questions", "stance", "sentence", "note"]).unwrap();
    for r in &rows {
        let unit = cell(&h, r, "unit");
        w.write_record(["dorp2026_Eval", cell(&h, r, "page"), cell(&h, r, "mirrors"), "", "", unit, ""]).unwrap();
    }
    w.flush().unwrap();
    caleido().arg("agree").arg(d.join("anna.csv")).arg("--out").arg(d.join("agree")).assert().success();
    caleido()
        .args(["eval", "--rules", "tests/fixtures/rules", "--gold"])
        .arg(&gold)
        .arg(fixture("eval/programmes"))
        .arg("--out")
        .arg(d.join("eval"))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("agree/agree.json")).unwrap()).unwrap();
    let (eh, erows) = read_csv(&d.join("eval/eval-mirrors.csv"));
    let f1 = |prf: &serde_json::Value| {
        let tp = prf["true_positives"].as_f64().unwrap();
        let (p, r) = (tp / prf["predicted"].as_f64().unwrap(), tp / prf["coded"].as_f64().unwrap());
        if p.is_nan() || r.is_nan() || p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    };
    let mut sum = 0.0;
    for m in 0..5 {
        let ours = f1(&json["agreed"]["mirrors"][m]);
        sum += ours;
        let row = erows.iter().find(|r| r[0] == (m + 1).to_string()).unwrap();
        assert_eq!(format!("{ours:.3}"), cell(&eh, row, "f1"), "mirror {}", m + 1);
    }
    let macro_row = erows.iter().find(|r| r[0] == "macro").unwrap();
    assert_eq!(format!("{:.3}", sum / 5.0), cell(&eh, macro_row, "f1"));
    let stdout = String::from_utf8(
        caleido().arg("agree").arg(d.join("anna.csv")).arg("--out").arg(d.join("a2")).output().unwrap().stdout,
    )
    .unwrap();
    assert!(stdout.trim_end().ends_with(&format!("alpha=NA tool_f1={:.3}", sum / 5.0)), "{stdout}");
}

#[test]
fn a_bad_mirrors_cell_stops_agree_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sample("tests/fixtures/text", d, &[]);
    fill_sheet(&d.join("sample.csv"), &d.join("good.csv"), false, b',');
    let text = std::fs::read_to_string(d.join("good.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let (head, tail) = lines[2].rsplit_once(",,,").unwrap();
    let mirrors = head.rsplit_once(',').unwrap().0;
    lines[2] = format!("{mirrors},7,,,{tail}");
    std::fs::write(d.join("anna.csv"), lines.join("\n")).unwrap();
    let out = caleido().arg("agree").arg(d.join("anna.csv")).arg("--out").arg(d.join("agree")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("row 3 (id u002): mirrors `7`"), "{stderr}");
    assert!(!d.join("agree").exists());
}
