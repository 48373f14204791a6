//! The evidence and method parts of the HTML scorecard: every passage per party, mirror and codebook
//! question with its page, and how the figures are made.

use std::fmt::Write;

use super::html::escape;
use super::mirrors::QUESTIONS;
use super::options::Lang;
use super::phrases::{self, mirror_title, pct, quote_place, reuse_note, sentences};
use super::scorecard::{PartyCard, Quote, Scorecard};

/// A party's evidence: per mirror the strongest quotes, then every passage grouped by question.
/// `anchor` is the party's id; mirror `m` gets `{anchor}-s{m}`, the targets of the table's links.
pub fn evidence(out: &mut String, card: &Scorecard, p: &PartyCard, anchor: &str, lang: Lang) {
    let _ = writeln!(
        out,
        "<h3 id=\"{anchor}\">{}</h3>\n<p class=\"src\">{}% {} · {} · {} <code>{}</code></p>",
        escape(&p.party),
        pct(p.score.initiative_pct, lang),
        lang.pick("initiatief", "initiative"),
        sentences(p.score.sentences, lang),
        lang.pick("bestand", "file"),
        escape(&p.file)
    );
    if let Some(note) = reuse_note(p, lang) {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", escape(&note));
    }
    for m in 0..card.titles.len().min(5) {
        let _ = writeln!(
            out,
            "<h4 id=\"{anchor}-s{}\">{} {} – {} ({}% · {})</h4>",
            m + 1,
            lang.pick("Spiegel", "Mirror"),
            m + 1,
            escape(&mirror_title(card, m, lang)),
            pct(p.score.mirror_pct[m], lang),
            sentences(p.score.mirror_sentences[m], lang)
        );
        if p.evidence[m].is_empty() {
            let _ = writeln!(out, "<p class=\"src\">{}</p>", lang.pick("Geen zinnen gevonden.", "No sentences found."));
            continue;
        }
        for q in &p.quotes[m] {
            blockquote(out, q, lang);
        }
        per_question(out, m, &p.evidence[m], lang);
    }
}

fn blockquote(out: &mut String, q: &Quote, lang: Lang) {
    let class = if q.stance == "contra" { " class=\"contra\"" } else { "" };
    let stance = if q.stance == "contra" { lang.pick("; afwijzend", "; rejecting") } else { "" };
    let _ = writeln!(
        out,
        "<blockquote{class}>{}<br><span class=\"src\">{}; {} {}; {} {}{stance}</span></blockquote>",
        escape(&q.text),
        escape(&quote_place(q, lang)),
        lang.pick("vraag", "question"),
        escape(&q.questions.join(", ")),
        lang.pick("regel", "rule"),
        escape(&q.rules.join(", "))
    );
}

/// The summary line of the folded list: `De ene zin, per vraag`, `Alle 4 zinnen, per vraag`.
fn all_sentences(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Nl, 1) => "De ene zin, per vraag".into(),
        (Lang::Nl, _) => format!("Alle {n} zinnen, per vraag"),
        (Lang::En, 1) => "The one sentence, per question".into(),
        (Lang::En, _) => format!("All {n} sentences, per question"),
    }
}

/// Every passage of mirror `m` under each codebook question it answers, folded away.
fn per_question(out: &mut String, m: usize, passages: &[Quote], lang: Lang) {
    let _ = writeln!(out, "<details><summary>{}</summary>", all_sentences(passages.len(), lang));
    for q in &QUESTIONS[m] {
        let hits: Vec<&Quote> = passages.iter().filter(|p| p.questions.iter().any(|x| x == q.id)).collect();
        if hits.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h5>{} {} ({}): {}</h5>\n<ul>",
            lang.pick("Vraag", "Question"),
            q.id,
            hits.len(),
            escape(q.text(lang))
        );
        for h in hits {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"src\">({}; {} {})</span></li>",
                escape(&h.text),
                escape(&quote_place(h, lang)),
                lang.pick("regel", "rule"),
                escape(&h.rules.join(", "))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details>\n");
}

/// Escapes a text and shows its `code` spans (Markdown backticks) as `<code>`.
pub fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The method section with the definitions of the mirrors and questions.
pub fn method(out: &mut String, card: &Scorecard, lang: Lang) {
    let _ = writeln!(
        out,
        "<h2 id=\"methode\">{}</h2>\n<p>{}</p>\n<p>{}</p>",
        lang.pick("Methode", "Method"),
        with_code(phrases::method(lang)),
        with_code(phrases::stability(lang))
    );
    let _ =
        writeln!(out, "<h3>{}</h3>\n<dl>", lang.pick("De spiegels en hun vragen", "The mirrors and their questions"));
    for (m, qs) in QUESTIONS.iter().enumerate() {
        let _ = writeln!(
            out,
            "<dt>{} {}: {}</dt>",
            lang.pick("Spiegel", "Mirror"),
            m + 1,
            escape(&mirror_title(card, m, lang))
        );
        for q in qs {
            let _ = writeln!(out, "<dd>{} {}</dd>", q.id, escape(q.text(lang)));
        }
    }
    out.push_str("</dl>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_code_elements() {
        assert_eq!(with_code("in `scores.csv` & <b>"), "in <code>scores.csv</code> &amp; &lt;b&gt;");
        assert_eq!(all_sentences(1, Lang::Nl), "De ene zin, per vraag");
        assert_eq!(all_sentences(3, Lang::Nl), "Alle 3 zinnen, per vraag");
    }
}
