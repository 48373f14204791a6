//! Compiles rule terms into one index of word patterns, and finds which rules fire in a sentence.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::RuleSet;
use super::load::{LiftCues, RuleDef, StanceCues};
use super::pattern::{self, Pattern, WordPattern};
use super::wordindex::WordIndex;
use crate::text::{Token, normal_word_into, tokenize, word_spans};

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
pub(super) enum Term {
    /// Consecutive words.
    Phrase(Vec<usize>),
    /// Two phrases at most `n` words apart.
    Near(Vec<usize>, Vec<usize>, usize),
}

#[derive(Debug)]
pub(super) struct CompiledRule {
    pub(super) terms: Vec<Term>,
    pub(super) except: Vec<Term>,
    pub(super) unless: Vec<Term>,
    /// Per `unless` term: true when a word of the rule set's `[lift] by` lifts it.
    pub(super) liftable: Vec<bool>,
    pub(super) under_heading: Vec<Term>,
}

/// Every rule's terms as word ids, and the one index that tests a word against all of them.
#[derive(Debug)]
pub(super) struct Compiled {
    set: WordIndex,
    pub(super) rules: Vec<CompiledRule>,
    pub(super) contra: Vec<Term>,
    pub(super) obstacles: Vec<Term>,
    /// Words of residents and civil society that lift a liftable `unless` term (`[lift] by`).
    pub(super) lifters: Vec<Term>,
    /// Clause breaks (`maar`): no cue reaches a match across one.
    breaks: Vec<Term>,
    window: usize,
    /// Per word id, in rule order, the rules with a term whose most specific word (see
    /// [`specificity`]) is that id: a term matches only where all its words stand, so a rule
    /// can only fire in a sentence where one of the words it is listed under stands.
    rules_by_word: Vec<Vec<usize>>,
    /// Word ids of the words seen so far, for every matcher of this rule set (a worker
    /// process matches many documents): testing a word against the index costs more
    /// than the rest of matching. Emptied when it holds [`MAX_SHARED_WORDS`].
    shared: Mutex<FxHashMap<String, Vec<usize>>>,
}

/// Size bound of [`Compiled::shared`].
const MAX_SHARED_WORDS: usize = 200_000;

impl Compiled {
    pub(super) fn new(rules: &[RuleDef], stance: &StanceCues, lift: &LiftCues) -> Result<Self, String> {
        let mut ids: BTreeMap<WordPattern, usize> = BTreeMap::new();
        let mut intern = |p: &Pattern| compile_term(p, &mut ids);
        let compiled: Vec<CompiledRule> = rules
            .iter()
            .map(|r| CompiledRule {
                terms: r.terms.iter().map(|t| intern(&t.value)).collect(),
                except: r.except.iter().map(|t| intern(&t.value)).collect(),
                unless: r.unless.iter().map(|t| intern(&t.value)).collect(),
                liftable: r.unless.iter().map(|t| lift.unless.contains(&t.source)).collect(),
                under_heading: r.under_heading.iter().map(|t| intern(&t.value)).collect(),
            })
            .collect();
        let mut cues = |list: &[String]| -> Vec<Term> {
            list.iter().filter_map(|c| pattern::parse(c).ok()).map(|p| intern(&p)).collect()
        };
        let contra = cues(&stance.contra);
        let obstacles = cues(&stance.obstacles);
        let breaks = cues(&stance.breaks);
        let lifters = cues(&lift.by);
        let mut words: Vec<(&WordPattern, &usize)> = ids.iter().collect();
        words.sort_by_key(|(_, id)| **id);
        let patterns: Vec<&WordPattern> = words.iter().map(|(w, _)| *w).collect();
        let set = WordIndex::new(&patterns);
        let rules_by_word = index_rules(&compiled, &patterns);
        Ok(Compiled {
            set,
            rules: compiled,
            contra,
            obstacles,
            lifters,
            breaks,
            window: stance.window,
            rules_by_word,
            shared: Mutex::default(),
        })
    }
}

