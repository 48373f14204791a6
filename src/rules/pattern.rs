//! The pattern language of a rule term: words, compound wildcards, phrases and `NEAR/n`.

use std::fmt;

/// One word of a pattern, with optional compound wildcards at either end.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordPattern {
    /// The folded letters between the wildcards.
    pub stem: String,
    /// `*stem`: any word that ends with the stem (the stem is a compound's head).
    pub any_before: bool,
    /// `stem*`: any word that starts with the stem.
    pub any_after: bool,
}

impl WordPattern {
    /// The anchored regular expression that tests one folded word.
    pub fn to_regex(&self) -> String {
        let mut re = String::from("^");
        if self.any_before {
            re.push_str(".*");
        }
        re.push_str(&regex::escape(&self.stem));
        if self.any_after {
            re.push_str(".*");
        }
        re.push('$');
        re
    }

    /// True when the pattern accepts a folded word (the same test as [`WordPattern::to_regex`]).
    pub fn accepts(&self, word: &str) -> bool {
        match (self.any_before, self.any_after) {
            (false, false) => word == self.stem,
            (false, true) => word.starts_with(&self.stem),
            (true, false) => word.ends_with(&self.stem),
            (true, true) => word.contains(&self.stem),
        }
    }

    /// True when the pattern has a wildcard.
    pub fn is_wildcard(&self) -> bool {
        self.any_before || self.any_after
    }
}

impl fmt::Display for WordPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let star = |b: bool| if b { "*" } else { "" };
        write!(f, "{}{}{}", star(self.any_before), self.stem, star(self.any_after))
    }
}

/// Consecutive words.
pub type Phrase = Vec<WordPattern>;

/// A parsed term: one phrase, or two phrases that must stand within `distance` words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Words in this order, next to each other.
    Phrase(Phrase),
    /// Both phrases in the sentence, at most `distance` words apart, in either order.
    Near {
        /// The first phrase.
        left: Phrase,
        /// The second phrase.
        right: Phrase,
        /// Largest number of words allowed between the two phrases.
        distance: usize,
    },
}

impl Pattern {
    /// Every word pattern the term uses.
    pub fn words(&self) -> impl Iterator<Item = &WordPattern> {
        let (a, b): (&[WordPattern], &[WordPattern]) = match self {
            Pattern::Phrase(p) => (p, &[]),
            Pattern::Near { left, right, .. } => (left, right),
        };
        a.iter().chain(b.iter())
    }
}

/// Parses a term such as `*initiatie*`, `samen met inwoners` or `wijk* NEAR/6 budget*`.
pub fn parse(term: &str) -> Result<Pattern, String> {
    let words: Vec<&str> = term.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty term".into());
    }
    for w in &words {
        check_operator(w)?;
    }
    let near_at: Vec<usize> =
        (0..words.len()).filter(|&i| words[i].to_ascii_uppercase().starts_with("NEAR/")).collect();
    match near_at.as_slice() {
        [] => Ok(Pattern::Phrase(parse_phrase(&words)?)),
        [i] => {
            let distance = words[*i][5..]
                .parse::<usize>()
                .map_err(|_| format!("`{}`: NEAR/ needs a number of words, as in NEAR/6", words[*i]))?;
            if *i == 0 || *i == words.len() - 1 {
                return Err("NEAR/n needs a phrase on both sides".into());
            }
            Ok(Pattern::Near { left: parse_phrase(&words[..*i])?, right: parse_phrase(&words[*i + 1..])?, distance })
        }
        _ => Err("only one NEAR/n per term".into()),
    }
}

/// Refuses a word that looks like a search operator but is not `NEAR/n` as caleido writes it
/// (`NEAR6`, `NEAR`, `near:6`, `W/6`, `AND`): as a word it would silently never match.
fn check_operator(word: &str) -> Result<(), String> {
    let upper = word.to_uppercase();
    if let Some(rest) = upper.strip_prefix("NEAR")
        && !rest.starts_with(|c: char| c.is_alphabetic())
        && !rest.starts_with('/')
    {
        let advice = if rest.is_empty() { "give the distance" } else { "write a slash, then the number of words" };
        return Err(format!("`{word}` is not an operator: {advice}, as in `wijk* NEAR/6 budget*`"));
    }
    if let Some((op, n)) = upper.split_once('/')
        && matches!(op, "W" | "N" | "PRE" | "ONEAR" | "NEAR" | "SENT" | "S")
        && if op == "NEAR" {
            n.parse::<usize>().is_err()
        } else {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
        }
    {
        if op == "NEAR" {
            return Err(format!("`{word}`: NEAR/ needs a number of words, as in NEAR/6"));
        }
        return Err(format!(
            "`{word}` is not caleido's operator: write NEAR/n (at most n words between, either order)"
        ));
    }
    if matches!(word, "AND" | "OR" | "NOT" | "&&" | "||") {
        return Err(format!(
            "`{word}` is not an operator here: list alternatives as separate terms, use NEAR/n for two words \
             in one sentence, `unless` for words that rule a sentence out"
        ));
    }
    Ok(())
}

