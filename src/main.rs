//! The `caleido` binary: parses arguments, runs a command, returns its exit code.

use std::process::ExitCode;

use caleido::cli::{Args, Command, RulesCommand};
use caleido::commands;
use clap::Parser;

/// mimalloc instead of the system allocator: caleido allocates many small strings and vectors
/// per glyph, word and sentence, and glibc's malloc took about a fifth of all CPU (docs/pdf.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc reserves address space 1 GiB at a time, as soon as the process starts; a worker's
/// address space is limited (`--max-memory`, 1 GiB by default), so the workers this process
/// starts reserve 64 MiB at a time instead (mimalloc reads the variable when a process starts).
fn small_arenas_for_workers() {
    const RESERVE: &str = "MIMALLOC_ARENA_RESERVE";
    if std::env::var_os(RESERVE).is_none() {
        // SAFETY: called first thing in `main`, before any other thread exists.
        unsafe { std::env::set_var(RESERVE, "64MiB") };
    }
}

unsafe extern "C" {
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` of the mimalloc 3 that `libmimalloc-sys` 0.1.49 builds, and its default.
const MI_OPTION_PURGE_DELAY: (std::ffi::c_int, std::ffi::c_long) = (15, 1000);

/// By default mimalloc gives freed memory back to the system after a second, and the kernel then
/// zeroes every page again when it is reused (6% of the CPU time of a run, docs/pdf.md). Freed
/// memory is kept for reuse instead, in worker processes only, for some resident memory: a
/// worker's peak on the test corpus went from 272 to 289 MiB. The parent of a large run keeps
/// the default, so its peak follows what it holds (3,500 programmes: 385 MiB with freed memory
/// kept, bench/results/scaling.md).
fn keep_freed_memory() {
    let (option, default) = MI_OPTION_PURGE_DELAY;
    // SAFETY: reads and sets one integer option of the allocator; -1 (never purge) is valid.
    // The option is only set when it holds its default, that is when the index is the right one.
    unsafe {
        if mi_option_get(option) == default {
            mi_option_set(option, -1);
        }
    }
}

fn main() -> ExitCode {
    small_arenas_for_workers();
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { commands::EXIT_FATAL } else { commands::EXIT_OK });
        }
    };
    if matches!(args.command, Command::Worker(_)) {
        keep_freed_memory();
    }
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    let code = match &args.command {
        Command::Score(a) => commands::score::run(a, &mut out, &mut err),
        Command::Compare(a) => commands::compare::run(a, &mut out, &mut err),
        Command::Eval(a) => commands::eval::run(a, &mut out, &mut err),
        Command::Sample(a) => commands::sample::run(a, &mut out, &mut err),
        Command::Agree(a) => commands::agree::run(a, &mut out, &mut err),
        Command::Extract(a) => commands::extract::run(a, &mut out, &mut err),
        Command::Kwic(a) => commands::kwic::run(a, &mut out, &mut err),
        Command::Worker(a) => commands::worker::run(a, &mut err),
        Command::Rules { command } => match command {
            RulesCommand::Check(a) => commands::rules::check(a, &mut out, &mut err),
            RulesCommand::Suggest(a) => commands::suggest::run(a, &mut out, &mut err),
            RulesCommand::Export(a) => commands::rules_export::run(a, &mut out, &mut err),
            RulesCommand::Import(a) => commands::rules_import::run(a, &mut out, &mut err),
            RulesCommand::Dump(a) => commands::rules::dump(a, &mut out, &mut err),
            RulesCommand::Explain { sentence, rules } => {
                commands::rules::explain(sentence, rules.as_deref(), &mut out, &mut err)
            }
        },
    };
    ExitCode::from(code)
}
