//! Which word patterns accept a folded word, by hash lookups instead of a regular-expression
//! set: a whole word looks up exact stems, each of its prefixes and suffixes of a length some
//! stem has looks up `stem*` and `*stem` patterns, and the few `*stem*` patterns are scanned.

use rustc_hash::FxHashMap;

use super::pattern::WordPattern;

/// The word patterns of a rule set, indexed by stem and kind.
#[derive(Debug, Default)]
pub struct WordIndex {
    exact: FxHashMap<Box<str>, Vec<usize>>,
    prefix: FxHashMap<Box<str>, Vec<usize>>,
    suffix: FxHashMap<Box<str>, Vec<usize>>,
    infix: Vec<(Box<str>, usize)>,
    /// How many patterns were indexed.
    len: usize,
    /// The byte lengths of the prefix stems, ascending, without repeats.
    prefix_lens: Vec<usize>,
    /// The byte lengths of the suffix stems, ascending, without repeats.
    suffix_lens: Vec<usize>,
}

impl WordIndex {
    /// Indexes `patterns`; a pattern's id is its position.
    pub fn new(patterns: &[&WordPattern]) -> Self {
        let mut index = WordIndex { len: patterns.len(), ..WordIndex::default() };
        for (id, p) in patterns.iter().enumerate() {
            let stem: Box<str> = p.stem.as_str().into();
            match (p.any_before, p.any_after) {
                (false, false) => index.exact.entry(stem).or_default().push(id),
                (false, true) => index.prefix.entry(stem).or_default().push(id),
                (true, false) => index.suffix.entry(stem).or_default().push(id),
                (true, true) => index.infix.push((stem, id)),
            }
        }
        index.prefix_lens = lengths(&index.prefix);
        index.suffix_lens = lengths(&index.suffix);
        index
    }

    /// How many patterns the index holds (ids are below this).
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the index holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ids of the patterns that accept `word`, ascending (as [`WordPattern::accepts`]).
    pub fn ids(&self, word: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if let Some(ids) = self.exact.get(word) {
            out.extend_from_slice(ids);
        }
        for &len in self.prefix_lens.iter().take_while(|&&l| l <= word.len()) {
            if let Some(ids) = word.get(..len).and_then(|head| self.prefix.get(head)) {
                out.extend_from_slice(ids);
            }
        }
        for &len in self.suffix_lens.iter().take_while(|&&l| l <= word.len()) {
            if let Some(ids) = word.get(word.len() - len..).and_then(|tail| self.suffix.get(tail)) {
                out.extend_from_slice(ids);
            }
        }
        out.extend(self.infix.iter().filter(|(stem, _)| word.contains(&**stem)).map(|&(_, id)| id));
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn lengths(map: &FxHashMap<Box<str>, Vec<usize>>) -> Vec<usize> {
    let mut lens: Vec<usize> = map.keys().map(|k| k.len()).collect();
    lens.sort_unstable();
    lens.dedup();
    lens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(s: &str) -> WordPattern {
        WordPattern {
            stem: s.trim_matches('*').to_string(),
            any_before: s.starts_with('*'),
            any_after: s.ends_with('*'),
        }
    }

    #[test]
    fn the_index_accepts_exactly_what_each_pattern_accepts() {
        let owned: Vec<WordPattern> =
            ["buurt*", "*initiatief", "*initiatie*", "wijk", "buurthuis", "*huis", "café*", "*ë"]
                .iter()
                .map(|s| pattern(s))
                .collect();
        let patterns: Vec<&WordPattern> = owned.iter().collect();
        let index = WordIndex::new(&patterns);
        for word in [
            "buurt",
            "buurthuis",
            "bewonersinitiatief",
            "initiatieven",
            "wijk",
            "wijken",
            "huis",
            "cafés",
            "idee",
            "",
            "ë",
        ] {
            let brute: Vec<usize> = (0..patterns.len()).filter(|&i| patterns[i].accepts(word)).collect();
            assert_eq!(index.ids(word), brute, "{word}");
        }
    }

    #[test]
    fn a_multibyte_word_is_never_cut_inside_a_letter() {
        let owned = [pattern("ab*"), pattern("*cd")];
        let index = WordIndex::new(&owned.iter().collect::<Vec<_>>());
        assert!(index.ids("éé").is_empty());
        assert_eq!(index.ids("abécd"), vec![0, 1]);
    }
}
