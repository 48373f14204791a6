//! Matching: sentences and a rule set to passages, the evidence per sentence and mirror.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Passage, Sentence};
use crate::rules::{RuleHit, RuleSet, Stance};

/// Finds the passages of a document: one per sentence and mirror that a rule matched.
pub fn match_sentences(rules: &RuleSet, sentences: &[Sentence]) -> Vec<Passage> {
    let mut matcher = rules.matcher();
    let hits: Vec<Vec<RuleHit>> = sentences
        .iter()
        .map(|s| {
            let heading = s.section.and_then(|h| sentences.get(h)).map(|x| x.text.as_str());
            let mut hs = matcher.match_sentence(&s.text);
            hs.retain(|h| matcher.unit_allows(h.rule, s.heading) && matcher.heading_allows(h.rule, heading));
            hs
        })
        .collect();
    let hits = keep_beside_matches(rules, sentences, hits);
    let lent = lent_mirrors(rules, sentences, &hits);
    let mut out = read_on_passages(rules, &mut matcher, sentences, &hits);
    let read_on: BTreeSet<usize> = out.iter().map(|p| p.sentence).collect();
    for (s, sentence_hits) in sentences.iter().zip(&hits) {
        let mut by_mirror: BTreeMap<u8, Vec<&RuleHit>> = BTreeMap::new();
        for h in sentence_hits {
            by_mirror.entry(rules.rules[h.rule].mirror).or_default().push(h);
        }
        for (mirror, hs) in &by_mirror {
            out.push(passage(rules, s, *mirror, hs));
        }
        // A heading lends its mirror only to sentences that no rule reads: a sentence that
        // says something a rule reads is coded for what it says.
        if !by_mirror.is_empty() || read_on.contains(&s.index) {
            continue;
        }
        for (mirror, rule) in lent.get(&s.index).into_iter().flatten() {
            if matcher.unless_allows(*rule, &s.text) {
                out.push(lent_passage(rules, s, *mirror, *rule));
            }
        }
    }
    out.sort_by_key(|p| (p.sentence, p.mirror));
    out.dedup_by_key(|p| (p.sentence, p.mirror));
    out
}

fn passage(rules: &RuleSet, s: &Sentence, mirror: u8, hits: &[&RuleHit]) -> Passage {
    passage_over(rules, s, &s.text, "", mirror, hits)
}

