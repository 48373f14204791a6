//! Ingest: the only stage that reads input. Finds programme files and turns each into a [`Document`].

mod discover;
mod docx;
mod frontmatter;
pub mod gold;
pub mod html;
mod markdown;
pub mod markup;
pub(crate) mod meta;
mod odt;
mod office;
pub mod pdf;
pub mod pdftext;
mod site;
mod text;

pub use discover::{
    Discovery, REPORT_MARKER, SkipReason, Skipped, SourceFile, SourceKind, discover, discover_all, display_name,
    is_skipped, kind_of as kind_of_path,
};
pub use meta::{MAX_PER_PLACE, MetaTable, crowded_places};

use crate::model::{Document, Status};
use markup::{Dropped, Extracted};

/// The bytes of a regular file; a FIFO, socket or device is `unreadable` at once (reading
/// one could block until the time limit).
fn read_regular(path: &std::path::Path) -> Result<Vec<u8>, Status> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| Status::Unreadable(e.to_string());
    let kind = std::fs::metadata(path).map_err(unreadable)?.file_type();
    if !kind.is_file() {
        return Err(Status::Unreadable("not a regular file (FIFO, socket or device)".into()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(unreadable)?;
    Ok(bytes)
}

/// Reads one source file into a document, or says why it cannot be read. An empty file is
/// `Empty` whatever its name; a PDF with a text name is read as the PDF it is.
pub fn load(src: &SourceFile, meta: &MetaTable) -> Result<Document, Status> {
    load_all(src, meta).map(|loaded| loaded.document)
}

/// A document with what its reader knows beyond the text.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document.
    pub document: Document,
    /// Its title, where the format records one (front matter, `<title>`); may be empty.
    pub title: String,
    /// What a markup reader left out, and why (empty for PDF and plain text).
    pub dropped: Vec<Dropped>,
}

/// Reads one source file as [`load`] does, keeping the title and what was left out.
pub fn load_all(src: &SourceFile, meta: &MetaTable) -> Result<Loaded, Status> {
    if !src.pages.is_empty() {
        return site::load(src, meta);
    }
    let bytes = read_regular(&src.path)?;
    if bytes.is_empty() {
        return Err(Status::Empty);
    }
    let mut meta = meta.lookup(&src.rel);
    let mut warnings = Vec::new();
    let kind = if src.kind != SourceKind::Pdf && bytes.starts_with(b"%PDF-") {
        warnings.push("named as text but is a PDF: read as PDF".to_string());
        SourceKind::Pdf
    } else {
        src.kind
    };
    // Plain text: no markup, so a block break may be a page break inside a sentence.
    let plain_text = kind == SourceKind::Text && !markdown::has_front_matter(&bytes);
    let read = match kind {
        SourceKind::Pdf => {
            let pages = pdf::extract(&bytes).and_then(|p| pdf::check_encrypted(p, &bytes))?;
            Extracted { pages, ..Extracted::default() }
        }
        SourceKind::Text if plain_text => {
            let (pages, read_warnings) = text::read(&bytes);
            Extracted { pages, warnings: read_warnings, ..Extracted::default() }
        }
        SourceKind::Text | SourceKind::Markdown => non_empty(markdown::read(&bytes))?,
        SourceKind::Html => non_empty(html::read(&bytes, Some(&src.path))?)?,
        SourceKind::Word => non_empty(docx::read(&bytes)?)?,
        SourceKind::OpenDocument => non_empty(odt::read(&bytes)?)?,
    };
    warnings.extend(read.warnings);
    if meta.year.is_empty() {
        meta.year = read.year;
    }
    let mut pages = read.pages;
    // Text clean-up works on lines of any kind but PDF: `Bron:` lines, margin line numbers, glued words.
    let sources = if kind == SourceKind::Pdf { Vec::new() } else { crate::cleanup::clean_text_pages(&mut pages) };
    let source_url = if read.source_url.is_empty() {
        sources.first().map(|(_, url)| url.clone()).unwrap_or_default()
    } else {
        read.source_url
    };
    let blocks_are_units = kind != SourceKind::Pdf && !plain_text;
    let document = Document { file: src.rel.clone(), meta, pages, warnings, source_url, sources, blocks_are_units };
    Ok(Loaded { document, title: read.title, dropped: read.dropped })
}

/// A markup document with no text at all is `Empty`.
fn non_empty(read: Extracted) -> Result<Extracted, Status> {
    if read.has_no_text() { Err(Status::Empty) } else { Ok(read) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed-seed generator, so the damaged inputs are the same on every run.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed >> 33
    }

    fn damaged(original: &[u8], seed: &mut u64) -> Vec<u8> {
        let mut bytes = original.to_vec();
        for _ in 0..1 + lcg(seed) % 8 {
            let at = lcg(seed) as usize % bytes.len();
            bytes[at] = lcg(seed) as u8;
        }
        bytes.truncate(1 + lcg(seed) as usize % bytes.len().max(1));
        bytes
    }

    /// A damaged file is read, or is `damaged`, `empty` or `too-large`; nothing else.
    fn expected(result: Result<Extracted, Status>) -> bool {
        matches!(result, Ok(_) | Err(Status::Damaged(_) | Status::Empty | Status::TooLarge))
    }

    /// Damaged copies of each fixture give a document or a status, never a panic.
    #[test]
    fn damaged_markup_files_never_panic() {
        let docx = include_bytes!("../../tests/fixtures/office/heiloo-2000.docx");
        let odt = include_bytes!("../../tests/fixtures/office/heiloo-2000.odt");
        let html = include_bytes!("../../tests/fixtures/web/heiloo-2000/verkiezingsprogramma.html");
        let md = include_bytes!("../../tests/fixtures/markdown/programma.md");
        let mut seed = 2026;
        for _ in 0..150 {
            assert!(expected(docx::read(&damaged(docx, &mut seed))));
            assert!(expected(odt::read(&damaged(odt, &mut seed))));
            assert!(expected(html::read(&damaged(html, &mut seed), None)));
            assert!(!markdown::read(&damaged(md, &mut seed)).pages.is_empty());
        }
    }
}
