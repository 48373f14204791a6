//! Plain data that flows through the pipeline: documents, sentences, matches and scores.

use serde::{Deserialize, Serialize};

mod packed;

/// One line of text as ingest found it on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The text of the line, without the line break.
    pub text: String,
    /// True when ingest knows the line is a heading (larger or bolder type, a Markdown `#`).
    pub heading: bool,
    /// 1-based line number in the source (the line in a text file, the line on a PDF page); 0 when unknown.
    #[serde(default)]
    pub number: u32,
}

impl Line {
    /// A body line.
    pub fn body(text: impl Into<String>) -> Self {
        Line { text: text.into(), heading: false, number: 0 }
    }

    /// A heading line.
    pub fn heading(text: impl Into<String>) -> Self {
        Line { text: text.into(), heading: true, number: 0 }
    }
}

/// One page of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based physical page number in a PDF; 0 for text without pages.
    pub number: u32,
    /// The page's lines in reading order; an empty string marks a paragraph break.
    pub lines: Vec<Line>,
}

/// Who wrote a programme, for which place and election.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Party name as it should appear in reports.
    pub party: String,
    /// Municipality (or `NL` for national programmes); empty when unknown.
    pub place: String,
    /// Election year; empty when unknown.
    pub year: String,
    /// The party name as the metadata or the file name spelled it, before the rule folder's
    /// alias table (`partijen.csv`) gave it its report name; empty until the table is applied.
    #[serde(default)]
    pub party_as_written: String,
}

/// The kind of election a programme was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// A municipal council (any place but `NL`).
    Municipal,
    /// The House of Representatives (place `NL`).
    National,
}

impl Meta {
    /// National when the place is `NL` (any case), otherwise municipal.
    pub fn level(&self) -> Level {
        if self.place.eq_ignore_ascii_case("NL") { Level::National } else { Level::Municipal }
    }
}

/// A programme as ingest read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the input folder, with `/` separators.
    pub file: String,
    /// Party, place and year.
    pub meta: Meta,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Things the user should know (for example a text file read as Windows-1252).
    pub warnings: Vec<String>,
    /// Where the programme was published (a `Bron:` line, HTML canonical link, front matter); empty when unknown.
    #[serde(default)]
    pub source_url: String,
    /// Source lines of a text input (`Bron: https://...`): the line they stood on and the
    /// address, in order; a quote's source is the last one above it.
    #[serde(default)]
    pub sources: Vec<(u32, String)>,
    /// Every block of the pages is a unit boundary (markup: web pages, Markdown, Word,
    /// OpenDocument): a sentence cut by a block break is not joined again, as it is in PDF and
    /// plain text, where a break can be a page or column break.
    #[serde(default)]
    pub blocks_are_units: bool,
}

/// Why a file could not be scored, or `Ok`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Scored.
    Ok,
    /// Needs a password that is not empty.
    Encrypted,
    /// Pages without a text layer (scanned or image-only): OCR is needed.
    NoText,
    /// No content at all.
    Empty,
    /// Named `.pdf` but not a PDF.
    NotAPdf,
    /// The parser gave up; its reason.
    Damaged(String),
    /// Took longer than the per-file limit.
    Timeout,
    /// Larger than the per-file limit, or used more memory than allowed.
    TooLarge,
    /// Could not be read from disk; the reason.
    Unreadable(String),
}

impl Status {
    /// The value of the `status` column.
    pub fn label(&self) -> String {
        match self {
            Status::Ok => "ok".into(),
            Status::Encrypted => "encrypted".into(),
            Status::NoText => "no-text".into(),
            Status::Empty => "empty".into(),
            Status::NotAPdf => "not-a-pdf".into(),
            Status::Damaged(why) => format!("damaged: {why}"),
            Status::Timeout => "timeout".into(),
            Status::TooLarge => "too-large".into(),
            Status::Unreadable(why) => format!("unreadable: {why}"),
        }
    }

    /// True for a scored file.
    pub fn is_ok(&self) -> bool {
        matches!(self, Status::Ok)
    }
}

/// The coding unit: one sentence, list item or heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// 0-based index in the document.
    pub index: usize,
    /// Page number as in [`Page::number`].
    pub page: u32,
    /// The sentence on one line: no line breaks, hyphenation undone.
    pub text: String,
    /// Number of words.
    pub words: usize,
    /// True for a heading.
    pub heading: bool,
    /// Index of the heading this sentence stands under, if any.
    pub section: Option<usize>,
    /// Line of the sentence's first word, as in [`Line::number`]; 0 when unknown.
    #[serde(default)]
    pub line: u32,
}

