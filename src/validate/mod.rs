//! The validation kit: draw a stratified sample of units for hand coding (`caleido sample`),
//! compare coders with each other and with the tool (`caleido agree`), and show the result in
//! the scorecards (`caleido score --validation`). See `docs/validation.md`.

pub mod agree;
pub mod alpha;
pub mod render;
pub mod rng;
pub mod sample;
pub mod section;
pub mod sheet;

pub use agree::{Agreement, agree};
pub use sample::{Sample, draw};

/// The file in an agree folder that `caleido score --validation` reads.
pub const AGREEMENT_FILE: &str = "agree.json";

/// The Dutch coder's guide, written beside every sample.
pub const CODER_GUIDE: &str = include_str!("../../docs/codeerwijzer.md");

/// Reads `agree.json` from the folder `caleido agree` wrote.
pub fn load_agreement(dir: &std::path::Path) -> Result<Agreement, String> {
    let path = dir.join(AGREEMENT_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
