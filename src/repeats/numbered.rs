//! Running headers found by the page numbers beside them. A text export that joins pages may
//! never give a header a line of its own (`... de kwetsbaren, 21VERSIE: 16.12.2022 VISIE EN
//! VERKIEZINGSPROGRAMMA 2023-2027We straffen niemand ...`), so it is never seen as a repeated
//! line. Text that follows (or precedes) [`MIN_PAGES`] or more different page numbers, a page
//! or more apart and rising through the document, is such a header.

use std::collections::BTreeSet;

use super::inline::{MAX_PAGE_DIGITS, collapsed};

/// A numbered header stands beside at least this many different page numbers.
pub const MIN_PAGES: usize = 3;

/// Page numbers of one header stand at least this many bytes of text apart (about half a
/// page), so numbered list items that open alike are not taken for a header.
const MIN_GAP: usize = 1000;

/// A running header stands beside at least this many different page numbers in all (notes
/// that open alike, `1 Zie voor meer informatie ...`, are fewer).
const MIN_HEADER_PAGES: usize = 4;

/// A running header's page numbers cover at least this share of the pages from its first to
/// its last (every other page, for headers of left or right pages, is 0.5).
const MIN_DENSITY: f64 = 0.4;

/// At most this many characters beside a page number are compared.
const CONTEXT_CHARS: usize = 160;

/// A numbered header has at least this many letters and two words.
const MIN_LETTERS: usize = 10;

/// Text beside one page number: `text` is what follows it, or what precedes it read
/// backwards; `at` is the number's byte offset in the document.
struct Anchor {
    number: u32,
    at: usize,
    text: Vec<char>,
}

/// The running headers of a document's lines that stand beside page numbers, as written
/// (spaces collapsed), each shared by [`MIN_PAGES`] or more pages, seen beside enough of the
/// document's page numbers ([`on_most_pages`]) and shaped like a title ([`well_formed`]).
pub fn headers<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut after = Vec::new();
    let mut before = Vec::new();
    let mut offset = 0;
    for line in lines {
        let text = collapsed(line);
        for (start, end, number) in page_numbers(&text) {
            let at = offset + start;
            if let Some(text) = context_after(&text[end..]) {
                after.push(Anchor { number, at, text });
            }
            if let Some(text) = context_before(&text[..start]) {
                before.push(Anchor { number, at, text });
            }
        }
        offset += text.len() + 1;
    }
    after.sort_by(|a, b| a.text.cmp(&b.text));
    before.sort_by(|a, b| a.text.cmp(&b.text));
    let mut found: Vec<String> = shared_openings(&after, false).iter().map(|h| h.iter().collect()).collect();
    found.extend(shared_openings(&before, true).iter().map(|h| h.iter().rev().collect::<String>()));
    found.retain(|h| well_formed(h) && on_most_pages(&after, &before, h));
    found.sort();
    found.dedup();
    found
}

/// Runs of one to [`MAX_PAGE_DIGITS`] digits that may be page numbers, with their byte span and
/// value: not part of a longer number, a date or a decimal (`16.12.2022`, `2,5`), and not a
/// list or section number (`3.`, `2)`, `1.2`) or a share (`40%`).
fn page_numbers(text: &str) -> Vec<(usize, usize, u32)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let joined_before = start >= 2 && b".,:/-".contains(&bytes[start - 1]) && bytes[start - 2].is_ascii_digit();
        let next = bytes.get(i).copied();
        let joined_after = next.is_some_and(|b| b".,:/-)%".contains(&b));
        if (1..=MAX_PAGE_DIGITS).contains(&(i - start))
            && !joined_before
            && !joined_after
            && let Ok(number) = text[start..i].parse::<u32>()
            && number > 0
        {
            found.push((start, i, number));
        }
    }
    found
}

/// The text after a page number, past spaces and `|` separators, when it opens with a capital.
fn context_after(rest: &str) -> Option<Vec<char>> {
    let rest = rest.trim_start_matches([' ', '|']);
    rest.starts_with(char::is_uppercase).then(|| rest.chars().take(CONTEXT_CHARS).collect())
}

/// The text before a page number, past spaces and `|` separators, read backwards.
fn context_before(head: &str) -> Option<Vec<char>> {
    let head = head.trim_end_matches([' ', '|']);
    (!head.is_empty()).then(|| head.chars().rev().take(CONTEXT_CHARS).collect())
}

/// The openings shared by [`MIN_PAGES`] anchors or more on different pages, each cut where a
/// header can end (see [`header_end`]); `anchors` are sorted by their text, read `backwards`
/// when it is what precedes the page numbers.
fn shared_openings(anchors: &[Anchor], backwards: bool) -> Vec<Vec<char>> {
    let mut found: BTreeSet<Vec<char>> = BTreeSet::new();
    for window in anchors.windows(MIN_PAGES) {
        if !on_different_pages(window) {
            continue;
        }
        let (first, last) = (&window[0].text, &window[MIN_PAGES - 1].text);
        let shared = first.iter().zip(last).take_while(|(a, b)| a == b).count();
        if shared == CONTEXT_CHARS {
            // Text this long that repeats is a repeated passage, not a header.
            continue;
        }
        let opening = &first[..header_end(window, shared, backwards)];
        if !opening.is_empty() && !found.contains(opening) {
            found.insert(opening.to_vec());
        }
    }
    drop_overshoots(found.into_iter().collect())
}

