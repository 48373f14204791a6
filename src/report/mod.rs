//! Reports: the only stage that writes output. CSV for spreadsheets, Markdown and HTML scorecards.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod scorecard;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::run::RunSummary;

/// Writes every report into `out`, each file atomically (temporary file, then rename).
pub fn write_all(summary: &RunSummary, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let card = scorecard::Scorecard::build(summary);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("scores.csv", csv::scores(summary)?),
        ("passages.csv", csv::passages(summary)?),
        ("scorecard.md", markdown::render(&card).into_bytes()),
        ("scorecard.html", html::render(&card).into_bytes()),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`,
/// so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
