//! Bar charts of a place's initiative shares as SVG: one wide layout for images (1200x675, rendered to
//! PNG by `report::png`) and one narrow layout for the HTML page, readable on a phone.
//!
//! Readable for any number of parties: value labels with one decimal beyond the bar and its
//! whisker, names shortened (two lines, then an ellipsis, the full name in the label's SVG
//! `<title>`) and never under 12 px in the image; a place with more than [`MAX_BARS`] parties gets
//! several images on one scale (`<place-year>-1.png`, `-2`, ...).

use std::fmt::Write;

use super::html::escape;
use super::options::Lang;
use super::phrases::{group_title, num};
use super::scorecard::Group;

/// Width of the image layout in pixels.
pub const IMAGE_WIDTH: u32 = 1200;
/// Height of the image layout in pixels.
pub const IMAGE_HEIGHT: u32 = 675;
/// The font the charts ask for; `report::png` ships it.
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// Most bars in one image; a place with more parties is split over several images.
pub const MAX_BARS: usize = 25;
/// Smallest font size in the image layout, in pixels at its 1200 px width.
pub const MIN_FONT: u32 = 12;

const BAR: &str = "#2a6f97";
const INK: &str = "#1a1a1a";
const GREY: &str = "#555555";
const GRID: &str = "#d0d0d0";
const BAND: &str = "#f2f5f7";
/// Average advance of a DejaVu Sans character, in ems (a little above the real average, so a
/// name that is taken to fit does fit).
const EM_PER_CHAR: f64 = 0.6;

/// The chart's title line.
pub fn title(g: &Group, lang: Lang) -> String {
    format!("{}: {}", lang.pick("Ruimte voor burgerinitiatief", "Room for citizen initiative"), group_title(g, lang))
}

fn subtitle(lang: Lang) -> &'static str {
    lang.pick(
        "Aandeel van de woorden in zinnen over de vijf spiegels; lijn: 95%-interval (bootstrap)",
        "Share of the words in sentences on the five mirrors; line: 95% interval (bootstrap)",
    )
}

/// The source line printed under the chart.
pub fn source_line(version: &str, rules_label: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("Bron: verkiezingsprogramma's; analyse caleido {version}, regelset {rules_label}"),
        Lang::En => format!("Source: election programmes; analysis caleido {version}, rule set {rules_label}"),
    }
}

/// A share as a value label: one decimal and `%`.
fn value_label(x: f64, lang: Lang) -> String {
    format!("{}%", num(x, 1, lang))
}

/// A horizontal scale from 0 to a round maximum above every share and interval.
struct Scale {
    max: f64,
    step: f64,
    x0: f64,
    width: f64,
}

impl Scale {
    fn new(g: &Group, x0: f64, width: f64) -> Scale {
        let top = g.stability.intervals.iter().map(|i| i.high.max(i.share)).fold(0.0, f64::max);
        let top = g.parties.iter().map(|p| p.score.initiative_pct).fold(top, f64::max);
        let step = [0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0].into_iter().find(|s| s * 6.0 >= top).unwrap_or(20.0);
        let max = (step * (top / step).ceil()).clamp(step, 100.0);
        Scale { max, step, x0, width }
    }

    fn x(&self, pct: f64) -> f64 {
        self.x0 + pct.clamp(0.0, self.max) / self.max * self.width
    }

    fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step).round() as u32;
        (0..=n).map(|i| self.step * f64::from(i)).collect()
    }
}

fn open_svg(out: &mut String, width: u32, height: u32, label: &str, sized: bool) {
    let size = if sized { format!(" width=\"{width}\" height=\"{height}\"") } else { String::new() };
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\"{size} role=\"img\" \
aria-label=\"{}\" font-family=\"{FONT_FAMILY}, sans-serif\">\n<title>{}</title>\n\
<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        escape(label),
        escape(label)
    );
}

fn text(out: &mut String, x: f64, y: f64, size: u32, fill: &str, anchor: &str, body: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" fill=\"{fill}\" text-anchor=\"{anchor}\">{}</text>",
        escape(body)
    );
}

fn grid(out: &mut String, scale: &Scale, top: f64, bottom: f64, size: u32) {
    for t in scale.ticks() {
        let x = scale.x(t);
        let _ =
            writeln!(out, "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"{GRID}\"/>");
        text(out, x, bottom + f64::from(size) + 4.0, size, GREY, "middle", &format!("{}%", pct_short(t)));
    }
}

