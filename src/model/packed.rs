//! A compact serde form for the reuse shingles of a [`DocResult`](super::DocResult): one base64
//! string of little-endian numbers instead of a JSON array of 20-digit integers, which the parent
//! spent more time parsing than on any report.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serializer, de::Error};

/// Per unit: its words and its shingles.
type Units = Vec<(u32, Vec<u64>)>;

/// Writes `units` as one base64 string: per unit its words (u32), its number of shingles (u32)
/// and the shingles (u64), all little-endian.
pub fn serialize<S: Serializer>(units: &Units, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&STANDARD.encode(to_bytes(units)))
}

/// Reads what [`serialize`] wrote.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Units, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    let bytes = STANDARD.decode(text.as_bytes()).map_err(D::Error::custom)?;
    from_bytes(&bytes).ok_or_else(|| D::Error::custom("truncated shingles"))
}

fn to_bytes(units: &Units) -> Vec<u8> {
    let len = units.iter().map(|(_, s)| 8 + 8 * s.len()).sum();
    let mut out = Vec::with_capacity(len);
    for (words, set) in units {
        out.extend_from_slice(&words.to_le_bytes());
        out.extend_from_slice(&(set.len() as u32).to_le_bytes());
        for h in set {
            out.extend_from_slice(&h.to_le_bytes());
        }
    }
    out
}

fn from_bytes(mut bytes: &[u8]) -> Option<Units> {
    let mut units = Vec::new();
    while !bytes.is_empty() {
        let words = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let n = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?) as usize;
        let body = bytes.get(8..8 + 8 * n)?;
        let set = body.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect();
        units.push((words, set));
        bytes = &bytes[8 + 8 * n..];
    }
    Some(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_back_as_they_went() {
        let units: Units = vec![(12, vec![u64::MAX, 0, 42]), (3, vec![]), (7, vec![1 << 40])];
        assert_eq!(from_bytes(&to_bytes(&units)).unwrap(), units);
        assert_eq!(from_bytes(&[]).unwrap(), Vec::new());
    }

    #[test]
    fn a_truncated_string_is_an_error() {
        let bytes = to_bytes(&vec![(1, vec![5, 6])]);
        assert!(from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(from_bytes(&bytes[..6]).is_none());
    }
}
