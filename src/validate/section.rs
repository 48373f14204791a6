//! The "Validatie" (Dutch) or "Validation" (English) section of the scorecards (Markdown,
//! HTML) and the workbook's sheet: who coded how much, alpha, the tool's F1, and what it
//! means for the ranking.

use std::fmt::Write;

use super::agree::{Agreement, Interval};
use super::render::prf_of;
use crate::report::options::Lang;

/// A part of the section: a paragraph or a table (header, rows).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// A table.
    Table(Vec<String>, Vec<Vec<Cell>>),
}

/// A table cell: text, or a number the workbook keeps a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Count(usize),
    /// A share (0 to 1), shown as a percentage; `None`: undefined.
    Share(Option<f64>),
    /// A coefficient (alpha, F1, rho), two decimals; `None`: undefined.
    Coef(Option<f64>),
}

impl Cell {
    /// The cell as text (a decimal comma in Dutch).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(x) => pct(*x),
            Cell::Coef(x) => x.map_or("–".into(), |x| dec(x, lang)),
        }
    }
}

/// `0,81` (Dutch) or `0.81`.
fn dec(x: f64, lang: Lang) -> String {
    let s = format!("{x:.2}");
    lang.pick2(s.replace('.', ","), s)
}

/// `72%`.
fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.0}%", x * 100.0))
}

fn dec_interval(i: Interval, lang: Lang) -> String {
    let label = lang.pick("95%-interval", "95% interval");
    i.map_or(String::new(), |(lo, hi)| format!(" ({label} {}–{})", dec(lo, lang), dec(hi, lang)))
}

/// What alpha means, in Krippendorff's own thresholds.
fn alpha_meaning(alpha: Option<f64>, lang: Lang) -> &'static str {
    match alpha {
        None => lang.pick(
            "Met één codeur is er geen alfa: laat een tweede codeur dezelfde eenheden coderen.",
            "With one coder there is no alpha: have a second coder code the same units.",
        ),
        Some(a) if a >= 0.8 => lang.pick(
            "De codeurs zijn het voldoende eens om hun codes als maatstaf te gebruiken (α ≥ 0,80).",
            "The coders agree well enough to use their codes as the yardstick (α ≥ 0.80).",
        ),
        Some(a) if a >= 0.667 => lang.pick(
            "De codeurs zijn het redelijk eens; trek alleen voorzichtige conclusies (0,667 ≤ α < 0,80).",
            "The coders agree fairly; draw only tentative conclusions (0.667 ≤ α < 0.80).",
        ),
        Some(_) => lang.pick(
            "De codeurs zijn het te weinig eens (α < 0,667): verduidelijk de codeerwijzer en codeer opnieuw \
voordat u caleido hieraan toetst.",
            "The coders agree too little (α < 0.667): clarify the coding instructions and code again before \
you test caleido against them.",
        ),
    }
}

/// What the rank correlation means for the scorecard's ranking.
fn ranking_meaning(rho: Option<f64>, lang: Lang) -> &'static str {
    match rho {
        None => lang.pick(
            "Te weinig partijen (minder dan drie) om de rangorde te toetsen.",
            "Too few parties (fewer than three) to test the ranking.",
        ),
        Some(r) if r >= 0.8 => lang.pick(
            "caleido zet de partijen in ongeveer dezelfde volgorde als de codeurs: de rangorde is bruikbaar, \
maar kleine verschillen tussen partijen die dicht bij elkaar liggen niet.",
            "caleido puts the parties in about the same order as the coders: the ranking can be used, small \
differences between parties close to each other cannot.",
        ),
        Some(r) if r >= 0.5 => lang.pick(
            "De volgorde komt ten dele overeen: noem alleen grote verschillen tussen partijen.",
            "The order agrees in part: report only large differences between parties.",
        ),
        Some(_) => lang.pick(
            "caleido en de codeurs ordenen de partijen verschillend: gebruik de rangorde niet zonder de \
passages zelf te lezen.",
            "caleido and the coders order the parties differently: do not use the ranking without reading \
the passages themselves.",
        ),
    }
}

