//! The HTML scorecard without a browser: well-formed (every element closed in order), self-contained
//! (no external `src` or `href`, the only script inline), text escaped, and links that reach their anchors.

mod common;

use std::collections::BTreeSet;

use common::caleido;

const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];

/// Checks that elements nest and close properly; skips the bodies of `<script>` and `<style>`.
fn check_well_formed(html: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html.strip_prefix("<!DOCTYPE html>").ok_or("no doctype")?;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if tag.starts_with('/') {
            let open = stack.pop().ok_or(format!("</{name}> without opening"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
        } else if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            if name == "script" || name == "style" {
                let close = format!("</{name}>");
                rest = &rest[rest.find(&close).ok_or(format!("{close} missing"))?..];
            }
            stack.push(name);
        }
    }
    if stack.is_empty() { Ok(()) } else { Err(format!("unclosed: {stack:?}")) }
}

fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let v = &html[i + key.len()..];
            &v[..v.find('"').unwrap_or(0)]
        })
        .collect()
}

fn scored_html(dir: &std::path::Path) -> String {
    let out = dir.join("out");
    caleido().args(["score", "tests/fixtures/text", "tests/fixtures/places", "--out"]).arg(&out).assert().code(0);
    std::fs::read_to_string(out.join("scorecard.html")).unwrap()
}

#[test]
fn page_is_well_formed_and_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let html = scored_html(tmp.path());
    check_well_formed(&html).unwrap();
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(attribute_values(&html, "src").is_empty(), "no src at all");
    for href in attribute_values(&html, "href") {
        assert!(href.starts_with('#'), "external link {href}");
    }
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script>document.querySelectorAll"));
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "chart inline");
    assert!(html.contains("De ene zin, per vraag") && !html.contains("Alle 1 zinnen"), "singular");
    assert!(!html.contains("(1 zinnen)") && html.contains("(33,33% · 1 zin)"));
}

#[test]
fn wide_tables_say_they_scroll_on_a_phone() {
    let tmp = tempfile::tempdir().unwrap();
    let html = scored_html(tmp.path());
    let tables = html.matches("<div class=\"scroll\"><table").count();
    assert_eq!(
        html.matches("<p class=\"hint\" aria-hidden=\"true\">← veeg voor meer kolommen →</p>\n<div class=\"scroll\">")
            .count(),
        tables
    );
    assert!(html.contains("@media (max-width:48rem){.hint{display:block}"), "the hint shows on narrow screens only");
    assert!(html.contains("td:first-child{position:sticky;left:0"), "the party column stays in view");
}

#[test]
fn every_link_reaches_an_anchor_on_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let html = scored_html(tmp.path());
    let ids: BTreeSet<&str> = attribute_values(&html, "id").into_iter().collect();
    let links = attribute_values(&html, "href");
    assert!(links.contains(&"#dorp-2026-p1-s4"), "a mirror figure links to its evidence");
    for href in links {
        assert!(ids.contains(&href[1..]), "{href} has no target");
    }
}

#[test]
fn party_names_and_sentences_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "Elke wijk krijgt een eigen wijkbudget <script>alert(1)</script> & meer.\nWij bouwen huizen.\n",
    )
    .unwrap();
    std::fs::write(input.join("metadata.csv"), "file,party,place,year\na.txt,<b>Partij</b> & Co,Dorp,2026\n").unwrap();
    let out = tmp.path().join("out");
    caleido().arg("score").arg(&input).arg("--out").arg(&out).assert().code(0);
    let html = std::fs::read_to_string(out.join("scorecard.html")).unwrap();
    check_well_formed(&html).unwrap();
    assert!(html.contains("&lt;b&gt;Partij&lt;/b&gt; &amp; Co"));
    assert!(html.contains("wijkbudget &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer."));
    assert!(!html.contains("<b>Partij"));
}

#[test]
fn the_checker_rejects_broken_pages() {
    assert!(check_well_formed("<!DOCTYPE html><p><b>x</p></b>").is_err());
    assert!(check_well_formed("<!DOCTYPE html><div>").is_err());
    assert!(check_well_formed("<!DOCTYPE html><div><br><svg><rect/></svg></div>").is_ok());
}
