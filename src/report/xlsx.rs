//! `scorecard.xlsx`: the scorecard, each mirror, the evidence, the failed files, the method and the
//! definitions, as a workbook. Numbers are numbers (shares with a percent format), header rows are
//! frozen and filtered. The bytes are the same for the same run: the only date is the run date on the
//! method sheet and in the document properties, and `--no-date` leaves it out.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::mirrors::QUESTIONS;
use super::options::{Lang, ReportOptions};
pub(super) use super::phrases::mirror_title;
use super::scorecard::{Group, Scorecard};
use super::xlsx_method::{definitions_sheet, method_sheet};
use crate::run::RunSummary;

/// Cell formats shared by the sheets.
pub(super) struct Formats {
    /// Bold header cells.
    pub header: Format,
    /// A share stored as a fraction, shown as `12.34%`.
    pub pct: Format,
    /// Wrapped text for sentences.
    pub wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#DDE7EE").set_text_wrap(),
            pct: Format::new().set_num_format("0.00%"),
            wrap: Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top),
        }
    }
}

/// Writes the header row with column widths, freezes it, and sets an autofilter over `rows` data rows.
pub(super) fn table(ws: &mut Worksheet, cols: &[(&str, f64)], rows: u32, f: &Formats) -> Result<(), XlsxError> {
    for (c, (title, width)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *title, &f.header)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows, (cols.len() - 1) as u16)?;
    Ok(())
}

/// The workbook's bytes.
pub fn render(card: &Scorecard, summary: &RunSummary, opts: &ReportOptions) -> Result<Vec<u8>, XlsxError> {
    let (lang, f) = (opts.lang, Formats::new());
    let mut wb = Workbook::new();
    let created = match opts.run_date {
        Some(d) => ExcelDateTime::from_ymd(d.year, d.month, d.day)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    wb.set_properties(&DocProperties::new().set_title("Caleidoscoop-scorecard").set_creation_datetime(&created));
    scorecard_sheet(wb.add_worksheet().set_name(lang.pick("Scorekaart", "Scorecard"))?, card, lang, &f)?;
    for m in 0..5 {
        let name = format!("{} {}", lang.pick("Spiegel", "Mirror"), m + 1);
        mirror_sheet(wb.add_worksheet().set_name(name)?, card, m, lang, &f)?;
    }
    evidence_sheets(&mut wb, summary, lang, &f, super::limits::XLSX_SHEET_ROWS)?;
    failed_sheet(wb.add_worksheet().set_name(lang.pick("Niet gescoord", "Failed files"))?, summary, lang, &f)?;
    if !card.overview.is_empty() {
        overview_sheet(wb.add_worksheet().set_name(lang.pick("Overzicht", "Overview"))?, card, lang, &f)?;
    }
    if let Some(a) = &opts.validation {
        crate::validate::section::section_sheet(
            wb.add_worksheet().set_name(lang.pick("Validatie", "Validation"))?,
            a,
            lang,
        )?;
    }
    method_sheet(wb.add_worksheet().set_name(lang.pick("Methode", "Method"))?, card, opts, &f)?;
    definitions_sheet(wb.add_worksheet().set_name(lang.pick("Spiegels", "Mirrors"))?, card, lang, &f)?;
    wb.save_to_buffer()
}

fn verdict_text(g: &Group, i: usize, lang: Lang) -> &'static str {
    super::phrases::verdict_at(g, i, lang)
}

/// A year as a number when it is one (`2026`), else as text (empty, `2026-2030`).
pub(super) fn write_year(ws: &mut Worksheet, r: u32, c: u16, year: &str) -> Result<(), XlsxError> {
    match year.parse::<u16>() {
        Ok(y) => ws.write_number(r, c, f64::from(y)).map(|_| ()),
        Err(_) => ws.write_string(r, c, year).map(|_| ()),
    }
}

