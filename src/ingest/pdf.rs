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
        PdfError::TooLarge => Status::TooLarge,
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

// --- Status classification (robust branch): kept apart from the text layer above. ---

/// Passes the extracted pages on, except when they hold no text at all and the file is
/// encrypted in a way the text layer could not undo: then it is `Encrypted`, not
/// `no-text`. A file decrypted with the empty password that has no text is `no-text`.
pub fn check_encrypted(pages: Vec<Page>, bytes: &[u8]) -> Result<Vec<Page>, Status> {
    let no_text = pages.iter().all(|p| p.lines.iter().all(|l| l.text.trim().is_empty()));
    let encrypted = || bytes.windows(8).any(|w| w == b"/Encrypt") && !pdftext::decrypted_with_empty_password(bytes);
    if no_text && encrypted() { Err(Status::Encrypted) } else { Ok(pages) }
}

#[cfg(test)]
mod encrypted_tests {
    use super::*;
    use crate::model::Line;

    #[test]
    fn no_text_from_an_encrypted_file_means_encrypted() {
        let bytes = b"%PDF-1.7\ntrailer << /Encrypt 5 0 R >>";
        let blank = Page { number: 1, lines: vec![Line::body(" ")] };
        assert_eq!(check_encrypted(vec![blank.clone()], bytes), Err(Status::Encrypted));
        assert_eq!(check_encrypted(vec![blank.clone()], b"%PDF-1.7\n"), Ok(vec![blank]));
        let page = Page { number: 1, lines: vec![Line::body("tekst")] };
        assert_eq!(check_encrypted(vec![page.clone()], bytes), Ok(vec![page]));
    }
}
