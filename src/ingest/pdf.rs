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
