//! Snapshot of the Markdown scorecard on a small fixture with a fixed rule set
//! (`tests/fixtures/rules`), so any change to the report is seen and rule edits are not.

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
