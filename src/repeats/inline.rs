//! Running headers inside body lines: a text export that joins pages writes the header of
//! the next page into the middle of a sentence (`... een huis te kopen 7 Verkiezingsprogramma
//! 2021 -2025 - Ons nieuwe verhaalnauwelijks de mogelijkheid ...`). A header already known as
//! furniture, long enough not to be a phrase of the text itself, is cut wherever it stands,
//! with the page number beside it.

use std::borrow::Cow;
use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::segment::INLINE_BULLET_GLYPHS;

/// A header is cut inside a line only when it has at least this many words: shorter
/// repeated lines ("Ons verhaal") are phrases a sentence may use.
pub const MIN_INLINE_WORDS: usize = 4;

/// A header found beside page numbers ([`super::numbered`]) with at least this many words is
/// cut also where no page number stands beside it (`Het tekort aan Verkiezingsprogramma D66
/// 2023 – 2027 De digitale versie lees je op d66.nl/verkiezingsprogramma menskracht ...`).
pub const MIN_ANYWHERE_WORDS: usize = 6;

/// The most digits a page number beside an inline header has.
pub const MAX_PAGE_DIGITS: usize = 3;

/// The furniture headers of a document that are cut inside lines, as they are written (without
/// their page numbers, spaces collapsed), with one automaton that finds them all in a line.
pub struct Headers {
    texts: Vec<String>,
    /// Per text: cut wherever it stands, beside a page number or not.
    anywhere: Vec<bool>,
    matcher: Option<AhoCorasick>,
}

impl Headers {
    /// The headers of [`MIN_INLINE_WORDS`] words or more among `pieces` (candidate texts of the
    /// document with their furniture keys) whose key is furniture, and the `numbered` headers
    /// found beside page numbers ([`super::numbered::headers`]); a numbered header of
    /// [`MIN_ANYWHERE_WORDS`] words or more is cut wherever it stands. Where two start at one
    /// place the longer is cut.
    pub fn new<'a>(
        pieces: impl Iterator<Item = (&'a str, &'a str)>,
        furniture: &BTreeSet<String>,
        numbered: Vec<String>,
    ) -> Headers {
        let anywhere: BTreeSet<String> =
            numbered.iter().filter(|h| h.split(' ').count() >= MIN_ANYWHERE_WORDS).cloned().collect();
        let mut found: BTreeSet<String> = numbered.into_iter().collect();
        for (piece, key) in pieces {
            if !furniture.contains(key) {
                continue;
            }
            let text = written_form(piece);
            if text.split(' ').count() >= MIN_INLINE_WORDS && text.starts_with(char::is_uppercase) {
                found.insert(text);
            }
        }
        let texts: Vec<String> = found.into_iter().collect();
        let anywhere = texts.iter().map(|t| anywhere.contains(t)).collect();
        // Building fails only past the automaton's size limits; then nothing is cut inside lines.
        let matcher = (!texts.is_empty())
            .then(|| AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&texts).ok())
            .flatten();
        Headers { texts, anywhere, matcher }
    }

    /// No header to cut.
    #[cfg(test)]
    pub fn none() -> Headers {
        Headers { texts: Vec::new(), anywhere: Vec::new(), matcher: None }
    }

    /// The line with every inline header and its page number cut out (spaces collapsed), or
    /// `None` when it holds none. A header counts only where a page number stands right before
    /// or after it or the next word, number or bullet is glued to it (a long numbered header:
    /// anywhere, [`MIN_ANYWHERE_WORDS`]); and where it does not
    /// start inside a word, unless a page number follows it and a small letter comes before
    /// its capital (`referendum inVerkiezingsprogramma PVV 2010 - 2015 21Kiezen`). A `|`
    /// beside a cut header and its number goes with them.
    pub fn cut(&self, line: &str) -> Option<String> {
        let matcher = self.matcher.as_ref()?;
        let text = collapsed(line);
        let mut out = String::new();
        let mut kept_to = 0;
        for found in matcher.find_iter(text.as_ref()) {
            let (start, end) = (found.start(), found.end());
            if start < kept_to {
                continue;
            }
            let before = page_number_before(&text[kept_to..start]);
            let after = page_number_after(&text[end..]);
            let glued = text[end..].starts_with(|c: char| c.is_alphanumeric() || INLINE_BULLET_GLYPHS.contains(&c));
            let in_word = text[..start].ends_with(char::is_alphabetic)
                && !(after > 0
                    && text[..start].ends_with(char::is_lowercase)
                    && text[start..].starts_with(char::is_uppercase));
            if in_word || (before + after == 0 && !glued && !self.anywhere[found.pattern().as_usize()]) {
                // Neither beside a page number nor glued to the next word: it may be a menu
                // item or a title the text repeats.
                continue;
            }
            out.push_str(text[kept_to..start - before].trim_end_matches([' ', '|']));
            out.push(' ');
            kept_to = end + after;
            kept_to += text[kept_to..].len() - text[kept_to..].trim_start_matches([' ', '|']).len();
        }
        if kept_to == 0 {
            return None;
        }
        out.push_str(&text[kept_to..]);
        Some(collapse_spaces(&out))
    }

    /// True when `line` opens with a header and no page number follows it: the page number,
    /// if any, ended the line before.
    pub fn opens_without_number(&self, line: &str) -> bool {
        let text = collapsed(line);
        self.texts
            .iter()
            .any(|h| text.strip_prefix(h.as_str()).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit())))
    }
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

