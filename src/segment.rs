//! Segmentation: pages of lines to sentences, coping with wrapped lines, hyphenation,
//! bullets, numbered lists, headings and Dutch abbreviations.

use std::borrow::Cow;

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

/// A unit over this many words is reported: units are meant to be sentences or list items.
pub const LONG_UNIT_WORDS: usize = 60;

/// An unterminated run of at least this many words is cut at the next line that starts a new
/// phrase (a capital), whatever the line lengths: list items without full stops are units.
const RUN_ON_WORDS: usize = 40;

/// A line shorter than this share of the page's longest line ends early: the next line starting
/// with a capital starts a new unit even without punctuation in between.
const SHORT_LINE_SHARE: f64 = 0.75;

/// A document "writes sentence starts small" when a full stop after a word is followed by a
/// small letter at least this many times ...
const MIN_SMALL_STARTS: usize = 50;

/// ... and this many times as often as by a capital. Exports of some small-capital fonts lose
/// every capital of the body text (PvdD 2012: "... nog maar 15% over. en het verlies ...");
/// their sentences end at a full stop before a small letter too.
const SMALL_STARTS_FACTOR: usize = 2;

/// Characters that mark a list item when they start a line: bullets of common fonts, arrows,
/// dashes, and the private-use codes Symbol and Wingdings bullets come out as (`U+F0B7`,
/// `U+F0A7`, `U+F0D8`, `U+F06C`, ...). `¡` and `›` are what some exports make of a bullet
/// glyph (CDA 2012, PVV 2023, CDA 2025); Dutch prose never starts a line with them.
pub const BULLET_GLYPHS: &[char] = &[
    '•', '·', '∙', '▪', '■', '●', '○', '◦', '►', '▶', '➢', '➤', '✓', '✔', '□', '♦', '◆', '❖', '‣', '›', '⁃', '→', '➔',
    '¡', '–', '—', '*', '-', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}', '\u{f06c}', '\u{f076}', '\u{f0fc}', '\u{f0a8}',
];

/// Bullet glyphs that never stand inside a sentence: where one follows a space in the middle of
/// a line, a new list item starts there (text exports write a whole list on one line).
pub(crate) const INLINE_BULLET_GLYPHS: &[char] = &[
    '•', '▪', '■', '●', '►', '▶', '➢', '➤', '♦', '◆', '❖', '‣', '›', '¡', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}',
    '\u{f06c}',
];

/// Words that end a wrapped line in mid-phrase: a line ending in one of them never ends a unit.
const CONTINUING_WORDS: &[&str] = &[
    "de", "het", "een", "en", "of", "van", "voor", "in", "op", "met", "aan", "te", "door", "bij", "naar", "om", "uit",
    "tot", "over", "als", "dat", "die", "dan", "maar", "want", "ook", "zijn", "is", "wordt", "worden", "moet",
    "moeten", "kan", "kunnen", "onze", "ons", "hun", "haar", "we", "wij", "the", "and", "to",
];

/// A block of text that sentences are split from: a heading, list item or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Block {
    page: u32,
    text: String,
    heading: bool,
    /// The block is a list item (it began with a bullet or number).
    item: bool,
    /// (byte offset in `text`, line number) of each source line that starts inside the block.
    starts: Vec<(usize, u32)>,
}

impl Block {
    /// The line number of the source line holding byte `offset` of the text.
    fn line_at(&self, offset: usize) -> u32 {
        self.starts.iter().take_while(|(o, _)| *o <= offset).last().map_or(0, |(_, n)| *n)
    }
}

