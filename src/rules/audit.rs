//! Audits a rule set against a corpus: rules that never fire, rules that add nothing beside
//! another rule of their mirror, and wildcards that accept more words than their author meant.
//! Pure: takes sentences, returns figures and warnings.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::RuleSet;
use super::pattern::WordPattern;
use crate::model::Sentence;
use crate::text::tokenize;

/// Thresholds of the wildcard warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A wildcard that accepts more distinct corpus words than this is over-broad.
    pub max_words: usize,
    /// A wildcard adding at most this many letters at the end makes an ending (`-en`, `-s`, `-tje`).
    pub ending_letters: usize,
    /// How many words a warning or word list shows.
    pub top: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_words: 25, ending_letters: 3, top: 10 }
    }
}

/// What one wildcard of a rule accepted in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardUse {
    /// Index of the rule.
    pub rule: usize,
    /// The wildcard word as written, such as `buurt*`.
    pub pattern: String,
    /// Line of the term in the rule file.
    pub line: usize,
    /// Distinct corpus words it accepts, with their counts, most frequent first.
    pub words: Vec<(String, usize)>,
    /// The words among them that nothing vouches for (see [`vouched`]).
    pub unvouched: Vec<(String, usize)>,
}

impl WildcardUse {
    /// Occurrences of all accepted words.
    pub fn occurrences(&self) -> usize {
        self.words.iter().map(|w| w.1).sum()
    }

    /// Occurrences of the unvouched words.
    pub fn unvouched_occurrences(&self) -> usize {
        self.unvouched.iter().map(|w| w.1).sum()
    }
}

/// The figures of a rule set on a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// Documents read.
    pub documents: usize,
    /// Sentences read.
    pub sentences: usize,
    /// Per rule: the number of sentences it fires on.
    pub fired: Vec<usize>,
    /// Per rule: the other rules of its mirror that fire on every sentence it fires on.
    pub covered_by: Vec<Vec<usize>>,
    /// Per rule: headings it fires on, and the sentences below them it would add to its mirror
    /// with `lend_to_section` (those no rule of the mirror matches already).
    pub lending: Vec<(usize, usize)>,
    /// Every wildcard word of every rule's terms.
    pub wildcards: Vec<WildcardUse>,
}

/// Per document: the rules that fire on each sentence.
fn rule_hits(rules: &RuleSet, docs: &[Vec<Sentence>]) -> Vec<Vec<Vec<usize>>> {
    docs.par_iter()
        .map(|sentences| {
            let mut matcher = rules.matcher();
            sentences.iter().map(|s| matcher.match_sentence(&s.text).into_iter().map(|h| h.rule).collect()).collect()
        })
        .collect()
}

/// Runs every rule over the corpus's sentences (one list per document) and gathers the figures.
pub fn audit(rules: &RuleSet, docs: &[Vec<Sentence>], limits: Limits) -> Audit {
    let hits = rule_hits(rules, docs);
    let flat: Vec<&Vec<usize>> = hits.iter().flatten().collect();
    let mut fired = vec![0; rules.rules.len()];
    for r in flat.iter().flat_map(|h| h.iter()) {
        fired[*r] += 1;
    }
    Audit {
        documents: docs.len(),
        sentences: flat.len(),
        fired,
        covered_by: (0..rules.rules.len()).map(|r| covering_rules(rules, &flat, r)).collect(),
        lending: (0..rules.rules.len()).map(|r| lending(rules, docs, &hits, r)).collect(),
        wildcards: wildcard_uses(rules, &word_counts(docs), limits),
    }
}

fn covering_rules(rules: &RuleSet, hits: &[&Vec<usize>], rule: usize) -> Vec<usize> {
    let mirror = rules.rules[rule].mirror;
    let mut with = hits.iter().filter(|h| h.contains(&rule));
    let Some(first) = with.next() else { return Vec::new() };
    let mut candidates: Vec<usize> =
        first.iter().copied().filter(|&o| o != rule && rules.rules[o].mirror == mirror).collect();
    for h in with {
        candidates.retain(|c| h.contains(c));
    }
    candidates
}

