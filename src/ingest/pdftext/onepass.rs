//! One-pass rendering: all pages as form XObjects of a single synthetic page.
//!
//! pdf-extract rebuilds every font (and re-parses its ToUnicode CMap) on every
//! page, which dominates its run time on typical programmes. Here each page's
//! content becomes a form XObject of one synthetic page, so pdf-extract's font
//! cache lives across pages. Font resource names are made unique per font
//! object (`/F12_0`) and `Tf` operands in the content are rewritten to match,
//! so the cache can never confuse two fonts that share a name on different
//! pages. Between pages the synthetic page strokes a degenerate path whose
//! matrix carries the page index; the glyph collector uses it as page break.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// `f` of the degenerate page-marker matrix `[0 0 0 0 index MARK_F]`.
pub const MARK_F: f64 = -7777.25;

/// Page number and media box (llx, lly, urx, ury) of every page, in order.
pub type Boxes = Vec<(u32, (f64, f64, f64, f64))>;

/// Follow a reference (one level is enough for resources).
fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// An inherited page attribute (walks `/Parent`, with a depth limit against cycles).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return Some(deref(doc, v));
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn media_box(doc: &Document, page: &Dictionary) -> (f64, f64, f64, f64) {
    let num = |o: &Object| match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    };
    inherited(doc, page, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .filter(|a| a.len() == 4)
        .and_then(|a| Some((num(&a[0])?, num(&a[1])?, num(&a[2])?, num(&a[3])?)))
        .unwrap_or((0.0, 0.0, 612.0, 792.0))
}

/// Old name -> unique name for every font in `fonts`, plus the widened dict.
fn unique_fonts(fonts: &Dictionary, scope: &str) -> (HashMap<Vec<u8>, Vec<u8>>, Dictionary) {
    let mut map = HashMap::new();
    let mut widened = fonts.clone();
    for (name, value) in fonts.iter() {
        let new = match value {
            Object::Reference(id) => format!("F{}_{}", id.0, id.1),
            _ => format!("{scope}_{}", String::from_utf8_lossy(name)),
        };
        map.insert(name.clone(), new.clone().into_bytes());
        widened.set(new, value.clone());
    }
    (map, widened)
}

/// Class of every byte for the scan below: 1 white space, 2 delimiter, 0 anything else.
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let ws = b" \n\r\t\x0c\0";
    let mut i = 0;
    while i < ws.len() {
        class[ws[i] as usize] = 1;
        i += 1;
    }
    let delims = b"()<>[]{}/%";
    let mut i = 0;
    while i < delims.len() {
        class[delims[i] as usize] = 2;
        i += 1;
    }
    class
};

fn is_ws(b: u8) -> bool {
    CLASS[b as usize] == 1
}

fn is_delim(b: u8) -> bool {
    CLASS[b as usize] != 0
}

/// Operators pdf-extract needs for text; everything else (paths, colours,
/// shading, images, ExtGState; and what pdf-extract parses and then ignores:
/// marked content with its property dictionaries, the rendering mode `Tr`) is dropped from content streams before it parses them.
fn is_text_op(op: &[u8]) -> bool {
    matches!(
        op,
        b"BT"
            | b"ET"
            | b"Tf"
            | b"Td"
            | b"TD"
            | b"Tm"
            | b"T*"
            | b"Tj"
            | b"TJ"
            | b"'"
            | b"\""
            | b"Tc"
            | b"Tw"
            | b"Tz"
            | b"TL"
            | b"Ts"
            | b"q"
            | b"Q"
            | b"cm"
            | b"Do"
    )
}

