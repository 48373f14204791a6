//! `caleido sample`: scores the programmes, draws a stratified sample of units and writes the
//! coder's sheet, the key and the coder's guide.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::SampleArgs;
use crate::isolate::Limits;
use crate::report::write_atomic;
use crate::run::{self, Mode, RunOptions, RunSummary, score_inputs_with};
use crate::validate::sheet::{coder_sheet, key_file};
use crate::validate::{CODER_GUIDE, draw};

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// The guide's file name beside the sheet.
pub const GUIDE_FILE: &str = "codeerwijzer.md";

/// Draws the sample, writes the three files and prints where they are.
pub fn run(args: &SampleArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    if args.n == 0 {
        let _ = writeln!(err, "error: --n must be at least 1");
        return EXIT_FATAL;
    }
    if let Some(missing) = args.inputs.iter().find(|p| !p.exists()) {
        let _ = writeln!(err, "error: input {} does not exist", missing.display());
        return EXIT_FATAL;
    }
    let scored = run_options(args).and_then(|o| on_threads(args.jobs, || score_inputs_with(&args.inputs, &rules, &o)));
    let summary = match scored.and_then(|r| r) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the inputs: {e}");
            return EXIT_FATAL;
        }
    };
    for d in summary.docs.iter().filter(|d| !d.status.is_ok()) {
        let _ = writeln!(err, "warning: {} is left out: {}", d.file, d.status.label());
    }
    match write_sample(args, &summary) {
        Ok(report) => {
            let _ = write!(out, "{report}");
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FATAL
        }
    }
}

/// The key's path: `sample.csv` → `sample.key.csv`.
pub fn key_path(sheet: &Path) -> PathBuf {
    let stem = sheet.file_stem().map_or_else(|| "sample".into(), |s| s.to_string_lossy().into_owned());
    sheet.with_file_name(format!("{stem}.key.csv"))
}

fn write_sample(args: &SampleArgs, summary: &RunSummary) -> Result<String, String> {
    let sample = draw(&summary.docs, args.n, args.seed);
    if sample.units.is_empty() {
        return Err("no units to sample: no programme among the inputs could be scored".into());
    }
    let sheet = coder_sheet(&sample, &summary.docs, args.csv_dialect).map_err(|e| e.to_string())?;
    let key = key_file(&sample, &summary.docs, &summary.rules_label).map_err(|e| e.to_string())?;
    let key_path = key_path(&args.out);
    let guide = args.out.with_file_name(GUIDE_FILE);
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    for (path, bytes) in [(&args.out, sheet.as_slice()), (&key_path, key.as_slice()), (&guide, CODER_GUIDE.as_bytes())]
    {
        write_atomic(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let matched: usize =
        sample.strata.iter().zip(&sample.drawn_per_stratum).filter(|(s, _)| s.matched).map(|(_, n)| n).sum();
    let population: usize = sample.strata.iter().map(|s| s.units.len()).sum();
    Ok(format!(
        "sampled {} of {population} units ({matched} matched by a rule, {} not) from {} strata, seed {}\n\
coder's sheet {} (give this and {} to the coders)\nkey {} (keep it from the coders; `caleido agree` reads it)\n",
        sample.units.len(),
        sample.units.len() - matched,
        sample.strata.len(),
        args.seed,
        args.out.display(),
        guide.display(),
        key_path.display(),
    ))
}

/// In this process, on `-j` threads, keeping every sentence: a sample draws from all units,
/// and worker processes send back only what the reports need.
/// A progress bar when stderr is a terminal, else nothing.
fn bar_on_terminal() -> crate::progress::Display {
    if std::io::stderr().is_terminal() { crate::progress::Display::Bar } else { crate::progress::Display::Hidden }
}

fn run_options(_args: &SampleArgs) -> std::io::Result<RunOptions> {
    let limits = Limits::new(run::DEFAULT_TIMEOUT_SECS, run::DEFAULT_MAX_MEMORY_MIB, run::DEFAULT_MAX_SIZE_MIB);
    Ok(RunOptions { mode: Mode::InProcess, limits, progress: bar_on_terminal(), keep_sentences: true, scratch: None })
}

/// Runs `f` on a thread pool of `jobs` threads (all cores when not given).
fn on_threads<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build().map_err(std::io::Error::other)?;
    Ok(pool.install(f))
}
