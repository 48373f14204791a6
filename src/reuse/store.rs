//! The shingles of a run's distinct texts, kept off the heap: in a scratch file in the output
//! folder (or, without one, in one byte buffer), each text once, read back when reuse is measured.
//!
//! A text is one record of little-endian numbers: per unit its words (`u32`), per unit the end
//! of its shingles (`u32`), every unit's shingles in order (`u64`), then the text's distinct
//! shingles ascending (`u64`). Only where each record is and how long its parts are stays in
//! memory (a few dozen bytes a text), so a run of 3,500 distinct programmes keeps its 41 million
//! words' shingles on disk rather than in the parent's memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// Which text of a [`ShingleStore`] a programme has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextId(pub(super) usize);

/// The shingles of a run's programmes, each distinct text once (see the module).
#[derive(Debug)]
pub struct ShingleStore {
    texts: Vec<Record>,
    /// Text ids by a hash of their units (to find an identical text).
    by_key: BTreeMap<u64, Vec<usize>>,
    scratch: Scratch,
}

impl Default for ShingleStore {
    /// A store that keeps its records in memory.
    fn default() -> Self {
        ShingleStore::with(Scratch { file: None, writable: false, file_len: 0, memory: Vec::new() })
    }
}

/// Where one text's record is, and the lengths of its parts.
#[derive(Debug, Clone, Copy)]
struct Record {
    at: Place,
    units: u32,
    hashes: u32,
    set: u32,
}

impl Record {
    /// Byte offset of the sorted distinct shingles within the record.
    fn set_offset(&self) -> u64 {
        8 * u64::from(self.units) + 8 * u64::from(self.hashes)
    }

    #[cfg(test)]
    fn bytes(&self) -> u64 {
        self.set_offset() + 8 * u64::from(self.set)
    }
}

/// The start of a record: in the scratch file, or in the memory buffer (a store without a file,
/// or after the file could not be written).
#[derive(Debug, Clone, Copy)]
enum Place {
    File(u64),
    Memory(usize),
}

/// The store's bytes: a scratch file as long as it can be written, then memory.
#[derive(Debug)]
struct Scratch {
    /// The file and its folder (for a message).
    file: Option<(File, PathBuf)>,
    /// False once a write to the file failed: what follows goes to memory.
    writable: bool,
    file_len: u64,
    memory: Vec<u8>,
}

impl Scratch {
    /// Appends `bytes`; to memory once a write to the file failed.
    fn append(&mut self, bytes: &[u8]) -> Place {
        if let Some((file, _)) = self.file.as_ref().filter(|_| self.writable) {
            if file.write_all_at(bytes, self.file_len).is_ok() {
                let at = self.file_len;
                self.file_len += bytes.len() as u64;
                return Place::File(at);
            }
            self.writable = false;
        }
        let at = self.memory.len();
        self.memory.extend_from_slice(bytes);
        Place::Memory(at)
    }

    /// `len` bytes from `offset` bytes into the record at `at`, into `buf`.
    fn read(&self, at: Place, offset: u64, len: usize, buf: &mut Vec<u8>) {
        buf.clear();
        match at {
            Place::Memory(start) => {
                let from = start + offset as usize;
                buf.extend_from_slice(&self.memory[from..from + len]);
            }
            Place::File(start) => {
                buf.resize(len, 0);
                if let Some((file, dir)) = &self.file
                    && let Err(e) = file.read_exact_at(buf, start + offset)
                {
                    // Written by this run a moment ago: only a failing disk gets here.
                    panic!("cannot read back the reuse measure's scratch file in {}: {e}", dir.display());
                }
            }
        }
    }
}

/// A text's units as stored: per unit its words and the end of its shingles in `hashes`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Units {
    words: Vec<u32>,
    ends: Vec<u32>,
    hashes: Vec<u64>,
}

impl Units {
    /// Per unit, its words and its distinct shingles.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, &[u64])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.words
            .iter()
            .zip(starts.zip(self.ends.iter()))
            .map(|(&w, (s, &e))| (w, &self.hashes[s as usize..e as usize]))
    }
}

impl ShingleStore {
    /// A store whose records go to an unnamed scratch file in `dir` (removed by the system when
    /// the run ends, however it ends); in memory when no file can be made there.
    pub fn in_folder(dir: &Path) -> Self {
        let file = scratch_file(dir).map(|f| (f, dir.to_path_buf()));
        ShingleStore::with(Scratch { writable: file.is_some(), file, file_len: 0, memory: Vec::new() })
    }

