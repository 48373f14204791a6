//! The workbook's method and definitions sheets: versions, the run date, how the figures are made,
//! and what each mirror and question means.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::mirrors::QUESTIONS;
use super::options::ReportOptions;
use super::scorecard::{METHOD_NL, STABILITY_NL, Scorecard};
use super::xlsx::{Formats, mirror_title, table};
use crate::report::options::Lang;

/// The method paragraph, in English.
const METHOD_EN: &str = "Each programme is split into units: sentences, and list items or lines that stand \
alone (text without a full stop is cut at the end of a line, at a bullet or at a heading). A unit counts for a \
mirror of the Caleidoscoop when a keyword rule of that mirror fires in it (rules in the folder `keywords/`, written \
after the codebook). The share is the part of all the programme's words that stand in such units; each unit counts \
once, even when it belongs to several mirrors. Repeated text (running headers and footers, menus, buttons, tables \
of contents) is left out and a repeated sentence counts once; `scores.csv` says how many words were set aside \
(set_aside_words). Two files holding the same programme (a PDF and a text copy) count once in the ranking. \
\"Questions\" counts how many of the 15 codebook questions have at least one matching unit. It measures the room \
a programme gives to the topic, not the quality of the plans. Every figure can be traced to its units on the \
Evidence sheet (with page and rule) and in `passages.csv`, with page (in PDFs), line (on the page or in the text \
file) and, where the text file names it, the source address.";

/// How the robustness of a ranking is judged, in English.
const STABILITY_EN: &str = "Is the order robust? For each pair of neighbours in a place's ranking, caleido checks \
two ways. (1) Leave one rule out: the share is recomputed without each keyword rule that fired in the place, one \
at a time. (2) Bootstrap: each programme's sentences are resampled with replacement 1,000 times with a fixed seed \
(the same figures every run); the 95% interval beside each share runs from the 2.5th to the 97.5th percentile. A \
difference is clear when the higher party stays above whichever rule is left out and in at least 97.5% of the \
resamples; otherwise it is too close to call.";

/// Key-value rows: versions, the run date (clearly marked), the robustness settings and the method.
pub(super) fn method_sheet(
    ws: &mut Worksheet,
    card: &Scorecard,
    opts: &ReportOptions,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = opts.lang;
    let date = match opts.run_date {
        Some(d) => d.iso(),
        None => lang.pick("niet vermeld (--no-date)", "not recorded (--no-date)").to_string(),
    };
    let rows: Vec<(&str, String)> = vec![
        (lang.pick("caleido-versie", "caleido version"), card.version.clone()),
        (lang.pick("Regelset (naam, versie, hash)", "Rule set (name, version, hash)"), card.rules_label.clone()),
        (lang.pick("Datum van de run (UTC; de enige tijdstempel)", "Date of the run (UTC; the only timestamp)"), date),
        (lang.pick("Bootstrap-trekkingen", "Bootstrap resamples"), opts.stability.resamples.to_string()),
        (lang.pick("Startwaarde toevalsgenerator", "Random seed"), format!("{:#x}", opts.stability.seed)),
        (lang.pick("Methode", "Method"), lang.pick(METHOD_NL, METHOD_EN).to_string()),
        (
            lang.pick("Stevigheid van de volgorde", "Robustness of the ranking"),
            lang.pick(STABILITY_NL, STABILITY_EN).into(),
        ),
    ];
    let cols = [(lang.pick("Onderwerp", "Item"), 34.0), (lang.pick("Waarde", "Value"), 110.0)];
    table(ws, &cols, rows.len() as u32, f)?;
    for (r, (k, v)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *k)?;
        ws.write_string_with_format(r, 1, v, &f.wrap)?;
    }
    Ok(())
}

/// One row per codebook question, with its mirror's number and title.
pub(super) fn definitions_sheet(
    ws: &mut Worksheet,
    card: &Scorecard,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols = [
        (lang.pick("Spiegel", "Mirror"), 8.0),
        (lang.pick("Titel", "Title"), 32.0),
        (lang.pick("Vraag", "Question"), 8.0),
        (lang.pick("Omschrijving", "Definition"), 100.0),
    ];
    table(ws, &cols, 15, f)?;
    let mut r = 1;
    for (m, qs) in QUESTIONS.iter().enumerate() {
        for q in qs {
            ws.write_number(r, 0, (m + 1) as f64)?;
            ws.write_string(r, 1, mirror_title(card, m, lang))?;
            ws.write_string(r, 2, q.id)?;
            ws.write_string_with_format(r, 3, q.text(lang), &f.wrap)?;
            r += 1;
        }
    }
    Ok(())
}
