//! `caleido compare`: scores the inputs as `score` does, then writes the same party across
//! elections (`compare.md`, `compare.html`, `compare.csv`).

use std::io::Write;
use std::path::Path;

use crate::cli::CompareArgs;
use crate::isolate::Limits;
use crate::report::compare::{Comparison, csv, parties_to_compare};
use crate::report::compare_text;
use crate::run::{DEFAULT_MAX_MEMORY_MIB, DEFAULT_MAX_SIZE_MIB, DEFAULT_TIMEOUT_SECS, score_inputs_with};
use crate::stability::StabilityConfig;

use super::score::{check_paths, isolation, open_out_dir, print_problems};
use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// Files of `caleido score` that a compare report set would remove from a shared folder.
const SCORE_REPORTS: [&str; 2] = ["scores.csv", "scorecard.md"];

/// Scores the inputs, compares each party across elections and writes the reports to `args.out`.
pub fn run(args: &CompareArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    if let Err(e) = check_paths(&args.inputs, &args.out).and_then(|()| not_a_score_folder(&args.out)) {
        let _ = writeln!(err, "error: {e}");
        return EXIT_FATAL;
    }
    let Some(dir) = open_out_dir(&args.out, err) else { return EXIT_FATAL };
    let limits = Limits::new(DEFAULT_TIMEOUT_SECS, DEFAULT_MAX_MEMORY_MIB, DEFAULT_MAX_SIZE_MIB);
    let summary = match isolation(args.rules.as_deref(), args.jobs, args.no_isolation, limits, err)
        .and_then(|o| score_inputs_with(&args.inputs, &rules, &o))
    {
        Ok(s) => s,
        Err(e) => {
            super::score::workers_did_not_start(err, &e);
            return EXIT_FATAL;
        }
    };
    print_problems(&summary, err);
    if summary.docs.is_empty() {
        let _ = writeln!(err, "error: no programme found in the inputs; nothing was written");
        return EXIT_FATAL;
    }
    let wanted: Vec<String> = args.party.iter().map(|p| rules.parties.name_of(p).to_string()).collect();
    let known = parties_to_compare(&summary);
    if let Some(missing) = wanted.iter().find(|w| !known.iter().any(|k| k.to_lowercase() == w.to_lowercase())) {
        let _ = writeln!(
            err,
            "error: --party {missing}: not found at two elections or more; parties that are: {}",
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        );
        return EXIT_FATAL;
    }
    let cmp = Comparison::build(&summary, &wanted, &StabilityConfig::default());
    let files = match render(&cmp, args) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(err, "error: compare.csv could not be made ({e}); nothing was written");
            return EXIT_FATAL;
        }
    };
    if let Err(e) = dir.commit(&files) {
        let _ = writeln!(err, "error: cannot write the reports to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    let programmes: usize = cmp.lines.iter().map(|l| l.programmes.len()).sum();
    let _ = writeln!(
        out,
        "compared {} part{} ({programmes} programmes) across elections; reports in {}",
        cmp.lines.len(),
        if cmp.lines.len() == 1 { "y" } else { "ies" },
        args.out.display()
    );
    if summary.failed() > 0 { EXIT_SOME_FAILED } else { EXIT_OK }
}

/// The three report files.
fn render(cmp: &Comparison, args: &CompareArgs) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    Ok(vec![
        ("compare.md".to_string(), compare_text::markdown(cmp, args.lang).into_bytes()),
        ("compare.html".to_string(), compare_text::html(cmp, args.lang).into_bytes()),
        ("compare.csv".to_string(), csv(cmp, args.csv_dialect)?),
    ])
}

/// A folder holding the reports of `caleido score` would lose them: a report set replaces the
/// previous one in its folder.
fn not_a_score_folder(out: &Path) -> Result<(), String> {
    match SCORE_REPORTS.iter().find(|f| out.join(f).exists()) {
        Some(f) => Err(format!(
            "{} holds the reports of `caleido score` ({f}), which compare would replace; choose another --out",
            out.display()
        )),
        None => Ok(()),
    }
}