/// The evidence for one sentence and one mirror.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Page of the sentence.
    pub page: u32,
    /// Line of the sentence on its page or in its text file, as in [`Sentence::line`]; 0 when unknown.
    #[serde(default)]
    pub line: u32,
    /// Mirror 1 to 5.
    pub mirror: u8,
    /// Codebook questions, sorted (`4.1`, `4.3`).
    pub questions: Vec<String>,
    /// Ids of the rules that fired.
    pub rules: Vec<String>,
    /// The matched words as they stand in the text.
    pub terms: Vec<String>,
    /// Stance from rejection cues near the match.
    pub stance: crate::rules::Stance,
    /// The whole sentence.
    pub text: String,
}

/// Figures for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocScore {
    /// Pages read (0 for text without pages... counted as 1 page of text).
    pub pages: usize,
    /// Sentences (coding units).
    pub sentences: usize,
    /// Words in all sentences.
    pub words: usize,
    /// Percent of words in sentences matched to any mirror.
    pub initiative_pct: f64,
    /// Percent of words in sentences matched to each mirror.
    pub mirror_pct: [f64; 5],
    /// Sentences matched to each mirror.
    pub mirror_sentences: [usize; 5],
    /// Codebook questions with at least one matched sentence (0 to 15).
    pub questions_addressed: usize,
    /// Words set aside as repeated or non-content text (running headers, menus, repeats); not in `words`.
    #[serde(default)]
    pub set_aside_words: usize,
    /// Percent of `words` in units that also occur in another programme of the run.
    #[serde(default)]
    pub reused_pct: f64,
    /// The file of the run this programme shares most words with; empty when none.
    #[serde(default)]
    pub reused_from: String,
    /// The file this one is a copy of (over 90% shared both ways), scored in its place; empty otherwise.
    #[serde(default)]
    pub duplicate_of: String,
}

/// Everything known about one input file after the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocResult {
    /// Path relative to the input folder.
    pub file: String,
    /// Party, place and year.
    pub meta: Meta,
    /// `Ok` or why the file was not scored.
    pub status: Status,
    /// Warnings for the user.
    pub warnings: Vec<String>,
    /// Where the programme was published, as in [`Document::source_url`].
    #[serde(default)]
    pub source_url: String,
    /// Source lines, as in [`Document::sources`].
    #[serde(default)]
    pub sources: Vec<(u32, String)>,
    /// The sentences; in a run's summary only those the reports show (the headings of matched
    /// passages), with the words of every sentence in [`DocResult::sentence_words`].
    pub sentences: Vec<Sentence>,
    /// Words in each sentence, by sentence number, once `sentences` was thinned for the
    /// reports; empty while `sentences` holds every sentence.
    #[serde(default)]
    pub sentence_words: Vec<u32>,
    /// Per unit (sentence that is no heading), its words and its shingles for the reuse
    /// measure, taken before `sentences` is thinned; emptied once reuse is measured.
    #[serde(default, with = "packed")]
    pub shingles: Vec<(u32, Vec<u64>)>,
    /// The evidence.
    pub passages: Vec<Passage>,
    /// The figures.
    pub score: DocScore,
}

impl DocResult {
    /// A scored document (`ok`, no metadata or warnings) with these sentences and passages and
    /// default figures: a starting point for tests and tools.
    pub fn scored(file: &str, sentences: Vec<Sentence>, passages: Vec<Passage>) -> Self {
        DocResult {
            file: file.into(),
            meta: Meta::default(),
            status: Status::Ok,
            warnings: Vec::new(),
            source_url: String::new(),
            sources: Vec::new(),
            sentences,
            sentence_words: Vec::new(),
            shingles: Vec::new(),
            passages,
            score: DocScore::default(),
        }
    }

    /// Where the text at `line` came from: the last source line above it, else the document's source.
    pub fn source_at(&self, line: u32) -> &str {
        let above = self.sources.iter().take_while(|(n, _)| *n <= line).last();
        above.map_or(self.source_url.as_str(), |(_, url)| url.as_str())
    }

    /// Words in each sentence, by sentence number, whether or not `sentences` was thinned.
    pub fn words_per_sentence(&self) -> Vec<u32> {
        if self.sentence_words.is_empty() {
            self.sentences.iter().map(|s| u32::try_from(s.words).unwrap_or(u32::MAX)).collect()
        } else {
            self.sentence_words.clone()
        }
    }

    /// The sentence with this number, if it was kept.
    pub fn sentence(&self, index: usize) -> Option<&Sentence> {
        match self.sentences.get(index) {
            Some(s) if s.index == index => Some(s),
            _ => self.sentences.binary_search_by_key(&index, |s| s.index).ok().map(|i| &self.sentences[i]),
        }
    }

    /// The text of the heading that sentence `index` stands under, or `""`.
    pub fn heading_of(&self, index: usize) -> &str {
        self.sentence(index).and_then(|s| s.section).and_then(|h| self.sentence(h)).map_or("", |h| h.text.as_str())
    }
}
