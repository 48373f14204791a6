//! `caleido kwic`: keyword in context over programmes, as CSV on stdout, counts on stderr.

use std::io::Write;

use rayon::prelude::*;

use crate::cli::KwicArgs;
use crate::lexicon::Doc;
use crate::lexicon::kwic::{Hit, hits};
use crate::report::csv::{Dialect, safe_cell};
use crate::rules::RuleSet;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, corpus};

/// Column names of the kwic CSV, in order.
pub const KWIC_COLUMNS: [&str; 9] = ["file", "party", "place", "year", "page", "line", "left", "match", "right"];

/// What is searched: a rule of the rule folder, or one term.
pub struct Search {
    /// A rule set whose rule `rule` is searched.
    pub rules: RuleSet,
    /// Index of the rule.
    pub rule: usize,
    /// For the summary: `rule m4.wijkbudget (keywords/m4.toml:12)` or `term wijkbudget*`.
    pub label: String,
}

/// Prints every match of the pattern in the inputs; exit 1 when some files could not be read.
pub fn run(args: &KwicArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let search = match resolve(&args.pattern, args.rules.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: `{}`: {e}", args.pattern);
            return EXIT_FATAL;
        }
    };
    let corpus = match corpus::read(&args.inputs, &args.exclude) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the inputs: {e}");
            return EXIT_FATAL;
        }
    };
    let found = search_docs(&search, &corpus.docs, args.window);
    let _ = write_csv(&corpus.docs, &found, args.csv_dialect, out);
    corpus::report_problems(&corpus, err);
    summary(&search, &corpus.docs, &found, corpus.skipped.len(), err);
    if corpus.skipped.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED }
}

/// The pattern as the id of a rule in `rules_dir` (the built-in rules when `None`) when that
/// rule set loads and has it, else as a term.
pub fn resolve(pattern: &str, rules_dir: Option<&std::path::Path>) -> Result<Search, String> {
    if !pattern.contains(char::is_whitespace)
        && rules_dir.is_none_or(std::path::Path::is_dir)
        && let Ok(rules) = RuleSet::load_source(&crate::rules::RuleSource::from_arg(rules_dir))
        && let Some(rule) = rules.position(pattern)
    {
        let def = &rules.rules[rule];
        let label = format!("rule {} ({}:{})", def.id, def.file.display(), def.line);
        return Ok(Search { rules, rule, label });
    }
    let rules = RuleSet::from_term(pattern)?;
    Ok(Search { rules, rule: 0, label: format!("term `{pattern}`") })
}

/// The hits of every document, in document order.
pub fn search_docs(search: &Search, docs: &[Doc], window: usize) -> Vec<Vec<Hit>> {
    docs.par_iter().map(|d| hits(&mut search.rules.matcher(), search.rule, &d.sentences, window)).collect()
}

fn write_csv(docs: &[Doc], found: &[Vec<Hit>], dialect: Dialect, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv_writer(dialect, out)?;
    w.write_record(KWIC_COLUMNS)?;
    for (d, hs) in docs.iter().zip(found) {
        for h in hs {
            let (page, line) = (h.page.to_string(), h.line.to_string());
            let text = [safe_cell(&h.left), safe_cell(&h.matched), safe_cell(&h.right)];
            let m = &d.meta;
            w.write_record([&d.file, &m.party, &m.place, &m.year, &page, &line, &text[0], &text[1], &text[2]])?;
        }
    }
    w.flush()
}

/// A CSV writer in `dialect` (commas, or semicolons after a byte-order mark for Excel in Dutch).
pub fn csv_writer(dialect: Dialect, out: &mut dyn Write) -> std::io::Result<csv::Writer<&mut dyn Write>> {
    let delimiter = match dialect {
        Dialect::Rfc4180 => b',',
        Dialect::ExcelNl => {
            out.write_all("\u{feff}".as_bytes())?;
            b';'
        }
    };
    Ok(csv::WriterBuilder::new().delimiter(delimiter).from_writer(out))
}

fn summary(search: &Search, docs: &[Doc], found: &[Vec<Hit>], skipped: usize, err: &mut dyn Write) {
    for (d, hs) in docs.iter().zip(found).filter(|(_, hs)| !hs.is_empty()) {
        let _ = writeln!(err, "{:>7}  {}", hs.len(), d.file);
    }
    let total: usize = found.iter().map(Vec::len).sum();
    let with = found.iter().filter(|h| !h.is_empty()).count();
    let _ = writeln!(
        err,
        "{total} hit(s) of {} in {with} of {} document(s); {skipped} file(s) skipped",
        search.label,
        docs.len()
    );
}
