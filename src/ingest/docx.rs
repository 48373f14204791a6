//! Word (`.docx`) ingest: the paragraphs of `word/document.xml` in order, heading styles as
//! headings (by the style's built-in name or outline level, so `Kop 1` counts), list
//! paragraphs as their own blocks, table rows as one line with cells joined by `; `, footnotes
//! and endnotes after the paragraph that cites them. Tracked changes are read as accepted
//! (insertions kept, deletions dropped); comments, hidden text, field codes and the table of
//! contents are left out. Pages are numbered where Word recorded them (`lastRenderedPageBreak`,
//! page breaks), else the page is 0 and each block carries its paragraph number.

use std::collections::HashMap;

use roxmltree::{Node, NodeId};

use super::markup::{Dropped, Extracted};
use super::office::{Container, Flow, attr, child, parse};
use crate::model::Status;

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Heading,
    List,
    Contents,
}

/// Reads a Word file.
pub fn read(bytes: &[u8]) -> Result<Extracted, Status> {
    let mut container = Container::open(bytes, "a Word file")?;
    let document = container.part("word/document.xml")?.ok_or_else(|| no_part("word/document.xml"))?;
    let styles = container.part("word/styles.xml")?.unwrap_or_default();
    let footnotes = container.part("word/footnotes.xml")?.unwrap_or_default();
    let endnotes = container.part("word/endnotes.xml")?.unwrap_or_default();
    let comments = container.part("word/comments.xml")?.unwrap_or_default();
    let doc = parse(&document, "word/document.xml")?;
    let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).ok_or_else(|| no_part("w:body"))?;
    let styles = if styles.is_empty() { HashMap::new() } else { style_roles(&parse(&styles, "word/styles.xml")?) };
    let footnote_doc = optional(&footnotes, "word/footnotes.xml")?;
    let endnote_doc = optional(&endnotes, "word/endnotes.xml")?;
    let mut notes = HashMap::new();
    for (kind, d) in [("footnote", &footnote_doc), ("endnote", &endnote_doc)] {
        if let Some(d) = d {
            collect_notes(d, kind, &mut notes);
        }
    }
    let ordinals = body.descendants().filter(|n| n.has_tag_name((W, "p"))).enumerate();
    let mut reader = Reader {
        styles,
        notes,
        ordinals: ordinals.map(|(i, n)| (n.id(), i as u32 + 1)).collect(),
        flow: Flow::new(records_pages(body)),
        dropped: Vec::new(),
    };
    reader.children(body);
    if let Some(d) = optional(&comments, "word/comments.xml")? {
        for c in d.descendants().filter(|n| n.has_tag_name((W, "comment"))) {
            reader.dropped.push(Dropped::new("comment", &plain_text(c)));
        }
    }
    Ok(Extracted { pages: reader.flow.finish(), dropped: reader.dropped, ..Extracted::default() })
}

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn no_part(name: &str) -> Status {
    Status::Damaged(format!("no {name}: not a Word document"))
}

fn optional<'x>(xml: &'x str, name: &str) -> Result<Option<roxmltree::Document<'x>>, Status> {
    if xml.is_empty() { Ok(None) } else { parse(xml, name).map(Some) }
}

/// True when Word recorded where pages break.
fn records_pages(body: Node<'_, '_>) -> bool {
    body.descendants().any(|n| {
        n.has_tag_name((W, "lastRenderedPageBreak"))
            || (n.has_tag_name((W, "br")) && attr(n, "type") == Some("page"))
            || (n.has_tag_name((W, "pageBreakBefore")) && is_on(n))
    })
}

/// A toggle property is on unless its `w:val` says otherwise.
fn is_on(n: Node<'_, '_>) -> bool {
    !matches!(attr(n, "val"), Some("0" | "false" | "off"))
}

/// The role of each paragraph style, by id.
fn style_roles(doc: &roxmltree::Document<'_>) -> HashMap<String, Role> {
    let mut named = HashMap::new();
    for style in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = attr(style, "styleId") else { continue };
        let name = child(style, "name").and_then(|n| attr(n, "val")).unwrap_or(id).to_lowercase();
        let outline = child(style, "pPr").and_then(|p| child(p, "outlineLvl")).is_some();
        let numbered = child(style, "pPr").and_then(|p| child(p, "numPr")).is_some();
        named.insert(id.to_string(), role_of_name(&name, outline, numbered));
    }
    named
}

fn role_of_name(name: &str, outline: bool, numbered: bool) -> Role {
    let name = name.to_lowercase();
    if name.starts_with("toc") || name.starts_with("inhopg") {
        Role::Contents
    } else if outline || is_heading_name(&name) {
        Role::Heading
    } else if numbered || name.contains("list") || name.contains("lijst") {
        Role::List
    } else {
        Role::Body
    }
}