impl Compiled {
    /// The ids of the word patterns that accept `norm`, from the shared cache when it has them.
    fn word_ids(&self, norm: &str) -> Vec<usize> {
        // A poisoned lock only means another thread panicked mid-insert: the map is still sound.
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(ids) = shared.get(norm) {
            return ids.clone();
        }
        let ids = self.set.ids(norm);
        if shared.len() >= MAX_SHARED_WORDS {
            shared.clear();
        }
        shared.insert(norm.to_string(), ids.clone());
        ids
    }
}

fn index_rules(rules: &[CompiledRule], patterns: &[&WordPattern]) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); patterns.len()];
    for (i, rule) in rules.iter().enumerate() {
        for term in &rule.terms {
            let words = match term {
                Term::Phrase(p) => p.iter().chain(&[]),
                Term::Near(l, r, _) => l.iter().chain(r),
            };
            if let Some(&key) = words.max_by_key(|&&id| specificity(patterns[id]))
                && !index[key].contains(&i)
            {
                index[key].push(i);
            }
        }
    }
    index
}

/// How few words a pattern is likely to accept: a longer stem, then fewer wildcards.
fn specificity(w: &WordPattern) -> (usize, bool, bool) {
    (w.stem.chars().count(), !w.any_before, !w.any_after)
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
    pub(super) set: &'a RuleSet,
    pub(super) compiled: &'a Compiled,
    cache: FxHashMap<Box<str>, Vec<usize>>,
    /// The last sentence's haystack, emptied and refilled for the next one.
    spare: Haystack,
    /// Buffer for a word's folded form.
    norm: String,
}

/// A sentence's words: their byte spans, and per word pattern the positions of the words it
/// accepts. Most patterns accept no word of a sentence: their terms are dismissed at once.
#[derive(Default)]
pub(super) struct Haystack {
    /// Per word position, its byte range in the sentence.
    pub(super) spans: Vec<(usize, usize)>,
    /// Per word pattern id, the positions (ascending) of the words it accepts.
    at: Vec<Vec<u32>>,
    /// The ids whose entry in `at` is not empty, in the order first met.
    touched: Vec<usize>,
    /// Word pattern ids of one position, a buffer.
    ids: Vec<usize>,
}

impl Haystack {
    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The positions of the words that pattern `id` accepts, ascending.
    fn positions(&self, id: usize) -> &[u32] {
        self.at.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether pattern `id` accepts some word of the sentence.
    fn present(&self, id: usize) -> bool {
        !self.positions(id).is_empty()
    }

    /// Whether pattern `id` accepts the word at `pos`.
    fn accepts(&self, id: usize, pos: usize) -> bool {
        u32::try_from(pos).is_ok_and(|pos| self.positions(id).binary_search(&pos).is_ok())
    }

    /// Empties the haystack for a sentence, keeping its allocations; `patterns` word patterns.
    fn reset(&mut self, patterns: usize) {
        for id in self.touched.drain(..) {
            self.at[id].clear();
        }
        self.spans.clear();
        if self.at.len() < patterns {
            self.at.resize_with(patterns, Vec::new);
        }
    }

    /// Records that the patterns in `self.ids` (ascending, distinct) accept the word at `pos`.
    fn record(&mut self, pos: usize) {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        for &id in &self.ids {
            let at = &mut self.at[id];
            if at.is_empty() {
                self.touched.push(id);
            }
            at.push(pos);
        }
    }
}

/// A run of positions `[start, end)` where a term matched.
pub(super) type Run = (usize, usize);

impl<'a> Matcher<'a> {
    pub(super) fn new(set: &'a RuleSet, compiled: &'a Compiled) -> Self {
        Matcher { set, compiled, cache: FxHashMap::default(), spare: Haystack::default(), norm: String::new() }
    }

    /// The rule set this matcher uses.
    pub fn rules(&self) -> &'a RuleSet {
        self.set
    }

