//! The rule set: loading the `keywords/` folder, compiling it once, and matching sentences.

pub mod audit;
mod compile;
pub mod cost;
pub mod explain;
pub mod export;
pub mod import;
pub mod lists;
pub mod load;
pub mod parties;
pub mod pattern;
pub mod source;
pub mod version;
pub mod wordindex;

use std::collections::BTreeMap;
use std::path::Path;

pub use compile::{Matcher, RuleHit, Stance};
pub use explain::{Explanation, NearMiss};
pub use load::{RuleDef, RuleError, RuleSetMeta};
pub use parties::PartyAliases;
pub use source::RuleSource;

/// A compiled rule set, ready to match sentences.
#[derive(Debug)]
pub struct RuleSet {
    /// Name, version and stance cues.
    pub meta: RuleSetMeta,
    /// Mirror titles by mirror number.
    pub titles: BTreeMap<u8, String>,
    /// The rules in file and line order; a hit's `rule` indexes this.
    pub rules: Vec<RuleDef>,
    /// First 12 hex digits of the SHA-256 over the folder's files.
    pub hash: String,
    /// Party names by spelling, from the folder's `partijen.csv`.
    pub parties: PartyAliases,
    compiled: compile::Compiled,
}

impl RuleSet {
    /// Loads, checks and compiles every rule file in `dir`; returns every problem at once.
    pub fn load(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_source(&RuleSource::Dir(dir.to_path_buf()))
    }

    /// The rule set built into the binary (the `keywords/` folder it was built with).
    pub fn builtin() -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_source(&RuleSource::Builtin)
    }

    /// Loads, checks and compiles a rule set from a folder or the built-in one.
    pub fn load_source(source: &RuleSource) -> Result<RuleSet, Vec<RuleError>> {
        let loaded = load::load_source(source)?;
        let hash = hash_files(&loaded.files);
        let compiled = compile::Compiled::new(&loaded.rules, &loaded.meta.stance, &loaded.meta.lift)
            .map_err(|m| vec![RuleError { file: source.root(), line: 0, message: m }])?;
        Ok(RuleSet {
            meta: loaded.meta,
            titles: loaded.titles,
            rules: loaded.rules,
            hash,
            parties: loaded.parties,
            compiled,
        })
    }

    /// A rule set of one rule, `search`, whose only term is `term` (in the rule language:
    /// words, `*` wildcards, phrases, `NEAR/n`): for finding a term's matches with
    /// [`Matcher::rule_spans`] and rule 0, as `caleido kwic` does.
    pub fn from_term(term: &str) -> Result<RuleSet, String> {
        let value = pattern::parse(term)?;
        let def = RuleDef {
            id: "search".into(),
            mirror: 0,
            questions: Vec::new(),
            terms: vec![load::Located { value, source: term.to_string(), line: 0 }],
            except: Vec::new(),
            unless: Vec::new(),
            lend_to_section: false,
            under_heading: Vec::new(),
            beside_match: false,
            heading_only: false,
            examples: Vec::new(),
            counterexamples: Vec::new(),
            file: Default::default(),
            line: 0,
        };
        let meta = RuleSetMeta {
            name: "search".into(),
            version: String::new(),
            stance: Default::default(),
            context: Default::default(),
            lift: Default::default(),
            content_hash: None,
            file: Default::default(),
            example_lines: Vec::new(),
        };
        let compiled = compile::Compiled::new(std::slice::from_ref(&def), &meta.stance, &meta.lift)?;
        Ok(RuleSet {
            meta,
            titles: BTreeMap::new(),
            rules: vec![def],
            hash: String::new(),
            parties: PartyAliases::default(),
            compiled,
        })
    }

    /// The index of the rule with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// A matcher with its own cache; use one per document.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher::new(self, &self.compiled)
    }

    /// The rule set's version and hash as printed in reports: `0.1.0 (3fa2c9d01b7e)`.
    pub fn label(&self) -> String {
        format!("{} {} ({})", self.meta.name, self.meta.version, self.hash)
    }
}

/// The hash [`RuleSet::hash`] a rule set's files would give, without checking them; `None`
/// when the folder cannot be read.
pub fn source_hash(source: &RuleSource) -> Option<String> {
    let files = source.toml_files().ok()?;
    let bytes: Option<Vec<(String, Vec<u8>)>> =
        files.into_iter().map(|f| f.text.ok().map(|t| (f.name, t.into_bytes()))).collect();
    let mut bytes = bytes?;
    if let Some(table) = source.read(parties::PARTIES_FILE) {
        bytes.push((parties::PARTIES_FILE.to_string(), table));
    }
    Some(hash_files(&bytes))
}

fn hash_files(files: &[(String, Vec<u8>)]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut h = Sha256::new();
    for (name, bytes) in sorted {
        h.update(name.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}
