//! Bar charts of a place's initiative shares as SVG: one wide layout for images (1200x675, rendered to
//! PNG by `report::png`) and one narrow layout for the HTML page, readable on a phone.

use std::fmt::Write;

use super::html::escape;
use super::scorecard::{Group, group_title, pct_nl};

/// Width of the image layout in pixels.
pub const IMAGE_WIDTH: u32 = 1200;
/// Height of the image layout in pixels.
pub const IMAGE_HEIGHT: u32 = 675;
/// The font the charts ask for; `report::png` ships it.
pub const FONT_FAMILY: &str = "DejaVu Sans";

const BAR: &str = "#2a6f97";
const INK: &str = "#1a1a1a";
const GREY: &str = "#555555";
const GRID: &str = "#d0d0d0";

/// The chart's title line.
pub fn title(g: &Group) -> String {
    format!("Ruimte voor burgerinitiatief: {}", group_title(g))
}

const SUBTITLE: &str = "Aandeel van de woorden in zinnen over de vijf spiegels; lijn: 95%-interval (bootstrap)";

/// The source line printed under the chart.
pub fn source_line(version: &str, rules_label: &str) -> String {
    format!("Bron: verkiezingsprogramma's; analyse caleido {version}, regelset {rules_label}")
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

/// One bar with its interval whisker and value label; `y` is the bar's top.
fn bar(out: &mut String, g: &Group, i: usize, scale: &Scale, y: f64, h: f64, size: u32) {
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
        let cap = h / 4.0;
        let _ = writeln!(
            out,
            "<path d=\"M{lo:.1} {mid:.1}H{hi:.1}M{lo:.1} {:.1}V{:.1}M{hi:.1} {:.1}V{:.1}\" stroke=\"{INK}\" \
stroke-width=\"2\" fill=\"none\"/>",
            mid - cap,
            mid + cap,
            mid - cap,
            mid + cap
        );
        label_x = label_x.max(hi);
    }
    text(out, label_x + 8.0, y + h / 2.0 + f64::from(size) * 0.35, size, INK, "start", &format!("{}%", pct_nl(share)));
}

/// The wide chart for an image: party names in a column on the left, bars to the right.
pub fn image_svg(g: &Group, version: &str, rules_label: &str) -> String {
    let (w, h) = (IMAGE_WIDTH, IMAGE_HEIGHT);
    let mut out = String::new();
    open_svg(&mut out, w, h, &title(g), true);
    text(&mut out, 40.0, 58.0, 34, INK, "start", &title(g));
    text(&mut out, 40.0, 94.0, 19, GREY, "start", SUBTITLE);
    let (top, bottom) = (125.0, 585.0);
    let scale = Scale::new(g, 360.0, 700.0);
    grid(&mut out, &scale, top, bottom, 16);
    let n = g.parties.len().max(1);
    let row = (bottom - top) / n as f64;
    let size = (row * 0.45).clamp(9.0, 22.0) as u32;
    for (i, p) in g.parties.iter().enumerate() {
        let y = top + row * i as f64;
        text(&mut out, 345.0, y + row / 2.0 + f64::from(size) * 0.35, size, INK, "end", &shorten(&p.party, 26));
        bar(&mut out, g, i, &scale, y + row * 0.2, row * 0.6, size);
    }
    text(&mut out, 40.0, 650.0, 15, GREY, "start", &source_line(version, rules_label));
    out.push_str("</svg>\n");
    out
}

/// The narrow chart for the HTML page: each party's name above its bar.
pub fn inline_svg(g: &Group) -> String {
    const W: u32 = 360;
    const ROW: f64 = 46.0;
    let top = 10.0;
    let bottom = top + ROW * g.parties.len() as f64;
    let h = (bottom + 30.0).ceil() as u32;
    let mut out = String::new();
    open_svg(&mut out, W, h, &title(g), false);
    let scale = Scale::new(g, 14.0, 270.0);
    grid(&mut out, &scale, top, bottom, 13);
    for (i, p) in g.parties.iter().enumerate() {
        let y = top + ROW * i as f64;
        text(&mut out, 14.0, y + 16.0, 15, INK, "start", &shorten(&p.party, 38));
        bar(&mut out, g, i, &scale, y + 22.0, 16.0, 14);
    }
    out.push_str("</svg>\n");
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
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
        let svg = image_svg(&sample_group(), "9.9.9", "set 1 (abc)");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\""));
        assert!(svg.contains("Ruimte voor burgerinitiatief: Dorp 2026"));
        assert!(svg.contains("caleido 9.9.9, regelset set 1 (abc)"));
        assert!(svg.contains("Groen &amp; &lt;Co&gt;"));
        assert!(svg.contains(">12,50%<"));
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
