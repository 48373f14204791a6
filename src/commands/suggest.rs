//! `caleido rules suggest`: candidate terms for a rule, for a person to accept or reject.

use std::io::Write;

use crate::cli::SuggestArgs;

use super::EXIT_FATAL;

/// Prints the candidates.
pub fn run(_args: &SuggestArgs, _out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let _ = writeln!(err, "error: not yet");
    EXIT_FATAL
}
