//! Tests of the content-stream parser in the vendored pdf-extract (`pdf_extract::ops`): it must
//! read every stream as lopdf's `Content::decode` does, which pdf-extract used before.

use lopdf::content::Content;
use pdf_extract::ops::{self, Bail, Ops, Resolved};

/// The operations lopdf's parser finds.
fn lopdf(data: &[u8]) -> Vec<(Vec<u8>, Vec<Resolved>)> {
    Ops::from_lopdf(&Content::decode(data).expect("lopdf parses it")).resolved()
}

/// The operations our parser finds (it must not give up on these).
fn ours(data: &[u8]) -> Vec<(Vec<u8>, Vec<Resolved>)> {
    ops::parse(data).expect("no bail").resolved()
}

fn same(data: &[u8]) -> Vec<(Vec<u8>, Vec<Resolved>)> {
    let got = ours(data);
    assert_eq!(got, lopdf(data), "input {:?}", String::from_utf8_lossy(data));
    got
}

fn string(s: &[u8]) -> Resolved {
    Resolved::Str(s.to_vec())
}

#[test]
fn literal_strings_with_escapes_and_nested_parentheses() {
    let got = same(b"(a\\(b\\)c) Tj (x (nested (deep)) y) Tj (\\101\\1012\\7\\n\\t\\\\\\q\\\nz\r\nw) Tj");
    assert_eq!(got[0].1, vec![string(b"a(b)c")]);
    assert_eq!(got[1].1, vec![string(b"x (nested (deep)) y")]);
    assert_eq!(got[2].1, vec![string(b"AA2\x07\n\t\\qz\r\nw")]);
    assert_eq!(got.len(), 3);
}

#[test]
fn hex_strings_with_spaces_and_an_odd_digit() {
    let got = same(b"<48 65\n6c6C6f> Tj <414> Tj <> Tj");
    assert_eq!(got[0].1, vec![string(b"Hello")]);
    assert_eq!(got[1].1, vec![string(b"A@")]);
    assert_eq!(got[2].1, vec![string(b"")]);
}

#[test]
fn tj_arrays_numbers_and_names() {
    let got = same(b"BT /F1#20a 9.5 Tf [(a)-250(b) 12 .5 -3. +4 1 0 R [1] <<>>] TJ ET");
    assert_eq!(got[1].0, b"Tf");
    assert_eq!(got[1].1, vec![Resolved::Name(b"F1 a".to_vec()), Resolved::Real(9.5)]);
    let items = vec![
        string(b"a"),
        Resolved::Int(-250),
        string(b"b"),
        Resolved::Int(12),
        Resolved::Real(0.5),
        Resolved::Real(-3.0),
        Resolved::Int(4),
        Resolved::Other,
        Resolved::Other,
        Resolved::Other,
    ];
    assert_eq!(got[2].1, vec![Resolved::Array(items)]);
}

#[test]
fn comments_where_lopdf_takes_them_and_where_it_stops() {
    // At the start of an operation and inside arrays a comment is space.
    let got = same(b"%c1\n%c2\r\nBT [(a) %in array\n (b)] TJ ET");
    assert_eq!(
        got.iter().map(|o| o.0.clone()).collect::<Vec<_>>(),
        vec![b"BT".to_vec(), b"TJ".to_vec(), b"ET".to_vec()]
    );
    // Between operands, or followed by a space, it ends the stream (what came before stays).
    assert_eq!(same(b"q 1 %c\n 2 Td Q").len(), 1);
    assert_eq!(same(b"q\n%c\n  Q").len(), 1);
    // A comment without an end of line at the end of the stream.
    assert_eq!(same(b"q Q %end").len(), 2);
}

