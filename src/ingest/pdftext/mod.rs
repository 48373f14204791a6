//! caleido's PDF text layer: pages and lines in reading order from PDF bytes.
//!
//! Pipeline: `load` (lopdf, empty-password decryption, slimming of colour and
//! image data; `recover` rebuilds broken xref tables) → `onepass` (all pages
//! as form XObjects of one page so pdf-extract's font cache survives) →
//! pdf-extract's glyph stream into `glyphs::Collector` → `layout` (words,
//! fragments, XY-cut reading order) → `clean` (running headers/footers, page
//! numbers) → paragraphs, headings, de-hyphenation and Unicode clean-up
//! (`normalize`).
//!
//! Only [`extract`], [`PdfError`] and the debugging aid [`debug_fragments`]
//! are public.

mod clean;
#[cfg(test)]
mod content_ops_tests;
mod encrypt;
mod fonts;
mod glyphs;
mod inflate;
pub use inflate::STREAM_LIMIT;
mod layout;
mod linenumbers;
mod load;
mod normalize;
mod onepass;
mod recover;

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::model::{Line, Page};
use crate::segment::BULLET_GLYPHS as BULLETS;
use clean::PageRows;
use glyphs::{Collector, RawPage};
use layout::{Frag, Row};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes are not a PDF at all.
    #[error("not a PDF file")]
    NotAPdf,
    /// The file needs a password (the empty user password was tried).
    #[error("PDF is encrypted and needs a password")]
    Encrypted,
    /// The parser rejected the file, even after xref recovery.
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// The document has no pages.
    #[error("PDF has no pages")]
    NoPages,
    /// A stream inflates beyond [`inflate::STREAM_LIMIT`] (a decompression bomb).
    #[error("a stream inflates beyond {} MiB", inflate::STREAM_LIMIT >> 20)]
    TooLarge,
}

/// Extract the text of every physical page of a PDF in reading order.
///
/// Returns one [`Page`] per page (pages without text have no lines). Never
/// panics: parser panics become [`PdfError::Damaged`].
pub fn extract(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    catch_unwind(AssertUnwindSafe(|| extract_inner(bytes)))
        .unwrap_or_else(|p| Err(PdfError::Damaged(format!("internal parser panic: {}", panic_message(p.as_ref())))))
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Whether lopdf opens `bytes` as an encrypted file it decrypted with the empty
/// user password (so a file without text is really without text).
pub fn decrypted_with_empty_password(bytes: &[u8]) -> bool {
    catch_unwind(AssertUnwindSafe(|| load::load(bytes).is_ok_and(|doc| doc.was_encrypted()))).unwrap_or(false)
}

fn extract_inner(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    Ok(pages_from_glyphs(raw_pages(bytes)?))
}

/// Load, slim and collect the glyphs of every page. If the document seems
/// to have no pages or no text at all, the xref is rebuilt from a scan of the
/// bytes and the result is used when it has more text (files with junk before
/// the header or stale xref offsets load "fine" but empty).
fn raw_pages(bytes: &[u8]) -> Result<Vec<RawPage>, PdfError> {
    let first = load::load(bytes).and_then(glyphs_of);
    let has_text = |pages: &[RawPage]| pages.iter().any(|p| !p.glyphs.is_empty());
    match &first {
        Ok(pages) if has_text(pages) => return first,
        Err(PdfError::Encrypted | PdfError::NotAPdf | PdfError::TooLarge) => return first,
        _ => {}
    }
    match recover::reload(bytes).map(glyphs_of) {
        Some(Ok(pages)) if has_text(&pages) || first.is_err() => Ok(pages),
        _ => first,
    }
}

fn glyphs_of(mut doc: lopdf::Document) -> Result<Vec<RawPage>, PdfError> {
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::NoPages);
    }
    if inflate::oversized_stream(&doc, inflate::STREAM_LIMIT).is_some() {
        return Err(PdfError::TooLarge);
    }
    load::slim(&mut doc);
    Ok(collect_glyphs(&mut doc, &page_ids))
}

/// Debugging aid: the fragments (positioned word runs, before reading
/// order) of page `number`, one per line as `x x0-x1 y baseline size s | text`.
pub fn debug_fragments(bytes: &[u8], number: u32) -> Result<Vec<String>, PdfError> {
    let raw = catch_unwind(AssertUnwindSafe(|| raw_pages(bytes)))
        .map_err(|_| PdfError::Damaged("internal parser panic".into()))??;
    Ok(raw
        .iter()
        .find(|p| p.number == number)
        .map(|p| layout::fragments(&p.glyphs))
        .unwrap_or_default()
        .into_iter()
        .map(|f| format!("x {:7.1}-{:7.1} y {:7.1} size {:5.1} | {}", f.x0, f.x1, f.y, f.size, f.text))
        .collect())
}

