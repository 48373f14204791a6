//! Glyph collection: a pdf-extract `OutputDev` that records every glyph with its position.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, Transform};

use super::onepass::{Boxes, MARK_F};

/// One glyph as drawn on the page, in top-down page coordinates (points).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge of the glyph origin along the baseline.
    pub x: f32,
    /// Baseline position, growing downwards.
    pub y: f32,
    /// Advance width.
    pub w: f32,
    /// Effective font size (text size times the scaling of the current matrix).
    pub size: f32,
    /// Decoded text (usually one character, sometimes a ligature or nothing).
    pub text: GlyphText,
}

impl Glyph {
    /// Whether the glyph is blank (space or other whitespace only).
    pub fn is_space(&self) -> bool {
        match &self.text {
            // The usual case, one ASCII character, without decoding.
            GlyphText::Inline { len: 1, bytes } if bytes[0].is_ascii() => char::from(bytes[0]).is_whitespace(),
            text => text.chars().all(char::is_whitespace),
        }
    }
}

/// Bytes of text a [`GlyphText`] holds without a heap allocation.
const INLINE: usize = 15;

/// A glyph's text: inline up to [`INLINE`] bytes (nearly always one character), else on the heap,
/// so that the millions of glyphs of a batch cost no allocation each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlyphText {
    /// Short text: `len` bytes of `bytes`, valid UTF-8.
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Longer text.
    Heap(Box<str>),
}

impl From<&str> for GlyphText {
    fn from(text: &str) -> Self {
        if text.len() > INLINE {
            return GlyphText::Heap(text.into());
        }
        let mut bytes = [0; INLINE];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        GlyphText::Inline { len: text.len() as u8, bytes }
    }
}

impl From<String> for GlyphText {
    fn from(text: String) -> Self {
        GlyphText::from(text.as_str())
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // Only `From<&str>` builds it, from a whole `str`.
            GlyphText::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default(),
            GlyphText::Heap(text) => text,
        }
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

/// The raw glyphs of one page plus its box, after rotation to upright text.
#[derive(Debug, Clone, Default)]
pub struct RawPage {
    /// 1-based page number.
    pub number: u32,
    /// Page box as (x0, y0, x1, y1) in the same coordinates as the glyphs.
    pub bbox: (f32, f32, f32, f32),
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
}

/// The glyphs of a page before orientation normalisation, each with its direction, a quarter
/// turn 0..=3 (kept apart, so that a page of upright text is handed on without a copy).
#[derive(Default)]
struct Oriented {
    glyphs: Vec<Glyph>,
    dirs: Vec<u8>,
    counts: [usize; 4],
}

impl Oriented {
    fn push(&mut self, glyph: Glyph, dir: u8) {
        self.glyphs.push(glyph);
        self.dirs.push(dir);
        self.counts[dir as usize] += 1;
    }

    fn clear(&mut self) {
        self.glyphs.clear();
        self.dirs.clear();
        self.counts = [0; 4];
    }
}

/// Collects glyphs of every page it is shown.
#[derive(Default)]
pub struct Collector {
    /// Finished pages.
    pub pages: Vec<RawPage>,
    current: Oriented,
    number: u32,
    media: (f64, f64, f64, f64),
    /// Set in one-pass mode: pages start at marker strokes, not at `begin_page`.
    boxes: Option<Boxes>,
}

impl Collector {
    /// A collector for the synthetic page of [`super::onepass`].
    pub fn one_pass(boxes: Boxes) -> Self {
        Collector { boxes: Some(boxes), ..Collector::default() }
    }

    /// Switch to ordinary page-by-page collection.
    pub fn page_by_page(&mut self) {
        self.boxes = None;
    }

    /// Finish a page that failed half way (keeps what was collected).
    pub fn abort_page(&mut self) {
        if self.number != 0 {
            self.finish();
        }
    }

