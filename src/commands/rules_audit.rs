//! `caleido rules check --corpus`: reads a corpus (ingest and segment, in parallel) and prints
//! the audit's warnings and, with `--words`, what each wildcard accepts.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::cli::CheckArgs;
use crate::ingest::{MetaTable, discover, load};
use crate::model::Sentence;
use crate::rules::RuleSet;
use crate::rules::audit::{Audit, Limits, audit, listing, warnings};
use crate::segment::segment;

/// Runs the rules over the corpus and prints warnings to `err`, figures to `out`.
/// Returns false when the corpus folder cannot be read.
pub fn run(rules: &RuleSet, corpus: &Path, args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> bool {
    let docs = match read_corpus(corpus) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the corpus {}: {e}", corpus.display());
            return false;
        }
    };
    let limits = Limits { max_words: args.max_words, top: args.top, ..Limits::default() };
    let result = audit(rules, &docs.sentences, limits);
    for f in &docs.unreadable {
        let _ = writeln!(err, "{f}: warning: not read, left out of the corpus");
    }
    let found = warnings(rules, &result, limits);
    for w in &found {
        let _ = writeln!(err, "{w}");
    }
    if args.words {
        print_words(rules, &result, limits, out);
    }
    print_summary(rules, &result, found.len(), out);
    true
}

/// The sentences of every readable programme, and the files that could not be read.
struct Corpus {
    sentences: Vec<Vec<Sentence>>,
    unreadable: Vec<String>,
}

fn read_corpus(dir: &Path) -> std::io::Result<Corpus> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"));
    }
    let files = discover(&[dir.to_path_buf()])?;
    let meta = MetaTable::default();
    let read: Vec<Result<Vec<Sentence>, String>> = files
        .par_iter()
        .map(|f| load(f, &meta).map(|doc| segment(&doc)).map_err(|s| format!("{} ({})", f.path.display(), s.label())))
        .collect();
    let mut corpus = Corpus { sentences: Vec::new(), unreadable: Vec::new() };
    for r in read {
        match r {
            Ok(s) => corpus.sentences.push(s),
            Err(f) => corpus.unreadable.push(f),
        }
    }
    Ok(corpus)
}

fn print_words(rules: &RuleSet, result: &Audit, limits: Limits, out: &mut dyn Write) {
    for w in &result.wildcards {
        let rule = &rules.rules[w.rule];
        let _ = writeln!(
            out,
            "{}:{}: rule `{}`: `{}` accepts {} word(s), {} time(s): {}",
            rule.file.display(),
            w.line,
            rule.id,
            w.pattern,
            w.words.len(),
            w.occurrences(),
            listing(&w.words, limits.top)
        );
        if !w.unvouched.is_empty() {
            let _ = writeln!(out, "    not vouched for: {}", listing(&w.unvouched, limits.top));
        }
    }
}

fn print_summary(rules: &RuleSet, result: &Audit, warnings: usize, out: &mut dyn Write) {
    let firing = result.fired.iter().filter(|n| **n > 0).count();
    let _ = writeln!(
        out,
        "corpus: {} documents, {} sentences; {firing} of {} rules fire; {warnings} warning(s)",
        result.documents,
        result.sentences,
        rules.rules.len()
    );
    let (headings, added): (usize, usize) = result.lending.iter().fold((0, 0), |a, l| (a.0 + l.0, a.1 + l.1));
    let lenders: Vec<usize> = (0..rules.rules.len()).filter(|&r| rules.rules[r].lend_to_section).collect();
    let now: usize = lenders.iter().map(|&r| result.lending[r].1).sum();
    let _ = writeln!(
        out,
        "lend_to_section: rules fire on {headings} heading(s); lending from all of them would add {added} \
         sentence-mirror match(es); the {} rule(s) that set it add {now}",
        lenders.len()
    );
}