/// The line, trimmed, with its spaces collapsed to one, copied only when it has others.
pub(super) fn collapsed(line: &str) -> Cow<'_, str> {
    let t = line.trim();
    let single = !t.contains("  ") && !t.contains(|c: char| c.is_whitespace() && c != ' ');
    if single { Cow::Borrowed(t) } else { Cow::Owned(collapse_spaces(t)) }
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
/// `samenleving.6`, also glued to a word of small letters (`Vrijheid7`); not the digits of a
/// word in capitals (`CO2`).
fn page_number_before(before: &str) -> usize {
    let spaced = before.trim_end_matches([' ', '|']);
    let digits = spaced.bytes().rev().take_while(u8::is_ascii_digit).count();
    let rest = &spaced[..spaced.len() - digits];
    let glued_to_word = rest.chars().rev().take(3).all(char::is_lowercase) && rest.chars().count() >= 3;
    if (1..=MAX_PAGE_DIGITS).contains(&digits) && (!rest.ends_with(char::is_alphanumeric) || glued_to_word) {
        before.len() - rest.len()
    } else {
        0
    }
}

/// Bytes of a page number right after a header (`Ons nieuwe verhaal5 ...`); not of a section
/// or list number (`TELT2.4 Samenleving`, `2012 |1. De overheid`).
/// A space or `|` before the number (`VERKIEZINGSPROGRAMMA 2012 | 5De ...`) and after it goes too.
fn page_number_after(after: &str) -> usize {
    let spaced = after.trim_start_matches([' ', '|']);
    let digits = spaced.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &spaced[digits..];
    // `2.4 Samenleving` numbers a section, `1. De overheid` an item of a list.
    let section_or_item = matches!(rest.as_bytes(), [b'.' | b',', d, ..] if d.is_ascii_digit())
        || matches!(rest.as_bytes(), [b'.'] | [b'.', b' ', ..]);
    if digits == 0 || digits > MAX_PAGE_DIGITS || section_or_item {
        return 0;
    }
    after.len() - rest.trim_start_matches([' ', '|']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "verkiezingsprogramma ons nieuwe verhaal";

    fn headers_of(texts: &[&str]) -> Headers {
        let furniture: BTreeSet<String> = [KEY.to_string()].into();
        let key = |t: &str| if t.contains("nieuwe verhaal") { KEY } else { "" };
        Headers::new(texts.iter().map(|t| (*t, key(t))), &furniture, Vec::new())
    }

    #[test]
    fn a_known_header_is_cut_with_its_page_number_wherever_it_stands() {
        let headers = headers_of(&["Verkiezingsprogramma 2021 -2025  -  Ons nieuwe verhaal5", "Wij bouwen."]);
        assert_eq!(headers.texts, ["Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"]);
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
            ("Vrijheid7Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal", "Vrijheid"),
            (
                "het referendum inVerkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal 21Kiezen",
                "het referendum in Kiezen",
            ),
            ("bedrijven| Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal | 7De overheid", "bedrijven De overheid"),
            ("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal2.4 Samenleving", "2.4 Samenleving"),
            (
                "Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal• Recht op een buurthuis.",
                "• Recht op een buurthuis.",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(headers.cut(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn a_long_numbered_header_is_cut_also_without_a_page_number_beside_it() {
        let long = "Verkiezingsprogramma D66 2023 – 2027 De digitale versie lees je op d66.nl";
        let short = "Tweede Kamerverkiezingen 2023";
        let headers = Headers::new(std::iter::empty(), &BTreeSet::new(), vec![long.to_string(), short.to_string()]);
        let line = format!("Het tekort aan {long} menskracht is groot.");
        assert_eq!(headers.cut(&line).as_deref(), Some("Het tekort aan menskracht is groot."));
        assert_eq!(headers.cut(&format!("Dat zijn de {short} van oktober.")), None);
    }

    #[test]
    fn the_page_number_ending_the_line_before_a_bare_header_goes_with_it() {
        let headers = headers_of(&["Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"]);
        assert!(headers.opens_without_number("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaalgemeenten"));
        assert!(!headers.opens_without_number("Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal7 Wij"));
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
        assert_eq!(headers.texts.len(), 1);
        assert_eq!(written_form("12 CHRISTENUNIE PROGRAMMA  2021-2025"), "CHRISTENUNIE PROGRAMMA 2021-2025");
        assert_eq!(written_form("Ons verhaal 9"), "Ons verhaal");
        assert_eq!(headers.cut("HetVerkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"), None);
        assert_eq!(headers.cut("Ons nieuwe verhaal begint hier."), None);
        let menu = "Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal | Thema's";
        assert_eq!(headers.cut(menu), None, "no page number beside it");
        assert_eq!(Headers::none().cut("Wij bouwen."), None);
    }
}
