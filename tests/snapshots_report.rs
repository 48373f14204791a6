//! Snapshot of the Markdown scorecard on a small fixture with a fixed rule set
//! (`tests/fixtures/rules`), so any change to the report is seen and rule edits are not; in Dutch and English.

mod common;

use common::caleido;

#[test]
fn scorecard_markdown_snapshot() {
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["score", "tests/fixtures/text", "--rules", "tests/fixtures/rules", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    let md = md.replace(caleido::VERSION, "VERSION");
    insta::assert_snapshot!(md);
}

/// The same scorecard in English (`--lang en`): Markdown, and the HTML page's text.
#[test]
fn scorecard_english_snapshot() {
    let out = tempfile::tempdir().unwrap();
    caleido()
        .args(["score", "tests/fixtures/text", "--rules", "tests/fixtures/rules", "--lang", "en", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    insta::assert_snapshot!("scorecard_markdown_en", md.replace(caleido::VERSION, "VERSION"));
    let html = std::fs::read_to_string(out.path().join("scorecard.html")).unwrap();
    let body = &html[html.find("<body>").unwrap()..html.find("<script>").unwrap()];
    insta::assert_snapshot!("scorecard_html_en", body.replace(caleido::VERSION, "VERSION"));
    let svg = std::fs::read_to_string(out.path().join("charts/dorp-2026.svg")).unwrap();
    assert!(svg.contains("Room for citizen initiative: Dorp 2026") && svg.contains("Source: election programmes"));
}
