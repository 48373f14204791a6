//! The pipeline from a source file to a scored result: ingest, segment, match, score.

use crate::ingest::{self, MetaTable, SourceFile, SourceKind};
use crate::matching::match_sentences;
use crate::model::{DocResult, DocScore, Document, Sentence, Status};
use crate::rejoin::rejoin_split_words;
use crate::repeats::{drop_repeated_units, set_aside_lines};
use crate::rules::RuleSet;
use crate::score::score;
use crate::segment::{long_unit_warning, segment};

/// The units that are scored: words split by a stray space joined, page furniture set aside,
/// the document segmented, repeated units dropped; with the words set aside as furniture and
/// as repeats.
pub fn scored_units(doc: &mut Document) -> (Vec<Sentence>, usize, usize) {
    rejoin_split_words(&mut doc.pages);
    let furniture_words = set_aside_lines(&mut doc.pages);
    let (sentences, repeated_words) = drop_repeated_units(segment(doc), &doc.sources);
    (sentences, furniture_words, repeated_words)
}

/// Segments, matches and scores one document. Pure: no input or output.
pub fn analyse(mut doc: Document, kind: SourceKind, rules: &RuleSet) -> DocResult {
    let (sentences, furniture_words, repeated_words) = scored_units(&mut doc);
    doc.warnings.extend(long_unit_warning(&sentences));
    let pages = if kind == SourceKind::Pdf { doc.pages.len() } else { 0 };
    let status = if sentences.is_empty() { empty_status(&doc, kind) } else { Status::Ok };
    let passages = if status.is_ok() { match_sentences(rules, &sentences) } else { Vec::new() };
    let mut score =
        if status.is_ok() { score(pages, &sentences, &passages) } else { DocScore { pages, ..DocScore::default() } };
    score.set_aside_words = furniture_words + repeated_words;
    DocResult {
        file: doc.file,
        meta: doc.meta,
        status,
        warnings: doc.warnings,
        source_url: doc.source_url,
        sources: doc.sources,
        sentences,
        sentence_words: Vec::new(),
        shingles: Vec::new(),
        passages,
        score,
    }
}

/// A PDF whose pages hold no character at all needs OCR (`no-text`); one with a few characters
/// but no sentence (a title, a page number) is `empty`, as is a text file without sentences.
pub fn empty_status(doc: &Document, kind: SourceKind) -> Status {
    let has_chars = doc.pages.iter().flat_map(|p| &p.lines).any(|l| l.text.chars().any(char::is_alphanumeric));
    if kind == SourceKind::Pdf && !doc.pages.is_empty() && !has_chars { Status::NoText } else { Status::Empty }
}

/// Reads and analyses one file; a file that cannot be read becomes a result with its status.
pub fn process(src: &SourceFile, meta: &MetaTable, rules: &RuleSet) -> DocResult {
    match ingest::load(src, meta) {
        Ok(doc) => {
            // Pages numbered from 1 (a PDF, also one with a text name; a saved site) are counted.
            let kind = if doc.pages.first().is_some_and(|p| p.number > 0) { SourceKind::Pdf } else { src.kind };
            analyse(doc, kind, rules)
        }
        Err(status) => failed(src, meta, status),
    }
}

/// The result for a file that could not be scored.
pub fn failed(src: &SourceFile, meta: &MetaTable, status: Status) -> DocResult {
    DocResult {
        file: src.rel.clone(),
        meta: meta.lookup(&src.rel),
        status,
        warnings: Vec::new(),
        source_url: String::new(),
        sources: Vec::new(),
        sentences: Vec::new(),
        sentence_words: Vec::new(),
        shingles: Vec::new(),
        passages: Vec::new(),
        score: DocScore::default(),
    }
}
