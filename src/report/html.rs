//! `scorecard.html`: one self-contained page (inline CSS and SVG, no external assets), readable on a
//! phone, printable, and complete without scripts; a small inline script only makes the tables sortable.

use std::fmt::Write;

use super::html_evidence::{evidence, method};
use super::options::Lang;
use super::phrases::{copy_note, group_title, pair_sentence, pct};
use super::scorecard::{Group, Scorecard};
use super::{chart, overview};
use crate::stability::Verdict;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:0 auto;\
padding:1rem;line-height:1.45;color:#1a1a1a}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #333}\
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.hint{display:none;margin:.2rem 0;color:#555;\
font-size:.85rem;text-align:center}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:.35rem .5rem;\
border-bottom:1px solid #ccc;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}\
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}\
td{white-space:nowrap}td:first-child{white-space:normal;min-width:7rem}\
th:first-child,td:first-child{position:sticky;left:0;background:#fff;box-shadow:1px 0 0 #ccc}td a{color:inherit}.iv{color:#555;font-size:.85rem;white-space:nowrap}.close{color:#8a5a00}\
figure{margin:1rem 0}figure svg{width:100%;max-width:28rem;height:auto}figcaption{color:#555;font-size:.85rem}\
blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #999}.src,code{overflow-wrap:anywhere}.src{color:#555;font-size:.85rem}\
.contra{border-left-color:#b00}details{margin:.3rem 0 1rem}summary{cursor:pointer;color:#1f5f85}\
footer{margin-top:2rem;color:#555;font-size:.85rem}:target{background:#fff6d5}\
@media (max-width:48rem){.hint{display:block}td:first-child{min-width:6rem;max-width:9rem}}\
@media print{.scroll{overflow:visible}.hint{display:none}h2{break-after:avoid}details{display:block}}";

/// Progressive enhancement: click a column title to sort by it. The page is complete without it.
const SCRIPT: &str = "document.querySelectorAll('table.sortable').forEach(function(t){\
t.querySelectorAll('th').forEach(function(th,i){var b=document.createElement('button');b.type='button';\
b.textContent=th.textContent;th.textContent='';th.appendChild(b);var up=false;b.addEventListener('click',function(){\
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);up=!up;rows.sort(function(x,y){\
var a=x.cells[i].getAttribute('data-sort'),c=y.cells[i].getAttribute('data-sort');\
var r=(a!==null&&c!==null)?parseFloat(a)-parseFloat(c):x.cells[i].textContent.localeCompare(y.cells[i].textContent,'nl');\
return up?-r:r;});rows.forEach(function(r){body.appendChild(r);});});});});";

/// Renders the scorecard as one HTML page, in Dutch.
pub fn render(card: &Scorecard) -> String {
    render_in(card, Lang::Nl)
}

/// Renders the scorecard as one HTML page in `lang`.
pub fn render_in(card: &Scorecard, lang: Lang) -> String {
    let mut out = String::new();
    let _ =
        write!(out, "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", lang.pick("nl", "en"));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&page_title(card, lang)));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&page_title(card, lang)));
    out.push_str(lang.pick(
        "<p>Hoeveel ruimte geven de verkiezingsprogramma's aan burgerinitiatief? Per partij het aandeel van de \
woorden in zinnen over de vijf spiegels van de Caleidoscoop, met het bewijs per spiegel en per vraag. Klik op een \
getal om de zinnen te zien; <a href=\"#methode\">zo is het gemeten</a>.</p>\n",
        "<p>How much room do the election programmes give to citizen initiative? Per party the share of the \
words in sentences on the five mirrors of the Caleidoscoop, with the evidence per mirror and per question. Click a \
figure to see the sentences; <a href=\"#methode\">how it was measured</a>.</p>\n",
    ));
    if card.groups.len() > 1 {
        contents(&mut out, card, lang);
    }
    for g in &card.groups {
        group(&mut out, card, g, lang);
    }
    if !card.overview.is_empty() {
        overview(&mut out, card, lang);
    }
    if !card.failed.is_empty() {
        let _ = writeln!(out, "<h2 id=\"niet-gescoord\">{}</h2>\n<ul>", lang.pick("Niet gescoord", "Not scored"));
        for (file, why) in &card.failed {
            let _ = writeln!(out, "<li><code>{}</code>: {}</li>", escape(file), escape(why));
        }
        out.push_str("</ul>\n");
    }
    method(&mut out, card, lang);
    let _ = writeln!(
        out,
        "<footer>caleido {} · {} {}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>",
        escape(&card.version),
        lang.pick("regelset", "rule set"),
        escape(&card.rules_label)
    );
    out
}

