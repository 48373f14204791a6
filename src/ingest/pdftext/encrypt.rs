//! Encryption dictionaries lopdf 0.42 cannot use as they stand.
//!
//! Three kinds of file open in other readers with an empty user password but
//! load in lopdf with no objects, so they looked like files needing a password:
//!
//! - MuPDF (and so PyMuPDF) writes `/Encrypt` as a dictionary in the trailer;
//!   lopdf looks for it only as a reference to an object.
//! - With `/StmF` and `/StrF` both `/Identity` (only embedded files encrypted,
//!   qpdf's `nontrivial-crypt-filter.pdf`) nothing caleido reads is encrypted,
//!   yet lopdf insists on the password check.
//! - Version 4 without a top-level `/Length`: lopdf takes a 40-bit key where
//!   the crypt filter says 128 bits (pypdf's `r4-aes-v2-no-key-length.pdf`).
//! - No `/ID` in the trailer (pypdf's `encrypted_doc_no_id.pdf`): lopdf gives
//!   up; poppler, like caleido now, takes an empty ID for the key.
//!
//! Each gets an incremental update appended to a copy of the bytes (the
//! original objects stay as they are), and lopdf is asked again.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::onepass;
use super::recover::{find, rfind};

/// A mended copy of `bytes` for one of the cases in the module docs, or `None`
/// when `doc` (lopdf's reading of `bytes`) needs no mending.
pub fn mend(bytes: &[u8], doc: &Document) -> Option<Vec<u8>> {
    // lopdf reads from the first "%PDF-": offsets count from there.
    let start = find(&bytes[..bytes.len().min(1024)], b"%PDF-")?;
    let body = &bytes[start..];
    match doc.trailer.get(b"Encrypt") {
        Ok(Object::Dictionary(_)) => {
            let (from, to) = direct_encrypt_span(body)?;
            let num = doc.trailer.get(b"Size").and_then(Object::as_i64).ok()?.max(doc.max_id as i64 + 1);
            let id = (u32::try_from(num).ok()?, 0);
            Some(update(body, doc, Some((id, body[from..to].to_vec())), Some(id)))
        }
        Ok(Object::Reference(id)) => {
            let dict = doc.get_dictionary(*id).ok()?;
            if only_identity_filters(dict) {
                return Some(update(body, doc, None, None));
            }
            if !doc.trailer.has(b"ID") {
                return Some(update(body, doc, None, Some(*id)));
            }
            let bits = missing_key_length(dict)?;
            let (from, to) = object_dict_span(body, *id)?;
            let mut fixed = b"<< /Length ".to_vec();
            fixed.extend_from_slice(bits.to_string().as_bytes());
            fixed.extend_from_slice(&body[from + 2..to]);
            Some(update(body, doc, Some((*id, fixed)), Some(*id)))
        }
        _ => None,
    }
}

/// Version 4 or 5 encryption whose crypt filters for streams and strings are
/// both `/Identity` (the default when absent): no string or stream is encrypted.
fn only_identity_filters(dict: &Dictionary) -> bool {
    let v = dict.get(b"V").and_then(Object::as_i64).unwrap_or(0);
    let identity = |key: &[u8]| match dict.get(key) {
        Err(_) => true,
        Ok(filter) => filter.as_name().is_ok_and(|n| n == b"Identity"),
    };
    v >= 4 && identity(b"StmF") && identity(b"StrF")
}

/// Key length in bits from the standard crypt filter, for version 4
/// encryption without a top-level `/Length`.
fn missing_key_length(dict: &Dictionary) -> Option<i64> {
    let v = dict.get(b"V").and_then(Object::as_i64).ok()?;
    if v != 4 || dict.has(b"Length") {
        return None;
    }
    let filter = dict.get(b"CF").and_then(Object::as_dict).and_then(|cf| cf.get(b"StdCF")).ok()?;
    let bytes = filter.as_dict().ok()?.get(b"Length").and_then(Object::as_i64).unwrap_or(16);
    // /Length in a crypt filter counts bytes (some writers give bits).
    Some(if bytes <= 32 { bytes * 8 } else { bytes })
}