    fn with(scratch: Scratch) -> Self {
        let mut store = ShingleStore { texts: Vec::new(), by_key: BTreeMap::new(), scratch };
        store.add(Vec::new());
        store
    }

    /// True when the records go to a scratch file (none has failed to be written yet).
    pub fn on_disk(&self) -> bool {
        self.scratch.writable
    }

    /// Stores a programme's units, as [`super::unit_shingles`] gives them, and returns its text:
    /// the same id for the same units (units without shingles do not count).
    pub fn add(&mut self, units: Vec<(u32, Vec<u64>)>) -> TextId {
        let units = units.into_iter().filter(|(_, sh)| !sh.is_empty());
        let (mut words, mut ends, mut hashes) = (Vec::new(), Vec::new(), Vec::new());
        for (w, sh) in units {
            words.push(w);
            hashes.extend_from_slice(&sh);
            ends.push(u32::try_from(hashes.len()).unwrap_or(u32::MAX));
        }
        let new = Units { words, ends, hashes };
        let key = hash_units(&new.words, &new.hashes);
        if let Some(&id) = self.by_key.get(&key).and_then(|ids| ids.iter().find(|&&i| self.units(i) == new)) {
            return TextId(id);
        }
        let mut set = new.hashes.clone();
        set.sort_unstable();
        set.dedup();
        let at = self.scratch.append(&encode(&new, &set));
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.texts.push(Record {
            at,
            units: count(new.words.len()),
            hashes: count(new.hashes.len()),
            set: count(set.len()),
        });
        let id = self.texts.len() - 1;
        self.by_key.entry(key).or_default().push(id);
        TextId(id)
    }

    /// How many texts the store holds (the empty one included).
    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    /// The id of the text without units.
    pub(super) fn empty(&self) -> usize {
        0
    }

    /// How many distinct shingles text `c` has.
    pub(super) fn set_len(&self, c: usize) -> usize {
        self.texts[c].set as usize
    }

    /// The units of text `c`.
    pub(super) fn units(&self, c: usize) -> Units {
        let r = self.texts[c];
        let mut bytes = Vec::new();
        self.scratch.read(r.at, 0, r.set_offset() as usize, &mut bytes);
        let n = r.units as usize;
        let words = u32s(&bytes[..4 * n]);
        let ends = u32s(&bytes[4 * n..8 * n]);
        Units { words, ends, hashes: u64s(&bytes[8 * n..]) }
    }

    /// The distinct shingles of text `c`, ascending.
    pub(super) fn set(&self, c: usize) -> Vec<u64> {
        let mut out = Vec::new();
        self.set_part(c, 0, self.set_len(c), &mut out);
        out
    }

    /// Up to `max` of the distinct shingles of text `c` from the `from`th on, into `out`.
    pub(super) fn set_part(&self, c: usize, from: usize, max: usize, out: &mut Vec<u64>) {
        let r = self.texts[c];
        let n = max.min(self.set_len(c).saturating_sub(from));
        let mut bytes = Vec::new();
        self.scratch.read(r.at, r.set_offset() + 8 * from as u64, 8 * n, &mut bytes);
        out.clear();
        out.extend(bytes.chunks_exact(8).map(le_u64));
    }

    /// Bytes of all records, for tests.
    #[cfg(test)]
    fn stored_bytes(&self) -> u64 {
        self.texts.iter().map(Record::bytes).sum()
    }
}

/// An unnamed file in `dir` (`O_TMPFILE`), else a named one removed at once; `None` when
/// neither can be made.
fn scratch_file(dir: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).mode(0o600);
    #[cfg(target_os = "linux")]
    if let Ok(f) = options.clone().custom_flags(libc::O_TMPFILE).open(dir) {
        return Some(f);
    }
    // A name of the form the output folder's clean-up removes, should this process die first.
    let path = dir.join(format!(".shingles.{}.tmp", std::process::id()));
    let file = options.create_new(true).open(&path).ok()?;
    std::fs::remove_file(&path).ok()?;
    Some(file)
}

