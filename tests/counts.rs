//! `counts.csv` agrees with `passages.csv` and `scores.csv`: per document, a mirror's (question's,
//! rule's) hits are the rows of `passages.csv` that name it and its words the sum of their `words`;
//! words over the document's words give the shares in `scores.csv`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{caleido, cell, read_csv};

fn score(inputs: &[&str], out: &Path, extra: &[&str]) {
    caleido().arg("score").args(inputs).args(["--no-date", "--out"]).arg(out).args(extra).assert().code(0);
}

/// (file, feature) -> (hits, words), summed from `passages.csv`.
fn from_passages(out: &Path) -> BTreeMap<(String, String), (usize, usize)> {
    let (h, rows) = read_csv(&out.join("passages.csv"));
    let mut sums: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut units = BTreeSet::new();
    for r in &rows {
        let file = cell(&h, r, "file").to_string();
        let words: usize = cell(&h, r, "words").parse().unwrap();
        let mut features = vec![format!("m{}", cell(&h, r, "mirror"))];
        features.extend(cell(&h, r, "questions").split(';').filter(|q| !q.is_empty()).map(|q| format!("q{q}")));
        features.extend(cell(&h, r, "rules").split(';').filter(|q| !q.is_empty()).map(|q| format!("rule:{q}")));
        if units.insert((file.clone(), cell(&h, r, "sentence").to_string())) {
            features.push("initiative".into());
        }
        for f in features {
            let e = sums.entry((file.clone(), f)).or_default();
            e.0 += 1;
            e.1 += words;
        }
    }
    sums
}

fn check_run(out: &Path) -> usize {
    let expected = from_passages(out);
    let (h, rows) = read_csv(&out.join("counts.csv"));
    let (sh, scores) = read_csv(&out.join("scores.csv"));
    let features: Vec<&String> = h[6..].iter().filter(|c| !c.ends_with("_words")).collect();
    assert_eq!(h.len(), 6 + 2 * features.len(), "every feature has a _words column");
    let mut checked = 0;
    for (r, s) in rows.iter().zip(&scores) {
        let file = cell(&h, r, "file");
        assert_eq!(file, cell(&sh, s, "file"), "same rows in the same order");
        let total: usize = cell(&h, r, "words").parse().unwrap();
        assert_eq!(cell(&sh, s, "words"), total.to_string());
        for f in &features {
            let hits: usize = cell(&h, r, f).parse().unwrap();
            let words: usize = cell(&h, r, &format!("{f}_words")).parse().unwrap();
            let want = expected.get(&(file.to_string(), f.to_string())).copied().unwrap_or_default();
            assert_eq!((hits, words), want, "{file} {f}");
            checked += usize::from(hits > 0);
            let share_col = match f.as_str() {
                "initiative" => "initiative_pct".to_string(),
                m if m.starts_with('m') || m.starts_with('q') => format!("{m}_pct"),
                _ => continue,
            };
            let share: f64 = cell(&sh, s, &share_col).parse().unwrap();
            let ours = if total == 0 { 0.0 } else { words as f64 * 100.0 / total as f64 };
            assert!((share - ours).abs() <= 0.005 + 1e-9, "{file} {share_col}: {share} vs {ours}");
        }
    }
    checked
}

#[test]
fn counts_agree_with_passages_and_scores_on_the_fixtures() {
    let out = tempfile::tempdir().unwrap();
    score(&["tests/fixtures/text", "tests/fixtures/places"], out.path(), &["--rules", "tests/fixtures/rules"]);
    assert!(check_run(out.path()) > 5);
    let (h, _) = read_csv(&out.path().join("counts.csv"));
    assert!(h.contains(&"rule:t1.inspraak".to_string()));
}

#[test]
fn counts_agree_with_passages_on_the_sample_corpus() {
    let out = tempfile::tempdir().unwrap();
    score(&["corpus"], out.path(), &[]);
    assert!(check_run(out.path()) > 50);
}

#[test]
fn rules_that_never_fire_still_have_columns() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    score(&["tests/fixtures/text"], a.path(), &["--rules", "tests/fixtures/rules"]);
    score(&["tests/fixtures/places"], b.path(), &["--rules", "tests/fixtures/rules"]);
    let (ha, _) = read_csv(&a.path().join("counts.csv"));
    let (hb, _) = read_csv(&b.path().join("counts.csv"));
    assert_eq!(ha, hb, "same rules, same layout");
    let rules = std::fs::read_dir("tests/fixtures/rules").unwrap();
    let ids: Vec<String> = rules
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .flat_map(|t| {
            t.lines().filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"').map(String::from)).collect::<Vec<_>>()
        })
        .collect();
    assert!(ids.len() > 3);
    for id in ids {
        assert!(ha.contains(&format!("rule:{id}")), "{id}");
    }
}

#[test]
fn scores_carry_question_shares_intervals_and_verdicts_in_both_dialects() {
    let out = tempfile::tempdir().unwrap();
    score(&["corpus"], out.path(), &[]);
    let (h, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(h[23], "duplicate_of", "the old columns keep their place");
    assert_eq!(h[24], "q1.1_pct");
    let ranking = ["rank", "initiative_low", "initiative_high", "next_party", "gap_to_next", "party_as_written"];
    assert_eq!(h[h.len() - 6..], ranking);
    let mut ranks: Vec<usize> = rows.iter().map(|r| cell(&h, r, "rank").parse().unwrap()).collect();
    ranks.sort();
    assert_eq!(ranks, [1, 2, 3, 4, 5, 6]);
    for r in &rows {
        let (lo, share, hi): (f64, f64, f64) = (
            cell(&h, r, "initiative_low").parse().unwrap(),
            cell(&h, r, "initiative_pct").parse().unwrap(),
            cell(&h, r, "initiative_high").parse().unwrap(),
        );
        assert!(lo <= share + 0.01 && share <= hi + 0.01, "{lo} {share} {hi}");
        let last = cell(&h, r, "rank") == "6";
        assert_eq!(cell(&h, r, "gap_to_next").is_empty(), last);
        assert!(last || ["clear", "too_close"].contains(&cell(&h, r, "gap_to_next")));
    }
    let nl = tempfile::tempdir().unwrap();
    score(&["corpus"], nl.path(), &["--csv-dialect", "excel-nl"]);
    let text = String::from_utf8(std::fs::read(nl.path().join("scores.csv")).unwrap()[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let nl_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for (r, n) in rows.iter().zip(&nl_rows) {
        for (i, v) in r.iter().enumerate() {
            let want = if v.parse::<f64>().is_ok() { v.replace('.', ",") } else { v.clone() };
            assert_eq!(n[i], want, "column {}", h[i]);
        }
    }
    let counts = std::fs::read(nl.path().join("counts.csv")).unwrap();
    assert!(counts.starts_with("\u{feff}file;party;place;year;status;words;initiative;".as_bytes()));
}
