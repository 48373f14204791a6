//! `caleido eval`: scores the programmes that have hand-coded gold and compares.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::cli::EvalArgs;
use crate::eval::{DocEval, Evaluation, Split, evaluate_doc, evaluate_sampled, render};
use crate::ingest::gold::{GoldDoc, GoldSet, load_gold};
use crate::ingest::{MetaTable, SourceFile, discover};
use crate::pipeline::process;
use crate::report::write_atomic;
use crate::rules::RuleSet;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// Evaluates the rules against the gold, writes the evaluation files and prints the summary to `out`.
pub fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    let baseline = match &args.baseline {
        Some(dir) => match load_rules(Some(dir), err) {
            Some(r) => Some(r),
            None => return EXIT_FATAL,
        },
        None => None,
    };
    let gold = match load_gold(&args.gold, args.check.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the gold: {e}");
            return EXIT_FATAL;
        }
    };
    if let Some(missing) = args.inputs.iter().find(|p| !p.exists()) {
        let _ = writeln!(err, "error: input {} does not exist", missing.display());
        return EXIT_FATAL;
    }
    let evaluation = match evaluate_inputs(&gold, &args.inputs, &rules) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the inputs: {e}");
            return EXIT_FATAL;
        }
    };
    let titles: Vec<String> = (1..=5).map(|m| rules.titles.get(&m).cloned().unwrap_or_default()).collect();
    let mut summary = render::summary(&evaluation, &titles, &rules.label(), &gold.check_source);
    if let Some(old_rules) = &baseline {
        match evaluate_inputs(&gold, &args.inputs, old_rules) {
            Ok(old) => summary.push_str(&render::baseline_section(&evaluation, &old, &old_rules.label())),
            Err(e) => {
                let _ = writeln!(err, "error: cannot read the inputs: {e}");
                return EXIT_FATAL;
            }
        }
    }
    if let Err(e) = write_files(&evaluation, &titles, &summary, &args.out, args.all_errors) {
        let _ = writeln!(err, "error: cannot write the evaluation to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    for (stem, why) in &evaluation.skipped {
        let _ = writeln!(err, "warning: gold {stem}: {why}");
    }
    let _ = write!(out, "{summary}");
    let _ = writeln!(out, "\nevaluation files in {}", args.out.display());
    if evaluation.skipped.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED }
}

/// Finds each gold document's programme (whole documents by file stem, sampled ones by
/// path), scores it and evaluates it; each document is put in its split.
pub fn evaluate_inputs(gold: &GoldSet, inputs: &[std::path::PathBuf], rules: &RuleSet) -> std::io::Result<Evaluation> {
    let files = discover(inputs)?;
    let roots: Vec<&Path> = inputs.iter().filter(|p| p.is_dir()).map(|p| p.as_path()).collect();
    let meta = MetaTable::load(&roots);
    let docs: Vec<&GoldDoc> = gold.whole.iter().chain(&gold.sampled).collect();
    let outcomes: Vec<Result<DocEval, (String, String)>> =
        docs.par_iter().map(|g| evaluate_one(g, &files, &meta, rules, gold)).collect();
    let mut evaluation = Evaluation { docs: Vec::new(), skipped: Vec::new() };
    for o in outcomes {
        match o {
            Ok(d) => evaluation.docs.push(d),
            Err(s) => evaluation.skipped.push(s),
        }
    }
    Ok(evaluation)
}

fn evaluate_one(
    g: &GoldDoc,
    files: &[SourceFile],
    meta: &MetaTable,
    rules: &RuleSet,
    gold: &GoldSet,
) -> Result<DocEval, (String, String)> {
    let found = match &g.file {
        Some(path) => find_by_path(files, path),
        None => find_programme(files, &g.stem),
    };
    let what = if g.is_sampled() { "path" } else { "file stem" };
    let src = found.ok_or_else(|| (g.stem.clone(), format!("no programme with this {what} among the inputs")))?;
    let result = process(src, meta, rules);
    if !result.status.is_ok() {
        return Err((g.stem.clone(), format!("{} could not be scored: {}", result.file, result.status.label())));
    }
    let mut eval = if g.is_sampled() { evaluate_sampled(g, &result) } else { evaluate_doc(g, &result) };
    eval.split = if gold.check.contains(&g.stem) { Split::Check } else { Split::Tune };
    Ok(eval)
}

/// The first input file (in discovery order) whose stem is `stem`.
fn find_programme<'a>(files: &'a [SourceFile], stem: &str) -> Option<&'a SourceFile> {
    files.iter().find(|f| f.path.file_stem().is_some_and(|s| s.to_string_lossy() == stem))
}

/// The input file whose path below its input folder is `path` (or ends with `/path`).
fn find_by_path<'a>(files: &'a [SourceFile], path: &str) -> Option<&'a SourceFile> {
    let tail = format!("/{path}");
    files.iter().find(|f| f.rel == path || f.rel.ends_with(&tail))
}

fn write_files(
    eval: &Evaluation,
    titles: &[String],
    summary: &str,
    out: &Path,
    all_errors: bool,
) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let files: [(&str, Vec<u8>); 5] = [
        ("eval-mirrors.csv", render::mirrors_csv(eval, titles)?),
        ("eval-questions.csv", render::questions_csv(eval)?),
        ("eval-shares.csv", render::shares_csv(eval)?),
        ("eval-errors.csv", render::errors_csv(eval, all_errors)?),
        ("eval-summary.md", summary.as_bytes().to_vec()),
    ];
    for (name, bytes) in files {
        write_atomic(&out.join(name), &bytes)?;
    }
    Ok(())
}