    fn finish(&mut self) {
        // The next page starts with room for as many glyphs as this one had.
        let room = self.current.glyphs.len();
        let oriented = std::mem::replace(
            &mut self.current,
            Oriented { glyphs: Vec::with_capacity(room), dirs: Vec::with_capacity(room), counts: [0; 4] },
        );
        let (llx, lly, urx, ury) = self.media;
        let h = ury - lly;
        // Same flip as pdf-extract: y' = (ury - lly) - y.
        let bbox = (llx as f32, (h - ury) as f32, urx as f32, (h - lly) as f32);
        self.pages.push(upright(self.number, bbox, oriented));
        self.number = 0;
    }
}

/// Keep the glyphs of the dominant text direction and rotate them upright.
fn upright(number: u32, bbox: (f32, f32, f32, f32), page: Oriented) -> RawPage {
    let counts = page.counts;
    let dir = (0..4).max_by_key(|&d| (counts[d], d == 0)).unwrap_or(0) as u8;
    let rot = |x: f32, y: f32| -> (f32, f32) {
        match dir {
            1 => (y, -x),
            2 => (-x, -y),
            3 => (-y, x),
            _ => (x, y),
        }
    };
    let (a, b) = (rot(bbox.0, bbox.1), rot(bbox.2, bbox.3));
    let bbox = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
    if counts[dir as usize] == page.glyphs.len() && dir == 0 {
        // All upright: nothing to drop or turn.
        return RawPage { number, bbox, glyphs: page.glyphs };
    }
    let glyphs = page
        .glyphs
        .into_iter()
        .zip(page.dirs)
        .filter(|(_, d)| *d == dir)
        .map(|(g, _)| {
            let (x, y) = rot(g.x, g.y);
            Glyph { x, y, ..g }
        })
        .collect();
    RawPage { number, bbox, glyphs }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if self.boxes.is_some() {
            return Ok(());
        }
        self.number = page_num;
        self.media = (media_box.llx, media_box.lly, media_box.urx, media_box.ury);
        self.current.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if self.number != 0 {
            self.finish();
        }
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        _path: &Path,
    ) -> Result<(), OutputError> {
        let Some(boxes) = &self.boxes else {
            return Ok(());
        };
        let degenerate = ctm.m11 == 0.0 && ctm.m12 == 0.0 && ctm.m21 == 0.0 && ctm.m22 == 0.0;
        if !degenerate || (ctm.m32 - MARK_F).abs() > 1e-6 || ctm.m31 < 0.0 {
            return Ok(());
        }
        let Some(&(number, media)) = boxes.get(ctm.m31 as usize) else {
            return Ok(());
        };
        if self.number != 0 {
            self.finish();
        }
        self.number = number;
        self.media = media;
        self.current.clear();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if char.is_empty() || self.number == 0 {
            return Ok(());
        }
        let h = self.media.3 - self.media.1;
        // Direction of the baseline in top-down coordinates.
        let (dx, dy) = (trm.m11, -trm.m12);
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        if !size.is_finite() || !(0.5..=2000.0).contains(&size) {
            return Ok(());
        }
        let (x, y) = (trm.m31, h - trm.m32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let dir = if dx.abs() >= dy.abs() {
            if dx >= 0.0 { 0 } else { 2 }
        } else if dy >= 0.0 {
            1
        } else {
            3
        };
        let w = (width * size).clamp(0.0, size * 4.0);
        self.current.push(Glyph { x: x as f32, y: y as f32, w: w as f32, size: size as f32, text: char.into() }, dir);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oriented(glyphs: &[(f32, f32, u8)]) -> Oriented {
        let mut page = Oriented::default();
        for &(x, y, dir) in glyphs {
            page.push(Glyph { x, y, w: 5.0, size: 10.0, text: "a".into() }, dir);
        }
        page
    }

    #[test]
    fn upright_pages_keep_their_glyphs_in_order() {
        let page = upright(2, (0.0, 200.0, 100.0, 0.0), oriented(&[(10.0, 10.0, 0), (5.0, 20.0, 0)]));
        assert_eq!(page.glyphs.iter().map(|g| (g.x, g.y)).collect::<Vec<_>>(), vec![(10.0, 10.0), (5.0, 20.0)]);
        assert_eq!(page.bbox, (0.0, 0.0, 100.0, 200.0));
    }

    #[test]
    fn rotated_pages_are_turned_upright_and_minority_directions_dropped() {
        let page = upright(1, (0.0, 0.0, 100.0, 200.0), oriented(&[(10.0, 10.0, 1), (10.0, 20.0, 1), (50.0, 50.0, 0)]));
        assert_eq!(page.glyphs.len(), 2);
        // Text running down the page becomes text running right.
        assert!(page.glyphs[1].x > page.glyphs[0].x);
        assert_eq!(page.glyphs[0].y, page.glyphs[1].y);
    }
}
