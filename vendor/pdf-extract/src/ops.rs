//! A content-stream parser with the grammar of lopdf 0.42's `Content::decode`, without its cost.
//!
//! Added by caleido (not in the published pdf-extract). lopdf's nom parser builds an
//! `Operation` with a `String` operator and a `Vec<Object>` of operands for every operator, and
//! a `Vec<u8>` for every string: on text-heavy pages that was the largest single cost of text
//! extraction. This parser reads the same grammar into four flat buffers (operators, operands,
//! array items, bytes of names and strings), so a stream costs a handful of allocations.
//!
//! It follows lopdf, quirks included, so that pdf-extract sees the same operations:
//! - between operands and after an operator only ` \t\r\n` count as space; comments only at the
//!   start of an operation and directly followed by it; inside arrays and dictionaries `\0`,
//!   form feed and comments are space too;
//! - the first thing that does not parse ends the stream, silently (lopdf's `many0`); what was
//!   read before it is kept;
//! - reals are `f32`, integers `i64`; inside arrays `1 0 R` is a reference.
//!
//! Where lopdf fails hard (an inline image `BI`, arrays or dictionaries nested very deep) this
//! parser gives up with [`Bail`] and the caller uses lopdf's own parser, so those streams come
//! out exactly as before.

use lopdf::content::Content;
use lopdf::Object;

/// Most nested parentheses lopdf accepts inside a literal string.
const MAX_BRACKET: usize = 100;
/// Nesting of arrays and dictionaries from which on lopdf parses the stream instead.
const MAX_DEPTH: usize = 8;

/// What the interpreter needs to know of an operator, decided once while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kind {
    BT,
    ET,
    Cm,
    CSStroke,
    CsFill,
    SCStroke,
    ScFill,
    TJ,
    Tj,
    Tc,
    Tw,
    Tz,
    TL,
    Tf,
    Ts,
    Tm,
    Td,
    TD,
    TStar,
    Save,
    Restore,
    Gs,
    LineWidth,
    MoveTo,
    LineTo,
    CurveTo,
    CurveV,
    CurveY,
    Close,
    Rect,
    Stroke,
    Fill,
    EndPath,
    Do,
    Other,
}

impl Kind {
    fn of(op: &[u8]) -> Kind {
        match op {
            b"BT" => Kind::BT,
            b"ET" => Kind::ET,
            b"cm" => Kind::Cm,
            b"CS" => Kind::CSStroke,
            b"cs" => Kind::CsFill,
            b"SC" | b"SCN" => Kind::SCStroke,
            b"sc" | b"scn" => Kind::ScFill,
            b"TJ" => Kind::TJ,
            b"Tj" => Kind::Tj,
            b"Tc" => Kind::Tc,
            b"Tw" => Kind::Tw,
            b"Tz" => Kind::Tz,
            b"TL" => Kind::TL,
            b"Tf" => Kind::Tf,
            b"Ts" => Kind::Ts,
            b"Tm" => Kind::Tm,
            b"Td" => Kind::Td,
            b"TD" => Kind::TD,
            b"T*" => Kind::TStar,
            b"q" => Kind::Save,
            b"Q" => Kind::Restore,
            b"gs" => Kind::Gs,
            b"w" => Kind::LineWidth,
            b"m" => Kind::MoveTo,
            b"l" => Kind::LineTo,
            b"c" => Kind::CurveTo,
            b"v" => Kind::CurveV,
            b"y" => Kind::CurveY,
            b"h" => Kind::Close,
            b"re" => Kind::Rect,
            b"S" => Kind::Stroke,
            b"F" | b"f" => Kind::Fill,
            b"n" => Kind::EndPath,
            b"Do" => Kind::Do,
            _ => Kind::Other,
        }
    }
}

/// One operand; names and strings are ranges of [`Ops::bytes`], arrays ranges of [`Ops::items`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand {
    Null,
    Bool(bool),
    Int(i64),
    Real(f32),
    Name(u32, u32),
    Str(u32, u32),
    /// An array: its items (arrays inside it are [`Operand::Other`]).
    Array(u32, u32),
    /// A dictionary, a reference, a nested array or an inline image: never read.
    Other,
}

