//! Walks an HTML tree in reading order and writes its blocks (headings, paragraphs, list items,
//! table rows) to a [`Builder`], leaving out what [`super::boilerplate`] says is not content.

use std::collections::HashSet;

use ego_tree::NodeRef;
use scraper::Node;

use super::boilerplate::{
    MAX_HIDDEN_WORDS, MAX_TEASER_WORDS, block_verdict, can_be_teaser, furniture, is_hidden, is_silent, is_teaser_link,
    leads_elsewhere,
};
use super::lines::Lines;
use crate::ingest::markup::{Builder, Dropped, collapse};

/// Elements that start and end a block of text.
const BLOCK_TAGS: [&str; 30] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "figure",
    "figcaption",
    "address",
    "form",
    "fieldset",
    "details",
    "summary",
    "hr",
    "center",
];

/// How strict the walk is.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Apply the web-page rules: furniture, link density, cookie text, teaser links.
    pub web: bool,
    /// Block texts that stand on other pages of the same site (dropped as repeated).
    pub repeated: HashSet<String>,
}

/// The walk's state: the block being collected and where blocks go.
pub struct Walker<'a> {
    out: &'a mut Builder,
    dropped: &'a mut Vec<Dropped>,
    policy: &'a Policy,
    number: u32,
    lines: Vec<String>,
    heading: bool,
    link_depth: usize,
    linked_chars: usize,
    in_article: usize,
    depth: usize,
    source_lines: &'a Lines,
    current_line: u32,
    block_line: u32,
}

impl<'a> Walker<'a> {
    /// A walker writing to `out`. A block gets the source line of the element its text starts
    /// in, from `source_lines`; `number` where it has none (0 when unknown).
    pub fn new(
        out: &'a mut Builder,
        dropped: &'a mut Vec<Dropped>,
        policy: &'a Policy,
        source_lines: &'a Lines,
        number: u32,
    ) -> Self {
        Walker {
            out,
            dropped,
            policy,
            number,
            lines: Vec::new(),
            heading: false,
            link_depth: 0,
            linked_chars: 0,
            in_article: 0,
            depth: 0,
            source_lines,
            current_line: number,
            block_line: 0,
        }
    }