/// A text's record (see the module).
fn encode(units: &Units, set: &[u64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 * (units.words.len() + units.hashes.len() + set.len()));
    for x in units.words.iter().chain(&units.ends) {
        out.extend_from_slice(&x.to_le_bytes());
    }
    for x in units.hashes.iter().chain(set) {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

fn u32s(bytes: &[u8]) -> Vec<u32> {
    bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

fn u64s(bytes: &[u8]) -> Vec<u64> {
    bytes.chunks_exact(8).map(le_u64).collect()
}

fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// A hash of a text's units, to find an identical text quickly.
fn hash_units(words: &[u32], hashes: &[u64]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in words.iter().map(|&w| u64::from(w)).chain(hashes.iter().copied()) {
        h ^= x;
        h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(17);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(seed: u64, n: usize) -> Vec<(u32, Vec<u64>)> {
        // Shingles out of order within the text and repeated across units, as real text has them.
        (0..n)
            .map(|u| {
                let sh: Vec<u64> = (0..(u % 4)).map(|k| (seed ^ (u as u64 * 7 + k as u64)).rotate_left(29)).collect();
                (u as u32 + 5, sh)
            })
            .collect()
    }

    fn expected(units: &[(u32, Vec<u64>)]) -> (Units, Vec<u64>) {
        let kept: Vec<&(u32, Vec<u64>)> = units.iter().filter(|(_, sh)| !sh.is_empty()).collect();
        let words = kept.iter().map(|(w, _)| *w).collect();
        let hashes: Vec<u64> = kept.iter().flat_map(|(_, sh)| sh.iter().copied()).collect();
        let mut ends = Vec::new();
        kept.iter().fold(0, |end, (_, sh)| {
            ends.push((end + sh.len()) as u32);
            end + sh.len()
        });
        let mut set = hashes.clone();
        set.sort_unstable();
        set.dedup();
        (Units { words, ends, hashes }, set)
    }

    fn round_trip(mut store: ShingleStore) {
        let texts: Vec<Vec<(u32, Vec<u64>)>> = (0..5).map(|s| units(s * 1_000_003, 40 + s as usize)).collect();
        let ids: Vec<TextId> = texts.iter().map(|t| store.add(t.clone())).collect();
        for (t, id) in texts.iter().zip(&ids) {
            let (units, set) = expected(t);
            assert_eq!(store.units(id.0), units);
            assert!(set.windows(2).all(|w| w[0] < w[1]), "the set is ascending, without repeats");
            assert_eq!(store.set(id.0), set);
            assert_eq!(store.set_len(id.0), set.len());
            let mut part = Vec::new();
            store.set_part(id.0, 3, 5, &mut part);
            assert_eq!(part, set[3..8]);
            store.set_part(id.0, set.len() - 2, 5, &mut part);
            assert_eq!(part, set[set.len() - 2..], "a part stops at the end of the set");
        }
        assert_eq!(store.add(texts[2].clone()), ids[2], "the same units are the same text");
        assert_eq!(store.len(), 6, "the empty text, and five");
    }

    #[test]
    fn records_in_memory_read_back_as_they_were_stored() {
        round_trip(ShingleStore::default());
    }

    #[test]
    fn records_in_a_scratch_file_read_back_as_they_were_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = ShingleStore::in_folder(dir.path());
        assert!(store.on_disk());
        round_trip(store);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the scratch file has no name");
    }

    #[test]
    fn a_record_takes_eight_bytes_a_unit_and_a_shingle() {
        let mut store = ShingleStore::default();
        store.add(vec![(6, vec![3, 1, 2]), (9, vec![1, 4])]);
        // Two units, five shingles, four distinct.
        assert_eq!(store.stored_bytes(), 8 * 2 + 8 * 5 + 8 * 4);
    }

    #[test]
    fn after_a_failed_write_the_records_go_to_memory_and_earlier_ones_still_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scratch");
        let file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
        let scratch =
            Scratch { file: Some((file, dir.path().to_path_buf())), writable: true, file_len: 0, memory: Vec::new() };
        let mut store = ShingleStore::with(scratch);
        let first = units(11, 30);
        let id = store.add(first.clone());
        assert!(store.on_disk() && matches!(store.texts[id.0].at, Place::File(_)));
        // The same file, now read-only: every write fails, as on a full disk.
        store.scratch.file = Some((File::open(&path).unwrap(), dir.path().to_path_buf()));
        let second = units(12, 30);
        let id2 = store.add(second.clone());
        assert!(!store.on_disk() && matches!(store.texts[id2.0].at, Place::Memory(_)));
        for (t, id) in [(first, id), (second, id2)] {
            let (units, set) = expected(&t);
            assert_eq!((store.units(id.0), store.set(id.0)), (units, set));
        }
    }

    #[test]
    fn without_a_usable_folder_the_store_keeps_its_records_in_memory() {
        let store = ShingleStore::in_folder(Path::new("/nonexistent/caleido-test"));
        assert!(!store.on_disk());
        round_trip(store);
    }
}
