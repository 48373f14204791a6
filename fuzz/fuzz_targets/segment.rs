//! Fuzzes the segmenter: `split_sentences` on any text, and `segment` on any lines, where a line
//! starting with `#` is a heading and `\f` starts a new page.
#![no_main]

use caleido::model::{Document, Line, Meta, Page};
use caleido::segment::{segment, split_sentences};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for sentence in split_sentences(text) {
        assert!(text.contains(sentence.trim()), "a sentence that is not in the text: {sentence:?}");
    }
    let pages = text
        .split('\u{c}')
        .enumerate()
        .map(|(i, page)| Page {
            number: i as u32 + 1,
            lines: page
                .lines()
                .map(|l| if let Some(h) = l.strip_prefix('#') { Line::heading(h) } else { Line::body(l) })
                .collect(),
        })
        .collect();
    let doc = Document { file: "fuzz.txt".into(), meta: Meta::default(), pages, warnings: Vec::new() };
    let sentences = segment(&doc);
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s.index, i);
        assert!(!s.text.contains('\n'));
        assert!(s.section.is_none_or(|h| h < i && sentences[h].heading));
    }
});
