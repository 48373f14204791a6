//! Tables of contents without dot leaders: a run of short lines on one page, each a title
//! followed by a page number, the numbers rising (`Wonen 10`, `Veiligheid 11`, `Welzijn 12`).
//! Such lines name chapters; they are not programme text and are never coded (codebook: "table
//! of contents"), but without leaders nothing else tells them from a short heading.

use std::collections::BTreeSet;

use crate::model::Page;

/// A contents list has at least this many entries in a row (a heading that ends in a year or
/// a number, `Wonen in 2030`, stands alone).
pub const MIN_ENTRIES: usize = 4;

/// An entry is at most this many words, its page number included (as a running header).
const MAX_ENTRY_WORDS: usize = super::MAX_FURNITURE_WORDS;

/// At most this many title lines without a page number stand between two entries of one run
/// (a part title, `Meer inspraak op elk niveau`, or a title wrapped onto two lines).
const MAX_GAP: usize = 2;

/// The (page index, line index) of every line in a contents run: [`MIN_ENTRIES`] or more
/// entries on one page with page numbers that never go down, with blank lines and up to
/// [`MAX_GAP`] title lines between two entries.
pub fn lines(pages: &[Page]) -> BTreeSet<(usize, usize)> {
    let mut found = BTreeSet::new();
    for (p, page) in pages.iter().enumerate() {
        let mut run = Run::default();
        for (l, line) in page.lines.iter().enumerate() {
            if line.text.trim().is_empty() {
                continue;
            }
            match entry_number(&line.text) {
                Some(n) if run.entries == 0 || n >= run.last => run.add_entry(l, n),
                Some(n) => {
                    run.close(p, &mut found);
                    run.add_entry(l, n);
                }
                None if run.entries > 0 && run.gap.len() < MAX_GAP && super::candidate(&line.text) => run.gap.push(l),
                None => run.close(p, &mut found),
            }
        }
        run.close(p, &mut found);
    }
    found
}

/// Contents entries seen so far on a page, and the title lines after the last of them.
#[derive(Default)]
struct Run {
    lines: Vec<usize>,
    gap: Vec<usize>,
    entries: usize,
    last: u32,
}

impl Run {
    /// Adds an entry with page number `number` at line `line`, and the title lines before it.
    fn add_entry(&mut self, line: usize, number: u32) {
        self.lines.append(&mut self.gap);
        self.lines.push(line);
        self.entries += 1;
        self.last = number;
    }

    /// Adds the run's lines to `found` when it has [`MIN_ENTRIES`] entries or more (title lines
    /// after its last entry are not part of it), and starts a new run.
    fn close(&mut self, page: usize, found: &mut BTreeSet<(usize, usize)>) {
        if self.entries >= MIN_ENTRIES {
            found.extend(self.lines.iter().map(|&l| (page, l)));
        }
        *self = Run::default();
    }
}

/// The page number of a contents entry: a short line that opens with a capital or a digit,
/// has a word of letters, and ends in a page number ([`super::is_page_number`]) after
/// a word that does not end a sentence.
fn entry_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let (title, number) = t.rsplit_once(char::is_whitespace)?;
    let title = title.trim_end();
    let digits_only = super::is_page_number(number);
    let opens = title.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let short = title.split_whitespace().count() < MAX_ENTRY_WORDS;
    let has_letters = title.split_whitespace().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let ends_sentence = title.ends_with(['.', '!', '?', ',', ';', ':']);
    (digits_only && opens && short && has_letters && !ends_sentence).then(|| number.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Line;

    fn page(lines: &[&str]) -> Page {
        Page { number: 5, lines: lines.iter().map(|t| Line::body(*t)).collect() }
    }

    #[test]
    fn a_run_of_titles_with_rising_page_numbers_is_a_contents_list() {
        let pages = [page(&[
            "De thema’s van ons verkiezingsprogramma 6",
            "Gezondheidszorg 8",
            "",
            "Wonen 10",
            "Bestuurlijke vernieuwing en directe democratie 17",
            "Defensie & Internationale Veiligheid 20",
            "50PLUS staat voor een samenleving waarin iedereen mee kan doen.",
        ])];
        let found = lines(&pages);
        assert_eq!(found, [(0, 0), (0, 1), (0, 3), (0, 4), (0, 5)].into_iter().collect());
    }

    #[test]
    fn title_lines_between_entries_belong_to_the_run_but_not_after_it() {
        let pages = [page(&[
            "Klimaat 10",
            "Veiligheid 16",
            "Meer inspraak op elk niveau",
            "Lokaal 54",
            "Nationaal 55",
            "Wie we zijn",
            "Wij zijn Volt.",
        ])];
        let found = lines(&pages);
        assert_eq!(found, [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4)].into_iter().collect());
    }

    #[test]
    fn too_few_entries_falling_numbers_or_sentences_are_not() {
        let short = [page(&["Wonen 10", "Zorg 12", "Werk 14"])];
        assert!(lines(&short).is_empty());
        let falling = [page(&["Wonen 10", "Zorg 8", "Werk 6", "Klimaat 4"])];
        assert!(lines(&falling).is_empty());
        let sentences = [page(&["Er komen 10", "De wachttijd is nu 12.", "In 2030 wonen er 14", "Wij willen: 16"])];
        assert!(lines(&sentences).is_empty());
    }

    #[test]
    fn an_entry_needs_a_title_of_letters_and_a_short_number() {
        assert_eq!(entry_number("Immigratie en integratie 14"), Some(14));
        assert_eq!(entry_number("Wonen in 2030"), None);
        assert_eq!(entry_number("12 34"), None);
        assert_eq!(entry_number("we bouwen 10"), None);
    }
}
