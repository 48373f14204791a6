//! Helpers shared by the integration tests: run the built binary, read CSV output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The `caleido` binary with the shipped rule folder.
pub fn caleido() -> Command {
    let mut cmd = Command::cargo_bin("caleido").expect("binary");
    cmd.current_dir(root());
    cmd
}

/// Reads a CSV file into its header and rows.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let headers = r.headers().expect("headers").iter().map(String::from).collect();
    let rows = r.records().map(|rec| rec.expect("row").iter().map(String::from).collect()).collect();
    (headers, rows)
}

/// The value of `column` in `row`.
pub fn cell<'a>(headers: &[String], row: &'a [String], column: &str) -> &'a str {
    let i = headers.iter().position(|h| h == column).unwrap_or_else(|| panic!("no column {column}"));
    &row[i]
}
