//! `caleido score`: the main job.

use std::io::{IsTerminal, Write};

use crate::cli::ScoreArgs;
use crate::isolate::Limits;
use crate::isolate::pool::WorkerCommand;
use crate::model::Status;
use crate::report;
use crate::report::options::{ReportOptions, RunDate};
use crate::run::{Mode, RunOptions, score_inputs_with};

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// Scores the inputs, writes the reports and prints a summary to `out`.
pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(&args.rules, err) else { return EXIT_FATAL };
    if let Err(e) = check_paths(args) {
        let _ = writeln!(err, "error: {e}");
        return EXIT_FATAL;
    }
    let validation = match args.validation.as_deref().map(crate::validate::load_agreement).transpose() {
        Ok(v) => v,
        Err(e) => {
            let _ = writeln!(err, "error: --validation: {e}");
            return EXIT_FATAL;
        }
    };
    if let Some(v) = validation.as_ref().filter(|v| v.rule_set != rules.label()) {
        let _ = writeln!(
            err,
            "warning: --validation: the check was coded against rules {}, not {}",
            v.rule_set,
            rules.label()
        );
    }
    if let Err(e) = report::prepare_out(&args.out) {
        let _ = writeln!(err, "error: the output folder {} is not writable: {e}; nothing was read", args.out.display());
        return EXIT_FATAL;
    }
    let options = match run_options(args) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "error: cannot start worker processes: {e}");
            return EXIT_FATAL;
        }
    };
    let summary = match score_inputs_with(&args.inputs, &rules, &options) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the inputs: {e}");
            return EXIT_FATAL;
        }
    };
    for w in &summary.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    for d in &summary.docs {
        for w in &d.warnings {
            let _ = writeln!(err, "warning: {}: {w}", d.file);
        }
        if !d.status.is_ok() {
            let _ = writeln!(err, "failed: {}: {}{}", d.file, d.status.label(), hint(&d.status));
        }
    }
    if let Err(e) = report::write_with(&summary, &args.out, &ReportOptions { validation, ..report_options(args) }) {
        let _ = writeln!(err, "error: cannot write the reports to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    let scored = summary.docs.len() - summary.failed();
    let passages: usize = summary.docs.iter().map(|d| d.passages.len()).sum();
    let _ = writeln!(
        out,
        "scored {scored} of {} files ({} failed), {passages} passages; rules {}; reports in {}",
        summary.docs.len(),
        summary.failed(),
        summary.rules_label,
        args.out.display()
    );
    let _ = writeln!(out, "status: {}", status_counts(&summary));
    if summary.failed() > 0 { EXIT_SOME_FAILED } else { EXIT_OK }
}

/// The report options from the arguments; the run date is read from the clock here, at the edge.
fn report_options(args: &ScoreArgs) -> ReportOptions {
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    ReportOptions {
        csv_dialect: args.csv_dialect,
        lang: args.lang,
        run_date: if args.no_date { None } else { Some(RunDate::from_unix(now())) },
        ..ReportOptions::default()
    }
}

/// What the user can do about a status, for the stderr summary.
pub fn hint(status: &Status) -> &'static str {
    match status {
        Status::NoText => " (no text layer: scanned or image-only; OCR is needed)",
        Status::Encrypted => " (a password is needed to open it)",
        Status::Timeout => " (took longer than --timeout)",
        Status::TooLarge => " (larger than --max-size, or used more than --max-memory)",
        _ => "",
    }
}

/// Every input exists, and the output folder is not one of the input folders.
fn check_paths(args: &ScoreArgs) -> Result<(), String> {
    let out = std::fs::canonicalize(&args.out).ok();
    for input in &args.inputs {
        if !input.exists() {
            return Err(format!("input {} does not exist", input.display()));
        }
        if input.is_dir() && out.is_some() && std::fs::canonicalize(input).ok() == out {
            return Err(format!("the output folder {} is an input folder; choose another --out", args.out.display()));
        }
    }
    Ok(())
}

/// Isolated in worker processes (the default) or in process, with the limits of the flags.
fn run_options(args: &ScoreArgs) -> std::io::Result<RunOptions> {
    let limits = Limits::new(args.timeout, args.max_memory, args.max_size);
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let mode = if args.no_isolation {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
        Mode::InProcess
    } else {
        Mode::Isolated(WorkerCommand::new(std::env::current_exe()?, &args.rules, limits.max_memory), jobs)
    };
    Ok(RunOptions { mode, limits, progress: std::io::stderr().is_terminal() })
}

/// `ok 160, damaged 2, no-text 1`: how many files got each status, most first.
pub fn status_counts(summary: &crate::run::RunSummary) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for d in &summary.docs {
        let label = d.status.label();
        let kind = label.split(':').next().unwrap_or("").to_string();
        *counts.entry(kind).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}
