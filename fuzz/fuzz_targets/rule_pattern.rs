//! Fuzzes the rule pattern parser: any term either parses or is refused with a message, and a
//! parsed pattern's words give regexes that compile.
#![no_main]

use caleido::rules::pattern::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|term: &str| {
    if let Ok(pattern) = parse(term) {
        for word in pattern.words() {
            let re = word.to_regex();
            assert!(regex::Regex::new(&re).is_ok(), "{term:?} gave a bad regex {re:?}");
        }
    }
});
