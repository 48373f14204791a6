//! `scorecard.html`: one self-contained page (inline CSS and SVG, no external assets), readable on a
//! phone, printable, and complete without scripts; a small inline script only makes the tables sortable.

use std::fmt::Write;

use super::html_evidence::{evidence, method};
use super::scorecard::{Group, Scorecard, group_title, pct_nl};
use super::{chart, overview};
use crate::stability::Verdict;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:0 auto;\
padding:1rem;line-height:1.45;color:#1a1a1a}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #333}\
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:.35rem .5rem;\
border-bottom:1px solid #ccc;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}\
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}\
td{white-space:nowrap}td:first-child{white-space:normal;min-width:7rem}td a{color:inherit}.iv{color:#555;font-size:.85rem;white-space:nowrap}.close{color:#8a5a00}\
figure{margin:1rem 0}figure svg{width:100%;max-width:28rem;height:auto}figcaption{color:#555;font-size:.85rem}\
blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #999}.src{color:#555;font-size:.85rem}\
.contra{border-left-color:#b00}details{margin:.3rem 0 1rem}summary{cursor:pointer;color:#1f5f85}\
footer{margin-top:2rem;color:#555;font-size:.85rem}:target{background:#fff6d5}\
@media print{.scroll{overflow:visible}h2{break-after:avoid}details{display:block}}";

/// Progressive enhancement: click a column title to sort by it. The page is complete without it.
const SCRIPT: &str = "document.querySelectorAll('table.sortable').forEach(function(t){\
t.querySelectorAll('th').forEach(function(th,i){var b=document.createElement('button');b.type='button';\
b.textContent=th.textContent;th.textContent='';th.appendChild(b);var up=false;b.addEventListener('click',function(){\
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);up=!up;rows.sort(function(x,y){\
var a=x.cells[i].getAttribute('data-sort'),c=y.cells[i].getAttribute('data-sort');\
var r=(a!==null&&c!==null)?parseFloat(a)-parseFloat(c):x.cells[i].textContent.localeCompare(y.cells[i].textContent,'nl');\
return up?-r:r;});rows.forEach(function(r){body.appendChild(r);});});});});";

/// Renders the scorecard as one HTML page.
pub fn render(card: &Scorecard) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&page_title(card)));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&page_title(card)));
    out.push_str(
        "<p>Hoeveel ruimte geven de verkiezingsprogramma's aan burgerinitiatief? Per partij het aandeel van de \
woorden in zinnen over de vijf spiegels van de Caleidoscoop, met het bewijs per spiegel en per vraag. Klik op een \
getal om de zinnen te zien; <a href=\"#methode\">zo is het gemeten</a>.</p>\n",
    );
    if card.groups.len() > 1 {
        contents(&mut out, card);
    }
    for g in &card.groups {
        group(&mut out, card, g);
    }
    if !card.overview.is_empty() {
        overview(&mut out, card);
    }
    if !card.failed.is_empty() {
        out.push_str("<h2 id=\"niet-gescoord\">Niet gescoord</h2>\n<ul>\n");
        for (file, why) in &card.failed {
            let _ = writeln!(out, "<li><code>{}</code>: {}</li>", escape(file), escape(why));
        }
        out.push_str("</ul>\n");
    }
    method(&mut out, card);
    let _ = writeln!(
        out,
        "<footer>caleido {} · regelset {}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>",
        escape(&card.version),
        escape(&card.rules_label)
    );
    out
}

fn page_title(card: &Scorecard) -> String {
    match card.groups.as_slice() {
        [g] => format!("Caleidoscoop-scorecard {}: ruimte voor initiatief", group_title(g)),
        _ => "Caleidoscoop-scorecard: ruimte voor initiatief".to_string(),
    }
}

fn contents(out: &mut String, card: &Scorecard) {
    out.push_str("<nav><h2>Plaatsen</h2>\n<ul>\n");
    for g in &card.groups {
        let _ = writeln!(out, "<li><a href=\"#{}\">{}</a></li>", g.id, escape(&group_title(g)));
    }
    for t in &card.overview {
        let _ = writeln!(out, "<li><a href=\"#{}\">{}</a></li>", overview::anchor(t), escape(&overview::title_nl(t)));
    }
    out.push_str("</ul></nav>\n");
}

/// `data-sort` with a number, for the sorting script.
fn sort_key(x: f64) -> String {
    format!(" data-sort=\"{x:.4}\"")
}

