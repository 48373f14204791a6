//! OpenDocument text (`.odt`) ingest: `content.xml` in order, `text:h` (and paragraphs in a
//! `Title` style) as headings, list items and table rows as blocks (cells joined by `; `),
//! notes after the paragraph that cites them. Tracked changes are read as accepted (the
//! deletions kept in `text:tracked-changes` are dropped); annotations (comments) and indexes
//! such as the table of contents are left out. Pages are numbered where the file records them
//! (`text:soft-page-break`, paragraph styles that break before), else the page is 0.

use std::collections::HashSet;

use roxmltree::Node;

use super::markup::{Dropped, Extracted};
use super::office::{Container, Flow, attr, parse};
use crate::model::Status;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
/// Titles and descriptions of frames and images (alt text) live in this namespace.
const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/// Reads an OpenDocument text file.
pub fn read(bytes: &[u8]) -> Result<Extracted, Status> {
    let mut container = Container::open(bytes, "an OpenDocument file")?;
    if let Some(mime) = container.part("mimetype")? {
        let mime = mime.trim();
        if !mime.starts_with("application/vnd.oasis.opendocument.text") {
            return Err(Status::Damaged(format!("not an OpenDocument text but {mime}")));
        }
    }
    let manifest = container.part("META-INF/manifest.xml")?.unwrap_or_default();
    if manifest.contains("encryption-data") {
        return Err(Status::Encrypted);
    }
    let content = container.part("content.xml")?.ok_or_else(|| Status::Damaged("no content.xml".into()))?;
    let doc = parse(&content, "content.xml")?;
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
        .ok_or_else(|| Status::Damaged("content.xml has no office:text".into()))?;
    let breaking = breaking_styles(&doc);
    let paged = text.descendants().any(|n| n.has_tag_name((TEXT, "soft-page-break")) || breaks(&breaking, n));
    let mut reader = Reader { flow: Flow::new(paged), dropped: Vec::new(), breaking, paragraph: 0 };
    reader.children(text);
    Ok(Extracted { pages: reader.flow.finish(), dropped: reader.dropped, ..Extracted::default() })
}

/// Names of automatic paragraph styles that start a new page.
fn breaking_styles(doc: &roxmltree::Document<'_>) -> HashSet<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "style")
        .filter(|s| {
            s.children()
                .any(|p| p.tag_name().name() == "paragraph-properties" && attr(p, "break-before") == Some("page"))
        })
        .filter_map(|s| attr(s, "name").map(String::from))
        .collect()
}

fn breaks(breaking: &HashSet<String>, n: Node<'_, '_>) -> bool {
    matches!(n.tag_name().name(), "p" | "h") && attr(n, "style-name").is_some_and(|s| breaking.contains(s))
}

/// The text of one paragraph and what it cites.
#[derive(Debug, Default)]
struct Runs {
    lines: Vec<String>,
    notes: Vec<Vec<Vec<String>>>,
    break_after: bool,
    dropped: Vec<Dropped>,
}

impl Runs {
    fn push(&mut self, text: &str) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.last_mut().expect("just pushed").push_str(text);
    }

    fn walk(&mut self, node: Node<'_, '_>) {
        for n in node.children() {
            if n.is_text() {
                self.push(n.text().unwrap_or(""));
                continue;
            }
            if !n.is_element() {
                continue;
            }
            match (n.tag_name().namespace(), n.tag_name().name()) {
                (Some(TEXT), "s") => {
                    let count = attr(n, "c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1).min(100);
                    self.push(&" ".repeat(count));
                }
                (Some(TEXT), "tab") => self.push(" "),
                (Some(TEXT), "line-break") => self.lines.push(String::new()),
                (Some(TEXT), "soft-page-break") => self.break_after = true,
                (Some(TEXT), "note") => self.note(n),
                (Some(OFFICE), "annotation") => self.dropped.push(Dropped::new("comment", &all_text(n))),
                (Some(OFFICE), "annotation-end") => {}
                (Some(TEXT), "tracked-changes") => {}
                (Some(SVG), _) => {}
                _ => self.walk(n),
            }
        }
    }

    fn note(&mut self, note: Node<'_, '_>) {
        let Some(body) = note.children().find(|c| c.has_tag_name((TEXT, "note-body"))) else { return };
        let paragraphs = body
            .descendants()
            .filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h")))
            .map(|p| {
                let mut runs = Runs::default();
                runs.walk(p);
                runs.lines
            })
            .collect();
        self.notes.push(paragraphs);
    }
}

