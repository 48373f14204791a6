//! `caleido score`: the main job.

use std::io::{IsTerminal, Write};

use crate::cli::ScoreArgs;
use crate::report;
use crate::report::options::{ReportOptions, RunDate};
use crate::run::score_inputs;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// Scores the inputs, writes the reports and prints a summary to `out`.
pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(&args.rules, err) else { return EXIT_FATAL };
    for input in &args.inputs {
        if !input.exists() {
            let _ = writeln!(err, "error: input {} does not exist", input.display());
            return EXIT_FATAL;
        }
    }
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let summary = match score_inputs(&args.inputs, &rules, std::io::stderr().is_terminal()) {
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
            let _ = writeln!(err, "failed: {}: {}", d.file, d.status.label());
        }
    }
    if let Err(e) = report::write_with(&summary, &args.out, &report_options(args)) {
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
