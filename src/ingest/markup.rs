//! What the markup readers (Markdown, HTML, Word, OpenDocument) hand back: pages of lines,
//! title and source, and what they left out and why, built with one [`Builder`].

use crate::model::{Line, Page};
use crate::text::clean;

/// Text a reader saw in the file but did not keep, with the reason (for `caleido extract --dropped`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Why it was left out (`navigation`, `cookie banner`, `link target`, ...).
    pub reason: String,
    /// The text left out, on one line.
    pub text: String,
}

impl Dropped {
    /// A dropped piece of text, its whitespace collapsed.
    pub fn new(reason: impl Into<String>, text: &str) -> Dropped {
        Dropped { reason: reason.into(), text: collapse(text) }
    }
}

/// A document read from markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Pages in order: one page numbered 0 when the file records no pages.
    pub pages: Vec<Page>,
    /// The document's title (front matter `title`, HTML `<title>`, document properties); may be empty.
    pub title: String,
    /// Where it was published (front matter, canonical link); may be empty.
    pub source_url: String,
    /// Election year from a date in the file (front matter `date`); may be empty.
    pub year: String,
    /// Things the user should know.
    pub warnings: Vec<String>,
    /// What was left out, in document order.
    pub dropped: Vec<Dropped>,
}

impl Extracted {
    /// True when no line holds a letter (a file of page numbers alone has no text to code).
    pub fn has_no_text(&self) -> bool {
        !self.pages.iter().flat_map(|p| &p.lines).any(|l| l.text.chars().any(char::is_alphabetic))
    }
}

/// Collects blocks (headings, paragraphs, list items, table rows) into pages of lines. Every
/// block ends with an empty line, so that it is a unit boundary whatever its punctuation.
#[derive(Debug, Clone)]
pub struct Builder {
    pages: Vec<Page>,
}

impl Builder {
    /// A builder whose first page has `number` (0 for documents without pages, else 1).
    pub fn new(number: u32) -> Builder {
        Builder { pages: vec![Page { number, lines: Vec::new() }] }
    }

    /// Adds one block: its lines (a `<br>` or Word line break starts a new line in the same
    /// block) cleaned up and with whitespace collapsed; a block without text adds nothing.
    /// `number` is the block's line or paragraph number in the source (0 when unknown).
    pub fn block(&mut self, lines: &[String], heading: bool, number: u32) {
        let lines: Vec<String> = lines.iter().map(|l| collapse(&clean(l))).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return;
        }
        let page = self.pages.last_mut().expect("a builder always has a page");
        for text in lines {
            page.lines.push(Line { text, heading, number });
        }
        page.lines.push(Line { text: String::new(), heading: false, number: 0 });
    }

    /// Adds a block of one line.
    pub fn line(&mut self, text: &str, heading: bool, number: u32) {
        self.block(&[text.to_string()], heading, number);
    }

    /// Starts the next page (numbered one up), unless the current page is still empty.
    pub fn page_break(&mut self) {
        let page = self.pages.last().expect("a builder always has a page");
        if !page.lines.is_empty() {
            let number = page.number + 1;
            self.pages.push(Page { number, lines: Vec::new() });
        }
    }

    /// The number of the current page.
    pub fn page_number(&self) -> u32 {
        self.pages.last().map_or(0, |p| p.number)
    }

    /// The pages; a trailing empty page is left out.
    pub fn finish(mut self) -> Vec<Page> {
        if self.pages.len() > 1 && self.pages.last().is_some_and(|p| p.lines.is_empty()) {
            self.pages.pop();
        }
        self.pages
    }
}

/// `text` on one line with single spaces.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes UTF-8 (without a byte-order mark; borrowed, not copied), or Windows-1252 with a warning.
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Vec<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), Vec::new()),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let warning = format!("not UTF-8 (byte {}): read as Windows-1252", e.valid_up_to());
            (std::borrow::Cow::Owned(text.into_owned()), vec![warning])
        }
    }
}

/// The year of a date such as `2026-01-15` or `15 januari 2026`, if it has a plausible one.
pub fn year_of(date: &str) -> String {
    date.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 4 && (part.starts_with("19") || part.starts_with("20")))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_with_an_empty_line_and_empty_blocks_vanish() {
        let mut b = Builder::new(0);
        b.line("  Wonen\u{00AD}beleid ", true, 3);
        b.line("   ", false, 4);
        b.block(&["Eerste regel".into(), "tweede  regel".into()], false, 5);
        let pages = b.finish();
        let texts: Vec<&str> = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Wonenbeleid", "", "Eerste regel", "tweede regel", ""]);
        assert!(pages[0].lines[0].heading);
        assert_eq!(pages[0].lines[2].number, 5);
    }

    #[test]
    fn a_page_break_on_an_empty_page_is_ignored() {
        let mut b = Builder::new(1);
        b.page_break();
        b.line("Tekst", false, 1);
        b.page_break();
        b.line("Meer", false, 1);
        b.page_break();
        let pages = b.finish();
        assert_eq!(pages.iter().map(|p| p.number).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn years_come_from_dates() {
        assert_eq!(year_of("2026-01-15T10:00:00+01:00"), "2026");
        assert_eq!(year_of("15 januari 2026"), "2026");
        assert_eq!(year_of("gisteren"), "");
    }
}
