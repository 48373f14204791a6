//! Candidate terms for a rule: the words and two-word phrases that stand in the sentences the
//! rule matches (outside the matched words) more often than in all other sentences, ranked by
//! the z-score of their log-odds ratio ([`super::logodds`]). Nothing here changes a rule.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::Doc;
use super::kwic::{DEFAULT_WINDOW, context};
use super::logodds::{Counts, Totals, log_odds, prior_weight};
use super::stopwords::is_stop_word;
use crate::rules::RuleSet;
use crate::text::{Token, tokenize};

/// How many candidates, and how widely they must occur.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Candidates to return.
    pub top: usize,
    /// Fewest documents in whose matched sentences a candidate stands.
    pub min_docs: usize,
}

/// A candidate term with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The folded word or two words (`dorpsraad`, `right challenge`).
    pub term: String,
    /// Occurrences in sentences the rule matches, outside the matched words.
    pub in_matched: u64,
    /// Occurrences in all other sentences.
    pub in_other: u64,
    /// Documents with the term in a sentence the rule matches.
    pub docs_matched: usize,
    /// Documents with the term anywhere.
    pub docs: usize,
    /// Log-odds ratio, matched sentences over the others.
    pub delta: f64,
    /// Its z-score: the ranking.
    pub z: f64,
    /// Up to three occurrences from different documents, sentences the rule does not match first.
    pub examples: Vec<Example>,
}

/// One occurrence of a candidate in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The document.
    pub file: String,
    /// Page (0 for text without pages).
    pub page: u32,
    /// Line, 0 when unknown.
    pub line: u32,
    /// True when the rule matches this sentence (false: accepting the term would add it).
    pub matched: bool,
    /// Words before, the occurrence, words after.
    pub left: String,
    /// The occurrence as it stands.
    pub term: String,
    /// Words after.
    pub right: String,
}

/// The candidates and the figures they rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestions {
    /// Distinct sentences in the corpus (a sentence that stands word for word in two documents counts once).
    pub sentences: usize,
    /// Distinct sentences the rule matches.
    pub matched_sentences: usize,
    /// Documents with at least one matched sentence.
    pub matched_docs: usize,
    /// Words in the matched sentences (outside the matched words) and in the others.
    pub words: Totals,
    /// The best candidates, highest z first.
    pub candidates: Vec<Candidate>,
}

/// A document's candidate terms with their counts, the groups' sizes, and which sentences the rule matches.
#[derive(Default)]
struct DocCounts {
    terms: HashMap<String, Counts>,
    words: Totals,
    pairs: Totals,
    matched: Vec<bool>,
    /// False for a sentence that stood, word for word, earlier in the corpus (the same
    /// programme in two formats or folders): it is not counted twice.
    unique: Vec<bool>,
}

/// Ranks candidate terms for rule `rule` of `rules` over `docs`.
pub fn suggest(rules: &RuleSet, rule: usize, docs: &[Doc], options: Options) -> Suggestions {
    // Two passes keep memory small: the terms of the matched sentences first, then only
    // those terms in the other sentences.
    let unique = first_occurrences(docs);
    let mut counted: Vec<DocCounts> =
        docs.par_iter().zip(unique).map(|(d, u)| count_matched(rules, rule, d, u)).collect();
    let mut matcher = rules.matcher();
    let wanted: HashSet<String> = docs_per_term(&counted)
        .into_iter()
        .filter(|(term, n)| *n >= options.min_docs.max(1) && matcher.rule_spans(rule, term).is_empty())
        .map(|(term, _)| term.to_string())
        .collect();
    counted.par_iter_mut().zip(docs).for_each(|(dc, d)| count_rest(dc, d, &wanted));
    let (words, pairs) = totals(&counted);
    let mut by_term: BTreeMap<&str, (Counts, usize, usize)> = BTreeMap::new();
    for (term, c) in counted.iter().flat_map(|dc| &dc.terms).filter(|(t, _)| wanted.contains(*t)) {
        let e = by_term.entry(term.as_str()).or_default();
        e.0.group += c.group;
        e.0.rest += c.rest;
        e.1 += usize::from(c.group > 0);
        e.2 += 1;
    }
    let mut candidates: Vec<Candidate> = by_term
        .into_iter()
        .map(|(term, (counts, docs_matched, docs))| {
            let scale = if term.contains(' ') { pairs } else { words };
            let r = log_odds(counts, scale, prior_weight(scale));
            Candidate {
                term: term.to_string(),
                in_matched: counts.group,
                in_other: counts.rest,
                docs_matched,
                docs,
                delta: r.delta,
                z: r.z,
                examples: Vec::new(),
            }
        })
        .filter(|c| c.z > 0.0)
        .collect();
    candidates.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
    candidates.truncate(options.top);
    add_examples(&mut candidates, docs, &counted);
    Suggestions {
        sentences: counted.iter().map(|c| c.unique.iter().filter(|u| **u).count()).sum(),
        matched_sentences: counted
            .iter()
            .flat_map(|c| c.matched.iter().zip(&c.unique))
            .filter(|(m, u)| **m && **u)
            .count(),
        words,
        matched_docs: counted.iter().filter(|c| c.matched.contains(&true)).count(),
        candidates,
    }
}

