//! Clean-up of text inputs, line by line: source lines (`Bron:`), scraper headers, margin line
//! numbers and words glued at a full stop. Works on [`Line`]s, so it applies to any text kind.

use crate::model::{Line, Page};

/// A run of consecutive numbers is a margin numbering when it has at least this many members.
const MIN_MARGIN_RUN: usize = 5;
/// Most words between two consecutive margin numbers.
const MAX_MARGIN_GAP: usize = 40;

/// Where a programme's text came from: the line of a `Bron:` or `Source:` line and its address.
pub type SourceMark = (u32, String);

/// Cleans the pages of a text input in place and returns the source lines it took out.
pub fn clean_text_pages(pages: &mut [Page]) -> Vec<SourceMark> {
    let mut sources = Vec::new();
    for page in pages.iter_mut() {
        sources.extend(take_sources(&mut page.lines));
        blank_scraper_headers(&mut page.lines);
        drop_margin_numbers(&mut page.lines);
        for line in &mut page.lines {
            if may_be_glued(&line.text) {
                line.text = unglue_full_stops(&line.text);
            }
            if let Some(rest) = after_glyph_name_bullet(&line.text) {
                line.text = format!("• {rest}");
            }
        }
    }
    sources
}

/// The address on a `Bron: https://...` or `Source: https://...` line, if it is one.
pub fn source_address(text: &str) -> Option<&str> {
    let t = text.trim();
    let (label, rest) = t.split_once(':')?;
    if !matches!(label.trim().to_lowercase().as_str(), "bron" | "source") {
        return None;
    }
    let url = rest.trim();
    let is_url = (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace);
    is_url.then_some(url)
}

/// Blanks source lines (they are not programme text) and returns their line numbers and addresses.
fn take_sources(lines: &mut [Line]) -> Vec<SourceMark> {
    let mut out = Vec::new();
    for line in lines.iter_mut() {
        if let Some(url) = source_address(&line.text) {
            out.push((line.number, url.to_string()));
            line.text.clear();
        }
    }
    out
}

/// PDF glyph names of bullet shapes that some PDF-to-text conversions write instead of the
/// character (`/square4 Het klassieke huwelijk ...`).
const BULLET_GLYPHS: [&str; 6] = ["square", "bullet", "circle", "triangle", "checkbox", "H11001"];

/// The text after a bullet written as a glyph name at the start of a line (`/square4 text`).
fn after_glyph_name_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start().strip_prefix('/')?;
    let (name, rest) = t.split_once(char::is_whitespace)?;
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let known = BULLET_GLYPHS.iter().any(|g| stem.eq_ignore_ascii_case(g) || stem.starts_with(g));
    (known && name.is_ascii()).then(|| rest.trim_start())
}

/// Blanks the header lines a web scraper writes (`# Gescraped op: ...`, `# Aantal pagina's: 8`).
fn blank_scraper_headers(lines: &mut [Line]) {
    for line in lines.iter_mut() {
        let bare = line.text.trim_start_matches(['#', ' ']);
        // Folding keeps a leading ASCII character (lower-cased) in front: no need to fold a line
        // that starts with another letter than the headers.
        if bare.chars().next().is_none_or(|c| c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'g' | 'a' | 's')) {
            continue;
        }
        let t = crate::text::fold(bare);
        if ["gescraped op:", "aantal pagina's:", "scraped on:"].iter().any(|p| t.starts_with(p)) {
            line.text.clear();
        }
    }
}

/// Inserts the missing space where a sentence ends glued to the next (`bewoners.Stop` becomes
/// `bewoners. Stop`): a word of two or more lower-case letters, a full stop, then a capitalised word.
pub fn unglue_full_stops(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if c == '.' && glued_at(&chars, i) {
            out.push(' ');
        }
    }
    out
}

/// Whether [`unglue_full_stops`] may change `text`: a full stop directly before a capital.
fn may_be_glued(text: &str) -> bool {
    text.match_indices('.').any(|(i, _)| text[i + 1..].chars().next().is_some_and(char::is_uppercase))
}

fn glued_at(chars: &[char], dot: usize) -> bool {
    let before = dot >= 2 && chars[dot - 1].is_lowercase() && chars[dot - 2].is_lowercase();
    let after =
        chars.get(dot + 1).is_some_and(|c| c.is_uppercase()) && chars.get(dot + 2).is_some_and(|c| c.is_lowercase());
    // `www.Heiloo.nl` and `e.Mail` are no sentence ends: the word before must not hold a dot.
    let word_start = chars[..dot].iter().rposition(|c| c.is_whitespace()).map_or(0, |p| p + 1);
    before && after && !chars[word_start..dot].contains(&'.')
}

/// A number standing alone between the words of a page.
#[derive(Debug, Clone, Copy)]
struct Number {
    /// Position among the page's words.
    word: usize,
    line: usize,
    start: usize,
    end: usize,
    value: u32,
}

