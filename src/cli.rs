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
    /// The rule folder (with --matches).
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
}

/// The `caleido rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Report every error in the rule folder at once, and run each rule's examples.
    Check(CheckArgs),
    /// Show which rules fire on a sentence, and on which words.
    Explain {
        /// The sentence.
        sentence: String,
        /// The rule folder.
        #[arg(long, default_value = "keywords")]
        rules: PathBuf,
    },
    /// Write the rule set as a quanteda YAML dictionary or a LIWC .dic (NEAR, except and unless are lost).
    Export(ExportArgs),
}

/// Arguments of `caleido rules check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The rule folder.
    #[arg(default_value = "keywords")]
    pub dir: PathBuf,
    /// Also run the rules over the programmes in this folder and warn about rules that never fire,
    /// rules another rule makes redundant, and over-broad wildcards.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// With --corpus: list the corpus words each wildcard accepts.
    #[arg(long, requires = "corpus")]
    pub words: bool,
    /// With --corpus: how many words a warning or list shows.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// With --corpus: warn when a wildcard accepts more distinct words than this.
    #[arg(long, default_value_t = 25)]
    pub max_words: usize,
}

/// The formats of `caleido rules export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A quanteda dictionary: mirror -> question -> terms.
    Yaml,
    /// A LIWC .dic: numbered categories, one term per line.
    Liwc,
}

/// Arguments of `caleido rules export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The rule folder.
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
    /// The file to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}
