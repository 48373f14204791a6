//! Running headers inside body lines: a text export that joins pages writes the header of
//! the next page into the middle of a sentence (`... een huis te kopen 7 Verkiezingsprogramma
//! 2021 -2025 - Ons nieuwe verhaalnauwelijks de mogelijkheid ...`). A header already known as
//! furniture, long enough not to be a phrase of the text itself, is cut wherever it stands,
//! with the page number beside it.

use std::collections::BTreeSet;

use crate::model::Page;

/// A header is cut inside a line only when it has at least this many words: shorter
/// repeated lines ("Ons verhaal") are phrases a sentence may use.
pub const MIN_INLINE_WORDS: usize = 4;

/// The most digits a page number beside an inline header has.
const MAX_PAGE_DIGITS: usize = 3;

/// The furniture headers of [`MIN_INLINE_WORDS`] words or more as they are written (without
/// their page numbers, spaces collapsed), longest first so a header is cut before a header it
/// contains. `pieces` gives every candidate text of the document with its furniture key.
pub fn headers<'a>(pieces: impl Iterator<Item = (&'a str, String)>, furniture: &BTreeSet<String>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for (piece, key) in pieces {
        if !furniture.contains(&key) {
            continue;
        }
        let text = written_form(piece);
        if text.split(' ').count() >= MIN_INLINE_WORDS && text.starts_with(char::is_uppercase) {
            found.insert(text);
        }
    }
    let mut headers: Vec<String> = found.into_iter().collect();
    headers.sort_by_key(|h| std::cmp::Reverse(h.len()));
    headers
}

/// A piece without leading and trailing page numbers, its spaces collapsed to one. A number of
/// more digits is a year of the header (`VERKIEZINGSPROGRAMMA 2021-2025`) and stays.
fn written_form(piece: &str) -> String {
    let mut bare = piece.trim();
    let tail = bare.bytes().rev().take_while(u8::is_ascii_digit).count();
    if tail <= MAX_PAGE_DIGITS {
        bare = &bare[..bare.len() - tail];
    }
    let head = bare.bytes().take_while(u8::is_ascii_digit).count();
    if head <= MAX_PAGE_DIGITS {
        bare = &bare[head..];
    }
    collapse_spaces(bare)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line with every inline header and its page number cut out (spaces collapsed), or `None`
/// when it holds none. A header counts only where it does not start inside a word, and where a
/// page number stands right before or after it or the next word or number is glued to it.
pub fn cut(line: &str, headers: &[String]) -> Option<String> {
    if headers.is_empty() {
        return None;
    }
    let mut text = collapse_spaces(line);
    let mut changed = false;
    for header in headers {
        let mut from = 0;
        while let Some(found) = text[from..].find(header.as_str()) {
            let start = from + found;
            let end = start + header.len();
            if text[..start].ends_with(char::is_alphabetic) {
                from = end;
                continue;
            }
            let (before, after) = (page_number_before(&text[..start]), page_number_after(&text[end..]));
            let glued = text[end..].starts_with(char::is_alphanumeric);
            if before + after == 0 && !glued {
                // Neither beside a page number nor glued to the next word: it may be a menu
                // item or a title the text repeats.
                from = end;
                continue;
            }
            text.replace_range(start - before..end + after, " ");
            changed = true;
            from = start - before;
        }
    }
    changed.then(|| collapse_spaces(&text))
}

/// True when `line` opens with one of `headers` and no page number follows it: the page
/// number, if any, ended the line before.
pub fn opens_without_number(line: &str, headers: &[String]) -> bool {
    let text = collapse_spaces(line);
    headers
        .iter()
        .any(|h| text.strip_prefix(h.as_str()).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit())))
}

/// Cuts a page number of one to [`MAX_PAGE_DIGITS`] digits after a space from the end of `line`.
pub fn drop_trailing_page_number(line: &mut String) {
    let text = line.trim_end();
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    let rest = &text[..text.len() - digits];
    if (1..=MAX_PAGE_DIGITS).contains(&digits) && rest.ends_with(' ') {
        let keep = rest.trim_end().len();
        line.truncate(keep);
    }
}

