//! `caleido extract` shows pages, headings and sentences of a document.

mod common;

use common::caleido;

#[test]
fn extract_shows_pages_and_sentences() {
    let assert = caleido().args(["extract", "tests/fixtures/pdf/amsterdam-2026/CDA.pdf"]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("== page 1 =="), "{out}");
    assert!(out.contains("== page 2 =="), "{out}");
    assert!(out.contains("huiswerkbegeleiding"), "{out}");
}

#[test]
fn extract_with_matches_shows_rules() {
    let assert = caleido().args(["extract", "--matches", "tests/fixtures/text/dorp-2026/Groen.txt"]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("## [0] Ons programma"), "{out}");
    assert!(out.contains("-> mirror 4 (4.1) rules m4.budgetten"), "{out}");
}

/// A page set in subset CFF fonts whose `/Differences` name each glyph: the
/// heading must come out as the words the PDF encodes, not the font's own codes.
#[test]
fn headings_in_cff_subset_fonts_are_read_through_their_differences() {
    let assert = caleido().args(["extract", "tests/fixtures/pdf/national-2017/PvdA.pdf"]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("## [0] EEN VERBONDEN SAMENLEVING"), "{out}");
    assert!(out.contains("Eerlijk delen, vast werk"), "{out}");
    assert!(!out.contains("70KBW4L0"), "{out}");
}

/// A concept programme numbers every line in its right margin: the numbers are
/// dropped from the sentences, the chapter and page numbers of its table of
/// contents (set in the text's size) stay.
#[test]
fn margin_line_numbers_are_dropped_and_the_contents_kept() {
    let assert = caleido().args(["extract", "--plain", "tests/fixtures/pdf/line-numbers/SP.pdf"]).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("1 Ons plan voor solidariteit en tegen ongelijkheid 6"), "{out}");
    assert!(out.contains("16 Gezonde samenleving, gezonde financiën 56"), "{out}");
    // Lines 37 and 38 of page 7 used to read "organiseren 37 van" and "kunnen 38 komen".
    assert!(out.contains("We maken het oprichten, besturen en organiseren van verenigingen makkelijker"), "{out}");
    assert!(out.contains("waar mensen samen kunnen komen zoals moderne buurthuizen"), "{out}");
}

/// `extract` shows the units `score` counts: a running header repeated on every page is set
/// aside (and counted in the header line), also where it would cut a sentence in two;
/// `extract --plain` shows the text as read.
#[test]
fn extract_shows_the_units_that_are_scored() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Programma 2026 Dorp\n\nWij willen meer groen in de wijk.\n\nProgramma 2026 Dorp\n\nDe gemeente steunt\n\n\
                Programma 2026 Dorp\n\nbewoners die een buurttuin beginnen.\n";
    let file = dir.path().join("Groen.txt");
    std::fs::write(&file, text).unwrap();
    let assert = caleido().arg("extract").arg(&file).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("set aside: 9 words of page furniture"), "{out}");
    let units: Vec<&str> = out.lines().filter_map(|l| l.split_once("] ").map(|(_, t)| t)).collect();
    assert_eq!(units, ["Wij willen meer groen in de wijk.", "De gemeente steunt bewoners die een buurttuin beginnen."]);
    // `--plain` prints the text as read, for comparisons with other extractors.
    let assert = caleido().args(["extract", "--plain"]).arg(&file).assert().code(0);
    let plain = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(plain.matches("Programma 2026 Dorp").count(), 3, "{plain}");
}

/// A running header that a text export only ever glues into body lines, beside a page number,
/// is found by those numbers and cut: an excerpt of five pages of a real programme.
#[test]
fn a_header_only_ever_glued_to_page_numbers_is_cut() {
    let assert = caleido().arg("extract").arg("tests/fixtures/headers/tk2023_BBB.txt").assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!out.contains("VERSIE"), "{out}");
    assert!(out.contains("set aside: 26 words of page furniture"), "{out}");
    let units: Vec<&str> = out.lines().filter_map(|l| l.split_once("] ").map(|(_, t)| t)).collect();
    let ombudsman = "Het uitgangspunt daarbij is, zoals de Nationale Ombudsman ook zegt: “De overheid is er voor burgers en niet andersom.”";
    let at = units.iter().position(|u| *u == ombudsman).expect(&out);
    assert!(units[at + 1].starts_with("Nederland moet daarom een Noaberstaat worden"), "{out}");
    assert!(units.contains(&"“Loop mee met de zwakkeren, dan weet je zeker dat niemand achter blijft.”"), "{out}");
}
