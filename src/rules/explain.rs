//! `Matcher::explain`: why each rule did or did not fire on a sentence, what set its stance,
//! how far apart `NEAR/n` words stood, and which words almost matched a term.

use super::Stance;
use super::compile::{Haystack, Matcher, Run, Term, find, fire, gap, stopping_unless};
use super::load::Located;
use super::pattern::{Pattern, WordPattern};
use crate::text::tokenize;

/// Why a rule did or did not fire on a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Index of the rule.
    pub rule: usize,
    /// True when the rule fired.
    pub fired: bool,
    /// Terms (as written) that matched, with what they matched.
    pub matched: Vec<(String, Vec<String>)>,
    /// `except` terms that cancelled a match.
    pub excepted: Vec<String>,
    /// `unless` terms that stopped the rule for the sentence.
    pub blocked: Vec<String>,
    /// `unless` terms found in the sentence that a word of residents or civil society lifted
    /// (`[lift]` in `ruleset.toml`).
    pub lifted: Vec<String>,
    /// The stance of the match (only meaningful when the rule fired).
    pub stance: Stance,
    /// The contra cues near the match, as readable notes.
    pub cues: Vec<String>,
}

/// A term that would match the sentence after one small change, with advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// Index of the rule whose term almost matched.
    pub rule: usize,
    /// The term as written.
    pub term: String,
    /// What was missing, for a person.
    pub advice: String,
    /// How big the change is, in thousandths: the letters a `*` would add as a share of the
    /// word, or the words too far as a share of the distance found. Smaller is closer.
    pub distance: u32,
}

/// How many near misses `rules explain` shows.
pub const MAX_NEAR_MISSES: usize = 5;

impl Matcher<'_> {
    /// For every rule with at least one matching term: what matched, what stopped it, and its stance.
    pub fn explain(&mut self, sentence: &str) -> Vec<Explanation> {
        let hay = self.haystack(sentence);
        let mut out = Vec::new();
        for (i, (rule, def)) in self.compiled.rules.iter().zip(&self.set.rules).enumerate() {
            let matched: Vec<(String, Vec<String>)> = rule
                .terms
                .iter()
                .zip(&def.terms)
                .map(|(t, l)| (l.source.clone(), describe(t, &hay, sentence)))
                .filter(|(_, m)| !m.is_empty())
                .collect();
            if matched.is_empty() {
                continue;
            }
            let runs = fire(rule, &hay, &self.compiled.lifters);
            let stopping = stopping_unless(rule, &hay, &self.compiled.lifters);
            let found = found_terms(&rule.unless, &def.unless, &hay);
            let blocked: Vec<String> = stopping.iter().map(|&u| def.unless[u].source.clone()).collect();
            let (stance, cues) = match &runs {
                Some(runs) => self.stance_notes(&hay, runs, sentence),
                None => (Stance::Pro, Vec::new()),
            };
            out.push(Explanation {
                rule: i,
                fired: runs.is_some(),
                matched,
                excepted: found_terms(&rule.except, &def.except, &hay),
                lifted: found.into_iter().filter(|t| !blocked.contains(t)).collect(),
                blocked,
                stance,
                cues,
            });
        }
        out
    }

    fn stance_notes(&self, hay: &Haystack, runs: &[Run], sentence: &str) -> (Stance, Vec<String>) {
        let stance_cues = &self.set.meta.stance;
        let findings = self.cue_findings(hay, runs);
        let notes = findings
            .iter()
            .map(|f| {
                let words = text_of(hay, &f.run, sentence);
                let head = format!(
                    "cue `{}` (\"{words}\", {} word(s) between it and the match)",
                    stance_cues.contra[f.cue], f.distance
                );
                match f.obstacle {
                    Some(o) => format!("{head} is ignored: it stands by obstacle `{}`", stance_cues.obstacles[o]),
                    None => format!("{head} makes it contra"),
                }
            })
            .collect();
        let contra = findings.iter().any(|f| f.obstacle.is_none());
        (if contra { Stance::Contra } else { Stance::Pro }, notes)
    }

    /// Terms that would match the sentence after one change, closest first (then in rule and
    /// term order): a `*` added to one word of a term whose other words all match in place
    /// (`buurtfonds` for `buurtfondsen`), or a `NEAR/n` whose two sides stand a few words too far
    /// apart. Terms that match as they stand are not near misses.
    pub fn near_misses(&mut self, sentence: &str) -> Vec<NearMiss> {
        let hay = self.haystack(sentence);
        let words: Vec<String> = tokenize(sentence).into_iter().map(|t| t.norm).collect();
        let mut out = Vec::new();
        for (i, (rule, def)) in self.compiled.rules.iter().zip(&self.set.rules).enumerate() {
            for (term, located) in rule.terms.iter().zip(&def.terms) {
                if !find(term, &hay).is_empty() {
                    continue;
                }
                let mut found = star_misses(&located.value, &words);
                found.extend(near_too_far(term, &located.value, &hay));
                for (advice, distance) in found {
                    let miss = NearMiss { rule: i, term: located.source.clone(), advice, distance };
                    if !out.contains(&miss) {
                        out.push(miss);
                    }
                }
            }
        }
        out.sort_by_key(|m| m.distance);
        out
    }
}