fn scorecard_sheet(ws: &mut Worksheet, card: &Scorecard, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let mut cols: Vec<(String, f64)> = [
        (lang.pick("Plaats", "Place"), 16.0),
        (lang.pick("Jaar", "Year"), 7.0),
        (lang.pick("Rang", "Rank"), 7.0),
        (lang.pick("Partij", "Party"), 26.0),
        (lang.pick("Initiatief", "Initiative"), 11.0),
        (lang.pick("95%-interval laag", "95% interval low"), 11.0),
        (lang.pick("95%-interval hoog", "95% interval high"), 11.0),
        (lang.pick("Zonder één regel: laagst", "Without one rule: lowest"), 13.0),
        (lang.pick("Zonder één regel: hoogst", "Without one rule: highest"), 13.0),
        (lang.pick("Verschil met de volgende", "Gap to the next"), 16.0),
    ]
    .map(|(t, w)| (t.to_string(), w))
    .to_vec();
    cols.extend((0..5).map(|m| (format!("{}{} {}", lang.pick("S", "M"), m + 1, mirror_title(card, m, lang)), 13.0)));
    for (t, w) in [("Vragen (van 15)", "Questions (of 15)"), ("Zinnen", "Sentences"), ("Woorden", "Words")] {
        cols.push((lang.pick(t, w).to_string(), 10.0));
    }
    cols.push((lang.pick("Bestand", "File").to_string(), 30.0));
    let rows: u32 = card.groups.iter().map(|g| g.parties.len() as u32).sum();
    let refs: Vec<(&str, f64)> = cols.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    table(ws, &refs, rows, f)?;
    let mut r = 1;
    for g in &card.groups {
        for (i, p) in g.parties.iter().enumerate() {
            ws.write_string(r, 0, &g.place)?;
            write_year(ws, r, 1, &g.year)?;
            ws.write_number(r, 2, (i + 1) as f64)?;
            ws.write_string(r, 3, &p.party)?;
            ws.write_number_with_format(r, 4, p.score.initiative_pct / 100.0, &f.pct)?;
            if let Some(iv) = g.stability.intervals.get(i) {
                for (c, v) in [iv.low, iv.high, iv.without_rule_min, iv.without_rule_max].into_iter().enumerate() {
                    ws.write_number_with_format(r, 5 + c as u16, v / 100.0, &f.pct)?;
                }
            }
            ws.write_string(r, 9, verdict_text(g, i, lang))?;
            for (m, pct) in p.score.mirror_pct.iter().enumerate() {
                ws.write_number_with_format(r, 10 + m as u16, pct / 100.0, &f.pct)?;
            }
            let s = &p.score;
            for (c, v) in [s.questions_addressed, s.sentences, s.words].into_iter().enumerate() {
                ws.write_number(r, 15 + c as u16, v as f64)?;
            }
            ws.write_string(r, 18, &p.file)?;
            r += 1;
        }
    }
    Ok(())
}

fn mirror_sheet(ws: &mut Worksheet, card: &Scorecard, m: usize, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let mut cols: Vec<(String, f64)> = vec![
        (lang.pick("Plaats", "Place").into(), 16.0),
        (lang.pick("Jaar", "Year").into(), 7.0),
        (lang.pick("Partij", "Party").into(), 26.0),
        (format!("{} {}", lang.pick("Aandeel spiegel", "Share mirror"), m + 1), 12.0),
        (lang.pick("Zinnen", "Sentences").into(), 10.0),
    ];
    for q in &QUESTIONS[m] {
        cols.push((
            format!("{} {} ({})", lang.pick("Vraag", "Question"), q.id, lang.pick("zinnen", "sentences")),
            14.0,
        ));
    }
    let rows: u32 = card.groups.iter().map(|g| g.parties.len() as u32).sum();
    let refs: Vec<(&str, f64)> = cols.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    table(ws, &refs, rows, f)?;
    let mut r = 1;
    for g in &card.groups {
        for p in &g.parties {
            ws.write_string(r, 0, &g.place)?;
            write_year(ws, r, 1, &g.year)?;
            ws.write_string(r, 2, &p.party)?;
            ws.write_number_with_format(r, 3, p.score.mirror_pct[m] / 100.0, &f.pct)?;
            ws.write_number(r, 4, p.score.mirror_sentences[m] as f64)?;
            for (c, q) in QUESTIONS[m].iter().enumerate() {
                let n = p.evidence[m].iter().filter(|e| e.questions.iter().any(|x| x == q.id)).count();
                ws.write_number(r, 5 + c as u16, n as f64)?;
            }
            r += 1;
        }
    }
    Ok(())
}

