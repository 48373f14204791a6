//! `compare.md` and `compare.html`: the same party across elections, in Dutch or English. Every
//! sentence either language shows stands in the two [`Texts`] tables below.

use std::fmt::Write;

use super::compare::{Comparison, Line, MEASURES, Programme, Step};
use super::html::escape as html_escape;
use super::markdown::escape as md_escape;
use super::mirrors::TITLES_EN;
use super::options::Lang;
use crate::change::{Change, Measured};
use crate::model::Level;
use crate::stability::Verdict;

/// The words of one language.
struct Texts {
    lang: &'static str,
    title: &'static str,
    intro: &'static str,
    method: &'static str,
    national: &'static str,
    municipal: &'static str,
    election: &'static str,
    programme: &'static str,
    words: &'static str,
    initiative: &'static str,
    mirror: &'static str,
    steps: &'static str,
    from_to: &'static str,
    clear: &'static str,
    too_close: &'static str,
    to: &'static str,
    written_as: &'static str,
    nothing: &'static str,
    failed: &'static str,
    no_year: &'static str,
    rule_set: &'static str,
    /// `{a}`, `{b}`: the years; `{x}`, `{y}`: the shares; `{d}`: the change; `{lo}`, `{hi}`: its interval.
    sentence: &'static str,
    /// `{r}`: the rule.
    without_rule: &'static str,
    /// Under the table of changes.
    legend: &'static str,
    /// `{y}`: the year; `{f}`: the files.
    several: &'static str,
    /// Above a wide table on a narrow screen.
    scroll_hint: &'static str,
    decimal: char,
}

const NL: Texts = Texts {
    lang: "nl",
    title: "Dezelfde partij door de verkiezingen heen",
    intro: "Per partij die in twee of meer verkiezingen voorkomt (voor de Tweede Kamer, of in dezelfde gemeente): \
het aandeel van de woorden in zinnen over burgerinitiatief en over elk van de vijf spiegels, met het 95%-interval, \
en per stap naar de volgende verkiezing het verschil in procentpunten met zijn 95%-interval.",
    method: "Een verschil heet duidelijk als het 95%-interval van het verschil de nul niet bevat (de zinnen van elk \
programma 1.000 keer opnieuw getrokken, met een vaste startwaarde) én geen enkele trefwoordregel die wordt \
weggelaten het verschil nul maakt of omkeert; anders is het te klein om te zeggen. Let op: alle jaren zijn met \
dezelfde, huidige regels gemeten. Woorden die vroeger gangbaar waren en nu niet meer (of omgekeerd) kunnen een \
verschil maken dat in de taal zit en niet in de plannen. Het aandeel meet de ruimte die een programma aan het \
onderwerp geeft, niet de kwaliteit van de plannen. Kopieën van een programma tellen niet mee.",
    national: "Tweede Kamer",
    municipal: "gemeenteraad",
    election: "Verkiezing",
    programme: "Programma",
    words: "Woorden",
    initiative: "Initiatief",
    mirror: "S",
    steps: "Van verkiezing tot verkiezing (verschil in procentpunten, 95%-interval)",
    from_to: "Van → naar",
    clear: "duidelijk",
    too_close: "te klein om te zeggen",
    to: "tot",
    written_as: "geschreven als",
    nothing: "Geen partij komt in deze programma's in twee of meer verkiezingen voor (voor de Tweede Kamer, of in \
dezelfde gemeente).",
    failed: "Niet gescoord",
    no_year: "Zonder verkiezingsjaar, niet vergeleken",
    rule_set: "regelset",
    sentence: "{a} → {b}: initiatief van {x}% naar {y}%, {d} procentpunt (95%-interval {lo} tot {hi})",
    without_rule: "zonder regel {r} is het verschil nul of omgekeerd",
    legend: "Alleen bij een duidelijk verschil staat \"duidelijk\"; de andere verschillen zijn te klein om te zeggen.",
    several: "In {y} zijn er meer programma's van deze partij die geen kopie van elkaar zijn ({f}); elke stap \
staat er per programma. Kijk welk het verkiezingsprogramma is voor u een verschil noemt.",
    scroll_hint: "Schuif de tabel opzij voor alle kolommen.",
    decimal: ',',
};

