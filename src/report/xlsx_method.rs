//! The workbook's method and definitions sheets: versions, the run date, how the figures are made,
//! and what each mirror and question means.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::mirrors::QUESTIONS;
use super::options::ReportOptions;
use super::phrases::{self, plain};
use super::scorecard::Scorecard;
use super::xlsx::{Formats, mirror_title, table};
use crate::report::options::Lang;

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
        (lang.pick("Methode", "Method"), plain(phrases::method(lang))),
        (lang.pick("Stevigheid van de volgorde", "Robustness of the ranking"), plain(phrases::stability(lang))),
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