/// One bar with its interval whisker and value label; `y` is the bar's top. The label stands
/// right of the bar's end or of the whisker, whichever reaches further.
fn bar(out: &mut String, g: &Group, i: usize, scale: &Scale, (y, h): (f64, f64), size: u32, lang: Lang) {
    let share = g.parties[i].score.initiative_pct;
    let end = scale.x(share);
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{BAR}\"/>",
        scale.x0,
        end - scale.x0
    );
    let mut label_x = end;
    if let Some(iv) = g.stability.intervals.get(i) {
        let (lo, hi, mid) = (scale.x(iv.low), scale.x(iv.high), y + h / 2.0);
        let cap = (h / 4.0).max(3.0);
        let _ = writeln!(
            out,
            "<path d=\"M{lo:.1} {mid:.1}H{hi:.1}M{lo:.1} {:.1}V{:.1}M{hi:.1} {:.1}V{:.1}\" stroke=\"{INK}\" \
stroke-width=\"2\" fill=\"none\"/>",
            mid - cap,
            mid + cap,
            mid - cap,
            mid + cap
        );
        label_x = label_x.max(hi + 1.0);
    }
    let baseline = y + h / 2.0 + f64::from(size) * 0.35;
    text(out, label_x + 6.0, baseline, size, INK, "start", &value_label(share, lang));
}

/// How many characters of `size` px fit in `width` px.
fn chars_in(width: f64, size: u32) -> usize {
    (width / (f64::from(size) * EM_PER_CHAR)).floor().max(4.0) as usize
}

/// A name as at most `lines` lines of at most `max` characters: broken at spaces (or hyphens),
/// the last line ellipsized when the name does not fit.
pub fn fit_name(name: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = name.trim();
    while !rest.is_empty() && out.len() + 1 < lines && rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let Some(cut) = head.rfind([' ', '-']).filter(|&c| c > 0) else { break };
        let keep = if head[cut..].starts_with('-') { cut + 1 } else { cut };
        out.push(rest[..keep].trim_end().to_string());
        rest = rest[keep..].trim_start();
    }
    if !rest.is_empty() {
        out.push(shorten(rest, max));
    }
    out
}

/// A party name right-aligned at `x`, vertically centred on `mid`, in as many lines as fit; the
/// full name goes in a `<title>` when it was cut or wrapped.
fn name_label(out: &mut String, name: &str, (x, mid): (f64, f64), size: u32, (max, lines): (usize, usize)) {
    let parts = fit_name(name, max, lines);
    let step = f64::from(size) * 1.15;
    let first = mid + f64::from(size) * 0.35 - step * (parts.len() - 1) as f64 / 2.0;
    let whole = parts.len() == 1 && parts[0] == name;
    if !whole {
        let _ = writeln!(out, "<g><title>{}</title>", escape(name));
    }
    for (k, line) in parts.iter().enumerate() {
        text(out, x, first + step * k as f64, size, INK, "end", line);
    }
    if !whole {
        out.push_str("</g>\n");
    }
}

/// The parties of each image: all of them, or balanced parts of at most [`MAX_BARS`].
pub fn image_parts(parties: usize) -> Vec<std::ops::Range<usize>> {
    let n = parties.max(1);
    let parts = n.div_ceil(MAX_BARS);
    let per = n.div_ceil(parts);
    (0..parts).map(|k| k * per..((k + 1) * per).min(parties)).collect()
}

/// File names (without extension) of a place's images: `heiloo-2026`, or `heiloo-2026-1`,
/// `heiloo-2026-2`, ... when it has more than [`MAX_BARS`] parties.
pub fn image_names(g: &Group) -> Vec<String> {
    let parts = image_parts(g.parties.len());
    if parts.len() == 1 {
        return vec![g.id.clone()];
    }
    (1..=parts.len()).map(|k| format!("{}-{k}", g.id)).collect()
}

/// The wide charts for images, one per part (see [`image_parts`]), all on one scale: rank and
/// party name on the left, bars to the right.
pub fn image_svgs(g: &Group, version: &str, rules_label: &str, lang: Lang) -> Vec<String> {
    let parts = image_parts(g.parties.len());
    let total = parts.len();
    let scale = Scale::new(g, 420.0, 640.0);
    parts
        .into_iter()
        .enumerate()
        .map(|(k, range)| image_part(g, &scale, range, (k, total), version, rules_label, lang))
        .collect()
}

/// The wide chart for an image of a place with at most [`MAX_BARS`] parties.
pub fn image_svg(g: &Group, version: &str, rules_label: &str, lang: Lang) -> String {
    image_svgs(g, version, rules_label, lang).swap_remove(0)
}

