//! Page layout: glyphs to words and fragments, then fragments to rows in
//! reading order by recursive XY-cut (columns before rows, so multi-column
//! pages and two-up spreads read column by column).

use super::glyphs::Glyph;

/// A run of words on one baseline, drawn contiguously.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Approximate top (baseline minus ascent).
    pub top: f32,
    /// Approximate bottom (baseline plus descent).
    pub bottom: f32,
    /// Baseline.
    pub y: f32,
    /// Median font size.
    pub size: f32,
    /// Words joined by single spaces.
    pub text: String,
    /// Number of non-space glyphs.
    pub chars: usize,
}

/// One visual line in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Text of the line.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub top: f32,
    /// Bottom edge.
    pub bottom: f32,
    /// Baseline of the first fragment.
    pub y: f32,
    /// Dominant font size (by characters).
    pub size: f32,
    /// Number of non-space glyphs.
    pub chars: usize,
    /// Index of the XY-cut leaf the row came from.
    pub block: usize,
}

/// Word gap as a fraction of font size on top of the line's letter spacing.
const WORD_GAP: f32 = 0.15;
/// Gap (in font sizes) that splits a baseline run into two fragments.
const FRAG_GAP: f32 = 1.0;
/// Narrowest gutter (in body sizes) between columns. Lines are whole
/// fragments, so even a narrow clear strip through a region is a gutter.
const COLUMN_GAP: f32 = 0.5;

/// Build fragments from glyphs in content-stream order.
pub fn fragments(glyphs: &[Glyph]) -> Vec<Frag> {
    let mut out = Vec::new();
    let mut run: Vec<&Glyph> = Vec::new();
    let mut scratch = Scratch::default();
    let mut end = f32::MIN;
    for g in glyphs {
        if let Some(last) = run.last() {
            let size = last.size.max(g.size);
            // Fake bold: the same glyph drawn again almost on top of itself.
            if g.text == last.text && (g.x - last.x).abs() < 0.15 * size && (g.y - last.y).abs() < 0.15 * size {
                continue;
            }
            let new_line = (g.y - last.y).abs() > 0.3 * size;
            let backwards = g.x < end - 0.6 * size;
            let far = !g.is_space() && g.x - end > FRAG_GAP * size;
            if new_line || backwards || far {
                push_run(&run, &mut out, &mut scratch);
                run.clear();
            }
        }
        end = if run.is_empty() { g.x + g.w } else { end.max(g.x + g.w) };
        run.push(g);
    }
    push_run(&run, &mut out, &mut scratch);
    out
}

/// Median (upper) of a non-empty slice; reorders it.
fn median(v: &mut [f32]) -> f32 {
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// Buffers for [`push_run`], reused from run to run (a document has tens of thousands).
#[derive(Default)]
struct Scratch {
    /// Whether each glyph of the run is blank.
    space: Vec<bool>,
    /// Values whose median is taken.
    values: Vec<f32>,
}

/// The glyphs of `run` that are not blank (`space` says which are).
fn ink<'a>(run: &'a [&'a Glyph], space: &'a [bool]) -> impl Iterator<Item = &'a Glyph> + 'a {
    run.iter().zip(space).filter(|(_, blank)| !**blank).map(|(g, _)| *g)
}

/// Pairs of adjacent glyphs of `run` that are both not blank.
fn ink_pairs<'a>(run: &'a [&'a Glyph], space: &'a [bool]) -> impl Iterator<Item = (&'a Glyph, &'a Glyph)> + 'a {
    (1..run.len()).filter(|&i| !space[i - 1] && !space[i]).map(|i| (run[i - 1], run[i]))
}

/// Median of the values of `it`, in `values` (emptied first); `None` for fewer than `min`.
fn median_of(values: &mut Vec<f32>, it: impl Iterator<Item = f32>, min: usize) -> Option<f32> {
    values.clear();
    values.extend(it);
    if values.is_empty() || values.len() < min {
        return None;
    }
    // All the same (a run's sizes and baselines nearly always are): nothing to select.
    let first = values[0].to_bits();
    if values.iter().all(|v| v.to_bits() == first) {
        return Some(values[0]);
    }
    Some(median(values))
}

