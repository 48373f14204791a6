//! `caleido rules suggest`: candidate terms for a rule over fixture programmes.

mod common;

use common::{caleido, fixture};

fn suggest(extra: &[&str]) -> (i32, String, String) {
    let (rules, corpus) = (fixture("rules").display().to_string(), fixture("lexicon").display().to_string());
    let output = caleido()
        .args(["rules", "suggest", "t4.budget", &corpus, "--rules", &rules])
        .args(extra)
        .output()
        .expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

#[test]
fn text_lists_candidates_with_counts_contexts_and_how_to_accept() {
    let before = std::fs::read(fixture("rules/m4.toml")).unwrap();
    let (code, out, err) = suggest(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("rule t4.budget (") && out.contains("matches 5 of 18 distinct sentences (43 words outside the matches, 67 in the other sentences), in 3 of 4 documents"),
        "{out}"
    );
    assert!(out.contains("  1. dorpsraad   z "), "{out}");
    assert!(
        out.contains("4 in matched sentences, 2 in others; in 3 documents, 3 of them in matched sentences"),
        "{out}"
    );
    assert!(
        out.contains("new     dorp-2026/Akker.txt l. 7: De [dorpsraad] krijgt een eigen plek in het gemeentehuis."),
        "{out}"
    );
    assert!(out.contains("accept by adding the term to") && out.contains("m4.toml under t4.budget"), "{out}");
    assert!(!out.contains(". wijkbudget") && !out.contains(". de "), "the rule's words and stop words: {out}");
    assert_eq!(std::fs::read(fixture("rules/m4.toml")).unwrap(), before, "nothing is added to the rule");
}

#[test]
fn csv_has_one_row_per_candidate() {
    let (code, out, err) = suggest(&["--format", "csv", "--top", "1"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..8], ["rank", "term", "z", "log_odds", "in_matched", "in_other", "docs_matched", "docs"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "dorpsraad");
    assert_eq!((&rows[0][4], &rows[0][5], &rows[0][6], &rows[0][7]), ("4", "2", "3", "3"));
    assert!(rows[0][8].starts_with("new: dorp-2026/Akker.txt l. 7: De [dorpsraad]"), "{:?}", &rows[0]);
    assert!(err.contains("Nothing was added to any rule."), "{err}");
}

#[test]
fn the_output_is_the_same_on_every_run() {
    assert_eq!(suggest(&[]).1, suggest(&[]).1);
}

#[test]
fn an_unknown_rule_is_an_error() {
    let rules = fixture("rules").display().to_string();
    let output = caleido()
        .args(["rules", "suggest", "t4.nope", &fixture("lexicon").display().to_string(), "--rules", &rules])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no rule `t4.nope`") && err.contains("t4.budget"), "{err}");
}
