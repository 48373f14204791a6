//! `caleido worker` (hidden): the worker process of isolated scoring, see [`crate::isolate`].

use std::io::Write;

use crate::cli::WorkerArgs;
use crate::isolate::{MIB, child};

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// Loads the rules and serves jobs from stdin until it closes.
pub fn run(args: &WorkerArgs, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(&args.rules, err) else { return EXIT_FATAL };
    match child::serve(&rules, args.max_memory.saturating_mul(MIB)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: worker: {e}");
            EXIT_FATAL
        }
    }
}