/// The text of the paragraphs under `n` (an annotation or deletion), without its author and date.
fn all_text(n: Node<'_, '_>) -> String {
    let paragraphs = n.descendants().filter(|d| d.has_tag_name((TEXT, "p")) || d.has_tag_name((TEXT, "h")));
    let texts =
        paragraphs.map(|p| p.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>());
    texts.collect::<Vec<_>>().join(" ")
}

/// The walk over `office:text`.
struct Reader {
    flow: Flow,
    dropped: Vec<Dropped>,
    breaking: HashSet<String>,
    paragraph: u32,
}

impl Reader {
    fn children(&mut self, node: Node<'_, '_>) {
        for n in node.children().filter(Node::is_element) {
            match (n.tag_name().namespace(), n.tag_name().name()) {
                (Some(TEXT), "p") => self.paragraph(n, is_title(n)),
                (Some(TEXT), "h") => self.paragraph(n, true),
                (Some(TEXT), "soft-page-break") => self.flow.page_break(self.paragraph + 1),
                (Some(TEXT), "tracked-changes") => {
                    for deletion in n.descendants().filter(|d| d.has_tag_name((TEXT, "deletion"))) {
                        self.dropped.push(Dropped::new("tracked deletion", &all_text(deletion)));
                    }
                }
                (Some(TEXT), name) if name.ends_with("-index") || name == "table-of-content" => {
                    self.dropped.push(Dropped::new("table of contents or index", &all_text(n)));
                }
                (Some(TABLE), "table-row") => self.row(n),
                (Some(OFFICE), "annotation") => self.dropped.push(Dropped::new("comment", &all_text(n))),
                (Some(TEXT), "sequence-decls" | "variable-decls" | "user-field-decls") => {}
                _ => self.children(n),
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>, heading: bool) {
        self.paragraph += 1;
        let number = self.paragraph;
        if breaks(&self.breaking, p) {
            self.flow.page_break(number);
        }
        let mut runs = Runs::default();
        runs.walk(p);
        self.dropped.append(&mut runs.dropped);
        self.flow.block(&runs.lines, heading, number);
        for note in &runs.notes {
            for lines in note {
                self.flow.block(lines, false, number);
            }
        }
        if runs.break_after {
            self.flow.page_break(number + 1);
        }
    }

    /// A table row is one block: its cells' text joined with `; `.
    fn row(&mut self, row: Node<'_, '_>) {
        self.paragraph += 1;
        let number = self.paragraph;
        let mut runs_of_row = Vec::new();
        let mut notes = Vec::new();
        for cell in row.children().filter(|c| c.has_tag_name((TABLE, "table-cell"))) {
            let mut runs = Runs::default();
            for p in cell.descendants().filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h"))) {
                runs.walk(p);
                runs.push(" ");
            }
            let text = runs.lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                runs_of_row.push(text);
            }
            notes.append(&mut runs.notes);
            self.dropped.append(&mut runs.dropped);
        }
        self.flow.block(&[runs_of_row.join("; ")], false, number);
        for note in notes {
            for lines in note {
                self.flow.block(&lines, false, number);
            }
        }
    }
}

fn is_title(p: Node<'_, '_>) -> bool {
    attr(p, "style-name").is_some_and(|s| matches!(s, "Title" | "Subtitle"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn a_spreadsheet_is_not_a_text() {
        let err = read(&package(&[("mimetype", "application/vnd.oasis.opendocument.spreadsheet")])).unwrap_err();
        assert!(matches!(err, Status::Damaged(ref why) if why.contains("spreadsheet")), "{err:?}");
    }

    #[test]
    fn an_encrypted_package_is_encrypted() {
        let manifest = r#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#;
        let bytes =
            package(&[("mimetype", "application/vnd.oasis.opendocument.text"), ("META-INF/manifest.xml", manifest)]);
        assert_eq!(read(&bytes).unwrap_err(), Status::Encrypted);
    }

    #[test]
    fn frame_titles_and_spaces() {
        let content = format!(
            r#"<office:document-content xmlns:office="{OFFICE}" xmlns:text="{TEXT}" xmlns:svg="{SVG}" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>
            <text:p>Een<text:s text:c="3"/>woord<text:tab/>en<draw:frame><svg:title>Foto van de sporthal</svg:title></draw:frame> meer</text:p>
            </office:text></office:body></office:document-content>"#
        );
        let out = read(&package(&[("content.xml", &content)])).unwrap();
        assert_eq!(out.pages[0].lines[0].text, "Een woord en meer");
    }
}