/// `heading 1`, `Heading1`, `Kop 1`, `Kop1`, `Title`, `Titel`, `Subtitle`, `Ondertitel`
/// (not `Koptekst`, the page header).
fn is_heading_name(name: &str) -> bool {
    let numbered = |prefix: &str| {
        name.strip_prefix(prefix).is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    };
    numbered("heading") || numbered("kop") || matches!(name, "title" | "titel" | "subtitle" | "ondertitel")
}

/// Footnote and endnote texts by `kind:id`, one entry per paragraph.
fn collect_notes(doc: &roxmltree::Document<'_>, kind: &str, out: &mut HashMap<String, Vec<Vec<String>>>) {
    for note in doc.descendants().filter(|n| n.has_tag_name((W, kind))) {
        if attr(note, "type").is_some_and(|t| t != "normal") {
            continue;
        }
        let Some(id) = attr(note, "id") else { continue };
        let mut paragraphs = Vec::new();
        for p in note.descendants().filter(|n| n.has_tag_name((W, "p"))) {
            let mut text = Runs::default();
            text.walk(p);
            paragraphs.push(text.lines);
        }
        out.insert(format!("{kind}:{id}"), paragraphs);
    }
}

/// The text of a node's runs on one line (for comments).
fn plain_text(node: Node<'_, '_>) -> String {
    let mut runs = Runs::default();
    runs.walk(node);
    runs.lines.join(" ")
}

/// The text of one paragraph (or table cell) and what it cites.
#[derive(Debug, Default)]
struct Runs {
    lines: Vec<String>,
    notes: Vec<String>,
    break_before: bool,
    break_after: bool,
    text_boxes: Vec<NodeId>,
    dropped: Vec<Dropped>,
}

impl Runs {
    fn has_text(&self) -> bool {
        self.lines.iter().any(|l| !l.trim().is_empty())
    }

    fn push(&mut self, text: &str) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.last_mut().expect("just pushed").push_str(text);
    }

    fn page_break(&mut self) {
        if self.has_text() { self.break_after = true } else { self.break_before = true }
    }

    fn walk(&mut self, node: Node<'_, '_>) {
        for n in node.children().filter(Node::is_element) {
            if n.tag_name().namespace() != Some(W) {
                // Drawings and alternate content: only text boxes hold text; the `Fallback`
                // branch repeats the `Choice` branch.
                if n.tag_name().name() != "Fallback" {
                    self.walk_foreign(n);
                }
                continue;
            }
            self.element(n);
        }
    }

    fn walk_foreign(&mut self, node: Node<'_, '_>) {
        for n in node.children().filter(Node::is_element) {
            if n.has_tag_name((W, "txbxContent")) {
                self.text_boxes.push(n.id());
            } else if n.tag_name().name() != "Fallback" {
                self.walk_foreign(n);
            }
        }
    }

    fn element(&mut self, n: Node<'_, '_>) {
        match n.tag_name().name() {
            "t" => self.push(n.text().unwrap_or("")),
            "tab" | "ptab" => self.push(" "),
            "noBreakHyphen" => self.push("-"),
            "cr" => self.lines.push(String::new()),
            "br" if attr(n, "type") == Some("page") => self.page_break(),
            "br" => self.lines.push(String::new()),
            "lastRenderedPageBreak" => self.page_break(),
            "footnoteReference" | "endnoteReference" => {
                let kind = n.tag_name().name().trim_end_matches("Reference");
                self.notes.push(format!("{kind}:{}", attr(n, "id").unwrap_or("")));
            }
            "del" | "moveFrom" => self.dropped.push(Dropped::new("tracked deletion", &deleted_text(n))),
            "pPr" | "rPr" | "instrText" | "delText" | "commentReference" | "sectPr" | "footnoteRef" | "endnoteRef" => {}
            "r" if hidden(n) => self.dropped.push(Dropped::new("hidden text", &plain_text(n))),
            "txbxContent" => self.text_boxes.push(n.id()),
            _ => self.walk(n),
        }
    }
}

fn deleted_text(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.has_tag_name((W, "delText")) || d.has_tag_name((W, "t")))
        .filter_map(|d| d.text())
        .collect()
}

fn hidden(run: Node<'_, '_>) -> bool {
    child(run, "rPr").and_then(|p| child(p, "vanish")).is_some_and(is_on)
}

/// The walk over the body.
struct Reader {
    styles: HashMap<String, Role>,
    notes: HashMap<String, Vec<Vec<String>>>,
    ordinals: HashMap<NodeId, u32>,
    flow: Flow,
    dropped: Vec<Dropped>,
}

