//! Reused text across the programmes of a run: which units of a programme also stand, nearly
//! word for word, in another programme, which programme it shares most with, and which inputs
//! are the same programme twice (a PDF and a text copy).
//!
//! A unit's shingles are its runs of [`SHINGLE`] consecutive words (folded as the rules see
//! them). A unit of at least [`SHINGLE`] words is *reused* from another programme when at least
//! [`UNIT_SHARE`] of its shingles occur in that programme. Shorter units are never reused.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{DocResult, Sentence};
use crate::score::percent;

mod store;
pub use store::{ShingleStore, TextId};

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Share of a unit's shingles that must occur in another programme for the unit to be reused.
pub const UNIT_SHARE: f64 = 0.8;
/// Two inputs of one election are one programme when one holds more than this share of the
/// other's shingles...
pub const DUPLICATE_SHARE: f64 = 0.85;
/// ...and the other at least this share of the first's (text exports lose or repeat some text).
pub const DUPLICATE_SHARE_BACK: f64 = 0.6;

/// Fills `reused_pct`, `reused_from` and `duplicate_of` in the scores of the scored documents,
/// and empties their [`DocResult::shingles`], which nothing needs afterwards.
/// Of two copies, the one with pages (quotable by page) is kept, then the first by file name.
pub fn annotate(docs: &mut [DocResult]) {
    let mut store = ShingleStore::default();
    let ids: Vec<Option<TextId>> =
        docs.iter_mut().map(|d| d.status.is_ok().then(|| store.add(take_shingles(d)))).collect();
    annotate_with(docs, &store, &ids);
}

/// As [`annotate`], with the shingles already taken out of the documents into `store`:
/// `ids[i]` is the text of `docs[i]` (`None` for a document that was not scored).
///
/// Work and memory grow with the distinct texts of the run (identical texts are one
/// [`TextId`]) and with how many texts share each shingle; copies are sought only between
/// programmes of one place and year.
pub fn annotate_with(docs: &mut [DocResult], store: &ShingleStore, ids: &[Option<TextId>]) {
    let scored: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].status.is_ok()).collect();
    let class: Vec<usize> =
        scored.iter().map(|&i| ids.get(i).copied().flatten().map_or(store.empty(), |t| t.0)).collect();
    mark_duplicates(docs, &scored, &class, store);
    let index = ClassIndex::new(store);
    // A copy of the same programme is no other programme: reuse is measured against the rest.
    let roots: Vec<String> = scored.iter().map(|&i| programme_of(&docs[i]).to_string()).collect();
    let (reused, from) = measure_reuse(store, &index, &class, &roots);
    for (a, &i) in scored.iter().enumerate() {
        let from_file = from[a].map(|b| docs[scored[b]].file.clone()).unwrap_or_default();
        let score = &mut docs[i].score;
        score.reused_pct = percent(reused[a], score.words);
        score.reused_from = from_file;
    }
}

/// Per scored programme (by position): the words of its units reused from another programme,
/// and the programme it shares most words with (the first of a tie).
fn measure_reuse(
    store: &ShingleStore,
    index: &ClassIndex,
    class: &[usize],
    roots: &[String],
) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); store.len()];
    for (a, &c) in class.iter().enumerate() {
        members[c].push(a);
    }
    let mut family: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (a, r) in roots.iter().enumerate() {
        family.entry(r.as_str()).or_default().push(a);
    }
    let texts: Vec<usize> = (0..members.len()).filter(|&c| !members[c].is_empty()).collect();
    // Texts in parallel, each thread with its own counter; results in the order of the texts.
    let per_text: Vec<Vec<(usize, usize, Option<usize>)>> = texts
        .par_iter()
        .map_init(
            || Counter::new(store.len()),
            |counter, &c| {
                let units = unit_sources(store, index, c, counter);
                members[c]
                    .iter()
                    .map(|&a| {
                        let (words, best) = doc_reuse(&units, c, a, &family[roots[a].as_str()], &members);
                        (a, words, best)
                    })
                    .collect()
            },
        )
        .collect();
    let (mut reused, mut from) = (vec![0usize; class.len()], vec![None; class.len()]);
    for (a, words, best) in per_text.into_iter().flatten() {
        reused[a] = words;
        from[a] = best;
    }
    (reused, from)
}

