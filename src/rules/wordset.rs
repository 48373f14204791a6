//! Which word patterns accept a folded word: one Aho-Corasick automaton over the patterns' stems.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use super::pattern::WordPattern;

/// The word patterns of a rule set, tested against a word all at once. Gives the same answer as
/// [`WordPattern::accepts`] for each pattern (and as one `RegexSet` of their regexes), faster.
#[derive(Debug)]
pub(super) struct WordSet {
    /// The distinct non-empty stems.
    stems: AhoCorasick,
    /// Per stem of `stems`, the patterns with that stem: (id, wildcard before, wildcard after).
    by_stem: Vec<Vec<(usize, bool, bool)>>,
    /// Patterns with an empty stem.
    empty: Vec<(usize, bool, bool)>,
    /// Number of patterns.
    len: usize,
}

impl WordSet {
    /// The set of `patterns`; a pattern's id is its index.
    pub(super) fn new(patterns: &[&WordPattern]) -> Result<Self, String> {
        let mut stems: Vec<&str> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut by_stem: Vec<Vec<(usize, bool, bool)>> = Vec::new();
        let mut empty = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let entry = (id, p.any_before, p.any_after);
            if p.stem.is_empty() {
                empty.push(entry);
                continue;
            }
            let k = *index.entry(p.stem.as_str()).or_insert_with(|| {
                stems.push(&p.stem);
                by_stem.push(Vec::new());
                stems.len() - 1
            });
            by_stem[k].push(entry);
        }
        let stems = AhoCorasick::new(&stems).map_err(|e| e.to_string())?;
        Ok(WordSet { stems, by_stem, empty, len: patterns.len() })
    }

    /// Number of patterns.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The ids of the patterns that accept `word`, ascending.
    pub(super) fn matches(&self, word: &str) -> Vec<usize> {
        let accepts = |(_, before, after): &(usize, bool, bool), start: usize, end: usize| {
            (*before || start == 0) && (*after || end == word.len())
        };
        // An empty stem stands anywhere: at the start, at the end, or as the whole of an empty word.
        let anywhere = |e: &&(usize, bool, bool)| e.1 || e.2 || word.is_empty();
        let mut ids: Vec<usize> = self.empty.iter().filter(anywhere).map(|e| e.0).collect();
        for m in self.stems.find_overlapping_iter(word) {
            let found = &self.by_stem[m.pattern().as_usize()];
            ids.extend(found.iter().filter(|e| accepts(e, m.start(), m.end())).map(|e| e.0));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(stem: &str, any_before: bool, any_after: bool) -> WordPattern {
        WordPattern { stem: stem.to_string(), any_before, any_after }
    }

    #[test]
    fn a_word_gets_the_patterns_that_accept_it() {
        let mut patterns = Vec::new();
        for stem in ["initiatie", "wijk", "buurt", "buurtinitiatief", "ie", "een", "", "coöp"] {
            for (before, after) in [(false, false), (false, true), (true, false), (true, true)] {
                patterns.push(pattern(stem, before, after));
            }
        }
        let refs: Vec<&WordPattern> = patterns.iter().collect();
        let set = WordSet::new(&refs).unwrap();
        assert_eq!(set.len(), patterns.len());
        let words =
            ["", "wijk", "wijken", "buurtinitiatieven", "initiatie", "bewonersinitiatief", "ieie", "coöperatie"];
        for word in words {
            let expected: Vec<usize> = (0..patterns.len()).filter(|&i| patterns[i].accepts(word)).collect();
            assert_eq!(set.matches(word), expected, "{word}");
        }
    }
}
