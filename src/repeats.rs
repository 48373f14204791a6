//! Repeated and non-content text, for every input kind: running headers and footers, menus,
//! share buttons and table-of-contents lines are set aside before segmentation, and a unit whose
//! words repeat an earlier unit of the same document is set aside after it, so each text counts
//! (and is quoted) once.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Page, Sentence};
use crate::text::{fold, fold_into, has_words, word_count};

mod contents;
mod inline;
mod numbered;

/// A short line (or glued line fragment) seen this often in one document is page furniture.
pub const MIN_REPEATS: usize = 3;
/// Furniture is at most this many words long.
pub const MAX_FURNITURE_WORDS: usize = 12;

/// Lines that are never programme text, whole-line and folded: web page buttons and links.
const NON_CONTENT: &[&str] = &[
    "lees meer",
    "lees verder",
    "meer lezen",
    "lees het hele artikel",
    "bekijk",
    "bekijk meer",
    "deel",
    "delen",
    "deel dit",
    "deel dit bericht",
    "deel deze pagina",
    "share",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "instagram",
    "e-mail",
    "email",
    "print",
    "terug",
    "terug naar boven",
    "naar boven",
    "menu",
    "zoeken",
    "home",
    "inhoudsopgave",
    "meer thema's",
    "meer themas",
    "alle thema's",
];

/// Blanks page furniture in every page and returns the number of words set aside: lines and
/// glued line fragments repeated [`MIN_REPEATS`] times or more, web buttons, and
/// table-of-contents lines (dot leaders before a page number, or a run of titles with rising
/// page numbers: [`contents::lines`]).
/// A document that would keep no words at all is left as it is (it is all repeats, such as a
/// test file with one line per page).
pub fn set_aside_lines(pages: &mut [Page]) -> usize {
    let contents = contents::lines(pages);
    let (furniture, long_pieces) = furniture_keys(pages);
    let numbered = numbered::headers(pages.iter().flat_map(|p| &p.lines).map(|l| l.text.as_str()));
    let headers = inline::Headers::new(long_pieces.iter().map(|(p, k)| (*p, k.as_str())), &furniture, numbered);
    // (page, line, kept text) of every line that loses words; nothing changes until all are known.
    let mut cuts = Vec::new();
    let mut words = 0;
    for (p, page) in pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            if contents.contains(&(p, l)) {
                let cut = word_count(&line.text);
                words += cut;
                cuts.push((p, l, String::new()));
            } else if let Some((kept, cut)) = strip_furniture(&line.text, &furniture, &headers) {
                words += cut;
                cuts.push((p, l, kept));
            }
        }
    }
    let mut cut_lines = cuts.iter().map(|(p, l, _)| (*p, *l)).peekable();
    let mut keeps_words = false;
    for (p, page) in pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            if cut_lines.next_if_eq(&(p, l)).is_none() && !keeps_words && has_words(&line.text) {
                keeps_words = true;
            }
        }
    }
    keeps_words |= cuts.iter().any(|(_, _, kept)| has_words(kept));
    if !keeps_words {
        return 0;
    }
    // A header that opens a line without a page number of its own had it at the end of the
    // line before (`Wij willen dat 40` / `Keuzes voor een beter Nederlandgemeenten ...`).
    let numbered_before: Vec<(usize, usize)> = cuts
        .iter()
        .filter(|&&(p, l, _)| l > 0 && headers.opens_without_number(&pages[p].lines[l].text))
        .map(|&(p, l, _)| (p, l - 1))
        .collect();
    for (p, l, kept) in cuts {
        pages[p].lines[l].text = kept;
    }
    for (p, l) in numbered_before {
        inline::drop_trailing_page_number(&mut pages[p].lines[l].text);
    }
    words
}

/// The folded words of a text without numbers: `CDA-verkiezingsprogramma 2021-2025 79` and
/// `... 80` share the key `cda-verkiezingsprogramma`.
fn key(text: &str) -> String {
    let mut out = String::new();
    for w in text.split_whitespace() {
        push_key_word(w, &mut out);
    }
    out
}

/// Appends the key of one whitespace-free word to `out` (a space first when `out` has a word
/// already); a word without letters adds nothing.
fn push_key_word(word: &str, out: &mut String) {
    if !word.chars().any(char::is_alphabetic) {
        return;
    }
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    // A page number glued to the header's last word (`verhaal9`) is a number all the same.
    let core = core.trim_end_matches(|c: char| c.is_ascii_digit());
    if core.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    fold_into(core, out);
}