fn image_part(
    g: &Group,
    scale: &Scale,
    range: std::ops::Range<usize>,
    (k, total): (usize, usize),
    version: &str,
    rules_label: &str,
    lang: Lang,
) -> String {
    let (w, h) = (IMAGE_WIDTH, IMAGE_HEIGHT);
    let mut heading = title(g, lang);
    if total > 1 {
        let _ = write!(heading, " ({}/{total})", k + 1);
    }
    let mut out = String::new();
    open_svg(&mut out, w, h, &heading, true);
    text(&mut out, 40.0, 58.0, 34, INK, "start", &heading);
    text(&mut out, 40.0, 94.0, 19, GREY, "start", subtitle(lang));
    let (top, bottom) = (125.0, 585.0);
    let rows = range.len().max(1);
    let row = (bottom - top) / rows as f64;
    for j in (1..rows).step_by(2).filter(|_| rows > 10) {
        let y = top + row * j as f64;
        let _ = writeln!(out, "<rect x=\"30\" y=\"{y:.1}\" width=\"1140\" height=\"{row:.1}\" fill=\"{BAND}\"/>");
    }
    grid(&mut out, scale, top, bottom, 16);
    let size = ((row * 0.65).floor() as u32).clamp(MIN_FONT, 22);
    let name_room = scale.x0 - 12.0 - 40.0;
    let lines = if row >= f64::from(size) * 2.4 { 2 } else { 1 };
    let ranks = super::csv::group_ranks(g);
    for (j, i) in range.enumerate() {
        let y = top + row * j as f64;
        let name = format!("{}. {}", ranks[i], g.parties[i].party);
        name_label(&mut out, &name, (scale.x0 - 12.0, y + row / 2.0), size, (chars_in(name_room, size), lines));
        bar(&mut out, g, i, scale, (y + row * 0.2, row * 0.6), size, lang);
    }
    text(&mut out, 40.0, 650.0, 15, GREY, "start", &source_line(version, rules_label, lang));
    out.push_str("</svg>\n");
    out
}

/// The narrow chart for the HTML page: each party's name above its bar; it grows with the
/// number of parties.
pub fn inline_svg(g: &Group, lang: Lang) -> String {
    const W: u32 = 360;
    const ROW: f64 = 46.0;
    let top = 10.0;
    let bottom = top + ROW * g.parties.len() as f64;
    let h = (bottom + 30.0).ceil() as u32;
    let mut out = String::new();
    open_svg(&mut out, W, h, &title(g, lang), false);
    let scale = Scale::new(g, 14.0, 270.0);
    grid(&mut out, &scale, top, bottom, 13);
    let ranks = super::csv::group_ranks(g);
    for (i, p) in g.parties.iter().enumerate() {
        let y = top + ROW * i as f64;
        let name = format!("{}. {}", ranks[i], p.party);
        let short = shorten(&name, chars_in(f64::from(W) - 28.0, 15));
        if short != name {
            let _ = writeln!(out, "<g><title>{}</title>", escape(&p.party));
        }
        text(&mut out, 14.0, y + 16.0, 15, INK, "start", &short);
        if short != name {
            out.push_str("</g>\n");
        }
        bar(&mut out, g, i, &scale, (y + 22.0, 16.0), 14, lang);
    }
    out.push_str("</svg>\n");
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s = s.trim_end().to_string();
    s.push('…');
    s
}

/// A tick value without needless decimals: `12,5`, `25`.
fn pct_short(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocScore;
    use crate::report::scorecard::PartyCard;

    pub(crate) fn sample_group() -> Group {
        let party = |name: &str, pct: f64| PartyCard {
            party: name.into(),
            file: String::new(),
            score: DocScore { initiative_pct: pct, ..Default::default() },
            quotes: vec![],
            evidence: vec![],
        };
        Group {
            place: "Dorp".into(),
            year: "2026".into(),
            parties: vec![party("Groen & <Co>", 12.5), party("Blauw", 3.0)],
            stability: Default::default(),
            id: "dorp-2026".into(),
            copies: vec![],
        }
    }

    #[test]
    fn image_chart_has_title_source_and_escaped_names() {
        let svg = image_svg(&sample_group(), "9.9.9", "set 1 (abc)", Lang::Nl);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\""));
        assert!(svg.contains("Ruimte voor burgerinitiatief: Dorp 2026"));
        assert!(svg.contains("caleido 9.9.9, regelset set 1 (abc)"));
        assert!(svg.contains("Groen &amp; &lt;Co&gt;"));
        assert!(svg.contains(">12,5%<"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn scale_rounds_up_to_a_round_maximum() {
        let s = Scale::new(&sample_group(), 0.0, 100.0);
        assert_eq!((s.max, s.step), (15.0, 5.0));
        assert_eq!(s.ticks(), [0.0, 5.0, 10.0, 15.0]);
        assert_eq!(s.x(7.5), 50.0);
        assert_eq!(pct_short(12.5), "12,5");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
