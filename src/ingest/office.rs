//! What Word (`.docx`) and OpenDocument (`.odt`) ingest share: reading XML parts from the zip
//! container within limits, attribute look-up by local name, and the flow of blocks over pages
//! with paragraph numbers.

use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};
use zip::ZipArchive;

use super::markup::Builder;
use crate::model::{Page, Status};

/// Largest uncompressed XML part read; a larger one (a zip bomb, or a giant file) is `too-large`.
const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// Most XML nodes parsed in one part.
const MAX_NODES: u32 = 20_000_000;

/// A zip container of XML parts.
pub struct Container<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Container<'a> {
    /// Opens the container; `what` names the format in the reason of a `damaged` status.
    /// A password-protected Office file is an OLE compound file with an `EncryptionInfo` stream.
    pub fn open(bytes: &'a [u8], what: &str) -> Result<Container<'a>, Status> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(if utf16_contains(bytes, "EncryptionInfo") {
                Status::Encrypted
            } else {
                Status::Damaged(format!("an old binary Office file (.doc), not {what}"))
            });
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Status::Damaged(format!("not {what} (zip container): {e}")))?;
        Ok(Container { zip })
    }

    /// The text of part `name`, or `None` when the container has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, Status> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Status::Damaged(format!("{name}: {e}"))),
        };
        if file.size() > MAX_PART_BYTES {
            return Err(Status::TooLarge);
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Status::Damaged(format!("{name}: {e}")))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(Status::TooLarge);
        }
        String::from_utf8(bytes).map(Some).map_err(|e| Status::Damaged(format!("{name}: not UTF-8: {e}")))
    }
}

fn utf16_contains(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Parses an XML part (no DTD, bounded node count).
pub fn parse<'x>(xml: &'x str, name: &str) -> Result<Document<'x>, Status> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    Document::parse_with_options(xml, options).map_err(|e| Status::Damaged(format!("{name}: {e}")))
}

/// The value of the attribute with local name `name`, whatever its namespace.
pub fn attr<'x>(node: Node<'x, '_>, name: &str) -> Option<&'x str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// The first child element with local name `name`.
pub fn child<'x, 'i>(node: Node<'x, 'i>, name: &str) -> Option<Node<'x, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Blocks over pages. With recorded pages, each block's number is its paragraph's place on
/// its page; without, its place in the document (the page is then 0).
pub struct Flow {
    builder: Builder,
    paged: bool,
    page_start: u32,
}

impl Flow {
    /// A flow for a document that records page breaks (`paged`) or not.
    pub fn new(paged: bool) -> Flow {
        Flow { builder: Builder::new(u32::from(paged)), paged, page_start: 1 }
    }

    /// Adds a block from paragraph number `paragraph` (1-based in the document).
    pub fn block(&mut self, lines: &[String], heading: bool, paragraph: u32) {
        let number = if self.paged { paragraph.saturating_sub(self.page_start) + 1 } else { paragraph };
        self.builder.block(lines, heading, number);
    }

    /// A page ends before paragraph number `next` (ignored for documents without pages).
    pub fn page_break(&mut self, next: u32) {
        if self.paged {
            let before = self.builder.page_number();
            self.builder.page_break();
            if self.builder.page_number() != before {
                self.page_start = next;
            }
        }
    }

    /// The pages.
    pub fn finish(self) -> Vec<Page> {
        self.builder.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_and_encrypted_containers() {
        assert!(matches!(Container::open(b"not a zip", "a Word file"), Err(Status::Damaged(_))));
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0];
        assert!(matches!(Container::open(&cfb, "a Word file"), Err(Status::Damaged(_))));
        cfb.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(Container::open(&cfb, "a Word file"), Err(Status::Encrypted)));
    }

    #[test]
    fn paragraph_numbers_restart_on_each_recorded_page() {
        let mut flow = Flow::new(true);
        flow.block(&["Een".into()], false, 1);
        flow.page_break(3);
        flow.block(&["Drie".into()], false, 3);
        let pages = flow.finish();
        assert_eq!((pages[1].number, pages[1].lines[0].number), (2, 1));
    }
}