/// Per document, per sentence: true unless the same words stood in an earlier sentence of the
/// corpus (documents in input order). Compares the folded words, so a PDF and a text copy of one
/// programme share most sentences.
fn first_occurrences(docs: &[Doc]) -> Vec<Vec<bool>> {
    let keys: Vec<Vec<u64>> =
        docs.par_iter().map(|d| d.sentences.iter().map(|s| sentence_key(&s.text)).collect()).collect();
    let mut seen: HashSet<u64> = HashSet::new();
    keys.iter().map(|ks| ks.iter().map(|k| seen.insert(*k)).collect()).collect()
}

/// A hash of the sentence's folded words (fixed keys: the same on every run).
fn sentence_key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for t in tokenize(text) {
        t.norm.hash(&mut h);
    }
    h.finish()
}

/// Per term of the matched sentences, the number of documents it stands in there.
fn docs_per_term(counted: &[DocCounts]) -> BTreeMap<&str, usize> {
    let mut out: BTreeMap<&str, usize> = BTreeMap::new();
    for term in counted.iter().flat_map(|dc| dc.terms.keys()) {
        *out.entry(term.as_str()).or_default() += 1;
    }
    out
}

fn totals(counted: &[DocCounts]) -> (Totals, Totals) {
    let add = |a: Totals, b: Totals| Totals { group: a.group + b.group, rest: a.rest + b.rest };
    counted.iter().fold((Totals::default(), Totals::default()), |(w, p), c| (add(w, c.words), add(p, c.pairs)))
}

/// Counts the words and word pairs of all sentences, and the candidate terms of the sentences
/// the rule matches; the words the rule matched are left out (they are the rule, not its context).
fn count_matched(rules: &RuleSet, rule: usize, doc: &Doc, unique: Vec<bool>) -> DocCounts {
    let mut matcher = rules.matcher();
    let mut out = DocCounts { unique, ..DocCounts::default() };
    for (s, &first) in doc.sentences.iter().zip(&out.unique) {
        let spans: Vec<(usize, usize)> = if matcher.unit_allows(rule, s.heading) {
            matcher.rule_spans(rule, &s.text).into_iter().flatten().collect()
        } else {
            Vec::new()
        };
        let matched = !spans.is_empty();
        out.matched.push(matched);
        if !first {
            continue;
        }
        let tokens = tokenize(&s.text);
        let free: Vec<Option<&Token>> =
            tokens.iter().map(|t| (!spans.iter().any(|&(a, b)| t.start < b && a < t.end)).then_some(t)).collect();
        let words = free.iter().flatten().count() as u64;
        let pairs = free.windows(2).filter(|w| w[0].is_some() && w[1].is_some()).count() as u64;
        let (w, p) = if matched {
            (&mut out.words.group, &mut out.pairs.group)
        } else {
            (&mut out.words.rest, &mut out.pairs.rest)
        };
        *w += words;
        *p += pairs;
        if matched {
            for term in terms(&free) {
                out.terms.entry(term).or_default().group += 1;
            }
        }
    }
    out
}

/// Adds the counts of the `wanted` terms in the sentences the rule does not match.
fn count_rest(dc: &mut DocCounts, doc: &Doc, wanted: &HashSet<String>) {
    for (s, _) in doc.sentences.iter().zip(dc.matched.iter().zip(&dc.unique)).filter(|(_, (m, u))| !**m && **u) {
        let tokens = tokenize(&s.text);
        let free: Vec<Option<&Token>> = tokens.iter().map(Some).collect();
        for term in terms(&free).into_iter().filter(|t| wanted.contains(t)) {
            dc.terms.entry(term).or_default().rest += 1;
        }
    }
}