/// Per unit of text `c`: its words and the other texts holding at least [`UNIT_SHARE`] of its
/// shingles.
fn unit_sources(store: &ShingleStore, index: &ClassIndex, c: usize, counter: &mut Counter) -> Vec<(u32, Vec<u32>)> {
    store
        .units(c)
        .iter()
        .map(|(words, sh)| {
            for &h in sh {
                index.holders(h).filter(|&d| d as usize != c).for_each(|d| counter.add(d));
            }
            let need = UNIT_SHARE * sh.len() as f64;
            (words, counter.drain(|n| n as f64 >= need))
        })
        .collect()
}

/// One programme's reused words and the programme it shares most with, from its text's units:
/// a unit is reused when a programme of another family (another root) holds it, the other
/// programmes of its own text holding all of it.
fn doc_reuse(
    units: &[(u32, Vec<u32>)],
    own: usize,
    a: usize,
    fam: &[usize],
    members: &[Vec<usize>],
) -> (usize, Option<usize>) {
    let others = |c: usize| members[c].iter().copied().filter(|&b| b != a && !fam.contains(&b));
    let eligible = |c: usize| others(c).next().is_some();
    let own_eligible = eligible(own);
    let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
    let mut reused = 0usize;
    for (words, sources) in units {
        let words = *words as usize;
        let mut any = own_eligible;
        for &c in sources.iter().filter(|&&c| eligible(c as usize)) {
            *shared.entry(c as usize).or_default() += words;
            any = true;
        }
        if own_eligible {
            *shared.entry(own).or_default() += words;
        }
        if any {
            reused += words;
        }
    }
    let candidates = shared.into_iter().filter_map(|(c, w)| others(c).next().map(|b| (b, w)));
    let best = candidates.max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0))).map(|(b, _)| b);
    (reused, best)
}

/// Counts per text, cleared after each unit: a dense array and the texts touched.
struct Counter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Counter {
    fn new(n: usize) -> Self {
        Counter { counts: vec![0; n], touched: Vec::new() }
    }

    fn add(&mut self, c: u32) {
        if self.counts[c as usize] == 0 {
            self.touched.push(c);
        }
        self.counts[c as usize] += 1;
    }

    /// The texts whose count passes `keep`, ascending; every count back to zero.
    fn drain(&mut self, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut out: Vec<u32> = self.touched.iter().copied().filter(|&c| keep(self.counts[c as usize])).collect();
        out.sort_unstable();
        for c in self.touched.drain(..) {
            self.counts[c as usize] = 0;
        }
        out
    }
}

/// The file that stands for a document's programme: the original of a copy, else itself.
fn programme_of(d: &DocResult) -> &str {
    if d.score.duplicate_of.is_empty() { &d.file } else { &d.score.duplicate_of }
}

/// Per pair of scored programmes (by position, `a < b`) of one place and year that share a
/// shingle and could be copies (the shorter text holds at least [`DUPLICATE_SHARE_BACK`] as many
/// distinct shingles as the longer): the share of `a`'s distinct shingles that `b` holds, and of
/// `b`'s that `a` holds. Elections are compared in parallel; the pairs come sorted.
fn election_containment(
    docs: &[DocResult],
    scored: &[usize],
    class: &[usize],
    store: &ShingleStore,
) -> Vec<(usize, usize, f64, f64)> {
    let mut elections: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (a, &i) in scored.iter().enumerate() {
        elections.entry((docs[i].meta.place.as_str(), docs[i].meta.year.as_str())).or_default().push(a);
    }
    let elections: Vec<&Vec<usize>> = elections.values().filter(|m| m.len() > 1).collect();
    let per_election: Vec<Vec<(usize, usize, f64, f64)>> =
        elections.par_iter().map(|members| election_pairs(members, class, store)).collect();
    let mut pairs: Vec<(usize, usize, f64, f64)> = per_election.into_iter().flatten().collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs
}