    /// Every rule that fires in `sentence`, in rule order.
    pub fn match_sentence(&mut self, sentence: &str) -> Vec<RuleHit> {
        let hay = self.haystack(sentence);
        let mut candidates: Vec<usize> =
            hay.touched.iter().flat_map(|&id| self.compiled.rules_by_word[id].iter().copied()).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut hits = Vec::new();
        for i in candidates {
            let rule = &self.compiled.rules[i];
            if let Some(runs) = fire(rule, &hay, &self.compiled.lifters) {
                let stance = self.stance(&hay, &runs);
                let spans = runs.iter().map(|&(s, e)| (hay.spans[s].0, hay.spans[e - 1].1)).collect();
                hits.push(RuleHit { rule: i, spans, stance });
            }
        }
        self.spare = hay;
        hits
    }

    /// True when rule `rule` may fire on a unit that is a heading (`is_heading`) or not:
    /// a `heading_only` rule fires on headings alone.
    pub fn unit_allows(&self, rule: usize, is_heading: bool) -> bool {
        is_heading || !self.set.rules.get(rule).is_some_and(|r| r.heading_only)
    }

    /// True when rule `rule` may fire under `heading`: it has no `under_heading` terms, or
    /// one of them matches the heading.
    pub fn heading_allows(&mut self, rule: usize, heading: Option<&str>) -> bool {
        let terms = &self.compiled.rules[rule].under_heading;
        if terms.is_empty() {
            return true;
        }
        let Some(heading) = heading else { return false };
        let hay = self.haystack(heading);
        let allows = terms.iter().any(|t| !find(t, &hay).is_empty());
        self.spare = hay;
        allows
    }

    /// True when none of rule `rule`'s `unless` terms occurs in `sentence`: the rule may lend
    /// its mirror to it from a heading.
    pub fn unless_allows(&mut self, rule: usize, sentence: &str) -> bool {
        let hay = self.haystack(sentence);
        let lifters = &self.compiled.lifters;
        let allows = self.compiled.rules.get(rule).is_none_or(|r| !stopped(r, &hay, lifters));
        self.spare = hay;
        allows
    }

