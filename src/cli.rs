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
    /// Score every programme (.pdf, .txt, .md, .html, .docx, .odt) under the given folders and write the reports.
    #[command(after_help = EXIT_CODES)]
    Score(ScoreArgs),
    /// The same party across elections: shares per mirror with 95% intervals, and whether each
    /// change to the next election is clear or too close to call.
    #[command(after_help = EXIT_CODES)]
    Compare(CompareArgs),
    /// Print a document as caleido scores it: pages, headings, sentences (and matches).
    Extract(ExtractArgs),
    /// Compare the rules' matches with hand-coded gold: precision, recall, F1, shares, errors.
    Eval(EvalArgs),
    /// Draw a stratified random sample of units for hand coding (a blind coder's sheet and a key).
    Sample(SampleArgs),
    /// Compare coders' sheets with each other (Krippendorff's alpha) and with the tool (P, R, F1).
    Agree(AgreeArgs),
    /// Keyword in context: every match of a term (or of a rule, by id) as CSV on stdout.
    Kwic(KwicArgs),
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
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Where the reports go.
    #[arg(long, default_value = "caleido-report")]
    pub out: PathBuf,
    /// Number of threads or worker processes (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Dialect of the CSV files (scores, passages, counts, skipped): `rfc4180` (commas, decimal
    /// points) or `excel-nl` (semicolons, decimal commas, UTF-8 byte-order mark).
    #[arg(long, value_enum, default_value = "rfc4180")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Language of the scorecards, charts and workbook (CSV headers stay English).
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
    /// Files larger than this many MiB are not read (status `too-large`). A worker needs about 8
    /// times a text file's size, so text files (.txt, .md, .html) larger than a tenth of
    /// --max-memory are not read either (102 MiB with the default --max-memory).
    #[arg(long, value_name = "MIB", default_value_t = crate::run::DEFAULT_MAX_SIZE_MIB)]
    pub max_size: u64,
    /// Process files in this process instead of in worker processes (for debugging: no time or
    /// memory limit, a hanging parser hangs the run).
    #[arg(long)]
    pub no_isolation: bool,
    /// A folder written by `caleido agree`: adds a "Validatie" section to the scorecards and workbook.
    #[arg(long, value_name = "DIR")]
    pub validation: Option<PathBuf>,
    /// Print stage times and peak memory (this process, largest worker) on stderr at the end.
    #[arg(long, hide = true)]
    pub stats: bool,
    /// Write plain progress lines this often, in seconds, even on a terminal (0: after every
    /// file; for tests and logs).
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub progress_interval: Option<u64>,
}

/// Arguments of `caleido compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Folders (searched recursively) or files holding the programmes of several elections.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Only this party (its name in the reports or any spelling in the alias table, case
    /// ignored); may be given more than once.
    #[arg(long, value_name = "NAME")]
    pub party: Vec<String>,
    /// Where compare.md, compare.html and compare.csv go (a folder of their own: a report set
    /// replaces the previous one in its folder).
    #[arg(long, default_value = "caleido-compare")]
    pub out: PathBuf,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Language of compare.md and compare.html.
    #[arg(long, value_enum, default_value = "nl")]
    pub lang: crate::report::options::Lang,
    /// Dialect of compare.csv: `rfc4180` or `excel-nl`.
    #[arg(long, value_enum, default_value = "rfc4180")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Number of threads or worker processes (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Process files in this process instead of in worker processes (debugging).
    #[arg(long)]
    pub no_isolation: bool,
}

/// Arguments of `caleido sample`.
#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// Folders (searched recursively) or files holding the programmes.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Units to draw (all units when there are fewer).
    #[arg(long, default_value_t = 200)]
    pub n: usize,
    /// Seed of the random draw: the same seed and inputs give the same sample.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The coder's sheet; the key (`<name>.key.csv`) and the coder's guide go beside it.
    #[arg(long, default_value = "sample.csv")]
    pub out: PathBuf,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Dialect of the coder's sheet: `rfc4180` or `excel-nl` (semicolons, UTF-8 byte-order mark).
    #[arg(long, value_enum, default_value = "rfc4180")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Number of worker processes (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

/// Arguments of `caleido agree`.
#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// The coders' sheets (the sheet `caleido sample` wrote, with `mirrors` filled in).
    #[arg(required = true)]
    pub coders: Vec<PathBuf>,
    /// The key written by `caleido sample` (default: the one `*.key.csv` beside the first sheet).
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// Where `agree-summary.md`, `agree-units.csv` and `agree.json` go.
    #[arg(long, default_value = "caleido-agree")]
    pub out: PathBuf,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Arguments of the hidden `caleido worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Address-space limit of this process, in MiB (0: none).
    #[arg(long, default_value_t = 0)]
    pub max_memory: u64,
}

/// Arguments of `caleido eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The gold: a folder of CSV files (and its subfolders), each either one whole programme
    /// named after its file stem or sampled sentences with a `file` column; or one such CSV.
    #[arg(long)]
    pub gold: PathBuf,
    /// Documents of the check split (comma-separated stems), instead of the gold's README.md.
    #[arg(long, value_delimiter = ',')]
    pub check: Option<Vec<String>>,
    /// Also write the errors of check documents to eval-errors.csv (by default only tune
    /// documents' errors are written: rules are never written from check documents).
    #[arg(long)]
    pub all_errors: bool,
    /// Folders (searched recursively) or files holding the programmes.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Also score the gold with the rules in DIR (an earlier version, say) and report, per set,
    /// the difference in macro-F1 with a 95% interval from paired resamples of whole documents.
    #[arg(long, value_name = "DIR")]
    pub baseline: Option<PathBuf>,
    /// Where the evaluation files go.
    #[arg(long, default_value = "caleido-eval")]
    pub out: PathBuf,
}