/// [`election_containment`] for the programmes of one election.
fn election_pairs(members: &[usize], class: &[usize], store: &ShingleStore) -> Vec<(usize, usize, f64, f64)> {
    // Distinct shingles two texts share, by (lower, higher) text: the same both ways.
    let mut common: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut sets = SetCache::new(store, SET_CACHE);
    let mut pairs = Vec::new();
    for (j, &a) in members.iter().enumerate() {
        for &b in &members[j + 1..] {
            let (x, y) = (class[a], class[b]);
            let (len_x, len_y) = (store.set_len(x), store.set_len(y));
            let (short, long) = (len_x.min(len_y) as f64, len_x.max(len_y) as f64);
            // The shorter text's share of the longer is at most short / long: never a copy.
            if x != y && short / long < DUPLICATE_SHARE_BACK {
                continue;
            }
            let shared = if x == y {
                len_x
            } else {
                *common.entry((x.min(y), x.max(y))).or_insert_with(|| sets.intersection(x, y))
            };
            if shared > 0 {
                pairs.push((a, b, shared as f64 / len_x.max(1) as f64, shared as f64 / len_y.max(1) as f64));
            }
        }
    }
    pairs
}

/// Most shingles of one election's texts held at once to seek copies (32 MB); beyond it a
/// text's shingles are read again for each pair.
const SET_CACHE: usize = 4 << 20;

/// The sorted shingles of the texts of one election, read from the store once each while they
/// fit in [`SET_CACHE`].
struct SetCache<'a> {
    store: &'a ShingleStore,
    sets: BTreeMap<usize, std::rc::Rc<Vec<u64>>>,
    held: usize,
    budget: usize,
}

impl<'a> SetCache<'a> {
    /// A cache that holds at most `budget` shingles.
    fn new(store: &'a ShingleStore, budget: usize) -> Self {
        SetCache { store, sets: BTreeMap::new(), held: 0, budget }
    }

    fn get(&mut self, c: usize) -> std::rc::Rc<Vec<u64>> {
        if let Some(set) = self.sets.get(&c) {
            return set.clone();
        }
        let set = std::rc::Rc::new(self.store.set(c));
        if self.held + set.len() <= self.budget {
            self.held += set.len();
            self.sets.insert(c, set.clone());
        }
        set
    }

    /// How many distinct shingles texts `x` and `y` share.
    fn intersection(&mut self, x: usize, y: usize) -> usize {
        let (a, b) = (self.get(x), self.get(y));
        intersection_size(&a, &b)
    }
}

/// How many values two sorted slices without repeats have in common.
fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Sets `duplicate_of` on the copy that is not kept, for every pair of one place and year whose
/// shingles overlap by [`DUPLICATE_SHARE`] one way and [`DUPLICATE_SHARE_BACK`] the other.
fn mark_duplicates(docs: &mut [DocResult], scored: &[usize], class: &[usize], store: &ShingleStore) {
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for (a, b, ab, ba) in election_containment(docs, scored, class, store) {
        let (da, db) = (&docs[scored[a]], &docs[scored[b]]);
        let (high, low) = if ab >= ba { (ab, ba) } else { (ba, ab) };
        if high > DUPLICATE_SHARE && low >= DUPLICATE_SHARE_BACK {
            copies.push(if kept_first(da, db) { (a, b) } else { (b, a) });
        }
    }
    for (keep, drop) in copies {
        let kept_file = original(docs, scored, keep);
        if docs[scored[drop]].score.duplicate_of.is_empty() && kept_file != docs[scored[drop]].file {
            docs[scored[drop]].score.duplicate_of = kept_file;
        }
    }
    // A copy of a copy names the programme that is kept.
    let mut copy_of: BTreeMap<String, String> = BTreeMap::new();
    for d in docs.iter().filter(|d| !d.score.duplicate_of.is_empty()) {
        copy_of.entry(d.file.clone()).or_insert_with(|| d.score.duplicate_of.clone());
    }
    let copies: Vec<usize> = scored.iter().copied().filter(|&i| !docs[i].score.duplicate_of.is_empty()).collect();
    for i in copies {
        let mut target = docs[i].score.duplicate_of.clone();
        let mut steps = 0;
        while let Some(next) = copy_of.get(&target).filter(|_| steps <= copy_of.len()) {
            target = next.clone();
            steps += 1;
        }
        docs[i].score.duplicate_of = target;
    }
}

