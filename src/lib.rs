//! caleido measures how much room Dutch election programmes give to citizen initiative.
//!
//! Data flows one way: files ([`ingest`]) -> documents -> sentences ([`segment`]) ->
//! passages ([`matching`]) -> scores ([`score`]) -> reports ([`report`]).
#![deny(missing_docs)]
#![warn(clippy::print_stdout)]

pub mod change;
pub mod cleanup;
pub mod cli;
pub mod commands;
pub mod eval;
pub mod ingest;
pub mod isolate;
pub mod lexicon;
pub mod matching;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod rejoin;
pub mod repeats;
pub mod report;
pub mod resample;
pub mod reuse;
pub mod rules;
pub mod run;
pub mod score;
pub mod segment;
pub mod stability;
pub mod text;
pub mod validate;

/// caleido's version, printed in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
