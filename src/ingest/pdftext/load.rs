//! Loading a document with lopdf and slimming it for text extraction.
//!
//! Text needs no colour and no pixels, so before pdf-extract sees the document
//! image streams are emptied, colour-space resources are replaced by
//! `/DeviceRGB` (pdf-extract would otherwise inflate ICC profiles on every
//! `cs`/`CS` operator), unused TrueType font programs are dropped, font
//! programs pdf-extract does parse are inflated once, and cycles between form
//! XObjects are broken (pdf-extract would recurse until the stack overflows).
//! Font dictionaries pdf-extract misreads are mended in `fonts`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

use super::PdfError;
use super::{encrypt, fonts, recover};

/// Load `bytes`, decrypting with the empty password, and fall back to xref recovery.
pub fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") && !recover::has_objects(bytes) {
        return Err(PdfError::NotAPdf);
    }
    let mut doc = match load_lean(bytes) {
        Ok(doc) => match encrypt::mend(bytes, &doc) {
            Some(mended) => load_lean(&mended).map_err(|err| match is_password_error(&err) {
                true => PdfError::Encrypted,
                false => PdfError::Damaged(err.to_string()),
            })?,
            None => doc,
        },
        Err(err) if is_password_error(&err) => return Err(PdfError::Encrypted),
        Err(err) => {
            let reason = err.to_string();
            recover::reload(bytes).ok_or(PdfError::Damaged(reason))?
        }
    };
    if doc.is_encrypted() {
        // lopdf already tried the empty user password while loading.
        if doc.decrypt("").is_err() {
            return Err(PdfError::Encrypted);
        }
    }
    recover::ensure_root(&mut doc);
    Ok(doc)
}

/// lopdf's `load_mem`, with each object slimmed as it is read ([`lean_object`]).
fn load_lean(bytes: &[u8]) -> lopdf::Result<Document> {
    Document::load_mem_with_options(bytes, LoadOptions::with_filter(lean_object))
}

/// Drops, while the file is read, what text never needs and would be held until the end:
/// image data (emptied as [`slim`] does) and the arrays of a structure tree's `/ParentTree`,
/// one entry per marked-content item and mostly `null` (a tagged 2 MB file held 800,000 of
/// them, 97 MB in lopdf objects). lopdf calls this for every object (not for encrypted files).
///
/// lopdf 0.42 keeps the object changed in place for an object at the top level of the file, and
/// the returned one for an object inside an object stream; so both are the changed object. An
/// object stream holds no streams: a stream is only changed in place, and not copied.
fn lean_object(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    match object {
        Object::Stream(stream) => {
            if is_image(&stream.dict) {
                empty_stream(stream);
            }
            Some((id, Object::Null))
        }
        Object::Array(items) if is_mostly_null(items) => {
            items.clear();
            Some((id, Object::Array(Vec::new())))
        }
        _ => Some((id, object.clone())),
    }
}

/// A long array of which more than half the entries are `null`.
fn is_mostly_null(items: &[Object]) -> bool {
    items.len() >= 64 && items.iter().filter(|o| matches!(o, Object::Null)).count() * 2 > items.len()
}

fn is_password_error(err: &lopdf::Error) -> bool {
    matches!(
        err,
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(lopdf::encryption::DecryptionError::IncorrectPassword)
    )
}

/// Remove everything pdf-extract would decode in vain; see the module docs.
pub fn slim(doc: &mut Document) {
    let patterns: HashSet<ObjectId> = doc.objects.iter().filter(|(_, o)| is_pattern(o)).map(|(id, _)| *id).collect();
    let mut colour_dicts: Vec<ObjectId> = Vec::new();
    let mut inflate: Vec<ObjectId> = Vec::new();
    for (_, object) in doc.objects.iter_mut() {
        match object {
            Object::Stream(stream) => {
                if is_image(&stream.dict) {
                    empty_stream(stream);
                    continue;
                }
                slim_dict(&mut stream.dict, &patterns, &mut colour_dicts, &mut inflate);
            }
            Object::Dictionary(dict) => slim_dict(dict, &patterns, &mut colour_dicts, &mut inflate),
            _ => {}
        }
    }
    for id in colour_dicts {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) {
            neutral_colours(dict, &patterns);
        }
    }
    for id in inflate {
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id)
            && stream.dict.get(b"Filter").is_ok()
            && let Ok(data) = stream.decompressed_content()
        {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(data);
        }
    }
    break_xobject_cycles(doc);
    fonts::repair(doc);
}

