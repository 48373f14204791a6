//! `scorecard.html`: one self-contained page (inline CSS, no scripts), readable on a phone and printable.

use std::fmt::Write;

use super::scorecard::{Group, METHOD_NL, Scorecard, group_title, page_label, pct_nl};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:0 auto;\
padding:1rem;line-height:1.45;color:#1a1a1a}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #333}\
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:.35rem .5rem;\
border-bottom:1px solid #ccc;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}\
blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #999}.src{color:#555;font-size:.85rem}\
.contra{border-left-color:#b00}footer{margin-top:2rem;color:#555;font-size:.85rem}\
@media print{.scroll{overflow:visible}h2{break-after:avoid}section{break-inside:avoid-page}}";

/// Renders the scorecard as one HTML page.
pub fn render(card: &Scorecard) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Caleidoscoop-scorecard</title>\n");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<h1>Caleidoscoop-scorecard: ruimte voor initiatief</h1>\n");
    for g in &card.groups {
        group(&mut out, card, g);
    }
    if !card.failed.is_empty() {
        out.push_str("<h2>Niet gescoord</h2>\n<ul>\n");
        for (file, why) in &card.failed {
            let _ = writeln!(out, "<li><code>{}</code>: {}</li>", escape(file), escape(why));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<h2>Methode</h2>\n<p>{}</p>", escape(METHOD_NL));
    let _ = writeln!(
        out,
        "<footer>caleido {} · regelset {}</footer>\n</body>\n</html>",
        escape(&card.version),
        escape(&card.rules_label)
    );
    out
}

fn group(out: &mut String, card: &Scorecard, g: &Group) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<div class=\"scroll\"><table>", escape(&group_title(g)));
    out.push_str("<thead><tr><th>Partij</th><th>Initiatief</th>");
    for (i, t) in card.titles.iter().enumerate() {
        let _ = write!(out, "<th title=\"{}\">S{}</th>", escape(t), i + 1);
    }
    out.push_str("<th>Vragen (van 15)</th></tr></thead>\n<tbody>\n");
    for p in &g.parties {
        let _ = write!(out, "<tr><td>{}</td><td>{}%</td>", escape(&p.party), pct_nl(p.score.initiative_pct));
        for pct in &p.score.mirror_pct {
            let _ = write!(out, "<td>{}%</td>", pct_nl(*pct));
        }
        let _ = writeln!(out, "<td>{}</td></tr>", p.score.questions_addressed);
    }
    out.push_str("</tbody></table></div>\n<p class=\"src\">");
    for (i, t) in card.titles.iter().enumerate() {
        let _ = write!(out, "S{}: {}. ", i + 1, escape(t));
    }
    out.push_str("</p>\n");
    for p in &g.parties {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&p.party));
        for (m, quotes) in p.quotes.iter().enumerate().filter(|(_, q)| !q.is_empty()) {
            let _ = writeln!(
                out,
                "<h4>Spiegel {} – {} ({} zinnen)</h4>",
                m + 1,
                escape(&card.titles[m]),
                p.score.mirror_sentences[m]
            );
            for q in quotes {
                let class = if q.stance == "contra" { " class=\"contra\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<blockquote{class}>{}<br><span class=\"src\">{}; vraag {}; regel {}</span></blockquote>",
                    escape(&q.text),
                    page_label(q.page),
                    escape(&q.questions.join(", ")),
                    escape(&q.rules.join(", "))
                );
            }
        }
    }
    out.push_str("</section>\n");
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_shown_as_text() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }
}
