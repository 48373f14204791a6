//! Ingest: the only stage that reads input. Finds programme files and turns each into a [`Document`].

mod discover;
pub mod gold;
mod meta;
pub mod pdf;
pub mod pdftext;
mod text;

pub use discover::{REPORT_MARKER, SourceFile, SourceKind, discover, kind_of as kind_of_path};
pub use meta::MetaTable;

use crate::model::{Document, Status};

/// Reads one source file into a document, or says why it cannot be read. An empty file is
/// `Empty` whatever its name; a PDF with a text name is read as the PDF it is.
pub fn load(src: &SourceFile, meta: &MetaTable) -> Result<Document, Status> {
    let bytes = std::fs::read(&src.path).map_err(|e| Status::Unreadable(e.to_string()))?;
    if bytes.is_empty() {
        return Err(Status::Empty);
    }
    let meta = meta.lookup(&src.rel);
    let mut warnings = Vec::new();
    let kind = if src.kind != SourceKind::Pdf && bytes.starts_with(b"%PDF-") {
        warnings.push("named as text but is a PDF: read as PDF".to_string());
        SourceKind::Pdf
    } else {
        src.kind
    };
    let (pages, read_warnings) = match kind {
        SourceKind::Pdf => (pdf::extract(&bytes).and_then(|p| pdf::check_encrypted(p, &bytes))?, Vec::new()),
        SourceKind::Text => text::read(&bytes, false),
        SourceKind::Markdown => text::read(&bytes, true),
    };
    warnings.extend(read_warnings);
    let mut pages = pages;
    let sources = if kind == SourceKind::Pdf { Vec::new() } else { crate::cleanup::clean_text_pages(&mut pages) };
    let source_url = sources.first().map(|(_, url)| url.clone()).unwrap_or_default();
    Ok(Document { file: src.rel.clone(), meta, pages, warnings, source_url, sources })
}