fn group(out: &mut String, card: &Scorecard, g: &Group) {
    let id = &g.id;
    let _ = writeln!(out, "<section>\n<h2 id=\"{id}\">{}</h2>", escape(&group_title(g)));
    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}. Lijn: 95%-interval (bootstrap).</figcaption></figure>",
        chart::inline_svg(g),
        escape(&chart::title(g))
    );
    out.push_str("<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th>Partij</th><th>Initiatief</th>");
    out.push_str("<th>95%-interval</th><th>Verschil met volgende</th>");
    for (i, t) in card.titles.iter().enumerate() {
        let _ = write!(out, "<th title=\"{}\">S{}</th>", escape(t), i + 1);
    }
    out.push_str("<th>Vragen (van 15)</th></tr></thead>\n<tbody>\n");
    for (i, p) in g.parties.iter().enumerate() {
        let anchor = format!("{id}-p{}", i + 1);
        let pct = p.score.initiative_pct;
        let _ = write!(out, "<tr><td>{}</td>", escape(&p.party));
        let _ = write!(out, "<td{}><a href=\"#{anchor}\">{}%</a></td>", sort_key(pct), pct_nl(pct));
        interval_cells(out, g, i);
        for (m, pct) in p.score.mirror_pct.iter().enumerate() {
            let _ = write!(out, "<td{}><a href=\"#{anchor}-s{}\">{}%</a></td>", sort_key(*pct), m + 1, pct_nl(*pct));
        }
        let q = p.score.questions_addressed;
        let _ = writeln!(out, "<td{}>{q}</td></tr>", sort_key(q as f64));
    }
    let legend: Vec<String> =
        card.titles.iter().enumerate().map(|(i, t)| format!("S{}: {}", i + 1, escape(t))).collect();
    let _ = writeln!(out, "</tbody></table></div>\n<p class=\"src\">{}</p>", legend.join(" · "));
    for (party, file, original) in &g.copies {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", escape(&super::scorecard::copy_note(party, file, original)));
    }
    robustness(out, g);
    for (i, p) in g.parties.iter().enumerate() {
        evidence(out, card, p, &format!("{id}-p{}", i + 1));
    }
    out.push_str("</section>\n");
}

fn interval_cells(out: &mut String, g: &Group, i: usize) {
    match g.stability.intervals.get(i) {
        Some(iv) => {
            let _ = write!(out, "<td class=\"iv\"{}>{}–{}%</td>", sort_key(iv.low), pct_nl(iv.low), pct_nl(iv.high));
        }
        None => out.push_str("<td></td>"),
    }
    match g.stability.pairs.get(i).map(|p| p.verdict) {
        Some(Verdict::Clear) => out.push_str("<td>duidelijk</td>"),
        Some(Verdict::TooClose) => out.push_str("<td class=\"close\">te klein om te zeggen</td>"),
        None => out.push_str("<td></td>"),
    }
}

/// One sentence per adjacent pair: clear or too close, and why.
fn robustness(out: &mut String, g: &Group) {
    if g.stability.pairs.is_empty() {
        return;
    }
    out.push_str("<h3>Is de volgorde stevig?</h3>\n<ul>\n");
    for p in &g.stability.pairs {
        let _ = writeln!(out, "<li>{}</li>", escape(&super::scorecard::pair_sentence(g, p)));
    }
    out.push_str("</ul>\n<p class=\"src\"><a href=\"#methode\">Hoe dit is bepaald</a></p>\n");
}

fn overview(out: &mut String, card: &Scorecard) {
    for t in &card.overview {
        let (id, title) = (overview::anchor(t), escape(&overview::title_nl(t)));
        let _ = writeln!(out, "<section>\n<h2 id=\"{id}\">{title}</h2>");
        out.push_str(
            "<p>Per partijnaam: in hoeveel plaatsen zij bij deze verkiezingen meedoet en hoe haar aandeel \
initiatief daar spreidt.</p>\n",
        );
        out.push_str("<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th>Partij</th><th>Plaatsen</th>");
        out.push_str("<th>Mediaan</th><th>Laagste</th><th>Hoogste</th></tr></thead>\n<tbody>\n");
        for o in &t.rows {
            let places = overview::places_nl(o);
            let _ = write!(out, "<tr><td>{}</td><td{}>{places}</td>", escape(&o.party), sort_key(o.places as f64));
            for v in [o.median, o.min, o.max] {
                let _ = write!(out, "<td{}>{}%</td>", sort_key(v), pct_nl(v));
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