/// One operation: its operator (a range of [`Ops::bytes`]) and operands (of [`Ops::operands`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Op {
    pub kind: Kind,
    pub operator: (u32, u32),
    pub operands: (u32, u32),
}

/// The operations of one content stream.
#[derive(Debug, Default, Clone)]
pub struct Ops {
    pub ops: Vec<Op>,
    pub operands: Vec<Operand>,
    pub items: Vec<Operand>,
    pub bytes: Vec<u8>,
}

/// The stream needs lopdf's parser: it fails hard there (inline images, deep nesting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

/// An operand with its bytes and items resolved, for comparisons in tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Real(f32),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Resolved>),
    Other,
}

impl Ops {
    /// The operands of `op`.
    pub fn args(&self, op: &Op) -> &[Operand] {
        &self.operands[op.operands.0 as usize..op.operands.1 as usize]
    }

    /// The bytes of a name or string range.
    pub fn slice(&self, (start, end): (u32, u32)) -> &[u8] {
        &self.bytes[start as usize..end as usize]
    }

    /// The items of an array range.
    pub fn array(&self, start: u32, end: u32) -> &[Operand] {
        &self.items[start as usize..end as usize]
    }

    /// Every operation as (operator, operands), with nothing left to look up.
    pub fn resolved(&self) -> Vec<(Vec<u8>, Vec<Resolved>)> {
        let one = |o: &Operand| match *o {
            Operand::Null => Resolved::Null,
            Operand::Bool(b) => Resolved::Bool(b),
            Operand::Int(i) => Resolved::Int(i),
            Operand::Real(r) => Resolved::Real(r),
            Operand::Name(s, e) => Resolved::Name(self.slice((s, e)).to_vec()),
            Operand::Str(s, e) => Resolved::Str(self.slice((s, e)).to_vec()),
            Operand::Array(..) | Operand::Other => Resolved::Other,
        };
        let top = |o: &Operand| match *o {
            Operand::Array(s, e) => Resolved::Array(self.array(s, e).iter().map(one).collect()),
            _ => one(o),
        };
        self.ops.iter().map(|op| (self.slice(op.operator).to_vec(), self.args(op).iter().map(top).collect())).collect()
    }

    /// The same operations from lopdf's parse (the path for streams this parser gives up on).
    pub fn from_lopdf(content: &Content) -> Ops {
        let mut ops = Ops::default();
        for operation in &content.operations {
            let start = ops.operands.len() as u32;
            for object in &operation.operands {
                let operand = match object {
                    Object::Array(items) => {
                        let first = ops.items.len() as u32;
                        for item in items {
                            let item = ops.shallow(item);
                            ops.items.push(item);
                        }
                        Operand::Array(first, ops.items.len() as u32)
                    }
                    other => ops.shallow(other),
                };
                ops.operands.push(operand);
            }
            let operator = ops.push_bytes(operation.operator.as_bytes());
            let kind = Kind::of(operation.operator.as_bytes());
            ops.ops.push(Op { kind, operator, operands: (start, ops.operands.len() as u32) });
        }
        ops
    }

    fn shallow(&mut self, object: &Object) -> Operand {
        match object {
            Object::Null => Operand::Null,
            Object::Boolean(b) => Operand::Bool(*b),
            Object::Integer(i) => Operand::Int(*i),
            Object::Real(r) => Operand::Real(*r),
            Object::Name(n) => {
                let (s, e) = self.push_bytes(n);
                Operand::Name(s, e)
            }
            Object::String(bytes, _) => {
                let (s, e) = self.push_bytes(bytes);
                Operand::Str(s, e)
            }
            _ => Operand::Other,
        }
    }

    fn push_bytes(&mut self, bytes: &[u8]) -> (u32, u32) {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(bytes);
        (start, self.bytes.len() as u32)
    }
}

/// Parse a content stream as lopdf's `Content::decode` would, or [`Bail`].
pub fn parse(data: &[u8]) -> Result<Ops, Bail> {
    let mut parser = Parser { d: data, out: Ops::default() };
    parser.out.ops.reserve(data.len() / 24);
    parser.out.operands.reserve(data.len() / 12);
    parser.out.bytes.reserve(data.len() / 2);
    parser.run()?;
    Ok(parser.out)
}