/// A line or fragment that may be furniture: a few words, starting with a capital or digit, not
/// ending as a sentence does (a repeated sentence is a repeated unit, counted once after segmentation).
fn candidate(text: &str) -> bool {
    !text.trim_end().ends_with(['.', '!', '?'])
        && text.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && (1..=MAX_FURNITURE_WORDS).contains(&crate::text::word_spans(text).take(MAX_FURNITURE_WORDS + 1).count())
}

/// Keys of lines and glued fragments that repeat [`MIN_REPEATS`] times or more, and every such
/// piece of [`inline::MIN_INLINE_WORDS`] words or more with its key (headers that may also
/// stand inside lines).
fn furniture_keys(pages: &[Page]) -> (BTreeSet<String>, Vec<(&str, String)>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut long_pieces = Vec::new();
    // A contents line (set aside on its own) names a chapter, not a running header: counted,
    // its title would make the chapter's own heading furniture once the contents list it twice.
    for line in pages.iter().flat_map(|p| &p.lines).filter(|l| !is_contents_line(&l.text)) {
        let mut seen: Vec<String> = Vec::new();
        for piece in candidate_pieces(line.text.trim()) {
            let k = key(piece);
            if piece.split_whitespace().nth(inline::MIN_INLINE_WORDS - 1).is_some() {
                long_pieces.push((piece, k.clone()));
            }
            if !k.is_empty() && !seen.contains(&k) {
                match counts.get_mut(&k) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(k.clone(), 1);
                    }
                }
                seen.push(k);
            }
        }
    }
    let keys = counts.into_iter().filter(|(_, n)| *n >= MIN_REPEATS).map(|(k, _)| k).collect();
    (keys, long_pieces)
}

/// The pieces of a line that may be furniture: the line and its two glued ends, when they are
/// candidates.
fn candidate_pieces(text: &str) -> Vec<&str> {
    std::iter::once(text).chain(glued_ends(text)).filter(|p| candidate(p)).collect()
}

/// Byte offsets where two texts were glued without a space: three lower-case letters or a full
/// stop directly followed by a bullet or a capitalised word (`Nu doorpakkenIn ons land`,
/// `vervullen.CDA-...`), or three lower-case letters followed by a page number glued to a word
/// (`Ons verhaal4fenomeen`, at the number); not `PvdA` (no word follows the capital).
/// Returns the first and the last of them, the only ones used, without collecting the rest.
fn glue_span(text: &str) -> Option<(usize, usize)> {
    // The three characters before the current one, nearest first.
    let mut before: [Option<char>; 3] = [None; 3];
    let mut span: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let word_after = c.is_uppercase() && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        let lower_before = before.iter().all(|b| b.is_some_and(char::is_lowercase));
        if c == '•' || word_after {
            let stop_before = before[0] == Some('.') && before[1].is_some_and(char::is_alphabetic);
            if lower_before || stop_before {
                span = Some(span.map_or((i, i), |(first, _)| (first, i)));
            }
        } else if c.is_ascii_digit() && lower_before && page_number_glued(&text[i..]) {
            span = Some(span.map_or((i, i), |(first, _)| (first, i)));
        }
        before = [Some(c), before[0], before[1]];
    }
    span
}

/// True when `rest` starts with a page number of one to [`inline::MAX_PAGE_DIGITS`] digits glued
/// to the word after it (`Ons verhaal4fenomeen`: a running header, its page number, then the text
/// of the page).
fn page_number_glued(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=inline::MAX_PAGE_DIGITS).contains(&digits) && rest[digits..].starts_with(char::is_alphabetic)
}

/// A glued fragment is furniture only with at least this many words (`Unie wil` of
/// `ChristenUnie wil` is not).
const MIN_GLUED_WORDS: usize = 3;

/// The text before the first glue point and after the last one, when they hold
/// [`MIN_GLUED_WORDS`] words or more.
fn glued_ends(text: &str) -> Vec<&str> {
    let Some((first, last)) = glue_span(text) else { return Vec::new() };
    [&text[..first], &text[last..]].into_iter().filter(|p| glued_fragment(p)).collect()
}

fn glued_fragment(text: &str) -> bool {
    text.split_whitespace().count() >= MIN_GLUED_WORDS && candidate(text)
}

