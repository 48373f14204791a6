//! Command-line arguments (clap derive). Only this and `main.rs` know about the command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Measures how much room election programmes give to citizen initiative (the Caleidoscoop's five mirrors).
#[derive(Debug, Parser)]
#[command(name = "caleido", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every programme (.pdf, .txt, .md) under the given folders and write the reports.
    Score(ScoreArgs),
    /// Print a document as caleido sees it: pages, headings, sentences (and matches).
    Extract(ExtractArgs),
    /// Compare the rules' matches with hand-coded gold: precision, recall, F1, shares, errors.
    Eval(EvalArgs),
    /// Check, explain or export the keyword rules.
    Rules {
        /// What to do with the rules.
        #[command(subcommand)]
        command: RulesCommand,
    },
}

/// Arguments of `caleido score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Folders (searched recursively) or files to score.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The rule folder.
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
    /// Where the reports go.
    #[arg(long, default_value = "caleido-report")]
    pub out: PathBuf,
    /// Number of threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Dialect of scores.csv and passages.csv: `rfc4180` (commas, decimal points) or `excel-nl`
    /// (semicolons, decimal commas, UTF-8 byte-order mark).
    #[arg(long, value_enum, default_value = "rfc4180")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Language of the workbook's sheet and column titles.
    #[arg(long, value_enum, default_value = "nl")]
    pub lang: crate::report::options::Lang,
    /// Leave the run date out of the workbook, so reruns give identical bytes.
    #[arg(long)]
    pub no_date: bool,
}

/// Arguments of `caleido eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Folder of gold CSV files, one per programme, named after the programme's file stem.
    #[arg(long)]
    pub gold: PathBuf,
    /// Folders (searched recursively) or files holding the programmes.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The rule folder.
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
    /// Where the evaluation files go.
    #[arg(long, default_value = "caleido-eval")]
    pub out: PathBuf,
}

/// Arguments of `caleido extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The file to show.
    pub file: PathBuf,
    /// Also show which rules match each sentence.
    #[arg(long)]
    pub matches: bool,
    /// Print only the sentences' text, one per line (for comparisons with other extractors).
    #[arg(long, conflicts_with = "matches")]
    pub plain: bool,
    /// The rule folder (with --matches).
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
}

/// The `caleido rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Report every error in the rule folder at once, and run each rule's examples.
    Check {
        /// The rule folder.
        #[arg(default_value = "keywords")]
        dir: PathBuf,
    },
    /// Show which rules fire on a sentence, and on which words.
    Explain {
        /// The sentence.
        sentence: String,
        /// The rule folder.
        #[arg(long, default_value = "keywords")]
        rules: PathBuf,
    },
}
