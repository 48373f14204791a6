//! Issues 15 and 17: programmes as web pages, Word and OpenDocument files, and Markdown as
//! static-site generators write it. The fixtures are built by `tests/fixtures/make_markup.py`
//! from HEILOO-2000's 2026 programme; each has a plain-text twin with the same programme text.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{caleido, cell, fixture, read_csv};

/// `caleido extract` output for a fixture, with extra arguments.
fn extract(rel: &str, args: &[&str]) -> String {
    let path = fixture(rel);
    let assert = caleido().arg("extract").args(args).arg(&path).assert().code(0);
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The units (sentences, headings, list items) caleido reads from a fixture.
fn units(rel: &str) -> Vec<String> {
    extract(rel, &["--plain"]).lines().map(String::from).collect()
}

/// Words as a reader counts them: lower case, without surrounding punctuation.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The share of the words of `expected` (counted with repeats) that stand in `units`.
fn share_kept(expected: &str, units: &[String]) -> f64 {
    let mut have: HashMap<String, usize> = HashMap::new();
    for w in units.iter().flat_map(|u| words(u)) {
        *have.entry(w).or_default() += 1;
    }
    let wanted = words(&expected.replace('\u{00AD}', ""));
    let kept = wanted.iter().filter(|w| have.get(*w).is_some_and(|n| *n > 0) && take(&mut have, w)).count();
    kept as f64 / wanted.len() as f64
}

fn take(have: &mut HashMap<String, usize>, w: &str) -> bool {
    *have.get_mut(w).expect("checked") -= 1;
    true
}

/// The figures of the one row of `scores.csv` after scoring `rel`.
fn scores(rel: &str) -> Vec<f64> {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "--no-date", "--out"]).arg(out.path()).arg(fixture(rel)).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(rows.len(), 1);
    let columns = ["initiative_pct", "m1_pct", "m2_pct", "m3_pct", "m4_pct", "m5_pct", "questions_addressed"];
    columns.iter().map(|c| cell(&headers, &rows[0], c).parse().unwrap()).collect()
}