/// Splits a document into sentences, numbered from 0.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut section = None;
    // When ingest marks headings (from type size), trust it; otherwise guess from layout.
    let guess_headings = !doc.pages.iter().any(|p| p.lines.iter().any(|l| l.heading));
    let small_starts = writes_small_sentence_starts(doc);
    // The last unit pushed was the last of its block: a block that goes on with it may join it.
    let mut open_unit = false;
    for block in doc.pages.iter().flat_map(|p| blocks(p, guess_headings)) {
        let parts = if block.heading { vec![(0, block.text.len())] } else { split_ranges(&block.text, small_starts) };
        let last_part = parts.len().saturating_sub(1);
        for (part, (a, b)) in parts.into_iter().enumerate() {
            let text = block.text[a..b].to_string();
            let index = out.len();
            let words = word_count(&text);
            if words == 0 {
                continue;
            }
            let broken = part == 0 && open_unit && !doc.blocks_are_units && goes_on(&block, &text);
            open_unit = part == last_part;
            if let Some(unit) = out.last_mut().filter(|u| broken && !u.heading && !ends_sentence(&u.text)) {
                // A sentence broken by a page or column break: one unit, quoted from where it starts.
                join_line(&mut unit.text, &text);
                unit.words = word_count(&unit.text);
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
                line: block.line_at(a),
            });
        }
    }
    out
}

/// One warning per document listing where its units over [`LONG_UNIT_WORDS`] words stand, or none.
pub fn long_unit_warning(sentences: &[Sentence]) -> Option<String> {
    let long: Vec<&Sentence> = sentences.iter().filter(|s| s.words > LONG_UNIT_WORDS).collect();
    if long.is_empty() {
        return None;
    }
    let places: Vec<String> = long.iter().take(5).map(|s| place_label(s.page, s.line, s.words)).collect();
    let more = if long.len() > 5 { format!(" and {} more", long.len() - 5) } else { String::new() };
    Some(format!("{} unit(s) over {LONG_UNIT_WORDS} words ({}{more})", long.len(), places.join(", ")))
}

fn place_label(page: u32, line: u32, words: usize) -> String {
    match (page, line) {
        (0, 0) => format!("{words} words"),
        (0, l) => format!("line {l}: {words} words"),
        (p, 0) => format!("page {p}: {words} words"),
        (p, l) => format!("page {p} line {l}: {words} words"),
    }
}

