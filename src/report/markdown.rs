//! `scorecard.md`: the scorecard in Markdown, in Dutch or English.

use std::fmt::Write;

use super::options::Lang;
use super::overview;
use super::phrases::{
    self, copy_note, group_title, mirror_title, pair_sentence, pct, quote_place, reuse_note, sentences, verdict_at,
};
use super::scorecard::{Group, Scorecard};

/// Renders the scorecard as Markdown, in Dutch.
pub fn render(card: &Scorecard) -> String {
    render_in(card, Lang::Nl)
}

/// Renders the scorecard as Markdown in `lang`.
pub fn render_in(card: &Scorecard, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        lang.pick("Caleidoscoop-scorecard: ruimte voor initiatief", "Caleidoscoop scorecard: room for initiative")
    );
    for g in &card.groups {
        group(&mut out, card, g, lang);
    }
    if !card.overview.is_empty() {
        overview(&mut out, card, lang);
    }
    if !card.failed.is_empty() {
        let _ = writeln!(out, "## {}\n", lang.pick("Niet gescoord", "Not scored"));
        for (file, why) in &card.failed {
            let _ = writeln!(out, "- `{}`: {}", escape(file), escape(why));
        }
        out.push('\n');
    }
    let _ = write!(
        out,
        "## {}\n\n{}\n\n{}\n\n",
        lang.pick("Methode", "Method"),
        phrases::method(lang),
        phrases::stability(lang)
    );
    let _ =
        writeln!(out, "---\n\ncaleido {} · {} {}", card.version, lang.pick("regelset", "rule set"), card.rules_label);
    out
}

fn table_head(out: &mut String, card: &Scorecard, lang: Lang) {
    let _ = write!(
        out,
        "| {} | {} | {} | {} | ",
        lang.pick("Partij", "Party"),
        lang.pick("Initiatief", "Initiative"),
        lang.pick("95%-interval", "95% interval"),
        lang.pick("Verschil met volgende", "Gap to the next")
    );
    for m in 0..card.titles.len() {
        let _ = write!(out, "{}{} {} | ", lang.pick("S", "M"), m + 1, escape(&mirror_title(card, m, lang)));
    }
    let _ = writeln!(out, "{} |", lang.pick("Vragen (van 15)", "Questions (of 15)"));
    out.push_str("|---|---:|---:|---|");
    out.push_str(&"---:|".repeat(card.titles.len()));
    out.push_str("---:|\n");
}

fn group(out: &mut String, card: &Scorecard, g: &Group, lang: Lang) {
    let _ = writeln!(out, "## {}\n", escape(&group_title(g, lang)));
    table_head(out, card, lang);
    for (i, p) in g.parties.iter().enumerate() {
        let _ = write!(
            out,
            "| {} | {}% | {} | ",
            escape(&p.party),
            pct(p.score.initiative_pct, lang),
            interval(g, i, lang)
        );
        for share in &p.score.mirror_pct {
            let _ = write!(out, "{}% | ", pct(*share, lang));
        }
        let _ = writeln!(out, "{} |", p.score.questions_addressed);
    }
    out.push('\n');
    let twice = phrases::same_party_notes(g, lang);
    for (party, file, original) in &g.copies {
        let _ = writeln!(out, "- {}", escape(&copy_note(party, file, original, lang)));
    }
    for note in &twice {
        let _ = writeln!(out, "- {}", escape(note));
    }
    if !g.copies.is_empty() || !twice.is_empty() {
        out.push('\n');
    }
    if !g.stability.pairs.is_empty() {
        let _ = writeln!(out, "{}\n", lang.pick("Is de volgorde stevig?", "Is the order robust?"));
        for p in &g.stability.pairs {
            let _ = writeln!(out, "- {}", escape(&pair_sentence(g, p, lang)));
        }
        out.push('\n');
    }
    for p in &g.parties {
        party(out, card, p, lang);
    }
}

fn party(out: &mut String, card: &Scorecard, p: &super::scorecard::PartyCard, lang: Lang) {
    let _ = writeln!(out, "### {}\n", escape(&p.party));
    if let Some(note) = reuse_note(p, lang) {
        let _ = writeln!(out, "{}\n", escape(&note));
    }
    for (m, quotes) in p.quotes.iter().enumerate() {
        let _ = writeln!(
            out,
            "**{} {} – {}** ({})\n",
            lang.pick("Spiegel", "Mirror"),
            m + 1,
            escape(&mirror_title(card, m, lang)),
            sentences(p.score.mirror_sentences[m], lang)
        );
        for q in quotes {
            let stance = if q.stance == "contra" { lang.pick(", afwijzend", ", rejecting") } else { "" };
            let _ = writeln!(
                out,
                "- \"{}\" ({}; {} {}{})",
                escape(&q.text),
                escape(&quote_place(q, lang)),
                lang.pick("vraag", "question"),
                q.questions.join(", "),
                stance
            );
        }
        if !quotes.is_empty() {
            out.push('\n');
        }
    }
}

/// The interval and the verdict on the gap to the next party, as two table cells.
fn interval(g: &Group, i: usize, lang: Lang) -> String {
    let iv = g.stability.intervals.get(i).map(|iv| format!("{}–{}%", pct(iv.low, lang), pct(iv.high, lang)));
    format!("{} | {}", iv.unwrap_or_default(), verdict_at(g, i, lang))
}

fn overview(out: &mut String, card: &Scorecard, lang: Lang) {
    for t in &card.overview {
        let _ = writeln!(
            out,
            "## {}\n\n| {} |",
            escape(&overview::title(t, lang)),
            lang.pick("Partij | Plaatsen | Mediaan | Laagste | Hoogste", "Party | Places | Median | Lowest | Highest")
        );
        out.push_str("|---|---:|---:|---:|---:|\n");
        for o in &t.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {}% | {}% | {}% |",
                escape(&o.party),
                overview::places(o, lang),
                pct(o.median, lang),
                pct(o.min, lang),
                pct(o.max, lang)
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
