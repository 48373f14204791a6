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
pub mod sample;
pub mod score;
pub mod suggest;
pub mod worker;

use std::path::Path;

use crate::rules::RuleSet;

/// Exit code: every file scored, or the command succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: outputs written, but some files could not be scored.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit code: nothing done (bad arguments, bad rules, output not writable).
pub const EXIT_FATAL: u8 = 2;

/// Loads the rule folder, or writes every error to `err` and returns `None`.
pub fn load_rules(dir: &Path, err: &mut dyn std::io::Write) -> Option<RuleSet> {
    match RuleSet::load(dir) {
        Ok(r) => Some(r),
        Err(errors) => {
            for e in &errors {
                let _ = writeln!(err, "error: {e}");
            }
            let _ = writeln!(err, "{} error(s) in the rule folder {}; nothing was read.", errors.len(), dir.display());
            None
        }
    }
}