/// The section as blocks, in `lang`.
pub fn section(a: &Agreement, lang: Lang) -> Vec<Block> {
    let units = lang.pick("eenheden", "units");
    let names: Vec<String> = a.coders.iter().map(|c| format!("{} ({} {units})", c.name, c.coded)).collect();
    let any = a.agreed.any;
    let coders = match (a.coders.len(), lang) {
        (1, Lang::Nl) => "één codeur".to_string(),
        (1, Lang::En) => "one coder".to_string(),
        (n, _) => format!("{n} {}", lang.pick("codeurs", "coders")),
    };
    let na = || "–".to_string();
    let intro = match lang {
        Lang::Nl => format!(
            "Een steekproef van {} eenheden (zinnen, opsommingstekens, koppen), getrokken per partij en naar of een \
regel raakte, is met de hand gecodeerd door {coders}: {}. Het codeerblad liet niet zien wat caleido vond. Met de \
steekproefgewichten staan de cijfers voor alle eenheden van het corpus. Regelset {}.",
            a.units,
            names.join(", "),
            a.rule_set
        ),
        Lang::En => format!(
            "A sample of {} units (sentences, bullets, headings), drawn per party and by whether a rule matched, was \
coded by hand by {coders}: {}. The coding sheet did not show what caleido found. With the sampling weights the \
figures stand for all units of the corpus. Rule set {}.",
            a.units,
            names.join(", "),
            a.rule_set
        ),
    };
    let alpha = format!(
        "{}: {}{}. {}",
        lang.pick(
            "Overeenstemming tussen de codeurs (Krippendorffs alfa, wel of geen spiegel)",
            "Agreement between the coders (Krippendorff's alpha, any mirror or none)"
        ),
        a.alpha_any().map_or_else(na, |x| dec(x, lang)),
        dec_interval(a.alpha_interval[5], lang),
        alpha_meaning(a.alpha_any(), lang)
    );
    let (f1, p, r, f) = (dec(a.agreed.macro_f1(), lang), pct(any.precision()), pct(any.recall()), dec(any.f1(), lang));
    let f1_interval = dec_interval(a.macro_f1_interval, lang);
    let tool = match lang {
        Lang::Nl => format!(
            "caleido tegen de gezamenlijke codes: macro-F1 {f1}{f1_interval}. Van de eenheden die caleido bij een \
spiegel indeelt, is naar schatting {p} terecht (precisie); van de eenheden die de codeurs bij een spiegel indelen, \
vindt caleido {r} (recall); F1 {f}."
        ),
        Lang::En => format!(
            "caleido against the joint codes: macro-F1 {f1}{f1_interval}. Of the units caleido puts under a mirror, \
an estimated {p} are right (precision); of the units the coders put under a mirror, caleido finds {r} (recall); \
F1 {f}."
        ),
    };
    let mut blocks = vec![Block::Para(intro), Block::Para(alpha), Block::Para(tool)];
    let header =
        lang.pick2(["spiegel", "alfa", "precisie", "recall", "F1"], ["mirror", "alpha", "precision", "recall", "F1"]);
    let rows = (0..6)
        .map(|k| {
            let p = prf_of(&a.agreed, k);
            let label = match (k, lang) {
                (5, Lang::Nl) => "een spiegel".to_string(),
                (5, Lang::En) => "any mirror".to_string(),
                (k, _) => format!("{} {}", lang.pick("spiegel", "mirror"), k + 1),
            };
            vec![
                Cell::Text(label),
                Cell::Coef(a.alpha[k]),
                Cell::Share(p.precision()),
                Cell::Share(p.recall()),
                Cell::Coef(Some(p.f1())),
            ]
        })
        .collect();
    blocks.push(Block::Table(header.map(String::from).to_vec(), rows));
    let rho = a.ranking_spearman.map_or_else(na, |x| dec(x, lang));
    let ranking = match lang {
        Lang::Nl => format!(
            "Wat betekent dit voor de rangorde? Per partij het aandeel eenheden over een spiegel (eenheden, niet \
woorden zoals in de scorekaart) volgens caleido en, geschat uit de steekproef, volgens de codeurs. Spearmans ρ = \
{rho}. {}",
            ranking_meaning(a.ranking_spearman, lang)
        ),
        Lang::En => format!(
            "What does this mean for the ranking? Per party the share of units about a mirror (units, not words as \
in the scorecard) according to caleido and, estimated from the sample, according to the coders. Spearman's ρ = \
{rho}. {}",
            ranking_meaning(a.ranking_spearman, lang)
        ),
    };
    blocks.push(Block::Para(ranking));
    let header = lang.pick2(
        ["partij", "eenheden", "in steekproef", "caleido", "codeurs"],
        ["party", "units", "in sample", "caleido", "coders"],
    );
    let rows = a
        .parties
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.party.clone()),
                Cell::Count(p.units),
                Cell::Count(p.sampled),
                Cell::Share(Some(p.tool_share)),
                Cell::Share(p.coder_share),
            ]
        })
        .collect();
    blocks.push(Block::Table(header.map(String::from).to_vec(), rows));
    blocks
}

