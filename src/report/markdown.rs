//! `scorecard.md`: the scorecard in Markdown, in Dutch.

use std::fmt::Write;

use super::overview;
use super::scorecard::{
    Group, METHOD_NL, STABILITY_NL, Scorecard, copy_note, group_title, pair_sentence, pct_nl, quote_place, reuse_note,
};
use crate::stability::Verdict;

/// Renders the scorecard as Markdown.
pub fn render(card: &Scorecard) -> String {
    let mut out = String::new();
    out.push_str("# Caleidoscoop-scorecard: ruimte voor initiatief\n\n");
    for g in &card.groups {
        group(&mut out, card, g);
    }
    if !card.overview.is_empty() {
        overview(&mut out, card);
    }
    if !card.failed.is_empty() {
        out.push_str("## Niet gescoord\n\n");
        for (file, why) in &card.failed {
            let _ = writeln!(out, "- `{}`: {}", escape(file), escape(why));
        }
        out.push('\n');
    }
    let _ = write!(out, "## Methode\n\n{METHOD_NL}\n\n{STABILITY_NL}\n\n");
    let _ = writeln!(out, "---\n\ncaleido {} · regelset {}", card.version, card.rules_label);
    out
}

fn group(out: &mut String, card: &Scorecard, g: &Group) {
    let _ = writeln!(out, "## {}\n", escape(&group_title(g)));
    out.push_str("| Partij | Initiatief | 95%-interval | Verschil met volgende | ");
    for (i, t) in card.titles.iter().enumerate() {
        let _ = write!(out, "S{} {} | ", i + 1, escape(t));
    }
    out.push_str("Vragen (van 15) |\n|---|---:|---:|---|");
    out.push_str(&"---:|".repeat(card.titles.len()));
    out.push_str("---:|\n");
    for (i, p) in g.parties.iter().enumerate() {
        let _ = write!(out, "| {} | {}% | {} | ", escape(&p.party), pct_nl(p.score.initiative_pct), interval(g, i));
        for pct in &p.score.mirror_pct {
            let _ = write!(out, "{}% | ", pct_nl(*pct));
        }
        let _ = writeln!(out, "{} |", p.score.questions_addressed);
    }
    out.push('\n');
    for (party, file, original) in &g.copies {
        let _ = writeln!(out, "- {}", escape(&copy_note(party, file, original)));
    }
    if !g.copies.is_empty() {
        out.push('\n');
    }
    if !g.stability.pairs.is_empty() {
        out.push_str("Is de volgorde stevig?\n\n");
        for p in &g.stability.pairs {
            let _ = writeln!(out, "- {}", escape(&pair_sentence(g, p)));
        }
        out.push('\n');
    }
    for p in &g.parties {
        let _ = writeln!(out, "### {}\n", escape(&p.party));
        if let Some(note) = reuse_note(p) {
            let _ = writeln!(out, "{}\n", escape(&note));
        }
        for (m, quotes) in p.quotes.iter().enumerate() {
            let n = p.score.mirror_sentences[m];
            let _ = writeln!(
                out,
                "**Spiegel {} – {}** ({} {})\n",
                m + 1,
                escape(&card.titles[m]),
                n,
                if n == 1 { "zin" } else { "zinnen" }
            );
            for q in quotes {
                let stance = if q.stance == "contra" { ", afwijzend" } else { "" };
                let _ = writeln!(
                    out,
                    "- \"{}\" ({}; vraag {}{})",
                    escape(&q.text),
                    escape(&quote_place(q)),
                    q.questions.join(", "),
                    stance
                );
            }
            if !quotes.is_empty() {
                out.push('\n');
            }
        }
    }
}

/// The interval and the verdict on the gap to the next party, as two table cells.
fn interval(g: &Group, i: usize) -> String {
    let iv = g.stability.intervals.get(i).map(|iv| format!("{}–{}%", pct_nl(iv.low), pct_nl(iv.high)));
    let verdict = match g.stability.pairs.get(i).map(|p| p.verdict) {
        Some(Verdict::Clear) => "duidelijk",
        Some(Verdict::TooClose) => "te klein om te zeggen",
        None => "",
    };
    format!("{} | {verdict}", iv.unwrap_or_default())
}

fn overview(out: &mut String, card: &Scorecard) {
    for t in &card.overview {
        let _ = writeln!(out, "## {}\n", escape(&overview::title_nl(t)));
        out.push_str("| Partij | Plaatsen | Mediaan | Laagste | Hoogste |\n|---|---:|---:|---:|---:|\n");
        for o in &t.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {}% | {}% | {}% |",
                escape(&o.party),
                overview::places_nl(o),
                pct_nl(o.median),
                pct_nl(o.min),
                pct_nl(o.max)
            );
        }
        out.push('\n');
    }
}

/// Escapes characters that Markdown would read as markup; a line break (possible in a file or
/// party name) becomes a space, so a table row stays one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            out.push(' ');
            continue;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
