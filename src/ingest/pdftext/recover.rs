//! Recovery for files whose cross-reference table or trailer lopdf rejects.
//!
//! The bytes are scanned for `N G obj` headers, a fresh xref table and
//! trailer are appended (later definitions win, as in incremental updates),
//! and lopdf is asked again. The catalog is located by scanning if needed.

use lopdf::{Document, Object, ObjectId};

/// One `N G obj` header found in the bytes; `offset` is where `N` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjHeader {
    /// Object number.
    pub num: u32,
    /// Generation number.
    pub gen_: u16,
    /// Byte offset of the header.
    pub offset: usize,
}

/// Whether the first 64 KiB contain at least one indirect object header.
pub fn has_objects(bytes: &[u8]) -> bool {
    !scan_objects(&bytes[..bytes.len().min(64 * 1024)]).is_empty()
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

/// Find every `N G obj` header in `bytes`.
pub fn scan_objects(bytes: &[u8]) -> Vec<ObjHeader> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = find(&bytes[from..], b"obj") {
        let at = from + rel;
        from = at + 3;
        // The keyword must end here ("objm" is no header, "endobj" fails below).
        if bytes.get(at + 3).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        if let Some(h) = header_before(bytes, at) {
            found.push(h);
        }
    }
    found
}

/// Parse `N ws G ws` right before position `at`.
fn header_before(bytes: &[u8], at: usize) -> Option<ObjHeader> {
    let mut i = at;
    let skip_ws = |mut i: usize| {
        while i > 0 && is_ws(bytes[i - 1]) {
            i -= 1;
        }
        i
    };
    let digits = |mut i: usize| {
        let end = i;
        while i > 0 && bytes[i - 1].is_ascii_digit() && end - i < 10 {
            i -= 1;
        }
        (i, end)
    };
    i = skip_ws(i);
    let (gs, ge) = digits(i);
    if gs == ge || ge == at {
        return None;
    }
    let j = skip_ws(gs);
    if j == gs {
        return None;
    }
    let (ns, ne) = digits(j);
    if ns == ne {
        return None;
    }
    if ns > 0 && !is_ws(bytes[ns - 1]) && !b"%>])".contains(&bytes[ns - 1]) {
        return None;
    }
    let num = std::str::from_utf8(&bytes[ns..ne]).ok()?.parse().ok()?;
    let gen_ = std::str::from_utf8(&bytes[gs..ge]).ok()?.parse().ok()?;
    Some(ObjHeader { num, gen_, offset: ns })
}

pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Rebuild the xref of `bytes` and load the result; `None` if that fails too.
pub fn reload(bytes: &[u8]) -> Option<Document> {
    let rebuilt = rebuild(bytes)?;
    let mut doc = Document::load_mem(&rebuilt).ok()?;
    ensure_root(&mut doc);
    Some(doc)
}

/// Produce a copy of `bytes` with a fresh xref table and trailer appended.
pub fn rebuild(bytes: &[u8]) -> Option<Vec<u8>> {
    // lopdf reads from the first "%PDF-"; offsets are relative to it.
    let (mut out, body) = match find(&bytes[..bytes.len().min(1024)], b"%PDF-") {
        Some(start) => (Vec::new(), &bytes[start..]),
        None => (b"%PDF-1.4\n".to_vec(), bytes),
    };
    let shift = out.len();
    let headers = scan_objects(body);
    if headers.is_empty() {
        return None;
    }
    let mut latest: std::collections::BTreeMap<u32, ObjHeader> = Default::default();
    for h in &headers {
        latest.insert(h.num, *h);
    }
    let root = headers
        .iter()
        .rev()
        .find(|h| {
            let end = (h.offset + 600).min(body.len());
            find(&body[h.offset..end], b"/Catalog").is_some()
        })
        .map(|h| (h.num, h.gen_));
    out.extend_from_slice(body);
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for h in latest.values() {
        if h.num == 0 {
            continue;
        }
        let entry = format!("{} 1\n{:010} {:05} n\r\n", h.num, h.offset + shift, h.gen_);
        out.extend_from_slice(entry.as_bytes());
    }
    let size = latest.keys().next_back().copied().unwrap_or(0) + 1;
    let mut trailer = format!("trailer\n<< /Size {size}");
    if let Some((n, g)) = root {
        trailer.push_str(&format!(" /Root {n} {g} R"));
    }
    trailer.push_str(&old_trailer_entries(body));
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

/// Copy `/Encrypt N G R` and `/ID [...]` from the file's trailers, the last one
/// that has each (a linearized file names `/Encrypt` only in its first-page trailer).
fn old_trailer_entries(body: &[u8]) -> String {
    let mut encrypt = None;
    let mut id = None;
    let mut end = body.len();
    while let Some(t) = rfind(&body[..end], b"trailer") {
        end = t;
        let tail = &body[t..body.len().min(t + 2048)];
        let text = String::from_utf8_lossy(tail);
        let text = &text[..text.find("startxref").unwrap_or(text.len())];
        if encrypt.is_none() {
            encrypt = encrypt_reference(text);
        }
        if id.is_none()
            && let Some(i) = text.find("/ID")
            && let Some(close) = text[i..].find(']')
        {
            id = Some(text[i..i + close + 1].to_string());
        }
        if encrypt.is_some() && id.is_some() {
            break;
        }
    }
    let mut out = String::new();
    if let Some(e) = encrypt {
        out.push_str(&e);
    }
    if let Some(id) = id {
        out.push(' ');
        out.push_str(&id);
    }
    out
}

/// ` /Encrypt N G R` if the trailer text names one.
fn encrypt_reference(text: &str) -> Option<String> {
    let i = text.find("/Encrypt")?;
    let rest: String = text[i + 8..].chars().take_while(|&c| c != 'R').collect();
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let numeric = parts.len() == 2 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    numeric.then(|| format!(" /Encrypt {} {} R", parts[0], parts[1]))
}

/// Make sure the trailer's `/Root` names a catalog with a page tree.
pub fn ensure_root(doc: &mut Document) {
    if doc.catalog().is_ok_and(|c| c.get(b"Pages").is_ok()) {
        return;
    }
    let found: Option<ObjectId> = doc.objects.iter().rev().find_map(|(id, o)| match o {
        Object::Dictionary(d) if d.has_type(b"Catalog") && d.get(b"Pages").is_ok() => Some(*id),
        _ => None,
    });
    if let Some(id) = found {
        doc.trailer.set("Root", Object::Reference(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_object_headers_but_not_endobj() {
        let bytes = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n 12 3 obj <<>> endobj";
        let found = scan_objects(bytes);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].num, found[0].gen_, found[0].offset), (1, 0, 9));
        assert_eq!((found[1].num, found[1].gen_), (12, 3));
    }

    #[test]
    fn rebuilds_a_file_with_a_broken_trailer() {
        let body = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>\nendobj\n\
trailer garbage\n";
        assert!(Document::load_mem(body).is_err());
        let doc = reload(body).expect("recovered");
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn the_encrypt_entry_of_an_earlier_trailer_is_kept() {
        let body = b"trailer << /Size 80 /ID [<01><01>] /Encrypt 62 0 R >>\nstartxref\n0\n%%EOF\n\
trailer << /Size 60 /ID [<02><02>] >>\nstartxref\n216\n%%EOF\n";
        assert_eq!(old_trailer_entries(body), " /Encrypt 62 0 R /ID [<02><02>]");
    }
}
