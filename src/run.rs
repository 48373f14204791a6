//! A whole scoring run: discover files, process them in parallel, collect results in order.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::ingest::{MetaTable, discover};
use crate::model::DocResult;
use crate::pipeline::process;
use crate::rules::RuleSet;

/// Everything a report needs.
#[derive(Debug)]
pub struct RunSummary {
    /// One result per input file, sorted by input and relative path.
    pub docs: Vec<DocResult>,
    /// The rule set's name, version and hash.
    pub rules_label: String,
    /// Mirror titles by number (1..=5).
    pub titles: Vec<String>,
    /// Warnings about the run as a whole (metadata files).
    pub warnings: Vec<String>,
}

impl RunSummary {
    /// Number of files that could not be scored.
    pub fn failed(&self) -> usize {
        self.docs.iter().filter(|d| !d.status.is_ok()).count()
    }
}

/// Scores every programme under `inputs`.
pub fn score_inputs(inputs: &[PathBuf], rules: &RuleSet, progress: bool) -> std::io::Result<RunSummary> {
    let files = discover(inputs)?;
    let roots: Vec<&std::path::Path> = inputs.iter().filter(|p| p.is_dir()).map(PathBuf::as_path).collect();
    let meta = MetaTable::load(&roots);
    let bar = progress_bar(files.len() as u64, progress);
    let docs: Vec<DocResult> = files
        .par_iter()
        .map(|f| {
            let r = process(f, &meta, rules);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let titles = (1..=5).map(|m| rules.titles.get(&m).cloned().unwrap_or_default()).collect();
    Ok(RunSummary { docs, rules_label: rules.label(), titles, warnings: meta.warnings })
}

fn progress_bar(len: u64, visible: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    if visible {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
    }
    bar
}