/// True when `header` stands beside [`MIN_HEADER_PAGES`] page numbers or more (before or
/// after it), and they cover at least [`MIN_DENSITY`] of the pages from the first to the last
/// of them: a running header stands on every page or every other page of its stretch;
/// numbered list items and notes that open alike are further apart.
fn on_most_pages(after: &[Anchor], before: &[Anchor], header: &str) -> bool {
    let forwards: Vec<char> = header.chars().collect();
    let backwards: Vec<char> = header.chars().rev().collect();
    let numbers: BTreeSet<u32> = (after.iter().filter(|a| a.text.starts_with(&forwards)))
        .chain(before.iter().filter(|a| a.text.starts_with(&backwards)))
        .map(|a| a.number)
        .collect();
    let (Some(first), Some(last)) = (numbers.first(), numbers.last()) else { return false };
    numbers.len() >= MIN_HEADER_PAGES && numbers.len() as f64 >= MIN_DENSITY * f64::from(last - first + 1)
}

/// True when the anchors' page numbers rise through the document, a page or more apart.
fn on_different_pages(window: &[Anchor]) -> bool {
    let mut by_place: Vec<&Anchor> = window.iter().collect();
    by_place.sort_by_key(|a| a.at);
    by_place.windows(2).all(|p| p[1].number > p[0].number && p[1].at >= p[0].at + MIN_GAP)
}

/// How much of the `shared` characters the window's anchors have in common makes a whole
/// header: all of them when each anchor's text past them starts anew ([`edge`]) and the small
/// letters glued on differ, else up to the last space where a header can end.
fn header_end(window: &[Anchor], shared: usize, backwards: bool) -> usize {
    let text = &window[0].text;
    let mut glued = Vec::new();
    let all_start_anew = window.iter().all(|a| match edge(&a.text, shared, backwards) {
        Edge::Clear => true,
        Edge::Glued(c) if !glued.contains(&c) => {
            glued.push(c);
            true
        }
        _ => false,
    });
    let end = if all_start_anew {
        shared
    } else {
        // Inside the shared text every anchor reads the same.
        (1..shared).rev().find(|&e| text[e] == ' ' && edge(text, e, backwards) == Edge::Clear).unwrap_or(0)
    };
    let kept = &text[..end];
    kept.len() - kept.iter().rev().take_while(|c| **c == ' ' || **c == '|').count()
}

/// What stands past a possible header's end in one anchor's text.
#[derive(Debug, PartialEq)]
enum Edge {
    /// Something new starts: nothing, a sign, a capital, or a space before a new sentence.
    Clear,
    /// A small letter glued to the header's last small letter: a word of the page's text, or
    /// the header's own next letter (told apart by comparing anchors).
    Glued(char),
    /// The header's words go on.
    No,
}

/// How the text after the first `end` characters of `text` starts. Read forwards (the header,
/// then the page): a sign, a capital after a small letter or digit, or a space before a
/// capital, sign or digit is clear. Read `backwards` (the header's capital first, then what was
/// written before it): a sign, a small letter glued on, or a space after the end of a sentence
/// is clear.
fn edge(text: &[char], end: usize, backwards: bool) -> Edge {
    let Some(&last) = end.checked_sub(1).and_then(|i| text.get(i)) else { return Edge::No };
    let (Some(&next), after_next) = (text.get(end), text.get(end + 1).copied()) else { return Edge::Clear };
    let clear = |yes: bool| if yes { Edge::Clear } else { Edge::No };
    if backwards {
        if !last.is_uppercase() {
            return Edge::No;
        }
        return match next {
            ' ' => clear(after_next.is_none_or(|c| ".!?:;)”\"'|".contains(c))),
            c => clear(c.is_lowercase() || !c.is_alphanumeric()),
        };
    }
    match next {
        ' ' => clear(after_next.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())),
        c if !c.is_alphanumeric() => Edge::Clear,
        c if c.is_lowercase() && last.is_lowercase() => Edge::Glued(c),
        c => clear(c.is_uppercase() && !last.is_uppercase()),
    }
}

/// Openings that go on from a shorter opening found too without a space (`... verhaalde` or
/// `... verkiezingsprogramma• De` beside `... verhaal` and `... verkiezingsprogramma`) hold
/// the first letters of the page's text, not the header's.
fn drop_overshoots(found: Vec<Vec<char>>) -> Vec<Vec<char>> {
    let overshoot = |long: &Vec<char>| {
        found.iter().any(|short| short.len() < long.len() && long.starts_with(short) && long[short.len()] != ' ')
    };
    found.iter().filter(|f| !overshoot(f)).cloned().collect()
}