/// Run pdf-extract over all pages in one pass (see [`onepass`]); if a page
/// fails or panics, keep what it produced and continue page by page after it.
fn collect_glyphs(doc: &mut lopdf::Document, page_ids: &BTreeMap<u32, lopdf::ObjectId>) -> Vec<RawPage> {
    let mut collector = Collector::default();
    let mut done = 0;
    if let Some((boxes, old_pages)) = onepass::build(doc, page_ids) {
        collector = Collector::one_pass(boxes);
        let whole = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc(doc, &mut collector)));
        if matches!(whole, Ok(Ok(()))) {
            done = u32::MAX;
        } else {
            collector.abort_page();
            done = collector.pages.iter().map(|p| p.number).max().unwrap_or(0);
        }
        onepass::restore(doc, old_pages);
        collector.page_by_page();
    }
    for &n in page_ids.keys().filter(|&&n| n > done) {
        let one = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(doc, &mut collector, n)));
        if !matches!(one, Ok(Ok(()))) {
            collector.abort_page();
        }
    }
    let mut by_number: HashMap<u32, RawPage> = HashMap::new();
    for p in collector.pages {
        by_number.entry(p.number).or_insert(p);
    }
    page_ids.keys().map(|&n| by_number.remove(&n).unwrap_or(RawPage { number: n, ..RawPage::default() })).collect()
}

/// Char-weighted most common size (rounded to half points) of fragments.
fn body_size<'a>(frags: impl Iterator<Item = &'a Frag>) -> f32 {
    let mut hist: HashMap<i32, usize> = HashMap::new();
    for f in frags {
        *hist.entry((f.size * 2.0).round() as i32).or_default() += f.chars;
    }
    hist.into_iter().max_by_key(|&(s, c)| (c, -s)).map(|(s, _)| s as f32 / 2.0).unwrap_or(10.0)
}

/// Layout, furniture removal and paragraph assembly for all pages.
fn pages_from_glyphs(raw: Vec<RawPage>) -> Vec<Page> {
    let frags: Vec<Vec<Frag>> = raw
        .iter()
        .map(|p| {
            let (x0, y0, x1, y1) = p.bbox;
            let mut page: Vec<Frag> = layout::fragments(&p.glyphs)
                .into_iter()
                .filter(|f| f.x1 > x0 && f.x0 < x1 && f.y > y0 && f.y < y1 + 2.0)
                .collect();
            linenumbers::drop_line_numbers(&mut page);
            page
        })
        .collect();
    let body = body_size(frags.iter().flatten());
    let mut pages: Vec<PageRows> = raw
        .iter()
        .zip(&frags)
        .map(|(p, f)| PageRows { number: p.number, bbox: p.bbox, rows: layout::reading_order(f, body) })
        .collect();
    clean::remove_furniture(&mut pages);
    pages.into_iter().map(|p| Page { number: p.number, lines: assemble(&p.rows, body) }).collect()
}

/// A "heading" paragraph with more words than this is display text.
const MAX_HEADING_WORDS: usize = 24;

/// Whether a row is set clearly larger than body text.
fn is_heading(row: &Row, body: f32) -> bool {
    row.size >= 1.18 * body && row.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// The page's usual distance between baselines of consecutive lines of one paragraph
/// (the median over rows stacked directly below each other), so that generous leading
/// is not mistaken for paragraph breaks.
fn usual_leading(rows: &[Row]) -> f32 {
    let mut gaps: Vec<f32> = rows
        .windows(2)
        .filter(|w| w[1].top > w[0].top && w[1].x0 < w[0].x1 && w[0].x0 < w[1].x1)
        .filter(|w| (w[0].size - w[1].size).abs() < 0.5)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[(gaps.len() - 1) / 2]
}

/// Whether a paragraph break belongs between consecutive rows `a` and `b`.
fn breaks(a: &Row, b: &Row, body: f32, leading: f32) -> bool {
    if is_heading(a, body) != is_heading(b, body) {
        return true;
    }
    let big = a.size.max(b.size);
    if (a.size - b.size).abs() > 0.15 * big {
        return true;
    }
    if b.text.trim_start().starts_with(BULLETS) {
        return true;
    }
    let ends_sentence = a.text.trim_end().ends_with(['.', '!', '?', ':', ';', '”', '"']);
    let below = b.top > a.top;
    let overlap_x = b.x0 < a.x1 && a.x0 < b.x1;
    if below && overlap_x {
        // Normal next line unless the gap is larger than usual leading.
        return b.y - a.y > (1.6 * big).max(1.4 * leading);
    }
    // Jump to another column or block: a paragraph continues if the sentence does.
    ends_sentence
}

/// Turn ordered rows into lines with paragraph breaks, headings,
/// de-hyphenation and Unicode normalisation.
fn assemble(rows: &[Row], body: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut heading = false;
    let flush = |para: &mut Vec<String>, heading: bool, lines: &mut Vec<Line>| {
        if para.is_empty() {
            return;
        }
        normalize::dehyphenate(para);
        // Large type over many words is display text (an intro), not a heading.
        let words: usize = para.iter().map(|l| l.split_whitespace().count()).sum();
        let heading = heading && words <= MAX_HEADING_WORDS;
        let before = lines.len();
        for raw in para.drain(..) {
            let text = normalize::normalize_line(&raw);
            if !text.is_empty() {
                lines.push(Line { text, heading, number: 0 });
            }
        }
        if lines.len() > before {
            lines.push(Line { text: String::new(), heading: false, number: 0 });
        }
    };
    let leading = usual_leading(rows);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && breaks(&rows[i - 1], row, body, leading) {
            flush(&mut para, heading, &mut lines);
        }
        heading = is_heading(row, body);
        para.push(row.text.clone());
    }
    flush(&mut para, heading, &mut lines);
    if lines.last().is_some_and(|l| l.text.is_empty()) {
        lines.pop();
    }
    number_lines(&mut lines);
    lines
}