fn is_bullet_start(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if BULLET_GLYPHS.contains(&c) => true,
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

/// Groups a page's lines into blocks: headings, list items and paragraphs, where a paragraph
/// without end punctuation is also cut where a line ends early and the next starts a new phrase.
fn blocks(page: &Page, guess_headings: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Borrowed where a line needs no change (most do): a large text is not copied once more.
    let lines: Vec<(Cow<str>, bool, u32)> = page
        .lines
        .iter()
        .flat_map(|l| inline_bullets(collapse(&l.text)).into_iter().map(move |t| (t, l.heading, l.number)))
        .collect();
    let longest = lines.iter().map(|l| l.0.chars().count()).max().unwrap_or(0);
    let mut current = Block { page: page.number, ..Block::default() };
    let mut previous: &str = "";
    // The line before was a heading: a heading set over two lines is one unit.
    let mut previous_was_heading = false;
    for (i, (line, flagged, number)) in lines.iter().enumerate() {
        let line: &str = line;
        if line.is_empty() {
            flush(&mut current, &mut out);
            previous = "";
            previous_was_heading = false;
            continue;
        }
        if is_bare_number(line) {
            // Margin paragraph numbers and stray page numbers carry no text to code.
            continue;
        }
        let next = lines[i + 1..].iter().map(|l| &*l.0).find(|l| !l.is_empty());
        let at_start = current.text.is_empty() || ends_sentence(&current.text);
        if *flagged || (guess_headings && looks_like_heading(line, at_start, next)) {
            flush(&mut current, &mut out);
            match out.last_mut() {
                Some(heading) if previous_was_heading && heading_wraps(&heading.text, line) => {
                    let offset = join_line(&mut heading.text, line);
                    heading.starts.push((offset, *number));
                }
                _ => {
                    let starts = vec![(0, *number)];
                    out.push(Block { page: page.number, text: line.to_string(), heading: true, item: false, starts });
                }
            }
            previous = "";
            previous_was_heading = true;
            continue;
        }
        previous_was_heading = false;
        let bullet = is_bullet_start(line);
        if bullet || cuts_run_on(&current.text, previous, line, longest) {
            flush(&mut current, &mut out);
            current.item = bullet;
            let item = if current.item { strip_bullet(line) } else { line };
            current.starts.push((0, *number));
            current.text.push_str(item);
        } else {
            let offset = join_line(&mut current.text, line);
            current.starts.push((offset, *number));
        }
        previous = line;
    }
    flush(&mut current, &mut out);
    out
}

/// A line holding several bullet items (`a • b • c`, `a ›b ›c`, as text exports write lists) as
/// one line per item: a glyph of [`INLINE_BULLET_GLYPHS`] after a space, before a word, starts one.
fn inline_bullets(line: Cow<str>) -> Vec<Cow<str>> {
    let cuts = inline_bullet_cuts(&line);
    if cuts.is_empty() {
        return vec![line];
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        let part = line[from..cut].trim_end();
        if !part.is_empty() {
            out.push(Cow::Owned(part.to_string()));
        }
        from = cut;
    }
    out.push(Cow::Owned(line[from..].to_string()));
    out
}

/// Byte offsets of the bullet glyphs in `line` that start an item inside it.
fn inline_bullet_cuts(line: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut before = ' ';
    for (i, c) in line.char_indices() {
        if i > 0 && before == ' ' && INLINE_BULLET_GLYPHS.contains(&c) {
            let rest = line[i + c.len_utf8()..].trim_start();
            if rest.starts_with(|n: char| n.is_alphanumeric() || n == '(') {
                cuts.push(i);
            }
        }
        before = c;
    }
    cuts
}

fn flush(current: &mut Block, out: &mut Vec<Block>) {
    let page = current.page;
    let block = std::mem::replace(current, Block { page, ..Block::default() });
    if !block.text.trim().is_empty() {
        out.push(block);
    }
}

/// True when `line` starts a new unit although the split at full stops would join it to
/// `current`: `current` has no end punctuation, the previous line ended early (a list item or a
/// line of its own) or the run is already too long to be one sentence, and `line` starts with a
/// capital; or `current` ends in `;` or `:` on a line that ended early.
fn cuts_run_on(current: &str, previous: &str, line: &str, longest: usize) -> bool {
    if current.is_empty() || continues(previous) {
        return false;
    }
    let short = (previous.chars().count() as f64) < SHORT_LINE_SHARE * longest as f64;
    if ends_sentence(current) {
        // Items ending in `;` or `:` on lines of their own: the split at full stops misses them.
        return short && current.trim_end().ends_with([';', ':']);
    }
    starts_capital(line) && (short || open_words(current) >= RUN_ON_WORDS)
}

/// True when `text`, the first unit of `block`, goes on with the unit before the block (which
/// did not end a sentence): a paragraph, not a heading or list item, that starts with a small
/// letter (`vernieuwen.` after `D66 wil de democratie beschermen én` at a page's foot).
fn goes_on(block: &Block, text: &str) -> bool {
    !block.heading && !block.item && text.starts_with(char::is_lowercase)
}

/// True when heading line `line` goes on with the heading `heading` on the line above: the
/// heading stops in mid-phrase (`Ruimte en erkenning voor kerken en` / `ontmoeting`) or the line
/// starts with a small letter (`Energiecoöperaties en lokale` / `initiatieven`). A heading that
/// ends in punctuation, or is a bare number, stands alone.
fn heading_wraps(heading: &str, line: &str) -> bool {
    let t = heading.trim_end();
    if t.ends_with(['.', '!', '?', ':', ';']) || t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ') {
        return false;
    }
    continues(t) || line.starts_with(char::is_lowercase)
}

/// True when a line ends in mid-phrase: a comma, a hyphen, an opening bracket or a function word.
fn continues(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with([',', '-', '(', '/', '&', '+']) {
        return true;
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    CONTINUING_WORDS.contains(&crate::text::fold(last).as_str())
}

fn starts_capital(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_uppercase() || "\"'‘“".contains(c))
}