fn found_terms(terms: &[Term], locs: &[Located<Pattern>], hay: &Haystack) -> Vec<String> {
    terms.iter().zip(locs).filter(|(t, _)| !find(t, hay).is_empty()).map(|(_, l)| l.source.clone()).collect()
}

fn text_of(hay: &Haystack, run: &Run, sentence: &str) -> String {
    sentence[hay.spans[run.0].0..hay.spans[run.1 - 1].1].to_string()
}

/// What a term matched: the words of a phrase, or both sides of a `NEAR/n` with their distance.
fn describe(term: &Term, hay: &Haystack, sentence: &str) -> Vec<String> {
    let runs = find(term, hay);
    match term {
        Term::Phrase(_) => runs.iter().map(|r| text_of(hay, r, sentence)).collect(),
        Term::Near(_, _, d) => runs
            .chunks(2)
            .map(|pair| {
                let (a, b) = (&pair[0], &pair[1]);
                let apart = gap(a, b);
                format!(
                    "{} … {} ({apart} word(s) apart, NEAR/{d} allows {d})",
                    text_of(hay, a, sentence),
                    text_of(hay, b, sentence)
                )
            })
            .collect(),
    }
}

/// A `*` that, added to one word of the term, would make the whole term match: advice and
/// distance for the closest such change of each word.
fn star_misses(pattern: &Pattern, words: &[String]) -> Vec<(String, u32)> {
    let phrases: Vec<&[WordPattern]> = match pattern {
        Pattern::Phrase(p) => vec![p],
        Pattern::Near { left, right, .. } => vec![left, right],
    };
    let mut out = Vec::new();
    for (side, phrase) in phrases.iter().enumerate() {
        for (j, w) in phrase.iter().enumerate() {
            if w.stem.chars().count() < 3 {
                continue;
            }
            for starred in [WordPattern { any_after: true, ..w.clone() }, WordPattern { any_before: true, ..w.clone() }]
            {
                if starred == *w {
                    continue;
                }
                let mut changed: Vec<Vec<WordPattern>> = phrases.iter().map(|p| p.to_vec()).collect();
                changed[side][j] = starred.clone();
                let Some(word) = changed_match(pattern, &changed, side, j, words) else { continue };
                let extra = word.chars().count() - w.stem.chars().count();
                let distance = (extra * 1000 / word.chars().count().max(1)) as u32;
                let place = if starred.any_after && !w.any_after { "at the end" } else { "in front" };
                let advice = format!("`{word}` would match `{starred}`: `{w}` has no `*` {place}");
                out.push((advice, distance));
            }
        }
    }
    out
}

/// With one word changed, the sentence word at that place in the closest match of the term
/// (the shortest one), or `None` when the changed term does not match.
fn changed_match(
    pattern: &Pattern,
    changed: &[Vec<WordPattern>],
    side: usize,
    j: usize,
    words: &[String],
) -> Option<String> {
    let runs = |p: &[WordPattern]| -> Vec<Run> {
        (0..words.len().saturating_sub(p.len() - 1))
            .filter(|&s| s + p.len() <= words.len() && p.iter().enumerate().all(|(k, w)| w.accepts(&words[s + k])))
            .map(|s| (s, s + p.len()))
            .collect()
    };
    let sides: Vec<Vec<Run>> = changed.iter().map(|p| runs(p)).collect();
    let ok: Vec<Run> = match pattern {
        Pattern::Phrase(_) => sides[0].clone(),
        Pattern::Near { distance, .. } => {
            let other = &sides[1 - side];
            sides[side]
                .iter()
                .filter(|a| other.iter().any(|b| gap(a, b) <= *distance && !overlap(a, b)))
                .copied()
                .collect()
        }
    };
    ok.iter().map(|r| words[r.0 + j].clone()).min_by_key(|w| w.chars().count())
}