const EN: Texts = Texts {
    lang: "en",
    title: "The same party across elections",
    intro: "For each party found at two elections or more (for the House of Representatives, or in the same \
municipality): the share of words in sentences about citizen initiative and about each of the five mirrors, with \
the 95% interval, and for each step to the next election the change in percentage points with its 95% interval.",
    method: "A change is clear when its 95% interval excludes zero (each programme's sentences resampled 1,000 \
times with a fixed seed) and no single keyword rule left out makes it zero or turns it around; otherwise it is too \
close to call. Note: every year is measured with the same, current rules. Words that were common then and are not \
now (or the other way round) can make a change that lies in the language, not in the plans. The share measures the \
room a programme gives to the topic, not the quality of the plans. Copies of a programme are left out.",
    national: "House of Representatives",
    municipal: "municipal council",
    election: "Election",
    programme: "Programme",
    words: "Words",
    initiative: "Initiative",
    mirror: "M",
    steps: "From election to election (change in percentage points, 95% interval)",
    from_to: "From → to",
    clear: "clear",
    too_close: "too close to call",
    to: "to",
    written_as: "written as",
    nothing: "No party occurs in these programmes at two elections or more (for the House of Representatives, or \
in the same municipality).",
    failed: "Not scored",
    no_year: "Without an election year, not compared",
    rule_set: "rule set",
    sentence: "{a} → {b}: initiative from {x}% to {y}%, {d} percentage points (95% interval {lo} to {hi})",
    without_rule: "without rule {r} the change is zero or reversed",
    legend: "Only a clear change says \"clear\"; the others are too close to call.",
    several: "In {y} the party has several programmes that are not copies of each other ({f}); each step is \
given per programme. Check which one is the election programme before you report a change.",
    scroll_hint: "Scroll the table sideways for every column.",
    decimal: '.',
};

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

impl Texts {
    /// Two decimals, as in the scorecard, in this language: `3,42`.
    fn num(&self, x: f64) -> String {
        let s = format!("{:.2}", x.abs());
        let s = if x < 0.0 && s != "0.00" { format!("-{s}") } else { s };
        s.replace('.', &self.decimal.to_string())
    }

    /// A count with the language's thousands mark: `33.603`, `33,603`.
    fn count(&self, n: usize) -> String {
        super::phrases::grouped(n, if self.decimal == ',' { '.' } else { ',' })
    }

    /// With a sign unless it is zero: `+1,20`, `−0,40`, `0,00`; a value that rounds to zero keeps
    /// its sign (`+0,00`), so a clear change never shows a bound of plain zero.
    fn signed(&self, x: f64) -> String {
        let n = self.num(x.abs());
        if x > 0.0 {
            format!("+{n}")
        } else if x < 0.0 {
            format!("−{n}")
        } else {
            n
        }
    }

    /// `5,31% (3,10–7,92)`.
    fn share(&self, m: &Measured) -> String {
        format!("{}% ({}–{})", self.num(m.share), self.num(m.low), self.num(m.high))
    }

    /// `+8,70 (+2,10 tot +15,00)`, and the word for clear when it is.
    fn change(&self, c: &Change) -> String {
        let range = format!("{} ({} {} {})", self.signed(c.diff), self.signed(c.low), self.to, self.signed(c.high));
        if c.verdict == Verdict::Clear { format!("{range} {}", self.clear) } else { range }
    }

    /// The programmes of one election when there are several (not copies of each other).
    fn several(&self, l: &Line) -> Vec<String> {
        let mut years: Vec<&str> = l.programmes.iter().map(|p| p.year.as_str()).collect();
        years.dedup();
        years
            .into_iter()
            .filter_map(|y| {
                let files: Vec<&str> = l.programmes.iter().filter(|p| p.year == y).map(|p| p.file.as_str()).collect();
                (files.len() > 1).then(|| self.several.replace("{y}", y).replace("{f}", &files.join(", ")))
            })
            .collect()
    }

