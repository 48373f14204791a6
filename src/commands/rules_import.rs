//! `caleido rules import`: a LIWC `.dic` or a quanteda YAML dictionary to a rule folder.

use std::io::Write;

use crate::cli::ImportArgs;

use super::EXIT_FATAL;

/// Reads the dictionary, maps its categories to mirrors and writes the rule folder.
pub fn run(_args: &ImportArgs, _out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let _ = writeln!(err, "error: not yet");
    EXIT_FATAL
}