/// Words a title does not end with: a text that stops at one (`We willen een`) is the
/// shared opening of sentences, not a header.
const OPEN_ENDS: &[&str] = &[
    "aan", "bij", "dat", "de", "die", "een", "en", "het", "in", "is", "met", "naar", "of", "om", "op", "te", "tot",
    "van", "voor", "we", "wij", "zijn",
];

/// A header opens with a capital, has two words or more with [`MIN_LETTERS`] letters, and
/// does not end in one of the [`OPEN_ENDS`].
fn well_formed(header: &str) -> bool {
    let last = header.rsplit(' ').next().unwrap_or("").to_lowercase();
    header.starts_with(char::is_uppercase)
        && header.split(' ').count() >= 2
        && header.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS
        && !OPEN_ENDS.contains(&last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pages` pages of filler, each opening with `header` glued to page number n as `glue` puts it.
    fn document<S: AsRef<str>>(pages: &[S]) -> Vec<String> {
        let filler = "Wij willen dat de gemeente meer ruimte geeft aan inwoners en hun plannen. ".repeat(20);
        pages.iter().map(|p| format!("{filler}{}", p.as_ref())).collect()
    }

    fn found(lines: &[String]) -> Vec<String> {
        headers(lines.iter().map(String::as_str))
    }

    /// Five pages: each glues `(page number, text of the page)` into `header` as `page` puts it.
    fn pages(page: impl Fn(u32, &str) -> String) -> Vec<String> {
        let starts = ["We straffen niemand.", "“Loop mee.", "Deze manier.", "• Boeren.", "Daarom."];
        document(&starts.iter().zip(21..).map(|(start, n)| page(n, start)).collect::<Vec<_>>())
    }

    #[test]
    fn a_header_after_rising_page_numbers_is_found_up_to_the_glued_text() {
        let lines = pages(|n, start| {
            format!("de kwetsbaren, {n}VERSIE: 16.12.2022 VISIE EN VERKIEZINGSPROGRAMMA 2023-2027{start}")
        });
        assert_eq!(found(&lines), ["VERSIE: 16.12.2022 VISIE EN VERKIEZINGSPROGRAMMA 2023-2027"]);
    }

    #[test]
    fn a_header_before_its_page_number_is_found_from_where_it_was_glued_on() {
        let before = ["het bindend referendum in", "en dat is goed. ", "zo is het.", "en dus", "slot."];
        let lines = pages(|n, start| {
            format!("{}Verkiezingsprogramma PVV 2010 - 2015 I De agenda {n}{start}", before[n as usize - 21])
        });
        assert_eq!(found(&lines), ["Verkiezingsprogramma PVV 2010 - 2015 I De agenda"]);
    }

    #[test]
    fn a_chapter_title_after_a_fixed_header_is_found_per_chapter_without_the_glued_letters() {
        let glued = ["van de", "nauwelijks de", "daarom", "door", "en"];
        let mut lines = pages(|n, _| {
            format!("slachtoffer {n} Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal{}", glued[n as usize - 21])
        });
        lines.push("opleiding.31 Verkiezingsprogramma 2021 -2025 - Onderwijs en Vrijheid ▶Bekostiging".to_string());
        assert_eq!(
            found(&lines),
            ["Verkiezingsprogramma 2021 -2025 -", "Verkiezingsprogramma 2021 -2025 - Ons nieuwe verhaal"]
        );
    }

    #[test]
    fn numbered_list_items_notes_and_numbers_close_together_are_not_headers() {
        let item = "Wij willen dat de gemeente Nederland";
        // Items a few lines apart that open alike.
        let list: Vec<String> = (1..=9).map(|n| format!("{n} {item} luistert.")).collect();
        assert!(found(&list).is_empty());
        // Far apart, but numbered down, with the same number, or few and far between.
        let down: Vec<String> = (1..=9).rev().map(|n| format!("{n} {item}")).collect();
        assert!(found(&document(&down)).is_empty());
        let same = vec![format!("in 3 {item}"); 9];
        assert!(found(&document(&same)).is_empty());
        let sparse: Vec<String> = [2, 9, 17, 30, 41, 55].iter().map(|n| format!("{n} {item}")).collect();
        assert!(found(&document(&sparse)).is_empty());
        // Rising and dense enough, but the shared text ends in `een`, and notes seen three times.
        let open =
            pages(|n, _| format!("{n} We willen een {}", ["Museum", "Fonds", "Wet", "Bank", "Raad"][n as usize - 21]));
        assert!(found(&open).is_empty());
        let notes: Vec<String> = (1..=3).map(|n| format!("{n} Zie voor meer informatie Belastingen")).collect();
        assert!(found(&document(&notes)).is_empty());
    }

    #[test]
    fn dates_decimals_and_list_numbers_are_not_page_numbers() {
        let numbers: Vec<u32> =
            page_numbers("op 16.12.2022 is 2,5% 3. punt 2) en 40% maar 12 Kop en p7").iter().map(|n| n.2).collect();
        assert_eq!(numbers, [12, 7]);
    }
}
