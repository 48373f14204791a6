//! Saved sites: a folder of saved web pages of one party is one programme (issue 15).

mod common;

use std::path::Path;

use common::{caleido, cell, fixture, read_csv};

const BASE: &str = "https://www.heiloo-2000.nl/verkiezingsprogramma/";

/// Scores `input` into a fresh folder; returns the rows of `scores.csv` and `passages.csv` with headers.
fn score(input: &Path) -> [(Vec<String>, Vec<Vec<String>>); 2] {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "--out"]).arg(out.path()).arg(input).assert().success();
    [read_csv(&out.path().join("scores.csv")), read_csv(&out.path().join("passages.csv"))]
}

#[test]
fn a_folder_of_saved_pages_is_one_programme_with_a_page_per_saved_page() {
    let [(sh, scores), (ph, passages)] = score(&fixture("sites"));
    assert_eq!(scores.len(), 1, "{scores:?}");
    let row = &scores[0];
    assert_eq!(cell(&sh, row, "file"), "heiloo-2026/HEILOO-2000");
    assert_eq!(cell(&sh, row, "party"), "HEILOO-2000");
    assert_eq!((cell(&sh, row, "place"), cell(&sh, row, "year")), ("Heiloo", "2026"));
    assert_eq!(cell(&sh, row, "pages"), "3");
    assert!(!passages.is_empty());
    for p in &passages {
        let page = cell(&ph, p, "page");
        let path = match page {
            "1" => "",
            "2" => "themas-1/",
            "3" => "themas-2/",
            other => panic!("page {other}"),
        };
        assert_eq!(cell(&ph, p, "source_url"), format!("{BASE}{path}"), "{p:?}");
    }
}

#[test]
fn extract_of_a_saved_site_reads_its_pages_in_order_without_repeated_blocks() {
    let out = caleido().arg("extract").arg(fixture("sites/heiloo-2026/HEILOO-2000")).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let pages: Vec<&str> = text.lines().filter(|l| l.starts_with("== page")).collect();
    assert_eq!(pages, ["== page 1 ==", "== page 2 ==", "== page 3 =="], "{text}");
    let page_of = |needle: &str| text[..text.find(needle).unwrap()].matches("== page").count();
    assert_eq!(page_of("## [2] Inleiding"), 1, "{text}");
    assert_eq!(page_of("Wonen en leefbaarheid"), 2, "{text}");
    assert_eq!(page_of("Financieel beleid"), 3, "{text}");
    for furniture in ["als Heiloo je lief is", "Alle rechten voorbehouden", "Beheer toestemming", "Privacyverklaring"] {
        assert!(!text.contains(furniture), "{furniture} in:\n{text}");
    }
}

/// Copies fixture `from` to `dir/to`.
fn put(dir: &Path, from: &str, to: &str) {
    let target = dir.join(to);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(fixture(from), target).unwrap();
}

#[test]
fn a_place_folder_mixing_a_web_page_and_a_text_stays_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "web/cda-heiloo/themas.htm", "heiloo-2026/CDA.htm");
    put(dir.path(), "web/text/heiloo-2000.txt", "heiloo-2026/HEILOO-2000.txt");
    let [(sh, scores), _] = score(dir.path());
    let parties: Vec<&str> = scores.iter().map(|r| cell(&sh, r, "party")).collect();
    assert_eq!(parties, ["CDA", "HEILOO-2000"]);
}

#[test]
fn a_folder_of_web_pages_with_a_subfolder_of_programmes_is_not_a_site() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "web/cda-heiloo/themas.htm", "heiloo-2026/CDA.htm");
    put(dir.path(), "web/heiloo-2000/verkiezingsprogramma.html", "heiloo-2026/HEILOO-2000.html");
    put(dir.path(), "web/text/cda-heiloo.txt", "heiloo-2026/archief/CDA-2022.txt");
    let [(sh, scores), _] = score(dir.path());
    let files: Vec<&str> = scores.iter().map(|r| cell(&sh, r, "file")).collect();
    assert_eq!(files, ["heiloo-2026/CDA.htm", "heiloo-2026/HEILOO-2000.html", "heiloo-2026/archief/CDA-2022.txt"]);
}

#[test]
fn a_metadata_row_for_the_folder_names_the_site() {
    let dir = tempfile::tempdir().unwrap();
    for page in ["index.html", "themas-1.html", "themas-2.html"] {
        put(dir.path(), &format!("sites/heiloo-2026/HEILOO-2000/{page}"), &format!("heiloo-2026/site/{page}"));
    }
    std::fs::write(dir.path().join("metadata.csv"), "file,party\nheiloo-2026/site,Heiloo 2000\n").unwrap();
    let [(sh, scores), _] = score(dir.path());
    assert_eq!(scores.len(), 1);
    assert_eq!(cell(&sh, &scores[0], "party"), "Heiloo 2000");
    assert_eq!(cell(&sh, &scores[0], "place"), "Heiloo");
}

#[test]
fn a_saved_site_scores_as_its_text_twin() {
    let [(sh, site), _] = score(&fixture("sites"));
    let [(th, text), _] = score(&fixture("web/text/heiloo-2000.txt"));
    for column in ["sentences", "words", "initiative_pct", "m1_pct", "m2_pct", "m3_pct", "m4_pct", "m5_pct"] {
        assert_eq!(cell(&sh, &site[0], column), cell(&th, &text[0], column), "{column}");
    }
}
