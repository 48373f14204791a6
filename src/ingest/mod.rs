//! Ingest: the only stage that reads input. Finds programme files and turns each into a [`Document`].

mod discover;
pub mod gold;
mod meta;
pub mod pdf;
pub mod pdftext;
mod text;

pub use discover::{
    Discovery, REPORT_MARKER, SkipReason, Skipped, SourceFile, SourceKind, discover, discover_all, display_name,
    kind_of as kind_of_path,
};
pub use meta::MetaTable;

use crate::model::{Document, Status};

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
    let bytes = read_regular(&src.path)?;
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
    Ok(Document { file: src.rel.clone(), meta, pages, warnings, source_url: String::new() })
}