fn assert_same_scores(a: &str, b: &str) {
    let (x, y) = (scores(a), scores(b));
    for (p, q) in x.iter().zip(&y) {
        assert!((p - q).abs() <= 0.01, "{a}: {x:?} but {b}: {y:?}");
    }
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

/// Text of the site furniture in the fixture: menu, cookie banner, footer, share buttons,
/// teasers, candidate list, call to action, table of contents.
const FURNITURE: [&str; 14] = [
    "Beheer toestemming",
    "cookies",
    "Accepteren",
    "Alle rechten voorbehouden",
    "Privacyverklaring",
    "Instagram",
    "Ga naar de inhoud",
    "Navigeer naar",
    "Lees meer",
    "Linda Verbeek",
    "Onze kandidaten",
    "Ook lid worden",
    "Deel",
    "collegeakkoord",
];

#[test]
fn a_party_web_page_gives_the_programme_without_the_site() {
    let units = units("web/heiloo-2000/verkiezingsprogramma.html");
    let kept = share_kept(&read("web/text/heiloo-2000.txt"), &units);
    assert!(kept >= 0.99, "only {:.1}% of the programme's words kept", kept * 100.0);
    for unit in &units {
        for furniture in FURNITURE {
            assert!(!unit.contains(furniture), "site text {furniture:?} in unit {unit:?}");
        }
        assert!(!unit.contains("Home Algemeen"), "menu in unit {unit:?}");
    }
}

/// A second site in an older style: no `<main>`, Bootstrap class names, a `has-sidebar` body,
/// Windows-1252 declared in a `<meta http-equiv>`, `og:url` only, an `.htm` name.
#[test]
fn an_older_style_page_gives_the_programme_without_the_site() {
    let file = "web/cda-heiloo/themas.htm";
    let units = units(file);
    let kept = share_kept(&read("web/text/cda-heiloo.txt"), &units);
    assert!(kept >= 0.99, "only {:.1}% of the programme's words kept", kept * 100.0);
    let site = [
        "cookies",
        "Akkoord",
        "Alle mensen",
        "Deel dit artikel",
        "Kandidaat raadslid",
        "Meer nieuws",
        "Privacy",
        "verbindt",
    ];
    for unit in &units {
        for furniture in site {
            assert!(!unit.contains(furniture), "site text {furniture:?} in unit {unit:?}");
        }
    }
    assert!(units.iter().any(|u| u == "Een CO₂-neutrale gemeente, alle gemeentelijke gebouwen en het wagenpark worden volledig duurzaam ingericht."));
    let out = extract(file, &[]);
    assert!(out.contains("source: https://www.cda.nl/noord-holland/heiloo/themas/"), "{out}");
    assert!(out.contains("## [1] Sterk in aantrekkelijke voorzieningen en bereikbaarheid"), "{out}");
    assert_same_scores(file, "web/text/cda-heiloo.txt");
}

#[test]
fn web_page_headings_list_items_and_source_are_marked() {
    let out = extract("web/heiloo-2000/verkiezingsprogramma.html", &[]);
    assert!(out.contains("source: https://www.heiloo-2000.nl/verkiezingsprogramma/"), "{out}");
    assert!(out.contains("title: Verkiezingsprogramma - HEILOO 2000"), "{out}");
    for heading in ["Verkiezingsprogramma", "Wonen en leefbaarheid", "Financieel beleid"] {
        assert!(out.lines().any(|l| l.starts_with("## [") && l.ends_with(heading)), "{heading} not a heading:\n{out}");
    }
    assert!(out.lines().any(|l| l.ends_with("] bleef Het Baafje open,")), "list item is not its own unit:\n{out}");
}

#[test]
fn extract_dropped_says_what_was_left_out_and_why() {
    let out = extract("web/heiloo-2000/verkiezingsprogramma.html", &["--dropped"]);
    let dropped = &out[out.find("== dropped").expect("a dropped section")..];
    for reason in [
        "[cookie banner",
        "[page header",
        "[footer",
        "[share buttons",
        "[candidate list",
        "[teaser",
        "[repeated on another page",
    ] {
        assert!(dropped.contains(reason), "no {reason} in:\n{dropped}");
    }
    assert!(dropped.contains("Linda Verbeek"), "{dropped}");
}

#[test]
fn a_web_page_scores_as_its_text() {
    assert_same_scores("web/heiloo-2000/verkiezingsprogramma.html", "web/text/heiloo-2000.txt");
}

#[test]
fn word_and_opendocument_files_give_the_programme() {
    let twin = read("office/text/heiloo-2000.txt");
    for file in ["office/heiloo-2000.docx", "office/heiloo-2000.odt"] {
        let units = units(file);
        let kept = share_kept(&twin, &units);
        assert!(kept >= 0.99, "{file}: only {:.1}% of the programme's words kept", kept * 100.0);
        let all = units.join("\n");
        assert!(!all.contains("Klopt het aantal"), "{file}: a comment was read:\n{all}");
        assert!(!all.contains("tegen elke nieuwbouw"), "{file}: a tracked deletion was read");
        assert!(!all.contains("vvor"), "{file}: a tracked deletion was read");
        assert!(all.contains("waarin voor ons het belang"), "{file}: a tracked insertion was lost");
        assert!(units.contains(&"Nieuwe woningen; 250".to_string()), "{file}: table row missing:\n{all}");
        let cited = units.iter().position(|u| u.contains("(“inbreilocaties”)")).expect("cited paragraph");
        assert_eq!(
            units[cited + 1],
            "Een inbreilocatie is een plek binnen het dorp waar gebouwd kan worden.",
            "{file}"
        );
    }
}

#[test]
fn word_and_opendocument_headings_lists_and_pages() {
    for file in ["office/heiloo-2000.docx", "office/heiloo-2000.odt"] {
        let out = extract(file, &["--dropped"]);
        assert!(out.contains("== page 1 ==") && out.contains("== page 2 =="), "{file}:\n{out}");
        let page2 = &out[out.find("== page 2 ==").unwrap()..];
        assert!(
            page2.lines().nth(1).is_some_and(|l| l.starts_with("## [") && l.ends_with("Zorg, welzijn en onderwijs"))
        );
        for heading in ["Verkiezingsprogramma", "Inleiding", "Financieel beleid"] {
            assert!(out.lines().any(|l| l.starts_with("## [") && l.ends_with(heading)), "{file}: {heading}:\n{out}");
        }
        assert!(
            out.lines().any(|l| l.ends_with("] werd de tweede sporthal gerealiseerd")),
            "{file}: list item:\n{out}"
        );
        assert!(out.contains("-- [comment] Klopt het aantal van 250 woningen nog?"), "{file}:\n{out}");
        assert!(out.contains("-- [tracked deletion] De partij is tegen elke nieuwbouw in de Zandzoom."), "{file}");
    }
}

#[test]
fn word_and_opendocument_files_score_as_their_text() {
    assert_same_scores("office/heiloo-2000.docx", "office/text/heiloo-2000.txt");
    assert_same_scores("office/heiloo-2000.odt", "office/text/heiloo-2000.txt");
}

#[test]
fn markdown_units_hold_no_markup() {
    let units = units("markdown/programma.md");
    assert!(!units.is_empty());
    let markup = [
        "layout",
        "permalink",
        "categories:",
        "title:",
        "](",
        "/doe-mee",
        "debuch",
        "http",
        "**",
        "_",
        "<",
        ">",
        "[^",
        "|",
        "sporthal.jpg",
        "iframe",
    ];
    for unit in &units {
        for m in markup {
            assert!(!unit.contains(m), "{m:?} in unit {unit:?}");
        }
        assert!(!unit.starts_with('*') && !unit.starts_with('#'), "marker in unit {unit:?}");
    }
    let kept = share_kept(&read("markdown/programma.reader"), &units);
    assert!((kept - 1.0).abs() < f64::EPSILON, "only {:.1}% of the words a reader sees kept", kept * 100.0);
}

#[test]
fn markdown_front_matter_is_metadata() {
    let out = extract("markdown/programma.md", &[]);
    assert!(out.contains("title: Verkiezingsprogramma 2026-2030"), "{out}");
    assert!(out.contains("source: /verkiezingsprogramma/"), "{out}");
    let hugo = extract("markdown/wonen.md", &[]);
    assert!(hugo.contains("source: https://www.heiloo-2000.nl/programma/wonen/"), "{hugo}");
    assert!(hugo.contains("## [0] Wonen en leefbaarheid"), "{hugo}");
    assert!(
        hugo.contains("met aandacht voor starters, ouderen en nieuwe woonvormen zoals tiny houses en knarrenhofjes.")
    );
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "--out"]).arg(out.path()).arg(fixture("markdown/programma.md")).assert().code(0);
    let (headers, rows) = read_csv(&out.path().join("scores.csv"));
    assert_eq!(cell(&headers, &rows[0], "year"), "2025", "the year comes from the front matter's date");
}

