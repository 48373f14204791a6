//! Compiles rule terms into one `RegexSet` over words, and finds which rules fire in a sentence.

use std::collections::{BTreeMap, HashMap};

use regex::RegexSet;
use serde::{Deserialize, Serialize};

use super::RuleSet;
use super::load::{Located, RuleDef, StanceCues};
use super::pattern::{self, Pattern, WordPattern};
use crate::text::{Token, tokenize};

/// The position a party takes towards what a match is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The party wants more of it (the default).
    Pro,
    /// The party rejects it or wants less of it.
    Contra,
    /// Describes without a position.
    Neutral,
}

impl Stance {
    /// The name written in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Pro => "pro",
            Stance::Contra => "contra",
            Stance::Neutral => "neutral",
        }
    }
}

/// A term compiled to word ids.
#[derive(Debug, Clone)]
enum Term {
    Phrase(Vec<usize>),
    Near(Vec<usize>, Vec<usize>, usize),
}

#[derive(Debug)]
struct CompiledRule {
    terms: Vec<Term>,
    except: Vec<Term>,
    unless: Vec<Term>,
}

/// Every rule's terms as word ids, and the one `RegexSet` that tests a word against all of them.
#[derive(Debug)]
pub(super) struct Compiled {
    set: RegexSet,
    rules: Vec<CompiledRule>,
    contra: Vec<Term>,
    window: usize,
}

impl Compiled {
    pub(super) fn new(rules: &[RuleDef], stance: &StanceCues) -> Result<Self, String> {
        let mut ids: BTreeMap<WordPattern, usize> = BTreeMap::new();
        let mut intern = |p: &Pattern| compile_term(p, &mut ids);
        let compiled: Vec<CompiledRule> = rules
            .iter()
            .map(|r| CompiledRule {
                terms: r.terms.iter().map(|t| intern(&t.value)).collect(),
                except: r.except.iter().map(|t| intern(&t.value)).collect(),
                unless: r.unless.iter().map(|t| intern(&t.value)).collect(),
            })
            .collect();
        let contra: Vec<Term> =
            stance.contra.iter().filter_map(|c| pattern::parse(c).ok()).map(|p| intern(&p)).collect();
        let mut words: Vec<(&WordPattern, &usize)> = ids.iter().collect();
        words.sort_by_key(|(_, id)| **id);
        let set = RegexSet::new(words.iter().map(|(w, _)| w.to_regex())).map_err(|e| e.to_string())?;
        Ok(Compiled { set, rules: compiled, contra, window: stance.window })
    }
}

fn compile_term(p: &Pattern, ids: &mut BTreeMap<WordPattern, usize>) -> Term {
    let mut phrase = |ws: &[WordPattern]| -> Vec<usize> {
        ws.iter()
            .map(|w| {
                let next = ids.len();
                *ids.entry(w.clone()).or_insert(next)
            })
            .collect()
    };
    match p {
        Pattern::Phrase(ws) => Term::Phrase(phrase(ws)),
        Pattern::Near { left, right, distance } => Term::Near(phrase(left), phrase(right), *distance),
    }
}

/// One rule that fired in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit {
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
    /// Byte ranges in the sentence of the words that matched, in order.
    pub spans: Vec<(usize, usize)>,
    /// Stance from rejection cues near the match.
    pub stance: Stance,
}

/// Matches sentences against a rule set, caching word tests.
pub struct Matcher<'a> {
    set: &'a RuleSet,
    compiled: &'a Compiled,
    cache: HashMap<String, Vec<usize>>,
}

/// A sentence's words: per position, the word ids that match there, and the byte span.
struct Haystack {
    words: Vec<Vec<usize>>,
    spans: Vec<(usize, usize)>,
}

/// A run of positions `[start, end)` where a term matched.
type Run = (usize, usize);

impl<'a> Matcher<'a> {
    pub(super) fn new(set: &'a RuleSet, compiled: &'a Compiled) -> Self {
        Matcher { set, compiled, cache: HashMap::new() }
    }

    /// The rule set this matcher uses.
    pub fn rules(&self) -> &'a RuleSet {
        self.set
    }

    /// Every rule that fires in `sentence`, in rule order.
    pub fn match_sentence(&mut self, sentence: &str) -> Vec<RuleHit> {
        let hay = self.haystack(sentence);
        let mut hits = Vec::new();
        for (i, rule) in self.compiled.rules.iter().enumerate() {
            if let Some(runs) = fire(rule, &hay) {
                let stance = self.stance(&hay, &runs);
                let spans = runs.iter().map(|&(s, e)| (hay.spans[s].0, hay.spans[e - 1].1)).collect();
                hits.push(RuleHit { rule: i, spans, stance });
            }
        }
        hits
    }

    fn haystack(&mut self, sentence: &str) -> Haystack {
        let tokens = tokenize(sentence);
        let mut words = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let mut ids = self.word_ids(&t.norm);
            for v in ellipsis_forms(&tokens, i) {
                ids.extend(self.word_ids(&v));
            }
            ids.sort_unstable();
            ids.dedup();
            words.push(ids);
        }
        let spans = tokens.iter().map(|t| (t.start, t.end)).collect();
        Haystack { words, spans }
    }

    fn word_ids(&mut self, norm: &str) -> Vec<usize> {
        if let Some(ids) = self.cache.get(norm) {
            return ids.clone();
        }
        let ids: Vec<usize> = self.compiled.set.matches(norm).into_iter().collect();
        self.cache.insert(norm.to_string(), ids.clone());
        ids
    }

    fn stance(&self, hay: &Haystack, runs: &[Run]) -> Stance {
        let w = self.compiled.window;
        let cues: Vec<Run> = self.compiled.contra.iter().flat_map(|t| find(t, hay)).collect();
        let near = |cue: &Run| runs.iter().any(|r| !overlaps(cue, r) && cue.0 < r.1 + w && r.0 < cue.1 + w);
        if cues.iter().any(near) { Stance::Contra } else { Stance::Pro }
    }
}

