//! Plain text: UTF-8, or Windows-1252 with a warning; one page numbered 0 (Markdown is read by `markdown.rs`).

use super::markup::decode;
use crate::model::{Line, Page};
use crate::text::clean;

/// Decodes `bytes` and splits them into body lines, numbered from 1.
pub fn read(bytes: &[u8]) -> (Vec<Page>, Vec<String>) {
    let (text, warnings) = decode(bytes);
    let lines = clean(&text).lines().zip(1..).map(|(l, n)| Line { number: n, ..Line::body(l.trim_end()) }).collect();
    (vec![Page { number: 0, lines }], warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        let (pages, warnings) = read(b"co\xf6peratie");
        assert_eq!(pages[0].lines[0].text, "coöperatie");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn lines_are_numbered_from_one() {
        let (pages, _) = read("Een.\n\nDrie.".as_bytes());
        let numbers: Vec<u32> = pages[0].lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }
}