fn lending(rules: &RuleSet, docs: &[Vec<Sentence>], hits: &[Vec<Vec<usize>>], rule: usize) -> (usize, usize) {
    let mirror = rules.rules[rule].mirror;
    let (mut headings, mut added) = (0, 0);
    let limit = rules.meta.context.lend_max_sentences.unwrap_or(usize::MAX);
    for (sentences, doc_hits) in docs.iter().zip(hits) {
        let sizes = crate::matching::section_sizes(sentences);
        let lenders: BTreeSet<usize> = sentences
            .iter()
            .zip(doc_hits)
            .filter(|(s, h)| s.heading && h.contains(&rule))
            .filter(|(s, _)| sizes.get(&s.index).copied().unwrap_or(0) <= limit)
            .map(|(s, _)| s.index)
            .collect();
        headings += lenders.len();
        added += sentences
            .iter()
            .zip(doc_hits)
            .filter(|(s, h)| {
                s.section.is_some_and(|sec| lenders.contains(&sec))
                    && !h.iter().any(|r| rules.rules[*r].mirror == mirror)
            })
            .count();
    }
    (headings, added)
}

fn word_counts(docs: &[Vec<Sentence>]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for s in docs.iter().flatten() {
        for t in tokenize(&s.text) {
            *counts.entry(t.norm).or_insert(0) += 1;
        }
    }
    counts
}

/// Every wildcard word in the rules' terms, with the corpus words it accepts.
fn wildcard_uses(rules: &RuleSet, counts: &BTreeMap<String, usize>, limits: Limits) -> Vec<WildcardUse> {
    let mut found: Vec<(usize, &WordPattern, usize)> = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        for term in &rule.terms {
            for w in term.value.words().filter(|w| w.is_wildcard()) {
                if !found.iter().any(|(r, x, _)| *r == i && *x == w) {
                    found.push((i, w, term.line));
                }
            }
        }
    }
    let patterns: Vec<&WordPattern> = found.iter().map(|(_, w, _)| *w).collect();
    let index = super::wordindex::WordIndex::new(&patterns);
    let mut words: Vec<Vec<(String, usize)>> = vec![Vec::new(); found.len()];
    for (word, n) in counts {
        for k in index.ids(word) {
            words[k].push((word.clone(), *n));
        }
    }
    found
        .iter()
        .zip(words)
        .map(|((rule, w, line), mut words)| {
            words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let def = &rules.rules[*rule];
            let unvouched = words.iter().filter(|(x, _)| !vouched(def, w, x, limits)).cloned().collect();
            WildcardUse { rule: *rule, pattern: w.to_string(), line: *line, words, unvouched }
        })
        .collect()
}

/// True when something vouches for `word`, which wildcard `w` of `rule` accepts: the wildcard only
/// adds an ending of at most `ending_letters` letters (or stands only in front, where it adds a
/// compound's first part); or another, narrower term of the rule accepts the word (one without a
/// `*` at the end, or with a longer stem); or an `except` term removes it; or it stands in one of
/// the rule's examples.
pub fn vouched(rule: &super::RuleDef, w: &WordPattern, word: &str, limits: Limits) -> bool {
    let accepts = |p: &WordPattern| p.accepts(word);
    let tail =
        if w.any_after { word.rfind(&w.stem).map_or(0, |at| word[at + w.stem.len()..].chars().count()) } else { 0 };
    let narrower = |p: &WordPattern| p != w && (!p.any_after || p.stem.len() > w.stem.len());
    tail <= limits.ending_letters
        || rule.terms.iter().flat_map(|t| t.value.words()).any(|p| narrower(p) && accepts(p))
        || rule.except.iter().flat_map(|t| t.value.words()).any(accepts)
        || rule.examples.iter().any(|e| tokenize(&e.value).iter().any(|t| t.norm == word))
}

/// The warnings, as `file:line: warning: rule `id` ...`, in rule order.
pub fn warnings(rules: &RuleSet, audit: &Audit, limits: Limits) -> Vec<String> {
    let mut out = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let at = format!("{}:{}: warning: rule `{}`", rule.file.display(), rule.line, rule.id);
        if audit.fired[i] == 0 {
            out.push(format!("{at} never fires on the corpus ({} sentences)", audit.sentences));
        } else if !audit.covered_by[i].is_empty() {
            let others: Vec<String> = audit.covered_by[i].iter().map(|o| format!("`{}`", rules.rules[*o].id)).collect();
            out.push(format!(
                "{at} is redundant on the corpus: all {} sentence(s) it fires on are also matched by {} (mirror {})",
                audit.fired[i],
                others.join(", "),
                rule.mirror
            ));
        }
        for w in audit.wildcards.iter().filter(|w| w.rule == i) {
            out.extend(wildcard_warning(rules, w, limits));
        }
    }
    out
}