/// Forms a word takes in coordination ellipsis: in `bewoners- en buurtinitiatieven`,
/// `bewoners-` also stands for `bewonersinitiatieven` (and other tails of the last word).
fn ellipsis_forms(tokens: &[Token], i: usize) -> Vec<String> {
    let t = &tokens[i];
    if !t.open_hyphen {
        return Vec::new();
    }
    let Some(last) =
        tokens[i + 1..].iter().take(4).find(|x| !(x.open_hyphen || matches!(x.norm.as_str(), "en" | "of" | "en/of")))
    else {
        return Vec::new();
    };
    let chars: Vec<char> = last.norm.chars().collect();
    (1..chars.len().saturating_sub(3)).map(|k| format!("{}{}", t.norm, chars[k..].iter().collect::<String>())).collect()
}

fn fire(rule: &CompiledRule, hay: &Haystack) -> Option<Vec<Run>> {
    if rule.unless.iter().any(|t| !find(t, hay).is_empty()) {
        return None;
    }
    let excluded: Vec<Run> = rule.except.iter().flat_map(|t| find(t, hay)).collect();
    let mut runs: Vec<Run> =
        rule.terms.iter().flat_map(|t| find(t, hay)).filter(|r| !excluded.iter().any(|x| overlaps(r, x))).collect();
    if runs.is_empty() {
        return None;
    }
    runs.sort_unstable();
    runs.dedup();
    Some(runs)
}

fn overlaps(a: &Run, b: &Run) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn find(term: &Term, hay: &Haystack) -> Vec<Run> {
    match term {
        Term::Phrase(p) => find_phrase(p, hay),
        Term::Near(l, r, d) => {
            let (ls, rs) = (find_phrase(l, hay), find_phrase(r, hay));
            let mut out = Vec::new();
            for a in &ls {
                for b in &rs {
                    let gap = b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1));
                    if gap <= *d && !overlaps(a, b) {
                        out.push(*a);
                        out.push(*b);
                    }
                }
            }
            out
        }
    }
}

fn find_phrase(p: &[usize], hay: &Haystack) -> Vec<Run> {
    let n = p.len();
    if n == 0 || hay.words.len() < n {
        return Vec::new();
    }
    (0..=hay.words.len() - n)
        .filter(|&s| p.iter().enumerate().all(|(j, id)| hay.words[s + j].binary_search(id).is_ok()))
        .map(|s| (s, s + n))
        .collect()
}

/// Why a rule did or did not fire on a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Index of the rule.
    pub rule: usize,
    /// True when the rule fired.
    pub fired: bool,
    /// Terms (as written) that matched, with the words they matched.
    pub matched: Vec<(String, Vec<String>)>,
    /// `except` terms that cancelled a match.
    pub excepted: Vec<String>,
    /// `unless` terms that stopped the rule for the sentence.
    pub blocked: Vec<String>,
}

impl Matcher<'_> {
    /// For every rule with at least one matching term: what matched and what stopped it.
    pub fn explain(&mut self, sentence: &str) -> Vec<Explanation> {
        let hay = self.haystack(sentence);
        let text = |runs: &[Run]| -> Vec<String> {
            runs.iter().map(|&(s, e)| sentence[hay.spans[s].0..hay.spans[e - 1].1].to_string()).collect()
        };
        let mut out = Vec::new();
        for (i, (rule, def)) in self.compiled.rules.iter().zip(&self.set.rules).enumerate() {
            let matched: Vec<(String, Vec<String>)> = rule
                .terms
                .iter()
                .zip(&def.terms)
                .map(|(t, l)| (l.source.clone(), text(&find(t, &hay))))
                .filter(|(_, m)| !m.is_empty())
                .collect();
            if matched.is_empty() {
                continue;
            }
            let names = |terms: &[Term], locs: &[Located<Pattern>]| -> Vec<String> {
                terms
                    .iter()
                    .zip(locs)
                    .filter(|(t, _)| !find(t, &hay).is_empty())
                    .map(|(_, l)| l.source.clone())
                    .collect()
            };
            out.push(Explanation {
                rule: i,
                fired: fire(rule, &hay).is_some(),
                matched,
                excepted: names(&rule.except, &def.except),
                blocked: names(&rule.unless, &def.unless),
            });
        }
        out
    }
}