/// `body` with an update appended: the object `replace` (new or a new version
/// of an old one) and a trailer naming `encrypt` as `/Encrypt` (none when `None`).
fn update(body: &[u8], doc: &Document, replace: Option<(ObjectId, Vec<u8>)>, encrypt: Option<ObjectId>) -> Vec<u8> {
    let mut out = body.to_vec();
    out.extend_from_slice(b"\n");
    let mut size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0).max(doc.max_id as i64 + 1);
    let mut entries = String::from("xref\n0 1\n0000000000 65535 f\r\n");
    if let Some(((num, gen_), dict)) = replace {
        let at = out.len();
        out.extend_from_slice(format!("{num} {gen_} obj\n").as_bytes());
        out.extend_from_slice(&dict);
        out.extend_from_slice(b"\nendobj\n");
        entries.push_str(&format!("{num} 1\n{at:010} {gen_:05} n\r\n"));
        size = size.max(i64::from(num) + 1);
    }
    let xref_at = out.len();
    out.extend_from_slice(entries.as_bytes());
    out.extend_from_slice(trailer(doc, size, encrypt).as_bytes());
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// The new trailer: the old one's `/Root`, `/Info` and `/ID` (an empty one for an
/// encrypted file without), `/Encrypt` by reference.
fn trailer(doc: &Document, size: i64, encrypt: Option<ObjectId>) -> String {
    let mut t = format!("trailer\n<< /Size {size} /Prev {}", doc.xref_start);
    if let Some((n, g)) = encrypt {
        t.push_str(&format!(" /Encrypt {n} {g} R"));
    }
    for key in ["Root", "Info"] {
        if let Ok(Object::Reference((n, g))) = doc.trailer.get(key.as_bytes()) {
            t.push_str(&format!(" /{key} {n} {g} R"));
        }
    }
    if let Ok(Object::Array(ids)) = doc.trailer.get(b"ID") {
        let hex: Vec<String> = ids
            .iter()
            .filter_map(|id| id.as_str().ok())
            .map(|s| format!("<{}>", s.iter().map(|b| format!("{b:02x}")).collect::<String>()))
            .collect();
        t.push_str(&format!(" /ID [{}]", hex.join(" ")));
    } else if encrypt.is_some() {
        t.push_str(" /ID [<> <>]");
    }
    t.push_str(" >>\n");
    t
}

/// Byte span of the dictionary of the last definition of object `id` in `body`.
fn object_dict_span(body: &[u8], id: ObjectId) -> Option<(usize, usize)> {
    let header = format!("{} {} obj", id.0, id.1);
    let mut end = body.len();
    let at = loop {
        let at = rfind(&body[..end], header.as_bytes())?;
        // "12 0 obj" must not be the tail of "112 0 obj".
        if at == 0 || !body[at - 1].is_ascii_digit() {
            break at;
        }
        end = at;
    };
    let open = at + find(&body[at..], b"<<")?;
    Some((open, dict_end(body, open)?))
}

/// Byte span of the `<< ... >>` that follows the last `/Encrypt` key in `body`
/// (not `/EncryptMetadata`, which sits inside that very dictionary).
fn direct_encrypt_span(body: &[u8]) -> Option<(usize, usize)> {
    let mut end = body.len();
    let key = loop {
        let at = rfind(&body[..end], b"/Encrypt")?;
        let next = body.get(at + b"/Encrypt".len()).copied().unwrap_or(b' ');
        if !next.is_ascii_alphanumeric() {
            break at;
        }
        end = at;
    };
    let mut i = key + b"/Encrypt".len();
    while body.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    if !body[i..].starts_with(b"<<") {
        return None;
    }
    Some((i, dict_end(body, i)?))
}

/// End (exclusive) of the dictionary opening at `from`, skipping over strings.
fn dict_end(body: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < body.len() {
        match body[i] {
            b'(' => i = onepass::skip_string(body, i),
            b'<' if body.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'>' if body.get(i + 1) == Some(&b'>') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'<' => i += body[i..].iter().position(|&b| b == b'>')? + 1,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_dictionary_past_strings_with_brackets() {
        let body = b"trailer << /Root 1 0 R /Encrypt<< /O (a>>b\\)c) /U <00ff> /CF << /StdCF << >> >> \
/EncryptMetadata true>> /ID [<01>] >>";
        let (s, e) = direct_encrypt_span(body).unwrap();
        assert_eq!(&body[s..e], &b"<< /O (a>>b\\)c) /U <00ff> /CF << /StdCF << >> >> /EncryptMetadata true>>"[..]);
    }

    #[test]
    fn an_encrypt_reference_is_left_alone() {
        assert_eq!(direct_encrypt_span(b"trailer << /Encrypt 5 0 R >>"), None);
    }

    fn dict(pairs: &[(&str, Object)]) -> Dictionary {
        let mut d = Dictionary::new();
        for (k, v) in pairs {
            d.set(*k, v.clone());
        }
        d
    }

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    #[test]
    fn identity_filters_mean_nothing_to_decrypt() {
        let v4 = |stm: &str| dict(&[("V", Object::Integer(4)), ("StmF", name(stm)), ("StrF", name("Identity"))]);
        assert!(only_identity_filters(&v4("Identity")));
        assert!(!only_identity_filters(&v4("StdCF")));
        assert!(only_identity_filters(&dict(&[("V", Object::Integer(5))])));
        assert!(!only_identity_filters(&dict(&[("V", Object::Integer(2))])));
    }

    #[test]
    fn the_key_length_comes_from_the_crypt_filter() {
        let cf = dict(&[("StdCF", dict(&[("Length", Object::Integer(16))]).into())]);
        let v4 = dict(&[("V", Object::Integer(4)), ("CF", cf.clone().into())]);
        assert_eq!(missing_key_length(&v4), Some(128));
        let with_length = dict(&[("V", Object::Integer(4)), ("CF", cf.into()), ("Length", Object::Integer(128))]);
        assert_eq!(missing_key_length(&with_length), None);
    }

    #[test]
    fn finds_the_last_definition_of_an_object_not_a_longer_number() {
        let body = b"12 0 obj << /A 1 >> endobj 112 0 obj << /B 2 >> endobj 12 0 obj << /C 3 >> endobj";
        let (s, e) = object_dict_span(body, (12, 0)).unwrap();
        assert_eq!(&body[s..e], b"<< /C 3 >>");
    }
}