/// Removes margin line numbers: runs of at least [`MIN_MARGIN_RUN`] numbers that go up by one,
/// each within [`MAX_MARGIN_GAP`] words of the last (`... mee 19 te wegen ... 20 ...`).
pub fn drop_margin_numbers(lines: &mut [Line]) {
    let numbers = standalone_numbers(lines);
    let mut open: Vec<Vec<Number>> = Vec::new();
    let mut runs: Vec<Vec<Number>> = Vec::new();
    for n in numbers {
        let (stale, live): (Vec<_>, Vec<_>) =
            open.into_iter().partition(|r| r.last().is_some_and(|l| n.word - l.word > MAX_MARGIN_GAP));
        runs.extend(stale);
        open = live;
        match open.iter_mut().find(|r| r.last().is_some_and(|l| l.value + 1 == n.value)) {
            Some(run) => run.push(n),
            None => open.push(vec![n]),
        }
    }
    runs.extend(open);
    let mut cuts: Vec<Number> = runs.into_iter().filter(|r| r.len() >= MIN_MARGIN_RUN).flatten().collect();
    cuts.sort_by_key(|n| (n.line, n.start));
    // The cuts of one line at a time, in order: the lines are walked once.
    for here in cuts.chunk_by(|a, b| a.line == b.line) {
        let line = &mut lines[here[0].line];
        let mut kept = String::with_capacity(line.text.len());
        let mut from = 0;
        for n in here {
            kept.push_str(&line.text[from..n.start]);
            from = n.end;
        }
        kept.push_str(&line.text[from..]);
        line.text = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    }
}

/// Numbers of one to four digits that stand alone, in reading order; counts words across lines.
fn standalone_numbers(lines: &[Line]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut word = 0;
    for (li, line) in lines.iter().enumerate() {
        let text = &line.text;
        for token in text.split_whitespace() {
            // Where the token stands in the line.
            let start = token.as_ptr().addr() - text.as_ptr().addr();
            let pos = start + token.len();
            word += 1;
            if token.len() <= 4 && token.bytes().all(|b| b.is_ascii_digit()) {
                let value = token.parse().unwrap_or(0);
                out.push(Number { word, line: li, start, end: pos, value });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts.iter().zip(1..).map(|(t, n)| Line { number: n, ..Line::body(*t) }).collect()
    }

    #[test]
    fn source_lines_are_read_and_blanked() {
        let mut ls = lines(&["Bron: https://d66.nl/heiloo/", "Tekst.", "Source:  http://x.org/a "]);
        let got = take_sources(&mut ls);
        assert_eq!(got, [(1, "https://d66.nl/heiloo/".to_string()), (3, "http://x.org/a".to_string())]);
        assert_eq!(ls[0].text, "");
        assert_eq!(ls[1].text, "Tekst.");
        assert_eq!(source_address("Bron: het CBS"), None);
    }

    #[test]
    fn text_without_a_stop_before_a_capital_is_never_unglued() {
        for text in ["geen punt hier", "punt. Spatie", "o.a. iets", "eind.", "", "x.é", "bewoners.Stop", "a.Éa"] {
            if !may_be_glued(text) {
                assert_eq!(unglue_full_stops(text), text, "{text}");
            }
        }
        assert!(may_be_glued("bewoners.Stop") && may_be_glued("a.Éa"));
    }

    #[test]
    fn scraper_headers_are_blanked_whatever_their_case_or_accents() {
        let mut ls =
            lines(&["# Gescraped op: 2025-01-01", "ÁANTAL PAGINA'S: 8", "Scraped on: x", "Gewoon tekst", "é", ""]);
        blank_scraper_headers(&mut ls);
        let got: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["", "", "", "Gewoon tekst", "é", ""]);
    }

    #[test]
    fn glued_full_stops_get_a_space() {
        assert_eq!(
            unglue_full_stops("voor al haar bewoners.Stop de opwarming"),
            "voor al haar bewoners. Stop de opwarming"
        );
        assert_eq!(unglue_full_stops("zie www.heiloo.Nl en o.a.De"), "zie www.heiloo.Nl en o.a.De");
        assert_eq!(unglue_full_stops("2021-2025.CDA"), "2021-2025.CDA");
    }

    #[test]
    fn margin_numbers_are_dropped_but_other_numbers_stay() {
        let mut ls = lines(&[
            "Een tijd van een rondwarend 3 dodelijk virus, spanningen 4 door terroristen en 5 zich heen kijkt,",
            "ziet wankelende zekerheden in 6 bange vragen over 2 jaar 7 en meer 8 Wantrouwen regeert",
        ]);
        drop_margin_numbers(&mut ls);
        assert_eq!(
            ls[0].text,
            "Een tijd van een rondwarend dodelijk virus, spanningen door terroristen en zich heen kijkt,"
        );
        assert_eq!(ls[1].text, "ziet wankelende zekerheden in bange vragen over 2 jaar en meer Wantrouwen regeert");
    }

    #[test]
    fn a_short_count_is_no_margin_numbering() {
        let mut ls = lines(&["We bouwen 1 2 3 huizen en 4 scholen."]);
        drop_margin_numbers(&mut ls);
        assert_eq!(ls[0].text, "We bouwen 1 2 3 huizen en 4 scholen.");
    }

    #[test]
    fn glyph_name_bullets_become_bullets() {
        assert_eq!(after_glyph_name_bullet("/square4 Het klassieke huwelijk"), Some("Het klassieke huwelijk"));
        assert_eq!(after_glyph_name_bullet("  /bullet Meer groen"), Some("Meer groen"));
        assert_eq!(after_glyph_name_bullet("/milieu is belangrijk"), None);
        assert_eq!(after_glyph_name_bullet("en/of iets"), None);
    }
}
