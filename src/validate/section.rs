//! The Dutch "Validatie" section of the scorecards (Markdown, HTML) and the workbook's sheet:
//! who coded how much, alpha, the tool's F1, and what it means for the ranking.

use std::fmt::Write;

use super::agree::{Agreement, Interval};
use super::render::prf_of;

/// A part of the Dutch "Validatie" section: a paragraph or a table (header, rows).
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
    /// The cell as Dutch text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(x) => pct(*x),
            Cell::Coef(x) => x.map_or("–".into(), dec),
        }
    }
}

/// `0,81`.
fn dec(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// `72%`.
fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.0}%", x * 100.0))
}

fn dec_interval(i: Interval) -> String {
    i.map_or(String::new(), |(lo, hi)| format!(" (95%-interval {}–{})", dec(lo), dec(hi)))
}

/// What alpha means, in Krippendorff's own thresholds.
fn alpha_meaning(alpha: Option<f64>) -> &'static str {
    match alpha {
        None => "Met één codeur is er geen alfa: laat een tweede codeur dezelfde eenheden coderen.",
        Some(a) if a >= 0.8 => "De codeurs zijn het voldoende eens om hun codes als maatstaf te gebruiken (α ≥ 0,80).",
        Some(a) if a >= 0.667 => {
            "De codeurs zijn het redelijk eens; trek alleen voorzichtige conclusies (0,667 ≤ α < 0,80)."
        }
        Some(_) => {
            "De codeurs zijn het te weinig eens (α < 0,667): verduidelijk de codeerwijzer en codeer opnieuw \
voordat u caleido hieraan toetst."
        }
    }
}

/// What the rank correlation means for the scorecard's ranking.
fn ranking_meaning(rho: Option<f64>) -> &'static str {
    match rho {
        None => "Te weinig partijen (minder dan drie) om de rangorde te toetsen.",
        Some(r) if r >= 0.8 => {
            "caleido zet de partijen in ongeveer dezelfde volgorde als de codeurs: de rangorde is bruikbaar, \
maar kleine verschillen tussen partijen die dicht bij elkaar liggen niet."
        }
        Some(r) if r >= 0.5 => "De volgorde komt ten dele overeen: noem alleen grote verschillen tussen partijen.",
        Some(_) => {
            "caleido en de codeurs ordenen de partijen verschillend: gebruik de rangorde niet zonder de \
passages zelf te lezen."
        }
    }
}

/// The Dutch "Validatie" section as blocks.
pub fn section(a: &Agreement) -> Vec<Block> {
    let names: Vec<String> = a.coders.iter().map(|c| format!("{} ({} eenheden)", c.name, c.coded)).collect();
    let any = a.agreed.any;
    let mut blocks = vec![
        Block::Para(format!(
            "Een steekproef van {} eenheden (zinnen, opsommingstekens, koppen), getrokken per partij en naar of een \
regel raakte, is met de hand gecodeerd door {}: {}. Het codeerblad liet niet zien wat caleido vond. Met de \
steekproefgewichten staan de cijfers voor alle eenheden van het corpus. Regelset {}.",
            a.units,
            if a.coders.len() == 1 { "één codeur".to_string() } else { format!("{} codeurs", a.coders.len()) },
            names.join(", "),
            a.rule_set
        )),
        Block::Para(format!(
            "Overeenstemming tussen de codeurs (Krippendorffs alfa, wel of geen spiegel): {}{}. {}",
            a.alpha_any().map_or("–".into(), dec),
            dec_interval(a.alpha_interval[5]),
            alpha_meaning(a.alpha_any())
        )),
        Block::Para(format!(
            "caleido tegen de gezamenlijke codes: macro-F1 {}{}. Van de eenheden die caleido bij een spiegel indeelt, \
is naar schatting {} terecht (precisie); van de eenheden die de codeurs bij een spiegel indelen, vindt caleido {} \
(recall); F1 {}.",
            dec(a.agreed.macro_f1()),
            dec_interval(a.macro_f1_interval),
            pct(any.precision()),
            pct(any.recall()),
            dec(any.f1())
        )),
    ];
    let header = ["spiegel", "alfa", "precisie", "recall", "F1"].map(String::from).to_vec();
    let rows = (0..6)
        .map(|k| {
            let p = prf_of(&a.agreed, k);
            let label = if k == 5 { "een spiegel".to_string() } else { format!("spiegel {}", k + 1) };
            vec![
                Cell::Text(label),
                Cell::Coef(a.alpha[k]),
                Cell::Share(p.precision()),
                Cell::Share(p.recall()),
                Cell::Coef(Some(p.f1())),
            ]
        })
        .collect();
    blocks.push(Block::Table(header, rows));
    blocks.push(Block::Para(format!(
        "Wat betekent dit voor de rangorde? Per partij het aandeel eenheden over een spiegel (eenheden, niet woorden \
zoals in de scorekaart) volgens caleido en, geschat uit de steekproef, volgens de codeurs. Spearmans ρ = {}. {}",
        a.ranking_spearman.map_or("–".into(), dec),
        ranking_meaning(a.ranking_spearman)
    )));
    let header = ["partij", "eenheden", "in steekproef", "caleido", "codeurs"].map(String::from).to_vec();
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
    blocks.push(Block::Table(header, rows));
    blocks
}

/// The section in Markdown, with its heading.
pub fn section_md(a: &Agreement) -> String {
    let mut out = String::from("## Validatie\n\n");
    for b in section(a) {
        match b {
            Block::Para(p) => {
                let _ = writeln!(out, "{}\n", crate::report::markdown::escape(&p));
            }
            Block::Table(header, rows) => {
                let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| crate::report::markdown::escape(&c.text())).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The section in HTML, with its heading.
pub fn section_html(a: &Agreement) -> String {
    use crate::report::html::escape;
    let mut out = String::from("<h2 id=\"validatie\">Validatie</h2>\n");
    for b in section(a) {
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
                        let _ = write!(out, "<td>{}</td>", escape(&c.text()));
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
pub fn section_sheet(ws: &mut rust_xlsxwriter::Worksheet, a: &Agreement) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.set_column_width(0, 60)?;
    for c in 1..5 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string_with_format(0, 0, "Validatie", &bold)?;
    let mut row = 2;
    for b in section(a) {
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
        let md = section_md(&agreement(Some(0.7), 10));
        assert!(md.starts_with("## Validatie\n"));
        assert!(md.contains("0,70") && md.contains("voorzichtige conclusies"), "{md}");
        assert!(md.contains("naar schatting 75% terecht") && md.contains("vindt caleido 50%"), "{md}");
        assert!(section_md(&agreement(Some(0.9), 10)).contains("voldoende eens"));
        assert!(section_md(&agreement(None, 10)).contains("tweede codeur"));
    }

    #[test]
    fn the_section_goes_before_the_marker_or_at_the_end() {
        assert_eq!(insert_before("a\n## Methode\nb".into(), "## Methode", "V\n"), "a\nV\n## Methode\nb");
        assert_eq!(insert_before("a\n".into(), "## Methode", "V\n"), "a\nV\n");
    }
}