fn wildcard_warning(rules: &RuleSet, w: &WildcardUse, limits: Limits) -> Option<String> {
    let rule = &rules.rules[w.rule];
    let at = format!("{}:{}: warning: rule `{}`: wildcard `{}`", rule.file.display(), w.line, rule.id, w.pattern);
    let (all, odd) = (w.occurrences(), w.unvouched_occurrences());
    if w.words.len() > limits.max_words {
        Some(format!(
            "{at} accepts {} different words in the corpus (more than {}); most frequent: {}",
            w.words.len(),
            limits.max_words,
            listing(&w.words, limits.top)
        ))
    } else if odd * 2 > all {
        Some(format!(
            "{at}: {odd} of its {all} matches in the corpus are words that no other term, except or example of the rule vouches for: {}",
            listing(&w.unvouched, limits.top)
        ))
    } else {
        None
    }
}

/// `word (count), ...` for the first `top` words, with `, ...` when there are more.
pub fn listing(words: &[(String, usize)], top: usize) -> String {
    let mut s: Vec<String> = words.iter().take(top).map(|(w, n)| format!("{w} ({n})")).collect();
    if words.len() > top {
        s.push(format!("and {} more", words.len() - top));
    }
    s.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-stance");
        RuleSet::load(&dir).expect("fixture loads")
    }

    fn doc(lines: &[(&str, bool)]) -> Vec<Sentence> {
        let mut section = None;
        let mut out = Vec::new();
        for (index, (text, heading)) in lines.iter().enumerate() {
            if *heading {
                section = Some(index);
            }
            let sec = if *heading { None } else { section };
            out.push(Sentence {
                index,
                page: 0,
                text: text.to_string(),
                words: 1,
                heading: *heading,
                section: sec,
                line: 0,
            });
        }
        out
    }

    fn corpus() -> Vec<Vec<Sentence>> {
        vec![doc(&[
            ("Buurt en wijk", true),
            ("Elke wijk krijgt wijkbudgetten voor bewonersinitiatieven.", false),
            ("De buurthuizen blijven open.", false),
            ("In de buurtsuper is plaats.", false),
            ("De buurtsuper is elk uur open.", false),
        ])]
    }

    fn warnings_for(limits: Limits) -> Vec<String> {
        let rules = rules();
        warnings(&rules, &audit(&rules, &corpus(), limits), limits)
    }

    #[test]
    fn warns_about_rules_that_never_fire_and_redundant_rules() {
        let w = warnings_for(Limits::default());
        assert!(
            w.iter()
                .any(|w| w
                    .ends_with("m1.toml:4: warning: rule `s1.participatie` never fires on the corpus (5 sentences)")),
            "{w:#?}"
        );
        assert!(
            w.iter().any(|w| w.ends_with(
                "m4.toml:16: warning: rule `s4.wijkbudgetten` is redundant on the corpus: all 1 sentence(s) it fires on are also matched by `s4.budget`, `s4.initiatief` (mirror 4)"
            )),
            "{w:#?}"
        );
    }

    #[test]
    fn warns_about_a_wildcard_that_matches_mostly_unvouched_words() {
        let w = warnings_for(Limits::default());
        let expected = "m4.toml:13: warning: rule `s4.initiatief`: wildcard `buurt*`: 3 of its 4 matches in the corpus are words that no other term, except or example of the rule vouches for: buurtsuper (2), buurthuizen (1)";
        assert!(w.iter().any(|w| w.ends_with(expected)), "{w:#?}");
    }

    #[test]
    fn warns_about_a_wildcard_with_many_words() {
        let w = warnings_for(Limits { max_words: 2, ..Limits::default() });
        assert!(
            w.iter().any(|w| w.contains("wildcard `buurt*` accepts 3 different words in the corpus (more than 2)")),
            "{w:#?}"
        );
    }

    #[test]
    fn counts_what_lend_to_section_would_add() {
        let rules = rules();
        let a = audit(&rules, &corpus(), Limits::default());
        let initiatief = rules.rules.iter().position(|r| r.id == "s4.initiatief").unwrap();
        assert_eq!(a.lending[initiatief], (1, 0));
        assert_eq!(a.fired[initiatief], 5);
    }
}
