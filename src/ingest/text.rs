//! Plain text: UTF-8, or Windows-1252 with a warning; one page numbered 0 (Markdown is read by `markdown.rs`).

use super::markup::decode;
use crate::model::{Line, Page};
use crate::text::clean;

/// Decodes `bytes` and splits them into body lines, numbered from 1.
///
/// Each line is cleaned on its own, which is the same as cleaning the whole text first (a line
/// break is never part of what `clean` changes, and Unicode normalisation never crosses one),
/// and holds a large file once as lines instead of also as a decoded and a cleaned copy.
pub fn read(bytes: &[u8]) -> (Vec<Page>, Vec<String>) {
    let (text, warnings) = decode(bytes);
    let lines = text.lines().zip(1..).map(|(l, n)| Line { number: n, ..Line::body(clean_line(l)) }).collect();
    (vec![Page { number: 0, lines }], warnings)
}

/// `clean(line).trim_end()`, in the one allocation that `clean` makes.
fn clean_line(line: &str) -> String {
    let mut out = clean(line);
    out.truncate(out.trim_end().len());
    out
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
    fn lines_are_cleaned_as_the_whole_text_was() {
        let text = "a\r\nb\u{00AD}c \r\n\u{FB01}n\te\u{2028}x\r\n\u{2010}\re\u{301}\n\u{301}z\r";
        let (pages, _) = read(text.as_bytes());
        let lines: Vec<&str> = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        let whole = clean(text);
        let expected: Vec<&str> = whole.lines().map(str::trim_end).collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn lines_are_numbered_from_one() {
        let (pages, _) = read("Een.\n\nDrie.".as_bytes());
        let numbers: Vec<u32> = pages[0].lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }
}
