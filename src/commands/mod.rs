//! The subcommands: each takes its arguments and a writer, and returns an exit code.

pub mod agree;
pub mod compare;
mod corpus;
pub mod eval;
pub mod extract;
pub mod kwic;
pub mod rules;
pub mod rules_audit;
pub mod rules_export;
pub mod rules_import;
pub mod sample;
pub mod score;
pub mod suggest;
pub mod worker;

use std::path::Path;

use crate::rules::{RuleSet, RuleSource};

/// Exit code: every file scored, or the command succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: outputs written, but some files could not be scored.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit code: nothing done (bad arguments, bad rules, output not writable).
pub const EXIT_FATAL: u8 = 2;

/// Loads the rule folder given with `--rules` (or the built-in rules when `None`), or writes
/// every error to `err` and returns `None`.
pub fn load_rules(dir: Option<&Path>, err: &mut dyn std::io::Write) -> Option<RuleSet> {
    let source = RuleSource::from_arg(dir);
    match RuleSet::load_source(&source) {
        Ok(r) => {
            if source == RuleSource::Builtin {
                note_local_keywords(&r, err);
            }
            Some(r)
        }
        Err(errors) => {
            for e in &errors {
                let _ = writeln!(err, "error: {e}");
            }
            let _ =
                writeln!(err, "{} error(s) in the rule folder {}; nothing was read.", errors.len(), source.describe());
            None
        }
    }
}

/// When the built-in rules are used but the current folder has a `keywords/` rule folder that
/// differs from them, says so: the user may have meant `--rules keywords`.
fn note_local_keywords(builtin: &RuleSet, err: &mut dyn std::io::Write) {
    let local = Path::new(crate::rules::source::BUILTIN_DIR);
    if !local.join(crate::rules::load::META_FILE).is_file() {
        return;
    }
    if crate::rules::source_hash(&RuleSource::Dir(local.to_path_buf())).is_some_and(|h| h != builtin.hash) {
        let _ = writeln!(
            err,
            "note: using the rules built into caleido ({}); the folder ./keywords differs from them: add \
             --rules keywords to use it",
            builtin.label()
        );
    }
}