/// Arguments of `caleido extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The file to show, or a folder of saved web pages of one party (a saved site, read as
    /// `score` reads it: one programme, a page per saved page).
    pub file: PathBuf,
    /// Also show which rules match each sentence.
    #[arg(long)]
    pub matches: bool,
    /// Print only the sentences' text as read, one per line, with nothing set aside as running
    /// headers or repeats (for comparisons with other extractors).
    #[arg(long, conflicts_with = "matches")]
    pub plain: bool,
    /// Also list what ingest left out of a Markdown, HTML, Word or OpenDocument file, and why
    /// (front matter, link targets, menus, footers, cookie banners, comments, deletions).
    #[arg(long, conflicts_with = "plain")]
    pub dropped: bool,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
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
        /// The rule folder (default: the built-in rules).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Candidate terms that come with a rule's matches more often than chance, for a person to judge.
    Suggest(SuggestArgs),
    /// Write the rule set as a quanteda YAML dictionary or a LIWC .dic (NEAR, except and unless are lost).
    Export(ExportArgs),
    /// Make a rule folder from a LIWC .dic or a quanteda YAML dictionary.
    Import(ImportArgs),
    /// Write the built-in rules into a folder, to edit them and use them with `--rules DIR`.
    Dump(DumpArgs),
}

/// Arguments of `caleido rules dump`.
#[derive(Debug, clap::Args)]
pub struct DumpArgs {
    /// The folder to write (created when missing; must be empty unless --force).
    pub dir: PathBuf,
    /// Write into a folder that is not empty, replacing the rule files (.toml) in it.
    #[arg(long)]
    pub force: bool,
}

/// The formats of `caleido rules import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A LIWC 2015 or LIWC-22 `.dic`: a `%` block of numbered categories, then `entry<TAB>ids`.
    Liwc,
    /// A quanteda dictionary in YAML: nested keys, lists of glob patterns.
    Yaml,
}

/// Arguments of `caleido rules import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The format of FILE.
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// The dictionary to import.
    pub file: PathBuf,
    /// The rule folder to write (created when missing; must be empty unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// A mapping file: one `category=mirror` or `category=mirror.question` per line (`#` comments).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// One mapping, as a line of the mapping file: `--category participatie=1.2`; may be repeated.
    #[arg(long, value_name = "NAME=M[.Q]")]
    pub category: Vec<String>,
    /// Stop with an error when a category of the dictionary is not mapped (default: skip it, with a warning).
    #[arg(long)]
    pub strict: bool,
    /// The rule set's name in `ruleset.toml` (default: `import-` and the file's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Write into a folder that is not empty, replacing the rule files (.toml) in it.
    #[arg(long)]
    pub force: bool,
    /// List every entry left out (default: the first 10 and a count).
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// Arguments of `caleido rules check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The rule folder (default: the rules built into caleido).
    pub dir: Option<PathBuf>,
    /// The rule folder, as the other commands take it (the same as DIR).
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub rules: Option<PathBuf>,
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

impl CheckArgs {
    /// The rule folder given as DIR or `--rules DIR`; `None` for the built-in rules.
    pub fn folder(&self) -> Option<&std::path::Path> {
        self.dir.as_deref().or(self.rules.as_deref())
    }
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
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// The file to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// List every rule element the format could not carry (default: one summary line).
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// Arguments of `caleido kwic`.
#[derive(Debug, clap::Args)]
pub struct KwicArgs {
    /// A term in the rule language (`wijkbudget*`, `samen met inwoners`, `wijk* NEAR/6 budget*`),
    /// or the id of a rule in the rule folder (then its except and unless apply).
    pub pattern: String,
    /// Folders (searched recursively) or files to search.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Words of context on each side of a match (within its sentence).
    #[arg(long, default_value_t = crate::lexicon::kwic::DEFAULT_WINDOW)]
    pub window: usize,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// `rfc4180` (commas) or `excel-nl` (semicolons, UTF-8 byte-order mark).
    #[arg(long, value_enum, default_value = "rfc4180")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Leave out the documents with this file name (without extension), such as the gold's
    /// check documents; may be given more than once.
    #[arg(long, value_name = "NAME")]
    pub exclude: Vec<String>,
}

/// The formats of `caleido rules suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SuggestFormat {
    /// For reading: each candidate with its counts and contexts.
    Text,
    /// One row per candidate.
    Csv,
}

/// Arguments of `caleido rules suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The id of the rule, such as `m4.budgetten`.
    pub rule: String,
    /// Folders (searched recursively) or files: the corpus.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// The rule folder (default: the rules built into caleido; `caleido rules dump DIR` writes
    /// them out to edit).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Plain text or CSV.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SuggestFormat,
    /// Leave out candidates that stand in sentences the rule matches in fewer documents than this.
    #[arg(long, default_value_t = 2)]
    pub min_docs: usize,
    /// Leave out the documents with this file name (without extension), such as the gold's
    /// check documents; may be given more than once.
    #[arg(long, value_name = "NAME")]
    pub exclude: Vec<String>,
}