/// The line without its furniture and the number of words cut, or `None` when no word is cut.
/// `headers` are the furniture headers cut also inside the line ([`inline::Headers::cut`]).
fn strip_furniture(text: &str, furniture: &BTreeSet<String>, headers: &inline::Headers) -> Option<(String, usize)> {
    let original = text.trim();
    if original.is_empty() {
        return None;
    }
    let inline_cut = headers.cut(original);
    let t = inline_cut.as_deref().unwrap_or(original);
    if is_non_content(t) || (!furniture.is_empty() && candidate(t) && furniture.contains(&key(t))) {
        let words = word_count(original);
        return (words > 0).then(|| (String::new(), words));
    }
    if furniture.is_empty() {
        // Nothing else to cut but buttons and contents lines, which are whole lines.
        let cut = word_count(original) - word_count(t);
        return (cut > 0).then(|| (t.to_string(), cut));
    }
    let mut kept = t;
    let span = glue_span(t);
    if let Some((first, _)) = span
        && glued_fragment(&t[..first])
        && furniture.contains(&key(&t[..first]))
    {
        // A page number between the header and the text goes with the header.
        kept = t[first..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    if let Some((_, last)) = span
        && last > t.len() - kept.len()
        && glued_fragment(&t[last..])
        && furniture.contains(&key(&t[last..]))
    {
        kept = &kept[..kept.len() - (t.len() - last)];
    }
    let kept = match strip_furniture_suffix(kept, furniture) {
        Some(shorter) => shorter,
        // Nothing cut at all: no word lost.
        None if kept.len() == original.len() => return None,
        None => kept.to_string(),
    };
    let cut = word_count(original) - word_count(&kept);
    (cut > 0).then_some((kept, cut))
}

/// Cuts a furniture text that ends a line after a space (`... slagvaardige CDA-VERKIEZINGSPROGRAMMA 2021-2025 80`),
/// when it is at least [`MIN_GLUED_WORDS`] words long and starts with a capital. `None` when
/// there is none (the text stays as it is).
fn strip_furniture_suffix(text: &str, furniture: &BTreeSet<String>) -> Option<String> {
    // A tail ends where the text ends: after a full stop none is a candidate.
    if text.trim_end().ends_with(['.', '!', '?']) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let longest = MAX_FURNITURE_WORDS.min(words.len().saturating_sub(1));
    if longest < MIN_GLUED_WORDS {
        return None;
    }
    // The key of a tail is the keys of its words: `key` splits the joined tail into them again.
    let last_words = &words[words.len() - longest..];
    let word_keys: Vec<String> = last_words.iter().map(|w| key(w)).collect();
    let mut tail_key = String::new();
    for n in (MIN_GLUED_WORDS..=longest).rev() {
        let first = words[words.len() - n].chars().next();
        if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        tail_key.clear();
        for k in word_keys[longest - n..].iter().filter(|k| !k.is_empty()) {
            if !tail_key.is_empty() {
                tail_key.push(' ');
            }
            tail_key.push_str(k);
        }
        if furniture.contains(tail_key.as_str()) && candidate(&words[words.len() - n..].join(" ")) {
            return Some(words[..words.len() - n].join(" "));
        }
    }
    None
}

/// The most spaces a [`NON_CONTENT`] line holds (`lees het hele artikel`).
const MAX_BUTTON_SPACES: usize = 3;

/// A web button or link, or a table-of-contents line.
fn is_non_content(text: &str) -> bool {
    let bare = text.trim_end_matches(['.', ':', '›', '>', '»', ' ']);
    let button = if bare.is_ascii() {
        // `fold` of ASCII is its lower case, and the list is lower-case ASCII.
        NON_CONTENT.iter().any(|b| b.eq_ignore_ascii_case(bare))
    } else if bare.bytes().filter(|&b| b == b' ').count() > MAX_BUTTON_SPACES {
        // `fold` keeps every space and makes none: more spaces than any button has.
        false
    } else {
        NON_CONTENT.contains(&fold(bare).as_str())
    };
    button || is_contents_line(text)
}

/// A word that may be a page number: one to [`inline::MAX_PAGE_DIGITS`] digits.
fn is_page_number(word: &str) -> bool {
    (1..=inline::MAX_PAGE_DIGITS).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// A table-of-contents line: dot leaders (`....` or `…`) then a page number, in a short line.
fn is_contents_line(text: &str) -> bool {
    let t = text.trim_end();
    let ends_in_number = is_page_number(t.rsplit(char::is_whitespace).next().unwrap_or(""));
    let leaders = || t.contains("....") || t.contains("……") || t.contains(". . . .");
    ends_in_number && leaders() && word_count(t) <= 2 * MAX_FURNITURE_WORDS
}

/// Sets aside every body unit whose words repeat those of an earlier body unit of the document
/// (headings stay: a repeated heading still opens its section). In a document scraped from
/// several web pages (`sources`, one per page, [`MIN_REPEATS`] or more), a unit found on
/// [`MIN_REPEATS`] or more of its pages is site furniture (a cookie banner, a membership
/// block) and is set aside everywhere. Renumbers the units kept and returns them with the
/// number of words set aside.
pub fn drop_repeated_units(sentences: Vec<Sentence>, sources: &[(u32, String)]) -> (Vec<Sentence>, usize) {
    let site = site_furniture(&sentences, sources);
    let mut seen = BTreeSet::new();
    let mut kept: Vec<Sentence> = Vec::with_capacity(sentences.len());
    let mut new_index = vec![usize::MAX; sentences.len()];
    let mut set_aside = 0;
    for mut s in sentences {
        let key = unit_key(&s.text);
        if !s.heading && (site.contains(&key) || !seen.insert(key)) {
            set_aside += s.words;
            continue;
        }
        new_index[s.index] = kept.len();
        s.index = kept.len();
        s.section = s.section.map(|h| new_index[h]);
        kept.push(s);
    }
    (kept, set_aside)
}

/// Keys of body units found on [`MIN_REPEATS`] or more of the web pages of a scraped document.
fn site_furniture(sentences: &[Sentence], sources: &[(u32, String)]) -> BTreeSet<String> {
    if sources.len() < MIN_REPEATS {
        return BTreeSet::new();
    }
    let mut pages: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for s in sentences.iter().filter(|s| !s.heading) {
        let page = sources.iter().take_while(|(line, _)| *line <= s.line).count();
        pages.entry(unit_key(&s.text)).or_default().insert(page);
    }
    pages.into_iter().filter(|(_, p)| p.len() >= MIN_REPEATS).map(|(k, _)| k).collect()
}

/// The words of a unit as the rules see them, each followed by a NUL (which no word holds), in
/// one string: two units have one key exactly when they have the same words.
fn unit_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 8);
    crate::text::push_norms(text, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Line;

    fn page(number: u32, lines: &[&str]) -> Page {
        Page { number, lines: lines.iter().map(|l| Line::body(*l)).collect() }
    }

    fn texts(pages: &[Page]) -> Vec<Vec<&str>> {
        pages.iter().map(|p| p.lines.iter().map(|l| l.text.as_str()).collect()).collect()
    }

    /// The glue points as first written: every one, from an array of the characters.
    fn all_glue_points(text: &str) -> Vec<usize> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        for k in 1..chars.len() {
            let c = chars[k].1;
            let next = chars.get(k + 1).map(|x| x.1);
            let lower_before = k >= 3 && chars[k - 3..k].iter().all(|x| x.1.is_lowercase());
            let stop_before = k >= 2 && chars[k - 1].1 == '.' && chars[k - 2].1.is_alphabetic();
            let word_after = c.is_uppercase() && next.is_some_and(|n| n.is_alphabetic());
            let digits = chars[k..].iter().take_while(|x| x.1.is_ascii_digit()).count();
            let number_glued = (1..=3).contains(&digits) && chars.get(k + digits).is_some_and(|x| x.1.is_alphabetic());
            if ((c == '•' || word_after) && (lower_before || stop_before)) || (number_glued && lower_before) {
                out.push(chars[k].0);
            }
        }
        out
    }

    #[test]
    fn glue_span_is_the_first_and_last_glue_point() {
        let samples = [
            "Een betrouwbare overheid Nu doorpakkenIn ons land is de verhouding stevig.",
            "kunnen blijven vervullen.CDA-VERKIEZINGSPROGRAMMA 2021-2025 79",
            "Nu doorpakken• Een dienstbare overheidDe bereidheid.Wij",
            "PvdA en GroenLinks",
            "abcD",
            "abcDe",
            "a.Bc",
            ".Bc",
            "éénÉén coöperatieÖver",
            "•",
            "abc•",
            "Verkiezingsprogramma 2023 - Ons verhaal4fenomeen, dat anno 2023",
            "wereld14zetten, zullen we",
            "covid19vaccin en mp3",
            "abc1234def",
            "abc12",
            "",
        ];
        for text in samples {
            let all = all_glue_points(text);
            let want = all.first().map(|&f| (f, *all.last().unwrap_or(&f)));
            assert_eq!(glue_span(text), want, "{text}");
        }
    }

    #[test]
    fn no_button_has_more_spaces_than_the_bound() {
        assert_eq!(NON_CONTENT.iter().map(|b| b.matches(' ').count()).max(), Some(MAX_BUTTON_SPACES));
        assert!(is_non_content("Lées het hele artikel »"));
        assert!(!is_non_content("Lées het hele artikel nu"));
    }

    #[test]
    fn key_keeps_folded_words_with_letters() {
        assert_eq!(key("CDA-VERKIEZINGSPROGRAMMA 2021-2025 79"), "cda-verkiezingsprogramma");
        assert_eq!(key("  (Één)  wijk,  80  "), "een wijk");
        assert_eq!(key("12 34"), "");
        assert_eq!(key("Verkiezingsprogramma 2023 - Ons verhaal9"), key("Verkiezingsprogramma 2023 - Ons verhaal"));
    }

    #[test]
    fn unit_keys_are_equal_exactly_when_the_words_are() {
        assert_eq!(unit_key("Wij willen een wijkbudget."), unit_key("wij Willen een Wijkbudget!"));
        assert_ne!(unit_key("Wij willen"), unit_key("Wij willen een"));
        assert_ne!(unit_key("ab c"), unit_key("a bc"));
    }

    #[test]
    fn running_headers_and_page_numbers_are_set_aside() {
        let mut pages: Vec<Page> = (1..=3)
            .map(|n| {
                let footer = format!("Verkiezingsprogramma 2025 | {n}");
                let body = format!("Wij willen {n} keer meer inspraak.");
                page(n, &["Nu doorpakken Een betrouwbare overheid", &body, &footer])
            })
            .collect();
        let words = set_aside_lines(&mut pages);
        assert_eq!(texts(&pages)[1], ["", "Wij willen 2 keer meer inspraak.", ""]);
        assert_eq!(words, 3 * (5 + 3));
    }

    #[test]
    fn glued_headers_and_footers_are_cut_from_body_lines() {
        let mut pages = vec![page(
            0,
            &[
                "Een betrouwbare overheid Nu doorpakkenIn ons land is de verhouding stevig.",
                "kunnen blijven vervullen.CDA-VERKIEZINGSPROGRAMMA 2021-2025 79",
                "Een betrouwbare overheid Nu doorpakkenDe bereidheid om te vechten.",
                "overheid met een menselijk gezicht CDA-VERKIEZINGSPROGRAMMA 2021-2025 80",
                "Een betrouwbare overheid Nu doorpakken• Een dienstbare overheid.",
                "CDA-VERKIEZINGSPROGRAMMA 2021-2025 81",
                "CDA-VERKIEZINGSPROGRAMMA 2021-2025 82",
                "Verkiezingsprogramma 2023 - Ons verhaal4fenomeen, dat niet meer zou mogen bestaan.",
                "Verkiezingsprogramma 2023 - Ons verhaal5Nederlanders willen meebeslissen.",
                "Verkiezingsprogramma 2023 - Ons verhaal6dan ons land aan kan.",
            ],
        )];
        set_aside_lines(&mut pages);
        assert_eq!(
            texts(&pages)[0],
            [
                "In ons land is de verhouding stevig.",
                "kunnen blijven vervullen.",
                "De bereidheid om te vechten.",
                "overheid met een menselijk gezicht",
                "• Een dienstbare overheid.",
                "",
                "",
                "fenomeen, dat niet meer zou mogen bestaan.",
                "Nederlanders willen meebeslissen.",
                "dan ons land aan kan."
            ]
        );
    }

    #[test]
    fn a_known_header_is_cut_inside_body_lines_with_its_page_number() {
        let mut pages = vec![page(
            0,
            &[
                "Keuzes voor een beter Nederland2.1 Versterken van de samenleving",
                "Keuzes voor een beter Nederland",
                "Keuzes voor een beter Nederland",
                "Keuzes voor een beter Nederland 39",
                "Wij willen dat 40",
                "Keuzes voor een beter Nederlandgemeenten meer inspraak hebben.",
                "Omdat het niet kan 41 Keuzes voor een beter Nederlandstarten we later.",
            ],
        )];
        set_aside_lines(&mut pages);
        assert_eq!(
            texts(&pages)[0],
            [
                "2.1 Versterken van de samenleving",
                "",
                "",
                "",
                "Wij willen dat",
                "gemeenten meer inspraak hebben.",
                "Omdat het niet kan starten we later."
            ]
        );
    }

    #[test]
    fn a_header_never_on_a_line_of_its_own_is_cut_where_page_numbers_stand_beside_it() {
        let body = "Wij willen dat inwoners zelf hun buurt inrichten en daar geld voor krijgen. ".repeat(20);
        let header = "VERSIE: 16.12.2022 VISIE EN VERKIEZINGSPROGRAMMA 2023-2027";
        let starts = ["We straffen niemand.", "“Loop mee.", "Deze manier.", "• Boeren.", "Daarom."];
        let lines: Vec<String> =
            (21..).zip(starts).map(|(n, start)| format!("{body}de kwetsbaren, {n}{header}{start}")).collect();
        let mut pages = vec![page(0, &lines.iter().map(String::as_str).collect::<Vec<_>>())];
        set_aside_lines(&mut pages);
        let kept = texts(&pages).concat();
        assert!(kept.iter().all(|l| !l.contains("VERSIE")), "{kept:?}");
        assert!(kept[0].ends_with("de kwetsbaren, We straffen niemand."), "{}", kept[0]);
        assert!(kept[1].ends_with("de kwetsbaren, “Loop mee."), "{}", kept[1]);
    }

    #[test]
    fn buttons_and_contents_lines_go_once_seen() {
        let mut pages = vec![page(0, &["Lees meer", "Wonen ........................ 12", "Wij bouwen."])];
        assert_eq!(set_aside_lines(&mut pages), 4);
        assert_eq!(texts(&pages)[0], ["", "", "Wij bouwen."]);
    }

    #[test]
    fn a_chapter_listed_in_two_contents_lists_keeps_its_heading() {
        let contents = "Christenvervolging ........................ 49";
        let mut pages = vec![page(0, &[contents, "Inleiding.", "Christenvervolging", "Tekst.", contents])];
        set_aside_lines(&mut pages);
        assert_eq!(texts(&pages)[0], ["", "Inleiding.", "Christenvervolging", "Tekst.", ""]);
    }

    #[test]
    fn a_document_of_repeats_only_is_kept() {
        let mut pages: Vec<Page> = (1..=3).map(|n| page(n, &[&format!("Potato {n}")])).collect();
        assert_eq!(set_aside_lines(&mut pages), 0);
        assert_eq!(texts(&pages)[2], ["Potato 3"]);
    }

    #[test]
    fn a_line_seen_twice_stays() {
        let mut pages = vec![page(0, &["Lokale democratie", "Tekst.", "Lokale democratie"])];
        assert_eq!(set_aside_lines(&mut pages), 0);
    }

    fn unit(index: usize, text: &str, heading: bool, section: Option<usize>) -> Sentence {
        Sentence { index, page: 1, text: text.into(), words: word_count(text), heading, section, line: 0 }
    }

    #[test]
    fn a_unit_on_three_scraped_pages_is_set_aside_everywhere() {
        let mut units = Vec::new();
        for page in 0..3u32 {
            let mut banner = unit(2 * page as usize, "Wij gebruiken cookies.", false, None);
            banner.line = 10 * page + 2;
            let mut body = unit(2 * page as usize + 1, &format!("Tekst van pagina {page}."), false, None);
            body.line = 10 * page + 3;
            units.extend([banner, body]);
        }
        let sources: Vec<(u32, String)> = (0..3).map(|p| (10 * p + 1, format!("https://x.nl/{p}"))).collect();
        let (kept, set_aside) = drop_repeated_units(units, &sources);
        assert_eq!(kept.len(), 3);
        assert!(kept.iter().all(|s| s.text.starts_with("Tekst")));
        assert_eq!(set_aside, 9);
    }

    #[test]
    fn a_repeated_unit_counts_once_and_sections_follow() {
        let units = vec![
            unit(0, "Wij willen een wijkbudget.", false, None),
            unit(1, "Wonen", true, None),
            unit(2, "Wij willen een Wijkbudget!", false, Some(1)),
            unit(3, "Wonen", true, None),
            unit(4, "Meer huizen.", false, Some(3)),
        ];
        let (kept, set_aside) = drop_repeated_units(units, &[]);
        let got: Vec<(usize, &str, Option<usize>)> =
            kept.iter().map(|s| (s.index, s.text.as_str(), s.section)).collect();
        assert_eq!(
            got,
            [
                (0, "Wij willen een wijkbudget.", None),
                (1, "Wonen", None),
                (2, "Wonen", None),
                (3, "Meer huizen.", Some(2))
            ]
        );
        assert_eq!(set_aside, 4);
    }
}
