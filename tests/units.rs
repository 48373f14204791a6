//! Integration tests of scoring units, repeated text, text clean-up, citable quotes and reuse,
//! on excerpts of real programmes (`tests/fixtures/units`) and constructed programmes
//! (`tests/fixtures/reuse`).

mod common;

use common::{caleido, cell, read_csv};

/// A CSV file's header and rows.
type Table = (Vec<String>, Vec<Vec<String>>);

fn score(folder: &str) -> (tempfile::TempDir, Table, Table) {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", folder, "--out"]).arg(out.path()).assert().code(0);
    let scores = read_csv(&out.path().join("scores.csv"));
    let passages = read_csv(&out.path().join("passages.csv"));
    (out, scores, passages)
}

fn plain(file: &str) -> String {
    let out = caleido().args(["extract", "--plain", file]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn new_columns_come_after_the_old_ones() {
    let (_out, (scores, _), (passages, _)) = score("tests/fixtures/units");
    assert_eq!(scores[19..24].join(","), "status,set_aside_words,reused_pct,reused_from,duplicate_of");
    assert_eq!(passages[10..13].join(","), "heading,line,source_url");
}

#[test]
fn a_repeated_menu_is_set_aside_and_counted() {
    let (_out, (h, rows), _) = score("tests/fixtures/units");
    let gl = rows.iter().find(|r| r[0].ends_with("GroenLinks-PvdA.txt")).unwrap();
    // Seven menu labels seen three times each, except the odd ones out of the third menu.
    let aside: usize = cell(&h, gl, "set_aside_words").parse().unwrap();
    assert!(aside > 0, "{aside}");
    let plain = plain("tests/fixtures/units/heiloo-2026/heiloo2026_GroenLinks-PvdA.txt");
    assert_eq!(plain.matches("Lokale democratie en inspraak").count(), 3, "extract shows the text as read");
}

#[test]
fn quotes_from_text_carry_line_and_source() {
    let (_out, _, (h, rows)) = score("tests/fixtures/reuse");
    let local = rows
        .iter()
        .find(|r| r[0] == "heiloo-2026/Groen.txt" && cell(&h, r, "text").starts_with("Bewonersinitiatieven"))
        .unwrap();
    assert_eq!(cell(&h, local, "source_url"), "https://example.org/heiloo/groen");
    assert_eq!(cell(&h, local, "line"), "4");
}

#[test]
fn unpunctuated_items_of_web_text_are_units_of_their_own() {
    let text = plain("tests/fixtures/units/heiloo-2026/heiloo2026_Heiloo-2000.txt");
    assert!(text.lines().any(|l| l == "het houden van openbare bijeenkomsten;"), "{text}");
    assert!(text.lines().all(|l| l.split_whitespace().count() <= 60), "{text}");
    assert!(!text.contains("Bron:"), "the source line is no programme text");
}

#[test]
fn margin_line_numbers_are_dropped() {
    let text = plain("tests/fixtures/units/nl-2021/tk2021_SGP.txt");
    assert!(text.contains("rondwarend dodelijk virus"), "{text}");
    assert!(text.contains("aanslagen door terroristen"), "{text}");
}

#[test]
fn words_glued_at_a_full_stop_are_parted() {
    let text = plain("tests/fixtures/units/nl-2021/tk2023_PvdD.txt");
    assert!(text.lines().any(|l| l.ends_with("voor al haar bewoners.")), "{text}");
    assert!(!text.contains("bewoners.Stop"), "{text}");
}

#[test]
fn a_glued_running_header_is_cut_from_the_text() {
    let (_out, _, (h, rows)) = score("tests/fixtures/units");
    let cda: Vec<&str> =
        rows.iter().filter(|r| r[0].ends_with("tk2021_CDA.txt")).map(|r| cell(&h, r, "text")).collect();
    assert!(cda.iter().all(|t| !t.contains("Nu doorpakkenIn") && !t.contains("Nu doorpakken•")), "{cda:?}");
}

#[test]
fn a_copy_is_flagged_and_local_reuse_is_measured() {
    let (out, (h, rows), _) = score("tests/fixtures/reuse");
    let row = |f: &str| rows.iter().find(|r| r[0] == f).unwrap().clone();
    let copy = row("nl-2026/txt/Groen.txt");
    assert_eq!(cell(&h, &copy, "duplicate_of"), "nl-2026/Groen.txt");
    assert_eq!(cell(&h, &row("nl-2026/Groen.txt"), "duplicate_of"), "");
    let local = row("heiloo-2026/Groen.txt");
    assert_eq!(cell(&h, &local, "reused_from"), "nl-2026/Groen.txt");
    // 24 of the local programme's 43 words stand in the national text.
    assert_eq!(cell(&h, &local, "reused_pct"), "55.81");
    let card = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    assert!(card.contains("is hetzelfde programma als nl-2026/Groen.txt"), "{card}");
    let nl = card.split("## NL 2026").nth(1).unwrap().split("## ").next().unwrap();
    assert_eq!(nl.matches("| Groen |").count(), 1, "the copy is not ranked: {nl}");
}

#[test]
fn a_text_that_lost_its_capitals_is_still_cut_into_sentences() {
    let text = plain("tests/fixtures/units/nl-2012/tk2012_PvdD.txt");
    assert!(text.lines().any(|l| l == "de economie is in de greep geraakt van monetaire vraagstukken."), "{text}");
    assert!(text.lines().all(|l| l.split_whitespace().count() <= 60), "{text}");
}

#[test]
fn a_word_split_by_a_space_is_joined_again() {
    let out = caleido().args(["extract", "tests/fixtures/units/nl-2012/tk2012_De_Groenen.txt"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(plain("tests/fixtures/units/nl-2012/tk2012_De_Groenen.txt").contains("Wijst het refe rendum"), "as read");
    assert!(text.contains("Wijst het referendum de wet met"), "{text}");
    // "d e" is too short to join, and "vernietigd" never stands whole in the text.
    assert!(text.contains("wil dat d e gemeenteraad") && text.contains("deze vernie tigd."), "{text}");
}

#[test]
fn a_table_of_contents_without_dot_leaders_is_set_aside() {
    let out = caleido().args(["extract", "tests/fixtures/units/nl-2010/tk2010_CDA.txt"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Integratie- en asielbeleid 15"), "{text}");
    assert!(!text.contains("Cultuur 21"), "{text}");
    assert!(text.contains("Voor u ligt het CDA programma voor de Tweede Kamerverkiezingen 2010."), "{text}");
    assert!(plain("tests/fixtures/units/nl-2010/tk2010_CDA.txt").contains("Cultuur 21"), "--plain shows it as read");
}
