//! Font dictionaries mended where pdf-extract 0.12.1 reads them wrongly.
//!
//! Two repairs, both made on the lopdf document before pdf-extract sees it:
//! CID width arrays in the `c_first c_last w` form are expanded, and simple
//! fonts whose `/Encoding` carries `/Differences` lose their embedded CFF
//! program, so that the glyph names the PDF gives decide the text.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Apply every repair of this module to `doc`.
pub fn repair(doc: &mut Document) {
    fix_cid_widths(doc);
    let the_differences_decide = fonts_with_overridden_builtin_encoding(doc);
    for (font, descriptor) in the_differences_decide {
        detach_font_program(doc, font, descriptor);
    }
}

/// Simple fonts with an embedded CFF program (`/FontFile3`), an encoding
/// dictionary with `/Differences` and no `/ToUnicode`: (font, descriptor).
///
/// PDF 32000-1 9.6.6.1: the `/Differences` override the font program's built-in
/// encoding. pdf-extract builds its code-to-text map from the CFF program first
/// and lets a `/Differences` entry in only where that map has a gap, so a subset
/// font that numbers its glyphs 0, 1, 2... comes out as letter salad
/// (`004 70KBW4L045R` for `EEN VERBONDEN SAMENLEVING` in PvdA 2017). Without
/// the program it falls back to the encoding table it builds from the
/// `/BaseEncoding` and the `/Differences`; widths come from `/Widths` either way.
fn fonts_with_overridden_builtin_encoding(doc: &Document) -> Vec<(ObjectId, ObjectId)> {
    let mut found = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        let simple = matches!(font.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Type1" || n == b"MMType1");
        if !simple || font.has(b"ToUnicode") || !has_differences(doc, font) {
            continue;
        }
        if let Ok(Object::Reference(descriptor)) = font.get(b"FontDescriptor")
            && doc.get_dictionary(*descriptor).is_ok_and(|d| d.has(b"FontFile3"))
        {
            found.push((*id, *descriptor));
        }
    }
    found
}

fn has_differences(doc: &Document, font: &Dictionary) -> bool {
    let encoding = match font.get(b"Encoding") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let differences = encoding.and_then(|e| e.get(b"Differences").ok());
    let differences = differences.and_then(|d| doc.dereference(d).ok()).map(|(_, d)| d);
    matches!(differences, Some(Object::Array(a)) if !a.is_empty())
}

/// Point `font` at a copy of its descriptor without the font program (the
/// descriptor may be shared with a font that still needs the program).
fn detach_font_program(doc: &mut Document, font: ObjectId, descriptor: ObjectId) {
    let Ok(mut copy) = doc.get_dictionary(descriptor).cloned() else {
        return;
    };
    copy.remove(b"FontFile3");
    let copy = doc.add_object(copy);
    if let Ok(Object::Dictionary(font)) = doc.get_object_mut(font) {
        font.set("FontDescriptor", Object::Reference(copy));
    }
}

/// Rewrite `/W` arrays of CID fonts into the `c [w1 w2 ...]` form only.
///
/// pdf-extract 0.12.1 misreads the `c_first c_last w` form (it takes both
/// bounds and the width from the same element), so those glyphs fall back to
/// the default width of 1000 and words drift apart or overlap.
fn fix_cid_widths(doc: &mut Document) {
    let mut fixes: Vec<(ObjectId, Vec<Object>)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_cid = matches!(dict.get(b"Subtype"), Ok(Object::Name(n)) if n.starts_with(b"CIDFontType"));
        if !is_cid {
            continue;
        }
        let w = match dict.get(b"W") {
            Ok(Object::Reference(r)) => doc.get_object(*r).ok(),
            Ok(o) => Some(o),
            Err(_) => None,
        };
        if let Some(Object::Array(w)) = w
            && let Some(fixed) = expand_widths(doc, w)
        {
            fixes.push((*id, fixed));
        }
    }
    for (id, fixed) in fixes {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) {
            dict.set("W", Object::Array(fixed));
        }
    }
}

/// The `c [w ...]`-only equivalent of a `/W` array, or `None` if it needs no change.
fn expand_widths(doc: &Document, w: &[Object]) -> Option<Vec<Object>> {
    let num = |o: &Object| match doc.dereference(o).map(|(_, o)| o) {
        Ok(Object::Integer(i)) => Some(*i as f64),
        Ok(Object::Real(r)) => Some(f64::from(*r)),
        _ => None,
    };
    let mut out = Vec::with_capacity(w.len());
    let mut changed = false;
    let mut i = 0;
    while i + 1 < w.len() {
        let first = num(&w[i])?;
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                out.push(w[i].clone());
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            _ => {
                let last = num(&w[i + 1])?;
                let width = num(w.get(i + 2)?)?;
                let count = (last - first + 1.0).clamp(0.0, 65536.0) as usize;
                out.push(Object::Integer(first as i64));
                out.push(Object::Array(vec![Object::Real(width as f32); count]));
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Stream;

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    /// A Type1 font with an embedded CFF program and the given encoding entries.
    fn font_with_program(doc: &mut Document, to_unicode: bool) -> (ObjectId, ObjectId) {
        let program = doc.add_object(Stream::new(Dictionary::new(), vec![1, 0, 4, 1]));
        let mut descriptor = Dictionary::new();
        descriptor.set("FontFile3", Object::Reference(program));
        let descriptor = doc.add_object(descriptor);
        let mut encoding = Dictionary::new();
        encoding.set("Differences", Object::Array(vec![Object::Integer(0), name("space"), name("E")]));
        let mut font = Dictionary::new();
        font.set("Type", name("Font"));
        font.set("Subtype", name("Type1"));
        font.set("Encoding", encoding);
        font.set("FontDescriptor", Object::Reference(descriptor));
        if to_unicode {
            font.set("ToUnicode", Object::Reference(program));
        }
        (doc.add_object(font), descriptor)
    }

    fn has_program(doc: &Document, font: ObjectId) -> bool {
        let font = doc.get_dictionary(font).unwrap();
        let descriptor = font.get(b"FontDescriptor").unwrap().as_reference().unwrap();
        doc.get_dictionary(descriptor).unwrap().has(b"FontFile3")
    }

    #[test]
    fn differences_win_over_the_cff_program() {
        let mut doc = Document::with_version("1.5");
        let (font, descriptor) = font_with_program(&mut doc, false);
        repair(&mut doc);
        assert!(!has_program(&doc, font));
        // The original descriptor is left as it was, for any font sharing it.
        assert!(doc.get_dictionary(descriptor).unwrap().has(b"FontFile3"));
    }

    #[test]
    fn a_font_with_to_unicode_keeps_its_program() {
        let mut doc = Document::with_version("1.5");
        let (font, _) = font_with_program(&mut doc, true);
        repair(&mut doc);
        assert!(has_program(&doc, font));
    }

    #[test]
    fn cid_width_ranges_are_expanded() {
        let doc = Document::with_version("1.5");
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(278)]),
            Object::Integer(19),
            Object::Integer(21),
            Object::Integer(556),
        ];
        let got = expand_widths(&doc, &w).unwrap();
        assert_eq!(got.len(), 4);
        assert_eq!(got[2], Object::Integer(19));
        assert_eq!(got[3].as_array().unwrap().len(), 3);
    }
}
