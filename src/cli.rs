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
    #[command(after_help = EXIT_CODES)]
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
    /// Internal: process files sent on stdin, one JSON job per line (used by `score`).
    #[command(hide = true)]
    Worker(WorkerArgs),
}

/// The exit codes of `caleido score`, shown in `--help`.
pub const EXIT_CODES: &str = "Exit codes:\n  0  every file scored\n  1  reports written, but some files could not be \
scored (see the status column)\n  2  nothing done: bad arguments, bad rules, output not writable";

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
    /// Number of threads or worker processes (default: all cores).
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
    /// Seconds one file may take before its worker is stopped (status `timeout`).
    #[arg(long, value_name = "SECONDS", default_value_t = crate::run::DEFAULT_TIMEOUT_SECS)]
    pub timeout: u64,
    /// Memory (address space) one worker may use, in MiB; beyond it the file gets status `too-large`.
    #[arg(long, value_name = "MIB", default_value_t = crate::run::DEFAULT_MAX_MEMORY_MIB)]
    pub max_memory: u64,
    /// Files larger than this many MiB are not read (status `too-large`). A worker needs about 5
    /// times a text file's size, so keep --max-memory at least 6 times this for large text files.
    #[arg(long, value_name = "MIB", default_value_t = crate::run::DEFAULT_MAX_SIZE_MIB)]
    pub max_size: u64,
    /// Process files in this process instead of in worker processes (for debugging: no time or
    /// memory limit, a hanging parser hangs the run).
    #[arg(long)]
    pub no_isolation: bool,
}

/// Arguments of the hidden `caleido worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// The rule folder.
    #[arg(long, default_value = "keywords")]
    pub rules: PathBuf,
    /// Address-space limit of this process, in MiB (0: none).
    #[arg(long, default_value_t = 0)]
    pub max_memory: u64,
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
