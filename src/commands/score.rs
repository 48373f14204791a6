//! `caleido score`: the main job.

use std::io::{IsTerminal, Write};

use crate::cli::ScoreArgs;
use crate::isolate::Limits;
use crate::isolate::pool::WorkerCommand;
use crate::model::Status;
use crate::progress::{Display, Progress};
use crate::report;
use crate::report::options::{ReportOptions, RunDate};
use crate::report::publish::OutDir;
use crate::run::{Mode, RunOptions, RunSummary, score_inputs_shown};

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// Scores the inputs, writes the reports and prints a summary to `out`.
pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    if let Err(e) = check_paths(&args.inputs, &args.out) {
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
    let Some(dir) = open_out_dir(&args.out, err) else { return EXIT_FATAL };
    let options = match run_options(args, err) {
        // The shingles of the reuse measure wait in the output folder, which this run holds.
        Ok(o) => RunOptions { scratch: Some(dir.path().to_path_buf()), ..o },
        Err(e) => {
            workers_did_not_start(err, &e);
            return EXIT_FATAL;
        }
    };
    let progress = Progress::new(options.progress);
    let summary = match score_inputs_shown(&args.inputs, &rules, &options, &progress) {
        Ok(s) => s,
        Err(e) => {
            workers_did_not_start(err, &e);
            return EXIT_FATAL;
        }
    };
    print_problems(&summary, err);
    if summary.docs.is_empty() {
        let _ = writeln!(
            err,
            "error: no programme (.pdf, .txt, .md, .html, .docx, .odt) found in the inputs ({} skipped, listed above); \
             the reports in {} were left as they were",
            summary.skipped.len(),
            args.out.display()
        );
        return EXIT_FATAL;
    }
    let reports_start = std::time::Instant::now();
    let published = match report::publish_set(&summary, &dir, &ReportOptions { validation, ..report_options(args) }) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot write the reports to {}: {e}; the previous reports there were kept",
                args.out.display()
            );
            return EXIT_FATAL;
        }
    };
    for (name, why) in &published.failed {
        let _ = writeln!(err, "error: the report {name} could not be made ({why}); the other reports were written");
    }
    progress.finish_reports();
    if args.stats {
        print_stats(&progress, reports_start.elapsed(), err);
    }
    print_totals(&summary, args, out);
    if summary.failed() > 0 || !published.failed.is_empty() { EXIT_SOME_FAILED } else { EXIT_OK }
}

/// `stats: files 80.1 s, after files 3.2 s, after files cpu 4.1 s, reports 2.9 s, wall 83.3 s, parent peak 180 MiB,
/// worker peak 150 MiB`: where the time went and the peak memory of this process and of its
/// largest worker, for `bench/scaling.py`.
fn print_stats(progress: &Progress, reports: std::time::Duration, err: &mut dyn Write) {
    let (files, after) = (progress.files_time().as_secs_f64(), progress.after_files().as_secs_f64());
    let _ = writeln!(
        err,
        "stats: files {files:.2} s, after files {after:.2} s, after files cpu {:.2} s, reports {:.2} s, wall {:.2} s, \
parent peak {:.1} MiB, worker peak {:.1} MiB",
        progress.after_files_cpu(),
        reports.as_secs_f64(),
        files + after,
        crate::progress::peak_rss_mib(false),
        crate::progress::peak_rss_mib(true)
    );
}

/// Warnings, the skipped list and the files that could not be scored, on stderr.
pub(crate) fn print_problems(summary: &RunSummary, err: &mut dyn Write) {
    for w in &summary.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    for s in &summary.skipped {
        let _ = writeln!(err, "skipped: {}: {}", s.path, s.reason.label());
    }
    for d in &summary.docs {
        for w in &d.warnings {
            let _ = writeln!(err, "warning: {}: {w}", d.file);
        }
        if !d.status.is_ok() {
            let _ = writeln!(err, "failed: {}: {}{}", d.file, d.status.label(), hint(&d.status));
        }
    }
}

fn print_totals(summary: &RunSummary, args: &ScoreArgs, out: &mut dyn Write) {
    let scored = summary.docs.len() - summary.failed();
    let passages: usize = summary.docs.iter().map(|d| d.passages.len()).sum();
    let _ = writeln!(
        out,
        "scored {scored} of {} files ({} failed, {} skipped), {passages} passages; rules {}; reports in {}",
        summary.docs.len(),
        summary.failed(),
        summary.skipped.len(),
        summary.rules_label,
        args.out.display()
    );
    let _ = writeln!(out, "status: {}", status_counts(summary));
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
        Status::Empty => " (no sentence to score: the file is empty or holds only a few characters)",
        Status::Unreadable(_) => " (check that the file exists, is a regular file and can be read)",
        Status::Encrypted => " (a password is needed to open it)",
        Status::Timeout => " (took longer than --timeout)",
        Status::TooLarge => {
            " (larger than --max-size, a text file larger than a tenth of --max-memory, a PDF stream inflating beyond 256 MiB, or used more than --max-memory)"
        }
        _ => "",
    }
}

