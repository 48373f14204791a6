//! A whole scoring run: discover files, process them in parallel, collect results in order.

use std::path::PathBuf;

use std::sync::Mutex;

use rayon::prelude::*;

use crate::ingest::{MetaTable, Skipped, SourceFile, discover_all};
use crate::isolate::pool::{WorkerCommand, run_pool};
use crate::isolate::{Job, Limits, too_large};
use crate::model::{DocResult, Meta, Status};
use crate::pipeline::{failed, process};
use crate::progress::{Display, Progress};
use crate::reuse::{ShingleStore, TextId};
use crate::rules::RuleSet;

/// Default per-file time limit, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// Default per-worker memory limit, in MiB.
pub const DEFAULT_MAX_MEMORY_MIB: u64 = 1024;
/// Default largest input file, in MiB.
pub const DEFAULT_MAX_SIZE_MIB: u64 = 256;

/// Everything a report needs.
#[derive(Debug, Clone)]
pub struct RunSummary {
    /// One result per input file, sorted by input and relative path.
    pub docs: Vec<DocResult>,
    /// The rule set's name, version and hash.
    pub rules_label: String,
    /// Mirror titles by number (1..=5).
    pub titles: Vec<String>,
    /// Ids of every rule in the rule set, in rule-set order, then `<id>^heading` for each rule that
    /// lends its mirror to the sentences under a heading it matched (`counts.csv` has a column
    /// for each).
    pub rule_ids: Vec<String>,
    /// Warnings about the run as a whole (metadata files).
    pub warnings: Vec<String>,
    /// Files and folders under the inputs that were not scored, and why.
    pub skipped: Vec<Skipped>,
}

impl RunSummary {
    /// Number of files that could not be scored.
    pub fn failed(&self) -> usize {
        self.docs.iter().filter(|d| !d.status.is_ok()).count()
    }
}

/// How the files of a run are processed.
#[derive(Debug, Clone)]
pub enum Mode {
    /// In this process, on the rayon thread pool (for debugging: a hanging parser hangs the run).
    InProcess,
    /// In worker processes started with this command, that many at a time.
    Isolated(WorkerCommand, usize),
}

/// Options of a scoring run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// In process or in worker processes.
    pub mode: Mode,
    /// Per-file limits (time and memory apply to isolated runs only).
    pub limits: Limits,
    /// How progress is shown on stderr.
    pub progress: Display,
    /// Keep every sentence of every document (for `caleido sample`), instead of only what the
    /// reports need; in process only (workers send thinned results).
    pub keep_sentences: bool,
    /// A folder for the reuse measure's scratch file (the shingles of every distinct text, about
    /// 12 bytes a word, on disk rather than in memory); `None` keeps them in memory.
    pub scratch: Option<PathBuf>,
}

/// Scores every programme under `inputs` in this process, with the default size limit.
pub fn score_inputs(inputs: &[PathBuf], rules: &RuleSet, progress: bool) -> std::io::Result<RunSummary> {
    let limits = Limits::new(DEFAULT_TIMEOUT_SECS, DEFAULT_MAX_MEMORY_MIB, DEFAULT_MAX_SIZE_MIB);
    let progress = if progress { Display::Bar } else { Display::Hidden };
    score_inputs_with(
        inputs,
        rules,
        &RunOptions { mode: Mode::InProcess, limits, progress, keep_sentences: false, scratch: None },
    )
}

/// Scores every programme under `inputs` as `options` say; results keep the input order. Files
/// that cannot be found or read are skipped or get a status: this fails only when no worker
/// process starts.
pub fn score_inputs_with(inputs: &[PathBuf], rules: &RuleSet, options: &RunOptions) -> std::io::Result<RunSummary> {
    score_inputs_shown(inputs, rules, options, &Progress::new(options.progress))
}

