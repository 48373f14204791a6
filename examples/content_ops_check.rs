//! Checks the vendored pdf-extract's content-stream parser against lopdf's on real files: every
//! page content stream and form XObject of every PDF given must give the same operations (or
//! the parser must hand the stream to lopdf).
//!
//! `cargo run --release --example content_ops_check -- FILE.pdf...`

use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::content::Content;
use lopdf::{Document, Object};
use pdf_extract::ops::{self, Ops};

fn main() {
    let (mut streams, mut bails, mut differ, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    for path in std::env::args().skip(1) {
        let Ok(doc) = catch_unwind(|| Document::load(&path)).unwrap_or(Err(lopdf::Error::Unimplemented("panic")))
        else {
            eprintln!("{path}: lopdf cannot load it, skipped");
            continue;
        };
        for data in content_streams(&doc) {
            streams += 1;
            bytes += data.len();
            let lopdf = catch_unwind(AssertUnwindSafe(|| Content::decode(&data).ok().map(|c| Ops::from_lopdf(&c))));
            match ops::parse(&data) {
                Err(ops::Bail) => bails += 1,
                Ok(ours) => {
                    let same = matches!(&lopdf, Ok(Some(theirs)) if theirs.resolved() == ours.resolved());
                    if !same {
                        differ += 1;
                        eprintln!("{path}: a stream of {} bytes differs", data.len());
                    }
                }
            }
        }
    }
    println!("{streams} streams ({bytes} bytes): {differ} differ, {bails} left to lopdf");
    if differ > 0 {
        std::process::exit(1);
    }
}

/// The decompressed content of every page and form XObject.
fn content_streams(doc: &Document) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = doc.get_pages().values().filter_map(|&id| doc.get_page_content(id).ok()).collect();
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object
            && matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form")
        {
            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            out.push(data);
        }
    }
    out
}