/// One evidence row: a scored document and one of its passages.
type EvidenceRow<'a> = (&'a crate::model::DocResult, &'a crate::model::Passage);

/// The evidence of every scored document, on as many sheets (`Bewijs`, `Bewijs 2`, ...) as
/// needed to keep each within `per_sheet` data rows; always at least one sheet.
fn evidence_sheets(
    wb: &mut Workbook,
    summary: &RunSummary,
    lang: Lang,
    f: &Formats,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    let rows: Vec<EvidenceRow> =
        summary.docs.iter().filter(|d| d.status.is_ok()).flat_map(|d| d.passages.iter().map(move |p| (d, p))).collect();
    let title = lang.pick("Bewijs", "Evidence");
    let chunks: Vec<&[EvidenceRow]> = if rows.is_empty() { vec![&[]] } else { rows.chunks(per_sheet.max(1)).collect() };
    for (i, chunk) in chunks.into_iter().enumerate() {
        let name = if i == 0 { title.to_string() } else { format!("{title} {}", i + 1) };
        // Constant memory: rows go to a temporary file as they are written (the evidence is
        // the bulk of a large workbook); texts are stored inline.
        evidence_sheet(wb.add_worksheet_with_constant_memory()?.set_name(name)?, chunk, lang, f)?;
    }
    Ok(())
}

fn evidence_sheet(ws: &mut Worksheet, rows: &[EvidenceRow], lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let cols = [
        (lang.pick("Partij", "Party"), 22.0),
        (lang.pick("Plaats", "Place"), 14.0),
        (lang.pick("Jaar", "Year"), 7.0),
        (lang.pick("Pagina (0 = geen)", "Page (0 = none)"), 8.0),
        (lang.pick("Spiegel", "Mirror"), 8.0),
        (lang.pick("Vragen", "Questions"), 10.0),
        (lang.pick("Houding", "Stance"), 9.0),
        (lang.pick("Zin", "Sentence"), 80.0),
        (lang.pick("Kop", "Heading"), 30.0),
        (lang.pick("Regels", "Rules"), 28.0),
        (lang.pick("Gevonden woorden", "Matched words"), 24.0),
        (lang.pick("Bestand", "File"), 30.0),
    ];
    table(ws, &cols, rows.len() as u32, f)?;
    for (r, &(d, p)) in (1..).zip(rows) {
        ws.write_string(r, 0, &d.meta.party)?;
        ws.write_string(r, 1, &d.meta.place)?;
        write_year(ws, r, 2, &d.meta.year)?;
        ws.write_number(r, 3, f64::from(p.page))?;
        ws.write_number(r, 4, f64::from(p.mirror))?;
        ws.write_string(r, 5, p.questions.join(", "))?;
        ws.write_string(r, 6, p.stance.as_str())?;
        ws.write_string_with_format(r, 7, &p.text, &f.wrap)?;
        ws.write_string_with_format(r, 8, d.heading_of(p.sentence), &f.wrap)?;
        ws.write_string(r, 9, p.rules.join(", "))?;
        ws.write_string(r, 10, p.terms.join(", "))?;
        ws.write_string(r, 11, &d.file)?;
    }
    Ok(())
}