/// End of the literal string starting at `i` (which is `(`).
pub(super) fn skip_string(c: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < c.len() {
        match c[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    c.len()
}

/// End of the token starting at `i` (not whitespace).
fn skip_token(c: &[u8], i: usize) -> usize {
    match c[i] {
        b'(' => skip_string(c, i),
        b'<' if c.get(i + 1) == Some(&b'<') => skip_nested(c, i, b"<<", b">>"),
        b'<' => c[i..].iter().position(|&b| b == b'>').map_or(c.len(), |p| i + p + 1),
        b'[' => skip_array(c, i),
        b'/' => {
            let mut j = i + 1;
            while j < c.len() && !is_delim(c[j]) {
                j += 1;
            }
            j
        }
        b')' | b'>' | b']' | b'{' | b'}' => i + 1,
        _ => {
            let mut j = i;
            while j < c.len() && !is_delim(c[j]) {
                j += 1;
            }
            j.max(i + 1)
        }
    }
}

/// End of a bracketed structure (arrays, dictionaries) with strings inside.
fn skip_nested(c: &[u8], mut i: usize, open: &[u8], close: &[u8]) -> usize {
    let mut depth = 0usize;
    while i < c.len() {
        if c[i..].starts_with(open) {
            depth += 1;
            i += open.len();
        } else if c[i..].starts_with(close) {
            depth -= 1;
            i += close.len();
            if depth == 0 {
                return i;
            }
        } else if c[i] == b'(' {
            i = skip_string(c, i);
        } else {
            i += 1;
        }
    }
    c.len()
}

/// End of the array starting at `i` (which is `[`): [`skip_nested`] for one-byte brackets, a
/// byte at a time (`TJ` arrays are most of what a content stream holds).
fn skip_array(c: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < c.len() {
        match c[i] {
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return i;
                }
            }
            b'(' => i = skip_string(c, i),
            _ => i += 1,
        }
    }
    c.len()
}

/// Position after the `EI` that ends an inline image whose data starts at `i`.
fn skip_inline_image(c: &[u8], mut i: usize) -> usize {
    while i + 2 <= c.len() {
        if c[i..].starts_with(b"EI") && i > 0 && is_ws(c[i - 1]) && c.get(i + 2).is_none_or(|&b| is_delim(b)) {
            return i + 2;
        }
        i += 1;
    }
    c.len()
}

fn is_operator(tok: &[u8]) -> bool {
    let first = tok[0];
    !(first.is_ascii_digit()
        || matches!(first, b'+' | b'-' | b'.' | b'/' | b'(' | b'<' | b'[')
        || tok == b"true"
        || tok == b"false"
        || tok == b"null")
}

/// Keep only text-related operators of a content stream and rename the font
/// operands of `Tf` through `fonts`.
pub fn text_only(c: &[u8], fonts: &HashMap<Vec<u8>, Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::with_capacity(c.len() / 2);
    let mut i = 0;
    let mut op_start = 0;
    let mut last_name: Option<(usize, usize)> = None;
    while i < c.len() {
        let b = c[i];
        if is_ws(b) {
            i += 1;
            continue;
        }
        if b == b'%' {
            while i < c.len() && c[i] != b'\n' && c[i] != b'\r' {
                i += 1;
            }
            continue;
        }
        let end = skip_token(c, i);
        let tok = &c[i..end];
        if b == b'/' {
            last_name = Some((i + 1, end));
        }
        if !is_operator(tok) {
            i = end;
            continue;
        }
        if tok == b"BI" {
            let data = c[end..].windows(2).position(|w| w == b"ID").map_or(c.len(), |p| end + p + 2);
            i = skip_inline_image(c, data);
            op_start = i;
            last_name = None;
            continue;
        }
        if is_text_op(tok) {
            match (tok, last_name) {
                (b"Tf", Some((ns, ne))) if fonts.contains_key(&c[ns..ne]) => {
                    out.extend_from_slice(&c[op_start..ns]);
                    out.extend_from_slice(&fonts[&c[ns..ne]]);
                    out.extend_from_slice(&c[ne..end]);
                }
                _ => out.extend_from_slice(&c[op_start..end]),
            }
            out.push(b'\n');
        }
        i = end;
        op_start = end;
        last_name = None;
    }
    out
}

/// Give fonts of form XObjects with own resources unique names (in place).
fn rename_in_forms(doc: &mut Document) {
    let forms: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            matches!(o, Object::Stream(s)
                if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form"))
        })
        .map(|(id, _)| *id)
        .collect();
    for id in forms {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let Some(resources) = stream.dict.get(b"Resources").ok().map(|r| deref(doc, r)) else {
            continue;
        };
        let Some(fonts) =
            resources.as_dict().ok().and_then(|r| r.get(b"Font").ok()).and_then(|f| deref(doc, f).as_dict().ok())
        else {
            continue;
        };
        let (map, widened) = unique_fonts(fonts, &format!("X{}_{}", id.0, id.1));
        let content = match stream.decompressed_content() {
            Ok(c) => c,
            Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
            Err(_) => continue,
        };
        let renamed = text_only(&content, &map);
        let mut resources = resources.as_dict().cloned().unwrap_or_default();
        resources.set("Font", widened);
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.dict.set("Resources", resources);
            stream.set_content(renamed);
        }
    }
}