/// The file a kept copy stands for: itself, or what it is itself a copy of.
fn original(docs: &[DocResult], scored: &[usize], keep: usize) -> String {
    let d = &docs[scored[keep]];
    if d.score.duplicate_of.is_empty() { d.file.clone() } else { d.score.duplicate_of.clone() }
}

/// True when `a` rather than `b` should stand for their programme: pages first (a page number
/// to quote), then the cleaner text (the smaller share of words set aside as repeats: a text
/// layer that printed every line twice scores a broken text), then file name.
fn kept_first(a: &DocResult, b: &DocResult) -> bool {
    let rank = |d: &DocResult| (d.score.pages == 0, set_aside_permille(d), d.file.clone());
    rank(a) < rank(b)
}

/// Words set aside as repeats per thousand words read.
fn set_aside_permille(d: &DocResult) -> usize {
    let read = d.score.words + d.score.set_aside_words;
    (d.score.set_aside_words * 1000).checked_div(read).unwrap_or(0)
}

/// A document's units as [`unit_shingles`] gives them: taken out of [`DocResult::shingles`] when
/// the sentences were thinned for the reports, else made from the sentences.
fn take_shingles(d: &mut DocResult) -> Vec<(u32, Vec<u64>)> {
    if d.shingles.is_empty() { unit_shingles(&d.sentences) } else { std::mem::take(&mut d.shingles) }
}

/// Per sentence that has shingles (no heading, at least [`SHINGLE`] words): its words and the
/// distinct shingles of its folded words. Other units are never reused and are left out.
pub fn unit_shingles(sentences: &[Sentence]) -> Vec<(u32, Vec<u64>)> {
    // One buffer of folded words for all sentences, and where each word starts in it.
    let mut folded = String::new();
    let mut starts: Vec<usize> = Vec::new();
    sentences
        .iter()
        .filter(|s| !s.heading)
        .filter_map(|s| {
            let words = u32::try_from(s.words).unwrap_or(u32::MAX);
            folded.clear();
            crate::text::push_norms(&s.text, &mut folded);
            starts.clear();
            starts.push(0);
            starts.extend(folded.bytes().enumerate().filter(|&(_, b)| b == 0).map(|(i, _)| i + 1));
            let mut set: Vec<u64> =
                starts.windows(SHINGLE + 1).map(|w| hash_bytes(&folded.as_bytes()[w[0]..w[SHINGLE]])).collect();
            set.sort_unstable();
            set.dedup();
            (!set.is_empty()).then_some((words, set))
        })
        .collect()
}

/// Each shingle two texts or more hold, and those texts: sorted shingles, and per shingle the
/// range of its texts (ascending) in one array.
struct ClassIndex {
    keys: Vec<u64>,
    starts: Vec<u32>,
    holders: Vec<u32>,
}

impl ClassIndex {
    /// A k-way merge of the texts' sorted shingles, so no array of every (shingle, text) pair
    /// is ever held. A shingle of one text only is left out: it never makes a unit reused.
    fn new(store: &ShingleStore) -> Self {
        let mut merge = Merge::new(store);
        let (mut keys, mut starts, mut holders) = (Vec::new(), Vec::new(), Vec::new());
        let mut texts: Vec<u32> = Vec::new();
        while let Some(h) = merge.next_into(&mut texts) {
            if texts.len() > 1 {
                keys.push(h);
                starts.push(holders.len() as u32);
                holders.extend_from_slice(&texts);
            }
        }
        starts.push(holders.len() as u32);
        keys.shrink_to_fit();
        starts.shrink_to_fit();
        holders.shrink_to_fit();
        ClassIndex { keys, starts, holders }
    }