fn overlap(a: &Run, b: &Run) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Advice for a `NEAR/n` term whose two sides stand in the sentence, but more than `n` words
/// apart, with the words too many as a share of the distance found.
fn near_too_far(term: &Term, pattern: &Pattern, hay: &Haystack) -> Option<(String, u32)> {
    let (Term::Near(l, r, d), Pattern::Near { left, right, .. }) = (term, pattern) else { return None };
    let (ls, rs) = (find(&Term::Phrase(l.clone()), hay), find(&Term::Phrase(r.clone()), hay));
    let closest = ls.iter().flat_map(|a| rs.iter().map(move |b| gap(a, b))).min()?;
    let side = |p: &[WordPattern]| p.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
    (closest > *d).then(|| {
        let advice = format!(
            "`{}` and `{}` both stand in the sentence, but {closest} words apart (NEAR/{d} allows {d})",
            side(left),
            side(right)
        );
        (advice, ((closest - d) * 1000 / closest) as u32)
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::{RuleSet, Stance};

    fn rules() -> RuleSet {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-stance");
        RuleSet::load(&dir).expect("fixture loads")
    }

    #[test]
    fn explains_the_cue_that_made_it_contra() {
        let rules = rules();
        let e = rules.matcher().explain("Wij zijn tegen wijkbudgetten.");
        let budget = e.iter().find(|e| rules.rules[e.rule].id == "s4.budget").expect("s4.budget explained");
        assert_eq!(budget.stance, Stance::Contra);
        assert_eq!(
            budget.cues,
            ["cue `zijn tegen` (\"zijn tegen\", 0 word(s) between it and the match) makes it contra"]
        );
    }

    #[test]
    fn a_cue_does_not_reach_across_a_clause_break() {
        let rules = rules();
        let pro = rules.matcher().explain("Geen vinkjes, maar meer inspraak.");
        assert_eq!(pro[0].stance, Stance::Pro);
        assert!(pro[0].cues.is_empty(), "{:?}", pro[0].cues);
        let contra = rules.matcher().explain("Maar geen inspraak.");
        assert_eq!(contra[0].stance, Stance::Contra);
    }

    #[test]
    fn explains_an_obstacle_that_cancels_a_cue() {
        let rules = rules();
        let e = rules.matcher().explain("Geen rompslomp voor verenigingen.");
        assert_eq!(e[0].stance, Stance::Pro);
        assert_eq!(
            e[0].cues,
            ["cue `geen` (\"Geen\", 0 word(s) between it and the match) is ignored: it stands by obstacle `rompslomp`"]
        );
    }

    #[test]
    fn explains_an_unless_term_that_residents_lift() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let id = |e: &super::Explanation| rules.rules[e.rule].id.clone();
        let mut m = rules.matcher();
        let with =
            m.explain("De gemeente helpt inwoners, ondernemers en organisaties bij het realiseren van hun ideeën.");
        let lifted = with.iter().find(|e| id(e) == "m4.initiatieven-steun").expect("explained");
        assert!(lifted.fired && lifted.blocked.is_empty(), "{lifted:?}");
        assert_eq!(lifted.lifted, ["ondernemer*"]);
        let alone = m.explain("De gemeente helpt ondernemers bij het realiseren van hun ideeën.");
        let stopped = alone.iter().find(|e| id(e) == "m4.initiatieven-steun").expect("explained");
        assert!(!stopped.fired && stopped.lifted.is_empty(), "{stopped:?}");
        assert_eq!(stopped.blocked, ["ondernemer*"]);
    }

    #[test]
    fn explains_near_distance() {
        let rules = rules();
        let e = rules.matcher().explain("Per wijk een eigen budget.");
        assert_eq!(
            e[0].matched,
            [("wijk NEAR/3 budget".to_string(), vec!["wijk … budget (2 word(s) apart, NEAR/3 allows 3)".to_string()])]
        );
    }

    #[test]
    fn near_misses_name_the_missing_star_and_the_distance() {
        let rules = rules();
        let mut m = rules.matcher();
        let advice: Vec<String> = m
            .near_misses("De buurtfondsen en de wijk hebben samen een groot nieuw budget.")
            .into_iter()
            .map(|n| n.advice)
            .collect();
        assert_eq!(
            advice,
            [
                "`buurtfondsen` would match `buurtfonds*`: `buurtfonds` has no `*` at the end",
                "`wijk` and `budget` both stand in the sentence, but 5 words apart (NEAR/3 allows 3)",
            ]
        );
    }

    #[test]
    fn a_star_is_a_near_miss_only_when_the_rest_of_the_term_matches() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let mut m = rules.matcher();
        let misses = m.near_misses("Vrijwilligers verdienen meer waardering van de overheid en de samenleving.");
        assert!(
            misses.iter().all(|n| !n.advice.contains("`meer`") && !n.advice.contains("`samenleving`")),
            "{misses:#?}"
        );
        let misses = m.near_misses("Samen met de buurtbewoners maken we plannen.");
        assert!(misses.iter().any(|n| n.advice.contains("`buurtbewoners` would match `*bewoners`")), "{misses:#?}");
        assert!(misses.windows(2).all(|w| w[0].distance <= w[1].distance), "closest first");
    }
}
