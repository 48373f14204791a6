//! Terms that make scoring slow: a term all of whose words are very common (a wildcard with
//! the fewest letters allowed, such as `ver*` or `*ing`, or a function word such as `de`) is
//! tried on almost every sentence.

use super::RuleSet;
use super::pattern::WordPattern;

/// Dutch function words that stand in most sentences.
const COMMON: [&str; 32] = [
    "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "voor", "met", "zijn", "niet", "aan", "er",
    "om", "ook", "als", "bij", "of", "door", "naar", "wij", "we", "ze", "je", "wordt", "worden", "deze", "dit",
];

/// Fewest fixed letters a wildcard word needs to be selective (the rule language allows 3).
const MIN_WILDCARD_STEM: usize = 4;

/// True when a word pattern accepts a word in most sentences.
pub fn is_broad(word: &WordPattern) -> bool {
    if word.is_wildcard() {
        word.stem.chars().count() < MIN_WILDCARD_STEM
    } else {
        COMMON.contains(&word.stem.as_str())
    }
}

/// One warning per term whose every word is broad, as `file:line: rule `id`: ...`.
pub fn slow_terms(rules: &RuleSet) -> Vec<String> {
    let mut out = Vec::new();
    for rule in &rules.rules {
        for term in rule.terms.iter().chain(&rule.except).chain(&rule.unless) {
            if term.value.words().all(is_broad) {
                out.push(format!(
                    "{}:{}: rule `{}`: every word of this term stands in most sentences (a short wildcard or a \
                     function word), so it is tried on almost every sentence and makes scoring much slower; \
                     add a more specific word",
                    rule.file.display(),
                    term.line,
                    rule.id
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::pattern::parse;

    fn broad(term: &str) -> bool {
        parse(term).unwrap().words().all(is_broad)
    }

    #[test]
    fn short_wildcards_and_function_words_are_broad() {
        assert!(broad("ver*"));
        assert!(broad("*ing"));
        assert!(broad("de NEAR/5 het"));
        assert!(!broad("buurt*"));
        assert!(!broad("de buurt"));
        assert!(!broad("samen met inwoners"));
    }
}