/// Operations of `data`: this parser's, or lopdf's where it gives up. Panics where lopdf's
/// `Content::decode(..).unwrap()` panicked.
pub fn decode(data: &[u8]) -> Ops {
    match parse(data) {
        Ok(ops) => ops,
        Err(Bail) => Ops::from_lopdf(&Content::decode(data).unwrap()),
    }
}

fn is_content_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0c')
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_operator_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

struct Parser<'a> {
    d: &'a [u8],
    out: Ops,
}

/// A parse step: `Ok(None)` when the thing is not there (lopdf's soft error).
type Step<T> = Result<Option<T>, Bail>;

impl Parser<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.d.get(i).copied()
    }

    fn content_space(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_content_space) {
            i += 1;
        }
        i
    }

    fn eol(&self, i: usize) -> Option<usize> {
        match self.at(i)? {
            b'\r' if self.at(i + 1) == Some(b'\n') => Some(i + 2),
            b'\r' | b'\n' => Some(i + 1),
            _ => None,
        }
    }

    /// `%` to the end of the line, which must end with an end-of-line.
    fn comment(&self, i: usize) -> Option<usize> {
        if self.at(i) != Some(b'%') {
            return None;
        }
        let mut j = i + 1;
        while self.at(j).is_some_and(|b| b != b'\r' && b != b'\n') {
            j += 1;
        }
        self.eol(j)
    }

    /// White space (with `\0` and form feed) and comments, as inside arrays.
    fn space(&self, mut i: usize) -> usize {
        loop {
            if self.at(i).is_some_and(is_whitespace) {
                i += 1;
            } else if let Some(j) = self.comment(i) {
                i = j;
            } else {
                return i;
            }
        }
    }

    fn run(&mut self) -> Result<(), Bail> {
        let mut i = self.content_space(0);
        loop {
            let mut j = i;
            while let Some(k) = self.comment(j) {
                j = k;
            }
            if self.d[j..].starts_with(b"BI") {
                return Err(Bail);
            }
            let marks = (self.out.operands.len(), self.out.items.len(), self.out.bytes.len());
            while let Some((operand, k)) = self.operand(j)? {
                self.out.operands.push(operand);
                j = self.content_space(k);
            }
            let start = j;
            while self.at(j).is_some_and(is_operator_byte) {
                j += 1;
            }
            if j == start {
                self.out.operands.truncate(marks.0);
                self.out.items.truncate(marks.1);
                self.out.bytes.truncate(marks.2);
                return Ok(());
            }
            let word = &self.d[start..j];
            let b0 = self.out.bytes.len() as u32;
            self.out.bytes.extend_from_slice(word);
            let operator = (b0, self.out.bytes.len() as u32);
            let op = Op { kind: Kind::of(word), operator, operands: (marks.0 as u32, self.out.operands.len() as u32) };
            self.out.ops.push(op);
            i = self.content_space(j);
        }
    }

    /// An operand of an operation (no references here, unlike inside arrays). The first byte
    /// decides which of lopdf's alternatives can match (they start differently).
    fn operand(&mut self, i: usize) -> Step<(Operand, usize)> {
        match self.at(i) {
            Some(b'(') => Ok(self.literal(i).map(|(s, e, j)| (Operand::Str(s, e), j))),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.') => Ok(self.number(i)),
            Some(b'n' | b't' | b'f') => Ok(self.keyword(i)),
            _ => self.value(i, 0),
        }
    }

    /// `null`, `true`, `false` (lopdf matches them as prefixes).
    fn keyword(&self, i: usize) -> Option<(Operand, usize)> {
        let rest = &self.d[i..];
        if rest.starts_with(b"null") {
            Some((Operand::Null, i + 4))
        } else if rest.starts_with(b"true") {
            Some((Operand::Bool(true), i + 4))
        } else if rest.starts_with(b"false") {
            Some((Operand::Bool(false), i + 5))
        } else {
            None
        }
    }

    /// A real, integer, name, string, array or dictionary at nesting `depth`.
    fn value(&mut self, i: usize, depth: usize) -> Step<(Operand, usize)> {
        if let Some(found) = self.number(i) {
            return Ok(Some(found));
        }
        let found = match self.at(i) {
            Some(b'/') => self.name(i).map(|(s, e, j)| (Operand::Name(s, e), j)),
            Some(b'(') => self.literal(i).map(|(s, e, j)| (Operand::Str(s, e), j)),
            Some(b'<') => match self.hex(i) {
                Some((s, e, j)) => Some((Operand::Str(s, e), j)),
                None => self.dictionary(i, depth + 1)?.map(|j| (Operand::Other, j)),
            },
            Some(b'[') => return self.array(i, depth + 1),
            _ => None,
        };
        Ok(found)
    }

    fn digits(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(|b| b.is_ascii_digit()) {
            i += 1;
        }
        i
    }

    /// A real if there is one (lopdf tries reals first), else an integer.
    fn number(&self, i: usize) -> Option<(Operand, usize)> {
        self.real(i).or_else(|| self.integer(i))
    }

    fn real(&self, i: usize) -> Option<(Operand, usize)> {
        let j = if matches!(self.at(i), Some(b'+' | b'-')) { i + 1 } else { i };
        let k = self.digits(j);
        let end = if k > j {
            if self.at(k) != Some(b'.') {
                return None;
            }
            self.digits(k + 1)
        } else {
            if self.at(j) != Some(b'.') {
                return None;
            }
            let e = self.digits(j + 1);
            if e == j + 1 {
                return None;
            }
            e
        };
        // Only ASCII signs, digits and a dot: valid UTF-8.
        let text = std::str::from_utf8(&self.d[i..end]).ok()?;
        text.parse::<f32>().ok().map(|r| (Operand::Real(r), end))
    }

    fn integer(&self, i: usize) -> Option<(Operand, usize)> {
        let negative = self.at(i) == Some(b'-');
        let j = if matches!(self.at(i), Some(b'+' | b'-')) { i + 1 } else { i };
        let end = self.digits(j);
        if end == j {
            return None;
        }
        let mut value: i64 = 0;
        for &b in &self.d[j..end] {
            let digit = i64::from(b - b'0');
            value = value.checked_mul(10)?;
            value = if negative { value.checked_sub(digit)? } else { value.checked_add(digit)? };
        }
        Some((Operand::Int(value), end))
    }

    /// A name, its `#xx` escapes decoded into the byte buffer: (start, end, next position).
    fn name(&mut self, i: usize) -> Option<(u32, u32, usize)> {
        if self.at(i) != Some(b'/') {
            return None;
        }
        let start = self.out.bytes.len() as u32;
        let mut j = i + 1;
        loop {
            match self.at(j) {
                Some(b'#') => match (self.at(j + 1).and_then(hex_value), self.at(j + 2).and_then(hex_value)) {
                    (Some(h), Some(l)) => {
                        self.out.bytes.push(h << 4 | l);
                        j += 3;
                    }
                    _ => break,
                },
                Some(b) if is_regular(b) => {
                    self.out.bytes.push(b);
                    j += 1;
                }
                _ => break,
            }
        }
        Some((start, self.out.bytes.len() as u32, j))
    }

    /// A literal string, escapes decoded, nested parentheses kept.
    fn literal(&mut self, i: usize) -> Option<(u32, u32, usize)> {
        let start = self.out.bytes.len();
        let found = self.literal_body(i);
        if found.is_none() {
            self.out.bytes.truncate(start);
        }
        found.map(|j| (start as u32, self.out.bytes.len() as u32, j))
    }

    fn literal_body(&mut self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = i + 1;
        loop {
            let b = self.at(j)?;
            match b {
                b'(' => {
                    depth += 1;
                    if depth > MAX_BRACKET {
                        return None;
                    }
                    self.out.bytes.push(b);
                    j += 1;
                }
                b')' if depth == 0 => return Some(j + 1),
                b')' => {
                    depth -= 1;
                    self.out.bytes.push(b);
                    j += 1;
                }
                b'\\' => j = self.escape(j + 1)?,
                _ => {
                    self.out.bytes.push(b);
                    j += 1;
                }
            }
        }
    }

    /// The escape after a backslash at `i - 1`; returns the position after it.
    fn escape(&mut self, i: usize) -> Option<usize> {
        let b = self.at(i)?;
        if (b'0'..=b'7').contains(&b) {
            let mut value: u16 = 0;
            let mut j = i;
            while j < i + 3 && self.at(j).is_some_and(|c| (b'0'..=b'7').contains(&c)) {
                value = value * 8 + u16::from(self.d[j] - b'0');
                j += 1;
            }
            self.out.bytes.push(value as u8);
            return Some(j);
        }
        if let Some(j) = self.eol(i) {
            return Some(j);
        }
        let byte = match b {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => b'\x08',
            b'f' => b'\x0c',
            other => other,
        };
        self.out.bytes.push(byte);
        Some(i + 1)
    }

    /// A hexadecimal string (white space allowed anywhere, an odd last digit padded).
    fn hex(&mut self, i: usize) -> Option<(u32, u32, usize)> {
        let start = self.out.bytes.len();
        let mut high = true;
        let mut j = i + 1;
        loop {
            match self.at(j) {
                Some(b) if is_whitespace(b) => j += 1,
                Some(b) if hex_value(b).is_some() => {
                    let v = hex_value(b).unwrap_or(0);
                    if high {
                        self.out.bytes.push(v << 4);
                    } else if let Some(last) = self.out.bytes.last_mut() {
                        *last |= v;
                    }
                    high = !high;
                    j += 1;
                }
                Some(b'>') => return Some((start as u32, self.out.bytes.len() as u32, j + 1)),
                _ => {
                    self.out.bytes.truncate(start);
                    return None;
                }
            }
        }
    }

    /// An array at nesting `depth` (1 for an operand); only the items of depth 1 are kept.
    fn array(&mut self, i: usize, depth: usize) -> Step<(Operand, usize)> {
        if depth > MAX_DEPTH {
            return Err(Bail);
        }
        let first = self.out.items.len();
        let mut j = self.space(i + 1);
        while let Some((item, k)) = self.item(j, depth)? {
            if depth == 1 {
                self.out.items.push(item);
            }
            j = k;
        }
        if self.at(j) != Some(b']') {
            self.out.items.truncate(first);
            return Ok(None);
        }
        let operand =
            if depth == 1 { Operand::Array(first as u32, self.out.items.len() as u32) } else { Operand::Other };
        Ok(Some((operand, j + 1)))
    }

    /// A dictionary `<< /Key value ... >>` at nesting `depth`, skipped.
    fn dictionary(&mut self, i: usize, depth: usize) -> Step<usize> {
        if !self.d[i..].starts_with(b"<<") {
            return Ok(None);
        }
        if depth > MAX_DEPTH {
            return Err(Bail);
        }
        let mut j = self.space(i + 2);
        loop {
            let Some((_, _, k)) = self.name(j) else {
                break;
            };
            match self.item(self.space(k), depth)? {
                Some((_, next)) => j = next,
                None => break,
            }
        }
        Ok(self.d[j..].starts_with(b">>").then_some(j + 2))
    }

    /// An object inside an array or dictionary of nesting `depth`, with the space after it.
    fn item(&mut self, i: usize, depth: usize) -> Step<(Operand, usize)> {
        // The first byte decides which alternatives can match, as in `operand`.
        let found = match self.at(i) {
            Some(b'(') => self.literal(i).map(|(s, e, j)| (Operand::Str(s, e), j)),
            Some(b'0'..=b'9') => match self.reference(i) {
                Some(j) => Some((Operand::Other, j)),
                None => self.number(i),
            },
            Some(b'-' | b'+' | b'.') => self.number(i),
            Some(b'n' | b't' | b'f') => self.keyword(i),
            _ => self.value(i, depth)?,
        };
        Ok(found.map(|(operand, j)| {
            let operand = match operand {
                Operand::Array(..) if depth >= 1 => Operand::Other,
                other => other,
            };
            (operand, self.space(j))
        }))
    }

    /// `N G R` (object number u32, generation u16), inside arrays and dictionaries.
    fn reference(&self, i: usize) -> Option<usize> {
        let number_end = self.digits(i);
        let g = self.space(number_end);
        let generation_end = self.digits(g);
        let r = self.space(generation_end);
        if number_end == i || generation_end == g || self.at(r) != Some(b'R') {
            return None;
        }
        // Only ASCII digits: valid UTF-8. Out of range is no reference, as in lopdf.
        std::str::from_utf8(&self.d[i..number_end]).ok()?.parse::<u32>().ok()?;
        std::str::from_utf8(&self.d[g..generation_end]).ok()?.parse::<u16>().ok()?;
        Some(r + 1)
    }
}
