//! The `caleido` binary: parses arguments, runs a command, returns its exit code.

use std::process::ExitCode;

use caleido::cli::{Args, Command, RulesCommand};
use caleido::commands;
use clap::Parser;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { commands::EXIT_FATAL } else { commands::EXIT_OK });
        }
    };
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
