//! Integration tests of the publishable reports: the workbook read back with calamine, the CSV
//! dialects, charts, the HTML page's self-containment, the overview across places, and byte-identical reruns.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::caleido;

/// Two places (Dorp, Stad) that share the party `Groen`.
fn score_two_places(out: &Path, extra: &[&str]) {
    caleido()
        .args(["score", "tests/fixtures/text", "tests/fixtures/places", "--no-date", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .code(0);
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("workbook");
    wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

fn row_of(range: &calamine::Range<Data>, col: u32, value: &str) -> u32 {
    (0..range.height() as u32)
        .find(|r| range.get_value((*r, col)) == Some(&Data::String(value.into())))
        .unwrap_or_else(|| panic!("no row with {value}"))
}

#[test]
fn workbook_cells_read_back_as_numbers_with_dutch_titles() {
    let out = tempfile::tempdir().unwrap();
    score_two_places(out.path(), &[]);
    let path = out.path().join("scorecard.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    let expected = ["Scorekaart", "Spiegel 1", "Spiegel 2", "Spiegel 3", "Spiegel 4", "Spiegel 5", "Bewijs"];
    assert_eq!(names[..7], expected);
    assert_eq!(names[7..], ["Niet gescoord", "Overzicht", "Methode", "Spiegels"]);
    let card = sheet(&path, "Scorekaart");
    assert_eq!(card.get_value((0, 3)), Some(&Data::String("Partij".into())));
    let r = row_of(&card, 3, "Blauw");
    assert_eq!(card.get_value((r, 0)), Some(&Data::String("Dorp".into())));
    assert_eq!(card.get_value((r, 2)), Some(&Data::Float(2.0)));
    let Some(Data::Float(share)) = card.get_value((r, 4)) else { panic!("share is not a number") };
    assert!((share - 0.3077).abs() < 1e-9, "{share}");
    assert_eq!(card.get_value((r, 1)), Some(&Data::Float(2026.0)), "the year is a number");
    let evidence = sheet(&path, "Bewijs");
    let r = row_of(&evidence, 0, "Blauw");
    assert_eq!(evidence.get_value((r, 2)), Some(&Data::Float(2026.0)));
    assert_eq!(evidence.get_value((r, 3)), Some(&Data::Float(0.0)), "page 0: text without pages, as a number");
    assert_eq!(evidence.get_value((r, 4)), Some(&Data::Float(4.0)));
    assert_eq!(evidence.get_value((r, 6)), Some(&Data::String("contra".into())));
    assert_eq!(evidence.get_value((0, 8)), Some(&Data::String("Kop".into())));
    assert_eq!(evidence.get_value((r, 8)), Some(&Data::String("Veiligheid".into())), "the heading it stands under");
    let method = sheet(&path, "Methode");
    let r = row_of(&method, 0, "Datum van de run (UTC; de enige tijdstempel)");
    assert_eq!(method.get_value((r, 1)), Some(&Data::String("niet vermeld (--no-date)".into())));
    let r = row_of(&method, 0, "Methode");
    let Some(Data::String(text)) = method.get_value((r, 1)) else { panic!("no method text") };
    assert!(text.contains("scores.csv") && !text.contains('`'), "no literal backticks: {text}");
    let overview = sheet(&path, "Overzicht");
    let r = row_of(&overview, 2, "Groen");
    assert_eq!(overview.get_value((r, 0)), Some(&Data::String("gemeenteraad".into())));
    assert_eq!(overview.get_value((r, 1)), Some(&Data::Float(2026.0)));
    assert_eq!(overview.get_value((r, 3)), Some(&Data::Float(2.0)));
    assert_eq!(overview.get_value((r, 4)), Some(&Data::Float(2.0)));
}

#[test]
fn every_report_speaks_english_and_the_workbook_carries_the_run_date_unless_told_not_to() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "tests/fixtures/text", "--lang", "en", "--out"]).arg(out.path()).assert().code(0);
    let path = out.path().join("scorecard.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names()[..2], ["Scorecard", "Mirror 1"]);
    assert!(!wb.sheet_names().contains(&"Overview".to_string()), "one place has no overview");
    let evidence = sheet(&path, "Evidence");
    assert_eq!(evidence.get_value((0, 8)), Some(&Data::String("Heading".into())));
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    assert!(md.starts_with("# Caleidoscoop scorecard: room for initiative") && md.contains("## Method"), "{md}");
    let html = std::fs::read_to_string(out.path().join("scorecard.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("swipe for more columns"));
    assert!(html.contains("in <code>passages.csv</code>") && !html.contains('`'), "code, not backticks");
    let method = sheet(&path, "Method");
    let r = row_of(&method, 0, "Date of the run (UTC; the only timestamp)");
    let Some(Data::String(date)) = method.get_value((r, 1)) else { panic!("no date") };
    let digits: Vec<bool> = date.chars().map(|c| c.is_ascii_digit()).collect();
    assert_eq!(date.len(), 10, "{date}");
    assert!(digits.iter().enumerate().all(|(i, d)| *d == (i != 4 && i != 7)), "{date}");
}

#[test]
fn excel_nl_dialect_has_bom_semicolons_and_decimal_commas() {
    let out = tempfile::tempdir().unwrap();
    score_two_places(out.path(), &["--csv-dialect", "excel-nl"]);
    let bytes = std::fs::read(out.path().join("scores.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("file;party;place;year;pages;"), "{text}");
    let groen = text.lines().find(|l| l.starts_with("dorp-2026/Groen.txt;")).unwrap();
    assert!(groen.contains(";76,92;33,33;"), "{groen}");
    let passages = std::fs::read(out.path().join("passages.csv")).unwrap();
    assert_eq!(&passages[..3], b"\xef\xbb\xbf");
}

#[test]
fn default_dialect_stays_rfc4180() {
    let out = tempfile::tempdir().unwrap();
    score_two_places(out.path(), &[]);
    let text = std::fs::read_to_string(out.path().join("scores.csv")).unwrap();
    assert!(text.starts_with("file,party,"));
    assert!(text.contains(",76.92,33.33,"), "{text}");
}

#[test]
fn many_places_give_a_scorecard_and_chart_per_place_and_an_overview() {
    let out = tempfile::tempdir().unwrap();
    score_two_places(out.path(), &[]);
    for f in ["places/dorp-2026.html", "places/stad-2026.md", "charts/stad-2026.svg"] {
        assert!(out.path().join(f).exists(), "{f}");
    }
    let png = std::fs::read(out.path().join("charts/dorp-2026.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1200, 675));
    let md = std::fs::read_to_string(out.path().join("scorecard.md")).unwrap();
    assert!(md.contains("## Overzicht gemeenteraadsverkiezingen 2026\n"), "{md}");
    assert!(md.contains("| Groen | 2 | 69,54% | 62,16% | 76,92% |"), "{md}");
    let place = std::fs::read_to_string(out.path().join("places/stad-2026.md")).unwrap();
    assert!(place.contains("## Stad 2026") && !place.contains("## Dorp 2026"));
}

fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["", "charts", "places"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.path().is_file() {
                files.insert(format!("{sub}/{}", e.file_name().to_string_lossy()), std::fs::read(e.path()).unwrap());
            }
        }
    }
    files
}

#[test]
fn reruns_give_identical_bytes_for_every_report_including_workbook_and_images() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    score_two_places(a.path(), &["-j", "1"]);
    score_two_places(b.path(), &["-j", "2"]);
    let (fa, fb) = (all_files(a.path()), all_files(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    assert!(fa.contains_key("/scorecard.xlsx") && fa.contains_key("charts/dorp-2026.png"));
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs");
    }
}