/// The section in Markdown, with its heading.
pub fn section_md(a: &Agreement, lang: Lang) -> String {
    let mut out = format!("## {}\n\n", lang.pick("Validatie", "Validation"));
    for b in section(a, lang) {
        match b {
            Block::Para(p) => {
                let _ = writeln!(out, "{}\n", crate::report::markdown::escape(&p));
            }
            Block::Table(header, rows) => {
                let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| crate::report::markdown::escape(&c.text(lang))).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The section in HTML, with its heading (the anchor is `validatie` in both languages).
pub fn section_html(a: &Agreement, lang: Lang) -> String {
    use crate::report::html::escape;
    let mut out = format!("<h2 id=\"validatie\">{}</h2>\n", lang.pick("Validatie", "Validation"));
    for b in section(a, lang) {
        match b {
            Block::Para(p) => {
                let _ = writeln!(out, "<p>{}</p>", escape(&p));
            }
            Block::Table(header, rows) => {
                out.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
                for h in header {
                    let _ = write!(out, "<th>{}</th>", escape(&h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        let _ = write!(out, "<td>{}</td>", escape(&c.text(lang)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table></div>\n");
            }
        }
    }
    out
}

/// Puts `section` in front of the first `marker` in `page` (at the end when the marker is missing).
pub fn insert_before(page: String, marker: &str, section: &str) -> String {
    match page.find(marker) {
        Some(i) => format!("{}{section}{}", &page[..i], &page[i..]),
        None => page + section,
    }
}

/// Writes the section on a worksheet: paragraphs in column A, tables below them.
pub fn section_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    a: &Agreement,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.set_column_width(0, 60)?;
    for c in 1..5 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string_with_format(0, 0, lang.pick("Validatie", "Validation"), &bold)?;
    let mut row = 2;
    for b in section(a, lang) {
        match b {
            Block::Para(p) => {
                ws.merge_range(row, 0, row, 4, &p, &wrap)?;
                ws.set_row_height(row, 15.0 * (p.chars().count() as f64 / 100.0).ceil().max(1.0))?;
                row += 2;
            }
            Block::Table(header, rows) => {
                for (c, h) in header.iter().enumerate() {
                    ws.write_string_with_format(row, c as u16, h, &bold)?;
                }
                for r in rows {
                    row += 1;
                    for (c, v) in r.iter().enumerate() {
                        write_cell(ws, row, c as u16, v, &pct)?;
                    }
                }
                row += 2;
            }
        }
    }
    Ok(())
}

fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    pct: &rust_xlsxwriter::Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match cell {
        Cell::Text(t) => ws.write_string(row, col, t).map(drop),
        Cell::Count(n) => ws.write_number(row, col, *n as f64).map(drop),
        Cell::Share(Some(x)) => ws.write_number_with_format(row, col, *x, pct).map(drop),
        Cell::Coef(Some(x)) => ws.write_number(row, col, (x * 1000.0).round() / 1000.0).map(drop),
        Cell::Share(None) | Cell::Coef(None) => ws.write_string(row, col, "–").map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::agree::test_agreement as agreement;

    #[test]
    fn the_dutch_section_reads_alpha_by_krippendorffs_thresholds() {
        let md = section_md(&agreement(Some(0.7), 10), Lang::Nl);
        assert!(md.starts_with("## Validatie\n"));
        assert!(md.contains("0,70") && md.contains("voorzichtige conclusies"), "{md}");
        assert!(md.contains("naar schatting 75% terecht") && md.contains("vindt caleido 50%"), "{md}");
        assert!(section_md(&agreement(Some(0.9), 10), Lang::Nl).contains("voldoende eens"));
        assert!(section_md(&agreement(None, 10), Lang::Nl).contains("tweede codeur"));
    }

    #[test]
    fn the_english_section_is_english() {
        let md = section_md(&agreement(Some(0.7), 10), Lang::En);
        assert!(md.starts_with("## Validation\n"), "{md}");
        assert!(md.contains("0.70") && md.contains("tentative conclusions"), "{md}");
        assert!(md.contains("an estimated 75% are right") && md.contains("caleido finds 50%"), "{md}");
        assert!(md.contains("| mirror | alpha | precision | recall | F1 |"), "{md}");
        for dutch in ["spiegel", "codeur", "eenheden", "Validatie"] {
            assert!(!md.contains(dutch), "{dutch} in {md}");
        }
        let html = section_html(&agreement(None, 10), Lang::En);
        assert!(html.contains(">Validation</h2>") && html.contains("second coder"), "{html}");
    }

    #[test]
    fn the_section_goes_before_the_marker_or_at_the_end() {
        assert_eq!(insert_before("a\n## Methode\nb".into(), "## Methode", "V\n"), "a\nV\n## Methode\nb");
        assert_eq!(insert_before("a\n".into(), "## Methode", "V\n"), "a\nV\n");
    }
}