#[test]
fn a_text_file_with_front_matter_is_read_as_markdown() {
    let out = extract("markdown/financieel.txt", &[]);
    assert!(out.contains("## [0] Financieel beleid"), "{out}");
    assert!(out.contains("source: /programma/financieel/"), "{out}");
    let units = units("markdown/financieel.txt").join("\n");
    assert!(!units.contains("title:") && !units.contains("==") && !units.contains("**"), "{units}");
}

#[test]
fn a_rule_matches_a_linked_phrase() {
    let out = extract("markdown/programma.md", &["--matches"]);
    let line =
        out.lines().position(|l| l.ends_with("inwoners uit om actief mee te praten.")).expect("the linked sentence");
    let next = out.lines().nth(line + 1).unwrap_or("");
    assert!(next.contains("rules m1.inspraak") && next.contains("mee te praten"), "{next}");
}

#[test]
fn markdown_dropped_lists_front_matter_and_link_targets() {
    let out = extract("markdown/programma.md", &["--dropped"]);
    assert!(out.contains("-- [front matter] permalink: /verkiezingsprogramma/"), "{out}");
    assert!(out.contains("-- [link target] /doe-mee/"), "{out}");
    assert!(out.contains("-- [image /assets/img/sporthal.jpg] Sporthal"), "{out}");
}

/// The status of `file` in `scores.csv` under `out`.
fn status_of(out: &Path, file: &str) -> String {
    let (headers, rows) = read_csv(&out.join("scores.csv"));
    let row = rows.iter().find(|r| r[0] == file).unwrap_or_else(|| panic!("{file} missing from scores.csv"));
    cell(&headers, row, "status").to_string()
}

#[test]
fn damaged_and_empty_files_of_each_new_kind_get_their_status() {
    let cases = [
        ("office/bad", "cut.docx", "damaged: not a Word file"),
        ("office/bad", "not-a-zip.docx", "damaged: not a Word file"),
        ("office/bad", "empty.docx", "empty"),
        ("office/bad", "no-text.docx", "empty"),
        ("office/bad", "cut.odt", "damaged: not an OpenDocument file"),
        ("office/bad", "spreadsheet.odt", "damaged: not an OpenDocument text"),
        ("office/bad", "empty.odt", "empty"),
        ("office/bad", "no-text.odt", "empty"),
        ("web/bad", "binary.html", "damaged: binary data"),
        ("web/bad", "empty.html", "empty"),
        ("web/bad", "furniture-only.html", "empty"),
        ("markdown/bad", "empty.md", "empty"),
        ("markdown/bad", "front-matter-only.md", "empty"),
    ];
    for folder in ["office/bad", "web/bad", "markdown/bad"] {
        let out = tempfile::tempdir().unwrap();
        // The web pages are named one by one: together the folder would be one saved site.
        let inputs: Vec<_> = if folder == "web/bad" {
            cases.iter().filter(|c| c.0 == folder).map(|c| fixture(&format!("{folder}/{}", c.1))).collect()
        } else {
            vec![fixture(folder)]
        };
        caleido().args(["score", "--max-memory", "256", "--out"]).arg(out.path()).args(&inputs).assert().code(1);
        for (_, file, status) in cases.iter().filter(|c| c.0 == folder) {
            let got = status_of(out.path(), file);
            assert!(got.starts_with(status), "{folder}/{file}: {got}, expected {status}");
        }
    }
}

#[test]
fn new_kinds_obey_the_size_limit() {
    for file in ["office/heiloo-2000.docx", "office/heiloo-2000.odt", "web/heiloo-2000/verkiezingsprogramma.html"] {
        let out = tempfile::tempdir().unwrap();
        caleido().args(["score", "--max-size", "0", "--out"]).arg(out.path()).arg(fixture(file)).assert().code(1);
        let name = file.rsplit('/').next().unwrap();
        assert_eq!(status_of(out.path(), name), "too-large", "{file}");
    }
}
