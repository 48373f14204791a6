//! `caleido rules suggest`: candidate terms for a rule, for a person to accept or reject.

use std::io::Write;

use crate::cli::{SuggestArgs, SuggestFormat};
use crate::lexicon::suggest::{Candidate, Example, Options, Suggestions, suggest};
use crate::report::csv::{Dialect, safe_cell};
use crate::rules::RuleDef;

use super::{EXIT_FATAL, EXIT_OK, EXIT_SOME_FAILED, corpus, kwic::csv_writer, load_rules};

/// Column names of the CSV format, in order.
pub const SUGGEST_COLUMNS: [&str; 11] = [
    "rank",
    "term",
    "z",
    "log_odds",
    "in_matched",
    "in_other",
    "docs_matched",
    "docs",
    "example_1",
    "example_2",
    "example_3",
];

/// Ranks and prints candidate terms; changes nothing. Exit 1 when some files could not be read.
pub fn run(args: &SuggestArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    let Some(rule) = rules.position(&args.rule) else {
        let _ = writeln!(
            err,
            "error: no rule `{}` in {}",
            args.rule,
            crate::rules::RuleSource::from_arg(args.rules.as_deref()).describe()
        );
        let prefix = args.rule.split('.').next().unwrap_or_default();
        let near: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).filter(|id| id.starts_with(prefix)).collect();
        if !near.is_empty() {
            let _ = writeln!(err, "rules with that prefix: {}", near.join(", "));
        }
        return EXIT_FATAL;
    };
    let corpus = match corpus::read(&args.inputs, &args.exclude) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read the inputs: {e}");
            return EXIT_FATAL;
        }
    };
    corpus::report_problems(&corpus, err);
    let found = suggest(&rules, rule, &corpus.docs, Options { top: args.top, min_docs: args.min_docs });
    let def = &rules.rules[rule];
    let _ = match args.format {
        SuggestFormat::Text => print_text(def, &found, corpus.docs.len(), out),
        SuggestFormat::Csv => print_csv(&found, out),
    };
    let _ = match args.format {
        SuggestFormat::Text => writeln!(out, "{}", advice(def)),
        SuggestFormat::Csv => writeln!(err, "{}", advice(def)),
    };
    if corpus.skipped.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED }
}

/// How a person accepts a candidate: nothing is added by this command.
fn advice(def: &RuleDef) -> String {
    format!(
        "Nothing was added to any rule. Judge each candidate in its contexts (`caleido kwic TERM <DIR>`); \
         accept by adding the term to {} under {}, with an example and a counterexample.",
        def.file.display(),
        def.id
    )
}

fn print_text(def: &RuleDef, found: &Suggestions, docs: usize, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "rule {} ({}:{}) matches {} of {} distinct sentences ({} words outside the matches, {} in the other sentences), \
         in {} of {docs} documents",
        def.id,
        def.file.display(),
        def.line,
        found.matched_sentences,
        found.sentences,
        found.words.group,
        found.words.rest,
        found.matched_docs
    )?;
    writeln!(
        out,
        "candidates: words and word pairs in those sentences (outside the matched words) more than in the \
         others;\nlog-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), highest z first\n"
    )?;
    if found.candidates.is_empty() {
        writeln!(out, "no candidates")?;
    }
    for (i, c) in found.candidates.iter().enumerate() {
        print_candidate(i + 1, c, out)?;
    }
    Ok(())
}

fn print_candidate(rank: usize, c: &Candidate, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{rank:>3}. {}   z {:.2}, log-odds {:.2}", c.term, c.z, c.delta)?;
    writeln!(
        out,
        "     {} in matched sentences, {} in others; in {} documents, {} of them in matched sentences",
        c.in_matched, c.in_other, c.docs, c.docs_matched
    )?;
    for e in &c.examples {
        writeln!(out, "     {:<8}{}", if e.matched { "matched" } else { "new" }, example(e))?;
    }
    writeln!(out)
}

/// `file p. 3: left [match] right`.
fn example(e: &Example) -> String {
    let mut place = e.file.clone();
    if e.page > 0 {
        place.push_str(&format!(" p. {}", e.page));
    }
    if e.line > 0 {
        place.push_str(&format!(" l. {}", e.line));
    }
    let gap = if e.right.starts_with(char::is_alphanumeric) { " " } else { "" };
    format!("{place}: {} [{}]{gap}{}", e.left, e.term, e.right).replace(":  [", ": [")
}

fn print_csv(found: &Suggestions, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv_writer(Dialect::Rfc4180, out)?;
    w.write_record(SUGGEST_COLUMNS)?;
    for (i, c) in found.candidates.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            c.term.clone(),
            format!("{:.3}", c.z),
            format!("{:.3}", c.delta),
            c.in_matched.to_string(),
            c.in_other.to_string(),
            c.docs_matched.to_string(),
            c.docs.to_string(),
        ];
        for k in 0..3 {
            let cell = c.examples.get(k).map(|e| {
                let mark = if e.matched { "matched" } else { "new" };
                safe_cell(&format!("{mark}: {}", example(e)))
            });
            row.push(cell.unwrap_or_default());
        }
        w.write_record(&row)?;
    }
    w.flush()
}
