//! The reports' sentences and labels in Dutch (the default) and English (`--lang en`): numbers,
//! titles, where a quote stands, the verdicts and the method text.

use super::mirrors::TITLES_EN;
use super::options::Lang;
use super::scorecard::{Group, METHOD_NL, PartyCard, Quote, STABILITY_NL, Scorecard};
use crate::stability::{PairCheck, Verdict};

/// The method paragraph, in English.
pub const METHOD_EN: &str = "Each programme is split into units: sentences, and list items or lines that stand \
alone (text without a full stop is cut at the end of a line, at a bullet or at a heading). A unit counts for a \
mirror of the Caleidoscoop when a keyword rule of that mirror fires in it (rules in the folder `keywords/`, written \
after the codebook). The share is the part of all the programme's words that stand in such units; each unit counts \
once, even when it belongs to several mirrors. Repeated text (running headers and footers, menus, buttons, tables \
of contents) is left out and a repeated sentence counts once; `scores.csv` says how many words were set aside \
(set_aside_words). Two files holding the same programme (a PDF and a text copy) count once in the ranking. \
\"Questions\" counts how many of the 15 codebook questions have at least one matching unit. It measures the room \
a programme gives to the topic, not the quality of the plans. Every figure can be traced to its units on the workbook's \
Evidence sheet (with page and rule) and in `passages.csv`, with page (in PDFs), line (on the page or in the text \
file) and, where the text file names it, the source address.";

/// How the robustness of a ranking is judged, in English.
pub const STABILITY_EN: &str = "Is the order robust? For each pair of neighbours in a place's ranking, caleido \
checks two ways. (1) Leave one rule out: the share is recomputed without each keyword rule that fired in the place, \
one at a time. (2) Bootstrap: each programme's sentences are resampled with replacement 1,000 times with a fixed \
seed (the same figures every run); the 95% interval beside each share runs from the 2.5th to the 97.5th \
percentile. A difference is clear when the higher party stays above whichever rule is left out and in at least \
97.5% of the resamples; otherwise it is too close to call.";

/// The method paragraph in `lang`.
pub fn method(lang: Lang) -> &'static str {
    lang.pick(METHOD_NL, METHOD_EN)
}

/// How the robustness of a ranking is judged, in `lang`.
pub fn stability(lang: Lang) -> &'static str {
    lang.pick(STABILITY_NL, STABILITY_EN)
}

/// A text without its Markdown code marks (`keywords/` becomes keywords/), for formats that
/// would print them literally.
pub fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// A number with `decimals` decimals, the Dutch way (`3,42`) or the English way (`3.42`).
pub fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{x:.decimals$}");
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A percentage with two decimals, without the `%`: `3,42` or `3.42`.
pub fn pct(x: f64, lang: Lang) -> String {
    num(x, 2, lang)
}

/// "Heiloo 2026", or a stand-in when place or year are unknown.
pub fn group_title(g: &Group, lang: Lang) -> String {
    match (g.place.is_empty(), g.year.is_empty()) {
        (true, true) => lang.pick("Plaats en jaar onbekend", "Place and year unknown").into(),
        (false, true) => g.place.clone(),
        (true, false) => format!("{} {}", lang.pick("Verkiezingen", "Elections"), g.year),
        (false, false) => format!("{} {}", g.place, g.year),
    }
}

/// A mirror's title: the rule files' (Dutch) title, or the English one.
pub fn mirror_title(card: &Scorecard, m: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => card.titles.get(m).cloned().unwrap_or_default(),
        Lang::En => TITLES_EN.get(m).copied().unwrap_or_default().to_string(),
    }
}

/// `1 zin`, `3 zinnen` (`1 sentence`, `3 sentences`).
pub fn sentences(n: usize, lang: Lang) -> String {
    let word = match (lang, n) {
        (Lang::Nl, 1) => "zin",
        (Lang::Nl, _) => "zinnen",
        (Lang::En, 1) => "sentence",
        (Lang::En, _) => "sentences",
    };
    format!("{n} {word}")
}

/// Where a quote stands: `p. 12`, or a note for text without page numbers.
pub fn page_label(page: u32, lang: Lang) -> String {
    if page == 0 {
        lang.pick("tekst zonder paginanummers", "text without page numbers").into()
    } else {
        format!("p. {page}")
    }
}

/// Where a quote stands, to cite it: `p. 12, regel 7`, `regel 34` in a text file, and the
/// source address when the text file names one.
pub fn quote_place(q: &Quote, lang: Lang) -> String {
    let line = lang.pick("regel", "line");
    let place = match (q.page, q.line) {
        (0, 0) => page_label(0, lang),
        (0, l) => format!("{line} {l}"),
        (p, 0) => format!("p. {p}"),
        (p, l) => format!("p. {p}, {line} {l}"),
    };
    if q.source.is_empty() { place } else { format!("{place}, {} {}", lang.pick("bron", "source"), q.source) }
}

/// How much of a party's text also stands in another programme of the run, if any.
pub fn reuse_note(p: &PartyCard, lang: Lang) -> Option<String> {
    let s = &p.score;
    (s.reused_pct > 0.0 && !s.reused_from.is_empty()).then(|| match lang {
        Lang::Nl => format!(
            "{}% van de woorden staat in zinnen die (bijna) letterlijk ook in een ander programma van deze run \
staan, het meest in {}.",
            pct(s.reused_pct, lang),
            s.reused_from
        ),
        Lang::En => format!(
            "{}% of the words stand in sentences that also occur (almost) word for word in another programme of \
this run, most in {}.",
            pct(s.reused_pct, lang),
            s.reused_from
        ),
    })
}

