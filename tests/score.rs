//! Integration tests of `caleido score`: columns, figures, evidence and exit codes.

mod common;

use common::{caleido, cell, fixture, read_csv};

#[test]
fn scores_csv_has_the_promised_columns_and_figures() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/text", "--out"]).arg(out.path()).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("scores.csv"));
    let expected = "file,party,place,year,pages,sentences,words,initiative_pct,m1_pct,m2_pct,m3_pct,m4_pct,m5_pct,\
m1_sentences,m2_sentences,m3_sentences,m4_sentences,m5_sentences,questions_addressed,status,set_aside_words,reused_pct,\
reused_from,duplicate_of,q1.1_pct,q1.2_pct,q1.3_pct,q2.1_pct,q2.2_pct,q2.3_pct,q3.1_pct,q3.2_pct,q3.3_pct,\
q4.1_pct,q4.2_pct,q4.3_pct,q5.1_pct,q5.2_pct,q5.3_pct,rank,initiative_low,initiative_high,next_party,gap_to_next,party_as_written";
    assert_eq!(headers.join(","), expected);
    assert_eq!(rows.len(), 2);
    let groen = rows.iter().find(|r| r[0] == "dorp-2026/Groen.txt").unwrap();
    assert_eq!(cell(&headers, groen, "party"), "Groen");
    assert_eq!(cell(&headers, groen, "party_as_written"), "Groen");
    assert_eq!(cell(&headers, groen, "place"), "Dorp");
    assert_eq!(cell(&headers, groen, "year"), "2026");
    assert_eq!(cell(&headers, groen, "pages"), "0");
    assert_eq!(cell(&headers, groen, "sentences"), "5");
    assert_eq!(cell(&headers, groen, "words"), "39");
    // Inspraak (13 words), wijkbudget (10) and faciliteert (7) sentences: 30 of 39 words.
    assert_eq!(cell(&headers, groen, "initiative_pct"), "76.92");
    assert_eq!(cell(&headers, groen, "m1_sentences"), "1");
    assert_eq!(cell(&headers, groen, "m4_sentences"), "1");
    assert_eq!(cell(&headers, groen, "status"), "ok");
    let pct: f64 = cell(&headers, groen, "m1_pct").parse().unwrap();
    assert!((pct - 33.33).abs() < 1e-9, "m1_pct {pct}");
    assert_eq!(cell(&headers, groen, "q1.2_pct"), "33.33");
    assert_eq!(cell(&headers, groen, "rank"), "1");
    assert_eq!(cell(&headers, groen, "next_party"), "Blauw");
}

#[test]
fn passages_csv_holds_the_evidence_with_stance() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/text", "--out"]).arg(out.path()).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("passages.csv"));
    assert_eq!(
        headers.join(","),
        "file,party,page,sentence,mirror,questions,rules,terms,stance,text,heading,line,source_url,words"
    );
    let budget = rows.iter().find(|r| cell(&headers, r, "terms").contains("wijkbudget") && r[1] == "Groen").unwrap();
    assert_eq!(cell(&headers, budget, "mirror"), "4");
    assert_eq!(cell(&headers, budget, "questions"), "4.1");
    assert_eq!(cell(&headers, budget, "rules"), "m4.budgetten");
    assert_eq!(cell(&headers, budget, "stance"), "pro");
    assert_eq!(cell(&headers, budget, "text"), "Elke wijk krijgt een eigen wijkbudget dat bewoners zelf besteden.");
    assert_eq!(cell(&headers, budget, "words"), "10");
    let against = rows.iter().find(|r| r[1] == "Blauw" && cell(&headers, r, "mirror") == "4").unwrap();
    assert_eq!(cell(&headers, against, "stance"), "contra");
}

#[test]
fn real_pdf_pages_are_scored_with_page_numbers() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/pdf", "--out"]).arg(out.path()).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(cell(&headers, &rows[0], "party"), "CDA");
    assert_eq!(cell(&headers, &rows[0], "place"), "Amsterdam");
    assert_eq!(cell(&headers, &rows[0], "pages"), "2");
    let (ph, prows) = read_csv(&out.path().join("passages.csv"));
    assert!(!prows.is_empty());
    let pages: Vec<&str> = prows.iter().map(|r| cell(&ph, r, "page")).collect();
    assert!(pages.iter().all(|p| *p == "1" || *p == "2"), "{pages:?}");
    assert!(prows.iter().all(|r| !cell(&ph, r, "text").contains('\n')));
}

#[test]
fn a_batch_with_broken_files_still_scores_the_good_ones() {
    let out = tempfile::tempdir().unwrap();
    let assert = caleido().args(["score", "tests/fixtures/mixed", "--out"]).arg(out.path()).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("Windows-1252"), "{stderr}");
    let (headers, rows) = read_csv(&out.path().join("scores.csv"));
    let status = |f: &str| cell(&headers, rows.iter().find(|r| r[0] == f).unwrap(), "status").to_string();
    assert_eq!(status("good.txt"), "ok");
    assert_eq!(status("cp1252.txt"), "ok");
    assert_eq!(status("junk.pdf"), "not-a-pdf");
    assert_eq!(status("empty.txt"), "empty");
    assert!(status("truncated.pdf").starts_with("damaged"), "{}", status("truncated.pdf"));
    assert!(out.path().join("scorecard.html").exists());
}

#[test]
fn two_runs_give_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let limit = ["--max-memory", "128"];
    // RUST_BACKTRACE=1 once made a worker hang on a caught parser panic (see isolate::child).
    let run = |j: &str, out: &std::path::Path| {
        caleido()
            .env("RUST_BACKTRACE", "1")
            .args(["score", "tests/fixtures", "-j", j])
            .args(limit)
            .arg("--out")
            .arg(out)
            .assert()
            .code(1);
    };
    run("1", a.path());
    run("2", b.path());
    for f in ["scores.csv", "passages.csv", "scorecard.md", "scorecard.html"] {
        assert_eq!(std::fs::read(a.path().join(f)).unwrap(), std::fs::read(b.path().join(f)).unwrap(), "{f}");
    }
}

#[test]
fn bad_rules_stop_the_run_before_any_document_is_read() {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
    std::fs::write(
        rules.path().join("m1.toml"),
        "mirror = 1\ntitle = \"x\"\n[[rule]]\nid = \"a\"\nquestions = [\"2.1\"]\nterms = [\"bu*rt\"]\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let assert = caleido()
        .args(["score", "tests/fixtures/text", "--rules"])
        .arg(rules.path())
        .arg("--out")
        .arg(out.path().join("r"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("m1.toml:5: question `2.1`"), "{stderr}");
    assert!(stderr.contains("m1.toml:6: terms: `bu*rt`"), "{stderr}");
    assert!(!out.path().join("r").exists());
}

#[test]
fn missing_input_is_a_fatal_error() {
    caleido().args(["score", "no/such/folder"]).assert().code(2);
    let _ = fixture("text");
}
