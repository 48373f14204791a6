//! `caleido extract`: a document as caleido scores it (or, with `--plain`, as read), for "why did this not match?".

use std::io::Write;

use crate::cli::ExtractArgs;
use crate::ingest::markup::Dropped;
use crate::ingest::{MetaTable, SourceFile, discover_all, kind_of_path, load_all};
use crate::matching::match_sentences;
use crate::pipeline::scored_units;
use crate::segment::segment;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, load_rules};

/// The file to read, or the saved site a folder holds (see `docs/ingest.md`).
fn source_of(path: &std::path::Path) -> Option<SourceFile> {
    if path.is_dir() {
        let mut found = discover_all(&[path.to_path_buf()]).files;
        return (found.len() == 1 && !found[0].pages.is_empty()).then(|| found.remove(0));
    }
    let rel = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    Some(SourceFile::single(path.to_path_buf(), rel, kind_of_path(path)?, Default::default()))
}

/// Prints pages, headings and sentences of one file (with `--matches`, the passages too).
pub fn run(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(src) = source_of(&args.file) else {
        let _ = writeln!(
            err,
            "error: {} is not a .pdf, .txt, .md, .html, .htm, .docx or .odt file, nor a folder of saved web pages of one party",
            args.file.display()
        );
        return EXIT_FATAL;
    };
    let rules = if args.matches {
        match load_rules(args.rules.as_deref(), err) {
            Some(r) => Some(r),
            None => return EXIT_FATAL,
        }
    } else {
        None
    };
    let (mut doc, title, dropped) = match load_all(&src, &MetaTable::default()) {
        Ok(loaded) => (loaded.document, loaded.title, loaded.dropped),
        Err(status) => {
            let _ = writeln!(err, "{}: {}", args.file.display(), status.label());
            return EXIT_SOME_FAILED;
        }
    };
    if args.plain {
        // The text as read, for comparisons with other extractors: nothing set aside.
        for s in &segment(&doc) {
            let _ = writeln!(out, "{}", s.text);
        }
        return EXIT_OK;
    }
    // The units as `score` counts and matches them.
    let (sentences, furniture_words, repeated_words) = scored_units(&mut doc);
    let passages = rules.as_ref().map(|r| match_sentences(r, &sentences)).unwrap_or_default();
    let _ = writeln!(out, "# {} ({} pages, {} sentences)", doc.file, doc.pages.len(), sentences.len());
    for (label, value) in [("title", &title), ("source", &doc.source_url)] {
        if !value.is_empty() {
            let _ = writeln!(out, "{label}: {value}");
        }
    }
    if furniture_words + repeated_words > 0 {
        let _ = writeln!(
            out,
            "set aside: {furniture_words} words of page furniture (running headers, menus), {repeated_words} of repeated units"
        );
    }
    let mut page = u32::MAX;
    for s in &sentences {
        if s.page != page {
            page = s.page;
            let _ = writeln!(out, "\n== page {page} ==");
        }
        let mark = if s.heading { "##" } else { "  " };
        let _ = writeln!(out, "{mark} [{}] {}", s.index, s.text);
        for p in passages.iter().filter(|p| p.sentence == s.index) {
            let _ = writeln!(
                out,
                "       -> mirror {} ({}) rules {} terms {} {}",
                p.mirror,
                p.questions.join(";"),
                p.rules.join(";"),
                p.terms.join(";"),
                p.stance.as_str()
            );
        }
    }
    if args.dropped {
        print_dropped(&dropped, out);
    }
    EXIT_OK
}

/// Lists what ingest left out, one line each: `[reason] text`.
fn print_dropped(dropped: &[Dropped], out: &mut dyn Write) {
    let _ = writeln!(out, "\n== dropped ({}) ==", dropped.len());
    for d in dropped {
        let _ = writeln!(out, "-- [{}] {}", d.reason, d.text);
    }
}