fn parse_phrase(words: &[&str]) -> Result<Phrase, String> {
    words.iter().map(|w| parse_word(w)).collect()
}

fn parse_word(word: &str) -> Result<WordPattern, String> {
    let any_before = word.starts_with('*');
    let any_after = word.len() > 1 && word.ends_with('*');
    let inner = word.trim_start_matches('*').trim_end_matches('*');
    if inner.contains('*') {
        return Err(format!("`{word}`: a * may only stand at the start or end of a word"));
    }
    let stem = crate::text::normal_word(inner);
    if stem.is_empty() || !stem.chars().any(char::is_alphanumeric) {
        return Err(format!("`{word}`: a word needs letters"));
    }
    if let Some(c) = stem.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '/' | '&'))) {
        return Err(format!("`{word}`: character `{c}` cannot stand in a word"));
    }
    if (any_before || any_after) && stem.chars().count() < 3 {
        return Err(format!("`{word}`: a wildcard needs at least 3 letters beside it"));
    }
    Ok(WordPattern { stem, any_before, any_after })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(stem: &str, b: bool, a: bool) -> WordPattern {
        WordPattern { stem: stem.into(), any_before: b, any_after: a }
    }

    #[test]
    fn parses_wildcards_and_folds() {
        assert_eq!(parse("*Initiatie*").unwrap(), Pattern::Phrase(vec![w("initiatie", true, true)]));
        assert_eq!(parse("coöperatie*").unwrap(), Pattern::Phrase(vec![w("cooperatie", false, true)]));
    }

    #[test]
    fn parses_near() {
        let p = parse("wijk* NEAR/6 budget*").unwrap();
        assert_eq!(
            p,
            Pattern::Near { left: vec![w("wijk", false, true)], right: vec![w("budget", false, true)], distance: 6 }
        );
    }

    #[test]
    fn rejects_bad_terms() {
        assert!(parse("").is_err());
        assert!(parse("bu*rt").is_err());
        assert!(parse("NEAR/3 wijk").is_err());
        assert!(parse("wijk NEAR/x buurt").is_err());
        assert!(parse("ab*").is_err());
    }

    #[test]
    fn rejects_malformed_operators() {
        for (term, says) in [
            ("inwoners NEAR6 toekomst", "`NEAR6` is not an operator: write a slash"),
            ("inwoners NEAR toekomst", "`NEAR` is not an operator: give the distance"),
            ("inwoners near:6 toekomst", "`near:6` is not an operator"),
            ("inwoners NEAR/x toekomst", "`NEAR/x`: NEAR/ needs a number of words"),
            ("inwoners NEAR/ toekomst", "`NEAR/`: NEAR/ needs a number of words"),
            ("inwoners W/6 toekomst", "`W/6` is not caleido's operator"),
            ("inwoners AND toekomst", "`AND` is not an operator here"),
        ] {
            let e = parse(term).unwrap_err();
            assert!(e.contains(says), "{term}: {e}");
        }
        assert!(parse("wijk* near/6 budget*").is_ok(), "lower case NEAR/n is fine");
        assert!(parse("nearshoring").is_ok() && parse("and").is_ok() && parse("w/o").is_ok());
    }

    #[test]
    fn regex_is_anchored() {
        assert_eq!(w("buurt", false, true).to_regex(), "^buurt.*$");
    }

    #[test]
    fn accepts_agrees_with_regex() {
        for p in
            [w("buurt", false, true), w("initiatief", true, false), w("initiatie", true, true), w("wijk", false, false)]
        {
            let re = regex::Regex::new(&p.to_regex()).unwrap();
            for word in ["buurthuis", "buurt", "wijkbuurt", "bewonersinitiatief", "initiatieven", "wijk", "wijken"] {
                assert_eq!(p.accepts(word), re.is_match(word), "{p} {word}");
            }
        }
    }
}
