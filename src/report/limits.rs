//! Limits of report formats: a text longer than a format allows is cut, with a visible marker,
//! in that format only; the CSVs always keep the full text.

use crate::model::DocResult;
use crate::run::RunSummary;

/// Most characters (UTF-16 code units) Excel allows in one cell.
pub const XLSX_CELL_CHARS: usize = 32_767;
/// Most data rows on one worksheet (Excel's 1,048,576 rows less the header row).
pub const XLSX_SHEET_ROWS: usize = 1_048_575;
/// What a cut text ends with.
pub const CUT_MARKER: &str = " … [ingekort: volledige tekst in scores.csv of passages.csv]";

/// `text` cut to at most `max` UTF-16 units, marker included, on a character boundary; `None`
/// when it fits as it is.
pub fn cut(text: &str, max: usize) -> Option<String> {
    if text.encode_utf16().count() <= max {
        return None;
    }
    let room = max.saturating_sub(CUT_MARKER.encode_utf16().count());
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    Some(format!("{}{CUT_MARKER}", &text[..end]))
}

fn fit(text: &mut String, max: usize) -> bool {
    match cut(text, max) {
        Some(short) => {
            *text = short;
            true
        }
        None => false,
    }
}

fn fit_all(texts: &mut [String], max: usize) -> bool {
    texts.iter_mut().fold(false, |any, t| fit(t, max) | any)
}

/// Cuts every text of one result that is longer than `max`; true when any was cut.
fn fit_doc(d: &mut DocResult, max: usize) -> bool {
    let mut any = fit(&mut d.file, max) | fit(&mut d.meta.party, max);
    any |= fit(&mut d.meta.place, max) | fit(&mut d.meta.year, max) | fit(&mut d.source_url, max);
    any |= fit_all(&mut d.warnings, max);
    if let crate::model::Status::Damaged(why) | crate::model::Status::Unreadable(why) = &mut d.status {
        any |= fit(why, max / 2);
    }
    for s in &mut d.sentences {
        any |= fit(&mut s.text, max);
    }
    for p in &mut d.passages {
        any |= fit(&mut p.text, max) | fit_all(&mut p.terms, max / 8) | fit_all(&mut p.rules, max / 8);
    }
    any
}

/// A copy of the run with every text cut to `max` characters, or `None` when every text fits
/// (no copy is made then).
pub fn clipped(summary: &RunSummary, max: usize) -> Option<RunSummary> {
    let too_long = |s: &str| s.len() > max && s.encode_utf16().count() > max;
    let needs = summary.docs.iter().any(|d| {
        [&d.file, &d.meta.party, &d.meta.place, &d.meta.year, &d.source_url].into_iter().any(|s| too_long(s))
            || d.warnings.iter().any(|w| too_long(w))
            || too_long(&d.status.label())
            || d.sentences.iter().any(|s| too_long(&s.text))
            || d.passages.iter().any(|p| too_long(&p.text) || p.terms.iter().chain(&p.rules).any(|t| too_long(t)))
    });
    if !needs {
        return None;
    }
    let mut short = summary.clone();
    for d in &mut short.docs {
        fit_doc(d, max);
    }
    Some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_with_the_marker_and_fits() {
        let long = "é".repeat(40_000);
        let short = cut(&long, XLSX_CELL_CHARS).unwrap();
        assert!(short.ends_with(CUT_MARKER));
        assert!(short.encode_utf16().count() <= XLSX_CELL_CHARS);
        assert!(short.encode_utf16().count() > XLSX_CELL_CHARS - 5);
        assert_eq!(cut("kort", 10), None);
    }

    #[test]
    fn characters_outside_the_basic_plane_count_twice() {
        let long = "😀".repeat(100);
        let short = cut(&long, 100).unwrap();
        assert!(short.encode_utf16().count() <= 100, "{}", short.encode_utf16().count());
    }
}