/// Build the synthetic page and make it the document's only page.
/// Returns the media boxes of the real pages and the original `/Pages` value.
pub fn build(doc: &mut Document, pages: &BTreeMap<u32, ObjectId>) -> Option<(Boxes, Object)> {
    let old_pages = doc.catalog().ok()?.get(b"Pages").ok()?.clone();
    rename_in_forms(doc);
    let mut boxes = Vec::with_capacity(pages.len());
    let mut xobjects = Dictionary::new();
    let mut content = Vec::new();
    for (k, (&number, &page_id)) in pages.iter().enumerate() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            boxes.push((number, (0.0, 0.0, 612.0, 792.0)));
            continue;
        };
        let mb = media_box(doc, page);
        boxes.push((number, mb));
        let mut resources =
            inherited(doc, page, b"Resources").and_then(|r| r.as_dict().ok()).cloned().unwrap_or_default();
        let fonts = resources.get(b"Font").ok().and_then(|f| deref(doc, f).as_dict().ok()).cloned();
        let page_content = doc.get_page_content(page_id).unwrap_or_default();
        let page_content = match fonts {
            Some(fonts) => {
                let (map, widened) = unique_fonts(&fonts, &format!("P{k}"));
                resources.set("Font", widened);
                text_only(&page_content, &map)
            }
            None => text_only(&page_content, &HashMap::new()),
        };
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set("Resources", resources);
        let xid = doc.add_object(Stream::new(dict, page_content));
        xobjects.set(format!("P{k}"), Object::Reference(xid));
        content.extend_from_slice(format!("q 0 0 0 0 {k} {MARK_F} cm 0 0 m 1 1 l S Q /P{k} Do\n").as_bytes());
    }
    let mut resources = Dictionary::new();
    resources.set("XObject", xobjects);
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
    let pages_id = doc.new_object_id();
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    page.set("MediaBox", Object::Array(vec![0.into(), 0.into(), 1.into(), 1.into()]));
    page.set("Resources", resources);
    page.set("Contents", Object::Reference(content_id));
    let page_id = doc.add_object(page);
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
    tree.set("Count", 1);
    doc.objects.insert(pages_id, Object::Dictionary(tree));
    doc.catalog_mut().ok()?.set("Pages", Object::Reference(pages_id));
    Some((boxes, old_pages))
}

/// Put the original page tree back (for the page-by-page fallback).
pub fn restore(doc: &mut Document, old_pages: Object) {
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Pages", old_pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_end_where_the_generic_scan_ends_them() {
        for c in [&b"[(a)-250(b\\))] TJ"[..], b"[[1] (]) [2]] x", b"[(a", b"[1 2", b"[]"] {
            assert_eq!(skip_array(c, 0), skip_nested(c, 0, b"[", b"]"), "{}", String::from_utf8_lossy(c));
        }
        assert_eq!(skip_array(b"[[1] (]) [2]] x", 0), 13);
    }

    #[test]
    fn tf_operands_are_renamed_and_graphics_dropped() {
        let mut map = HashMap::new();
        map.insert(b"F1".to_vec(), b"F12_0".to_vec());
        let content = b"q 1 0 0 RG 0 0 m 10 10 l S BT /F1 9.5 Tf (x /F1 \\) Tf) Tj [(a)-250(b)] TJ ET\n\
BI /W 2 /H 1 ID \x00EI\xff EI Q /GS0 gs <</MCID 3>> BDC EMC % comment Tj\n";
        let got = text_only(content, &map);
        assert_eq!(
            String::from_utf8_lossy(&got),
            "q\n BT\n /F12_0 9.5 Tf\n (x /F1 \\) Tf) Tj\n [(a)-250(b)] TJ\n ET\n Q\n"
        );
    }
}