    fn verdict(&self, c: &Change) -> &'static str {
        match c.verdict {
            Verdict::Clear => self.clear,
            Verdict::TooClose => self.too_close,
        }
    }

    /// `CDA · gemeenteraad Heiloo`, `CDA · Tweede Kamer`.
    fn heading(&self, l: &Line) -> String {
        match l.level {
            Level::National => format!("{} · {}", l.party, self.national),
            Level::Municipal => format!("{} · {} {}", l.party, self.municipal, l.place),
        }
    }

    /// The column titles: election, programme, words, initiative, `S1 <title>` ...
    fn columns(&self, cmp: &Comparison, lang: Lang) -> Vec<String> {
        let mut cols = vec![
            self.election.to_string(),
            self.programme.to_string(),
            self.words.to_string(),
            self.initiative.to_string(),
        ];
        for (m, en) in TITLES_EN.iter().enumerate() {
            let title = match lang {
                Lang::Nl => cmp.titles.get(m).cloned().unwrap_or_default(),
                Lang::En => en.to_string(),
            };
            cols.push(format!("{}{} {title}", self.mirror, m + 1));
        }
        cols
    }

    /// `tk2021_CU.txt (geschreven als CU)`.
    fn programme(&self, l: &Line, p: &Programme) -> String {
        if p.party_as_written == l.party {
            p.file.clone()
        } else {
            format!("{} ({} {})", p.file, self.written_as, p.party_as_written)
        }
    }

    /// `2021 → 2023`, with the files when an election has two programmes of the party.
    fn step_label(&self, l: &Line, s: &Step) -> String {
        let (a, b) = (&l.programmes[s.from], &l.programmes[s.to]);
        let several = l.steps.iter().any(|o| o != s && (o.from == s.from || o.to == s.to));
        if several {
            format!("{} ({}) → {} ({})", a.year, a.file, b.year, b.file)
        } else {
            format!("{} → {}", a.year, b.year)
        }
    }

    /// The initiative step as one sentence a journalist can quote.
    fn sentence(&self, l: &Line, s: &Step) -> String {
        let (a, b, c) = (&l.programmes[s.from], &l.programmes[s.to], &s.changes[0]);
        let text = self
            .sentence
            .replace("{a} → {b}", &self.step_label(l, s))
            .replace("{x}", &self.num(a.measures[0].share))
            .replace("{y}", &self.num(b.measures[0].share))
            .replace("{d}", &self.signed(c.diff))
            .replace("{lo}", &self.signed(c.low))
            .replace("{hi}", &self.signed(c.high));
        match &c.flipping_rule {
            Some(r) => format!("{text}: {} ({}).", self.verdict(c), self.without_rule.replace("{r}", r)),
            None => format!("{text}: {}.", self.verdict(c)),
        }
    }
}

/// `compare.md`.
pub fn markdown(cmp: &Comparison, lang: Lang) -> String {
    let t = texts(lang);
    let mut out = format!("# {}\n\n{}\n\n{}\n\n", t.title, t.intro, t.method);
    if cmp.lines.is_empty() {
        let _ = writeln!(out, "{}\n", t.nothing);
    }
    for l in &cmp.lines {
        md_line(&mut out, cmp, l, t, lang);
    }
    md_lists(&mut out, cmp, t);
    let _ = writeln!(out, "---\n\ncaleido {} · {} {}", cmp.version, t.rule_set, cmp.rules_label);
    out
}