/// The candidate terms among a sentence's free tokens: topic words, and pairs of adjacent topic words.
fn terms(free: &[Option<&Token>]) -> Vec<String> {
    let mut out: Vec<String> = free.iter().filter_map(topic).map(String::from).collect();
    for w in free.windows(2) {
        if let (Some(a), Some(b)) = (topic(&w[0]), topic(&w[1])) {
            out.push(format!("{a} {b}"));
        }
    }
    out
}

/// The folded word of a free token that is a topic word.
fn topic<'a>(t: &Option<&'a Token>) -> Option<&'a str> {
    t.filter(|t| is_topic_word(&t.norm)).map(|t| t.norm.as_str())
}

/// A word a rule could use: three characters or more, with a letter, not a stop word.
fn is_topic_word(norm: &str) -> bool {
    norm.chars().count() >= 3 && norm.chars().any(char::is_alphabetic) && !is_stop_word(norm)
}

/// Up to three examples per candidate, each from another document: first from sentences the
/// rule does not match (what accepting the term would add), spread over the corpus, then from
/// matched ones.
fn add_examples(candidates: &mut [Candidate], docs: &[Doc], counted: &[DocCounts]) {
    let index: HashMap<&str, usize> = candidates.iter().enumerate().map(|(i, c)| (c.term.as_str(), i)).collect();
    // Per candidate: the first sentence per document, unmatched and matched.
    let mut firsts: Vec<[BTreeMap<usize, usize>; 2]> = vec![Default::default(); candidates.len()];
    for (d, (doc, dc)) in docs.iter().zip(counted).enumerate() {
        for (s, sentence) in doc.sentences.iter().enumerate().filter(|(s, _)| dc.unique[*s]) {
            let tokens = tokenize(&sentence.text);
            let free: Vec<Option<&Token>> = tokens.iter().map(Some).collect();
            let found: BTreeSet<usize> = terms(&free).iter().filter_map(|t| index.get(t.as_str()).copied()).collect();
            for c in found {
                firsts[c][usize::from(dc.matched[s])].entry(d).or_insert(s);
            }
        }
    }
    for (c, [new, old]) in candidates.iter_mut().zip(firsts) {
        let Ok(search) = RuleSet::from_term(&c.term) else { continue };
        let mut matcher = search.matcher();
        let mut picks: Vec<(usize, usize, bool)> = spread(&new, 3).into_iter().map(|(d, s)| (d, s, false)).collect();
        let taken: BTreeSet<usize> = picks.iter().map(|p| p.0).collect();
        let rest: BTreeMap<usize, usize> = old.into_iter().filter(|(d, _)| !taken.contains(d)).collect();
        picks.extend(spread(&rest, 3 - picks.len()).into_iter().map(|(d, s)| (d, s, true)));
        for (d, s, matched) in picks {
            let sentence = &docs[d].sentences[s];
            let Some(spans) = matcher.rule_spans(0, &sentence.text).into_iter().next() else { continue };
            let (left, term, right) = context(&sentence.text, &spans, DEFAULT_WINDOW);
            let (file, page, line) = (docs[d].file.clone(), sentence.page, sentence.line);
            c.examples.push(Example { file, page, line, matched, left, term, right });
        }
    }
}

/// Up to `n` entries spread evenly over the map (first, middle, last for three).
fn spread(map: &BTreeMap<usize, usize>, n: usize) -> Vec<(usize, usize)> {
    let all: Vec<(usize, usize)> = map.iter().map(|(d, s)| (*d, *s)).collect();
    if all.len() <= n || n == 0 {
        return all.into_iter().take(n).collect();
    }
    let mut picked: Vec<usize> = (0..n).map(|i| if n == 1 { 0 } else { i * (all.len() - 1) / (n - 1) }).collect();
    picked.dedup();
    picked.into_iter().map(|i| all[i]).collect()
}

#[cfg(test)]
mod tests_support {
    use super::*;
    use crate::model::{Meta, Sentence};

