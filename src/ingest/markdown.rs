//! Markdown ingest with a CommonMark parser (pulldown-cmark, with tables, footnotes,
//! strikethrough, task lists and heading attributes): the text a reader of the rendered page
//! sees. Front matter is metadata, never text; link text is kept and targets dropped; images,
//! code blocks and footnote markers are left out; inline HTML is stripped to its text.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::frontmatter;
use super::html::render_fragment;
use super::markup::{Builder, Dropped, Extracted, decode, year_of};

/// Reads a Markdown file (or a text file with front matter).
pub fn read(bytes: &[u8]) -> Extracted {
    let (text, warnings) = decode(bytes);
    let mut out = Extracted { warnings, ..Extracted::default() };
    let (body, skipped_lines) = match frontmatter::split_lenient(&text) {
        Some((matter, body, lines)) => {
            out.title = matter.title;
            out.year = year_of(&matter.date);
            out.source_url = matter.url;
            out.dropped.extend(matter.raw.iter().map(|l| Dropped::new("front matter", l)));
            (body, lines)
        }
        None => (&*text, 0),
    };
    let mut reader = Reader::new(body, skipped_lines);
    reader.run();
    out.dropped.append(&mut reader.dropped);
    out.pages = reader.out.finish();
    out
}

/// True when `bytes` open with a front-matter block: a `.txt` file that says it is Markdown.
pub fn has_front_matter(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    frontmatter::split(&text).is_some()
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The walk over the parser's events.
struct Reader<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    first_line: u32,
    out: Builder,
    dropped: Vec<Dropped>,
    lines: Vec<String>,
    heading: bool,
    number: u32,
    skipping: usize,
    skipped: String,
    cells: Option<Vec<String>>,
    html: Option<(String, u32)>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, skipped_lines: usize) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Reader {
            text,
            line_starts,
            first_line: skipped_lines as u32,
            out: Builder::new(0),
            dropped: Vec::new(),
            lines: Vec::new(),
            heading: false,
            number: 0,
            skipping: 0,
            skipped: String::new(),
            cells: None,
            html: None,
        }
    }

    fn run(&mut self) {
        for (event, range) in Parser::new_ext(self.text, options()).into_offset_iter() {
            let line = self.first_line + self.line_starts.partition_point(|&s| s <= range.start) as u32;
            self.event(event, line);
        }
        self.flush();
    }

    fn event(&mut self, event: Event<'_>, line: u32) {
        if self.skipping > 0 {
            return self.skip(event);
        }
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.push(&t, line),
            Event::SoftBreak => self.push(" ", line),
            Event::HardBreak => self.line_break(),
            Event::Html(h) => self.html_chunk(&h, line),
            Event::InlineHtml(h) => self.inline_html(&h),
            Event::FootnoteReference(label) => self.dropped.push(Dropped::new("footnote marker", &label)),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        match tag {
            Tag::Heading { .. } => {
                self.flush();
                self.heading = true;
            }
            Tag::Paragraph | Tag::Item | Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => self.flush(),
            Tag::Table(_) | Tag::TableHead | Tag::TableRow => {
                self.flush();
                self.cells = Some(Vec::new());
            }
            Tag::TableCell => self.lines.clear(),
            Tag::CodeBlock(kind) => {
                self.flush();
                let lang = if let CodeBlockKind::Fenced(l) = kind { l.to_string() } else { String::new() };
                self.begin_skip(&format!("code block {lang}"));
            }
            Tag::Image { dest_url, .. } => self.begin_skip(&format!("image {dest_url}")),
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some((String::new(), line));
            }
            Tag::Link { dest_url, .. } => self.dropped.push(Dropped::new("link target", &dest_url)),
            Tag::MetadataBlock(_) => self.begin_skip("front matter"),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) => self.flush(),
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.lines).join(" ");
                if let Some(cells) = self.cells.as_mut() {
                    cells.push(cell.trim().to_string());
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = self.cells.replace(Vec::new()).unwrap_or_default();
                let row: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
                self.out.line(&row.join("; "), false, self.number);
                self.number = 0;
            }
            TagEnd::Table => self.cells = None,
            TagEnd::HtmlBlock => {
                if let Some((html, line)) = self.html.take() {
                    render_fragment(&html, &mut self.out, &mut self.dropped, line);
                }
            }
            _ => {}
        }
    }

    fn push(&mut self, text: &str, line: u32) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        if self.number == 0 {
            self.number = line;
        }
        self.lines.last_mut().expect("just pushed").push_str(text);
    }

    fn line_break(&mut self) {
        if self.cells.is_some() {
            self.push(" ", self.number);
        } else {
            self.lines.push(String::new());
        }
    }

    fn html_chunk(&mut self, html: &str, line: u32) {
        match self.html.as_mut() {
            Some((buffer, _)) => buffer.push_str(html),
            None => render_fragment(html, &mut self.out, &mut self.dropped, line),
        }
    }

    /// An inline tag: `<br>` breaks the line, any other tag is left out (its text is kept).
    fn inline_html(&mut self, tag: &str) {
        let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect();
        if name.eq_ignore_ascii_case("br") {
            self.line_break();
        } else {
            self.dropped.push(Dropped::new("HTML tag", tag));
        }
    }

    fn begin_skip(&mut self, reason: &str) {
        self.skipping = 1;
        self.skipped = format!("{reason}: ");
    }

    /// Inside a code block or image: nothing is text; the content is recorded as dropped.
    fn skip(&mut self, event: Event<'_>) {
        match event {
            Event::Start(_) => self.skipping += 1,
            Event::End(_) => self.skipping -= 1,
            Event::Text(t) | Event::Code(t) => self.skipped.push_str(&t),
            _ => {}
        }
        if self.skipping == 0 {
            let (reason, text) = self.skipped.split_once(": ").unwrap_or(("skipped", ""));
            self.dropped.push(Dropped::new(reason.trim(), text));
        }
    }

    fn flush(&mut self) {
        let lines = std::mem::take(&mut self.lines);
        let heading = std::mem::replace(&mut self.heading, false);
        let number = std::mem::replace(&mut self.number, 0);
        self.out.block(&lines, heading, number);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(String, bool, u32)> {
        let out = read(md.as_bytes());
        out.pages[0]
            .lines
            .iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| (l.text.clone(), l.heading, l.number))
            .collect()
    }

    #[test]
    fn markup_is_what_a_reader_sees() {
        let md = "# Wonen {#wonen}\n\nSamen met _alle_ inwoners en **Wij willen** meer, zie [het plan](/plan.pdf).\n\
                  ![foto](/a.jpg)\n\n- een\n- twee<br>drie\n\n```\ncode\n```\n";
        let got = texts(md);
        let want = [
            ("Wonen", true, 1),
            ("Samen met alle inwoners en Wij willen meer, zie het plan.", false, 3),
            ("een", false, 6),
            ("twee", false, 7),
            ("drie", false, 7),
        ];
        let want: Vec<(String, bool, u32)> = want.iter().map(|(t, h, n)| (t.to_string(), *h, *n)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn front_matter_is_metadata_and_lines_count_from_the_file_start() {
        let md = "---\ntitle: Programma\ndate: 2025-10-01\npermalink: /programma/\n---\n\nTekst.\n";
        let out = read(md.as_bytes());
        assert_eq!(
            (out.title.as_str(), out.year.as_str(), out.source_url.as_str()),
            ("Programma", "2025", "/programma/")
        );
        assert_eq!(texts(md), [("Tekst.".to_string(), false, 7)]);
    }

    #[test]
    fn tables_footnotes_and_html_blocks() {
        let md = "Tekst[^1].\n\n| Thema | Plan |\n|---|---|\n| Wonen | *500* woningen |\n\n\
                  <div class=\"x\">\nEen <b>vet</b> blok\n</div>\n\n[^1]: De voetnoot.\n";
        let got: Vec<String> = texts(md).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["Tekst.", "Thema; Plan", "Wonen; 500 woningen", "Een vet blok", "De voetnoot."]);
    }

    #[test]
    fn only_text_with_front_matter_is_markdown() {
        assert!(has_front_matter(b"---\ntitle: x\n---\nTekst"));
        assert!(!has_front_matter(b"# Kop\nTekst"));
    }
}
