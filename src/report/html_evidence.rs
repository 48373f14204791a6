//! The evidence and method parts of the HTML scorecard: every passage per party, mirror and codebook
//! question with its page, and how the figures are made.

use std::fmt::Write;

use super::html::escape;
use super::mirrors::QUESTIONS;
use super::scorecard::{METHOD_NL, PartyCard, Quote, STABILITY_NL, Scorecard, pct_nl, quote_place, reuse_note};

/// A party's evidence: per mirror the strongest quotes, then every passage grouped by question.
/// `anchor` is the party's id; mirror `m` gets `{anchor}-s{m}`, the targets of the table's links.
pub fn evidence(out: &mut String, card: &Scorecard, p: &PartyCard, anchor: &str) {
    let _ = writeln!(
        out,
        "<h3 id=\"{anchor}\">{}</h3>\n<p class=\"src\">{}% initiatief · {} zinnen · bestand <code>{}</code></p>",
        escape(&p.party),
        pct_nl(p.score.initiative_pct),
        p.score.sentences,
        escape(&p.file)
    );
    if let Some(note) = reuse_note(p) {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", escape(&note));
    }
    for m in 0..card.titles.len().min(5) {
        let n = p.score.mirror_sentences[m];
        let _ = writeln!(
            out,
            "<h4 id=\"{anchor}-s{}\">Spiegel {} – {} ({}% · {n} {})</h4>",
            m + 1,
            m + 1,
            escape(&card.titles[m]),
            pct_nl(p.score.mirror_pct[m]),
            if n == 1 { "zin" } else { "zinnen" }
        );
        if p.evidence[m].is_empty() {
            out.push_str("<p class=\"src\">Geen zinnen gevonden.</p>\n");
            continue;
        }
        for q in &p.quotes[m] {
            blockquote(out, q);
        }
        per_question(out, m, &p.evidence[m]);
    }
}

fn blockquote(out: &mut String, q: &Quote) {
    let class = if q.stance == "contra" { " class=\"contra\"" } else { "" };
    let stance = if q.stance == "contra" { "; afwijzend" } else { "" };
    let _ = writeln!(
        out,
        "<blockquote{class}>{}<br><span class=\"src\">{}; vraag {}; regel {}{stance}</span></blockquote>",
        escape(&q.text),
        escape(&quote_place(q)),
        escape(&q.questions.join(", ")),
        escape(&q.rules.join(", "))
    );
}

/// Every passage of mirror `m` under each codebook question it answers, folded away.
fn per_question(out: &mut String, m: usize, passages: &[Quote]) {
    let _ = writeln!(out, "<details><summary>Alle {} zinnen, per vraag</summary>", passages.len());
    for q in &QUESTIONS[m] {
        let hits: Vec<&Quote> = passages.iter().filter(|p| p.questions.iter().any(|x| x == q.id)).collect();
        if hits.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h5>Vraag {} ({}): {}</h5>\n<ul>", q.id, hits.len(), escape(q.nl));
        for h in hits {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"src\">({}; regel {})</span></li>",
                escape(&h.text),
                escape(&quote_place(h)),
                escape(&h.rules.join(", "))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details>\n");
}

/// The method section with the definitions of the mirrors and questions.
pub fn method(out: &mut String, card: &Scorecard) {
    let _ =
        writeln!(out, "<h2 id=\"methode\">Methode</h2>\n<p>{}</p>\n<p>{}</p>", escape(METHOD_NL), escape(STABILITY_NL));
    out.push_str("<h3>De spiegels en hun vragen</h3>\n<dl>\n");
    for (m, qs) in QUESTIONS.iter().enumerate() {
        let title = card.titles.get(m).map(String::as_str).unwrap_or_default();
        let _ = writeln!(out, "<dt>Spiegel {}: {}</dt>", m + 1, escape(title));
        for q in qs {
            let _ = writeln!(out, "<dd>{} {}</dd>", q.id, escape(q.nl));
        }
    }
    out.push_str("</dl>\n");
}
