//! Finding a decompression bomb before any stream is decompressed.
//!
//! lopdf inflates a stream into one `Vec`; when the allocation fails, a release build keeps
//! what it had and goes on (so a 4 GiB bomb became "no text"), and without an address-space
//! limit the machine's memory fills up. So before extraction every stream that could inflate
//! beyond [`STREAM_LIMIT`] is inflated once into nothing, counting bytes and stopping at the
//! limit; a stream that gets there makes the file `too-large`. The limit is a constant, not a
//! share of the memory limit, so the same file gets the same status on every machine.

use std::io::{self, Read};

use flate2::read::ZlibDecoder;
use lopdf::{Document, Object, ObjectId, Stream};

/// Most bytes one stream may inflate to: a content stream of a programme page is at most a
/// few MiB (the largest in `../shared/corpus` is far below this).
pub const STREAM_LIMIT: u64 = 256 * 1024 * 1024;

/// Most a Flate layer can expand its input (deflate's ceiling is about 1032 to 1).
const FLATE_RATIO: u64 = 1032;

/// The first stream (in object order) that inflates beyond `limit` bytes, if any.
pub fn oversized_stream(doc: &Document, limit: u64) -> Option<ObjectId> {
    doc.objects.iter().find_map(|(id, object)| match object {
        Object::Stream(stream) if inflates_beyond(stream, limit) => Some(*id),
        _ => None,
    })
}

/// Whether `stream`, a chain of Flate filters, inflates to more than `limit` bytes. A stream
/// with another filter (images, LZW, ASCII85) is not measured; one too short to get there
/// is not decoded at all.
fn inflates_beyond(stream: &Stream, limit: u64) -> bool {
    let Some(layers) = flate_layers(stream).filter(|&n| n > 0) else {
        return false;
    };
    let ceiling = (0..layers).fold(stream.content.len() as u64, |n, _| n.saturating_mul(FLATE_RATIO));
    if ceiling <= limit {
        return false;
    }
    let mut reader: Box<dyn Read + '_> = Box::new(stream.content.as_slice());
    for _ in 0..layers {
        reader = Box::new(ZlibDecoder::new(reader));
    }
    // A damaged stream counts what inflated before the damage.
    let mut counted = CountingSink::default();
    let _ = io::copy(&mut reader.take(limit + 1), &mut counted);
    counted.0 > limit
}

/// How many filters the stream has, when every one of them is `/FlateDecode` (0: none).
fn flate_layers(stream: &Stream) -> Option<usize> {
    let is_flate = |o: &Object| matches!(o, Object::Name(n) if n == b"FlateDecode");
    match stream.dict.get(b"Filter") {
        Ok(Object::Array(items)) => items.iter().all(is_flate).then_some(items.len()),
        Ok(filter) => is_flate(filter).then_some(1),
        Err(_) => Some(0),
    }
}

/// A writer that keeps only the number of bytes written to it.
#[derive(Default)]
struct CountingSink(u64);

impl io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::{Compression, write::ZlibEncoder};
    use lopdf::{Dictionary, dictionary};

    use super::*;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn stream(filter: Object, content: Vec<u8>) -> Stream {
        Stream::new(dictionary! { "Filter" => filter }, content)
    }

    fn flate() -> Object {
        Object::Name(b"FlateDecode".to_vec())
    }

    #[test]
    fn a_stream_inflating_past_the_limit_is_found_and_one_below_it_is_not() {
        let zeros = zlib(&vec![0u8; 1 << 20]);
        assert!(inflates_beyond(&stream(flate(), zeros.clone()), 1000));
        assert!(!inflates_beyond(&stream(flate(), zeros), 1 << 20));
    }

    #[test]
    fn every_flate_layer_is_undone() {
        let twice = zlib(&zlib(&vec![b' '; 1 << 20]));
        let layers = Object::Array(vec![flate(), flate()]);
        assert!(inflates_beyond(&stream(layers.clone(), twice.clone()), (1 << 20) - 1));
        assert!(!inflates_beyond(&stream(layers, twice), 1 << 20));
    }

    #[test]
    fn short_plain_and_foreign_streams_are_not_decoded() {
        let plain = Stream::new(Dictionary::new(), vec![b'x'; 5000]);
        assert!(!inflates_beyond(&plain, 10));
        // Not valid Flate data, but too short to inflate beyond the limit: never decoded.
        assert!(!inflates_beyond(&stream(flate(), vec![1, 2, 3]), 1 << 20));
        assert!(!inflates_beyond(&stream(Object::Name(b"DCTDecode".to_vec()), vec![0; 5000]), 10));
    }

    #[test]
    fn damaged_flate_data_counts_what_inflated() {
        assert!(!inflates_beyond(&stream(flate(), vec![0xff; 5000]), 10));
    }

    #[test]
    fn the_first_oversized_stream_of_a_document_is_named() {
        let mut doc = Document::with_version("1.5");
        doc.add_object(stream(flate(), zlib(b"BT (small) Tj ET")));
        let big = doc.add_object(stream(flate(), zlib(&vec![0u8; 1 << 20])));
        assert_eq!(oversized_stream(&doc, 1 << 19), Some(big));
        assert_eq!(oversized_stream(&doc, 1 << 20), None);
    }
}
