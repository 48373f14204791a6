//! Segmentation: pages of lines to sentences, coping with wrapped lines, hyphenation,
//! bullets, numbered lists, headings and Dutch abbreviations.

use crate::model::{Document, Page, Sentence};
use crate::text::word_count;

/// Abbreviations after which a full stop does not end a sentence (folded, without final dot).
const ABBREVIATIONS: &[&str] = &[
    "o.a", "bijv", "bv", "b.v", "d.w.z", "t/m", "nr", "nrs", "e.d", "m.b.t", "i.p.v", "z.s.m", "ca", "enz", "etc",
    "dhr", "mevr", "mr", "dr", "drs", "ir", "ing", "prof", "incl", "excl", "resp", "art", "jl", "blz", "p", "pag",
    "vs", "m.n", "o.m", "t.a.v", "n.a.v", "i.s.m", "i.c.m", "v.d", "m.i.v", "c.q", "e.a", "a.s", "zgn", "evt", "min",
    "max", "mln", "mld", "mrd", "st", "str", "tel", "bijz", "vgl", "o.b.v", "i.v.m", "t.b.v", "m.u.v", "a.d.h.v",
    "d.m.v",
];

/// A heading found by layout alone has at most this many words.
const MAX_HEADING_WORDS: usize = 12;

/// A block of text that sentences are split from: a heading, list item or paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    page: u32,
    text: String,
    heading: bool,
}

/// Splits a document into sentences, numbered from 0.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut section = None;
    // When ingest marks headings (from type size), trust it; otherwise guess from layout.
    let guess_headings = !doc.pages.iter().any(|p| p.lines.iter().any(|l| l.heading));
    for block in doc.pages.iter().flat_map(|p| blocks(p, guess_headings)) {
        let parts = if block.heading { vec![block.text.clone()] } else { split_sentences(&block.text) };
        for text in parts {
            let index = out.len();
            let words = word_count(&text);
            if words == 0 {
                continue;
            }
            if block.heading {
                section = Some(index);
            }
            out.push(Sentence {
                index,
                page: block.page,
                text,
                words,
                heading: block.heading,
                section: section.filter(|_| !block.heading),
                line: 0,
            });
        }
    }
    out
}

fn is_bullet_start(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(
            '•' | '·' | '▪' | '■' | '●' | '○' | '◦' | '►' | '▶' | '➢' | '✓' | '✔' | '□' | '–' | '—' | '*' | '-'
            | '\u{f0b7}' | '\u{f0a7}',
        ) => true,
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() => {
            let head: String = t.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
            let after = t[head.len()..].chars().next();
            let marker = head.trim_end_matches('.');
            let numbered = !marker.is_empty()
                && marker.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
                && (head.ends_with('.') || marker.contains('.') || after == Some(')'));
            let lettered = marker.len() == 1
                && marker.chars().all(|c| c.is_ascii_lowercase())
                && (head.ends_with('.') || after == Some(')'));
            let after_ok = match after {
                Some(')') => t[head.len() + 1..].starts_with(char::is_whitespace),
                Some(a) => a.is_whitespace(),
                None => false,
            };
            (numbered || lettered) && after_ok
        }
        _ => false,
    }
}

fn strip_bullet(line: &str) -> &str {
    let t = line.trim_start();
    let rest = t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '"' && c != '‘' && c != '“');
    if rest.len() == t.len() {
        // Numbered or lettered item: drop the `12.`, `7.6.` or `a)` marker.
        let head = t.find(char::is_whitespace).unwrap_or(0);
        return t[head..].trim_start();
    }
    rest
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '’', '”', ')', ' ']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_upper(text: &str) -> bool {
    text.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'‘“(".contains(c))
}

