//! Reads programmes for the lexicon tools (`kwic`, `rules suggest`): discover, ingest and segment
//! in this process, in parallel, with the same discovery, metadata and size limit as `score`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::ingest::{MetaTable, SourceFile, discover, load};
use crate::isolate::too_large;
use crate::lexicon::Doc;
use crate::model::Status;
use crate::pipeline::empty_status;
use crate::run::DEFAULT_MAX_SIZE_MIB;
use crate::segment::segment;

/// The readable programmes in input order, and what could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every programme with at least one sentence.
    pub docs: Vec<Doc>,
    /// `file: status (hint)` for each file left out.
    pub skipped: Vec<String>,
    /// Files left out by `--exclude`.
    pub excluded: usize,
    /// Problems with metadata files, and warnings about documents (`file: warning`).
    pub warnings: Vec<String>,
}

/// Reads every programme under `inputs` (folders are searched as `score` searches them), except
/// those whose file name without extension is in `exclude` (such as the gold's check documents).
pub fn read(inputs: &[PathBuf], exclude: &[String]) -> std::io::Result<Corpus> {
    if let Some(missing) = inputs.iter().find(|p| !p.exists()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("input {} does not exist", missing.display()),
        ));
    }
    let mut files = discover(inputs)?;
    let before = files.len();
    files.retain(|f| !exclude.iter().any(|x| stem(&f.rel) == x));
    let excluded = before - files.len();
    let roots: Vec<&Path> = inputs.iter().filter(|p| p.is_dir()).map(PathBuf::as_path).collect();
    let meta = MetaTable::load(&roots);
    let read: Vec<Result<(Doc, Vec<String>), String>> = files.par_iter().map(|f| read_one(f, &meta)).collect();
    let mut corpus = Corpus { warnings: meta.warnings, excluded, ..Corpus::default() };
    for r in read {
        match r {
            Ok((d, warnings)) => {
                corpus.warnings.extend(warnings.iter().map(|w| format!("{}: {w}", d.file)));
                corpus.docs.push(d);
            }
            Err(s) => corpus.skipped.push(s),
        }
    }
    Ok(corpus)
}

/// The file name without folders and extension: `tk2021-03_CDA` for `tk-pdf/tk2021-03_CDA.pdf`.
fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// The document and its warnings, or why it was skipped.
fn read_one(f: &SourceFile, meta: &MetaTable) -> Result<(Doc, Vec<String>), String> {
    let skipped = |status: Status| format!("{}: {}{}", f.rel, status.label(), super::score::hint(&status));
    if too_large(f, DEFAULT_MAX_SIZE_MIB * 1024 * 1024) {
        return Err(skipped(Status::TooLarge));
    }
    let doc = load(f, meta).map_err(skipped)?;
    let sentences = segment(&doc);
    if sentences.is_empty() {
        let kind =
            if doc.pages.first().is_some_and(|p| p.number > 0) { crate::ingest::SourceKind::Pdf } else { f.kind };
        return Err(skipped(empty_status(&doc, kind)));
    }
    Ok((Doc { file: doc.file, meta: doc.meta, sentences }, doc.warnings))
}

/// Writes metadata warnings and skipped files to `err`.
pub fn report_problems(corpus: &Corpus, err: &mut dyn std::io::Write) {
    for w in &corpus.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    for s in &corpus.skipped {
        let _ = writeln!(err, "skipped: {s}");
    }
    if corpus.excluded > 0 {
        let _ = writeln!(err, "excluded: {} file(s) named by --exclude", corpus.excluded);
    }
}