/// Scale factor that corrects the font's advance widths to the glyph
/// positions actually used (some fonts report widths far too large or small).
fn width_ratio(run: &[&Glyph], space: &[bool], values: &mut Vec<f32>) -> f32 {
    let ratios =
        ink_pairs(run, space).filter(|(a, _)| a.w > 0.05 * a.size).map(|(a, b)| (b.x - a.x) / a.w).filter(|r| *r > 0.0);
    values.clear();
    values.extend(ratios);
    // All within 10% of the font's widths (the usual case): so is their median.
    if values.len() < 3 || values.iter().all(|r| (0.9..=1.1).contains(r)) {
        return 1.0;
    }
    let r = median(values);
    if (0.9..=1.1).contains(&r) { 1.0 } else { r.clamp(0.3, 1.5) }
}

/// Median advance width of a text font, in font sizes.
const USUAL_ADVANCE: f32 = 0.5;

/// How much narrower than usual the run's glyphs are (1.0 for ordinary type, down
/// to 0.5): a condensed display face also has narrow spaces, so its word gaps are
/// smaller than `WORD_GAP` font sizes (PvdA 2017's headings: spaces of 0.11 em).
fn condensed(run: &[&Glyph], space: &[bool], ratio: f32, values: &mut Vec<f32>) -> f32 {
    let advances = ink(run, space).map(|g| g.w * ratio / g.size.max(0.01));
    median_of(values, advances, 3).map_or(1.0, |m| (m / USUAL_ADVANCE).clamp(0.5, 1.0))
}