fn is_image(dict: &Dictionary) -> bool {
    matches!(dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image")
}

fn empty_stream(stream: &mut Stream) {
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    stream.set_content(Vec::new());
}

/// Neutralise colour spaces and unused font files found in one dictionary.
fn slim_dict(
    dict: &mut Dictionary,
    patterns: &HashSet<ObjectId>,
    colour_dicts: &mut Vec<ObjectId>,
    inflate: &mut Vec<ObjectId>,
) {
    // Font descriptors: TrueType programs are inflated and thrown away by
    // pdf-extract; Type1/CFF programs are parsed, so inflate them once here.
    if dict.get(b"FontFile2").is_ok() {
        dict.remove(b"FontFile2");
    }
    for key in [&b"FontFile"[..], b"FontFile3"] {
        if let Ok(Object::Reference(id)) = dict.get(key) {
            inflate.push(*id);
        }
    }
    // Resource dictionaries: the value of /ColorSpace is a dictionary of
    // named colour spaces (an image's /ColorSpace is a name or array instead).
    neutral_entry(dict, patterns, colour_dicts);
    // Resources nested directly (pages, forms).
    if let Ok(Object::Dictionary(res)) = dict.get_mut(b"Resources") {
        neutral_entry(res, patterns, colour_dicts);
    }
}

fn neutral_entry(dict: &mut Dictionary, patterns: &HashSet<ObjectId>, colour_dicts: &mut Vec<ObjectId>) {
    match dict.get_mut(b"ColorSpace") {
        Ok(Object::Dictionary(cs)) => neutral_colours(cs, patterns),
        Ok(Object::Reference(id)) => colour_dicts.push(*id),
        _ => {}
    }
}

/// A `/Pattern` colour space (its colour operands are names, not numbers).
fn is_pattern(o: &Object) -> bool {
    match o {
        Object::Name(n) => n == b"Pattern",
        Object::Array(a) => matches!(a.first(), Some(Object::Name(n)) if n == b"Pattern"),
        _ => false,
    }
}

/// Replace every named colour space by `/DeviceRGB`, keeping pattern spaces
/// as `[/Pattern]` so that pdf-extract still accepts name operands of `scn`.
fn neutral_colours(cs: &mut Dictionary, patterns: &HashSet<ObjectId>) {
    for (_, v) in cs.iter_mut() {
        let pattern = match &*v {
            Object::Reference(id) => patterns.contains(id),
            other => is_pattern(other),
        };
        *v = if pattern {
            Object::Array(vec![Object::Name(b"Pattern".to_vec())])
        } else {
            Object::Name(b"DeviceRGB".to_vec())
        };
    }
}

/// Breaks every loop of form XObjects by emptying the form that closes it: the walk starts at
/// the forms the pages draw (in page order), then takes the others in object-number order
/// (never hash order), so the same file always loses the same form, and a form a page draws
/// keeps its text when a form it draws refers back to it.
fn break_xobject_cycles(doc: &mut Document) {
    let mut edges: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
            continue;
        }
        let targets = xobject_refs(doc, &stream.dict);
        edges.insert(*id, targets);
    }
    if edges.is_empty() {
        return;
    }
    let mut state: BTreeMap<ObjectId, u8> = BTreeMap::new();
    let mut cut: BTreeSet<ObjectId> = BTreeSet::new();
    let starts: Vec<ObjectId> = page_forms(doc).into_iter().chain(edges.keys().copied()).collect();
    for start in starts {
        if state.contains_key(&start) || !edges.contains_key(&start) {
            continue;
        }
        // Iterative DFS: (node, next child index).
        let mut stack = vec![(start, 0usize)];
        state.insert(start, 1);
        while let Some((node, i)) = stack.pop() {
            let children = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if i < children.len() {
                stack.push((node, i + 1));
                let child = children[i];
                match state.get(&child) {
                    Some(1) => {
                        cut.insert(node);
                    }
                    Some(_) => {}
                    None if edges.contains_key(&child) => {
                        state.insert(child, 1);
                        stack.push((child, 0));
                    }
                    None => {}
                }
            } else {
                state.insert(node, 2);
            }
        }
    }
    for id in cut {
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            empty_stream(stream);
        }
    }
}

