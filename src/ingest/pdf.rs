//! PDF through pdf-extract, page by page, with panics and parser errors turned into a status.

use crate::model::{Line, Page, Status};

/// Extracts the text of every page.
pub fn extract(bytes: &[u8]) -> Result<Vec<Page>, Status> {
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(Status::NotAPdf);
    }
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match result {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(classify(&e.to_string())),
        Err(_) => return Err(Status::Damaged("the PDF parser crashed on this file".into())),
    };
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, text)| Page {
            number: i as u32 + 1,
            lines: crate::text::clean(&text).lines().map(Line::body).collect(),
        })
        .collect())
}

fn classify(message: &str) -> Status {
    let lower = message.to_lowercase();
    if lower.contains("encrypt") || lower.contains("password") || lower.contains("decrypt") {
        Status::Encrypted
    } else {
        Status::Damaged(message.trim().to_string())
    }
}

// --- Status classification (robust branch): kept apart from the text layer above. ---

/// Passes the extracted pages on, except when there are none and the file is encrypted: the
/// parser could not decrypt it (a password is needed), which is `Encrypted`, not `Empty`.
pub fn check_pages(pages: Vec<Page>, bytes: &[u8]) -> Result<Vec<Page>, Status> {
    if pages.is_empty() && bytes.windows(8).any(|w| w == b"/Encrypt") { Err(Status::Encrypted) } else { Ok(pages) }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn no_pages_from_an_encrypted_file_means_encrypted() {
        let bytes = b"%PDF-1.7\ntrailer << /Encrypt 5 0 R >>";
        assert_eq!(check_pages(Vec::new(), bytes), Err(Status::Encrypted));
        assert_eq!(check_pages(Vec::new(), b"%PDF-1.7\n"), Ok(Vec::new()));
        let page = Page { number: 1, lines: vec![Line::body("tekst")] };
        assert_eq!(check_pages(vec![page.clone()], bytes), Ok(vec![page]));
    }
}
