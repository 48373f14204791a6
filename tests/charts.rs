//! Charts stay readable for any number of parties: the sample corpus's 6 parties in one image, 45
//! generated parties split over two images on one scale; no font under 12 px, value labels with
//! one decimal right of the whisker, long names shortened with the full name in a `<title>`.

mod common;

use std::path::Path;

use common::caleido;

/// The numbers after `key="` in `svg`, in order.
fn numbers_after(svg: &str, key: &str) -> Vec<f64> {
    svg.match_indices(key).filter_map(|(i, _)| svg[i + key.len()..].split('"').next()?.parse().ok()).collect()
}

/// Checks one image: fonts, value labels beyond their whiskers, bar count; returns the bars.
fn check_image(svg: &str) -> usize {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\""));
    let sizes = numbers_after(svg, "font-size=\"");
    assert!(sizes.iter().all(|&s| s >= 12.0), "a font under 12 px: {sizes:?}");
    let bars = svg.matches("fill=\"#2a6f97\"").count();
    assert!((1..=25).contains(&bars), "{bars} bars");
    let mut whiskers = 0;
    for (i, _) in svg.match_indices("<path d=\"M") {
        let path = &svg[i..];
        let hi: f64 = path.split('H').nth(1).unwrap().split('M').next().unwrap().parse().unwrap();
        let label = &path[path.find("<text x=\"").unwrap() + 9..];
        let x: f64 = label.split('"').next().unwrap().parse().unwrap();
        assert!(x > hi + 2.0, "value label at {x} overlaps the whisker ending at {hi}");
        let value = &label[label.find('>').unwrap() + 1..label.find("</text>").unwrap()];
        let (whole, decimals) = value.trim_end_matches('%').split_once(',').expect("a decimal comma");
        assert!(whole.parse::<u32>().is_ok() && decimals.len() == 1, "one decimal: {value}");
        whiskers += 1;
    }
    assert_eq!(whiskers, bars, "every bar has its whisker");
    bars
}

fn png_size(path: &Path) -> (u32, u32) {
    let png = std::fs::read(path).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()))
}

#[test]
fn six_parties_fit_one_image() {
    let out = tempfile::tempdir().unwrap();
    caleido().args(["score", "corpus", "--no-date", "--out"]).arg(out.path()).assert().code(0);
    let svg = std::fs::read_to_string(out.path().join("charts/heiloo-2026.svg")).unwrap();
    assert_eq!(check_image(&svg), 6);
    // The longest party name of the sample; its rank follows the rules, its label must be whole.
    assert!(svg.contains(". Gemeentebelangen Heiloo<"), "a name that fits is whole");
    assert_eq!(png_size(&out.path().join("charts/heiloo-2026.png")), (1200, 675));
    assert!(!out.path().join("charts/heiloo-2026-1.svg").exists());
}

/// A made-up word that no other file has, so no two programmes share a run of five words.
fn word(file: usize, k: usize) -> String {
    format!("w{file}x{k}")
}

/// 45 programmes of one place, the first with a long name, each matching 1 to 6 of its 8
/// sentences (a capital after each full stop, so that they are 8 sentences).
fn forty_five_parties(dir: &Path) {
    let place = dir.join("stad-2026");
    std::fs::create_dir_all(&place).unwrap();
    let mut meta = String::from("file,party,place,year\n");
    for i in 0..45 {
        let mut text = String::new();
        for k in 0..8 {
            let topic = if k < 1 + i % 6 { "inspraak" } else { "huizen" };
            let w = |j| word(i, k * 4 + j);
            text.push_str(&format!("Ook {} wil meer {} {topic} voor {} de {}.\n", w(0), w(1), w(2), w(3)));
        }
        std::fs::write(place.join(format!("p{i:02}.txt")), text).unwrap();
        let party = if i == 0 {
            "Onafhankelijke Lijst Stad voor Inwoners, Ondernemers en Verenigingen".to_string()
        } else {
            format!("Partij {i}")
        };
        meta.push_str(&format!("p{i:02}.txt,\"{party}\",Stad,2026\n"));
    }
    std::fs::write(place.join("metadata.csv"), meta).unwrap();
}

#[test]
fn forty_five_parties_split_over_two_images_on_one_scale() {
    let tmp = tempfile::tempdir().unwrap();
    forty_five_parties(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    caleido()
        .arg("score")
        .arg(tmp.path().join("in"))
        .args(["--rules", "tests/fixtures/rules", "--no-date", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    assert!(!out.join("charts/stad-2026.svg").exists());
    let parts: Vec<String> =
        (1..=2).map(|k| std::fs::read_to_string(out.join(format!("charts/stad-2026-{k}.svg"))).unwrap()).collect();
    assert!(!out.join("charts/stad-2026-3.svg").exists());
    assert_eq!(parts.iter().map(|s| check_image(s)).collect::<Vec<_>>(), [23, 22]);
    assert!(parts[0].contains("Stad 2026 (1/2)") && parts[1].contains("Stad 2026 (2/2)"));
    let ticks = |svg: &str| svg.match_indices("%</text>").count() - svg.matches("fill=\"#2a6f97\"").count();
    assert_eq!(ticks(&parts[0]), ticks(&parts[1]), "one scale");
    let long = "Onafhankelijke Lijst Stad voor Inwoners, Ondernemers en Verenigingen";
    let all = parts.concat();
    assert!(all.contains(&format!(". {long}</title>")), "the full name in a title");
    assert!(all.contains('…'), "the label is shortened");
    // Six distinct shares (1 to 6 of 8 sentences) in groups of 7 and 8: tied shares share
    // a rank (1, 8, 15, 22, 30, 38), and the ranks run on into the second image.
    assert!(parts[1].contains(">30. Partij ") && parts[1].contains(">38. Partij "), "ranks run on");
    assert!(!all.contains(">45. Partij "), "tied shares share a rank");
    for k in 1..=2 {
        assert_eq!(png_size(&out.join(format!("charts/stad-2026-{k}.png"))), (1200, 675));
    }
    let html = std::fs::read_to_string(out.join("scorecard.html")).unwrap();
    assert!(html.contains(&format!("<title>{long}</title>")) || html.contains(&format!(">1. {long}<")));
}