/// Bytes of a page number (and the space after it) that end `before`: `... slachtoffer 8 `,
/// `samenleving.6`; not the digits of a word (`CO2`).
fn page_number_before(before: &str) -> usize {
    let spaced = before.strip_suffix(' ').unwrap_or(before);
    let digits = spaced.bytes().rev().take_while(u8::is_ascii_digit).count();
    let rest = &spaced[..spaced.len() - digits];
    if (1..=MAX_PAGE_DIGITS).contains(&digits) && !rest.ends_with(char::is_alphanumeric) {
        before.len() - rest.len()
    } else {
        0
    }
}

/// Bytes of a page number right after a header (`Ons nieuwe verhaal5 ...`); not of a section
/// number (`TELT2.4 Samenleving`).
fn page_number_after(after: &str) -> usize {
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &after.as_bytes()[digits..];
    let section_number = matches!(rest, [b'.' | b',', d, ..] if d.is_ascii_digit());
    if digits <= MAX_PAGE_DIGITS && !section_number { digits } else { 0 }
}

/// Every candidate piece of every line of `pages`, for [`headers`].
pub fn pieces_of<'a>(pages: &'a [Page], mut pieces: impl FnMut(&'a str) -> Vec<&'a str>) -> Vec<&'a str> {
    pages.iter().flat_map(|p| &p.lines).flat_map(|l| pieces(l.text.trim())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers_of(texts: &[&str]) -> Vec<String> {
        let furniture: BTreeSet<String> = ["verkiezingsprogramma ons nieuwe verhaal".to_string()].into();
        let key =
            |t: &str| if t.contains("nieuwe verhaal") { furniture.first().cloned().unwrap() } else { String::new() };
        headers(texts.iter().map(|t| (*t, key(t))), &furniture)
    }

    #[test]
    fn a_known_header_is_cut_with_its_page_number_wherever_it_stands() {
        let headers = headers_of(&["Verkiezingsprogramma 2021 -2025  -  Ons nieuwe verhaal5", "Wij bouwen."]);
        assert_eq!(headers, ["Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"]);
        let cases = [
            (
                "En het is niet eerlijk als je een huis 7 Verkiezingsprogramma 2021 -2025  -  Ons nieuwe verhaalnauwelijks kunt kopen.",
                "En het is niet eerlijk als je een huis nauwelijks kunt kopen.",
            ),
            (
                "onze samenleving.6 Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaalWaar staan we voor?",
                "onze samenleving. Waar staan we voor?",
            ),
            (
                "Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal5 Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaalWe moeten nadenken.",
                "We moeten nadenken.",
            ),
            ("In CO2 Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal12", "In CO2"),
            ("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal2.4 Samenleving", "2.4 Samenleving"),
        ];
        for (line, want) in cases {
            assert_eq!(cut(line, &headers).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn the_page_number_ending_the_line_before_a_bare_header_goes_with_it() {
        let headers = headers_of(&["Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"]);
        assert!(opens_without_number("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaalgemeenten", &headers));
        assert!(!opens_without_number("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal7 Wij", &headers));
        for (line, want) in
            [("Wij willen dat 40", "Wij willen dat"), ("In 2030", "In 2030"), ("Artikel12", "Artikel12")]
        {
            let mut line = line.to_string();
            drop_trailing_page_number(&mut line);
            assert_eq!(line, want);
        }
    }

    #[test]
    fn a_header_inside_a_word_or_a_short_one_stays() {
        let headers = headers_of(&["Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal", "Ons nieuwe verhaal"]);
        assert_eq!(headers.len(), 1);
        assert_eq!(written_form("12 CHRISTENUNIE PROGRAMMA  2021-2025"), "CHRISTENUNIE PROGRAMMA 2021-2025");
        assert_eq!(written_form("Ons verhaal 9"), "Ons verhaal");
        assert_eq!(cut("HetVerkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal", &headers), None);
        assert_eq!(cut("Ons nieuwe verhaal begint hier.", &headers), None);
        let menu = "Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal | Thema's";
        assert_eq!(cut(menu, &headers), None, "no page number beside it");
        assert_eq!(cut("Wij bouwen.", &[]), None);
    }
}