/// Turn one run into a fragment, splitting words at spaces and wide gaps.
fn push_run(run: &[&Glyph], out: &mut Vec<Frag>, scratch: &mut Scratch) {
    let Scratch { space, values } = scratch;
    space.clear();
    space.extend(run.iter().map(|g| g.is_space()));
    let chars = space.iter().filter(|blank| !**blank).count();
    if chars == 0 {
        return;
    }
    let size = median_of(values, ink(run, space).map(|g| g.size), 1).unwrap_or_default();
    let ratio = width_ratio(run, space, values);
    let end = |g: &Glyph| g.x + g.w * ratio;
    // Letter spacing of this run: the median gap between adjacent ink glyphs.
    let gaps = ink_pairs(run, space).map(|(a, b)| b.x - end(a));
    let track = median_of(values, gaps, 3).map_or(0.0, |m| m.clamp(-0.1 * size, 0.6 * size));
    let threshold = track + WORD_GAP * size * condensed(run, space, ratio, values);
    // Room for every glyph's text and a space after each: the text never grows.
    let mut text = String::with_capacity(run.iter().map(|g| g.text.len() + 1).sum());
    let mut pending_space = false;
    let mut prev: Option<&Glyph> = None;
    for (g, &blank) in run.iter().zip(space.iter()) {
        if blank {
            pending_space = true;
            continue;
        }
        if let Some(p) = prev {
            let gap = g.x - end(p);
            if (pending_space || gap > threshold) && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        pending_space = false;
        text.push_str(&g.text);
        prev = Some(g);
    }
    let x0 = ink(run, space).map(|g| g.x).fold(f32::MAX, f32::min);
    let x1 = ink(run, space).map(end).fold(f32::MIN, f32::max);
    let y = median_of(values, ink(run, space).map(|g| g.y), 1).unwrap_or_default();
    out.push(Frag { x0, x1: x1.max(x0 + 0.1), top: y - 0.75 * size, bottom: y + 0.22 * size, y, size, text, chars });
}

/// Order fragments into rows: XY-cut into leaves, then rows per leaf.
pub fn reading_order(frags: &[Frag], body: f32) -> Vec<Row> {
    let mut leaves = Vec::new();
    let ids: Vec<usize> = (0..frags.len()).collect();
    xy_cut(frags, ids, body, &mut leaves);
    let mut rows = Vec::new();
    for (block, leaf) in leaves.into_iter().enumerate() {
        leaf_rows(frags, leaf, block, &mut rows);
    }
    rows
}

/// Largest gap in the projection of `ids` onto one axis: (gap, split index into sorted ids).
fn best_gap(
    frags: &[Frag],
    ids: &mut [usize],
    lo: impl Fn(&Frag) -> f32,
    hi: impl Fn(&Frag) -> f32,
) -> Option<(f32, usize)> {
    ids.sort_by(|&a, &b| lo(&frags[a]).total_cmp(&lo(&frags[b])));
    let mut reach = hi(&frags[ids[0]]);
    let mut best: Option<(f32, usize)> = None;
    for (i, &id) in ids.iter().enumerate().skip(1) {
        let gap = lo(&frags[id]) - reach;
        if gap > 0.0 && best.is_none_or(|(g, _)| gap > g) {
            best = Some((gap, i));
        }
        reach = reach.max(hi(&frags[id]));
    }
    best
}

fn extent(frags: &[Frag], ids: &[usize]) -> f32 {
    let x0 = ids.iter().map(|&i| frags[i].x0).fold(f32::MAX, f32::min);
    let x1 = ids.iter().map(|&i| frags[i].x1).fold(f32::MIN, f32::max);
    x1 - x0
}

/// Recursive XY-cut. Prefers a vertical cut (a gutter at least half a body size
/// wide with text of some width on both sides); otherwise cuts at the widest
/// horizontal gap; a region without gaps becomes a leaf.
fn xy_cut(frags: &[Frag], mut ids: Vec<usize>, body: f32, leaves: &mut Vec<Vec<usize>>) {
    if ids.len() <= 1 {
        if !ids.is_empty() {
            leaves.push(ids);
        }
        return;
    }
    if let Some((gap, at)) = best_gap(frags, &mut ids, |f| f.x0, |f| f.x1) {
        let (left, right) = ids.split_at(at);
        if gap >= COLUMN_GAP * body
            && extent(frags, left) >= 2.5 * body
            && extent(frags, right) >= 2.5 * body
            && !single_row(frags, &ids)
        {
            let right = right.to_vec();
            ids.truncate(at);
            xy_cut(frags, ids, body, leaves);
            xy_cut(frags, right, body, leaves);
            return;
        }
    }
    if let Some((_, at)) = best_gap(frags, &mut ids, |f| f.top, |f| f.bottom) {
        let below = ids.split_off(at);
        xy_cut(frags, ids, body, leaves);
        xy_cut(frags, below, body, leaves);
        return;
    }
    leaves.push(ids);
}

/// Whether all fragments sit on one baseline (then a gap is just a wide space).
fn single_row(frags: &[Frag], ids: &[usize]) -> bool {
    let first = &frags[ids[0]];
    ids.iter().all(|&i| (frags[i].y - first.y).abs() < 0.5 * first.size.min(frags[i].size))
}

/// Group a leaf's fragments into rows by baseline, left to right.
fn leaf_rows(frags: &[Frag], mut ids: Vec<usize>, block: usize, rows: &mut Vec<Row>) {
    ids.sort_by(|&a, &b| frags[a].y.total_cmp(&frags[b].y));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for id in ids {
        let f = &frags[id];
        let joins = groups.last().is_some_and(|g| {
            let r = &frags[g[0]];
            let overlap = f.bottom.min(r.bottom) - f.top.max(r.top);
            let h = (f.bottom - f.top).min(r.bottom - r.top);
            let similar = f.size.max(r.size) < 1.5 * f.size.min(r.size);
            (f.y - r.y).abs() < 0.4 * f.size.min(r.size) || (similar && overlap > 0.6 * h)
        });
        match groups.last_mut() {
            Some(g) if joins => g.push(id),
            _ => groups.push(vec![id]),
        }
    }
    for mut g in groups {
        g.sort_by(|&a, &b| frags[a].x0.total_cmp(&frags[b].x0));
        let mut text = String::new();
        let mut prev: Option<&Frag> = None;
        let mut chars = 0;
        let mut size_weight: Vec<(f32, usize)> = Vec::new();
        for &id in &g {
            let f = &frags[id];
            if let Some(p) = prev
                && (f.x0 - p.x1 > 0.15 * f.size.min(p.size) || f.x0 < p.x0 + 0.01)
            {
                text.push(' ');
            }
            text.push_str(&f.text);
            chars += f.chars;
            size_weight.push((f.size, f.chars));
            prev = Some(f);
        }
        let size = size_weight.iter().max_by_key(|(_, c)| *c).map(|(s, _)| *s).unwrap_or(0.0);
        let first = &frags[g[0]];
        rows.push(Row {
            text,
            x0: g.iter().map(|&i| frags[i].x0).fold(f32::MAX, f32::min),
            x1: g.iter().map(|&i| frags[i].x1).fold(f32::MIN, f32::max),
            top: g.iter().map(|&i| frags[i].top).fold(f32::MAX, f32::min),
            bottom: g.iter().map(|&i| frags[i].bottom).fold(f32::MIN, f32::max),
            y: first.y,
            size,
            chars,
            block,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` starting at `x` on baseline `y`, with `gap` extra
    /// spacing between letters and `space` extra after each word.
    fn glyphs(text: &str, x: f32, y: f32, size: f32, track: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let w = 0.5 * size;
            if c == ' ' {
                x += 0.3 * size + track;
                continue;
            }
            out.push(Glyph { x, y, w, size, text: c.to_string().into() });
            x += w + track;
        }
        out
    }

    fn frag(text: &str, x0: f32, x1: f32, y: f32) -> Frag {
        Frag { x0, x1, top: y - 7.5, bottom: y + 2.2, y, size: 10.0, text: text.into(), chars: text.len() }
    }

    #[test]
    fn letter_spaced_heading_keeps_words_whole() {
        // Tracking of 0.15 em would make a naive 0.1 em rule split every letter.
        let g = glyphs("Kunst investeringszone nu", 0.0, 50.0, 20.0, 3.0);
        let f = fragments(&g);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "Kunst investeringszone nu");
    }

    #[test]
    fn explicit_space_glyphs_and_positioned_words() {
        let mut g = glyphs("de", 0.0, 10.0, 10.0, 0.0);
        g.push(Glyph { x: 10.0, y: 10.0, w: 2.5, size: 10.0, text: " ".into() });
        g.extend(glyphs("stad", 12.5, 10.0, 10.0, 0.0));
        g.extend(glyphs("leeft", 35.5, 10.0, 10.0, 0.0));
        let f = fragments(&g);
        assert_eq!(f[0].text, "de stad leeft");
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let mut g = glyphs("ab", 0.0, 10.0, 10.0, 0.0);
        let mut dup = g.clone();
        for d in &mut dup {
            d.x += 0.3;
        }
        g = vec![g[0].clone(), dup[0].clone(), g[1].clone(), dup[1].clone()];
        assert_eq!(fragments(&g)[0].text, "ab");
    }

    #[test]
    fn wide_gap_splits_fragments() {
        let mut g = glyphs("links", 0.0, 10.0, 10.0, 0.0);
        g.extend(glyphs("rechts", 300.0, 10.0, 10.0, 0.0));
        let f = fragments(&g);
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn two_columns_read_column_by_column() {
        let mut frags = vec![frag("Titel over de hele breedte", 50.0, 550.0, 40.0)];
        for i in 0..5 {
            let y = 100.0 + 12.0 * i as f32;
            frags.push(frag(&format!("links {i}"), 50.0, 280.0, y));
            frags.push(frag(&format!("rechts {i}"), 300.0, 550.0, y));
        }
        frags.push(frag("voettekst over de hele breedte", 50.0, 550.0, 800.0));
        let rows = reading_order(&frags, 10.0);
        let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts[0], "Titel over de hele breedte");
        assert_eq!(&texts[1..6], ["links 0", "links 1", "links 2", "links 3", "links 4"]);
        assert_eq!(texts[6], "rechts 0");
        assert_eq!(texts[11], "voettekst over de hele breedte");
    }

    #[test]
    fn bullets_stay_on_their_line() {
        let mut frags = Vec::new();
        for i in 0..3 {
            let y = 100.0 + 12.0 * i as f32;
            frags.push(frag("•", 50.0, 53.0, y));
            frags.push(frag(&format!("punt {i}"), 65.0, 300.0, y));
        }
        let rows = reading_order(&frags, 10.0);
        let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["• punt 0", "• punt 1", "• punt 2"]);
    }
}
