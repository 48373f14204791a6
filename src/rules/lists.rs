//! Word lists of a rule file: `@name` in a term stands for each word or phrase of the list
//! `name` in the file's `[lists]` table, so a rule can pair every burden with every actor
//! without writing out each pair.

use std::collections::BTreeMap;

/// The most terms one written term may expand to; more is almost surely a mistake.
pub const MAX_EXPANSION: usize = 10_000;

/// The lists of one rule file, by name.
pub type Lists = BTreeMap<String, Vec<String>>;

/// The terms that `term` stands for: itself when it names no list, otherwise one term per
/// combination of the entries of the lists it names (`@a NEAR/8 @b` with two entries each
/// gives four terms), in the order of the entries, the first list varying slowest.
pub fn expand(term: &str, lists: &Lists) -> Result<Vec<String>, String> {
    if !term.contains('@') {
        return Ok(vec![term.to_string()]);
    }
    let mut out = vec![String::new()];
    for token in term.split_whitespace() {
        let choices = choices(token, lists)?;
        if out.len() * choices.len() > MAX_EXPANSION {
            return Err(format!("`{term}` stands for more than {MAX_EXPANSION} terms; split it or shorten its lists"));
        }
        out = out.iter().flat_map(|done| choices.iter().map(move |c| join(done, c))).collect();
    }
    Ok(out)
}

/// What one token of a term may be: the entries of the list it names, or itself.
fn choices<'a>(token: &'a str, lists: &'a Lists) -> Result<Vec<&'a str>, String> {
    let Some(name) = token.strip_prefix('@') else { return Ok(vec![token]) };
    if name.is_empty() {
        return Err("`@` must be followed by the name of a list of this file's [lists]".into());
    }
    match lists.get(name) {
        Some(entries) => Ok(entries.iter().map(String::as_str).collect()),
        None if lists.is_empty() => Err(format!("`@{name}`: this file has no [lists] table")),
        None => {
            let known: Vec<&str> = lists.keys().map(String::as_str).collect();
            Err(format!("`@{name}`: no such list in this file's [lists] (it has {})", known.join(", ")))
        }
    }
}

fn join(done: &str, next: &str) -> String {
    if done.is_empty() { next.to_string() } else { format!("{done} {next}") }
}

/// Checks one entry of a list: a word or phrase, as in a term, without `NEAR/n` or `@`.
pub fn check_entry(entry: &str) -> Result<(), String> {
    let words: Vec<&str> = entry.split_whitespace().collect();
    if words.is_empty() {
        return Err("an entry of a list is empty".into());
    }
    if words.iter().any(|w| w.contains('@')) {
        return Err(format!("list entry `{entry}` names a list; lists do not nest"));
    }
    if words.iter().any(|w| w.to_ascii_lowercase().starts_with("near/")) {
        return Err(format!("list entry `{entry}` holds NEAR/n; write NEAR in the term, between two lists"));
    }
    Ok(())
}

/// True when `name` may name a list: lower-case letters, digits, `-` and `_`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let mut l = Lists::new();
        l.insert("last".into(), vec!["regel*".into(), "rompslomp".into()]);
        l.insert("wie".into(), vec!["vrijwilliger*".into(), "kleine evenementen".into()]);
        l
    }

    #[test]
    fn a_term_without_a_list_is_itself() {
        assert_eq!(expand("wijk* NEAR/3 budget*", &lists()).unwrap(), vec!["wijk* NEAR/3 budget*"]);
    }

    #[test]
    fn two_lists_give_every_pair_first_list_slowest() {
        let got = expand("@last NEAR/8 @wie", &lists()).unwrap();
        assert_eq!(
            got,
            vec![
                "regel* NEAR/8 vrijwilliger*",
                "regel* NEAR/8 kleine evenementen",
                "rompslomp NEAR/8 vrijwilliger*",
                "rompslomp NEAR/8 kleine evenementen",
            ]
        );
    }

    #[test]
    fn a_list_inside_a_phrase_keeps_the_words_around_it() {
        assert_eq!(expand("minder @last", &lists()).unwrap(), vec!["minder regel*", "minder rompslomp"]);
    }

    #[test]
    fn an_unknown_list_is_named_with_the_lists_there_are() {
        let e = expand("@lasten NEAR/8 @wie", &lists()).unwrap_err();
        assert!(e.contains("`@lasten`") && e.contains("last, wie"), "{e}");
        assert!(expand("@x", &Lists::new()).unwrap_err().contains("no [lists] table"));
        assert!(expand("@ NEAR/2 x", &lists()).is_err());
    }

    #[test]
    fn an_expansion_beyond_the_limit_is_an_error() {
        let mut l = Lists::new();
        l.insert("n".into(), (0..100).map(|i| format!("w{i}")).collect());
        assert_eq!(expand("@n @n", &l).unwrap().len(), MAX_EXPANSION);
        assert!(expand("@n @n @n", &l).unwrap_err().contains("more than"));
    }

    #[test]
    fn entries_may_not_nest_or_hold_near() {
        assert!(check_entry("kleine evenementen").is_ok());
        assert!(check_entry("@wie").is_err());
        assert!(check_entry("regels NEAR/3 vrijwilligers").is_err());
        assert!(check_entry("  ").is_err());
        assert!(is_valid_name("last-woorden_2") && !is_valid_name("Last") && !is_valid_name(""));
    }
}