    /// Every match of rule `rule` in `sentence` (its terms, less what `except` and `unless`
    /// take away), each as the byte ranges of its parts: one for a phrase, two for a NEAR
    /// pair. Sorted by position, without duplicates. For keyword-in-context lists.
    pub fn rule_spans(&mut self, rule: usize, sentence: &str) -> Vec<Vec<(usize, usize)>> {
        let hay = self.haystack(sentence);
        let Some(compiled) = self.compiled.rules.get(rule) else { return Vec::new() };
        let mut out: Vec<Vec<(usize, usize)>> = rule_matches(compiled, &hay, &self.compiled.lifters)
            .into_iter()
            .map(|m| {
                let mut runs = m;
                runs.sort_unstable();
                runs.iter().map(|&(s, e)| (hay.spans[s].0, hay.spans[e - 1].1)).collect()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The haystack of `sentence`, in the spare one's allocations (give it back to `spare`).
    pub(super) fn haystack(&mut self, sentence: &str) -> Haystack {
        let mut hay = std::mem::take(&mut self.spare);
        hay.reset(self.compiled.set.len());
        let mut norm = std::mem::take(&mut self.norm);
        // Folded forms of all words, only for a sentence with an open hyphen (`bewoners- en`).
        let mut tokens: Option<Vec<Token>> = None;
        for (pos, (start, end, open_hyphen)) in word_spans(sentence).enumerate() {
            hay.spans.push((start, end));
            normal_word_into(&sentence[start..end], &mut norm);
            hay.ids.clear();
            self.word_ids(&norm, &mut hay.ids);
            if open_hyphen {
                let tokens = tokens.get_or_insert_with(|| tokenize(sentence));
                for v in ellipsis_forms(tokens, pos) {
                    self.word_ids(&v, &mut hay.ids);
                }
                hay.ids.sort_unstable();
                hay.ids.dedup();
            }
            hay.record(pos);
        }
        self.norm = norm;
        hay
    }

    /// Appends the ids of the word patterns that accept `norm` to `out`, in ascending order.
    fn word_ids(&mut self, norm: &str, out: &mut Vec<usize>) {
        if let Some(ids) = self.cache.get(norm) {
            out.extend_from_slice(ids);
            return;
        }
        let ids = self.compiled.word_ids(norm);
        out.extend_from_slice(&ids);
        self.cache.insert(norm.into(), ids);
    }

    fn stance(&self, hay: &Haystack, runs: &[Run]) -> Stance {
        if self.cue_findings(hay, runs).iter().any(|c| c.obstacle.is_none()) { Stance::Contra } else { Stance::Pro }
    }

    /// The contra cues within the window of a match (and not part of it), each with the
    /// obstacle that cancels it, if any: an obstacle word (`regels`) within the window of the cue
    /// is what the cue rejects ("geen onnodige regels voor verenigingen"), and rejecting an
    /// obstacle is not a rejection of initiative.
    pub(super) fn cue_findings(&self, hay: &Haystack, runs: &[Run]) -> Vec<CueFinding> {
        let w = self.compiled.window;
        let mut out = Vec::new();
        let walls: Vec<Run> = self.compiled.breaks.iter().flat_map(|t| find(t, hay)).collect();
        for (cue, term) in self.compiled.contra.iter().enumerate() {
            for run in find(term, hay) {
                let reached = |r: &&Run| !overlaps(&run, r) && !walls.iter().any(|wall| between(wall, &run, r));
                let Some(distance) = runs.iter().filter(reached).map(|r| gap(&run, r)).min() else {
                    continue;
                };
                if distance > w {
                    continue;
                }
                let obstacle =
                    self.compiled.obstacles.iter().position(|t| find(t, hay).iter().any(|o| gap(o, &run) <= w));
                out.push(CueFinding { cue, run, distance, obstacle });
            }
        }
        out
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

/// A contra cue found near a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CueFinding {
    /// Index of the cue in the stance's `contra` list.
    pub(super) cue: usize,
    /// Where the cue stands.
    pub(super) run: Run,
    /// Words between the cue and the nearest matched words.
    pub(super) distance: usize,
    /// Index in the stance's `obstacles` list of an obstacle word that cancels the cue.
    pub(super) obstacle: Option<usize>,
}

/// Whether `wall` stands between the runs `a` and `b` (which do not overlap).
fn between(wall: &Run, a: &Run, b: &Run) -> bool {
    let (lo, hi) = if a.1 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
    wall.0 >= lo && wall.1 <= hi
}

/// Number of words between two runs that do not overlap.
pub(super) fn gap(a: &Run, b: &Run) -> usize {
    b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1))
}

pub(super) fn fire(rule: &CompiledRule, hay: &Haystack, lifters: &[Term]) -> Option<Vec<Run>> {
    let mut runs: Vec<Run> = rule_matches(rule, hay, lifters).into_iter().flatten().collect();
    if runs.is_empty() {
        return None;
    }
    runs.sort_unstable();
    runs.dedup();
    Some(runs)
}

/// Each match of a rule's terms that its `except` terms leave and its `unless` terms allow,
/// as its runs (one for a phrase, two for a NEAR pair), in term order.
fn rule_matches(rule: &CompiledRule, hay: &Haystack, lifters: &[Term]) -> Vec<Vec<Run>> {
    let matches: Vec<Vec<Run>> = rule.terms.iter().flat_map(|t| find_matches(t, hay)).collect();
    if matches.is_empty() || stopped(rule, hay, lifters) {
        return Vec::new();
    }
    let excluded: Vec<Run> = rule.except.iter().flat_map(|t| find(t, hay)).collect();
    // A NEAR match is one match of two parts: an `except` on either part cancels both.
    matches.into_iter().filter(|m| !m.iter().any(|r| excluded.iter().any(|x| overlaps(r, x)))).collect()
}

/// True when an `unless` term of the rule stops it in this sentence ([`stopping_unless`]).
fn stopped(rule: &CompiledRule, hay: &Haystack, lifters: &[Term]) -> bool {
    let mut liftable_found = false;
    for (term, &liftable) in rule.unless.iter().zip(&rule.liftable) {
        if !find(term, hay).is_empty() {
            if !liftable {
                return true;
            }
            liftable_found = true;
        }
    }
    liftable_found && !lifters.iter().any(|t| !find(t, hay).is_empty())
}

/// The indices of the rule's `unless` terms that stop it in this sentence: those found in it,
/// less the liftable ones when a word of `lifters` (residents, civil society) stands in it too.
pub(super) fn stopping_unless(rule: &CompiledRule, hay: &Haystack, lifters: &[Term]) -> Vec<usize> {
    let found: Vec<usize> = (0..rule.unless.len()).filter(|&i| !find(&rule.unless[i], hay).is_empty()).collect();
    if found.iter().any(|&i| rule.liftable[i]) && lifters.iter().any(|t| !find(t, hay).is_empty()) {
        return found.into_iter().filter(|&i| !rule.liftable[i]).collect();
    }
    found
}

pub(super) fn overlaps(a: &Run, b: &Run) -> bool {
    a.0 < b.1 && b.0 < a.1
}

pub(super) fn find(term: &Term, hay: &Haystack) -> Vec<Run> {
    find_matches(term, hay).into_iter().flatten().collect()
}

/// Each match of a term as its runs: one run for a phrase, two for a NEAR pair.
fn find_matches(term: &Term, hay: &Haystack) -> Vec<Vec<Run>> {
    if !possible(term, hay) {
        return Vec::new();
    }
    match term {
        Term::Phrase(p) => find_phrase(p, hay).into_iter().map(|r| vec![r]).collect(),
        Term::Near(l, r, d) => {
            let (ls, rs) = (find_phrase(l, hay), find_phrase(r, hay));
            let mut out = Vec::new();
            for a in &ls {
                for b in &rs {
                    if gap(a, b) <= *d && !overlaps(a, b) {
                        out.push(vec![*a, *b]);
                    }
                }
            }
            out
        }
    }
}

/// Whether every word pattern of `term` accepts some word of the sentence (else it cannot match).
fn possible(term: &Term, hay: &Haystack) -> bool {
    match term {
        Term::Phrase(p) => p.iter().all(|&id| hay.present(id)),
        Term::Near(l, r, _) => l.iter().chain(r).all(|&id| hay.present(id)),
    }
}

fn find_phrase(p: &[usize], hay: &Haystack) -> Vec<Run> {
    let n = p.len();
    if n == 0 || hay.len() < n || !p.iter().all(|&id| hay.present(id)) {
        return Vec::new();
    }
    hay.positions(p[0])
        .iter()
        .map(|&s| s as usize)
        .filter(|&s| s + n <= hay.len() && p.iter().enumerate().skip(1).all(|(j, &id)| hay.accepts(id, s + j)))
        .map(|s| (s, s + n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-stance");
        RuleSet::load(&dir).expect("fixture loads")
    }

    fn stances(rules: &RuleSet, sentence: &str) -> Vec<(String, Stance)> {
        rules
            .matcher()
            .match_sentence(sentence)
            .into_iter()
            .map(|h| (rules.rules[h.rule].id.clone(), h.stance))
            .collect()
    }

    fn stance_of(sentence: &str) -> Stance {
        let rules = rules();
        let found = stances(&rules, sentence);
        assert!(!found.is_empty(), "no rule fires on {sentence:?}");
        if found.iter().any(|(_, s)| *s == Stance::Contra) { Stance::Contra } else { Stance::Pro }
    }

    #[test]
    fn an_except_on_one_part_cancels_the_whole_near_match() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
        let rule = "mirror = 2\ntitle = \"t\"\n[[rule]]\nid = \"r\"\nquestions = [\"2.3\"]\n\
                    terms = [\"vereniging* NEAR/6 makkelijker\"]\nexcept = [\"vereniging van eigenaren\"]\n";
        std::fs::write(dir.path().join("m2.toml"), rule).unwrap();
        let rules = RuleSet::load(dir.path()).unwrap();
        let fired = |s: &str| !rules.matcher().match_sentence(s).is_empty();
        assert!(fired("We maken het verenigingen makkelijker."));
        assert!(!fired("De vereniging van eigenaren krijgt het makkelijker."));
    }

    #[test]
    fn a_rule_is_found_through_any_word_of_its_terms() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
        let rule = "mirror = 1\ntitle = \"t\"\n[[rule]]\nid = \"r\"\nquestions = [\"1.1\"]\n\
                    terms = [\"de wijk*\", \"geld NEAR/2 *initiatie*\"]\n";
        std::fs::write(dir.path().join("m1.toml"), rule).unwrap();
        let rules = RuleSet::load(dir.path()).unwrap();
        let words = |s: &str| -> Vec<Vec<String>> {
            let hits = rules.matcher().match_sentence(s);
            hits.iter().map(|h| h.spans.iter().map(|&(a, b)| s[a..b].to_string()).collect()).collect()
        };
        assert_eq!(words("Wij zijn in de wijken."), [vec!["de wijken"]]);
        assert_eq!(words("Geld voor bewonersinitiatieven, geld!"), [vec!["Geld", "bewonersinitiatieven", "geld"]]);
        assert!(words("Wij zijn in wijken, de hele dag.").is_empty());
        let mut matcher = rules.matcher();
        // The haystack of one sentence does not leak into the next.
        assert_eq!(matcher.match_sentence("Geld voor buurtinitiatieven.").len(), 1);
        assert!(matcher.match_sentence("Geld voor de sport.").is_empty());
    }

    #[test]
    fn rule_spans_give_each_match_with_its_parts_and_respect_except() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
        let rule = "mirror = 4\ntitle = \"t\"\n[[rule]]\nid = \"r\"\nquestions = [\"4.1\"]\n\
                    terms = [\"wijk* NEAR/3 budget*\", \"*initiatie*\"]\nexcept = [\"initiatiefvoorstel*\"]\n";
        std::fs::write(dir.path().join("m4.toml"), rule).unwrap();
        let rules = RuleSet::load(dir.path()).unwrap();
        let text = "Het budget voor de wijk en ons initiatiefvoorstel voor buurtinitiatieven.";
        let spans = rules.matcher().rule_spans(0, text);
        let words: Vec<Vec<&str>> = spans.iter().map(|m| m.iter().map(|&(a, b)| &text[a..b]).collect()).collect();
        assert_eq!(words, [vec!["budget", "wijk"], vec!["buurtinitiatieven"]]);
        assert!(rules.matcher().rule_spans(1, text).is_empty(), "no rule 1");
    }

