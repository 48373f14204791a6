//! Tools for growing the rule lexicon from a corpus: keyword in context ([`kwic`]) and
//! candidate terms that come with a rule's matches ([`suggest`], scored by [`logodds`]).
//! Pure functions over segmented documents; reading and printing happen in `commands`.

pub mod kwic;
pub mod logodds;
mod stopwords;
pub mod suggest;

use crate::model::{Meta, Sentence};

/// A segmented programme.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to its input folder.
    pub file: String,
    /// Party, place and year.
    pub meta: Meta,
    /// The coding units.
    pub sentences: Vec<Sentence>,
}