    /// The texts that hold shingle `h`, ascending.
    fn holders(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let range = match self.keys.binary_search(&h) {
            Ok(k) => self.starts[k] as usize..self.starts[k + 1] as usize,
            Err(_) => 0..0,
        };
        self.holders[range].iter().copied()
    }
}

/// The distinct shingles of a store's texts in ascending order, each with the texts that hold it.
struct Merge<'a> {
    store: &'a ShingleStore,
    /// Per text, where it is in its shingles.
    cursors: Vec<Cursor>,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<(u64, u32)>>,
}

/// Shingles read from the store per text and per merge step: the merge holds this many of each
/// text at a time (2 KB), not every text's shingles.
const CURSOR_CHUNK: usize = 256;

/// A text's place in its sorted shingles: the part read last and how far it is used.
#[derive(Default)]
struct Cursor {
    part: Vec<u64>,
    used: usize,
    /// Shingles of the text read before `part`.
    before: usize,
}

impl Cursor {
    /// The text's next shingle, reading the next part from the store when this one is used up.
    fn next(&mut self, store: &ShingleStore, c: usize) -> Option<u64> {
        if self.used == self.part.len() {
            self.before += self.part.len();
            store.set_part(c, self.before, CURSOR_CHUNK, &mut self.part);
            self.used = 0;
        }
        let h = self.part.get(self.used).copied();
        self.used += usize::from(h.is_some());
        h
    }
}

impl<'a> Merge<'a> {
    fn new(store: &'a ShingleStore) -> Self {
        let mut cursors: Vec<Cursor> = (0..store.len()).map(|_| Cursor::default()).collect();
        let heap = cursors
            .iter_mut()
            .enumerate()
            .filter_map(|(c, cur)| cur.next(store, c).map(|h| std::cmp::Reverse((h, c as u32))))
            .collect();
        Merge { store, cursors, heap }
    }

    /// The next shingle, with the texts holding it (ascending) in `texts`; `None` at the end.
    fn next_into(&mut self, texts: &mut Vec<u32>) -> Option<u64> {
        texts.clear();
        let first = self.heap.peek()?.0.0;
        while let Some(mut top) = self.heap.peek_mut() {
            let std::cmp::Reverse((h, c)) = *top;
            if h != first {
                break;
            }
            texts.push(c);
            match self.cursors[c as usize].next(self.store, c as usize) {
                Some(next) => *top = std::cmp::Reverse((next, c)),
                None => drop(std::collections::binary_heap::PeekMut::pop(top)),
            }
        }
        Some(first)
    }
}

