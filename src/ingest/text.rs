//! Plain text and Markdown: UTF-8, or Windows-1252 with a warning; one page numbered 0.

use super::markup::decode;
use crate::model::{Line, Page};
use crate::text::clean;

/// Decodes `bytes` and splits them into lines; Markdown `#` lines become headings.
pub fn read(bytes: &[u8], markdown: bool) -> (Vec<Page>, Vec<String>) {
    let (text, warnings) = decode(bytes);
    let lines =
        clean(&text).lines().zip(1..).map(|(l, n)| Line { number: n, ..to_line(l.trim_end(), markdown) }).collect();
    (vec![Page { number: 0, lines }], warnings)
}

fn to_line(line: &str, markdown: bool) -> Line {
    if markdown {
        let t = line.trim_start();
        if t.starts_with('#') {
            return Line::heading(t.trim_start_matches('#').trim());
        }
    }
    Line::body(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        let (pages, warnings) = read(b"co\xf6peratie", false);
        assert_eq!(pages[0].lines[0].text, "coöperatie");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn markdown_headings_are_marked() {
        let (pages, _) = read("# Wonen\nTekst.".as_bytes(), true);
        assert!(pages[0].lines[0].heading);
        assert_eq!(pages[0].lines[0].text, "Wonen");
        assert!(!pages[0].lines[1].heading);
    }

    #[test]
    fn lines_are_numbered_from_one() {
        let (pages, _) = read("Een.\n\nDrie.".as_bytes(), false);
        let numbers: Vec<u32> = pages[0].lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }
}