/// The sentence on an input left out of the ranking as a copy.
pub fn copy_note(party: &str, file: &str, original: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => {
            format!(
                "{party} ({file}) is hetzelfde programma als {original} en telt daarom niet apart mee in de ranglijst."
            )
        }
        Lang::En => format!("{party} ({file}) is the same programme as {original} and is not ranked separately."),
    }
}

/// A count with a thousands mark: `grouped(33603, '.')` is `33.603`.
pub fn grouped(n: usize, mark: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

/// Sentences on parties that stand more than once in one election with programmes that are
/// not copies of each other (a long programme and a short summary, two lists of one name):
/// a reader who quotes "the" party's figure must know there are two. One sentence per party,
/// in the order the parties first appear.
pub fn same_party_notes(g: &Group, lang: Lang) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for p in &g.parties {
        if seen.contains(&p.party.as_str()) {
            continue;
        }
        seen.push(&p.party);
        let all: Vec<&PartyCard> = g.parties.iter().filter(|q| q.party == p.party).collect();
        if all.len() < 2 {
            continue;
        }
        let mark = lang.pick2('.', ',');
        let files: Vec<String> = all
            .iter()
            .map(|q| format!("{} ({} {})", q.file, grouped(q.score.words, mark), lang.pick("woorden", "words")))
            .collect();
        out.push(match lang {
            Lang::Nl => format!(
                "{} staat {} keer in deze verkiezing, met programma's die geen kopie van elkaar zijn: {}. \
Zeg bij een citaat welk programma u bedoelt.",
                p.party,
                all.len(),
                files.join(", ")
            ),
            Lang::En => format!(
                "{} stands {} times in this election, with programmes that are not copies of each other: {}. \
Say which programme you quote.",
                p.party,
                all.len(),
                files.join(", ")
            ),
        });
    }
    out
}

/// The verdict on a gap: `duidelijk` / `te klein om te zeggen` (`clear` / `too close to call`).
pub fn verdict(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Clear => lang.pick("duidelijk", "clear"),
        Verdict::TooClose => lang.pick("te klein om te zeggen", "too close to call"),
    }
}

/// The verdict on the gap between party `i` and the next one in its place's ranking, or `""`.
pub fn verdict_at(g: &Group, i: usize, lang: Lang) -> &'static str {
    g.stability.pairs.get(i).map_or("", |p| verdict(p.verdict, lang))
}

/// One sentence on an adjacent pair of the ranking: clear or too close to call, and why.
pub fn pair_sentence(g: &Group, p: &PairCheck, lang: Lang) -> String {
    let (a, b) = (&g.parties[p.upper].party, &g.parties[p.lower].party);
    let above = num(p.above * 100.0, 1, lang);
    match (lang, p.verdict, &p.flipping_rule) {
        (Lang::Nl, Verdict::Clear, _) => {
            format!("{a} boven {b}: duidelijk (blijft boven zonder welke regel ook, en in {above}% van de trekkingen).")
        }
        (Lang::Nl, Verdict::TooClose, Some(rule)) => format!(
            "{a} boven {b}: te klein om te zeggen (zonder regel {rule} staat {b} gelijk of hoger; \
{a} blijft boven in {above}% van de trekkingen)."
        ),
        (Lang::Nl, Verdict::TooClose, None) => {
            format!("{a} boven {b}: te klein om te zeggen ({a} blijft boven in {above}% van de trekkingen).")
        }
        (Lang::En, Verdict::Clear, _) => {
            format!("{a} above {b}: clear (stays above whichever rule is left out, and in {above}% of the resamples).")
        }
        (Lang::En, Verdict::TooClose, Some(rule)) => format!(
            "{a} above {b}: too close to call (without rule {rule}, {b} is level or higher; \
{a} stays above in {above}% of the resamples)."
        ),
        (Lang::En, Verdict::TooClose, None) => {
            format!("{a} above {b}: too close to call ({a} stays above in {above}% of the resamples).")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(pct(3.456, Lang::Nl), "3,46");
        assert_eq!(pct(3.456, Lang::En), "3.46");
        assert_eq!(num(12.26, 1, Lang::Nl), "12,3");
        assert_eq!(sentences(1, Lang::Nl), "1 zin");
        assert_eq!(sentences(2, Lang::En), "2 sentences");
        assert_eq!(plain("in `scores.csv`"), "in scores.csv");
        assert_eq!(grouped(65482, '.'), "65.482");
        assert_eq!(grouped(999, ','), "999");
        assert_eq!(grouped(1234567, ','), "1,234,567");
    }

    #[test]
    fn a_party_with_two_programmes_in_one_election_gets_one_note() {
        let card = |party: &str, file: &str, words: usize| PartyCard {
            party: party.into(),
            file: file.into(),
            score: crate::model::DocScore { words, ..Default::default() },
            quotes: vec![],
            evidence: vec![],
        };
        let g = Group {
            place: "NL".into(),
            year: "2017".into(),
            parties: vec![card("D66", "d66.pdf", 65482), card("VVD", "vvd.pdf", 100), card("D66", "d66.txt", 1592)],
            stability: Default::default(),
            copies: vec![],
            id: "nl-2017".into(),
        };
        let nl = same_party_notes(&g, Lang::Nl);
        assert_eq!(nl.len(), 1);
        assert!(nl[0].starts_with("D66 staat 2 keer in deze verkiezing"), "{}", nl[0]);
        assert!(nl[0].contains("d66.pdf (65.482 woorden), d66.txt (1.592 woorden)"), "{}", nl[0]);
        assert!(same_party_notes(&g, Lang::En)[0].contains("d66.pdf (65,482 words)"));
        let single = Group { parties: vec![card("VVD", "vvd.pdf", 100)], ..g };
        assert!(same_party_notes(&single, Lang::Nl).is_empty());
    }
}