fn failed_sheet(ws: &mut Worksheet, summary: &RunSummary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let cols = [
        (lang.pick("Bestand", "File"), 36.0),
        (lang.pick("Partij", "Party"), 22.0),
        (lang.pick("Plaats", "Place"), 14.0),
        (lang.pick("Jaar", "Year"), 7.0),
        (lang.pick("Reden", "Reason"), 50.0),
    ];
    table(ws, &cols, summary.failed() as u32, f)?;
    for (r, d) in summary.docs.iter().filter(|d| !d.status.is_ok()).enumerate() {
        let r = r as u32 + 1;
        for (c, v) in [&d.file, &d.meta.party, &d.meta.place].into_iter().enumerate() {
            ws.write_string(r, c as u16, v)?;
        }
        write_year(ws, r, 3, &d.meta.year)?;
        ws.write_string(r, 4, d.status.label())?;
    }
    Ok(())
}

fn overview_sheet(ws: &mut Worksheet, card: &Scorecard, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let cols = [
        (lang.pick("Verkiezing", "Election"), 22.0),
        (lang.pick("Jaar", "Year"), 7.0),
        (lang.pick("Partij", "Party"), 26.0),
        (lang.pick("Aantal plaatsen", "Places"), 10.0),
        (lang.pick("Programma's", "Programmes"), 10.0),
        (lang.pick("Mediaan initiatief", "Median initiative"), 12.0),
        (lang.pick("Laagste", "Lowest"), 10.0),
        (lang.pick("Hoogste", "Highest"), 10.0),
    ];
    let rows = card.overview.iter().flat_map(|t| t.rows.iter().map(move |o| (t, o)));
    table(ws, &cols, rows.clone().count() as u32, f)?;
    for (r, (t, o)) in rows.enumerate() {
        let r = r as u32 + 1;
        let level = match t.level {
            crate::model::Level::Municipal => lang.pick("gemeenteraad", "municipal council"),
            crate::model::Level::National => lang.pick("Tweede Kamer", "House of Representatives"),
        };
        ws.write_string(r, 0, level)?;
        match t.year.parse::<f64>() {
            Ok(y) => ws.write_number(r, 1, y)?,
            Err(_) => ws.write_string(r, 1, &t.year)?,
        };
        ws.write_string(r, 2, &o.party)?;
        ws.write_number(r, 3, o.places as f64)?;
        ws.write_number(r, 4, o.programmes as f64)?;
        for (c, v) in [o.median, o.min, o.max].into_iter().enumerate() {
            ws.write_number_with_format(r, 5 + c as u16, v / 100.0, &f.pct)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocResult, DocScore, Meta, Passage, Status};

    fn passage(i: usize) -> Passage {
        Passage {
            sentence: i,
            page: 1,
            line: 0,
            mirror: 1,
            questions: vec!["1.2".into()],
            rules: vec!["m1.x".into()],
            terms: vec!["inspraak".into()],
            stance: crate::rules::Stance::Pro,
            text: format!("zin {i}"),
        }
    }

    #[test]
    fn evidence_over_the_row_limit_goes_on_more_sheets() {
        let doc = DocResult {
            file: "a.txt".into(),
            meta: Meta { party: "A".into(), ..Meta::default() },
            status: Status::Ok,
            warnings: vec![],
            source_url: String::new(),
            sources: Vec::new(),
            sentences: vec![],
            sentence_words: Vec::new(),
            shingles: Vec::new(),
            passages: (0..5).map(passage).collect(),
            score: DocScore::default(),
        };
        let summary = RunSummary {
            docs: vec![doc],
            rules_label: "r".into(),
            titles: vec![],
            rule_ids: vec![],
            warnings: vec![],
            skipped: vec![],
        };
        let mut wb = Workbook::new();
        evidence_sheets(&mut wb, &summary, Lang::Nl, &Formats::new(), 2).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Bewijs", "Bewijs 2", "Bewijs 3"]);
        let last = book.worksheet_range("Bewijs 3").unwrap();
        assert_eq!(last.height(), 2, "a header and the fifth passage");
        assert_eq!(last.get_value((1, 7)).unwrap().to_string(), "zin 4");
    }
}