/// As [`score_inputs_with`], with the progress shown (and the stage times kept) by `progress`.
pub fn score_inputs_shown(
    inputs: &[PathBuf],
    rules: &RuleSet,
    options: &RunOptions,
    progress: &Progress,
) -> std::io::Result<RunSummary> {
    let found = discover_all(inputs);
    let files = found.files;
    let mut meta = MetaTable::load_folders(&found.folders);
    meta.warn_missing(files.iter().map(|f| f.rel.as_str()));
    progress.start_files(files.len() as u64);
    let store = Mutex::new(options.scratch.as_deref().map_or_else(ShingleStore::default, ShingleStore::in_folder));
    // Each result keeps what the reports need; its shingles go to the store, one copy per text.
    let arrive = |doc: DocResult| -> (DocResult, Option<TextId>) {
        let mut doc = if options.keep_sentences { doc } else { compact(keep_what_reports_need(doc)) };
        let units = std::mem::take(&mut doc.shingles);
        let id = doc.status.is_ok().then(|| {
            let units = if units.is_empty() { crate::reuse::unit_shingles(&doc.sentences) } else { units };
            store.lock().unwrap_or_else(|e| e.into_inner()).add(units)
        });
        progress.inc(1);
        (doc, id)
    };
    let max_size = options.limits.max_size;
    let (mut docs, ids): (Vec<DocResult>, Vec<Option<TextId>>) = match &options.mode {
        Mode::InProcess => files
            .par_iter()
            .map(|f| {
                arrive(if too_large(f, max_size) {
                    failed(f, &meta, Status::TooLarge)
                } else {
                    process(f, &meta, rules)
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .unzip(),
        Mode::Isolated(cmd, workers) => {
            isolated(&files, &meta, cmd, *workers, &options.limits, &arrive)?.into_iter().unzip()
        }
    };
    progress.finish_files();
    docs.iter_mut().for_each(|d| rules.parties.apply(&mut d.meta));
    let store = store.into_inner().unwrap_or_else(|e| e.into_inner());
    let reuse = annotate_reuse(&mut docs, |docs| crate::reuse::annotate_with(docs, &store, &ids));
    let titles = (1..=5).map(|m| rules.titles.get(&m).cloned().unwrap_or_default()).collect();
    let mut warnings = meta.warnings;
    warnings.extend(reuse.err());
    warnings.extend(crate::ingest::crowded_places(docs.iter().map(|d| &d.meta)));
    let mut skipped = found.skipped;
    skipped.iter_mut().for_each(|s| strip(&mut s.path));
    let lent = rules.rules.iter().filter(|r| r.lend_to_section).map(|r| format!("{}^heading", r.id));
    let rule_ids = rules.rules.iter().map(|r| r.id.clone()).chain(lent).collect();
    Ok(RunSummary { docs, rules_label: rules.label(), titles, rule_ids, warnings, skipped })
}

/// Measures reuse and copies across the run's programmes. A scratch file that cannot be read
/// back (a failing disk) costs the reuse figures, not the run: they are left empty for every
/// programme, and the warning says why.
fn annotate_reuse(docs: &mut [DocResult], annotate: impl FnOnce(&mut [DocResult])) -> Result<(), String> {
    let measured = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| annotate(&mut *docs)));
    measured.map_err(|p| {
        for d in docs.iter_mut() {
            d.score.reused_pct = 0.0;
            d.score.reused_from.clear();
            d.score.duplicate_of.clear();
        }
        let why = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
        format!(
            "reuse across programmes not measured (reused_pct, duplicate_of left empty): {}",
            why.unwrap_or_default()
        )
    })
}

/// Files too large are not sent to a worker; the others are, and get their metadata here. Each
/// result goes through `arrive` as soon as its worker sends it.
fn isolated<R: Send>(
    files: &[SourceFile],
    meta: &MetaTable,
    cmd: &WorkerCommand,
    workers: usize,
    limits: &Limits,
    arrive: &(dyn Fn(DocResult) -> R + Sync),
) -> std::io::Result<Vec<R>> {
    let (big, small): (Vec<usize>, Vec<usize>) =
        (0..files.len()).partition(|&i| too_large(&files[i], limits.max_size_for(files[i].kind)));
    let jobs: Vec<Job> = small.iter().map(|&i| Job::of(&files[i])).collect();
    let mut out: Vec<Option<R>> = (0..files.len()).map(|_| None).collect();
    for i in big {
        out[i] = Some(arrive(failed(&files[i], meta, Status::TooLarge)));
    }
    let answers = run_pool(&jobs, cmd, workers, limits.timeout, &|j, answer| {
        let f = &files[small[j]];
        arrive(match answer {
            Ok(doc) => DocResult { meta: merged_meta(meta.lookup(&f.rel), &doc.meta), ..doc },
            Err(status) => failed(f, meta, status),
        })
    })?;
    for (&i, r) in small.iter().zip(answers) {
        out[i] = Some(r);
    }
    Ok(out.into_iter().flatten().collect())
}

/// The metadata table's row for a file, with the year a worker read from the file itself
/// (front matter `date`) where the table and the names give none.
fn merged_meta(table: Meta, from_file: &Meta) -> Meta {
    let year = if table.year.is_empty() { from_file.year.clone() } else { table.year };
    Meta { year, ..table }
}

/// Drops what no report reads, so a large run fits in memory: of the sentences, only the word
/// counts of all ([`DocResult::sentence_words`]) and the matched ones and their headings stay
/// (a matched sentence without its text: the passage has it). Strips direction controls from
/// every text a report shows.
pub fn keep_what_reports_need(mut doc: DocResult) -> DocResult {
    if doc.sentence_words.is_empty() && !doc.sentences.is_empty() {
        doc.sentence_words = doc.words_per_sentence();
        if doc.status.is_ok() {
            doc.shingles = crate::reuse::unit_shingles(&doc.sentences);
        }
        let matched: std::collections::BTreeSet<usize> = doc.passages.iter().map(|p| p.sentence).collect();
        let headings: std::collections::BTreeSet<usize> =
            matched.iter().filter_map(|&i| doc.sentence(i).and_then(|s| s.section)).collect();
        doc.sentences.retain(|s| matched.contains(&s.index) || headings.contains(&s.index));
        for s in &mut doc.sentences {
            if headings.contains(&s.index) {
                strip(&mut s.text);
            } else {
                s.text = String::new();
            }
        }
        doc.sentences.shrink_to_fit();
    }
    let m = &mut doc.meta;
    for t in [&mut doc.file, &mut m.party, &mut m.party_as_written, &mut m.place, &mut m.year, &mut doc.source_url] {
        strip(t);
    }
    doc.warnings.iter_mut().for_each(strip);
    if let Status::Damaged(why) | Status::Unreadable(why) = &mut doc.status {
        strip(why);
    }
    for p in &mut doc.passages {
        strip(&mut p.text);
        p.terms.iter_mut().for_each(strip);
    }
    doc
}

/// Gives back the spare room of a result's lists (a list read from a worker's answer grows by
/// doubling): thousands of results stay in memory until the reports are written.
fn compact(mut doc: DocResult) -> DocResult {
    doc.sentence_words.shrink_to_fit();
    doc.sentences.shrink_to_fit();
    doc.passages.shrink_to_fit();
    for p in &mut doc.passages {
        p.questions.shrink_to_fit();
        p.rules.shrink_to_fit();
        p.terms.shrink_to_fit();
    }
    doc
}

fn strip(text: &mut String) {
    if text.chars().any(crate::text::is_bidi_control) {
        *text = crate::text::strip_bidi(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceFile;

    #[test]
    fn a_reuse_measure_that_fails_leaves_empty_figures_and_a_warning() {
        let file = SourceFile::single("a.txt".into(), "a.txt".into(), crate::ingest::SourceKind::Text, ".".into());
        let mut docs = vec![failed(&file, &MetaTable::default(), Status::Empty)];
        let result = annotate_reuse(&mut docs, |docs| {
            docs[0].score.reused_pct = 40.0;
            docs[0].score.duplicate_of = "b.txt".into();
            panic!("cannot read back the scratch file");
        });
        let warning = result.unwrap_err();
        assert!(warning.contains("not measured") && warning.contains("cannot read back"), "{warning}");
        assert_eq!((docs[0].score.reused_pct, docs[0].score.duplicate_of.as_str()), (0.0, ""));
        assert!(annotate_reuse(&mut docs, |_| ()).is_ok());
    }
}