/// The passage of sentence `s` for `mirror`: `matched_in` is the text the hits' spans index
/// (the sentence, or the sentence before it and the sentence), `mark` is appended to rule ids.
fn passage_over(rules: &RuleSet, s: &Sentence, matched_in: &str, mark: &str, mirror: u8, hits: &[&RuleHit]) -> Passage {
    let mut questions = BTreeSet::new();
    let mut ids = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    for h in hits {
        let rule = &rules.rules[h.rule];
        questions.extend(rule.questions.iter().cloned());
        ids.push(format!("{}{mark}", rule.id));
        for &(a, b) in &h.spans {
            let t = matched_in[a..b].to_string();
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    let stance = if hits.iter().any(|h| h.stance == Stance::Contra) { Stance::Contra } else { Stance::Pro };
    Passage {
        sentence: s.index,
        page: s.page,
        line: s.line,
        mirror,
        questions: questions.into_iter().collect(),
        rules: ids,
        terms,
        stance,
        text: s.text.clone(),
    }
}

fn lent_passage(rules: &RuleSet, s: &Sentence, mirror: u8, rule: usize) -> Passage {
    let def = &rules.rules[rule];
    Passage {
        sentence: s.index,
        page: s.page,
        line: s.line,
        mirror,
        questions: def.questions.clone(),
        rules: vec![format!("{}^heading", def.id)],
        terms: Vec::new(),
        stance: Stance::Pro,
        text: s.text.clone(),
    }
}

/// Drops the hits of `beside_match` rules in sentences that have no neighbour (the sentence
/// before or after it, under the same heading, not a heading itself) that another rule of the
/// same mirror matched, and in headings.
fn keep_beside_matches(rules: &RuleSet, sentences: &[Sentence], mut hits: Vec<Vec<RuleHit>>) -> Vec<Vec<RuleHit>> {
    if !rules.rules.iter().any(|r| r.beside_match) {
        return hits;
    }
    let anchored: Vec<BTreeSet<u8>> = hits
        .iter()
        .map(|hs| hs.iter().filter(|h| !rules.rules[h.rule].beside_match).map(|h| rules.rules[h.rule].mirror).collect())
        .collect();
    for (i, s) in sentences.iter().enumerate() {
        let beside = |mirror: u8| {
            let neighbours = [i.checked_sub(1), i.checked_add(1)].into_iter().flatten();
            neighbours.filter(|&j| j < sentences.len()).any(|j| {
                let n = &sentences[j];
                !n.heading && n.section == s.section && anchored[j].contains(&mirror)
            })
        };
        hits[i].retain(|h| {
            let rule = &rules.rules[h.rule];
            !rule.beside_match || (!s.heading && beside(rule.mirror))
        });
    }
    hits
}

/// The number of sentences (not headings) under each heading, by the heading's index.
pub(crate) fn section_sizes(sentences: &[Sentence]) -> BTreeMap<usize, usize> {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for h in sentences.iter().filter(|s| !s.heading).filter_map(|s| s.section) {
        *sizes.entry(h).or_default() += 1;
    }
    sizes
}

/// For each sentence under a heading that a `lend_to_section` rule matched: (mirror, rule).
fn lent_mirrors(rules: &RuleSet, sentences: &[Sentence], hits: &[Vec<RuleHit>]) -> BTreeMap<usize, Vec<(u8, usize)>> {
    let mut lenders: BTreeMap<usize, Vec<(u8, usize)>> = BTreeMap::new();
    for (s, hs) in sentences.iter().zip(hits) {
        if s.heading {
            for h in hs.iter().filter(|h| rules.rules[h.rule].lend_to_section) {
                lenders.entry(s.index).or_default().push((rules.rules[h.rule].mirror, h.rule));
            }
        }
    }
    if let Some(limit) = rules.meta.context.lend_max_sentences {
        let sizes = section_sizes(sentences);
        lenders.retain(|h, _| sizes.get(h).copied().unwrap_or(0) <= limit);
    }
    let mut out = BTreeMap::new();
    for s in sentences {
        if let Some(l) = s.section.and_then(|h| lenders.get(&h)) {
            out.insert(s.index, l.clone());
        }
    }
    out
}

/// Passages that a sentence gets by reading on from the sentence before it: the sentence
/// starts with a word that refers back (`Deze organisaties ondersteunen we ...`), and a
/// rule fires on the two together with words in both, though on neither alone.
fn read_on_passages(
    rules: &RuleSet,
    matcher: &mut crate::rules::Matcher,
    sentences: &[Sentence],
    hits: &[Vec<RuleHit>],
) -> Vec<Passage> {
    let refers_back = &rules.meta.context.refers_back;
    let mut out = Vec::new();
    if refers_back.is_empty() {
        return out;
    }
    for (i, s) in sentences.iter().enumerate().skip(1) {
        let prev = &sentences[i - 1];
        if s.heading || prev.heading || prev.section != s.section || !starts_with_any(&s.text, refers_back) {
            continue;
        }
        let joined = format!("{} {}", prev.text, s.text);
        let offset = prev.text.len() + 1;
        let heading = s.section.and_then(|h| sentences.get(h)).map(|x| x.text.as_str());
        let fired = |k: usize, r: usize| hits[k].iter().any(|h| h.rule == r);
        let mut by_mirror: BTreeMap<u8, Vec<RuleHit>> = BTreeMap::new();
        for h in matcher.match_sentence(&joined) {
            let straddles = h.spans.iter().any(|s| s.0 < offset) && h.spans.iter().any(|s| s.0 >= offset);
            let own_words = !rules.rules[h.rule].beside_match && matcher.unit_allows(h.rule, false);
            if straddles
                && own_words
                && !fired(i, h.rule)
                && !fired(i - 1, h.rule)
                && matcher.heading_allows(h.rule, heading)
            {
                by_mirror.entry(rules.rules[h.rule].mirror).or_default().push(h);
            }
        }
        for (mirror, hs) in by_mirror {
            if hits[i].iter().any(|h| rules.rules[h.rule].mirror == mirror) {
                continue;
            }
            let hs: Vec<&RuleHit> = hs.iter().collect();
            out.push(passage_over(rules, s, &joined, "^prev", mirror, &hs));
        }
    }
    out
}

fn starts_with_any(text: &str, words: &[String]) -> bool {
    // Only the first word is folded: this runs on every sentence.
    let first = text.split_whitespace().find(|w| w.chars().any(char::is_alphanumeric)).unwrap_or_default();
    crate::text::tokenize(first).first().is_some_and(|t| words.contains(&t.norm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(rule: &str) -> RuleSet {
        rules_with(rule, "")
    }

    fn rules_with(rule: &str, meta: &str) -> RuleSet {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), format!("name = \"t\"\nversion = \"1\"\n{meta}")).unwrap();
        let m1 = format!("mirror = 1\ntitle = \"Een\"\n[[rule]]\nid = \"m1.t\"\nquestions = [\"1.3\"]\n{rule}");
        std::fs::write(dir.path().join("m1.toml"), m1).unwrap();
        RuleSet::load(dir.path()).unwrap()
    }

    fn sentence(index: usize, text: &str, heading: bool, section: Option<usize>) -> Sentence {
        let words = crate::text::word_count(text);
        Sentence { index, page: 1, text: text.into(), words, heading, section, line: index as u32 + 1 }
    }

    #[test]
    fn a_beside_match_rule_fires_only_next_to_a_sentence_of_its_mirror() {
        let second =
            "[[rule]]\nid = \"m1.naast\"\nquestions = [\"1.2\"]\nterms = [\"participatie\"]\nbeside_match = true\n";
        let rules = rules(&format!("terms = [\"inspraak\"]\n{second}"));
        let sentences = [
            sentence(0, "Bestuur", true, None),
            sentence(1, "Inwoners krijgen inspraak.", false, Some(0)),
            sentence(2, "Participatie begint vroeg.", false, Some(0)),
            sentence(3, "Geld", true, None),
            sentence(4, "Participatie kost geld.", false, Some(3)),
            sentence(5, "Participatie loont.", false, Some(3)),
        ];
        let passages = match_sentences(&rules, &sentences);
        let got: Vec<(usize, Vec<String>)> = passages.iter().map(|p| (p.sentence, p.rules.clone())).collect();
        // Sentence 2 stands beside the inspraak sentence; 4 and 5 only beside each other.
        assert_eq!(got, [(1, vec!["m1.t".to_string()]), (2, vec!["m1.naast".to_string()])]);
    }

    #[test]
    fn a_heading_only_rule_fires_on_headings_and_nowhere_else() {
        let rules = rules("terms = [\"participatie\"]\nheading_only = true\n");
        let sentences = [
            sentence(0, "Participatie", true, None),
            sentence(1, "Participatie begint vroeg.", false, Some(0)),
            sentence(2, "Deze participatie loont.", false, Some(0)),
        ];
        let got: Vec<usize> = match_sentences(&rules, &sentences).iter().map(|p| p.sentence).collect();
        assert_eq!(got, vec![0]);
    }

    #[test]
    fn an_under_heading_rule_fires_only_below_a_matching_heading() {
        let rules = rules("terms = [\"evalueren\"]\nunder_heading = [\"inspraak\", \"participatie\"]\n");
        let sentences = [
            sentence(0, "Inspraak en participatie", true, None),
            sentence(1, "Daarom gaan we ze evalueren.", false, Some(0)),
            sentence(2, "Verkeer", true, None),
            sentence(3, "We gaan de verkeersregels evalueren.", false, Some(2)),
            sentence(4, "Wij evalueren alles.", false, None),
        ];
        let passages = match_sentences(&rules, &sentences);
        assert_eq!(passages.len(), 1, "{passages:?}");
        assert_eq!((passages[0].sentence, passages[0].line), (1, 2));
    }

    #[test]
    fn a_sentence_that_refers_back_reads_on_from_the_one_before() {
        let meta = "[context]\nrefers_back = [\"deze\"]\n";
        let rule = "terms = [\"ondersteun* NEAR/8 vrijwilligersorganisatie*\"]\n";
        let with_cue = rules_with(rule, meta);
        let sentences = [
            sentence(0, "Vrijwilligersorganisaties doen veel werk.", false, None),
            sentence(1, "Deze organisaties ondersteunen we.", false, None),
            sentence(2, "We ondersteunen de sport.", false, None),
        ];
        let passages = match_sentences(&with_cue, &sentences);
        assert_eq!(passages.len(), 1, "{passages:?}");
        assert_eq!(passages[0].sentence, 1);
        assert_eq!(passages[0].rules, ["m1.t^prev"]);
        assert_eq!(passages[0].terms, ["Vrijwilligersorganisaties", "ondersteunen"]);
        // Without the cue word nothing is read on.
        assert!(match_sentences(&rules(rule), &sentences).is_empty());
    }

    #[test]
    fn a_lifted_unless_term_stops_the_rule_only_without_residents() {
        let meta = "[lift]\nunless = [\"ondernemer*\"]\nby = [\"inwoner*\"]\n";
        let rule = "terms = [\"realiseren van hun ideeën\"]\nunless = [\"ondernemer*\", \"europa\"]\n";
        let sentences = [
            sentence(0, "De gemeente helpt ondernemers bij het realiseren van hun ideeën.", false, None),
            sentence(1, "De gemeente helpt inwoners en ondernemers bij het realiseren van hun ideeën.", false, None),
            sentence(2, "Europa helpt inwoners en ondernemers bij het realiseren van hun ideeën.", false, None),
        ];
        let got: Vec<usize> = match_sentences(&rules_with(rule, meta), &sentences).iter().map(|p| p.sentence).collect();
        // Inwoners lift `ondernemer*` but not `europa`, which is not in [lift] unless.
        assert_eq!(got, vec![1]);
        // Without [lift] the term stops the rule in all three.
        assert!(match_sentences(&rules(rule), &sentences).is_empty());
    }

    #[test]
    fn a_heading_lends_its_mirror_except_to_sentences_the_rule_stays_out_of() {
        let rules = rules("terms = [\"inspraak\"]\nlend_to_section = true\nunless = [\"kiezer*\"]\n");
        let sentences = [
            sentence(0, "Inspraak", true, None),
            sentence(1, "Bewoners praten mee over hun straat.", false, Some(0)),
            sentence(2, "Kiezers kiezen een persoon.", false, Some(0)),
        ];
        let passages = match_sentences(&rules, &sentences);
        let got: Vec<(usize, &str)> = passages.iter().map(|p| (p.sentence, p.rules[0].as_str())).collect();
        assert_eq!(got, [(0, "m1.t"), (1, "m1.t^heading")]);
    }

    #[test]
    fn a_heading_lends_only_to_a_section_within_the_limit() {
        let rule = "terms = [\"inspraak\"]\nlend_to_section = true\n";
        let limited = rules_with(rule, "[context]\nlend_max_sentences = 2\n");
        let mut sentences = vec![
            sentence(0, "Inspraak", true, None),
            sentence(1, "Bewoners praten mee.", false, Some(0)),
            sentence(2, "Zij beslissen ook.", false, Some(0)),
            sentence(3, "Inspraak", true, None),
        ];
        let lent = |rules: &RuleSet, s: &[Sentence]| -> Vec<usize> {
            match_sentences(rules, s).iter().filter(|p| p.rules[0].ends_with("^heading")).map(|p| p.sentence).collect()
        };
        assert_eq!(lent(&limited, &sentences), [1, 2], "a section of two sentences is within a limit of two");
        sentences.extend((4..7).map(|i| sentence(i, "Het college besluit.", false, Some(3))));
        assert_eq!(lent(&limited, &sentences), [1, 2], "a section of three is a chapter: nothing lent");
        assert_eq!(lent(&rules(rule), &sentences), [1, 2, 4, 5, 6], "without a limit every section is lent to");
    }

    #[test]
    fn a_heading_lends_its_mirror_only_to_sentences_no_rule_reads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
        let m1 = "mirror = 1\ntitle = \"Een\"\n[[rule]]\nid = \"m1.kop\"\nquestions = [\"1.2\"]\nterms = [\"inspraak\"]\nlend_to_section = true\n";
        let m4 = "mirror = 4\ntitle = \"Vier\"\n[[rule]]\nid = \"m4.recht\"\nquestions = [\"4.3\"]\nterms = [\"uitdaagrecht\"]\n";
        std::fs::write(dir.path().join("m1.toml"), m1).unwrap();
        std::fs::write(dir.path().join("m4.toml"), m4).unwrap();
        let rules = RuleSet::load(dir.path()).unwrap();
        let sentences = [
            sentence(0, "Inspraak", true, None),
            sentence(1, "Bewoners praten mee over hun straat.", false, Some(0)),
            sentence(2, "We maken het uitdaagrecht mogelijk.", false, Some(0)),
        ];
        let passages = match_sentences(&rules, &sentences);
        let got: Vec<(usize, u8, &str)> =
            passages.iter().map(|p| (p.sentence, p.mirror, p.rules[0].as_str())).collect();
        assert_eq!(got, [(0, 1, "m1.kop"), (1, 1, "m1.kop^heading"), (2, 4, "m4.recht")]);
    }

    #[test]
    fn a_rule_without_under_heading_fires_anywhere() {
        let rules = rules("terms = [\"evalueren\"]\n");
        let sentences = [sentence(0, "Verkeer", true, None), sentence(1, "We evalueren het.", false, Some(0))];
        assert_eq!(match_sentences(&rules, &[sentences[1].clone()]).len(), 1);
        assert_eq!(match_sentences(&rules, &sentences).len(), 1);
    }
}