/// Every input exists, and the output folder is neither an input folder nor a folder above one
/// (its marker would hide the input from later runs).
pub(crate) fn check_paths(inputs: &[std::path::PathBuf], out_dir: &std::path::Path) -> Result<(), String> {
    let out = std::fs::canonicalize(out_dir).ok().or_else(|| absolute_guess(out_dir));
    for input in inputs {
        if std::fs::symlink_metadata(input).is_err() {
            return Err(format!("input {} does not exist; check the path", input.display()));
        }
        let Some(out) = &out else { continue };
        let Ok(canon) = std::fs::canonicalize(input) else { continue };
        if canon.is_dir() && canon.starts_with(out) {
            return Err(format!(
                "the output folder {} contains the input {}; choose an --out outside the inputs",
                out_dir.display(),
                input.display()
            ));
        }
    }
    if let Some(name) = programme_in_unmarked(out_dir) {
        return Err(format!(
            "the output folder {} holds a programme ({name}) and is not a caleido report folder: its marker \
             would hide the folder from later runs; choose a new or empty --out",
            out_dir.display()
        ));
    }
    Ok(())
}

/// A file caleido would score directly in `out`, when `out` exists but is not yet a report folder
/// (no marker); the scorecards of a report folder that lost its marker do not count.
fn programme_in_unmarked(out: &std::path::Path) -> Option<String> {
    use crate::ingest::{REPORT_MARKER, is_skipped, kind_of_path as kind_of};
    if out.join(REPORT_MARKER).exists() {
        return None;
    }
    let mut names: Vec<String> = std::fs::read_dir(out)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && kind_of(&e.path()).is_some())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !is_skipped(n) && !matches!(n.as_str(), "scorecard.md" | "scorecard.html"))
        .collect();
    names.sort();
    names.into_iter().next()
}

/// Where a folder that does not exist yet would be: its nearest existing parent, resolved,
/// with the rest of the path appended.
fn absolute_guess(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let existing = abs.ancestors().find(|a| a.exists())?;
    let rest = abs.strip_prefix(existing).ok()?;
    Some(std::fs::canonicalize(existing).ok()?.join(rest))
}

/// Most worker processes or threads per core: more only add open files and memory.
const MAX_JOBS_PER_CORE: usize = 4;

/// The number of jobs: as asked (default: one per core), at most [`MAX_JOBS_PER_CORE`] per core.
fn job_count(asked: Option<usize>, err: &mut dyn Write) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let max = cores * MAX_JOBS_PER_CORE;
    let jobs = asked.unwrap_or(cores).max(1);
    if jobs > max {
        let _ = writeln!(err, "note: -j {jobs} lowered to {max} ({MAX_JOBS_PER_CORE} per core on {cores} cores)");
    }
    jobs.min(max)
}

/// Isolated in worker processes (the default) or in process, with the limits of the flags.
fn run_options(args: &ScoreArgs, err: &mut dyn Write) -> std::io::Result<RunOptions> {
    let limits = Limits::new(args.timeout, args.max_memory, args.max_size);
    let options = isolation(args.rules.as_deref(), args.jobs, args.no_isolation, limits, err)?;
    let progress = Display::for_stderr(std::io::stderr().is_terminal(), args.progress_interval);
    Ok(RunOptions { progress, ..options })
}

/// The options of a run that reads with the rules in `rules`: in `jobs` worker processes with
/// these limits, or in this process when `no_isolation` (the limits of time and memory then do
/// not apply).
pub(crate) fn isolation(
    rules: Option<&std::path::Path>,
    jobs: Option<usize>,
    no_isolation: bool,
    limits: Limits,
    err: &mut dyn Write,
) -> std::io::Result<RunOptions> {
    let jobs = job_count(jobs, err);
    let mode = if no_isolation {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
        Mode::InProcess
    } else {
        Mode::Isolated(WorkerCommand::new(std::env::current_exe()?, rules, limits.max_memory), jobs)
    };
    let progress = Display::for_stderr(std::io::stderr().is_terminal(), None);
    Ok(RunOptions { mode, limits, progress, keep_sentences: false, scratch: None })
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

/// Says that the worker processes could not be started, and what to try.
pub(crate) fn workers_did_not_start(err: &mut dyn Write, e: &std::io::Error) {
    let _ = writeln!(err, "error: cannot start worker processes ({e}); try a smaller -j or --no-isolation");
}

/// Opens (and takes the lock of) the output folder, printing what it repaired from an
/// interrupted run; `None` after printing why it cannot be used.
pub(crate) fn open_out_dir(path: &std::path::Path, err: &mut dyn Write) -> Option<OutDir> {
    match OutDir::open(path) {
        Ok((dir, repaired)) => {
            repaired.iter().for_each(|note| drop(writeln!(err, "note: {note}")));
            Some(dir)
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}; nothing was read");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_too_large_hint_names_the_stream_limit_in_force() {
        let limit = format!("beyond {} MiB", crate::ingest::pdftext::STREAM_LIMIT >> 20);
        assert!(hint(&Status::TooLarge).contains(&limit), "{}", hint(&Status::TooLarge));
    }
}