/// The XObjects the pages refer to in their own resources, in page order.
fn page_forms(doc: &Document) -> Vec<ObjectId> {
    let pages = doc.get_pages();
    pages.values().filter_map(|&id| doc.get_dictionary(id).ok()).flat_map(|d| xobject_refs(doc, d)).collect()
}

fn xobject_refs(doc: &Document, dict: &Dictionary) -> Vec<ObjectId> {
    let resources = match dict.get(b"Resources") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(resources) = resources else {
        return Vec::new();
    };
    let xobjects = match resources.get(b"XObject") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    xobjects.map(|x| x.iter().filter_map(|(_, v)| v.as_reference().ok()).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_drops_image_data_and_mostly_null_arrays_only() {
        let nulls = |n: usize| Object::Array(vec![Object::Null; n]);
        let mut parent_tree = nulls(100);
        parent_tree.as_array_mut().unwrap()[7] = Object::Reference((3, 0));
        assert_eq!(lean_object((1, 0), &mut parent_tree), Some(((1, 0), Object::Array(Vec::new()))));
        assert_eq!(parent_tree, Object::Array(Vec::new()));
        // Short arrays and arrays of values are kept, in place and in the returned copy.
        for kept in [nulls(10), Object::Array(vec![Object::Integer(500); 100])] {
            let mut object = kept.clone();
            assert_eq!(lean_object((2, 0), &mut object), Some(((2, 0), kept.clone())));
            assert_eq!(object, kept);
        }
        let mut dict = Dictionary::new();
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        let mut image = Object::Stream(Stream::new(dict, vec![1, 2, 3]));
        lean_object((4, 0), &mut image);
        let stream = image.as_stream().unwrap();
        assert!(stream.content.is_empty() && stream.dict.get(b"Filter").is_err());
    }

    #[test]
    fn colour_spaces_become_device_rgb_and_images_are_emptied() {
        let mut doc = Document::with_version("1.5");
        let icc = doc.add_object(Stream::new(Dictionary::new(), vec![1, 2, 3]));
        let mut cs = Dictionary::new();
        cs.set("CS0", Object::Array(vec![Object::Name(b"ICCBased".to_vec()), icc.into()]));
        let mut res = Dictionary::new();
        res.set("ColorSpace", cs);
        let res_id = doc.add_object(res);
        let mut img = Dictionary::new();
        img.set("Subtype", Object::Name(b"Image".to_vec()));
        let img_id = doc.add_object(Stream::new(img, vec![9; 100]));
        slim(&mut doc);
        let res = doc.get_dictionary(res_id).unwrap();
        let cs = res.get(b"ColorSpace").unwrap().as_dict().unwrap();
        assert_eq!(cs.get(b"CS0").unwrap().as_name().unwrap(), b"DeviceRGB");
        let img = doc.get_object(img_id).unwrap().as_stream().unwrap();
        assert!(img.content.is_empty());
    }

    #[test]
    fn self_referencing_forms_are_emptied() {
        let mut doc = Document::with_version("1.5");
        let id = doc.new_object_id();
        let mut xo = Dictionary::new();
        xo.set("X0", Object::Reference(id));
        let mut res = Dictionary::new();
        res.set("XObject", xo);
        let mut form = Dictionary::new();
        form.set("Subtype", Object::Name(b"Form".to_vec()));
        form.set("Resources", res);
        doc.objects.insert(id, Object::Stream(Stream::new(form, b"/X0 Do".to_vec())));
        slim(&mut doc);
        assert!(doc.get_object(id).unwrap().as_stream().unwrap().content.is_empty());
    }
}