#[test]
fn the_first_thing_that_does_not_parse_ends_the_stream() {
    for data in [
        &b"BT (a) Tj ) (b) Tj ET"[..],
        b"BT (a) Tj {junk} ET",
        b"q 1 0 0 1 0 0 cm (unterminated Tj",
        b"q <4G> Tj Q",
        b"q 99999999999999999999 Tw Q",
        b"q \x00 Q",
        b"q - Q",
        b"/A#zz Tf",
        b"(ends in a backslash \\",
        b"[1 2",
    ] {
        same(data);
    }
    assert_eq!(same(b"BT (a) Tj ) (b) Tj ET").len(), 2);
    // Operators glued to operands, keywords matched as prefixes, `d0` split into `d` and `0`.
    same(b"BT/F1 12 Tf(x)Tj[(y)]TJ ET nullx truefalse 1 d0");
}

#[test]
fn inline_images_are_left_to_lopdf() {
    let data = b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q BT (a) Tj ET";
    assert_eq!(ops::parse(data).err(), Some(Bail));
    let via_lopdf = ops::decode(data).resolved();
    assert_eq!(via_lopdf, lopdf(data));
    assert!(via_lopdf.iter().any(|o| o.0 == b"Tj"));
}

#[test]
fn deep_nesting_is_left_to_lopdf() {
    let deep = format!("{}{} TJ", "[".repeat(12), "]".repeat(12));
    assert_eq!(ops::parse(deep.as_bytes()).err(), Some(Bail));
    assert_eq!(ops::decode(deep.as_bytes()).resolved(), lopdf(deep.as_bytes()));
    let parens = format!("({}{}) Tj q", "(".repeat(101), ")".repeat(101));
    assert_eq!(same(parens.as_bytes()).len(), 0);
    let parens = format!("({}{}) Tj q", "(".repeat(100), ")".repeat(100));
    assert_eq!(same(parens.as_bytes()).len(), 2);
}

#[test]
fn dictionaries_as_operands_are_skipped() {
    let got = same(b"/Span <</MCID 3 /Alt (x) /K [1 0 R] /D <</N 1>>>> BDC (t) Tj EMC");
    assert_eq!(got[0].1, vec![Resolved::Name(b"Span".to_vec()), Resolved::Other]);
    assert_eq!(got[1].1, vec![string(b"t")]);
}

/// Streams of random pieces of PDF syntax (a fixed-seed generator, so the same every run): where
/// our parser does not hand the stream to lopdf, both find the same operations.
#[test]
fn random_streams_parse_as_lopdf_parses_them() {
    const PIECES: &[&[u8]] = &[
        b" ",
        b"\n",
        b"\r\n",
        b"\t",
        b"\0",
        b"\x0c",
        b"%c\n",
        b"%",
        b"(",
        b")",
        b"\\",
        b"\\n",
        b"\\0",
        b"\\12",
        b"\\\n",
        b"<",
        b">",
        b"<<",
        b">>",
        b"[",
        b"]",
        b"{",
        b"/",
        b"/F1",
        b"#",
        b"#41",
        b"1",
        b"-2",
        b"+3",
        b".",
        b"4.",
        b".5",
        b"-.6",
        b"0",
        b"99999999999999999999",
        b"R",
        b"1 0 R",
        b"null",
        b"true",
        b"false",
        b"Tj",
        b"TJ",
        b"Tf",
        b"Td",
        b"T*",
        b"'",
        b"\"",
        b"BT",
        b"ET",
        b"q",
        b"Q",
        b"cm",
        b"re",
        b"d0",
        b"a",
        b"\xff",
        b"EI",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut compared = 0;
    for _ in 0..3000 {
        let len = 1 + next() % 24;
        let data: Vec<u8> = (0..len).flat_map(|_| PIECES[(next() % PIECES.len() as u64) as usize].to_vec()).collect();
        let Ok(ours) = ops::parse(&data) else { continue };
        let theirs = Content::decode(&data).map(|c| Ops::from_lopdf(&c).resolved());
        assert_eq!(Some(ours.resolved()), theirs.ok(), "input {:?}", String::from_utf8_lossy(&data));
        compared += 1;
    }
    assert!(compared > 2500, "only {compared} streams compared");
}