fn md_line(out: &mut String, cmp: &Comparison, l: &Line, t: &Texts, lang: Lang) {
    let _ = writeln!(out, "## {}\n", md_escape(&t.heading(l)));
    let cols = t.columns(cmp, lang);
    let _ = writeln!(out, "| {} |", cols.iter().map(|c| md_escape(c)).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(out, "|---|---|---:|{}", "---:|".repeat(MEASURES));
    for p in &l.programmes {
        let _ = write!(out, "| {} | {} | {} |", md_escape(&p.year), md_escape(&t.programme(l, p)), t.count(p.words));
        for m in &p.measures {
            let _ = write!(out, " {} |", t.share(m));
        }
        out.push('\n');
    }
    for note in t.several(l) {
        let _ = writeln!(out, "\n{}", md_escape(&note));
    }
    let _ = writeln!(out, "\n{}:\n", t.steps);
    for s in &l.steps {
        let _ = writeln!(out, "- {}", md_escape(&t.sentence(l, s)));
    }
    let _ = writeln!(
        out,
        "\n| {} | {} |",
        md_escape(t.from_to),
        cols[3..].iter().map(|c| md_escape(c)).collect::<Vec<_>>().join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---|".repeat(MEASURES));
    for s in &l.steps {
        let _ = write!(out, "| {} |", md_escape(&t.step_label(l, s)));
        for c in &s.changes {
            let _ = write!(out, " {} |", t.change(c));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}\n", t.legend);
}

fn md_lists(out: &mut String, cmp: &Comparison, t: &Texts) {
    if !cmp.no_year.is_empty() {
        let _ = writeln!(out, "## {}\n", t.no_year);
        for f in &cmp.no_year {
            let _ = writeln!(out, "- `{}`", md_escape(f));
        }
        out.push('\n');
    }
    if !cmp.failed.is_empty() {
        let _ = writeln!(out, "## {}\n", t.failed);
        for (f, why) in &cmp.failed {
            let _ = writeln!(out, "- `{}`: {}", md_escape(f), md_escape(why));
        }
        out.push('\n');
    }
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:72rem;margin:0 auto;\
padding:1rem;line-height:1.45;color:#1a1a1a}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.3rem \
.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}\
.scroll{overflow-x:auto}.clear{font-weight:600}td.step{white-space:nowrap}.hint{color:#555;font-size:.9rem;\
margin:.2rem 0}@media(min-width:72rem){.hint{display:none}}footer{color:#555;font-size:.9rem;margin-top:2rem}";

/// `compare.html`: the same content as one self-contained page.
pub fn html(cmp: &Comparison, lang: Lang) -> String {
    let t = texts(lang);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" \
content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
<p>{}</p>\n<p>{}</p>\n",
        t.lang,
        html_escape(t.title),
        html_escape(t.title),
        html_escape(t.intro),
        html_escape(t.method)
    );
    if cmp.lines.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", html_escape(t.nothing));
    }
    for l in &cmp.lines {
        html_line(&mut out, cmp, l, t, lang);
    }
    for (title, items) in [
        (t.no_year, cmp.no_year.iter().map(|f| (f, None)).collect::<Vec<_>>()),
        (t.failed, cmp.failed.iter().map(|(f, w)| (f, Some(w))).collect()),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html_escape(title));
        for (f, why) in items {
            let why = why.map(|w| format!(": {}", html_escape(w))).unwrap_or_default();
            let _ = writeln!(out, "<li><code>{}</code>{why}</li>", html_escape(f));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<footer>caleido {} · {} {}</footer>\n</body>\n</html>",
        html_escape(&cmp.version),
        t.rule_set,
        html_escape(&cmp.rules_label)
    );
    out
}

fn html_line(out: &mut String, cmp: &Comparison, l: &Line, t: &Texts, lang: Lang) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", html_escape(&t.heading(l)));
    let cols = t.columns(cmp, lang);
    let _ =
        write!(out, "<p class=\"hint\">{}</p>\n<div class=\"scroll\"><table>\n<thead><tr>", html_escape(t.scroll_hint));
    for c in &cols {
        let _ = write!(out, "<th>{}</th>", html_escape(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for p in &l.programmes {
        let (year, file) = (html_escape(&p.year), html_escape(&t.programme(l, p)));
        let _ = write!(out, "<tr><td>{year}</td><td>{file}</td><td class=\"n\">{}</td>", t.count(p.words));
        for m in &p.measures {
            let _ = write!(out, "<td class=\"n\">{}</td>", html_escape(&t.share(m)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    for note in t.several(l) {
        let _ = writeln!(out, "<p>{}</p>", html_escape(&note));
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<ul>", html_escape(t.steps));
    for s in &l.steps {
        let _ = writeln!(out, "<li>{}</li>", html_escape(&t.sentence(l, s)));
    }
    let (hint, from_to) = (html_escape(t.scroll_hint), html_escape(t.from_to));
    let _ = write!(
        out,
        "</ul>\n<p class=\"hint\">{hint}</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>{from_to}</th>"
    );
    for c in &cols[3..] {
        let _ = write!(out, "<th>{}</th>", html_escape(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for s in &l.steps {
        let _ = write!(out, "<tr><td class=\"step\">{}</td>", html_escape(&t.step_label(l, s)));
        for c in &s.changes {
            let class = if c.verdict == Verdict::Clear { "n clear" } else { "n" };
            let _ = write!(out, "<td class=\"{class}\">{}</td>", html_escape(&t.change(c)));
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(out, "</tbody></table></div>\n<p>{}</p>\n</section>", html_escape(t.legend));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_two_decimals_a_sign_and_the_languages_mark() {
        assert_eq!(NL.num(3.4449), "3,44");
        assert_eq!(EN.num(3.44501), "3.45");
        assert_eq!(NL.num(-0.001), "0,00");
        assert_eq!(NL.signed(1.256), "+1,26");
        assert_eq!(NL.signed(-0.004), "−0,00");
        assert_eq!(NL.signed(0.0), "0,00");
        assert_eq!(EN.signed(-2.0), "−2.00");
        assert_eq!(
            (NL.count(33603), EN.count(1234567), NL.count(999)),
            ("33.603".into(), "1,234,567".into(), "999".into())
        );
    }
}