impl Reader {
    fn children(&mut self, node: Node<'_, '_>) {
        for n in node.children().filter(|n| n.is_element() && n.tag_name().namespace() == Some(W)) {
            match n.tag_name().name() {
                "p" => self.paragraph(n),
                "tbl" => self.table(n),
                "sectPr" => {}
                _ => self.children(n),
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>) {
        let number = self.ordinals.get(&p.id()).copied().unwrap_or(0);
        let role = self.role(p);
        let mut runs = Runs::default();
        runs.walk(p);
        let ppr = child(p, "pPr");
        if runs.break_before || ppr.and_then(|x| child(x, "pageBreakBefore")).is_some_and(is_on) {
            self.flow.page_break(number);
        }
        self.dropped.append(&mut runs.dropped);
        if role == Role::Contents {
            self.dropped.push(Dropped::new("table of contents", &runs.lines.join(" ")));
        } else {
            self.flow.block(&runs.lines, role == Role::Heading, number);
        }
        self.notes_of(&runs.notes, number);
        self.text_boxes(p, &runs.text_boxes);
        if runs.break_after {
            self.flow.page_break(number + 1);
        }
    }

    fn role(&self, p: Node<'_, '_>) -> Role {
        let ppr = child(p, "pPr");
        let style = ppr.and_then(|x| child(x, "pStyle")).and_then(|s| attr(s, "val")).unwrap_or("");
        let by_style = self.styles.get(style).copied().unwrap_or_else(|| role_of_name(style, false, false));
        let outline = ppr.and_then(|x| child(x, "outlineLvl")).and_then(|o| attr(o, "val"));
        if by_style == Role::Body && outline.is_some_and(|v| v != "9") {
            return Role::Heading;
        }
        if by_style == Role::Body && ppr.and_then(|x| child(x, "numPr")).is_some() {
            return Role::List;
        }
        by_style
    }

    fn notes_of(&mut self, ids: &[String], number: u32) {
        for id in ids {
            for paragraph in self.notes.get(id).cloned().unwrap_or_default() {
                self.flow.block(&paragraph, false, number);
            }
        }
    }

    fn text_boxes(&mut self, p: Node<'_, '_>, ids: &[NodeId]) {
        for id in ids {
            if let Some(content) = p.descendants().find(|n| n.id() == *id) {
                self.children(content);
            }
        }
    }

    /// Each row is one block: the cells' text joined with `; `; notes cited in the row follow it.
    fn table(&mut self, tbl: Node<'_, '_>) {
        for row in tbl.children().filter(|n| n.has_tag_name((W, "tr"))) {
            let number = row.descendants().find_map(|n| self.ordinals.get(&n.id()).copied()).unwrap_or(0);
            let mut cells = Vec::new();
            let mut notes = Vec::new();
            for cell in row.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let mut runs = Runs::default();
                for p in cell.descendants().filter(|n| n.has_tag_name((W, "p"))) {
                    runs.walk(p);
                    runs.push(" ");
                }
                let text = runs.lines.join(" ");
                if !text.trim().is_empty() {
                    cells.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                notes.append(&mut runs.notes);
                self.dropped.append(&mut runs.dropped);
            }
            self.flow.block(&[cells.join("; ")], false, number);
            self.notes_of(&notes, number);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_give_roles_in_any_language() {
        assert_eq!(role_of_name("heading 1", false, false), Role::Heading);
        assert_eq!(role_of_name("Kop1", false, false), Role::Heading);
        assert_eq!(role_of_name("list paragraph", false, false), Role::List);
        assert_eq!(role_of_name("toc 2", false, false), Role::Contents);
        assert_eq!(role_of_name("Koptekst", false, false), Role::Body);
        assert_eq!(role_of_name("Title", false, false), Role::Heading);
        assert_eq!(role_of_name("normal", true, false), Role::Heading);
        assert_eq!(role_of_name("normal", false, false), Role::Body);
    }

    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let xml = format!(
            r#"<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    }

    fn texts(body: &str) -> Vec<String> {
        let out = read(&docx(body)).unwrap();
        out.pages.iter().flat_map(|p| &p.lines).filter(|l| !l.text.is_empty()).map(|l| l.text.clone()).collect()
    }

    #[test]
    fn hidden_text_field_codes_and_duplicate_text_boxes_are_left_out() {
        let body = r#"<w:p><w:r><w:t>Zichtbaar</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen</w:t></w:r>
            <w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t xml:space="preserve"> en </w:t></w:r>
            <w:r><w:noBreakHyphen/><w:t>klaar</w:t></w:r>
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>In een kader</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In een kader</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>Inhoud 3</w:t></w:r></w:p>"#;
        assert_eq!(texts(body), ["Zichtbaar en -klaar", "In een kader"]);
    }

    #[test]
    fn a_zip_without_a_document_is_damaged() {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("word/other.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.finish().unwrap();
        assert!(matches!(read(buf.get_ref()), Err(Status::Damaged(_))));
    }
}