/// FNV-1a over the words and a separator: the same on every machine and run.
/// The FNV-1a hash of a shingle's words as [`crate::text::push_norms`] writes them, each followed
/// by a NUL.
fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocScore;

    fn doc(file: &str, pages: usize, units: &[&str]) -> DocResult {
        let sentences: Vec<Sentence> = units
            .iter()
            .enumerate()
            .map(|(index, t)| Sentence {
                index,
                page: 1,
                text: (*t).into(),
                words: crate::text::word_count(t),
                heading: false,
                section: None,
                line: 0,
            })
            .collect();
        let words = sentences.iter().map(|s| s.words).sum();
        DocResult {
            score: DocScore { pages, words, ..DocScore::default() },
            ..DocResult::scored(file, sentences, vec![])
        }
    }

    /// The shingle hash as first written: FNV-1a over each folded word and a NUL.
    fn hash(words: &[String]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in words {
            for b in w.bytes().chain(std::iter::once(0)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    #[test]
    fn unit_shingles_hash_the_tokens_five_by_five() {
        let units = ["Wij geven inwoners het recht, o.a. één buurt- en dorpshuis (G1000).", "Te kort: vier woorden"];
        let got = unit_shingles(&doc("x", 1, &units).sentences);
        let folded: Vec<String> = crate::text::tokenize(units[0]).into_iter().map(|t| t.norm).collect();
        let want: std::collections::BTreeSet<u64> = folded.windows(SHINGLE).map(hash).collect();
        assert_eq!(got, [(crate::text::word_count(units[0]) as u32, want.into_iter().collect::<Vec<u64>>())]);
    }

    const NATIONAL: [&str; 3] = [
        "Wij geven inwoners het recht om zelf voorzieningen in hun buurt over te nemen.",
        "Elke gemeente krijgt een burgerberaad over de grote keuzes van de komende jaren.",
        "De belasting op arbeid gaat omlaag zodat werken meer oplevert voor iedereen.",
    ];

    #[test]
    fn a_local_programme_copying_national_text_is_reused_not_a_duplicate() {
        let local = doc(
            "heiloo.txt",
            0,
            &[NATIONAL[0], "In Heiloo houden we de bibliotheek open en bouwen we een nieuw zwembad aan de rand."],
        );
        let mut docs = vec![doc("nl.pdf", 40, &NATIONAL), local];
        annotate(&mut docs);
        let (words0, words1) = (crate::text::word_count(NATIONAL[0]), docs[1].score.words);
        assert_eq!(docs[1].score.reused_pct, percent(words0, words1));
        assert_eq!(docs[1].score.reused_from, "nl.pdf");
        assert_eq!(docs[1].score.duplicate_of, "");
        assert_eq!(docs[0].score.reused_from, "heiloo.txt");
    }

    #[test]
    fn a_text_copy_of_a_pdf_is_a_duplicate_of_the_pdf() {
        // The copy differs in a few words, as text exports do.
        let copy =
            [NATIONAL[0], NATIONAL[1], "De belasting op arbeid gaat omlaag zodat werken meer oplevert voor iedereen!"];
        let mut docs = vec![doc("a/vvd.txt", 0, &copy), doc("b/vvd.pdf", 30, &NATIONAL)];
        annotate(&mut docs);
        assert_eq!(docs[0].score.duplicate_of, "b/vvd.pdf");
        assert_eq!(docs[1].score.duplicate_of, "");
        // Copies of one programme do not count as reuse of each other.
        assert_eq!(docs[0].score.reused_pct, 0.0);
        assert_eq!(docs[1].score.reused_from, "");
    }

    #[test]
    fn of_two_text_copies_the_one_with_fewer_repeats_set_aside_stands_for_both() {
        let mut docs = vec![doc("a/bbb.txt", 0, &NATIONAL), doc("b/bbb.txt", 0, &NATIONAL)];
        docs[0].score.set_aside_words = docs[0].score.words;
        annotate(&mut docs);
        assert_eq!(docs[0].score.duplicate_of, "b/bbb.txt");
        assert_eq!(docs[1].score.duplicate_of, "");
    }

    #[test]
    fn short_units_and_unrelated_programmes_share_nothing() {
        let mut docs = vec![doc("a.pdf", 3, &["Wij willen dat.", NATIONAL[2]]), doc("b.pdf", 3, &["Wij willen dat."])];
        annotate(&mut docs);
        assert_eq!(docs[0].score.reused_pct, 0.0);
        assert_eq!(docs[1].score.reused_from, "");
    }

    #[test]
    fn identical_texts_in_other_places_are_reused_from_the_first_other_and_copies_in_one_place_are_duplicates() {
        let placed = |file: &str, place: &str, pages: usize| {
            let mut d = doc(file, pages, &NATIONAL);
            d.meta.place = place.into();
            d
        };
        let mut docs = vec![
            placed("a/x.pdf", "A", 10),
            placed("a/x.txt", "A", 0),
            placed("b/y.pdf", "B", 10),
            placed("c/z.pdf", "C", 10),
        ];
        annotate(&mut docs);
        assert_eq!(docs[1].score.duplicate_of, "a/x.pdf");
        assert_eq!(docs[0].score.duplicate_of, "");
        // The copy in place A is no other programme; the first other one is.
        assert_eq!(docs[0].score.reused_from, "b/y.pdf");
        assert_eq!(docs[1].score.reused_from, "b/y.pdf");
        assert_eq!(docs[2].score.reused_from, "a/x.pdf");
        assert_eq!(docs[3].score.reused_from, "a/x.pdf");
        assert!(docs.iter().all(|d| d.score.reused_pct == 100.0));
    }

    #[test]
    fn intersections_count_the_common_values_of_sorted_slices() {
        assert_eq!(intersection_size(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(intersection_size(&[], &[1]), 0);
        assert_eq!(intersection_size(&[4, 8], &[4, 8]), 2);
    }

    /// Checks the index of `store` against every (shingle, text) pair, sorted: what it stands for.
    fn assert_index_is_exact(store: &ShingleStore) {
        let index = ClassIndex::new(store);
        let mut pairs: Vec<(u64, u32)> =
            (0..store.len()).flat_map(|c| store.set(c).into_iter().map(move |h| (h, c as u32))).collect();
        pairs.sort_unstable();
        let mut expected: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
        pairs.into_iter().for_each(|(h, c)| expected.entry(h).or_default().push(c));
        expected.retain(|_, texts| texts.len() > 1);
        assert!(!expected.is_empty());
        for (h, texts) in &expected {
            assert_eq!(&index.holders(*h).collect::<Vec<_>>(), texts);
        }
        assert_eq!(index.keys, expected.keys().copied().collect::<Vec<_>>());
    }

    #[test]
    fn the_index_lists_every_shingle_of_two_texts_or_more_with_its_texts() {
        let mut store = ShingleStore::default();
        let texts =
            [&NATIONAL[..], &NATIONAL[..2], &NATIONAL[1..], &["Een zin die verder nergens anders staat, echt niet."]];
        for units in texts {
            store.add(unit_shingles(&doc("x", 1, units).sentences));
        }
        assert_index_is_exact(&store);
        let lonely = store.set(4)[0];
        assert_eq!(ClassIndex::new(&store).holders(lonely).count(), 0, "a shingle of one text is left out");
    }

    #[test]
    fn the_index_of_texts_in_a_scratch_file_merges_sets_longer_than_one_part() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = ShingleStore::in_folder(dir.path());
        // Overlapping runs of shingles, several parts long, spread over the whole u64 range.
        for (from, len) in [(0u64, 1000u64), (500, 900), (1300, 3 * CURSOR_CHUNK as u64), (7, 1)] {
            let units = (from..from + len).map(|k| (6, vec![k.wrapping_mul(0x9e37_79b9_7f4a_7c15)])).collect();
            store.add(units);
        }
        assert!(store.on_disk());
        assert_index_is_exact(&store);
    }

    #[test]
    fn intersections_are_the_same_whether_the_sets_are_held_or_read_again() {
        let mut store = ShingleStore::default();
        for units in [&NATIONAL[..], &NATIONAL[..2], &NATIONAL[1..]] {
            store.add(unit_shingles(&doc("x", 1, units).sentences));
        }
        let (mut held, mut reread) = (SetCache::new(&store, SET_CACHE), SetCache::new(&store, 0));
        for (x, y) in [(1, 2), (1, 3), (2, 3), (3, 1)] {
            let expected = intersection_size(&store.set(x), &store.set(y));
            assert!(expected > 0);
            assert_eq!((held.intersection(x, y), reread.intersection(x, y)), (expected, expected));
        }
        assert_eq!((held.sets.len(), reread.held), (3, 0));
    }

    #[test]
    fn copies_are_sought_only_between_texts_of_like_length() {
        let placed = |file: &str, units: &[&str]| {
            let mut d = doc(file, 1, units);
            d.meta.place = "A".into();
            d
        };
        // The short one holds all of its shingles in the long one, but is far shorter.
        let mut docs = vec![placed("a.pdf", &NATIONAL), placed("b.pdf", &NATIONAL[..1])];
        annotate(&mut docs);
        assert_eq!(docs[1].score.duplicate_of, "");
        assert_eq!(docs[1].score.reused_from, "a.pdf");
    }

    #[test]
    fn the_store_keeps_one_copy_of_a_text() {
        let mut store = ShingleStore::default();
        let units = unit_shingles(&doc("a", 1, &NATIONAL).sentences);
        let (a, b) = (store.add(units.clone()), store.add(units));
        let c = store.add(unit_shingles(&doc("c", 1, &NATIONAL[..1]).sentences));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(store.len(), 3, "the empty text, and two");
    }
}