/// Groups a page's lines into blocks.
fn blocks(page: &Page, guess_headings: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current = String::new();
    let lines: Vec<(&str, bool)> = page.lines.iter().map(|l| (l.text.trim(), l.heading)).collect();
    let flush = |current: &mut String, out: &mut Vec<Block>| {
        let text = collapse(current);
        if !text.is_empty() {
            out.push(Block { page: page.number, text, heading: false });
        }
        current.clear();
    };
    for (i, &(line, flagged)) in lines.iter().enumerate() {
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if is_bare_number(line) {
            // Margin paragraph numbers and stray page numbers carry no text to code.
            continue;
        }
        let next = lines[i + 1..].iter().map(|l| l.0).find(|l| !l.is_empty());
        let at_start = current.is_empty() || ends_sentence(&current);
        if flagged || (guess_headings && looks_like_heading(line, at_start, next)) {
            flush(&mut current, &mut out);
            out.push(Block { page: page.number, text: collapse(line), heading: true });
            continue;
        }
        if is_bullet_start(line) {
            flush(&mut current, &mut out);
            current.push_str(strip_bullet(line));
            continue;
        }
        join_line(&mut current, line);
    }
    flush(&mut current, &mut out);
    out
}

/// A line of one to three digits only, such as a margin paragraph number.
fn is_bare_number(line: &str) -> bool {
    (1..=3).contains(&line.len()) && line.chars().all(|c| c.is_ascii_digit())
}

fn looks_like_heading(line: &str, at_block_start: bool, next: Option<&str>) -> bool {
    if !at_block_start || ends_sentence(line) || is_bullet_start(line) || line.ends_with([',', '-']) {
        return false;
    }
    let words = word_count(line);
    let next_starts_block = next.is_none_or(|n| starts_upper(n) || is_bullet_start(n));
    words > 0 && words <= MAX_HEADING_WORDS && starts_upper(line) && next_starts_block
}

