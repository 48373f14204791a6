//! Keyword in context: every match of a rule, or of one term, with the words around it.

use crate::model::Sentence;
use crate::rules::Matcher;
use crate::text::tokenize;

/// Default number of words shown on each side of a match.
pub const DEFAULT_WINDOW: usize = 8;

/// One match in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the sentence in its document.
    pub sentence: usize,
    /// Page of the sentence (0 for text without pages).
    pub page: u32,
    /// Line of the sentence's first word, as in [`Sentence::line`]; 0 when unknown.
    pub line: u32,
    /// Up to `window` words before the match, as they stand.
    pub left: String,
    /// The matched words as they stand: for a NEAR pair, everything from the first to the last.
    pub matched: String,
    /// Up to `window` words after the match, as they stand.
    pub right: String,
}

/// Every match of rule `rule` of the matcher's rule set in `sentences`, in sentence order
/// and then by position; `window` words of context on each side, within the sentence.
pub fn hits(matcher: &mut Matcher, rule: usize, sentences: &[Sentence], window: usize) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in sentences {
        if !matcher.unit_allows(rule, s.heading) {
            continue;
        }
        for spans in matcher.rule_spans(rule, &s.text) {
            let (left, matched, right) = context(&s.text, &spans, window);
            out.push(Hit { sentence: s.index, page: s.page, line: s.line, left, matched, right });
        }
    }
    out
}

/// Splits `text` around the match made of `spans` (byte ranges, in order): up to `window`
/// words before it, the match from its first to its last byte, and up to `window` words after.
/// When fewer words stand on a side, that side runs to the sentence's edge (with its punctuation).
pub fn context(text: &str, spans: &[(usize, usize)], window: usize) -> (String, String, String) {
    let start = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.1).max().unwrap_or(start);
    let tokens = tokenize(text);
    let before: Vec<usize> = tokens.iter().filter(|t| t.end <= start).map(|t| t.start).collect();
    let after: Vec<usize> = tokens.iter().filter(|t| t.start >= end).map(|t| t.end).collect();
    let matched = text[start..end].to_string();
    if window == 0 {
        return (String::new(), matched, String::new());
    }
    let from = if before.len() > window { before[before.len() - window] } else { 0 };
    let to = if after.len() > window { after[window - 1] } else { text.len() };
    (text[from..start].trim().to_string(), matched, text[end..to].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            index: 3,
            page: 2,
            text: text.into(),
            words: crate::text::word_count(text),
            heading: false,
            section: None,
            line: 7,
        }
    }

    fn matches(term: &str, text: &str, window: usize) -> Vec<(String, String, String)> {
        let rules = RuleSet::from_term(term).expect("term parses");
        hits(&mut rules.matcher(), 0, &[sentence(text)], window)
            .into_iter()
            .map(|h| (h.left, h.matched, h.right))
            .collect()
    }

    fn triple(l: &str, m: &str, r: &str) -> (String, String, String) {
        (l.into(), m.into(), r.into())
    }

    #[test]
    fn a_heading_only_rule_is_found_in_headings_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ruleset.toml"), "name = \"t\"\nversion = \"1\"\n").unwrap();
        let rule = "mirror = 1\ntitle = \"t\"\n[[rule]]\nid = \"m1.kop\"\nquestions = [\"1.2\"]\n\
                    terms = [\"participatie\"]\nheading_only = true\n";
        std::fs::write(dir.path().join("m1.toml"), rule).unwrap();
        let rules = RuleSet::load(dir.path()).unwrap();
        let mut heading = sentence("Participatie");
        heading.heading = true;
        let body = sentence("Participatie begint vroeg.");
        let found = hits(&mut rules.matcher(), 0, &[heading, body], 4);
        assert_eq!(found.iter().map(|h| h.right.as_str()).collect::<Vec<_>>(), vec![""]);
    }

    #[test]
    fn a_wildcard_finds_every_compound_with_its_context() {
        let found = matches("wijkbudget*", "Elk wijkbudget groeit, want Wijkbudgetten werken.", 2);
        assert_eq!(
            found,
            [triple("Elk", "wijkbudget", "groeit, want"), triple("groeit, want", "Wijkbudgetten", "werken.")]
        );
    }

    #[test]
    fn a_leading_wildcard_matches_the_head_of_a_compound() {
        let found = matches("*initiatief", "Ook het bewonersinitiatief en het burgerinitiatief tellen.", 1);
        assert_eq!(found, [triple("het", "bewonersinitiatief", "en"), triple("het", "burgerinitiatief", "tellen.")]);
    }

    #[test]
    fn a_near_match_spans_both_parts_in_either_order() {
        let text = "Het budget gaat naar de wijk, en de wijk krijgt geld.";
        let found = matches("wijk NEAR/3 budget*", text, 2);
        assert_eq!(found, [triple("Het", "budget gaat naar de wijk", ", en de")]);
        assert!(matches("wijk NEAR/2 budget*", text, 2).is_empty(), "three words between is beyond NEAR/2");
    }

    #[test]
    fn a_phrase_and_the_ellipsis_of_a_compound_match_as_the_rules_do() {
        let found = matches("samen met inwoners", "Wij werken samen met inwoners en ondernemers.", 8);
        assert_eq!(found, [triple("Wij werken", "samen met inwoners", "en ondernemers.")]);
        let found = matches("bewonersinitiatie*", "Steun voor bewoners- en buurtinitiatieven.", 8);
        assert_eq!(found, [triple("Steun voor", "bewoners", "- en buurtinitiatieven.")]);
    }

    #[test]
    fn hits_keep_page_line_and_sentence() {
        let rules = RuleSet::from_term("buurt*").unwrap();
        let h = hits(&mut rules.matcher(), 0, &[sentence("De buurt beslist.")], 8);
        assert_eq!((h[0].sentence, h[0].page, h[0].line), (3, 2, 7));
    }

    #[test]
    fn window_zero_gives_the_match_alone() {
        assert_eq!(matches("buurt*", "De buurt beslist.", 0), [triple("", "buurt", "")]);
    }
}
