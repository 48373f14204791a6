//! Fuzzes loading a rule file from a string: any text either loads or gives errors with lines
//! inside the text; it never panics.
#![no_main]

use caleido::rules::load::parse_rule_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_rule_file("fuzz.toml", text) {
        Ok((mirror, _, _)) => assert!((1..=5).contains(&mirror)),
        Err(errors) => {
            let lines = text.matches('\n').count() + 1;
            assert!(errors.iter().all(|e| e.line <= lines), "{errors:?}");
        }
    }
});
