//! Ingest: the only stage that reads input. Finds programme files and turns each into a [`Document`].

mod discover;
pub mod gold;
mod meta;
pub mod pdf;
pub mod pdftext;
mod text;

pub use discover::{SourceFile, SourceKind, discover, kind_of as kind_of_path};
pub use meta::MetaTable;

use crate::model::{Document, Status};

/// Reads one source file into a document, or says why it cannot be read.
pub fn load(src: &SourceFile, meta: &MetaTable) -> Result<Document, Status> {
    let bytes = std::fs::read(&src.path).map_err(|e| Status::Unreadable(e.to_string()))?;
    let meta = meta.lookup(&src.rel);
    let (pages, warnings) = match src.kind {
        SourceKind::Pdf => (pdf::extract(&bytes)?, Vec::new()),
        SourceKind::Text => text::read(&bytes, false),
        SourceKind::Markdown => text::read(&bytes, true),
    };
    Ok(Document { file: src.rel.clone(), meta, pages, warnings })
}