/// Numbers the lines with text 1, 2, ... in reading order: the line on the page a quote cites.
fn number_lines(lines: &mut [Line]) {
    let mut n = 0;
    for line in lines.iter_mut().filter(|l| !l.text.is_empty()) {
        n += 1;
        line.number = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, x0: f32, y: f32, size: f32) -> Row {
        Row {
            text: text.into(),
            x0,
            x1: x0 + 200.0,
            top: y - 0.75 * size,
            bottom: y + 0.22 * size,
            y,
            size,
            chars: text.len(),
            block: 0,
        }
    }

    #[test]
    fn paragraphs_headings_and_hyphenation() {
        let rows = vec![
            row("Wonen", 50.0, 50.0, 18.0),
            row("Wij willen betaalbare oplossin-", 50.0, 80.0, 10.0),
            row("gen voor iedereen.", 50.0, 92.0, 10.0),
            row("Nieuwe alinea na witruimte.", 50.0, 120.0, 10.0),
        ];
        let lines = assemble(&rows, 10.0);
        let got: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.heading)).collect();
        assert_eq!(
            got,
            vec![
                ("Wonen", true),
                ("", false),
                ("Wij willen betaalbare oplossingen", false),
                ("voor iedereen.", false),
                ("", false),
                ("Nieuwe alinea na witruimte.", false),
            ]
        );
        // Lines with text are numbered down the page; paragraph breaks have no number.
        let numbers: Vec<u32> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 0, 2, 3, 0, 4]);
    }

    #[test]
    fn sentence_continues_into_next_column() {
        let rows =
            vec![row("het einde van de kolom en", 50.0, 700.0, 10.0), row("de volgende kolom.", 300.0, 100.0, 10.0)];
        let lines = assemble(&rows, 10.0);
        assert_eq!(lines.len(), 2);
    }

    /// A small real PDF: `pages` pages with body text, a running footer with
    /// the page number glued on, and a bare page number.
    fn sample_pdf(pages: u32) -> Vec<u8> {
        use lopdf::{Dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type1".to_vec()));
        font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        let font_id = doc.add_object(font);
        let mut kids = Vec::new();
        for n in 1..=pages {
            let content = format!(
                "BT /F1 20 Tf 72 700 Td (Hoofdstuk {n}) Tj ET \
                 BT /F1 10 Tf 72 660 Td (Wij willen betaalbare oplossin-) Tj 0 -12 Td \
                 (gen voor iedereen in Noord-) Tj 0 -12 Td (Holland.) Tj ET \
                 BT /F1 8 Tf 72 30 Td ({n}Verkiezingsprogramma 2025 Partij) Tj ET \
                 BT /F1 8 Tf 500 30 Td ({n}) Tj ET"
            );
            let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
            let mut fonts = Dictionary::new();
            fonts.set("F1", Object::Reference(font_id));
            let mut resources = Dictionary::new();
            resources.set("Font", fonts);
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(pages_id));
            page.set("MediaBox", Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
            page.set("Resources", resources);
            page.set("Contents", Object::Reference(content_id));
            kids.push(Object::Reference(doc.add_object(page)));
        }
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", pages as i64);
        tree.set("Kids", Object::Array(kids));
        doc.objects.insert(pages_id, Object::Dictionary(tree));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn end_to_end_on_a_generated_pdf() {
        let pages = extract(&sample_pdf(4)).unwrap();
        assert_eq!(pages.len(), 4);
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<(&str, bool)> = page.lines.iter().map(|l| (l.text.as_str(), l.heading)).collect();
            let title = format!("Hoofdstuk {}", i + 1);
            assert_eq!(
                texts,
                vec![
                    (title.as_str(), true),
                    ("", false),
                    ("Wij willen betaalbare oplossingen", false),
                    ("voor iedereen in Noord-Holland.", false),
                ],
                "page {}",
                page.number
            );
        }
    }

    #[test]
    fn broken_trailer_is_recovered_end_to_end() {
        let mut bytes = sample_pdf(1);
        let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
        bytes.truncate(at);
        bytes.extend_from_slice(b"startxref\n999999\n%%EOF");
        let pages = extract(&bytes).unwrap();
        assert_eq!(pages[0].lines[0].text, "Hoofdstuk 1");
    }

    #[test]
    fn garbage_is_not_a_pdf_and_never_panics() {
        assert!(matches!(extract(b"hello world"), Err(PdfError::NotAPdf)));
        assert!(extract(b"%PDF-1.4\n garbage").is_err());
        assert!(extract(b"").is_err());
    }
}
