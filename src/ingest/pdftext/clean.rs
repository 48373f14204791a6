//! Removal of page furniture: running headers/footers that recur at the same
//! height on many pages, and bare page numbers in the top or bottom margin.

use std::collections::HashMap;

use super::layout::Row;

/// The rows of one page together with the page box.
#[derive(Debug, Clone)]
pub struct PageRows {
    /// 1-based page number.
    pub number: u32,
    /// Page box (x0, y0, x1, y1), top-down.
    pub bbox: (f32, f32, f32, f32),
    /// Rows in reading order.
    pub rows: Vec<Row>,
}

/// Fraction of the page height at top and bottom searched for furniture.
const MARGIN: f32 = 0.15;
/// Two rows are "at the same height" within this fraction of the page height.
const SAME_Y: f32 = 0.015;

/// Text key that ignores case, digits (page numbers) and spacing.
fn furniture_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Relative height of a row's baseline on its page (0 top, 1 bottom).
fn rel_y(page: &PageRows, row: &Row) -> f32 {
    let h = (page.bbox.3 - page.bbox.1).max(1.0);
    (row.y - page.bbox.1) / h
}

fn in_margin(rel: f32) -> bool {
    !(MARGIN..=1.0 - MARGIN).contains(&rel)
}

/// Whether `text` is just a page number such as `12`, `- 12 -`, `pagina 3`, `3 / 40`.
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace()).to_lowercase();
    let t = ["pagina", "page", "blz.", "blz", "p."].iter().find_map(|p| t.strip_prefix(p)).unwrap_or(&t).trim();
    let mut parts = t.split(['/', ' ']).filter(|p| !p.is_empty() && *p != "van" && *p != "of");
    let is_num = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    let is_roman = |p: &str| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| "ivxlc".contains(c));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, None) => is_num(a) || is_roman(a),
        (Some(a), Some(b), None) => is_num(a) && is_num(b),
        _ => false,
    }
}

/// Height bucket of a relative position (buckets are a third of [`SAME_Y`]).
fn bucket(rel: f32) -> i32 {
    (rel / (SAME_Y / 3.0)).round() as i32
}

/// Per (key, height bucket): pages seen, and pages where the row had company.
#[derive(Default, Clone, Copy)]
struct Seen {
    pages: usize,
    with_others: usize,
    last_page: usize,
}

/// Drop running headers/footers and margin page numbers from all pages.
///
/// A margin row is a running header/footer when rows with the same text
/// (digits ignored) sit at about the same height on at least a quarter of the
/// pages (and on three or more), mostly next to other text: a document whose
/// pages hold nothing but that one line keeps it.
pub fn remove_furniture(pages: &mut [PageRows]) {
    let with_text = pages.iter().filter(|p| !p.rows.is_empty()).count();
    let mut seen: HashMap<(String, i32), Seen> = HashMap::new();
    for (pi, page) in pages.iter().enumerate() {
        for row in &page.rows {
            let rel = rel_y(page, row);
            if !in_margin(rel) {
                continue;
            }
            let key = furniture_key(&row.text);
            if key.is_empty() {
                continue;
            }
            let entry = seen.entry((key, bucket(rel))).or_default();
            if entry.pages == 0 || entry.last_page != pi {
                entry.pages += 1;
                entry.with_others += usize::from(page.rows.len() > 1);
                entry.last_page = pi;
            }
        }
    }
    let needed = ((with_text as f32) * 0.25).ceil().max(3.0) as usize;
    let repeated = |key: String, rel: f32| -> bool {
        let b = bucket(rel);
        let mut key = (key, b);
        let (mut pages, mut with_others) = (0, 0);
        for nb in b - 3..=b + 3 {
            key.1 = nb;
            if let Some(s) = seen.get(&key) {
                pages += s.pages;
                with_others += s.with_others;
            }
        }
        pages >= needed && 2 * with_others >= pages
    };
    for page in pages.iter_mut() {
        let bbox_page = PageRows { number: page.number, bbox: page.bbox, rows: Vec::new() };
        page.rows.retain(|row| {
            let rel = rel_y(&bbox_page, row);
            if !in_margin(rel) {
                return true;
            }
            if is_page_number(&row.text) {
                return false;
            }
            !(with_text >= 3 && repeated(furniture_key(&row.text), rel))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, y: f32) -> Row {
        Row {
            text: text.into(),
            x0: 50.0,
            x1: 300.0,
            top: y - 8.0,
            bottom: y + 2.0,
            y,
            size: 10.0,
            chars: text.len(),
            block: 0,
        }
    }

    #[test]
    fn page_numbers() {
        for t in ["12", "- 12 -", "pagina 3", "3 / 40", "3 van 40", "xii"] {
            assert!(is_page_number(t), "{t}");
        }
        assert!(!is_page_number("12 maatregelen"));
        assert!(!is_page_number("Hoofdstuk 3"));
    }

    #[test]
    fn running_footer_with_glued_page_number_is_removed() {
        let mut pages: Vec<PageRows> = (1..=6)
            .map(|n| PageRows {
                number: n,
                bbox: (0.0, 0.0, 595.0, 842.0),
                rows: vec![
                    row(&format!("Tekst van pagina {n} over wonen."), 400.0),
                    row(&format!("{n}Verkiezingsprogramma 2021 - 2025 Volt Nederland"), 810.0 + (n % 2) as f32),
                    row(&format!("{n}"), 825.0),
                ],
            })
            .collect();
        remove_furniture(&mut pages);
        for p in &pages {
            assert_eq!(p.rows.len(), 1, "{:?}", p.rows);
            assert!(p.rows[0].text.starts_with("Tekst"));
        }
    }

    #[test]
    fn a_document_of_only_one_repeated_line_keeps_it() {
        let mut pages: Vec<PageRows> = (1..=6)
            .map(|n| PageRows {
                number: n,
                bbox: (0.0, 0.0, 612.0, 792.0),
                rows: vec![row("page of a 6 page file", 72.0)],
            })
            .collect();
        remove_furniture(&mut pages);
        assert!(pages.iter().all(|p| p.rows.len() == 1));
    }

    #[test]
    fn body_text_in_the_middle_is_kept_even_if_repeated() {
        let mut pages: Vec<PageRows> = (1..=6)
            .map(|n| PageRows { number: n, bbox: (0.0, 0.0, 595.0, 842.0), rows: vec![row("Wat wij willen", 400.0)] })
            .collect();
        remove_furniture(&mut pages);
        assert!(pages.iter().all(|p| p.rows.len() == 1));
    }
}