fn page_title(card: &Scorecard, lang: Lang) -> String {
    let (before, after) = lang
        .pick2(("Caleidoscoop-scorecard", "ruimte voor initiatief"), ("Caleidoscoop scorecard", "room for initiative"));
    match card.groups.as_slice() {
        [g] => format!("{before} {}: {after}", group_title(g, lang)),
        _ => format!("{before}: {after}"),
    }
}

fn contents(out: &mut String, card: &Scorecard, lang: Lang) {
    let _ = writeln!(out, "<nav><h2>{}</h2>\n<ul>", lang.pick("Plaatsen", "Places"));
    for g in &card.groups {
        let _ = writeln!(out, "<li><a href=\"#{}\">{}</a></li>", g.id, escape(&group_title(g, lang)));
    }
    for t in &card.overview {
        let (id, title) = (overview::anchor(t), escape(&overview::title(t, lang)));
        let _ = writeln!(out, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    out.push_str("</ul></nav>\n");
}

/// The hint above a wide table on a narrow screen (hidden on wide screens and in print).
fn scroll_hint(out: &mut String, lang: Lang) {
    let _ = writeln!(
        out,
        "<p class=\"hint\" aria-hidden=\"true\">{}</p>",
        lang.pick("← veeg voor meer kolommen →", "← swipe for more columns →")
    );
}

/// `data-sort` with a number, for the sorting script.
fn sort_key(x: f64) -> String {
    format!(" data-sort=\"{x:.4}\"")
}

fn group(out: &mut String, card: &Scorecard, g: &Group, lang: Lang) {
    let id = &g.id;
    let _ = writeln!(out, "<section>\n<h2 id=\"{id}\">{}</h2>", escape(&group_title(g, lang)));
    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}. {}</figcaption></figure>",
        chart::inline_svg(g, lang),
        escape(&chart::title(g, lang)),
        lang.pick("Lijn: 95%-interval (bootstrap).", "Line: 95% interval (bootstrap).")
    );
    scroll_hint(out, lang);
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
        lang.pick("Partij", "Party"),
        lang.pick("Initiatief", "Initiative"),
        lang.pick("95%-interval", "95% interval"),
        lang.pick("Verschil met volgende", "Gap to the next")
    );
    let titles: Vec<String> = (0..card.titles.len()).map(|m| super::phrases::mirror_title(card, m, lang)).collect();
    let letter = lang.pick("S", "M");
    for (i, t) in titles.iter().enumerate() {
        let _ = write!(out, "<th title=\"{}\">{letter}{}</th>", escape(t), i + 1);
    }
    let _ = writeln!(out, "<th>{}</th></tr></thead>\n<tbody>", lang.pick("Vragen (van 15)", "Questions (of 15)"));
    for (i, p) in g.parties.iter().enumerate() {
        row(out, g, i, p, lang);
    }
    let legend: Vec<String> =
        titles.iter().enumerate().map(|(i, t)| format!("{letter}{}: {}", i + 1, escape(t))).collect();
    let _ = writeln!(out, "</tbody></table></div>\n<p class=\"src\">{}</p>", legend.join(" · "));
    for (party, file, original) in &g.copies {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", escape(&copy_note(party, file, original, lang)));
    }
    for note in super::phrases::same_party_notes(g, lang) {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", escape(&note));
    }
    robustness(out, g, lang);
    for (i, p) in g.parties.iter().enumerate() {
        evidence(out, card, p, &format!("{id}-p{}", i + 1), lang);
    }
    out.push_str("</section>\n");
}