/// Words after the last sentence end in `text`.
fn open_words(text: &str) -> usize {
    let cut = text.rfind(['.', '!', '?', ';', ':']).map_or(0, |i| i + 1);
    word_count(&text[cut..])
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
/// Returns the byte offset in `current` where the line's text starts.
fn join_line(current: &mut String, line: &str) -> usize {
    if current.is_empty() {
        current.push_str(line);
        return 0;
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
        // The word began on the previous line: so did the sentence holding it.
        let word_start = current.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        current.push_str(line);
        word_start
    } else if hyphenated && line.starts_with(char::is_uppercase) {
        current.truncate(trimmed.len());
        let word_start = current.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        current.push_str(line);
        word_start
    } else {
        current.truncate(trimmed.len());
        current.push(' ');
        let offset = current.len();
        current.push_str(line);
        offset
    }
}

/// The words of `text` joined by single spaces (borrowed when it is that already).
fn collapse(text: &str) -> Cow<'_, str> {
    let mut after_space = true;
    let collapsed = text.chars().all(|c| {
        let ok = !c.is_whitespace() || (c == ' ' && !after_space);
        after_space = c.is_whitespace();
        ok
    }) && !after_space;
    if collapsed || text.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Splits a paragraph at sentence ends, not after abbreviations, initials or numbers.
pub fn split_sentences(text: &str) -> Vec<String> {
    split_ranges(text, false).into_iter().map(|(a, b)| text[a..b].to_string()).collect()
}

/// True when the document's body text starts its sentences with small letters (see
/// [`MIN_SMALL_STARTS`]): a word, a full stop, a space and a small letter outnumber a word, a
/// full stop, a space and a capital.
fn writes_small_sentence_starts(doc: &Document) -> bool {
    let (mut small, mut capital) = (0, 0);
    for line in doc.pages.iter().flat_map(|p| &p.lines) {
        let mut window = [' '; 3];
        for c in line.text.chars() {
            if window[0].is_lowercase() && window[1] == '.' && window[2] == ' ' {
                small += usize::from(c.is_lowercase());
                capital += usize::from(c.is_uppercase());
            }
            window = [window[1], window[2], c];
        }
    }
    small >= MIN_SMALL_STARTS && small >= SMALL_STARTS_FACTOR * capital
}

/// The byte ranges of [`split_sentences`], trimmed. With `small_starts`, a small letter after
/// a full stop starts a sentence too (not after an abbreviation).
fn split_ranges(text: &str, small_starts: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i < start || !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes, brackets and more stops after the stop, then a space.
        let rest = &text[i + c.len_utf8()..];
        let after = rest.trim_start_matches(['"', '\'', '’', '”', ')', '.', '!', '?']);
        let Some(space) = after.chars().next() else { continue };
        if !space.is_whitespace() {
            continue;
        }
        let next = after.chars().find(|c| !c.is_whitespace());
        let small = small_starts && c == '.' && next.is_some_and(char::is_lowercase);
        if !small && !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"'‘“(•-–".contains(n)) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..i]) {
            continue;
        }
        let byte_end = text.len() - after.len();
        push_trimmed(text, start, byte_end, &mut out);
        start = byte_end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let part = &text[start..end];
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if lead < part.len() {
        out.push((start + lead, end - trail));
    }
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

    /// The sentence ranges as first written: from an array of the characters.
    fn reference_ranges(text: &str) -> Vec<(usize, usize)> {
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
            push_trimmed(text, start, byte_end, &mut out);
            start = byte_end;
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    #[test]
    fn split_ranges_agree_with_a_char_array_reading() {
        let samples = [
            "Wij willen meer. Zij niet! Waarom? 2025 wordt beter… “Echt.” Ja.) (Nee.",
            "Dat doen wij o.a. samen met de gemeente. Zie blz. 4. Dhr. J. Jansen zegt: “Ja!” En ‘dan’.",
            "Einde.  \u{A0}Nieuw begin?!  • Punt één. – Punt twee... Drie.",
            "Geen einde",
            "Eindigt op een punt.",
            "Eén.Twee. drie. Vier.\u{2028}Vijf.",
            "",
            " . ",
        ];
        for text in samples {
            assert_eq!(split_ranges(text, false), reference_ranges(text), "{text}");
        }
    }

    #[test]
    fn collapse_borrows_only_text_that_is_collapsed_already() {
        for text in ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u{A0}b", "één twee", "a \u{2028}b"] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let got = collapse(text);
            assert_eq!(got, expected, "{text:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), text == expected, "{text:?}");
        }
    }

    fn doc(lines: &[&str]) -> Document {
        Document {
            file: "t.txt".into(),
            meta: Meta::default(),
            pages: vec![Page { number: 3, lines: lines.iter().map(|l| Line::body(*l)).collect() }],
            warnings: vec![],
            source_url: String::new(),
            sources: vec![],
            blocks_are_units: false,
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
    fn a_document_that_lost_its_capitals_still_ends_sentences_at_full_stops() {
        // As the PvdD 2012 text export: small capitals came out as small letters.
        let line = "de natuur is er slecht aan toe. nederland kiest o.a. voor groei. wij niet.";
        let lines = vec![line; MIN_SMALL_STARTS];
        let units = texts(&lines);
        assert_eq!(units[..3], ["de natuur is er slecht aan toe.", "nederland kiest o.a. voor groei.", "wij niet."]);
        assert_eq!(units.len(), 3 * MIN_SMALL_STARTS);
        // Too few small starts, or as many capitals as small ones: a small letter goes on.
        assert_eq!(texts(&[line]), [line]);
        let mixed = "Het is zo. en dat blijft. Ook dit. Maar dat.";
        assert_eq!(texts(&vec![mixed; MIN_SMALL_STARTS])[0], "Het is zo. en dat blijft.");
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
    fn inline_bullets_are_items() {
        assert_eq!(
            texts(&["Met analyses • Verbinding en vertrouwen • Respect"]),
            ["Met analyses", "Verbinding en vertrouwen", "Respect"]
        );
    }

    /// From the text exports of PVV 2023 (`›`), D66 2010 (`♦`) and CDA 2012 (`¡`, a Symbol-font
    /// bullet): items glued into one line, or into the sentence before them.
    #[test]
    fn other_bullet_glyphs_start_items_inside_a_line() {
        assert_eq!(
            texts(&["Het koopkrachtpakket: ›Verlaging BTW op boodschappen ›Verlagen sociale huren"]),
            ["Het koopkrachtpakket:", "Verlaging BTW op boodschappen", "Verlagen sociale huren"]
        );
        assert_eq!(
            texts(&["D66 wil één arbeidsrecht voor alle werknemers. ♦ Kortere maar hogere WW."]),
            ["D66 wil één arbeidsrecht voor alle werknemers.", "Kortere maar hogere WW."]
        );
        assert_eq!(
            texts(&["We ondersteunen gezinnen ¡ Vaste kinderbijslag voor iedereen ¡ Terugkeer van de Zilvervloot"]),
            ["We ondersteunen gezinnen", "Vaste kinderbijslag voor iedereen", "Terugkeer van de Zilvervloot"]
        );
    }

    /// Glyphs inside words, before numbers in prose or without a word after them stay text.
    #[test]
    fn bullet_glyphs_inside_text_stay_text() {
        assert_eq!(texts(&["D66■ P3 staat hier."]), ["D66■ P3 staat hier."]);
        assert_eq!(texts(&["Een lijst • "]), ["Een lijst •"]);
    }

    /// From the D66 2025 programme, pp. 8-9: a sentence that a page break cuts is one unit, on the
    /// page where it starts; the next sentence of that page keeps its own page.
    #[test]
    fn a_sentence_cut_by_a_page_break_is_one_unit_on_its_first_page() {
        let page = |number: u32, lines: &[&str]| Page { number, lines: lines.iter().map(|l| Line::body(*l)).collect() };
        let mut d = doc(&[]);
        d.pages = vec![
            page(8, &["In zo’n tijd is de democratie niet vanzelfsprekend.", "D66 wil de democratie beschermen én"]),
            page(9, &["vernieuwen. Zo krijgt iedereen de ruimte om mee te praten."]),
        ];
        // Headings from type size, as a PDF gives them: no heading is guessed from short lines.
        d.pages[0].lines.insert(0, Line::heading("Democratie"));
        let units: Vec<(u32, String)> = segment(&d).into_iter().map(|s| (s.page, s.text)).collect();
        assert_eq!(
            units,
            [
                (8, "Democratie".to_string()),
                (8, "In zo’n tijd is de democratie niet vanzelfsprekend.".to_string()),
                (8, "D66 wil de democratie beschermen én vernieuwen.".to_string()),
                (9, "Zo krijgt iedereen de ruimte om mee te praten.".to_string()),
            ]
        );
    }

    /// A paragraph break before a small letter joins too (a column break); a hyphenated word is
    /// whole again. Not joined: after end punctuation, before a capital, a list item or a heading.
    #[test]
    fn a_paragraph_break_inside_a_sentence_joins_only_where_the_sentence_goes_on() {
        assert_eq!(
            texts(&["Wie rechtszaken aan-", "", "spannen, vertragen de bouw."]),
            ["Wie rechtszaken aanspannen, vertragen de bouw."]
        );
        assert_eq!(
            texts(&["Wij willen meer groen.", "", "en minder stenen."]),
            ["Wij willen meer groen.", "en minder stenen."]
        );
        assert_eq!(
            texts(&["Wij willen meer groen", "", "Minder stenen."]),
            ["Wij willen meer groen", "Minder stenen."]
        );
        assert_eq!(texts(&["Wij willen", "", "• een wijkbudget"]), ["Wij willen", "een wijkbudget"]);
    }

    /// From the ChristenUnie 2025 programme: headings set over two lines.
    #[test]
    fn a_heading_wrapped_over_two_lines_is_one_unit() {
        let page = |lines: &[(&str, bool)]| Page {
            number: 1,
            lines: lines.iter().map(|(t, h)| if *h { Line::heading(*t) } else { Line::body(*t) }).collect(),
        };
        let heads =
            |p: Page| -> Vec<String> { blocks(&p, false).into_iter().filter(|b| b.heading).map(|b| b.text).collect() };
        let p = page(&[
            ("Energiecoöperaties en lokale", true),
            ("initiatieven", true),
            ("Waar mogelijk willen we toe naar een lokaal energiesysteem.", false),
            ("Ruimte en erkenning voor kerken en", true),
            ("ontmoeting", true),
            ("Kerken zijn partners.", false),
        ]);
        assert_eq!(
            heads(p),
            ["Energiecoöperaties en lokale initiatieven", "Ruimte en erkenning voor kerken en ontmoeting"]
        );
        let p = page(&[("Hoofdstuk 3", true), ("Wonen", true), ("Zorg.", true), ("welzijn", true), ("Werk", true)]);
        assert_eq!(heads(p), ["Hoofdstuk 3", "Wonen", "Zorg.", "welzijn", "Werk"]);
    }

    #[test]
    fn other_bullet_glyphs_start_lines() {
        let t = texts(&["Wij willen:", "›Verlaging BTW", "‣ Een bindend referendum", "¡ Vaste kinderbijslag"]);
        assert_eq!(t, ["Wij willen:", "Verlaging BTW", "Een bindend referendum", "Vaste kinderbijslag"]);
    }

    /// From the PVV 2025 programme, p. 29: list items without full stops, one per line.
    #[test]
    fn unpunctuated_items_are_cut_where_a_line_ends_early() {
        let t = texts(&[
            "Handen af van onze geschiedenis, cultuur, identiteit, tradities en feesten; linkse haat tegen",
            "helden uit onze geschiedenis stoppen",
            "Excuses voor het slavernijverleden en de politionele acties intrekken",
            "Financiering van de NPO geheel stoppen",
        ]);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].ends_with("geschiedenis stoppen"));
    }

    #[test]
    fn sentences_know_their_line() {
        let mut d = doc(&["Eerste zin die doorloopt", "op de volgende regel. Tweede zin.", "", "Derde."]);
        for (l, n) in d.pages[0].lines.iter_mut().zip(1..) {
            l.number = n;
        }
        let lines: Vec<u32> = segment(&d).iter().map(|s| s.line).collect();
        assert_eq!(lines, [1, 2, 4]);
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
