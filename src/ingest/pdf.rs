//! PDF ingest: caleido's own text layer ([`super::pdftext`]) with its errors turned into a status.

use super::pdftext::{self, PdfError};
use crate::model::{Page, Status};

/// Extracts the text of every page, in reading order.
pub fn extract(bytes: &[u8]) -> Result<Vec<Page>, Status> {
    pdftext::extract(bytes).map_err(|e| status_of(e, bytes))
}

/// The `status` column's value for an extraction error. A file without pages is `empty`
/// when it ends as a PDF should, and `damaged` (truncated) when it does not.
pub fn status_of(error: PdfError, bytes: &[u8]) -> Status {
    match error {
        PdfError::NotAPdf => Status::NotAPdf,
        PdfError::Encrypted => Status::Encrypted,
        PdfError::NoPages if has_end_marker(bytes) => Status::Empty,
        PdfError::NoPages => Status::Damaged("truncated: no end-of-file marker and no pages could be recovered".into()),
        PdfError::Damaged(why) => Status::Damaged(why),
    }
}

fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pages_is_empty_or_truncated() {
        assert_eq!(status_of(PdfError::NoPages, b"%PDF-1.4 ... %%EOF\n"), Status::Empty);
        assert!(matches!(status_of(PdfError::NoPages, b"%PDF-1.4 1 0 obj"), Status::Damaged(_)));
    }
}
