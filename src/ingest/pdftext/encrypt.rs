//! Encryption dictionaries written straight into the trailer.
//!
//! lopdf 0.42 looks for the trailer's `/Encrypt` only as a reference to an
//! object; MuPDF (and so PyMuPDF) writes it as a dictionary in the trailer
//! itself. lopdf then finds no encryption to undo, loads no objects and the
//! file, though its user password is empty, looks like one that needs a
//! password. Here such a file gets an incremental update that moves the
//! dictionary into an object of its own; the original bytes stay as they are.

use lopdf::{Document, Object};

/// `bytes` with the trailer's direct `/Encrypt` dictionary moved into a new
/// object, or `None` when `doc` (lopdf's reading of `bytes`) has no such entry.
pub fn with_indirect_encrypt(bytes: &[u8], doc: &Document) -> Option<Vec<u8>> {
    if !matches!(doc.trailer.get(b"Encrypt"), Ok(Object::Dictionary(_))) {
        return None;
    }
    // lopdf reads from the first "%PDF-": offsets count from there.
    let start = find(&bytes[..bytes.len().min(1024)], b"%PDF-")?;
    let body = &bytes[start..];
    let dict = direct_encrypt_span(body)?;
    let num = doc.trailer.get(b"Size").and_then(Object::as_i64).ok()?.max(doc.max_id as i64 + 1);
    let mut out = body.to_vec();
    out.extend_from_slice(b"\n");
    let obj_at = out.len();
    out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
    out.extend_from_slice(&body[dict.0..dict.1]);
    out.extend_from_slice(b"\nendobj\n");
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 1\n0000000000 65535 f\r\n{num} 1\n{obj_at:010} 00000 n\r\n").as_bytes());
    out.extend_from_slice(trailer(doc, num).as_bytes());
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    Some(out)
}

/// The new trailer: the old one's `/Root`, `/Info` and `/ID`, `/Encrypt` by reference.
fn trailer(doc: &Document, num: i64) -> String {
    let mut t = format!("trailer\n<< /Size {} /Prev {} /Encrypt {num} 0 R", num + 1, doc.xref_start);
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
    }
    t.push_str(" >>\n");
    t
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
            b'(' => i = literal_string_end(body, i)?,
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

/// End (exclusive) of the literal string opening at `from`: balanced
/// parentheses, a backslash escapes the next byte.
fn literal_string_end(body: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
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
}