    pub(super) fn doc(file: &str, texts: &[&str]) -> Doc {
        let sentences = texts
            .iter()
            .enumerate()
            .map(|(index, t)| Sentence {
                index,
                page: 1,
                text: t.to_string(),
                words: crate::text::word_count(t),
                heading: false,
                section: None,
                line: 0,
            })
            .collect();
        Doc { file: file.into(), meta: Meta::default(), sentences }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::doc;
    use super::*;

    fn corpus() -> Vec<Doc> {
        vec![
            doc("a.txt", &["Elk wijkbudget gaat via de dorpsraad.", "De dorpsraad vergadert.", "Wij bouwen huizen."]),
            doc("b.txt", &["De dorpsraad verdeelt het wijkbudget.", "De dorpsraad kiest.", "Huizen voor starters."]),
            doc("c.txt", &["Een wijkbudget, met de dorpsraad.", "De dorpsraad adviseert.", "Wegen en huizen."]),
        ]
    }

    fn run(docs: &[Doc], min_docs: usize) -> Suggestions {
        let rules = RuleSet::from_term("wijkbudget*").unwrap();
        suggest(&rules, 0, docs, Options { top: 10, min_docs })
    }

    #[test]
    fn counts_context_words_apart_from_the_matched_words_and_stop_words() {
        let s = run(&corpus(), 2);
        assert_eq!((s.sentences, s.matched_sentences, s.matched_docs), (9, 3, 3));
        let terms: Vec<&str> = s.candidates.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(terms[0], "dorpsraad", "{terms:?}");
        assert!(!terms.iter().any(|t| t.starts_with("wijkbudget")), "the rule's own words are not context");
        assert!(!terms.contains(&"de") && !terms.contains(&"gaat via"), "stop words: {terms:?}");
        assert!(!terms.contains(&"huizen"), "more common outside the matches: {terms:?}");
        let c = &s.candidates[0];
        assert_eq!((c.in_matched, c.in_other, c.docs_matched, c.docs), (3, 3, 3, 3));
        assert!(c.z > 0.0 && c.delta > 0.0);
    }

    #[test]
    fn a_term_the_rule_already_has_is_not_suggested() {
        let mut docs = corpus();
        for d in &mut docs {
            d.sentences[0].text.push_str(" Ook wijkbudgetten.");
        }
        let s = run(&docs, 2);
        assert!(!s.candidates.iter().any(|c| c.term.contains("wijkbudget")));
    }

    #[test]
    fn terms_in_fewer_documents_than_asked_are_left_out() {
        let mut docs = corpus();
        docs[0].sentences[0].text = "Elk wijkbudget gaat via de dorpsraad en de buurtcooperatie.".into();
        assert!(run(&docs, 2).candidates.iter().all(|c| c.term != "buurtcooperatie"));
        assert!(run(&docs, 1).candidates.iter().any(|c| c.term == "buurtcooperatie"));
    }

    #[test]
    fn examples_come_from_different_documents_new_sentences_first() {
        let s = run(&corpus(), 2);
        let ex = &s.candidates[0].examples;
        let files: BTreeSet<&str> = ex.iter().map(|e| e.file.as_str()).collect();
        assert_eq!((ex.len(), files.len()), (3, 3), "{ex:?}");
        assert!(ex.iter().all(|e| !e.matched && e.term == "dorpsraad"), "{ex:?}");
        assert_eq!((ex[0].left.as_str(), ex[0].right.as_str()), ("De", "vergadert."));
    }

    #[test]
    fn the_same_corpus_gives_the_same_suggestions() {
        assert_eq!(run(&corpus(), 1), run(&corpus(), 1));
    }

    #[test]
    fn spread_takes_first_middle_and_last() {
        let map: BTreeMap<usize, usize> = (0..5).map(|d| (d, 0)).collect();
        assert_eq!(spread(&map, 3), [(0, 0), (2, 0), (4, 0)]);
        assert_eq!(spread(&map, 0), []);
    }
}

#[cfg(test)]
mod duplicate_tests {
    use super::tests_support::doc;
    use super::*;

    #[test]
    fn a_programme_read_twice_counts_once() {
        let one = doc("a.txt", &["Het wijkbudget gaat via de dorpsraad.", "De dorpsraad kiest."]);
        let twice = [one.clone(), Doc { file: "a-copy.txt".into(), ..one.clone() }];
        let rules = RuleSet::from_term("wijkbudget*").unwrap();
        let s = suggest(&rules, 0, &twice, Options { top: 10, min_docs: 2 });
        assert!(s.candidates.is_empty(), "one programme is one document's evidence: {:?}", s.candidates);
        assert_eq!((s.sentences, s.matched_sentences), (2, 1));
    }
}