    #[test]
    fn codebook_rejections_are_contra() {
        for s in [
            "Wij zijn tegen wijkbudgetten.",
            "Geen geld voor buurtinitiatieven.",
            "Participatie is vaak een wassen neus.",
            "Wij stoppen met het wijkbudget.",
            "Het buurtfonds schaffen we af.",
        ] {
            assert_eq!(stance_of(s), Stance::Contra, "{s}");
        }
    }

    #[test]
    fn pro_is_the_default_and_far_cues_do_not_count() {
        assert_eq!(stance_of("Elke wijk krijgt een wijkbudget."), Stance::Pro);
        assert_eq!(
            stance_of("Geen enkele inwoner blijft achter, want er komt in elke wijk een wijkbudget."),
            Stance::Pro
        );
        assert_eq!(stance_of("Niet alleen de gemeente, maar ook bewonersinitiatieven beslissen."), Stance::Pro);
    }

    #[test]
    fn rejecting_an_obstacle_is_pro() {
        assert_eq!(stance_of("Geen rompslomp voor verenigingen."), Stance::Pro);
        assert_eq!(stance_of("Regels schrappen voor verenigingen."), Stance::Pro);
        assert_eq!(stance_of("Overbodige regels voor verenigingen schaffen we af."), Stance::Pro);
    }

    #[test]
    fn an_obstacle_outside_the_window_does_not_cancel_the_cue() {
        assert_eq!(stance_of("Geen geld voor buurtinitiatieven, wel nieuwe regels."), Stance::Contra);
    }

    #[test]
    fn a_cue_inside_the_match_does_not_count() {
        let rules = rules();
        let hits = stances(&rules, "Afschaffen van de vergunningplicht voor buurtfeesten.");
        assert!(hits.contains(&("s2.regels".to_string(), Stance::Pro)), "{hits:?}");
    }
}
