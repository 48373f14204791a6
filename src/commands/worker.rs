//! `caleido worker` (hidden): the worker process of isolated scoring, see [`crate::isolate`].

use std::io::Write;

use crate::cli::WorkerArgs;
use crate::isolate::{MIB, child};

use super::{EXIT_FATAL, EXIT_OK};
use crate::rules::{RuleSet, RuleSource};

/// Loads the rules and serves jobs from stdin until it closes.
pub fn run(args: &WorkerArgs, err: &mut dyn Write) -> u8 {
    let rules = match RuleSet::load_source(&RuleSource::from_arg(args.rules.as_deref())) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                let _ = writeln!(err, "error: {e}");
            }
            return EXIT_FATAL;
        }
    };
    match child::serve(&rules, args.max_memory.saturating_mul(MIB)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: worker: {e}");
            EXIT_FATAL
        }
    }
}