/// One party's row of a place's table.
fn row(out: &mut String, g: &Group, i: usize, p: &super::scorecard::PartyCard, lang: Lang) {
    let anchor = format!("{}-p{}", g.id, i + 1);
    let share = p.score.initiative_pct;
    let _ = write!(out, "<tr><td>{}</td>", escape(&p.party));
    let _ = write!(out, "<td{}><a href=\"#{anchor}\">{}%</a></td>", sort_key(share), pct(share, lang));
    interval_cells(out, g, i, lang);
    for (m, share) in p.score.mirror_pct.iter().enumerate() {
        let _ = write!(out, "<td{}><a href=\"#{anchor}-s{}\">{}%</a></td>", sort_key(*share), m + 1, pct(*share, lang));
    }
    let q = p.score.questions_addressed;
    let _ = writeln!(out, "<td{}>{q}</td></tr>", sort_key(q as f64));
}

fn interval_cells(out: &mut String, g: &Group, i: usize, lang: Lang) {
    match g.stability.intervals.get(i) {
        Some(iv) => {
            let _ =
                write!(out, "<td class=\"iv\"{}>{}–{}%</td>", sort_key(iv.low), pct(iv.low, lang), pct(iv.high, lang));
        }
        None => out.push_str("<td></td>"),
    }
    let verdict = g.stability.pairs.get(i).map(|p| p.verdict);
    let text = super::phrases::verdict_at(g, i, lang);
    match verdict {
        Some(Verdict::TooClose) => {
            let _ = write!(out, "<td class=\"close\">{text}</td>");
        }
        _ => {
            let _ = write!(out, "<td>{text}</td>");
        }
    }
}

/// One sentence per adjacent pair: clear or too close, and why.
fn robustness(out: &mut String, g: &Group, lang: Lang) {
    if g.stability.pairs.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<ul>", lang.pick("Is de volgorde stevig?", "Is the order robust?"));
    for p in &g.stability.pairs {
        let _ = writeln!(out, "<li>{}</li>", escape(&pair_sentence(g, p, lang)));
    }
    let _ = writeln!(
        out,
        "</ul>\n<p class=\"src\"><a href=\"#methode\">{}</a></p>",
        lang.pick("Hoe dit is bepaald", "How this is judged")
    );
}

fn overview(out: &mut String, card: &Scorecard, lang: Lang) {
    for t in &card.overview {
        let _ = writeln!(
            out,
            "<section>\n<h2 id=\"{}\">{}</h2>\n<p>{}</p>",
            overview::anchor(t),
            escape(&overview::title(t, lang)),
            lang.pick(
                "Per partijnaam: in hoeveel plaatsen zij bij deze verkiezingen meedoet en hoe haar aandeel \
initiatief daar spreidt.",
                "Per party name: in how many places it stands at these elections and how its initiative share \
spreads there."
            )
        );
        scroll_hint(out, lang);
        let heads = lang.pick2(
            ["Partij", "Plaatsen", "Mediaan", "Laagste", "Hoogste"],
            ["Party", "Places", "Median", "Lowest", "Highest"],
        );
        out.push_str("<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr>");
        for h in heads {
            let _ = write!(out, "<th>{h}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for o in &t.rows {
            let places = overview::places(o, lang);
            let _ = write!(out, "<tr><td>{}</td><td{}>{places}</td>", escape(&o.party), sort_key(o.places as f64));
            for v in [o.median, o.min, o.max] {
                let _ = write!(out, "<td{}>{}%</td>", sort_key(v), pct(v, lang));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n</section>\n");
    }
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

    #[test]
    fn sort_keys_are_plain_numbers() {
        assert_eq!(sort_key(12.5), " data-sort=\"12.5000\"");
    }
}