/// Appends a wrapped line, undoing end-of-line hyphenation (`oplossin-` + `gen`)
/// but keeping real hyphens (`bewoners- en`, `Noord-` + `Holland`).
fn join_line(current: &mut String, line: &str) {
    if current.is_empty() {
        current.push_str(line);
        return;
    }
    let trimmed = current.trim_end();
    let hyphenated =
        trimmed.ends_with('-') && trimmed[..trimmed.len() - 1].chars().last().is_some_and(char::is_alphabetic);
    let spaced_hyphen = trimmed.ends_with(" -") && line.starts_with(|c: char| c.is_lowercase());
    let next_word: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
    let coordination = matches!(next_word.as_str(), "en" | "of" | "tot" | "als");
    if (hyphenated || spaced_hyphen) && line.starts_with(|c: char| c.is_lowercase()) && !coordination {
        let cut = trimmed.trim_end_matches('-').trim_end().len();
        current.truncate(cut);
        current.push_str(line);
    } else if hyphenated && line.starts_with(char::is_uppercase) {
        current.truncate(trimmed.len());
        current.push_str(line);
    } else {
        current.truncate(trimmed.len());
        current.push(' ');
        current.push_str(line);
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a paragraph at sentence ends, not after abbreviations, initials or numbers.
pub fn split_sentences(text: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if i < start || !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = k + 1;
        while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '’' | '”' | ')' | '.' | '!' | '?') {
            end += 1;
        }
        let Some(&(_, space)) = chars.get(end) else { continue };
        if !space.is_whitespace() {
            continue;
        }
        let next = chars[end..].iter().map(|c| c.1).find(|c| !c.is_whitespace());
        if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"'‘“(•-–".contains(n)) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..i]) {
            continue;
        }
        let byte_end = chars.get(end).map_or(text.len(), |c| c.0);
        let s = text[start..byte_end].trim();
        if !s.is_empty() {
            out.push(s.to_string());
        }
        start = byte_end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let folded = crate::text::fold(word);
    if ABBREVIATIONS.contains(&folded.as_str()) {
        return true;
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 && !word.contains("..");
    single_initial || dotted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Line, Meta};

    fn doc(lines: &[&str]) -> Document {
        Document {
            file: "t.txt".into(),
            meta: Meta::default(),
            pages: vec![Page { number: 3, lines: lines.iter().map(|l| Line::body(*l)).collect() }],
            warnings: vec![],
            source_url: String::new(),
        }
    }

    fn texts(lines: &[&str]) -> Vec<String> {
        segment(&doc(lines)).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = split_sentences(
            "Wij steunen o.a. buurthuizen, bijv. in Noord. Dat is d.w.z. goed. Zie nr. 4 en t/m. Klaar.",
        );
        assert_eq!(
            s,
            ["Wij steunen o.a. buurthuizen, bijv. in Noord.", "Dat is d.w.z. goed.", "Zie nr. 4 en t/m. Klaar."]
        );
        assert_eq!(split_sentences("Met m.b.t. Heiloo e.d. Zo."), ["Met m.b.t. Heiloo e.d. Zo."]);
    }

    #[test]
    fn runs_of_end_marks_are_one_end() {
        assert_eq!(split_sentences("Fuseren of ….? Lees verder."), ["Fuseren of ….?", "Lees verder."]);
    }

    #[test]
    fn wrapped_lines_join_and_hyphenation_is_undone() {
        let t =
            texts(&["Wij zoeken naar oplossin-", "gen voor bewoners- en", "buurtinitiatieven in Noord-", "Holland."]);
        assert_eq!(t, ["Wij zoeken naar oplossingen voor bewoners- en buurtinitiatieven in Noord-Holland."]);
    }

    #[test]
    fn bare_margin_numbers_are_dropped() {
        assert_eq!(
            texts(&["We geven ondernemers vertrouwen door rust,", "1", "reinheid en regelmaat."]),
            ["We geven ondernemers vertrouwen door rust, reinheid en regelmaat."]
        );
    }

    #[test]
    fn spaced_hyphen_from_text_exports_is_joined() {
        assert_eq!(
            texts(&["in de maatschappij te participe -", "ren, zo."]),
            ["in de maatschappij te participeren, zo."]
        );
    }

    #[test]
    fn bullets_and_numbers_start_units() {
        let t = texts(&[
            "Wij willen:",
            "• een wijkbudget",
            "• een burgerberaad",
            "2. meer inspraak",
            "7.6.\tWe steunen",
            "buurthuizen.",
            "a) ook dit",
        ]);
        assert_eq!(
            t,
            [
                "Wij willen:",
                "een wijkbudget",
                "een burgerberaad",
                "meer inspraak",
                "We steunen buurthuizen.",
                "ook dit"
            ]
        );
    }

    #[test]
    fn short_line_after_a_sentence_is_a_heading() {
        let s = segment(&doc(&["Lees het programma.", "Nieuws", "Meer nieuws", "Wij willen meer groen."]));
        let t: Vec<(&str, bool)> = s.iter().map(|s| (s.text.as_str(), s.heading)).collect();
        assert_eq!(
            t,
            [
                ("Lees het programma.", false),
                ("Nieuws", true),
                ("Meer nieuws", true),
                ("Wij willen meer groen.", false)
            ]
        );
    }

    #[test]
    fn short_line_before_capital_is_a_heading() {
        let s = segment(&doc(&["Lokale democratie", "Inwoners beslissen mee.", "Dat is goed."]));
        assert!(s[0].heading);
        assert_eq!(s[1].section, Some(0));
        assert_eq!(s[1].page, 3);
        assert!(!s[2].heading);
    }

    /// Found by the `segment` fuzz target (input `#<\nB`): a heading without a word
    /// made the next sentence its own section.
    #[test]
    fn a_heading_without_words_is_no_section() {
        let mut d = doc(&["B"]);
        d.pages[0].lines.insert(0, Line::heading("<"));
        let s = segment(&d);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].section, None);
    }
}