    /// Walks `node` and everything below it; call [`Walker::finish`] after the last node.
    pub fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(text) => self.text(&text[..]),
            Node::Element(el) => {
                if is_silent(el) {
                    return;
                }
                // The content root itself is never furniture (`<body class="has-sidebar">`).
                let judged = self.policy.web && self.depth > 0;
                if judged && let Some(reason) = furniture(el, self.in_article > 0) {
                    self.flush();
                    self.drop_subtree(reason, node);
                    return;
                }
                if judged && is_hidden(el) && text_of(node).split_whitespace().count() < MAX_HIDDEN_WORDS {
                    self.flush();
                    self.drop_subtree("hidden".into(), node);
                    return;
                }
                if judged && can_be_teaser(el) && is_teaser(node) {
                    self.flush();
                    self.drop_subtree("teaser (a short block with a \"Lees meer\" link)".into(), node);
                    return;
                }
                let outer_line = self.current_line;
                if let Some(line) = self.source_lines.get(&node.id()) {
                    self.current_line = *line;
                }
                self.depth += 1;
                self.element(el.name(), node);
                self.depth -= 1;
                self.current_line = outer_line;
            }
            Node::Document | Node::Fragment => self.children(node),
            _ => {}
        }
    }

    /// Ends the last block.
    pub fn finish(mut self) {
        self.flush();
    }

    /// Records a whole subtree as dropped, with the reason.
    pub fn drop_subtree(&mut self, reason: String, node: NodeRef<'_, Node>) {
        let text = text_of(node);
        if !text.is_empty() {
            self.dropped.push(Dropped::new(reason, &text));
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            self.walk(child);
        }
    }

    fn element(&mut self, name: &str, node: NodeRef<'_, Node>) {
        match name {
            "br" => self.lines.push(String::new()),
            "img" => self.image(node),
            "a" => self.link(node),
            "tr" => self.row(node),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = true;
                self.children(node);
                self.flush();
            }
            "article" | "main" => {
                self.flush();
                self.in_article += 1;
                self.children(node);
                self.in_article -= 1;
                self.flush();
            }
            _ if BLOCK_TAGS.contains(&name) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn text(&mut self, text: &str) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
            self.block_line = self.current_line;
        }
        if self.link_depth > 0 {
            self.linked_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
        self.lines.last_mut().expect("just pushed").push_str(text);
    }

    fn image(&mut self, node: NodeRef<'_, Node>) {
        let alt = node.value().as_element().and_then(|e| e.attr("alt")).unwrap_or("");
        if !alt.trim().is_empty() {
            self.dropped.push(Dropped::new("image alt text", alt));
        }
    }

    fn link(&mut self, node: NodeRef<'_, Node>) {
        if self.policy.web && is_teaser_link(&text_of(node)) {
            self.drop_subtree("teaser link".into(), node);
            return;
        }
        // A link to elsewhere counts towards the block's link density; an anchor in a heading
        // (`<h2><a href="#wonen">`) or a named target without `href` does not.
        let href = node.value().as_element().and_then(|e| e.attr("href"));
        let counts = href.is_some_and(|h| !(self.heading && h.starts_with('#')));
        self.link_depth += usize::from(counts);
        self.children(node);
        self.link_depth -= usize::from(counts);
    }

    /// A table row is one block: its cells' text joined with `; `.
    fn row(&mut self, node: NodeRef<'_, Node>) {
        self.flush();
        let cells: Vec<String> = node
            .children()
            .filter(|c| c.value().as_element().is_some_and(|e| matches!(e.name(), "td" | "th")))
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect();
        self.lines.push(cells.join("; "));
        self.block_line = self.current_line;
        self.flush();
    }

    /// Ends the current block: writes it, or records why it is not content.
    fn flush(&mut self) {
        let lines = std::mem::take(&mut self.lines);
        let heading = std::mem::replace(&mut self.heading, false);
        let linked = std::mem::replace(&mut self.linked_chars, 0);
        let line = std::mem::replace(&mut self.block_line, 0);
        let text = collapse(&lines.join(" "));
        if text.is_empty() {
            return;
        }
        if let Some(reason) = self.verdict(&text, linked) {
            self.dropped.push(Dropped::new(reason, &text));
            return;
        }
        self.out.block(&lines, heading, if line > 0 { line } else { self.number });
    }

    fn verdict(&self, text: &str, linked: usize) -> Option<String> {
        if !self.policy.web {
            return None;
        }
        if self.policy.repeated.contains(text) {
            return Some("repeated on another page of the site".into());
        }
        let total = text.chars().filter(|c| !c.is_whitespace()).count();
        block_verdict(text, linked, total)
    }
}

/// True for a short container that holds a teaser link ("Lees meer").
/// A "Lees meer" that expands text in place (`href="#"`, a script) does not make a teaser.
fn is_teaser(node: NodeRef<'_, Node>) -> bool {
    let has_link = node.descendants().any(|d| {
        d.value().as_element().is_some_and(|e| e.name() == "a" && leads_elsewhere(e)) && is_teaser_link(&text_of(d))
    });
    has_link && text_of(node).split_whitespace().count() < MAX_TEASER_WORDS
}

/// The text under `node` on one line, without scripts and styles.
pub fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    collect_text(node, &mut out);
    collapse(&out)
}

fn collect_text(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(&t[..]),
        Node::Element(el) if is_silent(el) => {}
        Node::Element(el) => {
            let block = BLOCK_TAGS.contains(&el.name())
                || matches!(el.name(), "br" | "td" | "th" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if block {
                out.push(' ');
            }
            for child in node.children() {
                collect_text(child, out);
            }
            if block {
                out.push(' ');
            }
        }
        _ => {
            for child in node.children() {
                collect_text(child, out);
            }
        }
    }
}
